"""Replay a book's scenarios under one version of it and sum up what each showed.

The work a mutation run hands to its executor: :func:`replay_summaries`
replays every scenario under one book (the original, or a mutant under the
same id, so that the expectations the scenarios state for the book apply to
it) and returns a :class:`Summary` per scenario, small enough to send back
from a worker process. Comparing summaries, not traces, is what tells a
killed mutant from a survivor and a survivor from an equivalent one.

A worker loads each scenario file once and keeps it for every later mutant
it is given, so a run loads each scenario once per worker process.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from govsim.engine.replay import Trace
from govsim.engine.trace import to_data
from govsim.errors import GovsimError
from govsim.model.clauses import merge_books
from govsim.model.loading import LoadedScenario, load_scenario
from govsim.model.rulebook import RuleBook

__all__ = [
    "ActSummary",
    "Summary",
    "fingerprint",
    "loaded",
    "replay_summaries",
    "summarise",
]

_LOADED: dict[tuple[str, int, int], LoadedScenario] = {}
"""Scenarios this process has loaded, by path, modification time and size: the
cache that loads each once. A worker of a Dask cluster outlives a run, so a
file edited between two runs is read again."""


@dataclass(frozen=True)
class ActSummary:
    """One act as a replay judged it: its verdict, and a digest of its reasons."""

    id: str
    kind: str
    actor: str
    verdict: str
    reasons: str
    """A digest of the act's reasons and effects: equal digests, same judgement."""


@dataclass(frozen=True)
class Summary:
    """What one scenario showed under one book."""

    scenario: str
    expectations: tuple[tuple[str, bool, str], ...] = ()
    """(description, met, what was found) for each expectation the scenario states
    for the book, in the order written."""
    acts: tuple[ActSummary, ...] = ()
    violations: tuple[tuple[str, str, str], ...] = ()
    """Each violation recorded, as (act or ``-`` for a timed one, clause, rule)."""
    breaches: tuple[str, ...] = ()
    """Each invariant breach (and breach a void act prevented), in words."""
    trace: str = ""
    """A digest of the whole trace: equal digests, the same trace."""
    error: str | None = None
    """Why the scenario could not be replayed under the book, if it could not."""


def loaded(path: str) -> LoadedScenario:
    """The scenario at ``path``, loaded once per process (again if the file changed)."""
    try:
        stat = Path(path).stat()
        key = (path, stat.st_mtime_ns, stat.st_size)
    except OSError:
        return load_scenario(Path(path))  # its own message says what is wrong
    found = _LOADED.get(key)
    if found is None:
        found = _LOADED[key] = load_scenario(Path(path))
    return found


def _digest(data: Any) -> str:
    text = json.dumps(data, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def fingerprint(trace: Trace) -> str:
    """A digest of everything a replay produced but the book's id."""
    return _digest(
        [
            [to_data(r) for r in trace.acts],
            [to_data(r) for r in trace.timed],
            [to_data(r) for r in trace.violations],
            [to_data(r) for r in trace.breaches],
            [to_data(r) for r in trace.prevented],
            [to_data(r) for r in trace.versions],
        ]
    )


def _breach(kind: str, data: dict[str, Any]) -> str:
    witnesses = ", ".join(data["witnesses"])
    act = f" by act {data['act']}" if data["act"] else ""
    return f"{kind} {data['invariant']} on {data['at']}{act} ({witnesses})"


def summarise(
    scenario: LoadedScenario, result_trace: Trace, outcomes: list[tuple[str, bool, str]]
) -> Summary:
    """A :class:`Summary` of one replay (``outcomes``: its expectations judged)."""
    acts = tuple(
        ActSummary(
            id=r.id,
            kind=r.act,
            actor=r.actor,
            verdict=r.verdict.value,
            reasons=_digest([[to_data(x) for x in r.reasons], list(r.effects)]),
        )
        for r in result_trace.acts
    )
    breaches = tuple(
        _breach("broken:", to_data(b)) for b in result_trace.breaches
    ) + tuple(_breach("prevented:", to_data(b)) for b in result_trace.prevented)
    return Summary(
        scenario=scenario.id,
        expectations=tuple(outcomes),
        acts=acts,
        violations=tuple(
            (v.act or "-", v.clause or "-", v.rule) for v in result_trace.violations
        ),
        breaches=breaches,
        trace=fingerprint(result_trace),
    )


def replay_traces(
    book: RuleBook, paths: tuple[str, ...]
) -> list[tuple[Summary, Trace | None]]:
    """Replay each scenario under ``book`` (judged by the expectations for its id).

    A scenario the book cannot be replayed under (an amendment it makes
    impossible, an invariant's parameter it no longer fits) gives a summary
    with ``error`` set, and no trace: a mutant that breaks a scenario that
    way is noticed.
    """
    from govsim.running import run

    resolved = merge_books(book, None)
    out: list[tuple[Summary, Trace | None]] = []
    for path in paths:
        scenario = loaded(path)
        try:
            result = run(scenario, resolved)
        except GovsimError as exc:
            error = str(exc).splitlines()[0]
            out.append((Summary(scenario=scenario.id, error=error), None))
            continue
        outcomes = [(e.description, e.met, e.actual) for e in result.expectations]
        out.append((summarise(scenario, result.trace, outcomes), result.trace))
    return out


def replay_summaries(book: RuleBook, paths: tuple[str, ...]) -> list[Summary]:
    """The summaries of :func:`replay_traces`: what a worker sends back."""
    return [summary for summary, _ in replay_traces(book, paths)]
