"""Groups of things linked by pairs: the connected components of a pair list.

Wire copies (:mod:`.copies`), the candidate groups of event grouping
(:mod:`newsdiff.comparison.events`) and the copy bench all need them. A union-find with
path halving: linear in the things and the pairs, whatever their number.
"""

from __future__ import annotations

from typing import Generic, Hashable, Iterable, Sequence, TypeVar

T = TypeVar("T", bound=Hashable)


class Links(Generic[T]):
    """Things linked so far, asked whether two are already in one group (so a costly
    check of a pair can be skipped when it could not change the groups)."""

    def __init__(self, items: Iterable[T]) -> None:
        self.parent: dict[T, T] = {x: x for x in items}

    def root(self, x: T) -> T:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def joined(self, a: T, b: T) -> bool:
        return self.root(a) == self.root(b)

    def link(self, a: T, b: T) -> None:
        ra, rb = self.root(a), self.root(b)
        if ra != rb:
            self.parent[rb] = ra

    def groups(self, items: Sequence[T]) -> list[list[T]]:
        """Each group in the order of ``items``, the groups in the order of their first member."""
        out: dict[T, list[T]] = {}
        for x in items:
            out.setdefault(self.root(x), []).append(x)
        return list(out.values())


def linked_groups(items: Sequence[T], pairs: Iterable[tuple[T, T]]) -> list[list[T]]:
    """The groups ``pairs`` link ``items`` into (an item no pair names is a group of
    its own): each group in the order of ``items``, the groups in the order of their
    first member."""
    links = Links(items)
    for a, b in pairs:
        links.link(a, b)
    return links.groups(items)
