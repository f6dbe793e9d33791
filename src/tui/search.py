"""Full-text search on the comparison screen: the search bar and everything it knows.

:class:`SearchBar` is the box ``/`` opens (docked at the bottom). It owns the query (``search_query``), the
search worker (the index is the app's, opened on first use), the matches found in the
panes and which of them ``n`` / ``N`` last visited, the corpus hits and the last error.
It does not touch the panes or the sidebar: it says what happened with a message
(:class:`SearchBar.Closed`, :class:`SearchBar.Cleared`, :class:`SearchBar.Updated`,
:class:`SearchBar.Failed`, :class:`SearchBar.Found`) and the screen shows it."""

from __future__ import annotations

from typing import Sequence

from textual import work
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import Input

from newsdiff.corpus.textsafe import clean_field, clean_name
from tui import engine

PLACEHOLDER = ("search (Whoosh syntax: words, \"phrases\", AND/OR/NOT, field:value) — "
               "enter runs, esc closes")


class SearchBar(Input):
    """The search box and the state of the last search (see the module docstring)."""

    BINDINGS = [Binding("escape", "close", "Close search", id="search.close")]

    class Closed(Message):
        """The bar was closed (esc, or enter running the query): focus goes back to a pane."""

    class Cleared(Message):
        """An empty query: no matches anywhere any more."""

    class Updated(Message):
        """What the status line says of the search changed ("searching…").

        (Not ``Changed``: that is the Input's own message, on every key typed.)"""

    class Failed(Message):
        """The query could not run: ``error`` is its one-line reason (already notified)."""

        def __init__(self, error: str) -> None:
            super().__init__()
            self.error = error

    class Found(Message):
        """Results for the current query: ``status`` for the Search tab, the corpus
        ``hits``, and the match spans in each pane (``spans[i]`` for pane ``i``, sorted)."""

        def __init__(self, status: Content, hits: list, spans: list[list[tuple[int, int]]]) -> None:
            super().__init__()
            self.status = status
            self.hits = hits
            self.spans = spans

    def __init__(self, article_ids: Sequence[str], **kwargs) -> None:
        super().__init__(placeholder=PLACEHOLDER, **kwargs)
        self.article_ids = list(article_ids)  # pane i shows article_ids[i]
        self._pane_of = {aid: i for i, aid in enumerate(self.article_ids)}
        self.search_query = ""
        self.search_message = ""  # the status line's words after the query
        self.matches: list[tuple[int, int]] = []  # (pane index, start) across panes
        self.position = -1  # the match n / N visited last
        self.hits: list = []
        self.error: str | None = None

    # ------------------------------------------------------------------ the box
    def open(self) -> None:
        self.add_class("-open")
        self.value = self.search_query
        # focus now, not after the queue: keys typed right after / go to the box even
        # when the machine is busy (Widget.focus() waits its turn)
        self.screen.set_focus(self)

    def close(self) -> None:
        self.remove_class("-open")
        self.post_message(self.Closed())

    def action_close(self) -> None:
        self.close()

    def on_input_submitted(self, message: Input.Submitted) -> None:
        message.stop()
        self.close()
        self.run(message.value.strip())

    # ------------------------------------------------------------------ searching
    def run(self, query: str) -> None:
        """Search for ``query`` (in a worker); an empty one clears the search."""
        self.search_query = query
        if not query:
            self.matches, self.position, self.search_message = [], -1, ""
            self.post_message(self.Cleared())
            return
        self.search_message = "searching…"
        self.post_message(self.Updated())
        self._search_worker(query)

    @work(thread=True, exclusive=True, group="search")
    def _search_worker(self, query: str) -> None:
        app = self.app
        try:
            index = app.get_index()  # type: ignore[attr-defined]
            hits = index.search(query, limit=50)
            spans = {aid: index.match_spans(query, aid) for aid in self.article_ids}
        except engine.query_error_type() as exc:
            app.call_from_thread(self._failed, query, str(exc).splitlines()[0] if str(exc) else "bad query")
            return
        except Exception as exc:  # index trouble: one line, keep the app running
            app.call_from_thread(self._failed, query, f"search failed: {exc}")
            return
        app.call_from_thread(self._found, query, hits, spans)

    def _failed(self, query: str, message: str) -> None:
        message = clean_name(message)  # it may quote the query or a field name
        self.search_message = "— error"
        self.error = message
        self.notify(Content(message), title="Search", severity="error")
        self.post_message(self.Failed(message))

    def _found(self, query: str, hits, spans: dict[str, list[tuple[int, int]]]) -> None:
        if query != self.search_query:
            return
        per_pane = [sorted(spans.get(aid, [])) for aid in self.article_ids]
        self.matches = [(i, s) for i, pane_spans in enumerate(per_pane) for s, _ in pane_spans]
        self.position = -1
        self.error = None
        self.hits = list(hits)
        in_articles = len({i for i, _ in self.matches})
        self.search_message = f"— {len(self.matches)} matches in {in_articles} of {len(self.article_ids)} panes (n/N)"
        status = Content.assemble(("/", "bold"), (clean_name(query), "bold italic"),
                                  f"\n{len(hits)} hits in the corpus; {self.search_message[2:]}")
        self.post_message(self.Found(status, self.hits, per_pane))

    def notify_if_nothing_found(self) -> None:
        """After the results are shown: a query that matched nothing here says so."""
        if not self.matches:
            self.notify(Content.assemble("No matches for ", (clean_name(self.search_query), "italic")),
                        title="Search", severity="warning")

    # ------------------------------------------------------------------ n / N
    def step(self, delta: int) -> tuple[int, int] | None:
        """The match ``delta`` places on from the last visited (round the ends), as
        (pane index, offset), counted in the message; None (said) when there is none."""
        if not self.matches:
            self.notify(Content("No search matches: press / to search."), severity="warning")
            return None
        self._visit((self.position + delta) % len(self.matches))
        return self.matches[self.position]

    def first_match_in(self, pane_index: int) -> int | None:
        """The offset of the first match in pane ``pane_index`` (now the visited one), or None."""
        for i, (index, offset) in enumerate(self.matches):
            if index == pane_index:
                self._visit(i)
                return offset
        return None

    def _visit(self, position: int) -> None:
        """The match counter in the status bar: "match 3/12"."""
        self.position = position
        base = self.search_message.split(" · match ")[0]
        self.search_message = f"{base} · match {self.position + 1}/{len(self.matches)}"

    def hit_target(self, n: int) -> tuple[int, int | None] | None:
        """Enter on the ``n``-th corpus hit: (its pane, the offset of its first match
        there, now the visited one, or None); None when there is no such hit, or (said)
        when its article is not in this event."""
        hit = self.hits[n] if n < len(self.hits) else None
        if hit is None:
            return None
        index = self._pane_of.get(hit.article_id)
        if index is None:
            self.notify(Content.assemble((clean_field(hit.title) or "", "bold"), " is not in this event."), severity="warning")
            return None
        return index, self.first_match_in(index)
