"""Form mixins that keep what people write safe: a version against lost updates, a one-time key against doubles.

Plain mixins for Django forms and model forms (they add their hidden field in `__init__`), no models: the checks
themselves live in `krokarm.audit.actions` (versions) and `krokarm.idempotency` (one-time keys).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

# Hidden fields without an id: a page with several forms (a reply under every answer, support and a next step on
# one proposal) would otherwise repeat id="id_once", which is invalid HTML. Nothing labels or targets them.
NO_ID = {"id": False}

STALE_MESSAGE = _(
    "Någon annan har sparat en ändring medan du skrev. Det du skrev finns kvar nedan men är inte sparat. "
    "Jämför med ändringarna och spara igen."
)


@dataclass(frozen=True)
class ChangeMeanwhile:
    """One change saved after the person opened the form: who, when, which field, old → new."""

    when: Any
    who: str
    field: str
    old: Any
    new: Any

    @property
    def old_text(self) -> str:
        return _as_text(self.old)

    @property
    def new_text(self) -> str:
        return _as_text(self.new)


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


class VersionedMixin:
    """Carries the version of the row the form was filled in from, in a hidden field `version`.

    Build the form with `version=` (or, for a model form, an `instance` with a `version`); pass
    `expected_version()` to the action. After a `krokarm.audit.actions.Stale` refusal call `stale()`: the form
    keeps what the person typed, says what changed meanwhile, and a second submission saves over the current
    version.
    """

    fields: dict[str, forms.Field]
    data: Any

    def __init__(self, *args: Any, version: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instance = kwargs.get("instance")
        if version is None and instance is not None and getattr(instance, "pk", None):
            version = getattr(instance, "version", None)
        self.fields["version"] = forms.IntegerField(
            widget=forms.HiddenInput(attrs=NO_ID), required=False, min_value=0, initial=version
        )
        self.changes_meanwhile: list[ChangeMeanwhile] = []

    def expected_version(self) -> int | None:
        """The version the person saw; None for a new row (or a page sent before versions existed)."""
        cleaned = getattr(self, "cleaned_data", None) or {}
        value = cleaned.get("version")
        return int(value) if value is not None else None

    def stale(self, current_version: int, changes: list[ChangeMeanwhile]) -> None:
        """Show the form again with the person's input, the changes meanwhile and the current version."""
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = str(current_version)  # type: ignore[attr-defined]
        self.changes_meanwhile = changes
        self.add_error(None, forms.ValidationError(STALE_MESSAGE, code="stale"))  # type: ignore[attr-defined]


class OnceMixin:
    """Carries a one-time key, in a hidden field `once`, so that a double click or a resent form creates one thing.

    The key is made when the form is first shown and kept while the form is shown again with errors; the view
    passes `once_key()` to `krokarm.idempotency.actions.run_once`.
    """

    fields: dict[str, forms.Field]
    data: Any

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["once"] = forms.CharField(
            widget=forms.HiddenInput(attrs=NO_ID), required=False, max_length=64, initial=uuid.uuid4().hex
        )

    def once_key(self) -> str:
        """The submitted key; a fresh one when the page that sent the form had none (then nothing is merged)."""
        key = str(self.data.get(self.add_prefix("once"), "") or "").strip()  # type: ignore[attr-defined]
        return key[:64] if key else uuid.uuid4().hex
