"""The frame of a figure: what it counts, what happened to it, whose it is, when, where,
and its role in the quantity. Built from the figure's clause in the analysed article with
general rules of English news, never from words of particular texts.

- **thing**: the class of the counted or measured thing. Counted nouns fall into a small
  lexicon of classes (troops / soldiers / forces are ``troops``; people / civilians /
  victims / residents are ``people``); a nominal predicate ("12 dead", "the death toll")
  counts people. A length says what it measures ("10 km deep" is a ``depth``, "40 km from
  the town" a ``distance``); money names what it pays for ("a $120 million deal" is a
  ``deal``, "a $5,000 fine" a ``fine``).
- **predicate**: what happened to the thing, from a small lexicon of classes
  (killed / dead / died / death toll are ``killed``; injured / wounded / hurt are
  ``injured``; missing, arrested, evacuated, rescued, survived, sent, ...) read from the
  nominal unit, the verb right before the number ("killing 12 people") or after the noun
  ("12 people were killed"). A verb outside the lexicon is kept as a weak predicate,
  prefixed ``~`` ("~served"): equal weak predicates support an alignment, different ones
  only weaken it.
- **holder**: whose figure it is, the subject named before the number in its clause
  ("Smith scored 16 points": Smith; "the company paid $120 million": the company) or the
  person an age is given for ("Ann Lee, 43"; "43-year-old Ann Lee").
- **time**: a time scope other than the event's own: a year ("in 2009", "the 2009
  quake"), "last season", "two years ago", "career"; and **running** for counts still
  moving ("so far", "rose to", "has climbed to", "and rising").
- **place**: a scope of administrative extent ("in the province", "across the region",
  "nationwide").
- **role**: ``subset`` ("three of the rockets", "including five children", "of whom 12",
  the second number after "Of the 23 pirates arrested, 12 ..."), ``part`` (money "in
  cash", "in stock", "in bonuses"), ``other`` ("another 500", "three other rifles", "the
  remaining three"), else ``total``.

Every rule looks at a bounded window of the figure's own sentence: the work is linear in
the article.
"""

from __future__ import annotations

import re

from newsdiff.analysis.attribution import REPORTING_VERBS
from newsdiff.analysis.document import AnalysedArticle
from newsdiff.analysis.numbers import TENS_WORDS, UNIT_WORDS
from newsdiff.analysis.person_names import HONORIFICS
from newsdiff.analysis.units import singular
from newsdiff.lexicon.demonyms import country_key
from newsdiff.records import Figure, Frame

# --------------------------------------------------------------------------- lexicons


def _classes(table: dict[str, str]) -> dict[str, str]:
    return {w: cls for cls, words in table.items() for w in words.split()}


#: Counted nouns by class: figures of different classes never count one thing.
THING_CLASSES = _classes({
    "troops": "troop soldier force fighter guard guardsman marine commando personnel "
              "paramilitary militiaman serviceman servicewoman servicemember reservist "
              "infantryman paratrooper trooper combatant",
    "people": "people person individual civilian victim resident man woman "
              "adult villager citizen inhabitant worker employee co-worker coworker colleague "
              "staffer",
    "children": "child children kid son daughter boy girl baby infant toddler teenager teen "
                "grandchild grandchildren grandkid grandson granddaughter",
    "points": "point ppg scoring",
    "rebounds": "rebound rpg rebounding",
    "assists": "assist apg",
    "insurgents": "militant insurgent rebel jihadist gunman extremist terrorist jihadi",
    "suspects": "suspect pirate raider brigand hijacker kidnapper robber thief burglar "
                "assailant attacker perpetrator culprit accused defendant smuggler poacher",
    "police": "police policeman officer policewoman cop deputy agent",
    "passengers": "passenger traveller traveler",
    "crew": "crew crewman crewmember sailor seaman",
    "vehicles": "vehicle car truck lorry bus van",
    "boats": "boat ship vessel",
    "aircraft": "aircraft plane jet helicopter drone",
    "homes": "home house building apartment dwelling",
})
#: Heads that count members of what their modifier names ("crew members").
_RELATIONAL_HEADS = frozenset({"member", "personnel"})
#: A counted "noun" that is itself a predicate ("12 dead"): it counts people.
NOMINAL_PREDICATES = _classes({
    "killed": "dead killed death fatality fatalities casualty slain body",
    "injured": "injured wounded injury hurt",
    "missing": "missing",
    "survived": "survivor",
    "arrested": "arrested detainee detained prisoner captive hostage",
    "evacuated": "evacuee displaced refugee homeless",
})
#: Predicate words by class (inflected forms listed; lower case).
PREDICATE_CLASSES = _classes({
    "killed": "kill kills killed killing die dies died dying dead death deaths toll "
              "fatally slain slew murder murders murdered murdering perish perished "
              "perishing executed massacred",
    "injured": "injure injures injured injuring wound wounds wounded wounding hurt hurting "
               "injuries hospitalised hospitalized",
    "missing": "missing unaccounted disappeared",
    "arrested": "arrest arrests arrested arresting detain detains detained detaining "
                "capture captures captured capturing apprehend apprehended custody nab "
                "nabbed seized jailed confiscate confiscates confiscated confiscating impound "
                "impounded recover recovered recovering",
    "charged": "charge charges charged charging indict indicted convicted",
    "evacuated": "evacuate evacuates evacuated evacuating displaced displacing flee "
                 "flees fled fleeing",
    "rescued": "rescue rescues rescued rescuing saved",
    "survived": "survive survives survived surviving",
    "sent": "send sends sent sending deploy deploys deployed deploying dispatch "
            "dispatched dispatching mobilise mobilised mobilize mobilized mobilizing "
            "mobilising",
    "entered": "enter enters entered entering cross crosses crossed crossing arrive "
               "arrived arriving",
    "scored": "score scores scored scoring",
    "paid": "pay pays paid paying",
    "married": "married marry marries wed wedded",
    "shot": "shoot shoots shot shooting gunned",
    "weighed": "weigh weighs weighed weighing",
})
#: Common irregular verbs: base, past and -ing forms. A verb outside the lexicon right
#: before a number still governs it ("took 23", "spent 19 seasons", "they still hold 14"),
#: as a weak predicate, named by its past form ("holding" = "held").
_IRREGULAR = tuple(tuple(v.split()) for v in (
    "take took taking", "spend spent spending", "win won winning", "lose lost losing",
    "beat beat beating", "hit hit hitting", "strike struck striking", "give gave giving",
    "get got getting", "make made making", "put put putting", "run ran running",
    "set set setting", "tell told telling", "find found finding", "see saw seeing",
    "leave left leaving", "hold held holding", "bring brought bringing",
    "buy bought buying", "sell sold selling", "build built building", "draw drew drawing",
    "fight fought fighting", "keep kept keeping", "lead led leading", "pay paid paying",
    "meet met meeting", "catch caught catching", "throw threw throwing",
    "write wrote writing", "break broke breaking", "choose chose choosing",
    "drive drove driving", "fly flew flying", "grow grew growing", "ride rode riding",
    "rise rose rising", "sink sank sinking", "swim swam swimming", "tear tore tearing",
    "wear wore wearing", "say said saying", "send sent sending", "come came coming",
    "go went going",
))
#: Past forms read as weak predicates (motion and speech verbs excepted: "came 10 minutes
#: after", "went 3-0"; a report is never what happened).
_IRREGULAR_PAST = frozenset(past for _, past, _ in _IRREGULAR) - {"said", "sent", "came", "went"}
#: Words in -ing that are not a verb governing the number after them (prepositions,
#: nouns, quantity words: "during three days", "a building", "totalling 12").
_NOT_VERBS_ING = frozenset(
    "during including following according regarding concerning excluding notwithstanding "
    "morning evening building ceiling wedding meeting hearing funeral beginning ending "
    "totaling totalling numbering nothing something anything everything thing king "
    "remaining outstanding starting".split()
)
_AUXILIARIES = frozenset(
    "was were is are be been being has have had will would could may might also "
    "reportedly allegedly already still now then just only initially reported "
    "believed thought said feared confirmed known to as all".split()
)
#: Words between a verb and its number that do not stop the verb governing it.
_BRIDGE = frozenset(
    "a an the some about around nearly almost at least more than over up to as many "
    "much roughly approximately estimated an team group total contingent force unit "
    "of another further additional".split()
)
_LENGTH_THING = (
    (re.compile(r"^[\s-]*(?:deep|below (?:the )?(?:surface|ground|sea)|underground|beneath)\b"), "depth"),
    (re.compile(r"^[\s-]*(?:tall|high|in height|above)\b"), "height"),
    (re.compile(r"^[\s-]*(?:long|in length)\b"), "length"),
    (re.compile(r"^[\s-]*(?:wide|across|in width)\b"), "width"),
    (re.compile(
        r"^[\s-]*(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern|ward|wards)?\s+of|"
        r"from|away|off|outside|short of)\b"
    ), "distance"),
)
_DEPTH_BEFORE = re.compile(r"\b(?:depth|deep)\s+of\s+(?:about\s+|around\s+)?$")
_MONEY_THINGS = _classes({
    "deal": "deal contract offer agreement extension pact",
    "salary": "salary wage pay paycheck",
    "fine": "fine penalty penalties",
    "bail": "bail bond",
    "ransom": "ransom",
    "damages": "damages settlement compensation award lawsuit suit",
    "budget": "budget spending",
    "revenue": "revenue revenues sales turnover",
    "profit": "profit profits earnings income",
    "loss": "loss losses",
    "price": "price purchase acquisition takeover sale",
    "gross": "gross grossed box-office",
    "aid": "aid donation donations grant grants loan loans",
})
_PART_WORDS = frozenset(
    "cash stock stocks shares equity bonus bonuses incentives incentive options debt "
    "guarantees guaranteed upfront up-front".split()
)

# Patterns searched in an article's sentences (see ``AnalysedArticle.hits``) open with a word
# boundary and a look-ahead on the letters they can start with, so the regex engine gives up
# at most positions after one test.
_CLAUSE_BREAK = re.compile(r"[;:()\"“”—–]|\s-\s|,(?=\s+(?:and|but|while|who|which|whose|where|when)\b)")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
#: A year, 1800-2099 (group ``year``), or a span of years ("1999-2000", "2013/14"); a year
#: may end a clause or sentence ("in 2009," "in 1971."), not open a number ("2,009",
#: "2009.5"). Its first digit is matched first, so alone the engine skips to 1s and 2s in C.
_YEAR = re.compile(
    r"(?P<year>[12](?<![\w,.$£€][12])(?:(?<=1)[89]|(?<=2)0)\d\d)(?:[-–/](?:\d\d|\d{4}))?\b(?![\d%]|[,.]\d)"
)
_MONTH_SCOPE = (
    r"(?i:in|since|during|until|by|early|late|mid|mid-|last)\s+(?i:early\s+|late\s+|mid-?)?"
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)\b"
    r"(?!\s+\d)"  # "in June" is a scope; "on June 24" the event's own day, usually
)
_REL_TIME = (
    r"(?i:(?P<which>last|previous|prior|past|next|coming|upcoming|following)\s+"
    r"(?P<period>season|year|month|week|decade|summer|winter|spring|autumn|fall|term|campaign)s?\b)"
)
_AGO = r"(?P<ago>(?i:(?:years?|months?|decades?|weeks?)\s+(?:ago|earlier|before)\b))"
_CAREER = r"(?P<career>(?i:(?:career|all-time|lifetime|history)\b))"
#: The time scopes, in the order they are preferred, each a named group of one pattern, so
#: a sentence is scanned once for all of them. Each opens a word, with one of the letters
#: (or digits) of the look-ahead.
_TIME_SCOPES = ("year", "month", "which", "ago", "career")
#: the scope named by a word of its own, not by its match ("two years ago": "earlier")
_SCOPE_WORDS = {"ago": "earlier", "career": "career"}
_TIME_SCOPE = re.compile(
    r"\b(?=[12isdubelmpncufywahISDUBELMPNCUFYWAH])(?:"
    + "|".join(f"(?:{p})" for p in (_YEAR.pattern, _MONTH_SCOPE, _REL_TIME, _AGO, _CAREER))
    + ")"
)
_OFFSET_AFTER = re.compile(r"[\s-]*(?:ago|earlier|before|later|after|prior)\b", re.IGNORECASE)
#: A sentence-initial time adverbial applies to the whole sentence: "In 2009, ..."
_TIME_LEAD = re.compile(r"(?:In|During|Since|By|Last|Earlier|On)\b[^,]{0,40},")
_BRACKET_AFTER = re.compile(r"\(([^()]{1,40})\)")
_RUNNING = re.compile(
    r"\b(?:so far|to date|thus far|as of|up to now|rose|risen|rises|climbed|climbs|jumped|"
    r"increased|rising|climbing|mounting|has reached|had reached|reached|grew|grown)\b",
    re.IGNORECASE,
)
_PLACE_SCOPE = re.compile(
    r"\b(?=[iatnswcrIATNSWCR])(?:(?:in|across|throughout|around|all over)\s+(?:the\s+|this\s+|that\s+)?"
    r"(?:[A-Za-z]+\s+){0,2}?(province|region|state|country|county|district|area|nation|"
    r"world|city|capital|territory)\b|(nationwide|statewide|worldwide|countrywide|"
    r"citywide|region-wide))",
    re.IGNORECASE,
)
_SUBSET_AFTER = re.compile(
    r"^\s*(?:of\s+(?:them|these|those|whom|which|us|all|\d)|of\s+(?:the|its|their|his|her|our)"
    r"\s+(?!(?:[A-Z]))[a-z])",
)
_SUBSET_BEFORE = re.compile(
    r"\b(?:including|includes|included|among them|among whom|of whom|of which|of those|"
    r"of them)\s+(?:at least\s+|about\s+|some\s+)?$",
    re.IGNORECASE,
)
_OF_THE_LEAD = re.compile(
    r"^(?:Of|Out of|Among)\s+(?:the\s+)?(?:\d[\d,.]*|[a-z]+)\s+[^,]{1,60},", re.IGNORECASE
)
#: "Among the items seized were seven rifles, ...": an opening that lists, not a partitive.
_INVERTED_LEAD = re.compile(r"\s(?:were|was|are|is|included|includes)\s", re.IGNORECASE)
_OTHER_IN = re.compile(r"\b(?:other|additional|further|remaining)\b|\bmore\b(?!\s+than\b)", re.IGNORECASE)
_OTHER_BEFORE = re.compile(
    r"\b(?:another|an additional|a further|the other|the remaining|a second|an extra)\s+$",
    re.IGNORECASE,
)
_PART_AFTER = re.compile(r"^\s+(?:in|of)\s+([a-z-]+)(?:\s+([a-z-]+))?")
_COMPLEMENT_OF = re.compile(r"\b([A-Za-z]+)\s+of\s+$")
#: Nouns whose "of" introduces the counted number itself ("a total of 150 troops").
_QUANTITY_HEADS = frozenset(
    "total team group number force contingent unit crowd convoy delegation maximum minimum "
    "toll tally count estimate upwards excess out some all none each any one most many "
    "dozens hundreds thousands millions tens scores couple pair handful".split()
)
_PARTITIVE_BEFORE = re.compile(r"\bof\s+(?:the|these|those|its|their|his|her|our)\s+$", re.IGNORECASE)
_PARTITIVE_UNIT = re.compile(r"^\s+of\s+(?:the|them|these|those|its|their|his|her|our|all)\s+[a-z]")
_FEET_INCHES = re.compile(r"\d\s*[- ]?\s*(?:foot|feet|ft)\s*[- ]\s*\d", re.IGNORECASE)
_STEP_NOUNS = frozenset("building door house block street home apartment mile yard".split())
_AWAY_AFTER = re.compile(r"\s*(?:away\b|from\b|down\b|up\b)", re.IGNORECASE)
_PRONOUN_SUBJECT = re.compile(r"\s*(?:He|She|he|she)\b(?![’'])")
_HOLDER_BAD_KINDS = frozenset({"nationality"})
_PRONOUN_CONTRACTION = re.compile(r"(?i:he|she|it|they|we|you|i)['’](?:ll|s|d|re|ve|m)")
_REPORTING = re.compile(
    r"\b(?:said|says|say|told|tells|reported|reports|according to|announced|confirmed|"
    r"stated|added|estimated|claimed)\b",
    re.IGNORECASE,
)
#: Reporting verbs (attribution's, and their -ing forms): never what happened to a number.
_REPORTING_WORDS = frozenset(REPORTING_VERBS.split("|")) | frozenset(
    "tells saying telling reporting stating adding announcing claiming confirming noting "
    "quoting warning insisting".split()
)
_AGE_BEFORE_NAME = re.compile(r"^[-\s]*(?:years?|yrs?)[-\s]*old\b", re.IGNORECASE)

MAX_LOOK_WORDS = 6
#: How far either side of a figure its frame is read (characters of its sentence).
WINDOW_CHARS = 240
#: How much of a sentence's start is read for an opening adverbial ("In 2009, ...").
_OPENING_CHARS = 120
#: A holder is named at most this many words before the number.
HOLDER_MAX_WORDS = 8
_PREPOSITIONS = frozenset(
    "in at from to into near of on outside inside across for by with against toward "
    "towards via through over under behind beyond around suburban northern southern "
    "eastern western central downtown".split()
)
#: Kinds of figure that can be a running count ("the toll rose to 31", "so far $2m").
RUNNING_KINDS = frozenset({"count", "money", "percent"})
#: Kinds of figure that belong to someone (a count sent, points scored, a sum paid, an age,
#: a time served: "Lee served four years").
HOLDER_KINDS = frozenset({"count", "money", "score", "age", "percent", "duration", "other"})


# --------------------------------------------------------------------------- helpers


def _clause(sentence: str, start: int, end: int) -> tuple[int, int]:
    """Offsets (in ``sentence``) of the clause holding ``start:end``."""
    lo, hi = 0, len(sentence)
    for m in _CLAUSE_BREAK.finditer(sentence):
        if m.end() <= start:
            lo = m.end()
        elif m.start() >= end:
            hi = m.start()
            break
    return lo, hi


def _words_before(text: str, limit: int) -> list[str]:
    return _WORD.findall(text)[-limit:]


def _predicate_word(word: str) -> str | None:
    return PREDICATE_CLASSES.get(word.lower().strip("'’"))


def _weak_predicate(word: str) -> str | None:
    if not word[:1].islower():
        return None  # "United", "Red": a capitalised word is a name, not a verb
    low = word.lower()
    if low in _REPORTING_WORDS:
        return None  # "saying two boats were closing in": the report, not what happened
    if (low.endswith("ed") and len(low) > 4 and low not in _AUXILIARIES) or low in _IRREGULAR_PAST:
        return "~" + low
    if low.endswith("ing") and len(low) > 5 and low not in _NOT_VERBS_ING:
        return "~" + _past_of_ing(low)  # "was escorting five ships", "carrying 140 passengers"
    return None


#: Past forms of common irregular verbs, by their -ing form.
_IRREGULAR_ING = {ing: past for _, past, ing in _IRREGULAR}


#: Past forms of common irregular verbs, by their present forms ("hold", "holds").
_IRREGULAR_PRESENT = {form: past for base, past, _ in _IRREGULAR
                      for form in (base, base + ("es" if base.endswith(("s", "sh", "ch", "x", "o")) else "s"))}
#: Subject pronouns: the word after one (over adverbs) is its verb ("they still hold 14").
_SUBJECT_PRONOUNS = frozenset("they we he she it i you".split())
#: Adverbs that may stand between a subject and its verb.
_SUBJECT_ADVERBS = frozenset(
    "still also now already just only reportedly allegedly currently usually often "
    "typically together each both all".split()
)


def _present_verb(words: list[str], i: int) -> str | None:
    """The weak predicate of ``words[i]`` read as a present-tense verb, in its past form,
    when a subject pronoun stands before it over adverbs ("They still hold 14 ships" ->
    ~held; "she owns two shops" -> ~owned); else None. Without the pronoun a bare word
    may as well be a noun ("the hold", "a set of 12")."""
    low = words[i].lower()
    if not words[i][:1].islower() or len(low) < 3 or not low.isalpha() \
            or low in _AUXILIARIES or low in _BRIDGE or low in _REPORTING_WORDS:
        return None
    j = i - 1
    while j >= 0 and words[j].lower() in _SUBJECT_ADVERBS:
        j -= 1
    if j < 0 or words[j].lower() not in _SUBJECT_PRONOUNS:
        return None
    if low in _IRREGULAR_PRESENT:
        return "~" + _IRREGULAR_PRESENT[low]
    if low.endswith(("sses", "shes", "ches", "xes")):
        low = low[:-2]  # "catches", "fixes"
    elif low.endswith("ies") and len(low) > 4:
        low = low[:-3] + "y"  # "carries"
    elif low.endswith("s") and not low.endswith("ss"):
        low = low[:-1]  # "owns"
    if low.endswith("e"):
        return "~" + low + "d"  # "seize" -> seized
    if low.endswith("y") and low[-2:-1] not in ("a", "e", "i", "o", "u"):
        return "~" + low[:-1] + "ied"
    return "~" + low + "ed"


def _past_of_ing(word: str) -> str:
    """The past form of a verb's -ing form, so that "serving" and "served" are one weak
    predicate. The stem and "-ed" give it for regular verbs, a dropped "e" or a doubled
    consonant included ("serving" -> "served", "stopping" -> "stopped"); "carrying" ->
    "carried"; irregular verbs come from a table ("holding" -> "held")."""
    if word in _IRREGULAR_ING:
        return _IRREGULAR_ING[word]
    stem = word[:-3]
    if stem.endswith("y") and len(stem) > 2 and stem[-2] not in "aeiou":
        return stem[:-1] + "ied"
    return stem + "ed"


def thing_class(unit: str | None) -> tuple[str | None, str | None]:
    """``(thing, nominal predicate)`` for a counted noun: its class, or its singular."""
    if not unit:
        return None, None
    words = unit.lower().split()
    head = words[-1] if words else ""
    if head in NOMINAL_PREDICATES:
        return "people", NOMINAL_PREDICATES[head]
    sing = singular(head)
    if sing in NOMINAL_PREDICATES:
        return "people", NOMINAL_PREDICATES[sing]
    if head in ("men", "women"):
        return "people", None
    if sing.endswith("men") and sing[:-3] + "man" in THING_CLASSES:
        sing = sing[:-3] + "man"  # "crewmen", "policemen", "servicemen"
    if sing in _RELATIONAL_HEADS and len(words) >= 2:
        # "crew members", "staff members", "family members": the modifier says who
        return thing_class(" ".join(words[:-1]))
    if head == "children":
        return "children", None
    return THING_CLASSES.get(sing, sing), None


# --------------------------------------------------------------------------- parts


#: A separator between the items of a list: ", ", ", and ", " and ", " or ".
_LIST_SEP_END = re.compile(r"(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$")
_LIST_SEP_START = re.compile(r"^(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)")
_LIST_SEP = re.compile(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
#: Words that qualify a number before it ("about 300", "at least 17").
_APPROXIMATORS = (r"about|around|nearly|almost|some|over|roughly|approximately|at least|more than|"
                  r"up to|fewer than|less than")
#: The number words of :mod:`newsdiff.analysis.numbers`, and vague ones that open a list
#: item as a number does ("a grenade launcher", "several rockets").
_NUMBER_START = frozenset(UNIT_WORDS) | frozenset(TENS_WORDS) | frozenset(
    "dozen dozens hundred hundreds thousand thousands several".split())
_NUMBER_TOKEN = re.compile(
    rf"(?<![\w-])(?:(?:{_APPROXIMATORS})\s+)?"
    rf"(?:\d[\d,.]*|a|an|some|{'|'.join(sorted(_NUMBER_START, key=len, reverse=True))})(?![\w-])",
    re.IGNORECASE,
)
#: A number right before a position: the name after it is part of a counted noun phrase.
_NUMBER_END = re.compile(
    rf"(?<![\w-])(?:\d[\d,.]*|{'|'.join(sorted(_NUMBER_START - {'several'}, key=len, reverse=True))})\s+$",
    re.IGNORECASE,
)
_APPROXIMATOR_END = re.compile(rf"(?:\b(?:{_APPROXIMATORS})\s+)+$", re.IGNORECASE)
#: How far before a number its approximators, and a list separator before those, are
#: looked for: the two patterns above end at a point, and searched from further back they
#: would be tried at every character of a long clause.
_TAIL = 80


_APPROXIMATOR_LAST = frozenset(a.split()[-1] for a in _APPROXIMATORS.split("|"))
_SEPARATOR_LAST = frozenset({"and", "or"})


def _last_word(text: str, lo: int, end: int) -> str:
    """The run of letters that ends ``text[lo:end]`` before its trailing spaces, lowered
    ("" when none): a cheap test before a pattern that must end with a given word."""
    while end > lo and text[end - 1].isspace():
        end -= 1
    start = end
    while start > lo and text[start - 1].isalpha():
        start -= 1
    return text[start:end].lower()


def _item_start(sentence: str, lo: int, vstart: int) -> int:
    """Where the number at ``vstart`` starts with its approximators ("and about 300")."""
    start = max(lo, vstart - _TAIL)
    if _last_word(sentence, start, vstart) not in _APPROXIMATOR_LAST:
        return vstart
    m = _APPROXIMATOR_END.search(sentence, start, vstart)
    return m.start() if m else vstart


def _separator_before(sentence: str, lo: int, pos: int) -> re.Match[str] | None:
    """A list separator (", ", " and ", ", or ") ending at ``pos``."""
    start = max(lo, pos - _TAIL)
    if _last_word(sentence, start, pos) not in _SEPARATOR_LAST and not sentence[start:pos].rstrip().endswith(","):
        return None
    return _LIST_SEP_END.search(sentence, start, pos)

#: A list item is a short noun phrase: at most this many words.
LIST_ITEM_WORDS = 7
#: A list is followed for at most this many items either side of a figure.
LIST_ITEMS = 8


def _list_item_counts(segment: str) -> re.Match[str] | None:
    """The number opening a list item ("seven AK-47s", "a grenade launcher"), if the
    segment is a short noun phrase that starts with one."""
    if len(_WORD.findall(segment)) > LIST_ITEM_WORDS:
        return None
    return _NUMBER_TOKEN.match(segment.lstrip())


def _list_first(sentence: str, lo: int, vstart: int) -> int:
    """Where the first item of the list a figure is an item of starts: in "seized seven
    rifles, three machine guns and 13 magazines" the verb before "seven" governs every
    item. ``vstart`` when the figure opens no list or is its first item."""
    # "... and about 300 rounds": the item starts before its approximator
    pos = _item_start(sentence, lo, vstart)
    first = vstart
    for _ in range(LIST_ITEMS):
        sep = _separator_before(sentence, lo, pos)
        if not sep:
            break
        seps = [m.end() for m in _LIST_SEP.finditer(sentence, lo, sep.start())]
        seg_start = seps[-1] if seps else lo
        segment = sentence[seg_start:sep.start()]
        if _list_item_counts(segment) is None:
            # the first item: a verb, then its number, maybe approximated ("seized seven
            # rifles", "hold at least 14 ships and ...")
            head = next((m for m in _NUMBER_TOKEN.finditer(segment)
                         if (last := m.group(0).split()[-1])[:1].isdigit()
                         or last.lower() in _NUMBER_START), None)
            if head is not None and len(_WORD.findall(segment[head.start():])) <= LIST_ITEM_WORDS:
                first = seg_start + head.start()
            break
        first = pos = seg_start + len(segment) - len(segment.lstrip())  # an inner item
    return first


def _list_last(sentence: str, end: int, hi: int) -> int:
    """Where the list a figure is an item of ends: in "six rifles, 12 magazines and 300
    rounds were seized" the verb after the last item governs every item."""
    pos = end
    for _ in range(LIST_ITEMS):
        sep = _LIST_SEP_START.match(sentence[pos:hi])
        if not sep:
            break
        start = pos + sep.end()
        rest = sentence[start:hi]
        nxt = _LIST_SEP.search(rest)
        segment = rest[:nxt.start()] if nxt else rest
        if _NUMBER_TOKEN.match(segment) is None:
            break
        words = list(_WORD.finditer(segment))
        for i, w in enumerate(words[1:LIST_ITEM_WORDS + 1], 1):
            if _ends_item(w.group(0), words[i + 1].group(0) if i + 1 < len(words) else None):
                return start + w.start()  # the last item ends where its verb starts
        if len(words) > LIST_ITEM_WORDS:
            break
        pos = start + len(segment)
    return pos


def _ends_item(word: str, following: str | None) -> bool:
    """Whether ``word`` is the verb after a list's last item: an auxiliary ("were
    seized"), or a verb followed by a preposition, a determiner or nothing ("300 rounds
    seized by police"); a participle before a noun ("13 loaded magazines", "a
    rocket-propelled grenade launcher") describes the item."""
    low = word.lower()
    if low in _AUXILIARIES:
        return True
    if "-" in low or not (_predicate_word(low) or _weak_predicate(word)):
        return False
    return following is None or following.lower() in _PREPOSITIONS | _DETERMINERS


_DETERMINERS = frozenset("a an the this that these those his her its their our and".split())

def _predicate(sentence: str, lo: int, hi: int, vstart: int, end: int, nominal: str | None) -> tuple[str | None, str]:
    """The predicate class and the word it was read from: the nominal unit ("12 dead"),
    else a lexicon verb governing the number from before ("killing 12 people") or after
    ("12 people were killed"), else a weak predicate (a verb outside the lexicon). A
    figure that is an item of a list reads the verb before the list's first item or after
    its last ("seized seven rifles, three machine guns and 13 magazines")."""
    complement = _COMPLEMENT_OF.search(sentence[max(lo, vstart - 30):vstart])
    if complement and complement.group(1).lower() not in _QUANTITY_HEADS:
        # "a mother of two died", "mother of 2 dead": the number completes a noun and
        # the verb or adjective after it tells of that noun
        nominal = None
        hi = end
    if nominal:
        return nominal, "unit"
    weak, cue, stopped = _predicate_before(sentence, lo, vstart)
    stopped = stopped or bool(_separator_before(sentence, lo, _item_start(sentence, lo, vstart)))
    if weak and not weak.startswith("~"):
        return weak, cue
    if weak is None and stopped:
        first = _list_first(sentence, lo, vstart)
        if first < vstart:
            weak, cue, _ = _predicate_before(sentence, lo, first)
            if weak and not weak.startswith("~"):
                return weak, cue
    if _PARTITIVE_BEFORE.search(sentence[max(lo, vstart - 30):vstart]):
        return weak, cue  # "two of the three victims died": the verb tells of the two
    tail = sentence[_list_last(sentence, end, hi):hi]
    comma = tail.find(",")
    if comma >= 0:
        tail = tail[:comma]  # a participle after a comma tells of the subject, not this noun
    words = _WORD.findall(tail)[:MAX_LOOK_WORDS]
    of_skipped = skip = False
    for n, w in enumerate(words):
        if skip:
            skip = False
            continue
        cls = _predicate_word(w)
        if cls:
            if n + 2 < len(words) \
                    and words[n + 1].lower() == "and" and _predicate_word(words[n + 2]):
                return _predicate_word(words[n + 2]), words[n + 2]  # "shot and killed"
            return cls, w
        low = w.lower()
        if low in _AUXILIARIES or low in ("not", "never", "who", "that", "which"):
            continue
        if low == "of" and n + 2 < len(words) and not of_skipped:
            of_skipped = skip = True  # "300 rounds of ammunition were seized"
            continue
        if weak is None:
            weak = _weak_predicate(w)
            cue = w if weak else ""
            if weak and n + 2 < len(words) and words[n + 1].lower() == "and":
                second = _predicate_word(words[n + 2])
                if second:
                    return second, words[n + 2]  # "were found and confiscated"
        break
    return weak, cue


def _clause_predicate(before: str) -> tuple[str | None, str]:
    """The lexicon verb nearest before a distance anywhere in its clause: a distance says
    where the clause's event happened ("was arrested by a SWAT team, three houses from the
    scene"; "killed in a blast 5 km from the border")."""
    for w in reversed(_WORD.findall(before)):
        cls = _predicate_word(w)
        if cls:
            return cls, w
    return None, ""


def _predicate_before(sentence: str, lo: int, vstart: int) -> tuple[str | None, str, bool]:
    """The verb right before a number, over bridge words: ``(class or ~weak, word,
    stopped at a list separator)``."""
    before = sentence[lo:vstart]
    words = _words_before(before, MAX_LOOK_WORDS + 3)  # the last few, with a subject's room
    for i in range(len(words) - 1, max(-1, len(words) - 1 - MAX_LOOK_WORDS), -1):
        w = words[i]
        cls = _predicate_word(w)
        if cls:
            return cls, w, False  # the verb nearest the number: "shot and killed one man" -> killed
        low = w.lower()
        if low in _BRIDGE or low in _AUXILIARIES:
            continue
        weak = _weak_predicate(w) or _present_verb(words, i)
        if weak:
            return weak, w, False
        break
    return None, "", bool(_LIST_SEP_END.search(before.rstrip(" ") + (" " if before.endswith(" ") else "")))


def _holder(doc: AnalysedArticle, s0: int, lo: int, vstart: int, vend: int, kind: str) -> str | None:
    """Surface of the holder mention: before the number in its clause, or for an age the
    name right before ", 43" or right after "43-year-old"."""
    text = doc.text
    if kind == "age":
        after = text[vend:vend + 40]
        if _AGE_BEFORE_NAME.match(after):
            for m in doc.mentions_between(vend + 1, vend + 41):
                if m.kind not in _HOLDER_BAD_KINDS and m.kind != "place":  # "a 61-year-old Vancouver man"
                    gap = text[vend:m.start]
                    if len(_WORD.findall(gap)) <= 5 and not re.search(r"[,.;]", gap):
                        return m.text
        best = None
        for m in doc.mentions_between(max(0, vstart - 80), vstart):
            if m.end <= vstart and vstart - m.end <= 12 and m.kind not in _HOLDER_BAD_KINDS:
                if re.fullmatch(r",\s*(?:aged?\s+)?|\s+(?:is|was|aged)\s+", text[m.end:vstart]):
                    best = m.text
        return best
    if kind not in HOLDER_KINDS:
        return None
    clause_start = s0 + lo
    spoken = list(_REPORTING.finditer(text, clause_start, vstart))
    if spoken:
        clause_start = spoken[-1].end()
    for m in reversed(doc.mentions_between(clause_start, vstart)):  # nearest first
        if m.end > vstart or m.kind in _HOLDER_BAD_KINDS or m.kind == "outlet" \
                or _PRONOUN_CONTRACTION.fullmatch(m.text):
            continue  # "He'll earn 5 percent": a pronoun, not a name
        if _NUMBER_END.search(text, max(clause_start, m.start - 16), m.start):
            continue  # "seven AK-47 rifles", "12 Somali pirates": a name in a counted noun phrase
        if kind == "duration" and not _is_person(doc, m):
            continue  # a time served or spent is a person's: "joined the Blazers after serving seven seasons"
        if len(_WORD.findall(text[m.end:vstart])) > HOLDER_MAX_WORDS:
            break
        lead = _WORD.findall(text[max(clause_start, m.start - 40):m.start])[-3:]
        if any(w.lower() in _PREPOSITIONS for w in lead):
            continue  # "in suburban Detroit", "by a sheriff's SWAT team": an object, not the subject
        return m.text
    return None


_PERSON_NAMES = "frames.person_names"
#: How many sentences in a row opening with "he" / "she" carry one subject back.
ANTECEDENT_CHAIN = 4
#: A title before a name (the resolver's own list, as written: "Mr.", "Gen.", "Judge").
_TITLES = "(?:" + "|".join(sorted((t.capitalize() for t in HONORIFICS), key=len, reverse=True)) + ")"
_TITLE = re.compile(rf"^{_TITLES}\.?\s+")
_TITLE_BEFORE = re.compile(rf"\b{_TITLES}\.?\s+$")


def _is_person(doc: AnalysedArticle, mention) -> bool:
    """Whether a mention names a person: typed so, after a personal title ("Mr. Okoro"),
    or the surname of a person the article names in full ("LaRue" after "Fred LaRue")."""
    if mention.kind == "person" or _TITLE_BEFORE.search(doc.text, max(0, mention.start - 6), mention.start):
        return True
    names = doc.cache.get(_PERSON_NAMES)
    if names is None:
        names = doc.cache[_PERSON_NAMES] = frozenset(
            m.text.split()[-1] for m in doc.mentions if m.kind == "person" and " " in m.text)
    bare = _TITLE.sub("", mention.text)
    return " " not in bare and bare in names


def _antecedent(doc: AnalysedArticle, sentence_start: int) -> str | None:
    """The person a sentence-initial "he" / "she" stands for: the subject of the sentence
    before when it is a person ("Mr. Lee was known as ... He served"), else the last person
    named in the two sentences before, when there is exactly one person named there."""
    i = doc.sentence_index(sentence_start)
    for back in range(1, ANTECEDENT_CHAIN + 1):  # "He pleaded guilty ... He served 136 days."
        if i - back < 0 or not doc.sentences:
            break
        p0 = doc.sentences[i - back][0]
        subject = next(iter(doc.mentions_between(p0, p0 + 40)), None)
        if subject is not None and _is_person(doc, subject) \
                and not _TITLE.sub("", doc.text[p0:subject.start].lstrip(" \"'“‘")):
            return subject.text
        if not _PRONOUN_SUBJECT.match(doc.text[p0:p0 + 8]):
            break  # the chain of sentences opening with "he" ends here
    lo = doc.sentences[max(0, i - 2)][0] if doc.sentences else 0
    people = {m.text for m in doc.mentions_between(lo, sentence_start) if _is_person(doc, m)}
    if len(people) == 1:
        return next(iter(people))
    return None


def _demonym_holder(unit_phrase: str) -> str | None:
    """A nationality modifying the counted noun, as its holder ("Iranian troops")."""
    words = _WORD.findall(unit_phrase)
    for w in words[:-1]:  # the last word is the noun itself ("12 Somalis" are counted)
        if w[0].isupper() and country_key(w):
            return w
    return None


def _time(
    doc: AnalysedArticle, s0: int, sentence: str, lo: int, hi: int, own: tuple[int, int],
    opening: tuple[int, str],
) -> str | None:
    """A time scope in the clause, outside the figure's own words ``own`` ("two weeks
    ago" is the figure, not a scope). ``sentence`` is ``doc.text[s0:...]``; patterns are
    looked up in the article's hits, so the cost per figure does not grow with its window.
    ``opening`` is where the sentence (or its window) starts, and its first words."""
    a, b = own
    offset = _OFFSET_AFTER.match(sentence, b)
    if offset:
        b = offset.end()  # "two weeks ago", "three years earlier": the figure's own words
    # the places read, in order: a sentence-initial adverbial, the clause before and after
    # the figure's own words, a bracket just after it ("(in 2009)")
    spans: list[tuple[int, int]] = []
    lead = _TIME_LEAD.match(opening[1])
    if lead and opening[0] + lead.end() <= s0 + lo:
        spans.append((opening[0] - s0, opening[0] - s0 + lead.end()))
    spans += [(lo, max(lo, a)), (max(b, lo), hi)]
    bracket = _BRACKET_AFTER.search(sentence, own[1], min(len(sentence), own[1] + 60))
    if bracket:
        spans.append(bracket.span(1))
    spans = [(s0 + x, s0 + y) for x, y in spans if y > x]

    hits = doc.hits(_TIME_SCOPE)
    found = [m for x, y in spans for m in hits.within(x, y)]  # in the order read
    for scope in _TIME_SCOPES:  # the preferred kind first, wherever it stands
        for m in found:
            if m.group(scope) is None:
                continue
            if scope == "which":
                return f"{m.group('which').lower()} {m.group('period').lower()}"
            return _SCOPE_WORDS.get(scope) or m.group(scope).lower()
    return None


def _place(doc: AnalysedArticle, s0: int, lo: int, hi: int) -> str | None:
    m = doc.hits(_PLACE_SCOPE).first(s0 + lo, s0 + hi)
    if not m:
        return None
    word = (m.group(1) or m.group(2)).lower()
    return {"statewide": "state", "nationwide": "nation", "countrywide": "nation",
            "worldwide": "world", "citywide": "city", "region-wide": "region",
            "country": "nation"}.get(word, word)


def _role(
    sentence: str, lo: int, vstart: int, end: int, kind: str, unit_after: str,
    lead_end: int | None,
) -> tuple[str, str]:
    """The figure's role; ``lead_end`` is where a sentence-initial "Of the 23 pirates,"
    ends (an offset in ``sentence``), when there is one."""
    before = sentence[max(lo, vstart - 40):vstart]
    if _OTHER_BEFORE.search(before) or (kind == "count" and _OTHER_IN.search(unit_after)):
        return "other", "another/other"
    if kind == "count" and _PARTITIVE_UNIT.match(unit_after):
        return "subset", "of the"  # "three of the rockets": the unit phrase is partitive
    if kind in ("count", "money") and _SUBSET_AFTER.match(sentence[end:end + 40]):
        return "subset", "of the"
    if kind in ("count", "money") and _SUBSET_BEFORE.search(before):
        return "subset", "including"
    if lead_end is not None and vstart >= lead_end and kind == "count" \
            and not _INVERTED_LEAD.search(sentence[:lead_end]):
        return "subset", "of the"
    if kind == "money":
        m = _PART_AFTER.match(sentence[end:end + 40])
        if m:
            for word in (m.group(1), m.group(2)):
                if word and word.lower() in _PART_WORDS:
                    return "part", word
    return "total", ""


def _money_thing(sentence: str, lo: int, vstart: int, end: int) -> str | None:
    after = _WORD.findall(sentence[end:end + 40])[:3]
    for w in after:
        cls = _MONEY_THINGS.get(w.lower())
        if cls:
            return cls
    before = _WORD.findall(sentence[max(lo, vstart - 40):vstart])[-3:]
    for w in reversed(before):
        cls = _MONEY_THINGS.get(w.lower())
        if cls:
            return cls
    return None


def _length_thing(sentence: str, vstart: int, vend_unit: int) -> str | None:
    after = sentence[vend_unit:vend_unit + 40]
    for pattern, name in _LENGTH_THING:
        if pattern.match(after):
            return name
    if _DEPTH_BEFORE.search(sentence[max(0, vstart - 30):vstart]):
        return "depth"
    return None


# --------------------------------------------------------------------------- API


def frame_for(doc: AnalysedArticle, figure: Figure, bounds: tuple[int, int] | None = None) -> Frame:
    """The frame of ``figure`` (a figure of ``doc``), from its own sentence, read no
    further than ``bounds`` (see :func:`neighbour_bounds`)."""
    text = doc.text
    s0, s1 = figure.sentence_start, figure.sentence_end
    if not (0 <= s0 <= figure.start <= figure.end and s1 <= len(text)) or s1 <= s0:
        s0, s1 = figure.start, figure.end
    # every rule reads a bounded window around the figure, so a scraped table or a run-on
    # "sentence" of thousands of figures costs linear time, not quadratic
    s0 = max(s0, figure.start - WINDOW_CHARS)
    s1 = min(s1, max(figure.end, figure.value_end) + WINDOW_CHARS)
    # a sentence's opening words frame all its figures ("In 2009, ...", "Of the 23, ...")
    opening = (s0, text[s0:s0 + _OPENING_CHARS])
    if bounds is not None:
        s0 = min(max(s0, bounds[0]), figure.start)
        s1 = max(min(s1, bounds[1]), figure.end, figure.value_end)
    sentence = text[s0:s1]
    vstart, vend = figure.value_start - s0, figure.value_end - s0
    start, end = max(0, figure.start - s0), min(len(sentence), max(0, figure.end - s0))
    lo, hi = _clause(sentence, vstart, max(vend, vstart))
    hi = max(hi, min(end, len(sentence)))
    cues: list[str] = []
    thing: str | None = None
    nominal: str | None = None
    if figure.kind == "count":
        unit = figure.unit
        if unit and singular(unit.lower()) in _RELATIONAL_HEADS:
            unit = " ".join(_WORD.findall(sentence[vend:end])[-2:]) or unit  # "300 crew members"
        thing, nominal = thing_class(unit)
        if singular((figure.unit or "").lower()) in _STEP_NOUNS and _AWAY_AFTER.match(sentence[end:end + 30]):
            thing = "distance"  # "five buildings away", "three doors from the scene": a distance
    elif figure.kind == "length":
        thing = _length_thing(sentence, vstart, max(vend, _unit_end(sentence, vend)))
        if thing is None and _FEET_INCHES.search(figure.text):
            thing = "height"  # "5-foot-9": a person's height
    elif figure.kind == "money":
        thing = _money_thing(sentence, lo, vstart, end)
    elif figure.kind == "age":
        thing = "age"
    elif figure.kind == "other" and figure.canonical_unit == "kg":
        thing = "weight"  # "weighing 130 pounds", "a 2-ton bomb": whose, the holder says
    predicate, cue = _predicate(sentence, lo, hi, start if figure.kind != "count" else vstart, end, nominal)
    if figure.kind == "age":
        predicate, cue = None, ""  # an age belongs to a person, whatever happened to them
    if predicate is None and thing == "distance":
        predicate, cue = _clause_predicate(sentence[lo:vstart])
    if cue:
        cues.append(cue)
    holder_kind = "other" if thing == "height" else figure.kind  # a height is someone's
    # an item of a list ("seized seven rifles, three guns and 13 magazines") has the
    # holder of the list's first item, not the item before it
    first = _list_first(sentence, lo, vstart) if figure.kind == "count" else vstart
    holder = _holder(doc, s0, lo, s0 + first if first < vstart else figure.value_start,
                     figure.value_end, holder_kind)
    if holder is None and holder_kind in HOLDER_KINDS and _PRONOUN_SUBJECT.match(sentence[lo:vstart]):
        holder = _antecedent(doc, s0)  # "He is 5-foot-8, weighing 130 pounds": the last person named
    if holder is None and figure.kind == "count":
        holder = _demonym_holder(sentence[vend:end])  # "1,000 Iranian troops": Iran's
    time = _time(doc, s0, sentence, lo, hi, (vstart, end), opening)
    place = _place(doc, s0, lo, hi)
    unit_after = sentence[vend:end]
    of_lead = _OF_THE_LEAD.match(opening[1])
    lead_end = opening[0] + of_lead.end() - s0 if of_lead else None
    role, role_cue = _role(sentence, lo, vstart, end, figure.kind, unit_after, lead_end)
    if role_cue:
        cues.append(role_cue)
    running = figure.kind in RUNNING_KINDS and bool(
        _RUNNING.search(sentence, max(lo, vstart - 40), min(hi, end + 40))
    )
    return Frame(
        thing=thing, predicate=predicate, holder=holder, time=time, place=place,
        role=role, running=running, cues=tuple(cues),
    )


def _unit_end(sentence: str, vend: int) -> int:
    m = re.match(r"\s*[A-Za-z.]+(?:\s*\([^)]{0,30}\))?", sentence[vend:vend + 40])
    return vend + (m.end() if m else 0)


def table_frame(figure: Figure) -> Figure:
    """``figure`` with a frame read from its own words only: what it counts (its unit's
    class; an age is an age), no predicate, holder or scope. For the figures of a table
    or a list of thousands of numbers run into one "sentence", where the words around a
    number frame its neighbours as much as itself."""
    if figure.frame is not None:
        return figure
    thing = thing_class(figure.unit)[0] if figure.kind == "count" else "age" if figure.kind == "age" else None
    return _framed(figure, Frame(thing=thing))


def with_frame(doc: AnalysedArticle, figure: Figure, bounds: tuple[int, int] | None = None) -> Figure:
    """``figure`` with its :class:`~newsdiff.records.Frame` filled in."""
    if figure.frame is not None:
        return figure
    return _framed(figure, frame_for(doc, figure, bounds))


def _framed(figure: Figure, frame: Frame) -> Figure:
    """A copy of ``figure`` with ``frame`` set: dataclasses.replace() would re-run
    __init__ over every field (a fifth of the framing cost in a table of thousands of
    figures), copy.copy() the generic reduce protocol; this copies the fields' dict."""
    framed = object.__new__(Figure)
    framed.__dict__.update(figure.__dict__)
    object.__setattr__(framed, "frame", frame)
    return framed


#: A figure's frame is read no further than its NEIGHBOURS-th neighbouring figure on each
#: side: a clause of prose rarely holds more numbers than that, and in a table or a list of
#: thousands of numbers the words that frame one number sit between it and its neighbours.
#: It makes framing linear in the text's length however densely the figures are packed.
NEIGHBOURS = 4


def neighbour_bounds(figures: list[Figure], text_length: int) -> list[tuple[int, int]]:
    """For each figure (sorted by start), the span its frame may read."""
    n, k = len(figures), NEIGHBOURS
    return [
        (figures[i - k].start if i >= k else 0, figures[i + k].end if i + k < n else text_length)
        for i in range(n)
    ]
