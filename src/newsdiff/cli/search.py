"""``newsdiff search [PATH...] QUERY``: search the articles from the command line.

Prints a table (article, score, snippet with the matches emphasised) or, with ``--json``,
one JSON object per hit and line carrying every match's offsets in the whole article.
The query is checked before anything is loaded: the last word is the query, so a last word
that names an existing file or folder (``newsdiff search seeds/``) is an error, not a search
for the path's text (quoted, ``'"seeds"'``, it is searched for). Exit 0 with hits, 1 without,
2 on error.
Article text is untrusted: it only ever reaches the terminal as Rich ``Text``, never as
markup. Ids, paths, titles and the echoed query pass through
:mod:`newsdiff.corpus.textsafe` on the way out (error messages are cleaned by ``cli.fail``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from newsdiff import cli
from newsdiff.cli.index import add_index_arguments, index_dir_for, open_index
from newsdiff.corpus.textsafe import clean_field, clean_name, replace_controls
from newsdiff.search.index import NewsdiffIndexError, make_schema
from newsdiff.search.query import Hit, QueryError, parse_query, snippet_with_spans

MATCH_STYLE = "bold reverse"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.usage = ("%(prog)s [PATH...] QUERY [--limit N] [--json] [--index DIR] [--rebuild] "
                    "[--max-bytes N]")
    parser.add_argument(
        "words", nargs="+", metavar="[PATH...] QUERY",
        help="article files or folders (default: the bundled seeds), then the query: terms "
        '(AND by default), OR, NOT, "phrases", title:/source:, prefix*, fuzzy~ or fuzzy~2',
    )
    parser.add_argument("--limit", type=int, default=10, metavar="N",
                        help="show at most N hits (default 10; 0 for all)")
    parser.add_argument("--json", action="store_true",
                        help="one JSON object per hit and line, with every match's offsets")
    cli.add_corpus_arguments(parser, paths=False)
    add_index_arguments(parser)


def _hit_json(hit: Hit) -> str:
    return json.dumps(
        {
            "article": clean_name(hit.article_id),
            "path": clean_name(hit.path),
            "title": clean_field(hit.title) or "",
            "score": round(hit.score, 4),
            "snippet": replace_controls(hit.snippet),
            "spans": [[s, e] for s, e in hit.spans],
        },
        ensure_ascii=False,
    )


def _print_table(hits: list[Hit], texts: dict[str, str]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(show_lines=False, expand=False)
    table.add_column("article", overflow="fold")
    table.add_column("score", justify="right")
    table.add_column("snippet", overflow="fold")
    for hit in hits:
        snippet, local = snippet_with_spans(texts[hit.article_id], hit.spans)
        shown = Text(replace_controls(snippet))  # one-for-one: ``local`` stays valid
        for start, end in local:
            shown.stylize(MATCH_STYLE, start, end)
        label = Text(clean_name(hit.article_id))
        title = clean_field(hit.title)
        if title:
            label.append("\n")
            label.append(title, style="dim")
        table.add_row(label, Text(f"{hit.score:.2f}"), shown)
    Console(highlight=False).print(table)


USAGE = "newsdiff search [PATH...] QUERY"


def _is_path(word: str) -> bool:
    """``word`` names an existing file or folder (a link too), or ends like a folder."""
    return os.path.lexists(word) or word.endswith(("/", os.sep))


def _open_unchanged(index_dir: Path, args: argparse.Namespace):
    """The index opened as is when the pile is file for file what it last synced
    (:mod:`newsdiff.corpus.listing`), the load's warnings printed again; else None."""
    from newsdiff import __version__
    from newsdiff.corpus.articles import CorpusError, article_in_file
    from newsdiff.corpus.file_cache import reader_version
    from newsdiff.corpus.listing import unchanged
    from newsdiff.search.index import CorpusIndex

    max_bytes = args.max_bytes
    try:
        seen = unchanged(index_dir, cli.corpus_paths(args.paths), max_bytes, reader_version(__version__))
    except CorpusError:
        return None  # the full path says what is wrong
    if seen is None:
        return None
    ix = CorpusIndex.open_as_is(
        index_dir, seen.index, lambda path, sha, aid: article_in_file(path, sha, aid, max_bytes))
    if ix is not None:
        for line in seen.warnings:
            cli.warn(line)
    return ix


def run(args: argparse.Namespace) -> int:
    *path_words, query = args.words
    if _is_path(query):
        word = query.rstrip("/" + os.sep) or query
        return cli.fail(
            f"no query given: the last argument, {query}, is a path; usage: {USAGE} "
            f"(to search for the word itself, quote it: '\"{word}\"')"
        )
    args.paths = [Path(p) for p in path_words]
    if args.limit < 0:
        return cli.fail("--limit must be 0 (all) or more")
    try:
        parse_query(query, make_schema())  # a bad query fails before anything is loaded
    except QueryError as exc:
        return cli.fail(str(exc))
    index_dir = index_dir_for(args)
    ix = None if args.rebuild else _open_unchanged(index_dir, args)
    if ix is None:
        cache = cli.file_cache_for(index_dir, reread=args.rebuild)
        articles = cli.load_articles(args.paths, args.max_bytes, cache=cache)
        if articles is None:
            return 2
        ix = open_index(index_dir, articles, rebuild=args.rebuild)
        if ix is None:
            return 2
        cache.save()  # the index holds these files as they are now
        cache.save_listing(ix.identity())
        cache.save_snapshot(articles)  # the app opens the pile from it
    with ix:
        try:
            hits = ix.search(query, limit=args.limit or None)
        except (QueryError, NewsdiffIndexError) as exc:
            return cli.fail(str(exc))
        texts = {h.article_id: ix.article(h.article_id).text for h in hits}
    if not hits:
        if not args.json:
            print(f"no articles match: {clean_name(' '.join(query.split()))}", file=sys.stderr)
        return 1
    if args.json:
        for hit in hits:
            print(_hit_json(hit))
    else:
        _print_table(hits, texts)
    return 0
