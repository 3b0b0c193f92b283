from django.apps import AppConfig


class GoodPracticesConfig(AppConfig):
    name = "good_practices"

    def ready(self):
        from progress.reports import registry

        from .reports import COLUMNS, add_matches

        registry.extend("needs", columns=COLUMNS, enrich=add_matches)
