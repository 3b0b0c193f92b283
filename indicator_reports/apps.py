from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorReportsConfig(AppConfig):
    name = "indicator_reports"
    verbose_name = _("Indicator reports")
