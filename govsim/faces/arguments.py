"""Command-line arguments that several commands share, declared once.

``lint``, ``graph`` and ``explore`` take a rule book by path or id and an optional
organisation file; ``run`` and ``report`` both replay a scenario under the
books it lists or those given with ``--rules``; ``run`` and ``compare`` take
the scenario file to replay; ``explore`` and ``diff`` narrow their search to
some act kinds with ``--act``; ``sweep`` and ``mutate`` run on the same
executors (``--workers``, ``--scheduler``); seven commands print JSON with
``--json``.
Declaring them here keeps their help texts the same.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from govsim import limits

__all__ = [
    "ActOption",
    "BookArgument",
    "JsonOption",
    "OrgOption",
    "RulesOption",
    "ScenarioArgument",
    "SchedulerOption",
    "WorkersOption",
]

BookArgument = Annotated[
    str,
    typer.Argument(
        metavar="BOOK",
        help=(
            "A rule book file, or a rule book's id or file name (looked up "
            "here, in rules/, then under scenarios/; see docs/finding-books.md)."
        ),
    ),
]
"""A rule book, by file or by id."""

OrgOption = Annotated[
    Path | None,
    typer.Option(
        "--org",
        metavar="ORG",
        help="The organisation file.",
        show_default=(
            "the one beside the book, or one folder up, with the id the book names"
        ),
    ),
]
"""The organisation a book is read against, when not the one it names."""

RulesOption = Annotated[
    list[str] | None,
    typer.Option(
        "--rules",
        "-r",
        metavar="BOOK",
        help=(
            "A rule book to replay under: an id the scenario lists, another "
            "book's id (found as the scenario finds its books, see "
            "docs/finding-books.md), or a path to a rule book file. Repeat "
            "for several."
        ),
        show_default="every book the scenario lists",
    ),
]
"""The books a scenario is replayed under, when not all those it lists.

``govsim compare`` declares its own ``--rules``: it has no default and
needs two books or more, so this help would not be true of it.
"""

ScenarioArgument = Annotated[
    Path,
    typer.Argument(metavar="SCENARIO", help="The scenario file to replay."),
]
"""The scenario a command replays."""

ActOption = Annotated[
    list[str] | None,
    typer.Option(
        "--act",
        metavar="KIND",
        help="Only acts of this kind. Repeat for several.",
    ),
]
"""The act kinds a search tries (``explore``) or probes (``diff``), when not all.

Their ``--actor`` options are declared where they are used: ``explore``
takes persons and bodies, ``diff`` bodies and roles.
"""

JsonOption = Annotated[
    bool,
    typer.Option("--json", help="Print one JSON document instead of text."),
]
"""Print the result as one JSON document on stdout instead of text."""


WorkersOption = Annotated[
    int | None,
    typer.Option(
        "--workers",
        metavar="N",
        min=1,
        max=limits.MAX_WORKERS,
        help="Worker processes (process pool, or a local Dask cluster).",
        show_default="one per CPU for a process pool, 2 for a local Dask cluster",
    ),
]
SchedulerOption = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        metavar="ADDRESS",
        help="A running Dask scheduler, tcp://HOST:PORT (with --executor dask).",
    ),
]
