"""The length rule as a property: the server accepts exactly the texts of 1–300 characters after NFC,
whatever the mix of composed and decomposed letters (å typed as one code point or as a + ring)."""

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from krokarm.comments.forms import CommentForm
from krokarm.comments.models import MAX_LENGTH

# Letters as people type them, composed or decomposed, with other scripts, digits and punctuation.
PIECES = st.sampled_from(
    ["å", "ä", "ö", "Å", "a\u030a", "a\u0308", "o\u0308", "e", "é", "e\u0301", "ß", "ł", "1", "!", " "]
)
texts = st.one_of(
    st.lists(PIECES, min_size=0, max_size=320).map("".join),
    st.text(st.characters(categories=["L", "M", "N", "P", "S", "Zs"]), max_size=320),
)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(texts)
def test_the_form_accepts_exactly_texts_of_at_most_300_characters_after_nfc(text):
    form = CommentForm({"text": text}, organisations=[])
    length = len(unicodedata.normalize("NFC", text.strip()))
    assert form.is_valid() == (1 <= length <= MAX_LENGTH), (length, form.errors)
    if form.is_valid():
        assert form.cleaned_data["text"] == unicodedata.normalize("NFC", text.strip())


def test_the_boundary_with_swedish_letters():
    for text, ok in [("å" * 300, True), ("ä" * 301, False), ("a\u030a" * 300, True), ("o\u0308" * 301, False)]:
        assert CommentForm({"text": text}, organisations=[]).is_valid() is ok
