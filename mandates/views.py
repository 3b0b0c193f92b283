from django.shortcuts import render

from . import selectors


def mandate_list(request):
    return render(
        request,
        "mandates/mandate_list.html",
        {
            "sections": selectors.sections_with_mandates(),
            "unplaced": selectors.mandates_without_section(),
        },
    )


def mandate_detail(request, number: int):
    mandate = selectors.mandate_get(number=number)
    previous, following = selectors.mandate_neighbours(mandate=mandate)
    return render(
        request,
        "mandates/mandate_detail.html",
        {"mandate": mandate, "previous": previous, "following": following},
    )
