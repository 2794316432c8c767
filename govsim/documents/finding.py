"""Find the files a command names by id: a rule book, the organisation beside it.

Commands that take a rule book (``govsim lint``, ``govsim diff``,
``govsim graph``) accept either a path or the book's id, as a user remembers
``iso-2013-as-practised`` rather than where it lives. These finders read only
the top-level keys of candidate files, from their text, so looking through a
folder of scenarios costs no YAML parsing.

Example:
    >>> from pathlib import Path
    >>> find_rulebook("iso-2013-as-practised", near=Path("."))  # doctest: +SKIP
    PosixPath('scenarios/iso/rules/iso-2013-as-practised.govsim.yaml')
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from govsim.documents.paths import (
    input_problem,
    is_regular_file,
    resolve_safely,
    shown_path,
)
from govsim.documents.suggest import did_you_mean
from govsim.errors import UsageError

__all__ = ["find_organisation", "find_rulebook", "rulebook_ids"]

_PATTERN = "*.govsim.y*ml"
_TOP_KIND = re.compile(r"^(scenario|rulebook)\s*:", re.MULTILINE)
_TOP_ORGANISATION = re.compile(r"^organisation\s*:\s*(\S+)", re.MULTILINE)
_TOP_RULEBOOK = re.compile(r"^rulebook\s*:\s*(\S+)", re.MULTILINE)


def _top_value(path: Path, pattern: re.Pattern[str]) -> str | None:
    # Only the top-level keys matter; reading them from the text spares
    # parsing every scenario in a folder. Unreadable files are not candidates.
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    found = pattern.search(text)
    return found[1].strip("'\"") if found else None


def _candidates(near: Path) -> Iterator[Path]:
    """Book files in ``near`` itself, then anywhere under ``near/scenarios``."""
    # Only regular files: a named pipe matching the pattern would block the read.
    yield from sorted(p for p in near.glob(_PATTERN) if is_regular_file(p))
    scenarios = near / "scenarios"
    if scenarios.is_dir():
        yield from sorted(p for p in scenarios.rglob(_PATTERN) if is_regular_file(p))


def rulebook_ids(near: Path | None = None) -> dict[str, Path]:
    """Every rule book id findable from ``near`` (default: the current folder).

    The first file found for an id wins: one in ``near`` itself before one
    under ``near/scenarios``.
    """
    found: dict[str, Path] = {}
    for path in _candidates(Path() if near is None else near):
        ident = _top_value(path, _TOP_RULEBOOK)
        if ident is not None:
            found.setdefault(ident, path)
    return found


def find_rulebook(ref: str | Path, near: Path | None = None) -> Path:
    """The rule book file a user means by ``ref``: a path, or a book id.

    An existing file is taken as it is. Otherwise ``ref`` is an id, matched
    against the top-level ``rulebook:`` of each ``*.govsim.yaml`` in ``near``
    (default: the current folder), then recursively under ``near/scenarios``;
    the first match wins.

    Args:
        ref: a path to a rule book file, or a rule book id.
        near: the folder to look in instead of the current one.

    Raises:
        UsageError: no such file, or no book with that id (with the closest
            id found, if one is close).
    """
    path = Path(ref)
    problem = input_problem(path)
    if problem is None:
        return path
    text = str(ref)
    if (
        path.suffix in {".yaml", ".yml"}
        or "/" in text
        or "\\" in text
        or problem != "no such file"
    ):
        if problem == "no such file":
            raise UsageError(f"no rule book file {shown_path(text)}")
        raise UsageError(f"rule book file {shown_path(text)}: {problem}")
    books = rulebook_ids(near)
    if text in books:
        return books[text]
    where = "here" if near is None else str(near)
    raise UsageError(
        f"no rule book '{text}' (no file of that name, and no *.govsim.yaml with "
        f"'rulebook: {text}' {where} or under scenarios/){did_you_mean(text, books)}"
    )


def find_organisation(book_path: Path, ident: str | None) -> Path | None:
    """The organisation file for a book, beside it or one folder up.

    The file's ``organisation:`` id must be the one the book names (any id,
    when the book names none). Scenarios and rule books, which also carry an
    ``organisation:`` key, are passed over.
    """
    # Resolved first: for a bare file name in the working folder, ``parent``
    # of ``parent`` would be the same ``.`` and the folder above never seen.
    here = resolve_safely(book_path).parent
    for folder in (here, here.parent):
        for candidate in sorted(p for p in folder.glob(_PATTERN) if is_regular_file(p)):
            try:
                text = candidate.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            if _TOP_KIND.search(text):
                continue
            found = _TOP_ORGANISATION.search(text)
            if found and (ident is None or found[1].strip("'\"") == ident):
                return candidate
    return None
