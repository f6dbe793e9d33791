"""Key-press latency: the garbage collector, tuned for a reader holding large articles.

A comparison of six 20,000-word articles keeps hundreds of thousands of long-lived
objects (texts, marks, cached strips). CPython's default collector walks all of them in
its older generations every few thousand allocations, so an ordinary key press now and
then paid a 30-70 ms pause (measured in ``bench/bench_tui.py``: the worst repaint fell to
about 12 ms with the settings below; the median is unchanged).

- :func:`tune` raises the allocation thresholds, so collections come less often;
- :func:`settle` moves everything alive now (the loaded comparison) into the collector's
  permanent generation, which it no longer walks; :func:`release` hands it back when the
  app ends, so a process that runs the app several times (the tests) still frees it.
"""

from __future__ import annotations

import gc

#: young-generation allocations between collections, then the two older generations'
#: counts (CPython's defaults are 700, 10, 10)
THRESHOLDS = (10_000, 50, 1_000)


def tune() -> None:
    """Collect less often (never lowers a threshold set higher by the embedding program)."""
    current = gc.get_threshold()
    gc.set_threshold(*(max(a, b) for a, b in zip(current, THRESHOLDS)))


def settle() -> None:
    """Stop walking what is alive now: call after a large, long-lived load."""
    gc.freeze()


def release() -> None:
    """Return the settled objects to the collector (at the app's end)."""
    gc.unfreeze()
