"""``govsim diff``: two rule books compared, clause by clause and act by act.

Prints the clause changes, then a table of the act kinds and actors where
book B is more, less or incomparably permissive than book A (the rest listed
compactly as equivalent, with their probe counts), then each witness: its
history with both books' verdicts and the clauses deciding its last act.
``--witnesses DIR`` writes every witness as a scenario file, replayed before
its path is printed. A diff states no expectation, so it exits 0; invalid
input (an unknown book, act or actor; books for different organisations)
exits 2 before anything is printed.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from govsim.faces.plain import say

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from govsim.analysis.clausediff import ClauseChange, ClauseDiff
    from govsim.analysis.diff import BookDiff
    from govsim.analysis.witness import Side, Witness

__all__ = ["diff_command", "print_diff"]

PROBE_MARK = "◀ probe"
_SIGN_STYLES = {"+": "green", "-": "red", "~": "yellow"}
_RELATION_STYLES = {"more": "green", "less": "red", "incomparable": "magenta"}


def _print_change(console: Console, change: ClauseChange, indent: str) -> None:
    sign = {"added": "+", "removed": "-"}.get(change.change, "~")
    title = f" {change.title}" if change.title else ""
    say(console, f"{indent}{sign} {change.id}{title} ({change.change})", "bold")
    for line in change.lines:
        say(console, f"{indent}    {line}", _SIGN_STYLES[line.sign])


def _print_clauses(console: Console, clauses: ClauseDiff) -> None:
    from govsim.analysis.clausediff import MATCHING

    say(console, "\nClauses", "bold underline")
    say(console, f"({MATCHING})")
    if clauses.empty:
        say(console, "no clause changes: the books say the same thing")
        return
    for line in clauses.book:
        say(console, f"  {line}", _SIGN_STYLES[line.sign])
    for change in clauses.clauses:
        _print_change(console, change, "  ")
    for amendment in clauses.amendments:
        say(console, f"  amendment {amendment.id} ({amendment.change})", "bold")
        for line in amendment.lines:
            say(console, f"      {line}", _SIGN_STYLES[line.sign])
        for change in amendment.clauses:
            _print_change(console, change, "      ")


def _table(diff: BookDiff, numbers: dict[int, int]) -> Table:
    from rich.table import Table
    from rich.text import Text

    table = Table(header_style="bold")
    table.add_column("act", overflow="fold")
    table.add_column("actor", overflow="fold")
    table.add_column(f"{diff.b.id} is", no_wrap=True)
    table.add_column("probes", justify="right")
    table.add_column("differing", justify="right")
    table.add_column("witness", overflow="fold")
    for contrast in diff.differences():
        relation = contrast.relation.value
        refs = ", ".join(f"#{numbers[id(w)]} {w.direction}" for w in contrast.witnesses)
        table.add_row(
            contrast.kind,
            contrast.actor,
            Text(relation, style=_RELATION_STYLES.get(relation, "")),
            str(contrast.probes),
            str(contrast.differing),
            refs,
        )
    return table


def _print_equivalent(console: Console, diff: BookDiff) -> None:
    by_act: dict[str, list[str]] = defaultdict(list)
    untested = []
    for c in diff.contrasts:
        if c.relation.value == "equivalent":
            by_act[c.kind].append(f"{c.actor} ({c.probes})")
        elif c.relation.value == "untested":
            untested.append(f"{c.kind} by {c.actor}")
    if by_act:
        say(console, "\nno difference found (act: actor (probes)):", "bold")
        for kind, actors in by_act.items():
            say(console, f"  {kind}: {', '.join(actors)}")
    if untested:
        say(
            console,
            "untested (no prepared situation lets the act be built under both "
            f"books alike): {', '.join(untested)}",
        )


def _print_witness(
    console: Console, diff: BookDiff, number: int, w: Witness, path: Path | None
) -> None:
    from rich.table import Table
    from rich.text import Text

    from govsim.analysis.witness import deciding
    from govsim.faces.render import VERDICT_STYLES

    books = (diff.a.id, diff.b.id)
    say(
        console,
        f"\n#{number} {w.kind} by {w.actor}: {books[1]} is {w.direction} permissive",
        "bold",
    )
    say(console, f"after {w.situation.description}")
    table = Table(box=None, pad_edge=False, header_style="bold")
    for column in ("date", "id", "by", "act", f"A: {books[0]}", f"B: {books[1]}", ""):
        table.add_column(column, no_wrap=column == "date")
    last = len(w.acts) - 1
    for i, ((act_id, act), ra, rb) in enumerate(zip(w.acts, w.a, w.b, strict=True)):
        table.add_row(
            act.at.isoformat(),
            act_id,
            act.by,
            act.act,
            Text(ra.verdict.value, style=VERDICT_STYLES.get(ra.verdict.value, "")),
            Text(rb.verdict.value, style=VERDICT_STYLES.get(rb.verdict.value, "")),
            PROBE_MARK if i == last else "",
        )
    console.print(table)
    say(console, f"probe: {w.describe_act()}")
    sides: tuple[tuple[Side, str], ...] = (("a", books[0]), ("b", books[1]))
    for side, book in sides:
        record = w.probe(side)
        say(console, f"  {record.verdict.value} under {book}:")
        for reason in deciding(record):
            cited = reason.clause and f"clause {reason.clause}" not in reason.check
            where = f"clause {reason.clause}: " if cited else ""
            mark = "✓" if reason.holds else "✗"
            say(console, f"    {mark} {where}{reason.check}")
    if path is not None:
        say(console, f"  witness file (replay it with govsim run): {path}")


def print_diff(
    console: Console, diff: BookDiff, witness_paths: list[Path] | None = None
) -> None:
    """Print a diff: clause changes, the permissiveness table, the witnesses.

    Args:
        console: where to print (stdout on the command line).
        diff: the diff to show.
        witness_paths: files written for the witnesses, in order, if any.
    """
    from govsim.analysis.diff import EQUIVALENCE

    p = diff.permissiveness
    org = diff.pair.organisation.organisation
    say(console, f"{diff.a.id} -> {diff.b.id} (organisation {org})", "bold")
    _print_clauses(console, diff.clauses)
    say(
        console,
        f"\nPermissiveness of {diff.b.id} against {diff.a.id}",
        "bold underline",
    )
    say(
        console,
        f"{p.probes:,} probes from {len(p.situations)} prepared situations, "
        f"starting {p.start.isoformat()}; valid > irregular > void; {EQUIVALENCE}.",
    )
    witnesses = diff.witnesses
    numbers = {id(w): i for i, w in enumerate(witnesses, start=1)}
    if diff.differences():
        console.print(_table(diff, numbers))
    else:
        say(console, "no difference found in any probe", "bold")
    _print_equivalent(console, diff)
    say(
        console,
        f"not probed: {p.unempowered} act kind and actor pairs that no clause of "
        "either book empowers (void under both)",
    )
    for note in p.notes:
        say(console, f"situation left out: {note}")
    paths = witness_paths or []
    for i, w in enumerate(witnesses):
        path = paths[i] if i < len(paths) else None
        _print_witness(console, diff, i + 1, w, path)


def diff_command(
    a: Annotated[
        str,
        typer.Argument(
            metavar="A", help="The book compared against: a path or a rule book id."
        ),
    ],
    b: Annotated[
        str,
        typer.Argument(
            metavar="B", help="The book compared: a path or a rule book id."
        ),
    ],
    org: Annotated[
        Path | None,
        typer.Option(
            "--org",
            metavar="ORG",
            help="The organisation file.",
            show_default="the one beside book A, or one folder up",
        ),
    ] = None,
    acts: Annotated[
        list[str] | None,
        typer.Option(
            "--act",
            metavar="KIND",
            help="Only probe this act kind. Repeat for several.",
        ),
    ] = None,
    actors: Annotated[
        list[str] | None,
        typer.Option(
            "--actor",
            metavar="ID",
            help="Only probe this body, or role: member, party, anyone. Repeat "
            "for several.",
        ),
    ] = None,
    witnesses: Annotated[
        Path | None,
        typer.Option(
            "--witnesses",
            metavar="DIR",
            help="Write each witness as a scenario file in DIR (replayed first).",
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON document instead of text.")
    ] = False,
) -> None:
    """Diff two rule books: clause changes and who may do more.

    Lists the clauses added, removed and changed, then, per act kind and
    actor, which book allows more, each with a witness history. Exits 0 (a diff states no expectation), 2 on invalid input.
    """
    from govsim.analysis.diff import diff as run_diff
    from govsim.documents.paths import check_output_folder
    from govsim.faces.cli import _consoles, _user_errors

    out, err = _consoles()
    with _user_errors(err):
        if witnesses is not None:
            check_output_folder(witnesses, "--witnesses")
        result = run_diff(a, b, org, acts=acts, actors=actors)
        paths = result.write_witnesses(witnesses) if witnesses is not None else []
    if as_json:
        records = result.to_records(paths)
        typer.echo(json.dumps(records, indent=2, ensure_ascii=False))
    else:
        print_diff(out, result, paths)
