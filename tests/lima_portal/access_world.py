"""The records and people the access matrix asks about.

ARG owns a draft report (with a private file and a need), a draft practice
(with a file) and a draft capacity; the same kinds also exist published. It
also has a returned report on mandate 41 and a draft on mandate 42, which the
contributor persona was given (41) and not given (42). Every
model in the admin has a row, so that each admin page has an object to show.
"""

from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from rest_framework.authtoken.models import Token

from accounts.models import Membership, Participant
from civil_society import services as civil_services
from common.invitations import token_hash
from good_practices import services as practice_services
from indicator_reports import services as job_services
from indicator_reports.params import ReportParams
from mandates.models import Indicator, IndicatorChoice, Mandate
from progress import evidence, services
from progress.contributors import services as contributor_services
from progress.models import ContributorInvitation, ReportingCycle
from spreadsheets.models import SpreadsheetImport

from ..civil_society import helpers as civil
from ..factories import (
    CapacityFactory,
    GoodPracticeFactory,
    MembershipFactory,
    ProgressReportFactory,
    UserFactory,
    make_contributor,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def people() -> dict:
    """One person per signed-in persona; the secretariat and the administrator
    have an authenticator (UserFactory gives one to roles that require it).

    They sign in with force_login: no password, which spares its hashing.
    """
    arg = Participant.objects.get(code="ARG")
    member = {"user__password": None}
    secretariat = UserFactory(is_secretariat=True, password=None)
    organisation = civil.approved(secretariat, "Observatorio Ciudadano")
    return {
        "owner": MembershipFactory(participant=arg, **member).user,
        "other": MembershipFactory(
            participant=Participant.objects.get(code="BRA"), **member
        ).user,
        "contributor": make_contributor(arg, [40, 41], password=None),
        "observer": MembershipFactory(
            participant=arg, role=Membership.Role.OBSERVER, **member
        ).user,
        "member": civil.member(organisation, password=None),
        "secretariat": secretariat,
        "administrator": UserFactory(is_staff=True, is_superuser=True, password=None),
    }


def records(who: dict) -> dict:
    owner, arg = who["owner"], Participant.objects.get(code="ARG")
    today = timezone.localdate()
    cycle = ReportingCycle.objects.create(
        name="Open cycle",
        opens_on=today - timedelta(days=30),
        due_on=today + timedelta(days=10),
        closes_on=today + timedelta(days=40),
    )
    mandate = Mandate.objects.get(number=40)
    draft = services.report_start(
        user=owner, participant=arg, mandate=mandate, cycle=cycle
    )[0]
    draft = services.report_update(
        user=owner,
        report=draft,
        version=draft.version,
        content={"assistance_type": "training", "assistance_description": "Help."},
        indicators={},
    )
    unassigned = services.report_start(
        user=owner, participant=arg, mandate=Mandate.objects.get(number=42), cycle=cycle
    )[0]
    unassigned = services.report_update(
        user=owner,
        report=unassigned,
        version=unassigned.version,
        content={"assistance_type": "training", "assistance_description": "Help."},
        indicators={},
    )
    published = ProgressReportFactory(
        participant=arg,
        cycle=cycle,
        assistance_type="training",
        assistance_description="Training for judges.",
    )
    practice = GoodPracticeFactory(status="draft")
    published_capacity = CapacityFactory()
    return {
        "cycle": cycle,
        "draft": draft,
        "draft_version": draft.version,
        "published": published,
        "unassigned": unassigned,
        "unassigned_version": unassigned.version,
        "returned": ProgressReportFactory(
            participant=arg,
            mandate=Mandate.objects.get(number=41),
            cycle=cycle,
            status="returned",
        ),
        "evidence": evidence.evidence_add(
            user=owner,
            report=draft,
            title="Private file",
            upload=SimpleUploadedFile("law.pdf", PDF),
            is_public=False,
        ),
        "practice": practice,
        "attachment": practice_services.practice_attachment_add(
            user=owner,
            practice=practice,
            title="A file",
            upload=SimpleUploadedFile("guide.pdf", PDF),
        ),
        "published_practice": GoodPracticeFactory(),
        "capacity": CapacityFactory(participant=arg, status="draft"),
        "published_capacity": published_capacity,
        "initiative": practice_services.initiative_record(
            user=who["secretariat"], need=published, capacity=published_capacity
        ),
        "job": _finished_job(who["secretariat"]),
        **_contributors(owner, arg),
        "spreadsheet_import": SpreadsheetImport.objects.create(
            participant=arg,
            cycle=cycle,
            uploaded_by=owner,
            file_name="reports.xlsx",
            language="en",
            generated_at=timezone.now(),
        ),
        **_civil_society(who, arg, cycle),
        "uidb64": urlsafe_base64_encode(force_bytes(owner.pk)),
        "reset_token": default_token_generator.make_token(owner),
    }


INVITATION_TOKEN = "a-link-the-matrix-knows"


def _contributors(owner, arg) -> dict:
    """A contributor of ARG (not a persona: a record to manage) and a pending
    invitation whose link's secret the matrix knows."""
    contributor = make_contributor(arg, [40], password=None)
    invitation = contributor_services.contributor_invite(
        user=owner,
        participant=arg,
        email="new.colleague@example.org",
        mandates=Mandate.objects.filter(number=40),
    )
    ContributorInvitation.objects.filter(pk=invitation.pk).update(
        token_hash=token_hash(INVITATION_TOKEN)
    )
    return {
        "contributor_membership": contributor.memberships.get(),
        "invitation": invitation,
        "invitation_token": INVITATION_TOKEN,
    }


MEMBER_INVITATION_TOKEN = "a-member-link-the-matrix-knows"


def _civil_society(who, arg, cycle) -> dict:
    """The member's organisation's draft observation on ARG (with a file), a
    submitted and a published one (with ARG's reply), a pending application,
    and an invitation whose link's secret the matrix knows."""
    member, secretariat = who["member"], who["secretariat"]
    draft = civil.draft(member, arg, Mandate.objects.get(number=40), cycle)
    published = civil.published(
        member, secretariat, arg, Mandate.objects.get(number=2), cycle
    )
    reply = civil_services.reply_save(
        user=who["owner"], observation=published, text="We disagree.",
        language="en", version=None,
    )  # fmt: skip
    invitation = civil_services.member_invite(
        user=member, email="new.member@example.org", language="en"
    )
    return {
        "observation": draft,
        "observation_version": draft.version,
        "observation_document": civil_services.observation_document_add(
            user=member,
            observation=draft,
            title="Gazette",
            upload=SimpleUploadedFile("gazette.pdf", PDF),
        ),
        "submitted_observation": civil.submitted(
            member, arg, Mandate.objects.get(number=3), cycle
        ),
        "published_observation": published,
        "reply": reply,
        "application": civil.apply("Vigilancia Regional"),
        "member_invitation": civil.known_link(invitation, MEMBER_INVITATION_TOKEN),
        "member_invitation_token": MEMBER_INVITATION_TOKEN,
    }


def _finished_job(secretariat):
    job = job_services.report_job_request(
        user=secretariat, kind="needs", fmt="csv", params=ReportParams(), language="en"
    )
    job_services.report_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.file, "the job made its file"
    return job


def admin_rows(who: dict) -> None:
    """A row of each admin model that the records above leave empty."""
    Group.objects.create(name="Editors")
    Token.objects.create(user=who["owner"])
    if not IndicatorChoice.objects.exists():
        IndicatorChoice.objects.create(
            indicator=Indicator.objects.first(), value="yes", label_en="Yes"
        )
    address = {"ip_address": "192.0.2.1", "user_agent": "test", "path_info": "/"}
    AccessAttempt.objects.create(
        username="someone@example.org", failures_since_start=1, **address
    )
    AccessLog.objects.create(username="someone@example.org", **address)
    AccessFailureLog.objects.create(username="someone@example.org", **address)


def world() -> dict:
    who = people()
    data = {**who, **records(who)}
    admin_rows(who)
    return data
