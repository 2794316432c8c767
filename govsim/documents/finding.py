"""Find a rule book by path or by id, in one order, for every command and document.

A book is named on the command line (``govsim lint ID``, ``run --rules ID``)
and inside documents (a scenario's ``rulebooks:``, a book's ``extends:``, a
model's or a sweep spec's ``rulebooks:``). Every one of them is found here,
in the order docs/finding-books.md gives:

1. **a path**: a reference that ends in ``.yaml``/``.yml`` or holds a ``/``
   is a file, relative to the document that names it (to the current folder
   on the command line); an existing file named by the reference is taken
   as it is, too;
2. **a name**, folder by folder, the first folder with a match winning:
   the document's folder, its ``rules/``, the folder above and its
   ``rules/``, the folder of each file the document names (a scenario's or
   model's organisation, a sweep's scenario or model) and its ``rules/``,
   then the current folder, its ``rules/``, and ``scenarios/`` below it,
   searched all the way down. A file matches when it is named
   ``NAME.govsim.yaml`` (``.govsim.yml``, ``.yaml``, ``.yml``) or states
   ``rulebook: NAME`` at its top level.

Two different files matching in the same folder are ambiguous and refused,
naming both; no match lists the folders searched and the ids found there,
with the closest one. Ids are read from the files' text
(:mod:`govsim.documents.bookscan`), each folder once per finder.

Example:
    >>> find_rulebook("iso-2013-as-practised")  # doctest: +SKIP
    PosixPath('scenarios/iso/rules/iso-2013-as-practised.govsim.yaml')
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from govsim.documents.bookscan import BOOK_PATTERN, FolderScan
from govsim.documents.kinds import kind_in_text, stated_in
from govsim.documents.paths import (
    input_problem,
    is_regular_file,
    missing_file,
    resolve_safely,
    shown_path,
)
from govsim.documents.suggest import did_you_mean
from govsim.errors import UsageError

__all__ = [
    "SUFFIXES",
    "AmbiguousRuleBookError",
    "BookFinder",
    "RuleBookNotFoundError",
    "find_organisation",
    "find_rulebook",
    "looks_like_path",
    "rulebook_ids",
]

SUFFIXES = (".govsim.yaml", ".govsim.yml", ".yaml", ".yml")
"""The endings a book's file may have after its name, in the order tried."""
_SHOWN_IDS = 20


def looks_like_path(ref: str) -> bool:
    """Whether a reference is a path rather than a name: a YAML ending, or a folder."""
    return ref.endswith((".yaml", ".yml")) or "/" in ref or "\\" in ref


class RuleBookNotFoundError(UsageError):
    """No file of that name and no book of that id in any folder searched."""

    def __init__(self, ref: str, places: list[str], ids: list[str]) -> None:
        self.ref = ref
        self.places = places
        """The folders searched, in order, as messages show them."""
        self.ids = ids
        """The ids of the books found in those folders."""
        super().__init__(self.describe())

    def describe(
        self, owner: str = "", listed: Sequence[str] = (), lists: str = "it lists"
    ) -> str:
        """The message; ``owner`` (``scenario s``) and the ids it lists come first.

        Example: ``no rule book 'nope' (did you mean 'note'?); looked for
        nope.govsim.yaml or 'rulebook: nope' in ., rules, scenarios/**;
        books there: a, note``.
        """
        head = f"{owner} has no" if owner else "no"
        name = shown_path(self.ref)
        text = (
            f"{head} rule book '{name}'{did_you_mean(self.ref, [*listed, *self.ids])}"
        )
        if owner:
            text += f" ({lists}: {', '.join(listed) or 'none'})"
        where = ", ".join(self.places) or "no folder that exists"
        shown = self.ids[:_SHOWN_IDS]
        more = len(self.ids) - len(shown)
        books = ", ".join(shown) + (f" and {more} more" if more else "") or "none"
        return (
            f"{text}; looked for {name}.govsim.yaml or 'rulebook: {name}' in "
            f"{where}; books there: {books}"
        )


class AmbiguousRuleBookError(UsageError):
    """Two files in the same folder match one name."""


@dataclass(frozen=True)
class Place:
    """One step of the search: a folder, and whether below it too."""

    folder: Path
    recursive: bool = False

    def shown(self, here: str, cwd: str) -> str:
        """The folder as messages show it, given its real path and the current folder's.

        Relative to the current folder when inside it or above it (``..``),
        else in full.
        """
        inside = here == cwd or here.startswith(cwd.rstrip(os.sep) + os.sep)
        above = cwd.startswith(here.rstrip(os.sep) + os.sep)
        text = os.path.relpath(here, cwd) if inside or above else here
        return shown_path(text + ("/**" if self.recursive else ""))


class BookFinder:
    """Finds rule books in the one order; reads each folder once.

    A finder made inside :func:`govsim.documents.bookscan.one_run` shares
    that run's folder scan; otherwise it has its own, so a folder's ids are
    read once however many books the finder looks up there.

    Args:
        cwd: the folder standing for the current one (default: the current one).
    """

    def __init__(self, cwd: Path | None = None) -> None:
        self.cwd = Path() if cwd is None else Path(cwd)
        self.scan = FolderScan.current()
        self._cwd_real = self.scan.real(self.cwd)
        self._places: dict[tuple[Path | None, tuple[Path, ...]], list[Place]] = {}

    def places(
        self, folder: Path | None = None, named: Sequence[Path] = ()
    ) -> list[Place]:
        """The folders searched for a name, in order, each once."""
        key = (folder, tuple(named))
        if key in self._places:
            return self._places[key]
        order: list[Place] = []
        if folder is not None:
            here = Path(folder)
            above = Path(os.path.normpath(here / ".."))
            order += [Place(here), Place(here / "rules")]
            order += [Place(above), Place(above / "rules")]
            for other in named:
                there = Path(os.path.normpath(Path(other).parent))
                order += [Place(there), Place(there / "rules")]
        order += [Place(self.cwd), Place(self.cwd / "rules")]
        order.append(Place(self.cwd / "scenarios", recursive=True))
        seen: set[tuple[str, bool]] = set()
        unique = []
        for place in order:
            real = (self.scan.real(place.folder), place.recursive)
            if real not in seen:
                seen.add(real)
                unique.append(place)
        self._places[key] = unique
        return unique

    def find(
        self,
        ref: str | Path,
        *,
        folder: Path | None = None,
        named: Sequence[Path] = (),
        relative_to: Path | None = None,
    ) -> Path:
        """The file a reference means.

        Args:
            ref: a path, or a name (a book's id or its file's name).
            folder: the folder of the document that names the book, or
                ``None`` on the command line.
            named: the files the document names (its organisation, its
                target), whose folders are searched after the document's own.
            relative_to: where a path is relative to (default: the
                document's folder, or the current folder).

        Raises:
            UsageError: a path to a file that cannot be read.
            AmbiguousRuleBookError: two files match in the same folder.
            RuleBookNotFoundError: no match anywhere.
        """
        text = str(ref)
        if relative_to is None:
            relative_to = self.cwd if folder is None else Path(folder)
        given = relative_to / text
        problem = input_problem(given)
        if problem is None:
            return given
        kept = ("no such file", "this is a folder, not a file")
        if looks_like_path(text) or problem not in kept:
            raise UsageError(missing_file("rule book", text, given, problem))
        looked: list[Place] = []
        ids: dict[str, None] = {}
        for place in self.places(folder, named):
            index = self.scan.index(place.folder, recursive=place.recursive)
            matches = index.matching(text, SUFFIXES)
            if len(matches) > 1:  # one file reached by two names is one match
                unique = {self.scan.real(m): m for m in reversed(matches)}
                matches = list(unique.values())[::-1]
            if len(matches) == 1:
                return matches[0]
            if matches:
                both = " and ".join(shown_path(m) for m in matches[:2])
                raise AmbiguousRuleBookError(
                    f"rule book '{text}' is ambiguous: {both} both match in "
                    f"{self._shown(place)}; name one by its path, or "
                    "give the books different ids"
                )
            looked.append(place)
            ids.update(dict.fromkeys(index.books().values()))
        shown = [self._shown(p) for p in looked if os.path.isdir(p.folder)]
        raise RuleBookNotFoundError(text, shown, sorted(ids))

    def _shown(self, place: Place) -> str:
        return place.shown(self.scan.real(place.folder), self._cwd_real)

    def locate(
        self, ref: str, *, folder: Path | None = None, named: Sequence[Path] = ()
    ) -> Path | None:
        """As :meth:`find`, but ``None`` instead of an error (for optional lookups)."""
        try:
            return self.find(ref, folder=folder, named=named)
        except UsageError:
            return None


def find_rulebook(ref: str | Path, near: Path | None = None) -> Path:
    """The rule book a command-line argument means: a path, or a book's id or name.

    Args:
        ref: a path to a rule book file, or a name.
        near: the folder to take as the current one.

    Raises:
        UsageError: as :meth:`BookFinder.find`.
    """
    return BookFinder(near).find(ref)


def rulebook_ids(near: Path | None = None) -> dict[str, Path]:
    """Every rule book id findable from the command line, with the file that wins."""
    finder = BookFinder(near)
    found: dict[str, Path] = {}
    for place in finder.places():
        for path, ident in finder.scan.books(
            place.folder, recursive=place.recursive
        ).items():
            found.setdefault(ident, path)
    return found


def find_organisation(book_path: Path, ident: str | None) -> Path | None:
    """The organisation file for a book, beside it or one folder up.

    The file's ``organisation:`` id must be the one the book names (any id,
    when the book names none). Scenarios, rule books and behaviour models,
    which also carry an ``organisation:`` key, are passed over.
    """
    # Resolved first: for a bare file name in the working folder, ``parent``
    # of ``parent`` would be the same ``.`` and the folder above never seen.
    here = resolve_safely(book_path).parent
    for folder in (here, here.parent):
        for candidate in sorted(
            p for p in folder.glob(BOOK_PATTERN) if is_regular_file(p)
        ):
            try:
                text = candidate.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            kind = kind_in_text(text)
            if kind is None or kind.key != "organisation":
                continue
            if ident is None or stated_in(text, "organisation") == ident:
                return candidate
    return None
