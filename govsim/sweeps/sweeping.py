"""Run a sweep: check the spec, plan the runs, execute them, store the rows.

:func:`sweep` is the whole thing in one call. :class:`Sweep` splits it in
two, so the command line can refuse bad input (the spec, the output folder)
before it starts a process pool or a Dask cluster, and only then run::

    prepared = Sweep.prepare("scenarios/sweeps/case-absences.sweep.yaml")
    result = prepared.run()            # serial; or .run(ProcessPoolExecutor(2))
    print(result.summary().to_json())
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path

from govsim import limits
from govsim.documents.paths import check_output_folder
from govsim.extras import need
from govsim.limits import check_range
from govsim.sweeps.execute import Pacer, RunTask, execute
from govsim.sweeps.executors import SerialExecutor, window_for
from govsim.sweeps.plan import Plan, PlannedRun, make_plan
from govsim.sweeps.result import SweepResult
from govsim.sweeps.spec import LoadedSpec, load_spec
from govsim.sweeps.store import CHUNK_ROWS, RunStore, check_folder
from govsim.sweeps.targets import Record, registered_loader

__all__ = ["DEFAULT_ROOT", "Note", "Progress", "Sweep", "sweep"]

DEFAULT_ROOT = Path("govsim-sweeps")
"""Where a sweep writes without ``out``: ``./govsim-sweeps/<sweep id>/``."""

Progress = Callable[[int, int, "Record | None"], None]
"""Called with (runs done, runs in the plan, the row just finished); once at
the start with no row, the count then being the runs a resumed sweep had."""

Note = Callable[[str], None]
"""Told, before any run, of each file a resumed sweep found damaged and set
aside (or took up unlisted), in one line that says why."""


@dataclass(frozen=True)
class Sweep:
    """A checked sweep, ready to run: its spec, plan and output folder."""

    spec: LoadedSpec
    plan: Plan
    folder: Path
    resume: bool

    @classmethod
    def prepare(
        cls,
        spec: str | Path | LoadedSpec,
        *,
        out: str | Path | None = None,
        resume: bool = False,
        runs: int | None = None,
        seed: int | None = None,
    ) -> Sweep:
        """Check everything that can be checked before a run starts.

        Raises:
            DocumentError: a problem in the spec (or its target's file).
            UsageError: a missing extra, a bad override, or an output folder
                that is in use (without ``resume``) or holds another sweep.
        """
        need("pyarrow", "sweep", "govsim sweep")
        need("numpy", "sweep", "govsim sweep")
        if runs is not None:
            check_range("--runs", runs, 1, limits.MAX_RUNS)
        if seed is not None:
            check_range("--seed", seed, 0, limits.MAX_SEED)
        if out is not None:
            check_output_folder(out, "--out")
        loaded = spec if isinstance(spec, LoadedSpec) else load_spec(spec)
        loaded = loaded.with_overrides(runs, seed)
        plan = make_plan(loaded)
        folder = Path(out) if out is not None else DEFAULT_ROOT / plan.sweep
        check_folder(folder, plan, resume=resume)
        return cls(loaded, plan, folder, resume)

    def run(
        self,
        executor: Executor | None = None,
        *,
        window: int | None = None,
        chunk_rows: int = CHUNK_ROWS,
        progress: Progress | None = None,
        note: Note | None = None,
    ) -> SweepResult:
        """Run every run not yet on disk and return the results.

        Resuming, it first checks every chunk on disk: damaged files are
        moved into ``damaged/`` and their runs run again (see
        :mod:`govsim.sweeps.audit`); ``note`` and the result's ``repairs``
        say which. Interrupted (Ctrl-C), it writes the runs that finished
        before re-raising, so ``resume`` loses none of them.

        Args:
            executor: where runs execute (default: serially, here).
            window: batches of runs in flight at once (default: two per
                worker); short runs go in batches of about 0.1 s.
            chunk_rows: rows per Parquet file.
            progress: told of each finished run, e.g. to draw a bar.
            note: told of each file resuming repaired or set aside.
        """
        executor = executor or SerialExecutor()
        store = RunStore.open(
            self.folder,
            self.plan,
            self.spec.path,
            resume=self.resume,
            chunk_rows=chunk_rows,
        )
        if note is not None:
            for text in store.notes:
                note(text)
        done = store.done()
        count, total = len(done), self.plan.total
        if progress is not None:
            progress(count, total, None)
        tasks = (self._task(run) for run in self.plan.runs(skip=done))
        # Batching only pays where runs travel: never in this process.
        pacer = Pacer(largest=1 if isinstance(executor, SerialExecutor) else 64)
        window = window or window_for(executor)
        try:
            for row in execute(tasks, executor, window=window, pacer=pacer):
                store.add(row)
                count += 1
                if progress is not None:
                    progress(count, total, row)
        finally:
            store.close()
        return SweepResult(self.folder, store.manifest, store.notes)

    def _task(self, run: PlannedRun) -> RunTask:
        return RunTask(
            kind=self.plan.kind,
            target=str(self.plan.target),
            run=run,
            measures=self.plan.measures,
            loader=registered_loader(self.plan.kind),
        )


def sweep(
    spec: str | Path | LoadedSpec,
    executor: Executor | None = None,
    *,
    out: str | Path | None = None,
    resume: bool = False,
    runs: int | None = None,
    seed: int | None = None,
) -> SweepResult:
    """Run a Monte Carlo sweep and return its results.

    Args:
        spec: a sweep spec file (see docs/sweeps.md).
        executor: any ``concurrent.futures.Executor``: a process pool, a Dask
            client's ``get_executor()``; default: serially, in this process.
            Results are the same run for run whatever runs them.
        out: the output folder (default ``./govsim-sweeps/<sweep id>/``).
        resume: take up an interrupted sweep in ``out``, running only the
            runs not yet on disk.
        runs: runs per book and grid point, instead of the spec's.
        seed: the sweep's seed, instead of the spec's.

    Returns:
        The results: ``path``, ``manifest``, ``summary()``, ``to_frame()``.

    Raises:
        DocumentError: the spec is invalid (every problem, positioned).
        UsageError: a missing extra, or an output folder in use.

    Examples:
        >>> import govsim
        >>> result = govsim.sweep("scenarios/sweeps/case-absences.sweep.yaml")  # doctest: +SKIP
        >>> result.to_frame().groupby("rulebook")["violations"].median()  # doctest: +SKIP
    """
    prepared = Sweep.prepare(spec, out=out, resume=resume, runs=runs, seed=seed)
    return prepared.run(executor)
