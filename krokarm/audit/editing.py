"""For views with an edit form: save through an action, and show a change made meanwhile instead of losing it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms

from krokarm.audit.actions import Stale


def save_or_stale(form: forms.BaseForm, save: Callable[[], Any]) -> bool:
    """Call `save` (an action given `form.expected_version()`); True when it saved.

    When the row changed after the form was shown, nothing is saved: the form (a lib.forms.VersionedMixin) keeps
    what the person typed, lists what changed meanwhile and carries the current version, and False is returned.
    """
    try:
        save()
    except Stale as stale:
        form.stale(stale.current_version, stale.changes)  # type: ignore[attr-defined]
        return False
    return True


def form_status(form: forms.BaseForm) -> int:
    """The status of a page that shows `form`: 409 after a change meanwhile, 400 with errors, else 200."""
    errors = form.non_field_errors().data
    if getattr(form, "changes_meanwhile", None) or any(getattr(e, "code", None) == "stale" for e in errors):
        return 409
    return 400 if form.is_bound else 200
