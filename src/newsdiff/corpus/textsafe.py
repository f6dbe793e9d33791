"""Make untrusted article text safe to show in a terminal without changing offsets.

Every control character that could reach the terminal (C0 except newline and tab, DEL,
C1 including 8-bit CSI) is replaced one-for-one by a visible placeholder, so character
offsets computed on the cleaned text stay valid everywhere. Line endings are normalised
first (``\\r\\n`` and ``\\r`` become ``\\n``), which is the only step that changes length.
"""

from __future__ import annotations

import re

#: C0 controls map to the Unicode "control pictures" block (U+2400 + code): ESC -> U+241B.
#: DEL maps to U+2421. C1 controls (U+0080-U+009F) have no pictures: U+FFFD stands in.
_TABLE: dict[int, str] = {c: chr(0x2400 + c) for c in range(0x20) if c not in (0x09, 0x0A)}
_TABLE[0x7F] = "\u2421"
_TABLE.update({c: "\ufffd" for c in range(0x80, 0xA0)})
# Unicode line/paragraph separators would split lines differently in different widgets.
_TABLE[0x2028] = "\n"
_TABLE[0x2029] = "\n"

_NEWLINES = re.compile(r"\r\n?")


def normalise_newlines(text: str) -> str:
    """Turn ``\\r\\n`` and lone ``\\r`` into ``\\n``."""
    return _NEWLINES.sub("\n", text)


def replace_controls(text: str) -> str:
    """Replace control characters one-for-one with visible placeholders (same length)."""
    return text.translate(_TABLE)


def clean_text(text: str) -> str:
    """The article text as newsdiff stores it: newlines normalised, controls replaced."""
    return replace_controls(normalise_newlines(text))


def clean_field(value: object) -> str | None:
    """A metadata field (title, source, ...) as a single safe line, or None when empty."""
    if value is None:
        return None
    text = clean_text(str(value)).replace("\n", " ").strip()
    return text or None
