"""Background tasks of accounts (django-tasks; run by `krokarm worker`)."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django_tasks import task

from krokarm.accounts.forms import ResetForm


@task()
def send_password_reset(email: str, language: str = settings.LANGUAGE_CODE) -> None:
    """Queue a password-reset link for the accounts of `email`, if it has any, in the page's `language`.

    Enqueued by the reset page for every well-formed address, known or not (request_password_reset), so the page
    does the same work either way and its timing reveals nobody's account. The lookup happens here, in the worker.
    """
    form = ResetForm({"email": email})
    if form.is_valid():
        with translation.override(language):
            form.queue_links()


def request_password_reset(email: str) -> None:
    """What the reset page does with a well-formed address: one task, the same for every address."""
    send_password_reset.enqueue(email, language=translation.get_language() or settings.LANGUAGE_CODE)
