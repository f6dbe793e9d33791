"""The reader's notes as one comparison screen sees them, and the note actions.

:class:`EventNotes` is a controller the screen holds. It tells this event's notes from
the others (kept, listed as "other event"), labels each for the Notes tab, finds a note
by id, and runs the actions: annotate (``a``: the selection, the sentence at the cursor,
or the entity / claim highlighted in a sidebar list), edit (``e``), delete (``d``) and
undo the last delete (``u``).

The notes themselves are the app's (``app.notes``, ``add_note``, ``update_note``,
``delete_note``, ``undo_delete_note``); the app refreshes the screens when they change.
The comparison's entities and claims are looked up through a :class:`Lookup`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping, Protocol, Sequence

from textual.content import Content
from textual.widgets import OptionList

from newsdiff.corpus.textsafe import clean_field
from tui import engine
from tui.modals import AnnotationModal

if TYPE_CHECKING:
    from textual.app import App
    from textual.widget import Widget

    from newsdiff.corpus.articles import Article
    from tui.panes import ArticlePane


class Lookup(Protocol):
    """The comparison on screen, as far as notes need it (the comparison screen is one)."""

    comparison: Any  # None while it is computed

    def entity(self, entity_id: str) -> Any: ...

    def claim(self, claim_id: str) -> Any: ...


def _cut(quote: str, limit: int) -> str:
    """The quote on one line, cut short (saying so) past ``limit`` characters."""
    quote = " ".join(quote.split())
    return quote if len(quote) <= limit else quote[: limit - 1].rstrip() + "…"


class EventNotes:
    """The notes of one comparison screen (see the module docstring)."""

    def __init__(self, app: App, lookup: Lookup, articles: Sequence[Article],
                 numbers: Mapping[str, int], labels: Mapping[str, str]) -> None:
        self.app = app
        self.lookup = lookup
        self.articles = list(articles)
        self.numbers = numbers  # article id -> pane number (1-based)
        self.labels = labels  # article id -> its short name

    # ------------------------------------------------------------------ reading
    def note(self, note_id: str | None):
        return next((n for n in self.app.notes if n.id == note_id), None)  # type: ignore[attr-defined]

    def ordered(self) -> list:
        """Every note, this event's first, then the others."""
        return sorted(self.app.notes, key=lambda n: not self.in_event(n))  # type: ignore[attr-defined]

    def in_event(self, note) -> bool:
        """Whether a note belongs to this event: its text is in one of the panes, or its
        entity / claim is in this comparison (unknown until it is computed: yes)."""
        if note.target_type in ("entity", "figure") and note.target_id:
            if self.lookup.comparison is None:
                return True
            found = self.lookup.entity(note.target_id) if note.target_type == "entity" else self.lookup.claim(note.target_id)
            return found is not None
        return note.text is not None and note.text.article in self.numbers

    def label(self, note) -> str:
        """What a note is on, in the Notes tab: "[2] Reuters: “…”", "entity: …", "orphaned — …"."""
        if note.orphaned:
            quote = note.text.exact if note.text else (note.target_id or "")
            return f"orphaned — was “{_cut(quote, 60)}”"
        if not self.in_event(note):
            what = f"“{_cut(note.text.exact, 60)}”" if note.text is not None else f"{note.target_type} {note.target_id}"
            return f"other event — {what}"
        if note.target_type == "entity":
            entity = self.lookup.entity(note.target_id or "")
            return f"entity: {entity.name if entity else note.target_id}"
        if note.target_type == "figure":
            claim = self.lookup.claim(note.target_id or "")
            return f"figure: {claim.claim if claim else note.target_id}"
        if note.text is not None:
            n = self.numbers.get(note.text.article, "?")
            label = self.labels.get(note.text.article, "")
            return f"[{n}] {label}: “{_cut(note.text.exact, 70)}”" if label else f"[{n}] “{_cut(note.text.exact, 70)}”"
        return note.target_type

    def anchor_for(self, kind: str, target_id: str):
        """Where an entity/claim note was made: its first mention/value (for re-anchoring)."""
        by_id = {a.id: a for a in self.articles}
        if kind == "entity":
            entity = self.lookup.entity(target_id)
            if entity and entity.mentions and entity.mentions[0].article in by_id:
                m = entity.mentions[0]
                return by_id[m.article], m.start, m.end
        else:
            claim = self.lookup.claim(target_id)
            if claim and claim.values and claim.values[0].article in by_id:
                f = claim.values[0]
                return by_id[f.article], f.start, f.end
        return None

    # ------------------------------------------------------------------ actions
    def annotate(self, focused: Widget | None, pane: ArticlePane) -> None:
        """``a``: a note on the entity or claim highlighted in a focused sidebar list, else
        on the selection in ``pane`` (the current one), else on its sentence at the cursor."""
        target_label: Content
        if isinstance(focused, OptionList) and focused.id in ("entities", "claims"):
            option = focused.highlighted_option
            if option is None or option.id is None:
                self.app.bell()
                return
            if focused.id == "entities":
                entity = self.lookup.entity(option.id)
                target = ("entity", option.id)
                target_label = Content.assemble("entity ", (entity.name if entity else option.id, "bold"))
            else:
                claim = self.lookup.claim(option.id)
                target = ("figure", option.id)
                target_label = Content.assemble("figure claim ", (claim.claim if claim else option.id, "bold"),
                                                f" — {claim.reason}" if claim and claim.reason else "")
        else:
            start, end = pane.selection_range()
            if not pane.has_selection and end > start:  # no selection: the sentence
                start, end = engine.sentence_span(pane.article.text, start, end)
            if end <= start:
                self.app.notify(Content("Nothing to annotate on an empty line."), severity="warning")
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
                pane.clear_visual()
            else:
                anchor = self.anchor_for(kind, what)
                ann = engine.new_id_note(kind, what, tag, note, anchor)
            self.app.add_note(ann)  # type: ignore[attr-defined]
            self.app.notify(Content.assemble("Note added: ", (f"[{ann.tag}]", "bold")), timeout=2)

        self.app.push_screen(AnnotationModal(target_label, engine.suggested_tags()), done)

    def edit(self, note_id: str | None) -> None:
        """``e`` in the Notes tab: change the note's tag and text."""
        note = self.note(note_id)
        if note is None:
            self.app.bell()
            return

        def done(result: tuple[str, str] | None) -> None:
            if result is not None:
                self.app.update_note(note.id, *result)  # type: ignore[attr-defined]

        self.app.push_screen(
            AnnotationModal(Content(clean_field(self.label(note)) or ""), engine.suggested_tags(), note.tag, note.note, title="Edit note"),
            done,
        )

    def delete(self, note_id: str | None) -> None:
        """``d`` in the Notes tab: delete the note (``u`` brings it back)."""
        note = self.note(note_id)
        if note is None:
            self.app.bell()
            return
        self.app.delete_note(note.id)  # type: ignore[attr-defined]
        self.app.notify(Content.assemble("Deleted note ", (f"[{note.tag}]", "bold"), " — u undoes it"), timeout=5)

    def undo_delete(self) -> None:
        """Bring back the note deleted last (u; again for the one before)."""
        note = self.app.undo_delete_note()  # type: ignore[attr-defined]
        if note is None:
            self.app.notify(Content("No deleted note to bring back."), severity="warning", timeout=3)
            return
        self.app.notify(Content.assemble("Restored note ", (f"[{note.tag}]", "bold")), timeout=3)
