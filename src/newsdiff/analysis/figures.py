"""Extract the figures an article states: counts, distances, percentages, money, durations.

For every number (digits, number words or a vague amount such as "hundreds of") this reads
the words around it: a bound or hedge before it ("at least", "as many as", "about",
"could amount to"), a scale ("million", "bn"), a range ("150-200", "between 100 and
200"), the unit after it (a measure such as "km" or "48 hours", a currency, or the counted
noun "troops" in "150 elite Revolutionary Guard troops"), and a bracketed conversion
("110km (68 miles)"), which makes one figure. Years, dates, ages, clock times, ordinals,
forum counters ("Messages 13,818") and numbers inside names ("G8", "F-16") are skipped.

Each :class:`~newsdiff.records.Figure` carries its value, unit, kind, canonical value and
the interval ``[low, high]`` it allows in canonical units after its precision and bound
(see :mod:`newsdiff.analysis.numbers` for the precision rule), plus its sentence, the entity
mentions in that sentence (nearest first) and the attribution the sentence gives.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass
from typing import Sequence

from newsdiff.corpus.articles import Article
from newsdiff.analysis.attribution import find_attribution
from newsdiff.lexicon.demonyms import country_key
from newsdiff.analysis.numbers import (
    DIGITS_RE,
    SCALE_ABBREVIATIONS,
    SCALE_WORDS,
    VAGUE_RE,
    WORDS_RE,
    parse_digits,
    parse_words,
    vague_amount,
)
from newsdiff.records import Figure, RawMention
from newsdiff.analysis.document import AnalysedArticle, analyse
from newsdiff.analysis.frames import with_frame
from newsdiff.analysis.units import (
    ATTACHED_MEASURES,
    CURRENCY_PREFIXES,
    MAX_MEASURE_WORDS,
    MEASURES,
    Measure,
    money,
)

#: A figure's precision never exceeds this share of its value ("10 million" is not ±5m).
MAX_RELATIVE_PRECISION = 0.10
#: "about 150" allows this much either side, on top of the precision.
APPROX_MARGIN = 0.10
#: "nearly 2,000" is at most 2,000 and at least this share of it.
NEARLY_FLOOR = 0.80


@dataclass
class _Token:
    """One number as found in the text, before its context is read."""

    start: int
    end: int
    value: float
    precision: float
    written: str  # "digits", "words", "vague"
    low: float | None = None  # vague amounts: the range they stand for
    high: float | None = None


@dataclass
class _Unit:
    """What follows a number: a measure, a currency or a counted noun."""

    end: int  # where the unit phrase ends
    unit: str | None
    kind: str
    measure: Measure | None = None
    head_capitalised: bool = False


# --------------------------------------------------------------------------- lexicon

_MONTHS = (
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTHS})\.?[ \t\u00a0]*$")
_MONTH_AFTER = re.compile(rf"(?:st|nd|rd|th)?[ \t\u00a0]+(?:of[ \t]+)?(?:{_MONTHS})\b")
_YEAR_CONTEXT = re.compile(
    r"\b(?:in|since|by|until|till|of|from|before|after|during|early|late|mid|year|years|"
    r"summer|winter|spring|autumn|fall|season|fiscal|FY|circa|c\.)[ \t\u00a0-]*$",
    re.IGNORECASE,
)
_CLOCK_AFTER = re.compile(
    r"[ \t\u00a0]?(?:a\.m\.|p\.m\.|am\b|pm\b|GMT\b|UTC\b|BST\b|EST\b|EDT\b|PST\b|CET\b|"
    r"o['’]clock\b|hrs GMT\b|local time\b)",
    re.IGNORECASE,
)
_PAIR_SECOND = re.compile(r"(?:\d[ \t]?[-–]|(?:^|\s)[-−–])$")
_SLASH_AFTER = re.compile(r"[ \t]*/[ \t]*\d")
_SLASH_BEFORE = re.compile(r"\d[ \t]*/[ \t]*$")
_TOLL_BEFORE = re.compile(r"\b(?:death\s+)?toll\b[^,.;:\d]{0,30}$", re.IGNORECASE)
_AGE_AFTER = re.compile(r"[- ](?:years?|months?)[- ]old\b|[- ]year[- ]olds?\b", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"\b(?:aged|age|ages)[ \t]*$", re.IGNORECASE)
_FORUM_LABEL = re.compile(
    r"\b(?:messages|posts|reaction score|likes|points|joined|views|replies|trophy points|"
    r"reputation|rating|score|karma|followers|following|threads)[ \t]*[:\-–]?[ \t]*"
    r"(?:\n[ \t]*[-–•*]?[ \t]*)?$",
    re.IGNORECASE,
)
_CURRENCY_BEFORE = re.compile(r"(?:US\$|\$|£|€|¥|\b(?:USD|GBP|EUR|Rs\.?))[ \t\u00a0]?$")
_BOUND_BEFORE = re.compile(
    r"\b(at least|more than|over|upwards of|in excess of|no fewer than|no less than|"
    r"a minimum of|as many as|as much as|up to|fewer than|less than|under|no more than|"
    r"at most|a maximum of|nearly|almost|about|around|roughly|approximately|some|"
    r"an estimated|estimated|close to|between)[ \t\u00a0]+$",
    re.IGNORECASE,
)
_BOUNDS: dict[str, str] = {
    "at least": "at_least", "more than": "at_least", "over": "at_least",
    "upwards of": "at_least", "in excess of": "at_least", "no fewer than": "at_least",
    "no less than": "at_least", "a minimum of": "at_least",
    "as many as": "at_most", "as much as": "at_most", "up to": "at_most",
    "fewer than": "at_most", "less than": "at_most", "under": "at_most",
    "no more than": "at_most", "at most": "at_most", "a maximum of": "at_most",
    "nearly": "at_most", "almost": "at_most",
    "about": "approx", "around": "approx", "roughly": "approx", "approximately": "approx",
    "some": "approx", "an estimated": "approx", "estimated": "approx", "close to": "approx",
}
_MODAL_BEFORE = re.compile(
    r"\b(could|would|might|may|will|shall|should|plans? to|planned to|planning to|"
    r"pledged to|pledges to|promised to|promises to|offered to|offers to|threatened to|"
    r"threatens to|intends? to|aims? to|wants? to|hopes? to|proposed|if|unless)\b"
    r"(?:[ \t]+[a-z]+){0,2}",
)
_MODAL_AFTER = re.compile(r"^[^,.;:!?]{0,30}?\b(could|would|might|will|may)\b")
_HEDGE_WORDS = re.compile(
    r"\b(reportedly|allegedly|purportedly|an estimated|estimated|believed to|said to|"
    r"unconfirmed|rumou?red)\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[,;:()\"“”—–]|\s-\s")
_INHERIT_BEFORE = re.compile(
    r"\b(?:another|a further|an additional|a second|the other|the remaining)[ \t]+$",
    re.IGNORECASE,
)

_WORD = re.compile(
    r"[ \t\u00a0]+((?:[A-Za-z]\.){2,}|[A-Za-z]+-\d+[A-Za-z]*|[A-Za-z](?:[A-Za-z'’]|-(?=[A-Za-z]))*)"
)
_MODEL_NAME = re.compile(r"[A-Za-z]+-\d")  # "AK-47", "F-16": a modifier, never the head
_MODEL_DIGITS = re.compile(r"[ \t]\d+[A-Za-z]*\b")
_MODEL_BEFORE = re.compile(r"\b[A-Z]{1,4}[ \t]$")
_MEASURE_WORD = re.compile(r"(?:[ \t\u00a0]+|[ \t\u00a0]*-[ \t\u00a0]*)([A-Za-z]+)")
_SUFFIX = re.compile(r"[A-Za-z]+|%")
_SCALE_AFTER = re.compile(
    r"[ \t\u00a0]+(million|billion|trillion|thousand|hundred|mn|bn)\b", re.IGNORECASE
)
_RANGE_JOIN = re.compile(r"[ \t\u00a0]*(?:-|–|—|to)[ \t\u00a0]*(?:US\$|\$|£|€|¥)?")
_RANGE_AND = re.compile(r"[ \t\u00a0]+and[ \t\u00a0]+(?:US\$|\$|£|€|¥)?")
_BRACKET_OPEN = re.compile(
    r"[ \t\u00a0]*[(\[][ \t\u00a0]*(?:about|around|approx\.?|approximately|some|roughly|~|c\.)?"
    r"[ \t\u00a0]*"
)
_CURRENCY_SIGN = re.compile(r"(?:US\$|\$|£|€|¥)?")
_BRACKET_CLOSE = re.compile(r"[ \t\u00a0]*[)\]]")
_DIRECTION = re.compile(
    r"[ \t\u00a0]+((?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)"
    r"(?:ern|ward|wards)?[ \t\u00a0]+of|away[ \t\u00a0]+from|from|outside|off)\b",
    re.IGNORECASE,
)

_STOP = frozenset(
    """
    to in on at for from with by of into onto over under about as than per against during
    after before since until across through between among near within without via toward
    towards around outside inside beyond along behind
    and or but nor so yet while whereas because although though if when where whom whose
    who which that what this these those there here
    is are was were be been being has have had will would could can may might should must
    do does did shall ought
    i you he she it we they me him her us them his its our their my your
    reportedly also already still now then just only even ever never not no each every
    less most least very too much many such same own both either neither all any
    a an the up out off down onboard aboard away next last ago apiece together worldwide
    straight shy below above ahead behind east west north south overall total combined
    monday tuesday wednesday thursday friday saturday sunday january february march april
    june july august september october november december
    hit lost left leave show shows said says went came got made took died fell rose won
    beat led sent saw scored remain remained stood face faced per cent
    """.split()
)
_LY_NOUNS = frozenset("family ally assembly supply rally anomaly monopoly fly belly bully".split())
_MODIFIERS = frozenset("more additional extra other new fresh further".split())
_DETERMINERS = frozenset("the their its his her our these those them this that a an some".split())
_NOMINAL = frozenset("dead killed wounded injured displaced missing detained arrested".split())
_NOT_UNITS = frozenset(
    "times time per cent th st nd rd o'clock am pm percent odd plus strong".split()
)



# --------------------------------------------------------------------------- tokens


def _tokens(text: str) -> list[_Token]:
    """Every number in ``text``, in order, without overlaps."""
    found: list[_Token] = []
    for m in DIGITS_RE.finditer(text):
        parsed = parse_digits(m.group(1))
        if parsed:
            found.append(_Token(m.start(1), m.end(1), parsed[0], parsed[1], "digits"))
    if any(c.isalpha() for c in text):
        for m in WORDS_RE.finditer(text):
            value = parse_words(m.group(1))
            if value is not None and value > 0:
                found.append(_Token(m.start(1), m.end(1), value, 0.0, "words"))
        for m in VAGUE_RE.finditer(text):
            amount = vague_amount(m.group(1))
            if amount:
                lo, hi, typical = amount
                found.append(_Token(m.start(1), m.end(1), typical, 0.0, "vague", lo, hi))
    found.sort(key=lambda t: (t.start, -t.end))
    out: list[_Token] = []
    last_end = -1
    for t in found:
        if t.start >= last_end:
            out.append(t)
            last_end = t.end
    return out


# --------------------------------------------------------------------------- context


def _left(text: str, pos: int, width: int = 60) -> str:
    return text[max(0, pos - width):pos]


def _is_excluded(text: str, tok: _Token) -> bool:
    """Dates, years, ages, clock times and forum counters: never counted figures."""
    before = _left(text, tok.start, 40)
    after = text[tok.end:tok.end + 24]
    if _MONTH_BEFORE.search(before) or _MONTH_AFTER.match(after):
        return True
    if _AGE_AFTER.match(after) or _AGE_BEFORE.search(before):
        return True
    if tok.written == "digits":
        if _PAIR_SECOND.search(before):
            return True  # the second half of "88-72" or "2008-09", or a sign: "-5"
        if _SLASH_AFTER.match(after) or _SLASH_BEFORE.search(before):
            return True  # "08 / 02 / 2013", "3 / 4"
        if _MODEL_BEFORE.search(before) and not _CURRENCY_BEFORE.search(before):
            return True  # "AK 47", "MH 17": part of a name
        if before.endswith(("'", "’")) and tok.end - tok.start == 2:
            return True  # "'02", "’90s"
        if _CLOCK_AFTER.match(after):
            return True
        if _FORUM_LABEL.search(before):
            return True
        line_start = text.rfind("\n", 0, tok.start) + 1
        line_end = text.find("\n", tok.end)
        line_end = len(text) if line_end < 0 else line_end
        if line_end - line_start < 200:
            line = text[line_start:tok.start] + text[tok.end:line_end]
            if not any(c.isalpha() for c in line):
                return True  # a number alone on its line: a counter, not a statement
    return False


def _is_year(text: str, tok: _Token) -> bool:
    raw = text[tok.start:tok.end]
    return (
        tok.written == "digits" and len(raw) == 4 and raw.isdigit() and 1000 <= tok.value <= 2100
    )


def _measure_after(text: str, pos: int) -> tuple[Measure, int, str] | None:
    """A measure word (or words) right after ``pos``: ``(measure, end, surface)``."""
    words: list[tuple[str, int]] = []
    p = pos
    for _ in range(MAX_MEASURE_WORDS):
        m = _MEASURE_WORD.match(text, p)
        if not m or (words and "-" in text[p:m.start(1)]):
            break
        words.append((m.group(1), m.end(1)))
        p = m.end(1)
    for n in range(len(words), 0, -1):
        surface = " ".join(w for w, _ in words[:n])
        measure = MEASURES.get(surface.lower())
        # a lone "m" after a space is too often "million" or an initial to read as metres
        if measure and not (surface in ("m", "M") and text.startswith(" ", pos)):
            return measure, words[n - 1][1], surface
    return None


def _counted_noun(text: str, pos: int) -> tuple[str, int, bool] | None:
    """The head noun of the noun phrase counted by a number ending at ``pos``.

    Skips modifiers ("elite", "advance", "Revolutionary Guard", "Iran's") and reads
    partitives ("150 of Iran's elite Quds Force"). Returns ``(noun, end, capitalised)``.
    """
    p = pos
    head: tuple[str, int] | None = None
    partitive = False
    for n in range(8):
        m = _WORD.match(text, p)
        if not m:
            break
        word = m.group(1)
        low = word.lower()
        if n == 0 and low == "of":
            partitive = True
            p = m.end()
            continue
        if partitive and head is None and low in _DETERMINERS:
            p = m.end()
            continue
        if low in ("and", "or") and head is not None and country_key(head[0]) and head[0][0].isupper():
            # "23 Somali and Yemeni pirates": the noun comes after the second demonym
            rest = _counted_noun(text, m.end()) if n < 4 else None
            if rest:
                return rest
            break
        if low in _STOP or (low.endswith("ly") and low not in _LY_NOUNS):
            break
        if _MODEL_NAME.match(word):
            p = m.end()
            continue
        model = _MODEL_DIGITS.match(text, m.end()) if word.isupper() else None
        if model:  # "AK 47 rifles": the name is a modifier
            p = model.end()
            continue
        if low.endswith(("'s", "’s")):
            if head is not None:
                break
            p = m.end()
            continue
        if low in _MODIFIERS and head is None:
            p = m.end()
            continue
        if head is not None and word.islower() and low.endswith(("ed", "ing")) and low not in _NOMINAL:
            break
        head = (word, m.end())
        p = m.end()
        if n >= 5:
            break
    if head is None:
        return None
    word, end = head
    low = word.lower().strip("-")
    if (
        word.islower()
        and low.endswith(("ed", "ing"))
        and low not in _NOMINAL
    ) or low in _NOT_UNITS or len(low) < 2 or low in MEASURES:
        return None
    country = country_key(word) if word[0].isupper() else None
    if country and not low.endswith("s"):
        low = low + "s"  # "12 Somali [nationals]" counts Somalis
    return low, end, word[0].isupper()


def _unit_after(text: str, pos: int, currency: str | None) -> _Unit:
    if currency:
        m = _measure_after(text, pos)
        if m and m[0].kind == "money":
            return _Unit(m[1], m[0].unit, "money", m[0])
        return _Unit(pos, currency, "money", money(currency))
    if text.startswith("%", pos):
        return _Unit(pos + 1, "percent", "percent", MEASURES["percent"])
    measured = _measure_after(text, pos)
    if measured:
        measure, end, _surface = measured
        return _Unit(end, measure.unit, measure.kind, measure)
    noun = _counted_noun(text, pos)
    if noun:
        return _Unit(noun[1], noun[0], "count", None, noun[2])
    return _Unit(pos, None, "other")


@dataclass
class _Read:
    """A number with everything read around it, before it becomes a Figure."""

    start: int
    end: int
    value_start: int
    value_end: int
    value: float
    low: float
    high: float
    bound: str
    hedge: str | None
    unit: _Unit
    written: str
    consumed: list[int]


def _scale_after(text: str, tok: _Token, next_tok: _Token | None) -> tuple[float, int]:
    """A scale right after a digit token: ``(multiplier, end)``; (1, tok.end) when none."""
    if tok.written == "vague":
        return 1.0, tok.end
    m = _SCALE_AFTER.match(text, tok.end)
    if m and not (next_tok and next_tok.start < m.end()):
        word = m.group(1).lower()
        return SCALE_WORDS.get(word) or SCALE_ABBREVIATIONS[word], m.end()
    return 1.0, tok.end


def _read_number(
    text: str, tokens: list[_Token], i: int
) -> _Read | None:
    """Read the number ``tokens[i]`` with its context; None when it is not a figure."""
    tok = tokens[i]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if _is_excluded(text, tok):
        return None
    consumed: list[int] = []
    value, precision = tok.value, tok.precision
    low_v = high_v = value
    value_end = tok.end
    currency: str | None = None
    start = tok.start

    # ---- digits directly followed by letters: "110km", "$1.6m", "1980s", "76ers", "2nd"
    suffix_measure: Measure | None = None
    if tok.written == "digits":
        sm = _SUFFIX.match(text, tok.end)
        if sm:
            suffix = sm.group()
            low_suffix = suffix.lower()
            cm = _CURRENCY_BEFORE.search(_left(text, tok.start, 6))
            if low_suffix in ("st", "nd", "rd", "th", "s", "am", "pm", "h"):
                return None  # ordinals, decades, clock times
            if low_suffix in SCALE_ABBREVIATIONS and (cm or low_suffix != "m"):
                value *= SCALE_ABBREVIATIONS[low_suffix]
                precision *= SCALE_ABBREVIATIONS[low_suffix]
                value_end = sm.end()
            elif low_suffix == "m" and _counted_noun(text, sm.end()) and not _measure_after(text, sm.end()):
                value *= 1e6
                precision *= 1e6
                value_end = sm.end()
            elif low_suffix in ATTACHED_MEASURES or suffix == "%":
                suffix_measure = MEASURES["percent" if suffix == "%" else low_suffix]
            else:
                return None  # "76ers", "4G": part of a name
        elif text.startswith("-", tok.end) and tok.end + 1 < len(text) and text[tok.end + 1].isupper():
            return None  # "9-Eleven"-like names
        cm = _CURRENCY_BEFORE.search(_left(text, tok.start, 6))
        if cm:
            currency = CURRENCY_PREFIXES.get(cm.group().strip().lower())
            if currency:
                start = tok.start - len(cm.group())
    if value_end == tok.end and tok.written != "vague":
        mult, scale_end = _scale_after(text, tok, nxt)
        if mult != 1.0:
            value *= mult
            precision *= mult
            value_end = scale_end
    low_v = high_v = value

    # ---- bound or hedge before: "at least", "as many as", "about", "between"
    bound = "exact"
    hedge: str | None = None
    unbounded_start = start
    bm = _BOUND_BEFORE.search(_left(text, start, 30))
    bound_word: str | None = None
    if bm:
        bound_word = bm.group(1).lower()
        start = start - (len(_left(text, start, 30)) - bm.start(1))

    # ---- range: "150-200", "150 to 200", "between 100 and 200"
    is_range = False
    high_precision = 0.0
    if nxt and tok.written == "digits" and nxt.written == "digits" and suffix_measure is None:
        join = (_RANGE_AND if bound_word == "between" else _RANGE_JOIN).match(text, value_end)
        if join and join.end() == nxt.start:
            other = nxt.value
            other_prec = nxt.precision
            mult2, end2 = _scale_after(text, nxt, tokens[i + 2] if i + 2 < len(tokens) else None)
            sm2 = _SUFFIX.match(text, nxt.end)
            if sm2 and sm2.group().lower() in SCALE_ABBREVIATIONS and (currency or sm2.group().lower() != "m"):
                mult2 = SCALE_ABBREVIATIONS[sm2.group().lower()]
                end2 = sm2.end()
            other *= mult2
            other_prec *= mult2
            if mult2 != 1.0 and value_end == tok.end:  # "1.5-2 million": the scale applies to both
                value *= mult2
                precision *= mult2
            if other > value:
                is_range = True
                low_v, high_v = value, other
                high_precision = min(other_prec, other * MAX_RELATIVE_PRECISION)
                value = (low_v + high_v) / 2
                value_end = end2
                consumed.append(i + 1)
            elif "to" not in join.group() and bound_word != "between":
                # "88-72": a score, or "2008-09": a season; neither is a figure
                if _is_year(text, tok) or text[join.start():join.end()].strip() in "-–—":
                    return None

    if _is_year(text, tok) and not is_range and not currency:
        if _YEAR_CONTEXT.search(_left(text, start, 20)):
            return None
        if text.startswith("-", tok.end) and text[tok.end + 1:tok.end + 3].isdigit():
            return None  # "2008-09 season"

    # ---- unit
    if suffix_measure is not None:
        suffix_end = _SUFFIX.match(text, tok.end).end()  # type: ignore[union-attr]
        unit = _Unit(suffix_end, suffix_measure.unit, suffix_measure.kind, suffix_measure)
    else:
        unit = _unit_after(text, value_end, currency)
    if unit.measure is not None and unit.measure.unit == "years" and _AGE_AFTER.match(text, value_end):
        return None
    if _is_year(text, tok) and not is_range and (unit.unit is None or unit.head_capitalised):
        return None
    if tok.written in ("words", "vague") and unit.unit is None:
        return None
    if tok.written == "words" and unit.kind == "other" and unit.measure is None:
        return None

    # ---- bounds
    if bound_word == "between":
        if not is_range:
            bound_word = None
            start = unbounded_start
    if bound_word:
        hedge = bound_word if _BOUNDS.get(bound_word) == "approx" else None
        bound = _BOUNDS.get(bound_word, "exact")
    if is_range:
        bound = "range"
    if tok.written == "vague":
        bound = "approx"
        low_v, high_v = float(tok.low or value), float(tok.high or value)

    cap = abs(low_v) * MAX_RELATIVE_PRECISION
    if low_v and precision > cap and tok.written == "digits":
        precision = max(cap, 0.5 * 10 ** -6)
    low = low_v - precision
    high = high_v + (high_precision if is_range else precision)
    if bound == "at_least":
        high = math.inf
    elif bound == "at_most":
        low = value * NEARLY_FLOOR if bound_word in ("nearly", "almost") else 0.0
    elif bound == "approx" and tok.written != "vague":
        low = value * (1 - APPROX_MARGIN) - precision
        high = value * (1 + APPROX_MARGIN) + precision
    low = max(low, 0.0) if value >= 0 else low

    return _Read(
        start=start, end=max(unit.end, value_end), value_start=tok.start, value_end=value_end,
        value=value, low=low, high=high, bound=bound, hedge=hedge, unit=unit,
        written=tok.written, consumed=consumed,
    )


def _bracketed(text: str, tokens: list[_Token], j: int, pos: int) -> tuple[_Read, int] | None:
    """A bracketed conversion "(68 miles)" opening at ``pos``: the inner read and its end."""
    om = _BRACKET_OPEN.match(text, pos)
    if not om or j >= len(tokens) or tokens[j].start < om.end():
        return None
    if not _CURRENCY_SIGN.fullmatch(text, om.end(), tokens[j].start):
        return None
    inner = _read_number(text, tokens, j)
    if inner is None or inner.unit.measure is None:
        return None
    cm = _BRACKET_CLOSE.match(text, inner.end)
    if not cm:
        return None
    return inner, cm.end()


def _direction_end(text: str, pos: int, limit: int) -> int:
    """End of "north of Baghdad" / "north of the capital" after a distance, else ``pos``."""
    m = _DIRECTION.match(text, pos)
    if not m:
        return pos
    p = m.end()
    end = pos
    for n in range(4):
        w = _WORD.match(text, p)
        if not w or w.end() > limit:
            break
        low = w.group(1).lower()
        if low in _STOP and low not in ("the",):
            break
        p = w.end()
        if low != "the":
            end = p
            if low in ("capital", "city", "border", "town"):
                break
    return end


# --------------------------------------------------------------------------- figures


def _entities_near(
    mentions: Sequence[RawMention], starts: list[int], span: tuple[int, int],
    value: tuple[int, int],
) -> tuple[str, ...]:
    """Surface texts of the mentions inside ``span``, nearest to ``value`` first."""
    lo = bisect.bisect_left(starts, span[0])
    found: list[tuple[int, int, str]] = []
    for k in range(lo, len(mentions)):
        m = mentions[k]
        if m.start >= span[1]:
            break
        if m.end > span[1] or (m.start < value[1] and m.end > value[0]):
            continue
        gap = value[0] - m.end if m.end <= value[0] else m.start - value[1]
        found.append((max(gap, 0), m.start, m.text))
    found.sort()
    return tuple(dict.fromkeys(t for _, _, t in found))


def _inside_name(mentions: Sequence[RawMention], starts: list[int], a: int, b: int) -> bool:
    k = bisect.bisect_right(starts, a) - 1
    while k >= 0 and k >= bisect.bisect_right(starts, a) - 3:
        m = mentions[k]
        if m.start <= a and b <= m.end and m.text.strip() != "":
            inner = m.text[a - m.start:b - m.start]
            if m.text.strip() != inner.strip():
                return True
        k -= 1
    return False


def _hedge_and_modality(text: str, sentence: tuple[int, int], read: _Read) -> tuple[str | None, bool]:
    """Hedge ("reportedly", "could amount to") and whether the figure is hypothetical."""
    clause_start = sentence[0]
    before = text[sentence[0]:read.start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if breaks:
        clause_start = sentence[0] + breaks[-1].end()
    clause = text[clause_start:read.start]
    hedge = read.hedge
    hypothetical = False
    modal = None
    for modal in _MODAL_BEFORE.finditer(clause):  # the modal nearest the number
        pass
    if modal is not None:
        hypothetical = True
        hedge = hedge or modal.group().strip()
    elif _MODAL_AFTER.match(text[read.end:min(sentence[1], read.end + 40)]):
        hypothetical = True
        hedge = hedge or _MODAL_AFTER.match(text[read.end:read.end + 40]).group(1)
    if hedge is None:
        hm = _HEDGE_WORDS.search(text, sentence[0], sentence[1])
        if hm:
            hedge = hm.group(1).lower()
    return hedge, hypothetical


def extract_figures(
    article: Article | AnalysedArticle, mentions: Sequence[RawMention] = ()
) -> list[Figure]:
    """Every figure ``article`` states, in text order. Never raises on any text.

    Give an :class:`~newsdiff.analysis.document.AnalysedArticle` (its sentences and
    mentions are used as found); a bare Article is analysed here with ``mentions``.
    """
    text = article.text
    tokens = _tokens(text)
    if not tokens:
        return []
    doc = article if isinstance(article, AnalysedArticle) else analyse(article, mentions)
    article = doc.article
    ordered = list(doc.mentions)
    mention_starts = [m.start for m in ordered]
    attributions: dict[tuple[int, int], str | None] = {}
    figures: list[Figure] = []
    consumed: set[int] = set()
    previous: dict[tuple[int, int], _Read] = {}

    for i, tok in enumerate(tokens):
        if i in consumed:
            continue
        read = _read_number(text, tokens, i)
        if read is None:
            continue
        consumed.update(read.consumed)
        sentence = doc.sentence_at(tok.start)
        if read.unit.unit is None:
            prev = previous.get(sentence)
            if prev is not None and _INHERIT_BEFORE.search(_left(text, read.start, 24)):
                read.unit = _Unit(read.end, prev.unit.unit, prev.unit.kind, prev.unit.measure)
            elif _TOLL_BEFORE.search(text, max(sentence[0], read.start - 40), read.start):
                read.unit = _Unit(read.end, "dead", "count")
            else:
                continue  # a bare number ("9-14", "Article 5"): nothing to compare it by
        if ordered and _inside_name(ordered, mention_starts, read.value_start, read.value_end):
            continue
        # bracketed conversion: "110km (68 miles)", "£1m ($1.6m)"
        low, high = read.low, read.high
        measure = read.unit.measure
        factor = measure.factor if measure else 1.0
        low, high = low * factor, high * factor
        end = read.end
        j = max([i + 1] + [c + 1 for c in read.consumed])
        if measure is not None:
            br = _bracketed(text, tokens, j, read.end)
            if br and br[0].unit.measure and br[0].unit.measure.kind == measure.kind:
                inner, end = br
                consumed.add(j)
                consumed.update(inner.consumed)
                if inner.unit.measure.canonical_unit == measure.canonical_unit:
                    f2 = inner.unit.measure.factor
                    ilo, ihi = max(low, inner.low * f2), min(high, inner.high * f2)
                    if ilo <= ihi:
                        low, high = ilo, ihi
            if measure.kind == "length":
                end = _direction_end(text, end, sentence[1])
        if end > sentence[1] and sentence[1] > tok.start:
            end = max(sentence[1], read.value_end)
        kind = read.unit.kind
        if measure is not None:
            canonical: float | None = read.value * factor
            canonical_unit: str | None = measure.canonical_unit
        elif kind == "count":
            canonical, canonical_unit = read.value, "count"
        else:
            canonical, canonical_unit = read.value, None
        hedge, hypothetical = _hedge_and_modality(text, sentence, read)
        if sentence not in attributions:
            attributions[sentence] = find_attribution(text[sentence[0]:sentence[1]])
        entities = _entities_near(ordered, mention_starts, sentence, (read.value_start, read.value_end))
        figures.append(
            Figure(
                article=article.id,
                start=read.start,
                end=end,
                text=text[read.start:end],
                value=read.value,
                unit=read.unit.unit,
                kind=kind,
                canonical=canonical,
                canonical_unit=canonical_unit,
                low=low,
                high=high,
                bound=read.bound,
                hedge=hedge,
                hypothetical=hypothetical,
                attribution=attributions[sentence],
                sentence_start=sentence[0],
                sentence_end=sentence[1],
                entities=entities,
                value_start=read.value_start,
                value_end=read.value_end,
            )
        )
        if read.unit.unit is not None:
            previous[sentence] = read
    return [with_frame(doc, f) for f in figures]
