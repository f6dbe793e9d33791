"""``newsdiff events [PATH...]``: group the articles into events and print the groups.

Text output is one block per event (id, title, article count, then one line per article
with its id and title); ``--format yaml`` prints ``events: [{id, title, articles: [{id,
title}]}]``. Titles are untrusted text: printed plainly, never interpreted as markup.
Exit 0 on success, 2 (with one line on stderr) when no article can be loaded.
"""

from __future__ import annotations

import argparse
from typing import Sequence

import yaml

from newsdiff import cli
from newsdiff.corpus.articles import Article
from newsdiff.records import Event


def add_arguments(parser: argparse.ArgumentParser) -> None:
    cli.add_corpus_arguments(parser)
    parser.add_argument(
        "--format", choices=("text", "yaml"), default="text",
        help="text blocks (default) or YAML",
    )


def render_text(events: Sequence[Event], by_id: dict[str, Article]) -> str:
    lines: list[str] = []
    for n, event in enumerate(events):
        if n:
            lines.append("")
        count = len(event.article_ids)
        lines.append(f"{event.id}")
        lines.append(f"  {event.title}")
        lines.append(f"  {count} article{'s' if count != 1 else ''}")
        for aid in event.article_ids:
            lines.append(f"  - {aid}: {by_id[aid].title}")
    return "\n".join(lines)


def render_yaml(events: Sequence[Event], by_id: dict[str, Article]) -> str:
    data = {
        "events": [
            {
                "id": e.id,
                "title": e.title,
                "articles": [{"id": aid, "title": by_id[aid].title} for aid in e.article_ids],
            }
            for e in events
        ]
    }
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def run(args: argparse.Namespace) -> int:
    articles = cli.load_articles(args.paths, args.max_bytes)
    if articles is None:
        return 2
    from newsdiff.comparison.events import group_events

    events = group_events(articles)
    by_id = {a.id: a for a in articles}
    if args.format == "yaml":
        print(render_yaml(events, by_id), end="")
    else:
        print(render_text(events, by_id))
    return 0
