"""A bounded property search on the mutants the scenarios did not kill.

Scenarios test the histories someone thought of; a property search tries
others. For each mutant that survived the scenarios (or changed nothing in
them), ``govsim explore``'s random search runs for a fixed number of
examples with a fixed seed, looking for a history that breaks an invariant.
Only invariants the *book* keeps in the same search count: one the book
already breaks would "kill" every mutant and say nothing about the damage.
A mutant a search breaks is killed, with the counterexample as the reason.
"""

from __future__ import annotations

import tempfile
from concurrent.futures import Executor, Future
from dataclasses import replace
from pathlib import Path

from govsim.model.clauses import merge_books
from govsim.model.organisation import Organisation
from govsim.model.rulebook import RuleBook
from govsim.mutation.classify import Kill, MutantResult

__all__ = ["broken_invariants", "search", "search_survivors"]

Found = tuple[str, str, str | None]
"""(invariant, message, counterexample path) of a history that breaks an invariant."""


def search(
    book: RuleBook,
    organisation: Organisation,
    invariants: tuple[str, ...],
    examples: int,
    seed: int,
    out: str | None,
) -> Found | None:
    """Search ``book`` for a history breaking one of ``invariants``; runs in a worker."""
    from govsim.probing.trial import Design
    from govsim.testing.exploration import explore
    from govsim.testing.storage import hypothesis_folder_in_use

    design = Design(
        organisation=organisation, book=merge_books(book, None), document=book
    )
    with tempfile.TemporaryDirectory() as scratch, hypothesis_folder_in_use():
        found = explore(
            design,
            list(invariants),
            max_examples=examples,
            seed=seed,
            out=out or scratch,
        )
        if found.counterexample is None:
            return None
        breach = found.counterexample.breach
        path = str(found.path) if out is not None else None
        return breach.invariant, breach.message, path


def broken_invariants(
    book: RuleBook, organisation: Organisation, examples: int, seed: int
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(kept, broken): the invariants a search of the book itself keeps and breaks.

    A search stops at the first invariant it breaks, so it is run again
    without that one until it breaks none.
    """
    from govsim.invariants import INVARIANTS

    kept = tuple(sorted(INVARIANTS))
    broken: list[str] = []
    while kept:
        found = search(book, organisation, kept, examples, seed, None)
        if found is None:
            break
        broken.append(found[0])
        kept = tuple(i for i in kept if i != found[0])
    return kept, tuple(sorted(broken))


def search_survivors(
    book: RuleBook,
    organisation: Organisation,
    results: list[MutantResult],
    *,
    examples: int,
    seed: int,
    executor: Executor,
    out: Path | None,
) -> tuple[tuple[int, int, tuple[str, ...], tuple[str, ...]], list[MutantResult]]:
    """Search every mutant not killed; return the settings and the results updated.

    The settings are (examples, seed, invariants searched, invariants the
    book itself breaks).
    """
    kept, broken = broken_invariants(book, organisation, examples, seed)
    futures: dict[int, Future[Found | None]] = {}
    if kept:
        for i, result in enumerate(results):
            if result.status == "killed":
                continue
            where = None if out is None else str(out / result.mutant.label)
            futures[i] = executor.submit(
                search,
                result.mutant.apply(book),
                organisation,
                kept,
                examples,
                seed,
                where,
            )
    updated = list(results)
    for i, future in futures.items():
        found = future.result()
        if found is None:
            continue
        invariant, message, path = found
        detail = f"{invariant} broken: {message}" + (f" ({path})" if path else "")
        updated[i] = replace(
            results[i],
            status="killed",
            killed_by=(Kill("(search)", "explore", detail),),
            suggestion=None,
        )
    return (examples, seed, kept, broken), updated
