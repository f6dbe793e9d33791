"""Read the numbers news articles write: digits, spelled-out numbers and vague amounts.

Digits with thousands separators ("2,000", European "10.000.000"), decimals ("1.5"),
scale words ("1.5 million", "$2bn"), number words ("two", "twenty-five", "a dozen",
"three hundred") and vague amounts ("hundreds of", "dozens", "tens of thousands").

Every number also carries its *precision*: the half-width of the interval a writer could
mean by it. The rule: an integer with ``k`` trailing zeros was rounded to ``10**min(k, 2)``
(so 70 is 65-75, 150 is 145-155, 2,000 is 1,950-2,050; 68 is exact to 0.5), a decimal to
its last written place (1.5 is 1.45-1.55), and a spelled-out small number is exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar, Iterator

#: Numbers written in digits. Group 1 is the whole number. Separators must group by three:
#: "1,2,3" and "10,5" are not numbers (each digit run stays unread rather than misread).
#: A decimal may open with its point (".41", "a .38-caliber"). A number glued to a word by
#: a hyphen ("F-16", "sisters-8", "magnitude-6.1") is found too: which of those are names
#: is decided by the reader (:mod:`newsdiff.analysis.figures`).
#: The forms, each opening with a digit: "2,000" (or "2,000.5"), "10.000.000", "150" (or
#: "1.5"); or with a point: ".41". The first character is matched before the forms (and
#: the character before it checked by a lookbehind), so the regex engine skips to digits
#: and points in C instead of trying every position.
DIGITS_RE = re.compile(
    r"([\d.](?<![\w.,/:][\d.])"
    r"(?:(?<=\d)(?:\d{0,2}(?:,\d{3})+(?:\.\d+)?|\d{0,2}(?:\.\d{3}){2,}|\d*(?:\.\d+)?)|(?<=\.)\d+))"
    r"(?![\d]|[.,]\d|[:/]\d)"
)

SMALL_WORDS: dict[str, int] = {
    "zero": 0, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
#: "one" is read only inside compounds ("twenty-one", "one hundred"): alone it is far more
#: often a pronoun ("one of the", "no one") than a figure.
UNIT_WORDS: dict[str, int] = {**SMALL_WORDS, "one": 1}
TENS_WORDS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALE_WORDS: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
}
#: Abbreviated scales written after digits: "$2bn", "£1m", "5k".
SCALE_ABBREVIATIONS: dict[str, float] = {
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12,
    "mm": 1e6,  # "$12.5MM" (finance); after a bare number "mm" is millimetres
}

#: Vague amounts: (low, high, typical value).
VAGUE_AMOUNTS: dict[str, tuple[float, float, float]] = {
    "dozens": (24, 144, 50),
    "scores": (40, 200, 60),
    "hundreds": (100, 1_000, 300),
    "thousands": (1_000, 100_000, 3_000),
    "tens of thousands": (10_000, 100_000, 30_000),
    "hundreds of thousands": (100_000, 1_000_000, 300_000),
    "millions": (1e6, 1e9, 3e6),
    "tens of millions": (1e7, 1e8, 3e7),
    "hundreds of millions": (1e8, 1e9, 3e8),
    "billions": (1e9, 1e12, 3e9),
}

_UNIT_ALT = "|".join(sorted(UNIT_WORDS, key=len, reverse=True))
_TENS_ALT = "|".join(TENS_WORDS)
_SCALE_ALT = "|".join(SCALE_WORDS)
_GROUP = rf"(?:(?:{_TENS_ALT})(?:[- ](?:{_UNIT_ALT}))?|(?:{_UNIT_ALT}))"
_FIRST = rf"(?:{_GROUP}|half an?(?= dozen)|an?(?= (?:{_SCALE_ALT}|dozen)\b))"
#: Spelled-out numbers: "two", "twenty-five", "three hundred and fifty", "a dozen",
#: "half a dozen", "a hundred thousand". A scale word may follow a group, and a group may
#: follow a scale word, so "the two one-year deals" never reads as "two one". Bare "one"
#: is filtered out by :func:`parse_words`.
#: (Each pattern opens with a lookahead on its possible first letters, which lets the
#: regex engine skip every other position quickly.)
WORDS_RE = re.compile(
    rf"(?=[zotfsenhaZOTFSENHA])\b({_FIRST}(?: (?:{_SCALE_ALT}|dozen)(?:(?: and)? {_GROUP}(?![- ](?:{_UNIT_ALT})\b))?)*)\b",
    re.IGNORECASE,
)
#: Number words the main pattern leaves out: "a couple of", "a pair of", a dozen without
#: its article ("another dozen"), "half a dozen" written "a half dozen", "half a million",
#: and "a single".
#: Group 1 is the number; :data:`OTHER_WORD_VALUES` gives its value.
OTHER_WORDS_RE = re.compile(
    r"(?=[adhsADHS])\b(an?[ \u00a0]+(?:couple|pair)(?=[ \u00a0]+of\b)|(?:a[ \u00a0]+)?half[ \u00a0-]dozen|dozen"
    r"|half[ \u00a0]+an?[ \u00a0]+(?:hundred|thousand|million|billion|trillion)"
    r"|(?<=\b[Aa] )single(?=[ \u00a0]+[a-z]))\b",
    re.IGNORECASE,
)
OTHER_WORD_VALUES: dict[str, float] = {
    "couple": 2.0, "pair": 2.0, "half dozen": 6.0, "dozen": 12.0, "single": 1.0,
    "half a hundred": 50.0, "half a thousand": 500.0, "half a million": 5e5,
    "half a billion": 5e8, "half a trillion": 5e11,
}
#: "half" as a number: "half a mile", "half an hour", "a half-liter", "a mile and a half".
HALF_RE = re.compile(
    r"(?=[hH])\b(half)\b(?=[ \u00a0]+an?[ \u00a0]+[a-z]|-[a-z])|(?<=\band a )(half)\b", re.IGNORECASE
)
#: How often, in one word: "hosted it twice" (2 times).
TIMES_WORDS_RE = re.compile(r"(?=[tT])\b(twice|thrice)\b", re.IGNORECASE)
TIMES_WORDS: dict[str, float] = {"twice": 2.0, "thrice": 3.0}
_FRACTION_CHARS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}
#: Fractions: "1/2", "4 1/2", "3/4", "4½"; the whole may join by a hyphen ("a 4-1/2-month
#: term") and a space may stand either side of the slash, as in tokenised text ("4-1 / 2").
#: The numerator is below the denominator, so "9/11" and "24/7" are not fractions, and a
#: third slash ("1/2/2013") makes a date.
FRACTION_RE = re.compile(
    r"(?<![\w/.,])(?:(\d{1,3})(?:[ \u00a0]+|-))?([1-9])[ \u00a0]?/[ \u00a0]?([2-9]|1[0-6])(?![\w/]|[.,]\d|-\d)"
    r"|(?<![\w/.,])(\d{1,3})?([½¼¾⅓⅔])(?![\w/])"
)


_DIGIT_SLASH = re.compile(r"[1-9][ \u00a0]?/[ \u00a0]?[1-9]")
_WHOLE_BEFORE = re.compile(r"\d{1,3}(?:[ \u00a0]+|-)$")
_UNICODE_FRACTION = re.compile(r"[½¼¾⅓⅔]")


def fraction_matches(text: str) -> list[re.Match[str]]:
    """Every :data:`FRACTION_RE` match in ``text``, found from its slashes and fraction
    signs (so the text is not tried at every position)."""
    out: list[re.Match[str]] = []
    last = -1
    hits = [m.start() for m in _DIGIT_SLASH.finditer(text)] if "/" in text else []
    if any(c in text for c in _FRACTION_CHARS):
        hits += [m.start() for m in _UNICODE_FRACTION.finditer(text)]
        hits.sort()
    for j in hits:
        whole = _WHOLE_BEFORE.search(text, max(0, j - 8), j)
        starts = ([whole.start()] if whole else []) + [j, max(0, j - 3), max(0, j - 2), max(0, j - 1)]
        for start in starts:
            if start <= last:
                continue
            m = FRACTION_RE.match(text, start)
            if m and m.end() > j:
                out.append(m)
                last = m.end() - 1
                break
    return out


def fraction_value(m: re.Match[str]) -> float | None:
    """Value of a :data:`FRACTION_RE` match ("4 1/2" -> 4.5), or None ("9/11")."""
    if m.group(2):
        num, den = int(m.group(2)), int(m.group(3))
        if num >= den:
            return None
        return (int(m.group(1)) if m.group(1) else 0) + num / den
    whole = int(m.group(4)) if m.group(4) else 0
    return whole + _FRACTION_CHARS[m.group(5)]


def other_word_value(text: str) -> float | None:
    """Value of an :data:`OTHER_WORDS_RE` match: "a couple" 2, "another dozen" 12."""
    words = re.split(r"[\s-]+", text.lower().strip())
    if words and words[0] in ("a", "an"):
        words = words[1:]
    return OTHER_WORD_VALUES.get(" ".join(words))


#: Vague amounts, longest first.
VAGUE_RE = re.compile(
    r"(?=[dshtmbDSHTMB])\b((?:tens|hundreds) of (?:thousands|millions)|dozens|scores|hundreds|thousands"
    r"|millions|billions)\b(?= of\b| [a-z])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class WordScan:
    """A pattern each of whose matches opens with one of ``openings`` (lowercase words, or
    a word and the space after it), whatever their case, scanned from those openings.

    :meth:`finditer` gives what ``pattern.finditer(text)`` gives, but finds the openings
    first with ``str.find`` (in C) and tries the pattern only there, so a text pays a few
    fast substring searches plus one regex attempt per opening, not an attempt at every
    position. The openings are found in the text lowered; when lowering changes the
    text's length (a few non-Latin letters do), offsets would not line up and the
    pattern scans the text itself. (A letter that only Unicode case folding equates with
    an ASCII one, such as the long s, is not an opening.)"""

    pattern: re.Pattern[str]
    openings: tuple[str, ...]
    #: an opening every this many characters or more often (a pathological text, "one one
    #: one ..."), and the pattern scans the text itself instead
    DENSE: ClassVar[int] = 32

    def finditer(self, text: str, low: str | None = None) -> Iterator[re.Match[str]]:
        low = text.lower() if low is None else low
        if len(low) != len(text):
            yield from self.pattern.finditer(text)
            return
        starts: set[int] = set()
        dense = len(text) // self.DENSE + 64  # more openings than this: one regex scan is cheaper
        for word in self.openings:
            i = low.find(word)
            while i >= 0:
                starts.add(i)
                if len(starts) > dense:
                    yield from self.pattern.finditer(text)
                    return
                i = low.find(word, i + 1)
        last_end = 0
        for i in sorted(starts):
            if i < last_end:
                continue  # inside the match before, as finditer would skip it
            m = self.pattern.match(text, i)
            if m:
                yield m
                last_end = max(m.end(), i + 1)


_SCALED = (*SCALE_WORDS, "dozen")
WORDS_SCAN = WordScan(
    WORDS_RE, (*UNIT_WORDS, *TENS_WORDS, "half", *(f"{a} {w}" for a in ("a", "an") for w in _SCALED))
)
OTHER_WORDS_SCAN = WordScan(
    OTHER_WORDS_RE, ("a ", "a\u00a0", "an ", "an\u00a0", "half", "dozen", "single")
)
HALF_SCAN = WordScan(HALF_RE, ("half",))
TIMES_WORDS_SCAN = WordScan(TIMES_WORDS_RE, tuple(TIMES_WORDS))
VAGUE_SCAN = WordScan(VAGUE_RE, ("tens", "hundreds", "dozens", "scores", "thousands", "millions", "billions"))


@dataclass(frozen=True)
class Number:
    """A number as read: its value, the half-width of its precision, and its kind."""

    value: float
    precision: float
    written: str  # "digits", "words" or "vague"
    low: float | None = None  # for vague amounts: the range they stand for
    high: float | None = None


def parse_digits(text: str) -> tuple[float, float] | None:
    """``(value, precision)`` of a digit string such as "2,000", "1.5" or "10.000.000"."""
    if text[:1] == "." and text[1:].isdigit():
        text = "0" + text  # ".41"
    if not text or not text[0].isdigit():
        return None
    if "," in text:
        whole, _, frac = text.partition(".")
        digits = whole.replace(",", "")
    elif text.count(".") >= 2:  # European thousands: 10.000.000
        digits, frac = text.replace(".", ""), ""
    else:
        digits, _, frac = text.partition(".")
    if not digits.isdigit() or (frac and not frac.isdigit()):
        return None
    if len(digits) > 300:  # beyond float range: not a figure anyone compares
        return None
    value = float(f"{digits}.{frac}" if frac else digits)
    if frac:
        precision = 0.5 * 10 ** (-len(frac))
    else:
        stripped = digits.rstrip("0")
        zeros = len(digits) - len(stripped) if stripped else 0
        precision = 0.5 * 10 ** min(zeros, 2) if zeros else 0.5
    return value, precision


def parse_words(text: str) -> float | None:
    """Value of a spelled-out number ("twenty-five", "three hundred", "a dozen")."""
    words = re.split(r"[\s-]+", text.lower().strip())
    words = [w for w in words if w and w != "and"]
    if not words:
        return None
    if words[:3] == ["half", "a", "dozen"] or words[:3] == ["half", "an", "dozen"]:
        return 6.0
    if words == ["one"] or words in (["a"], ["an"]):
        return None
    total = 0.0
    current = 0.0
    seen_number = False
    for w in words:
        if w in ("a", "an"):
            current = 1.0 if current == 0 else current
            continue
        if w in UNIT_WORDS:
            current += UNIT_WORDS[w]
            seen_number = True
        elif w in TENS_WORDS:
            current += TENS_WORDS[w]
            seen_number = True
        elif w == "dozen":
            current = (current or 1.0) * 12
            seen_number = True
        elif w == "hundred":
            current = (current or 1.0) * 100
            seen_number = True
        elif w in SCALE_WORDS:
            total += (current or 1.0) * SCALE_WORDS[w]
            current = 0.0
            seen_number = True
        else:
            return None
    if not seen_number:
        return None
    return total + current


def vague_amount(text: str) -> tuple[float, float, float] | None:
    """``(low, high, typical)`` of a vague amount such as "hundreds" or "tens of thousands"."""
    return VAGUE_AMOUNTS.get(re.sub(r"\s+", " ", text.lower().strip()))


def format_value(value: float) -> str:
    """A value for people: "2,000", "1.5", "110"; huge or tiny values stay readable."""
    if value != value:  # NaN
        return "?"
    if value in (float("inf"), float("-inf")):
        return "∞" if value > 0 else "-∞"
    if abs(value) >= 1e15:
        return f"{value:.3g}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")
