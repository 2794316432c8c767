"""A mutation run: every mutant of a book judged by the book's scenarios.

:func:`mutate` finds the book and its scenarios; :func:`judge_mutants`
loads the scenarios once, replays them under the book for the
baseline (and the clause coverage), makes the mutants, hands each to the
executor (:func:`govsim.mutation.judging.replay_summaries` in a worker) and
classifies what comes back, in the order the mutants were made whatever
order the workers finish in. With ``explore``, every mutant the scenarios
did not kill is also searched for a history that breaks an invariant the
book keeps (:mod:`govsim.mutation.searching`).
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field
from pathlib import Path

from govsim.errors import UsageError
from govsim.extras import need
from govsim.model.clauses import ResolvedBook
from govsim.model.rulebook import RuleBook
from govsim.mutation.classify import MutantResult, classify
from govsim.mutation.coverage import Coverage, cover
from govsim.mutation.judging import Summary, replay_summaries, replay_traces
from govsim.mutation.operators import Mutant, choose_operators, mutants
from govsim.mutation.scenarios import ScenarioSet

__all__ = [
    "ExploreSettings",
    "MutationRun",
    "check_score",
    "judge_mutants",
    "mutate",
]

Progress = Callable[[int, int], None]
"""Told (mutants judged, mutants in all) as the run goes."""


@dataclass(frozen=True)
class ExploreSettings:
    """The bounded property search tried on each mutant the scenarios did not kill."""

    examples: int
    seed: int
    invariants: tuple[str, ...]
    """The invariants searched: those the book keeps in the same search."""
    broken_by_book: tuple[str, ...]
    """Invariants a search breaks under the book itself: no use for killing."""


@dataclass
class MutationRun:
    """Everything a mutation run found, in the order the mutants were made."""

    book: ResolvedBook
    book_file: Path
    scenarios: ScenarioSet
    operators: tuple[str, ...]
    results: list[MutantResult]
    coverage: Coverage
    seconds: float = 0.0
    executor: str = "serial (this process)"
    explore: ExploreSettings | None = None
    min_score: float | None = None
    baseline: list[Summary] = field(default_factory=list, repr=False)

    def count(self, status: str) -> int:
        """How many mutants ended with this status."""
        return sum(r.status == status for r in self.results)

    @property
    def score(self) -> float | None:
        """Killed over killed and survived (equivalent mutants left out); None if none."""
        decided = self.count("killed") + self.count("survived")
        return None if decided == 0 else self.count("killed") / decided

    @property
    def passed(self) -> bool:
        """Whether the score reaches ``min_score`` (always, without a gate)."""
        if self.min_score is None:
            return True
        return self.score is not None and self.score >= self.min_score

    def unmet_by_book(self) -> list[tuple[str, str]]:
        """(scenario, expectation) already unmet under the book: they cannot kill."""
        return [
            (s.scenario, description)
            for s in self.baseline
            for description, met, _ in s.expectations
            if not met
        ]

    def survivors(self) -> list[MutantResult]:
        """The mutants that survived, in order."""
        return [r for r in self.results if r.status == "survived"]


def check_score(value: float | None) -> None:
    """Refuse a minimum score outside 0-1."""
    if value is not None and not 0 <= value <= 1:
        raise UsageError(
            f"--min-score {value}: a score is a share between 0 and 1 (0.8 for 80%)"
        )


def judge_mutants(
    book: ResolvedBook,
    book_file: Path,
    scenarios: ScenarioSet,
    *,
    operators: Sequence[str] | None = None,
    executor: Executor | None = None,
    executor_name: str = "serial (this process)",
    explore: int = 0,
    seed: int = 0,
    min_score: float | None = None,
    counterexamples: Path | None = None,
    progress: Progress | None = None,
) -> MutationRun:
    """Make every mutant of ``book`` and judge it by ``scenarios``.

    Args:
        book: the book (its ``extends`` chain merged).
        book_file: where it was read from, for reports.
        scenarios: the scenarios that use it (:func:`govsim.mutation.scenarios.collect`).
        operators: operator names (default: every registered one).
        executor: where mutants are replayed (default: this process).
        executor_name: the executor in words, for reports.
        explore: examples of a property search per mutant the scenarios
            did not kill (0: none).
        seed: the search's seed.
        min_score: the score below which the run fails, for a CI gate.
        counterexamples: a folder for the histories a search finds.
        progress: told how many mutants are judged as they come back.

    Raises:
        UsageError: an unknown operator, a score outside 0-1, or a search
            asked for without Hypothesis (the ``testing`` extra).
    """
    from govsim.sweeps.executors import SerialExecutor

    check_score(min_score)
    if explore:
        need("hypothesis", "testing", "a mutation run's property search (explore)")
    names = tuple(o.name for o in choose_operators(operators))
    began = time.perf_counter()
    flat = book.document()
    paths = scenarios.paths
    replayed = replay_traces(flat, paths)
    broken = [s for s, _ in replayed if s.error is not None]
    if broken:
        raise UsageError(
            f"scenario {broken[0].scenario} cannot be replayed under rule book "
            f"{book.id} itself: {broken[0].error}"
        )
    baseline = [s for s, _ in replayed]
    traces = [(s.scenario, t) for s, t in replayed if t is not None]
    made = mutants(book, operators=names, organisation=scenarios.organisation)
    pool = executor or SerialExecutor()
    results = [
        classify(mutant, baseline, got)
        for mutant, got in _judged(pool, made, flat, paths, progress)
    ]
    settings = None
    if explore:
        from govsim.mutation.searching import search_survivors

        searched, results = search_survivors(
            flat,
            scenarios.organisation,
            results,
            examples=explore,
            seed=seed,
            executor=pool,
            out=counterexamples,
        )
        settings = ExploreSettings(*searched)
    return MutationRun(
        book=book,
        book_file=book_file,
        scenarios=scenarios,
        operators=names,
        results=results,
        coverage=cover(book, traces),
        seconds=time.perf_counter() - began,
        executor=executor_name,
        explore=settings,
        min_score=min_score,
        baseline=baseline,
    )


def _judged(
    pool: Executor,
    made: list[Mutant],
    flat: RuleBook,
    paths: tuple[str, ...],
    progress: Progress | None,
) -> Iterator[tuple[Mutant, list[Summary]]]:
    """Each mutant with its summaries, in order; a few submitted ahead at a time.

    Keeping only a window of mutants in flight bounds what waits in memory,
    and lets this process's own executor judge each as it is asked for, so
    a progress bar moves with the work.
    """
    from govsim.sweeps.executors import window_for

    todo = iter(made)
    pending: deque[tuple[Mutant, Future[list[Summary]]]] = deque()

    def submit() -> None:
        mutant = next(todo, None)
        if mutant is not None:
            pending.append(
                (mutant, pool.submit(replay_summaries, mutant.apply(flat), paths))
            )

    for _ in range(window_for(pool)):
        submit()
    done = 0
    while pending:
        mutant, future = pending.popleft()
        got = future.result()
        submit()
        done += 1
        if progress is not None:
            progress(done, len(made))
        yield mutant, got


def mutate(
    book: str | Path,
    scenarios: Sequence[str | Path],
    *,
    operators: Sequence[str] | None = None,
    explore: int = 0,
    seed: int = 0,
    executor: Executor | None = None,
    min_score: float | None = None,
) -> MutationRun:
    """Mutate a rule book and judge every mutant by the scenarios that use it.

    The public entry point (``govsim.mutate``); ``govsim mutate`` is this
    with a report.

    Args:
        book: the rule book's file, or its id (found as ``govsim lint``
            finds books, docs/finding-books.md).
        scenarios: scenario files that list the book, and folders searched
            for such scenarios.
        operators: operator names (default: every registered one).
        explore: examples of a property search per mutant not killed.
        seed: the search's seed.
        executor: where mutants are judged (default: this process).
        min_score: the score the run must reach to pass.

    Example:
        >>> import govsim  # doctest: +SKIP
        >>> run = govsim.mutate("external-checks", ["scenarios/iso"])  # doctest: +SKIP
        >>> run.survivors()[0].mutant.description  # doctest: +SKIP
        'lower the threshold for sanction in clause E4 from 2/3 to majority'

    Raises:
        UsageError: an unknown operator, a score outside 0-1, no scenario
            using the book, or a named file that is not one.
        DocumentError: a book or scenario with problems (file:line:col).
    """
    from govsim.documents.finding import find_rulebook
    from govsim.model.loading import load_rulebook
    from govsim.mutation.scenarios import collect

    path = find_rulebook(book)
    resolved = load_rulebook(path)
    chosen = collect([Path(p) for p in scenarios], resolved.id, path)
    return judge_mutants(
        resolved,
        path,
        chosen,
        operators=operators,
        executor=executor,
        explore=explore,
        seed=seed,
        min_score=min_score,
    )
