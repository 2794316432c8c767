"""Mutation testing of rule books: would the scenarios notice a bad change?

:func:`~govsim.mutation.operators.mutants` damages a book one provision at a
time (a clause deleted, a requirement dropped, a threshold lowered, a notice
period halved, a power widened ...); a mutation run replays the book's
scenarios under each mutant and calls it *killed* when an expectation fails
or an invariant's outcome changes, *survived* when a trace changes but no
test notices, and *equivalent* when no trace changes at all.
"""

from __future__ import annotations

from govsim.mutation.operators import (
    OPERATORS,
    Edit,
    Mutant,
    MutationContext,
    Operator,
    choose_operators,
    mutants,
    mutation_operator,
)

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
