"""Routes of the layered layout: ports on the boxes, paths through the layers, the result.

Step 5 of :func:`~govsim.reports.layout.layered_layout`. Once every node has
its x, the drawing is moved inside its margin and the layers are stacked; an
edge leaves its box from a port on the side facing the other end, spread
along the side, and runs straight through its layer nodes. Its label sits at
its label node, drawn by the first of the edges sharing it.
"""

from __future__ import annotations

from collections.abc import Sequence

from govsim.reports.layout.layers import Node
from govsim.reports.layout.positions import stack_layers
from govsim.reports.layout.shapes import Edge, Layout, Placed, Point, Route

__all__ = ["finish_layout", "spread_ports"]


def spread_ports(
    chains: list[list[str]], nodes: dict[str, Node]
) -> dict[tuple[str, str], float]:
    """Where edges meet a box, by (box, next node): spread along the side they use.

    Edges running to the same next node (a shared label) share a port.
    """
    sides: dict[tuple[str, str], set[str]] = {}
    for chain in chains:
        sides.setdefault((chain[0], "bottom"), set()).add(chain[1])
        sides.setdefault((chain[-1], "top"), set()).add(chain[-2])
    ports: dict[tuple[str, str], float] = {}
    for (box, _), ends in sorted(sides.items()):
        node = nodes[box]
        usable = node.width * 0.8
        left = node.x - usable / 2
        ordered = sorted(ends, key=lambda k: (nodes[k].x, k))
        for j, end in enumerate(ordered):
            ports[(box, end)] = left + usable * (j + 1) / (len(ordered) + 1)
    return ports


def _route(
    edge: Edge,
    chain: list[str],
    nodes: dict[str, Node],
    placed: dict[str, Placed],
    ports: dict[tuple[str, str], float],
    tops: list[float],
    heights: list[float],
) -> tuple[list[Point], str | None]:
    """An edge's points from its source to its target, and its label node."""
    first, last = placed[chain[0]], placed[chain[-1]]
    points: list[Point] = [(ports[(chain[0], chain[1])], first.y + first.height)]
    label: str | None = None
    for key in chain[1:-1]:
        n = nodes[key]
        points += [(n.x, tops[n.layer]), (n.x, tops[n.layer] + heights[n.layer])]
        if n.height:
            label = key
    points.append((ports[(chain[-1], chain[-2])], last.y))
    if edge.source != chain[0]:
        points.reverse()
    return points, label


def finish_layout(
    layers: list[list[Node]],
    chains: list[list[str]],
    links: list[tuple[str, str]],
    edges: Sequence[Edge],
    ids: set[str],
    margin: float,
) -> Layout:
    """The layout of ordered, positioned nodes: boxes placed, edges routed, its size.

    Args:
        layers: the nodes per layer, each with its x.
        chains: each edge's chain of node keys, top to bottom.
        links: the links between nodes of neighbouring layers.
        edges: the edges, in the order their routes are given.
        ids: the boxes' ids (every other node is a label or a bend).
        margin: space left around the drawing.
    """
    nodes = {n.key: n for layer in layers for n in layer}
    left = min((n.x - n.width / 2 for n in nodes.values()), default=0.0)
    for n in nodes.values():
        n.x += margin - left
    tops = stack_layers(layers, links, margin)
    heights = [max((n.height for n in layer), default=0.0) for layer in layers]
    middle = [top + h / 2 for top, h in zip(tops, heights, strict=True)]
    placed = {
        key: Placed(
            n.x - n.width / 2, middle[n.layer] - n.height / 2, n.width, n.height
        )
        for key, n in nodes.items()
        if key in ids
    }
    ports = spread_ports(chains, nodes)
    routes: list[Route] = []
    drawn: set[str] = set()
    for edge, chain in zip(edges, chains, strict=True):
        points, label = _route(edge, chain, nodes, placed, ports, tops, heights)
        centre = (
            (0.0, 0.0)
            if label is None
            else (nodes[label].x, middle[nodes[label].layer])
        )
        routes.append(
            Route(tuple(points), centre, label is not None and label not in drawn)
        )
        drawn.add(label or "")
    width = max((n.x + n.width / 2 for n in nodes.values()), default=0.0) + margin
    height = (tops[-1] + heights[-1] if tops else 0.0) + margin
    return Layout(placed, tuple(routes), width, height)
