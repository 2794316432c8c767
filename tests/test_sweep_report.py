"""Sweep reports: the page model read from a sweep folder, the plots, the page."""

from __future__ import annotations

import json
import re
import shlex
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Mapping
from html import unescape
from pathlib import Path

import pytest
from conftest import written_under_two_hash_seeds
from typer.testing import CliRunner

import govsim
from govsim.errors import UsageError
from govsim.faces.cli import app
from govsim.reports.sweep_page import (
    Distribution,
    SweepPage,
    distribution_kind,
    modes,
    read_sweep_page,
)
from govsim.reports.sweep_plots import book_colours, distribution_svg, draw_plots
from govsim.reports.sweep_report import NO_PLOTS, write_sweep_report
from govsim.sweeps import Sweep
from govsim.sweeps.summary import describe
from govsim.sweeps.targets import Book

pytest.importorskip("pyarrow")
pytest.importorskip("matplotlib")
pytest.importorskip("jinja2")

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "scenarios" / "crisis" / "iso-2019.model.yaml"
BOOKS = ("iso-2013-as-practised", "iso-2019-post-convention", "external-checks")
MEASURES = ("overridden", "dissolved", "members_retained", "resignations")
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="session")
def crisis(tmp_path_factory) -> govsim.SweepResult:
    """The crisis model, 4 runs per book at two values of case.protect (24 runs)."""
    folder = tmp_path_factory.mktemp("crisis")
    spec = folder / "crisis.sweep.yaml"
    spec.write_text(
        "schema_version: 1\nsweep: crisis-report\n"
        f"model: {MODEL}\n"
        f"rulebooks: [{', '.join(BOOKS)}]\n"
        "runs: 4\nseed: 11\nfixed: {population.members: 200}\n"
        "grid:\n  parameters:\n    case.protect: [0.0, 0.95]\n"
        f"measures: [{', '.join(MEASURES)}]\n",
        encoding="utf-8",
    )
    return govsim.sweep(spec, out=folder / "out")


@pytest.fixture(scope="session")
def crisis_page(crisis) -> SweepPage:
    return read_sweep_page(crisis.path)


@pytest.fixture(scope="session")
def crisis_html(crisis, tmp_path_factory) -> str:
    out = write_sweep_report(crisis.path, tmp_path_factory.mktemp("html") / "r.html")
    return out.read_text(encoding="utf-8")


# --- a target whose runs fail on purpose -------------------------------------


class Shaky:
    """Runs that raise for one seed in three (or always, if its file says so)."""

    id = "shaky"

    def __init__(self, path: Path) -> None:
        self.always = "always" in path.read_text()

    def rulebooks(self) -> tuple[str, ...]:
        return ("b1", "b2")

    def book(self, ref: str, base: Path) -> Book:
        return Book(ref, ref)

    def parameters(self) -> Mapping[str, int | float | str | bool]:
        return {"x": 1}

    def check(self, params: Mapping[str, object]) -> None:
        pass

    def measures(self) -> tuple[str, ...]:
        return ("value", "small", "flag", "label")

    def run(self, book: str, *, params: Mapping[str, object], seed: int) -> dict:
        if self.always or seed % 3 == 0:
            raise ZeroDivisionError(f"seed {seed} <is> unlucky")
        return {
            "value": seed % 1000,
            "small": seed % 4,
            "flag": seed % 2 == 0,
            "label": book,
        }


def load_shaky(path: Path) -> Shaky:
    return Shaky(path)


@pytest.fixture
def shaky_spec(tmp_path, monkeypatch):
    """Write a spec whose 'model:' the shaky loader reads (registry restored after)."""
    from govsim.sweeps import targets

    monkeypatch.setattr(targets, "_LOADED", {})

    def write(name: str, behaviour: str = "sometimes", runs: int = 12) -> Path:
        (tmp_path / f"{name}.shaky").write_text(behaviour)
        spec = tmp_path / f"{name}.sweep.yaml"
        spec.write_text(
            f"schema_version: 1\nsweep: {name}\nmodel: {name}.shaky\n"
            f"rulebooks: [b1, b2]\nruns: {runs}\nseed: 5\n",
            encoding="utf-8",
        )
        return spec

    with targets.TARGETS.overriding("model", load_shaky):
        yield write


# --- the page model ------------------------------------------------------------


def test_the_page_counts_runs_per_book_and_lists_books_and_measures(crisis_page):
    page = crisis_page
    assert [b.book for b in page.books] == list(BOOKS)
    assert [(b.planned, b.finished, b.failed) for b in page.books] == [(8, 8, 0)] * 3
    assert (page.on_disk, page.planned, page.complete) == (24, 24, True)
    assert page.swept == ("case.protect",)
    assert page.fixed == {"population.members": 200}
    assert page.measures == MEASURES
    assert page.failed == ()
    assert page.failed_total == 0


def test_the_summary_table_is_the_sweeps_own_summary_turned_round(crisis, crisis_page):
    groups = crisis.summary().groups
    rows = crisis_page.summary
    assert [(r.measure, r.book) for r in rows] == [
        (m, b) for m in MEASURES for b in BOOKS
    ]
    for row in rows:
        expected = [g.measures[row.measure] for g in groups if g.rulebook == row.book]
        assert list(row.cells) == expected
    overridden = [r for r in rows if r.measure == "overridden"]
    assert all(c.share is not None for r in overridden for c in r.cells)


def test_distributions_hold_every_finished_run_by_book(crisis, crisis_page):
    table = crisis.table().to_pylist()
    for dist in crisis_page.distributions:
        for book in BOOKS:
            expected = [r[dist.measure] for r in table if r["rulebook"] == book]
            assert list(dist.values[book]) == expected
    kinds = {d.measure: d.kind for d in crisis_page.distributions}
    assert kinds["overridden"] == kinds["dissolved"] == "share"
    assert kinds["members_retained"] == "spread"


def test_a_trend_with_one_swept_parameter_is_the_summary_per_point(crisis, crisis_page):
    groups = crisis.summary().groups
    trends = {t.measure: t for t in crisis_page.trends}
    assert set(trends) == set(MEASURES)
    trend = trends["members_retained"]
    assert trend.parameter == "case.protect"
    assert trend.xs == (0.0, 0.95)
    for book in BOOKS:
        expected = [
            g.measures["members_retained"] for g in groups if g.rulebook == book
        ]
        assert list(trend.lines[book]) == expected


def test_failed_runs_are_counted_listed_and_left_out_of_the_figures(
    shaky_spec, tmp_path
):
    result = govsim.sweep(shaky_spec("shaky"), out=tmp_path / "o")
    rows = result.table().to_pylist()
    failed = [r for r in rows if r["status"] == "failed"]
    page = read_sweep_page(result.path)
    assert 0 < page.failed_total == len(failed) < len(rows)
    assert [f.run for f in page.failed] == [r["run"] for r in failed]
    assert page.failed[0].error == failed[0]["error"]
    assert sum(b.failed for b in page.books) == len(failed)
    values = page.distributions[0].values
    assert sum(len(v) for v in values.values()) == len(rows) - len(failed)
    kinds = {d.measure: d.kind for d in page.distributions}
    assert kinds == {"value": "spread", "small": "counts", "flag": "share"}
    assert page.text_measures == ("label",)
    html = write_sweep_report(result.path, tmp_path / "r.html").read_text()
    assert html.count('class="failed-row"') == len(failed)
    assert "&lt;is&gt; unlucky" in html  # errors are escaped, not markup


def test_an_incomplete_sweep_says_how_to_finish_it(shaky_spec, tmp_path):
    # --runs and --seed unlike the spec's: a resume without them is refused.
    result = govsim.sweep(shaky_spec("part"), out=tmp_path / "o", runs=3, seed=9)
    manifest = json.loads((result.path / "manifest.json").read_text())
    manifest["finished"] = None  # killed after its last chunk, before closing
    (result.path / "manifest.json").write_text(json.dumps(manifest))
    html = write_sweep_report(result.path, tmp_path / "r.html").read_text()
    assert "This sweep is incomplete" in html
    hint = re.search(r"Run <code>(.*?)</code> to finish it", html)
    assert hint is not None
    words = shlex.split(unescape(hint.group(1)))
    assert words[:2] == ["govsim", "sweep"]
    assert words[-7:] == [
        "--out",
        str(result.path),
        "--runs",
        "3",
        "--seed",
        "9",
        "--resume",
    ]
    followed = CliRunner().invoke(app, words[1:])
    assert followed.exit_code == 0, followed.output
    assert govsim.SweepResult.open(result.path).complete


# --- refusals --------------------------------------------------------------------


def test_a_folder_without_a_manifest_is_refused_plainly(tmp_path):
    out = tmp_path / "r.html"
    with pytest.raises(UsageError, match="is not a sweep folder: it has no manifest"):
        write_sweep_report(tmp_path, out)
    with pytest.raises(UsageError, match="is not a sweep folder"):
        write_sweep_report(tmp_path / "missing", out)
    assert not out.exists()


def test_a_sweep_whose_runs_all_failed_has_no_finished_runs(shaky_spec, tmp_path):
    result = govsim.sweep(shaky_spec("broken", "always", runs=3), out=tmp_path / "o")
    out = tmp_path / "r.html"
    with pytest.raises(UsageError) as caught:
        write_sweep_report(result.path, out)
    message = str(caught.value)
    assert "has no finished runs to report" in message
    assert "all 6 runs on disk failed" in message
    assert "ZeroDivisionError" in message
    assert not out.exists()


def test_a_sweep_with_no_runs_on_disk_has_no_finished_runs(shaky_spec, tmp_path):
    from govsim.sweeps.store import RunStore

    prepared = Sweep.prepare(shaky_spec("early"), out=tmp_path / "o")
    # What an interrupted sweep leaves before its first chunk: a manifest only.
    RunStore.open(prepared.folder, prepared.plan, prepared.spec.path, resume=False)
    out = tmp_path / "r.html"
    with pytest.raises(UsageError, match="none of its 24 planned runs is on disk"):
        write_sweep_report(prepared.folder, out)
    assert not out.exists()


def test_a_missing_report_extra_is_named(crisis, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "jinja2", None)
    out = tmp_path / "r.html"
    with pytest.raises(UsageError, match=re.escape('pip install "govsim[report]"')):
        write_sweep_report(crisis.path, out)
    assert not out.exists()


def test_without_matplotlib_the_page_says_where_its_plots_would_be(
    crisis, tmp_path, monkeypatch
):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    html = write_sweep_report(crisis.path, tmp_path / "r.html").read_text("utf-8")
    assert "<svg" not in html
    distributions = html.split('<section id="distributions">')[1].split("</section>")[0]
    (note,) = re.findall(r'<p class="note no-plots">(.*?)</p>', distributions)
    assert unescape(note) == NO_PLOTS
    assert 'pip install "govsim[plots]"' in NO_PLOTS
    assert '<section id="summary">' in html  # the figures are all there


def test_out_may_not_be_a_folder(crisis, tmp_path):
    with pytest.raises(UsageError, match="is a folder"):
        write_sweep_report(crisis.path, tmp_path)


def test_out_in_a_missing_folder_is_written_there(crisis, tmp_path):
    # The output rule of docs/limits.md: missing folders are made at write time.
    out = tmp_path / "missing" / "r.html"
    assert write_sweep_report(crisis.path, out) == out
    assert out.is_file()


def test_an_unwritable_out_exits_2_with_the_reason(crisis, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from govsim.faces.cli import app

    def refuse(self: Path, *args: object, **kwargs: object) -> int:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "write_text", refuse)
    out = tmp_path / "r.html"
    done = CliRunner().invoke(app, ["report", str(crisis.path), "--out", str(out)])
    assert done.exit_code == 2
    assert f"--out {out}: cannot write it: Permission denied" in done.output
    assert "Traceback" not in done.output


# --- plots and page -----------------------------------------------------------------


def test_every_plot_is_svg_that_parses_with_its_text_kept_as_text(crisis_page):
    plots = draw_plots(crisis_page)
    assert len(plots) == len(crisis_page.distributions) + len(crisis_page.trends)
    for plot in plots:
        assert plot.svg.startswith("<svg")  # no XML prolog or DOCTYPE
        root = ET.fromstring(plot.svg)
        assert root.tag == f"{SVG}svg"
        assert "viewBox" in root.attrib
        assert "width" not in root.attrib  # the page sizes it
        assert len(list(root.iter(f"{SVG}path"))) > 5
        texts = {t.text for t in root.iter(f"{SVG}text")}
        if plot.kind != "trend":
            assert set(BOOKS) <= texts  # the books label the rows


def _dist(values: dict[str, list[float]]) -> Distribution:
    """A distribution of made-up values, kind and figures as the page decides them."""
    kept = {book: tuple(vs) for book, vs in values.items()}
    return Distribution(
        "made_up",
        distribution_kind(kept, boolean=False),
        kept,
        {book: describe(list(vs)) for book, vs in kept.items()},
    )


def _extent(group: ET.Element) -> tuple[float, float]:
    """The x range of a plot mark's path (matplotlib writes its points as ``x y``)."""
    xs = [
        float(x)
        for path in group.iter(f"{SVG}path")
        for x, _ in re.findall(r"([-\d.]+)\s+([-\d.]+)", path.get("d", ""))
    ]
    return min(xs), max(xs)


def _marks(svg: str, name: str) -> list[ET.Element]:
    return [g for g in ET.fromstring(svg).iter(f"{SVG}g") if g.get("class") == name]


BIMODAL = [float(v) for v in [*range(10, 30), *range(180, 200)]]
"""Two clumps of 20 runs with nothing between them: one box would span the gap."""


def test_kind_rule_few_values_are_counts_clumps_are_modes_else_spread():
    assert _dist({"a": [0.5, 0.9, 12.0] * 5}).kind == "counts"
    assert _dist({"a": [float(v) for v in range(16)]}).kind == "counts"
    assert _dist({"a": [float(v) for v in range(40)]}).kind == "spread"
    assert _dist({"a": BIMODAL, "b": [float(v) for v in range(40, 90)]}).kind == "modes"
    # Four far-off runs are outliers, not a mode of their own.
    lonely = [*range(100, 140), 400, 410, 420, 430]
    assert _dist({"a": [float(v) for v in lonely]}).kind == "spread"
    assert modes(BIMODAL, 190.0) == (tuple(BIMODAL[:20]), tuple(BIMODAL[20:]))


def test_a_bimodal_sample_is_not_drawn_as_a_single_box():
    dist = _dist({"two clumps": BIMODAL})
    assert dist.kind == "modes"
    svg = distribution_svg(dist, book_colours(["two clumps"]))
    boxes = [_extent(g) for g in _marks(svg, "box")]
    whiskers = [_extent(g) for g in _marks(svg, "whisker")]
    assert len(boxes) == len(whiskers) == 2
    # Each whisker covers its own box, and no whisker reaches the other box.
    for low, high in whiskers:
        inside = [b for b in boxes if low <= (b[0] + b[1]) / 2 <= high]
        assert len(inside) == 1
    texts = {t.text for t in ET.fromstring(svg).iter(f"{SVG}text")}
    assert "50.0%" in texts  # each mode's share of the runs


def test_a_unimodal_sample_keeps_one_box_with_the_summary_whisker():
    dist = _dist({"one clump": [float(v) for v in range(40)]})
    svg = distribution_svg(dist, book_colours(["one clump"]))
    assert len(_marks(svg, "box")) == len(_marks(svg, "whisker")) == 1


@pytest.mark.parametrize(
    "values",
    [BIMODAL, [float(v) for v in range(40)], [1.0, 2.0, 3.0] * 4],
    ids=["modes", "spread", "counts"],
)
def test_a_book_with_no_values_says_no_values_in_its_row(values):
    dist = _dist({"full": values, "empty": []})
    svg = distribution_svg(dist, book_colours(["full", "empty"]))
    (label,) = _marks(svg, "no-values")
    assert [t.text for t in label.iter(f"{SVG}text")] == ["no values"]


def test_the_page_is_self_contained(crisis_html):
    html = crisis_html
    assert "<script src" not in html
    assert "<link" not in html
    assert "@import" not in html
    # SVG namespace names are identifiers, never fetched; nothing else may be a URL.
    names = re.sub(r'xmlns(:\w+)?="http://www\.w3\.org/[^"]*"', "", html)
    assert "http://" not in names
    assert "https://" not in names
    assert re.findall(r"url\((?!#)", html) == []


def test_ids_are_unique_across_the_plots_of_one_page(crisis_html):
    ids = Counter(re.findall(r'\bid="([^"]+)"', crisis_html))
    assert ids
    assert max(ids.values()) == 1


def test_the_page_shows_each_part(crisis_html, crisis_page):
    html = crisis_html
    assert html.count('class="summary-row"') == len(BOOKS) * len(MEASURES)
    distributions = re.findall(
        r'<figure class="plot" data-measure="([^"]+)" data-kind', html
    )
    assert distributions == list(MEASURES)
    trends = re.findall(r'data-measure="([^"]+)" data-parameter="case.protect"', html)
    assert trends == list(MEASURES)
    assert "No run failed." in html
    assert "crisis-report" in html


def test_the_same_folder_gives_the_same_bytes_whatever_the_hash_seed(
    crisis, tmp_path, crisis_html
):
    first, second = written_under_two_hash_seeds(crisis.path, tmp_path)
    assert first == second
    assert first == crisis_html.encode("utf-8")  # and this process's own seed


# --- through the command line ---------------------------------------------------------


def test_govsim_report_writes_the_sweep_page(crisis, tmp_path, crisis_html):
    from typer.testing import CliRunner

    from govsim.faces.cli import app

    out = tmp_path / "cli.html"
    done = CliRunner().invoke(app, ["report", str(crisis.path), "--out", str(out)])
    assert done.exit_code == 0, done.output
    assert out.read_text(encoding="utf-8") == crisis_html


def test_govsim_report_on_a_folder_without_runs_exits_2_plainly(shaky_spec, tmp_path):
    from typer.testing import CliRunner

    from govsim.faces.cli import app

    result = govsim.sweep(shaky_spec("broken", "always", runs=2), out=tmp_path / "o")
    out = tmp_path / "r.html"
    done = CliRunner().invoke(app, ["report", str(result.path), "--out", str(out)])
    assert done.exit_code == 2
    assert "has no finished runs to report" in done.output
    assert "Traceback" not in done.output
    assert not out.exists()
