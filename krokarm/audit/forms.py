from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from krokarm.actors.models import Actor
from krokarm.audit import queries


class IsoDateInput(forms.DateInput):
    """A date picker. A typed value that is no date is not echoed back: type=date cannot hold it."""

    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, str):
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                return None
        return super().format_value(value)


DATE_ERRORS = {"invalid": _("Skriv datumet så här: 2025-03-31.")}


class LogFilterForm(forms.Form):
    """The coordinators' filters on the whole log. Invalid values are reported, never silently dropped."""

    fran = forms.DateField(
        label=_("Från och med"),
        required=False,
        widget=IsoDateInput(),
        error_messages=DATE_ERRORS,
    )
    till = forms.DateField(
        label=_("Till och med"),
        required=False,
        widget=IsoDateInput(),
        error_messages=DATE_ERRORS,
    )
    action = forms.ChoiceField(
        label=_("Händelse"), required=False, error_messages={"invalid_choice": _("Välj en händelse i listan.")}
    )
    typ = forms.ChoiceField(
        label=_("Typ av objekt"), required=False, error_messages={"invalid_choice": _("Välj en typ i listan.")}
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Actor.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("Alla organisationer"),
        help_text=_("Ändringar gjorda för organisationen och ändringar i dess profil, ansvar och tjänster."),
        error_messages={"invalid_choice": _("Välj en organisation i listan.")},
    )
    anvandare = forms.CharField(
        label=_("Användare"),
        required=False,
        max_length=150,
        help_text=_("Namn, användarnamn eller e-postadress."),
        error_messages={"max_length": _("Skriv högst %(limit_value)d tecken.")},
    )
    kalla = forms.ChoiceField(
        label=_("Källa"), required=False, error_messages={"invalid_choice": _("Välj en källa i listan.")}
    )
    q = forms.CharField(
        label=_("Objekt"),
        required=False,
        max_length=200,
        help_text=_("Ord i objektets namn, eller dess id."),
        error_messages={"max_length": _("Skriv högst %(limit_value)d tecken.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._choices("action", [("", _("Alla händelser")), *queries.action_choices()])
        self._choices("typ", [("", _("Alla typer")), *queries.target_type_choices()])
        self._choices("kalla", [("", _("Alla källor")), *queries.SOURCES])

    def _choices(self, name: str, choices: list[tuple[str, Any]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("fran"), data.get("till")
        if since and until and since > until:
            self.add_error(
                "till", forms.ValidationError(_("Slutdatumet kan inte vara före startdatumet."), code="order")
            )
        return data

    def selected(self) -> dict[str, Any]:
        """The valid filters as arguments for queries.log_entries."""
        self.is_valid()  # keeps the valid filters in cleaned_data, reports the others
        data = self.cleaned_data
        return {
            "since": data.get("fran"),
            "until": data.get("till"),
            "action": data.get("action", ""),
            "target_type": data.get("typ", ""),
            "organisation": data.get("organisation"),
            "user": data.get("anvandare", ""),
            "source": data.get("kalla", ""),
            "q": data.get("q", ""),
        }
