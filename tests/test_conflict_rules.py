"""Conflicts a rule book creates (shared office), and who investigates a case.

Sitting on the executive with the respondent is no conflict unless a clause
says so (``conflicts: [{shared_seat_on: [exec]}]``). A body given a case to
investigate is not a panel of investigators: its members investigate when the
assignment names them or when they take its investigative steps.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import Docs, organisation, rulebook, scenario, span_of
from typer.testing import CliRunner

import govsim
from govsim.analysis.provisions import describe
from govsim.engine.trace import Reason, Verdict
from govsim.faces.cli import app
from govsim.findings.result import Result
from govsim.model.rulebook import ConflictRule

# --- shared office ---------------------------------------------------------------------

# exec: resp (the respondent), col and ex; old left exec on 21 February 2020,
# so the last day old sat with resp was 20 February, 10 days before the
# sanction of 1 March. col and old also sit on dc, which decides.
ORG = organisation(
    ["comp", "resp", "col", "ex", "old", "d1", "d2"],
    {
        "exec": {
            "kind": "executive",
            "seats": [
                {"person": "resp"},
                {"person": "col"},
                {"person": "ex"},
                {"person": "old", "until": "2020-02-21"},
            ],
        },
        "dc": {
            "kind": "disciplinary",
            "seats": [{"person": p} for p in ("col", "old", "d1", "d2")],
        },
        "members": {"kind": "membership"},
    },
)
POWERS = {
    "id": "1",
    "text": "Members complain; the disciplinary committee sanctions.",
    "powers": [
        {"by": {"person": "member"}, "acts": ["file_complaint"]},
        {"by": "dc", "acts": ["sanction"]},
    ],
    "decides": [{"acts": ["sanction"]}],
}
RECUSAL = {
    "id": "2",
    "text": "No one with a conflict takes part.",
    "requires": [{"rule": "recusal", "acts": ["sanction"]}],
}


def colleagues(**rule: Any) -> dict[str, Any]:
    """Clause 7.2: members of the executive are conflicted in each other's cases."""
    return {
        "id": "7.2",
        "text": "Members of the executive take no part in a case against a colleague.",
        "conflicts": [{"shared_seat_on": ["exec"], **rule}],
    }


COMPLAINT = {
    "id": "k",
    "at": "2020-01-01",
    "act": "file_complaint",
    "by": "comp",
    "case": "k1",
    "against": ["resp"],
}


def sanction(*voters: str, against: tuple[str, ...] = ("d2",)) -> dict[str, Any]:
    return {
        "id": "s",
        "at": "2020-03-01",
        "act": "sanction",
        "by": "dc",
        "case": "k1",
        "targets": ["resp"],
        "sanction": "warning",
        "present": [*voters, *against],
        "vote": {"for": list(voters), "against": list(against)},
    }


def check(path: Path) -> Any:
    """``govsim check`` on a file, the terminal's width and colour left out."""
    env = dict.fromkeys(("COLUMNS", "FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE"))
    return CliRunner(env=env).invoke(app, ["check", str(path)])


def failing(result: Result, act: str, rule: str) -> list[str]:
    return [
        r.check for r in result.record(act).reasons if not r.holds and r.rule == rule
    ]


def reasons(result: Result, act: str, rule: str) -> list[Reason]:
    return [r for r in result.record(act).reasons if r.rule == rule]


def test_a_colleague_on_the_executive_is_conflicted_only_where_the_book_says_so(
    docs: Docs,
) -> None:
    books = [
        rulebook([POWERS, RECUSAL, colleagues()], ident="with"),
        rulebook([POWERS, RECUSAL], ident="without"),
    ]
    acts = [COMPLAINT, sanction("col", "d1")]
    path = docs.build(
        ORG,
        books,
        scenario(acts, books=("with", "without"), invariants=["nemo_iudex"]),
    )
    with_rule = govsim.run(path, "with")
    assert failing(with_rule, "s", "recusal") == [
        "col took part despite a conflict "
        "(shared_seat: col sits with resp on exec (clause 7.2))"
    ]
    # col's vote is not counted: one for, one against is no majority.
    assert failing(with_rule, "s", "decision_rule") != []
    assert with_rule.verdict("s") is Verdict.IRREGULAR
    (breach,) = [b for b in with_rule.breaches if b.invariant == "nemo_iudex"]
    assert "col" in breach.witnesses
    assert "shared_seat: col sits with resp on exec (clause 7.2)" in breach.message

    without = govsim.run(path, "without")
    assert failing(without, "s", "recusal") == []
    assert failing(without, "s", "decision_rule") == []
    assert without.verdict("s") is Verdict.VALID
    assert [b for b in without.breaches if b.invariant == "nemo_iudex"] == []


@pytest.mark.parametrize(
    ("within_days", "conflicted"), [(0, False), (9, False), (10, True)]
)
def test_a_shared_seat_counts_within_the_days_before_the_decision(
    docs: Docs, within_days: int, conflicted: bool
) -> None:
    # old and resp last sat together on exec on 20 February: 10 days before.
    result = docs.run(
        ORG,
        [POWERS, RECUSAL, colleagues(within_days=within_days)],
        [COMPLAINT, sanction("old", "d1", against=())],
    )
    expected = (
        [
            "old took part despite a conflict (shared_seat: old sat with resp on "
            "exec within 10 days (clause 7.2))"
        ]
        if conflicted
        else []
    )
    assert failing(result, "s", "recusal") == expected


def test_a_recusal_rule_that_leaves_out_shared_seats_ignores_them(
    docs: Docs,
) -> None:
    narrow = {
        "id": "2",
        "text": "Parties, relatives and those who declared take no part.",
        "requires": [
            {
                "rule": "recusal",
                "acts": ["sanction"],
                "conflicts": ["party", "relation", "declared"],
            }
        ],
    }
    result = docs.run(
        ORG, [POWERS, narrow, colleagues()], [COMPLAINT, sanction("col", "d1")]
    )
    assert failing(result, "s", "recusal") == []
    assert [r.check for r in reasons(result, "s", "recusal")] == [
        "no one with a conflict in the case took part"
    ]


# --- refused on loading ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "needle", "message"),
    [
        (
            {"shared_seat_on": ["exce"]},
            '"exce"',
            "clauses.2.conflicts.0.shared_seat_on.0: unknown body 'exce' "
            "(did you mean 'exec'?)",
        ),
        (
            {"shared_seat_on": ["members"]},
            '"members"',
            "clauses.2.conflicts.0.shared_seat_on.0: 'members' is a membership "
            "body: every member shares it with the parties, so everyone would be "
            "conflicted; name the bodies whose members are colleagues",
        ),
        (
            {"shared_seat_on": ["exec"], "within_days": -1},
            "-1",
            "clauses.2.conflicts.0.within_days:",
        ),
        (
            {"shared_seat_on": []},
            "[]",
            "clauses.2.conflicts.0.shared_seat_on:",
        ),
    ],
)
def test_a_bad_conflict_rule_is_a_positioned_error(
    docs: Docs, rule: dict[str, Any], needle: str, message: str
) -> None:
    clause = {"id": "7.2", "text": "Colleagues stand aside.", "conflicts": [rule]}
    path = docs.build(ORG, [rulebook([POWERS, RECUSAL, clause])], scenario([COMPLAINT]))
    book = docs.root / "rules" / "book.govsim.yaml"
    result = check(path)
    assert result.exit_code == 2
    assert f"{span_of(book, needle, after='conflicts')}: {message}" in result.stderr


def test_a_conflict_rule_in_an_amendment_names_known_bodies(docs: Docs) -> None:
    amendment = {
        "id": "a1",
        "in_force": "2020-02-01",
        "clauses": [colleagues() | {"conflicts": [{"shared_seat_on": ["exce"]}]}],
    }
    path = docs.build(
        ORG,
        [rulebook([POWERS, RECUSAL], amendments=[amendment])],
        scenario([COMPLAINT]),
    )
    book = docs.root / "rules" / "book.govsim.yaml"
    result = check(path)
    assert result.exit_code == 2
    where = span_of(book, '"exce"')
    assert (
        f"{where}: amendments.0.clauses.0.conflicts.0.shared_seat_on.0: "
        "unknown body 'exce'"
    ) in result.stderr


# --- who investigates ------------------------------------------------------------------

# inq, a commission of a, b and c, is given the case on 5 January; late and
# later join it on 10 January. panel decides; c, late and later sit on it too.
INQ_ORG = organisation(
    ["comp", "resp", "ex", "a", "b", "c", "late", "later", "d1"],
    {
        "exec": {"kind": "executive", "seats": [{"person": "ex"}]},
        "inq": {
            "kind": "commission",
            "seats": [
                {"person": "a"},
                {"person": "b"},
                {"person": "c"},
                {"person": "late", "from": "2020-01-10"},
                {"person": "later", "from": "2020-01-10"},
            ],
        },
        "panel": {
            "kind": "disciplinary",
            "seats": [{"person": p} for p in ("a", "c", "late", "later", "d1")],
        },
    },
)
INQ_BOOK = [
    {
        "id": "1",
        "text": "The executive refers complaints; the commission charges; the panel decides.",
        "powers": [
            {"by": {"person": "member"}, "acts": ["file_complaint"]},
            {"by": "exec", "acts": ["assign_investigator"]},
            {"by": "inq", "acts": ["serve_notice"]},
            {"by": "panel", "acts": ["find"]},
        ],
    },
    {
        "id": "2",
        "text": "No one who investigated a case takes part in deciding it.",
        "requires": [{"rule": "separation", "acts": ["find"]}],
    },
]


def assign(**extra: Any) -> dict[str, Any]:
    return {
        "id": "refer",
        "at": "2020-01-05",
        "act": "assign_investigator",
        "by": "exec",
        "case": "k1",
        "investigator": "inq",
        **extra,
    }


def notice(ident: str, at: str, *present: str) -> dict[str, Any]:
    return {
        "id": ident,
        "at": at,
        "act": "serve_notice",
        "by": "inq",
        "case": "k1",
        "target": "resp",
        "charges": ["the conduct complained of"],
        "present": list(present),
    }


def find(ident: str, at: str, *voters: str) -> dict[str, Any]:
    return {
        "id": ident,
        "at": at,
        "act": "find",
        "by": "panel",
        "case": "k1",
        "targets": ["resp"],
        "present": list(voters),
        "vote": {"for": list(voters)},
    }


def split(result: Result) -> list[str]:
    return [
        b.message
        for b in result.breaches
        if b.invariant == "investigate_adjudicate_split"
    ]


def test_members_of_a_body_given_a_case_investigate_only_by_taking_its_steps(
    docs: Docs,
) -> None:
    acts = [
        COMPLAINT,
        assign(),
        notice("charges", "2020-01-06", "a", "b"),
        find("by-c", "2020-02-01", "c", "d1"),
        find("by-a", "2020-02-02", "a", "d1"),
    ]
    result = docs.run(INQ_ORG, INQ_BOOK, acts)
    assert result.record("refer").effects == ("inq investigates case k1",)
    # c sits on inq but took no part in serving the charges.
    assert failing(result, "by-c", "separation") == []
    assert result.verdict("by-c") is Verdict.VALID
    assert failing(result, "by-a", "separation") == [
        "a investigated the case and now decides it"
    ]
    assert split(result) == ["a investigated case k1 and decides it now"]


def test_members_named_in_the_assignment_are_its_investigators(docs: Docs) -> None:
    acts = [
        COMPLAINT,
        assign(members=["c"]),
        find("by-c", "2020-02-01", "c", "d1"),
        find("by-a", "2020-02-02", "a", "d1"),
    ]
    result = docs.run(INQ_ORG, INQ_BOOK, acts)
    assert result.record("refer").effects == ("inq investigates case k1 (c)",)
    assert failing(result, "by-c", "separation") == [
        "c investigated the case and now decides it"
    ]
    assert failing(result, "by-a", "separation") == []


def test_members_named_must_sit_on_the_body(docs: Docs) -> None:
    result = docs.run(INQ_ORG, INQ_BOOK, [COMPLAINT, assign(members=["c", "d1"])])
    record = result.record("refer")
    assert record.verdict is Verdict.VOID
    assert [r.check for r in record.reasons if not r.holds] == [
        "d1, named to investigate, holds no seat on inq on 2020-01-05"
    ]


def test_members_are_named_only_for_a_body(docs: Docs) -> None:
    act = assign(investigator="a", members=["b"])
    record = docs.run(INQ_ORG, INQ_BOOK, [COMPLAINT, act]).record("refer")
    assert record.verdict is Verdict.VOID
    assert [r.check for r in record.reasons if not r.holds] == [
        "members are named only when a body investigates, and a is a person"
    ]


def test_members_named_must_exist(docs: Docs) -> None:
    path = docs.build(
        INQ_ORG,
        [rulebook(INQ_BOOK)],
        scenario([COMPLAINT, assign(members=["nobody"])]),
    )
    result = check(path)
    assert result.exit_code == 2
    where = span_of(path, '"nobody"')
    assert f"{where}: acts.1.members.0: unknown person 'nobody'" in result.stderr


def test_a_member_who_joined_later_investigates_only_by_taking_a_step(
    docs: Docs,
) -> None:
    acts = [
        COMPLAINT,
        assign(),
        notice("charges", "2020-01-06", "a", "b"),
        notice("more-charges", "2020-01-12", "later"),
        find("finding", "2020-02-01", "c", "late", "later"),
        # After the finding, serving charges is no longer investigating.
        notice("after", "2020-02-03", "late"),
        find("again", "2020-02-04", "late", "d1"),
    ]
    result = docs.run(INQ_ORG, INQ_BOOK, acts)
    assert failing(result, "finding", "separation") == [
        "later investigated the case and now decides it"
    ]
    assert failing(result, "again", "separation") == []


def test_a_body_deciding_a_case_it_was_given_breaks_the_split_as_a_body(
    docs: Docs,
) -> None:
    book = [
        INQ_BOOK[0]
        | {
            "powers": [
                {"by": {"person": "member"}, "acts": ["file_complaint"]},
                {"by": "exec", "acts": ["assign_investigator"]},
                {"by": "inq", "acts": ["serve_notice", "find"]},
            ]
        },
        INQ_BOOK[1],
    ]
    decide = find("finding", "2020-02-01", "c") | {"by": "inq"}
    result = docs.run(INQ_ORG, book, [COMPLAINT, assign(), decide])
    assert failing(result, "finding", "separation") == []
    assert split(result) == ["inq was given case k1 to investigate and decides it now"]


def test_a_clause_diff_shows_a_conflict_rule_in_words() -> None:
    rule = ConflictRule(shared_seat_on=("exec", "nc"), within_days=365)
    assert describe("conflicts", rule) == (
        "conflict: shared seat on exec/nc within 365 days"
    )
