"""What ``y`` (and ``ctrl+c`` with a selection) copies: plain text a journalist can paste
into a story or a fact-check, always saying where it comes from.

- a text selection: the quote, then ``— label, "title"``;
- a claim: its verdict and summary, then one line per value with its outlet and sentence;
- a note: its tag and text, then the quote it is anchored to and the outlet.

:func:`copy_target` chooses what ``y`` copies from what has focus; the comparison screen
copies it. The app copies with ``App.copy_to_clipboard`` (OSC 52, which works over ssh; the text is
base64-encoded in the escape sequence, so nothing in it reaches the terminal raw).
"""

from __future__ import annotations

from typing import Any, Callable, Mapping, Sequence


def _one_line(text: str) -> str:
    return " ".join(text.split())


def quote_text(quote: str, label: str, title: str) -> str:
    """``“…quote…” — label, "title"``."""
    source = label + (f', "{_one_line(title)}"' if title and title not in label else "")
    return f"“{_one_line(quote)}” — {source}"


def claim_text(claim, labels: Mapping[str, str], texts: Mapping[str, str]) -> str:
    """A claim as a short paragraph: verdict, summary and reason, then each value."""
    lines = [f"{claim.verdict.upper()}: {claim.claim}" + (f" — {claim.reason}" if claim.reason else "")]
    for f in claim.values:
        label = labels.get(f.article, f.article)
        text = texts.get(f.article, "")
        sentence = ""
        if text and 0 <= f.sentence_start < f.sentence_end <= len(text):
            sentence = f": “{_one_line(text[f.sentence_start:f.sentence_end])}”"
        flag = " (hypothetical)" if f.hypothetical else ""
        lines.append(f"- {label}: {f.text}{flag}{sentence}")
    return "\n".join(lines)


def note_text(note, labels: Mapping[str, str], titles: Mapping[str, str], target: str = "") -> str:
    """``[tag] note`` then the quote it is on and its outlet (or what else it is on)."""
    head = f"[{note.tag}] {note.note}".rstrip()
    if note.text is not None and note.text.exact:
        article = note.text.article
        return head + "\n" + quote_text(note.text.exact, labels.get(article, article), titles.get(article, ""))
    return head + (f"\n(on {target})" if target else "")


def copy_target(focused: Any, *, articles: Sequence, labels: Mapping[str, str], notes: Sequence,
                claim: Callable[[str], Any], entity: Callable[[str], Any],
                selected_claim: str | None) -> tuple[str, str] | None:
    """(what, text) for ``y``: the selection in the focused pane; else the note, claim
    or entity highlighted in a focused sidebar list; else the selected claim; else None.

    ``claim`` / ``entity`` look one up by id in the comparison (None when unknown)."""
    from textual.widgets import OptionList

    from tui.panes import ArticlePane

    titles = {a.id: a.title for a in articles}
    if isinstance(focused, ArticlePane) and focused.has_selection:
        start, end = focused.selection_range()
        if end > start:
            article = focused.article
            return "selection", quote_text(article.text[start:end], labels.get(article.id, ""), article.title)
    if isinstance(focused, OptionList) and focused.highlighted_option is not None:
        option_id = focused.highlighted_option.id or ""
        if focused.id == "notes":
            note = next((n for n in notes if n.id == option_id), None)
            if note is not None:
                return "note", note_text(note, labels, titles, note.target_id or "")
        elif focused.id == "claims" and claim(option_id) is not None:
            return "claim", claim_text(claim(option_id), labels, {a.id: a.text for a in articles})
        elif focused.id == "entities" and entity(option_id) is not None:
            found = entity(option_id)
            return "entity", ", ".join([found.name, *found.aliases])
    if selected_claim and claim(selected_claim) is not None:
        return "claim", claim_text(claim(selected_claim), labels, {a.id: a.text for a in articles})
    return None
