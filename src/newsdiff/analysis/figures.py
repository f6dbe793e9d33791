"""Extract the figures an article states: counts, distances, percentages, money, durations.

For every number (digits, number words or a vague amount such as "hundreds of") this reads
the words around it: a bound or hedge before it ("at least", "as many as", "about",
"could amount to"), a scale ("million", "bn"), a range ("150-200", "between 100 and
200"), the unit after it (a measure such as "km" or "48 hours", a currency, or the counted
noun "troops" in "150 elite Revolutionary Guard troops"), and a bracketed conversion
("110km (68 miles)"), which makes one figure. Years, dates, clock times, ordinals,
forum counters ("Messages 13,818") and numbers inside names ("G8", "F-16") are skipped;
a bare number with nothing to compare it by is dropped.

Before that general reading, special readings: ages ("Ann Lee, 43,", "a 43-year-old",
"aged 43", "ages 6 and 16", "in his 60s"), scores and won-lost records ("an 88-72 loss",
"a 43-39 record", with their ``pair``), magnitudes ("a magnitude 6.1 quake"), heights
("5-foot-9") and "no one was hurt" (a count of nought). The general reading also knows
hyphen compounds ("a five-boat attack", "three-plus seasons", "four-time"), "N times",
"one" and "a single" only before what they count, the rarer number words ("a couple of",
"another dozen", "half a mile", "4 1/2"), and numbers whose noun is left out: after a harm
verb ("killing one": people), "took 23 into custody", "a father of two" (children),
"a level of .41", "two of them" / "the remaining three" (the noun of the nearest earlier
figure in this or the previous two sentences). Counts the words only imply ("a man was
shot and killed", "a double homicide") are figures with ``implicit=True``.

Each :class:`~newsdiff.records.Figure` carries its value, unit, kind, canonical value and
the interval ``[low, high]`` it allows in canonical units after its precision and bound
(see :mod:`newsdiff.analysis.numbers` for the precision rule), plus its sentence, the entity
mentions in that sentence (nearest first) and the attribution the sentence gives.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from newsdiff.corpus.articles import Article
from newsdiff.analysis.attribution import find_attribution
from newsdiff.lexicon.demonyms import country_key
from newsdiff.analysis.numbers import (
    TENS_WORDS,
    UNIT_WORDS,
    DIGITS_RE,
    HALF_SCAN,
    OTHER_WORDS_SCAN,
    SCALE_ABBREVIATIONS,
    TIMES_WORDS,
    TIMES_WORDS_SCAN,
    SCALE_WORDS,
    VAGUE_SCAN,
    WORDS_SCAN,
    WordScan,
    fraction_matches,
    fraction_value,
    other_word_value,
    parse_digits,
    parse_words,
    vague_amount,
)
from newsdiff.records import Figure, RawMention
from newsdiff.analysis.document import AnalysedArticle, analyse
from newsdiff.analysis.frames import NEIGHBOURS, neighbour_bounds, table_frame, with_frame
from newsdiff.analysis.units import (
    AGE_MEASURES,
    ATTACHED_MEASURES,
    CURRENCY_PREFIXES,
    MAGNITUDE,
    MAX_MEASURE_WORDS,
    MEASURES,
    RECORD,
    SCORE,
    TIMES_COUNT,
    TIMES_MULTIPLE,
    Measure,
    money,
    quantity,
    singular,
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
    #: "digits", "words", "vague", "one" (a bare "one" or "a single": read only before a
    #: counted noun or a measure), "half" ("half a mile"), "fraction" ("4 1/2"), "times"
    #: ("twice")
    written: str
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
    bound: str | None = None  # "three-plus seasons": at least; "20-odd years": about


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
_FORUM_LABEL = re.compile(
    r"\b(?:messages|posts|reaction score|likes|points|joined|views|replies|trophy points|"
    r"reputation|rating|score|karma|followers|following|threads)[ \t]*[:\-–]?[ \t]*"
    r"(?:\n[ \t]*[-–•*]?[ \t]*)?$",
    re.IGNORECASE,
)
#: Bound words that leave the number itself out: "more than 300" is above 300 and
#: "nearly 300" below it ("at least 300" and "up to 300" include it).
_OPEN_ABOVE = frozenset({"more than", "over", "upwards of", "in excess of"})
_OPEN_BELOW = frozenset({"nearly", "almost", "fewer than", "less than", "under"})
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
    "plus": "at_least", "odd": "approx",  # written after the number: "three-plus", "20-odd"
}
_MODAL_BEFORE = re.compile(  # (the look-ahead holds the words' first letters)
    r"\b(?=[cwmsptoiahu])(could|would|might|may|will|shall|should|plans? to|planned to|planning to|"
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
#: A comma, semicolon, colon, bracket, quote or dash, or a hyphen between spaces; matched
#: from one character class, so the engine skips to candidates in C.
_CLAUSE_BREAK = re.compile(r"[,;:()\"“”—–\s](?:(?<=\S)|(?<=\s)-\s)")
_INHERIT_BEFORE = re.compile(
    r"\b(?:another|a further|an additional|a second|the other|the remaining)[ \t]+$",
    re.IGNORECASE,
)

_OF = re.compile(r"[ \u00a0]+of(?=[ \u00a0])")
_INTENSIFIERS = frozenset("very so too really quite rather fairly pretty".split())
_PLAIN_ADJECTIVES = frozenset(
    """
    small big young old new large little long short tall poor rich sick weak strong brave
    bright dark hot cold wet dry safe free full empty local foreign black white red green
    blue brown fit ill key main major minor senior junior top low high
    """.split()
)
_ADJECTIVE_END = re.compile(r"(?:able|ible|ive|ous|al|ful|less|ic|ent|ant|ish|ary|ory|y)$")
_CHAIN_BEFORE = re.compile(r"\d[-–/.:][ \u00a0]?$")
_CHAIN_AFTER = re.compile(r"[-–/:]\d|\.\d")
_AND_A_HALF = re.compile(r"[ \u00a0]+and[ \u00a0]+a[ \u00a0]+half\b", re.IGNORECASE)
_AND_A_HALF_BEFORE = re.compile(
    r"(?:^|(?<=[^\w'’-]))(an?)[ \u00a0]+([a-z]+)[ \u00a0]+and[ \u00a0]+a[ \u00a0]+$", re.IGNORECASE
)
_HALF_ARTICLE = re.compile(r"[ \u00a0]+an?(?=[ \u00a0])", re.IGNORECASE)

# ---- ages: "43-year-old", "Ann Lee, 43,", "aged 43", "ages 6 and 16", "35 years old"
_AGE_AFTER = re.compile(
    r"(?:[-–‐ \u00a0](years?|yrs?|months?|weeks?)[-–‐ \u00a0]olds?|[ \u00a0](years?)[ \u00a0]+of[ \u00a0]+age)\b",
    re.IGNORECASE,
)
#: the first of two ages sharing "-year-old": "8- and 10-year-old", "8-and 10-year-old"
_AGE_PAIR_AFTER = re.compile(
    r"(?:[ \u00a0]?-[ \u00a0]?(?:(?:and|or|to|&)[ \u00a0]+)?|[ \u00a0]+(?:and|or|to|&)[ \u00a0]+)"
    r"(?:\d{1,3}|[a-z]+(?:-[a-z]+)?)[- \u00a0](years?|months?|weeks?)[- \u00a0]olds?\b",
    re.IGNORECASE,
)
_AGE_BEFORE = re.compile(r"\b(?:[Aa]ged|[Aa]ges|age|age[ \u00a0]+of)[ \u00a0]*$")
#: "died Thursday at 85", "passed away at 85": the age at death
#: "Lee, who is 43,", "she turned 60 in May": an age
_WHO_IS_BEFORE = re.compile(
    r"(?:\bwho[ \u00a0]+(?:is|was)|\b(?:turned|turns|turning|will[ \u00a0]+turn))[ \u00a0]+$",
    re.IGNORECASE,
)
_DIED_AT_BEFORE = re.compile(
    r"\b(?:died|dies|dead|passed[ \u00a0]+away)(?:[ \u00a0]+[A-Za-z,]+){0,3}[ \u00a0]+at[ \u00a0]+$",
    re.IGNORECASE,
)
#: "Felt was 91." / "He is 75, and ...": a person (a capitalised name or he / she) "was N"
#: closing a clause
_WAS_AGE_BEFORE = re.compile(r"(?:\b[A-Z][\w'’.-]*|\b[Hh]e|\b[Ss]he)[ \u00a0]+(?:was|is)[ \u00a0]+$")
_WAS_NOT_NAME = re.compile(
    r"\b(?:It|This|That|There|Which|What|Who|Score|Total|Number|Figure|Count|Toll|Rate)[ \u00a0]+(?:was|is)[ \u00a0]+$"
)
#: a later age of a list: "ages 6 and 16", "ages 47, 48 and 52"
_AGE_LIST_BEFORE = re.compile(
    r"\b(?:aged|ages?)[ \u00a0]+\d{1,3}(?:[ \u00a0]*,[ \u00a0]*\d{1,3}){0,5}"
    r"(?:[ \u00a0]*,|,?[ \u00a0]*(?:and|or|&|to)|[ \u00a0]*-)[ \u00a0]*$",
    re.IGNORECASE,
)
#: "Ann Lee, 43," / "Lee III, 43." / "Mr. Lee, 43\n": a name, a comma, the number, then a
#: clause break.
#: (any script's letters: "José Núñez, 45,"; the first must be a capital, checked in code)
_NAME_COMMA_BEFORE = re.compile(r"(?:^|(?<=[^\w'’.-]))([^\W\d_][\w'’.-]*)[ \u00a0]*,[ \u00a0]*$")
_NAME_COMMA_AFTER = re.compile(
    r"(?:[,;:)\]]|\.(?!\d)|[ \u00a0]*(?:\n|$)|[ \u00a0]+and[ \u00a0]+[A-Z])"
)
#: "the actress, 32,": a person noun, a comma, the number
_PERSON_COMMA_BEFORE = re.compile(r"\b([a-z]+)[ \u00a0]*,[ \u00a0]*$")
#: "in his 60s", "in her late 20s": an age by decade
_DECADE_AGE_BEFORE = re.compile(
    r"\b(?:in|into)[ \u00a0]+(?:his|her|their)[ \u00a0]+(?:(early|mid|late)[ \u00a0-]+)?$",
    re.IGNORECASE,
)
_PLACE_PREPOSITION = re.compile(
    r"\b(?:in|at|near|across|throughout|around|outside|inside)[ \u00a0]+"
    r"(?:[A-Z][A-Za-z'’.-]*[ \u00a0]+){0,3}$"
)
#: capitalised words that are not names: "However, 40," "On Monday, 12,"
_NOT_NAMES = frozenset(
    """
    however meanwhile today yesterday tonight overall instead still also now then here there
    altogether total police officials earlier later afterwards first second finally thus
    monday tuesday wednesday thursday friday saturday sunday jan feb mar apr jun jul aug sep
    sept oct nov dec january february march april may june july august september october
    november december no nos vol page chapter article section room rule step
    """.split()
)
MAX_AGE = 120
_DECADES = frozenset(float(n) for n in range(10, 120, 10))

# ---- scores and records: "an 88-72 loss", "a 43-39 record", "9-14 on the season"
_SCORE_NUMBER = re.compile(r"0|[1-9]\d{0,2}")
#: pairs that are idioms, not scores: "24-7 coverage", "a 50-50 chance", "a 9-5 job"
_PAIR_IDIOMS = frozenset({(24.0, 7.0), (50.0, 50.0), (9.0, 5.0), (7.0, 11.0), (9.0, 11.0)})
_RECORD_MODIFIERS = frozenset(
    "lifetime career overall all-time regular-season season home road away conference "
    "league division".split()
)
_SCORE_NOUNS = frozenset(
    """
    loss losses win wins victory victories defeat defeats setback triumph rout drubbing
    thrashing decision vote votes lead deficit margin split tie draw count score verdict
    shutout upset final
    """.split()
)
_RECORD_NOUNS = frozenset("record records mark start finish season campaign stretch run skid slide".split())
_RECORD_AFTER = re.compile(
    r"[ \u00a0]+(?:on[ \u00a0]+the[ \u00a0]+(?:season|year)|in[ \u00a0]+(?:their|its|his|her|the)[ \u00a0]+"
    r"(?:last|past|first|next|previous)\b|overall\b|(?:this|last)[ \u00a0]+season\b|at[ \u00a0]+home\b|"
    r"on[ \u00a0]+the[ \u00a0]+road\b|away\b|in[ \u00a0]+(?:the[ \u00a0]+)?(?:league|conference|division)\b)",
    re.IGNORECASE,
)
_RECORD_BEFORE = re.compile(
    r"(?:,[ \u00a0]+(?:just|only|now|still)|"  # "disappointed this season, just 9-14"
    r"\b(?:record|mark)[ \u00a0]+(?:of|at|to|was|is|stands[ \u00a0]+at|stood[ \u00a0]+at)|"
    r"\b(?:at|is|was|are|were|went|go|goes|going|finished|finish|finishing|stands[ \u00a0]+at|"
    r"stood[ \u00a0]+at|opened|started|improved[ \u00a0]+to|fell[ \u00a0]+to|dropped[ \u00a0]+to|"
    r"slipped[ \u00a0]+to|wound[ \u00a0]+up[ \u00a0]+at|sitting[ \u00a0]+at|slumping[ \u00a0]+at|"
    r"floundering[ \u00a0]+at|underachieving[ \u00a0]+at|sit[ \u00a0]+at|sits[ \u00a0]+at)"
    r"(?:[ \u00a0]+(?:just|only|now|still|a|an))?)[ \u00a0]+$",
    re.IGNORECASE,
)
_SCORE_BEFORE = re.compile(
    r"\b(?:(?:won|win|wins|winning|lost|lose|loses|losing|beat|beats|beating|defeated|defeats|"
    r"edged|edges|routed|routs|crushed|crushes|downed|downs|blanked|trailed|trailing|tied|drew|"
    r"fell|falls)(?:[ \u00a0]+[A-Za-z.'’]+){0,4}|led|leading|leads|voted|"
    r"(?:score|scores|scoreline|final|result|tally|count|vote)(?:[ \u00a0]+(?:score|tally))?"
    r"[ \u00a0]+(?:was|is|of|stood[ \u00a0]+at|ended))[ \u00a0]+(?:by[ \u00a0]+|at[ \u00a0]+)?$",
    re.IGNORECASE,
)

# ---- magnitudes: "a magnitude 6.1 quake", "6.1-magnitude", "magnitude-6.1"
_MAGNITUDE_BEFORE = re.compile(
    r"\bmagnitude(?:[- \u00a0]+|[ \u00a0]+of[ \u00a0]+)$|\b(?:earthquake|quake|tremor|temblor|"
    r"aftershock)s?[ \u00a0]+(?:measuring|registering|measured|of|with[ \u00a0]+a[ \u00a0]+magnitude"
    r"[ \u00a0]+of)[ \u00a0]+$",
    re.IGNORECASE,
)
_MAGNITUDE_AFTER = re.compile(
    r"(?:[- \u00a0]?magnitude\b|[ \u00a0]+on[ \u00a0]+the[ \u00a0]+Richter(?:[ \u00a0]+scale)?\b|"
    r"[- \u00a0]Richter\b)",
    re.IGNORECASE,
)
#: "a 6.1 quake": a decimal right before a quake word is its magnitude
_QUAKE_AFTER = re.compile(
    r"[- \u00a0]+(?:earthquake|quake|tremor|temblor|aftershock)s?\b", re.IGNORECASE
)
MAX_MAGNITUDE = 10.0
_MAGNITUDE_CUES = ("agnitude", "uake", "remor", "emblor", "ftershock")

# ---- heights: "5-foot-9", "6 feet 2 inches", "5 foot, 8 inch"
_HEIGHT_FEET = re.compile(r"(?:-|[ \u00a0])(?:foot|feet|ft)(?:-|,?[ \u00a0]+)", re.IGNORECASE)
_HEIGHT_INCHES = re.compile(r"(?:-|[ \u00a0])?(?:inch(?:es)?\b|in\b|\"|”)", re.IGNORECASE)
_FEET_INCHES_BEFORE = re.compile(r"\d[- \u00a0](?:foot|feet|ft)-$", re.IGNORECASE)

# ---- glued digits: "$12. 5MM" (text rebuilt with a space after the decimal point)
_SPACED_DECIMAL = re.compile(r"\.[ \u00a0](\d{1,3})(?![\d,])")
#: words glued to a number by a hyphen that are not names: "sisters-8", "magnitude-6.1"
_HYPHEN_WORD_BEFORE = re.compile(r"([A-Za-z]+)-$")
#: "Shooting Follow-Up-1 Dead, 2 Injured": a name is never followed by "dead"
_GLUED_TOLL_AFTER = re.compile(
    r"[ \u00a0]+(?:dead|killed|injured|wounded|hurt|missing)\b", re.IGNORECASE
)
_HYPHEN_PREFIXES = frozenset(
    "top under over mid pre post non anti sub ex no of vs by per from to the and or number "
    "num route level grade class size type category phase stage section chapter".split()
)

# ---- "N times", "N-time", hyphen compounds
_TIMES_AFTER = re.compile(r"[ \u00a0]+times\b")
_MULTIPLE_AFTER = re.compile(
    r"[ \u00a0]+(?:the|as|more|less|higher|greater|larger|bigger|faster|smaller|over|that|what)\b"
)
_TWICE_MULTIPLE = re.compile(
    r"[ \u00a0]+(?:the|as|that|what|a|an|his|her|their|its|our|my|your|more|less|over)\b"
)
_COMPOUND = re.compile(r"-([a-z]+)(?=[^\w-]|$|-[a-z])")
_COMPOUND_NOT_NOUNS = frozenset(
    """
    thirds third fourths quarters fifths sixths halves fold ish something odd way ways
    th st nd rd s and or to on off in up out of by for a an the o
    """.split()
)
#: "one-X" compounds that are idioms, not one of X: "one-time champion", "one-way street"
_ONE_IDIOMS = frozenset(
    """
    time times way man woman off on liner sided stop size piece hit shot eyed armed handed
    horse night act party note track dimensional
    """.split()
)
#: nouns after a bare "one" that make an idiom, not a count: "one thing", "on one hand"
_ONE_NOT_NOUNS = frozenset(
    """
    thing things way ways time times hand side sides point reason reasons another other
    more less kind sort type bit example instance part end question problem issue place
    area word look step option moment chance hell heck hundred thousand million billion
    percent per cent day night morning evening afternoon
    """.split()
)
_ONE_NOT_AFTER = re.compile(
    r"\b(?:no|any|every|each|which|the|this|that|only|such|some|someone|anyone|no-one|"
    r"another|little|big|loved|right|wrong|young|chosen|special|last|first|next|other|"
    r"whichever|not)[ \u00a0]+$",
    re.IGNORECASE,
)
_ONE_ANOTHER = re.compile(r"[ \u00a0]+another\b", re.IGNORECASE)
_SPEECH_AFTER = re.compile(
    r"[ \u00a0]+(?:said|says|told|tells|added|adds|noted|explained|asked|recalled|wrote|"
    r"tweeted|stated|insisted|claimed|commented|described|remembered|agreed|warned)\b"
)
_ONE_TIME_BEFORE = re.compile(
    r"\b(?:for|after|before|in|within|over|than|just|only|about|nearly|almost|least|of|into|"
    r"during|last|past|once|barely|mere|than)[ \u00a0]+$",
    re.IGNORECASE,
)
_ONE_TIME_AFTER = re.compile(r"[ \u00a0]+(?:later|earlier|ago|before|after|into|of)\b")
_SUPERLATIVE = frozenset(
    "most least best worst first last few only top many greatest biggest largest".split()
)
_EST_NOUNS = frozenset(
    """
    interest arrest protest request guest forest chest contest west rest test nest quest
    vest harvest conquest inquest priest unrest manifest suggest
    """.split()
)
_SINGLE_NOT_NOUNS = frozenset(
    """
    mother mothers father fathers parent parents mom mum dad family market currency file
    payer woman man women men person people digit digits figures bed room malt issue
    """.split()
)

# ---- "no one else was injured": a count of nought
_NO_ONE_BEFORE = re.compile(r"\b[Nn]o[ \u00a0]+$")
_NO_ONE_AFTER = re.compile(
    r"(?:[ \u00a0]+else)?[ \u00a0]+(?:was|were|got|has[ \u00a0]+been|had[ \u00a0]+been|"
    r"is|have[ \u00a0]+been)[ \u00a0]+(?:(?:seriously|critically|badly|fatally|also|"
    r"physically|reported)[ \u00a0]+)?(injured|hurt|killed|wounded|harmed|arrested|charged|"
    r"shot|hospitali[sz]ed|detained|kidnapped)\b",
    re.IGNORECASE,
)

# ---- numbers whose noun is left out, read from the words around them
#: "killing one", "wounds 2", "arrested 23": people
_HARM_BEFORE = re.compile(
    r"\b(?:kill(?:s|ed|ing)?|wound(?:s|ed|ing)?|injur(?:e|es|ed|ing)|hurt(?:s|ing)?|"
    r"shoot(?:s|ing)?|shot|stab(?:s|bed|bing)?|arrest(?:s|ed|ing)?|detain(?:s|ed|ing)?|"
    r"rescu(?:e|es|ed|ing)|evacuat(?:e|es|ed|ing)|captur(?:e|es|ed|ing)|kidnap(?:s|ped|ping)?|"
    r"abduct(?:s|ed|ing)?|execut(?:e|es|ed|ing)|hospitali[sz](?:e|es|ed|ing)|"
    r"murder(?:s|ed|ing)?|slay(?:s|ing)?|slain|slew)[ \u00a0]+$",
    re.IGNORECASE,
)
_ELIDED_END = re.compile(
    r"(?:[,.;:!?)\n]|[ \u00a0]*$|[ \u00a0]+(?:and|in|at|on|during|before|after|while|when|"
    r"including|inside|outside|near|with|as|but|since|from|to|overnight|earlier|later|"
    r"yesterday|today|last|this|that|before|because|amid|among|under|over)\b|[ \u00a0]+[-–—])"
)
_HARM_STEMS = frozenset("kil wou inj hur sho sta arr det res eva cap kid abd exe hos mur sla sle".split())
_LEVEL_LINKS = frozenset("was is of at reached hit measured registered".split())
_ELIDED_LAST = frozenset(
    """
    other remaining last first next final top latest surviving missing additional original
    past previous all another further extra second
    """.split()
)
_PREPOSITIONS = frozenset("for after over in with than about from".split())
_CUSTODY_AFTER = re.compile(r"[ \u00a0]+into[ \u00a0]+custody\b", re.IGNORECASE)
_CUSTODY_BEFORE = re.compile(r"\b(?:took|take|takes|taking|taken)[ \u00a0]+$", re.IGNORECASE)
#: "a father of two": children
_PARENT_BEFORE = re.compile(
    r"\b(?:father|mother|parent|dad|mom|mum|grandfather|grandmother|grandparent|grandma|"
    r"grandpa)s?[ \u00a0]+(?:of|to)[ \u00a0]+$",
    re.IGNORECASE,
)
#: "a blood-alcohol level of .41", "the rate was 5.1": the value of that noun
_LEVEL_BEFORE = re.compile(
    r"\b(level|rate|content|concentration|reading|average|ratio|index)(?:[ \u00a0]+(?:was|is|"
    r"of|at|stood[ \u00a0]+at|stands[ \u00a0]+at|reached|hit|measured|registered)|[ \u00a0]*:)"
    r"[ \u00a0]+$",
    re.IGNORECASE,
)
#: "leading the team in scoring (15.9)": a decimal in brackets after "in X" is X's value
_STAT_BEFORE = re.compile(r"(?:\b(?:in|of|and|or)|,)[ \u00a0]+([a-z]{3,})[ \u00a0]*\([ \u00a0]*$")
_STAT_AFTER = re.compile(r"[ \u00a0]*\)")
#: "the remaining three", "all four", "two of them": the noun of an earlier figure
_ELIDED_BEFORE = re.compile(
    r"\b(?:the[ \u00a0]+(?:other|remaining|last|first|next|final|top|latest|surviving|"
    r"missing|additional|original)|(?:their|its|his|her|our|the)[ \u00a0]+(?:last|first|next|"
    r"final|past|previous|other|remaining)|all|another|a[ \u00a0]+further|an[ \u00a0]+additional|"
    r"an[ \u00a0]+extra|a[ \u00a0]+second)[ \u00a0]+$",
    re.IGNORECASE,
)
_OF_THEM_AFTER = re.compile(
    r"[ \u00a0]+of[ \u00a0]+(?:them|those|these|us|whom|which|the[ \u00a0]+others)\b", re.IGNORECASE
)
#: "eight of their last 10 games": the noun after the second number
_OF_NUMBER_AFTER = re.compile(
    r"[ \u00a0]+of[ \u00a0]+(?:(?:the|their|its|his|her|our|those|these)[ \u00a0]+)?"
    r"(?:(?:last|next|first|final|past|previous|remaining|other)[ \u00a0]+)?",
    re.IGNORECASE,
)
#: "played 15 seasons ... and coached for seven,": a number closing a clause after a
#: preposition (:data:`_PREPOSITIONS`) takes the noun of an earlier figure of its sentence
_CLAUSE_END_AFTER = re.compile(r"(?:[,.;:!?)]|[ \u00a0]+(?:and|but)\b|[ \u00a0]*$)")
#: how far back (in sentences) an elided noun is looked for
ELISION_SENTENCES = 2

# ---- implicit counts: "a 16-year-old boy was shot and killed" = 1 killed


def _implicit_cues(text: str) -> tuple[bool, bool]:
    """Whether ``text`` can hold an implied count at all: ("was"/"been", "double"...)."""
    harm = "was " in text or "been " in text
    multiple = any(w in text for w in ("ouble", "riple", "uadruple", "OUBLE", "RIPLE"))
    return (harm, multiple) if harm or multiple else ()  # type: ignore[return-value]


_INHERITABLE_KINDS = frozenset({"count", "duration", "length"})
_PERSON_NOUNS = (
    r"man|woman|boy|girl|person|child|teen|teenager|baby|toddler|infant|student|officer|"
    r"deputy|policeman|policewoman|trooper|soldier|driver|pedestrian|motorist|passenger|"
    r"worker|employee|resident|victim|grandmother|grandfather|mother|father|son|daughter|"
    r"cyclist|bystander|guard|customer|tourist|pilot|journalist|reporter|photographer|"
    r"civilian|teacher|nurse|doctor|inmate|prisoner|suspect|gunman|hostage|shopkeeper|"
    r"security[ \u00a0]+guard|firefighter|farmer|fisherman|sailor|crew[ \u00a0]+member|"
    r"[a-z0-9]+-year-old"
)
_PERSON_WORDS = frozenset(
    w for w in _PERSON_NOUNS.replace("[ \u00a0]+", " ").split("|") if w.isalpha()
) | frozenset(
    """
    actor actress singer rapper musician star player coach pitcher quarterback striker
    wife husband widow brother sister friend neighbour neighbor lawyer attorney judge
    senator mayor governor president chief owner founder executive manager spokesman
    spokeswoman gunman killer shooter defendant survivor witness
    """.split()
)
_IMPLICIT_HARM = re.compile(
    r"\b(?:was|has[ \u00a0]+been|had[ \u00a0]+been)[ \u00a0]+(?:(?:fatally|critically|seriously|"
    r"badly|also|reportedly|allegedly)[ \u00a0]+)?(?:(?:shot|stabbed|struck|hit|beaten|attacked|"
    r"run[ \u00a0]+over)[ \u00a0]+and[ \u00a0]+)?(killed|shot[ \u00a0]+dead|shot[ \u00a0]+to[ \u00a0]+death|"
    r"stabbed[ \u00a0]+to[ \u00a0]+death|beaten[ \u00a0]+to[ \u00a0]+death|shot|stabbed|wounded|"
    r"injured|hurt|kidnapped|abducted)\b"
)
_IMPLICIT_SUBJECT = re.compile(
    rf"(?:^|(?<=[^\w'’-]))[Aa]n?[ \u00a0]+(?:[\w'’-]+[ \u00a0]+){{0,3}}(?:{_PERSON_NOUNS})[ \u00a0]+"
    r"(?:\w+[ \u00a0]+){0,2}$"
)
_IMPLICIT_NOT_ONE = re.compile(
    r"\b(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|another|further|"
    r"additional|other|[0-9]+(?:st|nd|rd|th))\b",
    re.IGNORECASE,
)
_MULTIPLE_VICTIMS = re.compile(
    r"\b(double|triple|quadruple)[ \u00a0-]+(homicides?|murders?|killings?|slayings?|fatalit(?:y|ies)|"
    r"shootings?|stabbings?)\b",
    re.IGNORECASE,
)
_MULTIPLES = {"double": 2, "triple": 3, "quadruple": 4}
_IMPLICIT_HARM_SCAN = WordScan(_IMPLICIT_HARM, ("was", "has", "had"))
_MULTIPLE_VICTIMS_SCAN = WordScan(_MULTIPLE_VICTIMS, tuple(_MULTIPLES))
_HARM_UNITS = {
    "killed": "killed", "homicide": "killed", "murder": "killed", "killing": "killed",
    "slaying": "killed", "fatality": "killed", "fatalitie": "killed", "shooting": "shot",
    "stabbing": "stabbed", "shot": "shot", "stabbed": "stabbed", "wounded": "wounded",
    "injured": "injured", "hurt": "injured", "kidnapped": "kidnapped", "abducted": "abducted",
}

_WORD = re.compile(
    r"[ \t\u00a0]+((?:[A-Za-z]\.){2,}|[a-z]*[A-Z][A-Za-z]*-\d+[A-Za-z]*|[A-Za-z](?:[A-Za-z'’]|-(?=[A-Za-z]))*)"
)
_MODEL_NAME = re.compile(r"[A-Za-z]+-\d")  # "AK-47", "F-16": a modifier, never the head
_MODEL_DIGITS = re.compile(r"[ \t]\d+[A-Za-z]*\b")
_MODEL_BEFORE = re.compile(r"\b(?![AI][ \t]$)[A-Z]{1,4}[ \t]$")  # "AK 47", not "A 15-year"
_MEASURE_WORD = re.compile(r"(?:[ \t\u00a0]+|[ \t\u00a0]*-[ \t\u00a0]*)([A-Za-z]+)")
_SUFFIX = re.compile(r"[A-Za-z]+|%")
_SCALE_AFTER = re.compile(
    r"[ \t\u00a0]+(million|billion|trillion|thousand|hundred|mn|mln|bn|crores?|lakhs?)\b", re.IGNORECASE
)
#: South Asian scales written after digits: "Rs 500 crore"
_SOUTH_ASIAN_SCALES = {"crore": 1e7, "crores": 1e7, "lakh": 1e5, "lakhs": 1e5}
#: "150-200", "150 to 200", and the suspended hyphen of "a 24- to 30-foot boat".
#: The widest range of number words: "five to six hundred" is 500-600, not 5-600, so
#: ends further apart than this are not read as one range.
_WORD_RANGE_SPAN = 10
#: How a range's ends may be written: digits or number words ("one to three years").
_RANGE_WRITTEN = frozenset({"digits", "words", "one"})
_RANGE_JOIN = re.compile(r"[ \t\u00a0]*(?:[-–][ \t\u00a0]*(?:to|or)\b|-|–|—|to)[ \t\u00a0]*(?:US\$|\$|£|€|¥)?")
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
    despite unlike including excluding amid amidst lifetime
    told tells knew ran fled gave kept brought thought found began became felt heard met
    paid spent spoke struck threw wrote drove hid caught sought wore
    overnight today tonight yesterday tomorrow meanwhile apiece
    """.split()
)
_LY_NOUNS = frozenset("family ally assembly supply rally anomaly monopoly fly belly bully".split())
_MODIFIERS = frozenset("more additional extra other new fresh further".split())
_DETERMINERS = frozenset("the their its his her our these those them this that a an some".split())
_NOMINAL = frozenset("dead killed wounded injured displaced missing detained arrested".split())
_NOT_UNITS = frozenset(
    "times time per cent th st nd rd o'clock am pm percent odd plus strong percentage pct".split()
)



# --------------------------------------------------------------------------- tokens


def _tokens(text: str, low: str | None = None) -> list[_Token]:
    """Every number in ``text``, in order, without overlaps (``low``: the text lowered)."""
    found: list[_Token] = []
    for m in DIGITS_RE.finditer(text):
        start = m.start(1)
        if start >= 2 and text[start - 1] == "-" and text[start - 2].isalpha():
            # "F-16", "Covid-19", "top-10", "number-10" are names or ranks; "magnitude-6.1",
            # "5-foot-9" and "sisters-8-and 10-year-old" (a lost space) are numbers
            w = _HYPHEN_WORD_BEFORE.search(text, max(0, start - 24), start)
            word = w.group(1) if w else ""
            if not (word.lower() in ("magnitude", "foot", "feet") or (
                word.islower() and len(word) >= 3 and word not in _HYPHEN_PREFIXES
                and (_AGE_AFTER.match(text, m.end(1)) or _AGE_PAIR_AFTER.match(text, m.end(1)))
            ) or _GLUED_TOLL_AFTER.match(text, m.end(1))):
                continue
        parsed = parse_digits(m.group(1))
        if not parsed:
            continue
        end = m.end(1)
        value, precision = parsed
        raw = m.group(1)
        if "," in raw and _FEET_INCHES_BEFORE.search(text, max(0, start - 12), start):
            # "5-foot-8,135 pounds" (a comma's space lost): 8 inches, then 135 pounds
            inches, _, rest = raw.partition(",")
            if len(inches) <= 2 and int(inches) <= 11 and rest.isdigit():
                found.append(_Token(start, start + len(inches), float(inches), 0.5, "digits"))
                found.append(_Token(start + len(inches) + 1, end, float(rest), 0.5, "digits"))
                continue
        sd = _SPACED_DECIMAL.match(text, end) if "." not in raw else None
        if sd:
            # "$12. 5MM": a decimal whose point lost its space, when a currency sign or a
            # glued unit or scale shows it is one number
            glued = _SUFFIX.match(text, sd.end())
            suffix = glued.group().lower() if glued else ""
            if _CURRENCY_BEFORE.search(_left(text, start, 6)) and suffix != "" or (
                suffix in SCALE_ABBREVIATIONS or suffix in ATTACHED_MEASURES or suffix == "%"
            ):
                decimals = sd.group(1)
                value = float(f"{raw.replace(',', '')}.{decimals}")
                precision = 0.5 * 10 ** -len(decimals)
                end = sd.end()
        found.append(_Token(start, end, value, precision, "digits"))
    if any(c.isalpha() for c in text):
        low = text.lower() if low is None else low
        for m in WORDS_SCAN.finditer(text, low):
            value = parse_words(m.group(1))
            if value is not None and value > 0:
                found.append(_Token(m.start(1), m.end(1), value, 0.0, "words"))
            elif m.group(1).lower() == "one":
                found.append(_Token(m.start(1), m.end(1), 1.0, 0.0, "one"))
        for m in VAGUE_SCAN.finditer(text, low):
            amount = vague_amount(m.group(1))
            if amount:
                lo, hi, typical = amount
                found.append(_Token(m.start(1), m.end(1), typical, 0.0, "vague", lo, hi))
        # the rarer number words ("a " opens most texts' sentences, their words few)
        others = any(w in low for w in ("couple", "pair", "dozen", "single", "half"))
        for m in OTHER_WORDS_SCAN.finditer(text, low) if others else ():
            value = other_word_value(m.group(1))
            if value is None:
                continue
            if m.group(1).lower().endswith("couple"):
                found.append(_Token(m.start(1), m.end(1), value, 0.0, "vague", 2.0, 3.0))
            else:
                written = "one" if value == 1 else "words"
                found.append(_Token(m.start(1), m.end(1), value, 0.0, written))
        for m in TIMES_WORDS_SCAN.finditer(text, low):
            value = TIMES_WORDS[m.group(1).lower()]
            found.append(_Token(m.start(1), m.end(1), value, 0.0, "times"))
        for m in HALF_SCAN.finditer(text, low):
            g = 1 if m.group(1) else 2
            found.append(_Token(m.start(g), m.end(g), 0.5, 0.0, "half"))
    if "/" in text or any(c in text for c in "½¼¾⅓⅔"):
        for m in fraction_matches(text):
            value = fraction_value(m)
            if value is not None and value > 0:
                found.append(_Token(m.start(), m.end(), value, 0.0, "fraction"))
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


_ADDRESS_BLOCK = re.compile(r"[ \u00a0]+block[ \u00a0]+of\b", re.IGNORECASE)


def _is_excluded(text: str, tok: _Token) -> bool:
    """Dates, years, clock times and forum counters: never counted figures."""
    before = _left(text, tok.start, 40)
    after = text[tok.end:tok.end + 24]
    if _MONTH_BEFORE.search(before) or _MONTH_AFTER.match(after):
        return True
    if tok.written == "digits":
        if _ADDRESS_BLOCK.match(after) and before.rstrip().lower().endswith("the"):
            return True  # "the 12000 block of East 223rd Street": an address
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
        # (both searches are bounded: only a line shorter than 200 characters matters)
        line_start = text.rfind("\n", max(0, tok.start - 200), tok.start) + 1
        if line_start == 0 and tok.start > 200:
            line_start = tok.start - 200
        line_end = text.find("\n", tok.end, tok.end + 200)
        line_end = min(len(text), tok.end + 200) if line_end < 0 else line_end
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
    """A measure word (or words) right after ``pos``: ``(measure, end, surface)``.

    The words of a measure are joined all by spaces ("square feet") or all by hyphens
    ("170,000-square-foot"), never a mix ("48-hour truce" is hours, not "hour truce").
    """
    words: list[tuple[str, int]] = []
    p = pos
    hyphenated = False
    for _ in range(MAX_MEASURE_WORDS):
        m = _MEASURE_WORD.match(text, p)
        if not m:
            break
        joined = "-" in text[p:m.start(1)]
        if words and joined != hyphenated:
            break
        hyphenated = joined
        words.append((m.group(1), m.end(1)))
        p = m.end(1)
    for n in range(len(words), 0, -1):
        surface = " ".join(w for w, _ in words[:n])
        measure = MEASURES.get(surface.lower())
        # a lone "m" after a space is too often "million" or an initial to read as metres
        if measure and not (surface in ("m", "M") and text.startswith(" ", pos)):
            return measure, words[n - 1][1], surface
    return None


def _is_adverb(word: str) -> bool:
    low = word.lower()
    return low in _INTENSIFIERS or (low.endswith("ly") and low not in _LY_NOUNS and word.islower())


def _counted_noun(text: str, pos: int) -> tuple[str, int, bool] | None:
    """The head noun of the noun phrase counted by a number ending at ``pos``.

    Skips modifiers ("elite", "advance", "Revolutionary Guard", "Iran's"), an adverb before
    an adjective ("two very young girls") and joined adjectives ("two impressionable and
    young girls"), and reads partitives ("150 of Iran's elite Quds Force").
    Returns ``(noun, end, capitalised)``.
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
        if low == "and" and head is not None and head[0].islower() and (
            _ADJECTIVE_END.search(head[0]) or head[0] in _PLAIN_ADJECTIVES
        ) and head[0] not in _NOMINAL:
            # "two impressionable and young girls": the noun comes after both adjectives
            head = None
            p = m.end()
            continue
        if head is None and _is_adverb(word):
            # "two very tired girls", "three recently hired staff"; not "two nearly killed"
            following = _WORD.match(text, m.end())
            nxt_low = following.group(1).lower() if following else ""
            participle = nxt_low in _NOMINAL or nxt_low.endswith(("ed", "ing"))
            if following and nxt_low not in _STOP and not _is_adverb(following.group(1)) \
                    and (low in _INTENSIFIERS or not participle):
                p = m.end()
                continue
            break
        if low in _STOP or (low.endswith("ly") and low not in _LY_NOUNS) or (
            low in UNIT_WORDS or low in TENS_WORDS
        ):  # a preposition, an adverb, or another number ("two of six") is never the noun
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
        if head is not None and head[0].islower() and word.islower() \
                and singular(head[0]) != head[0].lower() and singular(low) == low:
            break  # "six boats sank": a plural noun, then a word that is not one
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


def _compound_unit(text: str, pos: int, written: str, depth: int = 0) -> _Unit | None:
    """The unit of a hyphen compound after a number: "a five-boat attack" (boat),
    "three-plus seasons" (at least 3 seasons), "a 150-strong force", "four-time"."""
    cm = _COMPOUND.match(text, pos)
    if not cm:
        return None
    word = cm.group(1)
    if word in ("plus", "odd") and depth == 0:
        rest = _unit_after(text, cm.end(), None, written, depth + 1)
        if rest.unit is None:
            return _Unit(pos, None, "other")
        rest.bound = "at_least" if word == "plus" else "approx"
        return rest
    if word == "strong":
        noun = _counted_noun(text, cm.end())
        if noun:
            return _Unit(noun[1], noun[0], "count", None, noun[2])
        return _Unit(pos, None, "other")
    if word == "time":
        if written == "one":
            return _Unit(pos, None, "other")  # "a one-time champion": a former one
        return _Unit(cm.end(), "times", "count", TIMES_COUNT)
    if (
        word in _COMPOUND_NOT_NOUNS or word in _STOP or len(word) < 3
        or word.endswith(("th", "ths"))  # "one-sixth", "two-thirds": shares
        or (word.endswith(("ed", "ing")) and word not in _NOMINAL)
        or (written == "one" and word in _ONE_IDIOMS)
    ):
        return _Unit(pos, None, "other")
    return _Unit(cm.end(1), word, "count")


def _unit_after(
    text: str, pos: int, currency: str | None, written: str = "digits", depth: int = 0
) -> _Unit:
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
    if text.startswith("-", pos):
        compound = _compound_unit(text, pos, written, depth)
        if compound is not None:
            return compound
    if written in ("vague", "words"):
        # "a couple of hours", "millions of dollars"
        of = _OF.match(text, pos)
        if of:
            measured = _measure_after(text, of.end())
            if measured:
                measure, end, _surface = measured
                return _Unit(end, measure.unit, measure.kind, measure)
    times = _TIMES_AFTER.match(text, pos)
    if times:
        multiple = _MULTIPLE_AFTER.match(text, times.end())
        measure = TIMES_MULTIPLE if multiple else TIMES_COUNT
        return _Unit(times.end(), "times", measure.kind, measure)
    noun = _counted_noun(text, pos)
    if noun:
        return _Unit(noun[1], noun[0], "count", None, noun[2])
    measured = _adjective_measure(text, pos)
    if measured:
        measure, end = measured
        return _Unit(end, measure.unit, measure.kind, measure)
    return _Unit(pos, None, "other")


def _adjective_measure(text: str, pos: int) -> tuple[Measure, int] | None:
    """A measure after one or two adjectives: "three long years", "a single tumultuous
    season", "two more days"."""
    p = pos
    for n in range(3):
        m = _WORD.match(text, p)
        if not m:
            return None
        word = m.group(1)
        low = word.lower()
        if n and low in MEASURES and MEASURES[low].kind in ("duration", "length"):
            return MEASURES[low], m.end()
        if not word.islower() or low in _STOP or low in MEASURES or low in _NOMINAL:
            return None
        p = m.end()
    return None


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
    pair: tuple[float, float] | None = None
    #: the noun is left out ("the remaining three"): "near" takes it from an earlier figure
    #: of this or the previous sentences, "same" only from this sentence, "same-count" only
    #: a count's from this sentence
    elided: str | None = None


def _exact(
    tok: _Token, start: int, end: int, value: float, unit: _Unit, *,
    value_end: int | None = None, precision: float = 0.0, consumed: list[int] | None = None,
    pair: tuple[float, float] | None = None,
) -> _Read:
    return _Read(
        start=start, end=end, value_start=tok.start, value_end=value_end or tok.end,
        value=value, low=value - precision, high=value + precision, bound="exact", hedge=None,
        unit=unit, written=tok.written, consumed=consumed or [], pair=pair,
    )


def _scale_after(text: str, tok: _Token, next_tok: _Token | None) -> tuple[float, int]:
    """A scale right after a digit token: ``(multiplier, end)``; (1, tok.end) when none."""
    if tok.written == "vague":
        return 1.0, tok.end
    m = _SCALE_AFTER.match(text, tok.end)
    if m and not (next_tok and next_tok.start < m.end()):
        word = m.group(1).lower()
        return (
            SCALE_WORDS.get(word) or _SOUTH_ASIAN_SCALES.get(word) or SCALE_ABBREVIATIONS[word],
            m.end(),
        )
    return 1.0, tok.end


# --------------------------------------------------------------------------- special readings


def _is_name_age(text: str, tok: _Token) -> bool:
    """"Ann Lee, 43," / "Lee, 43." / "Lee III, 43\n": the number is that person's age."""
    raw = text[tok.start:tok.end]
    if tok.written != "digits" or not raw.isdigit() or raw.startswith("0") or len(raw) > 3:
        return False
    if not _NAME_COMMA_AFTER.match(text, tok.end) or "," not in text[max(0, tok.start - 3):tok.start]:
        return False
    left = _left(text, tok.start, 48)
    m = _NAME_COMMA_BEFORE.search(left)
    name = m.group(1) if m else ""
    if not (name[:1].isupper() and (any(c.islower() for c in name) or name.endswith(".")
                                    or name in ("II", "III", "IV"))):
        pm = _PERSON_COMMA_BEFORE.search(left)
        return bool(pm and pm.group(1) in _PERSON_WORDS)
    if name.rstrip(".").lower() in _NOT_NAMES or any(c.isdigit() for c in name):
        return False
    # "in Mosul, 40, ...": a place, not a person
    return not _PLACE_PREPOSITION.search(left, 0, m.start(1))


def _age_read(text: str, tokens: list[_Token], i: int) -> _Read | None:
    """An age: "43-year-old", "Ann Lee, 43,", "aged 43", "ages 6 and 16", "35 years old"."""
    tok = tokens[i]
    if tok.written not in ("digits", "words", "one") or not 0 < tok.value <= MAX_AGE:
        return None
    raw = text[tok.start:tok.end]
    if "," in raw:
        return None
    end = tok.end
    unit_word: str | None = None
    m = _AGE_AFTER.match(text, tok.end)
    if m:
        unit_word, end = m.group(1) or m.group(2), m.end()
    else:
        pm = _AGE_PAIR_AFTER.match(text, tok.end)
        if pm:
            unit_word = pm.group(1)
        elif tok.written == "one":
            return None
        elif ("ge" in _left(text, tok.start, 60) and (
            _AGE_BEFORE.search(_left(text, tok.start, 12))
            or _AGE_LIST_BEFORE.search(_left(text, tok.start, 60))
        )) or _is_name_age(text, tok) or (
            _WHO_IS_BEFORE.search(_left(text, tok.start, 16)) and not _measure_after(text, tok.end)
            and _counted_noun(text, tok.end) is None and tok.written == "digits"
        ) or (
            text[max(0, tok.start - 3):tok.start] in ("at ", "at\u00a0")
            and _NAME_COMMA_AFTER.match(text, tok.end)
            and _DIED_AT_BEFORE.search(_left(text, tok.start, 48))
        ) or (
            tok.written == "digits" and _NAME_COMMA_AFTER.match(text, tok.end)
            and _WAS_AGE_BEFORE.search(_left(text, tok.start, 40))
            and not _WAS_NOT_NAME.search(_left(text, tok.start, 40))
        ):
            unit_word = "years"
            measured = _measure_after(text, tok.end)  # "aged 6 months"
            if measured and measured[2].lower() in AGE_MEASURES:
                unit_word, end = measured[2], measured[1]
    if unit_word is None:
        return None
    measure = AGE_MEASURES[unit_word.lower()]
    return _exact(tok, tok.start, end, tok.value, _Unit(end, measure.unit, "age", measure))


def _score_read(text: str, tokens: list[_Token], i: int) -> _Read | bool | None:
    """A score or won-lost record written "88-72": None when the pair is something else."""
    tok = tokens[i]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is None or nxt.written != "digits" or nxt.start != tok.end + 1 or text[tok.end] not in "-–":
        return None
    raw_a, raw_b = text[tok.start:tok.end], text[nxt.start:nxt.end]
    if not (_SCORE_NUMBER.fullmatch(raw_a) and _SCORE_NUMBER.fullmatch(raw_b)):
        return None
    before = _left(text, tok.start, 48)
    if _CHAIN_BEFORE.search(before) or _CHAIN_AFTER.match(text, nxt.end):
        return None  # "555-0123-44", "1-2-3": not a pair
    if _AGE_AFTER.match(text, nxt.end) or _measure_after(text, nxt.end) or text.startswith("%", nxt.end):
        return None  # "8-10-year-olds", "5-10 km": a range
    a, b = tok.value, nxt.value
    if (a, b) in _PAIR_IDIOMS:
        return False
    w = _WORD.match(text, nxt.end)
    noun = w.group(1).lower().split("-")[0] if w else None
    if w and noun in _RECORD_MODIFIERS:  # "a 284-286 lifetime record", "a 9-3 home mark"
        w2 = _WORD.match(text, w.end())
        if w2:
            w, noun = w2, w2.group(1).lower().split("-")[0]
    bracketed = before.rstrip(" \u00a0").endswith("(") and _STAT_AFTER.match(text, nxt.end)
    scoreish = noun in _SCORE_NOUNS or bool(_SCORE_BEFORE.search(before))
    recordish = bool(
        noun in _RECORD_NOUNS or _RECORD_AFTER.match(text, nxt.end) or bracketed
        or (_RECORD_BEFORE.search(before) and not scoreish)
    )
    counted = noun is not None and noun not in _RECORD_NOUNS and noun not in _SCORE_NOUNS \
        and _counted_noun(text, nxt.end) is not None
    if a < b and (counted or not (recordish or scoreish)):
        return None  # "150-200 fighters": a range
    measure = RECORD if recordish else SCORE
    end = nxt.end
    if w and (noun in _RECORD_NOUNS or noun in _SCORE_NOUNS):
        end = w.start(1) + len(noun)
    return _exact(tok, tok.start, end, a, _Unit(end, measure.unit, "score", measure),
                  value_end=nxt.end, consumed=[i + 1], pair=(a, b))


def _magnitude_read(text: str, tok: _Token) -> _Read | None:
    """An earthquake's magnitude: "magnitude 6.1", "6.1-magnitude", "a quake measuring 6.1"."""
    if tok.written != "digits" or not 0 < tok.value <= MAX_MAGNITUDE:
        return None
    before = _left(text, tok.start, 48)
    mb = _MAGNITUDE_BEFORE.search(before) if any(w in before for w in _MAGNITUDE_CUES) else None
    ma = _MAGNITUDE_AFTER.match(text, tok.end)
    if not (mb or ma):
        if "." not in text[tok.start:tok.end] or not _QUAKE_AFTER.match(text, tok.end):
            return None
    start = tok.start
    if mb and mb.group().lower().startswith("magnitude"):
        start = tok.start - (len(before) - mb.start())
    end = ma.end() if ma else tok.end
    unit = _Unit(end, MAGNITUDE.unit, "magnitude", MAGNITUDE)
    return _exact(tok, start, end, tok.value, unit, precision=tok.precision)


def _height_read(text: str, tokens: list[_Token], i: int) -> _Read | None:
    """A height in feet and inches: "5-foot-9", "6 feet 2 inches", "5 foot, 8 inch"."""
    tok = tokens[i]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if tok.written != "digits" or nxt is None or nxt.written != "digits" or not 0 < tok.value <= 8:
        return None
    fm = _HEIGHT_FEET.match(text, tok.end)
    if not fm or nxt.start != fm.end() or not 0 <= nxt.value <= 11 or nxt.value != int(nxt.value):
        return None
    im = _HEIGHT_INCHES.match(text, nxt.end)
    if not im and not fm.group().endswith("-"):
        return None  # "5 feet, 8 people": no height
    end = im.end() if im else nxt.end
    feet = MEASURES["feet"]
    value = tok.value + nxt.value / 12
    return _exact(tok, tok.start, end, value, _Unit(end, feet.unit, "length", feet),
                  value_end=nxt.end, precision=0.5 / 12, consumed=[i + 1])


def _half_read(text: str, tok: _Token) -> _Read | bool | None:
    """"a mile and a half": 1.5 miles (the number is the article before the measure)."""
    m = _AND_A_HALF_BEFORE.search(_left(text, tok.start, 48))
    if not m:
        return None
    measure = MEASURES.get(m.group(2).lower())
    if measure is None:
        return False
    start = tok.start - len(_left(text, tok.start, 48)) + m.start(1)
    unit = _Unit(tok.end, measure.unit, measure.kind, measure)
    read = _exact(tok, start, tok.end, 1.5, unit, precision=0.0)
    read.value_start = start
    bm = _BOUND_BEFORE.search(_left(text, start, 30))
    if bm and _BOUNDS.get(bm.group(1).lower()) in ("approx", "at_least", "at_most"):
        word = bm.group(1).lower()
        read.start = start - (len(_left(text, start, 30)) - bm.start(1))
        read.bound = _BOUNDS[word]
        read.hedge = word if read.bound == "approx" else None
        if read.bound == "approx":
            read.low, read.high = 1.5 * (1 - APPROX_MARGIN), 1.5 * (1 + APPROX_MARGIN)
        elif read.bound == "at_least":
            read.high = math.inf
        else:
            read.low = 1.5 * NEARLY_FLOOR if word in ("nearly", "almost") else 0.0
    return read


def _special_read(text: str, tokens: list[_Token], i: int) -> _Read | bool | None:
    """The readings that come before the general one: ages, scores, magnitudes, heights,
    "no one was hurt". A read, False (not a figure), or None (read it the general way)."""
    tok = tokens[i]
    if tok.written == "one" and _NO_ONE_BEFORE.search(_left(text, tok.start, 4)):
        m = _NO_ONE_AFTER.match(text, tok.end)
        if not m:
            return False  # "no one knows"
        start = tok.start - len(_NO_ONE_BEFORE.search(_left(text, tok.start, 4)).group())
        unit = _Unit(tok.end, _HARM_UNITS.get(m.group(1).lower(), m.group(1).lower()), "count")
        return _exact(tok, start, tok.end, 0.0, unit)
    if tok.written == "half" and text[max(0, tok.start - 6):tok.start].lower().endswith("and a "):
        return _half_read(text, tok)
    if tok.written == "times":
        # "hosted it twice" (how often); "twice the limit", "twice as many" (a multiple)
        measure = TIMES_MULTIPLE if _TWICE_MULTIPLE.match(text, tok.end) else TIMES_COUNT
        return _exact(tok, tok.start, tok.end, tok.value, _Unit(tok.end, "times", measure.kind, measure))
    age = _age_read(text, tokens, i)
    if age is not None:
        return age
    if tok.written == "digits":
        score = _score_read(text, tokens, i)
        if score is not None:
            return score
        read = _magnitude_read(text, tok) or _height_read(text, tokens, i)
        if read is not None:
            return read
    return None


def _elided_unit(
    text: str, tokens: list[_Token], i: int, start: int, value_end: int
) -> tuple[_Unit | None, str | None]:
    """The unit of a number whose noun is left out, from the words around it:
    ``(unit, None)``, ``(None, "near" | "same")`` to take an earlier figure's, or (None, None).

    "killing one", "wounds 2" (people); "took 23 into custody" (people); "a father of two"
    (children); "a blood-alcohol level of .41" (level); "in scoring (15.9)" (scoring);
    "eight of their last 10 games" (games); "two of them", "the remaining three", "all four"
    (an earlier figure's noun); "... 15 seasons, and coached for seven," (this sentence's).
    """
    before = _left(text, start, 40)
    tok = tokens[i]
    of = _OF_NUMBER_AFTER.match(text, value_end)
    if of and i + 1 < len(tokens) and tokens[i + 1].start == of.end():
        nxt = tokens[i + 1]
        if nxt.written in ("digits", "words"):
            unit = _unit_after(text, nxt.end, None, nxt.written)
            if unit.unit is not None and unit.kind in ("count", "duration", "length", "money"):
                return _Unit(value_end, unit.unit, unit.kind, unit.measure, unit.head_capitalised), None
            return None, "same-count"
    if _OF_THEM_AFTER.match(text, value_end):
        return None, "near"
    # each pattern below ends with one word right before the number: that word, read once,
    # tells which patterns can match at all
    tail = before.rstrip(" \u00a0")
    last = tail[max(tail.rfind(" "), tail.rfind("\u00a0")) + 1:].lower()
    if last[:3] in _HARM_STEMS and _ELIDED_END.match(text, value_end) and _HARM_BEFORE.search(before):
        return _Unit(value_end, "people", "count"), None
    if _CUSTODY_AFTER.match(text, value_end) and _CUSTODY_BEFORE.search(before):
        return _Unit(value_end, "people", "count"), None
    if last in ("of", "to") and _PARENT_BEFORE.search(before):
        return _Unit(value_end, "children", "count"), None
    if tok.written == "digits" and (last in _LEVEL_LINKS or last.endswith(":")):
        lm = _LEVEL_BEFORE.search(before)
        if lm:
            measure = quantity(lm.group(1).lower())
            return _Unit(value_end, measure.unit, "other", measure), None
    if tail.endswith("(") and "." in text[tok.start:tok.end] and _STAT_AFTER.match(text, value_end):
        sm = _STAT_BEFORE.search(before)
        if sm:
            measure = quantity(sm.group(1))
            return _Unit(value_end, measure.unit, "other", measure), None
    if last in _ELIDED_LAST and _ELIDED_BEFORE.search(before):
        return None, "near"
    if last in _PREPOSITIONS and _CLAUSE_END_AFTER.match(text, value_end):
        return None, "same"
    return None, None


def _one_is_a_count(text: str, tok: _Token, value_end: int, unit: _Unit) -> bool:
    """A bare "one" (or "a single") is a figure only before what it counts: "one man",
    "one count of murder", "after just one season", "one of the victims" - not "one day he
    left", "one of the best", "one official said"."""
    left = _left(text, tok.start, 24)
    word = text[tok.start:tok.end].lower()
    if word == "one" and _ONE_NOT_AFTER.search(left) and not text.startswith("-", value_end):
        return False  # "the one man who", "no one"; but "another one-year extension"
    if unit.measure is not None:
        if unit.kind == "duration" and word == "one" and not text.startswith("-", value_end):
            return bool(_ONE_TIME_BEFORE.search(left) or _ONE_TIME_AFTER.match(text, unit.end))
        return True
    if unit.unit is None or unit.kind != "count":
        return False
    noun = unit.unit.lower()
    if text.startswith("-", value_end):
        return True  # the compound was checked by _compound_unit
    if unit.head_capitalised and not country_key(noun):
        return False  # "One Direction": a name
    if word == "single":
        return noun not in _SINGLE_NOT_NOUNS
    if noun in _ONE_NOT_NOUNS or _SPEECH_AFTER.match(text, unit.end) \
            or _ONE_ANOTHER.match(text, value_end):
        return False
    of = _OF.match(text, value_end)
    if of:
        # "one of the victims", never "one of the best players" or "one of the country's"
        between = text[of.end():unit.end].split()
        for w in between:
            low = w.lower()
            if low in _SUPERLATIVE or low.endswith(("'s", "’s")) or (
                low.endswith("est") and len(low) > 4 and low not in _EST_NOUNS
            ):
                return False
        return not unit.head_capitalised and (noun.endswith("s") or singular(noun) != noun)
    return True


def _read_number(
    text: str, tokens: list[_Token], i: int
) -> _Read | None:
    """Read the number ``tokens[i]`` with its context; None when it is not a figure."""
    tok = tokens[i]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if _is_excluded(text, tok):
        return None
    special = _special_read(text, tokens, i)
    if special is not None:
        return special or None
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
            if low_suffix == "s" and tok.value in _DECADES:
                dm = _DECADE_AGE_BEFORE.search(_left(text, tok.start, 30))
                if dm:  # "in his 60s" (60-69), "in her late 20s" (27-29)
                    part = (dm.group(1) or "").lower()
                    low_age, high_age = {"early": (0, 3), "mid": (3, 7), "late": (7, 9)}.get(part, (0, 9))
                    read = _exact(tok, tok.start, sm.end(), tok.value + (low_age + high_age) / 2,
                                  _Unit(sm.end(), "years", "age", AGE_MEASURES["years"]),
                                  value_end=sm.end())
                    read.low, read.high = tok.value + low_age, tok.value + high_age + 0.99
                    read.bound = "range"
                    return read
            if low_suffix in ("st", "nd", "rd", "th", "s", "am", "pm", "h"):
                return None  # ordinals, decades, clock times
            if low_suffix in SCALE_ABBREVIATIONS and (cm or low_suffix not in ("m", "mm")):
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
    if value_end == tok.end and tok.written in ("digits", "words"):
        mult, scale_end = _scale_after(text, tok, nxt)
        if mult != 1.0:
            value *= mult
            precision *= mult
            value_end = scale_end
        else:
            half = _AND_A_HALF.match(text, tok.end)  # "four and a half months"
            if half:
                value += 0.5
                precision = 0.0
                value_end = half.end()
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
    if nxt and tok.written in _RANGE_WRITTEN and nxt.written in _RANGE_WRITTEN and suffix_measure is None:
        join = (_RANGE_AND if bound_word == "between" else _RANGE_JOIN).match(text, value_end)
        if join and join.end() == nxt.start and (tok.written == nxt.written == "digits" or (
                # number words join by "to" or "between ... and" ("one to three years",
                # "between five and ten people"), never by a bare hyphen
                bound_word == "between" or "to" in join.group().lower())):
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
            if other > value and (tok.written == nxt.written == "digits" or other <= value * _WORD_RANGE_SPAN):
                is_range = True
                low_v, high_v = value, other
                high_precision = min(other_prec, other * MAX_RELATIVE_PRECISION)
                value = (low_v + high_v) / 2
                value_end = end2
                consumed.append(i + 1)
            elif "to" not in join.group() and bound_word != "between":
                # "2008-09": a season; "200-150 people": neither a range nor a score
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
    elif tok.written == "half":
        # "half a mile", "half an hour", "a half-liter": a measure or nothing
        article = _HALF_ARTICLE.match(text, value_end)
        measured = _measure_after(text, article.end() if article else value_end)
        if not measured:
            return None
        unit = _Unit(measured[1], measured[0].unit, measured[0].kind, measured[0])
    else:
        unit = _unit_after(text, value_end, currency, tok.written)
    if tok.written == "fraction" and unit.measure is None:
        return None  # "3/4 of the vote": a share, not a count
    if unit.measure is not None and unit.kind not in ("money", "percent"):
        half = _AND_A_HALF.match(text, unit.end)  # "one mile and a half"
        if half and value_end == tok.end:
            value += 0.5
            low_v = high_v = value
            unit.end = half.end()
    if tok.written == "one" and unit.unit is not None and not is_range \
            and not _one_is_a_count(text, tok, value_end, unit):
        return None
    elided: str | None = None
    if unit.unit is None and not _is_year(text, tok):
        found, elided = _elided_unit(text, tokens, i, start, value_end)
        if found is not None:
            unit = found
    if _is_year(text, tok) and not is_range and (unit.unit is None or unit.head_capitalised):
        return None
    if unit.unit is None and elided is None and tok.written != "digits":
        return None
    if tok.written == "one" and unit.measure is None:
        of_them = _OF_THEM_AFTER.match(text, value_end)
        if _ONE_NOT_AFTER.search(_left(text, tok.start, 24)) or _SPEECH_AFTER.match(
            text, of_them.end() if of_them else unit.end
        ):
            return None  # "not one of them", "another one", "one of them said"
    if tok.written in ("words", "one") and unit.unit is not None and unit.kind == "other" \
            and unit.measure is None:
        return None
    if unit.bound is not None and bound_word is None:
        bound_word = "plus" if unit.bound == "at_least" else "odd"

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
    # A bound word puts its threshold at the number as written: "more than 300" is above
    # 300 and "nearly 300" below it, however round 300 is, so the two cannot both hold.
    if bound == "at_least":
        low, high = min(low_v, value), math.inf
    elif bound == "at_most":
        low = value * NEARLY_FLOOR if bound_word in ("nearly", "almost") else 0.0
        high = max(high_v, value)
    elif bound == "approx" and tok.written != "vague":
        low = value * (1 - APPROX_MARGIN) - precision
        high = value * (1 + APPROX_MARGIN) + precision
    low = max(low, 0.0) if value >= 0 else low

    return _Read(
        start=start, end=max(unit.end, value_end), value_start=tok.start, value_end=value_end,
        value=value, low=low, high=high, bound=bound, hedge=hedge, unit=unit,
        written=tok.written, consumed=consumed, elided=elided,
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


#: The most figures read from one article. A long report states a few thousand (a 5 MB
#: book-length text of news prose about 16,000); beyond this the text is a table or a
#: list of numbers, not statements, and the rest of it is not read for figures (the
#: comparison says so), which keeps any input under the size limit within seconds.
MAX_FIGURES_PER_ARTICLE = 20_000
#: A "sentence" holding more figures than this is a table or a list of numbers, not a
#: statement: its figures are framed from their own words only (see
#: :func:`newsdiff.analysis.frames.table_frame`), not from the words around them.
TABLE_FIGURES = 100
#: Numbers (runs of digits) looked at in one article: a text past this many is read for
#: figures only up to the last of them (prose has far fewer numbers than five per figure).
MAX_NUMBERS_PER_ARTICLE = 5 * MAX_FIGURES_PER_ARTICLE
_DIGIT_RUN = re.compile(r"\d+")


def written_bound(figure: Figure) -> str | None:
    """The bound or approximation words written before ``figure``'s number, lower-cased
    ("more than", "nearly", "about"), or None."""
    if figure.bound == "exact":
        return None
    before = figure.text[: max(0, figure.value_start - figure.start)]
    words = " ".join(_CURRENCY_BEFORE.sub("", before).split()).lower()
    return words if words in _BOUNDS else None


def open_ends(figure: Figure) -> tuple[bool, bool]:
    """Whether ``figure``'s interval leaves out its low end and its high end: a bound
    written with a strict word ("more than 300": above 300; "nearly 300": below it)."""
    words = written_bound(figure)
    return (figure.bound == "at_least" and words in _OPEN_ABOVE,
            figure.bound == "at_most" and words in _OPEN_BELOW)


def reading_end(text: str) -> int:
    """Where figure reading stops in ``text``: its end, or just after the
    :data:`MAX_NUMBERS_PER_ARTICLE`-th run of digits."""
    if len(text) < 2 * MAX_NUMBERS_PER_ARTICLE - 1:
        return len(text)  # too short to hold that many runs (each a digit and a separator)
    last = next(itertools.islice(_DIGIT_RUN.finditer(text), MAX_NUMBERS_PER_ARTICLE - 1, None), None)
    return last.end() if last else len(text)


def figures_cut_at(text: str, figures: Sequence[Figure]) -> int | None:
    """The offset where figure reading stopped early in ``text`` (a table of numbers), or
    None when the whole text was read."""
    if len(figures) >= MAX_FIGURES_PER_ARTICLE:
        return figures[-1].end
    end = reading_end(text)
    return end if end < len(text) else None


#: how far back the clause of a figure is looked for (a bound, so a huge sentence with many
#: figures costs linear time)
CLAUSE_WINDOW = 240


def _hedge_and_modality(
    text: str, sentence: tuple[int, int], read: _Read,
    sentence_hedges: dict[tuple[int, int], str | None] | None = None, floor: int = 0,
) -> tuple[str | None, bool]:
    """Hedge ("reportedly", "could amount to") and whether the figure is hypothetical.

    The clause is read back no further than ``floor`` (see ``frames.NEIGHBOURS``)."""
    clause_start = max(sentence[0], read.start - CLAUSE_WINDOW, min(floor, read.start))
    before = text[clause_start:read.start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if breaks:
        clause_start = clause_start + breaks[-1].end()
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
        if sentence_hedges is not None and sentence in sentence_hedges:
            return sentence_hedges[sentence], hypothetical
        hm = _HEDGE_WORDS.search(text, sentence[0], sentence[1])
        hedge = hm.group(1).lower() if hm else None
        if sentence_hedges is not None:
            sentence_hedges[sentence] = hedge
    return hedge, hypothetical


def _implicit_figures(
    text: str, doc: AnalysedArticle, cues: tuple[bool, bool], low: str | None = None
) -> list[tuple[int, int, int, int, float, str]]:
    """Counts the words imply: "a 16-year-old boy was shot and killed" (1 killed), "a double
    homicide" (2 killed). ``(start, end, value_start, value_end, value, unit)`` each."""
    out: list[tuple[int, int, int, int, float, str]] = []
    harm, multiple = cues
    low = text.lower() if low is None else low
    for m in _IMPLICIT_HARM_SCAN.finditer(text, low) if harm else ():
        sentence = doc.sentence_at(m.start())
        lo = max(sentence[0], m.start() - 80)
        subject = _IMPLICIT_SUBJECT.search(text, lo, m.start())
        if not subject or _IMPLICIT_NOT_ONE.search(subject.group()):
            continue  # "a second deputy was shot": not the only one
        harm = m.group(1)
        first = harm.split()[0].lower()
        unit = "killed" if (" " in harm or first == "killed") else _HARM_UNITS.get(first, first)
        out.append((m.start(1), m.end(1), m.start(1), m.end(1), 1.0, unit))
    for m in _MULTIPLE_VICTIMS_SCAN.finditer(text, low) if multiple else ():
        noun = singular(m.group(2))
        unit = _HARM_UNITS.get(noun, "killed")
        out.append((m.start(), m.end(), m.start(1), m.end(1), float(_MULTIPLES[m.group(1).lower()]), unit))
    return out


def extract_figures(
    article: Article | AnalysedArticle, mentions: Sequence[RawMention] = ()
) -> list[Figure]:
    """Every figure ``article`` states, in text order. Never raises on any text.

    Give an :class:`~newsdiff.analysis.document.AnalysedArticle` (its sentences and
    mentions are used as found); a bare Article is analysed here with ``mentions``.
    """
    text = article.text
    read_to = reading_end(text)
    lowered = text.lower()  # once, for every word scan
    if len(lowered) != len(text):
        lowered = None  # offsets would not line up: each scan reads the text itself
    tokens = _tokens(text[:read_to], lowered and lowered[:read_to])  # a prefix keeps offsets
    cues = _implicit_cues(text)
    if not tokens and not cues:
        return []
    doc = article if isinstance(article, AnalysedArticle) else analyse(article, mentions)
    article = doc.article
    ordered = list(doc.mentions)
    mention_starts = [m.start for m in ordered]
    attributions: dict[tuple[int, int], str | None] = {}
    sentence_hedges: dict[tuple[int, int], str | None] = {}
    figures: list[Figure] = []
    consumed: set[int] = set()
    #: recent figures with a noun or measure an elided number can take: (sentence, unit)
    history: list[tuple[int, _Unit]] = []
    value_reach = -1  # no number inside a figure's value ("four and a half") is read again

    def attribution_of(sentence: tuple[int, int]) -> str | None:
        if sentence not in attributions:
            attributions[sentence] = find_attribution(text[sentence[0]:sentence[1]])
        return attributions[sentence]

    for i, tok in enumerate(tokens):
        if len(figures) >= MAX_FIGURES_PER_ARTICLE:
            break
        if i in consumed or tok.start < value_reach:
            continue
        floor = tokens[i - NEIGHBOURS].end if i >= NEIGHBOURS else 0
        read = _read_number(text, tokens, i)
        if read is None:
            continue
        consumed.update(read.consumed)
        sentence = doc.sentence_at(tok.start)
        if read.value_end > sentence[1] and sentence[1] > sentence[0]:
            # "$12. 5MM": the number runs over a sentence break; its sentence is both
            last = doc.sentence_at(read.value_end - 1)
            sentence = (sentence[0], max(last[1], read.value_end))
        index = doc.sentence_index(tok.start)
        if read.unit.unit is None:
            inherited = None
            if read.elided:
                # the nearest earlier figure with a noun: in this sentence ("same"), or in
                # this or the previous ELISION_SENTENCES ("near"); "same-count": a count
                reach = ELISION_SENTENCES if read.elided == "near" else 0
                if history and history[-1][0] >= index - reach:
                    prev_unit = history[-1][1]
                    if read.elided != "same-count" or prev_unit.kind == "count":
                        inherited = prev_unit
            if inherited is None and history and history[-1][0] == index \
                    and _INHERIT_BEFORE.search(_left(text, read.start, 24)):
                inherited = history[-1][1]  # "another 500": this sentence's last noun
            if inherited is not None:
                read.unit = _Unit(read.end, inherited.unit, inherited.kind, inherited.measure)
            elif _TOLL_BEFORE.search(text, max(sentence[0], read.start - 40), read.start):
                read.unit = _Unit(read.end, "dead", "count")
            else:
                continue  # a bare number ("9-14", "Article 5"): nothing to compare it by
        if ordered and _inside_name(ordered, mention_starts, read.value_start, read.value_end):
            continue
        value_reach = read.value_end
        # bracketed conversion: "110km (68 miles)", "£1m ($1.6m)"
        low, high = read.low, read.high
        measure = read.unit.measure
        factor = measure.factor if measure else 1.0
        low, high = low * factor, high * factor
        end = read.end
        j = max([i + 1] + [c + 1 for c in read.consumed])
        if measure is not None and read.pair is None:
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
        hedge, hypothetical = _hedge_and_modality(text, sentence, read, sentence_hedges, floor)
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
                attribution=attribution_of(sentence),
                sentence_start=sentence[0],
                sentence_end=sentence[1],
                entities=entities,
                value_start=read.value_start,
                value_end=read.value_end,
                pair=read.pair,
            )
        )
        if read.unit.unit is not None and kind in _INHERITABLE_KINDS:
            history.append((index, read.unit))

    implicit = _implicit_figures(text, doc, cues, lowered) if cues else []
    if implicit:
        taken = sorted((f.start, f.end) for f in figures)
        starts = [a for a, _ in taken]
        for start, end, vstart, vend, value, unit in implicit:
            k = bisect.bisect_right(starts, end)
            if any(a < end and start < b for a, b in taken[max(0, k - 3):k]):
                continue  # the words already carry a figure
            sentence = doc.sentence_at(vstart)
            if not (sentence[0] <= start and end <= sentence[1]):
                continue
            read = _Read(start, end, vstart, vend, value, value, value, "exact", None,
                         _Unit(end, unit, "count"), "implicit", [])
            hedge, hypothetical = _hedge_and_modality(text, sentence, read, sentence_hedges)
            figures.append(
                Figure(
                    article=article.id, start=start, end=end, text=text[start:end], value=value,
                    unit=unit, kind="count", canonical=value, canonical_unit="count", low=value,
                    high=value, hedge=hedge, hypothetical=hypothetical,
                    attribution=attribution_of(sentence), sentence_start=sentence[0],
                    sentence_end=sentence[1],
                    entities=_entities_near(ordered, mention_starts, sentence, (vstart, vend)),
                    value_start=vstart, value_end=vend, implicit=True,
                )
            )
        figures.sort(key=lambda f: (f.start, f.end))
    bounds = neighbour_bounds(figures, len(text))
    per_sentence = Counter(f.sentence_start for f in figures)
    return [
        table_frame(f) if per_sentence[f.sentence_start] > TABLE_FIGURES else with_frame(doc, f, b)
        for f, b in zip(figures, bounds)
    ]
