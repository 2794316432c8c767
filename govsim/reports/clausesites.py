"""Where each clause of a rule book is written: ``file:line`` for a report's links.

A resolved book keeps its clauses' words but not their positions, and a
report should let a reader open the clause an act was judged by. So the
book's file is read again with its source map, following ``extends`` to the
books it builds on; amendments are read too, since an amended clause has the
same id as the one it replaces. A clause id may then have several sites, and
the one whose text matches the text the engine cited is the one meant.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govsim.documents import load_yaml_file
from govsim.documents.finding import BookFinder
from govsim.documents.paths import resolve_safely
from govsim.errors import DocumentError

__all__ = ["ClauseSites", "clause_sites"]


def _words(text: str | None) -> str:
    return " ".join((text or "").split())


@dataclass
class ClauseSites:
    """The places a book's clauses are written, by clause id."""

    sites: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    """Clause id to (text, ``file:line``) for each place it is written."""

    def where(self, clause: str | None, text: str | None = None) -> str | None:
        """The ``file:line`` of a clause, preferring the site with this text."""
        found = self.sites.get(clause or "", [])
        wanted = _words(text)
        for written, site in found:
            if written == wanted:
                return site
        return found[0][1] if found else None

    def add(self, clause: str, text: str, site: str) -> None:
        """Record one place a clause is written (kept in reading order)."""
        self.sites.setdefault(clause, []).append((_words(text), site))


def _read_book(path: Path, base: Path, sites: ClauseSites, seen: set[Path]) -> None:
    """Record the clauses of one book file, then of the book it extends."""
    resolved = resolve_safely(path)
    if resolved in seen:
        return
    seen.add(resolved)
    try:
        data, source = load_yaml_file(path)
    except DocumentError:
        return  # the book loaded for the replay; a reread failing costs only links
    if not isinstance(data, dict):
        return
    name = os.path.relpath(path, base).replace(os.sep, "/")
    located: list[tuple[tuple[str | int, ...], Any]] = [
        (("clauses", i), c) for i, c in enumerate(data.get("clauses") or [])
    ]
    for j, amendment in enumerate(data.get("amendments") or []):
        if isinstance(amendment, dict):
            located += [
                (("amendments", j, "clauses", k), c)
                for k, c in enumerate(amendment.get("clauses") or [])
            ]
    for loc, clause in located:
        if isinstance(clause, dict) and "id" in clause:
            line = source.span((*loc, "id"), key=True).line
            sites.add(str(clause["id"]), str(clause.get("text", "")), f"{name}:{line}")
    parent = data.get("extends")
    if isinstance(parent, str):
        found = BookFinder().locate(parent, folder=path.parent)
        if found is not None:
            _read_book(found, base, sites, seen)


def clause_sites(
    books: list[str], base: Path, files: Mapping[str, Path] | None = None
) -> dict[str, ClauseSites]:
    """The clause sites of each book, paths written relative to ``base``.

    Args:
        books: the book ids.
        base: the scenario's folder; paths are shown relative to it so the
            page does not depend on the current folder.
        files: book id to its file (the loader records the files of the
            books a scenario lists; a command adds those it was given).

    Returns:
        Book id to its sites; a book written inline in the scenario, or
        without a file here, has none.
    """
    out: dict[str, ClauseSites] = {}
    for book in books:
        sites = ClauseSites()
        path = (files or {}).get(book)
        if path is not None:
            _read_book(Path(path), base, sites, set())
        out[book] = sites
    return out
