"""The first screen for a pile of several events: one row per event (title, article count);
enter opens its comparison, escape/backspace there comes back here."""

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

    def compose(self):
        total = sum(len(e.article_ids) for e in self.events)
        yield Static(Content(f"newsdiff — {len(self.events)} events, {total} articles: choose one (enter)"),
                     id="events-title", markup=False)
        yield VimOptionList(*[Option(event_prompt(e, self.titles), id=f"event-{i}") for i, e in enumerate(self.events)],
                         id="events", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.app.note_first_paint(self)  # type: ignore[attr-defined]

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        index = int((message.option_id or "event-0").split("-")[1])
        self.app.open_event(self.events[index])  # type: ignore[attr-defined]
