from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from krokarm.actors.models import Actor
from krokarm.audit.cache import data_version
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

# One option group per county: the county itself (its two-digit code), then its municipalities (four digits).
PlaceChoices = list[tuple[str, list[tuple[str, str]]]]

# Python compares code points, which puts Ä before Å; Swedish puts Å, Ä, Ö last, in that order.
_SWEDISH_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}", "é": "e", "ü": "y"})


def place_choices() -> PlaceChoices:
    """Counties with their municipalities for the place field, read once per data version."""

    def read() -> PlaceChoices:
        municipalities: dict[str, list[tuple[str, str]]] = {}
        rows = Actor.objects.filter(kind=Actor.Kind.MUNICIPALITY, county__isnull=False).exclude(code="")
        for code, name, county_code in rows.values_list("code", "name", "county__code"):
            municipalities.setdefault(county_code, []).append((code, name))
        return [
            (name, [(code, name), *sorted(municipalities.get(code, []), key=_in_swedish_order)])
            for code, name in County.objects.values_list("code", "name")
        ]

    return cast(PlaceChoices, cache.get_or_set(f"wayin-place-choices:{data_version()}", read, 3600))


def _in_swedish_order(choice: tuple[str, str]) -> str:
    return choice[1].lower().translate(_SWEDISH_ORDER)


class QuestionForm(forms.Form):
    """A question to the way in. Too long a question is refused with a message; its text stays in the field.

    `county` holds a county code or a municipality code (krokarm.wayin.routing.Router.route takes
    either); it keeps the name it had when it only took counties, so old links keep working.
    """

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
        label=_("Län eller kommun (frivilligt)"),
        required=False,
        error_messages={"invalid_choice": _("Välj ett län eller en kommun i listan.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["county"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Vet inte eller spelar ingen roll")), *place_choices()]
        # No maxlength in the page: the browser would cut a pasted question silently.
        self.fields["q"].widget.attrs.pop("maxlength", None)
