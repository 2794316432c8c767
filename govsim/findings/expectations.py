"""Judging a replay against a scenario's ``expect:`` block for one rule book."""

from __future__ import annotations

from dataclasses import dataclass

from govsim.engine.replay import Trace
from govsim.engine.trace import TimedRecord, Violation
from govsim.model.scenario import Expectations, TimedPattern, ViolationPattern

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
    out += _timed(expect, trace, base)
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
    prevented: dict[str, list[str]] = {}
    for breach in trace.prevented:
        prevented.setdefault(breach.invariant, []).extend(breach.witnesses)
    for name, witnesses in expect.invariants.prevented.items():
        got = prevented.get(name)
        wanted = f" with witnesses {', '.join(witnesses)}" if witnesses else ""
        missing = [w for w in witnesses if w not in (got or ())]
        out.append(
            ExpectationOutcome(
                f"a breach of {name} is prevented{wanted}",
                got is not None and not missing,
                "witnesses: " + ", ".join(dict.fromkeys(got))
                if got is not None
                else "none prevented",
                (*loc, "prevented", name),
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


def _timed_matches(pattern: TimedPattern, record: TimedRecord) -> bool:
    return (
        record.kind == pattern.kind
        and (pattern.subject is None or record.subject == pattern.subject)
        and (pattern.at is None or record.at == pattern.at)
    )


def _timed_described(pattern: TimedPattern) -> str:
    what = "a lapse" if pattern.kind == "lapse" else "a missed deadline"
    of = f" of {pattern.subject}" if pattern.subject else ""
    on = f" on {pattern.at.isoformat()}" if pattern.at else ""
    return f"{what}{of}{on}"


def _timed(
    expect: Expectations, trace: Trace, base: tuple[str | int, ...]
) -> list[ExpectationOutcome]:
    """Lapses, missed deadlines, measures' ends and obligations' statuses."""
    out: list[ExpectationOutcome] = []
    if expect.timed is not None:
        for part, want in (("present", True), ("absent", False)):
            for i, pattern in enumerate(getattr(expect.timed, part)):
                hits = [t for t in trace.timed if _timed_matches(pattern, t)]
                seen = "; ".join(f"{t.at.isoformat()} {t.subject}" for t in hits[:3])
                out.append(
                    ExpectationOutcome(
                        f"{_timed_described(pattern)} {'happens' if want else 'never happens'}",
                        bool(hits) is want,
                        seen or "none found",
                        (*base, "timed", part, i),
                    )
                )
    world, cal = trace.world, trace.calendar
    assert world is not None
    assert cal is not None
    for ident, wanted in expect.measures.items():
        measure = world.measures.get(ident)
        if measure is None:
            got, day = "never in force", None
        elif measure.ended is None:
            got, day = "in_force", None
        else:
            got, day = measure.ended[1], cal.date(measure.ended[0])
        met = got == wanted.ended and (wanted.at is None or wanted.at == day)
        on = f" on {wanted.at.isoformat()}" if wanted.at else ""
        out.append(
            ExpectationOutcome(
                f"measure {ident} ends {wanted.ended}{on}"
                if wanted.ended != "in_force"
                else f"measure {ident} is still in force",
                met,
                got + (f" on {day.isoformat()}" if day else ""),
                (*base, "measures", ident),
            )
        )
    for ident, status in expect.obligations.items():
        ob = world.obligations.get(ident)
        got = ob.status if ob is not None else "no such duty"
        out.append(
            ExpectationOutcome(
                f"duty {ident} ends {status}",
                got == status,
                got,
                (*base, "obligations", ident),
            )
        )
    return out
