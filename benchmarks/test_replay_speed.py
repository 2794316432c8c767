"""Replay speed of the seed scenarios (run with ``pytest benchmarks/``).

Target (issue 2): replaying the disclosure week under one rule book, after
loading, takes at most 10 ms on a 2-core machine.
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
    loaded = benchmark(govsim.load_scenario, SEEDS / "2019-disclosure-week.govsim.yaml")
    assert len(loaded.rulebooks) == 3
