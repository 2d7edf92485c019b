"""The forms of the dialogue pages: events, registration, sessions, quick capture, proposals and follow-ups.

They validate and normalise input, nothing else; the views hand the cleaned values to `dialogues.actions`. Every
form that creates something carries a one-time key (lib.forms.OnceMixin: a double click or a resent form makes one
thing); the forms that change a row carry its version (lib.forms.VersionedMixin: a change made meanwhile is shown,
never overwritten).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from krokarm.accounts.forms import ActingForMixin
from krokarm.actors.forms import as_choice, theme_choices
from krokarm.actors.models import Actor, Theme
from krokarm.dialogues.models import Event, FollowUp, Note
from krokarm.dialogues.reference_data import whole_day
from krokarm.lib.forms import OnceMixin, VersionedMixin

TOO_LONG = _("Skriv högst %(limit_value)d tecken (nu %(show_value)d).")
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
INVALID_DATETIME = _("Skriv datum och tid så här: 2027-03-18 09:30.")
INVALID_DATE = _("Skriv ett datum så här: 2027-03-18.")

# The quick capture's kinds: the two kinds of note and a proposal.
PROPOSAL = "forslag"
CAPTURE_KINDS = [
    (Note.Kind.NOTE.value, _("Anteckning")),
    (Note.Kind.INSIGHT.value, _("Insikt")),
    (PROPOSAL, _("Förslag")),
]


def _datetime_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        help_text=help_text,
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
        error_messages={"required": _("Skriv datum och tid."), "invalid": INVALID_DATETIME},
    )


def actor_choices() -> list[tuple[str, str]]:
    """Regions and national agencies by name: who can be invited, own an action or facilitate."""
    actors = Actor.objects.filter(kind__in=[Actor.Kind.REGION, Actor.Kind.AGENCY]).order_by("name")
    return list(actors.values_list("slug", "name"))


class EventForm(OnceMixin, VersionedMixin, ActingForMixin, forms.Form):
    """Create or change an event. The organiser is one of the organisations the user edits for. Creating
    carries a one-time key; changing carries the event's version when the form was shown."""

    organiser = forms.ChoiceField(
        label=_("Arrangör"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Välj vilken organisation som arrangerar."),
            "invalid_choice": _("Välj en organisation du är redaktör för."),
        },
    )
    title = forms.CharField(
        label=_("Rubrik"),
        max_length=200,
        help_text=_("Till exempel ”Dialogdag om kompetensförsörjning”."),
        error_messages={"required": _("Skriv en rubrik."), "max_length": TOO_LONG},
    )
    kind = forms.ChoiceField(
        label=_("Typ av träff"),
        choices=Event.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj typ av träff."), "invalid_choice": _("Välj en typ i listan.")},
    )
    # An all-day event has only a date: it is stored midnight to midnight, Swedish time, as the seed stores the
    # all-day events of data/dialogues (reference_data.whole_day). The times are then not asked for.
    all_day = forms.BooleanField(
        label=_("Heldag"),
        required=False,
        help_text=_("Kryssa i om bara datumet är bestämt. Skriv då datumet nedan; klockslagen behövs inte."),
    )
    day = forms.DateField(
        label=_("Datum (för en heldag)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Skriv datumet så här: 2027-03-18."),
        error_messages={"invalid": INVALID_DATE},
    )
    starts_at = _datetime_field(_("Börjar"), required=False, help_text=_("Behövs inte för en heldag."))
    ends_at = _datetime_field(_("Slutar"), required=False, help_text=_("Behövs inte för en heldag."))
    place = forms.CharField(
        label=_("Plats (frivilligt)"),
        required=False,
        max_length=200,
        help_text=_("Adress eller lokal. Lämna tomt om träffen bara är digital."),
        error_messages={"max_length": TOO_LONG},
    )
    online_url = forms.URLField(
        label=_("Länk till digitalt möte (frivilligt)"),
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Skriv en hel webbadress, till exempel https://…")},
    )
    description = forms.CharField(
        label=_("Beskrivning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Vad träffen ska leda till och vem den är för."),
    )
    agenda = forms.CharField(
        label=_("Program (frivilligt)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("En punkt per rad, börja med klockslaget: ”09:30 Välkommen”."),
    )
    capacity = forms.IntegerField(
        label=_("Antal platser (frivilligt)"),
        required=False,
        min_value=1,
        help_text=_("Lämna tomt om det inte finns någon gräns. När platserna är fulla hamnar nya på väntelistan."),
        error_messages={"invalid": _("Skriv ett heltal."), "min_value": _("Skriv minst 1.")},
    )
    registration_closes_at = _datetime_field(_("Sista anmälningsdag (frivilligt)"), required=False)
    invited = forms.MultipleChoiceField(
        label=_("Bjud in regioner och myndigheter"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Välj organisationer i listan.")},
    )

    def __init__(self, *args: Any, organisers: list[Actor], event: Event | None = None, **kwargs: Any) -> None:
        if event is not None:
            kwargs["initial"] = {
                "organiser": event.organiser.slug if event.organiser else "",
                "title": event.title,
                "kind": event.kind,
                "all_day": event.all_day,
                # An all-day event's stored midnights are not times anyone chose: only its date is shown.
                "day": event.day if event.all_day else None,
                "starts_at": None if event.all_day else event.starts_at,
                "ends_at": None if event.all_day else event.ends_at,
                "place": event.place,
                "online_url": event.online_url,
                "description": event.description,
                "agenda": event.agenda,
                "capacity": event.capacity,
                "registration_closes_at": event.registration_closes_at,
                "invited": [actor.slug for actor in event.invited.all()],
            }
            kwargs["version"] = event.version
        super().__init__(*args, **kwargs)
        self.event = event
        if event is not None:
            del self.fields["organiser"]
            self.actors = {}
            self.single_actor = None
        else:
            self.offer_actors(organisers, field="organiser")
        as_choice(self.fields["invited"]).choices = actor_choices()

    def clean_organiser(self) -> Actor:
        return self.clean_acting_for()

    def clean_title(self) -> str:
        return str(self.cleaned_data["title"]).strip()

    def clean_agenda(self) -> str:
        lines = (line.strip() for line in str(self.cleaned_data["agenda"]).splitlines())
        return "\n".join(line for line in lines if line)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self._clean_when(data)
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if isinstance(starts, datetime) and isinstance(ends, datetime) and ends <= starts:
            self.add_error(
                "ends_at", forms.ValidationError(_("Träffen måste sluta efter att den börjar."), code="order")
            )
        closes = data.get("registration_closes_at")
        if isinstance(closes, datetime) and isinstance(starts, datetime) and closes > starts:
            message = _("Anmälan måste stänga innan träffen börjar.")
            self.add_error("registration_closes_at", forms.ValidationError(message, code="closes_late"))
        if not data.get("place") and not data.get("online_url") and "place" not in self.errors:
            message = _("Skriv en plats eller en länk till det digitala mötet.")
            self.add_error("place", forms.ValidationError(message, code="nowhere"))
        return data

    def _clean_when(self, data: dict[str, Any]) -> None:
        """An all-day event's date becomes its start and end (the typed times are not used); any other event
        needs both times (the date field is not used)."""
        if data.get("all_day"):
            day = data.get("day")
            if isinstance(day, date):
                data["starts_at"], data["ends_at"] = whole_day(day)
            elif "day" not in self.errors:
                self.add_error("day", forms.ValidationError(_("Skriv datumet för heldagen."), code="required"))
            for name in ("starts_at", "ends_at"):  # a time typed in a field the page said is not needed
                self.errors.pop(name, None)
            return
        for name in ("starts_at", "ends_at"):
            if data.get(name) is None and name not in self.errors:
                self.add_error(name, forms.ValidationError(_("Skriv datum och tid."), code="required"))

    def values(self) -> dict[str, Any]:
        """The cleaned values as arguments for actions.create_event / update_event (not the organiser)."""
        data = self.cleaned_data
        names = ("title", "kind", "starts_at", "ends_at", "all_day", "place", "online_url", "description", "agenda")
        values: dict[str, Any] = {name: data[name] for name in names}
        values["capacity"] = data["capacity"]
        values["registration_closes_at"] = data["registration_closes_at"]
        values["invited"] = list(Actor.objects.filter(slug__in=data["invited"]).order_by("name"))
        return values


class RegistrationForm(OnceMixin, ActingForMixin, forms.Form):
    """Register for an event for one of the organisations the user works for."""

    actor = forms.ChoiceField(
        label=_("Du kommer för"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Välj vilken organisation du kommer för."),
            "invalid_choice": _("Du kan bara anmäla dig för en organisation du tillhör."),
        },
    )

    def __init__(self, *args: Any, actors: list[Actor], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer_actors(actors)


class SessionForm(OnceMixin, forms.Form):
    """Add a session (dialogpass) to an event."""

    title = forms.CharField(
        label=_("Ämne"),
        max_length=200,
        help_text=_("Till exempel ”Roller och mandat”."),
        error_messages={"required": _("Skriv passets ämne."), "max_length": TOO_LONG},
    )
    theme = forms.ChoiceField(
        label=_("Tema (frivilligt)"), required=False, error_messages={"invalid_choice": _("Välj ett tema i listan.")}
    )
    facilitator_name = forms.CharField(
        label=_("Processledare (frivilligt)"),
        required=False,
        max_length=200,
        help_text=_(
            "Lämna tomt om du själv leder passet. Skriv gärna en roll, till exempel ”Region Värmland, processledare”."
        ),
        error_messages={"max_length": TOO_LONG},
    )
    starts_at = _datetime_field(_("Börjar (frivilligt)"), required=False)
    description = forms.CharField(
        label=_("Beskrivning (frivilligt)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        as_choice(self.fields["theme"]).choices = [("", _("Inget tema")), *theme_choices()]

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        theme = Theme.objects.filter(slug=data["theme"]).first() if data["theme"] else None
        return {
            "title": str(data["title"]).strip(),
            "theme": theme,
            "facilitator_name": data["facilitator_name"],
            "starts_at": data["starts_at"],
            "description": data["description"],
        }


class CaptureForm(OnceMixin, forms.Form):
    """The facilitator's quick capture: a note, an insight or a proposal, in one short form (often on a phone,
    where a double tap is easy: the one-time key makes it one note)."""

    kind = forms.ChoiceField(
        label=_("Vad vill du spara?"),
        choices=CAPTURE_KINDS,
        initial=Note.Kind.NOTE.value,
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj anteckning, insikt eller förslag."), "invalid_choice": _("Välj i listan.")},
    )
    title = forms.CharField(
        label=_("Rubrik för förslaget (frivilligt)"),
        required=False,
        max_length=200,
        help_text=_("Bara för förslag. Lämna tomt så blir början av texten rubrik."),
        error_messages={"max_length": TOO_LONG},
    )
    text = forms.CharField(
        label=_("Text"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Skriv vad som sades."), "max_length": TOO_LONG},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].widget.attrs.pop("maxlength", None)

    def clean_text(self) -> str:
        return str(self.cleaned_data["text"]).strip()

    def proposal_title(self) -> str:
        """The proposal's title: the one given, else the text's first line shortened to a sentence."""
        title = str(self.cleaned_data.get("title") or "").strip()
        if title:
            return title
        first = str(self.cleaned_data["text"]).splitlines()[0].strip()
        return first if len(first) <= 120 else first[:119].rstrip() + "…"


class SupportForm(OnceMixin, ActingForMixin, forms.Form):
    """Support a proposal for one of the organisations the user works for."""

    actor = forms.ChoiceField(
        label=_("Vi stödjer förslaget för"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Välj vilken organisation som stödjer förslaget."),
            "invalid_choice": _("Du kan bara stödja förslaget för en organisation du tillhör."),
        },
    )

    def __init__(self, *args: Any, actors: list[Actor], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer_actors(actors)


class FollowUpForm(OnceMixin, forms.Form):
    """Turn a proposal into a next step with an owner (“Gör om till nästa steg”)."""

    title = forms.CharField(
        label=_("Nästa steg"),
        max_length=200,
        help_text=_("Vad ska göras? Till exempel ”Samla myndigheternas kontaktvägar på ett ställe”."),
        error_messages={"required": _("Skriv vad som ska göras."), "max_length": TOO_LONG},
    )
    owner = forms.ChoiceField(
        label=_("Ansvarig organisation"),
        error_messages={"required": _("Välj vem som ansvarar."), "invalid_choice": _("Välj en organisation i listan.")},
    )
    due_on = forms.DateField(
        label=_("Klart senast"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Skriv datumet så här: 2027-06-30."),
        error_messages={"required": _("Skriv när det ska vara klart."), "invalid": INVALID_DATE},
    )
    description = forms.CharField(
        label=_("Beskrivning (frivilligt)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": TOO_LONG},
    )
    link = forms.CharField(
        label=_("Var i krokarm görs det? (frivilligt)"),
        required=False,
        max_length=200,
        help_text=_("En adress på den här webbplatsen, till exempel /fraga/ eller /finansiering/matris/."),
        error_messages={"max_length": TOO_LONG},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        as_choice(self.fields["owner"]).choices = [("", _("Välj organisation")), *actor_choices()]
        self.fields["description"].widget.attrs.pop("maxlength", None)

    def clean_owner(self) -> Actor:
        return Actor.objects.get(slug=self.cleaned_data["owner"])

    def values(self) -> dict[str, Any]:
        """The cleaned values for actions.create_followup (not the one-time key)."""
        return {name: value for name, value in self.cleaned_data.items() if name != "once"}

    def clean_link(self) -> str:
        link = str(self.cleaned_data["link"]).strip()
        if link and (not link.startswith("/") or link.startswith("//")):
            raise forms.ValidationError(
                _("Skriv en adress på webbplatsen som börjar med /, till exempel /fraga/."), code="outside"
            )
        return link


class FollowUpStatusForm(OnceMixin, VersionedMixin, forms.Form):
    """The owner's status change with a short progress note: a new progress note (one per one-time key) and a
    change to the next step (against the version the form was shown with)."""

    status = forms.ChoiceField(
        label=_("Status"),
        choices=FollowUp.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj status."), "invalid_choice": _("Välj en status i listan.")},
    )
    text = forms.CharField(
        label=_("Vad har hänt? (frivilligt)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": TOO_LONG},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].widget.attrs.pop("maxlength", None)

    def values(self) -> dict[str, Any]:
        """The status and the note for actions.update_followup (not the version or the one-time key)."""
        return {"status": self.cleaned_data["status"], "text": self.cleaned_data["text"]}


class TakeOnForm(OnceMixin, VersionedMixin, ActingForMixin, forms.Form):
    """“Vi tar på oss det här”: an organisation the user edits for takes on a next step that has no owner. Carries
    the next step's version when the page was shown, and a one-time key (a double click takes it on once)."""

    actor = forms.ChoiceField(
        label=_("Vi tar på oss det för"),
        error_messages={
            "required": _("Välj vilken organisation som tar på sig nästa steg."),
            "invalid_choice": _("Välj en organisation du är redaktör för."),
        },
    )

    def __init__(self, *args: Any, actors: list[Actor], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer_actors(actors)


class ActionFilterForm(forms.Form):
    """The filters on the action register. Invalid values are reported, never silently dropped."""

    agare = forms.ChoiceField(
        label=_("Ansvarig"), required=False, error_messages={"invalid_choice": _("Välj en organisation i listan.")}
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, error_messages={"invalid_choice": _("Välj en status i listan.")}
    )
    tema = forms.ChoiceField(
        label=_("Tema"), required=False, error_messages={"invalid_choice": _("Välj ett tema i listan.")}
    )
    dialog = forms.ChoiceField(
        label=_("Dialog"), required=False, error_messages={"invalid_choice": _("Välj en dialog i listan.")}
    )
    forsenade = forms.BooleanField(label=_("Visa bara försenade"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owners = Actor.objects.filter(followups__isnull=False).distinct().order_by("name")
        events = Event.objects.filter(sessions__proposals__followups__isnull=False).distinct().order_by("-starts_at")
        as_choice(self.fields["agare"]).choices = [("", _("Alla")), *owners.values_list("slug", "name")]
        as_choice(self.fields["status"]).choices = [("", _("Alla")), *FollowUp.Status.choices]
        as_choice(self.fields["tema"]).choices = [("", _("Alla teman")), *theme_choices()]
        as_choice(self.fields["dialog"]).choices = [("", _("Alla dialoger")), *events.values_list("slug", "title")]

    def selected(self) -> dict[str, Any]:
        """The valid filters as arguments for queries.open_actions."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "owner": Actor.objects.filter(slug=data["agare"]).first() if data.get("agare") else None,
            "status": data.get("status") or None,
            "theme": Theme.objects.filter(slug=data["tema"]).first() if data.get("tema") else None,
            "event": Event.objects.filter(slug=data["dialog"]).first() if data.get("dialog") else None,
            "overdue": bool(data.get("forsenade")),
        }
