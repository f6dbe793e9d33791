"""When an article reports: its ``published`` date, else the first date in its opening
lines (a dateline or the date under the headline: "June 24, 2005", "24 June 2005",
"2005-06-24", "Apr 12, 2007", "BAGHDAD, June 13 (Reuters) -"). Used to tell an update (a
later report) from a conflict, and to put articles in the order they were published.

How precise a date is follows the forms ``published`` already takes (the readers of
saved pages, feeds and web archives write them): ``2014-06-13T09:42+01:00`` is to the
minute, ``2014-06-13`` to the day. A dateline without a year ("BAGHDAD, June 13") takes
its year from another date the article carries: its ``published`` (front matter, page
metadata, feed, archive), else the first full date in its text, choosing the year that
puts the day nearest that date (a "Dec 31" dateline on a page published 2015-01-01 is
2014-12-31). With no such date its year stays unknown: ``--06-13`` (ISO 8601's form for
a month and day without a year), precision :data:`DAY_NO_YEAR`. The year is never taken
from today's clock.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Sequence

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

#: Precisions, from the forms ``published`` takes.
MINUTE = "minute"  # 2014-06-13T09:42+01:00
DAY = "day"  # 2014-06-13
DAY_NO_YEAR = "day, year unknown"  # --06-13

# A month and a day with no year after them ("June 13", "13 June", "Jun. 13th").
_NO_YEAR_AFTER = r"(?!\d)(?!,?\s*(?:19|20)\d\d\b)"
_MD = rf"(?i:(?P<m1>{_MONTH_RE}))\.?\s+(?P<d1>\d{{1,2}})(?i:st|nd|rd|th)?{_NO_YEAR_AFTER}"
_DM = rf"(?P<d2>\d{{1,2}})\s+(?i:(?P<m2>{_MONTH_RE}))\b\.?{_NO_YEAR_AFTER}"
_MONTH_DAY = rf"(?:{_MD}|{_DM})"
# The place of a dateline: a few capitalised words, maybe a second part after a comma
# ("BAGHDAD", "Kiev, Ukraine", "WASHINGTON, D.C.").
_PLACE_WORDS = r"[A-Z][\w.'’&-]*(?:[ \t]+[A-Z][\w.'’&-]*){0,3}"
_PLACE = rf"{_PLACE_WORDS}(?:,[ \t]*{_PLACE_WORDS})?"
_WEEKDAY = r"(?i:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?),?[ \t]+"
#: "BAGHDAD, June 13 (Reuters) -", "LONDON, 13 June:", "Kiev, Ukraine, Friday, June 13 —"
#: at the start of a line, or a line that is only a date ("Friday, June 13").
_DATELINE = re.compile(
    rf"^[ \t]*(?:{_PLACE},[ \t]*)?(?:{_WEEKDAY})?{_MONTH_DAY}[ \t]*(?=\(|[-–—:]|$)",
    re.MULTILINE,
)
#: ``published`` written as a month and a day only ("June 13", "13 Jun").
_PUBLISHED_NO_YEAR = re.compile(rf"^\s*(?:{_WEEKDAY})?{_MONTH_DAY}\s*$")


@dataclass(frozen=True)
class ReportDate:
    """The day an article reports from, as precisely as the article says it.

    ``year`` is None only at precision :data:`DAY_NO_YEAR`; ``instant`` is the moment
    (timezone-aware when the article gave an offset) at precision :data:`MINUTE`.
    ``source`` says where it was read: "published", "dateline" or "text".
    """

    month: int
    day: int
    year: int | None
    precision: str
    source: str
    instant: _dt.datetime | None = None

    @property
    def date(self) -> _dt.date | None:
        """The calendar day, or None when the year is unknown."""
        return _dt.date(self.year, self.month, self.day) if self.year is not None else None

    @property
    def iso(self) -> str:
        """``2014-06-13T09:42+01:00``, ``2014-06-13`` or, year unknown, ``--06-13``."""
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        day = f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.instant is None:
            return day
        offset = self.instant.strftime("%z")
        offset = f"{offset[:3]}:{offset[3:]}" if offset else ""
        return f"{day}T{self.instant:%H:%M}{offset}"


def _make(y: str, m: int, d: str) -> _dt.date | None:
    try:
        return _dt.date(int(y), m, int(d))
    except ValueError:
        return None


def _first_full_date(text: str) -> tuple[int, _dt.date] | None:
    """(position, date) of the first full date in ``text``."""
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
    return min(found) if found else None


def parse_date(text: str) -> _dt.date | None:
    """The first full date in ``text``, or None."""
    found = _first_full_date(text)
    return found[1] if found else None


def _month_day(match: re.Match[str]) -> tuple[int, int] | None:
    """(month, day) of a match of :data:`_MONTH_DAY`, when it is a day of the calendar
    (29 February included: the year is not known yet)."""
    month_word, day = (match.group("m1"), match.group("d1")) if match.group("m1") else (match.group("m2"), match.group("d2"))
    month = _MONTHS[month_word.lower()]
    if _make("2000", month, day) is None:
        return None
    return month, int(day)


def find_dateline(text: str) -> tuple[int, int, int] | None:
    """(position, month, day) of the first dateline without a year in the opening lines
    of ``text`` ("BAGHDAD, June 13 (Reuters) -"), or None."""
    for match in _DATELINE.finditer(text[:HEAD_CHARS]):
        found = _month_day(match)
        if found:
            return match.start(), found[0], found[1]
    return None


def year_near(month: int, day: int, reference: _dt.date) -> _dt.date | None:
    """The date of ``month``/``day`` nearest ``reference``: its year, the year before or
    the year after (a "Dec 31" dateline on a page of 2015-01-01 is 2014-12-31)."""
    candidates = [d for y in (reference.year - 1, reference.year, reference.year + 1)
                  if (d := _make(str(y), month, str(day))) is not None]
    return min(candidates, key=lambda d: (abs((d - reference).days), d), default=None)


def _instant(value: str) -> _dt.datetime | None:
    """The moment an ISO 8601 ``published`` with a time gives ("2014-06-13T09:42+01:00",
    "2014-06-13 09:42:00Z"); None for a bare day or anything else."""
    value = value.strip()
    if len(value) <= 10 or not _ISO.match(value):
        return None
    try:
        return _dt.datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None


def parse_published(value: str | None) -> ReportDate | None:
    """A ``published`` value as a :class:`ReportDate`: to the minute, to the day, or a
    month and day without a year ("June 13"); None when it names no day."""
    if not value or not value.strip():
        return None
    instant = _instant(value)
    if instant is not None:
        return ReportDate(instant.month, instant.day, instant.year, MINUTE, "published", instant)
    day = parse_date(value)
    if day is not None:
        return ReportDate(day.month, day.day, day.year, DAY, "published")
    match = _PUBLISHED_NO_YEAR.match(value)
    found = _month_day(match) if match else None
    if found:
        return ReportDate(found[0], found[1], None, DAY_NO_YEAR, "published")
    return None


def _reference(article: Article) -> _dt.date | None:
    """The full date a yearless date takes its year from: ``published``, else the
    first full date in the text."""
    published = parse_published(article.published)
    if published is not None and published.date is not None:
        return published.date
    return parse_date(article.text)


def _with_year(month: int, day: int, source: str, reference: _dt.date | None) -> ReportDate:
    """A day without a year, its year taken near ``reference``, else left unknown."""
    dated = year_near(month, day, reference) if reference is not None else None
    if dated is None:
        return ReportDate(month, day, None, DAY_NO_YEAR, source)
    return ReportDate(month, day, dated.year, DAY, source)


def dateline_date(article: Article) -> ReportDate | None:
    """The day of the dateline without a year in ``article``'s opening lines, its year
    from the article's other dates (unknown when it has none); None without one."""
    found = find_dateline(article.text)
    if found is None:
        return None
    _, month, day = found
    return _with_year(month, day, "dateline", _reference(article))


def report_date(article: Article) -> ReportDate | None:
    """The day ``article`` reports from, as precisely as known: its ``published`` (a
    yearless one gets its year from the text), else the first date of its opening
    lines, a full date or a dateline without a year (with its year from the text)."""
    published = parse_published(article.published)
    if published is not None and published.year is not None:
        return published
    if published is not None:
        return _with_year(published.month, published.day, "published", parse_date(article.text))
    head = article.text[:HEAD_CHARS]
    full = _first_full_date(head)
    line = find_dateline(head)
    if full is not None and (line is None or full[0] < line[0]):
        return ReportDate(full[1].month, full[1].day, full[1].year, DAY, "text")
    if line is not None:
        return _with_year(line[1], line[2], "dateline", parse_date(article.text))
    return None


def article_date(article: Article) -> _dt.date | None:
    """The day ``article`` reports from (:func:`report_date`), or None when it has none
    or its year is unknown."""
    found = report_date(article)
    return found.date if found is not None else None


def _sort_key(found: ReportDate) -> tuple[_dt.date, int, _dt.datetime]:
    """Day first; on one day, the dated to the minute (by their moment, in UTC) before
    those known only to the day."""
    instant = found.instant
    if instant is None:
        return found.date or _dt.date.min, 1, _dt.datetime.min
    if instant.tzinfo is not None:
        instant = instant.astimezone(_dt.timezone.utc).replace(tzinfo=None)
    return found.date or _dt.date.min, 0, instant


def chronological_order(dates: Sequence[ReportDate | None]) -> list[int]:
    """The indices of ``dates`` oldest first; those without a date, or whose year is
    unknown (they cannot be placed in time), last; ties keep their order."""
    dated = [i for i, d in enumerate(dates) if d is not None and d.date is not None]
    dated.sort(key=lambda i: _sort_key(dates[i]))  # type: ignore[arg-type]
    return dated + [i for i, d in enumerate(dates) if d is None or d.date is None]

