from django.shortcuts import render

from common.pagecache import public_page

from . import selectors
from .markup import mandate_items


@public_page
def mandate_list(request):
    sections, unplaced = selectors.mandate_outline()
    for section in sections:
        section.items = mandate_items(section.mandate_list)
    return render(
        request,
        "mandates/mandate_list.html",
        {
            "sections": sections,
            "unplaced": unplaced,
            "unplaced_items": mandate_items(unplaced),
        },
    )
