"""``govsim graph`` as a browser draws it: boxes laid out, the executive flagged.

The SVG written by the command is opened in headless Chromium as a file, as
someone would open it. Its text is measured in the browser's own font, so a
box or label too narrow for its words fails here even where the sizes
estimated in Python looked right. Embedded in a column of a report's width,
as the report embeds it, its smallest text is shown at 10 px or more, with
either layout (the screenshots graph.png and graph-dot.png are kept).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import is_blank, keep_screenshot
from playwright.sync_api import Page
from typer.testing import CliRunner

from govsim.faces.cli import app
from govsim.reports.chartsvg import LEGIBLE, WARNING_COLOUR

BODIES = 11
"""The bodies of the ISO organisation."""

OVERFLOWS = """
() => [...document.querySelectorAll('g.body, g.link-label')].flatMap(g => {
  const frame = g.querySelector(':scope > rect').getBBox();
  return [...g.querySelectorAll(':scope > text')]
    .map(t => ({text: t.textContent, box: t.getBBox()}))
    .filter(({box}) => box.x < frame.x || box.x + box.width > frame.x + frame.width
      || box.y < frame.y || box.y + box.height > frame.y + frame.height)
    .map(({text}) => text);
})
"""
"""The texts of bodies and link labels that spill out of their frame."""


SMALLEST_SHOWN = """
svg => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const sizes = [...svg.querySelectorAll('text')]
    .map(t => parseFloat(getComputedStyle(t).fontSize));
  return Math.min(...sizes) * scale;
}
"""
"""The smallest text of a chart as the browser shows it, in CSS px."""


def embedded(svg: str, width: int) -> str:
    """A page holding a chart in a column ``width`` px wide, as a report does.

    With the report's own rule for charts, which stretches them to the column.
    """
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        "<style>svg { width: 100%; height: auto; }</style></head>"
        f"<body style='margin:0'><main style='width:{width}px'>{svg}</main>"
        "</body></html>"
    )


def rgb(colour: str) -> str:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({red}, {green}, {blue})"


def test_graph_svg_draws_and_flags_the_2013_executive(
    page: Page, tmp_path: Path
) -> None:
    out = tmp_path / "graph.svg"
    result = CliRunner().invoke(
        app, ["graph", "iso-2013-as-practised", "--format", "svg", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    page.goto(out.as_uri())

    bodies = page.locator("svg.org-chart g.body")
    assert bodies.count() == BODIES
    boxes = [bodies.nth(i).bounding_box() for i in range(BODIES)]
    assert all(b is not None and b["width"] > 0 and b["height"] > 0 for b in boxes)
    assert page.locator("g.link").count() > 0

    sc = page.locator("#body-sc")
    assert "flagged" in (sc.get_attribute("class") or "").split()
    frame = sc.locator("rect.frame")
    stroke = frame.evaluate("r => getComputedStyle(r).stroke")
    assert stroke == rgb(WARNING_COLOUR)
    assert "answers only to ndc" in (sc.text_content() or "")

    finding = page.locator('g.finding[data-code="unaccountable-body"][data-body="sc"]')
    assert finding.count() == 1
    assert "sc answers only to ndc" in (finding.text_content() or "")
    assert page.evaluate(OVERFLOWS) == []

    # A full-page screenshot of an SVG document never completes in Chromium;
    # the same SVG inline in a page (as the HTML report embeds it) does.
    # Embedded in a report's column (1,000 to 1,200 px) its text stays 10 px
    # or more; in a narrower one it keeps that size and scrolls.
    inline = tmp_path / "graph.html"
    svg = out.read_text(encoding="utf-8")
    for width in (1200, 1000, 600):
        inline.write_text(embedded(svg, width), encoding="utf-8")
        page.goto(inline.as_uri())
        smallest = page.locator("svg.org-chart").evaluate(SMALLEST_SHOWN)
        assert smallest >= LEGIBLE - 0.01, (width, smallest)
    inline.write_text(embedded(svg, 1200), encoding="utf-8")
    page.goto(inline.as_uri())
    assert page.locator("#body-sc.flagged").count() == 1
    png = keep_screenshot(page, "graph")
    assert not is_blank(png)


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_graph_laid_out_by_graphviz_keeps_its_text_legible(
    page: Page, tmp_path: Path
) -> None:
    out = tmp_path / "graph.svg"
    args = ["graph", "iso-2013-as-practised", "--layout", "dot", "--out", str(out)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    inline = tmp_path / "graph.html"
    inline.write_text(embedded(out.read_text(encoding="utf-8"), 1100), encoding="utf-8")
    page.goto(inline.as_uri())
    assert page.locator("svg.org-chart g.body").count() == BODIES
    assert page.locator("#body-sc.unaccountable").count() == 1
    smallest = page.locator("svg.org-chart").evaluate(SMALLEST_SHOWN)
    assert smallest >= LEGIBLE - 0.01
    png = keep_screenshot(page, "graph-dot")
    assert not is_blank(png)
