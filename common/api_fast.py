"""Read-only API answers built directly, without walking DRF's fields.

A ModelSerializer answers a list by walking every declared field of every row:
a source lookup, a None check and a to_representation per field, some 0.14 ms
for a report of twenty fields (14 ms of a page of 100), after building its
fields (deep copies of the declared ones, the model's introspection). The
public lists' serializers write their `to_representation` as one dict instead;
the fields stay declared, for the schema and the generic path, and
tests/lima_portal/test_api_fast.py compares the two on the same records, in
every language (`generic_representation`).
"""

from types import SimpleNamespace

from django.conf import settings
from django.db.models import Count, Window
from django.urls import reverse
from django.utils import timezone
from rest_framework import serializers

from .params import query_int

_DATE = serializers.DateField()


def iso_date(value):
    """What a DateField answers: ISO 8601, None when empty."""
    return _DATE.to_representation(value)


def iso_datetime_in_active_zone():
    """What a DateTimeField answers (ISO 8601 in the active time zone, "Z" for
    UTC, None when empty), as a function that reads the zone once rather than
    per value: the rows of one answer share it, and reading it was half the
    cost of a row."""
    zone = timezone.get_current_timezone() if settings.USE_TZ else None
    return serializers.DateTimeField(default_timezone=zone).to_representation


def text(value) -> str | None:
    """What a CharField answers: the text, None when empty (NULL)."""
    return None if value is None else str(value)


def file_or_link_address(item, request, viewname: str, **kwargs) -> str:
    """What an API answer gives as the address of a FileOrLink: its link, or
    the (absolute, with a request) address of the view that downloads its
    file, `viewname` with `kwargs`."""
    if not item.file:
        return item.url
    path = reverse(viewname, kwargs=kwargs)
    return request.build_absolute_uri(path) if request else path


def translated(model, field: str, row) -> str:
    """`field` of a row in the active language, with modeltranslation's own
    fallbacks: its descriptor reads the row's per-language attributes."""
    return getattr(model, field).__get__(row, model)


class ListedAsRows:
    """A list view set whose page is read as rows, not model instances.

    Each instance costs some 30 µs to build (more with modeltranslation's
    hooks); a row is a namespace of `row_columns` with the records' attribute
    names, which `row()` completes, so the serializer reads rows and instances
    (a record asked for alone) alike.
    """

    row_columns: tuple[str, ...]

    def paginate_queryset(self, queryset):
        rows = counted_page(self, queryset.values(*self.row_columns))
        page = super().paginate_queryset(rows)
        return None if page is None else [self.row(values) for values in page]

    def row(self, values: dict) -> SimpleNamespace:
        return SimpleNamespace(**values)


def generic_representation(serializer, instance) -> dict:
    """The answer DRF's own ModelSerializer path gives: what a fast
    `to_representation` must equal."""
    return serializers.Serializer.to_representation(serializer, instance)


class CountedRows:
    """Rows (a values() QuerySet) as a Paginator pages them, told which slice
    it will ask for: that slice and the count of all in one query (a window
    count) rather than a COUNT and then the slice. Any other slice, or a page
    past the last, is read as usual."""

    def __init__(self, rows, start: int, size: int):
        self.rows, self.start, self.size = rows, start, size
        self.total: int | None = None
        self.read: list[dict] | None = None

    def count(self) -> int:
        if self.total is None:
            counted = self.rows.annotate(listed_total=Window(Count("pk")))
            page = list(counted[self.start : self.start + self.size])
            if page or not self.start:
                self.total = page[0]["listed_total"] if page else 0
                for row in page:
                    del row["listed_total"]
                self.read = page
            else:
                self.total = self.rows.count()
        return self.total

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if (
            isinstance(index, slice)
            and self.read is not None
            and (index.start or 0) == self.start
            and index.stop is not None
            and index.stop <= self.start + self.size
        ):
            return self.read[: index.stop - self.start]
        return self.rows[index]


def counted_page(view, rows):
    """`rows` as the view's paginator will page them: CountedRows expecting
    the page the request asks for (the first when it names none, or not a
    number: the paginator then answers as usual)."""
    paginator = view.paginator
    size = paginator.get_page_size(view.request) if paginator else None
    if not size:
        return rows
    number = query_int(view.request.query_params, paginator.page_query_param, low=1)
    if number is not None and number > 1_000_000:  # past any page; an OFFSET
        return rows  # must fit a bigint: the paginator answers it as usual
    return CountedRows(rows, ((number or 1) - 1) * size, size)
