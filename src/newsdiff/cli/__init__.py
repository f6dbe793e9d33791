"""The ``newsdiff`` command line: dispatches to the TUI or to a scriptable subcommand.

``newsdiff [PATH...]`` opens the terminal app (bundled seeds when no PATH);
``newsdiff index|search|compare|events ...`` run without a screen, ``newsdiff add URL...``
fetches web pages into a folder of articles and indexes it, and ``newsdiff serve`` runs
the app in a browser (one app process per session, through ``textual-serve``). Each
subcommand lives in its own module of this package (:mod:`.index`, :mod:`.search`,
:mod:`.compare`, :mod:`.events`, :mod:`.add`, :mod:`.serve`) exposing
``add_arguments(parser)`` and ``run(args) -> int``. Exit codes: 0 success, 1 nothing
found (search) or some pages not added (add), 2 error (grep's convention); an error,
argparse's included, is one ``newsdiff: error:`` line.

The top layer: may import every other engine package. Its one door into the app is the
lazy ``tui.launch`` import in :func:`main`; the helpers both need (loading a corpus,
one-line warnings and errors) live in :mod:`newsdiff.corpus.loading`.

Nothing from outside reaches the terminal raw: warnings and errors are cleaned by
:func:`newsdiff.corpus.textsafe.clean_name` (argparse's own errors too, which quote the
command line), and stdout/stderr never raise on a character they cannot encode.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path
from typing import Sequence

from newsdiff import __version__
from newsdiff.corpus.articles import DEFAULT_MAX_BYTES
from newsdiff.corpus.loading import corpus_paths, fail, file_cache_for, load_articles, warn

__all__ = ["main", "add_corpus_arguments", "corpus_paths", "fail", "file_cache_for", "load_articles", "warn"]

#: subcommand -> (module, one-line help)
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "index": ("newsdiff.cli.index", "build or update the full-text index and report counts"),
    "search": ("newsdiff.cli.search", "search the articles with Whoosh query syntax"),
    "compare": ("newsdiff.cli.compare",
                "compare the articles of one event (the largest; --all: all) and write YAML"),
    "events": ("newsdiff.cli.events", "group articles into events"),
    "add": ("newsdiff.cli.add", "fetch web pages, save their articles in a folder and index it"),
    "serve": ("newsdiff.cli.serve", "run the app in a browser (textual-serve; localhost by default)"),
}


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one ``newsdiff: error:`` line (the message, then
    the command's usage on the same line), cleaned: argparse quotes the command line
    ("unrecognized arguments: ..."), which may hold escapes or newlines."""

    def error(self, message: str):  # type: ignore[override]
        usage = " ".join(self.format_usage().split())  # "usage: newsdiff search ..."
        fail(f"{message}; {usage}")
        self.exit(2)


def _never_raise_on_encoding() -> None:
    """Print what cannot be encoded as backslash escapes instead of raising
    UnicodeEncodeError (e.g. a placeholder on an ASCII-only stdout)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            pass


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
    parser = _Parser(
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
    parser = _Parser(prog=f"newsdiff {name}", description=help_)
    module.add_arguments(parser)  # type: ignore[attr-defined]
    return parser, module


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _never_raise_on_encoding()
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
