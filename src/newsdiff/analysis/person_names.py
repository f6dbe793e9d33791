"""The structure of a person's name, and when two written names can be one person.

A name as news writes it is given names (full, initials, a nickname in parentheses or
quotes), a surname (with or without an Arabic article: "al-Maliki") and perhaps a
generational suffix ("Jr.", "Sr.", "III"). :func:`parse` reads a normalised key
("w. mark felt, sr.", "luis gerardo (jerry) ortiz") into a :class:`PersonName`;
:func:`compatible` says whether two of them can name one person:

- the surnames agree (after the article prefix) and the suffixes do not differ
  ("Mark Felt Jr." is not "W. Mark Felt Sr."; a name with more given names and no
  suffix is not one with a suffix: "Ike Parsons LaRue" is not "Ike LaRue III");
- given names of the same length agree position by position, an initial agreeing with
  any name of its letter and a nickname with its formal name ("Frederick C. LaRue" =
  "Frederick Cheney LaRue", "Fred LaRue" = "Frederick LaRue");
- a single given name may be any of the other's given names ("Mark Felt" = "W. Mark
  Felt": people go by a middle name) or its parenthesised nickname ("Jerry Ortiz" =
  "Luis Gerardo (Jerry) Ortiz");
- two or more given names against more are one person only when the shorter list agrees
  with the start of the longer: "George W. Bush" is not "George H. W. Bush".

A name with no given name ("Felt", "Mr. Felt") is compatible with every name of its
surname; which one it means is the resolver's choice (:mod:`newsdiff.analysis.aliases`).
Imports only the standard library and :mod:`newsdiff.lexicon`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsdiff.lexicon import gazetteer as gz

#: A nickname inside a name: (Jerry), "Deep Throat", ``Bud''.
_NICKNAME_RE = re.compile(r"(?:(?<=\s)|^)(?:\(|``|\"|“|‘|')([^()\"“”‘’`']{1,40}?)(?:\)|''|\"|”|’|')(?=\s|$)")
_ARTICLE_PREFIXES = ("al-", "el-", "ad-", "as-", "ash-", "an-", "ar-", "at-", "az-")
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "v"})
#: Titles before a name, case-folded without their dot ("Mr.", "Gen.", "Judge").
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "madam",
                         "mister", "prof", "professor", "gen", "col", "capt", "lt", "sgt", "rep",
                         "sen", "gov", "det", "officer", "deputy", "judge", "justice"})


@dataclass(frozen=True, slots=True)
class PersonName:
    """A person's name read into its parts (all case-folded, dots removed)."""

    given: tuple[str, ...]  # "w", "mark" for W. Mark Felt (an initial is one letter)
    surname: str  # without an article prefix: "maliki" for al-Maliki
    suffix: str = ""  # "jr", "sr", "iii" or ""
    nicknames: frozenset[str] = frozenset()  # "(Jerry)", "'Bud'"
    titled: bool = False  # "Mr. Felt", "Gen. Soleimani"

    @property
    def bare(self) -> bool:
        """No given name: a surname alone, perhaps with a title."""
        return not self.given


def surname_core(word: str) -> str:
    """A surname without an Arabic article prefix or trailing punctuation."""
    w = word.casefold().strip(".,")
    for p in _ARTICLE_PREFIXES:
        if w.startswith(p) and len(w) > len(p) + 1:
            return w[len(p):]
    return w


def parse(key: str) -> PersonName | None:
    """Read a normalised name key into its parts; None when nothing is left of a surname."""
    nicknames = {" ".join(m.group(1).casefold().split()) for m in _NICKNAME_RE.finditer(key)}
    words = [w.casefold() for w in _NICKNAME_RE.sub(" ", key).replace(",", " ").split()]
    titled = False
    while len(words) > 1 and words[0].rstrip(".") in HONORIFICS:
        words.pop(0)
        titled = True
    suffix = ""
    if len(words) > 1 and words[-1].rstrip(".") in SUFFIXES:
        suffix = words.pop().rstrip(".")
    if not words:
        return None
    surname = surname_core(words[-1])
    if not surname or not surname[0].isalpha():
        return None
    given = tuple(w.rstrip(".") for w in words[:-1] if w.rstrip("."))
    return PersonName(given, surname, suffix, frozenset(nicknames), titled)


def _is_initial(word: str) -> bool:
    return len(word) == 1


def given_match(a: str, b: str) -> bool:
    """Two given names that can be the same: equal, an initial of the other, or a
    nickname of the same formal name (Fred / Frederick, Bill / William)."""
    if a == b:
        return True
    if _is_initial(a) or _is_initial(b):
        return a[0] == b[0]
    fa = gz.NICKNAMES.get(a, frozenset()) | {a}
    fb = gz.NICKNAMES.get(b, frozenset()) | {b}
    return bool(fa & fb)


def compatible(a: PersonName, b: PersonName) -> bool:
    """Can the two names be one person? (see the module docstring)"""
    if a.surname != b.surname:
        return False
    if a.suffix != b.suffix:
        if a.suffix and b.suffix:
            return False
        # a name written out in full without the suffix another one has is another
        # generation: "Ike Parsons LaRue" is not "Ike LaRue III" ("Mark Felt" may be
        # "W. Mark Felt Sr.")
        plain, suffixed = (a, b) if b.suffix else (b, a)
        if len(plain.given) > len(suffixed.given):
            return False
    if a.bare or b.bare:
        return True
    short, long_ = (a, b) if len(a.given) <= len(b.given) else (b, a)
    if len(short.given) == len(long_.given):
        if all(given_match(x, y) for x, y in zip(short.given, long_.given)):
            return True
        # one given name against one: a nickname in parentheses counts as a given name
        return len(short.given) == 1 and _single_matches(short, long_)
    if len(short.given) == 1:
        return _single_matches(short, long_)
    return all(given_match(x, y) for x, y in zip(short.given, long_.given))


def _single_matches(short: PersonName, long_: PersonName) -> bool:
    (name,) = short.given
    if any(given_match(name, g) for g in long_.given if not _is_initial(g) or _is_initial(name)):
        return True
    return not _is_initial(name) and any(given_match(name, n) for n in long_.nicknames)
