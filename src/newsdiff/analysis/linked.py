"""Groups of things linked by pairs: the connected components of a pair list.

Wire copies (:mod:`.copies`), the candidate groups of event grouping
(:mod:`newsdiff.comparison.events`) and the copy bench all need them. A union-find with
path halving: linear in the things and the pairs, whatever their number.
"""

from __future__ import annotations

from typing import Hashable, Iterable, Sequence, TypeVar

T = TypeVar("T", bound=Hashable)


def linked_groups(items: Sequence[T], pairs: Iterable[tuple[T, T]]) -> list[list[T]]:
    """The groups ``pairs`` link ``items`` into (an item no pair names is a group of
    its own): each group in the order of ``items``, the groups in the order of their
    first member."""
    parent = {x: x for x in items}

    def root(x: T) -> T:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[rb] = ra
    groups: dict[T, list[T]] = {}
    for x in items:
        groups.setdefault(root(x), []).append(x)
    return list(groups.values())
