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
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from govsim.faces.plain import say

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from govsim.analysis.compare import ActRow, Comparison

__all__ = ["compare_command", "print_comparison"]

DIVERGENCE_MARK = "◀ first divergence"
DEPENDENCY_RULE = "dependency"
"""The rule of the engine's reason for an act void because it depends on a void act."""


def _acts_table(comparison: Comparison) -> Table:
    from rich.table import Table
    from rich.text import Text

    from govsim.faces.render import VERDICT_STYLES

    first = comparison.first_divergence
    table = Table(header_style="bold")
    table.add_column("date", no_wrap=True)
    table.add_column("id", overflow="fold", max_width=24)
    table.add_column("actor", overflow="fold", max_width=14)
    table.add_column("act", overflow="fold", max_width=20)
    for book in comparison.books:
        table.add_column(book, no_wrap=True)
    table.add_column("note", overflow="fold", min_width=len(DIVERGENCE_MARK))
    for row in comparison.rows:
        cells = [
            Text(row.at.isoformat()),
            Text(row.id),
            Text(row.actor),
            Text(row.act.replace("_", " ")),
        ]
        cells += [
            Text(v.value, style=VERDICT_STYLES.get(v.value, ""))
            for v in row.verdicts.values()
        ]
        note = Text()
        if first is not None and first.row.id == row.id:
            note.append(DIVERGENCE_MARK, style="bold magenta")
        for line in _dependency_notes(row):
            note.append("\n" if note else "")
            note.append(line, style="red")
        cells.append(note)
        table.add_row(*cells)
    return table


def _dependency_notes(row: ActRow) -> list[str]:
    """Why an act is void under a book because an act it depends on is void there.

    Shown in the table because such a verdict is not a violation of its own:
    without the note the reader would look for a clause that is not there.
    """
    return [
        f"{book}: {reason.check}"
        for book, record in row.records.items()
        for reason in record.failing
        if reason.rule == DEPENDENCY_RULE
    ]


def print_comparison(console: Console, comparison: Comparison) -> None:
    """Print a comparison: acts table, first divergence, violations, outcomes.

    Args:
        console: where to print (stdout in the command line).
        comparison: the replays to show side by side.
    """
    say(
        console,
        f"{comparison.scenario} under {', '.join(comparison.books)}",
        "bold",
    )
    console.print(_acts_table(comparison))
    first = comparison.first_divergence
    if first is None:
        say(console, "no divergence: every act gets the same verdict under every book")
    else:
        say(console, f"first divergence: {first}")
    for book in comparison.books:
        violations = comparison.results[book].violations
        say(console, f"\nviolations under {book}: {len(violations)}", "bold")
        for v in violations:
            where = f"{v.act}" if v.act else "-"
            clause = f" clause {v.clause}" if v.clause else ""
            effect = "" if v.took_effect else " (no effect)"
            say(
                console,
                f"  {v.at.isoformat()} {where}{clause} [{v.rule}]{effect}: {v.message}",
            )
    for book in comparison.books:
        _print_outcomes(console, comparison, book)
        _print_invariants(console, comparison, book)


def _print_invariants(console: Console, comparison: Comparison, book: str) -> None:
    """One line of breaches and one of breaches prevented, counted per invariant."""
    counts = comparison.invariant_counts(book)
    for key, label in (("broken", "breaches"), ("prevented", "breaches prevented")):
        found = counts[key]
        total = sum(found.values())
        listed = ", ".join(f"{n} of {name}" for name, n in found.items())
        say(console, f"  {label}: {total}" + (f" ({listed})" if listed else ""))


def _print_outcomes(console: Console, comparison: Comparison, book: str) -> None:
    out = comparison.outcomes(book)
    say(console, f"\noutcomes under {book}", "bold")
    for p in out.parties:
        say(console, f"  {p.case}: {p.role} {p.person} ends {p.status}")
    if out.open_cases:
        owned = ", ".join(
            f"{c.case} (owner: {c.owner or 'none'})" for c in out.open_cases
        )
        say(console, f"  cases still open: {owned}")
    else:
        say(console, "  cases still open: none")
    for t in out.timings:
        if t.days is None:
            say(
                console,
                f"  {t.case}: complaint {t.complaint.isoformat()}, "
                "no decision ever took effect",
            )
        else:
            assert t.effective is not None
            say(
                console,
                f"  {t.case}: complaint {t.complaint.isoformat()} to {t.decision} "
                f"in effect {t.effective.isoformat()}: {t.days} days",
            )
    missed = ", ".join(
        f"{v.act or '-'} (clause {v.clause or '-'}, {v.at.isoformat()})"
        for v in out.deadlines_missed
    )
    say(
        console,
        f"  deadlines missed: {len(out.deadlines_missed)}{': ' if missed else ''}{missed}",
    )


def compare_command(
    scenario: Annotated[
        Path,
        typer.Argument(metavar="SCENARIO", help="The scenario file to replay."),
    ],
    rules: Annotated[
        list[str],
        typer.Option(
            "--rules",
            metavar="BOOK",
            help=(
                "A rule book to compare: an id the scenario lists, another "
                "book's id (found as the scenario finds its books, see "
                "docs/finding-books.md), or a path to a rule book file. Give "
                "at least two."
            ),
        ),
    ],
    as_json: Annotated[
        bool,
        typer.Option("--json", help="Print one JSON document instead of tables."),
    ] = False,
) -> None:
    """Replay a scenario under several rule books and show where they diverge.

    Exits 0 (a comparison has no expectations), 2 on invalid input.
    """
    from govsim.analysis.compare import compare
    from govsim.faces.cli import _consoles, _user_errors

    out, err = _consoles()
    with _user_errors(err):
        comparison = compare(scenario, rules)
    if as_json:
        typer.echo(json.dumps(comparison.to_records(), indent=2, ensure_ascii=False))
    else:
        print_comparison(out, comparison)
