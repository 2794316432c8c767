"""Command-line arguments that several commands share, declared once.

``lint`` and ``graph`` both take a rule book by path or id and an optional
organisation file; declaring them here keeps their help texts the same.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

__all__ = ["BookArgument", "OrgOption"]

BookArgument = Annotated[
    str,
    typer.Argument(
        metavar="BOOK",
        help=(
            "A rule book file, or a rule book id (looked up in this folder, "
            "then under scenarios/)."
        ),
    ),
]
"""A rule book, by file or by id."""

OrgOption = Annotated[
    Path | None,
    typer.Option(
        "--org",
        metavar="ORG",
        help=(
            "The organisation file (default: the one beside the book, or one "
            "folder up, with the id the book names)."
        ),
    ),
]
"""The organisation a book is read against, when not the one it names."""
