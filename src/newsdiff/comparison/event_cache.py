"""The events of a pile, remembered beside its index so a reopened pile is not regrouped.

Grouping reads every article's text and costs seconds on thousands of articles; the
events only change when the articles do. :func:`grouped_events` keys the result by a
digest of the pile (each article's id and text checksum, sorted), the grouping threshold
and the grouping code itself, and keeps it in ``.events.json`` in the index folder. With
the file cache (:mod:`newsdiff.corpus.file_cache`), a pile whose files did not change
shows its event list without reading a single article's text.

The file is a shortcut, read as untrusted input: it is used only when its key matches and
its events hold every article of the pile exactly once; titles are cleaned again and
event ids recomputed. A missing, corrupt or unwritable file means grouping as usual.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path
from typing import Sequence

from newsdiff.atomic import atomic_write_bytes
from newsdiff.corpus.articles import Article
from newsdiff.corpus.textsafe import clean_field, plain
from newsdiff.records import Event, event_id

#: the grouping module: its code is part of the key. It is imported only to group (its
#: analysis imports cost a tenth of a second, which a reopened pile does not pay).
GROUPING = "newsdiff.comparison.events"

CACHE_NAME = ".events.json"
FORMAT = 1


def pile_key(articles: Sequence[Article], threshold: float | None) -> str:
    """A digest of what grouping reads: the articles (id, checksum), the threshold (None:
    the grouping code's default) and the grouping code."""
    digest = hashlib.sha256(f"{FORMAT}:{threshold!r}:".encode())
    try:
        spec = importlib.util.find_spec(GROUPING)  # found, not run
        digest.update(Path(spec.origin).read_bytes() if spec and spec.origin else b"?")
    except (OSError, ImportError, ValueError):
        digest.update(b"?")
    for article_id, sha in sorted((a.id, a.sha256) for a in articles):
        digest.update(f"{article_id}\x00{sha}\n".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def grouped_events(articles: Sequence[Article], cache_dir: Path | None,
                   threshold: float | None = None, on_batch=None, progress=None,
                   fresh: bool = False) -> list[Event]:
    """:func:`newsdiff.comparison.events.group_events` (at ``threshold``, None: its
    default), from ``cache_dir`` when the pile is the one grouped last (then stored
    there; ``cache_dir`` None: no cache; ``fresh``: the caller has just found nothing
    kept there, so it is not read again). Grouped afresh, each batch of final events is
    handed to ``on_batch`` as it comes and ``progress(step, done, total)`` hears the
    steps (see :func:`newsdiff.comparison.events.iter_events`)."""
    key = pile_key(articles, threshold) if cache_dir is not None else ""
    if cache_dir is not None and not fresh:
        cached = _read(Path(cache_dir) / CACHE_NAME, key, {a.id for a in articles})
        if cached is not None:
            return cached
    from newsdiff.comparison import events as grouping

    events: list[Event] = []
    for batch in grouping.iter_events(articles, grouping.THRESHOLD if threshold is None else threshold,
                                      progress=progress):
        events.extend(batch)
        if on_batch is not None and batch:
            on_batch(batch)
    events.sort(key=lambda e: (-len(e.article_ids), e.id))
    if cache_dir is not None:
        _store(Path(cache_dir), key, events)
    return events


def cached_events(articles: Sequence[Article], cache_dir: Path | None,
                  threshold: float | None = None) -> list[Event] | None:
    """The events kept in ``cache_dir`` for this very pile, or None (not grouped yet,
    grouped when it held other articles, or the file unreadable)."""
    if cache_dir is None:
        return None
    return _read(Path(cache_dir) / CACHE_NAME, pile_key(articles, threshold), {a.id for a in articles})


def _store(cache_dir: Path, key: str, events: Sequence[Event]) -> None:
    data = {"format": FORMAT, "key": key,
            "events": [{"title": e.title, "articles": list(e.article_ids)} for e in events]}
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(cache_dir / CACHE_NAME, json.dumps(data, separators=(",", ":")).encode("ascii"))
    except (OSError, ValueError):
        pass  # a read-only or full index folder: grouped anyway


def _read(path: Path, key: str, ids: set[str]) -> list[Event] | None:
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("key") != key \
            or not isinstance(data.get("events"), list):
        return None
    raws = data["events"]
    if not all(type(raw) is dict and type(raw.get("articles")) is list and raw["articles"]
               and type(raw.get("title")) is str for raw in raws):
        return None
    members_of = [raw["articles"] for raw in raws]
    every = [a for members in members_of for a in members]
    # every article of the pile exactly once (so no member repeats within an event)
    if len(every) != len(ids) or not all(type(a) is str for a in every) or set(every) != ids:
        return None
    titles = [raw["title"] for raw in raws]
    if not plain(titles):  # clean title by title
        titles = [clean_field(t) or "" for t in titles]
    events: list[Event] = []
    for title, members in zip(titles, members_of):
        if not title or title != title.strip():
            title = clean_field(title) or members[0]
        events.append(Event(id=event_id(title, members), title=title, article_ids=sorted(members)))
    return events
