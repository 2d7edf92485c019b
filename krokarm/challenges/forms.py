"""The challenges list's filters and the forms to propose and change a challenge, its status, its
participants and a region's approach. Forms validate and normalise; the actions write."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from krokarm.accounts.forms import ActingForMixin
from krokarm.actors.forms import as_choice, theme_choices
from krokarm.actors.models import Actor, Theme
from krokarm.challenges.models import (
    DESCRIPTION_LENGTH,
    GOAL_LENGTH,
    MEASURES_LENGTH,
    OUTCOME_LENGTH,
    SUMMARY_LENGTH,
    TITLE_LENGTH,
    Approach,
    Challenge,
    Participant,
)
from krokarm.lib.forms import OnceMixin, VersionedMixin

TOO_LONG = _("Skriv högst %(limit_value)d tecken (nu %(show_value)d).")
OUTCOME_ROWS = 5
DATE_HELP = _("Skriv datumet så här: 2026-12-31.")
DATE_INVALID = _("Skriv ett datum så här: 2026-12-31.")


class DateInput(forms.DateInput):
    """A date picker that leaves out a value the browser could not show (type="date" allows only YYYY-MM-DD)."""

    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")

    def format_value(self, value: Any) -> str | None:
        formatted = super().format_value(value)
        if formatted is None:
            return None
        try:
            dt.date.fromisoformat(str(formatted))
        except ValueError:
            return None
        return str(formatted)


def region_choices() -> list[tuple[str, str]]:
    return list(Actor.objects.filter(kind=Actor.Kind.REGION).order_by("name").values_list("slug", "name"))


class ChallengeFilterForm(forms.Form):
    """The filters on the challenges list. Invalid values are reported, never silently dropped."""

    theme = forms.ChoiceField(
        label=_("Tema"), required=False, error_messages={"invalid_choice": _("Välj ett tema i listan.")}
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alla")), *Challenge.Status.choices],
        error_messages={"invalid_choice": _("Välj en status i listan.")},
    )
    kind = forms.ChoiceField(
        label=_("Typ"),
        required=False,
        choices=[("", _("Alla typer")), *Challenge.Kind.choices],
        error_messages={"invalid_choice": _("Välj en typ i listan.")},
    )
    region = forms.ChoiceField(
        label=_("Region"), required=False, error_messages={"invalid_choice": _("Välj en region i listan.")}
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        as_choice(self.fields["theme"]).choices = [("", _("Alla teman")), *theme_choices()]
        as_choice(self.fields["region"]).choices = [("", _("Alla regioner")), *region_choices()]

    def selected(self) -> dict[str, Any]:
        """The valid filters as arguments for queries.challenges."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "theme": Theme.objects.filter(slug=data["theme"]).first() if data.get("theme") else None,
            "status": data.get("status") or None,
            "kind": data.get("kind") or None,
            "region": (
                Actor.objects.filter(kind=Actor.Kind.REGION, slug=data["region"]).first()
                if data.get("region")
                else None
            ),
        }


class ChallengeForm(OnceMixin, VersionedMixin, forms.Form):
    """Propose or change a challenge: what it is, what success looks like, and who leads it (new ones only).
    A new one carries a one-time key (a double click proposes one challenge), a change the challenge's version
    (an edit against an older one is refused and shows what changed meanwhile)."""

    lead = forms.ChoiceField(
        label=_("Vem leder utmaningen?"),
        help_text=_("Du kan välja bland de organisationer du är redaktör för."),
        error_messages={
            "required": _("Välj vilken organisation som leder utmaningen."),
            "invalid_choice": _("Välj en organisation du är redaktör för."),
        },
    )
    title = forms.CharField(
        label=_("Rubrik"),
        max_length=TITLE_LENGTH,
        help_text=_("Säg kort vad utmaningen är, till exempel ”Fler utbildade inom vården i hela landet”."),
        error_messages={"required": _("Skriv en rubrik."), "max_length": TOO_LONG},
    )
    goal = forms.CharField(
        label=_("Gemensamt mål"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=GOAL_LENGTH,
        help_text=_("Vad aktörerna ska vara överens om att uppnå, i en eller ett par meningar."),
        error_messages={"required": _("Skriv det gemensamma målet."), "max_length": TOO_LONG},
    )
    description = forms.CharField(
        label=_("Bakgrund (frivilligt)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=DESCRIPTION_LENGTH,
        help_text=_("Varför utmaningen finns och vad som redan görs."),
        error_messages={"max_length": TOO_LONG},
    )
    kind = forms.ChoiceField(
        label=_("Typ av utmaning"),
        choices=Challenge.Kind.choices,
        widget=forms.RadioSelect,
        initial=Challenge.Kind.GENERAL,
        help_text=_("Generell: samma utmaning överallt. Platsbaserad: den ser olika ut beroende på platsen."),
        error_messages={
            "required": _("Välj om utmaningen är generell eller platsbaserad."),
            "invalid_choice": _("Välj en typ i listan."),
        },
    )
    themes = forms.MultipleChoiceField(
        label=_("Teman"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Välj teman i listan.")},
    )

    def __init__(self, *args: Any, leads: list[Actor], challenge: Challenge | None = None, **kwargs: Any) -> None:
        initial = dict(kwargs.pop("initial", None) or {})
        if challenge is not None:
            initial.update(
                {
                    "title": challenge.title,
                    "goal": challenge.goal,
                    "description": challenge.description,
                    "kind": challenge.kind,
                    "themes": [theme.slug for theme in challenge.themes.all()],
                }
            )
            for number, outcome in enumerate(challenge.outcomes.all(), start=1):
                initial[f"outcome_{number}"], initial[f"indicator_{number}"] = outcome.text, outcome.indicator
        kwargs["initial"] = initial
        super().__init__(*args, version=challenge.version if challenge is not None else None, **kwargs)
        self.leads = {actor.slug: actor for actor in leads}
        if challenge is not None:
            del self.fields["lead"]
        else:
            as_choice(self.fields["lead"]).choices = [("", _("Välj organisation")), *((a.slug, a.name) for a in leads)]
        as_choice(self.fields["themes"]).choices = theme_choices()
        for number in range(1, OUTCOME_ROWS + 1):
            self.fields[f"outcome_{number}"] = forms.CharField(
                label=_("Önskat resultat %(number)d") % {"number": number},
                required=False,
                max_length=OUTCOME_LENGTH,
                error_messages={"max_length": TOO_LONG},
            )
            self.fields[f"indicator_{number}"] = forms.CharField(
                label=_("Indikator för resultat %(number)d") % {"number": number},
                required=False,
                max_length=OUTCOME_LENGTH,
                help_text=_("Hur ni ser att resultatet nås, till exempel ett mått eller en uppföljning."),
                error_messages={"max_length": TOO_LONG},
            )

    def outcome_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"outcome_{n}"], self[f"indicator_{n}"]) for n in range(1, OUTCOME_ROWS + 1)]

    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("lead", "title", "goal", "description", "kind") if name in self.fields]

    def clean_lead(self) -> Actor:
        return self.leads[self.cleaned_data["lead"]]

    def clean_title(self) -> str:
        return str(self.cleaned_data["title"]).strip()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for number in range(1, OUTCOME_ROWS + 1):
            if (
                str(data.get(f"indicator_{number}") or "").strip()
                and not str(data.get(f"outcome_{number}") or "").strip()
            ):
                self.add_error(
                    f"outcome_{number}",
                    forms.ValidationError(_("Skriv resultatet som indikatorn mäter."), code="outcome_missing"),
                )
        return data

    def values(self) -> dict[str, Any]:
        """The cleaned values as arguments for actions.propose_challenge / update_challenge (not the lead)."""
        data = self.cleaned_data
        outcomes = [
            (str(data[f"outcome_{n}"]).strip(), str(data[f"indicator_{n}"]).strip())
            for n in range(1, OUTCOME_ROWS + 1)
            if str(data[f"outcome_{n}"]).strip()
        ]
        return {
            "title": data["title"],
            "goal": data["goal"],
            "description": data["description"],
            "kind": data["kind"],
            "themes": list(Theme.objects.filter(slug__in=data["themes"])),
            "outcomes": outcomes,
        }


class StatusForm(forms.Form):
    """Move a challenge one step along its lifecycle. `current` carries the status the person saw, so that a
    move somebody else made meanwhile is not taken one step further by mistake."""

    status = forms.ChoiceField(
        label=_("Ny status"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Välj ny status."),
            "invalid_choice": _("En utmaning kan bara flyttas ett steg i taget. Välj en status i listan."),
        },
    )

    current = forms.CharField(widget=forms.HiddenInput, required=False, max_length=20)

    def __init__(self, *args: Any, allowed: list[str], current: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        as_choice(self.fields["status"]).choices = [(s, Challenge.Status(s).label) for s in allowed]
        self.fields["current"].initial = current

    def expected_status(self) -> str | None:
        """The status the person saw; None for a page sent before the form carried it."""
        return self.cleaned_data.get("current") or None


class ParticipantForm(OnceMixin, forms.Form):
    """Add an organisation to a challenge, with an honest role (a double click adds it once)."""

    actor = forms.ChoiceField(
        label=_("Organisation"),
        error_messages={
            "required": _("Välj en organisation."),
            "invalid_choice": _("Välj en organisation i listan som inte redan deltar."),
        },
    )
    role = forms.ChoiceField(
        label=_("Roll"),
        choices=[(v, label) for v, label in Participant.Role.choices if v != Participant.Role.LEADS],
        widget=forms.RadioSelect,
        initial=Participant.Role.CONTRIBUTES,
        help_text=_("Välj ”Finansierar” bara om organisationen har bestämt sig för att finansiera arbetet."),
        error_messages={
            "required": _("Välj vilken roll organisationen har."),
            "invalid_choice": _("Välj en roll i listan."),
        },
    )
    note = forms.CharField(
        label=_("Vad organisationen gör (frivilligt)"),
        required=False,
        max_length=500,
        error_messages={"max_length": TOO_LONG},
    )

    def __init__(self, *args: Any, actors: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        as_choice(self.fields["actor"]).choices = [("", _("Välj organisation")), *actors]

    def clean_actor(self) -> Actor:
        return Actor.objects.get(slug=self.cleaned_data["actor"])


class JoinForm(OnceMixin, ActingForMixin, forms.Form):
    """An organisation's editor joins it to a challenge as a contributor (a double click joins once)."""

    actor = forms.ChoiceField(
        label=_("Delta för"),
        error_messages={
            "required": _("Välj vilken organisation som ska delta."),
            "invalid_choice": _("Du kan bara anmäla en organisation du är redaktör för och som inte redan deltar."),
        },
    )

    def __init__(self, *args: Any, actors: list[Actor], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer_actors(actors)


class ApproachForm(OnceMixin, VersionedMixin, forms.Form):
    """How a region works on a challenge: what it does, how far it has come, whom to ask and when.

    It carries the approach's version (0 when the region had none yet), so that two of the region's editors
    writing at the same time never overwrite each other unseen, and a one-time key for the first one."""

    summary = forms.CharField(
        label=_("Så arbetar vi"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=SUMMARY_LENGTH,
        help_text=_("Beskriv kort hur regionen arbetar med utmaningen och varför just så."),
        error_messages={"required": _("Beskriv hur regionen arbetar med utmaningen."), "max_length": TOO_LONG},
    )
    measures = forms.CharField(
        label=_("Insatser (frivilligt)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=MEASURES_LENGTH,
        help_text=_("En insats per rad, till exempel ”Kompetensplattformens arbetsgrupp för industrin”."),
        error_messages={"max_length": TOO_LONG},
    )
    status = forms.ChoiceField(
        label=_("Hur långt har ni kommit?"),
        choices=Approach.Status.choices,
        widget=forms.RadioSelect,
        initial=Approach.Status.PLANNED,
        error_messages={"required": _("Välj hur långt ni har kommit."), "invalid_choice": _("Välj ett läge i listan.")},
    )
    contact_name = forms.CharField(
        label=_("Kontakt: funktion eller roll (frivilligt)"),
        required=False,
        max_length=200,
        help_text=_("Skriv en funktion, till exempel ”Kompetensplattformen”, inte en privatperson."),
        error_messages={"max_length": TOO_LONG},
    )
    contact_email = forms.EmailField(
        label=_("Kontaktens e-post (frivilligt)"),
        required=False,
        help_text=_("Helst en funktionsbrevlåda. Adressen visas öppet på sidan."),
        error_messages={"invalid": _("Skriv en e-postadress, till exempel namn@example.se.")},
    )
    starts_on = forms.DateField(
        label=_("Startar (frivilligt)"),
        required=False,
        widget=DateInput(),
        help_text=DATE_HELP,
        error_messages={"invalid": DATE_INVALID},
    )
    ends_on = forms.DateField(
        label=_("Slutar (frivilligt)"),
        required=False,
        widget=DateInput(),
        help_text=DATE_HELP,
        error_messages={"invalid": DATE_INVALID},
    )

    def __init__(self, *args: Any, approach: Approach | None = None, **kwargs: Any) -> None:
        if approach is not None:
            kwargs["initial"] = {name: getattr(approach, name) for name in self.base_fields}
        super().__init__(*args, version=approach.version if approach is not None else 0, **kwargs)

    def values(self) -> dict[str, Any]:
        """The cleaned fields for actions.save_approach (not the version or the one-time key)."""
        return {name: value for name, value in self.cleaned_data.items() if name not in ("version", "once")}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error(
                "ends_on", forms.ValidationError(_("Slutdatumet kan inte vara före startdatumet."), code="ends_before")
            )
        return data


class CompareForm(forms.Form):
    """Which regions' approaches to lay side by side; none chosen means all."""

    regions = forms.MultipleChoiceField(
        label=_("Regioner att jämföra"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Välj regioner som har beskrivit sitt arbetssätt.")},
    )

    def __init__(self, *args: Any, regions: list[Actor], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        as_choice(self.fields["regions"]).choices = [(r.slug, r.name) for r in regions]

    def chosen(self) -> set[str]:
        self.is_valid()
        return set(getattr(self, "cleaned_data", {}).get("regions") or [])
