"""Property: cleaning never changes length (beyond newline folding) and leaves nothing a
terminal would interpret."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdiff.corpus.textsafe import clean_field, clean_text, normalise_newlines, replace_controls


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_clean_text_is_one_for_one_and_terminal_safe(raw: str):
    cleaned = clean_text(raw)
    assert len(cleaned) == len(normalise_newlines(raw))
    assert len(replace_controls(raw)) == len(raw)
    for ch in cleaned:
        if ch in "\n\t":
            continue
        assert unicodedata.category(ch) != "Cc", repr(ch)


def test_field_is_one_line():
    assert clean_field("a\r\nb\x1b[2J") == "a b\u241b[2J"
    assert clean_field("   ") is None and clean_field(None) is None
