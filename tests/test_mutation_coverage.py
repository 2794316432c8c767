"""Clause coverage: which clauses the scenarios consulted, in which role, and which never."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

import govsim
from govsim.engine.replay import Trace
from govsim.engine.trace import ActRecord, Reason, Verdict, Violation
from govsim.model.clauses import ResolvedBook
from govsim.model.loading import load_scenario
from govsim.model.rulebook import Amendment, Clause
from govsim.mutation.coverage import ClauseUse, Coverage, cover, coverage_lines

SEEDS = Path(__file__).resolve().parent.parent / "scenarios" / "iso"
CASE_2013 = SEEDS / "2012-13-case.govsim.yaml"
EXT, ISO13 = "external-checks", "iso-2013-as-practised"
DAY = dt.date(2020, 1, 1)


def seed_book(book: str) -> ResolvedBook:
    return govsim.load_rulebook(SEEDS / "rules" / f"{book}.govsim.yaml")


def use(coverage: Coverage, clause: str) -> ClauseUse:
    (found,) = [u for u in coverage.uses if u.clause == clause]
    return found


def counts(u: ClauseUse) -> tuple[int, int, int, int]:
    return (u.granting, u.denying, u.requiring, u.deciding)


@pytest.fixture(scope="module")
def case_ext() -> Coverage:
    trace = govsim.run(CASE_2013, EXT).trace
    return cover(seed_book(EXT), [("iso-2012-13-case", trace)])


@pytest.fixture(scope="module")
def all_ext() -> Coverage:
    """external-checks over every seed scenario that lists it.

    The scenarios written to kill mutants (``mutation-*``) are left out: the
    figures are those of the seed case's own histories.
    """
    pairs = []
    for path in sorted(SEEDS.glob("*.govsim.yaml")):
        if path.name == "organisation.govsim.yaml" or path.name.startswith("mutation-"):
            continue
        loaded = load_scenario(path)
        if EXT in loaded.rulebooks:
            pairs.append((loaded.id, govsim.run(loaded, EXT).trace))
    return cover(seed_book(EXT), pairs)


def test_every_clause_of_the_book_is_listed_in_book_order(case_ext: Coverage) -> None:
    assert case_ext.book == EXT
    assert [u.clause for u in case_ext.uses] == [f"E{i}" for i in range(1, 11)]
    assert use(case_ext, "E5").title == "No executive override"


def test_a_disability_that_voids_an_act_counts_as_denying(case_ext: Coverage) -> None:
    # sc-overrides is void: E5 denies sc alter_decision, and its finality
    # requirement fails too.
    assert counts(use(case_ext, "E5")) == (0, 1, 1, 0)


def test_granting_requiring_and_deciding_in_the_2013_case(case_ext: Coverage) -> None:
    # E3 grants notice, hearing, finding and sanction to the ndc and places
    # nine requirements (individual, recusal, separation twice; notice, hearing,
    # finding once); E4 decides the expulsion vote (quorum and threshold).
    assert counts(use(case_ext, "E3")) == (4, 0, 9, 0)
    assert counts(use(case_ext, "E4")) == (0, 0, 0, 2)
    assert counts(use(case_ext, "E1")) == (1, 0, 0, 0)
    assert counts(use(case_ext, "E9")) == (0, 0, 1, 0)


def test_a_missed_deadline_counts_as_requiring(case_ext: Coverage) -> None:
    # No act's reason cites E6; its duty to implement the expulsion within
    # fourteen days was missed (a timed violation the engine files under the
    # act that set the duty, ndc-expels).
    assert counts(use(case_ext, "E6")) == (0, 0, 1, 0)
    assert use(case_ext, "E6").scenarios == ("iso-2012-13-case",)


def test_clauses_the_case_never_touches(case_ext: Coverage) -> None:
    assert [u.clause for u in case_ext.never()] == ["E2", "E7", "E8", "E10"]
    assert all(u.total == 0 and u.scenarios == () for u in case_ext.never())
    assert len(case_ext.consulted()) == 6
    assert case_ext.share == pytest.approx(0.6)


def test_the_same_act_is_granted_under_the_book_as_practised() -> None:
    # Under iso-2013-as-practised 3.1 gives sc the power it uses to override
    # (no disability), and the finality clause 4.2 only requires.
    trace = govsim.run(CASE_2013, ISO13).trace
    coverage = cover(seed_book(ISO13), [("iso-2012-13-case", trace)])
    assert counts(use(coverage, "3.1")) == (1, 0, 0, 0)
    assert counts(use(coverage, "4.2")) == (0, 0, 1, 0)
    assert counts(use(coverage, "4.1")) == (4, 0, 2, 2)
    assert [u.clause for u in coverage.never()] == ["2.1", "2.2", "5.1"]


def test_across_the_seed_scenarios_only_external_appeals_is_never_consulted(
    all_ext: Coverage,
) -> None:
    assert [u.clause for u in all_ext.never()] == ["E8"]
    assert all_ext.share == pytest.approx(0.9)
    # E7's grant fails its condition (interim measures only of office) in
    # three scenarios: a grant whose conditions fail denies.
    assert use(all_ext, "E7").denying == 3
    assert use(all_ext, "E9").scenarios == (
        "iso-2012-13-case",
        "iso-2013-obstruction",
        "iso-recall-vs-ask-to-resign",
    )
    assert len(all_ext.scenarios) == 13
    assert coverage_lines(all_ext)[0] == (
        "9 of 10 clauses consulted (90%) across 13 scenarios"
    )


# A hand-built book and trace pin each role.


def clause(ident: str, title: str | None = None) -> Clause:
    return Clause(id=ident, title=title, text=f"clause {ident}")


def hand_book() -> ResolvedBook:
    return ResolvedBook(
        id="hand",
        title=None,
        organisation=None,
        enforcement="regimented",
        clauses=(clause("G", "Grants"), clause("D"), clause("R"), clause("V")),
        amendments=(
            Amendment(
                id="later",
                in_force=DAY,
                clauses=(clause("D", "Denies"), clause("N", "New"), clause("T")),
            ),
        ),
        lineage=("hand",),
    )


def record(ident: str, *reasons: Reason) -> ActRecord:
    return ActRecord(ident, DAY, "a", "x", (), Verdict.VALID, reasons)


def hand_trace() -> Trace:
    reasons = (
        Reason("granted", True, "G", rule="power"),
        Reason("disabled", False, "D", rule="power"),
        Reason("implied only", False, "D", rule="competence"),
        Reason("notice held", True, "R", rule="notice"),
        Reason("hearing failed", False, "R", rule="hearing"),
        Reason("entrenched", True, "R", rule="entrenchment"),
        Reason("quorum", True, "V", rule="decision_rule"),
        Reason("threshold", False, "V", rule="decision_rule"),
        Reason("no clause", False, None, rule="power"),
        Reason("meeting note", True, None, rule="meeting"),
        Reason("not the book's", True, "Z", rule="power"),
    )
    failed = [r for r in reasons if not r.holds]
    return Trace(
        rulebook="hand",
        acts=[record("act-1", *reasons)],
        violations=[
            # The act's own failures as violations: counted once, by their reasons.
            *(
                Violation(DAY, "act-1", r.clause, r.rule, r.check, "regimented", False)
                for r in failed
            ),
            # Duties missed by their due day: under the act that set them, or none.
            Violation(DAY, "act-1", "T", "deadline", "late", "audited", True),
            Violation(DAY, None, "N", "deadline", "late", "audited", True),
            Violation(DAY, None, None, "deadline", "late", "audited", True),
        ],
    )


def test_each_rule_maps_to_its_role() -> None:
    coverage = cover(hand_book(), [("s2", hand_trace()), ("s1", hand_trace())])
    assert {u.clause: counts(u) for u in coverage.uses} == {
        "G": (2, 0, 0, 0),
        "D": (0, 4, 0, 0),
        "R": (0, 0, 6, 0),
        "V": (0, 0, 0, 4),
        "N": (0, 0, 2, 0),
        "T": (0, 0, 2, 0),
    }
    assert use(coverage, "G").scenarios == ("s1", "s2")
    assert coverage.scenarios == ("s2", "s1")


def test_amendment_clauses_follow_the_books_own_with_their_titles() -> None:
    coverage = cover(hand_book(), [])
    assert [(u.clause, u.title) for u in coverage.uses] == [
        ("G", "Grants"),
        ("D", "Denies"),
        ("R", None),
        ("V", None),
        ("N", "New"),
        ("T", None),
    ]
    assert coverage.consulted() == ()
    assert coverage.share == 0.0


def test_a_book_with_no_clause_has_no_share() -> None:
    empty = dataclasses.replace(hand_book(), clauses=(), amendments=())
    coverage = cover(empty, [("s", hand_trace())])
    assert coverage.uses == ()
    assert coverage.share is None
    assert coverage_lines(coverage) == ["0 of 0 clauses consulted across 1 scenario"]


def test_to_data_shape() -> None:
    data = cover(hand_book(), [("s1", hand_trace())]).to_data()
    assert json.loads(json.dumps(data)) == data
    assert (data["consulted"], data["clauses"]) == (6, 6)
    assert data["by_clause"][2] == {
        "clause": "R",
        "title": None,
        "granting": 0,
        "denying": 0,
        "requiring": 3,
        "deciding": 0,
        "total": 3,
        "scenarios": ["s1"],
    }


def test_coverage_lines(case_ext: Coverage) -> None:
    lines = coverage_lines(case_ext)
    assert lines[0] == "6 of 10 clauses consulted (60%) across 1 scenario"
    body = {line.split()[0]: line for line in lines[2:]}
    assert list(body) == [f"E{i}" for i in range(1, 11)]
    assert body["E3"].split()[1:5] == ["4", "0", "9", "0"]
    assert body["E3"].endswith("The Disciplinary Committee decides")
    never = [c for c, line in body.items() if "never consulted" in line]
    assert never == ["E2", "E7", "E8", "E10"]
    assert "never consulted" not in body["E4"]
    assert lines[1].split() == ["clause", "grant", "deny", "req", "decide"]
