"""Draw an :class:`~govsim.reports.chart.OrgChart` through Graphviz's ``dot``.

Some readers find Graphviz's drawing of a chart easier to follow than the
built-in layout (:mod:`~govsim.reports.chartsvg`): its splines run beside one
another and each label sits by its own edge. ``dot`` is a system program,
not a Python package, so it is looked up on ``PATH`` when asked for, and a
missing one is a plain usage error with the install hint.

The DOT is :func:`~govsim.reports.charttext.to_dot`'s, so the two drawings
say the same; Graphviz's SVG is then given what the built-in SVG promises
(see :mod:`~govsim.reports.chartsvg`): the root is ``<svg class="org-chart">``
and scales to its container (a ``viewBox``, width 100%, no wider than its
natural width, height following), each body is a ``g.body`` with its id and
``data-body`` and the classes ``flagged`` and ``unaccountable``, and each
edge a ``g.link.link-KIND`` with ``data-source``, ``data-target`` and
``data-acts``. Lint's findings are listed in the DOT's comments, not drawn.
"""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET

from govsim.errors import UsageError
from govsim.reports.chart import OrgChart
from govsim.reports.chartsvg import responsive_style
from govsim.reports.charttext import DOT_SMALLEST_TEXT, to_dot

__all__ = ["DOT_MISSING", "graphviz_available", "render_chart_dot"]

_SVG = "http://www.w3.org/2000/svg"
_XLINK = "http://www.w3.org/1999/xlink"
DOT_MISSING = (
    "--layout dot draws the chart with Graphviz's dot program, which is not "
    "on PATH; install Graphviz (apt-get install graphviz, brew install "
    "graphviz, or https://graphviz.org/download/) or use --layout builtin"
)
"""What a user is told when ``dot`` is asked for and missing."""


def graphviz_available() -> bool:
    """Whether Graphviz's ``dot`` program is on ``PATH``."""
    return shutil.which("dot") is not None


def _graphviz_svg(dot_text: str) -> str:
    """Graphviz's SVG of a DOT text.

    Raises:
        UsageError: ``dot`` is not on ``PATH``, or it failed (its message said).
    """
    program = shutil.which("dot")
    if program is None:
        raise UsageError(DOT_MISSING)
    done = subprocess.run(
        [program, "-Tsvg"],
        input=dot_text,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    if done.returncode != 0:
        raise UsageError(f"Graphviz's dot failed: {done.stderr.strip()}")
    return done.stdout


def _classes(element: ET.Element, *extra: str) -> None:
    element.set("class", " ".join([*element.get("class", "").split(), *extra]))


def render_chart_dot(chart: OrgChart, *, id_prefix: str = "") -> str:
    """The chart as Graphviz lays it out, marked up as the built-in SVG is.

    Args:
        chart: the chart to draw.
        id_prefix: put before every body's element id, as for
            :func:`~govsim.reports.chartsvg.render_chart_svg`.

    Raises:
        UsageError: Graphviz's ``dot`` is missing or failed.
    """
    ET.register_namespace("", _SVG)
    ET.register_namespace("xlink", _XLINK)
    root = ET.fromstring(_graphviz_svg(to_dot(chart)))
    view = root.get("viewBox", "0 0 0 0").split()
    width = float(view[2])
    for attr in ("width", "height"):
        root.attrib.pop(attr, None)
    root.set("width", "100%")
    root.set("class", "org-chart")
    root.set("role", "img")
    root.set("style", responsive_style(width, smallest=DOT_SMALLEST_TEXT))
    for g in root.iter(f"{{{_SVG}}}g"):
        if g.get("class") == "graph":
            # Graphviz calls every drawing's group graph0: not unique on a page.
            g.attrib.pop("id", None)
    groups = [
        g for g in root.iter(f"{{{_SVG}}}g") if g.get("class") in {"node", "edge"}
    ]
    # Graphviz draws nodes and edges in the order the DOT declares them.
    nodes = iter(chart.bodies)
    links = iter(chart.links)
    for g in groups:
        if g.get("class") == "node":
            body = next(nodes)
            flags = [
                f
                for f, on in (
                    ("flagged", body.flagged),
                    ("unaccountable", body.unaccountable),
                )
                if on
            ]
            _classes(g, "body", *flags)
            g.set("id", f"{id_prefix}body-{body.id}")
            g.set("data-body", body.id)
        else:
            link = next(links)
            _classes(g, "link", f"link-{link.kind}")
            g.attrib.pop("id", None)
            g.set("data-source", link.source)
            g.set("data-target", link.target)
            g.set("data-acts", " ".join(link.acts))
    return ET.tostring(root, encoding="unicode") + "\n"
