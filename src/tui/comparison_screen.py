"""The comparison screen: article panes side by side (as many as fit at >= 40 columns,
the rest reachable with [ and ]), the sidebar, the search bar and the status line.

It presents what the engine computed (in a worker, after the first paint) and routes the
keys: focus and scrolling, entity / claim / match navigation, annotation, search."""

from __future__ import annotations

import time
from functools import partial
from typing import TYPE_CHECKING

from textual import work
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static

from newsdiff.corpus.textsafe import clean_field, clean_name
from tui import engine, latency
from tui.highlights import (
    FIGURE_LAYERS, FIGURE_PRIORITY, comparison_marks, entity_colours, figure_value_span, note_marks,
)
from tui.legend import Legend
from tui.modals import AnnotationModal
from tui.pane_window import PaneWindow
from tui.panes import ArticlePane, PaneColumn
from tui.sidebar import EntitiesList, Sidebar, claim_detail

if TYPE_CHECKING:
    from newsdiff.corpus.articles import Article

MIN_PANE_WIDTH = 40
SIDEBAR_AUTO_SHOW_WIDTH = 120


class SearchBar(Input):
    BINDINGS = [Binding("escape", "close", "Close search")]

    def action_close(self) -> None:
        self.screen.close_search()  # type: ignore[attr-defined]


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
        self.from_list = from_list
        self.comparison = None
        self.progress_label = ""  # the engine's step while comparing ("reading 3/20")
        self._progress_shown = 0.0
        self.window = PaneWindow(len(articles), visible=len(articles))
        self.zoomed = False
        self.linked = False
        self.by_date = False  # o: the panes ordered by published date, oldest first
        self.selected_entity: str | None = None
        self.selected_claim: str | None = None
        self.search_query = ""
        self.search_message = ""
        self.match_list: list[tuple[int, int]] = []  # (pane index, start) across panes
        self.match_pos = -1
        self.hits: list = []
        self.search_error: str | None = None
        self._last_pane = 0
        self._syncing = False
        self._panes: list[ArticlePane] | None = None
        self.numbers = {a.id: i + 1 for i, a in enumerate(articles)}
        # the one short name of each article, everywhere; and which of them name an outlet
        self.labels, outlet_named = engine.labels(articles)
        self.by_id = {a.id: a for a in articles}
        # every article has its pane; only those shown are mounted (a 200-article event
        # paints as fast as a 4-article one), the others when they first come into view
        self._columns = [PaneColumn(a, i, self.labels.get(a.id, ""), label_is_title=a.id not in outlet_named)
                         for i, a in enumerate(articles)]
        self._mounted: set[int] = set()
        self._just_mounted = False  # the last layout mounted a column: focus it after a refresh

    # ------------------------------------------------------------------ compose
    def compose(self):
        yield Static(Content(""), id="status", markup=False)
        first = max(1, self.app.size.width // MIN_PANE_WIDTH) if self.app.size.width else len(self.articles)
        with Horizontal(id="main"):
            with Horizontal(id="panes"):
                for col in self._columns[:first]:
                    self._mounted.add(col.index)
                    yield col
            yield Sidebar(id="sidebar")
        yield Legend(Content(""), id="legend", markup=False)
        yield SearchBar(placeholder="search (Whoosh syntax: words, \"phrases\", AND/OR/NOT, field:value) — enter runs, esc closes",
                        id="search")
        yield Footer()

    @property
    def panes(self) -> list[ArticlePane]:
        """Every article's pane, mounted or not (an unmounted one keeps its marks, notes
        and pending jump, and shows them when mounted)."""
        if self._panes is None:
            self._panes = [col.pane for col in self._columns]
        return self._panes

    def _mount_columns(self, indices) -> bool:
        """Mount the columns of these panes that are not mounted yet, in the window's
        order; True when any was."""
        position = {i: n for n, i in enumerate(self.window.sequence())}
        missing = sorted((i for i in set(indices) if i not in self._mounted), key=position.__getitem__)
        if not missing:
            return False
        container = self.query_one("#panes", Horizontal)
        for i in missing:
            after = max((j for j in self._mounted if position[j] < position[i]), key=position.__getitem__, default=None)
            if after is None:
                before = min(self._mounted, key=position.__getitem__, default=None)
                if before is None:
                    container.mount(self._columns[i])
                else:
                    container.mount(self._columns[i], before=self._columns[before])
            else:
                container.mount(self._columns[i], after=self._columns[after])
            self._mounted.add(i)
        return True

    def pane(self, index: int) -> ArticlePane:
        return self.panes[index]

    @property
    def sidebar(self) -> Sidebar:
        return self.query_one(Sidebar)

    @property
    def focused_pane(self) -> ArticlePane:
        focused = self.focused
        if isinstance(focused, ArticlePane):
            return focused
        return self.pane(self._last_pane)

    def on_mount(self) -> None:
        if self.app.size.width < SIDEBAR_AUTO_SHOW_WIDTH:
            self.sidebar.add_class("-hidden")
        self._layout_panes()
        for pane in self.panes:
            self.watch(pane, "scroll_y", partial(self._follow, pane), init=False)
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
        for col in self._columns:  # wire copies say so in their header
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
        cmp = self.comparison
        if cmp is None:
            return
        spec = self.app.theme_spec  # type: ignore[attr-defined]
        colours = entity_colours(cmp.entities)

        def swatch(entity_id: str) -> tuple[str, bool] | None:
            index = colours.get(entity_id)
            if index is None:
                return None
            if index < 0:
                return spec.styles["entity_quiet"], True
            return spec.palette[index % len(spec.palette)], False

        self.sidebar.show_entities(cmp.entities, swatch, self.numbers, getattr(cmp, "unapplied", ()))
        self.sidebar.show_claims(cmp.claims, lambda v: spec.styles.get(v, "reverse"), self.numbers)
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

    # ------------------------------------------------------------------ layout
    def on_resize(self) -> None:
        self._layout_panes()

    def _panes_width(self) -> int:
        width = self.app.size.width
        sidebar = self.sidebar
        if not sidebar.has_class("-hidden"):
            width -= sidebar.styles.width.value if sidebar.styles.width else 40
        return int(width)

    @property
    def visible_count(self) -> int:
        return self.window.visible

    def _layout_panes(self) -> None:
        self.window.fit(self._panes_width() // MIN_PANE_WIDTH)
        focused_index = self._last_pane
        shown_set = set(self.window.shown())
        self._just_mounted = self._mount_columns([focused_index] if self.zoomed else shown_set)
        for col in self.query(PaneColumn):
            shown = col.index == focused_index if self.zoomed else col.index in shown_set
            col.set_class(not shown, "-hidden")
        if not self.zoomed and focused_index not in shown_set:
            self._last_pane = self.window.shown()[0]
            if isinstance(self.focused, ArticlePane) or self.focused is None:
                self.call_after_refresh(self.pane(self._last_pane).focus)
        self.update_status()

    def shown_panes(self) -> list[int]:
        if self.zoomed:
            return [self._last_pane]
        return self.window.shown()

    def pane_indicator(self) -> str:
        if self.zoomed:
            return f"pane {self._last_pane + 1} of {len(self.articles)} (zoomed)"
        return self.window.indicator() + (" · by date" if self.by_date else "")

    @property
    def pane_order(self) -> list[str]:
        """The articles' ids as their panes stand, left to right."""
        return [self.articles[i].id for i in self.window.sequence()]

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
        if not self.window.all_shown() and not self.zoomed:
            parts.append(("  [ ] more", "$text-muted"))
        if self.linked:
            parts += ["  │  ", ("linked", "$success")]
        if self.comparison is None:
            parts += ["  │  ", (f"comparing… {self.progress_label}".rstrip(), "italic $warning")]
        else:
            shared = sum(1 for e in self.comparison.entities if e.shared)
            parts += ["  │  ", f"{shared} shared entities"]
        if self.search_query:
            parts += ["  │  ", ("/", "bold"), (clean_name(self.search_query)[:30], "italic"), f" {self.search_message}"]
        notes = self.app.notes  # type: ignore[attr-defined]
        if notes:
            dirty = " (unsaved)" if self.app.dirty else ""  # type: ignore[attr-defined]
            parts += ["  │  ", f"{len(notes)} note{'s' if len(notes) != 1 else ''}{dirty}"]
        self.query_one("#status", Static).update(Content.assemble(*parts))

    def on_descendant_focus(self, event) -> None:
        widget = event.widget if hasattr(event, "widget") else None
        if isinstance(widget, ArticlePane):
            self._last_pane = widget.index
            if self.zoomed:
                self._layout_panes()

    # ------------------------------------------------------------------ pane actions
    def focus_pane_index(self, index: int) -> None:
        if not 0 <= index < len(self.articles):
            return
        self._last_pane = index
        if not self.zoomed:
            self.window.reveal(index)
        self._layout_panes()
        self._focus_pane(index)

    def _focus_pane(self, index: int) -> None:
        """Focus a pane, after the next refresh when its column was just mounted."""
        if self._just_mounted:
            self.call_after_refresh(self.pane(index).focus)
        else:
            self.pane(index).focus()

    def action_focus_pane(self, index: int) -> None:
        if index >= len(self.articles):
            self.app.bell()
            return
        self.focus_pane_index(index)

    def _pane_after(self, index: int, step: int) -> int:
        """The pane ``step`` places after pane ``index`` as they stand (round the end)."""
        sequence = self.window.sequence()
        return sequence[(sequence.index(index) + step) % len(sequence)]

    def action_shift_panes(self, delta: int) -> None:
        if self.zoomed:
            self.focus_pane_index(self._pane_after(self._last_pane, delta))
            return
        if not self.window.shift(delta):
            self.app.bell()
            return
        shown = self.window.shown()
        target = self._last_pane if self._last_pane in shown else shown[0 if delta < 0 else -1]
        self._last_pane = target
        self._layout_panes()
        self._focus_pane(target)

    def _labels_with_copies(self) -> dict[str, str]:
        """Each article's label, a wire copy's with "(copy of n)": not an independent report."""
        copies = getattr(self.comparison, "copies", {}) if self.comparison is not None else {}
        return {aid: (f"{label} (copy of {self.numbers[copies[aid]]})" if copies.get(aid) in self.numbers else label)
                for aid, label in self.labels.items()}

    def action_conflicts(self) -> None:
        """The Conflicts view: every conflict claim, each outlet's value side by side."""
        from tui.conflicts import ConflictsScreen

        if self.comparison is None:
            self.notify(Content("Still comparing…"), severity="warning")
            return

        def chosen(claim_id: str | None) -> None:
            if claim_id:
                self.select_claim(claim_id)
                self.sidebar.query_one("#claims", OptionList).highlighted = self._option_index("claims", claim_id)

        spec = self.app.theme_spec  # type: ignore[attr-defined]
        self.app.push_screen(ConflictsScreen(self.comparison.claims, self.by_id, self.numbers, self._labels_with_copies(),
                                             spec.styles["conflict"]), chosen)

    def action_toggle_date_order(self) -> None:
        """Order the panes by the date each article reports from, oldest first (undated
        last); o again puts them back in the order they were given."""
        self.by_date = not self.by_date
        order, dated = engine.date_order(self.articles) if self.by_date else (None, 0)
        self.window.set_order(order)
        self._arrange_columns()
        self._layout_panes()  # the focused pane stays focused when still in view
        if self.by_date:
            undated = len(self.articles) - dated
            tail = f"; {undated} without a date last" if undated else ""
            self.notify(Content(f"panes by date, oldest first{tail} (o: original order)"), timeout=3)
        else:
            self.notify(Content("panes in their original order"), timeout=3)

    def _arrange_columns(self) -> None:
        """Put the mounted columns in the window's order, left to right."""
        container = self.query_one("#panes", Horizontal)
        mounted = [self._columns[i] for i in self.window.sequence() if i in self._mounted]
        for before, col in zip(mounted, mounted[1:]):
            container.move_child(col, after=before)

    def action_toggle_pin(self) -> None:
        """Pin the focused pane so it stays in view whatever else is shown (p again unpins)."""
        index = self.focused_pane.index
        pinned = self.window.toggle_pin(index)
        self._layout_panes()
        self.notify(Content(f"pane {index + 1} {'pinned: it stays in view' if pinned else 'unpinned'}"), timeout=3)

    def action_zoom(self) -> None:
        self._last_pane = self.focused_pane.index
        self.zoomed = not self.zoomed
        self._layout_panes()
        self.call_after_refresh(self.pane(self._last_pane).focus)

    def action_toggle_sidebar(self) -> None:
        self.sidebar.toggle_class("-hidden")
        if self.sidebar.has_class("-hidden") and self.focused is not None and self.sidebar in self.focused.ancestors:
            self.pane(self._last_pane).focus()
        self._layout_panes()

    def show_sidebar(self, tab: str, keep_panes: int = 1) -> None:
        """Show the sidebar on ``tab``, unless opening it would leave fewer than
        ``keep_panes`` panes on screen (a selected claim's values stay side by side; b
        opens it anyway)."""
        if self.sidebar.has_class("-hidden") and (self._panes_width() - 40) // MIN_PANE_WIDTH >= keep_panes:
            self.sidebar.remove_class("-hidden")
            self._layout_panes()
        self.sidebar.show_tab(tab)

    def action_next_tab(self) -> None:
        order = ["entities", "figures", "search", "notes"]
        current = self.sidebar.active_tab or "notes"
        if self.sidebar.has_class("-hidden"):
            self.sidebar.remove_class("-hidden")
            self._layout_panes()
        self.sidebar.show_tab(order[(order.index(current) + 1) % len(order)])

    def action_toggle_link(self) -> None:
        self.linked = not self.linked
        self.update_status()
        if self.linked:
            self._follow(self.focused_pane, 0, self.focused_pane.scroll_y)

    def _follow(self, source: ArticlePane, old: float, new: float) -> None:
        if not self.linked or self._syncing or source.index != self.focused_pane.index:
            return
        ratio = new / source.max_scroll_y if source.max_scroll_y else 0.0
        self._syncing = True
        try:
            for pane in self.panes:
                if pane is not source:
                    pane.scroll_to(y=round(ratio * pane.max_scroll_y), animate=False, immediate=True, force=True)
        finally:
            self._syncing = False

    def _jump_all(self, offsets: dict[int, int]) -> None:
        """Move several panes to character offsets without linked scrolling interfering."""
        self._syncing = True
        try:
            for index, offset in offsets.items():
                self.pane(index).jump_to_offset(offset)
        finally:
            self._syncing = False

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
            self._jump_all(firsts)
        self.notify(Content.assemble("entity ", (entity.name, "bold"), f": {len(entity.mentions)} mentions in {len(entity.articles)} articles  (. , next/prev)"), timeout=3)

    def action_entity_at_cursor(self) -> None:
        pane = self.focused_pane
        start, end = pane.line_range(pane.cursor_line)
        on_line = [m for m in pane.marks_in(start, end) if m.kind == "entity"]
        mark = on_line[0] if on_line else pane.nearest_mark("entity", pane.cursor_offset())
        if mark is None:
            self.notify(Content("No shared entity in this article." if self.comparison else "Still comparing…"), severity="warning")
            return
        self.select_entity(mark.key)
        self.sidebar.query_one("#entities", OptionList).highlighted = self._option_index("entities", mark.key)

    def _option_index(self, list_id: str, option_id: str) -> int | None:
        ol = self.sidebar.query_one(f"#{list_id}", OptionList)
        try:
            return ol.get_option_index(option_id)
        except Exception:
            return None

    def _move_to_mark(self, forward: bool) -> None:
        key = self.selected_entity or self.selected_claim
        if not key:
            self.notify(Content("Select an entity (e) or a figure (f) first."), severity="warning")
            return
        pane = self.focused_pane
        offset = pane.next_offset(pane.mark_offsets(key), forward, wrap=False)
        if offset is not None:
            pane.jump_to_offset(offset)
            return
        # none left in this pane: on to the next (previous) pane that has one, else round
        n = len(self.articles)
        for step in range(1, n):
            other = self.pane(self._pane_after(pane.index, step if forward else -step))
            offsets = sorted(other.mark_offsets(key))
            if offsets:
                self.focus_pane_index(other.index)
                other.jump_to_offset(offsets[0] if forward else offsets[-1])
                self.notify(Content(f"no more in pane {pane.index + 1}: pane {other.index + 1}"), timeout=2)
                return
        offsets = pane.mark_offsets(key)
        if len(offsets) > 1:
            pane.jump_to_offset(offsets[0] if forward else offsets[-1])
            self.notify(Content("back to the first" if forward else "back to the last"), timeout=2)
            return
        self.app.bell()
        self.notify(Content("No other mention: this is the only one."), timeout=2)

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
            if not self.zoomed and not set(firsts) <= set(self.window.shown()):
                self.window.bring(sorted(firsts))  # the values stand side by side
                self._layout_panes()
            self._jump_all(firsts)
        self._show_claim(claim_id)
        self.show_sidebar("figures", keep_panes=min(2, len({f.article for f in claim.values})))

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
        pane = self.focused_pane
        start, end = pane.line_range(pane.cursor_line)
        on_line = [m for m in pane.marks_in(start, end) if m.kind in FIGURE_PRIORITY]
        mark = min(on_line, key=lambda m: (FIGURE_PRIORITY[m.kind], m.start)) if on_line else None
        if mark is None:
            near = [pane.nearest_mark(k, pane.cursor_offset()) for k in FIGURE_LAYERS]
            near = [m for m in near if m is not None]
            mark = min(near, key=lambda m: abs(m.start - pane.cursor_offset())) if near else None
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

    # ------------------------------------------------------------------ sidebar lists
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

    # ------------------------------------------------------------------ search
    def action_search(self) -> None:
        bar = self.query_one(SearchBar)
        bar.add_class("-open")
        bar.value = self.search_query
        # focus now, not after the queue: keys typed right after / go to the box even
        # when the machine is busy (Widget.focus() waits its turn)
        self.set_focus(bar)

    def close_search(self) -> None:
        bar = self.query_one(SearchBar)
        bar.remove_class("-open")
        self.pane(self._last_pane).focus()

    def on_input_submitted(self, message: Input.Submitted) -> None:
        if message.input.id != "search":
            return
        message.stop()
        self.close_search()
        self.run_search(message.value.strip())

    def run_search(self, query: str) -> None:
        self.search_query = query
        if not query:
            self.match_list, self.match_pos, self.search_message = [], -1, ""
            for pane in self.panes:
                pane.set_matches([])
            self.sidebar.show_search(Content("Press / to search (Whoosh syntax)."), [], self.numbers)
            self.update_status()
            return
        self.search_message = "searching…"
        self.update_status()
        self._search_worker(query)

    @work(thread=True, exclusive=True, group="search")
    def _search_worker(self, query: str) -> None:
        app = self.app
        try:
            index = app.get_index()  # type: ignore[attr-defined]
            hits = index.search(query, limit=50)
            spans = {a.id: index.match_spans(query, a.id) for a in self.articles}
        except engine.query_error_type() as exc:
            app.call_from_thread(self._search_failed, query, str(exc).splitlines()[0] if str(exc) else "bad query")
            return
        except Exception as exc:  # index trouble: one line, keep the app running
            app.call_from_thread(self._search_failed, query, f"search failed: {exc}")
            return
        app.call_from_thread(self._show_results, query, hits, spans)

    def _search_failed(self, query: str, message: str) -> None:
        message = clean_name(message)  # it may quote the query or a field name
        self.search_message = "— error"
        self.search_error = message
        self.notify(Content(message), title="Search", severity="error")
        self.sidebar.show_search(Content.assemble(("error: ", "bold $error"), message), [], self.numbers)
        self.update_status()

    def _show_results(self, query: str, hits, spans: dict[str, list[tuple[int, int]]]) -> None:
        if query != self.search_query:
            return
        self.match_list = []
        for pane in self.panes:
            pane_spans = sorted(spans.get(pane.article.id, []))
            pane.set_matches(pane_spans)
            self.match_list.extend((pane.index, s) for s, _ in pane_spans)
        self.match_pos = -1
        self.search_error = None
        self.hits = list(hits)
        in_articles = len({i for i, _ in self.match_list})
        self.search_message = f"— {len(self.match_list)} matches in {in_articles} of {len(self.articles)} panes (n/N)"
        status = Content.assemble(("/", "bold"), (clean_name(query), "bold italic"), f"\n{len(hits)} hits in the corpus; {self.search_message[2:]}")
        self.sidebar.show_search(status, hits, self.numbers, self.labels)
        self.show_sidebar("search")
        self.update_status()
        if not self.match_list:
            self.notify(Content.assemble("No matches for ", (clean_name(query), "italic")), title="Search", severity="warning")

    def _step_match(self, delta: int) -> None:
        if not self.match_list:
            self.notify(Content("No search matches: press / to search."), severity="warning")
            return
        self.match_pos = (self.match_pos + delta) % len(self.match_list)
        index, offset = self.match_list[self.match_pos]
        self.focus_pane_index(index)
        self.pane(index).jump_to_offset(offset)
        self._show_match_position()

    def _show_match_position(self) -> None:
        """The match counter in the status bar: "match 3/12" (n / N)."""
        base = self.search_message.split(" · match ")[0]
        self.search_message = f"{base} · match {self.match_pos + 1}/{len(self.match_list)}"
        self.update_status()

    def action_next_match(self) -> None:
        self._step_match(1)

    def action_prev_match(self) -> None:
        self._step_match(-1)

    def _jump_to_hit(self, n: int) -> None:
        """Enter on a search result: go to the first match in that article's pane."""
        hit = self.hits[n] if n < len(self.hits) else None
        if hit is None:
            return
        number = self.numbers.get(hit.article_id)
        if number is None:
            self.notify(Content.assemble((clean_field(hit.title) or "", "bold"), " is not in this event."), severity="warning")
            return
        for i, (index, offset) in enumerate(self.match_list):
            if index == number - 1:
                self.match_pos = i
                self.focus_pane_index(index)
                self.pane(index).jump_to_offset(offset)
                self._show_match_position()
                return
        self.focus_pane_index(number - 1)

    # ------------------------------------------------------------------ copy
    def copy_text(self) -> tuple[str, str] | None:
        """(what, text) for ``y``: the selection in the focused pane; else the note, claim
        or entity highlighted in a focused sidebar list; else the selected claim."""
        from tui import clipboard

        focused = self.focused
        titles = {a.id: a.title for a in self.articles}
        if isinstance(focused, ArticlePane) and focused.has_selection:
            start, end = focused.selection_range()
            if end > start:
                article = focused.article
                return "selection", clipboard.quote_text(article.text[start:end], self.labels.get(article.id, ""),
                                                         article.title)
        if isinstance(focused, OptionList) and focused.highlighted_option is not None:
            option_id = focused.highlighted_option.id or ""
            if focused.id == "notes":
                note = next((n for n in self.app.notes if n.id == option_id), None)  # type: ignore[attr-defined]
                if note is not None:
                    return "note", clipboard.note_text(note, self.labels, titles, note.target_id or "")
            elif focused.id == "claims" and self.claim(option_id) is not None:
                return "claim", clipboard.claim_text(self.claim(option_id), self.labels, {a.id: a.text for a in self.articles})
            elif focused.id == "entities" and self.entity(option_id) is not None:
                entity = self.entity(option_id)
                return "entity", ", ".join([entity.name, *entity.aliases])
        if self.selected_claim and self.claim(self.selected_claim) is not None:
            claim = self.claim(self.selected_claim)
            return "claim", clipboard.claim_text(claim, self.labels, {a.id: a.text for a in self.articles})
        return None

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
    def action_annotate(self) -> None:
        focused = self.focused
        target_label: Content
        if isinstance(focused, OptionList) and focused.id in ("entities", "claims"):
            option = focused.highlighted_option
            if option is None or option.id is None:
                self.app.bell()
                return
            if focused.id == "entities":
                entity = self.entity(option.id)
                target = ("entity", option.id)
                target_label = Content.assemble("entity ", (entity.name if entity else option.id, "bold"))
            else:
                claim = self.claim(option.id)
                target = ("figure", option.id)
                target_label = Content.assemble("figure claim ", (claim.claim if claim else option.id, "bold"),
                                                f" — {claim.reason}" if claim and claim.reason else "")
        else:
            pane = self.focused_pane
            start, end = pane.selection_range()
            if not pane.has_selection and end > start:  # no selection: the sentence
                start, end = engine.sentence_span(pane.article.text, start, end)
            if end <= start:
                self.notify(Content("Nothing to annotate on an empty line."), severity="warning")
                return
            quote = pane.article.text[start:end]
            target = ("text", (pane.index, start, end))
            target_label = Content.assemble(
                (f"[{pane.index + 1}] ", "bold $accent"), "“", quote if len(quote) < 300 else quote[:299] + "…", "”"
            )

        def done(result: tuple[str, str] | None) -> None:
            if result is None:
                return
            tag, note = result
            kind, what = target
            if kind == "text":
                index, start, end = what
                ann = engine.new_text_note(self.articles[index], start, end, tag, note)
                self.pane(index).clear_visual()
            else:
                anchor = self._anchor_for(kind, what)
                ann = engine.new_id_note(kind, what, tag, note, anchor)
            self.app.add_note(ann)  # type: ignore[attr-defined]
            self.notify(Content.assemble("Note added: ", (f"[{ann.tag}]", "bold")), timeout=2)

        self.app.push_screen(AnnotationModal(target_label, engine.suggested_tags()), done)

    def _anchor_for(self, kind: str, target_id: str):
        """Where an entity/claim note was made: its first mention/value (for re-anchoring)."""
        by_id = {a.id: a for a in self.articles}
        if kind == "entity":
            entity = self.entity(target_id)
            if entity and entity.mentions and entity.mentions[0].article in by_id:
                m = entity.mentions[0]
                return by_id[m.article], m.start, m.end
        else:
            claim = self.claim(target_id)
            if claim and claim.values and claim.values[0].article in by_id:
                f = claim.values[0]
                return by_id[f.article], f.start, f.end
        return None

    def in_event(self, note) -> bool:
        """Whether a note belongs to this event: its text is in one of the panes, or its
        entity / claim is in this comparison (unknown until it is computed: yes)."""
        if note.target_type in ("entity", "figure") and note.target_id:
            if self.comparison is None:
                return True
            found = self.entity(note.target_id) if note.target_type == "entity" else self.claim(note.target_id)
            return found is not None
        return note.text is not None and note.text.article in self.numbers

    def note_label(self, note) -> str:
        def cut(quote: str, limit: int) -> str:  # a quote cut short says so
            quote = " ".join(quote.split())
            return quote if len(quote) <= limit else quote[: limit - 1].rstrip() + "…"

        if note.orphaned:
            quote = note.text.exact if note.text else (note.target_id or "")
            return f"orphaned — was “{cut(quote, 60)}”"
        if not self.in_event(note):
            what = f"“{cut(note.text.exact, 60)}”" if note.text is not None else f"{note.target_type} {note.target_id}"
            return f"other event — {what}"
        if note.target_type == "entity":
            entity = self.entity(note.target_id or "")
            return f"entity: {entity.name if entity else note.target_id}"
        if note.target_type == "figure":
            claim = self.claim(note.target_id or "")
            return f"figure: {claim.claim if claim else note.target_id}"
        if note.text is not None:
            n = self.numbers.get(note.text.article, "?")
            label = self.labels.get(note.text.article, "")
            return f"[{n}] {label}: “{cut(note.text.exact, 70)}”" if label else f"[{n}] “{cut(note.text.exact, 70)}”"
        return note.target_type

    def refresh_notes(self) -> None:
        if not self.is_mounted:
            return
        notes = self.app.notes  # type: ignore[attr-defined]
        # this event's notes first, then the others (kept, labelled "other event")
        ordered = sorted(notes, key=lambda n: not self.in_event(n))
        self.sidebar.show_notes(ordered, self.note_label)
        for pane in self.panes:
            pane.set_notes(note_marks(notes, pane.article.id))
        self.update_status()

    def _note(self, note_id: str | None):
        return next((n for n in self.app.notes if n.id == note_id), None)  # type: ignore[attr-defined]

    def jump_to_note(self, note_id: str) -> None:
        note = self._note(note_id)
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

    def _highlighted_note(self):
        ol = self.sidebar.query_one("#notes", OptionList)
        option = ol.highlighted_option
        return self._note(option.id if option else None)

    def action_edit_note(self) -> None:
        note = self._highlighted_note()
        if note is None:
            self.app.bell()
            return

        def done(result: tuple[str, str] | None) -> None:
            if result is not None:
                self.app.update_note(note.id, *result)  # type: ignore[attr-defined]

        self.app.push_screen(
            AnnotationModal(Content(clean_field(self.note_label(note)) or ""), engine.suggested_tags(), note.tag, note.note, title="Edit note"),
            done,
        )

    def action_delete_note(self) -> None:
        note = self._highlighted_note()
        if note is None:
            self.app.bell()
            return
        self.app.delete_note(note.id)  # type: ignore[attr-defined]
        self.notify(Content.assemble("Deleted note ", (f"[{note.tag}]", "bold"), " — u undoes it"), timeout=5)

    def action_undo_delete(self) -> None:
        """Bring back the note deleted last (u; again for the one before)."""
        note = self.app.undo_delete_note()  # type: ignore[attr-defined]
        if note is None:
            self.notify(Content("No deleted note to bring back."), severity="warning", timeout=3)
            return
        self.notify(Content.assemble("Restored note ", (f"[{note.tag}]", "bold")), timeout=3)
