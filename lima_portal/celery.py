import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lima_portal.settings")

app = Celery("lima_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
