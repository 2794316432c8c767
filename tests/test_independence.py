"""Independent handling, and alter_decision reaching every kind of decision."""

from __future__ import annotations

from typing import Any

from conftest import Docs, organisation, rulebook, scenario, span_of
from typer.testing import CliRunner

import govsim
from govsim.engine.trace import Verdict
from govsim.faces.cli import app

ORG = organisation(
    ["complainant", "respondent", "chair", "dc-a", "dc-b", "inq-a", "outsider"],
    {
        "exec": {"kind": "executive", "seats": [{"person": "chair"}]},
        "dc": {
            "kind": "disciplinary",
            "seats": [{"person": "dc-a"}, {"person": "dc-b"}],
        },
        "inquiry": {"kind": "ad_hoc", "seats": [{"person": "inq-a"}]},
    },
)
POWERS = {
    "id": "P",
    "text": "Powers.",
    "powers": [
        {"by": {"person": "member"}, "acts": ["file_complaint"]},
        {"by": {"person": "party"}, "acts": ["close_case"]},
        {
            "by": "dc",
            "acts": ["assign_investigator", "find", "sanction", "close_case"],
        },
        {
            "by": "exec",
            "acts": [
                "assign_investigator",
                "alter_decision",
                "close_case",
                "interim_suspend",
            ],
        },
    ],
}
COMPLAINT = {
    "id": "complaint",
    "at": "2024-03-01",
    "act": "file_complaint",
    "by": "complainant",
    "case": "k1",
    "against": ["respondent"],
}


def act(ident: str, at: str, kind: str, by: str, **fields: Any) -> dict[str, Any]:
    return {"id": ident, "at": at, "act": kind, "by": by, "case": "k1", **fields}


def run(docs: Docs, acts: list[dict[str, Any]]) -> govsim.Result:
    return docs.run(
        ORG,
        [POWERS],
        [COMPLAINT, *acts],
        invariants=["independent_handling", "no_executive_override"],
    )


def handling(result: govsim.Result) -> list[Any]:
    return [b for b in result.breaches if b.invariant == "independent_handling"]


def test_an_outsiders_request_to_drop_a_case_breaks_it_once(docs: Docs) -> None:
    result = run(
        docs,
        [
            act("ask", "2024-03-05", "interfere", "outsider", asks="drop"),
            act("again", "2024-03-06", "interfere", "outsider", asks="delay"),
            act("close", "2024-03-10", "close_case", "exec", reason="no_case"),
        ],
    )
    (breach,) = handling(result)
    assert breach.act == "ask"
    assert breach.message == (
        "outsider, outside dc which handles case k1, asked those handling it to drop it"
    )
    assert set(breach.witnesses) == {"ask", "outsider", "k1", "dc"}


def test_a_member_of_the_handling_body_is_not_an_outsider(docs: Docs) -> None:
    result = run(docs, [act("talk", "2024-03-05", "interfere", "dc-a")])
    assert handling(result) == []


def test_closing_the_case_from_outside_breaks_it(docs: Docs) -> None:
    result = run(docs, [act("close", "2024-03-10", "close_case", "exec")])
    (breach,) = handling(result)
    assert breach.message == "exec, outside dc which handles case k1, closed it"


def test_the_complainant_may_withdraw(docs: Docs) -> None:
    result = run(
        docs,
        [
            act(
                "withdraw",
                "2024-03-10",
                "close_case",
                "complainant",
                reason="withdrawn",
            )
        ],
    )
    assert result.verdict("withdraw") is Verdict.VALID
    assert handling(result) == []


def test_a_first_assignment_starts_the_case_and_a_second_takes_it_away(
    docs: Docs,
) -> None:
    first = act(
        "give", "2024-03-02", "assign_investigator", "dc", investigator="inquiry"
    )
    assert handling(run(docs, [first])) == []
    taken = act("take", "2024-03-09", "assign_investigator", "exec", investigator="dc")
    (breach,) = handling(run(docs, [first, taken]))
    assert breach.message == (
        "exec, outside inquiry which handles case k1, took it from inquiry and gave "
        "it to dc"
    )


def test_quashing_an_interim_measure_ends_it(docs: Docs) -> None:
    suspend = act(
        "m",
        "2024-03-02",
        "interim_suspend",
        "exec",
        targets=["respondent"],
        scope="membership",
        basis="danger",
        expires_at="2024-03-30",
    )
    quash = {
        "id": "q",
        "at": "2024-03-05",
        "act": "alter_decision",
        "by": "exec",
        "decision": "m",
        "outcome": "quash",
    }
    result = run(docs, [suspend, quash])
    assert result.verdict("q") is Verdict.VALID
    assert "measure m quashed" in result.record("q").effects
    assert result.statuses()["respondent"] == "member"
    world = result.trace.world
    assert world is not None
    assert world.measures["m"].ended == (4, "quashed")
    # The exec set aside its own measure: a reconsideration, not an outsider.
    assert handling(result) == []


def test_a_finding_of_the_committee_set_aside_by_the_executive(docs: Docs) -> None:
    find = act("f", "2024-03-10", "find", "dc", targets=["respondent"])
    quash = {
        "id": "q",
        "at": "2024-03-12",
        "act": "alter_decision",
        "by": "exec",
        "decision": "f",
        "outcome": "quash",
    }
    result = run(docs, [find, quash])
    assert result.verdict("q") is Verdict.VALID
    world = result.trace.world
    assert world is not None
    assert world.cases["k1"].findings == []
    assert [b.invariant for b in result.breaches] == [
        "no_executive_override",
        "independent_handling",
    ]
    assert result.breaches[0].message == (
        "exec changed (quash) decision f of dc outside any appeal"
    )


def test_a_closure_quashed_opens_the_case_again(docs: Docs) -> None:
    close = act("c", "2024-03-10", "close_case", "dc", reason="no_case")
    quash = {
        "id": "q",
        "at": "2024-03-12",
        "act": "alter_decision",
        "by": "exec",
        "decision": "c",
        "outcome": "quash",
    }
    result = run(docs, [close, quash])
    world = result.trace.world
    assert world is not None
    assert world.cases["k1"].open
    assert "the closing of case k1 quashed: the case is open again" in (
        result.record("q").effects
    )


def test_only_a_sanction_can_be_reduced(docs: Docs) -> None:
    find = act("f", "2024-03-10", "find", "dc", targets=["respondent"])
    reduce = {
        "id": "q",
        "at": "2024-03-12",
        "act": "alter_decision",
        "by": "exec",
        "decision": "f",
        "outcome": "reduce",
        "sanction": "warning",
    }
    result = run(docs, [find, reduce])
    assert result.verdict("q") is Verdict.VOID
    assert [r.check for r in result.record("q").failing] == [
        "f is a finding: only a sanction can be reduced, increased or replaced; "
        "this can be quashed or stayed"
    ]


def test_altering_an_act_that_is_no_decision_is_refused_on_loading(
    docs: Docs,
) -> None:
    hearing = act("h", "2024-03-10", "hear", "dc", target="respondent")
    alter = {
        "id": "q",
        "at": "2024-03-12",
        "act": "alter_decision",
        "by": "exec",
        "decision": "h",
        "outcome": "quash",
    }
    path = docs.build(ORG, [rulebook([POWERS])], scenario([COMPLAINT, hearing, alter]))
    done = CliRunner().invoke(app, ["check", str(path)])
    assert done.exit_code == 2
    where = span_of(path, '"h"', after='"alter_decision"')
    assert (
        f"{where}: acts.2.decision: no earlier 'sanction' or 'interim_suspend' or "
        "'find' or 'close_case' act has id 'h'"
    ) in done.output
