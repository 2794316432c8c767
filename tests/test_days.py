"""How days are counted: one convention for measures, renewals, deadlines and notice.

The day of the act is not counted; the Nth day after it is the last day
allowed (or in force); what lapses or falls due does so at the start of the
day after. See docs/days.md.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import Docs, organisation, rulebook, scenario
from typer.testing import CliRunner

import govsim
from govsim.engine.trace import Verdict
from govsim.faces.cli import app

ORG = organisation(
    ["chair", "dc-a", "dc-b", "eve", "frank"],
    {
        "exec": {"kind": "executive", "seats": [{"person": "chair"}]},
        "dc": {
            "kind": "disciplinary",
            "seats": [{"person": "dc-a"}, {"person": "dc-b"}],
        },
    },
)
POWERS = {
    "id": "P",
    "text": "Powers.",
    "powers": [
        {"by": {"person": "member"}, "acts": ["file_complaint"]},
        {"by": "exec", "acts": ["interim_suspend", "renew_interim"]},
        {"by": "dc", "acts": ["serve_notice"]},
    ],
}


def bounds(**extra: Any) -> dict[str, Any]:
    return {
        "id": "B",
        "text": "Interim measures last at most 30 days.",
        "requires": [
            {
                "rule": "interim_bounds",
                "acts": ["interim_suspend", "renew_interim"],
                "max_days": 30,
                **extra,
            }
        ],
    }


COMPLAINT = {
    "id": "k",
    "at": "2020-03-01",
    "act": "file_complaint",
    "by": "frank",
    "case": "k1",
    "against": ["eve"],
}


def suspend(**extra: Any) -> dict[str, Any]:
    return {
        "id": "m",
        "at": "2020-03-01",
        "act": "interim_suspend",
        "by": "exec",
        "case": "k1",
        "targets": ["eve"],
        "scope": "membership",
        "basis": "danger",
        **extra,
    }


def renew(at: str) -> dict[str, Any]:
    return {
        "id": "r",
        "at": at,
        "act": "renew_interim",
        "by": "exec",
        "measure": "m",
        "expires_at": (dt.date.fromisoformat(at) + dt.timedelta(days=20)).isoformat(),
    }


@pytest.mark.parametrize(
    ("day", "verdict"),
    [
        ("2020-03-30", Verdict.VALID),
        ("2020-03-31", Verdict.VALID),
        ("2020-04-01", Verdict.VOID),
    ],
    ids=["day-29", "day-30-its-last", "day-31-lapsed"],
)
def test_a_30_day_measure_can_be_renewed_until_its_last_day(
    docs: Docs, day: str, verdict: Verdict
) -> None:
    acts = [COMPLAINT, suspend(expires_at="2020-03-31"), renew(day)]
    result = docs.run(ORG, [POWERS, bounds()], acts)
    assert result.verdict("m") is Verdict.VALID
    assert result.verdict("r") is verdict
    if verdict is Verdict.VOID:
        (lapse,) = [t for t in result.timed if t.kind == "lapse"]
        assert lapse.at == dt.date(2020, 4, 1)
        facts = [r.check for r in result.record("r").reasons if r.rule == "fact"]
        assert facts == ["measure m is not in force"]


@pytest.mark.parametrize("enforcement", ["audited", "regimented"])
def test_a_measure_with_no_end_takes_effect_up_to_the_cap_and_lapses(
    docs: Docs, enforcement: str
) -> None:
    result = docs.run(
        ORG,
        [POWERS, bounds()],
        [COMPLAINT, suspend()],
        enforcement=enforcement,
        end="2020-05-01",
    )
    record = result.record("m")
    # Only the excess is without effect, under either enforcement.
    assert record.verdict is Verdict.IRREGULAR
    (reason,) = [
        r for r in record.reasons if r.rule == "interim_bounds" and not r.holds
    ]
    assert reason.check == (
        "no end date; measures may last at most 30 days: it holds until 2020-03-31 "
        "and lapses then"
    )
    assert (
        "measure m in force until 2020-03-31 (the book's cap; it lapses then)"
        in record.effects
    )
    (lapse,) = [t for t in result.timed if t.kind == "lapse"]
    assert lapse.at == dt.date(2020, 4, 1)
    assert result.statuses()["eve"] == "member"


def test_a_measure_longer_than_the_cap_is_cut_to_it(docs: Docs) -> None:
    result = docs.run(
        ORG, [POWERS, bounds()], [COMPLAINT, suspend(expires_at="2020-06-01")]
    )
    record = result.record("m")
    assert record.verdict is Verdict.IRREGULAR
    (reason,) = [
        r for r in record.reasons if r.rule == "interim_bounds" and not r.holds
    ]
    assert (
        reason.check
        == "lasts 92 days (at most 30): it holds until 2020-03-31 and lapses then"
    )
    assert result.trace.world.measures["m"].expires == result.trace.calendar.day(
        dt.date(2020, 3, 31)
    )


def test_other_bounds_still_void_a_measure_under_a_regimented_book(docs: Docs) -> None:
    acts = [COMPLAINT, suspend(basis="investigation")]
    result = docs.run(
        ORG, [POWERS, bounds(bases=["danger"])], acts, enforcement="regimented"
    )
    assert result.verdict("m") is Verdict.VOID


NOTICE = {
    "id": "n",
    "at": "2020-03-05",
    "act": "serve_notice",
    "by": "dc",
    "case": "k1",
    "target": "eve",
    "charges": ["threats at the meeting of 28 February"],
}


@pytest.mark.parametrize(
    ("acts", "verdict"),
    [
        (
            [COMPLAINT, suspend(expires_at="2020-03-20"), renew("2020-03-15")],
            Verdict.IRREGULAR,
        ),
        (
            [COMPLAINT, suspend(expires_at="2020-03-20"), NOTICE, renew("2020-03-15")],
            Verdict.VALID,
        ),
    ],
    ids=["no-charges", "charges-served-in-the-measures-case"],
)
def test_a_renewal_finds_the_case_of_the_measure_it_renews(
    docs: Docs, acts: list[dict[str, Any]], verdict: Verdict
) -> None:
    book = [POWERS, bounds(renewal_requires_charges=True)]
    record = docs.run(ORG, book, acts).record("r")
    assert record.verdict is verdict
    (reason,) = [
        r
        for r in record.reasons
        if r.rule == "interim_bounds" and r.check.startswith("renewal requires")
    ]
    assert reason.holds is (verdict is Verdict.VALID)


# --- grounds are claims, checked against the record ---------------------------------------

GROUNDS = {
    "id": "G",
    "text": "Interim measures only on charges filed, an open investigation or danger.",
    "requires": [
        {
            "rule": "interim_bounds",
            "acts": ["interim_suspend"],
            "bases": ["charges_filed", "investigation", "danger"],
        }
    ],
}


@pytest.mark.parametrize(
    ("basis", "before", "holds", "check"),
    [
        (
            "charges_filed",
            [],
            False,
            "stated ground 'charges_filed' is not supported by the record: no notice "
            "of charges was served in case k1 on eve",
        ),
        (
            "charges_filed",
            [NOTICE],
            True,
            "stated ground 'charges_filed' (allowed: charges_filed, investigation, "
            "danger); the record supports it",
        ),
        (
            "investigation",
            [],
            False,
            "stated ground 'investigation' is not supported by the record: no "
            "investigator is assigned in case k1",
        ),
        (
            "danger",
            [],
            True,
            "stated ground 'danger' (allowed: charges_filed, investigation, danger); "
            "a matter of judgement, taken as stated",
        ),
    ],
    ids=["charges-claimed", "charges-served", "investigation-claimed", "danger"],
)
def test_a_stated_ground_is_believed_only_as_far_as_the_record_supports_it(
    docs: Docs, basis: str, before: list[dict[str, Any]], holds: bool, check: str
) -> None:
    act = {**suspend(basis=basis, expires_at="2020-03-20"), "at": "2020-03-10"}
    result = docs.run(
        ORG, [POWERS, GROUNDS], [COMPLAINT, *before, act], enforcement="regimented"
    )
    record = result.record("m")
    (reason,) = [r for r in record.reasons if r.rule == "interim_bounds"]
    assert (reason.holds, reason.check) == (holds, check)
    assert record.verdict is (Verdict.VALID if holds else Verdict.VOID)


def test_a_grant_on_grounds_does_not_hold_for_an_unsupported_claim(docs: Docs) -> None:
    grant = {
        "id": "P",
        "text": "The executive may suspend on charges filed.",
        "powers": [
            {"by": {"person": "member"}, "acts": ["file_complaint"]},
            {
                "by": "exec",
                "acts": ["interim_suspend"],
                "when": {"bases": ["charges_filed"]},
            },
            {"by": "dc", "acts": ["serve_notice"]},
        ],
    }
    act = {
        **suspend(basis="charges_filed", expires_at="2020-03-20"),
        "at": "2020-03-10",
    }
    record = docs.run(ORG, [grant], [COMPLAINT, act]).record("m")
    assert record.verdict is Verdict.VOID
    (power,) = [r for r in record.reasons if r.rule == "power"]
    assert (
        "the record does not support 'charges_filed': no notice of charges"
        in power.check
    )
    served = docs.run(ORG, [grant], [COMPLAINT, NOTICE, act])
    assert served.verdict("m") is Verdict.VALID


# --- timed effects in expectations ----------------------------------------------------------


def test_expectations_state_lapses_measures_and_duties_with_their_dates(
    docs: Docs,
) -> None:
    expect = {
        "book": {
            "timed": {
                "present": [{"kind": "lapse", "subject": "m", "at": "2020-04-01"}],
                "absent": [{"kind": "deadline_missed"}],
            },
            "measures": {"m": {"ended": "lapsed", "at": "2020-04-01"}},
        }
    }
    acts = [COMPLAINT, suspend(expires_at="2020-03-31")]
    result = docs.run(ORG, [POWERS, bounds()], acts, end="2020-05-01", expect=expect)
    assert [(e.description, e.met) for e in result.expectations] == [
        ("a lapse of m on 2020-04-01 happens", True),
        ("a missed deadline never happens", True),
        ("measure m ends lapsed on 2020-04-01", True),
    ]
    wrong = {"book": {"measures": {"m": {"ended": "lapsed", "at": "2020-03-31"}}}}
    result = docs.run(ORG, [POWERS, bounds()], acts, end="2020-05-01", expect=wrong)
    (outcome,) = result.expectations
    assert (outcome.met, outcome.actual) == (False, "lapsed on 2020-04-01")


def test_expectations_state_a_missed_duty_and_its_status(docs: Docs) -> None:
    deadline = {
        "id": "D",
        "text": "The disciplinary committee serves charges within 7 days of a measure.",
        "requires": [
            {
                "rule": "deadline",
                "acts": ["interim_suspend"],
                "then": "serve_notice",
                "days": 7,
            }
        ],
    }
    expect = {
        "book": {
            "timed": {
                "present": [
                    {
                        "kind": "deadline_missed",
                        "subject": "m:serve_notice",
                        "at": "2020-03-09",
                    }
                ]
            },
            "obligations": {"m:serve_notice": "violated"},
        }
    }
    acts = [COMPLAINT, suspend(expires_at="2020-03-20")]
    result = docs.run(ORG, [POWERS, deadline], acts, end="2020-04-01", expect=expect)
    assert [e.met for e in result.expectations] == [True, True]


def test_expectations_naming_an_unknown_measure_or_duty_are_refused(docs: Docs) -> None:
    from conftest import rulebook, scenario

    import govsim
    from govsim.errors import DocumentError

    expect = {
        "book": {
            "measures": {"nope": {"ended": "lapsed"}},
            "obligations": {"zz:implement": "violated"},
        }
    }
    path = docs.build(
        ORG, [rulebook([POWERS])], scenario([COMPLAINT, suspend()], expect=expect)
    )
    with pytest.raises(DocumentError) as caught:
        govsim.load_scenario(path)
    text = str(caught.value)
    assert (
        "expect.book.measures.nope: no interim_suspend or sanction act has id 'nope'"
        in text
    )
    assert (
        "expect.book.obligations.zz:implement: no act or mandate 'zz' for duty 'zz:implement'"
        in text
    )


MORE = {
    "id": "Q",
    "text": "The committee decides cases.",
    "powers": [{"by": "dc", "acts": ["sanction", "close_case"]}],
}


@pytest.mark.parametrize(
    ("last", "ending", "effect"),
    [
        (
            {
                "id": "s",
                "at": "2020-03-10",
                "act": "sanction",
                "by": "dc",
                "case": "k1",
                "targets": ["eve"],
                "sanction": "censure",
            },
            "converted",
            "interim measure m converted into sanction s",
        ),
        (
            {
                "id": "s",
                "at": "2020-03-10",
                "act": "close_case",
                "by": "dc",
                "case": "k1",
                "reason": "no_case",
            },
            "case_closed",
            "interim measure m ended with case k1, closed by s",
        ),
    ],
    ids=["sanction", "closing"],
)
def test_an_interim_measure_ends_when_its_case_is_decided(
    docs: Docs, last: dict[str, Any], ending: str, effect: str
) -> None:
    expect = {"book": {"measures": {"m": {"ended": ending, "at": "2020-03-10"}}}}
    acts = [COMPLAINT, suspend(expires_at="2020-03-31"), last]
    result = docs.run(ORG, [POWERS, MORE, bounds()], acts, expect=expect)
    assert effect in result.record("s").effects
    assert "eve no longer restricted by m" in result.record("s").effects
    assert [(e.description, e.met) for e in result.expectations] == [
        (f"measure m ends {ending} on 2020-03-10", True)
    ]
    assert not [t for t in result.timed if t.kind == "lapse"]


@pytest.mark.parametrize(
    ("at", "cap"),
    [("9999-12-20", 30), ("2020-03-01", 10**30)],
    ids=["a-cap-from-a-late-day", "a-cap-of-ages"],
)
def test_a_day_past_the_calendars_end_is_shown_as_its_last_day(
    docs: Docs, at: str, cap: int
) -> None:
    # Found by the document fuzzer: a measure of 9999-12-31 under a 30-day cap
    # ended the replay in OverflowError ("date value out of range") while the
    # engine wrote down when the measure lapses.
    acts = [{**COMPLAINT, "at": at}, suspend(at=at)]
    path = docs.build(
        ORG,
        [rulebook([POWERS, bounds(max_days=cap)])],
        scenario(acts, end="9999-12-31"),
    )
    done = CliRunner().invoke(app, ["run", str(path)], catch_exceptions=False)
    assert done.exit_code == 0, done.output
    record = govsim.run(path, "book").record("m")
    assert record.verdict is Verdict.IRREGULAR
    assert (
        "measure m in force until 9999-12-31 (the book's cap; it lapses then)"
        in record.effects
    )
