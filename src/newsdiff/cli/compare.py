"""``newsdiff compare [PATH...] [-o FILE.yaml]``: treat the articles as one event and write
the comparison as YAML (stdout when no ``-o``; the file is written atomically)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsdiff.cli import add_corpus_arguments, fail, load_articles


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_corpus_arguments(parser)
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE",
        help="write the comparison YAML to FILE (atomically) instead of stdout",
    )


def run(args: argparse.Namespace) -> int:
    from newsdiff.store.atomic import SaveError
    from newsdiff.comparison.compare import compare_articles
    from newsdiff.store.comparison_yaml import dump_comparison, save_comparison

    articles = load_articles(args.paths, args.max_bytes)
    if articles is None:
        return 2
    comparison = compare_articles(articles)
    if args.output is None:
        sys.stdout.write(dump_comparison(comparison))
        return 0
    try:
        save_comparison(comparison, args.output)
    except SaveError as exc:
        return fail(str(exc))
    conflicts = sum(1 for c in comparison.claims if c.verdict == "conflict")
    print(
        f"wrote {args.output}: {len(comparison.articles)} articles, "
        f"{len(comparison.shared_entities)} shared entities, "
        f"{len(comparison.claims)} figure claims ({conflicts} in conflict)",
        file=sys.stderr,
    )
    return 0
