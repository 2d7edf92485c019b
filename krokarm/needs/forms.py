"""The needs list's filters and the forms to publish a need, answer it and reply to an answer."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from krokarm.accounts.forms import ActingForMixin
from krokarm.actors.forms import agency_choices, as_choice, theme_choices
from krokarm.actors.models import Actor, Theme
from krokarm.lib.forms import OnceMixin, VersionedMixin
from krokarm.needs import queries
from krokarm.needs.models import ANSWER_LENGTH, DESCRIPTION_LENGTH, REPLY_LENGTH, TITLE_LENGTH, Answer, Need

TOO_LONG = _("Skriv högst %(limit_value)d tecken (nu %(show_value)d).")


class NeedFilterForm(forms.Form):
    """The filters on the needs list. Invalid values are reported, never silently dropped."""

    region = forms.ChoiceField(
        label=_("Region"), required=False, error_messages={"invalid_choice": _("Välj en region i listan.")}
    )
    theme = forms.ChoiceField(
        label=_("Tema"), required=False, error_messages={"invalid_choice": _("Välj ett tema i listan.")}
    )
    invited = forms.ChoiceField(
        label=_("Inbjuden myndighet"),
        required=False,
        error_messages={"invalid_choice": _("Välj en myndighet i listan.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        regions, agencies = queries.filter_choices()
        as_choice(self.fields["region"]).choices = [("", _("Alla regioner")), *regions]
        as_choice(self.fields["theme"]).choices = [("", _("Alla teman")), *theme_choices()]
        as_choice(self.fields["invited"]).choices = [("", _("Alla myndigheter")), *agencies]

    def selected(self) -> dict[str, Any]:
        """The valid filters as arguments for queries.open_needs (one query per filter chosen)."""
        self.is_valid()
        data = self.cleaned_data
        actors = Actor.objects.filter(kind__in=[Actor.Kind.REGION, Actor.Kind.AGENCY])
        return {
            "region": actors.filter(slug=data["region"]).first() if data.get("region") else None,
            "theme": Theme.objects.filter(slug=data["theme"]).first() if data.get("theme") else None,
            "invited": actors.filter(slug=data["invited"]).first() if data.get("invited") else None,
        }


class NeedForm(OnceMixin, VersionedMixin, forms.Form):
    """Publish or change a need. `regions` are those the user edits for; a new need chooses among them. A new
    need carries a one-time key (a double click publishes one need), a change the need's version (a change
    against an older one is refused, keeping the text)."""

    region = forms.ChoiceField(
        label=_("Region"),
        help_text=_("Regionen som har behovet. Du kan välja bland de regioner du är redaktör för."),
        error_messages={"required": _("Välj region."), "invalid_choice": _("Välj en region du är redaktör för.")},
    )
    title = forms.CharField(
        label=_("Rubrik"),
        max_length=TITLE_LENGTH,
        help_text=_("Säg kort vad regionen behöver, till exempel ”Fler utbildade undersköterskor i länet”."),
        error_messages={"required": _("Skriv en rubrik."), "max_length": TOO_LONG},
    )
    description = forms.CharField(
        label=_("Beskrivning"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=DESCRIPTION_LENGTH,
        help_text=_("Beskriv behovet, varför det finns och vad ni vill ha hjälp med."),
        error_messages={"required": _("Beskriv behovet."), "max_length": TOO_LONG},
    )
    themes = forms.MultipleChoiceField(
        label=_("Teman"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Välj teman i listan.")},
    )
    needed_by = forms.DateField(
        label=_("Behövs senast (frivilligt)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Skriv datumet så här: 2026-12-31."),
        error_messages={"invalid": _("Skriv ett datum så här: 2026-12-31.")},
    )
    invited = forms.MultipleChoiceField(
        label=_("Bjud in myndigheter att svara"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("De inbjudna ser behovet i sin inkorg. Alla som arbetar för en aktör kan svara."),
        error_messages={"invalid_choice": _("Välj myndigheter i listan.")},
    )

    def __init__(self, *args: Any, regions: list[Actor], need: Need | None = None, **kwargs: Any) -> None:
        if need is not None:
            kwargs["initial"] = {
                "title": need.title,
                "description": need.description,
                "needed_by": need.needed_by,
                "themes": [theme.slug for theme in need.themes.all()],
                "invited": [actor.slug for actor in need.invited.all()],
            }
        super().__init__(*args, version=need.version if need is not None else None, **kwargs)
        self.regions = {region.slug: region for region in regions}
        if need is not None:
            del self.fields["region"]
        else:
            as_choice(self.fields["region"]).choices = [("", _("Välj region")), *((r.slug, r.name) for r in regions)]
        as_choice(self.fields["themes"]).choices = theme_choices()
        as_choice(self.fields["invited"]).choices = agency_choices()

    def clean_region(self) -> Actor:
        return self.regions[self.cleaned_data["region"]]

    def clean_title(self) -> str:
        return str(self.cleaned_data["title"]).strip()

    def values(self) -> dict[str, Any]:
        """The cleaned values as arguments for actions.create_need / update_need (not the region)."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "description": data["description"],
            "needed_by": data["needed_by"],
            "themes": list(Theme.objects.filter(slug__in=data["themes"])),
            "invited": list(Actor.objects.filter(kind=Actor.Kind.AGENCY, slug__in=data["invited"])),
        }


class AnswerForm(OnceMixin, ActingForMixin, forms.Form):
    """Answer a need for one of the organisations the user works for (a double click sends one answer)."""

    actor = forms.ChoiceField(
        label=_("Svara för"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Välj vilken organisation du svarar för."),
            "invalid_choice": _("Du kan bara svara för en organisation du tillhör."),
        },
    )
    kind = forms.ChoiceField(
        label=_("Vad vill ni säga?"),
        choices=Answer.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Välj om det är ett erbjudande, en fråga eller ett intresse."),
            "invalid_choice": _("Välj en typ av svar i listan."),
        },
    )
    text = forms.CharField(
        label=_("Ert svar"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=ANSWER_LENGTH,
        help_text=_("Svaret visas öppet med organisationens namn. Ditt namn ser bara regionen."),
        error_messages={"required": _("Skriv ert svar."), "max_length": TOO_LONG},
    )

    def __init__(self, *args: Any, actors: list[Actor], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer_actors(actors)  # someone who works for one organisation is not asked to choose it
        self.fields["text"].widget.attrs.pop("maxlength", None)


class ReplyForm(OnceMixin, VersionedMixin, forms.Form):
    """The region's reply to one answer; each answer's form has its own prefix (svar-<pk>). A double click
    saves one reply; a reply sent against an older version of the answer (another editor replied meanwhile)
    is refused, keeping the text."""

    reply = forms.CharField(
        label=_("Regionens svar"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=REPLY_LENGTH,
        error_messages={"required": _("Skriv regionens svar."), "max_length": TOO_LONG},
    )
