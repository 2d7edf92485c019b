"""The search box and its filters. Invalid filter values are reported, never silently dropped."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from krokarm.actors.forms import as_choice, theme_choices
from krokarm.regions.models import County
from krokarm.search.registry import KINDS, searchables

QUERY_LENGTH = 200


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Sök på krokarm"),
        required=False,
        max_length=QUERY_LENGTH,
        strip=True,
        error_messages={"max_length": _("Skriv högst %(limit_value)d tecken (nu %(show_value)d).")},
    )
    typ = forms.ChoiceField(
        label=_("Typ"), required=False, error_messages={"invalid_choice": _("Välj en typ i listan.")}
    )
    lan = forms.ChoiceField(
        label=_("Län"), required=False, error_messages={"invalid_choice": _("Välj ett län i listan.")}
    )
    tema = forms.ChoiceField(
        label=_("Tema"), required=False, error_messages={"invalid_choice": _("Välj ett tema i listan.")}
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.counties = dict(County.objects.order_by("name").values_list("slug", "code"))
        names = dict(County.objects.values_list("slug", "name"))
        # Only the kinds some app has registered: no filter for a type the site does not have yet.
        kinds = [(searchable.kind, KINDS[searchable.kind]) for searchable in searchables()]
        as_choice(self.fields["typ"]).choices = [("", _("Alla typer")), *kinds]
        as_choice(self.fields["lan"]).choices = [("", _("Hela landet")), *((s, names[s]) for s in self.counties)]
        as_choice(self.fields["tema"]).choices = [("", _("Alla teman")), *theme_choices()]

    def clean_q(self) -> str:
        value: str = self.cleaned_data["q"]
        if "\x00" in value:
            raise forms.ValidationError(_("Sökningen innehåller ett otillåtet tecken."), code="invalid")
        return " ".join(value.split())

    def search_arguments(self) -> dict[str, str]:
        """What to search for, from the valid fields (an invalid filter is left out and reported)."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "text": data.get("q", ""),
            "kind": data.get("typ", ""),
            "region": self.counties.get(data.get("lan", ""), ""),
            "theme": data.get("tema", ""),
        }
