"""Annotations (user notes) and their anchoring to article text, after the W3C Web
Annotation model: a text target carries a quote selector (``exact`` with ``prefix`` and
``suffix``) and a position selector (``start``, ``end``), plus the article's sha256.

When an article changed since the note was written, :func:`reanchor` places the note
again: by position if the quote still stands there, else by the quote (prefix/suffix
deciding between repeats), else by a fuzzy match of the quote. A note that cannot be
placed is kept and marked ``orphaned``; it is never dropped.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from difflib import SequenceMatcher
from typing import Iterable, Sequence

from newsdiff.corpus.articles import Article
from newsdiff.records import Annotation, TextTarget, utc_now

__all__ = ["Annotation", "TextTarget", "utc_now", "anchor_text", "new_annotation", "reanchor"]

CONTEXT_CHARS = 32
TARGET_TYPES = ("text", "figure", "entity")
SUGGESTED_TAGS = ("conflict", "agree", "verified", "unverified")
FUZZY_MIN_RATIO = 0.75


def anchor_text(article: Article, start: int, end: int) -> TextTarget:
    """Anchor ``article.text[start:end]`` with quote, context and position selectors."""
    n = len(article.text)
    start = max(0, min(start, n))
    end = max(start, min(end, n))
    return TextTarget(
        article=article.id,
        start=start,
        end=end,
        exact=article.text[start:end],
        prefix=article.text[max(0, start - CONTEXT_CHARS) : start],
        suffix=article.text[end : end + CONTEXT_CHARS],
        sha256=article.sha256,
    )


def new_annotation(
    tag: str,
    note: str,
    *,
    target_type: str,
    target_id: str | None = None,
    text: TextTarget | None = None,
) -> Annotation:
    if target_type not in TARGET_TYPES:
        raise ValueError(f"unknown annotation target type: {target_type!r}")
    if target_type == "text" and text is None:
        raise ValueError("a text annotation needs a text target")
    if target_type != "text" and not target_id:
        raise ValueError(f"a {target_type} annotation needs a target id")
    return Annotation(
        id=f"note-{uuid.uuid4().hex[:10]}",
        created=utc_now(),
        tag=tag.strip() or "unverified",
        note=note,
        target_type=target_type,
        target_id=target_id,
        text=text,
        anchored_by="id" if target_type != "text" else "position",
    )


# --------------------------------------------------------------------------- re-anchoring


def _context_score(text: str, start: int, end: int, target: TextTarget) -> int:
    """How many characters of the stored prefix and suffix agree around ``start:end``."""
    score = 0
    before = text[max(0, start - len(target.prefix)) : start]
    for a, b in zip(reversed(before), reversed(target.prefix)):
        if a != b:
            break
        score += 1
    after = text[end : end + len(target.suffix)]
    for a, b in zip(after, target.suffix):
        if a != b:
            break
        score += 1
    return score


def _find_all(text: str, needle: str) -> list[int]:
    found, pos = [], text.find(needle)
    while pos != -1:
        found.append(pos)
        pos = text.find(needle, pos + 1)
    return found


def _fuzzy_locate(text: str, target: TextTarget) -> tuple[int, int] | None:
    """Best approximate occurrence of the quote, or None when nothing is close enough."""
    exact = target.exact
    if len(exact.strip()) < 4 or not text:
        return None
    # Seed with the longest run the quote shares with the text, then compare windows there.
    matcher = SequenceMatcher(None, text, exact, autojunk=False)
    block = matcher.find_longest_match(0, len(text), 0, len(exact))
    if block.size < max(3, len(exact) // 5):
        return None
    guess = block.a - block.b
    lo = max(0, guess - len(exact) // 2)
    hi = min(len(text), guess + len(exact) + len(exact) // 2)
    best: tuple[float, int, int] | None = None
    min_len, max_len = max(1, int(len(exact) * 0.6)), int(len(exact) * 1.4) + 1
    step = max(1, len(exact) // 40)
    for s in range(lo, hi, step):
        for e in range(s + min_len, min(hi, s + max_len) + 1, step):
            window = SequenceMatcher(None, text[s:e], exact, autojunk=False)
            if window.real_quick_ratio() < FUZZY_MIN_RATIO or window.quick_ratio() < FUZZY_MIN_RATIO:
                continue
            ratio = window.ratio()
            if best is None or ratio > best[0]:
                best = (ratio, s, e)
    if best is None or best[0] < FUZZY_MIN_RATIO:
        return None
    return best[1], best[2]


def place_text_target(target: TextTarget, article: Article) -> tuple[TextTarget, str] | None:
    """Place ``target`` in (possibly edited) ``article``: returns the new target and how it
    was placed ("position", "quote", "fuzzy"), or None when it cannot be placed."""
    text = article.text
    if text[target.start : target.end] == target.exact and (
        article.sha256 == target.sha256 or target.exact
    ):
        return anchor_text(article, target.start, target.end), "position"
    if target.exact:
        hits = _find_all(text, target.exact)
        if hits:
            best = max(
                hits,
                key=lambda s: (
                    _context_score(text, s, s + len(target.exact), target),
                    -abs(s - target.start),
                ),
            )
            return anchor_text(article, best, best + len(target.exact)), "quote"
    span = _fuzzy_locate(text, target)
    if span is None:
        return None
    return anchor_text(article, *span), "fuzzy"


def reanchor(
    annotations: Iterable[Annotation],
    articles: Sequence[Article],
    known_ids: Iterable[str] = (),
) -> list[Annotation]:
    """Re-place every annotation against the current articles. Never drops one.

    ``known_ids`` are the claim and entity ids of the current comparison: a figure or
    entity note whose id still exists stays attached to it; otherwise its text anchor (if
    any) is tried; failing both, it is kept as orphaned.
    """
    by_id = {a.id: a for a in articles}
    known = set(known_ids)
    out: list[Annotation] = []
    for ann in annotations:
        placed = None
        if ann.text is not None and ann.text.article in by_id:
            placed = place_text_target(ann.text, by_id[ann.text.article])
        if ann.target_type != "text" and ann.target_id in known:
            new_text = placed[0] if placed else ann.text
            out.append(replace(ann, text=new_text, orphaned=False, anchored_by="id"))
        elif placed is not None:
            out.append(replace(ann, text=placed[0], orphaned=False, anchored_by=placed[1]))
        else:
            out.append(replace(ann, orphaned=True, anchored_by="none"))
    return out
