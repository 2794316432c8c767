"""``govsim report``: one self-contained HTML page of a scenario, sweep or mutation run.

A scenario is replayed under its books (or those given with ``--rules``) and
written as a page with the organisation chart, the timeline, the verdicts
side by side, the invariants and every act's explanation. A directory is a
sweep's output and gets the sweep report, unless it holds a ``mutation.json``:
then it is a mutation run's output (``govsim mutate --out``) and gets the
mutation report. The page needs the ``report`` extra (a sweep's plots the
``plots`` extra, without which the page says they are left out); without
it, and on any invalid input, the command exits 2 with a message and
writes nothing. The engine and Jinja2 are imported inside the command.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from govsim.errors import UsageError
from govsim.faces.arguments import RulesOption

__all__ = ["default_out", "report_command"]

SCENARIO_SUFFIXES = (".govsim.yaml", ".govsim.yml", ".yaml", ".yml")
REPORT_SUFFIX = ".report.html"
REPORT_FOLDER = Path("govsim-reports")
"""Where reports go without --out: one folder, as sweeps go to govsim-sweeps/."""


def default_out(target: Path) -> Path:
    """Where a report goes by default: ``govsim-reports/<name>.report.html``.

    The name is the scenario file's without its ``.govsim.yaml`` ending, or
    the sweep directory's.
    """
    name = target.resolve().name if target.is_dir() else target.name
    for suffix in SCENARIO_SUFFIXES:
        if name.endswith(suffix) and not target.is_dir():
            name = name[: -len(suffix)]
            break
    return REPORT_FOLDER / (name + REPORT_SUFFIX)


def report_command(
    target: Annotated[
        Path,
        typer.Argument(
            metavar="TARGET",
            help=(
                "A scenario file, a sweep's output directory, or a mutation "
                "run's output directory."
            ),
        ),
    ],
    rules: RulesOption = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="FILE",
            help="Write the page to this file.",
            show_default="govsim-reports/<name>.report.html",
        ),
    ] = None,
) -> None:
    """Write one self-contained HTML report of a scenario or a run.

    A run is a sweep's or a mutation run's output folder. With several
    rule books a scenario's page compares them side by side.

    Exits 0 when the page is written (its path is printed), 2 on invalid
    input, when the report extra is missing or when the page cannot be written.
    """
    from govsim.documents.paths import input_problem, shown_path
    from govsim.errors import DocumentError
    from govsim.faces.console import consoles, user_errors
    from govsim.reports.html import check_out, require_viz

    _, err = consoles()
    with user_errors(err):
        require_viz()
        unreadable = input_problem(target, folder=True)
        if unreadable is not None:
            raise DocumentError.at_file(shown_path(target), unreadable)
        path = out if out is not None else default_out(target)
        check_out(path)
        if target.is_dir():
            from govsim.reports.mutation_report import (
                is_mutation_folder,
                write_mutation_report,
            )

            mutation = is_mutation_folder(target)
            if rules:
                what = "a mutation run's" if mutation else "a sweep"
                raise UsageError(
                    f"{target} is {what} directory; --rules applies to scenarios only"
                )
            if mutation:
                written = write_mutation_report(target, path)
            else:
                from govsim.reports.sweep_report import write_sweep_report

                written = write_sweep_report(target, path)
        else:
            from govsim.reports.scenario_report import write_scenario_report

            written = write_scenario_report(target, path, rules or ())
    typer.echo(str(written))
