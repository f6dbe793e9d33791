"""The one place the app calls the engine (``newsdiff``). Engine modules are imported
lazily so the first screen paints before the heavy ones load. Nothing here extracts or
compares: each function hands over to the engine."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from newsdiff.corpus.articles import Article
from newsdiff.records import Event


#: Piles up to this size are grouped before the app starts (well under a second): the
#: app then knows at once whether to open the event list or the one comparison.
GROUP_BEFORE_START = 200


def cached_events(articles: Sequence[Article], cache_dir: Path | None) -> list[Event] | None:
    """The pile's events when they need no grouping: one event for a single article,
    those kept in ``cache_dir`` (the index folder) for this very pile; else None."""
    if len(articles) <= 1:
        return [single_event(articles)]
    from newsdiff.comparison.event_cache import cached_events as kept

    return kept(articles, cache_dir)


def group_events(articles: Sequence[Article], cache_dir: Path | None = None) -> list[Event]:
    """Events of the pile (one event for a single article); with ``cache_dir`` (the index
    folder) a pile grouped before is not grouped again."""
    if len(articles) > 1:
        from newsdiff.comparison.event_cache import grouped_events

        return list(grouped_events(list(articles), cache_dir))
    return [single_event(articles)]


def grouping_process(articles: Sequence[Article], cache_dir: Path | None = None):
    """A :class:`newsdiff.comparison.grouping_process.GroupingProcess` for the pile, not
    started yet."""
    from newsdiff.comparison.grouping_process import GroupingProcess

    return GroupingProcess(articles, cache_dir)


def whole_pile_event(articles: Sequence[Article]) -> Event:
    """The pile as one event named after its first article, without grouping (what the
    app shows when grouping failed)."""
    from newsdiff.records import event_id

    ids = sorted(a.id for a in articles)
    title = min(articles, key=lambda a: a.id).title if articles else "empty event"
    return Event(id=event_id(title, ids), title=title, article_ids=ids)


def single_event(articles: Sequence[Article]) -> Event:
    from newsdiff.comparison.compare import event_for

    return event_for(list(articles))


def compare(articles: Sequence[Article], event: Event | None = None, progress=None, judgements=()):
    """The Comparison of one event with the reader's entity ``judgements`` applied;
    ``progress(step, done, total)`` as the engine calls it."""
    from newsdiff.comparison.compare import compare_articles

    return compare_articles(list(articles), event, progress=progress, judgements=judgements)


def labels(articles: Sequence[Article]) -> tuple[dict[str, str], set[str]]:
    """Each article's short label (its outlet, else its title), unique among them, and
    the ids of those whose label names an outlet (the others' label is their title)."""
    from newsdiff.analysis.outlets import unique_labels

    named: set[str] = set()
    return unique_labels(list(articles), named), named


def date_order(articles: Sequence[Article]) -> tuple[list[int], int]:
    """The articles' indices by the date each reports from, oldest first (those without
    a date, or without a year, last, in the order given), and how many have a date."""
    from newsdiff.analysis.dates import chronological_order, report_date

    dates = [report_date(a) for a in articles]
    return chronological_order(dates), sum(1 for d in dates if d is not None and d.date is not None)


def judgement(verdict: str, names: tuple[str, str]):
    """An entity judgement record: "same" or "not-same" on two names."""
    from newsdiff.records import EntityJudgement

    return EntityJudgement(verdict, (names[0], names[1]))


@dataclass
class NotesFile:
    """What was found at the comparison file path when the app opened."""

    path: Path
    annotations: list
    error: str | None = None  # one line: the file exists but cannot be used (never overwrite)
    judgements: list = field(default_factory=list)  # the reader's entity merges and splits


def read_notes(path: Path) -> NotesFile:
    """Annotations from an existing comparison file (not yet re-anchored)."""
    from newsdiff.store.comparison_yaml import ComparisonFileError, load_comparison_file

    if not path.exists():
        return NotesFile(path, [])
    try:
        loaded = load_comparison_file(path, notes_only=True)
    except ComparisonFileError as exc:
        return NotesFile(path, [], str(exc))
    return NotesFile(path, list(loaded.annotations), judgements=list(loaded.judgements))


def default_output_path(corpus_paths: list[Path]) -> Path:
    from newsdiff.store.comparison_yaml import default_output_path as engine_default

    return engine_default(corpus_paths)


def save(comparison, annotations: list, path: Path, judgements: list | None = None) -> None:
    """Write the comparison with ``annotations`` (and the reader's ``judgements``, when
    given: those made since it was computed). Raises OSError with a one-line str."""
    from dataclasses import replace

    from newsdiff.store.comparison_yaml import save_comparison

    extra = {} if judgements is None else {"judgements": list(judgements)}
    save_comparison(replace(comparison, annotations=list(annotations), **extra), path)


def reanchor(annotations: list, articles: Sequence[Article], known_ids) -> list:
    from newsdiff.store.annotations import reanchor as engine_reanchor

    return engine_reanchor(annotations, articles, known_ids)


def new_text_note(article: Article, start: int, end: int, tag: str, note: str):
    from newsdiff.store.annotations import anchor_text, new_annotation

    return new_annotation(tag, note, target_type="text", text=anchor_text(article, start, end))


def new_id_note(target_type: str, target_id: str, tag: str, note: str, anchor=None):
    """A note on a claim ("figure") or an entity; ``anchor`` = (article, start, end) of
    where it was made, kept as a text target so the note survives an id change."""
    from newsdiff.store.annotations import anchor_text, new_annotation

    text = anchor_text(*anchor) if anchor else None
    return new_annotation(tag, note, target_type=target_type, target_id=target_id, text=text)


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The whole sentence(s) of ``text`` overlapping ``start:end`` (the engine's sentence
    splitter), so a note made at the cursor anchors to a sentence, not a screen line."""
    from newsdiff.analysis.sentences import split_sentences

    spans = [(s, e) for s, e in split_sentences(text) if s < end and e > start]
    if not spans:
        return start, end
    return trimmed_span(text, min(s for s, _ in spans), max(e for _, e in spans))


def trimmed_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``start:end`` without its surrounding white space (unchanged when it is all space)."""
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return start, end
    start += len(chunk) - len(chunk.lstrip())
    return start, start + len(stripped)


def suggested_tags() -> tuple[str, ...]:
    from newsdiff.store.annotations import SUGGESTED_TAGS

    return SUGGESTED_TAGS


def open_index(index_dir: Path, articles: Sequence[Article], rebuild: bool = False):
    """Open (sync or build) the full-text index."""
    from newsdiff.search.index import CorpusIndex

    return CorpusIndex.open(index_dir, list(articles), rebuild=rebuild)


def query_error_type() -> type[Exception]:
    from newsdiff.search.query import QueryError

    return QueryError


def default_index_dir(corpus_paths: list[Path]) -> Path:
    from newsdiff.corpus.paths import default_index_dir as engine_default

    return engine_default(corpus_paths)
