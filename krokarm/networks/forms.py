"""The forms of the network spaces: meetings, posts, member organisations and the networks of a joint space."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from krokarm.accounts.forms import ActingForMixin
from krokarm.actors.forms import as_choice
from krokarm.actors.models import Actor, Membership
from krokarm.lib.forms import OnceMixin, VersionedMixin
from krokarm.networks.models import BODY_LENGTH, DESCRIPTION_LENGTH, PLACE_LENGTH, TITLE_LENGTH, Meeting

TOO_LONG = _("Skriv högst %(limit_value)d tecken (nu %(show_value)d).")
DATE_HELP = _("Skriv datumet så här: 2026-09-15.")
TIME_HELP = _("Skriv tiden så här: 13:30.")


class MeetingForm(OnceMixin, VersionedMixin, forms.Form):
    """A network's meeting: one day, a start and an end time, a place (or online). A new one carries a one-time
    key (a double click adds one meeting), a change the meeting's version (an edit against an older one is refused
    and shows what changed meanwhile)."""

    title = forms.CharField(
        label=_("Rubrik"),
        max_length=TITLE_LENGTH,
        help_text=_("Till exempel ”Nätverksträff om kompetensförsörjning”."),
        error_messages={"required": _("Skriv en rubrik."), "max_length": TOO_LONG},
    )
    day = forms.DateField(
        label=_("Datum"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=DATE_HELP,
        error_messages={"required": _("Skriv vilken dag mötet är."), "invalid": DATE_HELP},
    )
    starts = forms.TimeField(
        label=_("Börjar"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=TIME_HELP,
        error_messages={"required": _("Skriv när mötet börjar."), "invalid": TIME_HELP},
    )
    ends = forms.TimeField(
        label=_("Slutar"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=TIME_HELP,
        error_messages={"required": _("Skriv när mötet slutar."), "invalid": TIME_HELP},
    )
    place = forms.CharField(
        label=_("Plats"),
        max_length=PLACE_LENGTH,
        required=False,
        help_text=_("Adress eller lokal. Lämna tomt om mötet är digitalt."),
        error_messages={"max_length": TOO_LONG},
    )
    description = forms.CharField(
        label=_("Beskrivning (frivilligt)"),
        required=False,
        max_length=DESCRIPTION_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Vad mötet handlar om och hur man anmäler sig eller ansluter."),
        error_messages={"max_length": TOO_LONG},
    )

    def __init__(self, *args: Any, meeting: Meeting | None = None, **kwargs: Any) -> None:
        if meeting is not None:
            starts, ends = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
            kwargs["initial"] = {
                "title": meeting.title,
                "day": starts.date(),
                "starts": starts.time(),
                "ends": ends.time(),
                "place": "" if meeting.place == "digitalt" else meeting.place,
                "description": meeting.description,
            }
        super().__init__(*args, version=meeting.version if meeting is not None else None, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts"), data.get("ends")
        if starts is not None and ends is not None and ends <= starts:
            self.add_error("ends", forms.ValidationError(_("Mötet måste sluta efter att det börjar."), code="order"))
        return data

    def values(self) -> dict[str, Any]:
        """The cleaned values as arguments for actions.create_meeting / update_meeting (local time)."""
        data = self.cleaned_data
        zone = timezone.get_current_timezone()
        return {
            "title": data["title"],
            "starts_at": dt.datetime.combine(data["day"], data["starts"], tzinfo=zone),
            "ends_at": dt.datetime.combine(data["day"], data["ends"], tzinfo=zone),
            "place": data["place"],
            "description": data["description"],
        }


class PostForm(OnceMixin, ActingForMixin, forms.Form):
    """A plain-text post, written for one of the author's organisations (none to choose for a platform
    coordinator who works for none of them). A double click publishes it once."""

    organisation = forms.ChoiceField(
        label=_("Skriv för"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Välj vilken organisation du skriver för."),
            "invalid_choice": _("Du kan bara skriva för en organisation du tillhör."),
        },
    )
    title = forms.CharField(
        label=_("Rubrik"),
        max_length=TITLE_LENGTH,
        error_messages={"required": _("Skriv en rubrik."), "max_length": TOO_LONG},
    )
    body = forms.CharField(
        label=_("Inlägg"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=BODY_LENGTH,
        help_text=_("Bara text, högst 3 000 tecken. Inlägget syns för nätverkens medlemmar och samordnare."),
        error_messages={"required": _("Skriv ditt inlägg."), "max_length": TOO_LONG},
    )

    def __init__(self, *args: Any, organisations: list[Actor], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer_actors(organisations, field="organisation")
        if not organisations:
            del self.fields["organisation"]
        self.fields["body"].widget.attrs.pop("maxlength", None)

    @property
    def single_organisation(self) -> Actor | None:
        return self.single_actor

    def clean_organisation(self) -> Actor:
        return self.clean_acting_for()

    def chosen_organisation(self) -> Actor | None:
        return self.cleaned_data.get("organisation")


class MemberForm(OnceMixin, forms.Form):
    """Add an organisation to a network, or change its role there (a double click does it once)."""

    member = forms.ChoiceField(
        label=_("Organisation"),
        error_messages={"required": _("Välj en organisation."), "invalid_choice": _("Välj en organisation i listan.")},
    )
    role = forms.ChoiceField(
        label=_("Roll i nätverket"),
        choices=Membership.Role.choices,
        initial=Membership.Role.MEMBER,
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj en roll."), "invalid_choice": _("Välj en roll i listan.")},
    )

    def __init__(self, *args: Any, network: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.network = network
        actors = Actor.objects.exclude(kind=Actor.Kind.NETWORK).order_by("name").values_list("slug", "name")
        as_choice(self.fields["member"]).choices = [("", _("Välj organisation")), *actors]

    def clean_member(self) -> Actor:
        actor = Actor.objects.filter(slug=self.cleaned_data["member"]).exclude(kind=Actor.Kind.NETWORK).first()
        if actor is None:
            raise forms.ValidationError(_("Välj en organisation i listan."), code="invalid_choice")
        return actor


class LinkNetworkForm(OnceMixin, forms.Form):
    """Add a network the user coordinates to a joint space (a double click adds it once)."""

    network = forms.ChoiceField(
        label=_("Nätverk"),
        error_messages={"required": _("Välj ett nätverk."), "invalid_choice": _("Välj ett nätverk i listan.")},
    )

    def __init__(self, *args: Any, networks: list[Actor], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.networks = {network.slug: network for network in networks}
        as_choice(self.fields["network"]).choices = [("", _("Välj nätverk")), *((n.slug, n.name) for n in networks)]

    def clean_network(self) -> Actor:
        return self.networks[self.cleaned_data["network"]]
