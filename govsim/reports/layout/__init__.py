"""A small layered layout for charts: ranks, order within ranks, positions, routes.

Pure Python and deterministic, so ``govsim graph`` needs no Graphviz. The
steps are the usual ones for drawing a directed graph in layers (Sugiyama's),
one concept per module, run in order by
:func:`~govsim.reports.layout.layered.layered_layout`:

1. **Ranks** (:mod:`~govsim.reports.layout.ranks`): every edge is read from
   the higher box to the lower, and each box is ranked by the longest path of
   edges above it; a row of boxes wider than the drawing may be is split into
   rows that fit, one under the other, rather than drawn smaller.
2. **Layers** (:mod:`~govsim.reports.layout.layers`): boxes sit on even
   layers; every edge gets a node on each layer it crosses, the one nearest
   its arrowhead carrying its label, so labels are placed like boxes and
   never overlap each other or a box.
3. **Order** (:mod:`~govsim.reports.layout.order`): barycentre sweeps keep
   the order with fewest crossings; once positions are known, nodes and
   edges' bends move where that straightens edges for few crossings.
4. **Positions** (:mod:`~govsim.reports.layout.positions`): each node is
   pulled towards its neighbours, the order and the gaps kept by an exact
   least-squares fit; layers are spaced by how far their links run sideways.
5. **Routes** (:mod:`~govsim.reports.layout.routes`): an edge leaves its box
   from a port on the side facing the other end, spread along the side, and
   runs straight through its layer nodes.

What goes in and comes out (:class:`Box`, :class:`Edge`, :class:`Layout`,
:class:`Placed`, :class:`Route`) is in :mod:`~govsim.reports.layout.shapes`.
"""

from __future__ import annotations

from govsim.reports.layout.layered import layered_layout
from govsim.reports.layout.shapes import Box, Edge, Layout, Placed, Point, Route

__all__ = ["Box", "Edge", "Layout", "Placed", "Point", "Route", "layered_layout"]
