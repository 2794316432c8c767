"""Responsibility that can run out: a body nobody can act for no longer holds its case.

A case or duty whose holder has nobody able to act (every seat vacant, every
member suspended, recused or conflicted) is orphaned from that day; unless
someone able holds it again within the period (30 days unless the scenario
says otherwise), ``case_survival`` or ``obligation_survival`` breaks.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from conftest import Docs, organisation

from govsim.engine.trace import Verdict

ORG = organisation(
    ["complainant", "respondent", "dc-a", "dc-b", "inq-a", "inq-b", "new-a", "chair"],
    {
        "exec": {"kind": "executive", "seats": [{"person": "chair"}]},
        "dc": {
            "kind": "disciplinary",
            "seats": [{"person": "dc-a"}, {"person": "dc-b"}],
        },
        "inquiry": {
            "kind": "ad_hoc",
            "seats": [{"person": "inq-a"}, {"person": "inq-b"}],
        },
        "panel": {"kind": "ad_hoc", "seats": [{"person": "new-a"}]},
        "education": {
            "kind": "ad_hoc",
            "seats": [{"person": "inq-a"}, {"person": "inq-b"}],
        },
    },
)
POWERS = {
    "id": "P",
    "text": "Powers.",
    "powers": [
        {"by": {"person": "member"}, "acts": ["file_complaint", "resign_office"]},
        {"by": "dc", "acts": ["assign_investigator", "find"]},
        {"by": "exec", "acts": ["mandate", "transfer", "interim_suspend"]},
    ],
}
START: list[dict[str, Any]] = [
    {
        "id": "complaint",
        "at": "2024-03-01",
        "act": "file_complaint",
        "by": "complainant",
        "case": "k1",
        "against": ["respondent"],
    },
    {
        "id": "assign",
        "at": "2024-03-02",
        "act": "assign_investigator",
        "by": "dc",
        "case": "k1",
        "investigator": "inquiry",
    },
]


def resign(who: str, at: str, body: str = "inquiry") -> dict[str, Any]:
    return {
        "id": f"{who}-resigns",
        "at": at,
        "act": "resign_office",
        "by": who,
        "body": body,
    }


def reassign(at: str) -> dict[str, Any]:
    return {
        "id": "reassign",
        "at": at,
        "act": "assign_investigator",
        "by": "dc",
        "case": "k1",
        "investigator": "panel",
    }


def survival(docs: Docs, acts: list[dict[str, Any]], end: str) -> list[Any]:
    result = docs.run(ORG, [POWERS], acts, invariants=["case_survival"], end=end)
    assert all(r.verdict is not Verdict.VOID for r in result.acts)
    return result.breaches


def test_a_body_emptied_by_resignations_no_longer_holds_its_case(docs: Docs) -> None:
    acts = [*START, resign("inq-a", "2024-03-10"), resign("inq-b", "2024-03-12")]
    (breach,) = survival(docs, acts, end="2024-05-01")
    assert breach.message == (
        "case k1 had nobody able to act for it from 2024-03-12 (every seat of "
        "inquiry is vacant) and was not given to anyone able within 30 days"
    )
    # Orphaned on 12 March; the 30th day after is 11 April; it breaks on the 12th.
    assert breach.at == dt.date(2024, 4, 12)
    assert set(breach.witnesses) == {"k1", "inquiry"}


@pytest.mark.parametrize(
    ("day", "broken"),
    [("2024-04-11", False), ("2024-04-12", True)],
    ids=["reassigned-on-day-30", "reassigned-on-day-31"],
)
def test_reassigning_the_case_within_the_period_keeps_it_alive(
    docs: Docs, day: str, broken: bool
) -> None:
    acts = [
        *START,
        resign("inq-a", "2024-03-10"),
        resign("inq-b", "2024-03-12"),
        reassign(day),
    ]
    breaches = survival(docs, acts, end="2024-06-01")
    assert bool(breaches) is broken
    if broken:
        assert breaches[0].message.endswith(
            "someone could act for it again only on 2024-04-12"
        )


def test_the_period_not_yet_run_out_at_the_end_is_no_breach(docs: Docs) -> None:
    acts = [*START, resign("inq-a", "2024-03-10"), resign("inq-b", "2024-03-12")]
    assert survival(docs, acts, end="2024-04-11") == []


def test_one_member_left_still_holds_the_case(docs: Docs) -> None:
    acts = [*START, resign("inq-a", "2024-03-10")]
    assert survival(docs, acts, end="2024-06-01") == []


def test_recused_and_suspended_members_cannot_act_for_it(docs: Docs) -> None:
    acts = [
        *START,
        {"id": "rec", "at": "2024-03-05", "act": "recuse", "by": "inq-a", "case": "k1"},
        {
            "id": "susp",
            "at": "2024-03-06",
            "act": "interim_suspend",
            "by": "exec",
            "targets": ["inq-b"],
            "scope": "membership",
            "basis": "danger",
            "expires_at": "2024-04-30",
        },
    ]
    (breach,) = survival(docs, acts, end="2024-06-01")
    assert (
        "from 2024-03-06 (no member of inquiry can act: inq-a recused in the case; "
        in (breach.message)
    )
    assert "inq-b is suspended" in breach.message
    # The suspension lapses after 30 April: someone can act again on 1 May.
    assert breach.message.endswith("someone could act for it again only on 2024-05-01")


def test_the_period_can_be_set_by_the_scenario(docs: Docs) -> None:
    acts = [*START, resign("inq-a", "2024-03-10"), resign("inq-b", "2024-03-12")]
    result = docs.run(
        ORG,
        [POWERS],
        acts,
        invariants=[{"case_survival": {"reassign_days": 7}}],
        end="2024-03-25",
    )
    (breach,) = result.breaches
    assert breach.at == dt.date(2024, 3, 20)
    assert "within 7 days" in breach.message


def test_a_duty_whose_obligee_empties_is_orphaned(docs: Docs) -> None:
    acts = [
        {
            "id": "m",
            "at": "2024-03-01",
            "act": "mandate",
            "by": "exec",
            "mandate": "programme",
            "obligee": "education",
            "task": "write the education programme",
            "due": "2024-12-31",
        },
        resign("inq-a", "2024-03-10", "education"),
        resign("inq-b", "2024-03-11", "education"),
    ]
    result = docs.run(
        ORG, [POWERS], acts, invariants=["obligation_survival"], end="2024-05-01"
    )
    (breach,) = result.breaches
    assert breach.message.startswith(
        "mandate programme (write the education programme) had nobody able to act "
        "for it from 2024-03-11 (every seat of education is vacant)"
    )
    transferred = [
        *acts,
        {
            "id": "t",
            "at": "2024-03-20",
            "act": "transfer",
            "by": "exec",
            "mandate": "programme",
            "to": "panel",
        },
    ]
    result = docs.run(
        ORG, [POWERS], transferred, invariants=["obligation_survival"], end="2024-05-01"
    )
    assert result.breaches == []


def test_a_term_running_out_orphans_the_case_from_that_day(docs: Docs) -> None:
    org = organisation(
        ["complainant", "respondent", "dc-a", "inq-a"],
        {
            "dc": {"kind": "disciplinary", "seats": [{"person": "dc-a"}]},
            "inquiry": {
                "kind": "ad_hoc",
                "seats": [{"person": "inq-a", "until": "2024-03-15"}],
            },
        },
    )
    powers = {**POWERS, "powers": POWERS["powers"][:2]}
    result = docs.run(
        org, [powers], START, invariants=["case_survival"], end="2024-06-01"
    )
    (breach,) = result.breaches
    assert "from 2024-03-15 (every seat of inquiry is vacant)" in breach.message


def test_the_book_can_state_the_period(docs: Docs) -> None:
    rule = {
        "id": "C",
        "text": "A case the committee can no longer handle is reassigned within 10 days.",
        "requires": [
            {
                "rule": "continuity",
                "acts": ["assign_investigator"],
                "within_days": 10,
            }
        ],
    }
    acts = [*START, resign("inq-a", "2024-03-10"), resign("inq-b", "2024-03-12")]
    result = docs.run(
        ORG, [POWERS, rule], acts, invariants=["case_survival"], end="2024-04-01"
    )
    (breach,) = result.breaches
    assert breach.at == dt.date(2024, 3, 23)
    assert "within 10 days" in breach.message
    assert all(r.verdict is Verdict.VALID for r in result.acts)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (-3, "-3 is negative; give 0 or more"),
        ("soon", "give a whole number (default 30), or 'book'"),
    ],
)
def test_a_bad_period_for_the_invariant_is_refused_with_its_position(
    docs: Docs, value: object, message: str
) -> None:
    from conftest import rulebook, scenario, span_of
    from typer.testing import CliRunner

    from govsim.faces.cli import app

    scen = scenario(START, invariants=[{"case_survival": {"reassign_days": value}}])
    path = docs.build(ORG, [rulebook([POWERS])], scen)
    done = CliRunner().invoke(app, ["check", str(path)])
    assert done.exit_code == 2
    where = span_of(path, json.dumps(value), after='"reassign_days"')
    assert f"{where}: invariants.0.case_survival.reassign_days: " in done.output
    assert message in done.output


def test_a_negative_period_in_the_book_is_refused(docs: Docs) -> None:
    from conftest import rulebook, scenario
    from typer.testing import CliRunner

    from govsim.faces.cli import app

    rule = {
        "id": "C",
        "text": "Reassigned within a negative time.",
        "requires": [
            {"rule": "continuity", "acts": ["assign_investigator"], "within_days": -1}
        ],
    }
    path = docs.build(ORG, [rulebook([POWERS, rule])], scenario(START))
    done = CliRunner().invoke(app, ["check", str(path)])
    assert done.exit_code == 2
    assert "within_days" in done.output
    assert "Traceback" not in done.output


def test_having_investigated_the_case_does_not_stop_a_body_carrying_it_on(
    docs: Docs,
) -> None:
    """Serving the charges makes the inquiry's members investigators: that bars
    them from deciding the case, not from holding it."""
    powers = {
        **POWERS,
        "powers": [*POWERS["powers"], {"by": "inquiry", "acts": ["serve_notice"]}],
    }
    notice = {
        "id": "charges",
        "at": "2024-03-05",
        "act": "serve_notice",
        "by": "inquiry",
        "case": "k1",
        "target": "respondent",
        "charges": ["the conduct complained of"],
    }
    result = docs.run(
        ORG, [powers], [*START, notice], invariants=["case_survival"], end="2024-06-01"
    )
    world = result.trace.world
    assert world is not None
    assert set(world.cases["k1"].investigators) == {"inq-a", "inq-b"}
    assert result.breaches == []
    assert world.orphaned["case:k1"] == []


FINDERS = {
    "id": "F",
    "text": "Who decides a case nobody was given: the committee, else the panel.",
    "powers": [
        {"by": {"person": "member"}, "acts": ["file_complaint"]},
        {"by": "dc", "acts": ["find"]},
        {"by": "panel", "acts": ["find"]},
        {"by": "exec", "acts": ["dissolve_body"]},
    ],
}


def dissolve(body: str, at: str) -> dict[str, Any]:
    return {
        "id": f"{body}-dissolved",
        "at": at,
        "act": "dissolve_body",
        "by": "exec",
        "body": body,
    }


def test_a_case_nobody_owns_passes_to_the_next_body_empowered_when_one_dissolves(
    docs: Docs,
) -> None:
    # The holder of an unowned case is kept between acts; dissolving the
    # committee must make the panel its holder, not leave the case orphaned.
    acts = [START[0], dissolve("dc", "2024-03-05")]
    result = docs.run(
        ORG, [FINDERS], acts, invariants=["case_survival"], end="2024-06-01"
    )
    assert [r.verdict for r in result.acts] == [Verdict.VALID, Verdict.VALID]
    assert result.breaches == []
    acts.append(dissolve("panel", "2024-03-08"))
    result = docs.run(
        ORG, [FINDERS], acts, invariants=["case_survival"], end="2024-06-01"
    )
    (breach,) = result.breaches
    assert breach.message == (
        "case k1 was left with nobody responsible for it on 2024-03-08 "
        "(no body holds it or is empowered to decide it)"
    )


def test_members_going_on_leave_after_others_resign_that_day_orphan_the_case(
    docs: Docs,
) -> None:
    # After an act by someone the watch did not read (a member with no seat
    # on the inquiry leaving) the watch is skipped; the inquiry's own members
    # going on leave the same day must still be watched. Leave vacates no
    # seat, so a later watch could not date the orphaning back to that day.
    def personal(who: str, act: str) -> dict[str, Any]:
        return {"id": f"{who}-{act}", "at": "2024-03-12", "act": act, "by": who}

    acts = [
        *START,
        personal("new-a", "resign_membership"),
        personal("chair", "take_leave"),
        personal("inq-a", "take_leave"),
        personal("dc-a", "resign_membership"),
        personal("inq-b", "take_leave"),
    ]
    grant = {"by": {"person": "member"}, "acts": ["resign_membership", "take_leave"]}
    powers = {**POWERS, "powers": [*POWERS["powers"], grant]}
    result = docs.run(
        ORG, [powers], acts, invariants=["case_survival"], end="2024-05-01"
    )
    assert all(r.verdict is Verdict.VALID for r in result.acts)
    (breach,) = result.breaches
    assert breach.message == (
        "case k1 had nobody able to act for it from 2024-03-12 (no member of "
        "inquiry can act: inq-a is on leave; inq-b is on leave) and was not "
        "given to anyone able within 30 days"
    )
