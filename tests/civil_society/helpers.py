"""Civil-society records for tests, made through the services where a person
would make them (applications, observations, replies)."""

from civil_society import services
from civil_society.models import Member, MemberInvitation, Organisation
from common.invitations import token_hash

from ..factories import UserFactory

APPLICATION = {
    "website": "https://example.org",
    "contact_name": "Ana Contact",
    "description": "We follow public procurement and access to information.",
}


def apply(name="Transparencia Ciudadana", *, scope=None, email=None, language="en"):
    slug = name.lower().replace(" ", "-")
    return services.organisation_apply(
        content={
            "name": name,
            "contact_email": email or f"contact@{slug}.example.org",
            **APPLICATION,
        },
        scope=scope,
        accepted_code_of_conduct=True,
        language=language,
    )


def approved(secretariat, name="Transparencia Ciudadana", **kwargs) -> Organisation:
    organisation = apply(name, **kwargs)
    services.organisation_approve(user=secretariat, organisation=organisation)
    organisation.refresh_from_db()
    return organisation


def member(organisation, **user_fields):
    """A member of the organisation (as an accepted invitation makes one)."""
    user = UserFactory(**user_fields)
    Member.objects.create(user=user, organisation=organisation)
    return user


def known_link(invitation: MemberInvitation, token: str) -> MemberInvitation:
    """Give an invitation a link whose secret the test knows."""
    MemberInvitation.objects.filter(pk=invitation.pk).update(
        token_hash=token_hash(token)
    )
    invitation.refresh_from_db()
    return invitation


def draft(user, participant, mandate, cycle, **content):
    return services.observation_create(
        user=user,
        participant=participant,
        mandate=mandate,
        cycle=cycle,
        content={
            "assessment": "initial",
            "text": "The new law has no regulation yet; see the official gazette.",
            "language": "en",
            **content,
        },
    )


def submitted(user, participant, mandate, cycle, **content):
    observation = draft(user, participant, mandate, cycle, **content)
    return services.observation_submit(
        user=user, observation=observation, version=observation.version
    )


def published(user, secretariat, participant, mandate, cycle, **content):
    observation = submitted(user, participant, mandate, cycle, **content)
    return services.observation_publish(user=secretariat, observation=observation)
