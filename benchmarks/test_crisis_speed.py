"""The crisis model: govsim against a hand-written SimPy version, and at scale.

Targets (issues 6 and 24): govsim's runs per second at least half the
reference's; 100,000 members in 2,000 branches over one simulated year at
most 10 times the time of 10,000 in 200 for as many acts, within 1 GiB of
peak memory. Run with ``pytest benchmarks/test_crisis_speed.py -s``; RUNS
sets the number of runs.
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


def _interleaved(runs: int, block: int = 20) -> tuple[float, float, float, list, list]:
    """Runs per second of govsim and of the reference, measured in turns.

    The machines this runs on drift in speed by a third within a minute, so
    timing all of govsim's runs and then all of the reference's compares two
    different machines. Blocks of ``block`` seeds alternate instead, and the
    ratio is the median of the blocks' ratios.
    """
    model = load_model(MODEL)
    for seed in range(5):  # caches: member ids, clause sets, imports
        model.run(BOOK, seed=seed)
        run_reference(seed)
    ours_rows: list[dict] = []
    their_rows: list[dict] = []
    ours_rates, their_rates, ratios = [], [], []
    for start in range(0, runs, block):
        seeds = range(start, min(start + block, runs))
        began = time.perf_counter()
        ours_rows += [model.run(BOOK, seed=s) for s in seeds]
        ours = len(seeds) / (time.perf_counter() - began)
        began = time.perf_counter()
        their_rows += [run_reference(s) for s in seeds]
        theirs = len(seeds) / (time.perf_counter() - began)
        ours_rates.append(ours)
        their_rates.append(theirs)
        ratios.append(ours / theirs)
    return (
        statistics.median(ours_rates),
        statistics.median(their_rates),
        statistics.median(ratios),
        ours_rows,
        their_rows,
    )


@pytest.mark.xfail(
    reason=(
        "target not met: govsim reaches about 0.3 of the reference's runs per "
        "second (medians 0.29-0.35 on 2 cores, 2026-12-06); judging ~178 acts "
        "costs ~8.8 ms of a run's ~17.6 ms and the simulation around it ~8.8 ms, "
        "where the whole reference takes ~5.5 ms (see the note of issue 24)"
    ),
    strict=False,
)
def test_govsim_runs_at_least_half_as_fast_as_the_simpy_reference(benchmark):
    ours, theirs, ratio, our_rows, their_rows = _interleaved(RUNS)
    for name in ("proposals", "voters"):
        a = statistics.median(r[name] for r in our_rows)
        b = statistics.median(r[name] for r in their_rows)
        assert abs(a - b) <= 0.1 * b, f"the two models differ on {name}: {a} vs {b}"
    benchmark.extra_info.update(
        govsim_runs_per_s=ours, reference_runs_per_s=theirs, ratio=ratio
    )
    model = load_model(MODEL)
    benchmark.pedantic(model.run, args=(BOOK,), kwargs={"seed": 0}, rounds=20)
    print(
        f"\ngovsim {ours:.1f} runs/s, reference {theirs:.1f} runs/s, "
        f"median ratio {ratio:.2f}"
    )
    assert ratio >= 0.5


def _year(model, members: int, branches: int, repeats: int) -> tuple[float, int]:
    params = {
        "population.members": members,
        "population.branches": branches,
        # A year of daily steps for the whole membership from the convention on.
        "members.active_from": "2018-04-19",
    }
    # The best of a few: the first run of a size also fills caches (member
    # ids, clause sets), and a garbage collection may or may not fall in it.
    times, acts = [], 0
    for _ in range(repeats):
        start = time.perf_counter()
        acts = int(model.run(BOOK, params=params, seed=1)["acts"])
        times.append(time.perf_counter() - start)
    return min(times), acts


def test_a_hundred_thousand_members_cost_at_most_ten_times_ten_thousand():
    model = load_model(MODEL)
    small, small_acts = _year(model, 10_000, 200, repeats=5)
    large, large_acts = _year(model, 100_000, 2_000, repeats=3)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    more_acts = large_acts / small_acts
    print(
        f"\n10k/200: {small:.2f} s, {small_acts} acts; 100k/2000: {large:.2f} s, "
        f"{large_acts} acts ({large / small:.1f}x the time, {more_acts:.1f}x the "
        f"acts); peak {peak_mib:.0f} MiB"
    )
    # Ten times the members take ten times the acts or, as members' leaving
    # spreads further in larger branches, a little more: the time may grow
    # with the acts, never faster.
    assert large <= 10 * small * max(1.0, more_acts / 10)
    assert peak_mib <= 1024
