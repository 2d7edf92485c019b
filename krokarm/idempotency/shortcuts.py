"""For views with a create form: a form sent again with a key that was already used shows the first result."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from krokarm.idempotency.actions import lookup, scope_of

ALREADY_SENT = _("Det här var redan skickat: formuläret skickades två gånger. Här är det som sparades första gången.")


def repeated_submission(request: HttpRequest, form: forms.BaseForm, message: Any = ALREADY_SENT) -> HttpResponse | None:
    """A redirect to what the first submission of this form made, when this is a repeat (a double click, the
    browser's back button and send again); None otherwise. Call it before validating: a repeat would often fail
    validation (the row it would add exists now), and the person should see their row, not an error."""
    if not form.is_bound:
        return None
    return repeated_post(request, message, field=form.add_prefix("once"))


def repeated_post(request: HttpRequest, message: Any = ALREADY_SENT, *, field: str = "once") -> HttpResponse | None:
    """As `repeated_submission`, for views that read the one-time key from the POST before making their form."""
    if request.method != "POST":
        return None
    key = str(request.POST.get(field, "") or "").strip()[:64]
    done = lookup(scope_of(request), key) if key else None
    if done is None or not done.url:
        return None
    messages.info(request, message)
    return redirect(done.url)
