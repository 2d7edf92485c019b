from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from krokarm.regions.models import County

MAX_QUESTION = 2000

ASKERS = [
    ("individ", _("Privatperson")),
    ("arbetsgivare", _("Arbetsgivare")),
    ("utbildningsanordnare", _("Utbildningsanordnare")),
    ("kommun", _("Kommun")),
    ("region", _("Region")),
    ("myndighet", _("Myndighet")),
]


class QuestionForm(forms.Form):
    """A question to the way in. Too long a question is refused with a message; its text stays in the field."""

    q = forms.CharField(
        label=_("Din fråga"),
        help_text=_("Skriv med egna ord, på svenska eller engelska. Högst 2 000 tecken."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_QUESTION,
        error_messages={
            "required": _("Skriv din fråga."),
            "max_length": _("Frågan är för lång: skriv högst %(limit_value)d tecken (nu %(show_value)d)."),
        },
    )
    asker = forms.ChoiceField(
        label=_("Jag är … (frivilligt)"),
        required=False,
        choices=[("", _("Vill inte ange")), *ASKERS],
        error_messages={"invalid_choice": _("Välj ett alternativ i listan.")},
    )
    county = forms.ChoiceField(
        label=_("Län (frivilligt)"),
        required=False,
        error_messages={"invalid_choice": _("Välj ett län i listan.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["county"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Vet inte eller spelar ingen roll")), *County.objects.values_list("code", "name")]
        # No maxlength in the page: the browser would cut a pasted question silently.
        self.fields["q"].widget.attrs.pop("maxlength", None)
