from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from common.uploads import MAX_BYTES


class SpreadsheetUploadForm(forms.Form):
    workbook = forms.FileField(
        label=_("Filled-in workbook"),
        help_text=format_lazy(
            _(
                "The .xlsx file downloaded from the workspace for this cycle, "
                "filled in; up to {} MB."
            ),
            MAX_BYTES // 1048576,
        ),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument."
                "spreadsheetml.sheet"
            }
        ),
    )
