"""Each article analysed once per process: a bounded memo of its analysis record.

:func:`analysed` returns an article's :class:`~newsdiff.analysis.document.AnalysedArticle`
and its figures, computing them only for a text not seen recently. A re-comparison —
after the reader merges or splits an entity, for the Figures of an event opened again, or
for an event that shares articles with one compared before — reads the record instead of
finding the sentences, mentions and figures again.

The memo is keyed by the article's id and its text (a changed text is a new entry) and
bounded both in entries and in the characters of text it keeps alive, least recently used
first out. The records are immutable (frozen dataclasses; a figure list is handed out as a
tuple). Thread-safe: the app compares in worker threads.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import replace

from newsdiff.analysis.document import AnalysedArticle, analyse
from newsdiff.analysis.figures import extract_figures
from newsdiff.corpus.articles import Article
from newsdiff.records import Figure

#: Most articles the memo keeps, and most characters of their texts.
MAX_ENTRIES = 512
MAX_CHARS = 40_000_000

_memo: OrderedDict[tuple[str, str], tuple[AnalysedArticle, tuple[Figure, ...]]] = OrderedDict()
_chars = 0
_lock = threading.Lock()


def analysed(article: Article) -> tuple[AnalysedArticle, tuple[Figure, ...]]:
    """``(record, figures)`` of ``article``: from the memo when its text was analysed
    lately, else computed now (outside the lock) and kept."""
    global _chars
    key = (article.id, article.text)
    with _lock:
        hit = _memo.get(key)
        if hit is not None:
            _memo.move_to_end(key)
    if hit is not None:
        doc, figures = hit
        # the same text under another Article object (a new title, a new date): the record
        # names the article it was given
        return (doc if doc.article is article else replace(doc, article=article)), figures
    doc = analyse(article)
    figures = tuple(extract_figures(doc))
    size = len(article.text)
    if size <= MAX_CHARS:
        with _lock:
            if key not in _memo:
                _memo[key] = (doc, figures)
                _chars += size
            while len(_memo) > MAX_ENTRIES or _chars > MAX_CHARS:
                (_, text), _ = _memo.popitem(last=False)
                _chars -= len(text)
    return doc, figures


def clear() -> None:
    """Forget every record (tests; a process that has done with a pile)."""
    global _chars
    with _lock:
        _memo.clear()
        _chars = 0
