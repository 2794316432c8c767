"""Scenario reports: the page model, the timeline SVG, the HTML page and ``govsim report``.

The browser checks (what a reader sees and clicks) are in
``tests/browser/test_report_browser.py``; these check the figures behind the
page without a browser.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest
from conftest import written_under_two_hash_seeds
from typer.testing import CliRunner

import govsim
from govsim.errors import UsageError
from govsim.faces.cli import app
from govsim.faces.report import default_out
from govsim.findings.result import Result
from govsim.reports.dateaxis import BREAK_DAYS, date_axis
from govsim.reports.html import require_viz
from govsim.reports.scenario_page import ScenarioPage, scenario_page
from govsim.reports.scenario_report import (
    render_scenario_report,
    scenario_report,
)
from govsim.reports.timeline import VERDICT_COLOURS, timeline_svg

ROOT = Path(__file__).resolve().parent.parent
ISO = ROOT / "scenarios" / "iso"
WEEK = ISO / "2019-disclosure-week.govsim.yaml"
CASE = ISO / "2012-13-case.govsim.yaml"
OLD, NEW, EXT = "iso-2013-as-practised", "iso-2019-post-convention", "external-checks"
SVG = "{http://www.w3.org/2000/svg}"
REPORT_INSTALL = 'pip install "govsim[report]"'
"""Quoted as every install hint govsim gives (govsim.extras.install_command)."""


@pytest.fixture(scope="module")
def week() -> tuple[govsim.LoadedScenario, list[Result], ScenarioPage]:
    loaded = govsim.load_scenario(WEEK)
    results = govsim.run_all(loaded)
    return loaded, results, scenario_page(loaded, results)


@pytest.fixture(scope="module")
def week_html() -> str:
    return scenario_report(WEEK)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


# --- the page model ----------------------------------------------------------


def test_week_page_has_every_act_under_the_three_books(week):
    _, results, page = week
    assert page.book_ids == [OLD, NEW, EXT]
    assert len(page.acts) == 19
    for result in results:
        assert [a.verdict(result.rulebook) for a in page.acts] == [
            r.verdict.value for r in result.acts
        ]


def test_week_summary_counts_the_verdicts(week):
    _, results, page = week
    for summary, result in zip(page.books, results, strict=True):
        assert sum(summary.verdicts.values()) == len(result.acts)
        assert summary.violations == len(result.violations)
    ext = page.books[2]
    assert ext.verdicts == {"valid": 11, "irregular": 0, "void": 8}
    assert ext.violations == 23


def test_week_first_divergence_is_the_override_docs_compare_names(week):
    _, _, page = week
    assert page.divergence is not None
    assert page.divergence.act == "sc-overrides"
    assert page.divergence.at == dt.date(2013, 3, 10)
    assert page.divergence.verdicts == {OLD: "irregular", NEW: "irregular", EXT: "void"}
    assert page.divergence.clauses == {OLD: ["4.2"], NEW: ["4.2"], EXT: ["E5"]}
    assert "sc-overrides" in (ROOT / "docs" / "compare.md").read_text(encoding="utf-8")


def test_week_invariant_witnesses_are_linked_when_they_are_acts(week):
    _, _, page = week
    rows = {row.name: row for row in page.invariants}
    informed = rows["informed_electorate"]
    assert informed.broken(OLD) is True
    assert informed.broken(EXT) is False
    (breach,) = informed.breaches[OLD]
    assert {"convention-elects", "respondent", "k2012"} <= set(breach.witnesses)
    assert breach.acts == {"convention-elects"}
    (legit,) = rows["interim_legitimacy"].breaches[OLD]
    assert {"sc-suspends", "respondent"} <= set(legit.witnesses)
    assert legit.acts == {"sc-suspends"}


def test_explanations_cite_the_clause_text_and_where_it_is_written(week):
    _, _, page = week
    override = next(a for a in page.acts if a.id == "sc-overrides")
    ext = override.judged[EXT]
    assert ext.verdict == "void"
    assert ext.clauses[0] == "E5"
    e5 = next(r for r in ext.reasons if r.clause == "E5")
    assert e5.deciding
    assert e5.text is not None
    assert e5.text.startswith("The Steering Committee may not alter")
    assert e5.where is not None
    file, line = e5.where.rsplit(":", 1)
    assert file == "rules/external-checks.govsim.yaml"
    written = (ISO / file).read_text(encoding="utf-8").splitlines()[int(line) - 1]
    assert written.strip() == "- id: E5"
    # A clause the 2019 book inherits is found in the book it extends.
    inherited = next(r for r in override.judged[NEW].reasons if r.clause == "4.2")
    assert inherited.where is not None
    file, line = inherited.where.rsplit(":", 1)
    assert file == "rules/iso-2013-as-practised.govsim.yaml"
    written = (ISO / file).read_text(encoding="utf-8").splitlines()[int(line) - 1]
    assert written.strip() == '- id: "4.2"'
    assert override.where == "2019-disclosure-week.govsim.yaml:25"


def test_verdict_column_shows_only_the_clauses_that_decide(week, week_html):
    _, _, page = week
    override = next(a for a in page.acts if a.id == "sc-overrides")
    # 3.1 grants the SC its power; the override is irregular for breaking 4.2.
    assert override.judged[OLD].clauses == ["4.2", "3.1"]
    assert override.judged[OLD].deciding_clauses == ["4.2"]
    assert override.judged[EXT].deciding_clauses == ["E5"]
    row = re.search(r'<tr data-act="sc-overrides".*?</tr>', week_html, re.S)
    assert row is not None
    shown = re.findall(r'<span class="clauses">([^<]*)</span>', row.group(0))
    assert shown == ["4.2", "4.2", "E5"]
    assert {b: override.judged[b].deciding_clauses for b in page.book_ids} == (
        page.divergence.clauses if page.divergence else None
    )


def test_lanes_are_the_actors_bodies_first(week):
    _, _, page = week
    lanes = [(lane.id, lane.kind) for lane in page.lanes]
    assert lanes[:4] == [
        ("convention", "convention"),
        ("sc", "executive"),
        ("ndc", "disciplinary"),
        ("joint-meeting", "joint_meeting"),
    ]
    assert {lane.id for lane in page.lanes} >= {a.actor for a in page.acts}
    assert [lane.kind for lane in page.lanes][4:] == ["person"] * 3


def test_spans_are_the_missed_deadline_and_the_measures_in_force(week):
    _, _, page = week
    (deadline,) = page.spans[EXT]
    assert (deadline.kind, deadline.lane, deadline.outcome) == (
        "deadline",
        "sc",
        "missed",
    )
    assert (deadline.start, deadline.due) == (dt.date(2013, 2, 20), dt.date(2013, 3, 6))
    assert deadline.act == "ndc-expels"
    (suspension,) = page.spans[OLD]
    assert (suspension.id, suspension.outcome, suspension.end) == (
        "sc-suspends",
        "open-ended",
        None,
    )
    # The joint meeting's measures are void under 2013 rules: no bars for them.
    assert {s.id for s in page.spans[NEW]} == {
        "sc-suspends",
        "joint-suspends-three",
        "joint-bars-leadership",
    }


INVARIANTS = ROOT / "scenarios" / "invariants"


@pytest.fixture(scope="module")
def reversed_page(tmp_path_factory) -> ScenarioPage:
    """The chair suspends a member; two days later the executive reverses it.

    Under the strict book the suspension must be reviewed by 'dc, appeals,
    panel' (any of the three) by its review day.
    """
    path = tmp_path_factory.mktemp("reversed") / "reversed.govsim.yaml"
    path.write_text(
        "schema_version: 1\nscenario: reversed\n"
        f"organisation: {INVARIANTS / 'organisation.govsim.yaml'}\n"
        f"rulebooks: [{INVARIANTS / 'rules' / 'strict.govsim.yaml'}]\n"
        "acts:\n"
        "  - {id: chair-suspends, at: 2024-03-04, act: interim_suspend, by: exec-a,\n"
        "     targets: [ed-a], scope: office, office: education, basis: danger,\n"
        "     written_notice: true, review_at: 2024-03-08, expires_at: 2024-03-30}\n"
        "  - {id: exec-reverses, at: 2024-03-06, act: ratify, by: exec,\n"
        "     subject: chair-suspends, outcome: reverse}\n",
        encoding="utf-8",
    )
    loaded = govsim.load_scenario(path)
    return scenario_page(loaded, govsim.run_all(loaded))


def test_a_measure_reversed_by_ratification_ends_on_the_reversal_day(reversed_page):
    (book,) = reversed_page.book_ids
    assert reversed_page.acts[1].verdict(book) == "valid"
    (measure,) = [s for s in reversed_page.spans[book] if s.kind == "interim"]
    assert (measure.outcome, measure.end) == ("reversed", dt.date(2024, 3, 6))
    assert measure.label.endswith("until 2024-03-06: reversed")


def test_a_duty_owed_by_several_bodies_is_drawn_in_each_lane_listed_once(
    reversed_page,
):
    (book,) = reversed_page.book_ids
    reviews = [s for s in reversed_page.spans[book] if s.kind == "review"]
    assert [s.lane for s in reviews] == ["dc", "appeals", "panel"]
    assert {s.id for s in reviews} == {"chair-suspends:review"}
    assert {"dc", "appeals", "panel"} <= {lane.id for lane in reversed_page.lanes}
    listed = [s.id for s in reversed_page.duties(book)]
    assert listed == ["chair-suspends", "chair-suspends:review"]


def test_a_replay_with_no_acts_is_refused_plainly(week):
    loaded, results, _ = week
    empty = Result(loaded.id, EXT, type(results[0].trace)(rulebook=EXT))
    with pytest.raises(UsageError, match="no acts replayed under external-checks"):
        scenario_page(loaded, [empty])


# --- the date axis and the timeline -----------------------------------------


def test_axis_breaks_long_gaps_and_keeps_days_apart():
    days = [dt.date(2012, 11, 15), dt.date(2013, 3, 10), dt.date(2016, 6, 1)]
    days += [dt.date(2019, 3, d) for d in (11, 12, 14, 15)]
    axis = date_axis(days, 700.0, dict.fromkeys(days, 20.0))
    xs = [axis.x(d) for d in days]
    assert xs == sorted(xs)
    assert len(axis.breaks) == 2
    assert [b.label for b in axis.breaks] == ["3 years", "2½ years"]
    # Marks needing 20 px each side are never drawn closer than that.
    assert min(b - a for a, b in pairwise(xs)) >= 40
    assert axis.width == pytest.approx(700.0, abs=1)
    labels = [t.label for t in axis.ticks if t.label]
    assert labels[-4:] == ["11 Mar", "12", "14", "15"]


def test_axis_of_a_few_months_is_one_segment_with_month_ticks():
    days = [dt.date(2012, 11, 15), dt.date(2013, 1, 10), dt.date(2013, 3, 10)]
    axis = date_axis(days, 500.0)
    assert not axis.breaks
    assert (days[-1] - days[0]).days < BREAK_DAYS
    assert [t.label for t in axis.ticks] == ["Dec", "2013", "Feb", "Mar"]
    assert axis.segments[0].caption == "Nov 2012 \N{EN DASH} Mar 2013"


def _acts_drawn(svg: str) -> list[ET.Element]:
    root = ET.fromstring(svg)
    return [g for g in root.iter(f"{SVG}g") if "act" in g.get("class", "").split()]


@pytest.mark.parametrize("book", [OLD, NEW, EXT])
def test_timeline_draws_each_act_once_in_its_verdict_colour(week, book):
    _, results, page = week
    result = next(r for r in results if r.rulebook == book)
    drawn = _acts_drawn(timeline_svg(page, book))
    assert [g.get("data-act") for g in drawn] == [r.id for r in result.acts]
    for g, record in zip(drawn, result.acts, strict=True):
        assert g.get("data-verdict") == record.verdict.value
        assert f"verdict-{record.verdict.value}" in g.get("class", "")
        (mark,) = [e for e in g if e.get("class") == "mark"]
        assert mark.get("fill") == VERDICT_COLOURS[record.verdict.value]


def test_timeline_marks_the_first_divergence(week):
    _, _, page = week
    svg = timeline_svg(page, EXT)
    assert 'class="divergence" data-act="sc-overrides"' in svg
    assert "first divergence: sc-overrides" in svg


# --- the page ----------------------------------------------------------------


def test_page_is_self_contained(week_html):
    assert week_html.startswith("<!DOCTYPE html>")
    # SVG namespace declarations are names, never fetched; nothing else may
    # point outside the file.
    urls = re.findall(r"https?://[^\s\"'<>)]+", week_html)
    assert set(urls) <= {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}
    assert not re.search(r"<script[^>]*\bsrc=", week_html)
    assert not re.search(r"<link\b", week_html)
    assert "@import" not in week_html
    assert "<script>" in week_html
    assert "<style>" in week_html


def test_page_holds_every_part(week_html):
    assert week_html.count('class="org-chart"') == 3
    assert week_html.count('<svg class="timeline"') == 3
    assert week_html.count('<article class="explanation"') == 19
    assert 'class="first-divergence"' in week_html
    assert 'data-show-book="external-checks"' in week_html
    assert week_html.count('class="act verdict-') == 3 * 19


def test_every_element_id_on_the_page_is_unique(week_html):
    # One organisation chart per book: their bodies must not share ids, or
    # links and scripts that find an element by id reach the wrong book's.
    ids = re.findall(r'\sid="([^"]+)"', week_html)
    repeated = sorted(i for i, n in Counter(ids).items() if n > 1)
    assert ids
    assert repeated == []


def test_lanes_are_labelled_by_name_with_the_id_on_hover(week):
    loaded, _, page = week
    org = loaded.organisation
    expected = {b: body.name for b, body in org.bodies.items()}
    expected |= {
        p: (person.role or "").split(";")[0] for p, person in org.persons.items()
    }
    # Made by the scenario's convene act, named after the bodies it joins.
    expected["joint-meeting"] = "Joint meeting of sc, nc, nbc-adhoc, metoo, survivors"
    root = ET.fromstring(timeline_svg(page, OLD))
    labels = [g for g in root.iter(f"{SVG}g") if g.get("class") == "lane-label"]
    assert [g.get("data-lane") for g in labels] == [lane.id for lane in page.lanes]
    for g in labels:
        ident = g.get("data-lane")
        (name,) = [t for t in g if t.get("class") == "lane-name"]
        shown = " ".join(t.text or "" for t in name)
        # The name, or as much of it as fits in two lines, cut with "…".
        assert shown == expected[ident] or (
            shown.endswith("…") and expected[ident].startswith(shown[:-1])
        ), ident
        assert ident not in shown.split()  # the id is not the label...
        title = g.find(f"{SVG}title")
        assert title is not None
        assert f"id {ident}" in (title.text or "")  # ...but shows on hover
    assert "Steering Committee" in [
        " ".join(t.text or "" for t in g.iter(f"{SVG}tspan")) for g in labels
    ]


def test_actor_ids_in_the_acts_table_show_the_name_on_hover(week_html):
    table = week_html[week_html.index('<table class="acts-table">') :]
    table = table[: table.index("</table>")]
    assert '<td title="Steering Committee">sc</td>' in table
    assert '<td title="member who made the 2012 allegation">complainant</td>' in table


def _invariant_rows(html: str) -> dict[str, list[tuple[str, str, list[str]]]]:
    """Each row of the invariant table: (book, data-state, witness acts) per cell."""
    section = html[html.index('<section id="invariants">') :]
    section = section[: section.index("</section>")]
    rows = re.findall(
        r'<tr class="[^"]*" data-invariant="([^"]+)">(.*?)</tr>', section, re.S
    )
    table = {}
    for name, row in rows:
        cells = re.findall(
            r'<td class="book-col inv-cell" data-book="([^"]+)" data-state="([^"]+)">(.*?)</td>',
            row,
            re.S,
        )
        table[name] = [
            (
                book,
                state,
                re.findall(
                    r'data-act="([^"]+)"',
                    "".join(
                        re.findall(r'<div class="witness-acts">(.*?)</div>', body, re.S)
                    ),
                ),
            )
            for book, state, body in cells
        ]
    return table


def test_invariant_table_has_a_row_per_invariant_and_a_verdict_per_book(
    week, week_html
):
    _, results, _ = week
    table = _invariant_rows(week_html)
    acts = {a.id for a in results[0].acts}
    shown = {b.invariant for r in results for b in [*r.breaches, *r.prevented]}
    assert set(table) == shown  # one row each; the rest are named as held
    held = re.search(r'<p class="held">(.*?)</p>', week_html, re.S)
    assert held is not None
    every = {name for r in results for name in r.invariants()}
    assert set(re.findall(r"<code>([^<]+)</code>", held.group(1))) == every - shown
    for name, cells in table.items():
        assert [book for book, _, _ in cells] == [OLD, NEW, EXT]  # a column per book
        for (_, state, witnesses), result in zip(cells, results, strict=True):
            broken = [b for b in result.breaches if b.invariant == name]
            stopped = [b for b in result.prevented if b.invariant == name]
            words = (["breached"] if broken else []) + (
                ["prevented"] if stopped else []
            )
            if name not in result.invariants():
                words = ["not checked"]
            assert state == " ".join(words or ["held"]), (name, result.rulebook)
            linked = {w for b in [*broken, *stopped] for w in b.witnesses if w in acts}
            assert set(witnesses) == linked, (name, result.rulebook)
    # The prose is there, but folded away until asked for.
    assert week_html.count('<details class="inv-more">') == sum(
        1 for cells in table.values() for _, state, _ in cells if state != "held"
    )
    assert table["informed_electorate"][0][1:] == ("breached", ["convention-elects"])


def test_chart_is_embedded_at_its_drawn_width(week_html):
    widths = re.findall(
        r'<div class="figure chart-figure" style="--chart-width: (\d+)px"><svg[^>]*'
        r'viewBox="0 0 ([\d.]+) ',
        week_html,
    )
    assert len(widths) == 3
    for css, drawn in widths:
        assert int(css) == round(float(drawn))


def test_page_is_the_same_byte_for_byte_whatever_the_hash_seed(week_html, tmp_path):
    first, second = written_under_two_hash_seeds(WEEK, tmp_path)
    assert first == second
    assert first == week_html.encode("utf-8")  # and this process's own seed


def test_page_escapes_document_text(week):
    loaded, _, page = week
    hostile = "<script>alert(1)</script>"
    first = dataclasses.replace(page.acts[0], note=hostile)
    html = render_scenario_report(
        dataclasses.replace(page, acts=(first, *page.acts[1:])),
        dict(loaded.rulebooks),
        loaded,
    )
    assert hostile not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_missing_report_extra_names_the_install_command(monkeypatch):
    monkeypatch.setitem(sys.modules, "jinja2", None)
    with pytest.raises(UsageError, match=re.escape(REPORT_INSTALL)):
        require_viz()


# --- govsim report -----------------------------------------------------------


def test_cli_writes_the_page_and_prints_its_path(runner, tmp_path):
    out = tmp_path / "case.html"
    result = runner.invoke(
        app, ["report", str(CASE), "--rules", EXT, "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out)
    html = out.read_text(encoding="utf-8")
    assert html.count('<svg class="timeline"') == 1
    assert "<button" not in html  # one book: nothing to switch


def test_cli_default_out_is_named_after_the_scenario(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert default_out(WEEK) == Path("govsim-reports/2019-disclosure-week.report.html")
    result = runner.invoke(app, ["report", str(CASE), "--rules", OLD, "--rules", EXT])
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == ["govsim-reports"]
    assert (tmp_path / "govsim-reports" / "2012-13-case.report.html").is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--rules", "nope"], "has no rule book 'nope'"),
        (["--out", "."], "--out .: this is a folder; give a file name"),
        (
            ["--out", "/dev/null"],
            "--out /dev/null: this is a character device; govsim writes only "
            "regular files",
        ),
    ],
)
def test_cli_bad_input_exits_2_and_writes_nothing(
    runner, tmp_path, monkeypatch, args, message
):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["report", str(CASE), *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_cli_creates_the_missing_folders_of_out(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["report", str(CASE), "--out", "a/b/x.html"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "a" / "b" / "x.html").is_file()


@pytest.mark.parametrize(
    ("books", "message"),
    [
        (
            [ISO / "rules" / "external-checks.govsim.yaml", EXT],
            "rule book external-checks is given more than once",
        ),
        (
            [ROOT / "scenarios" / "invariants" / "rules" / "strict.govsim.yaml", EXT],
            "strict.govsim.yaml:15:1: organisation: rule book 'strict' is written "
            "for organisation 'inv-org', but scenario iso-2012-13-case is about 'iso'",
        ),
    ],
)
def test_cli_refuses_the_books_compare_refuses_with_the_same_message(
    runner, tmp_path, monkeypatch, books, message
):
    monkeypatch.chdir(tmp_path)
    rules = [arg for book in books for arg in ("--rules", str(book))]
    reported = runner.invoke(app, ["report", str(CASE), *rules])
    compared = runner.invoke(app, ["compare", str(CASE), *rules])
    assert reported.exit_code == compared.exit_code == 2
    assert message in reported.stderr
    assert reported.stderr == compared.stderr
    assert list(tmp_path.iterdir()) == []


def test_cli_unwritable_out_exits_2_with_the_reason(runner, tmp_path, monkeypatch):
    # /proc/a.html on Linux; a patched write elsewhere (and for root, whom
    # permissions do not stop), so the test means the same everywhere.
    def refuse(self: Path, *args: object, **kwargs: object) -> int:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "write_text", refuse)
    out = tmp_path / "case.html"
    result = runner.invoke(app, ["report", str(CASE), "--out", str(out)])
    assert result.exit_code == 2
    assert f"--out {out}: cannot write it: Permission denied" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


def test_cli_empty_acts_list_is_a_schema_error_exit_2_no_file(runner, tmp_path):
    # The loader refuses 'acts: []' at its position, before any replay;
    # scenario_page's own "no acts replayed" refusal, reachable only from
    # Python with results that hold no acts, is tested above.
    scenario = tmp_path / "empty.govsim.yaml"
    scenario.write_text(
        "schema_version: 1\nscenario: empty\n"
        f"organisation: {ISO / 'organisation.govsim.yaml'}\n"
        f"rulebooks: [{ISO / 'rules' / 'external-checks.govsim.yaml'}]\nacts: []\n",
        encoding="utf-8",
    )
    out = tmp_path / "empty.html"
    result = runner.invoke(app, ["report", str(scenario), "--out", str(out)])
    assert result.exit_code == 2
    assert f"{scenario}:5:7: acts:" in result.stderr
    assert "at least 1 item" in result.stderr
    assert not out.exists()


def test_cli_without_viz_extra_exits_2_and_writes_nothing(
    runner, tmp_path, monkeypatch
):
    monkeypatch.setitem(sys.modules, "jinja2", None)
    out = tmp_path / "week.html"
    result = runner.invoke(app, ["report", str(WEEK), "--out", str(out)])
    assert result.exit_code == 2
    assert REPORT_INSTALL in result.stderr
    assert not out.exists()


def test_cli_rules_with_a_sweep_directory_is_refused(runner, tmp_path):
    result = runner.invoke(app, ["report", str(tmp_path), "--rules", EXT])
    assert result.exit_code == 2
    assert "--rules applies to scenarios only" in result.stderr
