"""Geometry of a drawn organisation chart: how far edges wander and labels stray.

Read from the SVG itself (``govsim graph``'s own drawing, or Graphviz's), so
the figures are those of the picture a reader sees:

* an edge's **detour**: the length of its path over the straight distance
  between its ends; an edge running round a row of boxes has a large one;
* an edge's **overshoot**: how far it runs sideways beyond the span
  between its ends;
* a label's **stray**: the distance from the label's box to its edge's path
  (0 when the path runs through the label).
"""

from __future__ import annotations

import itertools
import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

__all__ = ["DrawnEdge", "detour", "drawn_edges", "overshoot", "path_points", "stray"]

SVG = "{http://www.w3.org/2000/svg}"
Point = tuple[float, float]
Rect = tuple[float, float, float, float]  # x, y, width, height

_NUMBER = r"-?\d+(?:\.\d+)?(?:e-?\d+)?"
_SAMPLES = 16
_CHAR_WIDTH = 0.6
"""An average character's width in ems, for a text whose box the SVG does not give."""


@dataclass(frozen=True)
class DrawnEdge:
    """One edge as drawn: its ends' ids, its path as points, its label's box (if any)."""

    source: str
    target: str
    points: tuple[Point, ...]
    label: Rect | None


def _cubic(p0: Point, p1: Point, p2: Point, p3: Point) -> list[Point]:
    out = []
    for i in range(1, _SAMPLES + 1):
        t = i / _SAMPLES
        u = 1 - t
        out.append(
            (
                u**3 * p0[0]
                + 3 * u * u * t * p1[0]
                + 3 * u * t * t * p2[0]
                + t**3 * p3[0],
                u**3 * p0[1]
                + 3 * u * u * t * p1[1]
                + 3 * u * t * t * p2[1]
                + t**3 * p3[1],
            )
        )
    return out


def path_points(d: str) -> list[Point]:
    """Points along an SVG path of absolute M, L and C commands (curves sampled)."""
    points: list[Point] = []
    for command, args in re.findall(r"([MLC])([^MLC]*)", d):
        numbers = [float(n) for n in re.findall(_NUMBER, args)]
        pairs = list(zip(numbers[0::2], numbers[1::2], strict=True))
        if command == "M":
            points.append(pairs[0])
            points += pairs[1:]
        elif command == "L":
            points += pairs
        else:
            for i in range(0, len(pairs) - 2, 3):
                points += _cubic(points[-1], *pairs[i : i + 3])
    return points


def detour(points: tuple[Point, ...] | list[Point]) -> float:
    """A path's length over the straight distance between its ends (1 when straight)."""
    length = sum(math.dist(a, b) for a, b in itertools.pairwise(points))
    straight = math.dist(points[0], points[-1])
    return length / straight if straight else math.inf


def overshoot(points: tuple[Point, ...] | list[Point]) -> float:
    """How far a path runs sideways beyond the span between its ends, in px.

    An edge that loops round a row of boxes to reach a box below it runs
    far outside that span; one running straight or in a gentle S does not.
    """
    xs = [x for x, _ in points]
    low, high = sorted((points[0][0], points[-1][0]))
    return max(0.0, max(xs) - high, low - min(xs))


def _to_segment(p: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    span = dx * dx + dy * dy
    t = (
        0.0
        if span == 0
        else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / span))
    )
    return math.dist(p, (a[0] + t * dx, a[1] + t * dy))


def stray(label: Rect, points: tuple[Point, ...] | list[Point]) -> float:
    """The distance from a label's box to the nearest point of a path (0 if it crosses)."""
    x, y, w, h = label
    if any(x <= px <= x + w and y <= py <= y + h for px, py in points):
        return 0.0
    centre = (x + w / 2, y + h / 2)
    nearest = min(_to_segment(centre, a, b) for a, b in itertools.pairwise(points))
    # From the box's edge, not its centre: less the half-diagonal towards the path,
    # approximated from below by the smaller half-side.
    return max(0.0, nearest - min(w, h) / 2)


def _text_box(text: ET.Element) -> Rect:
    """A text element's box, estimated from its position, size and length."""
    size = float(text.get("font-size", "10"))
    width = len("".join(text.itertext())) * size * _CHAR_WIDTH
    x, y = float(text.get("x", "0")), float(text.get("y", "0"))
    anchor = text.get("text-anchor", "start")
    left = x - width / 2 if anchor == "middle" else x - width if anchor == "end" else x
    return (left, y - size, width, size * 1.2)


def drawn_edges(svg: str) -> list[DrawnEdge]:
    """The edges of a chart's SVG, with their labels' boxes.

    A link is a ``g.link`` with ``data-source`` and ``data-target``, its path
    in it, its kind in its second class (``link-power``); its label is the
    ``g.link-label`` of that kind with the same ends (its frame the first
    ``rect``), or else a ``text`` inside the link's own group, as Graphviz
    draws it.
    """
    root = ET.fromstring(svg)
    labels: dict[tuple[str, str], Rect] = {}
    for g in root.iter(f"{SVG}g"):
        if "link-label" in g.get("class", "").split():
            rect = g.find(f"{SVG}rect")
            if rect is not None:
                kind = g.get("class", "").split()[-1]
                ends = (kind, g.get("data-source", ""), g.get("data-target", ""))
                x, y, w, h = (
                    float(rect.get(k, "0")) for k in ("x", "y", "width", "height")
                )
                labels[ends] = (x, y, w, h)
    edges: list[DrawnEdge] = []
    for g in root.iter(f"{SVG}g"):
        if "link" not in g.get("class", "").split():
            continue
        kind = g.get("class", "").split()[1].removeprefix("link-")
        ends = (g.get("data-source", ""), g.get("data-target", ""))
        path = g.find(f".//{SVG}path")
        assert path is not None, ends
        text = g.find(f".//{SVG}text")
        label = labels.get((kind, *ends))
        if label is None and text is not None:
            label = _text_box(text)
        edges.append(DrawnEdge(*ends, tuple(path_points(path.get("d", ""))), label))
    return edges
