"""The knowledge list's filters and the forms to share an item, ask for it, answer a request and tell of
a reuse. Forms validate and normalise; the actions write."""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from krokarm.accounts.forms import ActingForMixin
from krokarm.actors.forms import as_choice, theme_choices
from krokarm.actors.models import Actor, Theme
from krokarm.challenges.models import Challenge
from krokarm.knowledge import queries
from krokarm.knowledge.models import (
    ANSWER_LENGTH,
    MESSAGE_LENGTH,
    REUSE_LENGTH,
    SUMMARY_LENGTH,
    TITLE_LENGTH,
    Item,
)
from krokarm.lib.forms import OnceMixin, VersionedMixin
from krokarm.strategies import uploads

TOO_LONG = _("Skriv högst %(limit_value)d tecken (nu %(show_value)d).")
DATE_HELP = _("Skriv datumet så här: 2026-12-31.")
DATE_INVALID = _("Skriv ett datum så här: 2026-12-31.")


class ItemFilterForm(forms.Form):
    """The filters on the knowledge list. Invalid values are reported, never silently dropped."""

    kind = forms.ChoiceField(
        label=_("Typ"), required=False, error_messages={"invalid_choice": _("Välj en typ i listan.")}
    )
    theme = forms.ChoiceField(
        label=_("Tema"), required=False, error_messages={"invalid_choice": _("Välj ett tema i listan.")}
    )
    region = forms.ChoiceField(
        label=_("Region"), required=False, error_messages={"invalid_choice": _("Välj en region i listan.")}
    )
    challenge = forms.ChoiceField(
        label=_("Utmaning"), required=False, error_messages={"invalid_choice": _("Välj en utmaning i listan.")}
    )
    owner = forms.ChoiceField(
        label=_("Delas av"),
        required=False,
        error_messages={"invalid_choice": _("Välj en organisation i listan.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        as_choice(self.fields["kind"]).choices = [("", _("Alla typer")), *Item.Kind.choices]
        as_choice(self.fields["theme"]).choices = [("", _("Alla teman")), *theme_choices()]
        as_choice(self.fields["region"]).choices = [("", _("Alla regioner")), *queries.region_choices()]
        as_choice(self.fields["challenge"]).choices = [("", _("Alla utmaningar")), *queries.challenge_choices()]
        as_choice(self.fields["owner"]).choices = [("", _("Alla organisationer")), *queries.owner_choices()]

    def selected(self) -> dict[str, Any]:
        """The valid filters as arguments for queries.items (one query per filter chosen)."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "kind": data.get("kind") or "",
            "theme": Theme.objects.filter(slug=data["theme"]).first() if data.get("theme") else None,
            "region": Actor.objects.filter(slug=data["region"], kind=Actor.Kind.REGION).first()
            if data.get("region")
            else None,
            "owner": Actor.objects.filter(slug=data["owner"]).first() if data.get("owner") else None,
            "challenge": Challenge.objects.filter(slug=data["challenge"]).first() if data.get("challenge") else None,
        }


def _opener(file: UploadedFile) -> Callable[[], IO[bytes]]:
    return lambda: file


class ItemForm(OnceMixin, VersionedMixin, forms.Form):
    """Share or change an item. `owners` are the organisations the user edits for; a new item chooses one.

    Hidden fields keep what people write safe: `version`, the item's version when the form was shown (a change
    against an older one is refused with what changed meanwhile), and `once`, a one-time key (a double click
    shares one item)."""

    owner = forms.ChoiceField(
        label=_("Organisation som delar"),
        help_text=_("Du kan välja bland de organisationer du är redaktör för."),
        error_messages={
            "required": _("Välj organisation."),
            "invalid_choice": _("Välj en organisation du är redaktör för."),
        },
    )
    kind = forms.ChoiceField(
        label=_("Typ av kunskap"),
        choices=Item.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Välj vilken typ av kunskap det är."),
            "invalid_choice": _("Välj en typ i listan."),
        },
    )
    title = forms.CharField(
        label=_("Rubrik"),
        max_length=TITLE_LENGTH,
        help_text=_("Rapportens, metodens eller exemplets namn, som det heter hos er."),
        error_messages={"required": _("Skriv en rubrik."), "max_length": TOO_LONG},
    )
    summary = forms.CharField(
        label=_("Sammanfattning"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=SUMMARY_LENGTH,
        help_text=_("Vad handlar det om, och vad kan andra ha nytta av? Sammanfattningen visas för alla."),
        error_messages={"required": _("Skriv en sammanfattning."), "max_length": TOO_LONG},
    )
    themes = forms.MultipleChoiceField(
        label=_("Teman"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Välj teman i listan.")},
    )
    regions = forms.MultipleChoiceField(
        label=_("Regioner som det gäller (frivilligt)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Välj ingen om kunskapen gäller hela landet."),
        error_messages={"invalid_choice": _("Välj regioner i listan.")},
    )
    challenges = forms.MultipleChoiceField(
        label=_("Utmaningar (frivilligt)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("De gemensamma utmaningar som kunskapen kan hjälpa till med."),
        error_messages={"invalid_choice": _("Välj utmaningar i listan.")},
    )
    link = forms.URLField(
        label=_("Länk (frivilligt)"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Adressen där kunskapen finns, till exempel https://www.example.se/rapport.pdf."),
        error_messages={"invalid": _("Skriv en hel webbadress som börjar med https://."), "max_length": TOO_LONG},
    )
    attachment = forms.FileField(
        label=_("Fil (frivilligt)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.odt,.txt"}),
        error_messages={"invalid": _("Filen kunde inte läsas. Försök igen.")},
    )
    remove_attachment = forms.BooleanField(label=_("Ta bort den nuvarande filen"), required=False)
    access = forms.ChoiceField(
        label=_("Vem får öppna länken och filen?"),
        choices=Item.Access.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Rubrik, sammanfattning och taggar visas alltid för alla. Väljer du ”På begäran” ser bara er "
            "organisation länken och filen, och andra organisationer kan fråga om att ta del av dem."
        ),
        error_messages={"required": _("Välj vem som får öppna länken och filen.")},
    )
    published_on = forms.DateField(
        label=_("Publicerad (frivilligt)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=DATE_HELP,
        error_messages={"invalid": DATE_INVALID},
    )

    def __init__(self, *args: Any, owners: list[Actor], item: Item | None = None, **kwargs: Any) -> None:
        if item is not None:
            kwargs["initial"] = {
                "kind": item.kind,
                "title": item.title,
                "summary": item.summary,
                "themes": [theme.slug for theme in item.themes.all()],
                "regions": [region.slug for region in item.regions.all()],
                "challenges": [challenge.slug for challenge in item.challenges.all()],
                "link": item.link,
                "access": item.access,
                "published_on": item.published_on,
            }
        else:
            kwargs.setdefault("initial", {}).setdefault("access", Item.Access.OPEN)
        super().__init__(*args, version=item.version if item is not None else None, **kwargs)
        self.item = item
        self.owners = {owner.slug: owner for owner in owners}
        if item is not None:
            del self.fields["owner"]
            if not item.attachment:
                del self.fields["remove_attachment"]
        else:
            del self.fields["remove_attachment"]
            as_choice(self.fields["owner"]).choices = [
                ("", _("Välj organisation")),
                *((o.slug, o.name) for o in owners),
            ]
        as_choice(self.fields["themes"]).choices = theme_choices()
        as_choice(self.fields["regions"]).choices = queries.region_choices()
        as_choice(self.fields["challenges"]).choices = queries.challenge_choices()
        self.fields["attachment"].help_text = _("Högst %(max)s. Vi tar emot %(allowed)s.") % {
            "max": filesizeformat(settings.ATTACHMENT_MAX_BYTES),
            "allowed": uploads.allowed_list(),
        }

    def clean_owner(self) -> Actor:
        return self.owners[self.cleaned_data["owner"]]

    def clean_title(self) -> str:
        return str(self.cleaned_data["title"]).strip()

    def clean_attachment(self) -> tuple[UploadedFile, uploads.Kind] | None:
        file: UploadedFile | None = self.cleaned_data.get("attachment")
        if not file:
            return None
        name = uploads.clean_name(file.name or "")
        try:
            kind = uploads.check(
                name, file.size or 0, uploads.read_head(file), _opener(file), settings.ATTACHMENT_MAX_BYTES
            )
        except uploads.UploadRefused as refused:
            raise forms.ValidationError(str(refused), code="refused") from refused
        file.name = name
        return file, kind

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        keeps_file = self.item is not None and bool(self.item.attachment) and not data.get("remove_attachment")
        if not data.get("link") and not data.get("attachment") and not keeps_file:
            self.add_error("link", forms.ValidationError(_("Ange en länk eller bifoga en fil."), code="required"))
        return data

    @property
    def file_lost(self) -> bool:
        """Browsers do not refill file inputs: after an error, say that the file must be chosen again."""
        return self.is_bound and bool(self.errors) and bool(self.files.get("attachment"))

    def values(self) -> dict[str, Any]:
        """The cleaned values as arguments for actions.create_item / update_item (not the owner)."""
        data = self.cleaned_data
        values = {
            "kind": data["kind"],
            "title": data["title"],
            "summary": data["summary"],
            "themes": list(Theme.objects.filter(slug__in=data["themes"])),
            "regions": list(Actor.objects.filter(kind=Actor.Kind.REGION, slug__in=data["regions"])),
            "challenges": list(Challenge.objects.filter(slug__in=data["challenges"])),
            "link": data["link"],
            "access": data["access"],
            "published_on": data["published_on"],
            "attachment": data["attachment"],
        }
        if self.item is not None:
            values["remove_attachment"] = bool(data.get("remove_attachment"))
        return values


class _ForOrganisation(ActingForMixin, forms.Form):
    """A form sent for one of the organisations the user works for (not asked when there is one)."""

    actor = forms.ChoiceField(
        label=_("För organisation"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Välj vilken organisation du skriver för."),
            "invalid_choice": _("Välj en organisation du tillhör."),
        },
    )

    def __init__(self, *args: Any, actors: list[Actor], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer_actors(actors)


class AccessRequestForm(OnceMixin, _ForOrganisation):
    """ "Kan vi ta del av detta?" A one-time key makes a double click send one request."""

    message = forms.CharField(
        label=_("Meddelande till organisationen som delar (frivilligt)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MESSAGE_LENGTH,
        help_text=_("Berätta gärna vad ni vill använda kunskapen till. Högst 1 000 tecken."),
        error_messages={"max_length": TOO_LONG},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, prefix="fraga", **kwargs)


class AnswerRequestForm(OnceMixin, forms.Form):
    """The owner grants or declines a request, with a message; each request's form has its own prefix. A
    one-time key makes a double click send one answer."""

    decision = forms.ChoiceField(
        label=_("Ert beslut"),
        choices=[("bevilja", _("Bevilja: de får ta del av kunskapen")), ("avsla", _("Avslå"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj om ni beviljar eller avslår."), "invalid_choice": _("Välj i listan.")},
    )
    answer = forms.CharField(
        label=_("Svar till organisationen"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=ANSWER_LENGTH,
        help_text=_("Till exempel villkor för att använda materialet, eller varför ni avslår."),
        error_messages={"required": _("Skriv ett svar till organisationen."), "max_length": TOO_LONG},
    )

    @property
    def grant(self) -> bool:
        return bool(self.cleaned_data["decision"] == "bevilja")


class ReuseForm(OnceMixin, _ForOrganisation):
    """ "Det fungerade för oss". A one-time key makes a double click tell it once."""

    text = forms.CharField(
        label=_("Hur använde ni det?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=REUSE_LENGTH,
        help_text=_(
            "Visas öppet med organisationens namn, så att andra kan se var det har fungerat. Högst 1 000 tecken."
        ),
        error_messages={"required": _("Berätta kort hur ni använde kunskapen."), "max_length": TOO_LONG},
    )
    reused_on = forms.DateField(
        label=_("När (frivilligt)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Ungefär när ni använde den. Skriv datumet så här: 2026-12-31."),
        error_messages={"invalid": DATE_INVALID},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, prefix="aterbruk", **kwargs)
