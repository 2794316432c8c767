"""self_entrenchment and amendment_protected: changing the rules to escape them.

Each is shown broken by an amendment that takes effect, kept by one that
does not touch what it protects (or is approved), and prevented when a
stricter book voids the same amendment: the monitor tries the void act as
if it had taken effect and reports what it would have broken, with the
clause that stopped it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import Docs, association

import govsim
from govsim.engine.trace import Verdict
from govsim.invariants import INVARIANTS, InvariantKind
from govsim.invariants.amendments import clauses_after
from govsim.model.clauses import ClauseSet
from govsim.model.rulebook import Amendment, Clause

ORG = association()
LINKS = [
    {"relation": "elects", "by": "membership", "of": "board"},
    {"relation": "recalls", "by": "membership", "of": "board"},
]
MEMBERS = {
    "id": "1",
    "text": "The members elect and may recall the board.",
    "accountability": LINKS,
}
RESERVED = {"by": ["membership"], "threshold": "2/3"}
DISCIPLINE = {
    "id": "2",
    "text": "The disciplinary committee may sanction any member, officers included.",
    "powers": [{"by": "dc", "acts": ["sanction"]}],
}
BOARD_AMENDS = {
    "id": "4",
    "text": "The board may amend these bylaws by a majority of its seats.",
    "powers": [{"by": "board", "acts": ["amend_rules"]}],
    "decides": [{"acts": ["amend_rules"], "threshold": "majority", "base": "seats"}],
}
MEMBERS_AMEND = {
    "id": "5",
    "text": "The members may amend any clause.",
    "powers": [{"by": "membership", "acts": ["amend_rules"]}],
}


def _amend(
    by: str, *, ident: str = "change", vote: Any = None, **changes: Any
) -> dict[str, Any]:
    act: dict[str, Any] = {
        "id": ident,
        "at": "2024-05-02",
        "act": "amend_rules",
        "by": by,
        **changes,
    }
    if vote is not None:
        act["vote"] = vote
    return act


def _run(
    docs: Docs, clauses: list[dict[str, Any]], *acts: dict[str, Any], name: str
) -> govsim.Result:
    return docs.run(ORG, clauses, list(acts), invariants=[name])


def _found(result: govsim.Result, name: str) -> list[govsim.Breach]:
    return [b for b in result.breaches if b.invariant == name]


# --- self_entrenchment ---------------------------------------------------------------


def _members_without(relation: str) -> dict[str, Any]:
    return {
        **MEMBERS,
        "text": "The members elect the board.",
        "accountability": [link for link in LINKS if link["relation"] != relation],
    }


def test_both_are_safety_invariants_watching_amend_rules() -> None:
    for name in ("self_entrenchment", "amendment_protected"):
        inv = INVARIANTS[name]
        assert inv.kind is InvariantKind.SAFETY
        assert inv.acts == ("amend_rules",)


def test_a_board_removing_its_own_recall_breaks_self_entrenchment(docs: Docs) -> None:
    drop = _amend("board", replace=[_members_without("recalls")])
    result = _run(docs, [MEMBERS, BOARD_AMENDS], drop, name="self_entrenchment")
    assert result.verdict("change") is Verdict.VALID
    (breach,) = result.breaches
    assert breach.invariant == "self_entrenchment"
    assert breach.act == "change"
    assert breach.witnesses == ("change", "board", "1")
    assert "removes membership recalls board" in breach.message
    assert result.prevented == []


def test_repealing_the_clause_that_holds_it_to_account_is_a_breach(
    docs: Docs,
) -> None:
    drop = _amend("board", repeal=["1"])
    result = _run(docs, [MEMBERS, BOARD_AMENDS], drop, name="self_entrenchment")
    (breach,) = result.breaches
    assert "membership elects board" in breach.message
    assert "membership recalls board" in breach.message


def test_the_same_change_by_the_membership_is_approved(docs: Docs) -> None:
    drop = _amend("membership", replace=[_members_without("recalls")])
    result = _run(docs, [MEMBERS, MEMBERS_AMEND], drop, name="self_entrenchment")
    assert result.verdict("change") is Verdict.VALID
    assert result.breaches == []
    assert result.invariants() == {"self_entrenchment": []}


def test_a_change_that_leaves_accountability_as_it_was_holds(docs: Docs) -> None:
    reword = _amend(
        "board",
        replace=[{**MEMBERS, "text": "The members elect and recall the board."}],
    )
    result = _run(docs, [MEMBERS, BOARD_AMENDS], reword, name="self_entrenchment")
    assert result.verdict("change") is Verdict.VALID
    assert result.breaches == []


def test_a_first_reading_changes_nothing_and_breaks_nothing(docs: Docs) -> None:
    first = _amend("board", replace=[_members_without("recalls")], reading="first")
    result = _run(docs, [MEMBERS, BOARD_AMENDS], first, name="self_entrenchment")
    assert result.verdict("change") is Verdict.VALID
    assert result.breaches == []


def test_a_book_that_voids_the_attempt_reports_it_prevented(docs: Docs) -> None:
    entrenched = {**MEMBERS, "entrenched": RESERVED}
    drop = _amend("board", replace=[_members_without("recalls")])
    result = _run(docs, [entrenched, BOARD_AMENDS], drop, name="self_entrenchment")
    assert result.verdict("change") is Verdict.VOID
    assert result.breaches == []
    (prevented,) = result.prevented
    assert prevented.invariant == "self_entrenchment"
    assert prevented.act == "change"
    assert prevented.prevented_by == "1"
    assert {"change", "board", "1"} <= set(prevented.witnesses)
    assert "reserved to membership" in (prevented.prevented_because or "")


def test_narrowing_a_power_to_remove_it_from_office_is_a_breach(docs: Docs) -> None:
    narrowed = {
        **DISCIPLINE,
        "powers": [
            {
                "by": "dc",
                "acts": ["sanction"],
                "when": {"sanctions": ["warning", "expel"]},
            }
        ],
    }
    change = _amend("board", replace=[narrowed])
    clauses = [MEMBERS, DISCIPLINE, BOARD_AMENDS]
    result = _run(docs, clauses, change, name="self_entrenchment")
    (breach,) = result.breaches
    assert "removes the power to remove its members from office held by dc" in (
        breach.message
    )
    assert breach.witnesses == ("change", "board", "2")


def test_a_power_over_others_only_is_not_accountability(docs: Docs) -> None:
    """The committee's power reaches members of the committee alone: taking it
    away takes nothing from what holds the board to account."""
    own = {
        **DISCIPLINE,
        "powers": [{"by": "dc", "acts": ["sanction"], "over": {"seat_on": ["dc"]}}],
    }
    change = _amend("board", repeal=["2"])
    result = _run(docs, [MEMBERS, own, BOARD_AMENDS], change, name="self_entrenchment")
    assert result.verdict("change") is Verdict.VALID
    assert result.breaches == []


def test_raising_the_bar_for_its_recall_is_a_breach(docs: Docs) -> None:
    bar = {
        "id": "6",
        "text": "The board is recalled by all the votes cast.",
        "decides": [{"acts": ["recall"], "threshold": "unanimous"}],
    }
    change = _amend("board", add=[bar])
    result = _run(docs, [MEMBERS, BOARD_AMENDS], change, name="self_entrenchment")
    (breach,) = result.breaches
    assert "harder to use (a stricter decision rule on recall)" in breach.message
    assert breach.witnesses == ("change", "board", "6")


def test_lowering_the_bar_for_its_recall_holds(docs: Docs) -> None:
    bar = {
        "id": "6",
        "text": "The board is recalled by two thirds of the votes cast.",
        "decides": [{"acts": ["recall"], "threshold": "2/3"}],
    }
    lower = _amend("board", replace=[{**bar, "decides": [{"acts": ["recall"]}]}])
    clauses = [MEMBERS, bar, BOARD_AMENDS]
    result = _run(docs, clauses, lower, name="self_entrenchment")
    assert result.verdict("change") is Verdict.VALID
    assert result.breaches == []


def test_entrenching_its_accountability_for_itself_alone_is_a_breach(
    docs: Docs,
) -> None:
    locked = {**MEMBERS, "entrenched": {"by": ["board"]}}
    change = _amend("board", replace=[locked])
    result = _run(docs, [MEMBERS, BOARD_AMENDS], change, name="self_entrenchment")
    (breach,) = result.breaches
    assert "makes clause 1" in breach.message
    assert "changeable by board alone" in breach.message


def test_taking_a_power_of_those_it_answers_to_is_a_breach(docs: Docs) -> None:
    seats = {
        "id": "7",
        "text": "The board fills its own vacancies.",
        "powers": [{"by": "board", "acts": ["elect"]}],
    }
    change = _amend("board", add=[seats])
    result = _run(docs, [MEMBERS, BOARD_AMENDS], change, name="self_entrenchment")
    (breach,) = result.breaches
    assert "gives it the power to elect, held by membership" in breach.message
    assert breach.witnesses == ("change", "board", "7")


def test_clauses_after_replace_in_place_append_and_repeal() -> None:
    def clause(ident: str, text: str = "t") -> Clause:
        return Clause(id=ident, text=text)

    before = ClauseSet.build((clause("1"), clause("2"), clause("3")), "audited")
    amendment = Amendment(
        id="a",
        in_force="2024-05-02",
        clauses=(clause("2", "new"), clause("9")),
        repeal=("1",),
    )
    after = clauses_after(before, amendment)
    assert [(c.id, c.text) for c in after.clauses] == [
        ("2", "new"),
        ("3", "t"),
        ("9", "t"),
    ]


# --- amendment_protected ---------------------------------------------------------------


def _lower_bar(vote: Any) -> dict[str, Any]:
    lower = {
        **BOARD_AMENDS,
        "text": "The board may amend these bylaws by one vote of three.",
        "decides": [{"acts": ["amend_rules"], "threshold": "1/3", "base": "seats"}],
    }
    return _amend("board", replace=[lower], vote=vote)


def test_lowering_the_bar_under_the_lower_bar_breaks_it(docs: Docs) -> None:
    act = _lower_bar({"for": 1, "against": 2})
    result = _run(docs, [BOARD_AMENDS], act, name="amendment_protected")
    assert result.verdict("change") is Verdict.IRREGULAR
    (breach,) = result.breaches
    assert breach.invariant == "amendment_protected"
    assert breach.witnesses == ("change", "4")
    assert "1 vote for out of 3 seats, more than half required" in breach.message


def test_lowering_the_bar_by_the_bar_it_lowers_holds(docs: Docs) -> None:
    act = _lower_bar({"for": 2, "against": 1})
    result = _run(docs, [BOARD_AMENDS], act, name="amendment_protected")
    assert result.verdict("change") is Verdict.VALID
    assert result.breaches == []
    assert result.invariants() == {"amendment_protected": []}


def test_a_clause_that_does_not_rule_amendment_is_not_its_concern(
    docs: Docs,
) -> None:
    act = _amend(
        "board", replace=[_members_without("recalls")], vote={"for": 1, "against": 2}
    )
    result = _run(docs, [MEMBERS, BOARD_AMENDS], act, name="amendment_protected")
    assert result.verdict("change") is Verdict.IRREGULAR
    assert result.breaches == []


def test_a_clause_leaving_amendment_to_the_members_changed_by_the_board(
    docs: Docs,
) -> None:
    """The board may amend under clause 4, and the engine lets it; but clause 5
    leaves amendment to the members, and the board rewrote it."""
    taken = {**MEMBERS_AMEND, "powers": [{"by": "board", "acts": ["amend_rules"]}]}
    act = _amend("board", replace=[taken])
    result = _run(docs, [BOARD_AMENDS, MEMBERS_AMEND], act, name="amendment_protected")
    assert result.verdict("change") is Verdict.VALID
    (breach,) = result.breaches
    assert breach.witnesses == ("change", "5")
    assert "it leaves amending the rules to membership, not board" in breach.message


def test_an_entrenched_amendment_clause_voids_it_and_the_breach_is_prevented(
    docs: Docs,
) -> None:
    entrenched = {**BOARD_AMENDS, "entrenched": RESERVED}
    act = _lower_bar({"for": 3})
    clauses = [entrenched, MEMBERS_AMEND]
    result = _run(docs, clauses, act, name="amendment_protected")
    assert result.verdict("change") is Verdict.VOID
    assert result.breaches == []
    (prevented,) = result.prevented
    assert prevented.invariant == "amendment_protected"
    assert prevented.prevented_by == "4"
    assert "clause 4 is reserved to membership" in prevented.message


def test_removing_an_entrenchment_counts_as_changing_the_amendment_rule(
    docs: Docs,
) -> None:
    entrenched = {**DISCIPLINE, "entrenched": RESERVED}
    act = _amend("board", replace=[DISCIPLINE])
    clauses = [entrenched, BOARD_AMENDS, MEMBERS_AMEND]
    result = _run(docs, clauses, act, name="amendment_protected")
    assert result.verdict("change") is Verdict.VOID
    (prevented,) = result.prevented
    assert prevented.witnesses[:2] == ("change", "2")
    assert prevented.message.startswith(
        "board changed the entrenchment of clause 2 by less than it asks: "
        "clause 2 is reserved to membership"
    )


def test_readings_the_amendment_clause_asks_are_checked(docs: Docs) -> None:
    readings = {
        **BOARD_AMENDS,
        "requires": [{"rule": "readings", "acts": ["amend_rules"], "count": 2}],
    }
    act = _amend("board", replace=[BOARD_AMENDS])
    result = _run(docs, [readings], act, name="amendment_protected")
    assert result.verdict("change") is Verdict.IRREGULAR
    (breach,) = result.breaches
    assert "2 readings needed" in breach.message


def test_a_joint_meeting_with_the_body_it_answers_to_is_approved(
    docs: Docs,
) -> None:
    joint = {
        "id": "4",
        "text": "A joint meeting of the board and the members may amend the bylaws.",
        "powers": [
            {"by": {"joint_of": ["board", "membership"]}, "acts": ["amend_rules"]},
            {"by": "board", "acts": ["convene"]},
        ],
    }
    call = {
        "id": "call",
        "at": "2024-05-01",
        "act": "convene",
        "by": "board",
        "meeting": "jm",
        "bodies": ["board", "membership"],
        "sits": "2024-05-02",
    }
    drop = {**_amend("jm", replace=[_members_without("recalls")]), "meeting": "jm"}
    result = _run(docs, [MEMBERS, joint], call, drop, name="self_entrenchment")
    assert result.verdict("change") is Verdict.VALID
    assert result.breaches == []
    alone = _amend("board", replace=[_members_without("recalls")])
    board = {**joint, "powers": [{"by": "board", "acts": ["amend_rules"]}]}
    result = _run(docs, [MEMBERS, board], alone, name="self_entrenchment")
    assert [b.invariant for b in result.breaches] == ["self_entrenchment"]


def test_the_members_changing_the_rules_over_themselves_is_no_self_entrenchment() -> (
    None
):
    """The membership is the principal: a committee disciplining members one by one
    does not hold the membership as a body to account, so the members taking
    that power away (void under the weak book, valid with notice under the
    strict one) entrenches no one."""
    path = Path(__file__).parent.parent / "scenarios" / "amendments"
    scenario = path / "members-adopt-with-notice.govsim.yaml"
    for book in ("assoc-weak", "assoc-strict"):
        result = govsim.run(scenario, book)
        found = [*result.breaches, *result.prevented]
        assert not [b for b in found if b.invariant == "self_entrenchment"], book
