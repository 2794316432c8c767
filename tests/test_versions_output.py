"""The rule book's versions in what govsim shows: run's JSON and summary, --explain, compare, report.

The board of scenarios/amendments/ rewords clause 2 to give itself the power
to expel: valid under assoc-weak (a new version of the rules from
2024-05-02), void under assoc-strict (clause 2 is entrenched). The outputs
say which version each book ends with, which act made it, and where the
books' histories of the rules split.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from conftest import Docs, organisation, rulebook, scenario
from typer.testing import CliRunner

import govsim
from govsim.analysis.compare import compare
from govsim.engine.trace import ActRecord, Reason, Verdict, Version
from govsim.faces.cli import app
from govsim.findings.versions import changes, origins
from govsim.reports.scenario_page import scenario_page
from govsim.reports.timeline import timeline_svg

ROOT = Path(__file__).resolve().parent.parent
AMENDMENTS = ROOT / "scenarios" / "amendments"
BOARD = AMENDMENTS / "board-takes-discipline.govsim.yaml"
SMALL = ROOT / "scenarios" / "iso" / "2019-disclosure-week.govsim.yaml"
WEAK, STRICT = "assoc-weak", "assoc-strict"
LINE = (
    "rules amended by take-discipline (valid), in force from 2024-05-02: "
    "rewords clause 2"
)
CITED = "clause 2 (as reworded by act take-discipline, in force from 2024-05-02)"
SPLIT = (
    "the rules diverged: take-discipline amended them under assoc-weak and was "
    "void under assoc-strict; later acts are judged under different versions"
)


def invoke(*args: str | Path) -> str:
    """Run govsim wide enough that no line of interest wraps; its stdout."""
    result = CliRunner().invoke(
        app, [str(a) for a in args], env={"COLUMNS": "250", "NO_COLOR": "1"}
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def block(text: str, book: str) -> str:
    """The part of ``govsim run``'s summary under one book."""
    found = re.search(rf"^under {book}:.*?(?=^under |\Z)", text, re.M | re.S)
    assert found is not None, text
    return found.group(0)


# --- govsim run --json ---------------------------------------------------------


def test_json_lists_each_books_versions():
    runs = {
        r["rulebook"]: r for r in json.loads(invoke("run", BOARD, "--json"))["runs"]
    }
    weak = runs[WEAK]["versions"]
    assert [v["number"] for v in weak] == [1, 2]
    assert weak[0]["act"] is None
    assert weak[1] == {
        "number": 2,
        "in_force": "2024-05-02",
        "act": "take-discipline",
        "amendment": "take-discipline",
        "verdict": "valid",
        "adds": [],
        "rewords": ["2"],
        "repeals": [],
        "applies_to": "pending_cases",
    }
    # The void amendment made no version.
    assert [v["act"] for v in runs[STRICT]["versions"]] == [None]


def test_json_without_amendments_only_gains_the_key():
    loaded = govsim.load_scenario(SMALL)
    result = govsim.run(loaded, loaded.scenario.rulebooks[0])
    data = result.to_dict()
    assert [v["number"] for v in data["versions"]] == [1]
    assert data["versions"][0]["act"] is None
    assert list(data) == [
        "rulebook",
        "acts",
        "violations",
        "invariants",
        "breaches",
        "prevented",
        "timed",
        "versions",
        "statuses",
        "expectations",
    ]


# --- govsim run: summary and --explain ----------------------------------------


@pytest.mark.parametrize("verbose", [(), ("--verbose",)])
def test_summary_lists_the_version_an_act_made_under_that_book_only(verbose):
    out = invoke("run", BOARD, *verbose)
    assert f"  {LINE}\n" in block(out, WEAK)
    assert "rules amended" not in block(out, STRICT)


def test_summary_of_a_scenario_without_amendments_has_no_version_line():
    assert "rules amended" not in invoke("run", SMALL)


def test_explain_cites_the_act_that_reworded_the_clause():
    weak = invoke("run", BOARD, "--explain", "expel", "-r", WEAK)
    assert f"      {CITED}: The board may warn, suspend or expel a member." in weak
    strict = invoke("run", BOARD, "--explain", "expel", "-r", STRICT)
    assert "as reworded" not in strict
    assert "clause 2 (audited): The disciplinary committee" in strict


def test_explain_of_the_amending_act_cites_its_clauses_as_written():
    # Clause 4, under which the board amended, was never amended itself.
    out = invoke("run", BOARD, "--explain", "take-discipline", "-r", WEAK)
    assert "clause 4: The board may amend these bylaws" in out
    assert "as reworded" not in out


HELD_BACK = """\
schema_version: 1
scenario: held-back
organisation: organisation.govsim.yaml
rulebooks: [assoc-weak]
acts:
  - id: complaint
    at: 2024-05-01
    act: file_complaint
    by: board-a
    case: k1
    against: [critic]
  - id: take-discipline
    at: 2024-05-02
    act: amend_rules
    by: board
    applies_to: new_cases
    replace:
      - id: "2"
        title: Discipline
        text: The board may warn, suspend or expel a member.
        powers:
          - by: board
            acts: [sanction]
  - id: expel
    at: 2024-05-10
    act: sanction
    by: board
    case: k1
    targets: [critic]
    sanction: expel
"""


def test_explain_does_not_cite_an_amendment_held_back_from_the_case(tmp_path):
    """An amendment for new cases only: the older case's act is judged, and cited,
    under the clause as it stood."""
    (tmp_path / "rules").mkdir()
    for name in ("organisation.govsim.yaml", f"rules/{WEAK}.govsim.yaml"):
        text = (AMENDMENTS / name).read_text(encoding="utf-8")
        (tmp_path / name).write_text(text, encoding="utf-8")
    held = tmp_path / "held-back.govsim.yaml"
    held.write_text(HELD_BACK, encoding="utf-8")
    result = govsim.run(govsim.load_scenario(held), WEAK)
    assert [v.act for v in result.versions] == [None, "take-discipline"]
    explained = str(result.explain("expel"))
    assert "judged under the rules as they stood" in explained
    assert "as reworded" not in explained
    assert "clause 2 (audited): The disciplinary committee may warn" in explained
    # Judged under the clause as it stood, the board has no power to expel.
    assert result.verdict("expel") == Verdict.VOID


# --- the provenance rules, on records made by hand -----------------------------


def _record(
    at: dt.date, *reasons: Reason, effects: tuple[str, ...] = (), ident: str = "a"
) -> ActRecord:
    return ActRecord(
        ident, at, "board", "sanction", (), Verdict.VALID, reasons, effects
    )


def test_origins_follow_in_force_days_repeals_and_adds():
    may, june = dt.date(2024, 5, 1), dt.date(2024, 6, 1)
    versions = [
        Version(1, dt.date(2024, 1, 1)),
        Version(2, may, "add-5", "add-5", "valid", ("5",), ("2",)),
        Version(3, june, "drop-5", "drop-5", "irregular", repeals=("5",)),
    ]
    found = changes(versions)
    assert [c.act for c in found] == ["add-5", "drop-5"]
    assert found[0].words() == "adds clause 5; rewords clause 2"
    assert found[1].line() == (
        "rules amended by drop-5 (irregular), in force from 2024-06-01: repeals clause 5"
    )
    cites = (Reason("c5", True, "5"), Reason("c2", True, "2"), Reason("c1", True, "1"))
    before = origins(found, _record(dt.date(2024, 4, 30), *cites))
    assert before == {}
    between = origins(found, _record(dt.date(2024, 5, 20), *cites))
    assert {c: ch.origin(c) for c, ch in between.items()} == {
        "5": "as added by act add-5, in force from 2024-05-01",
        "2": "as reworded by act add-5, in force from 2024-05-01",
    }
    after = origins(found, _record(dt.date(2024, 6, 2), *cites))
    assert list(after) == ["2"]


def test_an_amendment_dated_in_the_book_is_a_version_with_no_act(docs: Docs) -> None:
    """A book's own dated amendment makes a version too, and is credited for its clause."""
    book = rulebook(
        [
            {
                "id": "1",
                "text": "Members may complain.",
                "powers": [{"by": {"person": "member"}, "acts": ["file_complaint"]}],
            }
        ],
        amendments=[
            {
                "id": "a2",
                "in_force": "2024-03-01",
                "clauses": [
                    {
                        "id": "1",
                        "text": "Any member may complain.",
                        "powers": [
                            {"by": {"person": "member"}, "acts": ["file_complaint"]}
                        ],
                    }
                ],
            },
            {"id": "a3", "in_force": "2030-01-01", "repeal": ["1"]},
        ],
    )
    org = organisation(["ann", "bob"], {"membership": {"kind": "membership"}})
    act = {
        "id": "k",
        "at": "2024-04-01",
        "act": "file_complaint",
        "by": "ann",
        "case": "k1",
        "against": ["bob"],
    }
    path = docs.build(org, [book], scenario([act], start="2024-01-01"))
    result = govsim.run(path, "book")
    # The amendment in force after the end made no version of this history.
    assert [(v.number, v.amendment, v.rewords) for v in result.versions] == [
        (1, None, ()),
        (2, "a2", ("1",)),
    ]
    (change,) = result.amendments
    assert change.line() == (
        "rules amended by the book's amendment a2, in force from 2024-03-01: "
        "rewords clause 1"
    )
    assert origins([change], result.record("k"))["1"].origin("1") == (
        "as reworded by the book's amendment a2, in force from 2024-03-01"
    )


# --- govsim compare ------------------------------------------------------------


def test_compare_says_the_rules_diverged_at_the_first_divergence():
    comparison = compare(BOARD, [WEAK, STRICT])
    first = comparison.first_divergence
    assert first is not None
    assert first.row.id == "take-discipline"
    assert first.split is not None
    assert str(first.split) == SPLIT
    assert str(first).endswith(SPLIT)
    records = comparison.to_records()
    assert [s["act"] for s in records["rule_splits"]] == ["take-discipline"]
    assert records["rule_splits"][0]["amended"] == {
        WEAK: {"version": 2, "in_force": "2024-05-02", "verdict": "valid"}
    }
    assert records["rule_splits"][0]["unchanged"] == {STRICT: "void"}


def test_compare_command_prints_the_split_and_each_books_final_version():
    out = invoke("compare", BOARD, "-r", WEAK, "-r", STRICT)
    divergence = out[out.index("first divergence: act take-discipline") :]
    assert f"  {SPLIT}\n" in divergence
    assert "  rules at the end: version 2, as amended by take-discipline\n" in out
    assert "  rules at the end: version 1, as at the start\n" in out


def test_compare_without_amendments_says_nothing_of_versions():
    comparison = compare(
        ROOT / "scenarios" / "iso" / "2012-13-case.govsim.yaml",
        ["iso-2013-as-practised", "external-checks"],
    )
    assert comparison.rule_splits == []
    assert comparison.first_divergence is not None
    assert comparison.first_divergence.split is None
    out = invoke(
        "compare",
        ROOT / "scenarios" / "iso" / "2012-13-case.govsim.yaml",
        "-r",
        "iso-2013-as-practised",
        "-r",
        "external-checks",
    )
    assert "rules diverged" not in out
    assert "rules at the end" not in out


# --- govsim report -------------------------------------------------------------


def test_report_page_model_holds_the_versions_and_the_split():
    loaded = govsim.load_scenario(BOARD)
    page = scenario_page(loaded, govsim.run_all(loaded))
    assert page.amended
    weak, strict = page.books
    assert [c.act for c in weak.amendments] == ["take-discipline"]
    assert (weak.final_version, strict.final_version) == (2, 1)
    assert strict.amendments == ()
    assert page.divergence is not None
    assert page.divergence.rules == SPLIT
    assert [str(s) for s in page.rule_splits] == [SPLIT]
    expel = next(a for a in page.acts if a.id == "expel")
    clause2 = next(r for r in expel.judged[WEAK].reasons if r.clause == "2")
    assert clause2.origin == (
        "as reworded by act take-discipline, in force from 2024-05-02"
    )
    # Cited where the act that reworded it is written, not the book's old clause.
    assert clause2.where == "board-takes-discipline.govsim.yaml:13"
    svg = timeline_svg(page, WEAK)
    assert 'class="version" data-act="take-discipline"' in svg
    assert 'class="version"' not in timeline_svg(page, STRICT)


def test_report_html_has_a_versions_section():
    pytest.importorskip("jinja2")
    from govsim.reports.scenario_report import scenario_report

    html = scenario_report(BOARD)
    section = html[html.index('<section id="versions">') :]
    section = section[: section.index("</section>")]
    assert "<h2>Versions of the rules</h2>" in section
    assert SPLIT in section
    assert "from 2024-05-02: rewords clause 2, by act" in section
    assert "In force at the end: version 2." in section
    assert "In force at the end: version 1." in section
    assert "a new version of the rules in force</span>" in html


def test_report_without_amendments_has_no_versions_section():
    pytest.importorskip("jinja2")
    from govsim.reports.scenario_report import scenario_report

    html = scenario_report(SMALL)
    assert 'id="versions"' not in html
    assert "a new version of the rules" not in html


def test_notebook_view_of_a_result_lists_its_versions():
    loaded = govsim.load_scenario(BOARD)
    assert LINE in govsim.run(loaded, WEAK)._repr_html_()
    assert "rules amended" not in govsim.run(loaded, STRICT)._repr_html_()


TWO_AMENDMENTS = """\
schema_version: 1
scenario: two-amendments
organisation: organisation.govsim.yaml
rulebooks: [assoc-weak, assoc-strict]
acts:
  - id: take-discipline
    at: 2024-05-02
    act: amend_rules
    by: board
    replace:
      - id: "2"
        title: Discipline
        text: The board may warn, suspend or expel a member.
        powers:
          - by: board
            acts: [sanction]
  - id: no-recall
    at: 2024-06-03
    act: amend_rules
    by: board
    in_force: 2024-07-01
    replace:
      - id: "1"
        title: Membership
        text: The members elect the board and the disciplinary committee.
        accountability:
          - {relation: elects, by: membership, of: board}
          - {relation: elects, by: membership, of: dc}
"""


def test_every_split_is_named_and_every_version_listed(tmp_path):
    (tmp_path / "rules").mkdir()
    for name in (
        "organisation.govsim.yaml",
        f"rules/{WEAK}.govsim.yaml",
        f"rules/{STRICT}.govsim.yaml",
    ):
        text = (AMENDMENTS / name).read_text(encoding="utf-8")
        (tmp_path / name).write_text(text, encoding="utf-8")
    scenario = tmp_path / "two.govsim.yaml"
    scenario.write_text(TWO_AMENDMENTS, encoding="utf-8")
    summary = block(invoke("run", scenario), WEAK)
    assert f"  {LINE}\n" in summary
    assert (
        "  rules amended by no-recall (valid), in force from 2024-07-01: "
        "rewords clause 1\n"
    ) in summary
    comparison = compare(scenario, [WEAK, STRICT])
    assert [s.act for s in comparison.rule_splits] == ["take-discipline", "no-recall"]
    out = invoke("compare", scenario, "-r", WEAK, "-r", STRICT)
    assert (
        "at act no-recall (2024-06-03), the rules diverged: no-recall amended them "
        "under assoc-weak and was void under assoc-strict"
    ) in out
    assert (
        "rules at the end: version 3, as amended by take-discipline, no-recall" in out
    )


def test_a_later_divergence_cites_the_act_that_made_its_clause():
    """Where the books first part on an act judged under an amended clause."""
    import dataclasses

    from govsim.analysis.compare import Comparison

    loaded = govsim.load_scenario(BOARD)
    results = {}
    for book in (WEAK, STRICT):
        result = govsim.run(loaded, book)
        # Only the acts after the amendment are lined up; the versions stay.
        later = [r for r in result.acts if r.id != "take-discipline"]
        trace = dataclasses.replace(result.trace, acts=later)
        results[book] = dataclasses.replace(result, trace=trace)
    first = Comparison(loaded.id, results).first_divergence
    assert first is not None
    assert first.row.id == "expel"
    assert first.split is None
    assert first.verdicts()[0] == (
        "valid under assoc-weak: clause 2 (as reworded by act "
        "take-discipline, in force from 2024-05-02: The board may warn, suspend or "
        "expel a member.)"
    )
    assert "as added" not in first.verdicts()[1]
