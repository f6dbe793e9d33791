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

#: Numbers written in digits. Group 1 is the whole number. Separators must group by three:
#: "1,2,3" and "10,5" are not numbers (each digit run stays unread rather than misread).
DIGITS_RE = re.compile(
    r"(?<![\w.,/:])(?<![A-Za-z]-)"
    r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3}){2,}|\d+(?:\.\d+)?)"
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
WORDS_RE = re.compile(
    rf"\b({_FIRST}(?: (?:{_SCALE_ALT}|dozen)(?:(?: and)? {_GROUP}(?![- ](?:{_UNIT_ALT})\b))?)*)\b",
    re.IGNORECASE,
)
#: Vague amounts, longest first.
VAGUE_RE = re.compile(
    r"\b((?:tens|hundreds) of (?:thousands|millions)|dozens|scores|hundreds|thousands"
    r"|millions|billions)\b(?= of\b| [a-z])",
    re.IGNORECASE,
)


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
