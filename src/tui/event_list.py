"""The first screen for a pile of several events: one row per event (title, article count);
enter opens its comparison, escape/backspace there comes back here.

A pile not grouped before is grouped by the app in a worker: the list shows at once, says
the step reached, and lists each event as soon as it is final (an event can be opened
then); when grouping ends the rows are put in their final order, largest first.

A pile of thousands of events paints its first rows at once and fills in the rest a
chunk at a time, between key presses: measuring a row costs the list a fraction of a
millisecond, ten thousand of them seconds."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from newsdiff.corpus.textsafe import clean_field, clean_name
from tui.sidebar import VimOptionList


def event_prompt(event, titles: dict[str, str]) -> Content:
    """The event's title and article count, then up to three member titles (ids when
    untitled), every one cleaned to a safe single line."""
    n = len(event.article_ids)
    members = "; ".join(clean_field(titles.get(a)) or clean_name(a) for a in event.article_ids[:3])
    if n > 3:
        members += f"; … {n - 3} more"
    return Content.assemble(
        (clean_field(event.title) or "", "bold"), (f"  {n} article{'s' if n != 1 else ''}", "$accent"),
        "\n   ", (members, "$text-muted"),
    )


class EventListScreen(Screen):
    AUTO_FOCUS = "#events"
    BINDINGS = [
        Binding("q", "app.quit", "Quit", id="events.quit"),
        Binding("question_mark,f1", "app.help", "Help", id="events.help"),
    ]
    DEFAULT_CSS = """
    EventListScreen #events-title { height: 1; background: $panel; color: $text; padding: 0 1; }
    EventListScreen #events { height: 1fr; border: none; }
    """

    def __init__(self, events, titles: dict[str, str], pending: int = 0) -> None:
        """``pending``: the number of articles still being grouped (the app adds their
        events with :meth:`add_events` and ends with :meth:`set_events`); 0: ``events``
        are the pile's."""
        super().__init__(id="event-list")
        self.events = list(events)
        self.titles = titles
        self.pending = pending
        self._step = "reading"
        self._done = 0
        self._total = pending
        self._filling = False

    #: Rows shown with the first paint, and rows added per step after it.
    FIRST_ROWS = 200
    CHUNK_ROWS = 500

    def compose(self):
        yield Static(Content(self._title()), id="events-title", markup=False)
        self._listed = min(len(self.events), self.FIRST_ROWS)
        yield VimOptionList(*self._options(0, self._listed), id="events", markup=False)
        yield Footer()

    def _title(self) -> str:
        if self.pending:
            found = len(self.events)
            so_far = f"; {found:,} event{'s' if found != 1 else ''} so far, enter opens one" if found else ""
            return (f"newsdiff — grouping {self.pending:,} articles into events: {self._step} "
                    f"{self._done:,}/{self._total:,}…{so_far}")
        total = sum(len(e.article_ids) for e in self.events)
        listed = getattr(self, "_listed", len(self.events))
        filling = f" (listing {listed:,}…)" if listed < len(self.events) else ""
        return f"newsdiff — {len(self.events)} events, {total} articles: choose one (enter){filling}"

    def _options(self, start: int, end: int) -> list[Option]:
        return [Option(event_prompt(e, self.titles), id=f"event-{i}")
                for i, e in enumerate(self.events[start:end], start)]

    def on_mount(self) -> None:
        self.app.note_first_paint(self)  # type: ignore[attr-defined]
        self._fill_later()

    def _fill_later(self) -> None:
        if self._listed < len(self.events) and not self._filling:
            self._filling = True
            self.call_after_refresh(self._fill)

    def _fill(self) -> None:
        """Add the next chunk of rows; the next one after the screen has refreshed, so
        keys are handled in between."""
        end = min(len(self.events), self._listed + self.CHUNK_ROWS)
        options = self.query_one("#events", VimOptionList)
        options.add_options(self._options(self._listed, end))
        if options.highlighted is None and end:  # the first rows of a list that was empty
            options.highlighted = 0
        self._listed = end
        self._show_title()
        if end < len(self.events):
            self.set_timer(0.01, self._fill)
        else:
            self._filling = False

    def _show_title(self) -> None:
        self.query_one("#events-title", Static).update(Content(self._title()))

    # ------------------------------------------------------------------ grouping
    def add_events(self, batch) -> None:
        """Events the grouping has made final: listed after those already there."""
        self.events.extend(batch)
        self._fill_later()
        self._show_title()

    def show_step(self, step: str, done: int, total: int) -> None:
        """The grouping's step, in the title line."""
        self._step, self._done, self._total = step, done, total
        self._show_title()

    def set_events(self, events) -> None:
        """Grouping done: the pile's events in their final order (largest first), the
        highlighted event still highlighted."""
        options = self.query_one("#events", VimOptionList)
        current = None
        if options.highlighted is not None and options.highlighted < len(self.events):
            current = self.events[options.highlighted].id
        self.events = list(events)
        self.pending = 0
        keep = next((i for i, e in enumerate(self.events) if e.id == current), None)
        self._listed = min(len(self.events), max(self.FIRST_ROWS, (keep or 0) + 1))
        options.clear_options()
        options.add_options(self._options(0, self._listed))
        if self.events:
            options.highlighted = keep or 0
        self._filling = False
        self._show_title()
        self._fill_later()

    @property
    def filled(self) -> bool:
        """Whether every event of the pile has its row (never while grouping)."""
        return not self.pending and self._listed >= len(self.events)

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        index = int((message.option_id or "event-0").split("-")[1])
        self.app.open_event(self.events[index])  # type: ignore[attr-defined]
