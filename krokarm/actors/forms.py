from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from krokarm.actors import queries
from krokarm.actors.models import Actor, Theme
from krokarm.regions.models import County


class ChoicesFromDatabase(forms.Form):
    """A form whose choice fields are filled from the database when it is made."""

    def _choice_field(self, name: str) -> forms.ChoiceField:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        return field


class ActorFilterForm(ChoicesFromDatabase):
    """The filters on the actor list. Invalid values are reported, never silently dropped."""

    q = forms.CharField(
        label=_("Sök på namn, ort eller uppdrag"),
        required=False,
        max_length=200,
        error_messages={"max_length": _("Skriv högst %(limit_value)d tecken.")},
    )
    kind = forms.ChoiceField(
        label=_("Typ av aktör"),
        required=False,
        error_messages={"invalid_choice": _("Välj en typ av aktör i listan.")},
    )
    region = forms.ChoiceField(
        label=_("Län"),
        required=False,
        error_messages={"invalid_choice": _("Välj ett län i listan.")},
    )
    theme = forms.ChoiceField(
        label=_("Tema"),
        required=False,
        error_messages={"invalid_choice": _("Välj ett tema i listan.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._choice_field("kind").choices = [("", _("Alla typer")), *Actor.Kind.choices]
        counties, areas = queries.filter_choices()
        self._choice_field("region").choices = [("", _("Hela Sverige")), *counties]
        themes: list[tuple[str, Any]] = [("", _("Alla teman"))]
        for area, topics in areas:
            themes.append((area.slug, area.name))
            themes.extend((topic.slug, f"– {topic.name}") for topic in topics)
        self._choice_field("theme").choices = themes

    def selected(self) -> dict[str, Any]:
        """The valid filters as query arguments for queries.filter_actors."""
        self.is_valid()  # keeps the valid filters in cleaned_data, reports the others
        data = self.cleaned_data
        return {
            "kind": data.get("kind", ""),
            "county": County.objects.filter(slug=data["region"]).first() if data.get("region") else None,
            "theme": Theme.objects.filter(slug=data["theme"]).first() if data.get("theme") else None,
            "q": data.get("q", ""),
        }


DEFAULT_AREA = "kompetensforsorjning"


class MatrixForm(ChoicesFromDatabase):
    """Which strategic area the responsibility matrix shows."""

    omrade = forms.ChoiceField(
        label=_("Strategiskt område"),
        required=False,
        error_messages={"invalid_choice": _("Det området finns inte. Vi visar kompetensförsörjning i stället.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.areas = list(Theme.objects.filter(parent=None).order_by("order", "name"))
        self.fields["omrade"].initial = DEFAULT_AREA
        self._choice_field("omrade").choices = [(a.slug, a.name) for a in self.areas]

    def area(self) -> Theme | None:
        chosen = self.cleaned_data.get("omrade") if self.is_valid() else None
        slug = chosen or DEFAULT_AREA
        return next((a for a in self.areas if a.slug == slug), self.areas[0] if self.areas else None)
