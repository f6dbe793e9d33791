"""A fast writer for the machine-made bulk of a comparison file, byte-identical to PyYAML.

A comparison of a long article holds tens of thousands of one-line records (entity
mentions, figure values). PyYAML's representer walks each of them in Python and spends
more time than the whole analysis; this module writes the same text directly. It handles
exactly the shapes :mod:`newsdiff.store.comparison_yaml` builds — a top-level block list of
block mappings whose values are scalars, one-line flow lists and mappings, or block lists
of one-line mappings — and asks PyYAML itself how to write each distinct string (cached),
so quoting rules are PyYAML's, not a copy of them. Anything else (a multi-line string, a
string too long for one line, an unknown type) raises :class:`Unsupported` and the caller
lets PyYAML write that section.
"""

from __future__ import annotations

import re
from typing import Any, Callable


#: Strings PyYAML writes plain in block and flow context alike: ASCII words joined by
#: single spaces or hyphens, starting with a letter, and not one of YAML 1.1's booleans or
#: nulls (those it quotes). Everything else is asked of PyYAML.
_PLAIN = re.compile(r"[A-Za-z$(][A-Za-z0-9$().%/'+]*(?:[ -][A-Za-z0-9$().%/'+]+)*\Z")
#: Printable ASCII on one line: PyYAML can always write it single-quoted, and does whenever
#: it cannot write it plain. A string it surely cannot write plain is quoted here.
_ASCII_LINE = re.compile(r"[\x20-\x7e]*\Z")
_NOT_PLAIN_START = frozenset("'\"&*!|>%@`#[]{},")
_RESERVED = frozenset("yes no true false on off null".split())
#: Mapping keys written plain: the identifiers newsdiff uses ("canonical_unit").
_KEY = re.compile(r"[a-z][a-z0-9_]*\Z")
#: Longer strings could be folded at the line width; leave them to PyYAML.
_MAX_INLINE = 20_000


def _surely_quoted(s: str, flow: bool) -> bool:
    """Whether PyYAML's emitter surely refuses ``s`` (printable ASCII, one line) as a plain
    scalar: a leading or trailing space, an indicator first, ": " or " #" inside, and in a
    flow collection any of ``,?[]{}:``. (False means: not sure; PyYAML is asked.)"""
    if s[0] == " " or s[-1] == " " or s[0] in _NOT_PLAIN_START:
        return True
    if ": " in s or " #" in s or s.endswith(":"):
        return True
    return flow and any(c in s for c in ",?[]{}:")


class Unsupported(Exception):
    """A value this writer does not write exactly as PyYAML would."""


class FastWriter:
    """Writes sections of one document; ``dump`` is the PyYAML call it must match."""

    def __init__(self, dump: Callable[..., str], flow_types: tuple[type, ...], list_types: tuple[type, ...]) -> None:
        self._dump = dump
        self._flow_types = flow_types  # dict subclasses written on one line
        self._flow_list_types = list_types  # list subclasses written on one line
        self._block: dict[str, str] = {}
        self._flow: dict[str, str] = {}
        self._keys: set[str] = set()  # keys already checked

    # ----------------------------------------------------------------- scalars
    def _str(self, s: str, flow: bool) -> str:
        cache = self._flow if flow else self._block
        out = cache.get(s)
        if out is not None:
            return out
        if _PLAIN.match(s) and s.lower() not in _RESERVED:
            out = s
        elif len(s) > _MAX_INLINE or "\n" in s or "\r" in s:
            raise Unsupported("long or multi-line string")
        elif s and _ASCII_LINE.match(s) and _surely_quoted(s, flow):
            out = "'" + s.replace("'", "''") + "'"
        elif flow:
            text = self._dump([s], default_flow_style=True)
            if not (text.startswith("[") and text.endswith("]\n")) or "\n" in text[:-1]:
                raise Unsupported("string PyYAML writes on several lines")
            out = text[1:-2]
        else:
            text = self._dump({"k": s}, default_flow_style=False)
            if not text.startswith("k: ") or "\n" in text[:-1]:
                raise Unsupported("string PyYAML writes on several lines")
            out = text[3:-1]
        cache[s] = out
        return out

    def scalar(self, value: Any, flow: bool) -> str:
        if value is None:
            return "null"
        if value is True:
            return "true"
        if value is False:
            return "false"
        if type(value) is int:
            return str(value)
        if type(value) is float:
            if value != value or value in (float("inf"), float("-inf")):
                raise Unsupported("non-finite float")
            text = repr(value).lower()
            if "." not in text and "e" in text:
                text = text.replace("e", ".0e", 1)  # as PyYAML's represent_float
            return text
        if type(value) is str:
            return self._str(value, flow)
        raise Unsupported(f"type {type(value).__name__}")

    # ----------------------------------------------------------------- flow
    def flow(self, value: Any) -> str:
        if type(value) is str:  # the common case first: a cached string
            out = self._flow.get(value)
            return out if out is not None else self._str(value, True)
        if isinstance(value, self._flow_types):
            return "{" + ", ".join([f"{self._key(k)}: {self.flow(v)}" for k, v in value.items()]) + "}"
        if isinstance(value, self._flow_list_types):
            return "[" + ", ".join([self.flow(v) for v in value]) + "]"
        if isinstance(value, (dict, list)):
            raise Unsupported("block collection inside a flow one")
        return self.scalar(value, flow=True)

    def _key(self, key: Any) -> str:
        if key in self._keys:
            return key
        if type(key) is not str or not _KEY.match(key) or key in _RESERVED:
            raise Unsupported("key")
        self._keys.add(key)
        return key

    # ----------------------------------------------------------------- block
    def section(self, key: str, records: list[dict[str, Any]]) -> str:
        """``key:`` followed by a block list of block mappings, as PyYAML writes it at the
        top level of a document (a list inside a mapping is not indented)."""
        if not records:
            return f"{self._key(key)}: []\n"
        out = [f"{self._key(key)}:\n"]
        append = out.append
        for record in records:
            if type(record) is not dict or not record:
                raise Unsupported("record")
            lead = "- "
            for k, v in record.items():
                name = self._key(k)
                if isinstance(v, (self._flow_types, self._flow_list_types)):
                    append(f"{lead}{name}: {self.flow(v)}\n")
                elif type(v) is list:
                    if not v:
                        append(f"{lead}{name}: []\n")
                    else:
                        append(f"{lead}{name}:\n")
                        for item in v:
                            if not isinstance(item, self._flow_types + self._flow_list_types):
                                raise Unsupported("block list of block items")
                            append(f"  - {self.flow(item)}\n")
                elif isinstance(v, (dict, list)):
                    raise Unsupported("nested block collection")
                else:
                    append(f"{lead}{name}: {self.scalar(v, flow=False)}\n")
                lead = "  "
        return "".join(out)
