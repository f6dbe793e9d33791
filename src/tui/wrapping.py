"""Word wrapping that keeps character offsets: an article's text becomes a list of visual
lines, each a ``(start, end)`` slice of ``Article.text``, so highlights given as character
spans land on the right cells and a character offset maps back to a line by bisection."""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Sequence

from rich.cells import cell_len

_WORD = re.compile(r"\S+\s*")


def _split_long(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Hard-split ``text[start:end]`` (a word wider than the line) into chunks of ``width`` cells."""
    out: list[tuple[int, int]] = []
    s, cells = start, 0
    for i in range(start, end):
        w = cell_len(text[i])
        if cells + w > width and i > s:
            out.append((s, i))
            s, cells = i, 0
        cells += w
    out.append((s, end))
    return out


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Visual lines of ``text`` at ``width`` cells, as ``(start, end)`` offsets.

    Paragraphs (split on newline) wrap greedily at spaces; a line's trailing spaces belong to
    it (they are cropped when drawn); an empty paragraph is one empty line.
    """
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    pos = 0
    for para in text.split("\n"):
        p_start, p_end = pos, pos + len(para)
        pos = p_end + 1
        if not para:
            lines.append((p_start, p_start))
            continue
        if para.isascii() and len(para) <= width:
            lines.append((p_start, p_end))
            continue
        ascii_para = para.isascii()
        line_start = p_start
        line_cells = 0
        for m in _WORD.finditer(para):
            ws, we = p_start + m.start(), p_start + m.end()
            word = m.group().rstrip()
            w = len(word) if ascii_para else cell_len(word)
            trailing = (we - ws) - len(word)
            if line_cells and line_cells + w > width:
                lines.append((line_start, ws))
                line_start, line_cells = ws, 0
            if w > width and line_cells == 0:
                chunks = _split_long(text, ws, ws + len(word), width)
                lines.extend(chunks[:-1])
                line_start = chunks[-1][0]
                last = chunks[-1]
                line_cells = last[1] - last[0] if ascii_para else cell_len(text[last[0]:last[1]])
            else:
                line_cells += w
            line_cells += trailing
        if line_start < p_end or not lines or lines[-1][1] < p_end:
            lines.append((line_start, p_end))
    return lines


def line_of_offset(line_starts: Sequence[int], offset: int) -> int:
    """Index of the visual line that holds character ``offset``."""
    return max(0, bisect_right(line_starts, offset) - 1)
