from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from krokarm.actors import queries
from krokarm.actors.models import Actor, Responsibility, Service, TargetGroup, Theme
from krokarm.lib.forms import OnceMixin, VersionedMixin
from krokarm.lib.language import localized
from krokarm.regions.models import County


def theme_choices(areas: Any = None) -> list[tuple[str, str]]:
    """Each strategic area followed by its topics, for a theme select (cached per data version, queries.py; pass
    `areas` from a `filter_choices()` already read to save asking for the data version again)."""
    if areas is None:
        _counties, areas = queries.filter_choices()
    choices: list[tuple[str, str]] = []
    for area, topics in areas:  # English names for English speakers (the cache holds the objects, not labels)
        choices.append((area.slug, localized(area, "name")))
        choices.extend((topic.slug, f"– {localized(topic, 'name')}") for topic in topics)
    return choices


def agency_choices() -> list[tuple[str, str]]:
    """Every national agency by name, for choosing which agencies to invite."""
    return list(Actor.objects.filter(kind=Actor.Kind.AGENCY).order_by("name").values_list("slug", "name"))


def as_choice(field: forms.Field) -> forms.ChoiceField:
    """`field` typed as the choice field it is, to set its choices."""
    assert isinstance(field, forms.ChoiceField)
    return field


class ChoicesFromDatabase(forms.Form):
    """A form whose choice fields are filled from the database when it is made."""

    def _choice_field(self, name: str) -> forms.ChoiceField:
        return as_choice(self.fields[name])


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
        self._choice_field("theme").choices = [("", _("Alla teman")), *theme_choices(areas)]

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
        self._choice_field("omrade").choices = [(a.slug, localized(a, "name")) for a in self.areas]

    def area(self) -> Theme | None:
        chosen = self.cleaned_data.get("omrade") if self.is_valid() else None
        slug = chosen or DEFAULT_AREA
        return next((a for a in self.areas if a.slug == slug), self.areas[0] if self.areas else None)


URL_ERRORS = {"invalid": _("Skriv en hel webbadress, till exempel https://www.example.se/sida.")}


def _url(label: Any, *, required: bool, help_text: Any = "") -> forms.URLField:
    errors = {**URL_ERRORS, "max_length": _("Adressen är för lång: högst %(limit_value)d tecken.")}
    if required:
        errors["required"] = _("Skriv en webbadress till källan.")
    return forms.URLField(
        label=label,
        required=required,
        max_length=500,
        assume_scheme="https",
        help_text=help_text,
        error_messages=errors,
    )


def _text(
    label: Any, *, max_length: int | None = None, rows: int = 0, required: Any = None, help_text: Any = ""
) -> forms.CharField:
    """A text field; `required` is the Swedish message for a missing value, or None for an optional field."""
    errors = {"max_length": _("Skriv högst %(limit_value)d tecken (nu %(show_value)d).")}
    if required:
        errors["required"] = required
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput
    return forms.CharField(
        label=label,
        required=bool(required),
        max_length=max_length,
        widget=widget,
        help_text=help_text,
        error_messages=errors,
    )


class ProfileForm(VersionedMixin, forms.Form):
    """The parts of an actor's profile its editors keep current. Field names match actions.PROFILE_FIELDS;
    the hidden `version` is the actor's version when the form was shown."""

    short_name = _text(_("Kort namn"), max_length=100)
    website = _url(_("Webbplats"), required=False)
    seat = _text(_("Säte"), max_length=100)
    mandate = _text(_("Uppdrag"), rows=6)
    mandate_source_url = _url(
        _("Källa för uppdraget"), required=False, help_text=_("Till exempel instruktionen eller regleringsbrevet.")
    )
    member_note = _text(_("Om medlemmarna"), rows=3)
    case_email = forms.EmailField(
        label=_("Funktionsbrevlåda för ärenden"),
        required=False,
        max_length=254,
        help_text=_(
            "Får ett e-postmeddelande när en fråga skickas till aktören via krokarm. Ange inte en persons adress."
        ),
        error_messages={"invalid": _("Skriv e-postadressen så här: namn@example.se.")},
    )

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        kwargs["initial"] = {name: getattr(actor, name) for name in self.base_fields}
        super().__init__(*args, version=actor.version, **kwargs)
        if actor.kind != Actor.Kind.NETWORK:
            del self.fields["member_note"]

    def profile_values(self) -> dict[str, Any]:
        """The cleaned profile fields for actions.update_profile (not the version)."""
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


def topic_choices() -> list[tuple[str, Any]]:
    """The topics grouped under their strategic areas, for a select with option groups."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for topic in (
        Theme.objects.filter(kind=Theme.Kind.TOPIC).select_related("parent").order_by("parent__order", "order", "name")
    ):
        area = localized(topic.parent, "name") if topic.parent else ""
        groups.setdefault(area, []).append((topic.slug, localized(topic, "name")))
    return list(groups.items())


class DirectoryRowForm(OnceMixin, VersionedMixin, ChoicesFromDatabase):
    """What responsibilities and services share: a topic and the target groups they are for; the row's version
    (an edit against an older one is refused) and a one-time key (a double click adds one row)."""

    theme: forms.ChoiceField
    target_groups = forms.MultipleChoiceField(
        label=_("Målgrupper"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Välj målgrupper i listan.")},
    )

    def __init__(
        self, *args: Any, actor: Actor, instance: Responsibility | Service | None = None, **kwargs: Any
    ) -> None:
        self.actor = actor
        self.instance = instance
        super().__init__(*args, version=instance.version if instance is not None else None, **kwargs)
        self._choice_field("theme").choices = [("", _("Välj ett ämne")), *topic_choices()]
        self._choice_field("target_groups").choices = list(TargetGroup.objects.values_list("slug", "name"))

    def clean_theme(self) -> Theme | None:
        slug = self.cleaned_data["theme"]
        return Theme.objects.filter(slug=slug).first() if slug else None

    def values(self) -> dict[str, Any]:
        """The cleaned model fields for the action (everything but the target groups)."""
        return {k: v for k, v in self.cleaned_data.items() if k not in ("target_groups", "version", "once")}

    def group_slugs(self) -> set[str]:
        return set(self.cleaned_data["target_groups"])


class ResponsibilityForm(DirectoryRowForm):
    theme = forms.ChoiceField(
        label=_("Ämne"),
        error_messages={"required": _("Välj ett ämne."), "invalid_choice": _("Välj ett ämne i listan.")},
    )
    role = forms.ChoiceField(
        label=_("Roll"),
        choices=[("", _("Välj en roll")), *Responsibility.Role.choices],
        error_messages={"required": _("Välj aktörens roll."), "invalid_choice": _("Välj en roll i listan.")},
    )
    description = _text(
        _("Beskrivning"),
        rows=5,
        required=_("Beskriv ansvaret."),
        help_text=_("Vad aktören gör inom ämnet, i klarspråk."),
    )
    basis = _text(_("Grund i lag eller beslut"), max_length=300)
    source_url = _url(
        _("Källa"), required=True, help_text=_("En webbsida där ansvaret står beskrivet, till exempel en förordning.")
    )
    questions = forms.CharField(
        label=_("Typiska frågor"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("En fråga per rad. Frågorna hjälper krokarm att skicka rätt frågor till aktören."),
    )
    field_order = ["theme", "role", "target_groups", "description", "basis", "source_url", "questions"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        resp = self.instance
        if isinstance(resp, Responsibility) and not self.is_bound:
            self.initial = {
                "theme": resp.theme.slug,
                "role": resp.role,
                "target_groups": [g.slug for g in resp.target_groups.all()],
                "description": resp.description,
                "basis": resp.basis,
                "source_url": resp.source_url,
                "questions": "\n".join(resp.questions),
            }

    def clean_questions(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["questions"].splitlines() if line.strip()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        theme, role = data.get("theme"), data.get("role")
        if theme is not None and role:
            others = Responsibility.objects.filter(actor=self.actor, theme=theme, role=role)
            if self.instance is not None:
                others = others.exclude(pk=self.instance.pk)
            if others.exists():
                self.add_error(
                    "role",
                    forms.ValidationError(
                        _("Aktören har redan den rollen inom ämnet. Ändra det ansvaret i stället."), code="duplicate"
                    ),
                )
        return data


class ServiceForm(DirectoryRowForm):
    name = _text(_("Namn"), max_length=200, required=_("Skriv tjänstens namn."))
    description = _text(_("Beskrivning"), rows=4)
    url = _url(_("Adress"), required=False, help_text=_("Webbsidan där man använder eller läser om tjänsten."))
    theme = forms.ChoiceField(
        label=_("Ämne"), required=False, error_messages={"invalid_choice": _("Välj ett ämne i listan.")}
    )
    field_order = ["name", "description", "url", "theme", "target_groups"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        service = self.instance
        if isinstance(service, Service) and not self.is_bound:
            self.initial = {
                "name": service.name,
                "description": service.description,
                "url": service.url,
                "theme": service.theme.slug if service.theme else "",
                "target_groups": [g.slug for g in service.target_groups.all()],
            }

    def clean_name(self) -> str:
        name = str(self.cleaned_data["name"]).strip()
        others = Service.objects.filter(actor=self.actor, name=name)
        if self.instance is not None:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("Aktören har redan en tjänst med det namnet."), code="duplicate")
        return name
