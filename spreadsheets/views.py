"""The cycle as a spreadsheet: download it, upload it back, preview, confirm.

Members of the participant (observers too) download; who may upload is
progress.access's to say, mandate by mandate (spreadsheet.access). Uploads
are seen and confirmed by their uploader only; anyone else gets a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from progress.access import participant_for_member
from progress.models import ReportingCycle

from . import access, services
from .forms import SpreadsheetUploadForm
from .models import SpreadsheetImport
from .workbook import file_name, workbook_build

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _participant_and_cycle(user, code: str, cycle_id: int):
    participant, _role = participant_for_member(user, code)
    return participant, get_object_or_404(ReportingCycle, pk=cycle_id)


@login_required
@never_cache
def spreadsheet_download(request, code: str, cycle_id: int):
    participant, cycle = _participant_and_cycle(request.user, code, cycle_id)
    content = workbook_build(user=request.user, participant=participant, cycle=cycle)
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="{file_name(participant, cycle)}"'
    )
    return response


@login_required
def spreadsheet_upload(request, code: str, cycle_id: int):
    participant, cycle = _participant_and_cycle(request.user, code, cycle_id)
    refusal = access.upload_refusal(request.user, participant=participant, cycle=cycle)
    if refusal:
        raise PermissionDenied(refusal)
    form = SpreadsheetUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            upload = services.spreadsheet_import_create(
                user=request.user,
                participant=participant,
                cycle=cycle,
                upload=form.cleaned_data["workbook"],
            )
        except ValidationError as error:
            form.add_error("workbook", error)
        else:
            return redirect(
                "spreadsheets:preview",
                code=code,
                cycle_id=cycle.pk,
                pk=upload.pk,
            )
    context = {"participant": participant, "cycle": cycle, "form": form}
    status = 400 if form.errors else 200
    return render(request, "spreadsheets/upload.html", context, status=status)


@login_required
def spreadsheet_import(request, code: str, cycle_id: int, pk: int):
    """The preview of an upload, or once applied, its result."""
    participant, cycle = _participant_and_cycle(request.user, code, cycle_id)
    upload = access.import_for_uploader(
        request.user, pk, participant=participant, cycle=cycle
    )
    context = {"participant": participant, "cycle": cycle, "upload": upload}
    if upload.applied_at:
        return render(request, "spreadsheets/result.html", context)
    preview = services.spreadsheet_import_preview(
        user=request.user, spreadsheet_import=upload
    )
    context.update(
        preview=preview,
        changed=preview.having("changed"),
        refused=preview.having("refused"),
        unchanged=preview.having("unchanged"),
    )
    return render(request, "spreadsheets/preview.html", context)


@login_required
@require_POST
def spreadsheet_confirm(request, code: str, cycle_id: int, pk: int):
    participant, cycle = _participant_and_cycle(request.user, code, cycle_id)
    upload = access.import_for_uploader(
        request.user, pk, participant=participant, cycle=cycle
    )
    already = upload.applied_at is not None
    try:
        result = services.spreadsheet_import_apply(
            user=request.user, spreadsheet_import=upload
        )
    except SpreadsheetImport.DoesNotExist:  # pruned since (retention)
        raise Http404 from None
    if already:
        messages.info(
            request, _("This workbook was already applied; nothing was saved again.")
        )
    else:
        saved = len(result["saved"])
        messages.success(
            request,
            ngettext("%(count)s report saved.", "%(count)s reports saved.", saved)
            % {"count": saved},
        )
    return redirect("spreadsheets:preview", code=code, cycle_id=cycle.pk, pk=pk)
