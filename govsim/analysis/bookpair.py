"""Two rule books and the one organisation both run on, loaded and checked.

A diff compares books *for the same organisation*: their bodies and persons
are what the probes act with. Books are given as paths or ids (found as
``govsim lint`` finds them), and the organisation is the file beside the
first book, or one folder up, unless one is given. A book written for another
organisation is refused before anything is compared, with the position of its
``organisation:`` key — in the file that sets it, which for a variant may be
the book it extends.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from govsim.documents import load_yaml_file
from govsim.documents.finding import BookFinder, find_organisation, find_rulebook
from govsim.documents.paths import check_input, resolve_safely
from govsim.errors import DocumentError, Problem, Span, UsageError
from govsim.model.clauses import ResolvedBook, merge_books
from govsim.model.loading import load_organisation, load_rulebook
from govsim.model.organisation import Organisation
from govsim.model.rulebook import RuleBook
from govsim.probing.design import load_design
from govsim.probing.trial import Design

__all__ = ["BookPair", "BookRef", "OrgRef", "load_pair", "organisation_span"]

BookRef = str | Path | ResolvedBook | RuleBook
"""A rule book as a user names it: a path, an id, or a book in memory."""
OrgRef = str | Path | Organisation


@dataclass(frozen=True)
class BookPair:
    """Book A, book B, and the organisation they share (inside each design)."""

    a: Design
    b: Design

    @property
    def organisation(self) -> Organisation:
        """The organisation both books run on."""
        return self.a.organisation


def organisation_span(path: Path) -> Span:
    """Where a book file's ``organisation:`` key is, following ``extends``.

    A variant usually inherits its organisation from the book it extends;
    the position is then in that book's file. A book naming none gives the
    first line of its own file.
    """
    current: Path | None = path
    seen: set[Path] = set()
    while current is not None and resolve_safely(current) not in seen:
        seen.add(resolve_safely(current))
        data, source = load_yaml_file(current)
        if not isinstance(data, dict):
            break
        if "organisation" in data:
            return source.span(("organisation",), key=True)
        parent = data.get("extends")
        if not isinstance(parent, str):
            break
        current = BookFinder().locate(parent, folder=current.parent)
    return Span(str(path), 1, 1)


def _read(
    ref: BookRef, near: Path | None
) -> tuple[ResolvedBook, Path | None, RuleBook | None]:
    if isinstance(ref, ResolvedBook):
        return ref, None, None
    if isinstance(ref, RuleBook):
        if ref.extends is not None:
            raise UsageError(
                f"rule book {ref.rulebook} extends another; load it from its file"
            )
        return merge_books(ref, None), None, ref
    path = find_rulebook(ref, near)
    return load_rulebook(path), path, None


def _organisation(
    organisation: OrgRef | None, books: list[tuple[ResolvedBook, Path | None]]
) -> tuple[Organisation, Path | None]:
    if isinstance(organisation, Organisation):
        return organisation, None
    if organisation is not None:
        given = check_input(organisation, "--org")
        return load_organisation(given), given
    for book, path in books:
        if path is None:
            continue
        found = find_organisation(path, book.organisation)
        if found is not None:
            return load_organisation(found), found
    named = {b.organisation for b, _ in books if b.organisation}
    which = f" '{', '.join(sorted(named))}'" if named else ""
    raise UsageError(
        f"no organisation{which} found beside the rule books or a folder up; "
        "pass one with --org (or organisation=)"
    )


def _foreign(
    books: list[tuple[ResolvedBook, Path | None]], org: Organisation, origin: str
) -> list[Problem]:
    """A positioned problem for each book written for another organisation."""
    problems = []
    for book, path in books:
        if book.organisation in (None, org.organisation):
            continue
        message = (
            f"rule book '{book.id}' is written for organisation "
            f"'{book.organisation}', but {origin} is '{org.organisation}'"
        )
        span = organisation_span(path) if path is not None else None
        problems.append(Problem(span, message, ("organisation",)))
    return problems


def load_pair(
    a: BookRef,
    b: BookRef,
    organisation: OrgRef | None = None,
    *,
    near: Path | None = None,
) -> BookPair:
    """Load two rule books and their shared organisation, checked.

    Args:
        a: the book compared against: a path, an id, or a book in memory.
        b: the book compared.
        organisation: the organisation file or document; absent, the file
            beside book A (or B), or a folder up, whose id the book names.
        near: where ids are looked up (default: the current folder).

    Raises:
        UsageError: an unknown book id or file, no organisation found.
        DocumentError: a malformed book, a book naming bodies the
            organisation lacks, or a book written for another organisation
            (positioned at its ``organisation:`` key).
    """
    read = [_read(ref, near) for ref in (a, b)]
    books = [(book, path) for book, path, _ in read]
    if organisation is None and all(path is None for _, path in books):
        raise UsageError(
            "rule books given in memory need their organisation: pass organisation="
        )
    org, org_path = _organisation(organisation, books)
    if organisation is not None:
        origin = f"the organisation given ({org_path or 'in memory'})"
    else:
        origin = f"the organisation found beside '{books[0][0].id}' ({org_path})"
    problems = _foreign(books, org, origin)
    if problems:
        raise DocumentError(problems)
    designs = []
    for book, path, document in read:
        if path is not None:
            design = load_design(path, org_path or org)
            designs.append(Design(org, design.book, org_path, path))
        else:
            designs.append(Design(org, book, org_path, None, document))
    return BookPair(designs[0], designs[1])
