"""``govsim explore``: search a rule book for a history that breaks an invariant.

Exit codes: ``0`` no counterexample found, ``1`` a counterexample found (its
scenario file is written and has been replayed), ``2`` invalid input —
including an exhaustive search too large to run, with its estimated cost.
Hypothesis is imported only here, inside the command, and only when asked for.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from govsim import limits
from govsim.errors import UsageError
from govsim.faces.arguments import ActOption, BookArgument, JsonOption, OrgOption
from govsim.text.plain import say

if TYPE_CHECKING:
    from rich.console import Console

    from govsim.testing.exploration import Exploration

__all__ = ["explore_command"]


def _summary(found: Exploration) -> str:
    what = (
        f"{found.histories:,} histories of up to {found.depth} acts (exhaustive)"
        if found.mode == "exhaustive"
        else f"{found.histories:,} examples"
    )
    seed = f"; seed {found.seed}" if found.seed is not None else ""
    return f"{what}, {found.acts:,} acts replayed in {found.seconds:.1f} s{seed}"


def _print_found(out: Console, found: Exploration) -> None:
    from rich.table import Table

    example = found.counterexample
    assert example is not None
    assert found.path is not None
    b = example.breach
    out.print(
        f"{b.invariant} is broken under {found.book} (after {_summary(found)})",
        markup=False,
        highlight=False,
    )
    table = Table(box=None, pad_edge=False, show_header=True)
    for column in ("date", "act", "by", "kind", "verdict"):
        table.add_column(column)
    for record in example.records:
        table.add_row(
            record.at.isoformat(),
            record.id,
            record.actor,
            record.act,
            record.verdict.value,
        )
    out.print(table)
    out.print(
        f"{b.message} (witnesses: {', '.join(b.witnesses)})",
        markup=False,
        highlight=False,
    )
    out.print(
        f"counterexample: {found.path}", markup=False, highlight=False, soft_wrap=True
    )
    out.print(
        f"replay it: govsim run {found.path}",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )


def _as_json(found: Exploration) -> str:
    example = found.counterexample
    return json.dumps(
        {
            "book": found.book,
            "invariants": list(found.invariants),
            "mode": found.mode,
            "seed": found.seed,
            "depth": found.depth,
            "histories": found.histories,
            "acts": found.acts,
            "seconds": round(found.seconds, 3),
            "engine_seconds": round(found.engine_seconds, 3),
            "counterexample": None
            if example is None
            else {
                "path": str(found.path),
                "invariant": example.breach.invariant,
                "message": example.breach.message,
                "witnesses": list(example.breach.witnesses),
                "acts": [
                    {
                        "id": r.id,
                        "at": r.at.isoformat(),
                        "by": r.actor,
                        "act": r.act,
                        "verdict": r.verdict.value,
                    }
                    for r in example.records
                ],
            },
        },
        indent=2,
    )


def _search(err: Console, as_json: bool, **options: Any) -> Exploration:
    """Run the search with a progress bar on a terminal; Ctrl-C says what was done.

    Hypothesis keeps its files in the user's cache folder meanwhile
    (:mod:`govsim.testing.storage`), not in the current one.
    """
    from govsim.faces.console import EXIT_INTERRUPTED
    from govsim.faces.progress import search_bar
    from govsim.testing.exploration import explore
    from govsim.testing.storage import hypothesis_folder_in_use

    with (
        hypothesis_folder_in_use(),
        search_bar(err, err.is_terminal and not as_json) as bar,
    ):
        try:
            return explore(
                options.pop("design"),
                options.pop("invariants"),
                progress=bar,
                **options,
            )
        except KeyboardInterrupt:
            pass  # the search stops; say how far it got
    say(err, bar.interrupted())
    raise typer.Exit(EXIT_INTERRUPTED)


def explore_command(
    rulebook: BookArgument,
    invariant: Annotated[
        list[str],
        typer.Option(
            "--invariant",
            "-i",
            metavar="NAME",
            help="An invariant to check, or 'all'. Repeat for several; "
            "`govsim invariants` lists them.",
        ),
    ],
    org: OrgOption = None,
    max_examples: Annotated[
        int,
        typer.Option(
            "--max-examples",
            metavar="N",
            min=1,
            max=limits.MAX_EXAMPLES,
            help="Histories to try.",
        ),
    ] = 200,
    seed: Annotated[
        int,
        typer.Option(
            "--seed",
            metavar="SEED",
            min=0,
            max=limits.MAX_SEED,
            help="Random seed; the same seed finds the same history.",
        ),
    ] = 0,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="PATH",
            help="Where to write the counterexample: a .govsim.yaml file or a folder.",
            show_default="$GOVSIM_COUNTEREXAMPLES or ./govsim-counterexamples/",
        ),
    ] = None,
    acts: ActOption = None,
    actors: Annotated[
        list[str] | None,
        typer.Option(
            "--actor",
            metavar="ID",
            help="Only this person or body acts. Repeat for several.",
        ),
    ] = None,
    steps: Annotated[
        int,
        typer.Option(
            "--steps",
            metavar="N",
            min=1,
            max=limits.MAX_STEPS,
            help="Most steps in one history (a step is one act, or a whole procedure of five).",
        ),
    ] = 30,
    start: Annotated[
        str | None,
        typer.Option(
            "--start",
            metavar="DATE",
            help="First day of every history, YYYY-MM-DD, from "
            f"{limits.EARLIEST_DAY} to {limits.LATEST_DAY}.",
            show_default="a day on which the bodies the book empowers have seat holders",
        ),
    ] = None,
    horizon: Annotated[
        int,
        typer.Option(
            "--horizon",
            metavar="DAYS",
            min=0,
            max=limits.MAX_HORIZON_DAYS,
            help="Days a history runs past its last act, so deadlines fall due.",
        ),
    ] = 120,
    exhaustive: Annotated[
        bool,
        typer.Option(
            "--exhaustive",
            help="Try every history up to --depth acts instead of sampling.",
        ),
    ] = False,
    depth: Annotated[
        int,
        typer.Option(
            "--depth",
            metavar="N",
            min=1,
            max=limits.MAX_DEPTH,
            help="For --exhaustive: the most acts in a history.",
        ),
    ] = 2,
    limit: Annotated[
        int,
        typer.Option(
            "--limit",
            metavar="N",
            min=1,
            max=limits.MAX_LIMIT,
            help="For --exhaustive: refuse searches estimated past N histories.",
        ),
    ] = 200_000,
    details: Annotated[
        bool,
        typer.Option(
            "--details",
            help="For --exhaustive: also vary scopes, bases, vote forms and dates.",
        ),
    ] = False,
    database: Annotated[
        Path | None,
        typer.Option(
            "--database",
            metavar="DIR",
            help="Keep a history that breaks an invariant in this folder and try it "
            "first next time (default: none, the seed alone decides the search). "
            "Hypothesis' other files go to $XDG_CACHE_HOME/govsim/hypothesis "
            "(default ~/.cache/govsim/hypothesis), never here.",
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Search a rule book for a history that breaks an invariant.

    Histories of acts are sampled (or, with --exhaustive, all tried up to
    --depth acts) and replayed under the book. Exits 1 and prints the path of a minimal counterexample scenario (already
    replayed) when one is found; exits 0 with "no counterexample in N
    examples" otherwise; 2 on invalid input. Histories start on --start or,
    by default, on a day the bodies the book empowers have seat holders; a
    warning names any such body with nobody in its seats on that day.
    """
    from govsim.extras import need
    from govsim.faces.console import EXIT_UNMET, consoles, user_errors

    stdout, err = consoles()
    with user_errors(err):
        need("hypothesis", "testing", "govsim explore")
        from govsim.documents.finding import find_rulebook
        from govsim.documents.paths import (
            check_output_file,
            check_output_folder,
            shown_path,
        )
        from govsim.probing.design import load_design
        from govsim.probing.startday import start_day, vacant_bodies

        if not exhaustive and (depth != 2 or details or limit != 200_000):
            raise UsageError(
                "--depth, --details and --limit only apply with --exhaustive"
            )
        if out is not None and out.suffix in {".yaml", ".yml"}:
            check_output_file(out, "--out")
        elif out is not None and out.suffix:
            raise UsageError(
                f"--out {shown_path(out)}: give a folder, or a file ending in "
                ".govsim.yaml"
            )
        elif out is not None:
            check_output_folder(out, "--out")
        if database is not None:
            check_output_folder(database, "--database")
        try:
            first = dt.date.fromisoformat(start) if start is not None else None
        except ValueError:
            raise UsageError(f"--start {start}: give a date as YYYY-MM-DD") from None
        if first is not None:
            limits.check_day("--start", first)
        design = load_design(find_rulebook(rulebook), org)
        day = first or start_day(design)
        found = _search(
            err,
            as_json,
            design=design,
            invariants=invariant,
            max_examples=max_examples,
            seed=seed,
            out=out,
            acts=acts,
            actors=actors,
            steps=steps,
            start=day,
            horizon=horizon,
            exhaustive=exhaustive,
            depth=depth,
            limit=limit,
            details=details,
            database=database,
        )
    for vacant in vacant_bodies(design, day):
        say(err, f"warning: {vacant.describe()}")
    if as_json:
        typer.echo(_as_json(found))
    elif found.found:
        _print_found(stdout, found)
    else:
        say(stdout, f"no counterexample in {_summary(found)}")
    if found.found:
        raise typer.Exit(EXIT_UNMET)
