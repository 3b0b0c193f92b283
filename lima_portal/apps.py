from django.apps import AppConfig


class LimaPortalConfig(AppConfig):
    name = "lima_portal"

    def ready(self):
        from . import public_content

        public_content.connect()
