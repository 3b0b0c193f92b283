from django.shortcuts import render

from common.pagecache import public_page

from . import selectors
from .markup import mandate_items


@public_page
def mandate_list(request):
    sections = list(selectors.sections_with_mandates())
    for section in sections:
        section.items = mandate_items(section.mandate_list)
    unplaced = list(selectors.mandates_without_section())
    return render(
        request,
        "mandates/mandate_list.html",
        {
            "sections": sections,
            "unplaced": unplaced,
            "unplaced_items": mandate_items(unplaced),
        },
    )
