"""A bounded property search on the mutants the scenarios did not kill.

Scenarios test the histories someone thought of; a property search tries
others. For each mutant that survived the scenarios (or changed nothing in
them), ``govsim explore``'s random search runs for a fixed number of
examples with a fixed seed, looking for a history that breaks an invariant.
Only invariants the *book* keeps in the same search count: one the book
already breaks would "kill" every mutant and say nothing about the damage.
A mutant a search breaks is killed, with the counterexample as the reason,
but only when the book itself keeps the invariant on that same history.
"""

from __future__ import annotations

import shutil
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
    original: RuleBook | None = None,
) -> Found | None:
    """Search ``book`` for a history breaking one of ``invariants``; runs in a worker.

    With ``original``, a history counts only if the original book, replayed
    on the very same acts, keeps the invariant: a search of the mutant may
    wander where the book's own search did not, and a history that breaks
    both books says nothing about the damage. Such an invariant is left out
    and the search run again, until one differs or none is found. The
    counterexample of a history that counts is copied into ``out``.
    """
    from govsim.probing.trial import Design
    from govsim.testing.exploration import explore
    from govsim.testing.minimise import replay_history
    from govsim.testing.storage import hypothesis_folder_in_use

    design = Design(
        organisation=organisation, book=merge_books(book, None), document=book
    )
    remaining = invariants
    with tempfile.TemporaryDirectory() as scratch, hypothesis_folder_in_use():
        while remaining:
            found = explore(
                design, list(remaining), max_examples=examples, seed=seed, out=scratch
            )
            example = found.counterexample
            if example is None or found.path is None:
                return None
            invariant = example.breach.invariant
            if original is not None:
                base = Design(
                    organisation=organisation, book=merge_books(original, None)
                )
                trace = replay_history(
                    base, example.chosen, example.acts, example.start, example.end
                )
                if any(b.invariant == invariant for b in trace.breaches):
                    remaining = tuple(i for i in remaining if i != invariant)
                    continue
            path = None
            if out is not None:
                target = Path(out) / found.path.name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(found.path, target)
                path = str(target)
            return invariant, example.breach.message, path
    return None


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
                book,
            )
    updated = list(results)
    for i, future in futures.items():
        found = future.result()
        if found is None:
            continue
        invariant, message, path = found
        detail = f"{invariant} broken on a history the book keeps it on: {message}" + (
            f" ({path})" if path else ""
        )
        updated[i] = replace(
            results[i],
            status="killed",
            killed_by=(Kill("(search)", "explore", detail),),
            suggestion=None,
        )
    return (examples, seed, kept, broken), updated
