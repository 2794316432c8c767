"""``govsim mutate``: would a book's scenarios notice a bad change to it?

Exit codes: ``0`` the run completed (and reached ``--min-score`` when one
is given), ``1`` the score is below ``--min-score``, ``2`` invalid input,
``130`` interrupted.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer

from govsim import limits
from govsim.faces.arguments import (
    BookArgument,
    JsonOption,
    SchedulerOption,
    WorkersOption,
)
from govsim.text.plain import say

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["mutate_command"]


@contextmanager
def _bar(err: Console, show: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A progress callback drawing a bar of mutants judged on stderr, or ``None``."""
    if not show:
        yield None
        return
    from govsim.faces.progress import progress_bar

    bar = progress_bar(err, found=False, transient=True)
    task: list[Any] = []

    def tick(done: int, total: int) -> None:
        if not task:
            task.append(bar.add_task("mutants", total=total, completed=done))
        else:
            bar.update(task[0], completed=done)

    with bar:
        yield tick


def mutate_command(
    rulebook: BookArgument,
    scenarios: Annotated[
        list[Path],
        typer.Option(
            "--scenarios",
            "-s",
            metavar="PATH",
            help="A scenario that lists the book, or a folder searched for them. "
            "Repeat for several.",
        ),
    ],
    operators: Annotated[
        list[str] | None,
        typer.Option(
            "--operator",
            metavar="NAME",
            help="Only this mutation operator. Repeat for several; docs/mutation.md "
            "lists them.",
            show_default="every operator",
        ),
    ] = None,
    explore: Annotated[
        int,
        typer.Option(
            "--explore",
            metavar="N",
            min=0,
            max=limits.MAX_EXAMPLES,
            help="Also search each mutant the scenarios do not kill for a history "
            "breaking an invariant the book keeps, N examples each (needs the "
            "testing extra).",
        ),
    ] = 0,
    seed: Annotated[
        int,
        typer.Option(
            "--seed",
            metavar="SEED",
            min=0,
            max=limits.MAX_SEED,
            help="The property search's seed.",
        ),
    ] = 0,
    min_score: Annotated[
        float | None,
        typer.Option(
            "--min-score",
            metavar="S",
            help="Exit 1 when the mutation score is below S, a share from 0 to 1.",
        ),
    ] = None,
    workers: WorkersOption = None,
    executor: Annotated[
        Literal["serial", "process", "dask"] | None,
        typer.Option(
            "--executor",
            help="Where mutants are judged: this process, a process pool or Dask.",
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
            help="Write mutation.json and each survivor's variant book into this "
            "folder (`govsim report DIR` makes a page of it).",
        ),
    ] = None,
    verbose: Annotated[
        bool,
        typer.Option("--verbose", "-v", help="List every mutant and every change."),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Mutation-test a rule book against its scenarios.

    Each clause of the book is damaged one way at a time (a clause deleted, a
    requirement dropped, a threshold or quorum lowered, a period halved or
    doubled, a power widened, a disability or link removed), and the
    scenarios are replayed under each mutant. A mutant is killed when an
    expectation fails or an invariant's outcome changes, survives when a
    trace changes unnoticed, and is equivalent when no trace changes. Prints
    the score (killed over killed and survived), the survivors with what
    would kill each, and the clauses no verdict consulted. Exits 0 when done,
    1 below --min-score, 2 on invalid input.
    """
    from govsim.documents.finding import find_rulebook
    from govsim.documents.paths import check_output_folder
    from govsim.extras import need
    from govsim.faces.console import EXIT_UNMET, consoles, user_errors
    from govsim.model.loading import load_rulebook
    from govsim.mutation.report import run_data, summary_lines, write_run
    from govsim.mutation.running import check_score, judge_mutants
    from govsim.mutation.scenarios import collect
    from govsim.sweeps.executors import open_executor

    stdout, err = consoles()
    with user_errors(err):
        check_score(min_score)
        if explore:
            need("hypothesis", "testing", "govsim mutate --explore")
        if out is not None:
            check_output_folder(out, "--out")
        path = find_rulebook(rulebook)
        book = load_rulebook(path)
        chosen = collect(scenarios, book.id, path)
        default = "process" if workers not in (None, 1) else "serial"
        kind: Any = executor if executor is not None else default
        with (
            open_executor(kind, workers=workers, scheduler=scheduler) as ready,
            _bar(err, err.is_terminal and not as_json) as tick,
        ):
            run = judge_mutants(
                book,
                path,
                chosen,
                operators=operators,
                executor=ready.executor,
                executor_name=ready.description,
                explore=explore,
                seed=seed,
                min_score=min_score,
                counterexamples=None if out is None else out / "counterexamples",
                progress=tick,
            )
        written = write_run(run, out) if out is not None else None
    if as_json:
        typer.echo(json.dumps(run_data(run), indent=2))
    else:
        for line in summary_lines(run, verbose=verbose):
            say(stdout, line)
        if written is not None:
            say(
                stdout, f"\nwritten: {written} (govsim report {out} makes a page of it)"
            )
    if not run.passed:
        raise typer.Exit(EXIT_UNMET)
