"""The demo dataset of `make run`: accounts first, then each capability's data."""

from django.db import transaction

from accounts.models import Membership, Participant, User
from accounts.services import secretariat_grant
from common.pagecache import public_content_changed

from .civil_society import demo_civil_society
from .practices import demo_good_practices
from .progress_data import demo_progress

DEMO_DOMAIN = "demo.lima-portal.test"
DEMO_USERS = [
    # email local part, full name, role text, participant code or None
    ("admin", "Demo Administrator", "administrator (Django admin)", None),
    ("secretariat", "Demo Secretariat Reviewer", "secretariat", None),
    ("focal.arg", "Demo Focal Point Argentina", "focal point of Argentina", "ARG"),
    ("focal.oas", "Demo Focal Point OAS", "focal point of the OAS", "OAS"),
    ("focal.jam", "Demo Focal Point Jamaica", "focal point of Jamaica", "JAM"),
    # Members of civil-society organisations (lima_portal.demo.civil_society).
    (
        "member.poder",
        "Demo Member Poder Ciudadano",
        "member of a civil-society organisation (Argentina)",
        None,
    ),
    (
        "member.regional",
        "Demo Member Regional Observatory",
        "member of a regional civil-society organisation",
        None,
    ),
]
# The civil-society organisation each demo member joins (civil_society_text).
DEMO_MEMBERS = {"poder": "member.poder", "regional": "member.regional"}


def demo_accounts() -> list[tuple[str, str]]:
    return [
        (f"{local}@{DEMO_DOMAIN}", role) for local, _name, role, _code in DEMO_USERS
    ]


def demo_loaded() -> bool:
    return User.objects.filter(email=f"secretariat@{DEMO_DOMAIN}").exists()


@transaction.atomic
def demo_load(*, password: str) -> None:
    focal_points = demo_users(password=password)
    secretariat = User.objects.get(email=f"secretariat@{DEMO_DOMAIN}")
    demo_progress(focal_points=focal_points, secretariat=secretariat)
    demo_good_practices(focal_points=focal_points, secretariat=secretariat)
    members = {
        key: User.objects.get(email=f"{local}@{DEMO_DOMAIN}")
        for key, local in DEMO_MEMBERS.items()
    }
    demo_civil_society(
        members=members, focal_points=focal_points, secretariat=secretariat
    )
    # Practices and capacities are inserted in bulk, which sends no signal.
    public_content_changed()


def demo_users(*, password: str) -> dict[str, User]:
    """Create the demo accounts; returns the focal points by participant code."""
    focal_points = {}
    for local, full_name, _role, code in DEMO_USERS:
        user, _created = User.objects.update_or_create(
            email=f"{local}@{DEMO_DOMAIN}",
            defaults={
                "full_name": full_name,
                "is_staff": local == "admin",
                "is_superuser": local == "admin",
            },
        )
        user.set_password(password)
        user.save(update_fields=["password"])
        if local == "secretariat":
            secretariat_grant(user=user)
        if code:
            Membership.objects.get_or_create(
                user=user, participant=Participant.objects.get(code=code)
            )
            focal_points[code] = user
    return focal_points
