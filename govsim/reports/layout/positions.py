"""Positions in the layered layout: each node's x, and each layer's top.

Step 4 of :func:`~govsim.reports.layout.layered_layout`. Each node is pulled
towards its neighbours (a label shared by a fan, towards the one box the fan
shares); the order and the gaps are kept by an exact least-squares fit (pool
adjacent violators). Layers are then stacked, the gap under a layer growing
with how far its links run sideways.
"""

from __future__ import annotations

from itertools import pairwise

from govsim.reports.layout.layers import Node

__all__ = ["LAYER_GAP", "MAX_GAP", "NODE_GAP", "SLOPE", "place_nodes", "stack_layers"]

NODE_GAP = 28.0
"""Horizontal space between neighbours on a layer."""
LAYER_GAP = 26.0
"""The least vertical space between layers."""
MAX_GAP = 110.0
"""The most vertical space between layers."""
SLOPE = 0.12
"""Vertical gap per unit of the widest sideways run of a link between two layers."""
_PASSES = 24


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


def place_nodes(layers: list[list[Node]], links: list[tuple[str, str]]) -> None:
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


def stack_layers(
    layers: list[list[Node]], links: list[tuple[str, str]], margin: float
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
