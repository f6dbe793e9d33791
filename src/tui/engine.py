"""The one place the app calls the engine (``newsdiff``). Engine modules are imported
lazily so the first screen paints before the heavy ones load.

ADAPTER NOTE: modules other people are still writing may be missing; each function below
says what it falls back to (clearly a stop-gap, never extraction logic of its own).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from newsdiff.articles import Article
from newsdiff.records import Event


def group_events(articles: Sequence[Article]) -> list[Event]:
    """Events of the pile. ADAPTER: one event holding every article until
    ``newsdiff.events`` exists."""
    if len(articles) > 1:
        try:
            from newsdiff.events import group_events as engine_group_events
        except ImportError:
            pass
        else:
            return list(engine_group_events(list(articles)))
    return [single_event(articles)]


def single_event(articles: Sequence[Article]) -> Event:
    from newsdiff.compare import event_for

    return event_for(list(articles))


def compare(articles: Sequence[Article], event: Event | None = None):
    """The Comparison of one event. ADAPTER: while extraction modules are missing
    (ImportError), an empty Comparison (no entities, no claims) so the app still reads."""
    from newsdiff.compare import Comparison, compare_articles, event_for

    try:
        return compare_articles(list(articles), event)
    except ImportError:
        return Comparison(
            event=event or event_for(list(articles)), articles=list(articles),
            entities=[], claims=[],
        )


@dataclass
class NotesFile:
    """What was found at the comparison file path when the app opened."""

    path: Path
    annotations: list
    error: str | None = None  # one line: the file exists but cannot be used (never overwrite)


def read_notes(path: Path) -> NotesFile:
    """Annotations from an existing comparison file (not yet re-anchored)."""
    from newsdiff.comparison_yaml import ComparisonFileError, load_comparison_file

    if not path.exists():
        return NotesFile(path, [])
    try:
        loaded = load_comparison_file(path)
    except ComparisonFileError as exc:
        return NotesFile(path, [], str(exc))
    return NotesFile(path, list(loaded.annotations))


def default_output_path(corpus_paths: list[Path]) -> Path:
    from newsdiff.comparison_yaml import default_output_path as engine_default

    return engine_default(corpus_paths)


def save(comparison, annotations: list, path: Path) -> None:
    """Write the comparison with ``annotations``. Raises OSError with a one-line str."""
    from dataclasses import replace

    from newsdiff.comparison_yaml import save_comparison

    save_comparison(replace(comparison, annotations=list(annotations)), path)


def reanchor(annotations: list, articles: Sequence[Article], known_ids) -> list:
    from newsdiff.annotations import reanchor as engine_reanchor

    return engine_reanchor(annotations, articles, known_ids)


def new_text_note(article: Article, start: int, end: int, tag: str, note: str):
    from newsdiff.annotations import anchor_text, new_annotation

    return new_annotation(tag, note, target_type="text", text=anchor_text(article, start, end))


def new_id_note(target_type: str, target_id: str, tag: str, note: str, anchor=None):
    """A note on a claim ("figure") or an entity; ``anchor`` = (article, start, end) of
    where it was made, kept as a text target so the note survives an id change."""
    from newsdiff.annotations import anchor_text, new_annotation

    text = anchor_text(*anchor) if anchor else None
    return new_annotation(tag, note, target_type=target_type, target_id=target_id, text=text)


def suggested_tags() -> tuple[str, ...]:
    from newsdiff.annotations import SUGGESTED_TAGS

    return SUGGESTED_TAGS


class SearchUnavailable(Exception):
    """The index module is not there (yet)."""


def open_index(index_dir: Path, articles: Sequence[Article], rebuild: bool = False):
    """Open (sync or build) the full-text index. ADAPTER: raises SearchUnavailable while
    ``newsdiff.index`` does not exist."""
    try:
        from newsdiff.index import CorpusIndex
    except ImportError as exc:
        raise SearchUnavailable(f"search is not available ({exc})") from None
    return CorpusIndex.open(index_dir, list(articles), rebuild=rebuild)


def query_error_type() -> type[Exception]:
    try:
        from newsdiff.search import QueryError
    except ImportError:
        return ValueError
    return QueryError


def default_index_dir(corpus_paths: list[Path]) -> Path:
    from newsdiff.paths import default_index_dir as engine_default

    return engine_default(corpus_paths)
