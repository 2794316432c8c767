"""Mutation operators: small, named ways of damaging one clause of a rule book.

A mutation operator looks at one clause and offers :class:`Edit` objects,
each a plain sentence and a function from a version of the clause to its
damaged version (or ``None``, for a clause deleted). :func:`mutants` lists,
for a whole book and in a fixed order, every :class:`Mutant` the chosen
operators make, and :meth:`Mutant.apply` makes the damaged book: a stand-alone
rule book under the same id, so that scenarios judge it by the expectations
they state for the original.

Operators are registered by name like invariants and lint checks, so a
plugin can add its own (entry-point group ``govsim.mutation_operators``)::

    from govsim.mutation import Edit, mutation_operator

    @mutation_operator("drop_titles", "remove a clause's title")
    def drop_titles(clause, context):
        if clause.title:
            yield Edit("drop the title", lambda c: c.model_copy(update={"title": None}))
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from govsim.errors import UsageError
from govsim.model.clauses import ResolvedBook
from govsim.model.common import Enforcement
from govsim.model.organisation import Organisation
from govsim.model.rulebook import Clause, RuleBook
from govsim.registry import Registry

__all__ = [
    "OPERATORS",
    "Edit",
    "Mutant",
    "MutationContext",
    "Operator",
    "choose_operators",
    "mutants",
    "mutation_operator",
]


@dataclass(frozen=True)
class MutationContext:
    """What an operator may need beyond the clause: the book's enforcement and bodies."""

    enforcement: Enforcement
    """The book's default enforcement (a clause without its own has this one)."""
    organisation: Organisation | None = None
    """The organisation the scenarios run on, for operators that widen actors to a
    kind of body (absent: those operators offer fewer edits)."""


@dataclass(frozen=True)
class Edit:
    """One damage an operator can do to a clause, and the sentence that says it."""

    description: str
    """What the edit does, as one plain sentence (``remove the notice rule of clause 4``)."""
    change: Callable[[Clause], Clause | None] = field(repr=False, compare=False)
    """The clause after the edit (``None``: deleted). Applied to every version of
    the clause, the book's own and each amendment's, so it holds on every date."""
    hint: str | None = None
    """The history that would tell the damaged clause from the real one, in words
    (``a sanction decided by a vote between a half and 2/3``): what a survivor's
    report suggests writing as a scenario."""


OperatorFunction = Callable[[Clause, MutationContext], Iterable[Edit]]


@dataclass(frozen=True)
class Operator:
    """A registered mutation operator: its name, a summary, and its function."""

    name: str
    summary: str
    function: OperatorFunction = field(repr=False)


OPERATORS: Registry[Operator] = Registry(
    "mutation operator",
    "govsim.mutation_operators",
    builtins=("govsim.mutation.builtin",),
)
"""Every registered mutation operator by name: govsim's, then installed plugins'."""


def mutation_operator(
    name: str, summary: str
) -> Callable[[OperatorFunction], OperatorFunction]:
    """Register a function ``(clause, context) -> edits`` as the operator ``name``.

    Raises:
        PluginError: the name is already taken by another function.
    """

    def register(function: OperatorFunction) -> OperatorFunction:
        OPERATORS.add(name, Operator(name, summary, function), origin=function)
        return function

    return register


def choose_operators(names: Sequence[str] | None) -> list[Operator]:
    """The operators named (all, in registration order, when ``None`` or empty).

    Raises:
        UsageError: a name no operator is registered under, with the known ones.
    """
    if not names:
        return list(OPERATORS.values())
    chosen: list[Operator] = []
    for name in names:
        if name not in OPERATORS:
            raise UsageError(OPERATORS.unknown(name))
        if OPERATORS[name] not in chosen:
            chosen.append(OPERATORS[name])
    return chosen


@dataclass(frozen=True)
class Mutant:
    """A rule book with one clause damaged by one operator.

    Attributes:
        id: ``m`` and its place in the listing (``m7``), stable for a book and
            a choice of operators.
        operator: the operator's name.
        clause: the id of the damaged clause.
        description: the damage as one plain sentence.
        label: ``<operator>-<clause>`` with ``-<n>`` when the operator damages
            the clause in several ways; names the variant file.
    """

    id: str
    operator: str
    clause: str
    description: str
    label: str
    edit: Edit = field(repr=False, compare=False)

    def apply(self, book: RuleBook) -> RuleBook:
        """The book with this damage done, under the same id (a stand-alone book).

        Raises:
            UsageError: the edit leaves the book invalid (a plugin operator's
                fault, or a book the operator does not fit).
        """

        def edit(clauses: tuple[Clause, ...]) -> tuple[Clause, ...]:
            out = (self.edit.change(c) if c.id == self.clause else c for c in clauses)
            return tuple(c for c in out if c is not None)

        changed = book.model_copy(
            update={
                "clauses": edit(book.clauses),
                "amendments": tuple(
                    a.model_copy(update={"clauses": edit(a.clauses)})
                    for a in book.amendments
                ),
            }
        )
        try:
            # model_copy does not validate; a round trip checks the result.
            return RuleBook.model_validate(changed.model_dump(by_alias=True))
        except ValueError as exc:
            raise UsageError(
                f"mutation operator '{self.operator}' made an invalid book "
                f"({self.description}): {exc}"
            ) from None


def _first_versions(book: RuleBook) -> list[Clause]:
    """Each clause once, as first stated: the book's own, then those amendments add."""
    first: dict[str, Clause] = {}
    for clause in (*book.clauses, *(c for a in book.amendments for c in a.clauses)):
        first.setdefault(clause.id, clause)
    return list(first.values())


def mutants(
    book: ResolvedBook | RuleBook,
    *,
    operators: Sequence[str] | None = None,
    organisation: Organisation | None = None,
) -> list[Mutant]:
    """Every mutant the operators make of the book, operator by operator.

    Within an operator, clauses come in the order of the book (clauses only
    amendments add come last), then edits in the order the operator offers
    them. Each edit is judged on the clause as first stated.

    Raises:
        UsageError: an unknown operator, or a book that extends another
            (pass the resolved book).
    """
    if isinstance(book, RuleBook) and book.extends is not None:
        raise UsageError(
            f"rule book {book.rulebook} extends {book.extends}: pass the resolved "
            "book (govsim.load_rulebook)"
        )
    flat = book.document() if isinstance(book, ResolvedBook) else book
    context = MutationContext(flat.enforcement, organisation)
    out: list[Mutant] = []
    for operator in choose_operators(operators):
        for clause in _first_versions(flat):
            edits = list(operator.function(clause, context))
            for n, edit in enumerate(edits, 1):
                suffix = f"-{n}" if len(edits) > 1 else ""
                out.append(
                    Mutant(
                        id=f"m{len(out) + 1}",
                        operator=operator.name,
                        clause=clause.id,
                        description=edit.description,
                        label=f"{operator.name}-{clause.id}{suffix}",
                        edit=edit,
                    )
                )
    return out
