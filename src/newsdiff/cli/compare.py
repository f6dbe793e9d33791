"""``newsdiff compare [PATH...] [-o FILE.yaml] [--force] [--same A B] [--not-same A B]
[--judgements FILE] [--all]``: compare the articles of one event and write the comparison
as YAML (stdout when no ``-o``; the file is written atomically).

A pile holding several events (:func:`newsdiff.comparison.events.group_events` finds more
than one) is not compared as one: one warning line names how many there are, and only the
largest event's articles are compared (under that event's id and title); ``--all`` compares
every article as one event, as before (``newsdiff events`` shows the groups).

Writing onto an existing comparison file keeps its notes and its entity judgements: the
judgements (merges and splits made in the app, or ``--same`` / ``--not-same`` here) are
applied again before anything reads the entities, and the notes are re-anchored on the
new comparison as the app does when it opens a notes file (those that cannot be placed
are kept as orphaned). A judgement that no entity fits any more is kept, and named in a
warning. A file at ``FILE`` that newsdiff cannot read (not YAML, a newer format,
not a comparison) is never overwritten, unless ``--force``, which first copies it to
``FILE.bak`` (or ``FILE.bak.2``, ...).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from newsdiff.cli import add_corpus_arguments, fail, load_articles, warn
from newsdiff.corpus.textsafe import clean_name

if TYPE_CHECKING:
    from newsdiff.corpus.articles import Article
    from newsdiff.records import Event


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_corpus_arguments(parser)
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE",
        help="write the comparison YAML to FILE (atomically) instead of stdout; "
        "the notes of an existing FILE are kept",
    )
    parser.add_argument(
        "--force", action="store_true",
        help="overwrite a FILE newsdiff cannot read, after copying it to FILE.bak",
    )
    parser.add_argument(
        "--same", nargs=2, action=_Judge, dest="judged", default=[], metavar=("NAME", "OTHER"),
        help="the entities named NAME and OTHER are one (kept in FILE; may repeat)",
    )
    parser.add_argument(
        "--not-same", nargs=2, action=_Judge, dest="judged", default=[], metavar=("NAME", "ALIAS"),
        help="split the mentions written ALIAS off the entity named NAME (kept in FILE; may "
        "repeat; judgements apply in the order given)",
    )
    parser.add_argument(
        "--judgements", type=Path, metavar="FILE",
        help="also apply the entity judgements of another comparison file",
    )
    parser.add_argument(
        "--all", action="store_true",
        help="compare every article as one event, even when they hold several events "
        "(default: only the largest event's, with a warning)",
    )


class _Judge(argparse.Action):
    """``--same A B`` / ``--not-same A B``, kept in the order given."""

    def __call__(self, parser, namespace, values, option_string=None):  # type: ignore[override]
        verdict = "same" if option_string == "--same" else "not-same"
        getattr(namespace, self.dest).append((verdict, values[0], values[1]))


def _backup_path(path: Path) -> Path:
    """``FILE.bak``, or the first free ``FILE.bak.N``: an older backup is never replaced."""
    candidate, n = path.with_name(path.name + ".bak"), 2
    while candidate.exists() or candidate.is_symlink():
        candidate, n = path.with_name(f"{path.name}.bak.{n}"), n + 1
    return candidate


def _existing_notes(path: Path, force: bool) -> tuple[list, list, str | None, str | None]:
    """``(notes, judgements, backup, error)`` for the file about to be overwritten: its
    notes and judgements when it is a comparison file; else, with ``force``, the backup
    copy made of it; else a one-line error (the file must not be touched)."""
    from newsdiff.atomic import SaveError, atomic_write_bytes
    from newsdiff.store.comparison_yaml import ComparisonFileError, load_comparison_file

    if not (path.exists() or path.is_symlink()):
        return [], [], None, None
    if path.is_dir():
        return [], [], None, f"{path} is a folder; not writing over it"
    try:
        loaded = load_comparison_file(path, notes_only=True)
        return list(loaded.annotations), list(loaded.judgements), None, None
    except ComparisonFileError as exc:
        if not force:
            return [], [], None, (
                f"{exc}; left untouched (--force copies it to {_backup_path(path).name} and writes)"
            )
    backup = _backup_path(path)
    try:
        atomic_write_bytes(backup, path.read_bytes())
    except SaveError as exc:
        return [], [], None, f"{exc}; {path} was not overwritten"
    except OSError as exc:
        return [], [], None, f"cannot copy {path} to {backup}: {exc.strerror or exc}; not overwritten"
    return [], [], str(backup), None


def _judgement_line(j) -> str:
    """``same: "A" / "B"``, for warnings (names cleaned)."""
    return f'{j.verdict}: "{clean_name(j.names[0])}" / "{clean_name(j.names[1])}"'


#: ``compare`` splits a pile only at this fraction of the events threshold (see largest_event).
#: On the dev set: at 0.5 no event's folder splits and 7 of 8 look-alike pairs do; from
#: 0.6 one event's folder (the reports of a coach's hiring) splits too.
SPLIT_FACTOR = 0.5


def largest_event(articles: Sequence[Article]) -> tuple[list[Article], Event | None]:
    """``(articles, event)``: when ``articles`` clearly hold several events, the largest
    event's articles (in the order given) and that event, after one warning line; else
    ``(articles, None)``.

    "Clearly": grouped at :data:`SPLIT_FACTOR` of the usual threshold, two groups
    of two articles or more. Reports of one event that read differently (a lone odd
    article, a later follow-up) stay in; two real events rarely share that much. On the
    16 dev events no event splits so; 7 of 8 pairs of look-alike events (two Oscars
    hosts, two obituaries) do."""
    from newsdiff.comparison.events import THRESHOLD, group_events

    events = group_events(articles, threshold=THRESHOLD * SPLIT_FACTOR) if len(articles) > 3 else []
    several = [e for e in events if len(e.article_ids) >= 2]
    if len(several) < 2:
        return list(articles), None
    largest = several[0]  # largest first, ties by id: deterministic
    ids = set(largest.article_ids)
    chosen = [a for a in articles if a.id in ids]
    warn(
        f"{len(several)} events in these articles; comparing the largest, "
        f"'{clean_name(largest.title)}' ({len(chosen)} articles); --all compares them all as one"
    )
    return chosen, largest


def run(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from newsdiff.comparison.compare import compare_articles
    from newsdiff.records import EntityJudgement, Event
    from newsdiff.store.annotations import reanchor
    from newsdiff.atomic import SaveError
    from newsdiff.store.comparison_yaml import ComparisonFileError, dump_comparison, load_comparison_file, save_comparison

    articles = load_articles(args.paths, args.max_bytes)
    if articles is None:
        return 2
    notes: list = []
    judgements: list = []
    backup = None
    if args.output is not None:
        notes, judgements, backup, error = _existing_notes(args.output, args.force)
        if error:
            return fail(error)
    if args.judgements is not None:
        try:
            judgements.extend(load_comparison_file(args.judgements, notes_only=True).judgements)
        except ComparisonFileError as exc:
            return fail(str(exc))
    judgements.extend(EntityJudgement(verdict, (a, b)) for verdict, a, b in args.judged)
    judgements = list(dict.fromkeys(judgements))  # the same judgement twice is one
    event = None
    if not args.all:
        articles, largest = largest_event(articles)
        if largest is not None:
            event = Event(id=largest.id, title=largest.title, article_ids=[a.id for a in articles])
    comparison = compare_articles(articles, event=event, judgements=judgements)
    for line in comparison.warnings:
        warn(line)
    for j in comparison.unapplied:
        warn(f"judgement {_judgement_line(j)} fits no entity of these articles; kept")
    if args.output is None:
        sys.stdout.write(dump_comparison(comparison))
        return 0
    notes = reanchor(notes, comparison.articles, comparison.known_ids())
    try:
        save_comparison(replace(comparison, annotations=notes), args.output)
    except SaveError as exc:
        return fail(str(exc))
    conflicts = sum(1 for c in comparison.claims if c.verdict == "conflict")
    orphaned = sum(1 for n in notes if n.orphaned)
    print(
        f"wrote {clean_name(args.output)}: {len(comparison.articles)} articles, "
        f"{len(comparison.shared_entities)} shared entities, "
        f"{len(comparison.claims)} figure claims ({conflicts} in conflict), "
        f"{len(notes)} notes kept ({orphaned} orphaned)"
        + (f", {len(judgements)} entity judgements" if judgements else "")
        + (f"; the unreadable old file was copied to {clean_name(backup)}" if backup else ""),
        file=sys.stderr,
    )
    return 0
