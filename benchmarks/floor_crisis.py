"""The floor under the crisis model: its acts and events, with nothing judged.

A govsim run of the crisis model judges some hundreds of acts and schedules
some thousands of SimPy events (the behaviours' clock and the engine's). The
floor does the same number of each and nothing else: every act is one plain
function call that builds a small frozen dataclass record (a verdict and as
many reasons as govsim's records carry on average, like an ActRecord, which
is a frozen dataclass too), and the events are timeouts on a
``simpy.Environment``. No engine can do that work for less in pure Python, so
the distance from govsim to the floor is the most that speed work can win.

:func:`count_run` measures what one govsim run does (acts judged, reasons
given, events scheduled); :func:`run_floor` replays those counts;
:func:`run_bare` makes the same records without SimPy, the cost of the
records alone.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from typing import Any

import simpy


class Verdict(Enum):
    """The floor's verdicts: the engine's three, as a plain enum."""

    VALID = "valid"
    IRREGULAR = "irregular"
    VOID = "void"


@dataclass(frozen=True)
class Reason:
    """One check of an act: the clause that decided it and whether it held."""

    check: str
    holds: bool
    clause: str | None = None


@dataclass(frozen=True)
class Record:
    """One act's record: who did what on which day, its verdict and reasons."""

    id: str
    day: int
    actor: str
    act: str
    verdict: Verdict
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class Counts:
    """What one govsim run of the model does, counted."""

    acts: int
    """Acts the engine judged (``Session.perform`` calls)."""
    reasons: int
    """Reasons on the records of those acts."""
    events: int
    """Events scheduled on every SimPy environment the run made."""


class _CountingEnvironment(simpy.Environment):
    """A SimPy environment that counts the events scheduled on it."""

    scheduled = 0

    def schedule(self, event: Any, priority: Any = 1, delay: Any = 0) -> None:
        _CountingEnvironment.scheduled += 1
        super().schedule(event, priority, delay)


@contextlib.contextmanager
def _counting() -> Iterator[list[int]]:
    """Count SimPy events and engine acts until the block ends.

    Yields ``[acts, reasons]``, filled as acts are judged. The run module and
    the engine's session call ``simpy.Environment()`` when a run starts, so
    swapping the class on the module for the block reaches both.
    """
    from govsim.engine.replay import Session

    perform = Session.perform
    tally = [0, 0]

    def counted(self: Session, *args: Any, **kwargs: Any) -> Any:
        record = perform(self, *args, **kwargs)
        tally[0] += 1
        tally[1] += len(record.reasons)
        return record

    original = simpy.Environment
    _CountingEnvironment.scheduled = 0
    simpy.Environment = _CountingEnvironment  # type: ignore[misc]  # counting subclass, put back below
    Session.perform = counted  # type: ignore[method-assign]  # counts acts while a run is measured
    try:
        yield tally
    finally:
        simpy.Environment = original  # type: ignore[misc]  # the real class back
        Session.perform = perform  # type: ignore[method-assign]  # the real method back


def count_run(run: Callable[[], dict[str, Any]]) -> Counts:
    """The acts, reasons and SimPy events of one call of ``run``.

    Raises:
        AssertionError: the run reports a different number of acts than the
            engine was asked to judge, so the count is not what it claims.
    """
    with _counting() as tally:
        measures = run()
    assert measures["acts"] == tally[0], (measures["acts"], tally[0])
    return Counts(tally[0], tally[1], _CountingEnvironment.scheduled)


def count_events(run: Callable[[], Any]) -> int:
    """The SimPy events one call of ``run`` schedules (for the floor itself)."""
    with _counting():
        run()
    return _CountingEnvironment.scheduled


_KINDS = ("resign_membership", "propose", "disaffiliate", "vote")
_CHECKS = ("power", "quorum", "notice", "majority")


def judge(n: int, day: int, reasons: int) -> Record:
    """The floor's act: one call that builds one record with its reasons."""
    return Record(
        f"act-{n}",
        day,
        "m-1",
        _KINDS[n & 3],
        Verdict.VALID,
        tuple(Reason(_CHECKS[i & 3], True, "c-1") for i in range(reasons)),
    )


def _per_act(counts: Counts) -> int:
    return round(counts.reasons / counts.acts) if counts.acts else 0


def run_floor(counts: Counts) -> list[Record]:
    """``counts.acts`` acts spread over ``counts.events`` SimPy events.

    One process yields a timeout a day and judges its share of the acts on
    each; with the process's start and end events, the environment schedules
    exactly ``counts.events`` events.
    """
    env = simpy.Environment()
    records: list[Record] = []
    steps = max(0, counts.events - 2)
    reasons = _per_act(counts)

    def process() -> simpy.events.ProcessGenerator:
        done = 0
        for step in range(steps):
            due = counts.acts * (step + 1) // steps
            while done < due:
                records.append(judge(done, step, reasons))
                done += 1
            yield env.timeout(1)
        while done < counts.acts:
            records.append(judge(done, steps, reasons))
            done += 1

    env.process(process())
    env.run()
    return records


def run_bare(counts: Counts) -> list[Record]:
    """The same records as :func:`run_floor`, without a clock."""
    reasons = _per_act(counts)
    return [judge(n, n, reasons) for n in range(counts.acts)]
