"""``govsim sweep``: run a Monte Carlo sweep, show its progress, print its summary.

The spec and the output folder are checked first, so bad input exits 2
before a process pool or a Dask cluster starts, and a Dask scheduler that
cannot be reached exits 2 before any run. Progress goes to stderr (a bar
with runs per second and the time left, when stderr is a terminal and
``--quiet`` is not given); the summary table, or its JSON, goes to stdout.
Ctrl-C writes the runs already finished and says how to resume (exit 130).
Resuming, each file found damaged and set aside gets a note on stderr.
Failed runs are data: they are counted in the summary and the exit code
stays 0.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer

from govsim import limits
from govsim.errors import UsageError
from govsim.faces.arguments import JsonOption, SchedulerOption, WorkersOption

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.table import Table

    from govsim.sweeps.summary import Summary
    from govsim.sweeps.sweeping import Progress

__all__ = ["print_summary", "sweep_command"]

DEFAULT_CHUNK = 1000
"""Runs per Parquet file unless --chunk says otherwise."""


@contextmanager
def _progress_bar(err: Console, show: bool) -> Iterator[Progress | None]:
    """A progress callback drawing a bar on stderr, or ``None`` when not shown."""
    if not show:
        yield None
        return
    from govsim.faces.progress import progress_bar

    bar = progress_bar(err, found=False, transient=False)
    task: list[Any] = []

    def tick(done: int, total: int, row: object) -> None:
        if not task:
            task.append(bar.add_task("runs", total=total, completed=done))
        else:
            bar.update(task[0], completed=done)

    with bar:
        yield tick


def _note(err: Console) -> Callable[[str], None]:
    """A callback printing a note on stderr, as written (paths are not markup)."""

    def say(text: str) -> None:
        err.print(text, markup=False, highlight=False, soft_wrap=True)

    return say


def _resume_command(spec: Path, folder: Path, **options: object) -> str:
    """The command that finishes an interrupted sweep: the options given, and --resume."""
    import shlex

    words = [
        "govsim",
        "sweep",
        shlex.quote(str(spec)),
        "--out",
        shlex.quote(str(folder)),
    ]
    for name, value in options.items():
        if value is not None and not (name == "chunk" and value == DEFAULT_CHUNK):
            words += [f"--{name}", shlex.quote(str(value))]
    return " ".join([*words, "--resume"])


def _interrupted(folder: Path, total: int, again: str) -> str:
    """What Ctrl-C leaves: the runs saved in ``folder``, and how to finish."""
    from govsim.sweeps.manifest import load_manifest

    data, _ = load_manifest(folder)
    chunks = data.get("chunks", []) if isinstance(data, dict) else []
    saved = sum(c.get("rows", 0) for c in chunks if isinstance(c, dict))
    return (
        f"interrupted: {saved:,} of {total:,} runs saved in {folder}; "
        f"resume with: {again}"
    )


def _summary_table(summary: Summary) -> Table:
    from rich.table import Table

    from govsim.sweeps.summary import figure_text

    table = Table(header_style="bold")
    for name in ("rule book", "parameters", "measure", "median", "2.5%", "97.5%"):
        table.add_column(name, overflow="fold")
    table.add_column("runs", justify="right")
    table.add_column("failed", justify="right")
    for group in summary.groups:
        params = ", ".join(f"{k}={v}" for k, v in group.parameters.items()) or "-"
        first = True
        for name, m in group.measures.items():
            if m.share is not None:
                cells = [f"{m.share:.1%} yes", "", ""]
            else:
                cells = [figure_text(m.median), figure_text(m.low), figure_text(m.high)]
            table.add_row(
                group.rulebook if first else "",
                params if first else "",
                name,
                *cells,
                str(group.runs) if first else "",
                str(group.failed) if first else "",
                end_section=name == list(group.measures)[-1],
            )
            first = False
        if first:
            table.add_row(
                group.rulebook,
                params,
                "-",
                "",
                "",
                "",
                str(group.runs),
                str(group.failed),
            )
    return table


def _summary_blocks(summary: Summary) -> RenderableType:
    """The summary as one block per rule book and grid point, for a narrow window."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    from govsim.sweeps.summary import figure_text

    blocks: list[RenderableType] = []
    for group in summary.groups:
        head = Text(group.rulebook, style="bold")
        params = ", ".join(f"{k}={v}" for k, v in group.parameters.items())
        head.append(f" {params}" if params else "")
        head.append(f": {group.runs} runs, {group.failed} failed")
        table = Table(header_style="bold")
        for name in ("measure", "median", "2.5%", "97.5%"):
            table.add_column(name, no_wrap=name != "measure")
        for name, m in group.measures.items():
            if m.share is not None:
                cells = [f"{m.share:.1%} yes", "", ""]
            else:
                cells = [figure_text(m.median), figure_text(m.low), figure_text(m.high)]
            table.add_row(name, *cells)
        parts: list[RenderableType] = [head]
        if group.measures:
            parts.append(Padding(table, (0, 0, 0, 2)))
        blocks.append(Group(*parts))
    return Group(*blocks)


def print_summary(console: Console, summary: Summary) -> None:
    """Print a sweep's summary: one block of rows per rule book and grid point.

    One table when it fits the width unwrapped, else a heading and a table
    of measures per rule book and grid point.
    """
    from govsim.sweeps.summary import INTERVAL
    from govsim.text.plain import tell
    from govsim.text.terminal import FirstFit

    console.print(FirstFit(_summary_table(summary), _summary_blocks(summary)))
    lines = [
        f"median and interval: {INTERVAL}; a yes/no measure shows its share of runs",
        f"{summary.runs:,} of {summary.total:,} runs, {summary.failed:,} failed; "
        f"results in {summary.path} (manifest.json, runs-*.parquet)",
    ]
    for line in lines:
        tell(console, line)


def sweep_command(
    spec: Annotated[
        Path, typer.Argument(metavar="SPEC", help="The sweep spec file (YAML).")
    ],
    runs: Annotated[
        int | None,
        typer.Option(
            "--runs",
            metavar="N",
            min=1,
            max=limits.MAX_RUNS,
            help="Runs per rule book and grid point (a sweep makes at most "
            f"{limits.MAX_SWEEP_RUNS:,} runs in all).",
            show_default="the spec's runs",
        ),
    ] = None,
    seed: Annotated[
        int | None,
        typer.Option(
            "--seed",
            metavar="SEED",
            min=0,
            max=limits.MAX_SEED,
            help="The sweep's seed; the same seed gives the same runs.",
            show_default="the spec's seed",
        ),
    ] = None,
    workers: WorkersOption = None,
    executor: Annotated[
        Literal["serial", "process", "dask"] | None,
        typer.Option(
            "--executor",
            help="Where runs execute: this process, a process pool or Dask.",
            show_default="serial, or process with --workers",
        ),
    ] = None,
    scheduler: SchedulerOption = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="DIR",
            help="Write the runs and the manifest into this folder.",
            show_default="./govsim-sweeps/<sweep id>/",
        ),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option("--resume", help="Complete an interrupted sweep in --out."),
    ] = False,
    chunk: Annotated[
        int,
        typer.Option(
            "--chunk",
            metavar="N",
            min=1,
            max=limits.MAX_CHUNK_ROWS,
            help="Runs per Parquet file.",
        ),
    ] = DEFAULT_CHUNK,
    as_json: JsonOption = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", help="No progress bar or notes on stderr.")
    ] = False,
) -> None:
    """Run a model or scenario many times under each rule book.

    A Monte Carlo sweep: writes one Parquet row per run and prints medians and intervals per rule
    book and grid point. Exits 0 when the sweep completes (failed runs are
    counted, not fatal), 2 on invalid input, 130 when interrupted.
    """
    from govsim.faces.console import EXIT_INTERRUPTED, consoles, user_errors
    from govsim.sweeps.executors import open_executor
    from govsim.sweeps.sweeping import Sweep

    console, err = consoles()
    with user_errors(err):
        if chunk < 1:
            raise UsageError(f"--chunk must be at least 1, not {chunk}")
        default = "process" if workers not in (None, 1) else "serial"
        kind: Any = executor if executor is not None else default
        prepared = Sweep.prepare(spec, out=out, resume=resume, runs=runs, seed=seed)
        plan = prepared.plan
        with open_executor(kind, workers=workers, scheduler=scheduler) as ready:
            if not quiet:
                err.print(
                    f"{plan.sweep}: {plan.total:,} runs ({len(plan.books)} books x "
                    f"{len(plan.points)} points x {plan.replicates}) on "
                    f"{ready.description}, into {prepared.folder}",
                    markup=False,
                    highlight=False,
                    soft_wrap=True,
                )
            with _progress_bar(err, not quiet and err.is_terminal) as tick:
                try:
                    result = prepared.run(
                        ready.executor,
                        window=ready.window,
                        chunk_rows=chunk,
                        progress=tick,
                        note=None if quiet else _note(err),
                    )
                except KeyboardInterrupt:
                    again = _resume_command(
                        spec,
                        prepared.folder,
                        runs=runs,
                        seed=seed,
                        chunk=chunk,
                        executor=executor,
                        workers=workers,
                        scheduler=scheduler,
                    )
                    _note(err)(_interrupted(prepared.folder, plan.total, again))
                    raise typer.Exit(EXIT_INTERRUPTED) from None
        summary = result.summary()
    if as_json:
        typer.echo(summary.to_json())
    else:
        print_summary(console, summary)
