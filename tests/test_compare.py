"""Differential replay: ``govsim.compare`` and ``govsim compare``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import govsim
from govsim.errors import DocumentError, UnknownReferenceError, UsageError
from govsim.faces.cli import app
from tests.conftest import span_of

ROOT = Path(__file__).resolve().parent.parent
ISO = ROOT / "scenarios" / "iso"
WEEK = ISO / "2019-disclosure-week.govsim.yaml"
CASE = ISO / "2012-13-case.govsim.yaml"
OLD, EXT = "iso-2013-as-practised", "external-checks"


@pytest.fixture(scope="module")
def week() -> govsim.Comparison:
    return govsim.compare(WEEK, [OLD, EXT])


@pytest.fixture(scope="module")
def case() -> govsim.Comparison:
    return govsim.compare(CASE, [OLD, EXT])


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


# --- the done-when case -----------------------------------------------------


def test_disclosure_week_first_divergence_is_the_override(week):
    first = week.first_divergence
    assert first is not None
    assert first.row.id == "sc-overrides"
    assert first.row.verdicts == {
        OLD: govsim.Verdict.IRREGULAR,
        EXT: govsim.Verdict.VOID,
    }
    assert first.clauses(OLD) == ["4.2"]
    assert first.clauses(EXT) == ["E5"]
    text = str(first)
    assert "irregular under iso-2013-as-practised: clause 4.2" in text
    assert "void under external-checks: clause E5 (The Steering Committee" in text


def test_acts_before_the_divergence_agree_and_later_ones_differ(week):
    ids = [row.id for row in week.rows]
    assert ids[: ids.index("sc-overrides")] == [
        "complaint",
        "ndc-notice",
        "ndc-hearing",
        "ndc-finds",
        "ndc-expels",
    ]
    assert not any(row.diverges for row in week.rows[:5])
    diverging = [row.id for row in week.rows if row.diverges]
    assert diverging == [
        "sc-overrides",
        "convention-elects",
        "respondent-resigns-seat",
        "sc-suspends",
        "sc-publishes",
    ]
    assert week.row("convention-elects").verdicts[EXT] == govsim.Verdict.VOID


def test_violations_per_book(week):
    old = week.results[OLD].violations
    ext = week.results[EXT].violations
    assert {(v.act, v.clause) for v in old} >= {("sc-overrides", "4.2")}
    assert ("sc-overrides", "E5", "power") in {(v.act, v.clause, v.rule) for v in ext}
    assert len(old) != len(ext)


# --- outcome measures -------------------------------------------------------


def test_respondent_final_status_differs(case):
    assert case.outcomes(OLD).status("respondent") == "member"
    assert case.outcomes(EXT).status("respondent") == "expelled"
    assert case.outcomes(OLD).status("complainant") == "member"
    roles = {(p.person, p.role) for p in case.outcomes(EXT).parties}
    assert roles == {("complainant", "complainant"), ("respondent", "respondent")}


def test_complaint_to_decision_and_deadlines(case):
    old, ext = case.outcomes(OLD), case.outcomes(EXT)
    quashed = old.timing("k2012")
    assert quashed is not None
    assert (quashed.decision, quashed.days) == (None, None)
    expelled = ext.timing("k2012")
    assert expelled is not None
    assert expelled.decision == "ndc-expels"
    assert expelled.days == 97  # 2012-11-15 to 2013-02-20
    assert old.deadlines_missed == ()
    assert [(v.act, v.clause) for v in ext.deadlines_missed] == [("ndc-expels", "E6")]
    assert [c.case for c in ext.open_cases] == ["k2012"]
    assert ext.open_cases[0].owner is None


# --- acts depending on a void act ---------------------------------------------

REVIEW = """\
  - {id: sc-reviews, at: 2019-03-13, act: review_interim, by: sc, measure: sc-suspends,
     outcome: confirm, vote: unanimous}
"""


@pytest.fixture
def with_review(tmp_path: Path) -> Path:
    """The disclosure week plus a review of sc-suspends, which is void under EXT."""
    iso = shutil.copytree(ISO, tmp_path / "iso")
    text = WEEK.read_text(encoding="utf-8")
    anchor = "  # --- Thursday 14 March: the joint meeting\n"
    assert anchor in text
    path = iso / "with-review.govsim.yaml"
    path.write_text(text.replace(anchor, REVIEW + anchor), encoding="utf-8")
    return path


def test_act_depending_on_a_void_act_shows_that_reason(with_review):
    comparison = govsim.compare(with_review, [OLD, EXT])
    row = comparison.row("sc-reviews")
    assert row.verdicts[EXT] == govsim.Verdict.VOID
    assert row.verdicts[OLD] != govsim.Verdict.VOID
    record = comparison.to_records()
    [act] = [a for a in record["acts"] if a["id"] == "sc-reviews"]
    checks = [r["check"] for r in act["reasons"][EXT]]
    assert "depends on act sc-suspends, which is void" in checks
    assert {r["rule"] for r in act["reasons"][EXT]} >= {"dependency"}


def test_void_dependency_shown_on_the_terminal(with_review, runner):
    result = runner.invoke(
        app,
        ["compare", str(with_review), "--rules", OLD, "--rules", EXT],
        env={"COLUMNS": "240"},
    )
    assert result.exit_code == 0, result.output
    assert "sc-reviews" in result.output
    # The table's row: it starts the line (the violations are indented).
    rows = result.output.splitlines()
    [line] = [x for x in rows if x.split()[1:2] == ["sc-reviews"] and x[0] != " "]
    assert "external-checks: depends on act sc-suspends, which is void" in line


# --- plain data ------------------------------------------------------------------


def test_records_are_json_and_round_trip_the_verdicts(week):
    records = week.to_records()
    again = json.loads(json.dumps(records))
    assert again == records
    assert again["rulebooks"] == [OLD, EXT]
    for act, row in zip(again["acts"], week.rows, strict=True):
        assert act["id"] == row.id
        assert act["verdicts"] == {b: v.value for b, v in row.verdicts.items()}
    assert again["first_divergence"]["act"] == "sc-overrides"
    assert again["first_divergence"]["clauses"] == {OLD: ["4.2"], EXT: ["E5"]}
    outcomes = {o["rulebook"]: o for o in again["outcomes"]}
    assert outcomes[EXT]["deadlines_missed"][0]["clause"] == "E6"


# --- bad input ------------------------------------------------------------------


def test_fewer_than_two_books():
    with pytest.raises(UsageError, match="at least two rule books, got 1"):
        govsim.compare(WEEK, [OLD])


def test_same_book_twice():
    path = ISO / "rules" / "external-checks.govsim.yaml"
    with pytest.raises(UsageError, match="external-checks is given more than once"):
        govsim.compare(WEEK, [EXT, str(path)])


def test_unknown_book():
    with pytest.raises(UnknownReferenceError, match="has no rule book 'nope'"):
        govsim.compare(WEEK, [OLD, "nope"])


def test_book_for_another_organisation(tmp_path):
    text = (ISO / "rules" / "external-checks.govsim.yaml").read_text(encoding="utf-8")
    other = tmp_path / "other.govsim.yaml"
    other.write_text(
        text.replace("rulebook: external-checks", "rulebook: other-checks").replace(
            "organisation: iso", "organisation: other-org"
        ),
        encoding="utf-8",
    )
    with pytest.raises(
        DocumentError, match="written for organisation 'other-org'"
    ) as e:
        govsim.compare(WEEK, [OLD, str(other)])
    [problem] = e.value.problems
    assert str(problem.span) == span_of(other, "organisation: other-org")
    assert "scenario iso-2019-disclosure-week is about 'iso'" in problem.message


def test_resolved_book_for_another_organisation():
    loaded = govsim.load_scenario(WEEK)
    book = loaded.rulebooks[EXT]
    foreign = type(book)(
        id="foreign",
        title=None,
        organisation="other-org",
        enforcement=book.enforcement,
        clauses=book.clauses,
        amendments=book.amendments,
        lineage=("foreign",),
    )
    with pytest.raises(DocumentError, match="'foreign' \\(given in memory\\)") as e:
        govsim.compare(loaded, [OLD, foreign])
    [problem] = e.value.problems
    assert str(problem.span) == span_of(WEEK, "organisation:")


@pytest.fixture
def without_e5(tmp_path: Path) -> Path:
    """external-checks with clause E5 cut out, under its own id, in a file."""
    text = (ISO / "rules" / "external-checks.govsim.yaml").read_text(encoding="utf-8")
    start, end = text.index("  - id: E5"), text.index("  - id: E6")
    path = tmp_path / "no-e5.govsim.yaml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    return path


def test_expected_clause_missing_from_a_compared_book(without_e5):
    with pytest.raises(DocumentError, match="expects clause 'E5' under external") as e:
        govsim.compare(CASE, [OLD, str(without_e5)])
    [problem] = e.value.problems
    assert str(problem.span) == span_of(CASE, "E5", after="external-checks:")
    assert problem.loc[-1] == "clause"


def test_cli_missing_clause_exits_2_positioned_with_no_table(runner, without_e5):
    result = runner.invoke(
        app, ["compare", str(CASE), "--rules", OLD, "--rules", str(without_e5)]
    )
    assert result.exit_code == 2
    assert f"{span_of(CASE, 'E5', after='external-checks:')}: " in result.output
    assert "first divergence" not in result.output


# --- command line -------------------------------------------------------------


def test_cli_table_exits_0(runner):
    result = runner.invoke(
        app,
        ["compare", str(WEEK), "--rules", OLD, "--rules", EXT],
        env={"COLUMNS": "240"},
    )
    assert result.exit_code == 0, result.output
    assert "◀ first divergence" in result.output
    assert "first divergence: act sc-overrides\n  irregular under" in result.output
    assert "clause E5 (The Steering Committee" in result.output
    assert "violations under external-checks: 23" in result.output
    assert "k2012: the respondent is expelled at the end" in result.output
    assert "case k2012 is still open, and no body is responsible" in result.output


def test_cli_json(runner):
    result = runner.invoke(
        app, ["compare", str(CASE), "--rules", OLD, "--rules", EXT, "--json"]
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["scenario"] == "iso-2012-13-case"
    assert document["first_divergence"]["act"] == "nc-x-undermines"
    statuses = {
        o["rulebook"]: {p["person"]: p["status"] for p in o["parties"]}
        for o in document["outcomes"]
    }
    assert statuses[OLD]["respondent"] == "member"
    assert statuses[EXT]["respondent"] == "expelled"


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ([OLD], "at least two rule books"),
        ([OLD, "nope"], "has no rule book 'nope'"),
        ([OLD, OLD], "given more than once"),
    ],
)
def test_cli_bad_input_exits_2_with_no_table(runner, rules, message):
    args = ["compare", str(WEEK)]
    for rule in rules:
        args += ["--rules", rule]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in result.output
    assert "first divergence" not in result.output
    assert "Traceback" not in result.output
