"""Rule books for generated organisations, and single changes to a rule book.

:func:`rulebooks` draws a plausible book for an organisation. :func:`changes`
lists, in a fixed order, every single change to one clause of a book (drop a
requirement, lower a threshold, widen a power, ...), each saying whether it
loosens the book, and :func:`rulebook_variants` draws books changed that way,
so that a property can ask "does the design still hold if the recusal rule of
clause 4.4 goes?" and shrink to the first change that breaks it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from hypothesis import strategies as st

from govsim.errors import UsageError
from govsim.model.clauses import ResolvedBook
from govsim.model.rulebook import Clause, RuleBook
from govsim.testing.books import rulebooks
from govsim.testing.edits import (
    CHANGE_KINDS,
    ChangeKind,
    Provision,
    describe,
    edit_clause,
    flipped,
    loosens,
    provisions,
    targets,
)

__all__ = [
    "CHANGE_KINDS",
    "Change",
    "ChangeKind",
    "changes",
    "flatten",
    "rulebook_variants",
    "rulebooks",
]

_NOT_IDENT = re.compile(r"[^A-Za-z0-9_.\-]+")


@dataclass(frozen=True)
class Change:
    """One change to one clause of a rule book, which can be applied to it.

    Attributes:
        kind: what sort of change (one of :data:`CHANGE_KINDS`).
        clause: the id of the clause changed.
        description: the change as one plain sentence.
        loosens: ``True`` when, judged on the same state, every act valid
            under the original book stays valid under the changed one;
            ``False`` when the change may take a power away; ``None`` when it
            is neither (switching enforcement, widening an implied power).
        item: the provision changed (a requirement, decision rule or power),
            or ``None`` for a change to the whole clause.
        label: the end of the changed book's id, ``<kind>-<clause>`` with
            ``-<n>`` added when the clause has several such provisions.
    """

    kind: ChangeKind
    clause: str
    description: str
    loosens: bool | None
    item: Provision | None = field(default=None, repr=False)
    label: str = field(default="", repr=False)

    def apply(self, book: RuleBook | ResolvedBook) -> RuleBook:
        """Return the book with this change made, under a new id.

        Every version of the clause (the book's and any amendment's) is
        changed, so the change holds on every date.

        Raises:
            UsageError: when the book has no such clause or provision, or
                extends another book.
        """
        flat = flatten(book)
        versions = _versions(flat, self.clause)
        if not versions or (
            self.item is not None
            and not any(self.item in provisions(self.kind, c) for c in versions)
        ):
            missing = "clause" if not versions else "provision in that clause"
            raise UsageError(
                f"cannot {self.description}: rule book {flat.rulebook} has no such {missing}"
            )
        target = flipped(versions[0].enforcement or flat.enforcement)

        def edit(clauses: tuple[Clause, ...]) -> tuple[Clause, ...]:
            out = (
                edit_clause(self.kind, self.item, c, target)
                if c.id == self.clause
                else c
                for c in clauses
            )
            return tuple(c for c in out if c is not None)

        label = self.label or f"{self.kind}-{self.clause}"
        changed = flat.model_copy(
            update={
                "rulebook": _ident(f"{flat.rulebook}-{label}"),
                "description": f"Variant of {flat.rulebook}: {self.description}.",
                "clauses": edit(flat.clauses),
                "amendments": tuple(
                    a.model_copy(update={"clauses": edit(a.clauses)})
                    for a in flat.amendments
                ),
            }
        )
        # model_copy does not validate; a round trip checks the result as a document.
        return RuleBook.model_validate(changed.model_dump(by_alias=True))


def flatten(book: RuleBook | ResolvedBook) -> RuleBook:
    """Return a rule book that stands alone: a resolved book as one document.

    A resolved book has its ``extends`` chain merged already; its clauses and
    dated amendments become those of a plain rule book under the same id.

    Raises:
        UsageError: for a rule book that extends another (load it first with
            :func:`govsim.model.loading.load_rulebook` and pass the result).
    """
    if isinstance(book, RuleBook):
        if book.extends is not None:
            raise UsageError(
                f"rule book {book.rulebook} extends {book.extends}; load it with "
                "govsim.model.loading.load_rulebook and pass the resolved book"
            )
        return book
    return book.document()


def _ident(text: str) -> str:
    """``text`` as an Ident: bad characters replaced, long ones cut with a hash."""
    text = _NOT_IDENT.sub("_", text)
    if len(text) <= 80:
        return text
    digest = hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:8]
    return f"{text[:71]}-{digest}"


def _versions(book: RuleBook, clause_id: str) -> list[Clause]:
    """The clause as the book states it, then as each amendment restates it."""
    found = [c for c in book.clauses if c.id == clause_id]
    for amendment in book.amendments:
        found += [c for c in amendment.clauses if c.id == clause_id]
    return found


def _of_clause(kind: ChangeKind, clause: Clause, book: RuleBook) -> list[Change]:
    """The changes of one kind to one clause (judged on its first version)."""
    versions = _versions(book, clause.id)
    enforcement = clause.enforcement or book.enforcement
    items = targets(kind, clause)
    return [
        Change(
            kind=kind,
            clause=clause.id,
            description=describe(kind, item, clause, enforcement),
            loosens=loosens(kind, item, versions),
            item=item,
            label=f"{kind}-{clause.id}" + (f"-{n}" if len(items) > 1 else ""),
        )
        for n, item in enumerate(items, 1)
    ]


def changes(book: RuleBook | ResolvedBook) -> list[Change]:
    """List every single change to one clause of a book, in a fixed order.

    Changes come kind by kind (in the order of :data:`CHANGE_KINDS`), then
    clause by clause in the order of the book (clauses that only amendments
    add come last), then provision by provision within the clause.

    Raises:
        UsageError: for a rule book that extends another.
    """
    flat = flatten(book)
    first: dict[str, Clause] = {}
    for clause in (*flat.clauses, *(c for a in flat.amendments for c in a.clauses)):
        first.setdefault(clause.id, clause)
    return [
        change
        for kind in CHANGE_KINDS
        for clause in first.values()
        for change in _of_clause(kind, clause, flat)
    ]


def _chosen(
    book: RuleBook, kinds: frozenset[str] | None, loosening: bool | None
) -> list[Change]:
    return [
        c
        for c in changes(book)
        if (kinds is None or c.kind in kinds)
        and (loosening is None or c.loosens is loosening)
    ]


@st.composite
def _variant(
    draw: st.DrawFn,
    book: RuleBook,
    kinds: frozenset[str] | None,
    loosening: bool | None,
    max_changes: int,
) -> RuleBook:
    current = book
    for _ in range(draw(st.integers(1, max_changes))):
        options = _chosen(current, kinds, loosening)
        if not options:
            break  # earlier changes used up every candidate
        current = draw(st.sampled_from(options)).apply(current)
    return current


def rulebook_variants(
    book: RuleBook | ResolvedBook,
    *,
    kinds: Iterable[str] | None = None,
    loosening: bool | None = None,
    max_changes: int = 1,
) -> st.SearchStrategy[RuleBook]:
    """Draw the book changed by 1 to ``max_changes`` changes, one after another.

    After each change the changes are listed again on the changed book. The
    strategy shrinks towards a single change: the first that :func:`changes`
    lists among those the filters keep.

    Args:
        book: the book to change (a resolved book is flattened first).
        kinds: only changes of these kinds (default: every kind).
        loosening: ``True`` or ``False``: only changes whose ``loosens`` is
            exactly that; ``None``: any change.
        max_changes: the most changes to apply in sequence (at least 1).

    Returns:
        A strategy of changed rule books, each with a new id and description.

    Raises:
        UsageError: for an unknown kind, ``max_changes`` below 1, a book that
            extends another, or when no change fits the filters.
    """
    flat = flatten(book)
    wanted = None if kinds is None else frozenset(kinds)
    unknown = sorted((wanted or frozenset()) - set(CHANGE_KINDS))
    if unknown:
        raise UsageError(
            f"unknown change kind {', '.join(unknown)}; known: {', '.join(CHANGE_KINDS)}"
        )
    if max_changes < 1:
        raise UsageError(f"max_changes must be at least 1, not {max_changes}")
    if not _chosen(flat, wanted, loosening):
        which = "" if wanted is None else f" of kind {', '.join(sorted(wanted))}"
        loose = "" if loosening is None else f" with loosens={loosening}"
        raise UsageError(
            f"no change{which}{loose} applies to rule book {flat.rulebook}, "
            "so there is no variant to draw"
        )
    return _variant(flat, wanted, loosening, max_changes)
