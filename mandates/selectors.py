from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404

from .models import Mandate, Section


def sections_with_mandates():
    """Sections in order, each with its mandates in one extra query."""
    return Section.objects.prefetch_related(
        Prefetch("mandates", queryset=Mandate.objects.order_by("number"))
    ).annotate(mandate_count=Count("mandates"))


def mandates_without_section():
    return Mandate.objects.filter(section__isnull=True).order_by("number")


def mandate_list(*, section: str | None = None):
    mandates = Mandate.objects.with_section()
    if section:
        mandates = mandates.filter(section__code=section)
    return mandates


def mandate_get(*, number: int) -> Mandate:
    return get_object_or_404(Mandate.objects.with_section(), number=number)


def mandate_neighbours(*, mandate: Mandate) -> tuple[int | None, int | None]:
    numbers = Mandate.objects.filter(
        Q(number=mandate.number - 1) | Q(number=mandate.number + 1)
    ).values_list("number", flat=True)
    previous = mandate.number - 1 if mandate.number - 1 in numbers else None
    following = mandate.number + 1 if mandate.number + 1 in numbers else None
    return previous, following


def commitment_figures() -> dict[str, int]:
    return {
        "sections": Section.objects.count(),
        "mandates": Mandate.objects.count(),
        "official_texts": Mandate.objects.with_official_text().count(),
    }
