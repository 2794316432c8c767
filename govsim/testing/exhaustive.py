"""Every history up to a depth: when "none found" must mean "none exists at that size".

The search walks the tree of histories depth first. A node's children are
every act the vocabulary can build there — every allowed actor, act kind,
target and reference, with detail fields (scope, basis, vote form, dates) at
their first option unless ``details`` is set — one day after the last act.
Each child is replayed from scratch and checked.

One reduction keeps this affordable: a *void* act that breaks no invariant
changes nothing (no power, no effect), and any act that later refers to it
is void too, so its subtree repeats a shallower one; it is counted but not
extended. Before searching, the size of the tree is estimated from its first
level; past ``limit`` histories the search refuses with the estimate and
what it would cost, rather than running for hours.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from govsim.engine.trace import Verdict
from govsim.errors import UsageError
from govsim.probing.trial import Chosen, Design, Trial
from govsim.probing.vocabulary import allowed, slots
from govsim.testing.counterexample import Counterexample
from govsim.testing.exploration import Exploration, SearchProgress, Watch

__all__ = ["Move", "moves", "search"]

GAP = 1
"""Days between consecutive acts of an enumerated history."""
SAMPLE = 200
"""First-level moves replayed to estimate the size and cost of a search."""


@dataclass(frozen=True)
class Move:
    """One act a history can take next: its kind and every field's value."""

    kind: str
    values: tuple[tuple[str, Any], ...]


def moves(
    trial: Trial, kinds: tuple[str, ...], actors: frozenset[str] | None, details: bool
) -> Iterator[Move]:
    """Every act that can be built next in ``trial``, in vocabulary order."""
    for kind in kinds:
        yield from _fill(trial, kind, {}, actors, details)


def _fill(
    trial: Trial,
    kind: str,
    chosen: dict[str, Any],
    actors: frozenset[str] | None,
    details: bool,
) -> Iterator[Move]:
    slot = slots(kind, trial.ledger, chosen)
    if slot is None:
        yield Move(kind, tuple(chosen.items()))
        return
    options = allowed(slot.options, actors) if slot.name == "by" else slot.options
    if slot.detail and not details:
        options = options[:1]
    for value in options:
        yield from _fill(trial, kind, {**chosen, slot.name: value}, actors, details)


@dataclass
class _Search:
    design: Design
    chosen: Chosen
    kinds: tuple[str, ...]
    actors: frozenset[str] | None
    start: dt.date
    horizon: int
    details: bool
    histories: int = 0
    acts: int = 0
    engine: float = 0.0
    progress: Watch | None = None
    estimate_total: int = 0
    tried: int = 0
    """Histories of the tree checked so far, the figure the estimate predicts."""

    def replay(self, path: tuple[Move, ...], *, close: bool) -> Trial:
        trial = Trial(self.design, self.chosen, self.start)
        began = time.perf_counter()
        for move in path:
            trial.attempt(move.kind, dict(move.values), GAP)
        if close:
            trial.close(self.horizon)
        self.engine += time.perf_counter() - began
        self.histories += 1
        self.acts += len(path)
        return trial

    def children(self, path: tuple[Move, ...]) -> list[Move]:
        return list(
            moves(self.replay(path, close=False), self.kinds, self.actors, self.details)
        )

    def visit(self, path: tuple[Move, ...], depth: int) -> Trial | None:
        """Depth-first from ``path``: the first trial that breaks an invariant."""
        for move in self.children(path):
            child = (*path, move)
            # With deadline invariants the history must run to its horizon;
            # one closed replay then answers for safety breaches too.
            trial = self.replay(child, close=self._has_deadlines())
            self.tried += 1
            if self.progress is not None:
                self.progress(self.so_far())
            if trial.breaches:
                return trial
            record = trial.session.trace.acts[-1]
            if depth > 1 and record.verdict != Verdict.VOID:
                found = self.visit(child, depth - 1)
                if found is not None:
                    return found
        return None

    def so_far(self, shortest: int | None = None) -> SearchProgress:
        """How far the walk has gone, for a progress callback."""
        return SearchProgress(
            "exhaustive", self.tried, self.estimate_total, self.acts, shortest
        )

    def _has_deadlines(self) -> bool:
        return any(inv.kind.value == "deadline" for inv, _ in self.chosen)

    def estimate(self, depth: int) -> tuple[int, float]:
        """(histories, seconds) the search would take, from a sample of its first level."""
        first = self.children(())
        sample = first[:: max(1, len(first) // SAMPLE)]
        began = time.perf_counter()
        effective = sum(
            self.replay((move,), close=False).session.trace.acts[-1].verdict
            != Verdict.VOID
            for move in sample
        )
        per_history = (time.perf_counter() - began) / max(1, len(sample))
        width = len(first)
        branching = width * effective / max(1, len(sample))
        total = round(sum(width * branching**level for level in range(depth)))
        return total, total * per_history * (1 + depth) / 2


def search(
    design: Design,
    chosen: Chosen,
    *,
    kinds: tuple[str, ...],
    actors: frozenset[str] | None,
    start: dt.date,
    horizon: int,
    depth: int,
    limit: int,
    details: bool,
    out: Path,
    progress: Watch | None = None,
) -> Exploration:
    """Try every history of up to ``depth`` acts; see the module docstring.

    Raises:
        UsageError: ``depth`` below 1, or a tree estimated past ``limit``
            histories (the message gives the estimate and its cost).
    """
    if depth < 1:
        raise UsageError("--depth must be at least 1")
    began = time.perf_counter()
    walk = _Search(design, chosen, kinds, actors, start, horizon, details)
    estimate, seconds = walk.estimate(depth)
    if estimate > limit:
        raise UsageError(
            f"--exhaustive --depth {depth} would replay about {estimate:,} histories "
            f"(about {_duration(seconds)} on this machine), over the limit of {limit:,}. "
            "Lower --depth, restrict with --act or --actor, use a smaller --org, "
            "or raise --limit."
        )
    walk.progress, walk.estimate_total = progress, estimate
    trial = walk.visit((), depth)
    example: Counterexample | None = None
    path: Path | None = None
    if trial is not None:
        found = Counterexample.from_trial(trial, trial.breaches[0], horizon)
        example, path = found.save(out)
        if progress is not None:
            progress(walk.so_far(len(example.acts)))
    return Exploration(
        book=design.book.id,
        invariants=tuple(inv.name for inv, _ in chosen),
        mode="exhaustive",
        histories=walk.histories,
        acts=walk.acts,
        seconds=time.perf_counter() - began,
        engine_seconds=walk.engine,
        depth=depth,
        counterexample=example,
        path=path,
    )


def _duration(seconds: float) -> str:
    for unit, size in (
        ("years", 31_557_600),
        ("days", 86_400),
        ("hours", 3_600),
        ("minutes", 60),
    ):
        if seconds >= size:
            return f"{seconds / size:,.1f} {unit}"
    return f"{seconds:.0f} seconds"
