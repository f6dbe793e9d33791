"""The Conflicts view (``c``): every conflict claim of the comparison on one screen, each
outlet's value side by side with its sentence, so a fact-checker sees at once where the
reports disagree. Enter closes the view and selects the claim (its panes come into view,
each scrolled to its value); esc or c closes it.
"""

from __future__ import annotations

from typing import Mapping

from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from tui.sidebar import VERDICT_MARKS, _safe, _sentence_span, sentence_excerpt

#: Characters of each value's sentence shown in the view.
EXCERPT_CHARS = 110


def conflict_prompt(claim, articles: Mapping[str, object], numbers: Mapping[str, int],
                    labels: Mapping[str, str], conflict_style: str) -> Content:
    """``≠ claim`` then one line per value: ``[n] label  value  │ sentence``."""
    parts: list = [(f" {VERDICT_MARKS['conflict']} ", conflict_style), " ", (_safe(claim.claim), "bold")]
    if claim.reason:
        parts += ["\n   ", (_safe(claim.reason), "italic $text-muted")]
    for f in sorted(claim.values, key=lambda v: numbers.get(v.article, 99)):
        label = labels.get(f.article) or _safe(f.article)
        parts += ["\n   ", (f"[{numbers.get(f.article, '?')}] ", "bold $accent"), (label, "bold"), "  ",
                  (_safe(f.text), "" if f.hypothetical else conflict_style)]
        if f.hypothetical:
            parts.append((" (hypothetical)", "italic"))
        text = getattr(articles.get(f.article), "text", None)
        if text:
            before, figure, after = sentence_excerpt(text, _sentence_span(text, f), (f.start, f.end), EXCERPT_CHARS)
            parts += ["\n       ", ("│ ", "$text-muted"), (before, "italic"), (figure, "bold italic"), (after, "italic")]
    return Content.assemble(*parts)


class ConflictsScreen(ModalScreen[str | None]):
    """Lists the conflict claims; dismisses with the chosen claim's id or None."""

    DEFAULT_CSS = """
    ConflictsScreen { align: center middle; }
    ConflictsScreen > Vertical { width: 95%; height: 90%; border: thick $error; background: $surface; padding: 0 1; }
    ConflictsScreen OptionList { height: 1fr; border: none; }
    ConflictsScreen OptionList > .option-list--option { padding: 0 0 1 0; }
    """
    BINDINGS = [
        Binding("escape,c,q", "close", "Close", id="conflicts.close"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, claims, articles: Mapping[str, object], numbers: Mapping[str, int],
                 labels: Mapping[str, str], conflict_style: str) -> None:
        super().__init__()
        self.claims = [c for c in claims if c.verdict == "conflict"]
        self.articles = articles
        self.numbers = numbers
        self.labels = labels
        self.conflict_style = conflict_style

    def compose(self):
        with Vertical():
            n = len(self.claims)
            head = (f"{n} conflict{'s' if n != 1 else ''}: values that cannot both hold "
                    "(enter: show it in the panes; esc: close)") if n else (
                    "No conflicts: no two articles state values that cannot both hold (esc: close)")
            yield Label(Content(head), markup=False)
            yield OptionList(*[
                Option(conflict_prompt(c, self.articles, self.numbers, self.labels, self.conflict_style), id=c.id)
                for c in self.claims
            ], id="conflict-list", markup=False)

    def on_mount(self) -> None:
        self.query_one("#conflict-list", OptionList).focus()

    def action_cursor_down(self) -> None:
        self.query_one("#conflict-list", OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one("#conflict-list", OptionList).action_cursor_up()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option_id)

    def action_close(self) -> None:
        self.dismiss(None)
