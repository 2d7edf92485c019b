"""The filters on the programme list and the matrix. They validate only; invalid values are reported."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from krokarm.actors import queries as actor_queries
from krokarm.actors.forms import ChoicesFromDatabase, theme_choices
from krokarm.actors.models import Theme
from krokarm.regions.models import County


class ProgrammeFilterForm(ChoicesFromDatabase):
    lan = forms.ChoiceField(
        label=_("Län"), required=False, error_messages={"invalid_choice": _("Välj ett län i listan.")}
    )
    tema = forms.ChoiceField(
        label=_("Tema"), required=False, error_messages={"invalid_choice": _("Välj ett tema i listan.")}
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        counties, areas = actor_queries.filter_choices()
        self._choice_field("lan").choices = [("", _("Hela Sverige")), *counties]
        self._choice_field("tema").choices = [("", _("Alla teman")), *theme_choices(areas)]

    def selected(self) -> dict[str, Any]:
        """The valid filters as County and Theme (or None); invalid ones are left out and reported."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "county": County.objects.filter(slug=data["lan"]).first() if data.get("lan") else None,
            "theme": Theme.objects.select_related("parent").filter(slug=data["tema"]).first()
            if data.get("tema")
            else None,
        }
