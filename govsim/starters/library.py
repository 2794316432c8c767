"""The library of real organisations' rule books, as starting points to copy.

The library lives in ``scenarios/library/`` of a checkout: one folder per
document, each holding the organisation, ``rules/<book>.govsim.yaml`` and
the scenarios that exercise it (docs/library/ describes each one). The
wheel carries the same folders as ``govsim/library/``, so an installed
govsim offers the library too; a checkout (an editable install) reads
``scenarios/library/`` itself.

``govsim new rulebook NAME --from BOOK`` copies a library book as a variant
to edit (:func:`variant_text`): the book's own text, comments and citations
kept, with its id replaced by ``NAME`` and a first comment saying what it
was copied from. The copy's ``organisation:`` is the library's, or the one
``--org`` names.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Final

__all__ = ["LibraryBook", "library_books", "library_root", "variant_text"]

_SUFFIX: Final = ".govsim.yaml"
_ID_LINE: Final = re.compile(
    r"^(?P<key>rulebook|organisation):[ \t]*(?P<id>\S+)[ \t]*$", re.M
)
_TITLE_LINE: Final = re.compile(r"^title:[ \t]*(?P<title>.+?)[ \t]*$", re.M)
_SCHEMA_LINE: Final = re.compile(r"^# yaml-language-server: \$schema=\S+\n")


@dataclass(frozen=True)
class LibraryBook:
    """One book of the library: its id, title and files."""

    ident: str
    title: str
    path: Path
    """The rule book file."""
    organisation: str
    """The organisation id the book names."""
    organisation_path: Path | None
    """The organisation file beside the book's folder, when there is one."""


def library_root() -> Path | None:
    """The library's folder: the wheel's copy, else a checkout's; ``None`` if neither."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "library", package.parent / "scenarios" / "library"):
        if candidate.is_dir():
            return candidate
    return None


def _ids(text: str) -> dict[str, str]:
    return {m["key"]: m["id"].strip("'\"") for m in _ID_LINE.finditer(text)}


def library_books() -> dict[str, LibraryBook]:
    """Every book of the library by id, in the order of their folders."""
    root = library_root()
    books: dict[str, LibraryBook] = {}
    if root is None:
        return books
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        organisations = {
            _ids(p.read_text(encoding="utf-8")).get("organisation"): p
            for p in sorted(folder.glob(f"*{_SUFFIX}"))
        }
        for path in sorted((folder / "rules").glob(f"*{_SUFFIX}")):
            text = path.read_text(encoding="utf-8")
            ids = _ids(text)
            if "rulebook" not in ids:
                continue
            title = _TITLE_LINE.search(text)
            org = ids.get("organisation", "")
            books[ids["rulebook"]] = LibraryBook(
                ids["rulebook"],
                title["title"].strip("'\"") if title else ids["rulebook"],
                path,
                org,
                organisations.get(org),
            )
    return books


def _set_key(text: str, key: str, value: str) -> str:
    """``text`` with its top-level ``key:`` line set to ``value`` (already YAML)."""
    line = f"{key}: {value}"  # a function replacement: no backslash is an escape
    return re.sub(rf"^{key}:.*$", lambda _: line, text, count=1, flags=re.M)


def variant_text(book: LibraryBook, name: str, organisation: str | None) -> str:
    """The text of ``book`` as a new book ``name``, to edit.

    Only the id and title lines (and, when ``organisation`` is given, the
    organisation line) change; every clause, comment and citation is the library's, so
    ``govsim diff`` against the library book shows exactly what the user
    changed. The library's schema line is dropped: its relative path is
    the library's, not the copy's.
    """
    from govsim.starters import yaml_word

    text = _SCHEMA_LINE.sub("", book.path.read_text(encoding="utf-8"), count=1)
    title = json.dumps(f"{name}, a variant of {book.title}", ensure_ascii=False)
    text = _set_key(text, "rulebook", yaml_word(name))
    text = _set_key(text, "title", title)
    if organisation is not None:
        text = _set_key(text, "organisation", yaml_word(organisation))
    header = (
        f"# A variant of the library book {book.ident} ({book.title}), copied by\n"
        f"# `govsim new rulebook {name} --from {book.ident}`. Every clause below is\n"
        "# the library's, with the document it cites: edit them to make the rules\n"
        "# your own, and keep `source:` true to what each clause now says.\n"
    )
    return header + text
