"""Find named-entity mentions in one article's text with offline, pure-Python rules.

:func:`find_mentions` chunks capitalised token sequences (with connectors such as "of",
"of the", "al-", "bin"), strips person titles (President, Major General, Grand Ayatollah...)
so a person mention is always the bare name, drops noise (sentence-initial common words,
days and months, forum boilerplate, headline-case words that are not known names, a news
verb opening a terse line as in "Fired Jim O'Brien", a job title closing an organisation
as in "Philadelphia 76ers President") and guesses a kind from generic word lists
(:mod:`newsdiff.lexicon.gazetteer`).

Headlines drop articles, so a capitalised bare role noun in a headline-case line (or first
in a short title line) stands for a participant of the event: "Woman Killed In Queens
Hit-And-Run, Driver Charged" gives the mentions "Woman" (person) and "Driver" (person);
"Police" or "Witnesses" give a group. Not when the noun is a title before a name ("Coach
Jim O'Brien"), part of a name ("Police Academy"), described by a nationality ("Iranian
Troops"), a verb ("To Host Oscars", "DeGeneres Hosts"), in an all-capitals line, or a
sentence-initial word of the body. The resolver links such a mention only with the same
noun (see :mod:`newsdiff.analysis.aliases`).

It only finds mentions; resolving them into entities is :mod:`newsdiff.analysis.aliases`' job, so a
statistical finder can replace this module as long as it returns the same RawMention list.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from newsdiff.lexicon import gazetteer as gz
from newsdiff.lexicon import world
from newsdiff.records import RawMention

# Tokens: dotted acronyms (U.S / U.S.), initials (W.), words with inner ' - & (al-Maliki,
# O'Brien, Iran's, AT&T).
_TOKEN_RE = re.compile(r"[A-Z](?:\.[A-Z])+\.?|[A-Z]\.(?=\s)|[^\W_]\w*(?:['’\-&][^\W_]\w*)*")
_POSSESSIVE_RE = re.compile(r"['’][sS]$")
_OPENERS = " \t\"'“‘`([{-–—•*>"
_NAME_PREFIXES = frozenset({"al", "el", "ad", "as", "ash", "an", "ar", "at", "az", "bin", "ibn", "abu", "abd"})
# A determiner (and at most one lower-case word) right before a capitalised chunk.
# A possessive and a year or number before it: "his 2013 Toyota Camry" (a thing, no person).
_DETERMINER_BEFORE = re.compile(r"\b(?:(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat|[Tt]heir|[Ii]ts)\s+(?:[a-z][\w-]*\s+|\d[\d,.]*\s+)?"
                                r"|(?:[Hh]is|[Hh]er|[Mm]y|[Oo]ur|[Yy]our)\s+\d[\d,.]*\s+)$")
_CONNECTORS = frozenset({"of", "for", "de", "da", "del", "della", "di", "du", "la", "le", "van",
                         "von", "der", "den", "bin", "ibn", "bint", "al", "el", "y", "&"})
_AFTER_CONNECTOR = frozenset({"the", "al", "el"})
_NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
_MAX_TITLE_TOKENS = 3
#: The longest name looked up as one known part of a headline chunk: longer runs of
#: capitalised words are split, which keeps the lookup linear in the chunk's length.
_MAX_KNOWN_TOKENS = 8
_ACRONYM_RE = re.compile(r"^(?:[A-Z](?:\.?[A-Z]){1,5}\.?|[A-Z]{2,6}s?)$")
# Prepositions of place that a person's name rarely follows ("in Santa Rosa", "near Glen Ellen").
_PLACE_PREPOSITION_BEFORE = re.compile(r"\b(?:[Ii]n|[Nn]ear|[Oo]utside|[Ii]nside|[Aa]cross|[Tt]hroughout)\s+$")
_VERB_BEFORE = re.compile(r"\b(?:to|will|would|can|could|may|might|must|should|shall)\s+$", re.IGNORECASE)
_WORDS_RE = re.compile(r"[^\W\d_][\w'’\-]*")


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str
    cap: bool
    ends_chunk: bool = False  # a possessive or "-era" suffix was cut off


def _is_cap(word: str) -> bool:
    if not word:
        return False
    if word[0].isupper():
        return True
    if "-" not in word:
        return False
    head, sep, rest = word.partition("-")
    return bool(sep) and head.lower() in _NAME_PREFIXES and rest[:1].isupper()


def _make_token(m: re.Match[str], base: int) -> _Tok | None:
    text = m.group(0)
    start, end = base + m.start(), base + m.end()
    if "-" not in text and "'" not in text and "’" not in text:  # most words: nothing to cut
        return _Tok(start, end, text, text[0].isupper())
    ends = False
    poss = _POSSESSIVE_RE.search(text)
    if poss and len(text) > 2:
        text = text[: poss.start()]
        end = start + len(text)
        ends = True
    if "-" in text:
        parts = text.split("-")
        # lead-in lower-case prefix: pro-Iranian, anti-American -> Iranian, American
        if parts[0][:1].islower() and parts[0].lower() not in _NAME_PREFIXES and len(parts) > 1:
            cut = len(parts[0]) + 1
            text, start = text[cut:], start + cut
            parts = parts[1:]
        # trailing lower-case part: Hussein-era, US-trained -> Hussein, US
        for i in range(1, len(parts)):
            if parts[i][:1].islower() and parts[i - 1].lower() not in _NAME_PREFIXES:
                text = "-".join(parts[:i])
                end = start + len(text)
                ends = True
                break
    if not text:
        return None
    return _Tok(start, end, text, _is_cap(text), ends)


def _shouty(word: str) -> bool:
    """All capitals and longer than an acronym ("PHILADELPHIA", "76ERS")."""
    if (len(word) <= 6 and not word[:1].isdigit()) or word.upper() != word:
        return False  # too short, or a lower-case letter: the cheap answers first
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 6 and all(c.isupper() for c in letters) or (
        word[:1].isdigit() and len(letters) >= 2 and all(c.isupper() for c in letters))


def _label_edge(left: str, right: str) -> bool:
    """Whether an all-capitals label ends or starts between two adjacent words: one is a
    long all-capitals word and the other has lower-case letters ("PHILADELPHIA 76ERS
    Fired Jim"). Two all-capitals words are one run whatever their length ("RICHMOND
    HILL" in a headline set in capitals)."""
    return (_shouty(left) and not right.isupper()) or (_shouty(right) and not left.isupper())


def _is_acronym(text: str) -> bool:
    return bool(_ACRONYM_RE.match(text)) and sum(c.isupper() for c in text) >= 2


def _key(text: str) -> str:
    return text.replace("’", "'").casefold()


def _sentence_start(text: str, line_start: int, pos: int) -> bool:
    """True when ``pos`` starts a sentence (line start, or after . ! ? : and openers)."""
    i = pos - 1
    while i >= line_start and text[i] in _OPENERS:
        i -= 1
    if i < line_start:
        return True
    ch = text[i]
    if ch in "!?:;":
        return True
    if ch != ".":
        return False
    # "U.S. President", "Gen. Tim", "George W. Bush": not a sentence end.
    j = i - 1
    while j >= line_start and (text[j].isalpha() or text[j] == "."):
        j -= 1
    word = text[j + 1 : i]
    if len(word) == 1 and word.isupper():
        return False
    if "." in word and word.replace(".", "").isupper():
        return False
    return (word.lower() + ".") not in gz.PERSON_TITLES


def _is_headline(words: list[str]) -> bool:
    """A heading or label line: (nearly) every word is capitalised."""
    alpha = [w for w in words if w[:1].isalpha()]
    if not alpha:
        return False
    content = [w for w in alpha if w.lower() not in ("of", "the", "a", "an", "and", "in", "on", "to", "for", "at", "by")]
    if not content:
        return False
    caps = sum(1 for w in content if _is_cap(w))
    if len(content) <= 2:
        return caps == len(content)
    lower = sum(1 for w in content if len(w) >= 4 and not _is_cap(w))
    return caps / len(content) >= 0.75 and lower <= len(content) // 10


def _without_trailing_title(toks: list[_Tok]) -> list[_Tok]:
    """Cut a job title closing an organisation's name ("Philadelphia 76ers President",
    "NBA Commissioner"): the person holding it is not the organisation."""
    for n in range(min(_MAX_TITLE_TOKENS, len(toks) - 1), 0, -1):
        words = [t.text.lower() for t in toks[-n:]]
        phrase = " ".join(words)
        if words[-1] in gz.TRAILING_TITLES and (phrase in gz.PERSON_TITLES or n == 1):
            rest = toks[:-n]
            if _title_len(rest, 0) != len(rest) and rest[-1].text.lower() not in _CONNECTORS:
                return rest
            return toks
    return toks


def _title_len(toks: list[_Tok], i: int) -> int:
    """Length of the person title starting at ``toks[i]`` (0 if none)."""
    best = 0
    words: list[str] = []
    for n in range(min(_MAX_TITLE_TOKENS, len(toks) - i)):
        words.append(toks[i + n].text.lower())
        phrase = " ".join(words)
        if phrase in gz.PERSON_TITLES or phrase + "." in gz.PERSON_TITLES:
            best = n + 1
    return best


class _Finder:
    """One pass over one text; the state is the text and the names already known."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.known: set[str] = set()
        self._lower_words: set[str] | None = None

    # ----------------------------------------------------------------- chunking
    def chunks(self, line_start: int, line: str) -> list[tuple[list[_Tok], bool]]:
        """Capitalised sequences of one line, each with its sentence-start flag."""
        toks = [t for m in _TOKEN_RE.finditer(line) if (t := _make_token(m, line_start))]
        text = self.text
        out: list[tuple[list[_Tok], bool]] = []
        i, n = 0, len(toks)
        while i < n:
            tok = toks[i]
            if not tok.cap:
                i += 1
                continue
            chunk = [tok]
            saw_of = False
            j = i + 1
            while j < n and not chunk[-1].ends_chunk:
                gap = text[chunk[-1].end : toks[j].start]
                nxt = toks[j]
                if gap.strip() == "," and nxt.text.lower() in _NAME_SUFFIXES and len(chunk) >= 2 \
                        and chunk[-1].cap and not _shouty(chunk[-1].text):
                    chunk.append(nxt)  # "W. Mark Felt, Sr."
                    j += 1
                    continue
                if gap.strip():
                    break
                if nxt.cap and _label_edge(chunk[-1].text, nxt.text):
                    break  # "PHILADELPHIA 76ERS Fired Jim": a label, then a sentence
                if nxt.cap or (nxt.text[:1].isdigit() and any(c.isalpha() for c in nxt.text)):
                    chunk.append(nxt)
                    j += 1
                    continue
                low = nxt.text.lower()
                # connectors: of, of the, bin, al, and (only in "X of Y and Z")
                k = j
                if low in _CONNECTORS:
                    k = j + 1
                    if k < n and toks[k].text.lower() in _AFTER_CONNECTOR and not toks[k].cap:
                        k += 1
                elif low == "and" and saw_of:
                    k = j + 1
                    if k < n and toks[k].text.lower() == "the":
                        k += 1
                    # only a single closing word: "... of Iraq and the Levant"
                    if k + 1 < n and toks[k + 1].cap and not text[toks[k].end : toks[k + 1].start].strip():
                        k = j
                if k == j or k >= n or not toks[k].cap:
                    break
                if low == "of" and not self._of_joins(chunk, toks, k):
                    break
                if any(text[toks[a].end : toks[a + 1].start].strip() for a in range(j - 1, k)):
                    break
                if low in ("of", "for"):
                    saw_of = True
                chunk.extend(toks[j : k + 1])
                j = k + 1
            prev = toks[i - 1] if i else None
            # a capitalised word after an all-capitals label ("PHILADELPHIA 76ERS Fired")
            after_label = (prev is not None and (prev.cap or _shouty(prev.text))
                           and _label_edge(prev.text, tok.text))
            out.append((chunk, after_label or _sentence_start(text, line_start, chunk[0].start)))
            i = j
        return out

    def _of_joins(self, chunk: list[_Tok], toks: list[_Tok], k: int) -> bool:
        """Whether "X of Y" is one name: not after a city or country ("Baghdad of the
        Caliphate"), not before a lone adjective ("Baghdad of Shia militias")."""
        left = _key(self.text[chunk[0].start : chunk[-1].end])
        if left in gz.PLACES or left in gz.NATIONALITIES:
            return False
        words = [t.text.lower() for t in chunk]
        if len(words) >= 2 and not any(
            w in gz.NATIONALITIES or w in gz.PLACES or w in gz.ORG_HEADS or w in gz.PLACE_HEADS
            or w in gz.GROUP_WORDS or w in gz.OUTLETS or w in _CONNECTORS for w in words
        ):
            return False  # "LuAnn Marie Johnson of Burnsville": a person and a place
        right = toks[k].text.lower()
        if right in gz.NATIONALITIES:
            nxt = toks[k + 1] if k + 1 < len(toks) else None
            if nxt is None or not nxt.cap:
                return False
        return True

    # ----------------------------------------------------------------- cleaning
    def split(self, chunk: list[_Tok], initial: bool) -> list[tuple[list[_Tok], bool, bool]]:
        """Clean one chunk into (tokens, is_person, sentence_initial) pieces."""
        pieces: list[tuple[list[_Tok], bool, bool]] = []
        current: list[_Tok] = []
        person = False
        first = initial
        i = 0
        while i < len(chunk):
            tok = chunk[i]
            low = tok.text.lower().rstrip(".")
            if low in gz.DAYS or low in gz.MONTHS or low in gz.NON_NAMES:
                if current:
                    pieces.append((current, person, first))
                current, person, first = [], False, False
                i += 1
                continue
            if not current and (low in gz.DETERMINERS or low in gz.MODIFIERS or (first and low in gz.COMMON_WORDS and not _is_acronym(tok.text))):
                i += 1
                continue
            if not current and not tok.cap:  # a connector left at the front
                i += 1
                continue
            tl = _title_len(chunk, i)
            if tl and i + tl < len(chunk) and chunk[i + tl].cap \
                    and chunk[i + tl].text.lower() not in _NAME_SUFFIXES \
                    and chunk[-1].text.lower() not in gz.ORG_HEADS:
                if current:
                    pieces.append((current, person, first))
                current, person, first = [], True, False
                i += tl
                continue
            current.append(tok)
            i += 1
        if current:
            pieces.append((current, person, first))
        cleaned = []
        for toks, is_person, at_start in pieces:
            while toks and (toks[-1].text.lower() in _CONNECTORS or not (toks[-1].cap or toks[-1].text[:1].isdigit())):
                toks = toks[:-1]
            if not is_person and len(toks) >= 2:
                toks = _without_trailing_title(toks)  # "Philadelphia 76ers President"
            if at_start and not is_person and 3 <= len(toks) <= 4 and self._common_lead(toks):
                toks, is_person = toks[1:], True  # "Comedian Ellen DeGeneres", "Fired Jim O'Brien"
            if len(toks) > 1 and all(_key(t.text) in gz.NATIONALITIES for t in toks):
                # "Shiite Muslim nation": two adjectives, two mentions
                cleaned.extend(([t], is_person, at_start and n == 0) for n, t in enumerate(toks))
            elif toks:
                cleaned.append((toks, is_person, at_start))
        return cleaned

    def _common_lead(self, toks: list[_Tok]) -> bool:
        """A sentence-initial common noun or news verb before a person-shaped name."""
        lead = toks[0].text
        if not lead[:1].isupper() or lead.isupper() or lead.lower() in gz.NATIONALITIES:
            return False
        if lead.lower() in gz.PLACES or lead.lower() in gz.ORG_HEADS:
            return False
        rest = [t.text.lower() for t in toks[1:]]
        if any(w in gz.PLACES or w in gz.NATIONALITIES or w in gz.ORG_HEADS or w in _CONNECTORS for w in rest):
            return False
        if not all(_is_cap(t.text) and not t.text.isupper() for t in toks[1:]):
            return False
        if lead.lower() in gz.LEAD_VERBS:
            return True
        if self._lower_words is None:
            self._lower_words = set(re.findall(r"(?<![\w'’-])[a-z][a-z]+", self.text))
        return lead.lower() in self._lower_words

    def acceptable(self, toks: list[_Tok], at_start: bool, person: bool) -> bool:
        surface = self.text[toks[0].start : toks[-1].end]
        key = _key(surface)
        if key in gz.BOILERPLATE:
            return False
        if len(toks) == 1:
            word = toks[0].text
            if len(word) < 2:
                return False
            if _is_acronym(word):
                return word.lower() not in ("i", "a", "ok")
            if key in gz.COMMON_WORDS or key in gz.DIRECTIONS:
                return False
            if at_start and not person and not self._known_word(key, word):
                return False
            if at_start and not person and self._opens_clause(toks[0], key):
                return False
        return True

    # the word after a clause-opening participle / adverb: a determiner or preposition
    _CLAUSE_NEXT = re.compile(
        r"[ \t]+(?:a|an|the|to|at|on|in|into|about|for|with|from|by|of|over|after|before|"
        r"his|her|their|its|this|that|these|those|some|many|most|all|up|out|off|down)\b"
    )

    def _opens_clause(self, tok: "_Tok", key: str) -> bool:
        """A sentence-initial participle or adverb opening a clause ("Attending an emergency
        meeting", "Asked about", "Reportedly some"): not a name unless known. Names that
        end the same way are followed by a verb ("Kunming said", "Kelly told")."""
        if not (key.endswith(("ing", "ed")) and len(key) >= 6 or key.endswith("ly") and len(key) >= 8):
            return False
        if key in gz.PLACES or key in gz.NATIONALITIES or key in gz.OUTLETS or key in self.known:
            return False
        return self._CLAUSE_NEXT.match(self.text, tok.end) is not None

    def _known_word(self, key: str, word: str) -> bool:
        """A sentence-initial lone word counts as a name when it is known or name-shaped."""
        if key in gz.PLACES or key in gz.NATIONALITIES or key in gz.OUTLETS:
            return True
        if "-" in word and any(p[:1].isupper() for p in word.split("-")[1:]):
            return True
        if any(c.isupper() for c in word[1:]):
            return True
        if key in self.known:
            return True
        # an unknown capitalised word: a name unless it looks like a common noun
        if key in gz.COMMON_NOUNS or key.endswith("s") or len(key) < 4:
            return False
        if self._lower_words is None:
            self._lower_words = set(re.findall(r"(?<![\w'’-])[a-z][a-z]+", self.text))
        return key not in self._lower_words

    # ----------------------------------------------------------------- kinds
    def kind(self, toks: list[_Tok], person: bool, preceded_by_the: bool) -> str:
        words = [t.text.lower().rstrip(".") for t in toks]
        key = " ".join(words)
        bare = key.replace(".", "")
        if person:
            return "person"
        if key in gz.OUTLETS or bare in gz.OUTLETS:
            if key not in gz.AMBIGUOUS_OUTLETS or preceded_by_the:
                return "outlet"
        if len(words) >= 3 and words[-2] == "of" and " ".join(words[:-2]) in gz.OUTLETS and preceded_by_the:
            return "outlet"  # the Times of London
        if len(words) == 1 and (key in gz.NATIONALITIES or key.replace("’", "'") in gz.NATIONALITIES):
            return "nationality"
        if key in gz.PLACES or bare in gz.PLACES or world.is_country(key):
            return "place"
        if any(w in gz.GROUP_WORDS for w in words) or key.startswith("islamic state"):
            return "group"
        head = words[: words.index("of")] if "of" in words else words
        if head and (head[-1] in gz.ORG_HEADS or words[-1] in gz.ORG_HEADS):
            return "organization"
        if head and head[-1] in gz.PLACE_HEADS or (len(words) > 1 and world.is_city(key)):
            return "place"  # "Gulf of Aden", "Santa Rosa" (after the organisation words: White House)
        if len(toks) == 1 and _is_acronym(toks[0].text):
            return "organization"
        if 2 <= len(toks) <= 4 and all(_is_cap(t.text) and not t.text.isupper() for t in toks):
            if _DETERMINER_BEFORE.search(self.text, max(0, toks[0].start - 24), toks[0].start):
                return "other"  # "the Academy Awards", "a grey Toyota Camry": not a person
            if _PLACE_PREPOSITION_BEFORE.search(self.text, max(0, toks[0].start - 12), toks[0].start):
                return "other"  # "in Santa Rosa", "near Lake Placid": no person stands there
            parts = [p for w in words for p in w.split("-")]
            if not any(p in gz.NATIONALITIES or p in gz.PLACES or p in gz.DIRECTIONS for p in parts):
                return "person"
        return "other"

    def preceded_by_the(self, start: int) -> bool:
        before = self.text[max(0, start - 5) : start].lower()
        return before.endswith("the ")

    # ----------------------------------------------------------------- driver
    def run(self) -> list[RawMention]:
        text = self.text
        lines: list[tuple[int, str, bool]] = []
        pos = 0
        for line in text.split("\n"):
            stripped = line.strip(" \t-–—•*:").lower()
            if stripped and stripped not in gz.BOILERPLATE:
                # "Title | World news | site.com": a page-title line reads like a headline;
                # a line without a capital letter is no headline and holds no name
                head = not line.islower() and _is_headline(_WORDS_RE.findall(line))
                lines.append((pos, line, head or " | " in line))
            pos += len(line) + 1
        normal: list[tuple[list[_Tok], bool, bool]] = []
        headline: list[tuple[list[_Tok], bool, bool]] = []
        head_chunks: list[list[_Tok]] = []
        roles: list[_Tok] = []
        title_line = self._title_line(lines)
        # Pass 1: normal lines, remembering names (and mid-sentence capitalised words).
        for start, line, is_head in lines:
            if line.islower():
                continue  # no capital letter: no name (a table of figures, a code dump)
            for chunk, initial in self.chunks(start, line):
                if is_head:
                    head_chunks.append(chunk)
                elif start == title_line and chunk[0].start == start + len(line) - len(line.lstrip()):
                    roles.extend(self._bare_roles(chunk[:1] if len(chunk) == 1 else []))
                for piece in self.split(chunk, initial):
                    (headline if is_head else normal).append(piece)
                    if not is_head and (not piece[2] or len(piece[0]) > 1):
                        self._remember(piece[0])
        found: list[RawMention] = []
        role_at = {t.start for t in roles}
        for toks, person, at_start in normal:
            if toks[0].start in role_at:
                continue
            if self.acceptable(toks, at_start, person):
                found.append(self._mention(toks, person))
        # Pass 2: headline-case lines keep only known names and acronyms...
        for toks, person, _ in headline:
            found.extend(self._known_parts(toks, person))
        # ... and bare role nouns ("Woman Killed In Crash, Driver Charged").
        for chunk in head_chunks:
            roles.extend(self._bare_roles(chunk))
        if roles:
            taken = sorted((m.start, m.end) for m in found)
            for tok in roles:
                if not _overlaps(taken, tok.start, tok.end):
                    found.append(RawMention(tok.start, tok.end, tok.text, gz.ROLE_NOUNS[tok.text.lower()]))
        found.sort(key=lambda m: (m.start, m.end))
        return found

    def _title_line(self, lines: list[tuple[int, str, bool]]) -> int:
        """Start of the article's first line when it reads as a title (short, no final
        full stop): its first word may be a bare role noun ("Gunman kills 1 at office")."""
        if not lines:
            return -1
        start, line, _ = lines[0]
        body = line.strip()
        if not body or body[-1] in ".!?" or len(body.split()) > 20:
            return -1
        return start

    def _bare_roles(self, chunk: list[_Tok]) -> list[_Tok]:
        """Capitalised role nouns of a headline chunk standing for a participant: not a
        title before a name ("Coach Jim O'Brien"), not part of a name ("Police Academy"),
        not described by a nationality ("Iranian Troops"), never in an all-capitals line."""
        out = []
        for k, tok in enumerate(chunk):
            low = tok.text.lower()
            if low not in gz.ROLE_NOUNS or not tok.text[:1].isupper():
                continue
            if tok.text.isupper() and len(tok.text) > 1:
                continue  # an all-capitals word carries no case information
            prev = chunk[k - 1] if k else None
            if prev is not None and prev.end == tok.start - 1 and _key(prev.text) in gz.NATIONALITIES:
                continue
            if _VERB_BEFORE.search(self.text, max(0, tok.start - 8), tok.start):
                continue  # "To Host Oscars": a verb
            if prev is not None and low in gz.ROLE_VERBS:
                continue  # "DeGeneres Hosts Oscars": a verb
            nxt = chunk[k + 1] if k + 1 < len(chunk) else None
            if nxt is not None and not self.text[tok.end : nxt.start].strip():
                nlow = nxt.text.lower()
                if nlow in gz.ORG_HEADS or nlow in gz.PLACE_HEADS or nlow == "of":
                    continue
                if nlow in gz.PERSON_TITLES or self._starts_known(chunk, k + 1):
                    continue
            out.append(tok)
        return out

    def _starts_known(self, chunk: list[_Tok], i: int) -> bool:
        for j in range(min(len(chunk), i + 4), i, -1):
            if self._is_known(chunk[i:j]):
                return True
        return False

    def _remember(self, toks: list[_Tok]) -> None:
        surface = self.text[toks[0].start : toks[-1].end]
        self.known.add(_key(surface))
        if len(toks) > 1:
            self.known.add(_key(toks[-1].text))

    def _mention(self, toks: list[_Tok], person: bool) -> RawMention:
        start, end = toks[0].start, toks[-1].end
        kind = self.kind(toks, person, self.preceded_by_the(start))
        return RawMention(start, end, self.text[start:end], kind)

    def _is_known(self, toks: list[_Tok]) -> bool:
        surface = self.text[toks[0].start : toks[-1].end]
        key = _key(surface)
        if key in self.known or key in gz.PLACES or key in gz.NATIONALITIES:
            return True
        if key in gz.OUTLETS and key not in gz.AMBIGUOUS_OUTLETS:
            return True
        return len(toks) == 1 and _is_acronym(toks[0].text) and key not in gz.BOILERPLATE and (
            key in self.known or not self._all_caps_line(toks[0].start)
        )

    def _all_caps_line(self, pos: int) -> bool:
        start = self.text.rfind("\n", 0, pos) + 1
        end = self.text.find("\n", pos)
        line = self.text[start : end if end >= 0 else len(self.text)]
        letters = [c for c in line if c.isalpha()]
        return bool(letters) and all(c.isupper() for c in letters)

    def _known_parts(self, toks: list[_Tok], person: bool) -> list[RawMention]:
        """Longest known sub-sequences of a headline chunk, left to right."""
        out: list[RawMention] = []
        i = 0
        while i < len(toks):
            for j in range(min(len(toks), i + _MAX_KNOWN_TOKENS), i, -1):
                part = toks[i:j]
                if part[0].cap and (part[-1].cap or part[-1].text[:1].isdigit()) and self._is_known(part):
                    out.append(self._mention(part, person and j == len(toks)))
                    i = j
                    break
            else:
                i += 1
        return out


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of ``spans`` (sorted, never overlapping)."""
    i = bisect.bisect_left(spans, (end, end))
    return i > 0 and spans[i - 1][1] > start


def find_mentions(text: str) -> list[RawMention]:
    """Named-entity mentions of ``text``, sorted by start, spans never overlapping.

    Every mention satisfies ``text[m.start:m.end] == m.text`` and has a kind from
    :data:`newsdiff.records.ENTITY_KINDS`.
    """
    if not text:
        return []
    return _Finder(text).run()
