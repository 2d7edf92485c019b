from __future__ import annotations

from collections.abc import Callable
from typing import IO, Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from krokarm.accounts.forms import ActingForMixin
from krokarm.actors.forms import ChoicesFromDatabase, agency_choices, as_choice, theme_choices
from krokarm.actors.models import Actor, Theme
from krokarm.lib.forms import OnceMixin, VersionedMixin
from krokarm.strategies import uploads
from krokarm.strategies.models import (
    ACKNOWLEDGEMENT_LENGTH,
    CONTRIBUTION_LENGTH,
    INTEREST_LENGTH,
    MAX_ATTACHMENTS,
    EntryPoint,
    Phase,
)


class EntryPointFilterForm(ChoicesFromDatabase):
    """The filters on "Nu kan myndigheter bidra". Invalid values are reported, never silently dropped."""

    tema = forms.ChoiceField(
        label=_("Tema"),
        required=False,
        error_messages={"invalid_choice": _("Välj ett tema i listan.")},
    )
    myndighet = forms.ChoiceField(
        label=_("Inbjuden myndighet"),
        required=False,
        help_text=_("Visar ingångar där myndigheten är inbjuden och ingångar som är öppna för alla."),
        error_messages={"invalid_choice": _("Välj en myndighet i listan.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._choice_field("tema").choices = [("", _("Alla teman")), *theme_choices()]
        self._choice_field("myndighet").choices = [("", _("Alla myndigheter")), *agency_choices()]

    def selected(self) -> dict[str, Any]:
        """The valid filters as arguments for queries.entry_points."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "theme": Theme.objects.filter(slug=data["tema"]).first() if data.get("tema") else None,
            "agency": Actor.objects.filter(slug=data["myndighet"]).first() if data.get("myndighet") else None,
        }


TOO_LONG = _("Skriv högst %(limit_value)d tecken (nu %(show_value)d).")


class _ActorChoice(ActingForMixin, forms.Form):
    """A form sent for one of the organisations the user works for; someone with one is not asked to choose."""

    actor = forms.ChoiceField(
        label=_("Skicka för"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Välj vilken organisation du skickar för."),
            "invalid_choice": _("Du kan bara skicka för en organisation du arbetar för."),
        },
    )

    def __init__(self, *args: Any, actors: list[Actor], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer_actors(actors)
        for name in ("text",):
            if name in self.fields:
                self.fields[name].widget.attrs.pop("maxlength", None)


class InterestForm(OnceMixin, _ActorChoice):
    """ "Anmäl intresse": the organisation wants to take part; a short note is optional. Its one-time key makes a
    double click register once."""

    text = forms.CharField(
        label=_("Meddelande till regionen (frivilligt)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=INTEREST_LENGTH,
        help_text=_("Till exempel vem hos er som vill vara med."),
        error_messages={"max_length": TOO_LONG},
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern); each is checked in ContributionForm."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.docx,.odt,.txt"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


def _opener(file: UploadedFile) -> Callable[[], IO[bytes]]:
    return lambda: file


class ContributionForm(OnceMixin, _ActorChoice):
    """ "Skicka bidrag": a text (up to 10 000 characters) and up to five files (PDF, DOCX, ODT, TXT). Its one-time
    key makes a double click send once."""

    text = forms.CharField(
        label=_("Ert bidrag"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=CONTRIBUTION_LENGTH,
        help_text=_("Högst 10 000 tecken. Bidraget ser bara regionen och er egen organisation."),
        error_messages={"max_length": TOO_LONG},
    )
    attachments = MultipleFileField(
        label=_("Bilagor (frivilligt)"),
        required=False,
        error_messages={"invalid": _("Filen kunde inte läsas. Försök igen.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = _(
            "Högst %(count)d filer, var och en högst %(max)s. Vi tar emot %(allowed)s."
        ) % {
            "count": MAX_ATTACHMENTS,
            "max": filesizeformat(settings.ATTACHMENT_MAX_BYTES),
            "allowed": uploads.allowed_list(),
        }

    def clean_attachments(self) -> list[tuple[UploadedFile, uploads.Kind]]:
        files: list[UploadedFile] = self.cleaned_data["attachments"]
        if len(files) > MAX_ATTACHMENTS:
            raise forms.ValidationError(
                _("Skicka högst %(max)d filer (du valde %(count)d).") % {"max": MAX_ATTACHMENTS, "count": len(files)},
                code="too_many",
            )
        checked, errors = [], []
        for file in files:
            name = uploads.clean_name(file.name or "")
            try:
                kind = uploads.check(
                    name, file.size or 0, uploads.read_head(file), _opener(file), settings.ATTACHMENT_MAX_BYTES
                )
            except uploads.UploadRefused as refused:
                errors.append(forms.ValidationError(str(refused), code="refused"))
                continue
            file.name = name
            checked.append((file, kind))
        if errors:
            raise forms.ValidationError(errors)
        return checked

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not data.get("text", "").strip() and not data.get("attachments"):
            self.add_error("text", forms.ValidationError(_("Skriv ert bidrag eller bifoga en fil."), code="required"))
        return data

    @property
    def files_lost(self) -> bool:
        """Files never survive a form error (browsers do not refill file inputs): say so next to the field."""
        return self.is_bound and bool(self.errors) and bool(self.files)


class AcknowledgeForm(VersionedMixin, forms.Form):
    """The region confirms it has received a contribution, with an optional reply; `version=` the contribution's
    version when the form was shown."""

    reply = forms.CharField(
        label=_("Svar till organisationen (frivilligt)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=ACKNOWLEDGEMENT_LENGTH,
        help_text=_("Till exempel: ”Tack, vi har tagit emot ert remissvar.”"),
        error_messages={"max_length": TOO_LONG},
    )


DATE_HELP = _("Skriv datumet så här: 2026-12-31.")
DATE_INVALID = _("Skriv ett datum så här: 2026-12-31.")


def _date(label: Any, *, required: bool = False) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=DATE_HELP,
        error_messages={"invalid": DATE_INVALID, "required": _("Skriv ett datum.")},
    )


class PhaseForm(OnceMixin, VersionedMixin, forms.Form):
    """A phase's dates, whether they are planned, and a note. A new phase also chooses its kind (and carries a
    one-time key); a changed one carries the phase's version."""

    kind = forms.ChoiceField(
        label=_("Fas"),
        error_messages={"required": _("Välj fas."), "invalid_choice": _("Välj en fas som processen inte har än.")},
    )
    starts_on = _date(_("Från"))
    ends_on = _date(_("Till"))
    planned = forms.BooleanField(label=_("Datumen är planerade, inte utfall"), required=False)
    note = forms.CharField(
        label=_("Anteckning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"max_length": TOO_LONG},
    )

    def __init__(
        self, *args: Any, phase: Phase | None = None, free_kinds: list[tuple[str, Any]] | None = None, **kwargs: Any
    ) -> None:
        if phase is not None:
            kwargs["initial"] = {
                "starts_on": phase.starts_on,
                "ends_on": phase.ends_on,
                "planned": phase.planned,
                "note": phase.note,
            }
            kwargs["version"] = phase.version
        super().__init__(*args, **kwargs)
        if phase is not None:
            del self.fields["kind"]
        else:
            as_choice(self.fields["kind"]).choices = [("", _("Välj fas")), *(free_kinds or [])]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error(
                "ends_on", forms.ValidationError(_("Slutdatumet kan inte vara före startdatumet."), code="order")
            )
        return data

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {key: data[key] for key in ("starts_on", "ends_on", "planned", "note")}


class EntryPointForm(OnceMixin, VersionedMixin, forms.Form):
    """Publish or change an entry point: what the region wants, when, from whom, about what. A new one carries a
    one-time key; a changed one the entry point's version."""

    phase = forms.ChoiceField(
        label=_("Fas"), error_messages={"required": _("Välj fas."), "invalid_choice": _("Välj en fas i listan.")}
    )
    kind = forms.ChoiceField(
        label=_("Vad regionen vill ha"),
        choices=EntryPoint.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj vad regionen vill ha."), "invalid_choice": _("Välj i listan.")},
    )
    title = forms.CharField(
        label=_("Rubrik"),
        max_length=300,
        error_messages={"required": _("Skriv en rubrik."), "max_length": TOO_LONG},
    )
    description = forms.CharField(
        label=_("Beskrivning"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text=_("Säg vad ni vill ha, varför och vad som händer med svaren."),
        error_messages={"required": _("Skriv en beskrivning."), "max_length": TOO_LONG},
    )
    opens_on = _date(_("Öppnar"), required=True)
    closes_on = _date(_("Sista dag"), required=True)
    contact_name = forms.CharField(
        label=_("Kontaktperson"), required=False, max_length=200, error_messages={"max_length": TOO_LONG}
    )
    contact_email = forms.EmailField(
        label=_("Kontaktens e-post"),
        required=False,
        max_length=254,
        error_messages={"invalid": _("Skriv en e-postadress, till exempel namn@example.se.")},
    )
    invited = forms.MultipleChoiceField(
        label=_("Inbjudna myndigheter"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Välj ingen för att bjuda in alla myndigheter."),
        error_messages={"invalid_choice": _("Välj myndigheter i listan.")},
    )
    themes = forms.MultipleChoiceField(
        label=_("Teman"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Välj teman i listan.")},
    )

    def __init__(self, *args: Any, phases: list[Phase], entry: EntryPoint | None = None, **kwargs: Any) -> None:
        if entry is not None:
            kwargs["initial"] = {
                "phase": str(entry.phase_id),
                "kind": entry.kind,
                "title": entry.title,
                "description": entry.description,
                "opens_on": entry.opens_on,
                "closes_on": entry.closes_on,
                "contact_name": entry.contact_name,
                "contact_email": entry.contact_email,
                "invited": [a.slug for a in entry.invited.all()],
                "themes": [t.slug for t in entry.themes.all()],
            }
            kwargs["version"] = entry.version
        super().__init__(*args, **kwargs)
        self.phases = {str(p.pk): p for p in phases}
        as_choice(self.fields["phase"]).choices = [
            ("", _("Välj fas")),
            *((str(p.pk), f"{p.process.title} – {p.get_kind_display()}") for p in phases),
        ]
        as_choice(self.fields["themes"]).choices = theme_choices()
        as_choice(self.fields["invited"]).choices = agency_choices()

    def clean_phase(self) -> Phase:
        return self.phases[self.cleaned_data["phase"]]

    def clean_title(self) -> str:
        return str(self.cleaned_data["title"]).strip()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error(
                "closes_on",
                forms.ValidationError(_("Sista dagen kan inte vara före den dag ingången öppnar."), code="order"),
            )
        return data

    def values(self) -> dict[str, Any]:
        """Arguments for actions.create_entry_point / update_entry_point."""
        data = self.cleaned_data
        return {
            **{
                key: data[key]
                for key in (
                    "phase",
                    "kind",
                    "title",
                    "description",
                    "opens_on",
                    "closes_on",
                    "contact_name",
                    "contact_email",
                )
            },
            "invited": list(Actor.objects.filter(kind=Actor.Kind.AGENCY, slug__in=data["invited"])),
            "themes": list(Theme.objects.filter(slug__in=data["themes"])),
        }
