"""Setting a sanction aside gives back what it took: membership and unexpired terms."""

from __future__ import annotations

import datetime as dt
from typing import Any

from conftest import Docs, organisation

ORG = organisation(
    ["chair", "rep", "treasurer", "cc1", "cc2", "tenant"],
    {
        "board": {
            "kind": "executive",
            "seats": [
                {"person": "chair"},
                {"person": "rep", "until": "2025-06-01"},
                {"person": "treasurer"},
            ],
        },
        "conduct": {
            "kind": "disciplinary",
            "seats": [{"person": "cc1"}, {"person": "cc2"}],
        },
        "meeting": {"kind": "membership"},
    },
)
POWERS: dict[str, Any] = {
    "id": "1",
    "text": "Complaints, sanctions and appeals.",
    "powers": [
        {"by": {"person": "member"}, "acts": ["file_complaint"]},
        {"by": {"person": "party"}, "acts": ["appeal"]},
        {"by": "conduct", "acts": ["sanction"]},
        {"by": "meeting", "acts": ["decide_appeal"]},
    ],
}


def _acts(quashed_on: str) -> list[dict[str, Any]]:
    return [
        {
            "id": "c1",
            "at": "2025-03-01",
            "act": "file_complaint",
            "by": "tenant",
            "case": "k1",
            "against": ["rep"],
        },
        {
            "id": "c2",
            "at": "2025-03-01",
            "act": "file_complaint",
            "by": "tenant",
            "case": "k2",
            "against": ["treasurer"],
        },
        {
            "id": "remove",
            "at": "2025-03-10",
            "act": "sanction",
            "by": "conduct",
            "case": "k1",
            "targets": ["rep"],
            "sanction": "remove_from_office",
            "office": "board",
        },
        {
            "id": "expel",
            "at": "2025-03-10",
            "act": "sanction",
            "by": "conduct",
            "case": "k2",
            "targets": ["treasurer"],
            "sanction": "expel",
        },
        {
            "id": "ap1",
            "at": "2025-03-12",
            "act": "appeal",
            "by": "rep",
            "decision": "remove",
        },
        {
            "id": "ap2",
            "at": "2025-03-12",
            "act": "appeal",
            "by": "treasurer",
            "decision": "expel",
        },
        {
            "id": "d1",
            "at": quashed_on,
            "act": "decide_appeal",
            "by": "meeting",
            "appeal": "ap1",
            "outcome": "quash",
        },
        {
            "id": "d2",
            "at": quashed_on,
            "act": "decide_appeal",
            "by": "meeting",
            "appeal": "ap2",
            "outcome": "quash",
        },
    ]


def test_quashing_a_removal_and_an_expulsion_gives_the_seats_back(docs: Docs):
    seated = {"seats": {"board": ["chair", "rep", "treasurer"]}}
    result = docs.run(ORG, [POWERS], _acts("2025-03-20"), expect={"book": seated})
    assert result.ok, str(result)
    assert result.statuses()["treasurer"] == "member"
    assert "rep restored to board" in result.record("d1").effects
    assert "treasurer restored to board" in result.record("d2").effects
    # The term comes back from the quash (20 March) to its own end (1 June).
    board = result.trace.world.bodies["board"]
    restored = [s for s in board.seats if s.person == "rep"][-1]
    assert restored.start is not None
    assert restored.until is not None
    span = dt.date(2025, 6, 1) - dt.date(2025, 3, 20)
    assert restored.until - restored.start == span.days


def test_a_term_that_ran_out_before_the_quash_does_not_come_back(docs: Docs):
    result = docs.run(ORG, [POWERS], _acts("2025-07-01"))
    effects = result.record("d1").effects
    assert "rep restored to board" not in effects
    assert any("term on board ran out meanwhile" in e for e in effects)
    assert "treasurer restored to board" in result.record("d2").effects


def test_acts_on_a_void_decision_say_what_is_not_in_force(docs: Docs):
    acts = _acts("2025-03-20")
    acts[2] = {**acts[2], "by": "board"}  # the board holds no power to sanction
    result = docs.run(ORG, [POWERS], acts)
    assert result.verdict("remove").value == "void"
    appeal = str(result.explain("ap1"))
    assert "there is no decision remove in force to act on" in appeal
    assert "it belongs to a party, and this act reaches no case in force" in appeal
    decided = str(result.explain("d1"))
    assert "appeal ap1 is not in force (void, or never made)" in decided
    assert "None" not in appeal + decided


def test_a_decision_set_aside_after_it_took_effect_is_no_outcome(docs: Docs):
    from govsim.findings.outcomes import measure

    result = docs.run(ORG, [POWERS], _acts("2025-03-20"))
    timing = measure(result).timing("k1")
    assert timing is not None
    assert (timing.decision, timing.days) == (None, None)
    assert timing.set_aside == ("remove",)


def test_a_seat_filled_meanwhile_on_a_body_of_fixed_size_is_not_restored(docs: Docs):
    org = organisation(
        ["chair", "rep", "treasurer", "cc1", "cc2", "tenant", "newbie"],
        {
            **ORG["bodies"],
            "board": {
                "kind": "executive",
                "size": 3,
                "seats": [
                    *ORG["bodies"]["board"]["seats"],
                    {"person": "newbie", "from": "2025-03-15"},
                ],
            },
        },
    )
    result = docs.run(org, [POWERS], _acts("2025-03-20"))
    assert "rep restored to board" in result.record("d1").effects
    effects = result.record("d2").effects
    assert "treasurer restored to membership" in effects
    assert (
        "treasurer's seat on board was filled meanwhile: not restored (3 seats, all held)"
        in effects
    )


def test_a_sanctions_condition_reads_the_decision_an_appeal_concerns(docs: Docs):
    """'The meeting hears appeals against expulsions': the appeal has no sanction key."""
    powers = {
        **POWERS,
        "powers": [
            *[p for p in POWERS["powers"] if p["acts"] != ["decide_appeal"]],
            {
                "by": "meeting",
                "acts": ["decide_appeal"],
                "when": {"sanctions": ["expel"]},
            },
        ],
    }
    result = docs.run(ORG, [powers], _acts("2025-03-20"))
    assert result.verdict("d2").value == "valid"  # the expulsion's appeal
    assert result.verdict("d1").value == "void"  # the removal's appeal
    assert "only for sanctions expel, not remove_from_office" in str(
        result.explain("d1")
    )
