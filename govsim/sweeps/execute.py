"""Run a plan's runs on any ``concurrent.futures.Executor``, a window at a time.

Each run travels to a worker as a small :class:`RunTask` (the target's kind
and path, the run's book, parameters and seed) and comes back as one flat
row. Workers load the target once per process (:func:`load_target`), so the
files are read once per worker, not once per run. At most ``window`` runs are
in flight, so memory stays flat however many runs a sweep has.

A run that raises is not the end of the sweep: its row records the error's
type and message with ``status: failed`` and the sweep goes on. Only a broken
executor (a dead process pool) stops it.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, BrokenExecutor, Executor, Future, wait
from dataclasses import dataclass

from govsim.sweeps.plan import PlannedRun
from govsim.sweeps.targets import (
    Record,
    TargetLoader,
    load_target,
    register_target,
    target_kinds,
)

__all__ = ["RunTask", "execute", "perform"]

OK = "ok"
FAILED = "failed"


@dataclass(frozen=True)
class RunTask:
    """Everything a worker needs for one run; small and picklable."""

    kind: str
    target: str
    """The target file's absolute path."""
    run: PlannedRun
    measures: tuple[str, ...]
    loader: TargetLoader | None = None
    """For a kind registered at run time: its loader, for workers that lack it."""


def _plain(value: object) -> object:
    # numpy scalars (a model's measures) become Python ones for Parquet and JSON.
    item = getattr(value, "item", None)
    return item() if callable(item) else value


def _row(task: RunTask) -> Record:
    run = task.run
    row: Record = {
        "run": run.run,
        "rulebook": run.book.id,
        "point": run.point,
        "replicate": run.replicate,
        "seed": run.seed,
    }
    row |= run.params
    return row


def failed(task: RunTask, exc: BaseException, seconds: float = 0.0) -> Record:
    """The row of a run that raised: no measures, the error's type and message."""
    row = _row(task) | dict.fromkeys(task.measures)
    row |= {
        "status": FAILED,
        "error": f"{type(exc).__name__}: {exc}",
        "seconds": seconds,
    }
    return row


def perform(task: RunTask) -> Record:
    """Run one task in this process and return its row (never raises an Exception)."""
    start = time.perf_counter()
    try:
        if task.loader is not None and task.kind not in target_kinds():
            register_target(task.kind, task.loader)
        target = load_target(task.kind, task.target)
        run = task.run
        out = target.run(run.book.key, params=run.params, seed=run.seed)
    except Exception as exc:
        return failed(task, exc, time.perf_counter() - start)
    row = _row(task)
    row |= {m: _plain(out.get(m)) for m in task.measures}  # type: ignore[misc]
    row |= {"status": OK, "error": None, "seconds": time.perf_counter() - start}
    return row


def execute(
    tasks: Iterable[RunTask], executor: Executor, *, window: int
) -> Iterator[Record]:
    """Submit tasks with at most ``window`` in flight; yield rows as they finish.

    Rows come in the order runs finish, not plan order: each row carries its
    run id. Closing the iterator early (an interrupt) cancels what is queued.

    Raises:
        BrokenExecutor: the executor died (its pending runs are not recorded).
    """
    pending: dict[Future[Record], RunTask] = {}
    try:
        for task in tasks:
            pending[executor.submit(perform, task)] = task
            if len(pending) >= max(1, window):
                yield from _collect(pending)
        while pending:
            yield from _collect(pending)
    finally:
        for future in pending:
            future.cancel()


def _collect(pending: dict[Future[Record], RunTask]) -> Iterator[Record]:
    done, _ = wait(pending, return_when=FIRST_COMPLETED)
    for future in sorted(done, key=lambda f: pending[f].run.run):
        task = pending.pop(future)
        try:
            yield future.result()
        except BrokenExecutor:
            raise
        except Exception as exc:
            yield failed(task, exc)
