"""The full-text index of a corpus: a Whoosh index on disk kept in step with the articles.

:meth:`CorpusIndex.open` opens (or creates) the index for a list of articles and brings it
up to date incrementally: only articles whose ``sha256``, ``path`` or metadata (title,
source, published) changed are
re-indexed, vanished ones are deleted, and an unchanged corpus opens without taking the
write lock or committing anything. ``rebuild=True`` re-indexes everything.

Faults are handled on open: a damaged index (truncated or garbled files, a missing table
of contents, deleted segments) is moved aside to ``<dir>.corrupt-<timestamp>`` and
rebuilt, and :attr:`SyncReport.recovered` says so in one line. A second writer waits up to
``lock_timeout`` seconds and then raises :class:`IndexLockedError`; readers are never
blocked. Searchers are renewed with ``up_to_date()`` + a new searcher, never
``Searcher.refresh()`` (it duplicates documents after a merge; whoosh notes, pitfall 1).

Simple body queries (a term, a phrase, a prefix, a fuzzy term) are ranked by
:mod:`newsdiff.search.ranking`, which returns Whoosh's own scores and order with much less work,
and the body's character offsets are stored, so a hit's match offsets are read from the
index when the stored checksum says the indexed text is the article's. Everything else is
ranked by Whoosh, and offsets are found in the ``Article.text`` the index was opened with
(see :mod:`newsdiff.search.query`). Nothing is cached between queries.
"""

from __future__ import annotations

import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

from whoosh import fields, index as whoosh_index, writing
from whoosh.analysis import SimpleAnalyzer, StemmingAnalyzer
from whoosh.filedb.filestore import FileStorage

from newsdiff.corpus.articles import Article
from newsdiff.search.ranking import RankedHit, Ranker
from newsdiff.search.query import (
    Hit,
    make_snippet,
    merge_spans,
    parse_query,
    spans_for_tokens,
    text_spans,
    tokenize_stemmed,
)

INDEX_NAME = "MAIN"
#: Bump when the schema or analyzers change: an index with another version is rebuilt.
#: 2: the body keeps each token's character offsets, so hits' matches come from the index.
#: 3: a stored ``meta`` key (title, source, published), so metadata edits re-index too.
SCHEMA_VERSION = 3
#: RAM for the indexing pool; one big in-memory run is much faster than many small ones.
BUILD_LIMIT_MB = 384

Progress = Callable[[int, int], None]


class NewsdiffIndexError(Exception):
    """Something went wrong with the index; the message is one line for the user."""


class IndexLockedError(NewsdiffIndexError):
    """Another process holds the index's write lock for longer than we were willing to wait."""


@dataclass
class SyncReport:
    """What opening the index did to bring it up to date with the articles."""

    added: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    rebuilt: bool = False
    recovered: str | None = None  # one-line message when a corrupt index was moved aside

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.deleted or self.rebuilt)


def body_analyzer() -> StemmingAnalyzer:
    """Tokenise, lowercase, drop stop words, stem (``troops`` -> ``troop``)."""
    return StemmingAnalyzer()


def make_schema() -> fields.Schema:
    return fields.Schema(
        id=fields.ID(unique=True, stored=True),
        path=fields.STORED(),
        title=fields.TEXT(analyzer=StemmingAnalyzer(), stored=True),
        source=fields.TEXT(analyzer=SimpleAnalyzer()),
        published=fields.ID(),
        body=fields.TEXT(analyzer=body_analyzer(), phrase=True, chars=True),
        sha256=fields.STORED(),
        meta=fields.STORED(),
        schema_version=fields.STORED(),
    )


def meta_key(article: Article) -> str:
    """What, besides the text and path, an indexed document must match: title, source and
    published (front matter or JSON fields can change while the text does not)."""
    return "\x1f".join((article.title, article.source or "", article.published or ""))


def _document(article: Article) -> dict:
    doc = {
        "id": article.id,
        "path": article.path,
        "title": article.title,
        "body": article.text,
        "sha256": article.sha256,
        "meta": meta_key(article),
        "schema_version": SCHEMA_VERSION,
    }
    if article.source:
        doc["source"] = article.source
    if article.published:
        doc["published"] = article.published
    return doc


# --------------------------------------------------------------------------- files on disk


def _is_index_file(name: str) -> bool:
    return name.startswith((INDEX_NAME, f"_{INDEX_NAME}_"))


def _index_files(index_dir: Path) -> list[Path]:
    try:
        return [p for p in index_dir.iterdir() if _is_index_file(p.name)]
    except FileNotFoundError:
        return []


_TOC_NAME = re.compile(rf"_{INDEX_NAME}_\d+\.toc")


def _has_toc(index_dir: Path) -> bool:
    return any(_TOC_NAME.fullmatch(p.name) for p in _index_files(index_dir))


def _move_aside(index_dir: Path) -> Path:
    """Move the index's files to ``<dir>.corrupt-<timestamp>``; other files (such as a
    README) stay where they are."""
    stamp = time.strftime("%Y%m%dT%H%M%S")
    target = index_dir.with_name(f"{index_dir.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = index_dir.with_name(f"{index_dir.name}.corrupt-{stamp}-{n}")
    target.mkdir(parents=True)
    for path in _index_files(index_dir):
        shutil.move(str(path), str(target / path.name))
    return target


class _Damaged(Exception):
    """The index on disk cannot be trusted; the message says why."""


def _describe(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."


_State = tuple[dict[str, tuple[str, str, str]], int, set[str]]


def _read_state(ix: whoosh_index.Index) -> _State:
    """``({id: (sha256, path, meta)}, generation, duplicated ids)`` of the index, checking on the
    way that it is readable and consistent. Raises _Damaged otherwise."""
    try:
        generation = ix.latest_generation()
        with ix.reader() as reader:
            expected = reader.doc_count()
            state: dict[str, tuple[str, str, str]] = {}
            seen = 0
            duplicates: set[str] = set()
            for _docnum, stored in reader.iter_docs():
                seen += 1
                doc_id, sha, path = stored.get("id"), stored.get("sha256"), stored.get("path")
                if not isinstance(doc_id, str) or not isinstance(sha, str):
                    raise _Damaged("a stored document lacks its id or checksum")
                if doc_id in state:
                    duplicates.add(doc_id)
                meta = stored.get("meta")
                state[doc_id] = (sha, path if isinstance(path, str) else "", meta if isinstance(meta, str) else "")
            if seen != expected:
                raise _Damaged(f"{expected} documents counted but {seen} readable")
            if expected and reader.doc_frequency("id", next(iter(state))) < 1:
                raise _Damaged("the id lexicon does not match the stored documents")
    except _Damaged:
        raise
    except Exception as exc:  # whoosh raises many kinds (EOFError, struct.error, ...)
        raise _Damaged(_describe(exc)) from None
    return state, generation, duplicates


# --------------------------------------------------------------------------- the index


class CorpusIndex:
    """An open index for one corpus: search it and find match offsets in its articles."""

    def __init__(self, index_dir: Path, ix: whoosh_index.Index, articles: Sequence[Article],
                 report: SyncReport, lock_timeout: float) -> None:
        self.index_dir = index_dir
        self.report = report
        self.lock_timeout = lock_timeout
        self._ix = ix
        self._articles: dict[str, Article] = {a.id: a for a in articles}
        self._schema = ix.schema  # read once: Index.schema re-reads the table of contents
        self._searcher = ix.searcher()
        self._ranker = Ranker(self._searcher)

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(
        cls,
        index_dir: Path,
        articles: Sequence[Article],
        *,
        rebuild: bool = False,
        lock_timeout: float = 10.0,
        progress: Progress | None = None,
    ) -> "CorpusIndex":
        """Open the index in ``index_dir`` for ``articles``, creating, repairing and
        updating it as needed. Raises IndexLockedError or NewsdiffIndexError."""
        index_dir = Path(index_dir)
        recovered: str | None = None
        try:
            index_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise NewsdiffIndexError(f"cannot create index folder {index_dir}: {exc.strerror or exc}") from None

        ix, state, damage = cls._open_existing(index_dir)
        if damage is not None:
            recovered = cls._recover(index_dir, damage, lock_timeout)
            if recovered is None:  # another process repaired it while we waited
                ix, state, damage = cls._open_existing(index_dir)
                if damage is not None:
                    raise NewsdiffIndexError(f"the index in {index_dir} is damaged ({damage}); "
                                             "run 'newsdiff index --rebuild'")
            else:
                ix = None
        if ix is not None and not cls._schema_matches(ix):
            ix = None
            rebuild = True
        if ix is None:
            state = None
            try:
                ix = whoosh_index.create_in(str(index_dir), make_schema(), indexname=INDEX_NAME)
            except Exception as exc:
                raise NewsdiffIndexError(f"cannot create an index in {index_dir}: {_describe(exc)}") from None
            rebuild = rebuild or recovered is not None

        report = _sync(ix, articles, rebuild=rebuild, lock_timeout=lock_timeout,
                       progress=progress, index_dir=index_dir, state=state)
        report.recovered = recovered
        return cls(index_dir, ix, articles, report, lock_timeout)

    @staticmethod
    def _open_existing(index_dir: Path) -> tuple[whoosh_index.Index | None, _State | None, str | None]:
        """``(index, state, None)`` for a healthy index, ``(None, None, None)`` when there
        is none, and ``(None, None, reason)`` when it is damaged. A failure is retried
        once, in case another process was committing (and deleting old files) meanwhile."""
        files = _index_files(index_dir)
        if not files:
            return None, None, None
        reason = ""
        for attempt in range(2):
            if not _has_toc(index_dir):
                if any(p.name.endswith(".seg") for p in _index_files(index_dir)):
                    reason = "its table of contents is missing"
                else:  # only a lock file or temp folder: nothing worth keeping
                    return None, None, None
            else:
                try:
                    ix = whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME)
                    return ix, _read_state(ix), None
                except _Damaged as exc:
                    reason = str(exc)
                except Exception as exc:
                    reason = _describe(exc)
            if attempt == 0:
                time.sleep(0.05)
        return None, None, reason or "unreadable"

    @staticmethod
    def _schema_matches(ix: whoosh_index.Index) -> bool:
        try:
            if sorted(ix.schema.names()) != sorted(make_schema().names()):
                return False
            with ix.reader() as reader:
                if reader.doc_count() == 0:
                    return True
                for _docnum, stored in reader.iter_docs():
                    return stored.get("schema_version") == SCHEMA_VERSION
        except Exception:
            return False
        return True

    @staticmethod
    def _recover(index_dir: Path, damage: str, lock_timeout: float) -> str | None:
        """Move a damaged index aside (holding its write lock, so we never pull files from
        under another writer) and return the one-line message for the user; None when,
        with the lock held, the index turns out to be healthy after all."""
        lock = FileStorage(str(index_dir)).lock(f"{INDEX_NAME}_WRITELOCK")
        if not _acquire(lock, lock_timeout):
            raise IndexLockedError(_locked_message(index_dir, lock_timeout))
        try:
            if CorpusIndex._open_existing(index_dir)[2] is None:
                return None
            moved = _move_aside(index_dir)
        except OSError as exc:
            raise NewsdiffIndexError(
                f"the index in {index_dir} is damaged ({damage}) and could not be moved aside: "
                f"{exc.strerror or exc}"
            ) from None
        finally:
            try:
                lock.release()
            except Exception:
                pass
        return f"the index in {index_dir} was damaged ({damage}); moved it to {moved} and rebuilt it"

    # ------------------------------------------------------------------ updating

    def sync(self, articles: Sequence[Article], *, rebuild: bool = False,
             progress: Progress | None = None) -> SyncReport:
        """Bring the open index up to date with ``articles`` (a new version of the corpus)
        and search those from now on."""
        report = _sync(self._ix, articles, rebuild=rebuild, lock_timeout=self.lock_timeout,
                       progress=progress, index_dir=self.index_dir)
        self._articles = {a.id: a for a in articles}
        self.report = report
        self._fresh_searcher()
        return report

    # ------------------------------------------------------------------ reading

    @property
    def articles(self) -> dict[str, Article]:
        """The articles the index was opened with, by id."""
        return self._articles

    def article(self, article_id: str) -> Article:
        return self._articles[article_id]

    def doc_count(self) -> int:
        return self._fresh_searcher().doc_count()

    def _fresh_searcher(self):
        """The open searcher, renewed when the index has changed since it was opened."""
        s = self._searcher
        try:
            current = s.up_to_date()
        except Exception:
            current = False
        if not current:
            s.close()
            self._searcher = s = self._ix.searcher()
            self._ranker = Ranker(s)
        return s

    def search(self, query: str, limit: int | None = 10) -> list[Hit]:
        """Articles matching ``query``, best first, each with every match's offsets.
        Raises QueryError for a bad query and NewsdiffIndexError for a damaged index."""
        q = parse_query(query, self._schema)
        try:
            searcher = self._fresh_searcher()
            ranked = self._ranker.rank(q, limit)
            if ranked is None:  # not a simple body query: Whoosh ranks it
                ranked = [RankedHit(hit.docnum, float(hit.score))
                          for hit in searcher.search(q, limit=limit)]
            stored = searcher.stored_fields
            found = [(stored(hit.docnum), hit) for hit in ranked]
        except Exception as exc:
            raise NewsdiffIndexError(
                f"searching the index in {self.index_dir} failed ({_describe(exc)}); "
                "run 'newsdiff index --rebuild'"
            ) from None
        hits = []
        for fields_, hit in found:
            article = self._articles.get(fields_["id"])
            if article is None:  # indexed by another process for another corpus version
                continue
            if hit.spans is not None and fields_.get("sha256") == article.sha256:
                spans = hit.spans  # offsets stored in the index for this very text
            else:
                spans = self._spans(q, article)
            hits.append(Hit(
                article_id=article.id,
                path=article.path or fields_.get("path", ""),
                title=article.title or fields_.get("title", ""),
                score=hit.score,
                snippet=make_snippet(article.text, spans),
                spans=spans,
            ))
        return hits

    def match_spans(self, query: str, article_id: str) -> list[tuple[int, int]]:
        """Every match of ``query`` in the text of article ``article_id`` (sorted offsets).
        Raises QueryError for a bad query and KeyError for an unknown article."""
        q = parse_query(query, self._schema)
        return self._spans(q, self._articles[article_id])

    def _spans(self, q, article: Article) -> list[tuple[int, int]]:
        """Body matches anywhere in the text, plus ``title:`` matches where the title
        appears in the text (it usually is the first line)."""
        spans = text_spans(q, article.text)
        if article.title and any(getattr(n, "fieldname", None) == "title" for n in q.leaves()):
            title = article.title.removesuffix("…")  # derived titles may be shortened
            at = article.text.find(title)
            if at >= 0:
                title_tokens = tokenize_stemmed(title)
                spans = merge_spans(spans + [
                    (at + s, at + e) for s, e in spans_for_tokens(q, title_tokens, "title")
                ])
        return spans

    def close(self) -> None:
        try:
            self._searcher.close()
        finally:
            self._ix.close()

    def __enter__(self) -> "CorpusIndex":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


# --------------------------------------------------------------------------- syncing


def _acquire(lock, timeout: float) -> bool:
    deadline = time.monotonic() + max(timeout, 0.0)
    while True:
        try:
            if lock.acquire(blocking=False):
                return True
        except OSError:
            pass
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.05)


def _locked_message(index_dir: Path, timeout: float) -> str:
    return (
        f"the index in {index_dir} is being updated by another newsdiff process "
        f"(waited {timeout:g} s); try again when it has finished"
    )


def _writer(ix: whoosh_index.Index, index_dir: Path, lock_timeout: float) -> writing.SegmentWriter:
    try:
        return ix.writer(timeout=max(lock_timeout, 0.0), delay=0.05, limitmb=BUILD_LIMIT_MB)
    except whoosh_index.LockError:
        raise IndexLockedError(_locked_message(index_dir, lock_timeout)) from None


def _plan(state: dict[str, tuple[str, str, str]], articles: Sequence[Article],
          duplicates: set[str] = frozenset()  # type: ignore[assignment]
          ) -> tuple[list[Article], list[Article], list[str], int]:
    """``(to_add, to_update, ids_to_delete, unchanged)``; duplicated ids are re-indexed."""
    to_add, to_update, unchanged = [], [], 0
    wanted = set()
    for a in articles:
        wanted.add(a.id)
        known = state.get(a.id)
        if known is None:
            to_add.append(a)
        elif known != (a.sha256, a.path, meta_key(a)) or a.id in duplicates:
            to_update.append(a)
        else:
            unchanged += 1
    to_delete = [doc_id for doc_id in state if doc_id not in wanted]
    to_delete += [doc_id for doc_id in duplicates if doc_id not in wanted and doc_id not in to_delete]
    return to_add, to_update, to_delete, unchanged


def _sync(ix: whoosh_index.Index, articles: Sequence[Article], *, rebuild: bool,
          lock_timeout: float, progress: Progress | None, index_dir: Path,
          state: _State | None = None) -> SyncReport:
    """Bring ``ix`` up to date with ``articles``; ``progress(done, total)`` is called with
    ``done == 0`` before the first article is indexed, then after each one."""
    articles = _dedupe(articles)
    if not rebuild:
        try:
            known, generation, duplicates = state if state is not None else _read_state(ix)
        except _Damaged as exc:
            raise NewsdiffIndexError(f"the index in {index_dir} is damaged ({exc}); "
                                     "run 'newsdiff index --rebuild'") from None
        to_add, to_update, to_delete, unchanged = _plan(known, articles, duplicates)
        if not (to_add or to_update or to_delete):
            return SyncReport(unchanged=unchanged)

    writer = _writer(ix, index_dir, lock_timeout)
    try:
        if rebuild:
            todo: list[Article] = list(articles)
            if progress:
                progress(0, len(todo))
            for n, article in enumerate(todo, 1):
                writer.add_document(**_document(article))
                if progress:
                    progress(n, len(todo))
            writer.commit(mergetype=writing.CLEAR)
            return SyncReport(added=len(todo), rebuilt=True)
        if ix.latest_generation() != generation:
            # Someone committed while we waited for the lock: plan again on what is there.
            try:
                known, _, duplicates = _read_state(ix)
            except _Damaged as exc:
                raise NewsdiffIndexError(f"the index in {index_dir} is damaged ({exc}); "
                                         "run 'newsdiff index --rebuild'") from None
            to_add, to_update, to_delete, unchanged = _plan(known, articles, duplicates)
        for doc_id in to_delete:
            writer.delete_by_term("id", doc_id)
        todo = to_add + to_update
        if progress:
            progress(0, len(todo))
        for n, article in enumerate(todo, 1):
            if n > len(to_add):
                writer.update_document(**_document(article))
            else:
                writer.add_document(**_document(article))
            if progress:
                progress(n, len(todo))
        writer.commit()
    except BaseException:
        try:
            writer.cancel()
        except Exception:
            pass
        raise
    return SyncReport(added=len(to_add), updated=len(to_update), deleted=len(to_delete),
                      unchanged=unchanged)


def _dedupe(articles: Iterable[Article]) -> list[Article]:
    """One article per id (the loader already makes ids unique; this guards other callers)."""
    seen: dict[str, Article] = {}
    for a in articles:
        seen.setdefault(a.id, a)
    return list(seen.values())
