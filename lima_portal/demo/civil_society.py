"""Demo civil society: organisations (one still applying), their observations
in several languages (published, one declined, one waiting for the
secretariat, a draft) and a focal point's reply.

Everything goes through the civil-society services, so the demo passes the
same checks as a person's input. Observations sit beside published official
reports where the demo has them, so the public pages show both views.
"""

from django.utils import timezone

from accounts.models import Participant, User
from civil_society import services
from civil_society.models import Organisation
from mandates.models import Mandate
from progress.models import ProgressReport, ReportingCycle

from .civil_society_text import APPLICATIONS, OBSERVATIONS, REPLY


def demo_civil_society(
    *, members: dict[str, User], focal_points: dict[str, User], secretariat: User
) -> int:
    """The demo's organisations and observations; returns how many observations.

    `members` maps an application's key (see civil_society_text) to the
    account that joins the organisation once it is approved.
    """
    cycle = ReportingCycle.objects.started_by(timezone.localdate()).first()
    if cycle is None:
        return 0
    for key, application in APPLICATIONS.items():
        _organisation(application, secretariat, members.get(key))
    for item in OBSERVATIONS:
        author = members[item["organisation"]]
        participant = Participant.objects.get(code=item["participant"])
        mandate = _beside_a_report(participant, cycle, item["rank"])
        observation = services.observation_create(
            user=author,
            participant=participant,
            mandate=mandate,
            cycle=cycle,
            content=item["content"],
        )
        _move(observation, item, author=author, secretariat=secretariat)
        if item.get("reply"):
            services.reply_save(
                user=focal_points[item["participant"]],
                observation=observation,
                text=REPLY["text"],
                language=REPLY["language"],
                version=None,
            )
    return len(OBSERVATIONS)


def _organisation(application: dict, secretariat, member) -> Organisation:
    scope = application.get("scope")
    organisation = services.organisation_apply(
        content=application["content"],
        scope=Participant.objects.get(code=scope) if scope else None,
        accepted_code_of_conduct=True,
        language=application["language"],
    )
    if not application.get("approved"):
        return organisation
    invitation = services.organisation_approve(
        user=secretariat, organisation=organisation
    )
    services.member_invitation_accept(invitation=invitation, user=member)
    return organisation


def _beside_a_report(participant, cycle, rank: int) -> Mandate:
    """The participant's `rank`-th mandate with a published report in the
    cycle; past those, the other mandates by number."""
    published = list(
        ProgressReport.objects.published()
        .filter(participant=participant, cycle=cycle)
        .order_by("mandate__number")
        .values_list("mandate_id", flat=True)[: rank + 1]
    )
    others = Mandate.objects.exclude(pk__in=published).order_by("number")
    ranked = published + list(others.values_list("pk", flat=True)[: rank + 1])
    return Mandate.objects.get(pk=ranked[rank])


def _move(observation, item: dict, *, author, secretariat) -> None:
    """Take the observation as far as the demo says: submitted, published
    or declined (a draft stays where it is)."""
    status = item["status"]
    if status == "draft":
        return
    observation = services.observation_submit(
        user=author, observation=observation, version=observation.version
    )
    if status == "published":
        services.observation_publish(user=secretariat, observation=observation)
    elif status == "declined":
        services.observation_decline(
            user=secretariat, observation=observation, reason=item["reason"]
        )
