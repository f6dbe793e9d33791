"""Make untrusted text and names safe to show in a terminal.

Two gates, one table of what a terminal must never receive:

* :func:`clean_text` (article text) and :func:`clean_field` (a metadata field such as a
  title or source) keep character offsets valid: every dangerous character is replaced
  one-for-one by a visible placeholder. Line endings are normalised first (``\\r\\n`` and
  ``\\r`` become ``\\n``), which is the only step that changes length.
* :func:`clean_name` is for everything else newsdiff prints that came from outside the
  program: file names, article ids and paths, queries, field names, warning and error
  messages. Its result is always one line and always encodable as UTF-8.

Replaced in both (one-for-one):

* C0 controls except newline and tab (ESC -> U+241B, via the "control pictures" block),
  DEL (U+2421), C1 controls including 8-bit CSI (U+FFFD): they start terminal escape
  sequences (an OSC 52 sequence in a file name writes the clipboard).
* Bidi controls -- embeddings/overrides U+202A-202E, isolates U+2066-2069, and the marks
  U+200E, U+200F, U+061C (U+FFFD): terminals with bidi support (VTE, mlterm, Konsole)
  reorder what follows, so a line can show something other than what it holds
  ("Trojan Source").
* ZERO WIDTH SPACE U+200B, WORD JOINER U+2060 and the BOM/ZERO WIDTH NO-BREAK SPACE U+FEFF
  (U+FFFD): invisible, they split or join words unseen, so "Kyiv" and "Ky<ZWSP>iv" look
  the same but do not match, and terminals disagree on their width.
* Lone surrogates U+D800-DFFF (U+FFFD), from ``surrogateescape`` file names or JSON
  ``"\\ud800"`` escapes: they cannot be encoded, so printing one raises.
* U+2028/U+2029 become ``\\n`` in text (widgets would split lines differently).

Zero width (non-)joiners, U+200C and U+200D, are kept in article text and fields. They are
part of correct spelling in Persian (the ZWNJ between the prefix "mi" and the verb in
"mi<ZWNJ>khaham"), in Indic scripts (conjunct and half forms in Devanagari, Bengali,
Malayalam) and in emoji sequences; replacing them would corrupt legitimate articles and
titles. They change neither the order of the surrounding characters nor any terminal
state, so keeping them injects nothing. A *name* is shown to tell one file from another,
and there an invisible character makes two different names look identical, so
:func:`clean_name` replaces the joiners too (a Persian file name shows a placeholder where
its ZWNJ was), along with newlines and tabs and every other invisible format character
(Unicode categories Cc, Cf, Cs, Zl, Zp: soft hyphens, tag characters, ...), which article
text keeps because they are legitimate there (hyphenation hints, emoji flag sequences).
"""

from __future__ import annotations

import os
import re
import unicodedata
from typing import Iterable

#: Bidi embeddings, overrides and isolates, and the three bidi marks.
BIDI_CONTROLS = frozenset(
    [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C]
)
#: Invisible characters replaced everywhere (ZWSP, WORD JOINER, BOM/ZWNBSP).
ZERO_WIDTH = frozenset([0x200B, 0x2060, 0xFEFF])

PLACEHOLDER = "\ufffd"

#: C0 controls map to the Unicode "control pictures" block (U+2400 + code): ESC -> U+241B.
#: DEL maps to U+2421. C1 controls (U+0080-U+009F) have no pictures: U+FFFD stands in.
_TABLE: dict[int, str] = {c: chr(0x2400 + c) for c in range(0x20) if c not in (0x09, 0x0A)}
_TABLE[0x7F] = "\u2421"
_TABLE.update({c: PLACEHOLDER for c in range(0x80, 0xA0)})
_TABLE.update({c: PLACEHOLDER for c in BIDI_CONTROLS | ZERO_WIDTH})
_TABLE.update({c: PLACEHOLDER for c in range(0xD800, 0xE000)})
# Unicode line/paragraph separators would split lines differently in different widgets.
_TABLE[0x2028] = "\n"
_TABLE[0x2029] = "\n"

#: Names: the text table, plus newline and tab (control pictures) and the line/paragraph
#: separators, so that a name is one line.
_NAME_TABLE: dict[int, str] = dict(_TABLE)
_NAME_TABLE.update({0x09: "\u2409", 0x0A: "\u240a", 0x2028: PLACEHOLDER, 0x2029: PLACEHOLDER})
#: Any control, format character (the joiners among them), surrogate or separator left in a
#: name after the table becomes a placeholder too, so a name shows only visible characters.
_NAME_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})

_NEWLINES = re.compile(r"\r\n?")


def normalise_newlines(text: str) -> str:
    """Turn ``\\r\\n`` and lone ``\\r`` into ``\\n``."""
    return _NEWLINES.sub("\n", text)


def replace_controls(text: str) -> str:
    """Replace dangerous characters one-for-one with visible placeholders (same length)."""
    return text.translate(_TABLE)


def clean_text(text: str) -> str:
    """The article text as newsdiff stores it: newlines normalised, controls replaced."""
    return replace_controls(normalise_newlines(text))


def plain(values: Iterable[str]) -> bool:
    """Whether the strings are all printable ASCII: then no cleaning changes a character
    of them (one check over many values, in C, where cleaning goes value by value)."""
    joined = "".join(values)
    return joined.isascii() and joined.isprintable()


def clean_field(value: object) -> str | None:
    """A metadata field (title, source, ...) as a single safe line, or None when empty."""
    if value is None:
        return None
    text = clean_text(str(value)).replace("\n", " ").strip()
    return text or None


def clean_name(value: object) -> str:
    """A file name, id, path, query, field name or message as one safe line.

    Paths and bytes are decoded the way the file system does (``os.fsdecode``, so
    undecodable bytes become lone surrogates, which are then replaced). Every character
    is replaced one-for-one, so the result has the length of the decoded input; it holds
    no control, format (bidi, zero-width, ...) or surrogate character and no line break.
    """
    if isinstance(value, (bytes, os.PathLike)):
        value = os.fsdecode(value)
    name = str(value).translate(_NAME_TABLE)
    if name.isascii():
        return name
    return "".join(PLACEHOLDER if unicodedata.category(c) in _NAME_CATEGORIES else c for c in name)
