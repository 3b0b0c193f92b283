from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "progress"

    def ready(self):
        # The standard indicator reports register themselves on import; other
        # apps extend or replace them from their own ready() (see registry).
        from .reports import kinds  # noqa: F401
