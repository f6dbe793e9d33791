"""The comparison screen: article panes side by side (as many as fit at >= 40 columns,
the rest reachable with [ and ]), the sidebar, the search bar and the status line.

It presents what the engine computed (in a worker, after the first paint), selects
entities and claims, says where the reader is in the status line, and holds the key map
of the whole screen (keys that work wherever the focus is). What the keys do lives with
the parts: the panes' arrangement in :mod:`tui.pane_deck`, search in :mod:`tui.search`,
notes in :mod:`tui.notes`, what ``y`` copies in :mod:`tui.clipboard`; they report back
with messages, which the screen turns into what the other parts show."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from textual import work
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static

from newsdiff.corpus.textsafe import clean_field, clean_name
from tui import clipboard, engine, latency
from tui.highlights import FIGURE_PRIORITY, comparison_marks, figure_value_span, note_marks
from tui.legend import Legend
from tui.notes import EventNotes
from tui.pane_deck import MIN_PANE_WIDTH, PaneDeck
from tui.panes import ArticlePane, PaneColumn
from tui.search import SearchBar
from tui.sidebar import EntitiesList, NotesList, Sidebar, claim_detail

if TYPE_CHECKING:
    from newsdiff.corpus.articles import Article

__all__ = ["ComparisonScreen", "SearchBar", "MIN_PANE_WIDTH", "SIDEBAR_AUTO_SHOW_WIDTH"]

SIDEBAR_AUTO_SHOW_WIDTH = 120


class ComparisonScreen(Screen):
    AUTO_FOCUS = "ArticlePane"
    BINDINGS = [
        Binding("q", "app.quit", "Quit", id="app.quit.q"),
        Binding("question_mark,f1", "app.help", "Help", id="app.help"),
        Binding("slash", "search", "Search", id="search.open"),
        Binding("n", "next_match", "Next match", id="search.next"),
        Binding("N", "prev_match", "Prev match", show=False, id="search.prev"),
        Binding("e", "entity_at_cursor", "Entity", id="entity.at_cursor"),
        Binding("full_stop", "next_mention", "Next mention", show=False, id="entity.next"),
        Binding("comma", "prev_mention", "Prev mention", show=False, id="entity.prev"),
        Binding("f", "claim_at_cursor", "Figure", id="claim.at_cursor"),
        Binding("a", "annotate", "Annotate", id="note.add"),
        Binding("ctrl+s", "app.save", "Save", id="app.save"),
        Binding("left_square_bracket", "shift_panes(-1)", "Prev panes", show=False, id="panes.prev"),
        Binding("right_square_bracket", "shift_panes(1)", "Next panes", show=False, id="panes.next"),
        Binding("z", "zoom", "Zoom", id="pane.zoom"),
        Binding("p", "toggle_pin", "Pin pane", id="pane.pin"),
        Binding("o", "toggle_date_order", "Order by date", id="panes.by_date"),
        Binding("c", "conflicts", "Conflicts", id="claims.conflicts"),
        Binding("y", "copy", "Copy", id="copy"),
        Binding("u", "undo_delete", "Undo delete", show=False, id="notes.undo"),
        Binding("l", "toggle_link", "Link", id="panes.link"),
        Binding("b,ctrl+b", "toggle_sidebar", "Sidebar", id="sidebar.toggle"),
        Binding("t", "next_tab", "Next tab", show=False, id="sidebar.next_tab"),
        Binding("escape,backspace", "back", "Back", show=False, id="screen.back"),
        *[Binding(str(n), f"focus_pane({n - 1})", f"Pane {n}", show=False, id=f"pane.focus{n}") for n in range(1, 10)],
    ]
    DEFAULT_CSS = """
    ComparisonScreen #status { height: 1; background: $panel; color: $text; padding: 0 1; }
    ComparisonScreen #main { height: 1fr; }
    ComparisonScreen #panes { width: 1fr; }
    ComparisonScreen PaneColumn.-hidden { display: none; }
    ComparisonScreen SearchBar { dock: bottom; display: none; margin-bottom: 1; }
    ComparisonScreen SearchBar.-open { display: block; }
    """

    def __init__(self, event, articles: list["Article"], *, from_list: bool = False) -> None:
        super().__init__()
        self.event = event
        self.articles = articles
        self._status_shown: Content | None = None  # the status line's content on screen
        self.from_list = from_list
        self.comparison = None
        self.progress_label = ""  # the engine's step while comparing ("reading 3/20")
        self._progress_shown = 0.0
        self.selected_entity: str | None = None
        self.selected_claim: str | None = None
        self.numbers = {a.id: i + 1 for i, a in enumerate(articles)}
        # the one short name of each article, everywhere; and which of them name an outlet
        self.labels, outlet_named = engine.labels(articles)
        self.by_id = {a.id: a for a in articles}
        # every article has its pane; only those shown are mounted, the others when they
        # first come into view (the deck does it)
        columns = [PaneColumn(a, i, self.labels.get(a.id, ""), label_is_title=a.id not in outlet_named)
                   for i, a in enumerate(articles)]
        self.deck = PaneDeck(columns, self._panes_width, id="panes")
        self.search_bar = SearchBar([a.id for a in articles], id="search")
        self.notes = EventNotes(self.app, self, articles, self.numbers, self.labels)

    # ------------------------------------------------------------------ compose
    def compose(self):
        yield Static(Content(""), id="status", markup=False)
        with Horizontal(id="main"):
            yield self.deck
            yield Sidebar(id="sidebar")
        yield Legend(Content(""), id="legend", markup=False)
        yield self.search_bar
        yield Footer()

    @property
    def panes(self) -> list[ArticlePane]:
        """Every article's pane, mounted or not (an unmounted one keeps its marks, notes
        and pending jump, and shows them when mounted)."""
        return self.deck.panes

    def pane(self, index: int) -> ArticlePane:
        return self.deck.panes[index]

    @property
    def sidebar(self) -> Sidebar:
        return self.query_one(Sidebar)

    @property
    def focused_pane(self) -> ArticlePane:
        return self.deck.current

    def on_mount(self) -> None:
        if self.app.size.width < SIDEBAR_AUTO_SHOW_WIDTH:
            self.sidebar.add_class("-hidden")
        self.deck.lay_out()
        self.app.theme_changed_signal.subscribe(self, self._on_theme_changed)
        self.query_one(Legend).show(self.app.theme_spec)  # type: ignore[attr-defined]
        self.refresh_notes()
        self.app.note_first_paint(self)  # type: ignore[attr-defined]
        # Compute after the first paint: the worker thread would compete for the GIL.
        self.call_after_refresh(self.compute)

    @work(thread=True, exclusive=True, group="compare")
    def compute(self) -> None:
        try:
            cmp = self.app.comparison_for(self.event, self.articles, self._progress_from_worker)  # type: ignore[attr-defined]
        except Exception as exc:  # engine trouble: keep reading, say it in one line
            self.app.call_from_thread(self.app.notify, Content(clean_name(f"comparison failed: {exc}")), severity="error")
            return
        self.app.call_from_thread(self.apply_comparison, cmp)

    def on_article_pane_selection_changed(self, message: ArticlePane.SelectionChanged) -> None:
        self.update_status()

    def on_entities_list_judged(self, message: EntitiesList.Judged) -> None:
        """A merge or split made in the Entities tab: the app keeps it and recomputes."""
        message.stop()
        self.app.add_judgement(message.verdict, message.names)  # type: ignore[attr-defined]

    def recompute(self) -> None:
        """Compute the comparison again (after a judgement), keeping what is shown until
        the new one is there."""
        self.compute()

    def _progress_from_worker(self, step: str, done: int, total: int) -> None:
        """The engine's progress, shown in the status bar (at most every 0.2 s)."""
        now = time.monotonic()
        if now - self._progress_shown < 0.2:
            return
        self._progress_shown = now
        label = f"{step} {done + 1}/{total}" if total > 1 else step
        self.app.call_from_thread(self._show_progress, label)

    def _show_progress(self, label: str) -> None:
        if self.comparison is None:
            self.progress_label = label
            self.update_status()

    # ------------------------------------------------------------------ comparison
    def apply_comparison(self, cmp) -> None:
        first = self.comparison is None
        self.comparison = cmp
        for line in getattr(cmp, "warnings", ()) if first else ():
            self.notify(Content(clean_name(line)), title="Comparison", severity="warning")
        marks = comparison_marks(cmp)
        for pane in self.panes:
            pane.set_marks(marks.get(pane.article.id, []))
        copies = getattr(cmp, "copies", {})
        for col in self.deck.columns:  # wire copies say so in their header
            original = copies.get(col.article.id)
            col.set_copy_of(f"copy of {self.numbers[original]}" if original in self.numbers else "")
        self.app.reanchor_notes(cmp)  # type: ignore[attr-defined]
        self._fill_sidebar()
        self.refresh_notes()
        self.update_status()
        # the articles and the comparison live as long as the app: the collector need not
        # walk them, so a full collection never stalls a key press
        latency.settle()

    def _fill_sidebar(self) -> None:
        if self.comparison is None:
            return
        self.sidebar.show_comparison(self.comparison, self.app.theme_spec, self.numbers)  # type: ignore[attr-defined]
        if self.selected_claim:
            self._show_claim(self.selected_claim)

    def _on_theme_changed(self, theme) -> None:
        self.query_one(Legend).show(self.app.theme_spec)  # type: ignore[attr-defined]
        for pane in self.panes:
            pane.restyle()
        self._fill_sidebar()

    def claim(self, claim_id: str):
        if self.comparison is None:
            return None
        return next((c for c in self.comparison.claims if c.id == claim_id), None)

    def entity(self, entity_id: str):
        if self.comparison is None:
            return None
        return next((e for e in self.comparison.entities if e.id == entity_id), None)

    # ------------------------------------------------------------------ layout and status
    def on_resize(self) -> None:
        self.deck.lay_out()

    def _panes_width(self) -> int:
        width = self.app.size.width
        sidebar = self.sidebar
        if not sidebar.has_class("-hidden"):
            width -= sidebar.styles.width.value if sidebar.styles.width else 40
        return int(width)

    def on_pane_deck_arranged(self, message: PaneDeck.Arranged) -> None:
        self.update_status()

    @property
    def visible_count(self) -> int:
        return self.deck.window.visible

    @property
    def zoomed(self) -> bool:
        return self.deck.zoomed

    @property
    def linked(self) -> bool:
        return self.deck.linked

    @property
    def by_date(self) -> bool:
        return self.deck.by_date

    def shown_panes(self) -> list[int]:
        return self.deck.shown()

    def pane_indicator(self) -> str:
        return self.deck.indicator()

    @property
    def pane_order(self) -> list[str]:
        """The articles' ids as their panes stand, left to right."""
        return [self.articles[i].id for i in self.deck.sequence()]

    def update_status(self) -> None:
        if not self.is_mounted:
            return
        parts: list = []
        selecting = next((p for p in self.panes if p.has_selection), None)
        if selecting is not None:  # the mode, first: y copies, a annotates, esc drops it
            what = "VISUAL" if selecting.visual_anchor is not None else "SELECTION"
            parts += [(f" -- {what} (pane {selecting.index + 1}) -- ", "bold reverse"), " y a esc  "]
        if self.comparison is not None:  # first, so a narrow terminal keeps it
            conflicts = sum(1 for c in self.comparison.claims if c.verdict == "conflict")
            word = f"{conflicts} conflict{'s' if conflicts != 1 else ''}"
            parts += [(f" ≠ {word} ", self.app.theme_spec.styles["conflict"] if conflicts else "bold"), " (c)  "]  # type: ignore[attr-defined]
        parts += [((clean_field(self.event.title) or "")[:40], "bold"), "  │  ", (self.pane_indicator(), "bold $accent")]
        if self.deck.more_off_screen():
            parts.append(("  [ ] more", "$text-muted"))
        if self.linked:
            parts += ["  │  ", ("linked", "$success")]
        if self.comparison is None:
            parts += ["  │  ", (f"comparing… {self.progress_label}".rstrip(), "italic $warning")]
        else:
            shared = sum(1 for e in self.comparison.entities if e.shared)
            parts += ["  │  ", f"{shared} shared entities"]
        if self.search_query:
            parts += ["  │  ", ("/", "bold"), (clean_name(self.search_query)[:30], "italic"), f" {self.search_bar.search_message}"]
        notes = self.app.notes  # type: ignore[attr-defined]
        if notes:
            dirty = " (unsaved)" if self.app.dirty else ""  # type: ignore[attr-defined]
            parts += ["  │  ", f"{len(notes)} note{'s' if len(notes) != 1 else ''}{dirty}"]
        # one line whatever it says (height 1, cut at the width): no layout; and the
        # same line is not repainted, so a key press that only scrolls repaints only the
        # panes' rows (Textual repaints the rectangle around every changed region)
        content = Content.assemble(*parts)
        if content != self._status_shown:
            self._status_shown = content
            self.query_one("#status", Static).update(content, layout=False)

    # ------------------------------------------------------------------ pane actions (the deck)
    def focus_pane_index(self, index: int) -> None:
        self.deck.focus_index(index)

    def action_focus_pane(self, index: int) -> None:
        self.deck.focus_number(index)

    def action_shift_panes(self, delta: int) -> None:
        self.deck.shift(delta)

    def action_toggle_date_order(self) -> None:
        self.deck.toggle_date_order()

    def action_toggle_pin(self) -> None:
        self.deck.toggle_pin()

    def action_zoom(self) -> None:
        self.deck.toggle_zoom()

    def action_toggle_link(self) -> None:
        self.deck.toggle_link()

    def action_back(self) -> None:
        pane = self.focused_pane
        if isinstance(self.focused, ArticlePane) and pane.has_selection:
            pane.clear_visual()
        elif self.zoomed:
            self.action_zoom()
        elif self.from_list:
            self.app.pop_screen()
        elif self.search_query:
            self.run_search("")

    # ------------------------------------------------------------------ sidebar
    def action_toggle_sidebar(self) -> None:
        self.sidebar.toggle_class("-hidden")
        if self.sidebar.has_class("-hidden") and self.focused is not None and self.sidebar in self.focused.ancestors:
            self.deck.focus_last()
        self.deck.lay_out()

    def show_sidebar(self, tab: str, keep_panes: int = 1) -> None:
        """Show the sidebar on ``tab``, unless opening it would leave fewer than
        ``keep_panes`` panes on screen (a selected claim's values stay side by side; b
        opens it anyway)."""
        if self.sidebar.has_class("-hidden") and (self._panes_width() - 40) // MIN_PANE_WIDTH >= keep_panes:
            self.sidebar.remove_class("-hidden")
            self.deck.lay_out()
        self.sidebar.show_tab(tab)

    def action_next_tab(self) -> None:
        if self.sidebar.has_class("-hidden"):
            self.sidebar.remove_class("-hidden")
            self.deck.lay_out()
        self.sidebar.next_tab()

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        list_id = message.option_list.id
        option_id = message.option_id or ""
        if list_id == "entities":
            self.select_entity(option_id)
        elif list_id == "claims":
            self.select_claim(option_id)
        elif list_id == "search-results":
            self._jump_to_hit(int(option_id.split("-")[1]))
        elif list_id == "notes":
            self.jump_to_note(option_id)

    def on_option_list_option_highlighted(self, message: OptionList.OptionHighlighted) -> None:
        if message.option_list.id == "claims" and message.option_id:
            self._show_claim(message.option_id)

    # ------------------------------------------------------------------ entities
    def select_entity(self, entity_id: str, *, jump: bool = True) -> None:
        entity = self.entity(entity_id)
        if entity is None:
            return
        self.selected_entity = entity_id
        self.selected_claim = None
        for pane in self.panes:
            pane.set_focus_key(entity_id)
        if jump:
            firsts: dict[int, int] = {}
            for m in entity.mentions:
                i = self.numbers.get(m.article)
                if i is not None and (i - 1) not in firsts:
                    firsts[i - 1] = m.start
            self.deck.jump_all(firsts)
        self.notify(Content.assemble("entity ", (entity.name, "bold"), f": {len(entity.mentions)} mentions in {len(entity.articles)} articles  (. , next/prev)"), timeout=3)

    def action_entity_at_cursor(self) -> None:
        mark = self.focused_pane.entity_at_cursor()
        if mark is None:
            self.notify(Content("No shared entity in this article." if self.comparison else "Still comparing…"), severity="warning")
            return
        self.select_entity(mark.key)
        self.sidebar.highlight("entities", mark.key)

    def _move_to_mark(self, forward: bool) -> None:
        key = self.selected_entity or self.selected_claim
        if not key:
            self.notify(Content("Select an entity (e) or a figure (f) first."), severity="warning")
            return
        self.deck.step_mark(key, forward)

    def action_next_mention(self) -> None:
        self._move_to_mark(True)

    def action_prev_mention(self) -> None:
        self._move_to_mark(False)

    # ------------------------------------------------------------------ claims
    def select_claim(self, claim_id: str, *, jump: bool = True) -> None:
        claim = self.claim(claim_id)
        if claim is None:
            return
        self.selected_claim = claim_id
        self.selected_entity = None
        for pane in self.panes:
            pane.set_focus_key(claim_id)
        if jump:
            firsts: dict[int, int] = {}
            for fig in claim.values:
                i = self.numbers.get(fig.article)
                if i is not None and (i - 1) not in firsts:
                    firsts[i - 1] = figure_value_span(fig)[0]
            self.deck.bring(list(firsts))  # the values stand side by side
            self.deck.jump_all(firsts)
        self._show_claim(claim_id)
        self.show_sidebar("figures", keep_panes=min(2, len({f.article for f in claim.values})))

    def _labels_with_copies(self) -> dict[str, str]:
        """Each article's label, a wire copy's with "(copy of n)": not an independent report."""
        copies = getattr(self.comparison, "copies", {}) if self.comparison is not None else {}
        return {aid: (f"{label} (copy of {self.numbers[copies[aid]]})" if copies.get(aid) in self.numbers else label)
                for aid, label in self.labels.items()}

    def _show_claim(self, claim_id: str) -> None:
        claim = self.claim(claim_id)
        if claim is None:
            return
        spec = self.app.theme_spec  # type: ignore[attr-defined]
        self.sidebar.show_claim_detail(
            claim_detail(claim, lambda key: spec.styles.get(key, "reverse"), self.by_id, self.numbers,
                         self._labels_with_copies())
        )

    def action_claim_at_cursor(self) -> None:
        mark = self.focused_pane.figure_at_cursor()
        if mark is None:
            self.notify(Content("No compared figure in this article."), severity="warning")
            return
        self.select_claim(mark.key)

    def on_article_pane_cursor_moved(self, message: ArticlePane.CursorMoved) -> None:
        if self.comparison is None:
            return
        figures = [m for m in message.pane.marks_in(message.start, message.end) if m.kind in FIGURE_PRIORITY]
        if any(m.key == self.selected_claim for m in figures):  # e.g. the panes jumping to it
            self._show_claim(self.selected_claim)  # type: ignore[arg-type]
        elif figures:  # conflicts first: they are what the reader is after
            self._show_claim(min(figures, key=lambda m: (FIGURE_PRIORITY[m.kind], m.start)).key)

    def action_conflicts(self) -> None:
        """The Conflicts view: every conflict claim, each outlet's value side by side."""
        from tui.conflicts import ConflictsScreen

        if self.comparison is None:
            self.notify(Content("Still comparing…"), severity="warning")
            return

        def chosen(claim_id: str | None) -> None:
            if claim_id:
                self.select_claim(claim_id)
                self.sidebar.highlight("claims", claim_id)

        spec = self.app.theme_spec  # type: ignore[attr-defined]
        self.app.push_screen(ConflictsScreen(self.comparison.claims, self.by_id, self.numbers, self._labels_with_copies(),
                                             spec.styles["conflict"]), chosen)

    # ------------------------------------------------------------------ search (the bar)
    @property
    def search_query(self) -> str:
        return self.search_bar.search_query

    @property
    def match_list(self) -> list[tuple[int, int]]:
        """The search matches across panes, as (pane index, start)."""
        return self.search_bar.matches

    @property
    def search_error(self) -> str | None:
        return self.search_bar.error

    def action_search(self) -> None:
        self.search_bar.open()

    def run_search(self, query: str) -> None:
        self.search_bar.run(query)

    def on_search_bar_closed(self, message: SearchBar.Closed) -> None:
        self.deck.focus_last()

    def on_search_bar_updated(self, message: SearchBar.Updated) -> None:
        self.update_status()

    def on_search_bar_cleared(self, message: SearchBar.Cleared) -> None:
        for pane in self.panes:
            pane.set_matches([])
        self.sidebar.show_search(Content("Press / to search (Whoosh syntax)."), [], self.numbers)
        self.update_status()

    def on_search_bar_failed(self, message: SearchBar.Failed) -> None:
        self.sidebar.show_search(Content.assemble(("error: ", "bold $error"), message.error), [], self.numbers)
        self.update_status()

    def on_search_bar_found(self, message: SearchBar.Found) -> None:
        for pane, spans in zip(self.panes, message.spans):
            pane.set_matches(spans)
        self.sidebar.show_search(message.status, message.hits, self.numbers, self.labels)
        self.show_sidebar("search")
        self.update_status()
        self.search_bar.notify_if_nothing_found()

    def _go_to(self, index: int, offset: int | None = None) -> None:
        """Focus pane ``index``; given a match's ``offset``, there (its count in the status)."""
        self.focus_pane_index(index)
        if offset is not None:
            self.pane(index).jump_to_offset(offset)
            self.update_status()

    def action_next_match(self) -> None:
        found = self.search_bar.step(1)
        if found is not None:
            self._go_to(*found)

    def action_prev_match(self) -> None:
        found = self.search_bar.step(-1)
        if found is not None:
            self._go_to(*found)

    def _jump_to_hit(self, n: int) -> None:
        """Enter on a search result: go to the first match in that article's pane."""
        target = self.search_bar.hit_target(n)
        if target is not None:
            self._go_to(*target)

    # ------------------------------------------------------------------ copy
    def copy_text(self) -> tuple[str, str] | None:
        """(what, text) for ``y`` (see :func:`tui.clipboard.copy_target`)."""
        return clipboard.copy_target(self.focused, articles=self.articles, labels=self.labels,
                                     notes=self.app.notes, claim=self.claim, entity=self.entity,  # type: ignore[attr-defined]
                                     selected_claim=self.selected_claim)

    def action_copy(self) -> None:
        found = self.copy_text()
        if found is None:
            self.notify(Content("Nothing to copy: select text (v or the mouse), a claim (f) or a note first."),
                        severity="warning")
            return
        what, text = found
        self.app.copy_to_clipboard(text)
        self.notify(Content(f"Copied the {what} ({len(text):,} characters)"), title="Copy", timeout=3)

    # ------------------------------------------------------------------ notes
    def refresh_notes(self) -> None:
        """The notes changed (the app says so): the Notes tab, the panes' marks, the count."""
        if not self.is_mounted:
            return
        self.sidebar.show_notes(self.notes.ordered(), self.notes.label)
        for pane in self.panes:
            pane.set_notes(note_marks(self.app.notes, pane.article.id))  # type: ignore[attr-defined]
        self.update_status()

    def jump_to_note(self, note_id: str) -> None:
        note = self.notes.note(note_id)
        if note is None:
            return
        if note.orphaned:
            self.notify(Content("This note is orphaned: its text is no longer in the article."), severity="warning")
            return
        if note.target_type == "entity" and self.entity(note.target_id or ""):
            self.select_entity(note.target_id or "")
        elif note.target_type == "figure" and self.claim(note.target_id or ""):
            self.select_claim(note.target_id or "")
        elif note.text is not None and note.text.article in self.numbers:
            index = self.numbers[note.text.article] - 1
            self.focus_pane_index(index)
            self.pane(index).jump_to_offset(note.text.start)
        else:
            self.notify(Content("This note's target is not in this event."), severity="warning")

    def action_annotate(self) -> None:
        self.notes.annotate(self.focused, self.focused_pane)

    def on_notes_list_edit_note(self, message: NotesList.EditNote) -> None:
        self.notes.edit(message.note_id)

    def on_notes_list_delete_note(self, message: NotesList.DeleteNote) -> None:
        self.notes.delete(message.note_id)

    def action_undo_delete(self) -> None:
        self.notes.undo_delete()
