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

import re
from pathlib import Path

from govsim.documents.paths import is_regular_file, resolve_safely
from govsim.limits import MAX_FILE_BYTES

__all__ = ["BOOK_PATTERN", "FolderScan", "book_id_of"]

BOOK_PATTERN = "*.govsim.y*ml"
"""The files searched for a book id: govsim documents, as ``check`` finds them."""

# The first top-level key that tells a document's kind decides: a rule book
# states `rulebook:`, while a scenario, a model or a sweep spec never does (an
# organisation names none of them, so it is read to its end; it is small).
_KIND = re.compile(
    r"""^["']?(rulebook|scenario|model|sweep)["']?[ \t]*:[ \t]*(.*)$""", re.MULTILINE
)
# The kind key of a rule book sits in its first lines; the rest of a large
# file is read only when no kind key appears in this much of it.
_HEAD_BYTES = 64 * 1024


def _id_in(text: str) -> tuple[bool, str | None]:
    """(whether a kind key was found, the book id if it is a rule book)."""
    found = _KIND.search(text)
    if found is None:
        return False, None
    if found[1] != "rulebook":
        return True, None
    value = found[2].split(" #", 1)[0].strip().strip("'\"").strip()
    return True, value or None


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


class FolderScan:
    """The rule books of folders, each folder read once.

    Folders are cached by their resolved path, so the same folder reached
    two ways (``.`` and the scenario's folder, say) is read once.
    """

    def __init__(self) -> None:
        self._folders: dict[tuple[Path, bool], dict[Path, str | None]] = {}
        """(resolved folder, recursive) to each file's name in it and its id."""

    def files(self, folder: Path, *, recursive: bool = False) -> dict[Path, str | None]:
        """Every govsim document in ``folder`` (and below, if recursive) with its book id.

        Paths start with ``folder`` as given and are sorted; only regular
        files, since reading a named pipe that matches the pattern would wait
        forever.
        """
        key = (resolve_safely(folder), recursive)
        if key not in self._folders:
            self._folders[key] = self._read(key[0], recursive)
        return {folder / name: ident for name, ident in self._folders[key].items()}

    def books(self, folder: Path, *, recursive: bool = False) -> dict[Path, str]:
        """The rule book files of a folder, each with its id."""
        return {
            path: ident
            for path, ident in self.files(folder, recursive=recursive).items()
            if ident is not None
        }

    @staticmethod
    def _read(folder: Path, recursive: bool) -> dict[Path, str | None]:
        """File names relative to ``folder``, each with its book id."""
        try:
            if not folder.is_dir():
                return {}
            found = (
                folder.rglob(BOOK_PATTERN) if recursive else folder.glob(BOOK_PATTERN)
            )
            paths = sorted(p for p in found if is_regular_file(p))
        except OSError:
            return {}
        return {p.relative_to(folder): book_id_of(p) for p in paths}
