"""From the focal point's invitation, through the worker's email, to a draft
written by the new contributor."""

import re
import time

from django.core import mail
from django.utils import translation

from mandates.models import Mandate
from progress import history
from progress.models import ProgressReport

from ..conftest import SignInClient


def wait_for_email(seconds=20):
    deadline = time.monotonic() + seconds
    while not mail.outbox and time.monotonic() < deadline:
        time.sleep(0.1)
    assert mail.outbox, "the worker sent no email"
    return mail.outbox[0]


def test_invited_colleague_accepts_by_email_and_drafts_their_mandate(
    live_worker, reference_data, client, focal, participant, cycle, settings
):
    settings.PORTAL_URL = "https://portal.example.org"
    client.force_login(focal)
    numbers = Mandate.objects.filter(number__in=[1, 2]).values_list("pk", flat=True)
    with translation.override("fr"):
        client.post(
            "/fr/workspace/ARG/contributors/",
            {"email": "Colleague@Example.org", "mandates": [str(n) for n in numbers]},
        )
    message = wait_for_email()
    assert message.to == ["colleague@example.org"]
    # In French, the language the focal point wrote in.
    assert message.subject == (
        "Invitation à contribuer aux rapports du participant «\u00a0Argentine\u00a0»"
    )
    link = re.search(
        r"https://portal\.example\.org(/fr/invitations/\S+/)", message.body
    )
    assert link, message.body

    colleague = SignInClient()
    accepted = colleague.post(
        link.group(1),
        {
            "full_name": "Claire Collègue",
            "password1": "a long pass phrase 7",
            "password2": "a long pass phrase 7",
            "agree": "on",
        },
    )
    assert accepted["Location"] == "/fr/workspace/ARG/"
    colleague.post(f"/fr/workspace/ARG/cycles/{cycle.pk}/mandates/1/start/")
    report = ProgressReport.objects.get(participant=participant, mandate__number=1)
    assert history.version_history(report)[0].author.full_name == "Claire Collègue"
    assert colleague.get(link.group(1)).status_code == 410
