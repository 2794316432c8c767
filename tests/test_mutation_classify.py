"""Killed, survived or equivalent: the classification of one mutant, case by case.

Summaries are built by hand, so each rule of the classification is pinned
apart from the engine: what kills (an expectation met under the book that
fails, a breach that appears or goes, a scenario that cannot be replayed),
what does not (an expectation already unmet), and what a survivor's
suggestion names.
"""

from __future__ import annotations

from govsim.model.rulebook import Clause
from govsim.mutation.classify import classify
from govsim.mutation.judging import ActSummary, Summary
from govsim.mutation.operators import Edit, Mutant


def _mutant(hint: str | None = None) -> Mutant:
    def unchanged(clause: Clause) -> Clause:
        return clause

    return Mutant(
        id="m1",
        operator="drop_requirement",
        clause="4",
        description="remove the notice rule of clause 4",
        label="drop_requirement-4",
        edit=Edit("remove the notice rule of clause 4", unchanged, hint),
    )


def _act(verdict: str = "valid", reasons: str = "r1") -> ActSummary:
    return ActSummary("expel", "sanction", "dc", verdict, reasons)


def _summary(
    *,
    met: bool = True,
    verdict: str = "valid",
    reasons: str = "r1",
    trace: str = "t1",
    breaches: tuple[str, ...] = (),
    violations: tuple[tuple[str, str, str], ...] = (),
    error: str | None = None,
) -> Summary:
    return Summary(
        scenario="case",
        expectations=(("act expel is valid", met, verdict),),
        acts=(_act(verdict, reasons),),
        violations=violations,
        breaches=breaches,
        trace=trace,
        error=error,
    )


def test_the_same_trace_is_equivalent() -> None:
    result = classify(_mutant(), [_summary()], [_summary()])
    assert result.status == "equivalent"
    assert result.suggestion is None


def test_an_expectation_that_fails_under_the_mutant_kills_it() -> None:
    result = classify(
        _mutant(),
        [_summary()],
        [_summary(met=False, verdict="void", trace="t2")],
    )
    assert result.status == "killed"
    assert [(k.how, k.detail) for k in result.killed_by] == [
        ("expectation", "act expel is valid: got void")
    ]
    assert [(c.act, c.before, c.after) for c in result.changes] == [
        ("expel", "valid", "void")
    ]


def test_an_expectation_already_unmet_under_the_book_does_not_kill() -> None:
    """A failing test says nothing about the damage: the change is a survivor."""
    result = classify(
        _mutant(),
        [_summary(met=False, verdict="void")],
        [_summary(met=False, verdict="irregular", trace="t2")],
    )
    assert result.status == "survived"
    assert "expect act expel (sanction by dc) in scenario case to be void" in (
        result.suggestion or ""
    )


def test_a_breach_that_appears_kills_it_even_with_no_expectation() -> None:
    base = _summary()
    got = _summary(trace="t2", breaches=("broken: nemo_iudex on 2013-03-10 (dc)",))
    result = classify(_mutant(), [base], [got])
    assert result.status == "killed"
    assert result.killed_by[0].how == "invariant"
    assert result.killed_by[0].detail == "now broken: nemo_iudex on 2013-03-10 (dc)"


def test_a_breach_that_goes_kills_it() -> None:
    base = _summary(breaches=("prevented: nemo_iudex on 2013-03-10 (dc)",))
    result = classify(_mutant(), [base], [_summary(trace="t2")])
    assert result.status == "killed"
    assert result.killed_by[0].detail == (
        "no longer prevented: nemo_iudex on 2013-03-10 (dc)"
    )


def test_a_scenario_that_cannot_be_replayed_kills_it() -> None:
    got = Summary(
        scenario="case", error="amendment a1 replaces clause 4, which is gone"
    )
    result = classify(_mutant(), [_summary()], [got])
    assert result.status == "killed"
    assert result.killed_by[0].how == "error"
    assert "cannot be replayed: amendment a1" in result.killed_by[0].detail


def test_a_lost_violation_is_the_suggested_expectation() -> None:
    base = _summary(violations=(("expel", "4", "notice"),))
    result = classify(_mutant(), [base], [_summary(trace="t2")])
    assert result.status == "survived"
    assert result.suggestion == (
        "expect in scenario case the violation (act expel, clause 4, rule notice) "
        "present: the mutant records none"
    )


def test_a_new_violation_is_expected_absent() -> None:
    got = _summary(trace="t2", violations=(("-", "-", "deadline"),))
    result = classify(_mutant(), [_summary()], [got])
    assert result.suggestion == (
        "expect in scenario case the violation (rule deadline) absent: the mutant "
        "records it"
    )


def test_reasons_alone_changing_point_to_the_nearest_act_and_the_hint() -> None:
    got = _summary(trace="t2", reasons="r2")
    hint = "a sanction act that breaks only the notice rule of clause 4, expected void"
    result = classify(_mutant(hint), [_summary()], [got])
    assert result.status == "survived"
    assert result.changes == ()
    assert [c.act for c in result.reasoned] == ["expel"]
    assert result.suggestion == (
        f"{hint}. The nearest the scenarios come: act expel (sanction by dc) in "
        "scenario case, valid under both books (only its reasons change)"
    )


def test_a_trace_change_with_nothing_to_point_at_falls_back_on_the_hint() -> None:
    result = classify(_mutant(), [_summary()], [_summary(trace="t2")])
    assert result.status == "survived"
    assert result.suggestion == (
        "a history in which clause 4 alone decides an act's verdict, with that "
        "verdict expected"
    )
