from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from krokarm.accounts.queries import receives_cases
from krokarm.actors.models import Actor
from krokarm.lib.forms import OnceMixin, VersionedMixin
from krokarm.wayin.forms import ASKERS, MAX_QUESTION

MAX_TEXT = 5000
ANSWER_MAX = MAX_TEXT


class SendForm(OnceMixin, forms.Form):
    """Send a question as a case to one of the actors the way in found (or the one the asker picked).

    `website` is a honeypot: hidden from people, filled in by some robots. The one-time key `once` makes a double
    click (or a resent form) one case.
    """

    q = forms.CharField(
        label=_("Din fråga"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=MAX_QUESTION,
        error_messages={
            "required": _("Skriv din fråga."),
            "max_length": _("Frågan är för lång: skriv högst %(limit_value)d tecken (nu %(show_value)d)."),
        },
    )
    actor = forms.ChoiceField(
        label=_("Vem vill du skicka frågan till?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Välj vem som ska få frågan."),
            "invalid_choice": _("Välj en av aktörerna i listan."),
        },
    )
    email = forms.EmailField(
        label=_("Din e-postadress (frivilligt)"),
        required=False,
        max_length=254,
        help_text=_("Om du vill få besked med e-post när någon svarar eller när frågan skickas vidare."),
        error_messages={"invalid": _("Skriv e-postadressen så här: namn@example.se.")},
    )
    asker = forms.ChoiceField(required=False, choices=[("", ""), *ASKERS], widget=forms.HiddenInput)
    place = forms.CharField(required=False, max_length=4, widget=forms.HiddenInput)
    website = forms.CharField(label=_("Lämna det här fältet tomt"), required=False)

    def __init__(self, *args: Any, actors: list[Actor], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actors = {actor.slug: actor for actor in actors}
        field = self.fields["actor"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(actor.slug, actor.name) for actor in actors]
        self.fields["q"].widget.attrs.pop("maxlength", None)
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get("website"))

    def clean_q(self) -> str:
        return str(self.cleaned_data["q"]).strip()


class AcceptForm(VersionedMixin, forms.Form):
    """Accepting has nothing to fill in: only the version of the case the officer's page showed."""


class AnswerForm(VersionedMixin, forms.Form):
    """The answer, and the version of the case the page showed (a case someone else acted on meanwhile is
    refused, with the answer kept)."""

    answer = forms.CharField(
        label=_("Svar till den som frågade"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=ANSWER_MAX,
        help_text=_(
            "Svaret visas på ärendets statussida och skickas med e-post om den som frågade har lämnat en adress."
        ),
        error_messages={
            "required": _("Skriv ett svar."),
            "max_length": _("Svaret är för långt: skriv högst %(limit_value)d tecken (nu %(show_value)d)."),
        },
    )


class ForwardForm(VersionedMixin, forms.Form):
    """Where to, why, and the version of the case the page showed (see AnswerForm)."""

    to_actor = forms.ModelChoiceField(
        label=_("Skicka vidare till"),
        queryset=Actor.objects.exclude(kind=Actor.Kind.NETWORK).order_by("name"),
        to_field_name="slug",
        empty_label=_("Välj aktör"),
        error_messages={"required": _("Välj vem som ska få ärendet."), "invalid_choice": _("Välj en aktör i listan.")},
    )
    reason = forms.CharField(
        label=_("Varför skickar ni vidare?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("Den som frågade ser motiveringen på statussidan."),
        error_messages={
            "required": _("Skriv varför ärendet skickas vidare."),
            "max_length": _("Motiveringen är för lång: skriv högst %(limit_value)d tecken (nu %(show_value)d)."),
        },
    )

    def __init__(self, *args: Any, current: Actor | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.current = current

    def offer(self, suggestions: list[Actor], others: list[Actor], search: str = "") -> None:
        """Show `suggestions` (the router's, for the case's question) first, then `others` (every other actor that
        can receive a case, or those matching `search`): cases.queries.forward_options. Validation still accepts
        any actor, so that one left out of the list is checked and refused with a reason, never a bare error."""
        field = self.fields["to_actor"]
        assert isinstance(field, forms.ModelChoiceField)
        groups: list[Any] = [("", _("Välj aktör"))]
        if suggestions:
            groups.append((_("Förslag för den här frågan"), [(a.slug, a.name) for a in suggestions]))
        if others:
            label = (
                _("Aktörer som matchar ”%(search)s”") % {"search": search} if search else _("Alla som tar emot ärenden")
            )
            groups.append((label, [(a.slug, a.name) for a in others]))
        field.choices = groups

    def clean_to_actor(self) -> Actor:
        actor = self.cleaned_data["to_actor"]
        if self.current is not None and actor.pk == self.current.pk:
            raise forms.ValidationError(
                _("Ärendet ligger redan hos %(actor)s."), params={"actor": actor.name}, code="same"
            )
        if not receives_cases(actor):
            raise forms.ValidationError(
                _(
                    "%(actor)s kan inte ta emot ärenden: ingen där använder krokarm och den har ingen e-postlåda för "
                    "ärenden. Välj en annan aktör, eller svara den som frågade och hänvisa till %(actor)s."
                ),
                params={"actor": actor.name},
                code="not_receiving",
            )
        return actor
