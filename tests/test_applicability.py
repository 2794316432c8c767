"""No silent rules: provisions that cannot apply are refused; the right to be heard applies."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import Docs, organisation, rulebook, scenario

import govsim
from govsim.engine.acts import HANDLERS
from govsim.engine.trace import Verdict
from govsim.errors import DocumentError
from govsim.model.applicability import CONDUCT_KINDS

ORG = organisation(
    ["alice", "bob", "eve", "frank"],
    {
        "panel": {"kind": "disciplinary", "seats": [{"person": "alice"}]},
        "convention": {"kind": "convention"},
    },
)
COMPLAINT = {
    "id": "k",
    "at": "2020-01-01",
    "act": "file_complaint",
    "by": "frank",
    "case": "k1",
    "against": ["eve"],
}


def test_conduct_kinds_are_the_acts_the_engine_judges_without_power() -> None:
    assert {k for k, h in HANDLERS.items() if not h.needs_power} == CONDUCT_KINDS


@pytest.mark.parametrize(
    ("clause", "where", "message"),
    [
        (
            {"requires": [{"rule": "hearing", "acts": ["sanction", "propose"]}]},
            "clauses.0.requires.0.acts.1",
            "a hearing rule cannot apply to propose: it applies to acts that affect "
            "persons, whose right to be heard it protects",
        ),
        (
            {
                "requires": [
                    {"rule": "notice", "acts": ["find"], "sanctions": ["expel"]}
                ]
            },
            "clauses.0.requires.0.acts.0",
            "'sanctions' limits this rule to some sanctions, but find has no sanction",
        ),
        (
            {"decides": [{"acts": ["hear"], "quorum": 2}]},
            "clauses.0.decides.0.acts.0",
            "a decision rule cannot apply to hear: no vote is taken on it",
        ),
        (
            {"powers": [{"by": "panel", "acts": ["disclose"]}]},
            "clauses.0.powers.0.acts.0",
            "disclose is conduct: anyone may do it and no power is needed, so a power "
            "of it has no effect",
        ),
        (
            {"disabilities": [{"by": "panel", "acts": ["recuse"]}]},
            "clauses.0.disabilities.0.acts.0",
            "recuse is conduct: anyone may do it and no power is needed, so a denial",
        ),
        (
            {
                "powers": [
                    {"by": "panel", "acts": ["find"], "when": {"scopes": ["office"]}}
                ]
            },
            "clauses.0.powers.0.when.scopes",
            "'scopes' reads the act's scope, which find does not have",
        ),
        (
            {
                "powers": [
                    {"by": "panel", "acts": ["sanction"], "when": {"clauses": ["2"]}}
                ]
            },
            "clauses.0.powers.0.when.clauses",
            "'clauses' limits which clauses an amendment changes, and sanction "
            "changes none, so the limit would be ignored for it",
        ),
        (
            {
                "powers": [
                    {"by": "panel", "acts": ["sanction"], "when": {"entrenched": True}}
                ]
            },
            "clauses.0.powers.0.when.entrenched",
            "'entrenched' limits which clauses an amendment changes, and sanction "
            "changes none, so the grant would never hold for it",
        ),
        (
            {"requires": [{"rule": "readings", "acts": ["sanction"]}]},
            "clauses.0.requires.0.acts.0",
            "a readings rule cannot apply to sanction: it applies to changes to the "
            "rules (amend_rules)",
        ),
        (
            {"requires": [{"rule": "meeting_notice", "acts": ["convene"], "days": 3}]},
            "clauses.0.requires.0.acts.0",
            "meeting_notice governs the business of a meeting, not the act that calls it",
        ),
        (
            {
                "requires": [
                    {
                        "rule": "interim_bounds",
                        "acts": ["interim_suspend"],
                        "renewal_requires_charges": True,
                    }
                ]
            },
            "clauses.0.requires.0.renewal_requires_charges",
            "'renewal_requires_charges' is checked on renew_interim, which this "
            "requirement does not list in 'acts'",
        ),
    ],
    ids=[
        "hearing-on-a-proposal",
        "sanctions-on-a-finding",
        "decision-rule-on-a-hearing",
        "power-of-conduct",
        "denial-of-conduct",
        "condition-the-act-lacks",
        "clauses-limit-on-a-sanction",
        "entrenched-limit-on-a-sanction",
        "readings-on-a-sanction",
        "notice-on-the-call",
        "parameter-on-an-unlisted-act",
    ],
)
def test_a_provision_that_cannot_apply_is_refused_at_its_position(
    docs: Docs, clause: dict[str, Any], where: str, message: str
) -> None:
    book = rulebook([{"id": "1", "text": "A rule.", **clause}])
    path = docs.build(ORG, [book], scenario([COMPLAINT]))
    with pytest.raises(DocumentError) as caught:
        govsim.load_scenario(path)
    text = str(caught.value)
    assert f"{where}: {message}" in text
    assert "rules/book.govsim.yaml:" in text


def test_a_provision_in_an_amendment_is_checked_too(docs: Docs) -> None:
    amendment = {
        "id": "a1",
        "in_force": "2021-01-01",
        "clauses": [{"id": "2", "text": "A rule.", "decides": [{"acts": ["hear"]}]}],
    }
    book = rulebook([{"id": "1", "text": "Nothing."}], amendments=[amendment])
    path = docs.build(ORG, [book], scenario([COMPLAINT]))
    with pytest.raises(DocumentError) as caught:
        govsim.load_scenario(path)
    assert (
        "amendments.0.clauses.0.decides.0.acts.0: a decision rule cannot apply"
        in str(caught.value)
    )


# --- the right to be heard before any decision about one ---------------------------------

BOOK = [
    {
        "id": "P",
        "text": "Powers.",
        "powers": [
            {"by": {"person": "member"}, "acts": ["file_complaint"]},
            {"by": "panel", "acts": ["sanction"]},
            {"by": "convention", "acts": ["ratify", "hear"]},
        ],
    },
    {
        "id": "H",
        "text": "No one is sanctioned by the convention without addressing it first.",
        "requires": [{"rule": "hearing", "acts": ["ratify"]}],
    },
]
SANCTION = {
    "id": "s",
    "at": "2020-01-10",
    "act": "sanction",
    "by": "panel",
    "case": "k1",
    "targets": ["eve"],
    "sanction": "censure",
}
REPORT = {
    "id": "r",
    "at": "2020-01-11",
    "act": "report",
    "by": "panel",
    "to": "convention",
    "about": "s",
}
RATIFY = {
    "id": "ok",
    "at": "2020-02-01",
    "act": "ratify",
    "by": "convention",
    "subject": "r",
}


def test_an_assembly_ratifying_a_report_must_hear_the_person_it_is_about(
    docs: Docs,
) -> None:
    result = docs.run(ORG, BOOK, [COMPLAINT, SANCTION, REPORT, RATIFY])
    record = result.record("ok")
    assert record.targets == ("eve",)
    assert record.verdict is Verdict.IRREGULAR
    (reason,) = [r for r in record.reasons if r.rule == "hearing"]
    assert (reason.clause, reason.check) == (
        "H",
        "convention did not hear eve before deciding",
    )


def test_an_assembly_that_heard_the_person_ratifies_validly(docs: Docs) -> None:
    hear = {
        "id": "h",
        "at": "2020-01-20",
        "act": "hear",
        "by": "convention",
        "target": "eve",
    }
    result = docs.run(ORG, BOOK, [COMPLAINT, SANCTION, REPORT, hear, RATIFY])
    assert result.verdict("h") is Verdict.VALID
    record = result.record("ok")
    assert record.verdict is Verdict.VALID
    (reason,) = [r for r in record.reasons if r.rule == "hearing"]
    assert reason.check == "convention heard eve on 2020-01-20"


# --- every verdict has its reasons ---------------------------------------------------------

DISCLOSE = {
    "id": "d",
    "at": "2020-01-05",
    "act": "disclose",
    "by": "bob",
    "to": ["public"],
    "case": "k1",
}


def test_conduct_no_rule_restricts_says_so(docs: Docs) -> None:
    record = docs.run(ORG, BOOK, [COMPLAINT, DISCLOSE]).record("d")
    assert record.verdict is Verdict.VALID
    assert [r.check for r in record.reasons] == [
        "conduct: no power is needed to disclose",
        "no clause of the book restricts who may disclose",
    ]


def test_conduct_names_the_clauses_it_was_checked_against(docs: Docs) -> None:
    audience = {
        "id": "5.1",
        "text": "Case documents stay within the members.",
        "requires": [{"rule": "audience", "acts": ["disclose"], "widest": "members"}],
    }
    record = docs.run(ORG, [*BOOK, audience], [COMPLAINT, DISCLOSE]).record("d")
    assert record.verdict is Verdict.IRREGULAR
    assert [(r.clause, r.holds, r.check) for r in record.reasons] == [
        (None, True, "conduct: no power is needed to disclose"),
        ("5.1", False, "addressed to public; the widest permitted audience is members"),
    ]
