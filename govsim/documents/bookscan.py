"""Which rule books a folder holds, read from the files' text, cached per folder.

Finding a book by its ``rulebook:`` id means looking at every document in a
folder. Parsing each one would make a folder of large scenarios slow to
search, so a :class:`FolderScan` reads only the top-level keys, from the text:
a block-style document's top-level keys are the only ones that start a line.
Each folder is read once per scan object (one command, or one document
loaded with everything it names).

Example:
    >>> scan = FolderScan()
    >>> scan.books(Path("scenarios/iso/rules"))  # doctest: +SKIP
    {PosixPath('/…/dsa-res33-style.govsim.yaml'): 'dsa-res33-style', ...}
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from govsim.documents.kinds import kind_keys_in, stated_value
from govsim.documents.paths import is_regular_file
from govsim.limits import MAX_FILE_BYTES

__all__ = ["BOOK_PATTERN", "FolderIndex", "FolderScan", "book_id_of", "one_run"]

BOOK_PATTERN = "*.govsim.y*ml"
"""The files searched for a book id: govsim documents, as ``check`` finds them."""

# The kind key of a rule book sits in its first lines; the rest of a large
# file is read only when no kind key appears in this much of it.
_HEAD_BYTES = 64 * 1024


def _id_in(text: str) -> tuple[bool, str | None]:
    """(whether a kind key was found, the book id if it is a rule book)."""
    # The first top-level key that tells a document's kind decides: a rule book
    # states `rulebook:`, while a scenario, a model or a sweep spec never does
    # (an organisation names none of them, so it is read to its end; it is
    # small). A rule book may name its `organisation:` too: that decides nothing.
    keys = ((key, rest) for key, rest in kind_keys_in(text) if key != "organisation")
    key, rest = next(keys, ("", ""))
    if not key:
        return False, None
    if key != "rulebook":
        return True, None
    return True, stated_value(rest) or None


def book_id_of(path: Path) -> str | None:
    """The ``rulebook:`` id a file states at its top level, or ``None``.

    ``None`` for a file that is not a rule book (a scenario, a model, a
    sweep spec, an organisation), and for one that cannot be read: a
    candidate that cannot be read is not a candidate.
    """
    try:
        with path.open("rb") as stream:
            head = stream.read(_HEAD_BYTES)
            found, ident = _id_in(head.decode("utf-8", "replace"))
            if found or len(head) < _HEAD_BYTES:
                return ident
            rest = stream.read(MAX_FILE_BYTES)
    except OSError:
        return None
    return _id_in((head + rest).decode("utf-8", "replace"))[1]


@dataclass(frozen=True)
class FolderIndex:
    """One folder's documents, looked up by book id or by file name."""

    files: dict[Path, str | None]
    """Every ``*.yaml``/``*.yml`` file with its book id (``None``: not a book,
    or not a ``*.govsim.yaml`` file, whose id is not read), sorted by path."""
    by_key: dict[str, list[Path]]
    """Book id, and file name, to the files that have it."""

    def books(self) -> dict[Path, str]:
        """The rule book files, each with its id."""
        return {p: i for p, i in self.files.items() if i is not None}

    def matching(self, name: str, suffixes: tuple[str, ...]) -> list[Path]:
        """Files whose id is ``name`` or whose file name is ``name`` plus a suffix, once each."""
        found: dict[Path, None] = {}
        for key in (name, *(name + suffix for suffix in suffixes)):
            found.update(dict.fromkeys(self.by_key.get(key, ())))
        return list(found)


class FolderScan:
    """The rule books of folders, each folder read once.

    Folders are cached by their resolved path, so the same folder reached
    two ways (``.`` and the scenario's folder, say) is read once. Inside
    :func:`one_run` every finder shares one scan, so a command that loads
    many documents (``govsim check scenarios/``) reads each folder once.
    """

    def __init__(self) -> None:
        self._names: dict[tuple[str, bool], dict[str, str | None]] = {}
        """(resolved folder, recursive) to each file's name under it and its id."""
        self._indexes: dict[tuple[Path, bool], FolderIndex] = {}
        """The same, by folder as given, with paths starting with that folder."""
        self._real: dict[Path, str] = {}

    @staticmethod
    def current() -> FolderScan:
        """The scan of the run under way (see :func:`one_run`), or a new one."""
        shared = _RUN.get()
        return shared if shared is not None else FolderScan()

    def real(self, path: Path) -> str:
        """The real path of ``path`` (links followed), as a key; as given when unresolvable."""
        real = self._real.get(path)
        if real is None:
            real = self._real[path] = _real(path)
        return real

    def index(self, folder: Path, *, recursive: bool = False) -> FolderIndex:
        """The documents in ``folder`` (and below it, if recursive), indexed.

        Paths start with ``folder`` as given; only regular files, since
        reading a named pipe that matches the pattern would wait forever.
        """
        index = self._indexes.get((folder, recursive))
        if index is None:
            key = (self.real(folder), recursive)
            if key not in self._names:
                self._names[key] = _read(key[0], recursive)
            files: dict[Path, str | None] = {}
            by_key: dict[str, list[Path]] = {}
            for name, ident in self._names[key].items():
                path = folder / name
                files[path] = ident
                by_key.setdefault(os.path.basename(name), []).append(path)
                if ident is not None:
                    by_key.setdefault(ident, []).append(path)
            index = self._indexes[(folder, recursive)] = FolderIndex(files, by_key)
        return index

    def books(self, folder: Path, *, recursive: bool = False) -> dict[Path, str]:
        """The rule book files of a folder, each with its id."""
        return self.index(folder, recursive=recursive).books()


_RUN: ContextVar[FolderScan | None] = ContextVar("govsim_book_scan", default=None)


@contextmanager
def one_run() -> Iterator[FolderScan]:
    """Share one :class:`FolderScan` among every finder until the block ends.

    A command wraps its work in this, so folders are read once per command;
    outside it each finder reads afresh, and a file written between two
    calls is always seen.
    """
    if _RUN.get() is not None:
        yield FolderScan.current()
        return
    token = _RUN.set(FolderScan())
    try:
        yield FolderScan.current()
    finally:
        _RUN.reset(token)


def _real(folder: Path) -> str:
    """The folder's real path, as a cache key; as given when it cannot be resolved."""
    try:
        return os.path.realpath(folder)
    except (OSError, ValueError):
        return os.path.abspath(folder)


def _read(folder: str, recursive: bool) -> dict[str, str | None]:
    """YAML file names under ``folder`` (relative to it, sorted), each with its book id."""
    names: list[str] = []
    try:
        if recursive:
            for root, dirs, files in os.walk(folder):
                dirs.sort()
                rel = os.path.relpath(root, folder)
                names += [os.path.normpath(os.path.join(rel, f)) for f in files]
        else:
            with os.scandir(folder) as entries:
                names = [entry.name for entry in entries]
    except OSError:
        return {}
    found: dict[str, str | None] = {}
    for name in sorted(n for n in names if n.endswith((".yaml", ".yml"))):
        path = Path(folder, name)
        if is_regular_file(path):
            govsim = fnmatch.fnmatchcase(os.path.basename(name), BOOK_PATTERN)
            found[name] = book_id_of(path) if govsim else None
    return found
