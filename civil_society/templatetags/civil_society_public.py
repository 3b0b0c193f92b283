"""The observations beside a published report, on the report's own page.

The report page belongs to progress, below civil_society: progress cannot
import this app, so its template loads this tag instead. Nothing shows beside
a report that is not published.
"""

from django import template

from .. import public

register = template.Library()


@register.inclusion_tag("civil_society/includes/_report_observations.html")
def observations_beside(report):
    return {"report": report, "observations": public.for_report(report)}
