"""Judging a replay against a scenario's ``expect:`` block for one rule book."""

from __future__ import annotations

from dataclasses import dataclass

from govsim.engine.replay import Trace
from govsim.engine.trace import Violation
from govsim.model.scenario import Expectations, ViolationPattern

__all__ = ["ExpectationOutcome", "evaluate"]


@dataclass(frozen=True)
class ExpectationOutcome:
    """One expectation, whether it was met, and what was found instead."""

    description: str
    met: bool
    actual: str = ""
    loc: tuple[str | int, ...] = ()
    """Where the expectation sits in the scenario document."""


def _matches(pattern: ViolationPattern, violation: Violation) -> bool:
    return (
        (pattern.act is None or pattern.act == violation.act)
        and (pattern.clause is None or pattern.clause == violation.clause)
        and (pattern.rule is None or pattern.rule == violation.rule)
    )


def _describe(pattern: ViolationPattern) -> str:
    parts = [
        f"{name} {value}"
        for name, value in (
            ("act", pattern.act),
            ("clause", pattern.clause),
            ("rule", pattern.rule),
        )
        if value is not None
    ]
    return "a violation" + (" with " + ", ".join(parts) if parts else "")


def evaluate(expect: Expectations, trace: Trace, book: str) -> list[ExpectationOutcome]:
    """Every expectation of the block, in the order written, with its outcome."""
    out: list[ExpectationOutcome] = []
    base = ("expect", book)
    verdicts = {record.id: record.verdict.value for record in trace.acts}
    for act, wanted in expect.verdicts.items():
        got = verdicts.get(act, "not replayed")
        out.append(
            ExpectationOutcome(
                f"act {act} is {wanted}", got == wanted, got, (*base, "verdicts", act)
            )
        )
    if expect.violations is not None:
        found = trace.violations
        for i, pattern in enumerate(expect.violations.present):
            hits = [v for v in found if _matches(pattern, v)]
            out.append(
                ExpectationOutcome(
                    f"{_describe(pattern)} is recorded",
                    bool(hits),
                    f"{len(hits)} found",
                    (*base, "violations", "present", i),
                )
            )
        for i, pattern in enumerate(expect.violations.absent):
            hits = [v for v in found if _matches(pattern, v)]
            detail = "; ".join(f"{v.act}: {v.message}" for v in hits[:3])
            out.append(
                ExpectationOutcome(
                    f"no {_describe(pattern).removeprefix('a ')} is recorded",
                    not hits,
                    detail or "none found",
                    (*base, "violations", "absent", i),
                )
            )
        if expect.violations.count is not None:
            n = expect.violations.count
            out.append(
                ExpectationOutcome(
                    f"{n} violation(s) in all",
                    len(found) == n,
                    f"{len(found)} found",
                    (*base, "violations", "count"),
                )
            )
    if expect.invariants is not None:
        out += _invariants(expect, trace, base)
    world = trace.world
    assert world is not None
    for pid, status in expect.statuses.items():
        got = world.persons[pid].status if pid in world.persons else "unknown"
        out.append(
            ExpectationOutcome(
                f"{pid} ends {status}", got == status, got, (*base, "statuses", pid)
            )
        )
    if expect.seats:
        assert trace.calendar is not None
        last = max((r.at for r in trace.acts), default=None)
        day = trace.calendar.day(last) if last else 0
        for body, persons in expect.seats.items():
            seated = sorted(world.holders(body, day))
            out.append(
                ExpectationOutcome(
                    f"{body} ends seated by {', '.join(sorted(persons)) or 'no one'}",
                    seated == sorted(persons),
                    ", ".join(seated) or "no one",
                    (*base, "seats", body),
                )
            )
    return out


def _invariants(
    expect: Expectations, trace: Trace, base: tuple[str | int, ...]
) -> list[ExpectationOutcome]:
    assert expect.invariants is not None
    out: list[ExpectationOutcome] = []
    by_name: dict[str, list[str]] = {}
    for breach in trace.breaches:
        by_name.setdefault(breach.invariant, []).extend(breach.witnesses)
    loc = (*base, "invariants")
    for name, witnesses in expect.invariants.broken.items():
        got = by_name.get(name)
        if got is None:
            out.append(
                ExpectationOutcome(
                    f"invariant {name} is broken",
                    False,
                    "it held",
                    (*loc, "broken", name),
                )
            )
            continue
        missing = [w for w in witnesses if w not in got]
        wanted = f" with witnesses {', '.join(witnesses)}" if witnesses else ""
        out.append(
            ExpectationOutcome(
                f"invariant {name} is broken{wanted}",
                not missing,
                "witnesses: " + ", ".join(dict.fromkeys(got)),
                (*loc, "broken", name),
            )
        )
    for i, name in enumerate(expect.invariants.holds):
        broken = [b for b in trace.breaches if b.invariant == name]
        out.append(
            ExpectationOutcome(
                f"invariant {name} holds",
                not broken,
                "; ".join(b.message for b in broken[:3]) or "it held",
                (*loc, "holds", i),
            )
        )
    return out
