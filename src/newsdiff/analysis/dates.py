"""When an article reports: its ``published`` date, else the first full date in its opening
lines (a dateline or the date under the headline: "June 24, 2005", "24 June 2005",
"2005-06-24", "Apr 12, 2007"). Used to tell an update (a later report) from a conflict.
"""

from __future__ import annotations

import datetime as _dt
import re

from newsdiff.corpus.articles import Article

_MONTHS = {
    m: n for n, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")], start=1)
    for m in names
}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_MDY = re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_DMY = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_RE})\.?,?\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_ISO = re.compile(r"(?<!\d)((?:19|20)\d\d)-(\d\d)-(\d\d)(?!\d)")
#: How far into the text a dateline may stand.
HEAD_CHARS = 600


def _make(y: str, m: int, d: str) -> _dt.date | None:
    try:
        return _dt.date(int(y), m, int(d))
    except ValueError:
        return None


def parse_date(text: str) -> _dt.date | None:
    """The first full date in ``text``, or None."""
    found: list[tuple[int, _dt.date]] = []
    for m in _MDY.finditer(text):
        d = _make(m.group(3), _MONTHS[m.group(1).lower()], m.group(2))
        if d:
            found.append((m.start(), d))
            break
    for m in _DMY.finditer(text):
        d = _make(m.group(3), _MONTHS[m.group(2).lower()], m.group(1))
        if d:
            found.append((m.start(), d))
            break
    for m in _ISO.finditer(text):
        d = _make(m.group(1), int(m.group(2)), m.group(3))
        if d:
            found.append((m.start(), d))
            break
    return min(found)[1] if found else None


def article_date(article: Article) -> _dt.date | None:
    """The day ``article`` reports from: ``published``, else a date in its opening lines."""
    if article.published:
        d = parse_date(article.published)
        if d:
            return d
    return parse_date(article.text[:HEAD_CHARS])
