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
from govsim.mutation.running import MutationRun, judge_mutants
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
    return _document(judge_mutants(book, BOOK, case))


# The same answer on every executor.


def test_a_process_pool_of_two_gives_the_serial_document(
    book: ResolvedBook, case: ScenarioSet, serial: dict[str, Any]
) -> None:
    with open_executor("process", workers=2) as ready:
        done = judge_mutants(
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
        done = judge_mutants(
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
    """Holds every call until a result is wanted, then runs those held last first."""

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
    done = judge_mutants(book, BOOK, case, executor=backwards)
    made = mutants(book, organisation=case.organisation)
    # The runner keeps a window of mutants in flight; each window finishes backwards.
    assert sorted(backwards.finished) == list(range(len(made)))
    assert backwards.finished[0] > backwards.finished[1] > 0
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
    done = judge_mutants(
        book, BOOK, chosen, operators=["delete_clause", "drop_requirement"]
    )
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
        done = judge_mutants(
            book, BOOK, chosen, operators=["delete_clause"], executor=pool
        )
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
    done = judge_mutants(
        book, BOOK, case, operators=["widen_actors"], explore=2, seed=0
    )
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


EXTERNAL = ISO / "rules" / "external-checks.govsim.yaml"


@pytest.fixture(scope="module")
def explored(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[ResolvedBook, MutationRun, Path]:
    """external-checks with each clause deleted, judged by the 2012-13 case and
    searched five examples each."""
    book = govsim.load_rulebook(EXTERNAL)
    out = tmp_path_factory.mktemp("mutate") / "counterexamples"
    done = judge_mutants(
        book,
        EXTERNAL,
        collect([CASE], book.id, EXTERNAL),
        operators=["delete_clause"],
        explore=5,
        seed=0,
        counterexamples=out,
    )
    return book, done, out


def _searched_kills(done: MutationRun) -> dict[str, str]:
    return {
        r.mutant.label: r.killed_by[0].detail
        for r in done.results
        if r.killed_by and r.killed_by[0].how == "explore"
    }


def _kills_on_histories_the_book_keeps(
    book: ResolvedBook, done: MutationRun, out: Path
) -> None:
    """Each searched kill's history breaks its invariant under the mutant only."""
    for label, detail in _searched_kills(done).items():
        invariant = detail.split()[0]
        (path,) = (out / label).glob("*.govsim.yaml")
        assert detail.endswith(f"({path})")
        history = govsim.load_scenario(path)
        under_mutant = run(history, history.rulebooks[book.id])
        under_book = run(history, book)
        assert invariant in {b.invariant for b in under_mutant.trace.breaches}
        assert invariant not in {b.invariant for b in under_book.trace.breaches}


def test_the_search_kills_a_deleted_clause_the_case_never_consults(
    explored: tuple[ResolvedBook, MutationRun, Path],
) -> None:
    """E8 (external appeals and audits) gone, a case may have no outside reviewer."""
    book, done, _ = explored
    case = collect([CASE], book.id, EXTERNAL)
    scenarios_only = judge_mutants(book, EXTERNAL, case, operators=["delete_clause"])
    status = {r.mutant.label: r.status for r in scenarios_only.results}
    assert status["delete_clause-E8"] == "equivalent"
    kills = _searched_kills(done)
    assert kills["delete_clause-E8"].startswith("external_check broken")
    assert all(status[label] != "killed" for label in kills)
    assert done.explore is not None
    assert "external_check" in done.explore.invariants


def test_a_searched_counterexample_replays_with_govsim_run(
    explored: tuple[ResolvedBook, MutationRun, Path],
) -> None:
    _, _, out = explored
    (path,) = (out / "delete_clause-E8").glob("*.govsim.yaml")
    result = CliRunner().invoke(app, ["run", str(path), "--json"])
    assert result.exit_code == 0, result.output
    assert "external_check" in result.output
    assert json.loads(result.output)["scenario"].startswith("counterexample-")


def test_a_process_pool_searches_as_this_process_does(
    explored: tuple[ResolvedBook, MutationRun, Path], tmp_path: Path
) -> None:
    book, serial_run, serial_out = explored
    with open_executor("process", workers=2) as ready:
        done = judge_mutants(
            book,
            EXTERNAL,
            collect([CASE], book.id, EXTERNAL),
            operators=["delete_clause"],
            explore=5,
            seed=0,
            executor=ready.executor,
            counterexamples=tmp_path,
        )
    pooled = json.dumps(_document(done)).replace(str(tmp_path), "OUT")
    serial = json.dumps(_document(serial_run)).replace(str(serial_out), "OUT")
    assert "OUT/delete_clause-E8/" in pooled
    assert pooled == serial


def test_a_searched_kill_is_a_history_the_book_itself_keeps(
    explored: tuple[ResolvedBook, MutationRun, Path],
) -> None:
    book, done, out = explored
    assert _searched_kills(done)
    _kills_on_histories_the_book_keeps(book, done, out)


@pytest.mark.slow
def test_widened_mutants_are_not_killed_by_what_the_book_breaks_too(
    book: ResolvedBook, case: ScenarioSet, tmp_path: Path
) -> None:
    """iso-2013-as-practised's widened 2.1 and 3.1 were once 'killed' by
    record_continuity on histories that break it under the book as well."""
    done = judge_mutants(
        book,
        BOOK,
        case,
        operators=["widen_actors"],
        explore=10,
        seed=0,
        counterexamples=tmp_path,
    )
    kills = _searched_kills(done)
    for label in ("widen_actors-2.1", "widen_actors-3.1"):
        assert not kills.get(label, "").startswith("record_continuity")
    _kills_on_histories_the_book_keeps(book, done, tmp_path)
