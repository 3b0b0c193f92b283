from django.shortcuts import render

from common.pagecache import public_page

from .. import markup, selectors
from ..models import Participant


@public_page
def participant_list(request):
    # Rows, not models: the page shows codes, names and acronyms only.
    participants = selectors.participant_rows()
    states = [p for p in participants if p.kind == Participant.Kind.STATE]
    entities = [p for p in participants if p.kind == Participant.Kind.JSWG]
    return render(
        request,
        "accounts/participant_list.html",
        {
            "states": states,
            "entities": entities,
            "state_items": markup.state_items(states),
            "entity_items": markup.entity_items(entities),
        },
    )
