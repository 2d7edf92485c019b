"""The form for a new API token."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from krokarm.api.actions import DEFAULT_VALIDITY_DAYS, VALIDITY_DAYS


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Namn"),
        max_length=100,
        help_text=_("Så att du känner igen nyckeln, till exempel det program eller skript som använder den."),
        error_messages={
            "required": _("Ge nyckeln ett namn."),
            "max_length": _("Skriv högst %(limit_value)d tecken (nu %(show_value)d)."),
        },
    )
    days = forms.TypedChoiceField(
        label=_("Giltighetstid"),
        coerce=int,
        choices=[(days, str(days)) for days in VALIDITY_DAYS],  # labelled in __init__, in the request's language
        initial=DEFAULT_VALIDITY_DAYS,
        widget=forms.RadioSelect,
        help_text=_("Nyckeln slutar fungera efter så här lång tid. Du kan återkalla den tidigare."),
        error_messages={
            "required": _("Välj hur länge nyckeln ska gälla."),
            "invalid_choice": _("Välj en giltighetstid i listan."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        days = self.fields["days"]
        assert isinstance(days, forms.ChoiceField)
        days.choices = [(n, ngettext("%(count)d dag", "%(count)d dagar", n) % {"count": n}) for n in VALIDITY_DAYS]
