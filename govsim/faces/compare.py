"""``govsim compare``: one scenario replayed under several rule books, side by side.

Shows one row per act with its verdict under each book and a marker on the
first divergence, then that divergence in prose with the clauses behind each
verdict, the violations per book and the outcome measures. A comparison
states no expectations, so it exits 0; invalid input (an unknown book, books
for another organisation, fewer than two books) exits 2 before anything is
printed. The engine is imported inside the command, as for every command.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer

from govsim.faces.arguments import JsonOption, ScenarioArgument

__all__ = ["compare_command"]


def compare_command(
    scenario: ScenarioArgument,
    rules: Annotated[
        list[str],
        typer.Option(
            "--rules",
            "-r",
            metavar="BOOK",
            help=(
                "A rule book to compare: an id the scenario lists, another "
                "book's id (found as the scenario finds its books, see "
                "docs/finding-books.md), or a path to a rule book file. Repeat: "
                "give at least two."
            ),
        ),
    ],
    as_json: JsonOption = False,
) -> None:
    """Show where rule books diverge on one scenario.

    The scenario is replayed under each book given with --rules and its acts
    are shown side by side, the first divergence marked and explained.
    Exits 0 (a comparison has no expectations), 2 on invalid input.
    """
    from govsim.analysis.compare import compare
    from govsim.analysis.views.comparison import print_comparison
    from govsim.faces.console import consoles, user_errors

    out, err = consoles()
    with user_errors(err):
        comparison = compare(scenario, rules)
    if as_json:
        typer.echo(json.dumps(comparison.to_records(), indent=2, ensure_ascii=False))
    else:
        print_comparison(out, comparison)
