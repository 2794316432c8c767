"""``govsim capture``: can a body, by acts each allowed in turn, escape account?

Searches breadth-first (:mod:`govsim.analysis.capture`) for the shortest
sequence of acts — amendments of the book included, each judged under the
book as the acts before it left it — after which the body or coalition
answers to nobody outside it, or holds the body that judges it. Exit codes:
``1`` a capture found (its scenario file written and replayed), ``0`` none
within the bounds, which the output states, ``2`` invalid input.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from govsim.faces.arguments import BookArgument, JsonOption, OrgOption
from govsim.text.plain import say

if TYPE_CHECKING:
    from rich.console import Console

    from govsim.analysis.capture import Capture
    from govsim.analysis.lint.report import Finding

__all__ = ["capture_command"]


def capture_command(
    book: BookArgument,
    body: Annotated[
        str | None,
        typer.Option(
            "--body", metavar="B", help="The body whose capture is searched for."
        ),
    ] = None,
    coalition: Annotated[
        str | None,
        typer.Option(
            "--coalition",
            metavar="P1,P2,...",
            help="Bodies and persons acting together, by id, comma-separated "
            "(at least one body).",
        ),
    ] = None,
    depth: Annotated[
        int,
        typer.Option("--depth", metavar="K", help="The most acts in a sequence."),
    ] = 3,
    allow_irregular: Annotated[
        bool,
        typer.Option(
            "--allow-irregular",
            help="Count irregular acts too (they take effect); default: valid only.",
        ),
    ] = False,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="FILE",
            help="Where to write the capture as a scenario file.",
            show_default="<book>-capture-<body>.govsim.yaml here",
        ),
    ] = None,
    org: OrgOption = None,
    as_json: JsonOption = False,
) -> None:
    """Search for acts by which a body makes itself unaccountable.

    Tries amendments, elections, recalls, removals, suspensions and
    dissolutions, each valid under the book as it stands after the ones
    before, until the body answers to nobody outside it or holds the body
    that judges it. Exhaustive to --depth (guided past 200 states a level);
    the shortest capture is written as a scenario that govsim run replays.
    Exits 1 when a capture is found, 0 when none, 2 on invalid input.
    """
    from govsim.faces.console import EXIT_UNMET, consoles, user_errors

    stdout, err = consoles()
    with user_errors(err):
        from govsim.analysis.capture import coalition_of, search_capture
        from govsim.analysis.capturefiles import (
            default_name,
            enabling_finding,
            write_capture,
        )
        from govsim.analysis.lint.linter import load_book
        from govsim.documents.finding import find_rulebook
        from govsim.documents.paths import check_output_file
        from govsim.errors import UsageError
        from govsim.probing.design import load_design
        from govsim.probing.startday import start_day

        if depth < 1:
            raise UsageError(
                f"--depth {depth}: search at least one act deep (--depth 1)"
            )
        if out is not None:
            check_output_file(out, "--out")
        # As lint reads a book: a scenario or an organisation given as the
        # book, or a book for another organisation, is refused at its key.
        load_book(book, org, verb="capture")
        design = load_design(find_rulebook(book), org)
        who = coalition_of(design, body, coalition)
        found = search_capture(
            design, who, depth, start_day(design), allow_irregular=allow_irregular
        )
        clause, finding = enabling_finding(found, design)
        written: Path | None = None
        if found.acts:
            written = write_capture(found, design, out or Path(default_name(found)))
    if as_json:
        typer.echo(json.dumps(_record(found, clause, finding, written), indent=2))
    else:
        _print(stdout, found, clause, finding, written)
    if found.found:
        raise typer.Exit(EXIT_UNMET)


def _lint_line(clause: str | None, finding: Finding | None) -> str:
    if finding is not None:
        return f"lint finding {finding.code}: {finding.message}"
    if clause is None:
        return "no lint finding names it"
    return f"no lint finding names it (the first act is taken under clause {clause})"


def _print(
    out: Console,
    found: Capture,
    clause: str | None,
    finding: Finding | None,
    written: Path | None,
) -> None:
    label = found.coalition.label
    if not found.found:
        say(
            out,
            f"no capture within depth {found.depth}: {found.sequences:,} sequences "
            f"of {found.candidates:,} candidate acts tried "
            f"({found.mode()}) under {found.book} "
            f"for {label}",
        )
        say(out, f"answers to: {found.before}")
        return
    if not found.records:
        say(out, f"{label} already escapes account under {found.book}, before any act")
        say(out, f"after:  {found.after}")
        return
    say(
        out,
        f"capture found under {found.book}: {label} in {len(found.records)} act(s) "
        f"({found.bounds()})",
    )
    for record, why in found.steps():
        say(
            out,
            f"  {record.at.isoformat()}  {record.id}  {record.actor}  "
            f"{record.act}  {record.verdict.value}: {why}",
        )
    say(out, f"before: {found.before}")
    say(out, f"after:  {found.after}")
    if found.remaining != "nobody":
        say(out, f"still:  {found.remaining}")
    if found.moves:
        say(out, f"enabled by: {_lint_line(clause, finding)}")
    if written is not None:
        say(out, f"scenario: {written} (replay it with: govsim run {written})")


def _record(
    found: Capture,
    clause: str | None,
    finding: Finding | None,
    written: Path | None,
) -> dict[str, Any]:
    return {
        "book": found.book,
        "coalition": {
            "bodies": list(found.coalition.bodies),
            "persons": list(found.coalition.persons),
        },
        "depth": found.depth,
        "start": found.start.isoformat(),
        "mode": "guided" if found.guided else "exhaustive",
        "beam": found.beam,
        "sequences": found.sequences,
        "candidates": found.candidates,
        "found": found.found,
        "how": found.how,
        "before": found.before,
        "after": found.after or None,
        "remaining": found.remaining or None,
        "acts": [
            {
                "id": record.id,
                "at": record.at.isoformat(),
                "act": record.act,
                "by": record.actor,
                "verdict": record.verdict.value,
                "why": why,
            }
            for record, why in found.steps()
        ],
        "enabled_by": {
            "clause": clause,
            "lint": finding.code if finding is not None else None,
            "message": finding.message if finding is not None else None,
        }
        if found.moves
        else None,
        "scenario": str(written) if written is not None else None,
    }
