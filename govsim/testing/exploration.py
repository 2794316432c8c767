"""Search a design for a history that breaks an invariant: the API behind ``govsim explore``.

:func:`procedure_machine` checks the user's arguments and builds the state
machine; :func:`explore` runs it under Hypothesis with a fixed seed (or
enumerates every history up to a depth, see :mod:`govsim.testing.exhaustive`)
and returns an :class:`Exploration`: how many histories were tried, how long
the engine took, and the counterexample written as a scenario file if one
was found.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from govsim import limits
from govsim.limits import check_range
from govsim.model.clauses import ResolvedBook
from govsim.model.organisation import Organisation
from govsim.model.rulebook import RuleBook
from govsim.probing.design import (
    InvariantSpec,
    choose_actors,
    choose_invariants,
    choose_kinds,
    load_design,
)
from govsim.probing.startday import start_day
from govsim.probing.trial import Design
from govsim.testing.counterexample import Counterexample
from govsim.testing.machine import (
    HORIZON,
    InvariantBroken,
    ProcedureMachine,
    Stats,
    default_out,
    make_machine,
)

if TYPE_CHECKING:
    from hypothesis.database import ExampleDatabase

__all__ = ["Exploration", "SearchProgress", "Watch", "explore", "procedure_machine"]

BookArg = str | Path | ResolvedBook | RuleBook
OrgArg = str | Path | Organisation | None


def _design(rulebook: BookArg | Design, organisation: OrgArg) -> Design:
    if isinstance(rulebook, Design):
        return rulebook
    return load_design(rulebook, organisation)


def procedure_machine(
    rulebook: BookArg | Design,
    organisation: OrgArg = None,
    invariants: str | Iterable[InvariantSpec] = "all",
    actors: Sequence[str] | int | None = None,
    *,
    acts: Sequence[str] | None = None,
    start: dt.date | None = None,
    horizon: int = HORIZON,
    out: str | Path | None = None,
    max_examples: int | None = None,
    steps: int = 30,
) -> type[ProcedureMachine]:
    """A Hypothesis state machine trying every act of the vocabulary on a design.

    Args:
        rulebook: a rule book file or book (or a ready :class:`Design`).
        organisation: its organisation; absent, the file beside the book.
        invariants: ``"all"`` or names (``{name: {param: value}}`` to set
            parameters); safety invariants are checked after every act,
            deadline ones when the history ends. ``()`` checks none, for a
            machine whose properties are your own ``@invariant`` methods.
        actors: ids of the persons and bodies who may act, or a number of
            persons (the first ones, with every body); default everyone.
        acts: the act kinds to try (default: the whole vocabulary).
        start: the first day (default: a day the bodies the book empowers
            are staffed, see :func:`govsim.probing.startday.start_day`).
        horizon: days the history runs past its last act, so deadlines fall due.
        out: file or folder for counterexamples (default
            ``$GOVSIM_COUNTEREXAMPLES`` or ``./govsim-counterexamples``).
        max_examples: histories to try (default: the Hypothesis profile's).
        steps: most acts in one history.

    Returns:
        The machine class; run it with ``run_state_machine_as_test`` or as a
        pytest test through its ``TestCase`` attribute.

    Raises:
        UsageError: an unknown invariant, act kind or actor, or an
            organisation too small for the actors asked for.
    """
    _check_options(steps=steps, horizon=horizon, max_examples=max_examples, start=start)
    design = _design(rulebook, organisation)
    return make_machine(
        design,
        choose_invariants(invariants, allow_none=True),
        kinds=choose_kinds(acts),
        actors=choose_actors(actors, design.organisation),
        start=start or start_day(design),
        horizon=horizon,
        out=Path(out) if out is not None else default_out(),
        max_examples=max_examples,
        steps=steps,
    )


@dataclass(frozen=True)
class Exploration:
    """What a search tried and what it found."""

    book: str
    invariants: tuple[str, ...]
    mode: str
    """``random`` (Hypothesis) or ``exhaustive``."""
    histories: int
    """Histories tried (for a random search, the examples Hypothesis ran)."""
    acts: int
    """Acts replayed in all."""
    seconds: float
    engine_seconds: float
    """Time spent judging acts and checking invariants (the rest is generation)."""
    seed: int | None = None
    depth: int | None = None
    counterexample: Counterexample | None = None
    path: Path | None = None

    @property
    def found(self) -> bool:
        """Whether a counterexample was found."""
        return self.counterexample is not None


@dataclass(frozen=True)
class SearchProgress:
    """How far a search has gone, told to the ``progress`` callback of :func:`explore`."""

    mode: str
    """``random`` or ``exhaustive``."""
    done: int
    """Histories tried so far (for a random search, the examples begun)."""
    total: int
    """Examples asked for, or the estimated histories of an exhaustive search."""
    acts: int
    """Acts replayed so far."""
    shortest: int | None = None
    """Acts in the shortest counterexample found so far, if any."""


Watch = Callable[[SearchProgress], None]
"""A progress callback; it is called often, so it should return quickly."""


def _watch_stats(progress: Watch, total: int) -> Callable[[Stats], None]:
    def tell(stats: Stats) -> None:
        progress(
            SearchProgress("random", stats.histories, total, stats.acts, stats.shortest)
        )

    return tell


def _check_options(
    *,
    steps: int,
    horizon: int,
    max_examples: int | None,
    start: dt.date | None,
    seed: int = 0,
    depth: int = 1,
    limit: int = 1,
) -> None:
    """Refuse a search option outside its limit (:mod:`govsim.limits`).

    The command line states the same ranges in its help; they are checked
    here too so that Python callers get the same refusal.
    """
    check_range("--steps", steps, 1, limits.MAX_STEPS)
    check_range("--horizon", horizon, 0, limits.MAX_HORIZON_DAYS)
    if max_examples is not None:
        check_range("--max-examples", max_examples, 1, limits.MAX_EXAMPLES)
    check_range("--seed", seed, 0, limits.MAX_SEED)
    check_range("--depth", depth, 1, limits.MAX_DEPTH)
    check_range("--limit", limit, 1, limits.MAX_LIMIT)
    if start is not None:
        limits.check_day("--start", start)


def explore(
    rulebook: BookArg | Design,
    invariants: str | Iterable[InvariantSpec],
    *,
    organisation: OrgArg = None,
    max_examples: int = 200,
    seed: int = 0,
    out: str | Path | None = None,
    acts: Sequence[str] | None = None,
    actors: Sequence[str] | int | None = None,
    steps: int = 30,
    start: dt.date | None = None,
    horizon: int = HORIZON,
    exhaustive: bool = False,
    depth: int = 2,
    limit: int = 200_000,
    details: bool = False,
    progress: Watch | None = None,
    database: str | Path | None = None,
) -> Exploration:
    """Look for a history that breaks one of ``invariants`` under a rule book.

    A random search runs the procedure machine under Hypothesis with ``seed``
    (the same arguments find the same counterexample); an exhaustive one
    tries every history of up to ``depth`` acts (see
    :func:`govsim.testing.exhaustive.search`). A counterexample is minimised,
    written as a scenario file (``out``: a file or folder), replayed, and
    only then returned.

    ``progress`` is told how far the search has gone, as each history
    begins and when a counterexample is found. ``database`` is a folder for
    Hypothesis' example database: a random search saves the history that
    broke an invariant there and tries it first next time. Without it no
    example is kept and the seed alone decides the search.
    """
    from hypothesis import Phase, settings

    from govsim.testing.driver import run

    _check_options(
        steps=steps,
        horizon=horizon,
        max_examples=max_examples,
        start=start,
        seed=seed,
        depth=depth,
        limit=limit,
    )
    design = _design(rulebook, organisation)
    chosen = choose_invariants(invariants)
    kinds = choose_kinds(acts)
    allowed = choose_actors(actors, design.organisation)
    first = start or start_day(design)
    target = Path(out) if out is not None else default_out()
    names = tuple(inv.name for inv, _ in chosen)
    if exhaustive:
        from govsim.testing.exhaustive import search

        return search(
            design,
            chosen,
            kinds=kinds,
            actors=allowed,
            start=first,
            horizon=horizon,
            depth=depth,
            limit=limit,
            details=details,
            out=target,
            progress=progress,
        )
    machine = make_machine(
        design,
        chosen,
        kinds=kinds,
        actors=allowed,
        start=first,
        horizon=horizon,
        out=target,
        max_examples=max_examples,
        steps=steps,
    )
    if progress is not None:
        machine.stats.watch = _watch_stats(progress, max_examples)
    began = time.perf_counter()
    example: Counterexample | None = None
    path: Path | None = None
    try:
        run(
            machine,
            steps=steps,
            seed=seed,
            using=settings(
                machine.TestCase.settings,
                database=_database(database, machine.__name__),
                phases=(Phase.explicit, Phase.reuse, Phase.generate)
                if database is not None
                else (Phase.explicit, Phase.generate),
                print_blob=False,
            ),
        )
    except InvariantBroken as broken:
        example, path = broken.counterexample, broken.path
    stats = machine.stats
    return Exploration(
        book=design.book.id,
        invariants=names,
        mode="random",
        histories=stats.histories,
        acts=stats.acts,
        seconds=time.perf_counter() - began,
        engine_seconds=stats.engine_seconds,
        seed=seed,
        counterexample=example,
        path=path,
    )


def _database(folder: str | Path | None, search: str) -> ExampleDatabase | None:
    """Hypothesis' example database for one search in ``folder``, or ``None``.

    Every search runs the same test function, which is what Hypothesis keys
    its examples by, so each search (the machine's name: book, organisation,
    invariants, acts and actors) keeps its own folder under ``folder``.
    """
    if folder is None:
        return None
    from hypothesis.database import DirectoryBasedExampleDatabase

    return DirectoryBasedExampleDatabase(Path(folder) / search)
