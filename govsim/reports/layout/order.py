"""Order within the layers of the layered layout: fewest crossings, then straighter edges.

Step 3 of :func:`~govsim.reports.layout.layered_layout`. Barycentre sweeps,
down and up, keep the order with fewest crossings; once positions are known,
nodes move towards their neighbours where that adds no crossing, and an
edge's bends move to where the straight line between its ends crosses their
row when the detour saved outweighs the crossings added, so no edge runs
round a row for little.
"""

from __future__ import annotations

from itertools import pairwise

from govsim.reports.layout.layers import Adjacency, Node

__all__ = ["CROSSING_COST", "order_layers", "shortcut_bends", "straighten"]

CROSSING_COST = 120.0
"""Sideways run, in px, that one crossing of two links is worth when ordering."""
_SWEEPS = 8


def _crossings(layers: list[list[Node]], down: Adjacency) -> int:
    """How many pairs of links cross between neighbouring layers, as now ordered."""
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


def _fraction(layer: list[Node]) -> dict[str, float]:
    """Each node's place along its layer, from 0 to 1, so layers of any size compare."""
    last = max(1, len(layer) - 1)
    return {n.key: j / last for j, n in enumerate(layer)}


def _by_barycentre(layer: list[Node], fixed: list[Node], near: Adjacency) -> list[Node]:
    """The layer sorted by the mean place of each node's neighbours on ``fixed``.

    A node with no neighbour there keeps its own place; ties keep the order.
    """
    there, here = _fraction(fixed), _fraction(layer)
    keys = []
    for n in layer:
        places = [there[k] for k in near[n.key]]
        keys.append(sum(places) / len(places) if places else here[n.key])
    return [n for _, _, n in sorted(zip(keys, range(len(layer)), layer, strict=True))]


def order_layers(layers: list[list[Node]], down: Adjacency, up: Adjacency) -> None:
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


def straighten(layers: list[list[Node]], down: Adjacency, up: Adjacency) -> bool:
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


def shortcut_bends(layers: list[list[Node]], down: Adjacency, up: Adjacency) -> bool:
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

    def end(key: str, step: Adjacency) -> Node:
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
