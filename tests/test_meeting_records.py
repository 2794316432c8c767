"""Recorded meetings: notice to each person, waivers, the cure rule, and their business."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import Docs, organisation, rulebook, scenario, span_of
from typer.testing import CliRunner

import govsim
from govsim.engine.trace import Verdict
from govsim.errors import DocumentError
from govsim.faces.cli import app

ORG = organisation(
    ["alice", "bob", "carol", "dave", "ed"],
    {
        "board": {
            "kind": "executive",
            "seats": [{"person": p} for p in ("alice", "bob", "carol")],
        },
        "panel": {
            "kind": "disciplinary",
            "seats": [{"person": p} for p in ("dave", "ed")],
        },
    },
)
POWERS = {
    "id": "P",
    "text": "The board calls meetings and speaks; the panel speaks.",
    "powers": [
        {"by": "board", "acts": ["convene", "publish_statement"]},
        {"by": "panel", "acts": ["publish_statement"]},
    ],
}


def notice_rule(**extra: Any) -> dict[str, Any]:
    return {
        "id": "N",
        "text": "Each member has three days' notice of every meeting.",
        "requires": [{"rule": "meeting_notice", "days": 3, **extra}],
    }


def convene(**extra: Any) -> dict[str, Any]:
    return {
        "id": "call",
        "at": "2020-01-01",
        "act": "convene",
        "by": "board",
        "meeting": "m1",
        "bodies": ["board"],
        "sits": "2020-01-05",
        "notice": [{"to": ["alice", "bob"], "at": "2020-01-01"}],
        **extra,
    }


def business(ident: str = "s", **extra: Any) -> dict[str, Any]:
    return {
        "id": ident,
        "at": "2020-01-05",
        "act": "publish_statement",
        "by": "board",
        "meeting": "m1",
        **extra,
    }


WAIVER = {
    "id": "w",
    "at": "2020-01-04",
    "act": "waive_notice",
    "by": "carol",
    "meeting": "m1",
}


# --- notice per person --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("enforcement", "verdict"),
    [("audited", Verdict.IRREGULAR), ("regimented", Verdict.VOID)],
)
def test_business_at_a_meeting_a_member_was_not_told_of_falls_with_it(
    docs: Docs, enforcement: str, verdict: Verdict
) -> None:
    result = docs.run(
        ORG, [POWERS, notice_rule()], [convene(), business()], enforcement=enforcement
    )
    assert result.verdict("call") is Verdict.VALID  # calling it is no breach
    record = result.record("s")
    assert record.verdict is verdict
    (reason,) = [r for r in record.reasons if r.rule == "meeting_notice"]
    assert reason.clause == "N"
    assert reason.check == (
        "meeting m1 was held without the 3 days' notice required to 1 of the 3 "
        "entitled to it: carol (no notice)"
    )
    assert "taken at meeting m1 of board, sitting on 5 January 2020" in [
        r.check for r in record.reasons if r.rule == "meeting"
    ]


def test_a_written_waiver_cures_the_lack_of_notice(docs: Docs) -> None:
    result = docs.run(
        ORG, [POWERS, notice_rule(written=True)], [convene(), WAIVER, business()]
    )
    assert result.record("w").effects == (
        "carol waives notice of meeting m1 (in writing)",
    )
    record = result.record("s")
    assert record.verdict is Verdict.VALID
    (reason,) = [r for r in record.reasons if r.rule == "meeting_notice"]
    assert reason.check == (
        "meeting m1: each of the 3 entitled to notice had 3 days' written notice, "
        "or waived it (carol waived it)"
    )


def test_a_waiver_not_in_writing_does_not_cure_where_writing_is_required(
    docs: Docs,
) -> None:
    acts = [convene(), {**WAIVER, "written": False}, business()]
    assert (
        docs.run(ORG, [POWERS, notice_rule(written=True)], acts).verdict("s")
        is Verdict.IRREGULAR
    )
    assert docs.run(ORG, [POWERS, notice_rule()], acts).verdict("s") is Verdict.VALID


def test_short_or_unwritten_notice_is_said_per_person(docs: Docs) -> None:
    notice = [
        {"to": ["alice"], "at": "2020-01-01"},
        {"to": ["bob"], "at": "2020-01-01", "written": False},
        {"to": ["carol"], "at": "2020-01-04"},
    ]
    record = docs.run(
        ORG, [POWERS, notice_rule(written=True)], [convene(notice=notice), business()]
    ).record("s")
    (reason,) = [r for r in record.reasons if r.rule == "meeting_notice"]
    assert reason.check.endswith(
        "to 2 of the 3 entitled to it: bob (notice not in writing); carol (1 day's notice)"
    )


@pytest.mark.parametrize(
    ("objections", "verdict"), [([], Verdict.VALID), (["carol"], Verdict.IRREGULAR)]
)
def test_attending_without_objecting_waives_notice_under_the_cure_rule(
    docs: Docs, objections: list[str], verdict: Verdict
) -> None:
    call = convene(present=["alice", "bob", "carol"], objections=objections)
    result = docs.run(
        ORG, [POWERS, notice_rule(cured_by_attendance=True)], [call, business()]
    )
    assert result.verdict("s") is verdict
    if objections:
        (reason,) = [
            r for r in result.record("s").reasons if r.rule == "meeting_notice"
        ]
        assert reason.check.endswith("carol (no notice; attended to object)")


def test_without_the_cure_rule_attending_does_not_waive_notice(docs: Docs) -> None:
    call = convene(present=["alice", "bob", "carol"])
    result = docs.run(ORG, [POWERS, notice_rule()], [call, business()])
    assert result.verdict("s") is Verdict.IRREGULAR


def test_notice_days_gives_everyone_the_same_notice(docs: Docs) -> None:
    call = convene(notice=[], notice_days=4)
    assert (
        docs.run(ORG, [POWERS, notice_rule()], [call, business()]).verdict("s")
        is Verdict.VALID
    )
    call = convene(notice=[], notice_days=2)
    assert (
        docs.run(ORG, [POWERS, notice_rule()], [call, business()]).verdict("s")
        is Verdict.IRREGULAR
    )


# --- which meeting an act was taken at -----------------------------------------------------


def test_an_act_naming_no_meeting_on_the_sitting_day_is_taken_at_it(docs: Docs) -> None:
    acts = [convene(), {k: v for k, v in business().items() if k != "meeting"}]
    record = docs.run(ORG, [POWERS, notice_rule()], acts).record("s")
    assert record.verdict is Verdict.IRREGULAR
    assert "taken at meeting m1 of board, sitting on 5 January 2020" in [
        r.check for r in record.reasons if r.rule == "meeting"
    ]


@pytest.mark.parametrize(
    ("extra", "holds", "check"),
    [
        (
            {},
            False,
            "no meeting of board or notice of it is recorded; 3 days' notice is required "
            "(record the meeting with a convene act and the notice given)",
        ),
        (
            {"special_only": True},
            True,
            "no meeting recorded: taken as a regular meeting, which needs no notice "
            "(the rule governs special meetings)",
        ),
    ],
)
def test_business_with_no_meeting_recorded(
    docs: Docs, extra: dict[str, Any], holds: bool, check: str
) -> None:
    act = {"id": "s", "at": "2020-01-05", "act": "publish_statement", "by": "board"}
    record = docs.run(ORG, [POWERS, notice_rule(**extra)], [act]).record("s")
    (reason,) = [r for r in record.reasons if r.rule == "meeting_notice"]
    assert (reason.holds, reason.check) == (holds, check)


def test_the_business_of_a_meeting_called_without_power_is_void(docs: Docs) -> None:
    call = convene(by="panel", bodies=["board"])
    result = docs.run(ORG, [POWERS], [call, business()])
    assert result.verdict("call") is Verdict.VOID
    record = result.record("s")
    assert record.verdict is Verdict.VOID
    assert [r.check for r in record.reasons if r.rule == "dependency"] == [
        "depends on act call, which is void"
    ]


def test_departures_and_arrivals_change_who_is_present_for_each_item(
    docs: Docs,
) -> None:
    quorum = {
        "id": "Q",
        "text": "The whole board decides.",
        "decides": [{"acts": ["publish_statement"], "quorum": 3}],
    }
    call = convene(
        present=["alice", "bob", "carol"],
        departures={"carol": "s1"},
        arrivals={"bob": "s2"},
    )
    acts = [call, business("s1"), business("s2"), business("s3")]
    result = docs.run(ORG, [POWERS, quorum], acts)

    def quorum_of(ident: str) -> str:
        return next(
            r.check for r in result.record(ident).reasons if r.rule == "decision_rule"
        )

    assert quorum_of("s1") == "quorum: 2 members present after recusals, 3 needed"
    assert quorum_of("s2") == "quorum: 2 members present after recusals, 3 needed"
    assert quorum_of("s3") == "quorum: 2 members present after recusals, 3 needed"
    assert "present: alice, carol" in [r.check for r in result.record("s1").reasons]
    assert "present: alice, bob" in [r.check for r in result.record("s3").reasons]


# --- bad meeting records ---------------------------------------------------------------------


def _problems(docs: Docs, acts: list[dict[str, Any]]) -> tuple[str, Any]:
    path = docs.build(ORG, [rulebook([POWERS])], scenario(acts))
    with pytest.raises(DocumentError) as caught:
        govsim.load_scenario(path)
    return str(caught.value), path


@pytest.mark.parametrize(
    ("acts", "where", "message"),
    [
        (
            [convene(notice=[{"to": ["carol"], "at": "2020-01-06"}])],
            "acts.0.notice.0.at",
            "notice dated 2020-01-06 comes after the meeting sat on 2020-01-05",
        ),
        (
            [convene(), {**WAIVER, "at": "2020-01-06"}],
            "acts.1.at",
            "the waiver is dated 2020-01-06, after meeting m1 sat on 2020-01-05",
        ),
        (
            [convene(), business(by="panel")],
            "acts.1.meeting",
            "m1 is a meeting of board, not of panel",
        ),
        (
            [convene(), business(at="2020-01-06")],
            "acts.1.at",
            "the act is dated 2020-01-06 but meeting m1 sits on 2020-01-05",
        ),
        (
            [
                convene(),
                convene(id="call2", meeting="m2"),
                {k: v for k, v in business().items() if k != "meeting"},
            ],
            "acts.2.by",
            "board has 2 meetings recorded on 2020-01-05 (m1, m2): say which with 'meeting:'",
        ),
        (
            [business(meeting="m9")],
            "acts.0.meeting",
            "unknown meeting 'm9'",
        ),
        (
            [convene(present=["alice"], objections=["bob"])],
            "acts.0.objections.0",
            "bob objected at the meeting but is not in its attendance",
        ),
        (
            [convene(departures={"alice": "nothing"}), business()],
            "acts.0.departures.alice",
            "'nothing' is not an act taken at meeting m1",
        ),
    ],
    ids=[
        "notice-after-sitting",
        "late-waiver",
        "another-body",
        "another-day",
        "two-meetings",
        "unknown-meeting",
        "objector-absent",
        "departure-from-nothing",
    ],
)
def test_bad_meeting_records_are_refused_with_their_position(
    docs: Docs, acts: list[dict[str, Any]], where: str, message: str
) -> None:
    text, _ = _problems(docs, acts)
    assert f"{where}: {message}" in text


def test_a_bad_roll_call_exits_2_with_file_line_col(docs: Docs) -> None:
    scen = """\
        schema_version: 1
        scenario: scn
        organisation: organisation.govsim.yaml
        rulebooks: [book]
        acts:
          - id: s
            at: 2020-01-05
            act: publish_statement
            by: board
            vote: {for: [alice, nobody]}
        """
    path = docs.build(ORG, [rulebook([POWERS])], scen)
    result = CliRunner().invoke(app, ["check", str(path)])
    assert result.exit_code == 2
    span = span_of(path, "nobody")
    assert f"{span}: acts.0.vote.for.1: unknown person 'nobody'" in result.output
    assert "Traceback" not in result.output


# --- the guide ---------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "meetings-and-votes.md"
EXAMPLE = "scenarios/meetings/special-meeting.govsim.yaml"


@pytest.mark.parametrize(
    ("act", "book"),
    [
        ("suspension", "coop-bylaws"),
        ("suspension", "coop-strict"),
        ("general-meeting", "coop-strict"),
    ],
)
def test_the_guide_shows_real_explanations(
    monkeypatch: pytest.MonkeyPatch, act: str, book: str
) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner(env={"COLUMNS": "100"}).invoke(
        app, ["run", EXAMPLE, "--explain", act, "--rules", book]
    )
    assert result.exit_code == 0, result.output
    shown = "\n".join(line.rstrip() for line in result.stdout.splitlines())
    command = f"$ govsim run {EXAMPLE} --explain {act} --rules {book}"
    assert f"{command}\n{shown}\n```" in GUIDE.read_text(encoding="utf-8")


def test_a_conflicted_member_who_stays_in_the_room_breaks_a_leave_room_rule(
    docs: Docs,
) -> None:
    org = organisation(
        ["alice", "bob", "carol", "eve", "frank"],
        {
            "board": {
                "kind": "executive",
                "seats": [{"person": p} for p in ("alice", "bob", "carol")],
            }
        },
        [{"kind": "family", "persons": ["carol", "eve"]}],
    )
    clauses = [
        {
            "id": "P",
            "text": "Powers.",
            "powers": [
                {"by": {"person": "member"}, "acts": ["file_complaint"]},
                {"by": "board", "acts": ["sanction"]},
            ],
        },
        {
            "id": "R",
            "text": "The conflicted leave the room.",
            "requires": [{"rule": "recusal", "acts": ["sanction"], "leave_room": True}],
        },
    ]
    acts = [
        {"id": "k", "at": "2020-01-01", "act": "file_complaint", "by": "frank", "case": "k1", "against": ["eve"]},
        {"id": "s", "at": "2020-01-10", "act": "sanction", "by": "board", "case": "k1", "targets": ["eve"],
         "sanction": "warning", "present": ["alice", "bob", "carol"], "vote": {"for": ["alice", "bob"]}},
    ]  # fmt: skip
    record = docs.run(org, clauses, acts).record("s")
    assert [r.check for r in record.reasons if r.rule == "recusal" and not r.holds] == [
        "carol stayed in the meeting despite a conflict (relation: carol has a family "
        "relation with eve, a party)"
    ]
