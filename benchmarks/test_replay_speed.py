"""Replay speed of the seed scenarios (run with ``pytest benchmarks/``).

Targets: replaying the disclosure week under one rule book, after loading,
takes at most 10 ms on a 2-core machine (issue 2); loading it with its
organisation and three books, read for the first time in the process, at
most 30 ms (issue 24). Loading it again in the same process reuses the
documents already validated (govsim.documents.cache) and is measured apart.
"""

from pathlib import Path

import pytest

import govsim

SEEDS = Path(__file__).resolve().parent.parent / "scenarios" / "iso"
BOOKS = ["iso-2013-as-practised", "iso-2019-post-convention", "external-checks"]


@pytest.fixture(scope="module")
def disclosure_week() -> govsim.LoadedScenario:
    return govsim.load_scenario(SEEDS / "2019-disclosure-week.govsim.yaml")


@pytest.mark.parametrize("book", BOOKS)
def test_replay_disclosure_week(benchmark, disclosure_week, book):
    result = benchmark(govsim.run, disclosure_week, book)
    assert result.ok
    assert benchmark.stats["median"] < 0.010


def test_load_disclosure_week(benchmark):
    # Every round reads every file as if for the first time in the process.
    from govsim.documents.cache import forget_documents

    path = SEEDS / "2019-disclosure-week.govsim.yaml"
    loaded = benchmark.pedantic(
        govsim.load_scenario, args=(path,), setup=forget_documents, rounds=60
    )
    assert len(loaded.rulebooks) == 3
    assert benchmark.stats["median"] < 0.030


def test_load_disclosure_week_again(benchmark):
    # The organisation and books kept from an earlier load: only the scenario
    # itself is parsed, as for the second and later scenarios of a folder.
    path = SEEDS / "2019-disclosure-week.govsim.yaml"
    govsim.load_scenario(path)
    loaded = benchmark(govsim.load_scenario, path)
    assert len(loaded.rulebooks) == 3


def _replay(loaded, book_id, *, invariants: bool):
    """Replay only (no expectations), with every invariant or with none."""
    from govsim.engine.replay import replay
    from govsim.invariants import Monitor, choose

    s, book = loaded.scenario, loaded.rulebooks[book_id]
    monitor = Monitor(choose(s), loaded.organisation, book) if invariants else None
    return replay(
        loaded.organisation,
        book,
        loaded.acts(),
        s.events,
        start=s.start,
        end=s.end,
        monitor=monitor,
    )


def _median_seconds(func, repeat: int = 41) -> float:
    import statistics
    import time

    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        func()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


@pytest.mark.parametrize("book", BOOKS)
def test_invariants_cost_at_most_three_times_replay(benchmark, disclosure_week, book):
    """Issue 3: every invariant checked keeps the replay within 3x of none checked."""
    trace = benchmark(_replay, disclosure_week, book, invariants=True)
    assert len(trace.invariants) >= 30
    bare = _median_seconds(lambda: _replay(disclosure_week, book, invariants=False))
    ratio = benchmark.stats["median"] / bare
    benchmark.extra_info["bare_median_s"] = bare
    benchmark.extra_info["ratio"] = ratio
    assert ratio <= 3.0
