"""What the layered layout takes and gives: boxes and edges in, placed boxes and routes out.

Kept apart from the steps so that callers (the SVG chart, the tests) and
every step read one definition of each, and none of the steps' working
state (:class:`~govsim.reports.layout.layers.Node`) leaks into the result.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Box", "Edge", "Layout", "Placed", "Point", "Route"]

Point = tuple[float, float]


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
