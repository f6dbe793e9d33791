"""The ``newsdiff`` command line: dispatches to the TUI or to a scriptable subcommand.

``newsdiff [PATH...]`` opens the terminal app (bundled seeds when no PATH);
``newsdiff index|search|compare|events ...`` run without a screen. Each subcommand lives in
its own ``cmd_*`` module exposing ``add_arguments(parser)`` and ``run(args) -> int``.
Exit codes: 0 success, 1 nothing found (search), 2 error (grep's convention).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path
from typing import Sequence

from newsdiff import __version__
from newsdiff.articles import DEFAULT_MAX_BYTES

#: subcommand -> (module, one-line help)
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "index": ("newsdiff.cmd_index", "build or update the full-text index and report counts"),
    "search": ("newsdiff.cmd_search", "search the articles with Whoosh query syntax"),
    "compare": ("newsdiff.cmd_compare", "compare articles as one event and write YAML"),
    "events": ("newsdiff.cmd_events", "group articles into events"),
}


def add_corpus_arguments(parser: argparse.ArgumentParser, paths: bool = True) -> None:
    """Options every command that loads articles shares."""
    if paths:
        parser.add_argument(
            "paths", nargs="*", type=Path, metavar="PATH",
            help="article files or folders (recursive); default: the bundled seeds",
        )
    parser.add_argument(
        "--max-bytes", type=int, default=DEFAULT_MAX_BYTES, metavar="N",
        help=f"skip files larger than N bytes (default {DEFAULT_MAX_BYTES:,})",
    )


def _tui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsdiff",
        description="Compare news coverage side by side: shared entities, conflicting figures.",
        epilog="subcommands: "
        + "; ".join(f"newsdiff {name}: {help_}" for name, (_, help_) in SUBCOMMANDS.items())
        + ". Run 'newsdiff SUBCOMMAND --help' for each.",
    )
    add_corpus_arguments(parser)
    parser.add_argument("--theme", metavar="NAME", help="colour theme (see themes/)")
    parser.add_argument(
        "--out", type=Path, metavar="FILE",
        help="comparison YAML to load notes from and save to "
        "(default: newsdiff.yaml beside the corpus, else in the current folder)",
    )
    parser.add_argument("--index", type=Path, metavar="DIR", help="index folder")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the index from scratch")
    parser.add_argument("--version", action="version", version=f"newsdiff {__version__}")
    return parser


def _sub_parser(name: str) -> tuple[argparse.ArgumentParser, object]:
    module_name, help_ = SUBCOMMANDS[name]
    module = importlib.import_module(module_name)
    parser = argparse.ArgumentParser(prog=f"newsdiff {name}", description=help_)
    module.add_arguments(parser)  # type: ignore[attr-defined]
    return parser, module


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in SUBCOMMANDS:
            parser, module = _sub_parser(argv[0])
            args = parser.parse_args(argv[1:])
            return int(module.run(args))  # type: ignore[attr-defined]
        args = _tui_parser().parse_args(argv)
        from tui.launch import run_app  # deferred: Textual is only imported for the app

        return int(run_app(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def fail(message: str) -> int:
    """Print a one-line error to stderr and return exit code 2."""
    print(f"newsdiff: error: {message}", file=sys.stderr)
    return 2


def warn(message: str) -> None:
    print(f"newsdiff: warning: {message}", file=sys.stderr)


def corpus_paths(paths: Sequence[Path] | None) -> list[Path]:
    """The paths a command works on: those given, else the bundled seeds."""
    from newsdiff.paths import seeds_dir

    return list(paths) if paths else [seeds_dir()]


def load_articles(paths: Sequence[Path] | None, max_bytes: int = DEFAULT_MAX_BYTES):
    """Load articles for a command, printing one warning line per skipped file.

    Returns the list of articles, or None after printing a one-line error (no such path,
    or nothing loadable); callers then return exit code 2.
    """
    from newsdiff.articles import CorpusError, load_corpus

    chosen = corpus_paths(paths)
    try:
        result = load_corpus(chosen, max_bytes=max_bytes)
    except CorpusError as exc:
        fail(str(exc))
        return None
    for line in result.warnings:
        warn(line)
    if not result.articles:
        fail("no articles could be loaded from: " + ", ".join(str(p) for p in chosen))
        return None
    return result.articles
