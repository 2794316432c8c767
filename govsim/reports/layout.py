"""A small layered layout for charts: ranks, order within ranks, positions, routes.

Pure Python and deterministic, so ``govsim graph`` needs no Graphviz. The
steps are the usual ones for drawing a directed graph in layers (Sugiyama's):

1. **Ranks.** Every edge is read from the higher box to the lower: from the
   box of the lower tier (tiers are given: the convention above the
   executive above the committees), or from its source between boxes of one
   tier. Edges are kept in that order while they close no cycle, and each box
   is ranked by the longest path of kept edges above it, never above its tier.
2. **Layers.** Boxes sit on even layers; every edge gets a node on each layer
   it crosses, the one nearest its arrowhead carrying its label, so labels
   are placed like boxes and never overlap each other or a box.
3. **Order.** Barycentre sweeps, down and up, keep the order with fewest
   crossings.
4. **Positions.** Each node is pulled towards its neighbours; the order and
   the gaps are kept by an exact least-squares fit (pool adjacent violators).
5. **Routes.** An edge leaves its box from a port on the side facing the
   other end, spread along the side, and runs straight through its layer
   nodes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

__all__ = ["Box", "Edge", "Layout", "Placed", "Route", "layered_layout"]

Point = tuple[float, float]

NODE_GAP = 28.0
"""Horizontal space between neighbours on a layer."""
LAYER_GAP = 16.0
"""Vertical space between layers."""
DUMMY_WIDTH = 10.0
"""Width kept for an edge crossing a layer without its label."""
_SWEEPS = 8
_PASSES = 24


@dataclass(frozen=True)
class Box:
    """A box to place: its id, size and tier (0 at the top)."""

    id: str
    width: float
    height: float
    tier: int


@dataclass(frozen=True)
class Edge:
    """An edge to route, with the size of its label."""

    source: str
    target: str
    label_width: float
    label_height: float


@dataclass(frozen=True)
class Placed:
    """Where a box went: its top-left corner and size."""

    x: float
    y: float
    width: float
    height: float

    @property
    def centre(self) -> Point:
        """The box's centre."""
        return (self.x + self.width / 2, self.y + self.height / 2)


@dataclass(frozen=True)
class Route:
    """An edge's path from its source box to its target box, and its label's centre."""

    points: tuple[Point, ...]
    label: Point


@dataclass(frozen=True)
class Layout:
    """Boxes by id, routes in the order the edges were given, and the overall size."""

    boxes: dict[str, Placed]
    routes: tuple[Route, ...]
    width: float
    height: float


@dataclass
class _Node:
    key: str
    width: float
    height: float
    layer: int
    x: float = 0.0


def _ranks(boxes: Sequence[Box], edges: Sequence[Edge]) -> dict[str, int]:
    """Each box's rank: longest path of acyclic kept edges, floored by its tier."""
    tier = {b.id: b.tier for b in boxes}
    pairs: list[tuple[int, str, str]] = []
    for e in edges:
        upper, lower = (e.source, e.target)
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
                [tier[node], *(rank_of(u, above) + 1 for u in above[node])]
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


def _layers(
    boxes: Sequence[Box], edges: Sequence[Edge], rank: dict[str, int]
) -> tuple[list[list[_Node]], list[list[str]], list[tuple[str, str]]]:
    """Nodes per layer, each edge's chain of node keys (top to bottom), node links."""
    layers: list[list[_Node]] = [
        [] for _ in range(2 * max(rank.values(), default=0) + 1)
    ]
    for b in sorted(boxes, key=lambda b: b.id):
        layers[2 * rank[b.id]].append(_Node(b.id, b.width, b.height, 2 * rank[b.id]))
    chains: list[list[str]] = []
    links: list[tuple[str, str]] = []
    for i, e in enumerate(edges):
        down = rank[e.source] < rank[e.target]
        upper, lower = (e.source, e.target) if down else (e.target, e.source)
        top, bottom = 2 * rank[upper] + 1, 2 * rank[lower] - 1
        label_layer = bottom if down else top
        chain = [upper]
        for layer in range(top, bottom + 1):
            key = f"\0{i}\0{layer}"
            labelled = layer == label_layer
            width = e.label_width if labelled else DUMMY_WIDTH
            height = e.label_height if labelled else 0.0
            layers[layer].append(_Node(key, width, height, layer))
            chain.append(key)
        chain.append(lower)
        chains.append(chain)
        links += list(pairwise(chain))
    return layers, chains, links


def _crossings(layers: list[list[_Node]], down: dict[str, list[str]]) -> int:
    total = 0
    for upper, lower in pairwise(layers):
        pos = {n.key: i for i, n in enumerate(lower)}
        ends = [(i, pos[t]) for i, n in enumerate(upper) for t in down[n.key]]
        total += sum(
            1
            for a, (u1, l1) in enumerate(ends)
            for u2, l2 in ends[a + 1 :]
            if (u1 - u2) * (l1 - l2) < 0
        )
    return total


def _order(layers: list[list[_Node]], links: list[tuple[str, str]]) -> None:
    """Reorder each layer in place by barycentre sweeps, keeping the best order."""
    down: dict[str, list[str]] = {n.key: [] for layer in layers for n in layer}
    up: dict[str, list[str]] = {n.key: [] for layer in layers for n in layer}
    for a, b in links:
        down[a].append(b)
        up[b].append(a)
    best = [list(layer) for layer in layers]
    fewest = _crossings(layers, down)
    for sweep in range(_SWEEPS):
        downward = sweep % 2 == 0
        indices = range(1, len(layers)) if downward else range(len(layers) - 2, -1, -1)
        for i in indices:
            fixed = layers[i - 1] if downward else layers[i + 1]
            pos = {n.key: j for j, n in enumerate(fixed)}
            near = up if downward else down
            current = {n.key: j for j, n in enumerate(layers[i])}

            def centre(node: _Node) -> tuple[float, int]:
                ns = [pos[k] for k in near[node.key]]  # noqa: B023
                here = current[node.key]  # noqa: B023
                return (sum(ns) / len(ns) if ns else here, here)

            layers[i].sort(key=centre)
        count = _crossings(layers, down)
        if count < fewest:
            fewest, best = count, [list(layer) for layer in layers]
    layers[:] = best


def _fit(wanted: list[float], gaps: list[float]) -> list[float]:
    """Positions closest to ``wanted`` (least squares) keeping order and gaps.

    With ``y_i = x_i - offset_i`` the gaps become ``y`` non-decreasing, an
    isotonic regression solved exactly by pooling adjacent violators.
    """
    offsets = [0.0]
    for gap in gaps:
        offsets.append(offsets[-1] + gap)
    blocks: list[list[float]] = []  # [mean, count]
    for w, off in zip(wanted, offsets, strict=True):
        blocks.append([w - off, 1.0])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            mean2, n2 = blocks.pop()
            mean1, n1 = blocks.pop()
            blocks.append([(mean1 * n1 + mean2 * n2) / (n1 + n2), n1 + n2])
    ys = [mean for mean, n in blocks for _ in range(int(n))]
    return [y + off for y, off in zip(ys, offsets, strict=True)]


def _positions(layers: list[list[_Node]], links: list[tuple[str, str]]) -> None:
    """Set each node's centre x: near its neighbours, in order, without overlaps."""
    nodes = {n.key: n for layer in layers for n in layer}
    near: dict[str, list[str]] = {k: [] for k in nodes}
    for a, b in links:
        near[a].append(b)
        near[b].append(a)
    for layer in layers:
        x = 0.0
        for n in layer:
            n.x = x + n.width / 2
            x += n.width + NODE_GAP
    for step in range(_PASSES):
        order = layers if step % 2 == 0 else layers[::-1]
        for layer in order:
            if not layer:
                continue
            wanted = [
                sum(nodes[k].x for k in near[n.key]) / len(near[n.key])
                if near[n.key]
                else n.x
                for n in layer
            ]
            gaps = [(a.width + b.width) / 2 + NODE_GAP for a, b in pairwise(layer)]
            for n, x in zip(layer, _fit(wanted, gaps), strict=True):
                n.x = x


def _ports(
    chains: list[list[str]], nodes: dict[str, _Node], boxes: set[str]
) -> dict[tuple[int, str], float]:
    """Where each edge meets each of its boxes: spread along the side it leaves by."""
    sides: dict[tuple[str, str], list[tuple[float, int]]] = {}
    for i, chain in enumerate(chains):
        sides.setdefault((chain[0], "bottom"), []).append((nodes[chain[1]].x, i))
        sides.setdefault((chain[-1], "top"), []).append((nodes[chain[-2]].x, i))
    ports: dict[tuple[int, str], float] = {}
    for (box, side), ends in sides.items():
        node = nodes[box]
        usable = node.width * 0.8
        left = node.x - usable / 2
        for j, (_, i) in enumerate(sorted(ends)):
            ports[(i, side)] = left + usable * (j + 1) / (len(ends) + 1)
    assert all(chain[0] in boxes for chain in chains)
    return ports


def layered_layout(
    boxes: Sequence[Box], edges: Sequence[Edge], *, margin: float = 20.0
) -> Layout:
    """Place boxes in layers and route edges between them, deterministically.

    Args:
        boxes: the boxes, each with its size and tier.
        edges: edges between two distinct boxes; each is routed from its
            source to its target, so an arrowhead goes at the end.
        margin: space left around the drawing.

    Raises:
        ValueError: an edge from a box to itself.
    """
    for e in edges:
        if e.source == e.target:
            raise ValueError(f"an edge from {e.source} to itself cannot be routed")
    rank = _ranks(boxes, edges)
    layers, chains, links = _layers(boxes, edges, rank)
    _order(layers, links)
    _positions(layers, links)
    nodes = {n.key: n for layer in layers for n in layer}
    left = min((n.x - n.width / 2 for n in nodes.values()), default=0.0)
    for n in nodes.values():
        n.x += margin - left
    tops: list[float] = []
    y = margin
    for layer in layers:
        tops.append(y)
        height = max((n.height for n in layer), default=0.0)
        y += height + LAYER_GAP
    heights = [max((n.height for n in layer), default=0.0) for layer in layers]
    centre_y = [top + h / 2 for top, h in zip(tops, heights, strict=True)]
    ids = {b.id for b in boxes}
    placed = {
        key: Placed(
            n.x - n.width / 2, centre_y[n.layer] - n.height / 2, n.width, n.height
        )
        for key, n in nodes.items()
        if key in ids
    }
    ports = _ports(chains, nodes, ids)
    routes: list[Route] = []
    for i, (edge, chain) in enumerate(zip(edges, chains, strict=True)):
        first, last = placed[chain[0]], placed[chain[-1]]
        points: list[Point] = [(ports[(i, "bottom")], first.y + first.height)]
        label: Point = (0.0, 0.0)
        for key in chain[1:-1]:
            n = nodes[key]
            points += [(n.x, tops[n.layer]), (n.x, tops[n.layer] + heights[n.layer])]
            if n.height:
                label = (n.x, centre_y[n.layer])
        points.append((ports[(i, "top")], last.y))
        if edge.source != chain[0]:
            points.reverse()
        routes.append(Route(tuple(points), label))
    width = max((n.x + n.width / 2 for n in nodes.values()), default=0.0) + margin
    return Layout(placed, tuple(routes), width, y - LAYER_GAP + margin)
