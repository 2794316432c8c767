"""A small layered layout for charts: ranks, order within ranks, positions, routes.

Pure Python and deterministic, so ``govsim graph`` needs no Graphviz. The
steps are the usual ones for drawing a directed graph in layers (Sugiyama's):

1. **Ranks.** Every edge is read from the higher box to the lower: from the
   box of the lower tier (tiers are given: the convention above the
   executive above the committees), or from its source between boxes of one
   tier. Edges are kept in that order while they close no cycle, and each box
   is ranked by the longest path of kept edges above it, never above its
   floor. A row of boxes wider than the drawing may be is split into rows
   that fit, one under the other, rather than drawn smaller.
2. **Layers.** Boxes sit on even layers; every edge gets a node on each layer
   it crosses, the one nearest its arrowhead carrying its label, so labels
   are placed like boxes and never overlap each other or a box.
3. **Order.** Barycentre sweeps, down and up, keep the order with fewest
   crossings; once positions are known, nodes move towards their neighbours
   where that adds no crossing, and an edge's bends move to where the
   straight line between its ends crosses their row when the detour saved
   outweighs the crossings added, so no edge runs round a row for little.
4. **Positions.** Each node is pulled towards its neighbours (a label shared
   by a fan, towards the one box the fan shares); the order and the gaps
   are kept by an exact least-squares fit (pool adjacent violators).
5. **Routes.** An edge leaves its box from a port on the side facing the
   other end, spread along the side, and runs straight through its layer
   nodes.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

__all__ = ["Box", "Edge", "Layout", "Placed", "Route", "layered_layout"]

Point = tuple[float, float]
Adjacency = dict[str, list[str]]

NODE_GAP = 28.0
"""Horizontal space between neighbours on a layer."""
LAYER_GAP = 26.0
"""The least vertical space between layers."""
MAX_GAP = 110.0
"""The most vertical space between layers."""
SLOPE = 0.12
"""Vertical gap per unit of the widest sideways run of a link between two layers."""
DUMMY_WIDTH = 10.0
"""Width kept for an edge crossing a layer without its label."""
CROSSING_COST = 120.0
"""Sideways run, in px, that one crossing of two links is worth when ordering."""
_SWEEPS = 8
_PASSES = 24
_STRAIGHTENINGS = 4


@dataclass(frozen=True)
class Box:
    """A box to place.

    Attributes:
        id: its id, which edges name.
        width: its width.
        height: its height.
        tier: 0 at the top; between boxes of different tiers, edges run
            from the lower tier down to the higher.
        floor: the highest rank it may take (default: its tier); a box's
            rank is otherwise the longest path of edges above it.
    """

    id: str
    width: float
    height: float
    tier: int
    floor: int | None = None


@dataclass(frozen=True)
class Edge:
    """An edge to route, with the size of its label.

    Attributes:
        source: the box it starts from.
        target: the box its arrowhead points at.
        label_width: the width its label needs.
        label_height: the height its label needs.
        label: what the label says; edges fanning out of one box (or into
            one) with the same label share it, drawn once beside that box.
        upward: whether the target belongs above the source (an edge to
            whom the source answers), when tiers do not decide.
    """

    source: str
    target: str
    label_width: float
    label_height: float
    label: str = ""
    upward: bool = False


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
    """An edge's path from its source box to its target box, and its label.

    Attributes:
        points: the path, from the source's side to the target's.
        label: the label's centre (on the path).
        labelled: whether this edge draws the label: the first of the edges
            sharing it, and every edge that shares it with none.
    """

    points: tuple[Point, ...]
    label: Point
    labelled: bool = True


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


def _wrap_rows(
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


def _hubs(edges: Sequence[Edge], rank: dict[str, int]) -> list[tuple[str, ...]]:
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
    links: dict[tuple[str, str], None] = {}
    shared: dict[tuple[str, ...], str] = {}
    for i, (e, hub) in enumerate(zip(edges, _hubs(edges, rank), strict=True)):
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
                    node = _Node(key, e.label_width, e.label_height, layer)
                    layers[layer].append(node)
            else:
                key = f"\0{i}\0{layer}"
                layers[layer].append(_Node(key, DUMMY_WIDTH, 0.0, layer))
            chain.append(key)
        chain.append(lower)
        chains.append(chain)
        links.update(dict.fromkeys(pairwise(chain)))
    return layers, chains, list(links)


def _crossings(layers: list[list[_Node]], down: Adjacency) -> int:
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


def _adjacency(
    layers: list[list[_Node]], links: list[tuple[str, str]]
) -> tuple[Adjacency, Adjacency]:
    """Each node's neighbours on the layer below, and on the layer above."""
    down: Adjacency = {n.key: [] for layer in layers for n in layer}
    up: Adjacency = {n.key: [] for layer in layers for n in layer}
    for a, b in links:
        down[a].append(b)
        up[b].append(a)
    return down, up


def _fraction(layer: list[_Node]) -> dict[str, float]:
    """Each node's place along its layer, from 0 to 1, so layers of any size compare."""
    last = max(1, len(layer) - 1)
    return {n.key: j / last for j, n in enumerate(layer)}


def _by_barycentre(
    layer: list[_Node], fixed: list[_Node], near: Adjacency
) -> list[_Node]:
    """The layer sorted by the mean place of each node's neighbours on ``fixed``.

    A node with no neighbour there keeps its own place; ties keep the order.
    """
    there, here = _fraction(fixed), _fraction(layer)
    keys = []
    for n in layer:
        places = [there[k] for k in near[n.key]]
        keys.append(sum(places) / len(places) if places else here[n.key])
    return [n for _, _, n in sorted(zip(keys, range(len(layer)), layer, strict=True))]


def _order(layers: list[list[_Node]], down: Adjacency, up: Adjacency) -> None:
    """Reorder each layer in place by barycentre sweeps, keeping the best order."""
    best = [list(layer) for layer in layers]
    fewest = _crossings(layers, down)
    for sweep in range(_SWEEPS):
        if sweep % 2 == 0:
            for i in range(1, len(layers)):
                layers[i] = _by_barycentre(layers[i], layers[i - 1], up)
        else:
            for i in range(len(layers) - 2, -1, -1):
                layers[i] = _by_barycentre(layers[i], layers[i + 1], down)
        count = _crossings(layers, down)
        if count < fewest:
            fewest, best = count, [list(layer) for layer in layers]
    layers[:] = best


def _straighten(layers: list[list[_Node]], down: Adjacency, up: Adjacency) -> bool:
    """Move nodes towards their neighbours' positions where that adds no crossing.

    Sweeps count crossings, not lengths: an edge can end up running round a
    whole row at no cost in crossings. Once positions are known, each layer
    is sorted by where its nodes' neighbours are, and kept so when the
    crossings do not grow. Returns whether any layer changed.
    """
    nodes = {n.key: n for layer in layers for n in layer}
    fewest = _crossings(layers, down)
    changed = False
    for i, layer in enumerate(layers):
        wanted = []
        for n in layer:
            near = [nodes[k].x for k in (*up[n.key], *down[n.key])]
            wanted.append(sum(near) / len(near) if near else n.x)
        moved = [
            m for _, _, m in sorted(zip(wanted, range(len(layer)), layer, strict=True))
        ]
        if [m.key for m in moved] == [m.key for m in layer]:
            continue
        layers[i] = moved
        count = _crossings(layers, down)
        if count <= fewest:
            fewest, changed = count, True
        else:
            layers[i] = layer
    return changed


def _shortcut(layers: list[list[_Node]], down: Adjacency, up: Adjacency) -> bool:
    """Move edges' bends between the boxes they pass, where the detour saved is worth it.

    An edge crossing a row of boxes bends round its end when that crosses
    the fewest links; each bend is tried at the place in its row nearest the
    straight line between the edge's ends (its boxes, or its label), and
    moved there when the sideways run saved
    (twice the distance moved) outweighs :data:`CROSSING_COST` per crossing
    added. Returns whether any bend moved.
    """
    nodes = {n.key: n for layer in layers for n in layer}

    def bend(key: str) -> bool:
        return key.startswith("\0") and not nodes[key].height

    def end(key: str, step: Adjacency) -> _Node:
        while bend(key) and step[key]:
            key = step[key][0]
        return nodes[key]

    crossings = _crossings(layers, down)
    changed = False
    for i, layer in enumerate(layers):
        for n in [m for m in layer if bend(m.key)]:
            # Where the straight line between the edge's ends crosses this row.
            a, b = end(n.key, up), end(n.key, down)
            share = (n.layer - a.layer) / max(1, b.layer - a.layer)
            wanted = a.x + (b.x - a.x) * share
            rest = [m for m in layers[i] if m is not n]
            at = sum(1 for m in rest if m.x < wanted)
            moved = [*rest[:at], n, *rest[at:]]
            if moved == layers[i]:
                continue
            current = layers[i]
            layers[i] = moved
            count = _crossings(layers, down)
            if (count - crossings) * CROSSING_COST < 2 * abs(n.x - wanted):
                crossings, changed = count, True
            else:
                layers[i] = current
    return changed


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
    """Set each node's centre x: near its neighbours, in order, without overlaps.

    A label shared by a fan of edges is pulled under (or over) the one box
    they share, not to the middle of their other ends, so that no edge of
    the fan runs sideways to the label and back.
    """
    nodes = {n.key: n for layer in layers for n in layer}
    near: dict[str, list[str]] = {k: [] for k in nodes}
    for a, b in links:
        near[a].append(b)
        near[b].append(a)
    for key, node in nodes.items():
        sides = [
            [k for k in near[key] if nodes[k].layer < node.layer],
            [k for k in near[key] if nodes[k].layer > node.layer],
        ]
        if node.height and key.startswith("\0"):
            for one, many in (sides, sides[::-1]):
                if len(one) == 1 and len(many) > 1:
                    near[key] = one
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
    chains: list[list[str]], nodes: dict[str, _Node]
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


def _tops(
    layers: list[list[_Node]], links: list[tuple[str, str]], margin: float
) -> list[float]:
    """Each layer's top: a gap below the layer above, wider where links run far sideways.

    A link crossing a wide gap sideways in a narrow one would run nearly flat,
    on top of its neighbours; the gap grows with the widest sideways run.
    """
    nodes = {n.key: n for layer in layers for n in layer}
    run = [0.0] * len(layers)
    for a, b in links:
        upper = min(nodes[a].layer, nodes[b].layer)
        run[upper] = max(run[upper], abs(nodes[a].x - nodes[b].x))
    tops: list[float] = []
    y = margin
    for i, layer in enumerate(layers):
        tops.append(y)
        y += max((n.height for n in layer), default=0.0)
        y += min(MAX_GAP, max(LAYER_GAP, run[i] * SLOPE))
    return tops


def _route(
    edge: Edge,
    chain: list[str],
    nodes: dict[str, _Node],
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
    rank = _ranks(boxes, edges)
    if max_width is None:
        return _placed(boxes, edges, rank, margin)
    # Splitting rows further costs more than it saves: every edge to a lower
    # row passes the rows above, and its bends widen them in turn.
    wrapped = _wrap_rows(boxes, edges, rank, max_width - 2 * margin)
    return _placed(boxes, edges, wrapped, margin)


def _placed(
    boxes: Sequence[Box], edges: Sequence[Edge], rank: dict[str, int], margin: float
) -> Layout:
    """The layout of boxes at given ranks: layers, order, positions and routes."""
    layers, chains, links = _layers(boxes, edges, rank)
    down, up = _adjacency(layers, links)
    _order(layers, down, up)
    _positions(layers, links)
    for _ in range(_STRAIGHTENINGS):
        if not _straighten(layers, down, up):
            break
        _positions(layers, links)
    for _ in range(_STRAIGHTENINGS):
        if not _shortcut(layers, down, up):
            break
        _positions(layers, links)
    nodes = {n.key: n for layer in layers for n in layer}
    left = min((n.x - n.width / 2 for n in nodes.values()), default=0.0)
    for n in nodes.values():
        n.x += margin - left
    tops = _tops(layers, links, margin)
    heights = [max((n.height for n in layer), default=0.0) for layer in layers]
    middle = [top + h / 2 for top, h in zip(tops, heights, strict=True)]
    ids = {b.id for b in boxes}
    placed = {
        key: Placed(
            n.x - n.width / 2, middle[n.layer] - n.height / 2, n.width, n.height
        )
        for key, n in nodes.items()
        if key in ids
    }
    ports = _ports(chains, nodes)
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
