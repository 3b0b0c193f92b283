"""Form pieces shared by the apps' forms."""

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext as _


class LongTextField(forms.CharField):
    """A textarea's text, with each line break as one character.

    Browsers count a line break as one character against the textarea's
    maxlength but send it as two (CR LF); counted as sent, a text that the
    browser let through would be refused for its length.
    """

    widget = forms.Textarea

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n") if isinstance(value, str) else value


class LengthLimitsShown:
    """A form mixin: says beside each text field how long its text may be.

    The limit is the field's max_length, which Django also puts in the
    widget's maxlength attribute and checks when the form is sent.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            limit = getattr(field, "max_length", None)
            if limit and isinstance(field.widget, forms.Textarea | forms.TextInput):
                said = _("Up to %(max)s characters.") % {
                    "max": number_format(limit, force_grouping=True)
                }
                field.help_text = " ".join(filter(None, [str(field.help_text), said]))
