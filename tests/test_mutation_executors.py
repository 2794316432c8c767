"""A mutation run on every executor: the same answer, in mutant order, scenarios loaded once.

Mutants are judged through the sweep executors (serial, a process pool, a
Dask cluster); whichever runs them, and in whatever order the workers
finish, a run must give the same document. A worker keeps each scenario it
loads for every later mutant. ``--explore`` searches the mutants the
scenarios do not kill, only for invariants the book itself keeps.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import govsim
from govsim.faces.cli import app
from govsim.invariants import INVARIANTS
from govsim.model.clauses import ResolvedBook
from govsim.model.loading import LoadedScenario, load_scenario
from govsim.mutation import judging, searching
from govsim.mutation.operators import mutants
from govsim.mutation.report import run_data
from govsim.mutation.running import MutationRun, mutate
from govsim.mutation.scenarios import ScenarioSet, collect
from govsim.running import run
from govsim.sweeps.executors import open_executor

ROOT = Path(__file__).resolve().parent.parent
ISO = ROOT / "scenarios" / "iso"
BOOK = ISO / "rules" / "iso-2013-as-practised.govsim.yaml"
CASE = ISO / "2012-13-case.govsim.yaml"
OBSTRUCTION = ISO / "2013-obstruction.govsim.yaml"


@pytest.fixture(scope="module")
def book() -> ResolvedBook:
    return govsim.load_rulebook(BOOK)


@pytest.fixture(scope="module")
def case(book: ResolvedBook) -> ScenarioSet:
    return collect([CASE], book.id, BOOK)


def _document(done: MutationRun) -> dict[str, Any]:
    """The run's mutation.json without what depends on the machine."""
    data = run_data(done)
    data.pop("seconds")
    data.pop("executor")
    return data


@pytest.fixture(scope="module")
def serial(book: ResolvedBook, case: ScenarioSet) -> dict[str, Any]:
    return _document(mutate(book, BOOK, case))


# The same answer on every executor.


def test_a_process_pool_of_two_gives_the_serial_document(
    book: ResolvedBook, case: ScenarioSet, serial: dict[str, Any]
) -> None:
    with open_executor("process", workers=2) as ready:
        done = mutate(
            book, BOOK, case, executor=ready.executor, executor_name=ready.description
        )
    assert done.executor == "process pool of 2 workers"
    assert serial["counts"]["mutants"] == 23
    assert _document(done) == serial


def test_a_local_dask_cluster_of_two_gives_the_serial_document(
    book: ResolvedBook, case: ScenarioSet, serial: dict[str, Any]
) -> None:
    pytest.importorskip("distributed")
    with open_executor("dask", workers=2) as ready:
        done = mutate(
            book, BOOK, case, executor=ready.executor, executor_name=ready.description
        )
    assert "Dask cluster of 2 workers" in done.executor
    assert _document(done) == serial


class _Lazy(Future[Any]):
    """A future that, asked for its result, makes its executor finish every call."""

    def __init__(self, owner: BackwardsExecutor) -> None:
        super().__init__()
        self._owner = owner

    def result(self, timeout: float | None = None) -> Any:
        if not self.done():
            self._owner.finish()
        return super().result(timeout)


class BackwardsExecutor(Executor):
    """Holds every call until a result is wanted, then runs them last first."""

    def __init__(self) -> None:
        self.held: list[tuple[_Lazy, Callable[..., Any], tuple[Any, ...]]] = []
        self.finished: list[int] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        assert not kwargs
        future = _Lazy(self)
        self.held.append((future, fn, args))
        return future

    def finish(self) -> None:
        for i in reversed(range(len(self.held))):
            future, fn, args = self.held[i]
            if not future.done():
                future.set_result(fn(*args))
                self.finished.append(i)


def test_results_come_back_in_mutant_order_when_the_last_finishes_first(
    book: ResolvedBook, case: ScenarioSet, serial: dict[str, Any]
) -> None:
    backwards = BackwardsExecutor()
    done = mutate(book, BOOK, case, executor=backwards)
    made = mutants(book, organisation=case.organisation)
    assert backwards.finished == list(reversed(range(len(made))))
    assert [r.mutant.label for r in done.results] == [m.label for m in made]
    assert _document(done) == serial


# Each scenario loaded once per process.


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Loads of each scenario file from here on, with an empty cache."""
    loads: Counter[str] = Counter()

    def load(path: Path) -> LoadedScenario:
        loads[str(path)] += 1
        return load_scenario(path)

    monkeypatch.setattr(judging, "_LOADED", {})
    monkeypatch.setattr(judging, "load_scenario", load)
    return loads


def test_a_serial_run_loads_each_scenario_once(
    book: ResolvedBook, counted: Counter[str]
) -> None:
    chosen = collect([CASE, OBSTRUCTION], book.id, BOOK)
    done = mutate(book, BOOK, chosen, operators=["delete_clause", "drop_requirement"])
    assert len(done.results) > len(chosen.paths)
    assert sorted(counted) == sorted(chosen.paths)
    assert set(counted.values()) == {1}
    assert len(judging._LOADED) == len(chosen.paths)


_worker_loads: Counter[str] = Counter()
"""In a worker process: loads of each scenario file there."""


def _count_loads() -> None:
    """A worker's initializer: count the scenario files it loads."""

    def load(path: Path) -> LoadedScenario:
        _worker_loads[str(path)] += 1
        return load_scenario(path)

    vars(judging)["load_scenario"] = load  # in a worker this test's pool throws away


def _loads_here() -> dict[str, int]:
    return dict(_worker_loads)


def test_a_worker_loads_each_scenario_once_for_all_its_mutants(
    book: ResolvedBook,
) -> None:
    chosen = collect([CASE, OBSTRUCTION], book.id, BOOK)
    context = get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=context, initializer=_count_loads) as pool:
        done = mutate(book, BOOK, chosen, operators=["delete_clause"], executor=pool)
        loads = pool.submit(_loads_here).result()
    assert len(done.results) > 2
    assert loads == dict.fromkeys(chosen.paths, 1)


# --explore: only invariants the book keeps are searched.


def test_invariants_the_book_breaks_are_listed_and_not_searched(
    book: ResolvedBook, case: ScenarioSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    searched: list[tuple[str, ...]] = []
    real = searching.search

    def search(*args: Any) -> Any:
        searched.append(tuple(args[2]))
        return real(*args)

    monkeypatch.setattr(searching, "search", search)
    done = mutate(book, BOOK, case, operators=["widen_actors"], explore=2, seed=0)
    assert done.explore is not None
    kept, broken = done.explore.invariants, done.explore.broken_by_book
    assert broken
    assert set(kept) | set(broken) == set(INVARIANTS)
    assert not set(kept) & set(broken)
    # The book is searched first, one invariant fewer each time it breaks one
    # ...
    book_searches = searched[: len(broken) + 1]
    assert set(book_searches[0]) == set(INVARIANTS)
    assert [len(s) for s in book_searches] == list(
        range(len(INVARIANTS), len(kept) - 1, -1)
    )
    # ... then every mutant the scenarios left alive, for the kept ones only.
    mutant_searches = searched[len(broken) + 1 :]
    alive = [
        r
        for r in done.results
        if r.status != "killed" or r.killed_by[0].how == "explore"
    ]
    assert len(mutant_searches) == len(alive) > 0
    assert all(s == kept for s in mutant_searches)
    for r in done.results:
        if r.killed_by and r.killed_by[0].how == "explore":
            assert r.killed_by[0].detail.split()[0] in kept


@pytest.fixture(scope="module")
def explored(
    book: ResolvedBook, case: ScenarioSet, tmp_path_factory: pytest.TempPathFactory
) -> tuple[MutationRun, Path]:
    out = tmp_path_factory.mktemp("mutate") / "counterexamples"
    done = mutate(
        book,
        BOOK,
        case,
        operators=["widen_actors"],
        explore=10,
        seed=0,
        counterexamples=out,
    )
    return done, out


def _searched_kills(done: MutationRun) -> dict[str, str]:
    return {
        r.mutant.label: r.killed_by[0].detail
        for r in done.results
        if r.killed_by and r.killed_by[0].how == "explore"
    }


@pytest.mark.slow
def test_the_search_kills_widened_mutants_the_case_leaves_alive(
    book: ResolvedBook, case: ScenarioSet, explored: tuple[MutationRun, Path]
) -> None:
    done, out = explored
    scenarios_only = mutate(book, BOOK, case, operators=["widen_actors"])
    status = {r.mutant.label: r.status for r in scenarios_only.results}
    kills = _searched_kills(done)
    assert {"widen_actors-2.1", "widen_actors-3.1"} <= set(kills)
    for label, detail in kills.items():
        assert status[label] != "killed"
        files = list((out / label).glob("*.govsim.yaml"))
        assert len(files) == 1
        assert str(files[0]) in detail


@pytest.mark.slow
def test_a_searched_counterexample_replays_with_govsim_run(
    explored: tuple[MutationRun, Path],
) -> None:
    done, out = explored
    label = "widen_actors-2.1"
    invariant = _searched_kills(done)[label].split()[0]
    (path,) = (out / label).glob("*.govsim.yaml")
    result = CliRunner().invoke(app, ["run", str(path), "--json"])
    assert result.exit_code == 0, result.output
    assert invariant in result.output
    assert json.loads(result.output)["scenario"].startswith("counterexample-")


@pytest.mark.slow
@pytest.mark.xfail(
    strict=True,
    reason="searching.search_survivors kills a mutant by any history that "
    "breaks a kept invariant under it, without replaying that history under "
    "the book: the counterexamples for widen_actors-2.1 and -3.1 break "
    "record_continuity under iso-2013-as-practised too, whose own search "
    "(same seed, other draws) only missed it",
)
def test_a_searched_kill_is_a_history_the_book_itself_keeps(
    book: ResolvedBook, explored: tuple[MutationRun, Path]
) -> None:
    done, out = explored
    for label, detail in _searched_kills(done).items():
        invariant = detail.split()[0]
        (path,) = (out / label).glob("*.govsim.yaml")
        under_book = run(govsim.load_scenario(path), book)
        assert invariant not in {b.invariant for b in under_book.trace.breaches}
