"""The comment form refuses what the comment rules refuse, each with its Swedish message and a code."""

import pytest

from krokarm.comments.forms import CommentForm


@pytest.mark.parametrize(
    ("text", "code", "message"),
    [
        ("   ", "required", "Skriv en kommentar."),
        ("\u200b\u200d\u2060\ufeff", "invisible", "Kommentaren innehåller inga synliga tecken"),
        ("x" + "\u0301" * 299, "too_many_marks", "för många accenter eller andra tecken ovanpå sig: högst 4 går."),
        ("\u200d".join(["🙂"] * 20), "character_too_long", "sammansatt av för många delar: högst 16 går."),
        ("👍🏽" * 301, "too_long", "Kommentaren är för lång: skriv högst 300 tecken (nu 301)."),
    ],
)
def test_each_refusal_has_its_message_and_code(text, code, message):
    form = CommentForm({"text": text}, organisations=[])
    assert not form.is_valid()
    [error] = form.errors.as_data()["text"]
    assert error.code == code
    assert message in error.message


def test_the_cleaned_text_has_no_bidirectional_overrides():
    form = CommentForm({"text": "\u2067abc\u2069 \u202edef\u202c"}, organisations=[])
    assert form.is_valid()
    assert form.cleaned_data["text"] == "abc def"
