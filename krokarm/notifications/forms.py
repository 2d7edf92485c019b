from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from krokarm.notifications.models import Preference


class DigestForm(forms.Form):
    digest_frequency = forms.ChoiceField(
        label=_("Hur ofta vill du få en sammanfattning med e-post?"),
        help_text=_("Sammanfattningen tar med aviseringar du inte har läst. Du ser alltid alla på sidan Aviseringar."),
        choices=Preference.Frequency.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Välj hur ofta du vill få en sammanfattning."),
            "invalid_choice": _("Välj ett av alternativen: dagligen, varje vecka eller av."),
        },
    )
