"""Resolve the raw mentions of an event's articles into entities (cross-article aliases).

:func:`resolve_entities` merges the distinct names found by a mention finder with
general rules, in two phases (union-find over normalised names):

Phase 1, rules that are safe on their own:
  1. same name after normalising case, possessives, a leading "the" and dots in
     acronyms (ISIS / Isis, U.S. / U.S / US, Iran's / Iran);
  2. singular / plural of the last word (Revolutionary Guard / Guards, Quds Force /
     Forces);
  3. a small table of well-known equivalent names (world knowledge: US = United States);
  4. acronyms defined in the text: "Long Form (ACR)", "ACR, the Long Form", "ACR (Long
     Form)" — letters checked against the long form's initials, allowing one letter in
     four to differ ("Islamic State of Iraq and the Levant (Isis)") — and any acronym
     spelling exactly the initials of a single long name of the event;
  5. spelling variants: one-word names of 5+ letters with the same first letter whose
     consonant skeletons agree (lengths within one letter) or that are one edit apart
     (Tehran / Teheran; never two different gazetteer names, never Iran / Iraq, never
     Kerbala / Karbalaie);
Phase 2, rules that only merge when the target is unambiguous (one entity so far):
  5b. full names of one person, by the structure of names
     (:func:`newsdiff.analysis.person_names.compatible`: initials, a middle name people
     go by, nicknames through a table of hypocoristics, suffixes; W. Mark Felt = Mark
     Felt, Mo / Maurice Cheeks; never George W. / George H. W. Bush), and 5c, surnames
     in two transliterations (Suleimani / Soleimani);
  6. a person's surname, surname with "al-", or trailing part of the full name
     (Rouhani, al-Maliki, Boone Isaacs) and a lone first name, when one person of the
     event has it (or one named three times as often as all others); otherwise, in
     each article, the person of that surname the article named in full first;
  7. the head of an "X of Y" long form (Islamic State -> Islamic State of Iraq ...);
  8. a name with a leading nationality or place word (Iranian Revolutionary Guards ->
     Revolutionary Guards, Indian Navy -> Navy).

Bare role nouns found as such by the finder ("Woman", "Driver", "Police" in headlines)
merge with the same noun (rule 1, case-insensitive; singular and plural stay apart: one
person is not a group) and take part in no other name rule. One last rule ties them to
a name:
  9. a singular role noun ("Host", "Driver") stands for the person the event's sentences
     using that word (host, hosts, hosted, hosting) keep naming: merged with the one
     person entity found in such sentences in at least two articles and at least three
     sentences, and twice as often as any other person; otherwise it stays on its own.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Mapping, Sequence

from rapidfuzz import fuzz

from newsdiff.lexicon import gazetteer as gz
from newsdiff.lexicon import world
from newsdiff.corpus.articles import Article
from newsdiff.records import ENTITY_KINDS, Entity, Mention, RawMention
from newsdiff.analysis import person_names as pn
from newsdiff.analysis.document import AnalysedArticle, analyse

_FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "at", "to", "a", "an", "&", "de", "du", "la", "le"})
_NAME_PREFIXES = ("al-", "el-", "ad-", "as-", "ash-", "an-", "ar-", "at-", "az-")
_KIND_PRIORITY = {k: n for n, k in enumerate(("person", "group", "organization", "outlet", "place", "nationality", "other"))}
_SLUG_RE = re.compile(r"[^a-z0-9]+")
_VOWELS = frozenset("aeiouy")


# --------------------------------------------------------------------------- names


def normalise(text: str) -> str:
    """The comparison key of a surface form (case-folded)."""
    t = " ".join(text.replace("’", "'").split())
    if t.endswith("'s") or t.endswith("'S"):
        t = t[:-2]
    t = t.rstrip("'")
    low = t.casefold()
    if low.startswith("the ") and len(t) > 4:
        t, low = t[4:], low[4:]
    compact = t.replace(".", "").replace(" ", "")
    if compact.isalpha() and compact.isupper() and 2 <= len(compact) <= 6 and ("." in t):
        return compact.casefold()
    return low


def _core(word: str) -> str:
    """A name token without an Arabic article prefix: al-Maliki -> maliki."""
    w = word.casefold()
    for p in _NAME_PREFIXES:
        if w.startswith(p) and len(w) > len(p) + 1:
            return w[len(p):]
    return w


def _singular_word(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s")):
        return word[:-1]
    return word


def _singular(key: str) -> str:
    """Every word of a multi-word name in the singular (Motion Pictures Arts -> ...)."""
    words = key.split()
    if len(words) < 2:
        return key
    return " ".join(_singular_word(w) for w in words)


def _initials(key: str) -> list[str]:
    """Candidate initialisms of a multi-word name."""
    words = [w for w in re.split(r"[\s]+", key) if w]
    full = "".join(_core(w)[:1] for w in words)
    content = "".join(_core(w)[:1] for w in words if w not in _FUNCTION_WORDS)
    hyphen = "".join(_core(p)[:1] for w in words if w not in _FUNCTION_WORDS for p in w.split("-") if p)
    return list(dict.fromkeys([content, full, hyphen]))


def _is_acronym_surface(text: str) -> bool:
    compact = text.replace(".", "").replace(" ", "")
    return 2 <= len(compact) <= 8 and compact.isalpha() and sum(c.isupper() for c in compact) >= 2


def _acronym_key(text: str) -> str | None:
    """Letters of an acronym-like token ("ISIL", "Isis" in parentheses, "U.S.")."""
    compact = text.replace(".", "").replace(" ", "")
    if 2 <= len(compact) <= 8 and compact.isalpha() and compact[0].isupper():
        return compact.casefold()
    return None


def _letters_match(acro: str, initials: str, fuzzy: bool) -> bool:
    if acro == initials:
        return True
    if not fuzzy or len(acro) != len(initials) or len(acro) < 3 or acro[0] != initials[0]:
        return False
    same = sum(a == b for a, b in zip(acro, initials))
    return same * 4 >= len(acro) * 3


def _skeleton(word: str) -> str:
    w = word.casefold()
    out = [w[0]]
    for c in w[1:]:
        if c in _VOWELS or c == "h" or not c.isalpha():
            continue
        if out[-1] != c:
            out.append(c)
    return "".join(out)


def _edit1(a: str, b: str) -> bool:
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    if len(a) > len(b):
        a, b = b, a
    for i in range(len(b)):
        if b[:i] + b[i + 1:] == a:
            return True
    return False


# --------------------------------------------------------------------------- union-find


class _Sets:
    def __init__(self, keys: Sequence[str]) -> None:
        self.parent = {k: k for k in keys}

    def find(self, k: str) -> str:
        parent = self.parent
        root = k
        while parent[root] != root:
            root = parent[root]
        while parent[k] != root:
            parent[k], k = root, parent[k]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra


def _top_kind(kinds: Counter) -> str:
    """The most frequent real kind (ties to the more specific kind), else "other"."""
    real = [(n, k) for k, n in kinds.items() if k != "other"]
    return max(real, key=lambda nk: (nk[0], -_KIND_PRIORITY.get(nk[1], 99)))[1] if real else "other"


@dataclass
class _Name:
    key: str
    surfaces: Counter = field(default_factory=Counter)
    kinds: Counter = field(default_factory=Counter)

    @property
    def kind(self) -> str:
        return _top_kind(self.kinds)

    @property
    def tokens(self) -> list[str]:
        return self.key.split()


def _is_role(name: _Name) -> bool:
    """A bare role noun found as one ("Woman" in "Woman Killed In Crash"): only ever the
    same as the same noun. A capitalised role word the finder took for a name ("Singer"
    for Bryan Singer) has another kind among its mentions and stays a name."""
    kind = gz.ROLE_NOUNS.get(name.key)
    return kind is not None and set(name.kinds) == {kind}


def _in_gazetteer(key: str) -> bool:
    return (key in gz.PLACES or key in gz.NATIONALITIES or key in gz.OUTLETS or world.is_country(key)
            or (" " in key and world.is_city(key)))


def _place_evidence(key: str, kinds: Counter) -> bool:
    """A name the gazetteers know as a country or city: several words ("Santa Rosa"), or
    one word that no mention reads as a person's ("Gary" is a city and a first name)."""
    if world.is_country(key) or key in gz.PLACES:
        return True
    return world.is_city(key) and (" " in key or not kinds.get("person"))


@lru_cache(maxsize=1)
def _equivalent_rows() -> dict[str, tuple[int, ...]]:
    """Each known form -> the rows of equivalent names it is in (rule 3: the table of
    well-known names and the gazetteer's country names)."""
    out: dict[str, list[int]] = defaultdict(list)
    for n, row in enumerate(gz.EQUIVALENTS + world.world().countries):
        for form in row:
            out[form].append(n)
    return {form: tuple(rows) for form, rows in out.items()}


def _kinds_compatible(a: _Name, b: _Name) -> bool:
    ka, kb = a.kind, b.kind
    if "nationality" in (ka, kb):
        return ka == kb
    return True


# --------------------------------------------------------------------------- rules


def _acronym_definitions(articles: Sequence[Article], mentions: Mapping[str, Sequence[RawMention]],
                         sets: _Sets, names: dict[str, _Name]) -> None:
    """Rule 4a/4b: "Long Form (ACR)", "ACR (Long Form)", "ACR, the Long Form"."""
    for art in articles:
        ms = sorted(mentions.get(art.id, ()), key=lambda m: m.start)
        text = art.text
        for a, b in zip(ms, ms[1:]):
            gap = text[a.end : b.start]
            after_b = text[b.end : b.end + 1]
            paren = gap.strip() == "(" and after_b == ")"
            appos = gap.lower().strip() in (", the", ", or", ", also known as", ", or the")
            if not (paren or appos):
                continue
            ka, kb = normalise(a.text), normalise(b.text)
            if ka not in names or kb not in names:
                continue
            for short, long_, short_text in ((b, a, b.text), (a, b, a.text)):
                sk, lk = normalise(short.text), normalise(long_.text)
                acro = _acronym_key(short_text)
                if acro is None or len(lk.split()) < 2:
                    continue
                if any(_letters_match(acro, ini, fuzzy=True) for ini in _initials(lk)):
                    sets.union(sk, lk)


def _acronym_initials(sets: _Sets, names: dict[str, _Name]) -> None:
    """Rule 4c: an all-capitals acronym spelling the initials of exactly one long name."""
    by_initials: dict[str, set[str]] = defaultdict(set)
    for key in names:
        if len(key.split()) >= 2:
            for ini in _initials(key):
                if len(ini) >= 2:
                    by_initials[ini].add(_singular(key))
    for key, name in names.items():
        if len(key.split()) != 1 or _is_role(name):
            continue
        if not any(_is_acronym_surface(s) and s.replace(".", "").isupper() for s in name.surfaces):
            continue
        longs = by_initials.get(key.replace(".", ""))
        if longs and len(longs) == 1:
            (long_key,) = longs
            target = next(k for k in names if _singular(k) == long_key)
            sets.union(key, target)


def _spelling_variants(sets: _Sets, names: dict[str, _Name]) -> None:
    """Rule 5: Tehran / Teheran, Kerbala / Karbala (one word, 5+ letters)."""
    singles = sorted(k for k in names if " " not in k and len(k) >= 5 and k.isalpha()
                     and not _is_role(names[k]) and not any(s.isupper() for s in names[k].surfaces))
    buckets: dict[str, list[str]] = defaultdict(list)
    for k in singles:
        buckets[_skeleton(k)].append(k)
        for i in range(len(k)):
            buckets["\0" + k[:i] + k[i + 1:]].append(k)
        buckets["\0" + k].append(k)
    seen: set[tuple[str, str]] = set()
    for group in buckets.values():
        if len(group) < 2:
            continue
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if a == b or (a, b) in seen:
                    continue
                seen.add((a, b))
                if a[0] != b[0] or (_in_gazetteer(a) and _in_gazetteer(b)):
                    continue
                if not _kinds_compatible(names[a], names[b]):
                    continue
                close = _skeleton(a) == _skeleton(b) and len(_skeleton(a)) >= 3 and abs(len(a) - len(b)) <= 1
                if not close and min(len(a), len(b)) >= 6 and _edit1(a, b):
                    close = a[-1] == b[-1]
                if close:
                    sets.union(a, b)


def _unique_target(sets: _Sets, candidates: list[str]) -> str | None:
    roots = {sets.find(c) for c in candidates}
    return candidates[0] if len(roots) == 1 else None


def _looks_personal(name: _Name) -> bool:
    toks = name.tokens
    if name.kind not in ("person", "other") or len(toks) < 2:
        return False
    return not any(t in gz.PLACES or t in gz.NATIONALITIES or t in gz.ORG_HEADS or t in _FUNCTION_WORDS for t in toks)


def _person_name(key: str, name: _Name) -> pn.PersonName | None:
    """The parts of a name that can be a person's (a full name, or a surname alone)."""
    if _in_gazetteer(key) or _is_role(name) or name.kind not in ("person", "other"):
        return None
    toks = key.split()
    if len(toks) >= 2 and not _looks_personal(name):
        return None
    parsed = pn.parse(key)
    if parsed is None or (parsed.bare and len(toks) == 1 and not toks[0][:1].isalpha()):
        return None
    return parsed


#: The most clusters a full name is compared with: keeps one surname shared by thousands
#: of names (a pathological input) linear.
_MAX_CLUSTERS = 64


def _surnames(sets: _Sets, names: dict[str, _Name]) -> dict[str, list[str]]:
    """Rules 5b and 6: full names of one person, then surnames and lone first names.

    Full names sharing a surname are clustered, most specific first: a name joins the one
    cluster all of whose names it is compatible with (:func:`person_names.compatible`:
    W. Mark Felt = Mark Felt, Fred = Frederick C. LaRue; never George W. / George H. W.
    Bush). A name that fits two clusters, and a surname alone, join the only cluster of
    their surname, or one used at least three times as often as all the others together.
    Returns the names left ambiguous with their candidates: their mentions are settled
    article by article afterwards.
    """
    ambiguous: dict[str, list[str]] = {}
    parsed = {k: p for k, n in names.items() if (p := _person_name(k, n)) is not None}
    by_surname: dict[str, list[str]] = defaultdict(list)
    for k, p in parsed.items():
        if not p.bare:
            by_surname[p.surname].append(k)
    undecided: list[str] = [k for k, p in parsed.items() if p.bare]
    clusters_of: dict[str, list[list[str]]] = {}
    for surname, keys in by_surname.items():
        keys.sort(key=lambda k: (-len(parsed[k].given), -sum(names[k].surfaces.values()), k))
        clusters: list[list[str]] = []
        for k in keys:
            fits = [c for c in clusters[:_MAX_CLUSTERS] if all(pn.compatible(parsed[k], parsed[m]) for m in c)]
            if len(fits) == 1:
                fits[0].append(k)
            elif not fits:
                clusters.append([k])
            else:
                undecided.append(k)
        for c in clusters:
            for k in c[1:]:
                sets.union(c[0], k)
        clusters_of[surname] = clusters
    _transliterations(sets, parsed, clusters_of)
    for key in sorted(undecided):
        p = parsed[key]
        cands = [c[0] for c in clusters_of.get(p.surname, [])
                 if c[0] != key and all(pn.compatible(p, parsed[m]) for m in c)]
        if not cands:
            continue
        target = _unique_target(sets, cands) or _dominant(sets, cands, names)
        if target is not None:
            sets.union(key, target)
        else:
            ambiguous[key] = cands
    # a lone first name ("Fred") of exactly one full name, when no one has it as a surname
    by_first: dict[str, list[str]] = defaultdict(list)
    for k, p in parsed.items():
        if not p.bare and k.split()[0] == (p.given[0] if p.given else ""):
            by_first[p.given[0]].append(k)
    for key, p in parsed.items():
        if p.bare and not p.titled and key not in ambiguous and p.surname not in by_surname:
            firsts = [f for f in by_first.get(key, []) if f != key]
            target = _unique_target(sets, firsts) if firsts else None
            if target is not None:
                sets.union(key, target)
    return ambiguous


#: The least rapidfuzz similarity (0-100) of two surnames written for one person in two
#: transliterations: Suleimani / Soleimani 89, Gadhafi / Qaddafi 71, Kadhafi / Gadhafi 86.
_TRANSLITERATION_RATIO = 70.0


def _transliterations(sets: _Sets, parsed: dict[str, pn.PersonName],
                      clusters_of: dict[str, list[list[str]]]) -> None:
    """Rule 5c: one person under two spellings of the surname ("Qassem Suleimani" /
    "Qassem Soleimani"): full names with the same given names whose surnames of 5+
    letters are close (rapidfuzz ratio) with the same consonants, when no third person
    of the event fits either."""
    by_given: dict[tuple[str, ...], list[tuple[str, list[str]]]] = defaultdict(list)
    for surname, clusters in clusters_of.items():
        if len(surname) < 5:
            continue
        for c in clusters:
            by_given[parsed[c[0]].given].append((surname, c))
    for group in by_given.values():
        if len(group) < 2 or len(group) > _MAX_CLUSTERS:
            continue
        close: list[tuple[str, str]] = []
        for i, (sa, ca) in enumerate(group):
            for sb, cb in group[i + 1:]:
                if sa != sb and fuzz.ratio(sa, sb) >= _TRANSLITERATION_RATIO and _same_ending(sa, sb):
                    close.append((ca[0], cb[0]))
        partners = Counter(k for pair in close for k in pair)
        for a, b in close:
            if partners[a] == 1 and partners[b] == 1:
                sets.union(a, b)


_GUTTURALS = frozenset("gqkc")


def _same_ending(a: str, b: str) -> bool:
    """Transliterations change vowels, an "h" and doubled letters, and a first g / q / k:
    they keep the name's end and its consonants (Suleimani / Soleimani, Gadhafi / Qaddafi;
    not Hussein / Husseini, Clinton / Clifton)."""
    if a[-2:] != b[-2:]:
        return False
    ka, kb = _skeleton(a), _skeleton(b)
    if ka[0] != kb[0] and not (ka[0] in _GUTTURALS and kb[0] in _GUTTURALS):
        return False
    return ka[1:] == kb[1:]


def _dominant(sets: _Sets, candidates: list[str], names: dict[str, _Name]) -> str | None:
    weight: Counter = Counter()
    best: dict[str, str] = {}
    for c in candidates:
        root = sets.find(c)
        weight[root] += sum(names[c].surfaces.values())
        best.setdefault(root, c)
    ranked = weight.most_common()
    if len(ranked) >= 2 and ranked[0][1] >= 3 * sum(n for _, n in ranked[1:]):
        return best[ranked[0][0]]
    return None


def _of_heads(sets: _Sets, names: dict[str, _Name]) -> None:
    """Rule 7: "Islamic State" is the head of "Islamic State of Iraq and the Levant"."""
    by_head: dict[str, list[str]] = defaultdict(list)
    for k in names:
        toks = k.split()
        if "of" in toks:
            head_toks = toks[: toks.index("of")]
            head = " ".join(head_toks)
            if len(head_toks) >= 2 or (head_toks and head_toks[-1] in gz.ORG_HEADS):
                by_head[_singular(head)].append(k)
    for key in sorted(names):
        if _is_role(names[key]):
            continue
        cands = by_head.get(_singular(key))
        if cands:
            target = _unique_target(sets, cands)
            if target is not None:
                sets.union(key, target)


def _modifier_prefixes(sets: _Sets, names: dict[str, _Name]) -> None:
    """Rule 8: "Iranian Revolutionary Guards" is the "Revolutionary Guards"."""
    singular = defaultdict(list)
    for k in names:
        singular[_singular(k)].append(k)
    for key in sorted(names):
        toks = key.split()
        if len(toks) < 2 or names[key].kind == "person":
            continue
        if toks[0] in gz.NATIONALITIES or toks[0] in gz.PLACES:
            rest = _singular(" ".join(toks[1:]))
            cands = singular.get(rest)
            role = rest in names and _is_role(names[rest])
            if cands and rest not in gz.PLACES and rest not in gz.NATIONALITIES and not role:
                target = _unique_target(sets, cands)
                if target is not None:
                    sets.union(key, target)


# --------------------------------------------------------------------------- entities


def _role_referents(docs: Sequence[AnalysedArticle], items: Sequence[tuple[int, str, RawMention, str]],
                     sets: _Sets, names: dict[str, _Name]) -> None:
    """Rule 9: a singular person role noun joins the person its sentences keep naming."""
    roles = sorted(k for k, n in names.items() if _is_role(n) and gz.ROLE_NOUNS[k] == "person" and " " not in k)
    if not roles:
        return
    root_kinds: dict[str, Counter] = defaultdict(Counter)
    for k, n in names.items():
        if not _is_role(n):
            root_kinds[sets.find(k)].update(n.kinds)
    # a person: "person" is the finder's kind for a third of its mentions at least (a
    # surname alone is often "other"; a work or prize is "person" only by mistake, rarely)
    personal = {root for root, kinds in root_kinds.items()
                if _top_kind(kinds) == "person" and 3 * kinds["person"] >= sum(kinds.values())}
    people: dict[str, list[tuple[int, str]]] = defaultdict(list)  # article -> (start, root)
    for _, art_id, m, key in items:
        root = sets.find(key)
        if root in personal and not _is_role(names[key]):
            people[art_id].append((m.start, root))
    word_re = re.compile(r"\b(" + "|".join(map(re.escape, roles)) + r")(?:s|es|ed|ing)?\b", re.IGNORECASE)
    sentence_hits: dict[str, Counter] = defaultdict(Counter)  # role -> root -> sentences
    article_hits: dict[tuple[str, str], set[str]] = defaultdict(set)  # (role, root) -> articles
    for doc in docs:
        art = doc.article
        found = people.get(art.id)
        if not found:
            continue
        starts = doc.sentence_starts
        named: dict[int, set[str]] = defaultdict(set)  # sentence -> person roots in it
        for start, root in found:
            named[max(0, bisect_right(starts, start) - 1)].add(root)
        role_sentences: set[tuple[str, int]] = set()
        for match in word_re.finditer(art.text):
            role_sentences.add((match.group(1).casefold(), max(0, bisect_right(starts, match.start()) - 1)))
        for role, n in role_sentences:
            for root in named.get(n, ()):
                sentence_hits[role][root] += 1
                article_hits[(role, root)].add(art.id)
    for role in roles:
        ranked = sentence_hits[role].most_common(2)
        if not ranked:
            continue
        best, count = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0
        if count >= 3 and len(article_hits[(role, best)]) >= 2 and count >= 2 * runner_up:
            sets.union(role, best)


def _slug(text: str) -> str:
    return _SLUG_RE.sub("-", text.casefold()).strip("-")[:48].strip("-") or "entity"


def _display(text: str) -> str:
    t = " ".join(text.replace("’", "'").split())
    if t.endswith("'s"):
        t = t[:-2]
    if t.lower().startswith("the ") and len(t) > 4:
        t = t[4:]
    return t


def _full_name(surfaces: Counter, kind: str = "other") -> str:
    """The name an entity is shown by: a person's fullest name ("W. Mark Felt"); a
    place's most used one ("Iran", not "Islamic Republic of Iran"); never an acronym
    when a written-out name is there."""
    def rank(item: tuple[str, int]) -> tuple:
        s, n = item
        acro = _is_acronym_surface(s) and " " not in s
        if kind == "place":
            return (not acro, n, len(s.split()), len(s), s)
        return (not acro, len(s.split()), n, len(s), s)

    return max(surfaces.items(), key=rank)[0]


def resolve_entities(
    articles: Sequence[Article | AnalysedArticle],
    mentions: Mapping[str, Sequence[RawMention]] | None = None,
) -> list[Entity]:
    """Merge the mentions of all ``articles`` into entities (aliases resolved).

    ``articles`` are analysed articles (their mentions and sentences are used), or bare
    articles with ``mentions`` mapping an article id to its raw mentions. Entities come in order of first
    mention; each has a slug id unique in the result, its fullest name, a kind, its other
    surface forms (sorted) and its mentions sorted by (article order, start).
    """
    if mentions is None:
        mentions = {}
    docs = [
        a if isinstance(a, AnalysedArticle) else analyse(a, mentions.get(a.id, ()))
        for a in articles
    ]
    mentions = {d.id: d.mentions if d.id not in mentions else mentions[d.id] for d in docs}
    articles = [d.article for d in docs]
    order = {a.id: n for n, a in enumerate(articles)}
    names: dict[str, _Name] = {}
    items: list[tuple[int, str, RawMention, str]] = []
    for art in articles:
        for m in mentions.get(art.id, ()):
            key = normalise(m.text)
            if not key:
                continue
            name = names.get(key)
            if name is None:
                name = names[key] = _Name(key)
            name.surfaces[_display(m.text)] += 1
            name.kinds[m.kind if m.kind in ENTITY_KINDS else "other"] += 1
            items.append((order[art.id], art.id, m, key))
    if not items:
        return []
    sets = _Sets(sorted(names))
    # ---- phase 1
    by_singular: dict[str, str] = {}
    for key in sorted(names):
        base = _singular(key).replace("-", " ")
        if " " not in key and names[key].kind == "nationality" and key.endswith("s") and not key.endswith("ss"):
            base = key[:-1]
        if base in by_singular:
            sets.union(key, by_singular[base])
        else:
            by_singular[base] = key
    rows = _equivalent_rows()
    present: dict[int, list[str]] = defaultdict(list)
    for key in sorted(names):
        for row in rows.get(key.replace(".", ""), ()):
            present[row].append(key)
    for keys in present.values():
        for k in keys[1:]:
            sets.union(keys[0], k)
    _acronym_definitions(articles, mentions, sets, names)
    _acronym_initials(sets, names)
    _spelling_variants(sets, names)
    # ---- phase 2
    _of_heads(sets, names)
    _modifier_prefixes(sets, names)
    ambiguous = _surnames(sets, names)
    _role_referents(docs, items, sets, names)
    ambiguous_roots: dict[str, list[str]] = defaultdict(list)  # a candidate's root -> ambiguous names
    for key, cands in ambiguous.items():
        for root in {sets.find(c) for c in cands}:
            ambiguous_roots[root].append(key)
    # ---- build: an ambiguous surname means, in its own article, the person of that
    # surname the article named in full first (news names the subject first; relatives
    # and namesakes come later, each in full)
    first_in_article: dict[tuple[str, str], tuple[int, str]] = {}  # (article, key) -> (start, root)
    for _, art_id, m, key in items:
        root = sets.find(key)
        if root in ambiguous_roots and key not in ambiguous:
            for cand in ambiguous_roots[root]:
                slot = (art_id, cand)
                if slot not in first_in_article or m.start < first_in_article[slot][0]:
                    first_in_article[slot] = (m.start, root)
    groups: dict[str, list[tuple[int, str, RawMention, str]]] = defaultdict(list)
    for item in items:
        root = sets.find(item[3])
        if item[3] in ambiguous:
            local = first_in_article.get((item[1], item[3]))
            if local is not None:
                root = local[1]
        groups[root].append(item)
    built: list[tuple[tuple[int, int], Entity]] = []
    for members in groups.values():
        members.sort(key=lambda it: (it[0], it[2].start, it[2].end))
        surfaces: Counter = Counter()
        kinds: Counter = Counter()
        for _, _, m, key in members:
            surfaces[_display(m.text)] += 1
        for key in {it[3] for it in members}:
            kinds[names[key].kind] += sum(names[key].kinds.values())
        kind = _top_kind(kinds)
        if kind in ("other", "person") and all(
                _place_evidence(key, names[key].kinds) for key in {it[3] for it in members}):
            kind = "place"
        full = _full_name(surfaces, kind)
        aliases = sorted(s for s in surfaces if s != full)
        ent = Entity(
            id="",
            name=full,
            kind=kind,
            aliases=aliases,
            mentions=[Mention(art_id, m.start, m.end, m.text) for _, art_id, m, _ in members],
        )
        built.append(((members[0][0], members[0][2].start), ent))
    built.sort(key=lambda pair: (pair[0], pair[1].name))
    taken: set[str] = set()
    out = []
    for _, ent in built:
        ent.id = unique_slug(ent.name, taken)
        taken.add(ent.id)
        out.append(ent)
    return out


def unique_slug(name: str, taken: set[str]) -> str:
    """The slug id of a name ("w-mark-felt"), made unique against ``taken`` ("-2", "-3")."""
    base = candidate = _slug(name)
    n = 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    return candidate
