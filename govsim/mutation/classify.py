"""Killed, survived or equivalent: what the scenarios made of one mutant.

A mutant is *killed* when some expectation the scenarios met under the book
fails under it, when an invariant's outcome changes (a breach appears or
goes), or when a scenario cannot be replayed under it at all. It is
*equivalent* when no scenario's trace changes in any way: nothing the
scenarios do reaches the damaged provision, which is said apart from
survivors because no expectation *could* have noticed it. Otherwise it
*survived*: a trace changed but no test looked. A survivor comes with the
acts whose verdict (or only whose reasons) changed, and a suggestion naming
the expectation that would kill it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from govsim.mutation.judging import Summary
from govsim.mutation.operators import Mutant

__all__ = ["Kill", "MutantResult", "Status", "VerdictChange", "classify"]

Status = Literal["killed", "survived", "equivalent"]


@dataclass(frozen=True)
class Kill:
    """One way the tests noticed a mutant."""

    scenario: str
    how: Literal["expectation", "invariant", "error", "explore"]
    detail: str


@dataclass(frozen=True)
class VerdictChange:
    """An act judged differently under the mutant (or, same verdict, for other reasons)."""

    scenario: str
    act: str
    kind: str
    actor: str
    before: str
    after: str


@dataclass(frozen=True)
class MutantResult:
    """A mutant, what became of it, and why."""

    mutant: Mutant
    status: Status
    killed_by: tuple[Kill, ...] = ()
    changes: tuple[VerdictChange, ...] = ()
    """Acts whose verdict differs from the book's."""
    reasoned: tuple[VerdictChange, ...] = ()
    """Acts with the same verdict whose reasons or effects differ."""
    suggestion: str | None = None
    variant: str | None = field(default=None, compare=False)
    """Where the survivor's variant book was written, relative to the output folder."""


def _kills(base: Summary, got: Summary) -> list[Kill]:
    if got.error is not None:
        return [Kill(got.scenario, "error", f"cannot be replayed: {got.error}")]
    kills = [
        Kill(got.scenario, "expectation", f"{description}: got {actual}")
        for (description, was_met, _), (_, met, actual) in zip(
            base.expectations, got.expectations, strict=True
        )
        if was_met and not met
    ]
    if base.breaches != got.breaches:
        gone = [b for b in base.breaches if b not in got.breaches]
        new = [b for b in got.breaches if b not in base.breaches]
        detail = "; ".join(
            [*(f"now {b}" for b in new), *(f"no longer {b}" for b in gone)]
        )
        kills.append(Kill(got.scenario, "invariant", detail))
    return kills


def _changes(
    base: Summary, got: Summary
) -> tuple[list[VerdictChange], list[VerdictChange]]:
    before = {a.id: a for a in base.acts}
    verdicts: list[VerdictChange] = []
    reasons: list[VerdictChange] = []
    for act in got.acts:
        old = before.get(act.id)
        if old is None:
            continue
        change = VerdictChange(
            got.scenario, act.id, act.kind, act.actor, old.verdict, act.verdict
        )
        if old.verdict != act.verdict:
            verdicts.append(change)
        elif old.reasons != act.reasons:
            reasons.append(change)
    return verdicts, reasons


def _violation_hint(base: list[Summary], got: list[Summary]) -> str | None:
    """An expectation on a violation the mutant adds or loses, in words."""
    for b, g in zip(base, got, strict=True):
        for where, ours, theirs, wanted in (
            ("present", b.violations, g.violations, "records none"),
            ("absent", g.violations, b.violations, "records it"),
        ):
            for act, clause, rule in ours:
                if (act, clause, rule) not in theirs:
                    what = ", ".join(
                        f"{key} {value}"
                        for key, value in (
                            ("act", act),
                            ("clause", clause),
                            ("rule", rule),
                        )
                        if value != "-"
                    )
                    return (
                        f"expect in scenario {b.scenario} the violation ({what}) "
                        f"{where}: the mutant {wanted}"
                    )
    return None


def _suggest(
    mutant: Mutant,
    changes: list[VerdictChange],
    reasoned: list[VerdictChange],
    violation: str | None,
) -> str:
    if changes:
        c = changes[0]
        return (
            f"expect act {c.act} ({c.kind} by {c.actor}) in scenario {c.scenario} "
            f"to be {c.before}: under the mutant it is {c.after}"
        )
    if violation is not None:
        return violation
    hint = mutant.edit.hint or (
        f"a history in which clause {mutant.clause} alone decides an act's "
        "verdict, with that verdict expected"
    )
    if reasoned:
        c = reasoned[0]
        return (
            f"{hint}. The nearest the scenarios come: act {c.act} ({c.kind} by "
            f"{c.actor}) in scenario {c.scenario}, {c.before} under both books "
            "(only its reasons change)"
        )
    return hint


def classify(mutant: Mutant, base: list[Summary], got: list[Summary]) -> MutantResult:
    """Compare each scenario's summary under the mutant with the book's."""
    kills: list[Kill] = []
    changes: list[VerdictChange] = []
    reasoned: list[VerdictChange] = []
    for b, g in zip(base, got, strict=True):
        kills += _kills(b, g)
        if g.error is None:
            verdicts, reasons = _changes(b, g)
            changes += verdicts
            reasoned += reasons
    if kills:
        return MutantResult(
            mutant, "killed", tuple(kills), tuple(changes), tuple(reasoned)
        )
    if all(b.trace == g.trace for b, g in zip(base, got, strict=True)):
        return MutantResult(mutant, "equivalent")
    return MutantResult(
        mutant,
        "survived",
        changes=tuple(changes),
        reasoned=tuple(reasoned),
        suggestion=_suggest(mutant, changes, reasoned, _violation_hint(base, got)),
    )
