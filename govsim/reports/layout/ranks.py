"""Rows of the layered layout: which row each box goes in, and rows split to fit.

Step 1 of :func:`~govsim.reports.layout.layered_layout`. Every edge is read
from the higher box to the lower: from the box of the lower tier (tiers are
given: the convention above the executive above the committees), or from its
source between boxes of one tier. Edges are kept in that order while they
close no cycle, and each box is ranked by the longest path of kept edges
above it, never above its floor. A row of boxes wider than the drawing may be
is split into rows that fit, one under the other, rather than drawn smaller.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from govsim.reports.layout.positions import NODE_GAP
from govsim.reports.layout.shapes import Box, Edge

__all__ = ["rank_boxes", "wrap_rows"]


def rank_boxes(boxes: Sequence[Box], edges: Sequence[Edge]) -> dict[str, int]:
    """Each box's rank: longest path of acyclic kept edges, floored."""
    tier = {b.id: b.tier for b in boxes}
    floor = {b.id: b.tier if b.floor is None else b.floor for b in boxes}
    pairs: list[tuple[int, str, str]] = []
    for e in edges:
        upper, lower = (e.target, e.source) if e.upward else (e.source, e.target)
        if tier[lower] < tier[upper]:
            upper, lower = lower, upper
        pairs.append((0 if tier[upper] < tier[lower] else 1, upper, lower))
    below: dict[str, set[str]] = {b.id: set() for b in boxes}

    def reaches(start: str, goal: str) -> bool:
        stack, seen = [start], set()
        while stack:
            node = stack.pop()
            if node == goal:
                return True
            if node not in seen:
                seen.add(node)
                stack.extend(sorted(below[node]))
        return False

    for _, upper, lower in sorted(set(pairs)):
        if upper != lower and not reaches(lower, upper):
            below[upper].add(lower)
    rank: dict[str, int] = {}

    def rank_of(node: str, above: dict[str, list[str]]) -> int:
        if node not in rank:
            rank[node] = max(
                [floor[node], *(rank_of(u, above) + 1 for u in above[node])]
            )
        return rank[node]

    above: dict[str, list[str]] = {b.id: [] for b in boxes}
    for upper, lowers in below.items():
        for lower in lowers:
            above[lower].append(upper)
    for b in boxes:
        rank_of(b.id, above)
    used = sorted(set(rank.values()))
    return {node: used.index(r) for node, r in rank.items()}


def wrap_rows(
    boxes: Sequence[Box], edges: Sequence[Edge], rank: dict[str, int], limit: float
) -> dict[str, int]:
    """Ranks with every row wider than ``limit`` split into rows that fit.

    A row too wide for the page would be shrunk with its text; instead its
    boxes are dealt into as few rows as fit, one below the other, the rows
    below pushed down. Boxes linked to a row further down go in the last of
    the new rows, nearest their links; the others keep their order by id.
    """
    width = {b.id: b.width for b in boxes}
    linked_below = {
        end
        for e in edges
        for end, other in ((e.source, e.target), (e.target, e.source))
        if rank[other] > rank[end]
    }
    wrapped: dict[str, int] = {}
    shift = 0
    for r in range(max(rank.values(), default=-1) + 1):
        row = sorted(
            (k for k in rank if rank[k] == r), key=lambda k: (k in linked_below, k)
        )
        total = sum(width[k] for k in row) + NODE_GAP * (len(row) - 1)
        count = max(1, math.ceil(total / limit))
        share = total / count
        sub, used = 0, 0.0
        for k in row:
            if used and used + width[k] > share and sub < count - 1:
                sub, used = sub + 1, 0.0
            wrapped[k] = r + shift + sub
            used += width[k] + NODE_GAP
        shift += sub
    return wrapped
