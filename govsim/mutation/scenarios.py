"""The scenarios a mutation run judges a book by, gathered from files and folders.

A file named on the command line must be a scenario that lists the book:
anything else is a mistake worth stopping for. A folder is searched
(recursively) for scenarios, and those that list the book are kept; the
others are passed over, since a folder of scenarios usually serves several
books. Each scenario must read the book from the same file the run mutates,
or its expectations would be about another book.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from govsim.documents.kinds import kind_in_text
from govsim.documents.paths import check_input, shown_path
from govsim.errors import UsageError
from govsim.model.organisation import Organisation
from govsim.mutation.judging import loaded

__all__ = ["ScenarioSet", "collect"]


@dataclass(frozen=True)
class ScenarioSet:
    """Scenario files that use one book, and the organisation they run on."""

    paths: tuple[str, ...]
    ids: tuple[str, ...]
    organisation: Organisation
    """The first scenario's organisation (operators that widen actors read it)."""


def _scenario_files(folder: Path) -> list[Path]:
    found = []
    for path in sorted(folder.rglob("*.govsim.yaml")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # not a document this run could use; a named file is checked
        kind = kind_in_text(text)
        if kind is not None and kind.key == "scenario":
            found.append(path)
    return found


def _uses(path: Path, book_id: str, book_file: Path, named: bool) -> bool:
    scenario = loaded(str(path))
    if book_id not in scenario.rulebooks:
        if not named:
            return False
        books = ", ".join(scenario.rulebooks) or "none"
        raise UsageError(
            f"{shown_path(path)}: scenario {scenario.id} does not use rule book "
            f"{book_id} (it lists: {books}); name scenarios that list the book"
        )
    read = scenario.book_files.get(book_id)
    if read is not None and read.resolve() != book_file.resolve():
        raise UsageError(
            f"{shown_path(path)}: scenario {scenario.id} reads rule book {book_id} "
            f"from {shown_path(read)}, not from {shown_path(book_file)}: its "
            "expectations are about that book"
        )
    return True


def collect(paths: Sequence[Path], book_id: str, book_file: Path) -> ScenarioSet:
    """The scenarios among ``paths`` (files and folders) that use the book.

    Raises:
        UsageError: no path given, a path that cannot be read, a named file
            that is not a scenario or does not list the book, or no scenario
            using the book at all.
        DocumentError: a scenario with problems (file:line:col).
    """
    if not paths:
        raise UsageError(
            "give the scenarios that test the book: --scenarios FILE or FOLDER"
        )
    chosen: dict[Path, Path] = {}
    for given in paths:
        if given.is_dir():
            check_input(given, "--scenarios", folder=True)
            for path in _scenario_files(given):
                if _uses(path, book_id, book_file, named=False):
                    chosen.setdefault(path.resolve(), path)
            continue
        check_input(given, "--scenarios")
        kind = kind_in_text(given.read_text(encoding="utf-8", errors="replace"))
        if kind is not None and kind.key != "scenario":
            raise UsageError(
                f"{shown_path(given)} is {kind.noun}, not a scenario: --scenarios "
                "takes scenario files and folders of them"
            )
        if _uses(given, book_id, book_file, named=True):
            chosen.setdefault(given.resolve(), given)
    if not chosen:
        where = ", ".join(shown_path(p) for p in paths)
        raise UsageError(
            f"no scenario in {where} uses rule book {book_id}: a mutation run "
            "needs scenarios that list it under rulebooks"
        )
    files = tuple(str(p) for p in chosen.values())
    first = loaded(files[0])
    return ScenarioSet(
        paths=files,
        ids=tuple(loaded(p).id for p in files),
        organisation=first.organisation,
    )
