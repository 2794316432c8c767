"""Layers of the layered layout: boxes and the nodes edges pass, labels among them.

Step 2 of :func:`~govsim.reports.layout.layered_layout`. Boxes sit on even
layers; every edge gets a node on each layer it crosses, the one nearest its
arrowhead carrying its label, so labels are placed like boxes and never
overlap each other or a box. Edges fanning out of one box (or into one) with
one label share one label node, drawn once beside that box.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from govsim.reports.layout.shapes import Box, Edge

__all__ = [
    "DUMMY_WIDTH",
    "Adjacency",
    "Node",
    "build_layers",
    "find_neighbours",
    "share_labels",
]

Adjacency = dict[str, list[str]]

DUMMY_WIDTH = 10.0
"""Width kept for an edge crossing a layer without its label."""


@dataclass
class Node:
    """A box, a label or an edge's bend on one layer: the steps' working state.

    Attributes:
        key: the box's id; a label's or a bend's key starts with a NUL, so
            it can never be a box's.
        width: the width it takes on its layer.
        height: its height (0 for a bend, which carries no label).
        layer: its layer, 0 at the top.
        x: its centre, set by :func:`~govsim.reports.layout.positions.place_nodes`.
    """

    key: str
    width: float
    height: float
    layer: int
    x: float = 0.0


def share_labels(edges: Sequence[Edge], rank: dict[str, int]) -> list[tuple[str, ...]]:
    """For each edge, the key of the label node it shares (with itself alone if none).

    Edges with one label fanning out of one box, the same way, share a label
    beside that box; otherwise edges with one label converging on one box
    share a label beside it; a lone edge's label sits by its arrowhead.
    """

    def way(e: Edge) -> str:
        return "down" if rank[e.source] < rank[e.target] else "up"

    fans = Counter((e.source, e.label, way(e)) for e in edges)
    return [
        ("out", e.source, e.label, way(e))
        if fans[(e.source, e.label, way(e))] > 1
        else ("in", e.target, e.label, way(e))
        for e in edges
    ]


def build_layers(
    boxes: Sequence[Box], edges: Sequence[Edge], rank: dict[str, int]
) -> tuple[list[list[Node]], list[list[str]], list[tuple[str, str]]]:
    """Nodes per layer, each edge's chain of node keys (top to bottom), node links."""
    layers: list[list[Node]] = [
        [] for _ in range(2 * max(rank.values(), default=0) + 1)
    ]
    for b in sorted(boxes, key=lambda b: b.id):
        layers[2 * rank[b.id]].append(Node(b.id, b.width, b.height, 2 * rank[b.id]))
    chains: list[list[str]] = []
    links: dict[tuple[str, str], None] = {}
    shared: dict[tuple[str, ...], str] = {}
    for i, (e, hub) in enumerate(zip(edges, share_labels(edges, rank), strict=True)):
        down = rank[e.source] < rank[e.target]
        upper, lower = (e.source, e.target) if down else (e.target, e.source)
        top, bottom = 2 * rank[upper] + 1, 2 * rank[lower] - 1
        label_layer = top if hub[1] == upper else bottom
        chain = [upper]
        for layer in range(top, bottom + 1):
            if layer == label_layer:
                key = shared.get(hub)
                if key is None:
                    key = shared[hub] = f"\0label\0{i}"
                    node = Node(key, e.label_width, e.label_height, layer)
                    layers[layer].append(node)
            else:
                key = f"\0{i}\0{layer}"
                layers[layer].append(Node(key, DUMMY_WIDTH, 0.0, layer))
            chain.append(key)
        chain.append(lower)
        chains.append(chain)
        links.update(dict.fromkeys(pairwise(chain)))
    return layers, chains, list(links)


def find_neighbours(
    layers: list[list[Node]], links: list[tuple[str, str]]
) -> tuple[Adjacency, Adjacency]:
    """Each node's neighbours on the layer below, and on the layer above."""
    down: Adjacency = {n.key: [] for layer in layers for n in layer}
    up: Adjacency = {n.key: [] for layer in layers for n in layer}
    for a, b in links:
        down[a].append(b)
        up[b].append(a)
    return down, up
