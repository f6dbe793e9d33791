"""Search queries over the article index: parsing and checking them, finding every match in
an article's text, and cutting a one-line snippet around the matches.

Queries use Whoosh syntax: terms (AND is the default conjunction), ``AND``/``OR``/``NOT``,
``"phrases"``, ``field:value`` (``title``, ``source``, ``published``; ``body`` is implied),
``prefix*``, ``fuzzy~`` / ``fuzzy~2``. Matching is case-insensitive and stemmed.

Whoosh's parser never complains (see the project's whoosh notes, pitfall 3), so
:func:`parse_query` checks the result and raises :class:`QueryError` with one line for an
empty parse, an unknown field or a bare ``*``; fuzzy distances are capped at 2.

Match offsets are Python string indices into ``Article.text`` and cover the whole
article, however long it is; phrase queries yield the phrase occurrences only.
:func:`match_spans` runs a given analyzer over the text and matches the query's terms
against the tokens; :func:`text_spans` gives the same answer for the body analyzer while
stemming each distinct word once and reading only the tokens it needs, and
:func:`tokenize_stemmed` is that analyzer in one pass (tests hold both equal to Whoosh's).
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, NamedTuple, Sequence

from whoosh import query as wq
from whoosh.analysis.filters import STOP_WORDS
from whoosh.analysis.tokenizers import default_pattern
from whoosh.lang.porter import stem as porter_stem
from whoosh.qparser import FuzzyTermPlugin, QueryParser
from whoosh.query.qcore import _NullQuery
from whoosh.support.levenshtein import levenshtein

#: Fields a user may name in a query (the others in the schema are internal).
SEARCHABLE_FIELDS: tuple[str, ...] = ("body", "title", "source", "published")
DEFAULT_FIELD = "body"
MAX_FUZZY_DISTANCE = 2


class QueryError(ValueError):
    """A query that cannot be run; the message is one line meant for the user."""


@dataclass
class Hit:
    """One search result. ``spans`` are every match in the whole article text, sorted."""

    article_id: str
    path: str
    title: str
    score: float
    snippet: str
    spans: list[tuple[int, int]] = field(default_factory=list)


class Token(NamedTuple):
    """An analysed token of an article: indexed form, position, and its place in the text."""

    text: str
    pos: int
    start: int
    end: int


# --------------------------------------------------------------------------- parsing

# ``name:`` at the start of a word, outside quotes (quoted parts are blanked first).
_FIELD_REF = re.compile(r"(?:^|(?<=[\s(+\-]))([A-Za-z_][\w.\-]*):(?!//)(?=\S)")
_QUOTED = re.compile(r'"[^"]*"')
_ONLY_WILDCARDS = re.compile(r"[*?]+")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _check_fields(text: str, known: Sequence[str]) -> None:
    unquoted = _QUOTED.sub(lambda m: " " * len(m.group()), text)
    for match in _FIELD_REF.finditer(unquoted):
        name = match.group(1)
        if name not in known:
            raise QueryError(
                f"unknown field {name!r} in: {_one_line(text)} "
                f"(known fields: {', '.join(known)})"
            )


def _walk(q: wq.Query) -> Iterable[wq.Query]:
    yield q
    if q.is_leaf():
        return
    for child in q.children():
        yield from _walk(child)


def make_parser(schema: Any) -> QueryParser:
    parser = QueryParser(DEFAULT_FIELD, schema)  # default group: AND, like a search box
    parser.add_plugin(FuzzyTermPlugin())
    return parser


def parse_query(text: str, schema: Any) -> wq.Query:
    """Parse ``text`` into a Whoosh query for ``schema`` and check it can be run.

    Raises :class:`QueryError` (one-line message) for an empty or unsearchable query, an
    unknown field, or a query that would match every article (a bare ``*``).
    """
    shown = _one_line(text)
    if not shown:
        raise QueryError("empty query")
    known = [name for name in SEARCHABLE_FIELDS if name in schema.names()]
    _check_fields(text, known)
    if text.count('"') % 2:  # an unclosed quote: close it, so the words become a phrase
        text = text + '"'
    try:
        q = make_parser(schema).parse(text)
    except Exception as exc:  # Whoosh rarely raises, but never let it escape as a traceback
        raise QueryError(f"cannot parse query {shown!r}: {exc}") from None
    if q is None or isinstance(q, _NullQuery):
        raise QueryError(f"nothing searchable in: {shown}")
    for node in _walk(q):
        if isinstance(node, wq.Every) or (
            isinstance(node, wq.Wildcard) and _ONLY_WILDCARDS.fullmatch(node.text or "")
        ):
            raise QueryError(
                f"a bare '*' would match every article; add some letters (e.g. troop*): {shown}"
            )
        if isinstance(node, wq.FuzzyTerm) and node.maxdist > MAX_FUZZY_DISTANCE:
            node.maxdist = MAX_FUZZY_DISTANCE
    if not any(_is_positive_leaf(n) for n in _positive_nodes(q)):
        raise QueryError(f"nothing searchable in: {shown}")
    return q


def _is_positive_leaf(q: wq.Query) -> bool:
    return q.is_leaf() and not isinstance(q, _NullQuery)


def _positive_nodes(q: wq.Query) -> Iterable[wq.Query]:
    """Every node of ``q`` except those under a NOT (they exclude, they never match)."""
    if isinstance(q, wq.Not):
        return
    if isinstance(q, wq.AndNot):
        yield q
        yield from _positive_nodes(q.a)
        return
    yield q
    if not q.is_leaf():
        for child in q.children():
            yield from _positive_nodes(child)


# --------------------------------------------------------------------------- spans


class TokenizedText:
    """An analysed text: its tokens in order, and the token numbers of each indexed form
    (so a term is found by one lookup, and a pattern is tested once per distinct word)."""

    __slots__ = ("tokens", "where")

    def __init__(self, tokens: list[Token], where: dict[str, list[int]] | None = None) -> None:
        self.tokens = tokens
        if where is None:
            where = {}
            for n, tok in enumerate(tokens):
                where.setdefault(tok.text, []).append(n)
        self.where = where


def tokenize(text: str, analyzer: Callable[..., Iterable[Any]]) -> TokenizedText:
    """Run ``analyzer`` over ``text`` and keep what matching needs (tokens are reused by
    Whoosh, so their fields are copied out)."""
    return TokenizedText([
        Token(t.text, t.pos, t.startchar, t.endchar)
        for t in analyzer(text, positions=True, chars=True, mode="index")
    ])


#: Stems already computed, shared by every article (bounded: cleared when full).
_STEMS: dict[str, str] = {}
_STEM_CACHE_SIZE = 200_000
#: What Whoosh's StemmingAnalyzer() drops: words shorter than this, and its stop words.
_MIN_WORD = 2


def _stem(word: str) -> str:
    if len(_STEMS) >= _STEM_CACHE_SIZE:
        _STEMS.clear()
    stemmed = _STEMS[word] = porter_stem(word)
    return stemmed


def tokenize_stemmed(text: str) -> TokenizedText:
    """The same tokens as ``tokenize(text, StemmingAnalyzer())`` (the body analyzer:
    Whoosh's word pattern, lower case, stop words and one-letter words dropped with the
    positions renumbered from the first kept word, Porter stems), several times faster:
    one pass, no token objects, stems from a shared cache. Tests hold it equal to the
    analyzer on real and random text."""
    tokens: list[Token] = []
    append = tokens.append
    where: dict[str, list[int]] = {}
    stems, stops = _STEMS, STOP_WORDS
    make = tuple.__new__  # Token(...) without the Python-level __new__
    pos = -1
    n = 0
    for raw, match in enumerate(default_pattern.finditer(text)):
        word = match.group().lower()
        if len(word) < _MIN_WORD or word in stops:
            continue
        pos = raw if n == 0 else pos + 1
        stemmed = stems.get(word)
        if stemmed is None:
            stemmed = _stem(word)
        start, end = match.span()
        append(make(Token, (stemmed, pos, start, end)))
        numbers = where.get(stemmed)
        if numbers is None:
            where[stemmed] = [n]
        else:
            numbers.append(n)
        n += 1
    return TokenizedText(tokens, where)


_TokenTest = Callable[[str], bool]


def _leaf_test(q: wq.Query) -> _TokenTest | None:
    """A predicate on a token's indexed form for a single-word query, else None."""
    if isinstance(q, wq.FuzzyTerm):
        target, maxdist, prefix = q.text, int(q.maxdist), q.prefixlength
        head = target[:prefix]

        def fuzzy(word: str) -> bool:
            return (
                abs(len(word) - len(target)) <= maxdist
                and word.startswith(head)
                and levenshtein(word, target, maxdist + 1) <= maxdist
            )

        return fuzzy
    if isinstance(q, wq.Prefix):
        prefix = q.text
        return lambda word: word.startswith(prefix)
    if isinstance(q, wq.Wildcard):
        pattern = re.compile(fnmatch.translate(q.text))
        return lambda word: pattern.match(word) is not None
    if isinstance(q, wq.Regex):
        try:
            rx = re.compile(q.text)
        except re.error:
            return None
        return lambda word: rx.match(word) is not None
    if isinstance(q, wq.TermRange):
        lo, hi = q.start, q.end

        def in_range(word: str) -> bool:
            if lo is not None and (word < lo or (word == lo and q.startexcl)):
                return False
            if hi is not None and (word > hi or (word == hi and q.endexcl)):
                return False
            return True

        return in_range
    if isinstance(q, wq.Term):
        target = q.text
        return lambda word: word == target
    return None


def _phrase_spans(words: Sequence[str], slop: int, text: TokenizedText) -> list[tuple[int, int]]:
    """Occurrences of ``words`` at consecutive positions (within ``slop``), as spans."""
    if not words:
        return []
    tokens = text.tokens
    spans = []
    n = len(tokens)
    for i in text.where.get(words[0], ()):
        first = tokens[i]
        last, k = first, i
        for word in words[1:]:
            k += 1
            while k < n and tokens[k].pos <= last.pos:
                k += 1
            found = None
            while k < n and tokens[k].pos - last.pos <= slop:
                if tokens[k].text == word:
                    found = tokens[k]
                    break
                k += 1
            if found is None:
                break
            last = found
        else:
            spans.append((first.start, last.end))
    return spans


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sort spans and merge those that overlap."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(set(spans)):
        if out and start < out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def spans_for_tokens(
    q: wq.Query, text: TokenizedText, fieldname: str = DEFAULT_FIELD
) -> list[tuple[int, int]]:
    """Every place in the text (as tokenised) where a non-negated part of ``q`` on
    ``fieldname`` matches: phrase occurrences for phrases, single tokens otherwise."""
    tests: list[_TokenTest] = []
    hits: set[int] = set()
    spans: list[tuple[int, int]] = []
    for node in _positive_nodes(q):
        if getattr(node, "fieldname", None) != fieldname:
            continue
        if isinstance(node, wq.Phrase):
            spans.extend(_phrase_spans(node.words, max(1, node.slop), text))
        elif type(node) is wq.Term:
            hits.update(text.where.get(node.text, ()))
        elif node.is_leaf():
            test = _leaf_test(node)
            if test is not None:
                tests.append(test)
    if tests:
        for word, numbers in text.where.items():
            if any(test(word) for test in tests):
                hits.update(numbers)
    tokens = text.tokens
    spans.extend((tokens[n].start, tokens[n].end) for n in hits)
    return merge_spans(spans)


# A body token is a maximal match of Whoosh's word pattern ``[\w*]+(\.?[\w*]+)*``: it starts
# where a word character follows neither a word character nor "word character + dot", and
# ends where neither a word character nor "dot + word character" follows.
_TOKEN_START = r"(?<![\w*])(?<![\w*]\.)"
_TOKEN_END = r"(?![\w*])(?!\.[\w*])"
_SURFACE_WORDS = re.compile(r"[\w*]+(?:\.?[\w*]+)*")


def _kept_stem(surface: str) -> str | None:
    """The indexed form of one token as written (None for a dropped stop or 1-letter word)."""
    word = surface.lower()
    if len(word) < _MIN_WORD or word in STOP_WORDS:
        return None
    stemmed = _STEMS.get(word)
    return stemmed if stemmed is not None else _stem(word)


def _indexed_forms(surfaces: Iterable[str]) -> dict[str, str]:
    """``{word as written: its stem}`` for the words the body analyzer keeps."""
    surfaces = list(surfaces)
    # One lower() for all: "\0" is neither cased nor case-ignorable, so each word is
    # lowered as if alone (the final-sigma rule sees the same word boundaries).
    lowered = "\0".join(surfaces).lower().split("\0")
    stems = list(map(_STEMS.get, lowered))
    out = {}
    for surface, word, stemmed in zip(surfaces, lowered, stems):
        if stemmed is None:
            if len(word) < _MIN_WORD or word in STOP_WORDS:
                continue
            stemmed = _stem(word)
        out[surface] = stemmed
    return out


def _kept_tokens_after(text: str, pos: int) -> Iterable[tuple[str, int, int]]:
    """``(stem, start, end)`` of the kept tokens from ``pos`` (a token end) onwards."""
    for match in default_pattern.finditer(text, pos):
        stemmed = _kept_stem(match.group())
        if stemmed is not None:
            yield stemmed, match.start(), match.end()


def _lazy_phrase_spans(words: Sequence[str], slop: int, text: str,
                       firsts: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """:func:`_phrase_spans` reading only the tokens after each occurrence of the first
    word (``firsts``): kept tokens have consecutive positions, so "within ``slop``
    positions" is "among the next ``slop`` kept tokens"."""
    spans = []
    for first_start, first_end in firsts:
        following = _kept_tokens_after(text, first_end)
        ahead: list[tuple[str, int, int]] = []  # tokens read so far, in order
        last = -1  # index in ``ahead`` of the last matched word (-1: the first word)
        end = first_end
        for word in words[1:]:
            found = None
            k = last + 1
            while k - last <= slop:
                while len(ahead) <= k:
                    nxt = next(following, None)
                    if nxt is None:
                        break
                    ahead.append(nxt)
                if len(ahead) <= k:
                    break
                if ahead[k][0] == word:
                    found = k
                    break
                k += 1
            if found is None:
                break
            last, end = found, ahead[found][2]
        else:
            spans.append((first_start, end))
    return spans


def text_spans(q: wq.Query, text: str) -> list[tuple[int, int]]:
    """The same as ``spans_for_tokens(q, tokenize(text, StemmingAnalyzer()))`` without
    analysing the whole text: each distinct word of the text is stemmed once, the words
    whose stems match are found with one regular expression anchored on token
    boundaries, and only phrases read the tokens that follow their first word."""
    targets: set[str] = set()
    tests: list[_TokenTest] = []
    phrases: list[tuple[Sequence[str], int]] = []
    for node in _positive_nodes(q):
        if getattr(node, "fieldname", None) != DEFAULT_FIELD:
            continue
        if isinstance(node, wq.Phrase):
            if node.words:
                phrases.append((node.words, max(1, node.slop)))
        elif type(node) is wq.Term:
            targets.add(node.text)
        elif node.is_leaf():
            test = _leaf_test(node)
            if test is not None:
                tests.append(test)
    if not (targets or tests or phrases):
        return []
    stem_of = _indexed_forms(set(_SURFACE_WORDS.findall(text)))
    stems = set(stem_of.values())
    matched = {st for st in stems if st in targets or any(test(st) for test in tests)}
    starters = {words[0] for words, _ in phrases} & stems
    wanted = [w for w, st in stem_of.items() if st in matched or st in starters]
    if not wanted:
        return []
    wanted.sort(key=len, reverse=True)
    finder = re.compile(_TOKEN_START + "(?:" + "|".join(map(re.escape, wanted)) + ")" + _TOKEN_END)
    spans: list[tuple[int, int]] = []
    firsts: dict[str, list[tuple[int, int]]] = {}
    for match in finder.finditer(text):
        stemmed = stem_of[match.group()]
        if stemmed in matched:
            spans.append(match.span())
        if stemmed in starters:
            firsts.setdefault(stemmed, []).append(match.span())
    for words, slop in phrases:
        spans.extend(_lazy_phrase_spans(words, slop, text, firsts.get(words[0], ())))
    return merge_spans(spans)


def match_spans(q: wq.Query, article_text: str, analyzer: Callable[..., Iterable[Any]]) -> list[tuple[int, int]]:
    """Every match of ``q``'s body terms in ``article_text``: sorted, non-overlapping
    ``(start, end)`` Python string offsets, across the whole text."""
    return spans_for_tokens(q, tokenize(article_text, analyzer))


# --------------------------------------------------------------------------- snippets

_ELLIPSIS = "…"


def _best_window(spans: Sequence[tuple[int, int]], width: int) -> int:
    """Start offset of the window of ``width`` characters that holds the most spans."""
    best_start, best_count = spans[0][0], 0
    j = 0
    for i, (start, _) in enumerate(spans):
        j = max(j, i)
        while j + 1 < len(spans) and spans[j + 1][1] <= start + width:
            j += 1
        if j - i + 1 > best_count:
            best_start, best_count = start, j - i + 1
    return best_start


def snippet_with_spans(
    text: str, spans: Sequence[tuple[int, int]], width: int = 160
) -> tuple[str, list[tuple[int, int]]]:
    """A one-line plain-text excerpt of ``text`` around the densest group of ``spans``
    (whitespace runs collapsed, ``…`` where cut) and the spans' offsets within it."""
    width = max(width, 20)
    room = width - 2  # leave space for the ellipses
    if spans:
        first = _best_window(spans, room)
        lead = min(room // 4, first)
        start = first - lead
        if start > 0:  # begin at a word boundary when one is close
            gap = text.find(" ", start, first)
            if gap != -1:
                start = gap + 1
    else:
        start = 0
    while start < len(text) and text[start].isspace():
        start += 1

    out: list[str] = []
    mapping: dict[int, int] = {}
    pos = start
    prev_space = False
    size, count = len(text), 0  # count == len(out)
    while pos < size and count < room:
        ch = text[pos]
        mapping[pos] = count
        if ch.isspace():
            if not prev_space:
                out.append(" ")
                count += 1
            prev_space = True
        else:
            out.append(ch)
            count += 1
            prev_space = False
        pos += 1
    end = pos
    mapping[end] = count
    body = "".join(out).rstrip()
    prefix = _ELLIPSIS if text[:start].strip() else ""
    suffix = _ELLIPSIS if text[end:].strip() else ""
    shift = len(prefix)
    local: list[tuple[int, int]] = []
    for s, e in spans:
        if e <= start or s >= end:
            continue
        ls = mapping[max(s, start)] + shift
        le = min(mapping[min(e, end)], len(body)) + shift
        if le > ls:
            local.append((ls, le))
    return prefix + body + suffix, local


def make_snippet(text: str, spans: Sequence[tuple[int, int]], width: int = 160) -> str:
    """A one-line plain-text excerpt around the matches (see :func:`snippet_with_spans`)."""
    return snippet_with_spans(text, spans, width)[0]
