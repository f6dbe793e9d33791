"""The newsdiff Textual app: themes, screens (event list, comparison), the notes and their
saving, quitting with unsaved notes, help and the command palette. Engine calls go
through :mod:`tui.engine`; nothing here extracts or compares."""

from __future__ import annotations

import os
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Iterable

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.worker import get_current_worker

from newsdiff.corpus.textsafe import clean_name
from tui import engine, latency
from tui.commands import binding_commands, judgement_commands, theme_commands
from tui.comparison_screen import ComparisonScreen
from tui.event_list import EventListScreen
from tui.modals import ConfirmQuit, HelpScreen
from tui.themes import DEFAULT_THEME, ThemeSpec, spec_for_textual_theme

FIRST_PAINT_ENV = "NEWSDIFF_FIRST_PAINT_FILE"
GROUPED_ENV = "NEWSDIFF_GROUPED_FILE"


class GroupingStopped(Exception):
    """Raised in the grouping worker's progress call once the worker is cancelled."""


class NewsdiffApp(App):
    CSS_PATH = "styles.tcss"
    TITLE = "newsdiff"
    BINDINGS = [
        # shown once in the footer: the screens' q is the Quit entry
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit"),
        Binding("f1", "help", "Help", show=False, id="app.help.f1"),
    ]

    def __init__(
        self,
        articles: list,
        events: list | None,
        *,
        themes: dict[str, ThemeSpec],
        theme_name: str = DEFAULT_THEME,
        out_path: Path,
        notes_file: engine.NotesFile | None = None,
        index_dir: Path | None = None,
        events_dir: Path | None = None,
        grouping_child=None,
        rebuild: bool = False,
        skipped: list[str] | None = None,
        remember_theme: bool = False,
    ) -> None:
        super().__init__()
        self.articles = articles
        #: None: not grouped yet (the app groups them in a worker, into ``events_dir``)
        self.grouping = events is None
        self.events: list = [] if events is None else events
        self.events_dir = events_dir
        #: the grouping process started before the app (the terminal is the app's from
        #: then on, and a child started under it could not be spawned): None to start one
        self.grouping_child = grouping_child
        self.newsdiff_themes = themes
        self.start_theme = theme_name if theme_name in themes else DEFAULT_THEME
        self.out_path = out_path
        self.notes: list = list(notes_file.annotations) if notes_file else []
        #: the reader's entity merges and splits, in the order made (saved with the notes)
        self.judgements: list = list(notes_file.judgements) if notes_file else []
        self._deleted: list[tuple[int, object]] = []  # (position, note): u brings them back
        self.save_blocked: str | None = notes_file.error if notes_file else None
        self.dirty = False
        self.index_dir = index_dir
        #: one line per file that was not loaded (binary, empty, too big, not an article)
        self.skipped: list[str] = list(skipped or [])
        self.remember_theme = remember_theme  # the command saves the theme chosen (tests do not)
        self.rebuild = rebuild
        self._comparisons: dict[str, object] = {}
        self._compare_lock = threading.Lock()
        self._index = None
        self._index_lock = threading.Lock()
        self._reanchored: set[str] = set()
        self._first_paint_done = False
        self.last_comparison = None

    # ------------------------------------------------------------------ startup
    def on_mount(self) -> None:
        latency.tune()
        for spec in self.newsdiff_themes.values():
            self.register_theme(spec.textual_theme())
        self.theme = self.start_theme
        if self.remember_theme:
            self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self.save_blocked:
            self.notify(
                f"{self.save_blocked} — notes will not be saved to that file; "
                "start with --out FILE to save elsewhere",
                title="Comparison file", severity="error", timeout=10,
            )
        if self.skipped:
            n = len(self.skipped)
            shown = "\n".join(self.skipped[:5]) + (f"\n… and {n - 5} more" if n > 5 else "")
            self.notify(f"{n} file(s) skipped (listed under Skipped files in the palette):\n{shown}",
                        title="Skipped", severity="warning", timeout=12)
        if self.grouping or len(self.events) > 1:
            titles = {a.id: a.title for a in self.articles}
            self.push_screen(EventListScreen(self.events, titles, pending=len(self.articles) if self.grouping else 0))
            if self.grouping:
                self.call_after_refresh(self.group_events)  # after the first paint
        else:
            self.push_screen(ComparisonScreen(self.events[0], self.articles_of(self.events[0])))

    def on_unmount(self) -> None:
        latency.release()

    @work(thread=True, exclusive=True, group="grouping", exit_on_error=False)
    def group_events(self) -> None:
        """Group the pile in a child process (:mod:`newsdiff.comparison.grouping_process`:
        the other core, the screen as quick as when idle), this worker thread passing on
        its steps and batches of final events to the event list; quitting stops the
        child at once. Where no child process can be started, the worker groups the
        pile itself."""
        worker = get_current_worker()
        child = self.grouping_child
        if child is None:  # not started before the app (a test's app): start it now
            try:
                child = engine.grouping_process(self.articles, self.events_dir)
                child.start()
            except (OSError, ValueError, ImportError):
                self._group_here(worker)
                return
        try:
            for message in child.messages(stopped=lambda: worker.is_cancelled):
                self.call_from_thread(self._grouping_message, message)
        except RuntimeError:  # the app stopped while a message was passed on
            child.stop()

    def _group_here(self, worker) -> None:
        """The worker groups the pile itself (no child process), with the messages a
        child would send; quitting stops it at its next one."""
        from newsdiff.comparison.grouping_process import send_grouping

        def send(message: tuple) -> None:
            if worker.is_cancelled:
                raise GroupingStopped
            self.call_from_thread(self._grouping_message, message)

        try:
            send_grouping(self.articles, self.events_dir, send, fresh=True)
        except (GroupingStopped, RuntimeError):  # quit, or the app stopped between the check and the call
            return

    def _grouping_message(self, message: tuple) -> None:
        """One message of the grouping (:mod:`newsdiff.comparison.grouping_process`):
        a step for the list's title, a batch of final events, the whole grouping, or a
        failure (one line, and the pile as one event)."""
        kind = message[0]
        if kind == "step":
            screen = self._event_list()
            if screen is not None:
                screen.show_step(*message[1:])
        elif kind == "batch":
            screen = self._event_list()
            if screen is not None:
                screen.add_events(message[1])
        elif kind == "done":
            self._grouped(message[1] or [engine.whole_pile_event(self.articles)])
        else:
            self.notify(Content(clean_name(f"grouping failed: {message[1]}")), severity="error")
            self._grouped([engine.whole_pile_event(self.articles)])

    def _event_list(self) -> EventListScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, EventListScreen):
                return screen
        return None

    def _grouped(self, events: list) -> None:
        """Grouping done: the list gets the final events in their final order (largest
        first); a pile that is one event opens its comparison instead."""
        self.grouping = False
        self.events = events
        self._note_grouped()
        screen = self._event_list()
        if len(events) == 1 and screen is not None and screen is self.screen:
            self.switch_screen(ComparisonScreen(events[0], self.articles_of(events[0])))
        elif screen is not None:
            screen.set_events(events)

    def articles_of(self, event) -> list:
        by_id = {a.id: a for a in self.articles}
        return [by_id[i] for i in event.article_ids if i in by_id]

    def open_event(self, event) -> None:
        self.push_screen(ComparisonScreen(event, self.articles_of(event), from_list=True))

    def note_first_paint(self, screen: Screen) -> None:
        """Bench hook: with $NEWSDIFF_FIRST_PAINT_FILE set, record the time of the first
        painted screen there and exit."""
        path = os.environ.get(FIRST_PAINT_ENV)
        if not path or self._first_paint_done:
            return
        self._first_paint_done = True

        def record() -> None:
            now = f"{time.time():.6f}\n"
            Path(path).write_text(now)
            grouped = os.environ.get(GROUPED_ENV)
            if grouped and not self.grouping:  # grouped before the app started
                Path(grouped).write_text(now)
            if not (self.grouping and grouped):
                self.exit(0)

        screen.call_after_refresh(record)

    def _note_grouped(self) -> None:
        """Bench hook: with $NEWSDIFF_GROUPED_FILE set too, the app waits for grouping in
        its worker to finish, records that time there once the list has the final events,
        and exits."""
        path = os.environ.get(GROUPED_ENV)
        if not path or not os.environ.get(FIRST_PAINT_ENV):
            return

        def record() -> None:
            Path(path).write_text(f"{time.time():.6f}\n")
            self.exit(0)

        self.call_after_refresh(record)

    # ------------------------------------------------------------------ engine
    def comparison_for(self, event, articles: list, progress=None):
        """The event's Comparison, computed once (called from a worker thread)."""
        with self._compare_lock:
            cmp = self._comparisons.get(event.id)
            if cmp is None:
                cmp = engine.compare(articles, event, progress, self.judgements)
                self._comparisons[event.id] = cmp
        return cmp

    def get_index(self):
        """The full-text index, opened on first use (called from a worker thread)."""
        with self._index_lock:
            if self._index is None:
                index_dir = self.index_dir or engine.default_index_dir([Path(a.path) for a in self.articles])
                self._index = engine.open_index(index_dir, self.articles, rebuild=self.rebuild)
                report = getattr(self._index, "report", None)
                message = report and (report.stale or report.recovered)
                if message:  # a damaged index rebuilt, or an update that could not be written
                    self.call_from_thread(self.notify, message, title="Index", severity="warning")
        return self._index

    # ------------------------------------------------------------------ themes
    @property
    def theme_spec(self) -> ThemeSpec:
        return spec_for_textual_theme(self.theme, self.current_theme.dark, self.newsdiff_themes)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Save notes", f"write the comparison and notes to {clean_name(self.out_path)}", self.action_save)
        yield SystemCommand("Save notes as…", "write the comparison and notes to another file", self.action_save_as)
        if self.skipped:
            yield SystemCommand("Skipped files", f"{len(self.skipped)} file(s) not loaded, and why", self.action_show_skipped)
        yield from theme_commands(self)
        yield from binding_commands(screen)
        yield from judgement_commands(screen)

    def notify(self, message, *, title: str = "", severity="information", timeout=None, markup: bool = False) -> None:
        """Every notification is literal text (titles and messages may quote articles)."""
        if isinstance(message, Content):
            message = message.plain
        # names, paths and quoted text pass the one cleaning gate; line breaks stay breaks
        message = "\n".join(clean_name(line) for line in str(message).split("\n"))
        super().notify(message, title=clean_name(title), severity=severity, timeout=timeout, markup=False)

    # ------------------------------------------------------------------ notes
    def _comparison_screens(self) -> list[ComparisonScreen]:
        return [s for s in self.screen_stack if isinstance(s, ComparisonScreen)]

    def _notes_changed(self) -> None:
        self.dirty = True
        for screen in self._comparison_screens():
            screen.refresh_notes()

    def add_note(self, note) -> None:
        self.notes.append(note)
        self._notes_changed()

    def update_note(self, note_id: str, tag: str, text: str) -> None:
        self.notes = [replace(n, tag=tag, note=text) if n.id == note_id else n for n in self.notes]
        self._notes_changed()

    def delete_note(self, note_id: str) -> None:
        for at, note in enumerate(self.notes):
            if note.id == note_id:
                self._deleted.append((at, note))
        self.notes = [n for n in self.notes if n.id != note_id]
        self._notes_changed()

    def undo_delete_note(self):
        """Put back the note deleted last, where it was; None when there is none."""
        if not self._deleted:
            return None
        at, note = self._deleted.pop()
        self.notes.insert(min(at, len(self.notes)), note)
        self._notes_changed()
        return note

    def _remember_theme(self, theme) -> None:
        """The reader picked a theme: the next start uses it (user settings file)."""
        from tui.settings import remember

        name = getattr(theme, "name", None)
        if isinstance(name, str) and name != self.start_theme:
            remember("theme", name)

    def add_judgement(self, verdict: str, names: tuple[str, str]) -> None:
        """Keep a merge ("same") or split ("not-same") of entities and compute the open
        comparisons again with it (it is saved with the notes)."""
        judgement = engine.judgement(verdict, names)
        if judgement in self.judgements:
            self.notify("Already judged so.", title="Entities", timeout=3)
            return
        self.judgements.append(judgement)
        self.dirty = True
        with self._compare_lock:
            self._comparisons.clear()
        a, b = names
        word = "are one entity" if verdict == "same" else "split apart"
        self.notify(f"{a} and {b} {word}; recomputing (saved with the notes)", title="Entities", timeout=4)
        for screen in self._comparison_screens():
            screen.recompute()

    def reanchor_notes(self, cmp) -> None:
        """Place the loaded notes on this comparison's (possibly edited) articles, once."""
        self.last_comparison = cmp
        if cmp.event.id in self._reanchored or not self.notes:
            return
        self._reanchored.add(cmp.event.id)
        ids = {a.id for a in cmp.articles}
        known = cmp.known_ids()
        single = len(self.events) == 1
        chosen = [
            i for i, n in enumerate(self.notes)
            if single or (n.text is not None and n.text.article in ids) or n.target_id in known
        ]
        placed = engine.reanchor([self.notes[i] for i in chosen], cmp.articles, known)
        for i, note in zip(chosen, placed):
            self.notes[i] = note
        orphans = sum(1 for n in placed if n.orphaned)
        if orphans:
            self.notify(f"{orphans} note(s) could not be placed on the current text (listed as orphaned)",
                        title="Notes", severity="warning")

    def _current_comparison(self):
        for screen in reversed(self._comparison_screens()):
            if screen.comparison is not None:
                return screen.comparison
        return self.last_comparison

    def action_save(self) -> bool:
        if self.save_blocked:
            self.notify(
                f"Not saving over {self.out_path}: {self.save_blocked}. Choose another file.",
                title="Save", severity="error", timeout=10,
            )
            self.action_save_as()
            return False
        cmp = self._current_comparison()
        if cmp is None:
            self.notify("Nothing to save yet: the comparison is still being computed.", severity="warning")
            return False
        try:
            engine.save(cmp, self.notes, self.out_path, self.judgements)
        except OSError as exc:
            self.notify((str(exc).splitlines()[0] if str(exc) else f"could not save {self.out_path}")
                        + " — choose another file", title="Save", severity="error", timeout=10)
            self.action_save_as()
            return False
        self.dirty = False
        for screen in self._comparison_screens():
            screen.update_status()
        judged = f" and {len(self.judgements)} entity judgement(s)" if self.judgements else ""
        self.notify(f"Saved {len(self.notes)} note(s){judged} to {self.out_path}", title="Save", timeout=3)
        return True

    async def action_quit(self) -> None:
        if isinstance(self.screen, ConfirmQuit):
            return
        if not self.dirty:
            self.exit(0)
            return

        def done(choice: str | None) -> None:
            if choice == "save":
                if self.action_save():
                    self.exit(0)
            elif choice == "discard":
                self.exit(0)

        count = len(self.notes)
        judged = f" and {len(self.judgements)} entity judgement(s)" if self.judgements else ""
        self.push_screen(
            ConfirmQuit(f"You have unsaved changes to {count} note(s){judged}.\nSave them to {self.out_path} before quitting?"),
            done,
        )

    def action_save_as(self, then_quit: bool = False) -> None:
        """Ask for another comparison file and save there (the notes are never stranded:
        a file that cannot be written, or one newsdiff must not overwrite, asks this)."""
        from tui.modals import SaveAsModal

        if isinstance(self.screen, SaveAsModal):
            return

        def chosen(path: str | None) -> None:
            if not path:
                return
            target = Path(path).expanduser()
            if target.is_dir():
                target = target / self.out_path.name
            previous = (self.out_path, self.save_blocked)
            self.out_path, self.save_blocked = target, None
            if target.exists():
                check = engine.read_notes(target)
                if check.error:  # never overwrite a file newsdiff cannot read
                    self.out_path, self.save_blocked = previous
                    self.notify(f"{check.error}; not saving over it", title="Save", severity="error", timeout=10)
                    return
            if not self.action_save():
                return
            if then_quit:
                self.exit(0)

        self.push_screen(SaveAsModal(str(self.out_path)), chosen)

    def action_show_skipped(self) -> None:
        """The files not loaded, one line each with the reason (as on stderr)."""
        from tui.modals import HelpScreen

        self.push_screen(HelpScreen([("Skipped files (not loaded)", [("", clean_name(line)) for line in self.skipped])]))

    def action_help_quit(self) -> None:
        """ctrl+c: copy when something is selected (as a terminal would); else say, in
        plain words, how to quit (Textual's own hint is markup, shown raw here)."""
        screen = self.screen
        focused = screen.focused
        if isinstance(screen, ComparisonScreen) and getattr(focused, "has_selection", False):
            screen.action_copy()
            return
        self.notify("Press q or ctrl+q to quit the app", title="Do you want to quit?")

    # ------------------------------------------------------------------ help
    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        from tui.panes import ArticlePane
        from tui.sidebar import EntitiesList, NotesList

        def rows(bindings) -> list[tuple[str, str]]:
            out = []
            for b in bindings:
                keys = ", ".join(self.get_key_display(Binding(k.strip(), b.action)) for k in b.key.split(","))
                out.append((keys, b.description or b.action))
            return out

        comparison = [b for b in ComparisonScreen.BINDINGS if not b.action.startswith("focus_pane")]
        sections = [
            ("Comparison screen", rows(comparison) + [("1 … 9", "focus pane N"), ("tab, shift+tab", "next / previous pane or list")]),
            ("In a pane", rows(ArticlePane.BINDINGS) + [("mouse", "click: cursor; drag: select text; double-click: word; triple-click: sentence; wheel: scroll"), ("escape", "drop the selection")]),
            ("Sidebar lists", [("enter", "select: scroll every pane to it / jump to the note"), ("a", "annotate the highlighted entity or claim")] + rows(NotesList.BINDINGS)
             + [(keys, f"Entities tab: {what}") for keys, what in rows(EntitiesList.BINDINGS)]),
            ("Event list", [("enter", "open the event's comparison"), ("escape, backspace", "back to the list (from a comparison)")]),
            ("Everywhere", rows(self.BINDINGS) + [("ctrl+p", "command palette: every action, themes"), ("ctrl+s", "save notes")]),
        ]
        self.push_screen(HelpScreen(sections))
