"""Split article text into sentence spans.

Rules: a newline always ends a sentence (articles put headlines, captions and list items
on lines of their own); otherwise a sentence ends at ``.``, ``!``, ``?`` or ``…`` (plus any
closing quotes or brackets) followed by spaces and a capital, digit or opening quote.
A full stop after a known abbreviation ("Gen.", "Dr.", "Jan.") or an initial ("J.") does
not end a sentence; one after a dotted abbreviation ("U.S.", "a.m.") does only when a
typical sentence opener ("The", "He", "But"...) follows.
"""

from __future__ import annotations

import bisect
import re

#: A newline, or a run of ``.!?…`` and closing quotes or brackets before spaces and a capital,
#: digit or opening quote. Its first character is matched first, so the regex engine skips
#: to newlines and sentence marks in C.
_BOUNDARY = re.compile(
    r"[\n.!?…](?:(?<=\n)|(?<=[.!?…])[.!?…]*[\"'”’)\]]*(?=[ \t\u00a0]+[\"'“‘(\[]?[A-Z0-9]))"
)
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_WORD_AFTER = re.compile(r"[ \t\u00a0]+[\"'“‘(\[]?([A-Za-z]+)")

ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr gen col lt sgt capt maj cmdr adm sen rep gov pres prof rev st jr sr
    brig cpl pvt gen hon fr mt ft messrs mme mlle
    inc ltd co corp bros vs no nos fig vol approx dept univ assn est
    jan feb mar apr jun jul aug sep sept oct nov dec
    """.split()
)
#: Words that typically open a sentence: after "U.S." or "etc." they mean a new sentence.
SENTENCE_OPENERS = frozenset(
    """
    The A An He She It They We I You But And Yet So In On At This That These Those There
    His Her Their Its Our Meanwhile However Now Then When While After Before If As
    Officials Police Some Many Most Several Both Neither Still Also Earlier Later
    """.split()
)


def _ends_sentence(text: str, punct_start: int, punct: str, after: int) -> bool:
    """Whether the punctuation run at ``punct_start`` really ends a sentence."""
    if not punct.startswith(".") or punct.startswith(".."):
        return True
    m = _WORD_BEFORE.search(text, max(0, punct_start - 24), punct_start)
    if not m:
        return True
    word = m.group(1)
    if "." in word.strip(".") or word.lower() == "etc":
        nxt = _WORD_AFTER.match(text, after)
        return bool(nxt and nxt.group(1) in SENTENCE_OPENERS)
    if word.lower() in ABBREVIATIONS:
        return False
    if len(word) == 1 and word.isupper():
        return False
    return True


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the sentences of ``text``, trimmed of whitespace, in order."""
    spans: list[tuple[int, int]] = []
    pos = 0

    def emit(start: int, end: int) -> None:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))

    for m in _BOUNDARY.finditer(text):
        if m.group() == "\n":
            emit(pos, m.start())
            pos = m.end()
            continue
        punct_end = m.start() + len(m.group().rstrip("\"'”’)]"))
        if _ends_sentence(text, m.start(), text[m.start():punct_end], m.end()):
            emit(pos, m.end())
            pos = m.end()
    emit(pos, len(text))
    return spans


def sentence_at(spans: list[tuple[int, int]], starts: list[int], offset: int) -> tuple[int, int]:
    """The span containing ``offset`` (``starts`` = the spans' starts, for bisection)."""
    i = bisect.bisect_right(starts, offset) - 1
    if i >= 0 and spans[i][0] <= offset < spans[i][1]:
        return spans[i]
    return (offset, offset)
