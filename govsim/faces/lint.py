"""``govsim lint``: structural problems of a rule book, before any history.

Prints each finding with its code, the clauses involved, the invariants it
endangers, why it matters and how to fix it; ``--json`` prints the same as one
JSON document. Exits 1 when there are findings, 0 when there are none, and 2
on invalid input (an unknown book or code, a malformed file, a book written
for another organisation), before anything is printed. The engine is imported
inside the command, as for every command.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer

from govsim.faces.arguments import BookArgument, JsonOption, OrgOption

__all__ = ["lint_command"]


def lint_command(
    book: BookArgument,
    org: OrgOption = None,
    as_json: JsonOption = False,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore",
            metavar="CODE",
            help="Leave out findings with this code. Repeat for several.",
        ),
    ] = None,
) -> None:
    """Lint a rule book for unaccountable bodies and dead clauses.

    Reports the weaknesses visible before anything happens: a body nobody
    can remove, an executive that picks its own judges, a sanction with no
    appeal, a quorum one conflict makes impossible, a clause that never
    applies. Exits 1 when there are findings, 0 when none, 2 on invalid input.
    """
    from govsim.analysis.lint import lint
    from govsim.faces.console import EXIT_OK, EXIT_UNMET, consoles, user_errors

    out, err = consoles()
    with user_errors(err):
        report = lint(book, org, ignore=ignore or ())
    if as_json:
        typer.echo(json.dumps(report.to_records(), indent=2, ensure_ascii=False))
    else:
        out.print(report)
    raise typer.Exit(EXIT_UNMET if report.findings else EXIT_OK)
