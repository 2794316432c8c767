"""The organisation chart as people read it, and ``govsim graph --layout``.

The chart scales to the page that holds it (a viewBox, width 100%, no wider
than its natural size, height following) without its text shrinking below
10 px; rows of boxes too wide for a report are split rather than shrunk;
edges run without looping round a row and labels sit on their edges
(measured by :mod:`chart_geometry` on the SVG itself); and ``--layout dot``
draws the same chart through Graphviz, or says plainly how to get it.
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

import pytest
from chart_geometry import detour, drawn_edges, overshoot, stray
from conftest import Docs
from test_graph import no_membership_chart
from typer.testing import CliRunner

from govsim.faces.cli import app
from govsim.faces.graph import load_book
from govsim.reports.chart import OrgChart, build_chart
from govsim.reports.chartsvg import LEGIBLE, MAX_WIDTH, render_chart_svg
from govsim.reports.layout import Box, Edge, Placed, layered_layout

ROOT = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"
BOOKS = sorted(
    [
        *(ROOT / "scenarios/iso/rules").glob("*.govsim.yaml"),
        *(ROOT / "scenarios/tutorial/rules").glob("*.govsim.yaml"),
    ]
)
"""The ISO books and the tutorial's: the charts people are shown."""

MAX_DETOUR = 2.5
"""An edge's length over the straight distance between its ends, at most.

Before the rows were split and bends moved (issue 19) the ISO charts reached
3.1 to 3.9: edges looping round the middle row."""
MAX_OVERSHOOT = 200.0
"""How far an edge may run sideways beyond the span of its ends, in px (was up to 1,113)."""
MAX_STRAY = 12.0
"""How far a label may sit from its edge's path, in px."""

needs_dot = pytest.mark.skipif(
    shutil.which("dot") is None, reason="Graphviz's dot is not installed"
)


def chart_of(path: Path) -> OrgChart:
    return build_chart(*load_book(str(path), None))


@pytest.fixture(scope="module", params=BOOKS, ids=lambda p: p.name.split(".")[0])
def chart(request: pytest.FixtureRequest) -> OrgChart:
    path: Path = request.param
    return chart_of(path)


def font_sizes(svg: str) -> list[float]:
    """Every text size the chart's style sheet and attributes set, in px."""
    sizes = re.findall(r"font-size: ?([\d.]+)px", svg)
    sizes += re.findall(r'font-size="([\d.]+)"', svg)
    return [float(s) for s in sizes]


def style_px(root: ET.Element, prop: str) -> float:
    match = re.search(rf"(?:^|;)\s*{prop}: ([\d.]+)px", root.get("style", ""))
    assert match is not None, (prop, root.get("style"))
    return float(match[1])


def check_responsive(svg: str) -> tuple[float, float]:
    """Assert the root scales to its container; return its natural size."""
    root = ET.fromstring(svg)
    assert root.get("class") == "org-chart"
    view = [float(v) for v in root.get("viewBox", "").split()]
    assert len(view) == 4
    assert view[2] > 0
    assert view[3] > 0
    # no fixed size in px: the width follows the container, the height the viewBox
    assert root.get("width") == "100%"
    assert root.get("height") is None
    assert "height: auto" in root.get("style", "")
    assert style_px(root, "max-width") == pytest.approx(view[2], abs=1)
    return view[2], view[3]


# --- the built-in layout ------------------------------------------------------


def test_svg_scales_to_its_container(chart: OrgChart) -> None:
    svg = render_chart_svg(chart)
    width, height = check_responsive(svg)
    # the white ground fills the viewBox: the picture keeps its proportions
    ground = ET.fromstring(svg).find(f"{SVG}rect")
    assert ground is not None
    assert (float(ground.get("width", "0")), float(ground.get("height", "0"))) == (
        pytest.approx(width, abs=1),
        pytest.approx(height, abs=1),
    )


def test_chart_text_is_never_shown_below_10px(chart: OrgChart) -> None:
    svg = render_chart_svg(chart)
    root = ET.fromstring(svg)
    width = float(root.get("viewBox", "").split()[2])
    narrowest = style_px(root, "min-width")
    assert min(font_sizes(svg)) * narrowest / width >= LEGIBLE - 1e-9
    # at a report's content width (1,000 to 1,200 px) a chart no wider than
    # that is shown at its natural size, its text unscaled
    if width <= 1000:
        assert min(font_sizes(svg)) >= LEGIBLE


def test_rows_of_boxes_fit_a_report(chart: OrgChart) -> None:
    """A row of boxes wider than a report is split into rows, not shrunk."""
    root = ET.fromstring(render_chart_svg(chart))
    rows: dict[float, float] = defaultdict(float)
    for g in root.iter(f"{SVG}g"):
        if "body" in g.get("class", "").split():
            frame = g.find(f"{SVG}rect")
            assert frame is not None
            middle = float(frame.get("y", "0")) + float(frame.get("height", "0")) / 2
            rows[round(middle)] += float(frame.get("width", "0")) + 28
    assert max(rows.values()) <= MAX_WIDTH


def test_layout_splits_a_row_too_wide_and_keeps_edges_downward() -> None:
    top = Box("top", 100, 40, 0)
    row = [Box(f"b{i}", 300, 40, 1) for i in range(6)]
    edges = [Edge("top", b.id, 40, 14) for b in row]
    edges.append(Edge("b0", "b5", 40, 14))  # between two boxes of the row
    unsplit = layered_layout([top, *row], edges)
    assert len({unsplit.boxes[b.id].y for b in row if b.id != "b5"}) == 1
    layout = layered_layout([top, *row], edges, max_width=1000)
    rows: dict[float, list[Placed]] = defaultdict(list)
    for b in row:
        rows[layout.boxes[b.id].y].append(layout.boxes[b.id])
    assert len(rows) >= 2
    assert all(sum(p.width for p in placed) <= 1000 - 40 for placed in rows.values())
    assert all(layout.boxes["top"].y < y for y in rows)
    # every edge still runs from its source's row down to its target's
    for edge, route in zip(edges, layout.routes, strict=True):
        source, target = layout.boxes[edge.source], layout.boxes[edge.target]
        assert source.y < target.y
        assert route.points[-1][1] == target.y


def check_geometry(svg: str, chart: OrgChart) -> None:
    edges = drawn_edges(svg)
    assert len(edges) == len(chart.links)
    for edge in edges:
        ends = f"{edge.source} -> {edge.target}"
        assert detour(edge.points) <= MAX_DETOUR, ends
        assert overshoot(edge.points) <= MAX_OVERSHOOT, ends
    labelled = [e for e in edges if e.label is not None]
    assert labelled
    for edge in labelled:
        assert edge.label is not None
        assert stray(edge.label, edge.points) <= MAX_STRAY, (edge.source, edge.target)


def test_edges_run_short_and_labels_sit_on_them(chart: OrgChart) -> None:
    check_geometry(render_chart_svg(chart), chart)


def test_four_bodies_without_a_membership_body_lay_out_as_well(docs: Docs) -> None:
    chart = no_membership_chart(docs)
    assert len(chart.bodies) == 4
    svg = render_chart_svg(chart)
    check_responsive(svg)
    check_geometry(svg, chart)


def test_the_measures_catch_a_loop_and_a_stray_label() -> None:
    """The geometry the tests rely on, on paths whose answer is known."""
    straight = [(0.0, 0.0), (0.0, 100.0)]
    loop = [(0.0, 0.0), (-300.0, 50.0), (0.0, 100.0)]
    assert detour(straight) == pytest.approx(1.0)
    assert detour(loop) > 6
    assert overshoot(straight) == 0
    assert overshoot(loop) == pytest.approx(300.0)
    assert stray((-5.0, 40.0, 10.0, 10.0), straight) == 0
    assert stray((50.0, 40.0, 10.0, 10.0), straight) == pytest.approx(50.0)


# --- --layout dot ---------------------------------------------------------------


@needs_dot
def test_layout_dot_draws_the_same_chart_and_scales(chart: OrgChart) -> None:
    from govsim.reports.chartdot import render_chart_dot

    svg = render_chart_dot(chart)
    check_responsive(svg)
    root = ET.fromstring(svg)
    bodies = [g for g in root.iter(f"{SVG}g") if "body" in g.get("class", "").split()]
    assert [g.get("data-body") for g in bodies] == [b.id for b in chart.bodies]
    assert all(g.get("id") == f"body-{g.get('data-body')}" for g in bodies)
    flagged = {g.get("data-body") for g in bodies if "flagged" in g.get("class", "")}
    assert flagged == {b.id for b in chart.bodies if b.flagged}
    links = [
        (g.get("data-source"), g.get("data-target"), g.get("class"))
        for g in root.iter(f"{SVG}g")
        if "link" in g.get("class", "").split()
    ]
    assert links == [
        (x.source, x.target, f"edge link link-{x.kind}") for x in chart.links
    ]
    # the only ids are the bodies', so several charts fit on one page
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert ids == [g.get("id") for g in bodies]
    # Graphviz's text is 10 px or more, and the chart is never shown smaller
    assert min(font_sizes(svg)) >= LEGIBLE
    assert style_px(root, "min-width") == pytest.approx(
        float(root.get("viewBox", "").split()[2]), abs=1
    )


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(env={"COLUMNS": "100"})


@needs_dot
def test_cli_layout_dot_writes_graphviz_svg(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "chart.svg"
    args = ["graph", "iso-2013-as-practised", "--layout", "dot", "--out", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    root = ET.parse(out).getroot()
    assert root.get("class") == "org-chart"
    assert root.find(f".//{SVG}g[@id='body-sc']") is not None
    # Graphviz's own groups: the built-in layout draws no g.node
    assert any(g.get("class", "").startswith("node") for g in root.iter(f"{SVG}g"))


def test_cli_layout_dot_without_graphviz_says_how_to_get_it(tmp_path: Path) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    out = tmp_path / "chart.svg"
    runner = CliRunner(env={"COLUMNS": "100", "PATH": str(empty)})
    args = ["graph", "iso-2013-as-practised", "--layout", "dot", "--out", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    said = " ".join(result.stderr.split())
    assert "Graphviz's dot program, which is not on PATH" in said
    assert "apt-get install graphviz" in said
    assert "--layout builtin" in said
    assert "Traceback" not in result.output
    assert not out.exists()
    # the built-in layout needs no Graphviz, and text formats no layout
    for extra in (["--layout", "builtin"], ["--format", "dot", "--layout", "dot"]):
        drawn = runner.invoke(app, ["graph", "iso-2013-as-practised", *extra])
        assert drawn.exit_code == 0, drawn.output
