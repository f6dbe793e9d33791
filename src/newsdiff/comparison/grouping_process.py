"""Group a pile into events in a child process, its events streamed back as they are final.

Grouping is pure Python and takes seconds on thousands of articles. Run in the app's own
process it would share one core (and the interpreter lock) with the screen; in a child
it has the other core, the screen stays as quick as when idle, and stopping it is
immediate (the child is terminated) however long its current step.

:class:`GroupingProcess` starts a ``spawn`` child (never ``fork``: the caller may have
threads) that runs :func:`newsdiff.comparison.event_cache.grouped_events` and sends its
messages through a queue, at most every :data:`SEND_EVERY_S` seconds:
``("step", step, done, total)``, ``("batch", [Event, ...])``, then one last
``("done", [Event, ...])`` (every event, in the final order) or ``("error", text)``.
Imports only the engine; the child writes the pile's events to ``cache_dir`` itself.
"""

from __future__ import annotations

import multiprocessing
import os
import queue as queue_module
import threading
import time
from pathlib import Path
from typing import Iterator, Sequence

from newsdiff.corpus.articles import Article

#: Seconds between two messages of the child (batches and steps are held until then).
SEND_EVERY_S = 0.25


_FIELDS = tuple(name for name in Article.__dataclass_fields__ if name != "text")


def pack(articles: Sequence[Article]) -> tuple[dict[str, list], list, list]:
    """The articles as columns of plain values, for the child: pickled and unpickled at
    C speed, without a class to import (100,000 articles as objects kept the app
    waiting a second before its first paint while the child read them). An article
    whose text was not read yet (rebuilt from the file cache or the app's snapshot)
    goes as where to read it; any other with its text."""
    from newsdiff.corpus.articles import _LazyArticle

    columns = {name: [getattr(a, name) for a in articles] for name in _FIELDS}
    texts, places = [], []
    for a in articles:
        place = a.unread_place() if type(a) is _LazyArticle else None
        texts.append(None if place else a.text)
        places.append(place)
    return columns, texts, places


def unpack(packed: tuple[dict[str, list], list, list]) -> list[Article]:
    """The articles :func:`pack` was given (equal, field for field)."""
    from newsdiff.corpus.articles import _LazyArticle

    columns, texts, places = packed
    out: list[Article] = []
    for values, text, place in zip(zip(*(columns[name] for name in _FIELDS)), texts, places):
        fields = dict(zip(_FIELDS, values))
        out.append(Article(text=text, **fields) if place is None else _LazyArticle.from_record(fields, *place))
    return out


def _child(packed: tuple, cache_dir: Path | None, out, parent_pid: int | None = None) -> None:
    """The child's work: group, sending steps and batches as they come."""
    if parent_pid is not None:  # an app that is killed leaves no grouping behind
        from newsdiff.child_process import die_with_parent

        die_with_parent(parent_pid)
    try:
        send_grouping(unpack(packed), cache_dir, out.put, fresh=True)
    finally:
        # the last message is flushed to the app; one that went away without stopping
        # the child leaves it waiting a minute at most, not for ever
        out.close()
        flusher = threading.Thread(target=out.join_thread, daemon=True)
        flusher.start()
        flusher.join(FLUSH_S)
        out.cancel_join_thread()


#: Seconds the child waits, at its end, for its last messages to be read.
FLUSH_S = 60.0


def send_grouping(articles: Sequence[Article], cache_dir: Path | None, send, fresh: bool = False) -> None:
    """Group the pile, calling ``send(message)`` with the messages the module docstring
    lists, steps and batches at most every :data:`SEND_EVERY_S` seconds. The child
    process runs it with its queue's ``put``; an app that cannot start a child runs it in
    a thread (an exception ``send`` raises stops the grouping). ``fresh``: the caller
    has just found no events kept in ``cache_dir``; they are not looked for again."""
    from newsdiff.comparison.event_cache import grouped_events

    pending: list = []
    last = [0.0]

    def progress(step: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] < SEND_EVERY_S:
            return
        last[0] = now
        if pending:
            batch = pending[:]
            pending.clear()
            send(("batch", batch))
        send(("step", step, done, total))

    try:
        events = grouped_events(list(articles), cache_dir, on_batch=pending.extend, progress=progress,
                                fresh=fresh)
    except Exception as exc:  # sent on as one line; the app carries on
        send(("error", str(exc).splitlines()[0] if str(exc) else type(exc).__name__))
        return
    send(("done", events))


class GroupingProcess:
    """One grouping in a child process, for a pile whose events are not kept in
    ``cache_dir`` (the caller looked): :meth:`messages` yields what it sends until it is
    done (or gone); :meth:`stop` ends it at once."""

    def __init__(self, articles: Sequence[Article], cache_dir: Path | None) -> None:
        ctx = multiprocessing.get_context("spawn")
        self._queue = ctx.Queue()
        self._process = ctx.Process(target=_child, args=(pack(articles), cache_dir, self._queue, os.getpid()),
                                    name="newsdiff-grouping", daemon=True)

    def start(self) -> None:
        """Start the child (OSError when processes cannot be made here)."""
        self._process.start()

    def messages(self, poll_s: float = 0.2, stopped=lambda: False) -> Iterator[tuple]:
        """The child's messages as they come, ending after ``done`` or ``error`` (an
        ``("error", ...)`` of its own when the child died without a word); ``stopped()``
        is asked every ``poll_s`` seconds: True stops the child and ends the messages."""
        while True:
            if stopped():
                self.stop()
                return
            try:
                message = self._queue.get(timeout=poll_s)
            except queue_module.Empty:
                if not self._process.is_alive():
                    try:  # its last words may have arrived just before it ended
                        message = self._queue.get(timeout=poll_s)
                    except queue_module.Empty:
                        yield ("error", f"the grouping process ended (exit {self._process.exitcode})")
                        return
                else:
                    continue
            yield message
            if message[0] in ("done", "error"):
                self._process.join(timeout=5)
                return

    def stop(self) -> None:
        """End the child now (nothing it was writing is left half-written: the events
        file is written atomically)."""
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(timeout=5)
