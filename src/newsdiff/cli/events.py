"""``newsdiff events [PATH...]``: group the articles into events and print the groups.

Text output is one block per event (id, title, article count, then one line per article
with its id and title); ``--format yaml`` prints ``events: [{id, title, articles: [{id,
title}]}]``. Titles are untrusted text: printed plainly, never interpreted as markup, and
with ids cleaned again on the way out (:mod:`newsdiff.corpus.textsafe`).
Exit 0 on success, 2 (with one line on stderr) when no article can be loaded.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Sequence

import yaml

from newsdiff import cli
from newsdiff.corpus.articles import Article
from newsdiff.corpus.textsafe import clean_field, clean_name
from newsdiff.records import Event


def add_arguments(parser: argparse.ArgumentParser) -> None:
    cli.add_corpus_arguments(parser)
    parser.add_argument(
        "--format", choices=("text", "yaml"), default="text",
        help="text blocks (default) or YAML",
    )
    parser.add_argument(
        "--index", type=Path, metavar="DIR",
        help="the pile's index folder, where its file cache and last grouping are kept "
        "(default: the one 'newsdiff index' and the app use for these paths)",
    )


def _title(text: str | None) -> str:
    return clean_field(text) or ""


def render_text(events: Sequence[Event], by_id: dict[str, Article]) -> str:
    """One block per event: id, title, article count, one ``- id: title`` line per article."""
    lines: list[str] = []
    for n, event in enumerate(events):
        if n:
            lines.append("")
        count = len(event.article_ids)
        lines.append(clean_name(event.id))
        lines.append(f"  {_title(event.title)}")
        lines.append(f"  {count} article{'s' if count != 1 else ''}")
        for aid in event.article_ids:
            lines.append(f"  - {clean_name(aid)}: {_title(by_id[aid].title)}")
    return "\n".join(lines)


def render_yaml(events: Sequence[Event], by_id: dict[str, Article]) -> str:
    """``events: [{id, title, articles: [{id, title}]}]`` as YAML."""
    data = {
        "events": [
            {
                "id": clean_name(e.id),
                "title": _title(e.title),
                "articles": [
                    {"id": clean_name(aid), "title": _title(by_id[aid].title)} for aid in e.article_ids
                ],
            }
            for e in events
        ]
    }
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def run(args: argparse.Namespace) -> int:
    from newsdiff.comparison.event_cache import grouped_events
    from newsdiff.corpus.paths import default_index_dir

    # the pile's index folder keeps the file cache and the events grouped last; the app
    # opened with the same --index reads them from there
    index_dir = Path(args.index) if args.index is not None else default_index_dir(cli.corpus_paths(args.paths))
    cache = cli.file_cache_for(index_dir)
    articles = cli.load_articles(args.paths, args.max_bytes, cache=cache)
    if articles is None:
        return 2
    events = grouped_events(articles, index_dir)
    cache.save()
    by_id = {a.id: a for a in articles}
    if args.format == "yaml":
        print(render_yaml(events, by_id), end="")
    else:
        print(render_text(events, by_id))
    return 0
