"""Run a plan's runs on any ``concurrent.futures.Executor``, a window at a time.

Each run travels to a worker as a small :class:`RunTask` (the target's kind
and path, the run's book, parameters and seed) and comes back as one flat
row; short runs travel in batches (:class:`Pacer`). Workers load the target
once per process (:func:`load_target`), so the files are read once per
worker, not once per run. At most ``window`` batches are in flight, so memory
stays flat however many runs a sweep has.

A run that raises is not the end of the sweep: its row records the error's
type and message with ``status: failed`` and the sweep goes on. Only a broken
executor (a dead process pool) stops it.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, BrokenExecutor, Executor, Future, wait
from dataclasses import dataclass
from itertools import islice
from typing import Final

from govsim.sweeps.plan import PlannedRun
from govsim.sweeps.targets import (
    Record,
    TargetLoader,
    Value,
    load_target,
    register_target,
    target_kinds,
)

__all__ = ["Pacer", "RunTask", "execute", "perform", "perform_batch"]

BATCH_SECONDS: Final = 0.1
"""Aim for tasks of about this long when runs are short (see Pacer)."""
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


def _plain(value: Value) -> Value:
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
    """Run one task in this process and return its row (never raises an Exception).

    The row's ``seconds`` is the run's own time, not the one-off loading of
    the target by the worker's first run.
    """
    start = time.perf_counter()
    try:
        if task.loader is not None and task.kind not in target_kinds():
            register_target(task.kind, task.loader)
        target = load_target(task.kind, task.target)
        start = time.perf_counter()
        run = task.run
        out = target.run(run.book.key, params=run.params, seed=run.seed)
    except Exception as exc:
        return failed(task, exc, time.perf_counter() - start)
    row = _row(task)
    row |= {m: _plain(out.get(m)) for m in task.measures}
    row |= {"status": OK, "error": None, "seconds": time.perf_counter() - start}
    return row


def perform_batch(tasks: tuple[RunTask, ...]) -> list[Record]:
    """Run several tasks in this process, in order: one trip to a worker for all."""
    return [perform(task) for task in tasks]


class Pacer:
    """How many runs to send per task, so each task takes about ``seconds``.

    Short runs sent one by one spend more time travelling to workers (and,
    on Dask, through the scheduler) than running; batching them amortises
    that. The size follows the runs' measured durations, starting at one, so
    slow runs still go one at a time. Batching changes nothing in the
    results: each run keeps its own seed.
    """

    def __init__(self, seconds: float = BATCH_SECONDS, largest: int = 64) -> None:
        self.seconds = seconds
        self.largest = max(1, largest)
        self._per_run: float | None = None

    @property
    def size(self) -> int:
        """Runs to put in the next task."""
        if self._per_run is None or self.largest == 1:
            return 1
        wanted = int(self.seconds / max(self._per_run, 1e-6))
        return max(1, min(self.largest, wanted))

    def observe(self, seconds: float) -> None:
        """Take one finished run's duration into the running estimate."""
        if self._per_run is None:
            self._per_run = seconds
        else:
            self._per_run += 0.2 * (seconds - self._per_run)


def execute(
    tasks: Iterable[RunTask],
    executor: Executor,
    *,
    window: int,
    pacer: Pacer | None = None,
) -> Iterator[Record]:
    """Submit tasks with at most ``window`` batches in flight; yield rows as they finish.

    Rows come in the order runs finish, not plan order: each row carries its
    run id. Closing the iterator early (an interrupt) cancels what is queued.

    Args:
        tasks: the runs to perform.
        executor: where they run.
        window: batches in flight at once.
        pacer: how many runs per batch (default: one).

    Raises:
        BrokenExecutor: the executor died (its pending runs are not recorded).
    """
    pacer = pacer or Pacer(largest=1)
    pending: dict[Future[list[Record]], tuple[RunTask, ...]] = {}
    queue = iter(tasks)
    try:
        while True:
            while len(pending) < max(1, window):
                batch = tuple(islice(queue, pacer.size))
                if not batch:
                    break
                pending[executor.submit(perform_batch, batch)] = batch
            if not pending:
                return
            for row in _collect(pending):
                pacer.observe(float(row["seconds"] or 0.0))
                yield row
    finally:
        for future in pending:
            future.cancel()


def _collect(
    pending: dict[Future[list[Record]], tuple[RunTask, ...]],
) -> Iterator[Record]:
    done, _ = wait(pending, return_when=FIRST_COMPLETED)
    for future in sorted(done, key=lambda f: pending[f][0].run.run):
        batch = pending.pop(future)
        try:
            yield from future.result()
        except BrokenExecutor:
            raise
        except Exception as exc:
            yield from (failed(task, exc) for task in batch)
