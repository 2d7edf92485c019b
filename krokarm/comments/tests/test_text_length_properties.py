"""The length rule as a property: the server accepts exactly the texts of 1–300 characters as a reader counts
them (grapheme clusters after NFC), whatever the mix of composed and decomposed letters (å typed as one code
point or as a + ring), as long as something is visible and no character stacks more than four marks."""

import unicodedata

import regex
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
    normal = unicodedata.normalize("NFC", text.strip())
    characters = regex.findall(r"\X", normal)
    # The texts hold no control or format characters; Hangul fillers and the braille blank show nothing.
    visible = regex.search(r"[^\p{Zs}\p{M}\p{Default_Ignorable_Code_Point}\u2800]", normal) is not None
    stacked = max((len(regex.findall(r"\p{M}", c)) for c in characters), default=0)
    expected = visible and stacked <= 4 and 1 <= len(characters) <= MAX_LENGTH
    assert form.is_valid() == expected, (len(characters), form.errors)
    if form.is_valid():
        assert form.cleaned_data["text"] == unicodedata.normalize("NFC", text.strip())


def test_the_boundary_with_swedish_letters():
    for text, ok in [("å" * 300, True), ("ä" * 301, False), ("a\u030a" * 300, True), ("o\u0308" * 301, False)]:
        assert CommentForm({"text": text}, organisations=[]).is_valid() is ok
