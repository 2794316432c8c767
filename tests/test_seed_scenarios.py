"""The ISO seed scenarios under their three rule books: verdicts, reasons, output."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import govsim
from govsim.engine.trace import ActRecord, Reason, Verdict

SEEDS = Path(__file__).resolve().parent.parent / "scenarios" / "iso"
CASE_2013 = SEEDS / "2012-13-case.govsim.yaml"
WEEK_2019 = SEEDS / "2019-disclosure-week.govsim.yaml"
ISO13, ISO19, EXT = (
    "iso-2013-as-practised",
    "iso-2019-post-convention",
    "external-checks",
)
BOOKS = (ISO13, ISO19, EXT)
JOINT_ACTS = ("joint-expels", "joint-suspends-three", "joint-bars-leadership")


@pytest.fixture(scope="module")
def case_2013() -> dict[str, govsim.Result]:
    return {r.rulebook: r for r in govsim.run_all(CASE_2013)}


@pytest.fixture(scope="module")
def week_2019() -> dict[str, govsim.Result]:
    return {r.rulebook: r for r in govsim.run_all(WEEK_2019)}


def failing(record: ActRecord, **match: str | None) -> list[Reason]:
    return [
        r
        for r in record.reasons
        if not r.holds and all(getattr(r, k) == v for k, v in match.items())
    ]


def holding(record: ActRecord, **match: str | None) -> list[Reason]:
    return [
        r
        for r in record.reasons
        if r.holds and all(getattr(r, k) == v for k, v in match.items())
    ]


# --- every expectation written in the seeds is met -------------------------------


@pytest.mark.parametrize("path", [CASE_2013, WEEK_2019], ids=["2012-13", "2019-week"])
def test_run_all_runs_every_book_in_order_and_meets_expectations(path: Path) -> None:
    results = govsim.run_all(path)
    assert [r.rulebook for r in results] == list(BOOKS)
    for result in results:
        assert result.expectations, f"{result.rulebook} states no expectations"
        unmet = [e.description for e in result.expectations if not e.met]
        assert unmet == []
        assert result.ok


# --- the 2012-13 case --------------------------------------------------------------


def test_2013_override_is_irregular_as_practised(
    case_2013: dict[str, govsim.Result],
) -> None:
    record = case_2013[ISO13].record("sc-overrides")
    assert record.verdict is Verdict.IRREGULAR
    (finality,) = failing(record, clause="4.2")
    assert finality.rule == "finality"
    assert finality.enforcement == "audited"
    assert "only on appeal to convention, not by sc" in finality.check
    (power,) = holding(record, clause="3.1")
    assert power.rule == "power"
    assert power.check == "clause 3.1 gives sc the power to alter_decision"
    assert record.effects == ("decision ndc-expels quashed",)


def test_2013_override_is_void_under_external_checks(
    case_2013: dict[str, govsim.Result],
) -> None:
    record = case_2013[EXT].record("sc-overrides")
    assert record.verdict is Verdict.VOID
    (denial,) = failing(record, clause="E5", rule="power")
    assert "denies" in denial.check
    assert denial.check == "clause E5 denies sc the power to alter_decision"
    assert failing(record, clause="E5", rule="finality")
    assert not holding(record, rule="power")
    assert record.effects == ()


def test_2013_unimplemented_expulsion_misses_its_deadline_under_external_checks(
    case_2013: dict[str, govsim.Result],
) -> None:
    result = case_2013[EXT]
    (violation,) = [v for v in result.violations if v.rule == "deadline"]
    assert violation.act == "ndc-expels"
    assert violation.clause == "E6"
    assert violation.at == dt.date(2013, 3, 7)
    assert violation.message == "sc did not implement after ndc-expels by 2013-03-06"
    (timed,) = [t for t in result.timed if t.kind == "deadline_missed"]
    assert (timed.at, timed.subject) == (dt.date(2013, 3, 7), "ndc-expels:implement")
    # The books that leave implementation to practice set no such deadline.
    for book in (ISO13, ISO19):
        assert not [v for v in case_2013[book].violations if v.rule == "deadline"]


@pytest.mark.parametrize(
    ("book", "status"), [(ISO13, "member"), (ISO19, "member"), (EXT, "expelled")]
)
def test_2013_respondent_status(
    case_2013: dict[str, govsim.Result], book: str, status: str
) -> None:
    assert case_2013[book].statuses()["respondent"] == status


def test_2013_undermining_is_forbidden_everywhere_but_only_void_when_regimented(
    case_2013: dict[str, govsim.Result],
) -> None:
    as_practised = case_2013[ISO13].record("nc-x-undermines")
    assert as_practised.verdict is Verdict.IRREGULAR
    assert failing(as_practised, clause="4.3", rule="forbidden")
    external = case_2013[EXT].record("nc-x-undermines")
    assert external.verdict is Verdict.VOID
    assert failing(external, clause="E9", rule="forbidden")


# --- the disclosure week -----------------------------------------------------------


@pytest.mark.parametrize("act", JOINT_ACTS)
def test_joint_meeting_has_no_power_as_practised(
    week_2019: dict[str, govsim.Result], act: str
) -> None:
    record = week_2019[ISO13].record(act)
    assert record.verdict is Verdict.VOID
    (power,) = failing(record, rule="power")
    assert power.clause is None
    assert power.check.startswith("no clause in force gives joint-meeting the power")
    assert record.effects == ()


@pytest.mark.parametrize("act", JOINT_ACTS)
def test_joint_meeting_acts_on_implied_competence_after_the_convention(
    week_2019: dict[str, govsim.Result], act: str
) -> None:
    record = week_2019[ISO19].record(act)
    assert record.verdict is Verdict.IRREGULAR
    (competence,) = failing(record, rule="competence")
    assert competence.clause == "6.1"
    assert "implied by practice" in competence.check
    (power,) = holding(record, rule="power")
    assert power.clause == "6.1"
    assert record.effects  # it took effect


@pytest.mark.parametrize("act", ["joint-suspends-three", "joint-bars-leadership"])
def test_joint_meeting_measures_are_void_under_external_checks(
    week_2019: dict[str, govsim.Result], act: str
) -> None:
    result = week_2019[EXT]
    assert result.verdict(act) is Verdict.VOID
    rules = {v.rule for v in result.violations if v.act == act}
    assert {"power", "interim_bounds", "individual"} <= rules
    assert all(
        v.clause == "E7"
        for v in result.violations
        if v.act == act and v.rule != "power"
    )
    assert all(not v.took_effect for v in result.violations if v.act == act)


def test_joint_expulsion_is_void_under_external_checks(
    week_2019: dict[str, govsim.Result],
) -> None:
    record = week_2019[EXT].record("joint-expels")
    assert record.verdict is Verdict.VOID
    assert failing(record, rule="power")
    (recusal,) = failing(record, clause="E3", rule="recusal")
    assert recusal.check.startswith("nc-x took part despite a conflict")


def test_class_targets_in_the_disclosure_week(
    week_2019: dict[str, govsim.Result],
) -> None:
    result = week_2019[EXT]
    assert result.record("joint-suspends-three").targets == (
        "sc13-a",
        "sc13-b",
        "sc13-c",
    )
    assert result.record("joint-bars-leadership").targets == (
        "sc13-a",
        "sc13-b",
        "sc13-c",
        "sc13-d",
        "sc13-e",
        "nc-x",
    )


@pytest.mark.parametrize(
    ("book", "status"), [(ISO13, "suspended"), (ISO19, "expelled"), (EXT, "expelled")]
)
def test_respondent_final_status_per_book(
    week_2019: dict[str, govsim.Result], book: str, status: str
) -> None:
    assert week_2019[book].statuses()["respondent"] == status


def test_why_the_respondent_is_expelled_differs_by_book(
    week_2019: dict[str, govsim.Result],
) -> None:
    # Under the 2019 book the joint meeting expels him; under external checks
    # he has been expelled since 2013, so the 2019 election cannot seat him.
    assert "respondent expelled" in week_2019[ISO19].record("joint-expels").effects
    assert "respondent expelled" in week_2019[EXT].record("ndc-expels").effects
    elects = week_2019[EXT].record("convention-elects")
    assert elects.verdict is Verdict.VOID
    assert failing(elects, clause="E2", rule="eligibility")


# --- output -------------------------------------------------------------------------


def test_to_dict_covers_every_verdict_and_reason_shape(
    week_2019: dict[str, govsim.Result],
) -> None:
    data = [week_2019[book].to_dict() for book in BOOKS]
    json.dumps(data)  # JSON-ready without a custom encoder
    assert [d["rulebook"] for d in data] == list(BOOKS)
    verdicts = {act["verdict"] for d in data for act in d["acts"]}
    assert verdicts == {"valid", "irregular", "void"}
    reasons = [reason for d in data for act in d["acts"] for reason in act["reasons"]]
    assert reasons
    for reason in reasons:
        assert {"clause", "text", "holds"} <= reason.keys()
        assert isinstance(reason["holds"], bool)
    assert any(r["clause"] == "6.1" and r["holds"] is False for r in reasons)
    ext = data[2]
    assert {"at": "2013-03-07", "act": "ndc-expels", "rule": "deadline"}.items() <= (
        next(v for v in ext["violations"] if v["rule"] == "deadline").items()
    )
    assert ext["statuses"]["respondent"] == "expelled"
    assert all(e["met"] for d in data for e in d["expectations"])


def test_explain_cites_clause_text_and_source(
    case_2013: dict[str, govsim.Result],
) -> None:
    text = str(case_2013[ISO13].explain("sc-overrides"))
    assert "verdict under iso-2013-as-practised: IRREGULAR" in text
    assert (
        "clause 4.2 (audited): Decisions of the National Disciplinary Committee are final"
        in text
    )
    assert "[background (the 2013 rules as practised" in text
    assert "clause 3.1: Between conventions the Steering Committee directs" in text
    assert "effects: decision ndc-expels quashed" in text


def test_explain_of_a_void_act_says_it_changed_nothing(
    case_2013: dict[str, govsim.Result],
) -> None:
    text = str(case_2013[EXT].explain("sc-overrides"))
    assert "VOID" in text
    assert "- clause E5 denies sc the power to alter_decision" in text
    assert "[rust-rfc-3392 (the Council cannot overrule moderation)" in text
    assert "effects: none (void acts change nothing)" in text


@pytest.mark.parametrize("path", [CASE_2013, WEEK_2019], ids=["2012-13", "2019-week"])
def test_replay_is_deterministic(path: Path) -> None:
    first = [json.dumps(r.to_dict(), sort_keys=False) for r in govsim.run_all(path)]
    second = [json.dumps(r.to_dict(), sort_keys=False) for r in govsim.run_all(path)]
    assert first == second
    loaded = govsim.load_scenario(path)
    again = [json.dumps(govsim.run(loaded, b).to_dict()) for b in BOOKS]
    assert again == first


def test_replay_does_not_depend_on_hash_seeds() -> None:
    script = (
        "import json, sys, govsim\n"
        "print(json.dumps([r.to_dict() for r in govsim.run_all(sys.argv[1])]))\n"
    )
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", script, str(WEEK_2019)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert '"verdict": "void"' in outputs[0]
