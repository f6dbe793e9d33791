"""The first screen for a pile of several events: one row per event (title, article count);
enter opens its comparison, escape/backspace there comes back here.

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

    def __init__(self, events, titles: dict[str, str]) -> None:
        super().__init__(id="event-list")
        self.events = list(events)
        self.titles = titles

    #: Rows shown with the first paint, and rows added per step after it.
    FIRST_ROWS = 200
    CHUNK_ROWS = 500

    def compose(self):
        yield Static(Content(self._title()), id="events-title", markup=False)
        self._listed = min(len(self.events), self.FIRST_ROWS)
        yield VimOptionList(*self._options(0, self._listed), id="events", markup=False)
        yield Footer()

    def _title(self) -> str:
        total = sum(len(e.article_ids) for e in self.events)
        listed = getattr(self, "_listed", len(self.events))
        filling = f" (listing {listed:,}…)" if listed < len(self.events) else ""
        return f"newsdiff — {len(self.events)} events, {total} articles: choose one (enter){filling}"

    def _options(self, start: int, end: int) -> list[Option]:
        return [Option(event_prompt(e, self.titles), id=f"event-{i}")
                for i, e in enumerate(self.events[start:end], start)]

    def on_mount(self) -> None:
        self.app.note_first_paint(self)  # type: ignore[attr-defined]
        if self._listed < len(self.events):
            self.call_after_refresh(self._fill)

    def _fill(self) -> None:
        """Add the next chunk of rows; the next one after the screen has refreshed, so
        keys are handled in between."""
        end = min(len(self.events), self._listed + self.CHUNK_ROWS)
        self.query_one("#events", VimOptionList).add_options(self._options(self._listed, end))
        self._listed = end
        self.query_one("#events-title", Static).update(Content(self._title()))
        if end < len(self.events):
            self.set_timer(0.01, self._fill)

    @property
    def filled(self) -> bool:
        """Whether every event has its row."""
        return self._listed >= len(self.events)

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        index = int((message.option_id or "event-0").split("-")[1])
        self.app.open_event(self.events[index])  # type: ignore[attr-defined]
