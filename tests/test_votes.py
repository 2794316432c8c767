"""Attendance and votes: who is counted, who took part, and every base of a threshold."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import Docs, organisation, rulebook, scenario

import govsim
from govsim.engine.trace import Reason, Verdict
from govsim.errors import DocumentError

ORG = organisation(
    {
        "ann": {},
        "ben": {},
        "cat": {},
        "dan": {},
        "eva": {},
        "sus": {"status": "suspended"},
        "resp": {},
        "comp": {},
        "guest": {},
    },
    {
        "dc": {
            "kind": "disciplinary",
            "size": 7,
            "seats": [{"person": p} for p in ("ann", "ben", "cat", "dan", "eva")],
        },
        "exec": {
            "kind": "executive",
            "seats": [{"person": p} for p in ("ann", "ben", "resp", "sus")],
        },
        "convention": {"kind": "convention"},
    },
)

POWERS = {
    "id": "P",
    "text": "Who may do what.",
    "powers": [
        {"by": {"person": "member"}, "acts": ["file_complaint"]},
        {"by": "dc", "acts": ["sanction", "find"]},
        {"by": "exec", "acts": ["sanction", "publish_statement"]},
        {"by": "convention", "acts": ["mandate"]},
    ],
}
RECUSAL = {
    "id": "R",
    "text": "No one with a conflict takes part.",
    "requires": [{"rule": "recusal", "acts": ["sanction", "find"]}],
}
COMPLAINT = {
    "id": "k",
    "at": "2020-01-01",
    "act": "file_complaint",
    "by": "comp",
    "case": "k1",
    "against": ["resp"],
}


def act(by: str = "exec", **extra: Any) -> dict[str, Any]:
    return {
        "id": "s",
        "at": "2020-01-10",
        "act": "sanction",
        "by": by,
        "case": "k1",
        "targets": ["resp"],
        "sanction": "warning",
        **extra,
    }


def rule(**decides: Any) -> dict[str, Any]:
    return {
        "id": "T",
        "text": "How votes are counted.",
        "decides": [{"acts": ["sanction", "mandate"], **decides}],
    }


def checks(record: Any, rule: str) -> list[str]:
    return [r.check for r in record.reasons if r.rule == rule]


def failing(record: Any, rule: str) -> list[Reason]:
    return [r for r in record.reasons if not r.holds and r.rule == rule]


# --- who is counted when no vote is recorded -------------------------------------------


def test_a_respondent_on_the_deciding_body_is_not_counted_when_no_vote_is_recorded(
    docs: Docs,
) -> None:
    # exec: ann, ben, resp (the respondent) and sus (suspended). No vote is
    # recorded: the decision is carried by ann and ben alone.
    result = docs.run(
        ORG,
        [POWERS, RECUSAL, rule(base="present_entitled", quorum=3)],
        [COMPLAINT, act()],
    )
    record = result.record("s")
    assert checks(record, "decision_rule") == [
        "quorum: 2 members present after recusals, 3 needed",
        "threshold: 2 votes for out of 2 members present and entitled to vote, "
        "more than half required",
    ]
    meeting = checks(record, "meeting")
    assert (
        meeting[0]
        == "no meeting recorded: taken as a meeting of exec on 10 January 2020"
    )
    assert "taken as the 3 seat holders able to sit and not away" in meeting[1]
    assert meeting[2] == (
        "no vote recorded: taken as carried by the 2 present and entitled to vote "
        "with no conflict in the case; resp (conflicted) taken to have stood aside"
    )
    # Taken to have stood aside, the respondent broke no recusal rule.
    assert failing(record, "recusal") == []
    assert record.verdict is Verdict.IRREGULAR  # only the quorum failed


def test_a_suspended_seat_holder_listed_present_is_not_counted(docs: Docs) -> None:
    acts = [COMPLAINT, act(present=["ann", "ben", "sus"], vote="unanimous")]
    record = docs.run(ORG, [POWERS, rule(base="present")], acts).record("s")
    assert "not entitled to vote, not counted: sus is suspended" in checks(
        record, "meeting"
    )
    assert checks(record, "decision_rule") == [
        "threshold: 2 votes for out of 2 members present, more than half required"
    ]


def test_a_declared_conflict_then_a_vote_breaks_recusal_and_nemo_iudex(
    docs: Docs,
) -> None:
    declare = {
        "id": "d",
        "at": "2020-01-05",
        "act": "declare_conflict",
        "by": "ann",
        "case": "k1",
        "reason": "a friend of the respondent",
    }
    vote = {"for": ["ann", "ben", "cat"]}
    acts = [COMPLAINT, declare, act(by="dc", vote=vote)]
    result = docs.run(ORG, [POWERS, RECUSAL], acts, invariants=["nemo_iudex"])
    assert result.record("d").effects == ("ann declares a conflict in case k1",)
    record = result.record("s")
    (reason,) = failing(record, "recusal")
    assert reason.check == (
        "ann took part despite a conflict (declared: ann declared a conflict "
        "(a friend of the respondent))"
    )
    assert record.verdict is Verdict.IRREGULAR
    (breach,) = [b for b in result.breaches if b.invariant == "nemo_iudex"]
    assert "ann" in breach.witnesses


def test_declaring_without_voting_is_no_breach(docs: Docs) -> None:
    declare = {
        "id": "d",
        "at": "2020-01-05",
        "act": "declare_conflict",
        "by": "ann",
        "case": "k1",
    }
    acts = [COMPLAINT, declare, act(by="dc", vote={"for": ["ben", "cat"]})]
    result = docs.run(ORG, [POWERS, RECUSAL], acts, invariants=["nemo_iudex"])
    assert result.verdict("s") is Verdict.VALID
    assert [b for b in result.breaches if b.invariant == "nemo_iudex"] == []


# --- who may vote ----------------------------------------------------------------------

VOTING_RIGHTS = {
    "id": "V",
    "text": "Only members of the committee vote in it.",
    "requires": [{"rule": "voting_rights", "acts": ["sanction"]}],
}


@pytest.mark.parametrize(
    "clauses", [[], [VOTING_RIGHTS]], ids=["silent-book", "voting-rights"]
)
def test_a_non_seat_holder_voting_is_excluded_and_a_violation_where_the_book_says(
    docs: Docs, clauses: list[dict[str, Any]]
) -> None:
    # Counted, guest's vote would carry it 3 to 2; it is not counted.
    vote = {"for": ["ann", "ben", "guest"], "against": ["cat", "dan"]}
    acts = [COMPLAINT, act(by="dc", vote=vote)]
    record = docs.run(ORG, [POWERS, rule(), *clauses], acts).record("s")
    (threshold,) = [r for r in record.reasons if r.rule == "decision_rule"]
    assert threshold.check == (
        "threshold: 2 votes for out of 4 votes cast, more than half required"
    )
    assert threshold.holds is False
    assert "not entitled to vote, not counted: guest holds no seat on dc" in checks(
        record, "meeting"
    )
    rights = [r.check for r in failing(record, "voting_rights")]
    assert rights == (["guest took part but holds no seat on dc"] if clauses else [])


def test_counts_the_unconflicted_could_have_cast_leave_the_conflicted_out(
    docs: Docs,
) -> None:
    # exec has ann, ben and resp able to sit; 2 votes cast can be ann's and ben's.
    acts = [COMPLAINT, act(vote={"for": 2})]
    record = docs.run(ORG, [POWERS, RECUSAL], acts).record("s")
    assert failing(record, "recusal") == []
    assert (
        "the 2 votes cast can all be those of the 2 present with no conflict: "
        "resp taken not to have voted"
    ) in checks(record, "meeting")
    record = docs.run(ORG, [POWERS, RECUSAL], [COMPLAINT, act(vote={"for": 3})]).record(
        "s"
    )
    (reason,) = failing(record, "recusal")
    assert reason.check.startswith("resp took part despite a conflict")


# --- bases and abstentions ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("base", "holds", "against"),
    [
        ("votes_cast", True, "3 votes cast"),
        ("present", False, "5 members present"),
        ("present_entitled", False, "5 members present and entitled to vote"),
        ("seats_filled", False, "5 seats filled"),
        ("seats", False, "7 seats"),
    ],
)
def test_abstentions_count_for_nothing_on_votes_cast_and_against_on_every_other_base(
    docs: Docs, base: str, holds: bool, against: str
) -> None:
    # dc: 5 members present of 7 seats; 2 for, 1 against, 2 abstaining.
    vote = {"for": ["ann", "ben"], "against": ["cat"], "abstain": ["dan", "eva"]}
    record = docs.run(
        ORG, [POWERS, rule(base=base)], [COMPLAINT, act(by="dc", vote=vote)]
    ).record("s")
    (reason,) = [r for r in record.reasons if r.rule == "decision_rule"]
    assert reason.holds is holds
    assert (
        reason.check
        == f"threshold: 2 votes for out of {against}, more than half required"
    )


def test_a_supermajority_of_the_whole_body_and_a_minimum_number(docs: Docs) -> None:
    vote = {"for": ["ann", "ben", "cat", "dan", "eva"]}
    book = rule(base="seats", threshold="2/3", min_for=6)
    record = docs.run(ORG, [POWERS, book], [COMPLAINT, act(by="dc", vote=vote)]).record(
        "s"
    )
    assert checks(record, "decision_rule") == [
        "threshold: 5 votes for out of 7 seats, at least 2/3 and at least 6 for required"
    ]
    assert record.verdict is Verdict.IRREGULAR


@pytest.mark.parametrize(
    ("base", "present", "holds", "against"),
    [
        ("votes_cast", None, True, "440 votes cast"),
        ("present", None, True, "458 members present"),
        ("present", 500, False, "500 members present"),
        ("present_entitled", 500, False, "500 members present and entitled to vote"),
        ("seats", 500, False, "500 seats"),
    ],
)
def test_an_assembly_voting_in_numbers_counts_on_every_base(
    docs: Docs, base: str, present: int | None, holds: bool, against: str
) -> None:
    mandate = {
        "id": "m",
        "at": "2020-02-01",
        "act": "mandate",
        "by": "convention",
        "mandate": "report",
        "obligee": "exec",
        "task": "report back",
        "due": "2020-06-01",
        "vote": {"for": 231, "against": 209, "abstain": 18},
    }
    if present is not None:
        mandate["present"] = present
    record = docs.run(ORG, [POWERS, rule(base=base, quorum=400)], [mandate]).record("m")
    quorum, threshold = [r for r in record.reasons if r.rule == "decision_rule"]
    assert quorum.check == f"quorum: {present or 458} members present, 400 needed"
    assert threshold.holds is holds
    assert (
        threshold.check
        == f"threshold: 231 votes for out of {against}, more than half required"
    )


# --- a conditional quorum ----------------------------------------------------------------

CONDITIONAL = rule(
    quorum="majority", exceptions=[{"when": {"able_at_most": 4}, "quorum": 2}]
)
"""A majority of the committee (4 of its 7 seats), or 2 when recusals or
vacancies leave 4 or fewer able to act."""


@pytest.mark.parametrize(
    ("recused", "check", "holds"),
    [
        ((), "quorum: 5 members present after recusals, 4 needed", True),
        (
            ("eva",),
            "quorum: 4 members present after recusals, 2 needed (4 members able to act, at most 4)",
            True,
        ),
        (
            ("eva", "dan"),
            "quorum: 3 members present after recusals, 2 needed (3 members able to act, at most 4)",
            True,
        ),
        (
            ("eva", "dan", "cat"),
            "quorum: 2 members present after recusals, 2 needed (2 members able to act, at most 4)",
            True,
        ),
    ],
    ids=["5-able", "4-able", "3-able", "2-able"],
)
def test_the_conditional_quorum_at_5_4_3_and_2_able_to_act(
    docs: Docs, recused: tuple[str, ...], check: str, holds: bool
) -> None:
    recusals = [
        {"id": f"r-{p}", "at": "2020-01-05", "act": "recuse", "by": p, "case": "k1"}
        for p in recused
    ]
    record = docs.run(
        ORG, [POWERS, CONDITIONAL], [COMPLAINT, *recusals, act(by="dc")]
    ).record("s")
    quorum = next(r for r in record.reasons if r.rule == "decision_rule")
    assert (quorum.check, quorum.holds) == (check, holds)


def test_the_reduced_quorum_still_needs_its_number_present(docs: Docs) -> None:
    recusals = [
        {"id": f"r-{p}", "at": "2020-01-05", "act": "recuse", "by": p, "case": "k1"}
        for p in ("eva", "dan", "cat")
    ]
    acts = [COMPLAINT, *recusals, act(by="dc", present=["ann"], vote={"for": ["ann"]})]
    record = docs.run(ORG, [POWERS, CONDITIONAL], acts).record("s")
    quorum = next(r for r in record.reasons if r.rule == "decision_rule")
    assert quorum.holds is False
    assert quorum.check.startswith("quorum: 1 member present after recusals, 2 needed")


# --- bad attendance and votes: positioned errors -----------------------------------------


def _load_problems(docs: Docs, acts: list[dict[str, Any]]) -> str:
    path = docs.build(ORG, [rulebook([POWERS])], scenario(acts))
    with pytest.raises(DocumentError) as caught:
        govsim.load_scenario(path)
    return str(caught.value)


@pytest.mark.parametrize(
    ("extra", "where", "message"),
    [
        (
            {"vote": {"for": ["ann", "nobody"]}},
            "acts.1.vote.for.1",
            "unknown person 'nobody'",
        ),
        (
            {"vote": {"for": ["ann"], "against": ["ann"]}},
            "acts.1.vote.against.0",
            "ann already voted ('for')",
        ),
        ({"present": ["ann", "ann"]}, "acts.1.present.1", "ann is listed twice"),
        ({"present": ["ann", "nobdy"]}, "acts.1.present.1", "unknown person 'nobdy'"),
        (
            {"present": ["ann"], "vote": {"for": ["ann", "ben"]}},
            "acts.1.vote.for.1",
            "ben voted but is not in the attendance",
        ),
        (
            {"present": 3, "vote": {"for": 3, "against": 1}},
            "acts.1.vote",
            "4 votes (for, against and abstaining) exceed the 3 present",
        ),
    ],
    ids=[
        "unknown-voter",
        "voted-twice",
        "listed-twice",
        "unknown-attendee",
        "voter-absent",
        "too-many-votes",
    ],
)
def test_bad_attendance_and_votes_are_refused_with_their_position(
    docs: Docs, extra: dict[str, Any], where: str, message: str
) -> None:
    text = _load_problems(docs, [COMPLAINT, act(by="dc", **extra)])
    assert f"{where}: {message}" in text
    assert "scenario.govsim.yaml:" in text


# --- no decision rule: the default majority of votes cast --------------------


@pytest.mark.parametrize(
    ("vote", "enforcement", "verdict"),
    [
        ({"for": ["ann"], "against": ["ben", "cat"]}, None, Verdict.IRREGULAR),
        ({"for": 2, "against": 2}, None, Verdict.IRREGULAR),
        ({"for": ["ann"], "against": ["ben", "cat"]}, "regimented", Verdict.VOID),
        ({"for": 3, "against": 1, "abstain": 1}, None, Verdict.VALID),
    ],
)
def test_with_no_decision_rule_a_vote_must_still_be_won(
    docs: Docs, vote, enforcement, verdict
):
    result = docs.run(
        ORG, [POWERS], [COMPLAINT, act(by="dc", vote=vote)], enforcement=enforcement
    )
    record = result.record("s")
    assert record.verdict == verdict
    said = " ".join(checks(record, "decision_rule"))
    assert "majority of the votes cast" in said
    lost = failing(record, "decision_rule")
    assert bool(lost) == (verdict != Verdict.VALID)
    if lost:
        assert "the motion was not carried by the default" in lost[0].check
        (violation,) = [v for v in result.violations if v.act == "s"]
        assert (violation.rule, violation.clause) == ("decision_rule", None)


def test_a_lost_vote_gets_the_same_verdict_with_or_without_the_default_written(
    docs: Docs,
):
    lost = {"for": ["ann"], "against": ["ben", "cat"]}
    acts = [COMPLAINT, act(by="dc", vote=lost)]
    unwritten = docs.run(ORG, [POWERS], acts).record("s").verdict
    written = docs.run(ORG, [POWERS, rule()], acts).record("s").verdict
    assert unwritten == written == Verdict.IRREGULAR


def test_with_no_vote_recorded_the_default_majority_is_not_applied(docs: Docs):
    result = docs.run(ORG, [POWERS], [COMPLAINT, act(by="dc")])
    record = result.record("s")
    assert record.verdict == Verdict.VALID
    assert not any("majority of the votes cast" in r.check for r in record.reasons)


def test_a_decision_rule_of_the_book_replaces_the_default(docs: Docs):
    lost = {"for": ["ann"], "against": ["ben", "cat"]}
    result = docs.run(
        ORG,
        [POWERS, rule(threshold="majority")],
        [COMPLAINT, act(by="dc", vote=lost)],
    )
    record = result.record("s")
    assert not any("default" in r.check for r in record.reasons)
    assert failing(record, "decision_rule")


def test_the_default_majority_leaves_out_a_conflicted_vote_as_a_rule_would(docs: Docs):
    # resp sits on exec and is the respondent: his vote for is not counted.
    vote = {"for": ["resp", "ann"], "against": ["ben"]}
    result = docs.run(ORG, [POWERS], [COMPLAINT, act(vote=vote)])
    record = result.record("s")
    assert record.verdict == Verdict.IRREGULAR
    assert any("not carried" in r.check for r in failing(record, "decision_rule"))


def test_when_everyone_is_conflicted_the_default_counts_their_votes(docs: Docs):
    org = organisation(
        ["comp", "resp", "x1", "x2"],
        {"board": {"kind": "executive", "seats": [{"person": "x1"}, {"person": "x2"}]}},
        [
            {"kind": "family", "persons": ["x1", "comp"]},
            {"kind": "family", "persons": ["x2", "comp"]},
        ],
    )
    powers = {
        "id": "P",
        "text": "Who may do what.",
        "powers": [
            {"by": {"person": "member"}, "acts": ["file_complaint"]},
            {"by": "board", "acts": ["sanction"]},
        ],
    }
    vote = {"for": ["x1", "x2"]}
    result = docs.run(org, [powers], [COMPLAINT, act(by="board", vote=vote)])
    record = result.record("s")
    assert record.verdict == Verdict.VALID
    (said,) = checks(record, "decision_rule")
    assert "2 votes for out of 2 votes cast" in said
    assert "every member entitled to vote is conflicted" in said
