from django.apps import AppConfig


class GoodPracticesConfig(AppConfig):
    name = "good_practices"
