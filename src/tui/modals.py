"""Modal screens: the annotation form, the alias to split off an entity, the unsaved-notes
prompt on quit, and help."""

from __future__ import annotations

from typing import Iterable

from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from newsdiff.corpus.textsafe import clean_name


class AnnotationModal(ModalScreen[tuple[str, str] | None]):
    """Takes a tag and a note for ``target``; dismisses with ``(tag, note)`` or None."""

    DEFAULT_CSS = """
    AnnotationModal { align: center middle; }
    AnnotationModal > Vertical { width: 72; max-width: 95%; height: auto; border: thick $accent; background: $surface; padding: 1 2; }
    AnnotationModal #target { height: auto; max-height: 6; color: $text-muted; margin-bottom: 1; }
    AnnotationModal .tags { height: auto; }
    AnnotationModal .tags Button { min-width: 10; margin-right: 1; }
    AnnotationModal .buttons { height: auto; margin-top: 1; align-horizontal: right; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, target: Content, tags: Iterable[str], tag: str = "", note: str = "", title: str = "New note") -> None:
        super().__init__()
        self.target = target
        self.tags = list(tags)
        self.initial = (tag, note)
        self.form_title = title

    def compose(self):
        with Vertical():
            yield Label(Content.assemble((self.form_title, "bold"), " on:"), markup=False)
            yield Static(self.target, id="target", markup=False)
            yield Label(Content("Tag (one of the buttons, or any word):"), markup=False)
            with Horizontal(classes="tags"):
                for tag in self.tags:
                    yield Button(Content(tag), id=f"tag-{tag}", compact=True)
            yield Input(self.initial[0] or (self.tags[-1] if self.tags else ""), id="tag",
                        suggester=SuggestFromList(self.tags), placeholder="tag")
            yield Label(Content("Note (enter saves):"), markup=False)
            yield Input(self.initial[1], id="note", placeholder="what you noticed")
            with Horizontal(classes="buttons"):
                yield Button(Content("Save"), id="save", variant="primary")
                yield Button(Content("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#note", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        bid = event.button.id or ""
        if bid.startswith("tag-"):
            self.query_one("#tag", Input).value = bid[4:]
            self.query_one("#note", Input).focus()
        elif bid == "save":
            self._submit()
        elif bid == "cancel":
            self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "tag":
            self.query_one("#note", Input).focus()
        else:
            self._submit()

    def _submit(self) -> None:
        tag = self.query_one("#tag", Input).value.strip() or "unverified"
        self.dismiss((tag, self.query_one("#note", Input).value))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChooseAlias(ModalScreen[str | None]):
    """Which name to split off an entity: dismisses with the alias or None (esc)."""

    DEFAULT_CSS = """
    ChooseAlias { align: center middle; }
    ChooseAlias > Vertical { width: 64; max-width: 95%; height: auto; max-height: 80%; border: thick $accent; background: $surface; padding: 1 2; }
    ChooseAlias OptionList { height: auto; max-height: 16; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, entity_name: str, aliases: Iterable[str]) -> None:
        super().__init__()
        self.entity_name = entity_name
        self.aliases = list(aliases)

    def compose(self):
        with Vertical():
            yield Label(Content.assemble("Split a name off ", (clean_name(self.entity_name), "bold"),
                                         ": its mentions become an entity of their own (enter; esc cancels)"),
                        markup=False)
            yield OptionList(*[Option(Content(clean_name(a)), id=f"alias-{n}") for n, a in enumerate(self.aliases)],
                             id="aliases", markup=False)

    def on_mount(self) -> None:
        self.query_one("#aliases", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.aliases[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)


class SaveAsModal(ModalScreen[str | None]):
    """A path to save the comparison to: dismisses with it (enter) or None (esc)."""

    DEFAULT_CSS = """
    SaveAsModal { align: center middle; }
    SaveAsModal > Vertical { width: 80; max-width: 95%; height: auto; border: thick $warning; background: $surface; padding: 1 2; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, current: str) -> None:
        super().__init__()
        self.current = current

    def compose(self):
        with Vertical():
            yield Label(Content("Save the comparison and notes to (enter saves, esc cancels):"), markup=False)
            yield Input(self.current, id="path", placeholder="path/to/comparison.yaml")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmQuit(ModalScreen[str]):
    """Unsaved notes: dismisses with "save", "discard" or "cancel"."""

    DEFAULT_CSS = """
    ConfirmQuit { align: center middle; }
    ConfirmQuit > Vertical { width: 60; max-width: 95%; height: auto; border: thick $warning; background: $surface; padding: 1 2; }
    ConfirmQuit Horizontal { height: auto; margin-top: 1; }
    ConfirmQuit Button { margin-right: 1; }
    """
    BINDINGS = [
        Binding("s", "choose('save')", "Save"),
        Binding("d", "choose('discard')", "Discard"),
        Binding("escape,c", "choose('cancel')", "Cancel"),
    ]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self):
        with Vertical():
            # the message names the notes file: each of its lines is cleaned
            shown = "\n".join(clean_name(line) for line in self.message.split("\n"))
            yield Static(Content(shown), markup=False)
            with Horizontal():
                yield Button(Content("Save and quit (s)"), id="save", variant="primary")
                yield Button(Content("Discard (d)"), id="discard", variant="error")
                yield Button(Content("Cancel (esc)"), id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "cancel")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)


class HelpScreen(ModalScreen[None]):
    """Every binding, grouped by where it works."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 84; max-width: 95%; height: 90%; border: thick $primary; background: $surface; padding: 0 2; }
    """
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss_help", "Close")]

    def __init__(self, sections: list[tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self):
        parts: list = [("newsdiff — keys", "bold $accent"), "\n"]
        for title, rows in self.sections:
            parts += ["\n", (title, "bold underline"), "\n"]
            for keys, description in rows:
                parts += [(f"  {keys:<22}", "bold"), description, "\n"]
        parts += ["\n", ("Press esc to close. ctrl+p opens the command palette with every action.", "italic")]
        with VerticalScroll():
            yield Static(Content.assemble(*parts), id="help-text", markup=False)

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
