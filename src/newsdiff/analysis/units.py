"""Units a figure can be in: measures with their conversions, currencies, and counted nouns.

A *measure* (km, miles, percent, hours, dollars...) has a kind and a factor to its
canonical unit: km for lengths, days for durations, percent, and the currency itself for
money (no exchange rates: "£1m" stays GBP, "$1.6m" USD). A *counted noun* (troops,
battalions, people) is compared through :func:`unit_key`, which singularises it and maps
synonyms of one generic class (troops, forces, soldiers, fighters... are all "military
personnel") to one key.
"""

from __future__ import annotations

import functools

from dataclasses import dataclass


@dataclass(frozen=True)
class Measure:
    """A unit of measure: what it measures, how to show it, and how to convert it."""

    kind: str  # one of records.FIGURE_KINDS
    unit: str  # display name: "km", "miles", "percent", "USD", "hours"
    canonical_unit: str
    factor: float  # canonical = value * factor


def _m(kind: str, unit: str, canonical: str, factor: float) -> Measure:
    return Measure(kind, unit, canonical, factor)


_KM = _m("length", "km", "km", 1.0)
_MILES = _m("length", "miles", "km", 1.609344)
_METRES = _m("length", "m", "km", 0.001)
_FEET = _m("length", "feet", "km", 0.0003048)
_YARDS = _m("length", "yards", "km", 0.0009144)
_NMI = _m("length", "nautical miles", "km", 1.852)
_CM = _m("length", "cm", "km", 1e-5)
_PERCENT = _m("percent", "percent", "percent", 1.0)
_POINTS = _m("percent", "percentage points", "percentage points", 1.0)
_SECONDS = _m("duration", "seconds", "days", 1 / 86400)
_MINUTES = _m("duration", "minutes", "days", 1 / 1440)
_HOURS = _m("duration", "hours", "days", 1 / 24)
_DAYS = _m("duration", "days", "days", 1.0)
_WEEKS = _m("duration", "weeks", "days", 7.0)
_MONTHS = _m("duration", "months", "days", 30.4375)
_YEARS = _m("duration", "years", "days", 365.25)
_DECADES = _m("duration", "decades", "days", 3652.5)
_KG = _m("other", "kg", "kg", 1.0)
_TONNES = _m("other", "tonnes", "kg", 1000.0)
_POUNDS_WEIGHT = _m("other", "pounds", "kg", 0.45359237)
_MPH = _m("other", "mph", "km/h", 1.609344)
_KPH = _m("other", "km/h", "km/h", 1.0)
_SQKM = _m("other", "sq km", "sq km", 1.0)
_SQMI = _m("other", "sq miles", "sq km", 2.589988)
_HECTARES = _m("other", "hectares", "sq km", 0.01)
_ACRES = _m("other", "acres", "sq km", 0.00404686)
_SQFT = _m("other", "sq ft", "sq km", 9.290304e-8)
_SQM = _m("other", "sq m", "sq km", 1e-6)
_MM = _m("length", "mm", "km", 1e-6)
_INCHES = _m("length", "inches", "km", 2.54e-5)
_LITRES = _m("other", "litres", "litres", 1.0)
_ML = _m("other", "ml", "litres", 0.001)
_GALLONS = _m("other", "gallons", "litres", 3.785411784)
_SEASONS = _m("duration", "seasons", "days", 365.25)  # a season of sport (or of a series) is a year
_GAUGE = _m("other", "gauge", "gauge", 1.0)
_CALIBER = _m("other", "caliber", "caliber", 1.0)

#: Ages ("43-year-old", "Ann Lee, 43,", "aged 43"), canonical in years.
AGE_YEARS = _m("age", "years", "years", 1.0)
AGE_MEASURES: dict[str, Measure] = {
    "year": AGE_YEARS, "years": AGE_YEARS, "yr": AGE_YEARS, "yrs": AGE_YEARS,
    "month": _m("age", "months", "years", 1 / 12), "months": _m("age", "months", "years", 1 / 12),
    "week": _m("age", "weeks", "years", 7 / 365.25), "weeks": _m("age", "weeks", "years", 7 / 365.25),
}
#: A score ("an 88-72 loss") or a won-lost record ("a 43-39 record"): the first value.
SCORE = _m("score", "score", "score", 1.0)
RECORD = _m("score", "record", "record", 1.0)
#: An earthquake's magnitude ("a magnitude 6.1 quake", "6.1-magnitude").
MAGNITUDE = _m("magnitude", "magnitude", "magnitude", 1.0)
#: "hosted it three times" (how often) and "five times the legal limit" (a multiple).
TIMES_COUNT = _m("count", "times", "times", 1.0)
TIMES_MULTIPLE = _m("other", "times", "times", 1.0)


def quantity(unit: str) -> Measure:
    """A measure with no conversion, named by the noun it quantifies ("level", "scoring")."""
    return Measure("other", unit, unit, 1.0)


def money(code: str) -> Measure:
    """The money measure for an ISO currency code (canonical: the currency itself)."""
    return Measure("money", code, code, 1.0)


#: Measure words written after a number (lower-case; multi-word entries included).
MEASURES: dict[str, Measure] = {
    "km": _KM, "kms": _KM, "kilometre": _KM, "kilometres": _KM, "kilometer": _KM,
    "kilometers": _KM,
    "mile": _MILES, "miles": _MILES, "mi": _MILES,
    "m": _METRES, "metre": _METRES, "metres": _METRES, "meter": _METRES, "meters": _METRES,
    "ft": _FEET, "foot": _FEET, "feet": _FEET,
    "yard": _YARDS, "yards": _YARDS, "yd": _YARDS,
    "nautical miles": _NMI, "nautical mile": _NMI,
    "cm": _CM, "centimetres": _CM, "centimeters": _CM,
    "percent": _PERCENT, "per cent": _PERCENT, "%": _PERCENT, "pc": _PERCENT,
    "percentage points": _POINTS, "percentage point": _POINTS,
    "second": _SECONDS, "seconds": _SECONDS, "secs": _SECONDS,
    "minute": _MINUTES, "minutes": _MINUTES, "mins": _MINUTES,
    "hour": _HOURS, "hours": _HOURS, "hrs": _HOURS, "hr": _HOURS,
    "day": _DAYS, "days": _DAYS,
    "week": _WEEKS, "weeks": _WEEKS,
    "month": _MONTHS, "months": _MONTHS,
    "year": _YEARS, "years": _YEARS, "yrs": _YEARS,
    "decade": _DECADES, "decades": _DECADES,
    "kg": _KG, "kilograms": _KG, "kilogrammes": _KG, "kilos": _KG,
    "tonnes": _TONNES, "tonne": _TONNES, "tons": _TONNES, "ton": _TONNES,
    "lb": _POUNDS_WEIGHT, "lbs": _POUNDS_WEIGHT, "pounds": _POUNDS_WEIGHT,
    "square kilometres": _SQKM, "square kilometers": _SQKM, "sq km": _SQKM,
    "square miles": _SQMI, "sq miles": _SQMI,
    "hectares": _HECTARES, "acres": _ACRES,
    "square feet": _SQFT, "square foot": _SQFT, "sq ft": _SQFT, "sq feet": _SQFT,
    "square metres": _SQM, "square metre": _SQM, "square meters": _SQM, "square meter": _SQM,
    "sq m": _SQM,
    "square kilometre": _SQKM, "square kilometer": _SQKM, "square mile": _SQMI,
    "mm": _MM, "millimetres": _MM, "millimeters": _MM, "millimetre": _MM, "millimeter": _MM,
    "inch": _INCHES, "inches": _INCHES, "centimetre": _CM, "centimeter": _CM,
    "litre": _LITRES, "litres": _LITRES, "liter": _LITRES, "liters": _LITRES,
    "millilitres": _ML, "milliliters": _ML, "ml": _ML,
    "gallon": _GALLONS, "gallons": _GALLONS,
    "season": _SEASONS, "seasons": _SEASONS,
    "gauge": _GAUGE, "caliber": _CALIBER, "calibre": _CALIBER,
    "mph": _MPH, "kph": _KPH,
    "dollars": money("USD"), "dollar": money("USD"), "usd": money("USD"),
    "us dollars": money("USD"),
    "pounds sterling": money("GBP"), "gbp": money("GBP"), "sterling": money("GBP"),
    "euros": money("EUR"), "euro": money("EUR"), "eur": money("EUR"),
    "yen": money("JPY"), "jpy": money("JPY"), "yuan": money("CNY"), "rupees": money("INR"),
}
#: Measure words attached to the digits without a space ("110km", "85%", "48hrs").
ATTACHED_MEASURES = frozenset(
    {"km", "kms", "mi", "m", "ft", "cm", "mm", "kg", "pc", "hrs", "hr", "yrs", "mins", "secs",
     "%", "ml"}
)
#: Longest measure name in words, for the lookahead that reads multi-word measures.
MAX_MEASURE_WORDS = max(len(k.split()) for k in MEASURES)

#: Currency signs and codes written before the number.
CURRENCY_PREFIXES: dict[str, str] = {
    "us$": "USD", "$": "USD", "usd": "USD", "£": "GBP", "gbp": "GBP", "€": "EUR",
    "eur": "EUR", "¥": "JPY", "rs": "INR", "rs.": "INR",
}

# --------------------------------------------------------------------------- counted nouns

_IRREGULAR: dict[str, str] = {
    "people": "person", "men": "man", "women": "woman", "children": "child",
    "feet": "foot", "lives": "life", "wives": "wife", "police": "police",
    "personnel": "personnel", "staff": "staff", "militia": "militia", "series": "series",
    "species": "species", "news": "news", "data": "data", "mice": "mouse", "geese": "goose",
    "teeth": "tooth", "dead": "dead", "wounded": "wounded", "injured": "injured",
    "killed": "killed", "missing": "missing", "displaced": "displaced",
    "policemen": "policeman", "gunmen": "gunman", "servicemen": "serviceman",
    "militiamen": "militiaman", "guardsmen": "guardsman", "tribesmen": "tribesman",
    "fishermen": "fisherman", "chairmen": "chairman", "congressmen": "congressman",
}


@functools.lru_cache(maxsize=1 << 16)
def singular(word: str) -> str:
    """A plural English noun's singular, by rule ("cities" -> "city", "forces" -> "force").

    Cached: the comparison asks it for every word near every figure."""
    w = word.lower().strip(".'’")
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) <= 3:
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "shes", "ches", "xes", "zzes")):
        return w[:-2]
    if w.endswith(("ss", "us", "is", "ics")):
        return w
    if w.endswith("s"):
        return w[:-1]
    return w


#: Generic classes of counted nouns that name the same kind of thing.
UNIT_GROUPS: dict[str, frozenset[str]] = {
    "military personnel": frozenset(
        "troop force soldier fighter guard guardsman marine commando personnel "
        "paramilitary militiaman serviceman servicewoman servicemember reservist "
        "infantryman paratrooper sailor airman trooper combatant".split()
    ),
    "insurgents": frozenset(
        "militant insurgent rebel jihadist gunman extremist terrorist jihadi".split()
    ),
    "people": frozenset("person individual".split()),
    "deaths": frozenset("dead death fatality killed body".split()),
    "injured": frozenset("injured wounded injury".split()),
    "police": frozenset("police policeman officer policewoman".split()),
}
_GROUP_OF: dict[str, str] = {w: g for g, words in UNIT_GROUPS.items() for w in words}


def unit_key(unit: str | None) -> str | None:
    """The comparison key of a counted noun or measure: its synonym class or singular."""
    if not unit:
        return None
    low = unit.lower()
    if low in MEASURES:
        return MEASURES[low].canonical_unit
    s = singular(low.split()[-1])
    return _GROUP_OF.get(s, s)


def measure_for(word: str) -> Measure | None:
    """The measure a lower-case unit word names, if any."""
    return MEASURES.get(word.lower())
