"""Engine behaviour, one rule at a time, through small scenarios written to tmp_path."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import Docs, organisation, rulebook, scenario

import govsim
from govsim.engine.trace import Reason, Verdict

# --- a small organisation ----------------------------------------------------

ORG = organisation(
    {
        "alice": {},
        "bob": {},
        "carol": {},
        "dave": {},
        "gina": {},
        "xavier": {},
        "eve": {"role": "respondent"},
        "frank": {"role": "complainant"},
        "tom": {"tags": ["old_guard"]},
        "tim": {"tags": ["old_guard"]},
    },
    {
        "board": {
            "kind": "executive",
            "seats": [{"person": p} for p in ("alice", "bob", "carol")],
        },
        "panel": {
            "kind": "disciplinary",
            "size": 3,
            "seats": [{"person": p} for p in ("dave", "gina", "xavier")],
        },
        "convention": {"kind": "convention"},
        "old-board": {
            "kind": "committee",
            "seats": [
                {"person": "tom", "from": "2018-01-01", "until": "2019-01-01"},
                {"person": "tim", "from": "2018-01-01", "until": "2019-06-01"},
                {"person": "alice", "from": "2019-06-01"},
            ],
        },
    },
    [{"kind": "friend", "persons": ["xavier", "eve"]}],
)

POWERS = {
    "id": "P",
    "text": "Who may do what.",
    "source": "test constitution art. 1",
    "powers": [
        {"by": {"person": "member"}, "acts": ["file_complaint"]},
        {"by": "panel", "acts": ["serve_notice", "hear", "find", "sanction"]},
        {
            "by": "board",
            "acts": [
                "implement",
                "alter_decision",
                "convene",
                "publish_statement",
                "interim_suspend",
                "fulfil",
                "create_body",
            ],
        },
        {"by": "convention", "acts": ["mandate", "extend"]},
    ],
}

COMPLAINT = {
    "id": "k",
    "at": "2020-01-01",
    "act": "file_complaint",
    "by": "frank",
    "case": "k1",
    "against": ["eve"],
}


def sanction(
    at: str = "2020-01-10", *, by: str = "panel", kind: str = "warning", **extra: Any
) -> dict[str, Any]:
    return {
        "id": "s",
        "at": at,
        "act": "sanction",
        "by": by,
        "targets": ["eve"],
        "sanction": kind,
        **extra,
    }


def publish(ident: str, at: str, by: str = "board", **extra: Any) -> dict[str, Any]:
    return {"id": ident, "at": at, "act": "publish_statement", "by": by, **extra}


def failing(record: Any, rule: str) -> list[Reason]:
    return [r for r in record.reasons if not r.holds and r.rule == rule]


def holding(record: Any, rule: str) -> list[Reason]:
    return [r for r in record.reasons if r.holds and r.rule == rule]


# --- powers ------------------------------------------------------------------


def test_denial_outranks_a_grant(docs: Docs) -> None:
    deny = {
        "id": "D",
        "text": "The executive may not speak for the organisation.",
        "disabilities": [
            {"by": {"kind": ["executive"]}, "acts": ["publish_statement"]}
        ],
    }
    result = docs.run(ORG, [POWERS, deny], [publish("p", "2020-01-01")])
    record = result.record("p")
    assert record.verdict is Verdict.VOID
    (reason,) = failing(record, "power")
    assert reason.clause == "D"
    assert "denies board the power to publish_statement" in reason.check
    assert not any(r.holds and r.clause == "P" for r in record.reasons)
    assert record.effects == ()


def test_without_the_denial_the_same_grant_empowers(docs: Docs) -> None:
    result = docs.run(ORG, [POWERS], [publish("p", "2020-01-01")])
    record = result.record("p")
    assert record.verdict is Verdict.VALID
    (reason,) = holding(record, "power")
    assert reason.clause == "P"
    assert reason.text == "Who may do what."


def test_grant_whose_conditions_fail_is_void_and_says_why(docs: Docs) -> None:
    limited = {
        "id": "W",
        "text": "The board may suspend from an office only.",
        "powers": [
            {
                "by": "board",
                "acts": ["interim_suspend"],
                "when": {"scopes": ["office"], "max_days": 30},
            }
        ],
    }
    acts = [
        {
            "id": "m",
            "at": "2020-01-01",
            "act": "interim_suspend",
            "by": "board",
            "targets": ["eve"],
            "scope": "membership",
            "expires_at": "2020-01-20",
        }
    ]
    result = docs.run(ORG, [limited], acts)
    record = result.record("m")
    assert record.verdict is Verdict.VOID
    (reason,) = failing(record, "power")
    assert reason.clause == "W"
    assert "only for interim measures of scope office, not membership" in reason.check
    assert result.statuses()["eve"] == "member"


def test_grant_with_a_sanction_condition_does_not_reach_other_sanctions(
    docs: Docs,
) -> None:
    warn_only = {
        "id": "W",
        "text": "The panel may warn.",
        "powers": [
            {"by": "panel", "acts": ["sanction"], "when": {"sanctions": ["warning"]}}
        ],
    }
    result = docs.run(ORG, [warn_only], [sanction(kind="expel")])
    record = result.record("s")
    assert record.verdict is Verdict.VOID
    assert "only for sanctions warning, not expel" in failing(record, "power")[0].check
    assert result.statuses()["eve"] == "member"


def test_implied_power_takes_effect_as_irregular_competence(docs: Docs) -> None:
    implied = {
        "id": "I",
        "text": "In practice the board speaks for the organisation.",
        "powers": [
            {"by": "board", "acts": ["publish_statement"], "standing": "implied"}
        ],
    }
    # Even a regimented book only records implied competence: it is audited.
    result = docs.run(
        ORG, [implied], [publish("p", "2020-01-01")], enforcement="regimented"
    )
    record = result.record("p")
    assert record.verdict is Verdict.IRREGULAR
    (reason,) = failing(record, "competence")
    assert reason.clause == "I"
    assert reason.enforcement == "audited"
    assert "implied by practice" in holding(record, "power")[0].check
    assert record.effects == ("statement published to members",)
    (violation,) = result.violations
    assert (violation.act, violation.rule, violation.took_effect) == (
        "p",
        "competence",
        True,
    )


# --- enforcement ---------------------------------------------------------------

AUDIENCE = {
    "id": "A",
    "text": "Statements stay within the membership.",
    "requires": [
        {"rule": "audience", "acts": ["publish_statement"], "widest": "members"}
    ],
}


@pytest.mark.parametrize(
    ("enforcement", "clause_enforcement", "verdict"),
    [
        ("audited", None, Verdict.IRREGULAR),
        ("regimented", None, Verdict.VOID),
        ("audited", "regimented", Verdict.VOID),
        ("regimented", "audited", Verdict.IRREGULAR),
    ],
)
def test_broken_requirement_voids_when_regimented_else_irregular(
    docs: Docs, enforcement: str, clause_enforcement: str | None, verdict: Verdict
) -> None:
    clause = dict(AUDIENCE)
    if clause_enforcement is not None:
        clause["enforcement"] = clause_enforcement
    result = docs.run(
        ORG,
        [POWERS, clause],
        [publish("p", "2020-01-01", audience="public")],
        enforcement=enforcement,
    )
    record = result.record("p")
    assert record.verdict is verdict
    (reason,) = failing(record, "audience")
    assert reason.clause == "A"
    assert reason.enforcement == (clause_enforcement or enforcement)
    assert "widest permitted audience is members" in reason.check
    assert (record.effects == ()) is (verdict is Verdict.VOID)


def test_kept_requirement_leaves_the_act_valid(docs: Docs) -> None:
    result = docs.run(
        ORG,
        [POWERS, AUDIENCE],
        [publish("p", "2020-01-01", audience="members")],
        enforcement="regimented",
    )
    record = result.record("p")
    assert record.verdict is Verdict.VALID
    assert holding(record, "audience")
    assert result.violations == []


# --- sanctions, implementation, dependency -------------------------------------

DEFERRED = {
    "id": "D",
    "text": "Panel decisions take effect when the board implements them.",
    "powers": [
        {
            "by": "panel",
            "acts": ["sanction"],
            "takes_effect": "on_implementation",
        },
        {"by": "board", "acts": ["implement", "alter_decision"]},
    ],
}


def test_on_implementation_sanction_waits_for_implement(docs: Docs) -> None:
    decided = docs.run(ORG, [DEFERRED], [sanction(kind="suspend_membership")])
    assert decided.verdict("s") is Verdict.VALID
    assert "takes effect when implemented" in decided.record("s").effects[0]
    assert decided.statuses()["eve"] == "member"

    implement = {
        "id": "i",
        "at": "2020-01-12",
        "act": "implement",
        "by": "board",
        "decision": "s",
    }
    done = docs.run(ORG, [DEFERRED], [sanction(kind="suspend_membership"), implement])
    assert done.verdict("i") is Verdict.VALID
    assert "eve suspended from membership" in done.record("i").effects
    assert done.statuses()["eve"] == "suspended"


def test_immediate_sanction_takes_effect_when_decided(docs: Docs) -> None:
    result = docs.run(ORG, [POWERS], [sanction(kind="suspend_membership")])
    assert result.statuses()["eve"] == "suspended"


def test_implementing_a_quashed_decision_is_void(docs: Docs) -> None:
    acts = [
        sanction(kind="expel"),
        {
            "id": "q",
            "at": "2020-01-11",
            "act": "alter_decision",
            "by": "board",
            "decision": "s",
            "outcome": "quash",
        },
        {
            "id": "i",
            "at": "2020-01-12",
            "act": "implement",
            "by": "board",
            "decision": "s",
        },
    ]
    result = docs.run(ORG, [DEFERRED], acts)
    assert result.verdict("q") is Verdict.VALID
    record = result.record("i")
    assert record.verdict is Verdict.VOID
    (fact,) = failing(record, "fact")
    assert "quashed" in fact.check
    assert result.statuses()["eve"] == "member"


@pytest.mark.parametrize(
    "follow_up",
    [
        {"act": "implement"},
        {"act": "alter_decision", "outcome": "reduce", "sanction": "warning"},
    ],
)
def test_acts_on_a_void_sanction_are_void_by_dependency(
    docs: Docs, follow_up: dict[str, Any]
) -> None:
    # The board holds no power to sanction: its decision is void.
    acts = [
        sanction(by="board", kind="expel"),
        {
            "id": "f",
            "at": "2020-01-12",
            "by": "board",
            "decision": "s",
            **follow_up,
        },
    ]
    result = docs.run(ORG, [POWERS], acts)
    assert result.verdict("s") is Verdict.VOID
    record = result.record("f")
    assert record.verdict is Verdict.VOID
    (dependency,) = failing(record, "dependency")
    assert dependency.check == "depends on act s, which is void"
    assert result.statuses()["eve"] == "member"


# --- meetings: recusal, quorum, threshold, absence ------------------------------

RECUSAL = {
    "id": "R",
    "text": "No one with a conflict takes part.",
    "requires": [{"rule": "recusal", "acts": ["sanction"]}],
}
ROLL_CALL = {"for": ["dave", "gina", "xavier"]}


def test_roll_call_with_a_related_member_breaks_recusal(docs: Docs) -> None:
    acts = [COMPLAINT, sanction(case="k1", vote=ROLL_CALL)]
    result = docs.run(ORG, [POWERS, RECUSAL], acts)
    record = result.record("s")
    assert record.verdict is Verdict.IRREGULAR
    (reason,) = failing(record, "recusal")
    assert reason.clause == "R"
    assert reason.check.startswith("xavier took part despite a conflict")
    assert "relation: xavier has a friend relation with eve" in reason.check


RECUSE = {"id": "r", "at": "2020-01-05", "act": "recuse", "by": "xavier", "case": "k1"}


def test_a_vote_without_the_recused_member_is_valid(docs: Docs) -> None:
    vote = {"for": ["dave", "gina"]}
    acts = [COMPLAINT, RECUSE, sanction(case="k1", vote=vote)]
    result = docs.run(ORG, [POWERS, RECUSAL], acts)
    assert result.verdict("r") is Verdict.VALID
    record = result.record("s")
    assert record.verdict is Verdict.VALID
    assert failing(record, "recusal") == []
    assert [r.check for r in holding(record, "recusal")] == [
        "no one with a conflict in the case took part"
    ]


def test_a_recused_member_who_votes_anyway_took_part_and_is_not_counted(
    docs: Docs,
) -> None:
    # The roll call shows xavier voting after he recused: his recusal did not
    # keep him out, so he took part; his vote is not counted all the same.
    rule = {
        "id": "T",
        "text": "Majority of the votes cast.",
        "decides": [{"acts": ["sanction"]}],
    }
    acts = [COMPLAINT, RECUSE, sanction(case="k1", vote=ROLL_CALL)]
    record = docs.run(ORG, [POWERS, RECUSAL, rule], acts).record("s")
    assert record.verdict is Verdict.IRREGULAR
    (reason,) = failing(record, "recusal")
    assert reason.check.startswith("xavier took part despite a conflict")
    (tally,) = [r for r in record.reasons if r.rule == "decision_rule"]
    assert tally.check.startswith("threshold: 2 votes for out of 2 votes cast")
    assert any("xavier recused in the case" in r.check for r in record.reasons)


def test_recusal_does_not_apply_to_a_person_without_conflict(docs: Docs) -> None:
    vote = {"for": ["dave", "gina"]}
    result = docs.run(
        ORG, [POWERS, RECUSAL], [COMPLAINT, sanction(case="k1", vote=vote)]
    )
    assert result.verdict("s") is Verdict.VALID


def _quorum(**rule: Any) -> dict[str, Any]:
    return {
        "id": "Q",
        "text": "Quorum of three.",
        "decides": [{"acts": ["sanction"], "quorum": 3, **rule}],
    }


def test_quorum_counts_only_the_unconflicted(docs: Docs) -> None:
    acts = [COMPLAINT, sanction(case="k1", vote="unanimous")]
    result = docs.run(ORG, [POWERS, _quorum()], acts)
    record = result.record("s")
    assert record.verdict is Verdict.IRREGULAR
    (reason,) = failing(record, "decision_rule")
    assert reason.clause == "Q"
    assert reason.check == "quorum: 2 members present after recusals, 3 needed"


def test_quorum_counts_the_conflicted_when_the_rule_says_so(docs: Docs) -> None:
    acts = [COMPLAINT, sanction(case="k1", vote="unanimous")]
    result = docs.run(ORG, [POWERS, _quorum(count_conflicted=True)], acts)
    record = result.record("s")
    assert record.verdict is Verdict.VALID
    assert "quorum: 3 members present, 3 needed" in [r.check for r in record.reasons]


@pytest.mark.parametrize(
    ("yes", "no", "verdict"),
    [(3, 2, Verdict.IRREGULAR), (4, 2, Verdict.VALID), (2, 1, Verdict.VALID)],
)
def test_two_thirds_threshold(docs: Docs, yes: int, no: int, verdict: Verdict) -> None:
    rule = {
        "id": "T",
        "text": "Two thirds of the votes cast.",
        "decides": [{"acts": ["sanction"], "threshold": "2/3"}],
    }
    result = docs.run(ORG, [POWERS, rule], [sanction(vote={"for": yes, "against": no})])
    record = result.record("s")
    assert record.verdict is verdict
    (reason,) = [r for r in record.reasons if r.rule == "decision_rule"]
    assert reason.holds is (verdict is Verdict.VALID)
    assert reason.check.startswith(
        f"threshold: {yes} votes for out of {yes + no} votes cast,"
    )


@pytest.mark.parametrize(
    ("decides", "acts", "check"),
    [
        (
            {},
            [sanction(vote={"for": 2, "against": 1})],
            "threshold: 2 votes for out of 3 votes cast, more than half required",
        ),
        (
            {"threshold": "2/3"},
            [sanction(vote={"for": 1, "against": 0})],
            "threshold: 1 vote for out of 1 vote cast, at least 2/3 required",
        ),
        (
            {"base": "present"},
            [sanction()],
            "threshold: 3 votes for out of 3 members present, more than half required",
        ),
        (
            # xavier (conflicted) is present; his vote is not counted.
            {"base": "present"},
            [COMPLAINT, sanction(case="k1", vote="unanimous")],
            "threshold: 2 votes for out of 3 members present, more than half required",
        ),
        (
            {"base": "present_entitled"},
            [COMPLAINT, sanction(case="k1", vote="unanimous")],
            "threshold: 2 votes for out of 2 members present and entitled to vote, "
            "more than half required",
        ),
        (
            {"base": "present", "count_conflicted": True},
            [COMPLAINT, sanction(case="k1", vote="unanimous")],
            "threshold: 3 votes for out of 3 members present, more than half required",
        ),
        (
            {"base": "seats", "threshold": "unanimous"},
            [sanction(vote={"for": 2, "against": 0})],
            "threshold: 2 votes for out of 3 seats, all required",
        ),
    ],
    ids=[
        "votes-cast",
        "one-vote",
        "present-untallied",
        "present-counts-the-conflicted",
        "present-entitled-leaves-them-out",
        "present-counting-conflicted",
        "seats",
    ],
)
def test_threshold_reason_says_the_votes_for_and_what_they_are_counted_against(
    docs: Docs, decides: dict[str, Any], acts: list[dict[str, Any]], check: str
) -> None:
    rule = {
        "id": "T",
        "text": "Threshold.",
        "decides": [{"acts": ["sanction"], **decides}],
    }
    result = docs.run(ORG, [POWERS, rule], acts)
    (reason,) = [r for r in result.record("s").reasons if r.rule == "decision_rule"]
    assert reason.check == check


@pytest.mark.parametrize(
    ("count_conflicted", "verdict", "check"),
    [
        (False, Verdict.VALID, "threshold: 1 vote for out of 1 vote cast,"),
        (True, Verdict.IRREGULAR, "threshold: 1 vote for out of 2 votes cast,"),
    ],
)
def test_conflicted_roll_call_vote_counts_only_when_the_rule_says_so(
    docs: Docs, count_conflicted: bool, verdict: Verdict, check: str
) -> None:
    # xavier (a friend of the respondent) votes against; dave votes for. With
    # count_conflicted false, conflicted members do not count towards the
    # base: the motion passes 1-0 among the unconflicted.
    rule = {
        "id": "T",
        "text": "Majority of the votes cast.",
        "decides": [
            {
                "acts": ["sanction"],
                "threshold": "majority",
                "count_conflicted": count_conflicted,
            }
        ],
    }
    vote = {"for": ["dave"], "against": ["xavier"], "abstain": ["gina"]}
    result = docs.run(ORG, [POWERS, rule], [COMPLAINT, sanction(case="k1", vote=vote)])
    record = result.record("s")
    assert record.verdict is verdict
    (reason,) = [r for r in record.reasons if r.rule == "decision_rule"]
    assert reason.check.startswith(check)


def test_absence_removes_a_person_from_the_meeting(docs: Docs) -> None:
    quorum = {
        "id": "Q",
        "text": "The board needs all three.",
        "decides": [{"acts": ["publish_statement"], "quorum": 3}],
    }
    events = [
        {
            "at": "2020-01-02",
            "event": "absence",
            "persons": ["carol"],
            "until": "2020-01-05",
        }
    ]
    acts = [
        publish("before", "2020-01-01"),
        publish("away", "2020-01-03"),
        publish("back", "2020-01-05"),
    ]
    result = docs.run(ORG, [POWERS, quorum], acts, events=events)
    checks = {
        r.id: [x.check for x in r.reasons if x.rule == "decision_rule"]
        for r in result.acts
    }
    assert "quorum: 3 members present after recusals, 3 needed" in checks["before"]
    assert "quorum: 2 members present after recusals, 3 needed" in checks["away"]
    assert "quorum: 3 members present after recusals, 3 needed" in checks["back"]
    assert [r.verdict for r in result.acts] == [
        Verdict.VALID,
        Verdict.IRREGULAR,
        Verdict.VALID,
    ]
    assert any(t.kind == "absence" and t.subject == "carol" for t in result.timed)


# --- notice ----------------------------------------------------------------------

NOTICE = {
    "id": "N",
    "text": "Ten days' notice of specific charges.",
    "requires": [{"rule": "notice", "acts": ["sanction"], "days": 10}],
}


def _notice(at: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": "n",
        "at": at,
        "act": "serve_notice",
        "by": "panel",
        "case": "k1",
        "target": "eve",
        "charges": ["harassment on 1 December 2019"],
        **extra,
    }


@pytest.mark.parametrize(
    ("notice", "sanction_at", "holds", "words"),
    [
        (
            _notice("2020-01-05"),
            "2020-01-10",
            False,
            "notice to eve came 5 days before; 10 are required",
        ),
        (
            _notice("2020-01-05"),
            "2020-01-15",
            True,
            "eve had notice of specific charges 10 days before",
        ),
        (
            _notice("2020-01-02", vague=True),
            "2020-01-20",
            False,
            "the charges served on eve on 2020-01-02 are not specific",
        ),
        (_notice("2020-01-02", charges=[]), "2020-01-20", False, "are not specific"),
        (None, "2020-01-20", False, "no notice of charges was served on eve"),
    ],
)
def test_notice_days_and_specific_charges(
    docs: Docs, notice: dict[str, Any] | None, sanction_at: str, holds: bool, words: str
) -> None:
    acts = [COMPLAINT, *([notice] if notice else []), sanction(sanction_at, case="k1")]
    result = docs.run(ORG, [POWERS, NOTICE], acts)
    record = result.record("s")
    (reason,) = [r for r in record.reasons if r.rule == "notice"]
    assert reason.holds is holds
    assert words in reason.check
    assert record.verdict is (Verdict.VALID if holds else Verdict.IRREGULAR)


# --- timed effects -----------------------------------------------------------------

QUORUM_BOARD = {
    "id": "Q",
    "text": "The board needs all three.",
    "decides": [{"acts": ["publish_statement"], "quorum": 3}],
}


def test_interim_measure_lapses_by_itself_at_its_end(docs: Docs) -> None:
    suspend = {
        "id": "m",
        "at": "2020-01-01",
        "act": "interim_suspend",
        "by": "board",
        "targets": ["carol"],
        "scope": "membership",
        "expires_at": "2020-01-10",
        "vote": {"for": ["alice", "bob"]},
    }
    acts = [suspend, publish("last-day", "2020-01-10"), publish("after", "2020-01-11")]
    result = docs.run(ORG, [POWERS, QUORUM_BOARD], acts, end="2020-01-20")
    assert result.verdict("m") is Verdict.VALID
    # Carol cannot sit while suspended (expires_at is the last day in force) ...
    assert result.verdict("last-day") is Verdict.IRREGULAR
    # ... and the measure lapses at the start of 11 January, before that day's acts.
    (lapse,) = [t for t in result.timed if t.kind == "lapse"]
    assert lapse.at == dt.date(2020, 1, 11)
    assert lapse.message.startswith("measure m lapsed after its last day, 2020-01-10")
    assert lapse.subject == "m"
    assert "carol no longer restricted by m" in lapse.message
    assert result.verdict("after") is Verdict.VALID
    assert result.statuses()["carol"] == "member"


def test_interim_measure_without_end_does_not_lapse(docs: Docs) -> None:
    suspend = {
        "id": "m",
        "at": "2020-01-01",
        "act": "interim_suspend",
        "by": "board",
        "targets": ["eve"],
        "scope": "membership",
    }
    result = docs.run(ORG, [POWERS], [suspend], end="2020-12-31")
    assert [t for t in result.timed if t.kind == "lapse"] == []
    assert result.statuses()["eve"] == "suspended"


MANDATE = {
    "id": "m",
    "at": "2020-01-01",
    "act": "mandate",
    "by": "convention",
    "mandate": "report",
    "obligee": "board",
    "task": "report to the membership",
    "due": "2020-02-01",
}


def _missed(result: govsim.Result) -> list[Any]:
    return [t for t in result.timed if t.kind == "deadline_missed"]


def test_unfulfilled_mandate_misses_its_deadline(docs: Docs) -> None:
    result = docs.run(ORG, [POWERS], [MANDATE], end="2020-03-01")
    assert result.verdict("m") is Verdict.VALID
    (missed,) = _missed(result)
    assert missed.at == dt.date(2020, 2, 2)
    assert missed.subject == "report"
    assert "by 2020-02-01" in missed.message
    (violation,) = result.violations
    assert violation.rule == "deadline"
    assert violation.act == "m"
    assert violation.at == dt.date(2020, 2, 2)


def test_mandate_fulfilled_on_time_leaves_no_violation(docs: Docs) -> None:
    fulfil = {
        "id": "f",
        "at": "2020-02-01",
        "act": "fulfil",
        "by": "board",
        "mandate": "report",
    }
    result = docs.run(ORG, [POWERS], [MANDATE, fulfil], end="2020-03-01")
    assert result.verdict("f") is Verdict.VALID
    assert _missed(result) == []
    assert result.violations == []


@pytest.mark.parametrize(
    ("end", "missed_at"), [("2020-03-01", None), ("2020-04-10", dt.date(2020, 4, 2))]
)
def test_extend_moves_the_due_date(
    docs: Docs, end: str, missed_at: dt.date | None
) -> None:
    extend = {
        "id": "x",
        "at": "2020-01-20",
        "act": "extend",
        "by": "convention",
        "mandate": "report",
        "due": "2020-04-01",
    }
    result = docs.run(ORG, [POWERS], [MANDATE, extend], end=end)
    assert result.verdict("x") is Verdict.VALID
    assert "mandate report extended to 2020-04-01" in result.record("x").effects
    assert [t.at for t in _missed(result)] == ([missed_at] if missed_at else [])


DEADLINE = {
    "id": "E",
    "text": "The board implements sanctions within fourteen days.",
    "requires": [
        {
            "rule": "deadline",
            "acts": ["sanction"],
            "then": "implement",
            "days": 14,
            "obligee": "board",
        }
    ],
}


def _implement(at: str) -> dict[str, Any]:
    return {"id": "i", "at": at, "act": "implement", "by": "board", "decision": "s"}


def test_deadline_discharged_by_a_timely_implement(docs: Docs) -> None:
    acts = [sanction("2020-01-01"), _implement("2020-01-15")]
    result = docs.run(ORG, [POWERS, DEADLINE], acts, end="2020-03-01")
    assert "duty s:implement discharged" in result.record("i").effects
    assert _missed(result) == []
    assert [v for v in result.violations if v.rule == "deadline"] == []


@pytest.mark.parametrize("late", [["2020-01-20"], []])
def test_deadline_missed_without_a_timely_implement(
    docs: Docs, late: list[str]
) -> None:
    acts = [sanction("2020-01-01"), *[_implement(at) for at in late]]
    result = docs.run(ORG, [POWERS, DEADLINE], acts, end="2020-03-01")
    (violation,) = [v for v in result.violations if v.rule == "deadline"]
    assert violation.clause == "E"
    assert violation.act == "s"
    assert violation.at == dt.date(2020, 1, 16)
    assert violation.message == "board did not implement after s by 2020-01-15"


# --- bodies: joint meetings and created bodies ---------------------------------------

JOINT = {
    "id": "J",
    "text": "A joint meeting of the board and the panel may speak for all.",
    "powers": [{"by": {"joint_of": ["board", "panel"]}, "acts": ["publish_statement"]}],
}


def _convene(meeting: str, bodies: list[str], at: str = "2020-01-01") -> dict[str, Any]:
    return {
        "id": f"c-{meeting}",
        "at": at,
        "act": "convene",
        "by": "board",
        "meeting": meeting,
        "bodies": bodies,
    }


def test_joint_meeting_holds_joint_of_powers(docs: Docs) -> None:
    acts = [
        _convene("jm", ["board", "panel"]),
        publish("jm-speaks", "2020-01-01", by="jm"),
        _convene("other", ["board", "convention"]),
        publish("other-speaks", "2020-01-01", by="other"),
    ]
    # The board needs its own power to convene; J alone gives it none.
    convene_power = {
        "id": "C",
        "text": "The board convenes; a joint meeting needs all six members.",
        "powers": [{"by": "board", "acts": ["convene"]}],
        "decides": [
            {
                "acts": ["publish_statement"],
                "by": {"joint_of": ["board", "panel"]},
                "quorum": 6,
            }
        ],
    }
    result = docs.run(ORG, [convene_power, JOINT], acts)
    assert result.verdict("c-jm") is Verdict.VALID
    assert result.record("c-jm").effects == ("jm convened (board + panel)",)
    record = result.record("jm-speaks")
    assert record.verdict is Verdict.VALID
    (power,) = holding(record, "power")
    assert power.clause == "J"
    # Everyone seated on either convened body sits in the joint meeting.
    assert "quorum: 6 members present after recusals, 6 needed" in [
        r.check for r in holding(record, "decision_rule")
    ]
    other = result.record("other-speaks")
    assert other.verdict is Verdict.VOID
    assert "no clause in force gives other the power to publish_statement" in (
        failing(other, "power")[0].check
    )


def test_created_body_cannot_receive_powers_its_creator_lacks(docs: Docs) -> None:
    create = {
        "id": "c",
        "at": "2020-01-01",
        "act": "create_body",
        "by": "board",
        "body": "tribunal",
        "members": ["alice", "bob"],
        "powers": [{"acts": ["sanction"]}],
    }
    result = docs.run(ORG, [POWERS], [create, sanction("2020-01-02", by="tribunal")])
    record = result.record("c")
    assert record.verdict is Verdict.VOID
    (fact,) = failing(record, "fact")
    assert fact.check.startswith("board cannot delegate sanction")
    assert result.verdict("s") is Verdict.VOID
    assert result.statuses()["eve"] == "member"


def test_created_body_exercises_a_delegated_power(docs: Docs) -> None:
    delegable = {
        "id": "G",
        "text": "The board speaks and may delegate speaking.",
        "powers": [
            {"by": "board", "acts": ["create_body"]},
            {"by": "board", "acts": ["publish_statement"], "delegable": True},
        ],
    }
    create = {
        "id": "c",
        "at": "2020-01-01",
        "act": "create_body",
        "by": "board",
        "body": "press",
        "members": ["alice"],
        "powers": [{"acts": ["publish_statement"]}],
    }
    result = docs.run(
        ORG, [delegable], [create, publish("p", "2020-01-02", by="press")]
    )
    assert result.verdict("c") is Verdict.VALID
    record = result.record("p")
    assert record.verdict is Verdict.VALID
    (reason,) = holding(record, "delegation")
    assert reason.check == "press holds publish_statement by delegation in act c"


def test_a_power_that_is_not_delegable_cannot_be_delegated(docs: Docs) -> None:
    create = {
        "id": "c",
        "at": "2020-01-01",
        "act": "create_body",
        "by": "board",
        "body": "press",
        "members": ["alice"],
        "powers": [{"acts": ["publish_statement"]}],
    }
    # In POWERS the board's publish_statement power is not delegable.
    result = docs.run(ORG, [POWERS], [create, publish("p", "2020-01-02", by="press")])
    record = result.record("c")
    assert record.verdict is Verdict.VOID
    (fact,) = failing(record, "fact")
    assert fact.check.startswith("board cannot delegate publish_statement")
    assert "delegable" in fact.check
    assert result.verdict("p") is Verdict.VOID


# --- amendments and variants -------------------------------------------------------

OLD = {
    "id": "C1",
    "text": "The board speaks for the organisation.",
    "powers": [{"by": "board", "acts": ["publish_statement"]}],
}
NEW = {
    "id": "C1",
    "text": "Only the panel speaks for the organisation.",
    "powers": [{"by": "panel", "acts": ["publish_statement"]}],
}


def test_amendment_applies_from_its_in_force_date(docs: Docs) -> None:
    amendments = [{"id": "am1", "in_force": "2020-06-01", "clauses": [NEW]}]
    acts = [
        publish("board-before", "2020-05-31"),
        publish("board-after", "2020-06-01"),
        publish("panel-after", "2020-06-02", by="panel"),
    ]
    result = docs.run(ORG, [OLD], acts, book_extra={"amendments": amendments})
    before = result.record("board-before")
    assert before.verdict is Verdict.VALID
    assert holding(before, "power")[0].text == OLD["text"]
    assert result.verdict("board-after") is Verdict.VOID
    after = result.record("panel-after")
    assert after.verdict is Verdict.VALID
    assert holding(after, "power")[0].text == NEW["text"]


def test_amendment_repeal_drops_a_clause_from_its_date(docs: Docs) -> None:
    amendments = [{"id": "am1", "in_force": "2020-06-01", "repeal": ["A"]}]
    acts = [
        publish("before", "2020-05-01", audience="public"),
        publish("after", "2020-07-01", audience="public"),
    ]
    result = docs.run(
        ORG, [POWERS, AUDIENCE], acts, book_extra={"amendments": amendments}
    )
    assert result.verdict("before") is Verdict.IRREGULAR
    assert result.verdict("after") is Verdict.VALID
    assert [v.act for v in result.violations] == ["before"]


def test_extends_and_remove(docs: Docs) -> None:
    parent = rulebook([POWERS, AUDIENCE], ident="parent")
    mandates = {
        "id": "M",
        "text": "The board may give mandates.",
        "powers": [{"by": "board", "acts": ["mandate"]}],
    }
    child = rulebook([mandates], ident="child", extends="parent", remove=["A"])
    acts = [
        publish("p", "2020-01-01", audience="public"),
        {**MANDATE, "by": "board"},
    ]
    path = docs.build(ORG, [parent, child], scenario(acts, books=["parent", "child"]))
    loaded = govsim.load_scenario(path)
    assert loaded.rulebooks["child"].lineage == ("child", "parent")
    assert [c.id for c in loaded.rulebooks["child"].clauses] == ["P", "M"]
    under_parent = govsim.run(loaded, "parent")
    under_child = govsim.run(loaded, "child")
    assert under_parent.verdict("p") is Verdict.IRREGULAR
    assert under_child.verdict("p") is Verdict.VALID
    assert under_parent.verdict("m") is Verdict.VOID
    assert under_child.verdict("m") is Verdict.VALID
    assert holding(under_child.record("m"), "power")[0].clause == "M"


# --- class-based targets ---------------------------------------------------------------

INDIVIDUAL = {
    "id": "IND",
    "text": "Measures name their targets.",
    "requires": [{"rule": "individual", "acts": ["interim_suspend"]}],
}


@pytest.mark.parametrize(
    ("targets", "expanded", "class_based"),
    [
        ([{"tag": "old_guard"}], ("tim", "tom"), True),
        ([{"seat_on": "old-board", "during": "2018-06-01"}], ("tim", "tom"), True),
        (
            [{"seat_on": "old-board", "during": "2019-03-01"}, "eve"],
            ("tim", "eve"),
            True,
        ),
        ([{"seat_on": "old-board"}], ("alice",), True),
        (["tom", "tim"], ("tom", "tim"), False),
    ],
)
def test_class_targets_expand_and_break_the_individual_rule(
    docs: Docs, targets: list[Any], expanded: tuple[str, ...], class_based: bool
) -> None:
    measure = {
        "id": "m",
        "at": "2020-01-01",
        "act": "interim_suspend",
        "by": "board",
        "targets": targets,
        "scope": "leadership_bodies",
    }
    result = docs.run(ORG, [POWERS, INDIVIDUAL], [measure])
    record = result.record("m")
    assert record.targets == expanded
    (reason,) = [r for r in record.reasons if r.rule == "individual"]
    assert reason.holds is not class_based
    if class_based:
        assert f"selected as a class ({len(expanded)} persons)" in reason.check
        assert record.verdict is Verdict.IRREGULAR
    else:
        assert record.verdict is Verdict.VALID


# --- known bugs ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "follow_up",
    [
        {"act": "serve_notice", "by": "panel", "target": "eve", "charges": ["c"]},
        {"act": "hear", "by": "panel", "target": "eve"},
        {"act": "recuse", "by": "xavier"},
        {"act": "interfere", "by": "bob"},
    ],
    ids=lambda f: f["act"],
)
def test_case_acts_after_a_void_complaint_are_void(
    docs: Docs, follow_up: dict[str, Any]
) -> None:
    # No clause lets members complain, so the complaint opening k1 is void.
    panel_only = {
        "id": "P",
        "text": "Only the panel acts.",
        "powers": [{"by": "panel", "acts": ["serve_notice", "hear"]}],
    }
    acts = [COMPLAINT, {"id": "f", "at": "2020-01-02", "case": "k1", **follow_up}]
    result = docs.run(ORG, [panel_only], acts)
    assert result.verdict("k") is Verdict.VOID
    assert result.verdict("f") is Verdict.VOID


def test_deferred_timed_sanction_lapses_after_implementation(docs: Docs) -> None:
    acts = [
        sanction("2020-01-01", kind="suspend_membership", days=10),
        {
            "id": "i",
            "at": "2020-01-02",
            "act": "implement",
            "by": "board",
            "decision": "s",
        },
    ]
    result = docs.run(ORG, [DEFERRED], acts, end="2020-02-01")
    assert result.verdict("i") is Verdict.VALID
    assert [t.subject for t in result.timed if t.kind == "lapse"] == ["s"]
    assert result.statuses()["eve"] == "member"


def test_a_quashed_timed_sanction_ends_that_day_and_never_lapses(docs: Docs) -> None:
    quash = {
        "id": "q",
        "at": "2020-01-03",
        "act": "alter_decision",
        "by": "board",
        "decision": "s",
        "outcome": "quash",
    }
    acts = [sanction("2020-01-01", kind="suspend_membership", days=10), quash]
    result = docs.run(ORG, [POWERS], acts, end="2020-02-01")
    assert result.verdict("q") is not Verdict.VOID
    measure = result.trace.world.measures["s"]
    assert not measure.active
    assert measure.ended == (result.trace.calendar.day(dt.date(2020, 1, 3)), "quashed")
    assert [t for t in result.timed if t.kind == "lapse"] == []
    assert result.statuses()["eve"] == "member"


def test_immediate_timed_sanction_lapses(docs: Docs) -> None:
    acts = [sanction("2020-01-01", kind="suspend_membership", days=10)]
    result = docs.run(ORG, [POWERS], acts, end="2020-02-01")
    # Ten days after 1 January is 11 January, its last day; it lapses on the 12th.
    (lapse,) = [t for t in result.timed if t.kind == "lapse"]
    assert (lapse.subject, lapse.at) == ("s", dt.date(2020, 1, 12))
    assert result.statuses()["eve"] == "member"


# --- seats of a body of fixed size ----------------------------------------------


def test_seating_beyond_a_fixed_size_needs_a_vacancy(docs: Docs) -> None:
    elects = {
        "id": "E",
        "text": "The convention elects the panel; its members may resign.",
        "powers": [
            {"by": "convention", "acts": ["elect"]},
            {"by": {"person": "member"}, "acts": ["resign_office"]},
        ],
    }

    def elect(ident: str, at: str, persons: list[str]) -> dict[str, Any]:
        return {
            "id": ident,
            "at": at,
            "act": "elect",
            "by": "convention",
            "body": "panel",
            "persons": persons,
        }

    leave = {
        "id": "leave",
        "at": "2020-01-02",
        "act": "resign_office",
        "by": "gina",
        "body": "panel",
    }
    result = docs.run(
        ORG,
        [POWERS, elects],
        [
            elect("full", "2020-01-01", ["alice"]),
            elect("again", "2020-01-01", ["dave"]),
            leave,
            elect("vacancy", "2020-01-03", ["alice"]),
        ],
    )
    assert result.verdict("full") is Verdict.VOID
    (reason,) = failing(result.record("full"), "fact")
    assert reason.check == (
        "panel has 3 seats and 3 are filled: seating 1 more needs as many vacancies"
    )
    # An incumbent re-elected takes no new seat.
    assert result.verdict("again") is Verdict.VALID
    assert result.verdict("vacancy") is Verdict.VALID


def test_a_removal_power_over_one_body_does_not_reach_another_seat(docs: Docs) -> None:
    # A power to remove Election Committee members reaches that seat only: a
    # person who also sits on the audit committee keeps that seat against it.
    org = organisation(
        ["both", "chair"],
        {
            "council": {"kind": "executive", "seats": [{"person": "chair"}]},
            "elections": {"kind": "committee", "seats": [{"person": "both"}]},
            "audit": {"kind": "committee", "seats": [{"person": "both"}]},
        },
    )
    clause = {
        "id": "15",
        "text": "The council may remove members of the Election Committee.",
        "powers": [
            {
                "by": "council",
                "acts": ["sanction"],
                "over": {"seat_on": ["elections"]},
                "when": {"sanctions": ["remove_from_office"]},
            }
        ],
    }
    acts = [
        {
            "id": f"off-{office}",
            "at": f"2024-03-0{day}",
            "act": "sanction",
            "by": "council",
            "targets": ["both"],
            "sanction": "remove_from_office",
            "office": office,
        }
        for day, office in ((1, "audit"), (2, "elections"))
    ]
    result = docs.run(org, [clause], acts, enforcement="regimented")
    assert result.verdict("off-audit") is Verdict.VOID
    assert result.verdict("off-elections") is Verdict.VALID


def test_a_missed_deadline_is_owed_by_the_body_holding_the_case(docs: Docs) -> None:
    # The board may find too (it is named first), but the committee the case
    # was given to is the one that must report within the deadline.
    org = organisation(
        ["a", "b", "m", "r"],
        {
            "board": {"kind": "executive", "seats": [{"person": "a"}]},
            "cttee": {"kind": "disciplinary", "seats": [{"person": "b"}]},
        },
    )
    clause = {
        "id": "6",
        "text": "The committee reports its findings within thirty days.",
        "powers": [
            {"by": {"person": "member"}, "acts": ["file_complaint"]},
            {"by": "board", "acts": ["assign_investigator", "find"]},
            {"by": {"kind": ["disciplinary"]}, "acts": ["find"]},
        ],
        "requires": [
            {
                "rule": "deadline",
                "acts": ["assign_investigator"],
                "then": "find",
                "days": 30,
            }
        ],
    }
    acts = [
        {
            "id": "k",
            "at": "2024-03-01",
            "act": "file_complaint",
            "by": "m",
            "case": "k1",
            "against": ["r"],
        },
        {
            "id": "refer",
            "at": "2024-03-02",
            "act": "assign_investigator",
            "by": "board",
            "case": "k1",
            "investigator": "cttee",
        },
    ]
    result = docs.run(org, [clause], acts, end="2024-05-01")
    assert result.verdict("refer") is Verdict.VALID
    (missed,) = _missed(result)
    assert "cttee did not find after refer" in missed.message


def test_a_finding_reversed_is_set_aside(docs: Docs) -> None:
    # Debian's developers override a Technical Committee decision by reversing
    # it: the finding must leave the case, as a quashed one does.
    org = organisation(
        ["a", "m", "r"],
        {
            "tc": {"kind": "committee", "seats": [{"person": "a"}]},
            "devs": {"kind": "membership"},
        },
    )
    clause = {
        "id": "4",
        "text": "The committee decides; the developers may reverse it.",
        "powers": [
            {"by": {"person": "member"}, "acts": ["file_complaint"]},
            {"by": "tc", "acts": ["find"]},
            {"by": "devs", "acts": ["ratify"]},
        ],
    }
    acts = [
        {
            "id": "k",
            "at": "2024-03-01",
            "act": "file_complaint",
            "by": "m",
            "case": "k1",
            "against": ["r"],
        },
        {
            "id": "f",
            "at": "2024-03-05",
            "act": "find",
            "by": "tc",
            "case": "k1",
            "targets": ["r"],
        },
        {
            "id": "rev",
            "at": "2024-03-20",
            "act": "ratify",
            "by": "devs",
            "subject": "f",
            "outcome": "reverse",
        },
    ]
    result = docs.run(org, [clause], acts)
    assert result.verdict("rev") is Verdict.VALID
    (record,) = [a for a in result.acts if a.id == "rev"]
    assert "the finding f in case k1 reversed (1 set aside)" in record.effects


@pytest.mark.parametrize(
    ("elected_on", "by", "missed"),
    [("2024-04-15", "members", 0), (None, "members", 1), ("2024-04-15", "ec", 1)],
)
def test_a_vacancy_deadline_is_met_by_filling_the_seat(
    docs: Docs, elected_on: str | None, by: str, missed: int
) -> None:
    # The AWU fills a Council vacancy by a special election within 60 days. The
    # rule names the Council's seat holders, whose seat the resignation vacates,
    # and the election answers it though it names no act.
    org = organisation(
        ["chair", "b", "c"],
        {
            "members": {"kind": "membership"},
            "ec": {
                "kind": "executive",
                "size": 2,
                "seats": [{"person": "chair"}, {"person": "b"}],
            },
        },
    )
    clause = {
        "id": "11",
        "text": "A vacancy on the Council is filled by election within 60 days.",
        "powers": [
            {
                "by": {"person": "seat_holder", "bodies": ["ec"]},
                "acts": ["resign_office"],
                "over": {"persons": "self"},
            },
            {"by": "members", "acts": ["elect"], "over": {"bodies": ["ec"]}},
            {"by": "ec", "acts": ["elect"], "over": {"bodies": ["ec"]}},
        ],
        "requires": [
            {
                "rule": "deadline",
                "acts": ["resign_office"],
                "then": "elect",
                "days": 60,
                "by": {"person": "seat_holder", "bodies": ["ec"]},
                "obligee": "members",
            }
        ],
    }
    acts: list[dict[str, Any]] = [
        {
            "id": "quit",
            "at": "2024-03-01",
            "act": "resign_office",
            "by": "chair",
            "body": "ec",
        },
    ]
    if elected_on is not None:
        acts.append(
            {
                "id": "fill",
                "at": elected_on,
                "act": "elect",
                "by": by,
                "body": "ec",
                "persons": ["c"],
            }
        )
    result = docs.run(org, [clause], acts, end="2024-06-30")
    assert result.verdict("quit") is Verdict.VALID
    if elected_on is not None:
        assert result.verdict("fill") is Verdict.VALID
    assert len(_missed(result)) == missed


def test_a_further_appeal_runs_from_the_last_appeal_decided(docs: Docs) -> None:
    # The IWW's final appeal to the membership is lodged within 30 days of the
    # appeal body's decision, not of the branch's sanction months before.
    org = organisation(
        ["a", "b", "m", "r"],
        {
            "branch": {"kind": "disciplinary", "seats": [{"person": "a"}]},
            "panel": {"kind": "appeal", "seats": [{"person": "b"}]},
            "members": {"kind": "membership"},
        },
    )
    clause = {
        "id": "8",
        "text": "Appeals within 30 days, to the panel, then to the members.",
        "powers": [
            {"by": {"person": "member"}, "acts": ["file_complaint"]},
            {"by": "branch", "acts": ["sanction"]},
            {"by": {"person": "party"}, "acts": ["appeal"]},
            {"by": "panel", "acts": ["decide_appeal"]},
            {"by": "members", "acts": ["decide_appeal"]},
        ],
        "requires": [{"rule": "appeal_window", "acts": ["appeal"], "days": 30}],
    }
    acts = [
        {
            "id": "k",
            "at": "2024-01-02",
            "act": "file_complaint",
            "by": "m",
            "case": "k1",
            "against": ["r"],
        },
        {
            "id": "s",
            "at": "2024-01-10",
            "act": "sanction",
            "by": "branch",
            "case": "k1",
            "targets": ["r"],
            "sanction": "suspend_membership",
        },
        {"id": "a1", "at": "2024-01-20", "act": "appeal", "by": "r", "decision": "s"},
        {
            "id": "d1",
            "at": "2024-03-01",
            "act": "decide_appeal",
            "by": "panel",
            "appeal": "a1",
            "outcome": "confirm",
        },
        {"id": "a2", "at": "2024-03-20", "act": "appeal", "by": "r", "decision": "s"},
    ]
    result = docs.run(org, [clause], acts, enforcement="regimented")
    assert result.verdict("a1") is Verdict.VALID
    assert result.verdict("a2") is Verdict.VALID
    late = [*acts[:4], {**acts[4], "at": "2024-04-15"}]
    result = docs.run(org, [clause], late, enforcement="regimented")
    assert result.verdict("a2") is Verdict.VOID
    (record,) = [a for a in result.acts if a.id == "a2"]
    (reason,) = [r for r in record.reasons if not r.holds]
    assert "45 days after the last appeal on it was decided" in reason.check


@pytest.mark.parametrize(("heard_at", "verdict"), [("gm2", "valid"), ("gm1", "void")])
def test_a_hearing_at_the_same_meeting_is_asked_of_the_meeting_that_votes(
    docs: Docs, heard_at: str, verdict: str
) -> None:
    # A co-operative's member is expelled only after making representations
    # to the meeting that votes; having spoken at an earlier one is not enough.
    org = organisation(["a", "b", "c", "r"], {"members": {"kind": "membership"}})
    clause = {
        "id": "5",
        "text": "The members expel at a general meeting that heard the member.",
        "enforcement": "regimented",
        "powers": [
            {"by": {"person": "member"}, "acts": ["file_complaint"]},
            {"by": "members", "acts": ["convene", "hear", "sanction"]},
        ],
        "requires": [{"rule": "hearing", "acts": ["sanction"], "same_meeting": True}],
    }
    meetings = [
        {
            "id": f"call-{m}",
            "at": called,
            "act": "convene",
            "by": "members",
            "meeting": m,
            "bodies": ["members"],
            "sits": sits,
            "notice_days": 21,
        }
        for m, called, sits in (
            ("gm1", "2024-02-01", "2024-03-01"),
            ("gm2", "2024-03-05", "2024-04-02"),
        )
    ]
    sits = {"gm1": "2024-03-01", "gm2": "2024-04-02"}
    acts = [
        {
            "id": "k",
            "at": "2024-01-10",
            "act": "file_complaint",
            "by": "a",
            "case": "k1",
            "against": ["r"],
        },
        *meetings,
        {
            "id": "heard",
            "at": sits[heard_at],
            "act": "hear",
            "by": "members",
            "meeting": heard_at,
            "case": "k1",
            "target": "r",
            "present": 4,
        },
        {
            "id": "expel",
            "at": "2024-04-02",
            "act": "sanction",
            "by": "members",
            "meeting": "gm2",
            "case": "k1",
            "targets": ["r"],
            "sanction": "expel",
            "present": 4,
            "vote": {"for": 3, "against": 1},
        },
    ]
    acts.sort(key=lambda act: str(act["at"]))  # the hearing may precede gm2's call
    result = docs.run(org, [clause], acts)
    assert result.verdict("heard") is Verdict.VALID
    assert result.verdict("expel").value == verdict
