from django.shortcuts import render

from common.pagecache import public_page

from .. import selectors
from ..models import Participant


@public_page
def participant_list(request):
    # Rows, not models: the page shows codes, names and acronyms only.
    participants = selectors.participant_rows()
    return render(
        request,
        "accounts/participant_list.html",
        {
            "states": [p for p in participants if p.kind == Participant.Kind.STATE],
            "entities": [p for p in participants if p.kind == Participant.Kind.JSWG],
        },
    )
