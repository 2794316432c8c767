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

from govsim.errors import UsageError
from govsim.faces.arguments import ActOption, JsonOption
from govsim.text.plain import tell

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.table import Table

    from govsim.analysis.clausediff import ClauseChange, ClauseDiff
    from govsim.analysis.diff import BookDiff
    from govsim.analysis.sidebyside import SideBySide
    from govsim.analysis.witness import Side, Witness

__all__ = ["diff_command", "print_diff", "print_side_by_side"]

PROBE_MARK = "◀ probe"
_SIGN_STYLES = {"+": "green", "-": "red", "~": "yellow"}
_RELATION_STYLES = {"more": "green", "less": "red", "incomparable": "magenta"}


def _print_change(console: Console, change: ClauseChange, indent: str) -> None:
    sign = {"added": "+", "removed": "-"}.get(change.change, "~")
    title = f" {change.title}" if change.title else ""
    tell(console, f"{indent}{sign} {change.id}{title} ({change.change})", "bold")
    for line in change.lines:
        tell(console, f"{indent}    {line}", _SIGN_STYLES[line.sign])


def _print_clauses(console: Console, clauses: ClauseDiff) -> None:
    from govsim.analysis.clausediff import MATCHING

    tell(console, "\nClauses", "bold underline")
    tell(console, f"({MATCHING})")
    if clauses.empty:
        tell(console, "no clause changes: the books say the same thing")
        return
    for line in clauses.book:
        tell(console, f"  {line}", _SIGN_STYLES[line.sign])
    for change in clauses.clauses:
        _print_change(console, change, "  ")
    for amendment in clauses.amendments:
        tell(console, f"  amendment {amendment.id} ({amendment.change})", "bold")
        for line in amendment.lines:
            tell(console, f"      {line}", _SIGN_STYLES[line.sign])
        for change in amendment.clauses:
            _print_change(console, change, "      ")


def _table(diff: BookDiff, numbers: dict[int, int]) -> RenderableType:
    """The act kinds and actors the books treat differently, with their witnesses.

    A table when it fits the width unwrapped, else one line per difference.
    """
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from govsim.text.terminal import FirstFit, Hanging

    table = Table(header_style="bold")
    table.add_column("act", no_wrap=True)
    table.add_column("actor", no_wrap=True)
    table.add_column(f"{diff.b.id} is", no_wrap=True)
    table.add_column("probes", justify="right")
    table.add_column("differing", justify="right")
    table.add_column("witness")
    lines: list[Hanging] = []
    for contrast in diff.differences():
        relation = contrast.relation.value
        refs = ", ".join(f"#{numbers[id(w)]} {w.direction}" for w in contrast.witnesses)
        said = Text(relation, style=_RELATION_STYLES.get(relation, ""))
        table.add_row(
            contrast.kind,
            contrast.actor,
            said,
            str(contrast.probes),
            str(contrast.differing),
            refs,
        )
        line = Text(f"{contrast.kind} by {contrast.actor}: {diff.b.id} is ")
        line.append_text(said)
        if relation in ("more", "less"):
            line.append(" permissive")
        cited = ", ".join(f"#{numbers[id(w)]}" for w in contrast.witnesses)
        witnesses = "witness" if len(contrast.witnesses) == 1 else "witnesses"
        line.append(
            f" ({contrast.differing} of {contrast.probes} probes differ"
            + (f"; {witnesses} {cited})" if cited else ")")
        )
        lines.append(Hanging(line))
    return FirstFit(table, Group(*lines))


def _print_equivalent(console: Console, diff: BookDiff) -> None:
    by_act: dict[str, list[str]] = defaultdict(list)
    untested = []
    void = []
    for c in diff.contrasts:
        if c.relation.value == "equivalent":
            by_act[c.kind].append(f"{c.actor} ({c.probes})")
        elif c.relation.value == "untested" and c.probes:
            void.append(f"{c.kind} by {c.actor} ({c.probes})")
        elif c.relation.value == "untested":
            untested.append(f"{c.kind} by {c.actor}")
    if by_act:
        tell(console, "\nno difference found (act: actor (probes)):", "bold")
        for kind, actors in by_act.items():
            tell(console, f"  {kind}: {', '.join(actors)}")
    if untested:
        tell(
            console,
            "untested (no prepared situation lets the act be built under both "
            f"books alike): {', '.join(untested)}",
        )
    if void:
        tell(
            console,
            "untested (every probe was void under both books, so nothing was "
            f"compared; act by actor (probes)): {', '.join(void)}",
        )


def _witness_table(w: Witness, a: str, b: str) -> Table:
    """The acts of a witness with their verdicts under A and B, headed ``a`` and ``b``."""
    from rich.table import Table
    from rich.text import Text

    from govsim.findings.runview import VERDICT_STYLES

    table = Table(box=None, pad_edge=False, header_style="bold")
    for column in ("date", "id", "by", "act", a, b, ""):
        table.add_column(column, no_wrap=True)
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
    return table


def _print_witness(
    console: Console, diff: BookDiff, number: int, w: Witness, path: Path | None
) -> None:
    from rich.console import Group
    from rich.text import Text

    from govsim.analysis.witness import deciding
    from govsim.text.terminal import FirstFit

    books = (diff.a.id, diff.b.id)
    tell(
        console,
        f"\n#{number} {w.kind} by {w.actor}: {books[1]} is {w.direction} permissive",
        "bold",
    )
    tell(console, f"after {w.situation.description}")
    console.print(
        FirstFit(
            _witness_table(w, f"A: {books[0]}", f"B: {books[1]}"),
            Group(
                Text(f"A is {books[0]}, B is {books[1]}"),
                _witness_table(w, "A", "B"),
            ),
        )
    )
    tell(console, f"probe: {w.describe_act()}")
    sides: tuple[tuple[Side, str], ...] = (("a", books[0]), ("b", books[1]))
    for side, book in sides:
        record = w.probe(side)
        tell(console, f"  {record.verdict.value} under {book}:")
        for reason in deciding(record):
            cited = reason.clause and f"clause {reason.clause}" not in reason.check
            where = f"clause {reason.clause}: " if cited else ""
            mark = "✓" if reason.holds else "✗"
            tell(console, f"    {mark} {where}{reason.check}")
    if path is not None:
        tell(console, f"  witness file (replay it with govsim run): {path}")


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
    tell(console, f"{diff.a.id} -> {diff.b.id} (organisation {org})", "bold")
    _print_clauses(console, diff.clauses)
    tell(
        console,
        f"\nPermissiveness of {diff.b.id} against {diff.a.id}",
        "bold underline",
    )
    tell(
        console,
        f"{p.probes:,} probes from {len(p.situations)} prepared situations, "
        f"starting {p.start.isoformat()}; valid > irregular > void; {EQUIVALENCE}.",
    )
    witnesses = diff.witnesses
    numbers = {id(w): i for i, w in enumerate(witnesses, start=1)}
    if diff.differences():
        console.print(_table(diff, numbers))
    else:
        tell(console, "no difference found in any probe", "bold")
    _print_equivalent(console, diff)
    tell(
        console,
        f"not probed: {p.unempowered} act kind and actor pairs that no clause of "
        "either book empowers (void under both)",
    )
    for note in p.notes:
        tell(console, f"situation left out: {note}")
    paths = witness_paths or []
    for i, w in enumerate(witnesses):
        path = paths[i] if i < len(paths) else None
        _print_witness(console, diff, i + 1, w, path)


def _apart(a: str, b: str) -> SideBySide | None:
    """Books A and B side by side when they name different organisations, else None.

    None too when a book's organisation cannot be found: the diff of one
    organisation then refuses the book, at its ``organisation:`` key.
    """
    from govsim.analysis.sidebyside import side_by_side
    from govsim.documents.finding import find_organisation, find_rulebook
    from govsim.model.loading import load_organisation, load_rulebook

    paths = [find_rulebook(ref, None) for ref in (a, b)]
    books = [load_rulebook(path) for path in paths]
    named = {book.organisation for book in books}
    if None in named or len(named) < 2:
        return None
    pairs = []
    for path, book in zip(paths, books, strict=True):
        found = find_organisation(path, book.organisation)
        if found is None:
            # The diff of one organisation says where the book names it.
            return None
        pairs.append((book, load_organisation(found)))
    return side_by_side(pairs[0], pairs[1])


def print_side_by_side(console: Console, apart: SideBySide) -> None:
    """Print two books of different organisations, procedure by procedure."""
    a, b = apart.a, apart.b
    tell(
        console,
        f"{a.id} -> {b.id} (organisations {a.organisation} and {b.organisation})",
        "bold",
    )
    tell(
        console,
        "The books are written for different organisations, so no history can "
        "be replayed under both: their procedures are set side by side, each "
        "provision with its clause. Who may do more is probed only between books "
        "of one organisation.",
        hang=0,
    )
    tell(console, "\nBodies", "bold underline")
    for mark, side in (("A", a), ("B", b)):
        tell(console, f"  {mark} {side.id}: {side.title}", "bold")
        for line in side.bodies:
            tell(console, f"      {line}")
    for procedure in apart.procedures:
        tell(console, f"\n{procedure.name}", "bold underline")
        for mark, lines in (("A", procedure.a), ("B", procedure.b)):
            shown = lines or ("(nothing)",)
            tell(console, f"  {mark} {shown[0]}", "" if lines else "red", hang=4)
            for line in shown[1:]:
                tell(console, f"    {line}", hang=2)


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
    acts: ActOption = None,
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
    as_json: JsonOption = False,
) -> None:
    """Diff two rule books: clause changes and who may do more.

    Lists the clauses added, removed and changed, then, per act kind and
    actor, which book allows more, each with a witness history. Exits 0 (a diff states no expectation), 2 on invalid input.
    """
    from govsim.analysis.diff import diff as run_diff
    from govsim.documents.paths import check_output_folder
    from govsim.faces.console import consoles, user_errors

    out, err = consoles()
    with user_errors(err):
        apart = _apart(a, b) if org is None else None
        if apart is not None:
            if acts or actors or witnesses is not None:
                raise UsageError(
                    "--act, --actor and --witnesses probe books of one "
                    f"organisation; {apart.a.id} and {apart.b.id} are written "
                    "for different ones, so they are set side by side instead"
                )
            if as_json:
                typer.echo(json.dumps(apart.to_record(), indent=2, ensure_ascii=False))
            else:
                print_side_by_side(out, apart)
            return
        if witnesses is not None:
            check_output_folder(witnesses, "--witnesses")
        result = run_diff(a, b, org, acts=acts, actors=actors)
        paths = result.write_witnesses(witnesses) if witnesses is not None else []
    if as_json:
        records = result.to_records(paths)
        typer.echo(json.dumps(records, indent=2, ensure_ascii=False))
    else:
        print_diff(out, result, paths)
