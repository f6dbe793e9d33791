"""The sidebar: tabs for Entities (the colour legend), Figures (claims and the selected
claim in full), Search results and Notes. Every row is built as Content from engine
records, so article text and notes are shown literally."""

from __future__ import annotations

from typing import Callable, Sequence

from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

TAB_IDS = {"entities": "tab-entities", "figures": "tab-figures", "search": "tab-search", "notes": "tab-notes"}


def _num(x: float | None) -> str:
    if x is None:
        return "?"
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.3g}" if abs(x) < 1000 else f"{x:,.0f}"


def entity_prompt(entity, style: str | None, article_numbers: dict[str, int]) -> Content:
    """``██ Name  kind · in 1 2 4 · 7×`` then ``aka …`` (aliases) on a second line."""
    swatch = ("██ ", style) if style else ("   ", "")
    where = " ".join(str(article_numbers[a]) for a in entity.articles if a in article_numbers)
    head = Content.assemble(
        swatch, (entity.name, "bold"),
        (f"  {entity.kind} · in {where} · {len(entity.mentions)}×", "$text-muted"),
    )
    aliases = [a for a in entity.aliases if a != entity.name]
    if aliases:
        head = Content.assemble(head, "\n   ", ("aka " + ", ".join(aliases), "italic $text-muted"))
    return head


def claim_prompt(claim, verdict_style: str, article_numbers: dict[str, int]) -> Content:
    values = " · ".join(
        f"{f.text if len(f.text) <= 24 else _num(f.value)} ({article_numbers.get(f.article, '?')})"
        for f in claim.values
    )
    return Content.assemble(
        (f" {claim.verdict.upper()} ", verdict_style), " ", (claim.claim, "bold"),
        "\n   ", (values, "$text-muted"),
    )


def claim_detail(claim, verdict_style: str, titles: dict[str, str], numbers: dict[str, int]) -> Content:
    """Everything about one claim: each value with units converted, bounds, hedges, sources."""
    parts: list = [
        (f" {claim.verdict.upper()} ", verdict_style), " ", (claim.claim, "bold"), "\n",
    ]
    if claim.reason:
        parts += [(claim.reason, "italic"), "\n"]
    for f in claim.values:
        n = numbers.get(f.article, "?")
        parts += ["\n", (f"[{n}] ", "bold $accent"), (titles.get(f.article, f.article), "$text-muted"), "\n"]
        parts += ["    “", (f.text, "bold"), "”\n"]
        value = f"    value {_num(f.value)}" + (f" {f.unit}" if f.unit else "")
        if f.canonical is not None and f.canonical_unit and (f.canonical != f.value or f.canonical_unit != f.unit):
            value += f" = {_num(f.canonical)} {f.canonical_unit}"
        parts += [value, "\n"]
        bounds = f"    {f.bound}"
        if f.low != f.high:
            bounds += f", between {_num(f.low)} and {_num(f.high)}"
        if f.hedge:
            bounds += f", hedged: “{f.hedge}”"
        if f.hypothetical:
            bounds += ", hypothetical"
        parts += [bounds, "\n"]
        if f.attribution:
            parts += ["    according to ", (f.attribution, "italic"), "\n"]
    return Content.assemble(*parts)


def note_prompt(note, target_label: str) -> Content:
    flag = (" ORPHANED ", "bold $error reverse") if note.orphaned else ("", "")
    text = note.note.replace("\n", " ")
    if len(text) > 200:
        text = text[:199] + "…"
    return Content.assemble(
        flag, (" " if note.orphaned else "") , (f"[{note.tag}]", "bold $accent"), " ", text,
        "\n   ", (target_label, "italic $text-muted"),
    )


def hit_prompt(hit, number: int | None) -> Content:
    where = f"({number}) " if number else ""
    snippet = (getattr(hit, "snippet", "") or "").replace("\n", " ")
    return Content.assemble(
        (where, "bold $accent"), (hit.title, "bold"), (f"  {hit.score:.2f}", "$text-muted"),
        "\n   ", (snippet[:160], "$text-muted"),
    )


class NotesList(OptionList):
    """The Notes tab's list: enter jumps to the target, e edits, d deletes."""

    BINDINGS = [
        Binding("e", "screen.edit_note", "Edit note", id="notes.edit"),
        Binding("d,delete", "screen.delete_note", "Delete note", id="notes.delete"),
    ]


class Sidebar(Vertical):
    DEFAULT_CSS = """
    Sidebar { width: 40; border-left: vkey $panel-lighten-2; }
    Sidebar.-hidden { display: none; }
    Sidebar OptionList { height: 1fr; border: none; }
    Sidebar #claims { height: 1fr; }
    Sidebar #claim-detail-scroll { height: 1fr; border-top: hkey $panel-lighten-2; }
    Sidebar #search-status { height: auto; color: $text-muted; }
    Sidebar TabPane { padding: 0; }
    """

    def compose(self):
        with TabbedContent(id="tabs"):
            with TabPane("Entities", id=TAB_IDS["entities"]):
                yield OptionList(id="entities", markup=False)
            with TabPane("Figures", id=TAB_IDS["figures"]):
                yield OptionList(id="claims", markup=False)
                with VerticalScroll(id="claim-detail-scroll"):
                    yield Static(Content("Select a claim (enter) or put the cursor on a value."),
                                 id="claim-detail", markup=False)
            with TabPane("Search", id=TAB_IDS["search"]):
                yield Static(Content("Press / to search (Whoosh syntax)."), id="search-status", markup=False)
                yield OptionList(id="search-results", markup=False)
            with TabPane("Notes", id=TAB_IDS["notes"]):
                yield NotesList(id="notes", markup=False)

    def show_tab(self, name: str) -> None:
        self.query_one("#tabs", TabbedContent).active = TAB_IDS[name]

    @property
    def active_tab(self) -> str:
        active = self.query_one("#tabs", TabbedContent).active
        return next((k for k, v in TAB_IDS.items() if v == active), "")

    def _fill(self, list_id: str, options: Sequence[Option]) -> None:
        ol = self.query_one(f"#{list_id}", OptionList)
        keep = ol.highlighted
        ol.set_options(options)
        if options:
            ol.highlighted = min(keep or 0, len(options) - 1)

    def show_entities(self, entities, style_of: Callable[[str], str | None], numbers: dict[str, int]) -> None:
        self._fill("entities", [Option(entity_prompt(e, style_of(e.id), numbers), id=e.id) for e in entities])

    def show_claims(self, claims, verdict_style: Callable[[str], str], numbers: dict[str, int]) -> None:
        self._fill("claims", [Option(claim_prompt(c, verdict_style(c.verdict), numbers), id=c.id) for c in claims])

    def show_claim_detail(self, content: Content) -> None:
        self.query_one("#claim-detail", Static).update(content)

    def show_search(self, status: Content, hits, numbers: dict[str, int]) -> None:
        self.query_one("#search-status", Static).update(status)
        self._fill("search-results", [
            Option(hit_prompt(h, numbers.get(h.article_id)), id=f"hit-{i}") for i, h in enumerate(hits)
        ])

    def show_notes(self, notes, label_of: Callable[[object], str]) -> None:
        self._fill("notes", [Option(note_prompt(n, label_of(n)), id=n.id) for n in notes])
