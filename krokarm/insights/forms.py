"""The feedback on an answer, and the filters of the dashboard and the coordinators' list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from krokarm.lib.forms import OnceMixin
from krokarm.regions.models import County
from krokarm.wayin.forms import ASKERS, MAX_QUESTION

# How far back the dashboard's period can reach, and how long it is unless the visitor chooses.
MONTHS_BACK = 60
DEFAULT_MONTHS = 12


class FeedbackForm(OnceMixin, forms.Form):
    """The answer to "Fick du svar på din fråga?": which question (its public id), yes or no. Nothing about who.

    An answer shown while typing was not logged, so its form carries the question itself and a one-time key
    (see _feedback.html): the key names the question the click logs, so a double click logs it once.
    """

    question = forms.UUIDField(
        required=False,
        error_messages={
            "required": _("Vi vet inte vilken fråga svaret gäller."),
            "invalid": _("Vi vet inte vilken fråga svaret gäller."),
        },
    )
    helpful = forms.ChoiceField(
        choices=[("ja", _("Ja")), ("nej", _("Nej"))],
        error_messages={"required": _("Svara ja eller nej."), "invalid_choice": _("Svara ja eller nej.")},
    )
    # From the answer shown while typing, which was not logged: the question itself (see _feedback.html).
    q = forms.CharField(required=False, max_length=MAX_QUESTION)
    asker = forms.ChoiceField(required=False, choices=[("", ""), *ASKERS])
    county = forms.RegexField(required=False, regex=r"^\d{2}(\d{2})?$")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not data.get("question") and not str(data.get("q", "")).strip():
            raise forms.ValidationError(_("Vi vet inte vilken fråga svaret gäller."), code="no_question")
        return data

    def clean_helpful(self) -> bool:
        return bool(self.cleaned_data["helpful"] == "ja")


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class DashboardFilters:
    """A period of whole months (`first` and `last` are first days of months), a county code and an asker."""

    first: date
    last: date
    county: str = ""
    asker: str = ""

    @property
    def months(self) -> list[date]:
        count = (self.last.year - self.first.year) * 12 + self.last.month - self.first.month + 1
        return [add_months(self.first, i) for i in range(count)]


class DashboardFilterForm(forms.Form):
    """The dashboard's filters. A wrong value is explained and the other filters still apply."""

    fran = forms.ChoiceField(
        label=_("Från och med"), required=False, error_messages={"invalid_choice": _("Välj en månad i listan.")}
    )
    till = forms.ChoiceField(
        label=_("Till och med"), required=False, error_messages={"invalid_choice": _("Välj en månad i listan.")}
    )
    county = forms.ChoiceField(
        label=_("Län"), required=False, error_messages={"invalid_choice": _("Välj ett län i listan.")}
    )
    asker = forms.ChoiceField(
        label=_("Vem som frågar"),
        required=False,
        choices=[("", _("Alla")), *ASKERS],
        error_messages={"invalid_choice": _("Välj ett alternativ i listan.")},
    )

    def __init__(self, data: Any = None, *, today: date | None = None) -> None:
        this_month = month_start(today or timezone.localdate())
        # The page shows the period it counts: the default one where the visitor chose none.
        data = data.copy() if data is not None else {}
        if not data.get("till"):
            data["till"] = this_month.strftime("%Y-%m")
        if not data.get("fran"):
            data["fran"] = add_months(this_month, 1 - DEFAULT_MONTHS).strftime("%Y-%m")
        super().__init__(data)
        self.this_month = this_month
        months = [add_months(this_month, -i) for i in range(MONTHS_BACK)]
        choices = [(m.strftime("%Y-%m"), formats.date_format(m, "F Y")) for m in months]
        for name in ("fran", "till"):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = choices
        county = self.fields["county"]
        assert isinstance(county, forms.ChoiceField)
        county.choices = [("", _("Alla län")), *County.objects.values_list("code", "name")]

    def selected(self) -> DashboardFilters:
        """The filters that are valid; the default period (the last twelve months) where none is."""
        self.is_valid()
        data = self.cleaned_data  # the fields that passed
        last = _month(data.get("till")) or self.this_month
        first = _month(data.get("fran")) or add_months(last, 1 - DEFAULT_MONTHS)
        first, last = min(first, last), max(first, last)
        return DashboardFilters(first, last, data.get("county") or "", data.get("asker") or "")


def _month(value: str | None) -> date | None:
    if not value:
        return None
    year, month = value.split("-")
    return date(int(year), int(month), 1)


class ReviewFilterForm(forms.Form):
    """Which questions a coordinator reviews: negative feedback, low confidence, or both."""

    BOTH = "bada"
    NEGATIVE = "negativ"
    LOW = "lag"

    visa = forms.ChoiceField(
        label=_("Visa"),
        required=False,
        choices=[
            (BOTH, _("Negativ återkoppling eller låg säkerhet")),
            (NEGATIVE, _("Negativ återkoppling")),
            (LOW, _("Låg säkerhet")),
        ],
        error_messages={"invalid_choice": _("Välj ett alternativ i listan.")},
    )

    def selected(self) -> str:
        return (self.cleaned_data.get("visa") if self.is_valid() else None) or self.BOTH
