"""Masked e-mail addresses keep the domain and hide the person."""

from __future__ import annotations

from krokarm.lib.addresses import mask, mask_all


def test_an_address_keeps_its_first_letter_and_domain() -> None:
    assert mask("rita.svensson@example.se") == "r…@example.se"
    assert mask("fragor@arbetsformedlingen.se") == "f…@arbetsformedlingen.se"


def test_something_that_is_not_an_address_is_hidden_whole() -> None:
    assert mask("rita") == "…" and mask("@example.se") == "…"


def test_every_address_in_an_error_message_is_masked() -> None:
    error = "SMTPRecipientsRefused: {'rita@example.se': (550, b'No such user'), 'olle@exempel.nu': (550, b'x')}"
    masked = "SMTPRecipientsRefused: {'r…@example.se': (550, b'No such user'), 'o…@exempel.nu': (550, b'x')}"
    assert mask_all(error) == masked
