from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from krokarm.actors.models import Actor
from krokarm.comments.actions import TextInvalid, check_text
from krokarm.comments.models import MAX_LENGTH
from krokarm.lib.forms import OnceMixin, VersionedMixin


class CommentForm(OnceMixin, forms.Form):
    """A comment or a reply. No `maxlength` on the field: it would cut pasted text without a word, and the
    browser counts code units, not characters; the server counts characters as a reader sees them (models.length)
    and keeps the text when it refuses it. The one-time key makes a double click one comment."""

    text = forms.CharField(
        label=_("Din kommentar"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Skriv en kommentar.")},
    )
    organisation = forms.ChoiceField(label=_("Du skriver för"), required=False)

    def __init__(self, *args: Any, organisations: list[Actor], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisations = {str(actor.pk): actor for actor in organisations}
        field = self.fields["organisation"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Dig själv")), *((pk, actor.name) for pk, actor in self.organisations.items())]
        self.fields["text"].help_text = _("Högst %(limit)d tecken.") % {"limit": MAX_LENGTH}

    def clean_text(self) -> str:
        try:
            return check_text(self.cleaned_data["text"])
        except TextInvalid as error:
            raise ValidationError(error.message, code=error.code) from error

    def clean_organisation(self) -> Actor | None:
        return self.organisations.get(self.cleaned_data["organisation"] or "")


class ReasonForm(forms.Form):
    """Why a comment is reported, hidden or shown again."""

    reason = forms.CharField(
        label=_("Skäl"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": _("Skriv ett skäl."),
            "max_length": _("Skriv högst %(limit_value)d tecken (nu %(show_value)d)."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].widget.attrs.pop("maxlength", None)


class ReportForm(OnceMixin, ReasonForm):
    """A reader's report of a comment: the reason, and a one-time key (a double click sends one report)."""


class ModerationForm(VersionedMixin, ReasonForm):
    """A coordinator's reason to hide a comment or show it again, and the comment's version when the page showed
    it (a decision another coordinator overtook is refused, keeping the reason)."""
