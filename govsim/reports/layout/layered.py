"""The layered layout as a whole: the steps in order, from boxes and edges to a layout.

Each step lives in its own module (see :mod:`govsim.reports.layout`); this
one checks the input, decides the rows, and runs the steps on them, going
back over order and positions while that still straightens edges.
"""

from __future__ import annotations

from collections.abc import Sequence

from govsim.reports.layout.layers import build_layers, find_neighbours
from govsim.reports.layout.order import order_layers, shortcut_bends, straighten
from govsim.reports.layout.positions import place_nodes
from govsim.reports.layout.ranks import rank_boxes, wrap_rows
from govsim.reports.layout.routes import finish_layout
from govsim.reports.layout.shapes import Box, Edge, Layout

__all__ = ["layered_layout"]

_STRAIGHTENINGS = 4


def layered_layout(
    boxes: Sequence[Box],
    edges: Sequence[Edge],
    *,
    margin: float = 20.0,
    max_width: float | None = None,
) -> Layout:
    """Place boxes in layers and route edges between them, deterministically.

    Args:
        boxes: the boxes, each with its size and tier.
        edges: edges between two distinct boxes; each is routed from its
            source to its target, so an arrowhead goes at the end.
        margin: space left around the drawing.
        max_width: the widest the drawing should be (none: no limit): rows
            of boxes wider than that are split into rows that fit. The
            edges passing a row still widen it, so this is a target, not
            a bound.

    Raises:
        ValueError: an edge from a box to itself.
    """
    for e in edges:
        if e.source == e.target:
            raise ValueError(f"an edge from {e.source} to itself cannot be routed")
    rank = rank_boxes(boxes, edges)
    if max_width is None:
        return _placed(boxes, edges, rank, margin)
    # Splitting rows further costs more than it saves: every edge to a lower
    # row passes the rows above, and its bends widen them in turn.
    wrapped = wrap_rows(boxes, edges, rank, max_width - 2 * margin)
    return _placed(boxes, edges, wrapped, margin)


def _placed(
    boxes: Sequence[Box], edges: Sequence[Edge], rank: dict[str, int], margin: float
) -> Layout:
    """The layout of boxes at given ranks: layers, order, positions and routes."""
    layers, chains, links = build_layers(boxes, edges, rank)
    down, up = find_neighbours(layers, links)
    order_layers(layers, down, up)
    place_nodes(layers, links)
    for _ in range(_STRAIGHTENINGS):
        if not straighten(layers, down, up):
            break
        place_nodes(layers, links)
    for _ in range(_STRAIGHTENINGS):
        if not shortcut_bends(layers, down, up):
            break
        place_nodes(layers, links)
    return finish_layout(layers, chains, links, edges, {b.id for b in boxes}, margin)
