"""Disjoint sets (union-find), the grouping every aligner uses: items linked pairwise
become groups, each the connected piece of its links."""

from __future__ import annotations

from collections.abc import Iterable


class DisjointSets:
    """Items 0..n-1, each first in a set of its own."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        """The representative of ``i``'s set (paths halved on the way)."""
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, keep: int, join: int) -> None:
        """Join ``join``'s set into ``keep``'s (``keep``'s representative stays)."""
        self.parent[self.find(join)] = self.find(keep)

    def groups(self, items: Iterable[int] | None = None) -> list[list[int]]:
        """The sets of ``items`` (default: all), members in the order given."""
        out: dict[int, list[int]] = {}
        for i in range(len(self.parent)) if items is None else items:
            out.setdefault(self.find(i), []).append(i)
        return list(out.values())
