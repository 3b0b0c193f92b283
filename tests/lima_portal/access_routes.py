"""The access matrix's table: each route of the portal and the rule it obeys.

Rules and personas are in access_rules; the admin's routes follow one family
of rules there (admin_route). Bodies of writes are refused, or harmless: each
write is rolled back before the next request.
"""

from types import MappingProxyType

from .access_rules import (
    API_SIGNED_IN,
    BAD_REQUEST,
    FORBIDDEN,
    MEMBERS_ONLY,
    NOT_ALLOWED,
    NOT_FOUND,
    NOWHERE,
    OK,
    ORGANISATION_ONLY,
    POST_ONLY,
    PRIVATE_OF_MANDATE,
    PRIVATE_OF_ORGANISATION,
    PRIVATE_OF_OWNER,
    PUBLIC,
    SECRETARIAT_ONLY,
    SECRETARIAT_POST_ONLY,
    SIGN_IN,
    SIGNED_IN,
    UNAUTHORIZED,
    WORKSPACE,
    Outcome,
    Ref,
    Route,
    answers,
    edit_page,
    editor_write,
    focal_points_propose,
    redirect,
    secretariat_write,
)

DEFAULT_KWARGS = {
    "code": "ARG",
    "number": 40,
    "cycle_id": Ref("cycle"),
    "evidence_id": Ref("evidence"),
    "attachment_id": Ref("attachment"),
    "document_id": Ref("observation_document"),
    "fmt": "csv",
    "format": "json",
    "dataset": "reports",
}

DRAFT = {"pk": Ref("draft")}
# ARG's draft on a mandate not given to the contributor.
UNASSIGNED = {"pk": Ref("unassigned")}
RETURNED = {"pk": Ref("returned")}
PRACTICE = {"pk": Ref("practice")}
CAPACITY = {"pk": Ref("capacity")}
EDIT_DRAFT = redirect("progress:report_edit", pk=Ref("draft"))
EDIT_UNASSIGNED = redirect("progress:report_edit", pk=Ref("unassigned"))
EDIT_PRACTICE = redirect("good_practices:practice_edit", pk=Ref("practice"))
# Those who may read but not edit are sent to the record, with the reason.
REFUSED_EDIT_DRAFT = redirect("progress:report_edit", pk=Ref("draft"), refusal=True)
READ_DRAFT = redirect("progress:report_detail", pk=Ref("draft"), refusal=True)
READ_UNASSIGNED = redirect("progress:report_detail", pk=Ref("unassigned"), refusal=True)
READ_RETURNED = redirect("progress:report_detail", pk=Ref("returned"), refusal=True)
READ_PRACTICE = redirect(
    "good_practices:practice_detail", pk=Ref("practice"), refusal=True
)
READ_CAPACITY = redirect(
    "good_practices:capacity_detail", pk=Ref("capacity"), refusal=True
)

# Where each persona lands after signing in: members (contributors too) on the
# workspace, the secretariat on its review queue (the others on the home page).
LANDING = {
    "owner": redirect("progress:workspace_index"),
    "contributor": redirect("progress:workspace_index"),
    "other": redirect("progress:workspace_index"),
    "observer": redirect("progress:workspace_index"),
    "member": redirect("civil_society:workspace"),
    "secretariat": redirect("progress:review_queue"),
}

API_ROUTES = {
    "api-schema": Route(PUBLIC),
    "api-docs": Route(PUBLIC),
    "api/": Route(answers(redirect("api-docs"))),
    "api-root": Route(PUBLIC),
    "section-list": Route(PUBLIC),
    "section-detail": Route(PUBLIC, kwargs={"code": "A"}),
    "mandate-list": Route(PUBLIC),
    "mandate-detail": Route(PUBLIC),
    "participant-list": Route(PUBLIC),
    "participant-detail": Route(PUBLIC),
    "good-practice-list": Route(PUBLIC),
    # The public API shows published records only, whoever asks.
    "good-practice-detail": (
        Route(PUBLIC, kwargs={"pk": Ref("published_practice")}),
        Route(NOWHERE, kwargs=PRACTICE),
    ),
    "capacity-list": Route(PUBLIC),
    "capacity-detail": (
        Route(PUBLIC, kwargs={"pk": Ref("published_capacity")}),
        Route(NOWHERE, kwargs=CAPACITY),
    ),
    "cycle-list": Route(PUBLIC),
    "cycle-detail": Route(PUBLIC, kwargs={"pk": Ref("cycle")}),
    "report-list": Route(PUBLIC),
    "report-detail": (
        Route(PUBLIC, kwargs={"pk": Ref("published")}),
        Route(NOWHERE, kwargs=DRAFT),
    ),
    # Published observations only: a draft's id is not found, for anyone.
    "observation-list": Route(PUBLIC),
    "observation-detail": (
        Route(PUBLIC, kwargs={"pk": Ref("published_observation")}),
        Route(NOWHERE, kwargs={"pk": Ref("observation")}),
        Route(NOWHERE, kwargs={"pk": Ref("submitted_observation")}),
    ),
    "dashboard-sections": Route(PUBLIC),
    "dashboard-matrix": Route(PUBLIC),
    "dashboard-mandate": Route(PUBLIC),
    "dashboard-participant": Route(PUBLIC),
    # Starting ARG's report, which exists: its focal point gets it back (its
    # contributor too, on a mandate given to them), the service refuses
    # everyone else.
    "workspace-report-list": (
        Route(
            API_SIGNED_IN,
            write=answers(FORBIDDEN, anonymous=UNAUTHORIZED, owner=OK, contributor=OK),
            body={"participant": "ARG", "mandate": 40, "cycle": Ref("cycle")},
            json=True,
        ),
        Route(
            API_SIGNED_IN,
            write=answers(FORBIDDEN, anonymous=UNAUTHORIZED, owner=OK),
            body={"participant": "ARG", "mandate": 42, "cycle": Ref("cycle")},
            json=True,
        ),
    ),
    "workspace-report-detail": (
        Route(
            answers(
                NOT_FOUND, anonymous=UNAUTHORIZED, owner=OK, contributor=OK, observer=OK
            ),
            kwargs=DRAFT,
            write=answers(
                NOT_FOUND,
                anonymous=UNAUTHORIZED,
                owner=OK,
                contributor=OK,
                observer=FORBIDDEN,
            ),
            method="patch",
            body={"version": Ref("draft_version")},
            json=True,
        ),
        Route(
            answers(NOT_FOUND, anonymous=UNAUTHORIZED, owner=OK, observer=OK),
            kwargs=UNASSIGNED,
            write=answers(
                NOT_FOUND, anonymous=UNAUTHORIZED, owner=OK, observer=FORBIDDEN
            ),
            method="patch",
            body={"version": Ref("unassigned_version")},
            json=True,
        ),
    ),
    # The drafts are incomplete: their focal point is told what is missing
    # (400); the contributor, that only focal points submit (403).
    "workspace-report-submit": (
        Route(
            answers(NOT_ALLOWED, anonymous=UNAUTHORIZED),
            kwargs=DRAFT,
            write=answers(
                NOT_FOUND,
                anonymous=UNAUTHORIZED,
                owner=BAD_REQUEST,
                contributor=FORBIDDEN,
                observer=FORBIDDEN,
            ),
            body={"version": Ref("draft_version")},
            json=True,
        ),
        Route(
            answers(NOT_ALLOWED, anonymous=UNAUTHORIZED),
            kwargs=UNASSIGNED,
            write=answers(
                NOT_FOUND, anonymous=UNAUTHORIZED, owner=BAD_REQUEST, observer=FORBIDDEN
            ),
            body={"version": Ref("unassigned_version")},
            json=True,
        ),
    ),
}

ACCOUNT_ROUTES = {
    "healthz": Route(PUBLIC),
    "home": Route(PUBLIC),
    "mandates:list": Route(PUBLIC),
    "mandates:detail": Route(PUBLIC),
    "participants:list": Route(PUBLIC),
    "participants:detail": Route(PUBLIC),
    # Signing in is not written to here: wrong passwords count in the lock-out.
    # Someone signed in is sent to the page they work from (landing_page).
    "accounts:login": Route(answers(redirect("home"), anonymous=OK, **LANDING)),
    "accounts:logout": Route(answers(NOT_ALLOWED), write=answers(redirect("home"))),
    "accounts:password_reset": Route(PUBLIC, write=PUBLIC),
    "accounts:password_reset_done": Route(PUBLIC),
    "accounts:password_reset_complete": Route(PUBLIC),
    # A valid link is moved out of the address bar before the form is shown.
    # The owner signed in after the link was made, which ends it (Django's
    # token covers the last sign-in): the page says the link is invalid.
    "accounts:password_reset_confirm": Route(
        answers(
            redirect(
                "accounts:password_reset_confirm",
                uidb64=Ref("uidb64"),
                token="set-password",
            ),
            owner=OK,
        ),
        kwargs={"uidb64": Ref("uidb64"), "token": Ref("reset_token")},
    ),
    "accounts:two_factor": Route(SIGNED_IN),
    # Each person's own setting: a write changes only their own row.
    "accounts:notification_settings": Route(
        SIGNED_IN,
        write=answers(redirect("accounts:notification_settings"), anonymous=SIGN_IN),
        body={"reminders_enabled": "on"},
    ),
    "accounts:two_factor_verify": Route(
        answers(redirect("home"), anonymous=SIGN_IN, **LANDING)
    ),
    "accounts:two_factor_enrol": Route(SIGNED_IN),
    "accounts:recovery_codes": Route(
        answers(redirect("accounts:two_factor"), anonymous=SIGN_IN)
    ),
    # @require_POST before @login_required: the method is refused first.
    "accounts:recovery_codes_regenerate": Route(
        answers(NOT_ALLOWED),
        write=answers(
            redirect("accounts:two_factor"),
            anonymous=SIGN_IN,
            secretariat=redirect("accounts:recovery_codes"),
            administrator=redirect("accounts:recovery_codes"),
        ),
    ),
    # Roles that require a second factor may not turn it off.
    "accounts:two_factor_turn_off": Route(
        answers(NOT_ALLOWED),
        write=answers(
            redirect("accounts:two_factor"),
            anonymous=SIGN_IN,
            secretariat=redirect("accounts:two_factor", refusal=True),
            administrator=redirect("accounts:two_factor", refusal=True),
        ),
    ),
}

REPORTING_ROUTES = {
    "progress:workspace_index": Route(
        answers(
            OK,
            anonymous=SIGN_IN,
            owner=redirect("progress:workspace", code="ARG"),
            contributor=redirect("progress:workspace", code="ARG"),
            observer=redirect("progress:workspace", code="ARG"),
            other=redirect("progress:workspace", code="BRA"),
        )
    ),
    # Anyone signed in may make a token to use the API as themselves.
    "progress:api_token": Route(SIGNED_IN, write=SIGNED_IN),
    "progress:workspace": Route(WORKSPACE),
    # The draft exists: its focal point (and the contributor, on a mandate
    # given to them) is taken to it; an observer (and the contributor, on
    # another mandate) is told why not on the workspace.
    "progress:report_start": (
        Route(
            POST_ONLY,
            write=answers(
                NOT_FOUND,
                anonymous=SIGN_IN,
                owner=EDIT_DRAFT,
                contributor=EDIT_DRAFT,
                observer=redirect("progress:workspace", code="ARG", refusal=True),
            ),
        ),
        Route(
            POST_ONLY,
            kwargs={"number": 42},
            write=answers(
                NOT_FOUND,
                anonymous=SIGN_IN,
                owner=EDIT_UNASSIGNED,
                contributor=redirect("progress:workspace", code="ARG", refusal=True),
                observer=redirect("progress:workspace", code="ARG", refusal=True),
            ),
        ),
    ),
    "progress:report_detail": (
        Route(PRIVATE_OF_MANDATE, kwargs=DRAFT),
        Route(PRIVATE_OF_OWNER, kwargs=UNASSIGNED),
        Route(PUBLIC, kwargs={"pk": Ref("published")}),
    ),
    # An empty form is shown again with its errors. A contributor edits the
    # draft and the returned report of their mandates, not the other draft.
    "progress:report_edit": (
        Route(
            edit_page(OK, readers=READ_DRAFT, contributor=OK),
            kwargs=DRAFT,
            write=edit_page(OK, readers=READ_DRAFT, contributor=OK),
        ),
        Route(edit_page(OK, readers=READ_RETURNED, contributor=OK), kwargs=RETURNED),
        Route(
            edit_page(OK, readers=READ_UNASSIGNED),
            kwargs=UNASSIGNED,
            write=edit_page(OK, readers=READ_UNASSIGNED),
        ),
    ),
    # The drafts are incomplete: their focal point is sent to what is missing;
    # the contributor is told that only focal points submit.
    "progress:report_submit": (
        Route(
            POST_ONLY,
            kwargs=DRAFT,
            write=editor_write(EDIT_DRAFT, contributor=REFUSED_EDIT_DRAFT),
            body={"version": Ref("draft_version")},
        ),
        Route(
            POST_ONLY,
            kwargs=UNASSIGNED,
            write=editor_write(EDIT_UNASSIGNED),
            body={"version": Ref("unassigned_version")},
        ),
    ),
    # No title and no file: the edit page says so beside the fields (400).
    "progress:evidence_add": (
        Route(
            POST_ONLY,
            kwargs=DRAFT,
            write=editor_write(BAD_REQUEST, contributor=BAD_REQUEST),
        ),
        Route(POST_ONLY, kwargs=UNASSIGNED, write=editor_write(BAD_REQUEST)),
    ),
    "progress:evidence_download": Route(PRIVATE_OF_MANDATE, kwargs=DRAFT),
    "progress:evidence_remove": Route(
        POST_ONLY, kwargs=DRAFT, write=editor_write(EDIT_DRAFT, contributor=EDIT_DRAFT)
    ),
    # Contributors of ARG: its focal point manages them, its observer reads.
    # An empty form: the focal point is shown what is missing (400).
    "progress:contributors": Route(
        MEMBERS_ONLY,
        write=answers(
            NOT_FOUND, anonymous=SIGN_IN, owner=BAD_REQUEST, observer=FORBIDDEN
        ),
    ),
    "progress:contributor_detail": Route(
        MEMBERS_ONLY,
        kwargs={"pk": Ref("contributor_membership")},
        write=answers(
            NOT_FOUND, anonymous=SIGN_IN, owner=BAD_REQUEST, observer=FORBIDDEN
        ),
    ),
    "progress:contributor_revoke": Route(
        answers(NOT_FOUND, anonymous=SIGN_IN, owner=OK, observer=FORBIDDEN),
        kwargs={"pk": Ref("contributor_membership")},
        write=answers(
            NOT_FOUND,
            anonymous=SIGN_IN,
            owner=redirect("progress:contributors", code="ARG"),
            observer=FORBIDDEN,
        ),
    ),
    "progress:invitation_resend": Route(
        POST_ONLY,
        kwargs={"pk": Ref("invitation")},
        write=answers(
            NOT_FOUND,
            anonymous=SIGN_IN,
            owner=redirect("progress:contributors", code="ARG"),
            observer=FORBIDDEN,
        ),
    ),
    "progress:invitation_cancel": Route(
        POST_ONLY,
        kwargs={"pk": Ref("invitation")},
        write=answers(
            NOT_FOUND,
            anonymous=SIGN_IN,
            owner=redirect("progress:contributors", code="ARG"),
            observer=FORBIDDEN,
        ),
    ),
    # The link of an invitation to someone who has no account yet: the page
    # to join; anyone signed in as someone else is told the link is not theirs.
    "progress:invitation_accept": Route(
        answers(FORBIDDEN, anonymous=OK),
        kwargs={"pk": Ref("invitation"), "token": Ref("invitation_token")},
    ),
    # The cycle as a spreadsheet: members download it; those who may edit
    # upload one; an upload's pages are its uploader's alone.
    # A contributor's workbook holds the mandates given to them only.
    "spreadsheets:download": Route(WORKSPACE),
    "spreadsheets:upload": Route(
        answers(
            NOT_FOUND, anonymous=SIGN_IN, owner=OK, contributor=OK, observer=FORBIDDEN
        ),
        write=answers(
            NOT_FOUND, anonymous=SIGN_IN, owner=OK, contributor=OK, observer=FORBIDDEN
        ),
    ),
    "spreadsheets:preview": Route(
        answers(NOT_FOUND, anonymous=SIGN_IN, owner=OK),
        kwargs={"pk": Ref("spreadsheet_import")},
    ),
    "spreadsheets:confirm": Route(
        POST_ONLY,
        kwargs={"pk": Ref("spreadsheet_import")},
        write=answers(NOT_FOUND, anonymous=SIGN_IN, owner=None),
    ),
    "progress:contributor_overview": Route(SECRETARIAT_ONLY),
    "progress:review_queue": Route(SECRETARIAT_ONLY),
    # Who was reminded of what: the secretariat's log.
    "progress:reminder_log": Route(SECRETARIAT_ONLY),
    # No action chosen: the secretariat is told so on the same page.
    "progress:review_detail": Route(
        SECRETARIAT_ONLY,
        kwargs=DRAFT,
        write=secretariat_write(redirect("progress:review_detail", pk=Ref("draft"))),
    ),
}

PUBLIC_SITE_ROUTES = {
    name: Route(PUBLIC)
    for name in (
        "public_site:published_list",
        "public_site:dashboards",
        "public_site:dashboard_matrix",
        "public_site:dashboard_matrix_download",
        "public_site:dashboard_mandate",
        "public_site:dashboard_participant",
        "public_site:open_data",
        "public_site:data_dictionary",
        "public_site:opendata_datapackage",
        "good_practices:search",
        "good_practices:search_download",
        "good_practices:initiatives",
        "good_practices:initiatives_download",
        "good_practices:needs",
    )
}

# The bulk files, the civil-society ones among them: public, published only.
PUBLIC_SITE_ROUTES["public_site:opendata_download"] = tuple(
    Route(PUBLIC, kwargs={"dataset": dataset})
    for dataset in ("reports", "observations", "observation-replies")
)

CONTRIBUTION_ROUTES = {
    "good_practices:practice_detail": (
        Route(PRIVATE_OF_OWNER, kwargs=PRACTICE),
        Route(PUBLIC, kwargs={"pk": Ref("published_practice")}),
    ),
    "good_practices:attachment_download": Route(PRIVATE_OF_OWNER, kwargs=PRACTICE),
    "good_practices:capacity_list": Route(answers(redirect("good_practices:search"))),
    "good_practices:capacity_detail": (
        Route(PRIVATE_OF_OWNER, kwargs=CAPACITY),
        Route(PUBLIC, kwargs={"pk": Ref("published_capacity")}),
    ),
    "good_practices:mine": Route(SIGNED_IN),
    # An empty proposal is shown again with its errors.
    "good_practices:practice_propose": Route(
        focal_points_propose(OK), write=focal_points_propose(OK)
    ),
    "good_practices:capacity_propose": Route(
        focal_points_propose(OK), write=focal_points_propose(OK)
    ),
    "good_practices:practice_edit": Route(
        edit_page(OK, readers=READ_PRACTICE),
        kwargs=PRACTICE,
        write=edit_page(BAD_REQUEST, readers=READ_PRACTICE),
    ),
    "good_practices:capacity_edit": Route(
        edit_page(OK, readers=READ_CAPACITY),
        kwargs=CAPACITY,
        write=edit_page(BAD_REQUEST, readers=READ_CAPACITY),
    ),
    "good_practices:attachment_add": Route(
        POST_ONLY, kwargs=PRACTICE, write=editor_write(EDIT_PRACTICE)
    ),
    "good_practices:attachment_remove": Route(
        POST_ONLY, kwargs=PRACTICE, write=editor_write(EDIT_PRACTICE)
    ),
    "good_practices:contribution_submit": Route(
        POST_ONLY, kwargs=PRACTICE, write=editor_write(EDIT_PRACTICE)
    ),
    "good_practices:moderation": Route(SECRETARIAT_ONLY),
    # No decision chosen: the secretariat is told so on the record's page.
    "good_practices:contribution_decide": Route(
        POST_ONLY,
        kwargs=PRACTICE,
        write=secretariat_write(
            redirect("good_practices:practice_detail", pk=Ref("practice"))
        ),
    ),
    # A need is its report's: the draft's need is as private as the draft.
    "good_practices:need_detail": (
        Route(PRIVATE_OF_MANDATE, kwargs=DRAFT),
        Route(PRIVATE_OF_OWNER, kwargs=UNASSIGNED),
        Route(PUBLIC, kwargs={"pk": Ref("published")}),
    ),
    "good_practices:initiative_record": Route(
        SECRETARIAT_POST_ONLY,
        kwargs=DRAFT,
        write=secretariat_write(
            redirect("good_practices:need_detail", pk=Ref("draft"))
        ),
    ),
    "good_practices:initiative_update": Route(
        SECRETARIAT_POST_ONLY,
        kwargs={"pk": Ref("initiative")},
        write=secretariat_write(
            redirect("good_practices:need_detail", pk=Ref("published"))
        ),
    ),
}

JOB = {"pk": Ref("job")}
INDICATOR_REPORT_ROUTES = {
    # An empty request is shown again with its errors.
    "indicator_reports:report_jobs": Route(
        SECRETARIAT_ONLY, write=secretariat_write(BAD_REQUEST)
    ),
    "indicator_reports:report_job_detail": Route(SECRETARIAT_ONLY, kwargs=JOB),
    "indicator_reports:report_job_status": Route(SECRETARIAT_ONLY, kwargs=JOB),
    "indicator_reports:report_job_download": Route(SECRETARIAT_ONLY, kwargs=JOB),
    "indicator_reports:report_job_rerun": Route(
        POST_ONLY, kwargs=JOB, write=secretariat_write(redirect())
    ),
}

OBSERVATION = {"pk": Ref("observation")}
PUBLISHED_OBSERVATION = {"pk": Ref("published_observation")}
EDIT_OBSERVATION = redirect("civil_society:observation_edit", pk=Ref("observation"))
READ_OBSERVATION = redirect(
    "civil_society:observation_detail", pk=Ref("observation"), refusal=True
)


def member_write(member: Outcome) -> MappingProxyType:
    """A write on the organisation's draft through `observation_for_editor`:
    the secretariat, which reads it, is told why not; outsiders get 404."""
    return answers(NOT_FOUND, anonymous=SIGN_IN, member=member, secretariat=FORBIDDEN)


CIVIL_SOCIETY_ROUTES = {
    # Anyone applies; an empty application is shown again with its errors.
    "civil_society:apply": Route(PUBLIC, write=answers(BAD_REQUEST)),
    "civil_society:invitation_accept": Route(
        answers(FORBIDDEN, anonymous=OK),
        kwargs={
            "pk": Ref("member_invitation"),
            "token": Ref("member_invitation_token"),
        },
    ),
    "civil_society:workspace": Route(ORGANISATION_ONLY),
    # No address: the member is told so on the workspace.
    "civil_society:member_invite": Route(
        POST_ONLY,
        write=answers(
            NOT_FOUND, anonymous=SIGN_IN, member=redirect("civil_society:workspace")
        ),
    ),
    # An empty observation is shown again with its errors.
    "civil_society:observation_new": Route(
        ORGANISATION_ONLY,
        write=answers(NOT_FOUND, anonymous=SIGN_IN, member=BAD_REQUEST),
    ),
    # A draft observation is its organisation's: even the observed
    # participant's focal point does not see it.
    "civil_society:observation_detail": (
        Route(PRIVATE_OF_ORGANISATION, kwargs=OBSERVATION),
        Route(PUBLIC, kwargs=PUBLISHED_OBSERVATION),
    ),
    "civil_society:observation_edit": Route(
        answers(NOT_FOUND, anonymous=SIGN_IN, member=OK, secretariat=READ_OBSERVATION),
        kwargs=OBSERVATION,
        write=answers(
            NOT_FOUND,
            anonymous=SIGN_IN,
            member=BAD_REQUEST,
            secretariat=READ_OBSERVATION,
        ),
    ),
    # No title and no file: the member is told so beside the documents.
    "civil_society:document_add": Route(
        POST_ONLY, kwargs=OBSERVATION, write=member_write(EDIT_OBSERVATION)
    ),
    "civil_society:document_download": Route(
        PRIVATE_OF_ORGANISATION, kwargs=OBSERVATION
    ),
    "civil_society:document_remove": Route(
        POST_ONLY, kwargs=OBSERVATION, write=member_write(EDIT_OBSERVATION)
    ),
    # The published observation on ARG: ARG's focal point replies (an empty
    # reply is shown again with its errors); everyone else is told why not.
    "civil_society:reply_list": Route(SIGNED_IN),
    "civil_society:reply": (
        Route(
            answers(FORBIDDEN, anonymous=SIGN_IN, owner=OK),
            kwargs=PUBLISHED_OBSERVATION,
            write=answers(FORBIDDEN, anonymous=SIGN_IN, owner=BAD_REQUEST),
        ),
        Route(answers(NOT_FOUND, anonymous=SIGN_IN), kwargs=OBSERVATION),
    ),
    "civil_society:applications": Route(SECRETARIAT_ONLY),
    # No decision chosen: the secretariat is told so on the same page.
    "civil_society:application_detail": Route(
        SECRETARIAT_ONLY,
        kwargs={"pk": Ref("application")},
        write=secretariat_write(BAD_REQUEST),
    ),
    "civil_society:moderation": Route(SECRETARIAT_ONLY),
    # No decision chosen: the secretariat is told so on the observation.
    "civil_society:observation_moderate": Route(
        SECRETARIAT_POST_ONLY,
        kwargs={"pk": Ref("submitted_observation")},
        write=secretariat_write(
            redirect(
                "civil_society:observation_detail", pk=Ref("submitted_observation")
            )
        ),
    ),
}

ROUTES = {
    **API_ROUTES,
    **ACCOUNT_ROUTES,
    **REPORTING_ROUTES,
    **PUBLIC_SITE_ROUTES,
    **CONTRIBUTION_ROUTES,
    **INDICATOR_REPORT_ROUTES,
    **CIVIL_SOCIETY_ROUTES,
}
