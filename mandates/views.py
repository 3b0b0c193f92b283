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
