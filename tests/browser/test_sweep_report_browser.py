"""A sweep report in headless Chromium: what a reader sees, asserted from the page.

The sweep is the crisis model under the three ISO books at three values of
``case.protect`` (how likely the executive is to protect the respondent),
12 runs per book and value: small enough for a test, large enough that the
plots show what the books change. Its screenshot is kept as
``artifacts/screenshots/sweep-report.png`` (the README shows it).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import is_blank, keep_screenshot

import govsim
from govsim.reports.sweep_page import SweepPage, read_sweep_page
from govsim.reports.sweep_report import write_sweep_report

pytest.importorskip("pyarrow")
pytest.importorskip("matplotlib")

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "scenarios" / "crisis" / "iso-2019.model.yaml"
BOOKS = ("iso-2013-as-practised", "iso-2019-post-convention", "external-checks")
MEASURES = (
    "overridden",
    "dissolved",
    "members_retained",
    "resignations",
    "acts_irregular",
    "dissolve_share",
)


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> tuple[Path, SweepPage]:
    """The report of a 108-run sweep (about 1.5 s) and its page model."""
    folder = tmp_path_factory.mktemp("sweep")
    spec = folder / "crisis-protection.sweep.yaml"
    spec.write_text(
        "schema_version: 1\nsweep: crisis-protection\n"
        f"model: {MODEL}\n"
        f"rulebooks: [{', '.join(BOOKS)}]\n"
        "runs: 12\nseed: 2019\n"
        "grid:\n  parameters:\n    case.protect: [0.0, 0.5, 0.95]\n"
        f"measures: [{', '.join(MEASURES)}]\n",
        encoding="utf-8",
    )
    result = govsim.sweep(spec, out=folder / "out")
    out = write_sweep_report(result.path, folder / "report.html")
    return out, read_sweep_page(result.path)


def test_sweep_report_in_chromium(page, report):
    html, model = report
    page.goto(html.as_uri())

    plots = page.locator("figure.plot svg")
    assert plots.count() == len(model.distributions) + len(model.trends)
    for i in range(plots.count()):
        box = plots.nth(i).bounding_box()
        assert box is not None
        assert box["width"] > 200
        assert box["height"] > 120
        # Drawn marks, not an empty frame: bars, dots, lines and text.
        assert plots.nth(i).locator("path, use").count() > 10
        assert plots.nth(i).locator("text").count() > 3

    distributions = page.locator("#distributions figure.plot")
    measures = distributions.evaluate_all("fs => fs.map(f => f.dataset.measure)")
    assert measures == list(MEASURES)
    for i in range(distributions.count()):
        labels = distributions.nth(i).locator("svg text").all_text_contents()
        assert set(BOOKS) <= {label.strip() for label in labels}
    kinds = distributions.evaluate_all("fs => fs.map(f => f.dataset.kind)")
    assert kinds == [d.kind for d in model.distributions]
    assert {"share", "counts", "modes", "spread"} <= set(kinds)

    trends = page.locator("#parameters figure.plot[data-parameter='case.protect']")
    assert trends.count() == len(MEASURES)

    rows = page.locator("table.summary tr.summary-row")
    assert rows.count() == len(BOOKS) * len(MEASURES)
    first = rows.first.locator("td").all_text_contents()
    assert first[:2] == ["overridden", BOOKS[0]]
    assert page.locator("table.books tr.book-row").count() == len(BOOKS)
    assert page.get_by_text("No run failed.").is_visible()

    shot = keep_screenshot(page, "sweep-report")
    assert not is_blank(shot)


def test_sweep_report_draws_modes_apart_and_says_no_values(page, report):
    html, model = report
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(html.as_uri())
    width = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
    assert width[0] <= width[1]  # nothing scrolls sideways at 1,280 px
    for dist in model.distributions:
        figure = page.locator(
            f'#distributions figure.plot[data-measure="{dist.measure}"]'
        )
        boxes = figure.locator("svg g.box").count()
        if dist.kind == "modes":
            # A box per mode: more boxes than books, none spanning two modes.
            assert boxes == sum(len(m) for m in dist.modes.values())
            assert boxes > sum(1 for vs in dist.values.values() if vs)
            assert "a box per clump" in figure.locator("figcaption").inner_text()
        elif dist.kind == "spread":
            assert boxes == sum(1 for vs in dist.values.values() if vs)
        empty = [book for book, vs in dist.values.items() if not vs]
        labels = figure.locator("svg g.no-values text")
        assert labels.count() == len(empty), dist.measure
        for i in range(labels.count()):
            assert labels.nth(i).text_content() == "no values"
            assert labels.nth(i).is_visible()
    # As docs/sweeps.md says: the histories that end in dissolution and those
    # that do not make two clumps of members and of resignations.
    kinds = {d.measure: d.kind for d in model.distributions}
    assert kinds["members_retained"] == kinds["resignations"] == "modes"
    # No run under external-checks puts dissolution to a vote: no dissolve_share.
    shares = next(d for d in model.distributions if d.measure == "dissolve_share")
    assert shares.values["external-checks"] == ()
