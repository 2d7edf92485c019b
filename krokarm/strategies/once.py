"""A create form sent a second time (a double click, a browser resending it) shows what the first sending made.

krokarm.idempotency.actions.run_once already makes one row per one-time key; this answers the second sending
before its form is checked again, because by then the check may fail on what the first made ("the process
already has that phase") and the person would be told of an error instead of being shown their row.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect

from krokarm.idempotency.actions import lookup, scope_of
from krokarm.lib.forms import OnceMixin


def sent_before(request: HttpRequest, form: OnceMixin, message: Any) -> HttpResponseRedirect | None:
    """A redirect to what the first sending of `form` made, with `message`; None when this is the first."""
    done = lookup(scope_of(request), form.once_key())
    if done is None or not done.url:
        return None
    messages.info(request, message)
    return redirect(done.url)
