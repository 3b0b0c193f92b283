"""Rows of the public tables of reports, written in Python rather than in a
template loop (as dashboards/markup.py does for the matrix).

Through the template engine each row of these tables cost a `{% url %}`, a few
`{% translate %}` and a dozen variables, each looked up, localised and escaped
on its own: about 0.2 ms a row, most of a page of 50 rows. Here what repeats
(the address pattern, the labels of the levels) is computed once per page and
a row is one string; the markup is the one the templates wrote
(tests/public_site/test_markup.py compares them).
"""

from django.utils import dateformat
from django.utils.formats import get_format
from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import get_current_timezone
from django.utils.translation import gettext, ngettext

from common.links import address_maker
from mandates.templatetags.mandates import mandate_name
from progress.models import ImplementationLevel


def level(report, labels: dict | None = None) -> str:
    """What public_site/includes/_level.html wrote. `labels`: the levels'
    labels in the active language, from level_labels(), once per page."""
    code = report.implementation_level
    if not code:
        return "—"
    label = (labels or level_labels()).get(code, code)
    return f'<span class="level level-{esc(code)}">{esc(label)}</span>'


def level_labels() -> dict[str, str]:
    # get_implementation_level_display() builds this dict on every call.
    return {code: str(label) for code, label in ImplementationLevel.choices}


def observation_cell(report) -> str:
    """What civil_society/includes/_observation_cell.html writes."""
    if not report.observations:
        return "—"
    count = len(report.observations)
    text = ngettext("%(counter)s observation", "%(counter)s observations", count) % {
        "counter": count
    }
    cell = f'<a href="#observations-report-{report.pk}">{esc(text)}</a>'
    if report.different_views:
        different = esc(gettext("Different views"))
        cell += f' <strong class="different-views">{different}</strong>'
    return cell


def _rows(parts: list[str]) -> SafeString:
    return mark_safe("".join(parts))  # noqa: S308 - every part is escaped or fixed


def published_report_rows(reports) -> SafeString:
    """The body rows of the public list of reports (/reports/)."""
    address = address_maker("progress:report_detail")
    labels = level_labels()
    mandate = gettext("Mandate %(number)s")
    day, here = get_format("DATE_FORMAT"), get_current_timezone()
    # A page shows a few participants, cycles, mandates and days many times
    # over (a date format takes 50 µs: it is written once per day).
    participants, cycles, mandates, days = {}, {}, {}, {}
    parts = []
    for report in reports:
        if report.participant_id not in participants:
            participants[report.participant_id] = esc(report.participant.name)
        if report.cycle_id not in cycles:
            cycles[report.cycle_id] = esc(report.cycle.name)
        if report.mandate_id not in mandates:
            section = report.mandate.section
            mandates[report.mandate_id] = (
                esc(mandate % {"number": report.mandate.number}),
                f' <span class="muted">({esc(section.code)})</span>' if section else "",
            )
        name, section = mandates[report.mandate_id]
        published = ""
        if report.published_at:
            date = report.published_at.astimezone(here).date()
            if date not in days:
                days[date] = esc(dateformat.format(date, day))
            published = days[date]
        parts.append(
            "\n  <tr>\n"
            f"    <td>{participants[report.participant_id]}</td>\n"
            f'    <th scope="row"><a href="{address(report.pk)}">{name}</a>'
            f"{section}</th>\n"
            f"    <td>{cycles[report.cycle_id]}</td>\n"
            f"    <td>{level(report, labels)}</td>\n"
            f"    <td>{published}</td>\n"
            "  </tr>\n  "
        )
    return _rows(parts)


def mandate_report_rows(reports) -> SafeString:
    """The body rows of a mandate's table of published progress, one per
    participant."""
    return _progress_rows(reports, lambda report: esc(report.participant.name))


def participant_report_rows(reports) -> SafeString:
    """The body rows of a participant's table of published progress, one per
    mandate."""
    return _progress_rows(reports, lambda report: mandate_name(report.mandate))


def _progress_rows(reports, heading) -> SafeString:
    """A row per report: `heading(report)` (escaped HTML) linked to the
    report, its level, its public evidence and its observations."""
    address = address_maker("progress:report_detail")
    labels = level_labels()
    return _rows(
        [
            "\n  <tr>\n"
            f'    <th scope="row"><a href="{address(report.pk)}">'
            f"{heading(report)}</a></th>\n"
            f"    <td>{level(report, labels)}</td>\n"
            f"    <td>{report.public_evidence_count}</td>\n"
            f"    <td>{observation_cell(report)}</td>\n"
            "  </tr>\n  "
            for report in reports
        ]
    )


def link_items(links) -> SafeString:
    """`<li>` links of (address, name) pairs, as the dashboards' lists of
    mandates and participants wrote them in a template loop."""
    return _rows(
        [f'<li><a href="{esc(href)}">{esc(name)}</a></li>' for href, name in links]
    )
