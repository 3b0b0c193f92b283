from django.apps import AppConfig


class CivilSocietyConfig(AppConfig):
    name = "civil_society"
