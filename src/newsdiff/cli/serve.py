"""``newsdiff serve [PATH...] [--host HOST] [--port N] [--public-url URL] [--theme NAME]
[--out FILE] [--index DIR] [--rebuild]``: the app in a browser, through ``textual-serve``.

Each browser session runs its own copy of the real app, ``python -m newsdiff PATH...``
with the options given (shell-quoted: ``textual-serve`` starts the command through a
shell), so what the browser shows is exactly what the terminal shows. The paths are
checked and loaded once before the server starts, so a bad path is one error line and
exit 2, not a blank page. Binds to 127.0.0.1 by default: anyone who can reach the port
can read the articles and write the notes file; ``--host 0.0.0.0`` is a deliberate choice.

``textual_serve`` is imported inside :func:`run` only, and this module imports neither
Textual nor ``tui``: the app is another process, reached by its command line.
"""

from __future__ import annotations

import argparse
import shlex
import socket
import sys
from pathlib import Path
from typing import Sequence

from newsdiff import cli
from newsdiff.corpus.textsafe import clean_name

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def add_arguments(parser: argparse.ArgumentParser) -> None:
    cli.add_corpus_arguments(parser)
    parser.add_argument("--host", default=DEFAULT_HOST, metavar="HOST",
                        help=f"address to listen on (default {DEFAULT_HOST}: this machine only)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, metavar="N",
                        help=f"port to listen on (default {DEFAULT_PORT})")
    parser.add_argument("--public-url", metavar="URL",
                        help="the address browsers reach the server at, when not http://HOST:PORT "
                        "(behind a proxy, or with --host 0.0.0.0)")
    parser.add_argument("--theme", metavar="NAME", help="colour theme of the app (see themes/)")
    parser.add_argument("--out", type=Path, metavar="FILE",
                        help="comparison YAML the app loads notes from and saves to "
                        "(shared by every browser session)")
    parser.add_argument("--index", type=Path, metavar="DIR", help="index folder")
    parser.add_argument("--rebuild", action="store_true",
                        help="rebuild the index from scratch (in every session)")


def app_command(args: argparse.Namespace) -> list[str]:
    """The argv of the app each browser session runs: this Python, ``-m newsdiff``, the
    paths made absolute and the app's options (``--`` first, so no path reads as one)."""
    command = [sys.executable, "-m", "newsdiff"]
    if args.max_bytes is not None:
        command += ["--max-bytes", str(args.max_bytes)]
    if args.theme:
        command += ["--theme", args.theme]
    if args.out is not None:
        command += ["--out", str(args.out.absolute())]
    if args.index is not None:
        command += ["--index", str(args.index.absolute())]
    if args.rebuild:
        command.append("--rebuild")
    paths: Sequence[Path] = args.paths or []
    if paths:
        command += ["--", *(str(p.absolute()) for p in paths)]
    return command


def bind_error(host: str, port: int) -> str | None:
    """Why ``host:port`` cannot be listened on (taken, no such address), or None: checked
    before the server starts, so the error is one line and no "serving" line precedes it."""
    try:
        addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        return f"cannot serve on {host}:{port}: {exc.strerror or exc}"
    for family, kind, proto, _, address in addresses:
        try:
            with socket.socket(family, kind, proto) as probe:
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as aiohttp does
                probe.bind(address)
        except OSError as exc:
            return f"cannot serve on {host}:{port}: {exc.strerror or exc}"
    return None


def run(args: argparse.Namespace) -> int:
    if not 0 < args.port < 65536:
        return cli.fail(f"--port must be 1 to 65535, not {args.port}")
    if cli.load_articles(args.paths, args.max_bytes) is None:  # one error line, not a blank page
        return 2
    if args.out is not None and args.out.is_dir():
        return cli.fail(f"--out {args.out} is a folder; give a file name")
    error = bind_error(args.host, args.port)
    if error:
        return cli.fail(error)

    from textual_serve.server import Server  # deferred: only this command needs a web server

    url = args.public_url or f"http://{args.host}:{args.port}"

    class _Server(Server):
        def initialize_logging(self) -> None:
            # warnings and errors only (an app that failed to start), on stderr; no
            # access log of every request
            import logging

            logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")

        async def on_startup(self, app) -> None:  # type: ignore[override]
            # one line on stderr instead of textual-serve's banner on stdout
            print(f"serving newsdiff on {clean_name(url)} (ctrl+c stops)", file=sys.stderr, flush=True)

    server = _Server(shlex.join(app_command(args)), host=args.host, port=args.port,
                     title="newsdiff", public_url=args.public_url)
    try:
        server.serve()
    except OSError as exc:  # taken since bind_error looked
        return cli.fail(f"cannot serve on {args.host}:{args.port}: {exc.strerror or exc}")
    return 0
