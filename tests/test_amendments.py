"""Changing the rules inside a history: ``amend_rules``, entrenchment, transitional provisions.

Each test replays a small association (a membership, a board of three, a
disciplinary committee of three) under a book written for it, and checks the
verdict on the amending act and on the acts after it: later acts must be
judged under the book as the valid amendments left it, and as the void ones
did not.
"""

from __future__ import annotations

from typing import Any

from conftest import Docs, association, rulebook, scenario

import govsim
from govsim.engine.trace import Reason, Verdict
from govsim.findings.result import Result

ORG = association()

CONTROL = {
    "id": "1",
    "text": "The members elect and may recall the board.",
    "accountability": [
        {"relation": "elects", "by": "membership", "of": "board"},
        {"relation": "recalls", "by": "membership", "of": "board"},
    ],
}
COMPLAINTS = {
    "id": "3",
    "text": "Any member may bring a complaint.",
    "powers": [{"by": {"person": "member"}, "acts": ["file_complaint"]}],
}
DISCIPLINE = {
    "id": "2",
    "text": "The disciplinary committee may sanction a member after hearing them.",
    "powers": [{"by": "dc", "acts": ["sanction"]}],
    "requires": [{"rule": "hearing", "acts": ["sanction"]}],
}
BOARD_DISCIPLINES = {
    "id": "2",
    "text": "The board may sanction a member.",
    "powers": [{"by": "board", "acts": ["sanction"]}],
}


def amendment_clause(**power: Any) -> dict[str, Any]:
    """Clause 4: who may amend, and how the vote on it is counted."""
    return {
        "id": "4",
        "text": "The rules may be amended.",
        "powers": [{"acts": ["amend_rules"], **power}],
    }


def amend(ident: str, at: str, by: str = "board", **changes: Any) -> dict[str, Any]:
    return {"id": ident, "at": at, "act": "amend_rules", "by": by, **changes}


COMPLAINT = {
    "id": "complaint",
    "at": "2024-05-03",
    "act": "file_complaint",
    "by": "member-a",
    "case": "k1",
    "against": ["critic"],
}


def expel(at: str = "2024-05-10", by: str = "board") -> dict[str, Any]:
    return {
        "id": "expel",
        "at": at,
        "act": "sanction",
        "by": by,
        "case": "k1",
        "targets": ["critic"],
        "sanction": "expel",
    }


def run(
    docs: Docs, clauses: list[dict[str, Any]], acts: list[dict[str, Any]]
) -> Result:
    path = docs.build(ORG, [rulebook(clauses)], scenario(acts))
    return govsim.run(path, "book")


def failing(result: Result, act: str, rule: str) -> list[Reason]:
    return [r for r in result.record(act).reasons if not r.holds and r.rule == rule]


# --- a power to amend, and what a valid amendment changes ----------------------


def test_a_valid_amendment_changes_the_rules_for_later_acts(docs: Docs) -> None:
    result = run(
        docs,
        [CONTROL, DISCIPLINE, COMPLAINTS, amendment_clause(by="board")],
        [amend("take", "2024-05-02", replace=[BOARD_DISCIPLINES]), COMPLAINT, expel()],
    )
    assert result.verdict("take") is Verdict.VALID
    assert result.verdict("expel") is Verdict.VALID
    assert result.statuses()["critic"] == "expelled"
    power = next(r for r in result.record("expel").reasons if r.rule == "power")
    assert power.text == "The board may sanction a member."
    assert (
        "rules amended from 2024-05-02: rewords clause 2"
        in result.record("take").effects[0]
    )
    first, second = result.trace.versions
    assert (first.number, first.act) == (1, None)
    assert (second.number, second.act, second.rewords, second.adds) == (
        2,
        "take",
        ("2",),
        (),
    )


def test_without_the_amendment_the_board_has_no_power_to_expel(docs: Docs) -> None:
    result = run(docs, [CONTROL, DISCIPLINE, COMPLAINTS], [COMPLAINT, expel()])
    assert result.verdict("expel") is Verdict.VOID
    assert result.statuses()["critic"] == "member"


def test_an_amendment_nobody_may_make_is_void_and_changes_nothing(docs: Docs) -> None:
    result = run(
        docs,
        [CONTROL, DISCIPLINE, COMPLAINTS, amendment_clause(by="membership")],
        [amend("take", "2024-05-02", replace=[BOARD_DISCIPLINES]), COMPLAINT, expel()],
    )
    assert result.verdict("take") is Verdict.VOID
    (reason,) = failing(result, "take", "power")
    assert "belongs to membership" in reason.check
    # Later acts are judged under the old book: the board still may not expel.
    assert result.verdict("expel") is Verdict.VOID
    assert len(result.trace.versions) == 1


def test_a_power_limited_to_some_clauses_does_not_reach_others(docs: Docs) -> None:
    clause = amendment_clause(by="board", when={"clauses": ["3", "5.*"]})
    new = {"id": "5.1", "text": "Meetings are held monthly."}
    result = run(
        docs,
        [CONTROL, DISCIPLINE, COMPLAINTS, clause],
        [
            amend("meetings", "2024-05-01", add=[new]),
            amend("take", "2024-05-02", replace=[BOARD_DISCIPLINES]),
        ],
    )
    assert result.verdict("meetings") is Verdict.VALID
    assert result.verdict("take") is Verdict.VOID
    (reason,) = failing(result, "take", "power")
    assert "only over clauses 3, 5.*, and this act changes 2" in reason.check


def test_changes_apply_from_their_in_force_day_not_before(docs: Docs) -> None:
    result = run(
        docs,
        [CONTROL, DISCIPLINE, COMPLAINTS, amendment_clause(by="board")],
        [
            amend(
                "take", "2024-05-02", replace=[BOARD_DISCIPLINES], in_force="2024-06-01"
            ),
            COMPLAINT,
            expel("2024-05-10"),
        ],
    )
    assert result.verdict("take") is Verdict.VALID
    # On 10 May the board's new power is not yet in force.
    assert result.verdict("expel") is Verdict.VOID
    assert "rules amended from 2024-06-01" in result.record("take").effects[0]


def test_an_amendment_dated_before_its_adoption_applies_from_adoption(
    docs: Docs,
) -> None:
    result = run(
        docs,
        [CONTROL, DISCIPLINE, COMPLAINTS, amendment_clause(by="board")],
        [
            amend(
                "take", "2024-05-02", replace=[BOARD_DISCIPLINES], in_force="2024-01-01"
            )
        ],
    )
    assert result.verdict("take") is Verdict.IRREGULAR
    (reason,) = failing(result, "take", "retroactive")
    assert "before they were adopted on 2024-05-02" in reason.check
    assert result.trace.versions[1].in_force.isoformat() == "2024-05-02"


def test_changing_a_clause_not_in_force_is_void(docs: Docs) -> None:
    """The first amendment is void, so the clause it would have added is not there."""
    new = {"id": "9", "text": "A new clause."}
    result = run(
        docs,
        [CONTROL, DISCIPLINE, COMPLAINTS, amendment_clause(by="membership")],
        [
            amend("add", "2024-05-01", add=[new]),
            amend("repeal", "2024-05-02", by="membership", repeal=["9"]),
        ],
    )
    assert result.verdict("add") is Verdict.VOID
    assert result.verdict("repeal") is Verdict.VOID
    (reason,) = failing(result, "repeal", "fact")
    assert reason.check == "clause 9 is not in force on 2024-05-02"


# --- entrenched and reserved clauses ---------------------------------------------


def entrenched(clause: dict[str, Any], **rule: Any) -> dict[str, Any]:
    return {**clause, "entrenched": rule or True}


def test_a_board_amending_a_clause_reserved_to_the_members_is_void(docs: Docs) -> None:
    result = run(
        docs,
        [
            CONTROL,
            entrenched(DISCIPLINE, by=["membership"]),
            COMPLAINTS,
            amendment_clause(by={"kind": ["executive", "membership"]}),
        ],
        [amend("take", "2024-05-02", replace=[BOARD_DISCIPLINES]), COMPLAINT, expel()],
    )
    assert result.verdict("take") is Verdict.VOID
    (reason,) = failing(result, "take", "entrenchment")
    assert reason.clause == "2"
    assert reason.enforcement == "regimented"
    assert "clause 2 is reserved to membership: board may not change it" in reason.check
    assert result.verdict("expel") is Verdict.VOID
    assert result.statuses()["critic"] == "member"


def test_the_members_adopt_the_same_change_with_notice_and_two_thirds(
    docs: Docs,
) -> None:
    rule = {"by": ["membership"], "threshold": "2/3", "notice_days": 30}
    acts = [
        {
            "id": "table",
            "at": "2024-04-01",
            "act": "propose",
            "by": "member-a",
            "proposal": "p1",
        },
        amend(
            "take",
            "2024-05-02",
            by="membership",
            replace=[BOARD_DISCIPLINES],
            proposal="p1",
            present=40,
            vote={"for": 30, "against": 10},
        ),
        COMPLAINT,
        expel(),
    ]
    book = [
        CONTROL,
        entrenched(DISCIPLINE, **rule),
        COMPLAINTS,
        {
            **amendment_clause(by="membership"),
            "powers": [
                {"by": "membership", "acts": ["amend_rules"]},
                {"by": {"person": "member"}, "acts": ["propose"]},
            ],
        },
    ]
    result = run(docs, book, acts)
    assert result.verdict("take") is Verdict.VALID, result.record("take").failing
    checks = [
        r.check for r in result.record("take").reasons if r.rule == "entrenchment"
    ]
    assert any(
        "30 votes for out of 40 votes cast, at least 2/3 required" in c for c in checks
    )
    assert any(
        "notice of the text by proposal p1 on 2024-04-01: 31 days" in c for c in checks
    )
    assert result.verdict("expel") is Verdict.VALID
    assert result.statuses()["critic"] == "expelled"


def test_an_entrenched_clause_changed_by_the_ordinary_threshold_is_void(
    docs: Docs,
) -> None:
    acts = [
        amend(
            "take",
            "2024-05-02",
            by="membership",
            replace=[BOARD_DISCIPLINES],
            present=40,
            vote={"for": 21, "against": 19},
        )
    ]
    book = [
        CONTROL,
        entrenched(DISCIPLINE, threshold="2/3"),
        COMPLAINTS,
        amendment_clause(by="membership"),
    ]
    result = run(docs, book, acts)
    assert result.verdict("take") is Verdict.VOID
    (reason,) = failing(result, "take", "entrenchment")
    assert (
        reason.check
        == "to change entrenched clause 2: threshold: 21 votes for out of 40 votes cast, at least 2/3 required"
    )
    assert len(result.trace.versions) == 1


def test_a_power_over_clauses_not_entrenched_does_not_reach_a_marked_one(
    docs: Docs,
) -> None:
    result = run(
        docs,
        [
            CONTROL,
            entrenched(DISCIPLINE),
            COMPLAINTS,
            amendment_clause(by="board", when={"entrenched": False}),
        ],
        [amend("take", "2024-05-02", replace=[BOARD_DISCIPLINES])],
    )
    assert result.verdict("take") is Verdict.VOID
    (reason,) = failing(result, "take", "power")
    assert (
        "only over clauses not entrenched, and this act changes 2, which is entrenched"
        in reason.check
    )


def test_the_amendment_clause_protects_itself(docs: Docs) -> None:
    """Clause 4 is entrenched: the board may not widen its own power to amend."""
    guarded = entrenched(
        amendment_clause(by="board", when={"entrenched": False}), by=["membership"]
    )
    wider = amendment_clause(by="board")
    result = run(
        docs,
        [CONTROL, entrenched(DISCIPLINE), COMPLAINTS, guarded],
        [
            amend("widen", "2024-05-01", replace=[wider]),
            amend("take", "2024-05-02", replace=[BOARD_DISCIPLINES]),
        ],
    )
    assert result.verdict("widen") is Verdict.VOID
    assert result.verdict("take") is Verdict.VOID


def test_two_readings_of_the_same_text(docs: Docs) -> None:
    book = [
        CONTROL,
        entrenched(DISCIPLINE, readings=2, days_between=14),
        COMPLAINTS,
        amendment_clause(by="board"),
    ]
    first = amend("first", "2024-04-01", replace=[BOARD_DISCIPLINES], reading="first")
    kept = run(
        docs,
        book,
        [
            first,
            amend(
                "second",
                "2024-05-02",
                replace=[BOARD_DISCIPLINES],
                first_reading="first",
            ),
        ],
    )
    assert kept.verdict("first") is Verdict.VALID
    assert "nothing changes yet" in kept.record("first").effects[0]
    assert kept.verdict("second") is Verdict.VALID
    assert len(kept.trace.versions) == 2
    other = {**BOARD_DISCIPLINES, "text": "The board may expel anyone."}
    changed = run(
        docs,
        book,
        [first, amend("second", "2024-05-02", replace=[other], first_reading="first")],
    )
    assert changed.verdict("second") is Verdict.VOID
    (reason,) = failing(changed, "second", "entrenchment")
    assert "reading first was of other changes" in reason.check
    hurried = run(
        docs,
        book,
        [
            {**first, "at": "2024-04-30"},
            amend(
                "second",
                "2024-05-02",
                replace=[BOARD_DISCIPLINES],
                first_reading="first",
            ),
        ],
    )
    (reason,) = failing(hurried, "second", "entrenchment")
    assert "2 days apart (14 needed between readings)" in reason.check


def test_a_book_wide_readings_rule_is_audited_like_any_requirement(docs: Docs) -> None:
    clause = {
        **amendment_clause(by="board"),
        "requires": [{"rule": "readings", "acts": ["amend_rules"]}],
    }
    result = run(
        docs,
        [CONTROL, DISCIPLINE, COMPLAINTS, clause],
        [amend("take", "2024-05-02", replace=[BOARD_DISCIPLINES])],
    )
    assert result.verdict("take") is Verdict.IRREGULAR
    (reason,) = failing(result, "take", "readings")
    assert reason.check == "2 readings needed; no earlier reading is named"
    assert len(result.trace.versions) == 2


# --- transitional provisions -----------------------------------------------------


def test_an_amendment_for_new_cases_leaves_a_pending_case_under_the_old_rules(
    docs: Docs,
) -> None:
    acts = [
        COMPLAINT,
        amend(
            "take", "2024-05-04", replace=[BOARD_DISCIPLINES], applies_to="new_cases"
        ),
        expel(),
        {**COMPLAINT, "id": "complaint2", "case": "k2", "at": "2024-05-11"},
        {**expel("2024-05-12"), "id": "expel2", "case": "k2"},
    ]
    result = run(
        docs, [CONTROL, DISCIPLINE, COMPLAINTS, amendment_clause(by="board")], acts
    )
    # In k1, opened before the amendment, the board relied on a power the
    # amendment withholds from that case: void under the rules as they stood,
    # and a violation of the transitional provision.
    assert result.verdict("expel") is Verdict.VOID
    notes = [
        r.check for r in result.record("expel").reasons if r.rule == "transitional"
    ]
    assert any(
        "applies to new cases only, and case k1 was opened on 2024-05-03" in n
        for n in notes
    )
    (broken,) = failing(result, "expel", "transitional")
    assert "applies the amendment against its transitional provision" in broken.check
    assert any(v.rule == "transitional" for v in result.violations)
    # In k2, opened after it, the new rules apply.
    assert result.verdict("expel2") is Verdict.VALID


def test_an_amendment_for_new_cases_respected_breaks_nothing(docs: Docs) -> None:
    acts = [
        COMPLAINT,
        amend(
            "take", "2024-05-04", replace=[BOARD_DISCIPLINES], applies_to="new_cases"
        ),
        {**expel(by="dc"), "id": "expel"},
    ]
    hearing = {
        "id": "hear",
        "at": "2024-05-08",
        "act": "hear",
        "by": "dc",
        "case": "k1",
        "target": "critic",
    }
    result = run(
        docs,
        [
            CONTROL,
            {**DISCIPLINE, "powers": [{"by": "dc", "acts": ["sanction", "hear"]}]},
            COMPLAINTS,
            amendment_clause(by="board"),
        ],
        [*acts[:2], hearing, acts[2]],
    )
    # The committee keeps the case under the old clause 2, hearing included.
    assert result.verdict("expel") is Verdict.VALID, result.record("expel").failing
    assert not failing(result, "expel", "transitional")


def test_an_amendment_applied_to_pending_cases_is_said_to_be_retroactive(
    docs: Docs,
) -> None:
    acts = [
        COMPLAINT,
        amend("take", "2024-05-04", replace=[BOARD_DISCIPLINES]),
        expel(),
    ]
    result = run(
        docs, [CONTROL, DISCIPLINE, COMPLAINTS, amendment_clause(by="board")], acts
    )
    assert result.verdict("expel") is Verdict.VALID
    (flag,) = [r for r in result.record("expel").reasons if r.rule == "retroactive"]
    assert flag.holds
    assert (
        flag.check
        == "amendment take, in force from 2024-05-04, changes the rules for this act in case k1, opened on 2024-05-03 before it: applied retroactively, as it applies to pending cases"
    )


def test_a_pending_cases_amendment_does_not_reach_a_closed_case(docs: Docs) -> None:
    close = {
        "id": "close",
        "at": "2024-05-03",
        "act": "close_case",
        "by": "dc",
        "case": "k1",
        "reason": "no_case",
    }
    reopen = {
        "id": "reopen",
        "at": "2024-05-10",
        "act": "alter_decision",
        "by": "board",
        "decision": "close",
        "outcome": "quash",
    }
    new_rule = {
        "id": "6",
        "text": "The board may quash any decision.",
        "powers": [{"by": "board", "acts": ["alter_decision"]}],
    }
    book = [
        CONTROL,
        DISCIPLINE,
        COMPLAINTS,
        amendment_clause(by="board"),
        {
            "id": "7",
            "text": "The committee may close cases.",
            "powers": [{"by": "dc", "acts": ["close_case"]}],
        },
    ]
    pending = run(
        docs,
        book,
        [COMPLAINT, close, amend("quash-power", "2024-05-04", add=[new_rule]), reopen],
    )
    assert pending.verdict("close") is Verdict.VALID
    assert pending.verdict("reopen") is Verdict.VOID
    notes = [
        r.check
        for r in pending.record("reopen").reasons
        if r.rule == "transitional" and r.holds
    ]
    assert any("and closed before then" in n for n in notes)
    every = run(
        docs,
        book,
        [
            COMPLAINT,
            close,
            amend("quash-power", "2024-05-04", add=[new_rule], applies_to="all"),
            reopen,
        ],
    )
    assert every.verdict("reopen") is Verdict.VALID


def test_notice_of_the_text_by_the_call_of_the_meeting_that_adopts_it(
    docs: Docs,
) -> None:
    clause = {
        **amendment_clause(by="board"),
        "powers": [{"by": "board", "acts": ["amend_rules", "convene"]}],
        "requires": [{"rule": "text_notice", "acts": ["amend_rules"], "days": 21}],
    }

    def history(called: str, agenda: list[str]) -> list[dict[str, Any]]:
        call = {
            "id": "call",
            "at": called,
            "act": "convene",
            "by": "board",
            "meeting": "m",
            "bodies": ["board"],
            "sits": "2024-05-02",
            "agenda": agenda,
            "notice_days": 1,
        }
        return [
            call,
            amend("take", "2024-05-02", replace=[BOARD_DISCIPLINES], meeting="m"),
        ]

    kept = run(
        docs, [CONTROL, DISCIPLINE, COMPLAINTS, clause], history("2024-04-01", ["take"])
    )
    assert kept.verdict("take") is Verdict.VALID
    (held,) = [r for r in kept.record("take").reasons if r.rule == "text_notice"]
    assert (
        held.check
        == "notice of the text by the call of meeting m on 2024-04-01: 31 days (21 needed)"
    )
    late = run(
        docs, [CONTROL, DISCIPLINE, COMPLAINTS, clause], history("2024-04-25", ["take"])
    )
    (short,) = failing(late, "take", "text_notice")
    assert "7 days (21 needed)" in short.check
    assert late.verdict("take") is Verdict.IRREGULAR
    unnamed = run(
        docs,
        [CONTROL, DISCIPLINE, COMPLAINTS, clause],
        history("2024-04-01", ["other business"]),
    )
    (none,) = failing(unnamed, "take", "text_notice")
    assert none.check.startswith("no notice of the text: 21 days needed")


# --- changing an entrenched clause without naming it ---------------------------------


def test_a_new_clause_denying_an_entrenched_power_changes_it_in_substance(
    docs: Docs,
) -> None:
    """A denial outranks any grant: adding one is amending the clause it cancels."""
    deny = {
        "id": "9",
        "text": "Nobody may recall the board.",
        "disabilities": [{"by": "membership", "acts": ["recall"]}],
    }
    book = [
        entrenched(CONTROL, by=["membership"]),
        DISCIPLINE,
        COMPLAINTS,
        amendment_clause(by="board"),
    ]
    result = run(docs, book, [amend("shield", "2024-05-02", add=[deny])])
    assert result.verdict("shield") is Verdict.VOID
    reasons = [r for r in result.record("shield").reasons if r.rule == "entrenchment"]
    assert reasons[0].check == (
        "clause 9 provides for recall, which entrenched clause 1 provides for: it "
        "changes clause 1 in substance, and must meet its entrenchment"
    )
    assert [r.check for r in reasons if not r.holds] == [
        "clause 1 is reserved to membership: board may not change it"
    ]


def test_a_power_to_amend_unentrenched_clauses_does_not_reach_a_derogation(
    docs: Docs,
) -> None:
    book = [
        entrenched(DISCIPLINE),
        CONTROL,
        COMPLAINTS,
        amendment_clause(by="board", when={"entrenched": False}),
    ]
    also = {
        "id": "9",
        "text": "The board may also sanction.",
        "powers": [{"by": "board", "acts": ["sanction"]}],
    }
    result = run(docs, book, [amend("also", "2024-05-02", add=[also])])
    assert result.verdict("also") is Verdict.VOID
    (reason,) = failing(result, "also", "power")
    assert reason.check.endswith(
        "only over clauses not entrenched, and this act changes 2 (in substance: "
        "clause 9 provides for sanction too), which is entrenched"
    )


def test_a_new_clause_on_other_acts_or_other_bodies_leaves_entrenched_ones_alone(
    docs: Docs,
) -> None:
    book = [
        entrenched(CONTROL, by=["membership"]),
        DISCIPLINE,
        COMPLAINTS,
        amendment_clause(by="board"),
    ]
    meetings = {
        "id": "9",
        "text": "The board may call meetings.",
        "powers": [{"by": "board", "acts": ["convene"]}],
    }
    other_body = {
        "id": "10",
        "text": "The board may recall members of the committee.",
        "powers": [{"by": "board", "acts": ["recall"], "over": {"bodies": ["dc"]}}],
    }
    result = run(
        docs,
        book,
        [
            amend("meetings", "2024-05-01", add=[meetings]),
            amend("dc", "2024-05-02", add=[other_body]),
        ],
    )
    assert result.verdict("meetings") is Verdict.VALID
    # Clause 1's recall is over the board; a recall over the committee does not touch it.
    assert result.verdict("dc") is Verdict.VALID
