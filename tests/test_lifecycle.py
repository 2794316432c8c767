"""Obligation lifecycles, case records with readers, and the acts that drive them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from conftest import Docs, organisation

from govsim.engine.trace import Verdict

ORG = organisation(
    {
        "ann": {},
        "ben": {},
        "cat": {},
        "dan": {},
        "eli": {},
        "fay": {"role": "complainant"},
        "gus": {"role": "respondent"},
        "hal": {},
        "ivy": {"status": "outside_party"},
    },
    {
        "exec": {"kind": "executive", "seats": [{"person": p} for p in ("ann", "ben")]},
        "dc": {
            "kind": "disciplinary",
            "seats": [{"person": p} for p in ("cat", "dan", "eli")],
        },
        "convention": {"kind": "convention"},
        "membership": {"kind": "membership"},
        "subcommittee": {"kind": "committee", "seats": [{"person": "hal"}]},
    },
)

POWERS: dict[str, Any] = {
    "id": "1",
    "text": "Powers.",
    "powers": [
        {"by": {"person": "member"}, "acts": ["file_complaint"]},
        {
            "by": "convention",
            "acts": ["mandate", "extend", "abandon", "transfer", "elect"],
        },
        {"by": "exec", "acts": ["fulfil", "interim_suspend", "close_case", "admit"]},
        {"by": "dc", "acts": ["find", "sanction", "ratify", "hear", "serve_notice"]},
        {"by": {"person": "member"}, "acts": ["interim_suspend"]},
    ],
}
RECORDS: dict[str, Any] = {
    "id": "2",
    "text": "The committee keeps case records; its later members may read them.",
    "requires": [
        {"rule": "records", "acts": ["find", "sanction"], "custodians": ["dc"]}
    ],
}


def mandate(**extra: Any) -> dict[str, Any]:
    return {
        "id": "m",
        "at": "2020-01-01",
        "act": "mandate",
        "by": "convention",
        "mandate": "apology",
        "obligee": "exec",
        "task": "publish an apology",
        "due": "2020-01-31",
        **extra,
    }


def history(result: Any, ident: str) -> list[str]:
    world = result.trace.world
    return [event for _, event, _ in world.obligations[ident].history]


def test_missed_mandate_is_violated_and_owes_a_report_to_the_mandator(docs: Docs):
    result = docs.run(
        ORG,
        [POWERS],
        [
            mandate(),
            {"at": "2020-04-01", "act": "fulfil", "by": "exec", "mandate": "apology"},
        ],
    )
    world = result.trace.world
    assert history(result, "apology") == ["created", "violated", "fulfilled"]
    report = world.obligations["apology:report"]
    assert report.obligee == "exec"
    assert report.mandator == "convention"
    assert report.status == "violated"  # nobody reported within 30 days
    missed = [t.subject for t in result.timed if t.kind == "deadline_missed"]
    assert missed == ["apology", "apology:report"]


def test_report_discharges_the_report_duty(docs: Docs):
    acts = [
        mandate(),
        {
            "at": "2020-02-10",
            "act": "report",
            "by": "exec",
            "to": "convention",
            "about": "apology",
        },
    ]
    result = docs.run(ORG, [POWERS], acts, end="2020-04-30")
    world = result.trace.world
    assert world.obligations["apology:report"].status == "fulfilled"
    assert history(result, "apology") == ["created", "violated", "reported"]
    assert world.reports["apology"] == [(40, "exec", "convention")]


def test_transfer_and_abandon_are_logged_with_who_did_them(docs: Docs):
    acts = [
        mandate(),
        {
            "at": "2020-01-05",
            "act": "transfer",
            "by": "convention",
            "mandate": "apology",
            "to": "subcommittee",
        },
        {
            "at": "2020-01-06",
            "act": "abandon",
            "by": "convention",
            "mandate": "apology",
            "reason": "superseded",
        },
        {
            "id": "late",
            "at": "2020-01-07",
            "act": "fulfil",
            "by": "exec",
            "mandate": "apology",
        },
    ]
    result = docs.run(ORG, [POWERS], acts, end="2020-03-01")
    ob = result.trace.world.obligations["apology"]
    assert ob.obligee == "subcommittee"
    assert ob.status == "abandoned"
    assert history(result, "apology") == ["created", "transferred", "abandoned"]
    assert result.verdict("late") == Verdict.VOID  # nothing left to fulfil
    assert not [t for t in result.timed if t.kind == "deadline_missed"]


def test_transfer_without_a_body_is_void(docs: Docs):
    acts = [
        mandate(),
        {
            "id": "t",
            "at": "2020-01-05",
            "act": "transfer",
            "by": "convention",
            "mandate": "apology",
        },
    ]
    result = docs.run(ORG, [POWERS], acts)
    assert result.verdict("t") == Verdict.VOID
    assert any("names the body" in r.check for r in result.record("t").failing)


def test_extension_is_logged_and_moves_the_due_day(docs: Docs):
    acts = [
        mandate(),
        {
            "at": "2020-01-20",
            "act": "extend",
            "by": "convention",
            "mandate": "apology",
            "due": "2020-03-31",
            "reason": "more time",
        },
    ]
    result = docs.run(ORG, [POWERS], acts, end="2020-03-01")
    assert history(result, "apology") == ["created", "extended"]
    assert result.trace.world.obligations["apology"].status == "in_effect"


COMPLAINT = {
    "id": "k",
    "at": "2020-01-01",
    "act": "file_complaint",
    "by": "fay",
    "case": "k1",
    "against": ["gus"],
}
FIND = {
    "id": "f",
    "at": "2020-01-10",
    "act": "find",
    "by": "dc",
    "case": "k1",
    "targets": ["gus"],
}


def test_parties_and_deciders_read_the_record_and_the_deciding_body_keeps_it(
    docs: Docs,
):
    result = docs.run(ORG, [POWERS], [COMPLAINT, FIND])
    record = result.trace.world.records["k1"]
    assert set(record.readers) == {"fay", "gus", "cat", "dan", "eli"}
    assert record.custodians == {"dc"}


def test_disclosure_adds_readers_and_marks_bodies_and_the_public(docs: Docs):
    tell = {
        "id": "d",
        "at": "2020-01-11",
        "act": "disclose",
        "by": "fay",
        "case": "k1",
        "to": ["exec", "ivy", "public"],
    }
    result = docs.run(ORG, [POWERS], [COMPLAINT, tell])
    record = result.trace.world.records["k1"]
    assert {"ann", "ben", "ivy"} <= set(record.readers)
    assert "exec" in record.bodies
    assert record.public
    assert record.members


def test_records_rule_lets_later_members_of_the_custodian_read(docs: Docs):
    from govsim.engine.knowledge import can_read
    from govsim.model.loading import load_scenario

    seat = {
        "id": "e",
        "at": "2020-02-01",
        "act": "elect",
        "by": "convention",
        "body": "dc",
        "persons": ["hal"],
    }
    for clauses, readable in (([POWERS], False), ([POWERS, RECORDS], True)):
        result = docs.run(ORG, clauses, [COMPLAINT, FIND, seat])
        book = load_scenario(docs.root / "scenario.govsim.yaml").rulebooks["book"]
        on = dt.date(2020, 2, 1)
        day = result.trace.calendar.day(on)
        assert "hal" not in result.trace.world.records["k1"].readers
        assert (
            can_read(result.trace.world, book.clauses_on(on), "k1", "hal", day)
            is readable
        )


def test_close_case_records_reason_and_stops_further_closing(docs: Docs):
    acts = [
        COMPLAINT,
        {
            "id": "c1",
            "at": "2020-01-05",
            "act": "close_case",
            "by": "exec",
            "case": "k1",
            "reason": "respondent_resigned",
        },
        {
            "id": "c2",
            "at": "2020-01-06",
            "act": "close_case",
            "by": "exec",
            "case": "k1",
        },
    ]
    result = docs.run(ORG, [POWERS], acts)
    case = result.trace.world.cases["k1"]
    assert not case.open
    assert case.closed == (4, "respondent_resigned")
    assert result.verdict("c2") == Verdict.VOID


def test_reversal_undoes_an_emergency_measure_and_ratification_is_recorded(docs: Docs):
    eject = {
        "id": "x",
        "at": "2020-01-02",
        "act": "interim_suspend",
        "by": "ann",
        "targets": ["gus"],
        "scope": "membership",
        "basis": "danger",
    }
    for outcome, status in (("reverse", "member"), ("ratify", "suspended")):
        ratify = {
            "id": "r",
            "at": "2020-01-03",
            "act": "ratify",
            "by": "dc",
            "subject": "x",
            "outcome": outcome,
        }
        result = docs.run(ORG, [POWERS], [eject, ratify])
        world = result.trace.world
        assert world.ratifications["x"] == (1, outcome, "dc")
        assert world.persons["gus"].status == status


def test_meeting_scope_measure_lapses_at_the_end_of_the_day(docs: Docs):
    eject = {
        "id": "x",
        "at": "2020-01-02",
        "act": "interim_suspend",
        "by": "ann",
        "targets": ["gus"],
        "scope": "meeting",
        "basis": "danger",
    }
    later = {
        "at": "2020-01-05",
        "act": "file_complaint",
        "by": "fay",
        "case": "k9",
        "against": ["gus"],
    }
    result = docs.run(ORG, [POWERS], [eject, later])
    assert not result.trace.world.measures["x"].active
    assert [t.kind for t in result.timed if t.subject == "x"] == ["lapse"]


def test_protected_activity_is_recorded_for_non_retaliation(docs: Docs):
    concern = {"at": "2020-01-03", "act": "raise_concern", "by": "hal", "to": ["exec"]}
    result = docs.run(ORG, [POWERS], [COMPLAINT, concern])
    activity = result.trace.world.activity
    assert activity["fay"] == [(0, "complained")]
    assert activity["hal"] == [(2, "raised a concern")]


DEADLINE_FIND: dict[str, Any] = {
    "id": "3",
    "text": "The committee finds within 10 days of a complaint by a member.",
    "requires": [
        {
            "rule": "deadline",
            "acts": ["file_complaint"],
            "by": {"person": "member"},
            "then": "find",
            "days": 10,
            "obligee": "dc",
        }
    ],
}


def test_a_follow_up_act_in_the_same_case_discharges_the_duty(docs: Docs):
    result = docs.run(ORG, [POWERS, DEADLINE_FIND], [COMPLAINT, FIND], end="2020-02-01")
    duty = result.trace.world.obligations["k:find"]
    assert duty.status == "fulfilled"
    assert duty.case == "k1"
    assert not [v for v in result.violations if v.rule == "deadline"]


def test_a_late_finding_leaves_the_duty_violated(docs: Docs):
    late = {**FIND, "at": "2020-01-20"}
    result = docs.run(ORG, [POWERS, DEADLINE_FIND], [COMPLAINT, late])
    assert result.trace.world.obligations["k:find"].status == "violated"


def test_a_duty_rule_for_other_actors_creates_no_duty(docs: Docs):
    rule = {
        **DEADLINE_FIND,
        "requires": [{**DEADLINE_FIND["requires"][0], "by": "exec"}],
    }
    result = docs.run(ORG, [POWERS, rule], [COMPLAINT])
    assert "k:find" not in result.trace.world.obligations


def test_a_dissolved_body_cannot_act(docs: Docs):
    powers = {
        **POWERS,
        "powers": [*POWERS["powers"], {"by": "convention", "acts": ["dissolve_body"]}],
    }
    acts = [
        {"at": "2020-01-01", "act": "dissolve_body", "by": "convention", "body": "dc"},
        {**COMPLAINT, "at": "2020-01-02"},
        {**FIND, "at": "2020-01-03"},
    ]
    result = docs.run(ORG, [powers], acts)
    assert result.verdict("f") == Verdict.VOID
    assert any("dc no longer sits" in r.check for r in result.record("f").failing)
