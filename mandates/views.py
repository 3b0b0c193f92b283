from django.shortcuts import render

from common.pagecache import public_page

from . import selectors


@public_page
def mandate_list(request):
    return render(
        request,
        "mandates/mandate_list.html",
        {
            "sections": selectors.sections_with_mandates(),
            "unplaced": selectors.mandates_without_section(),
        },
    )
