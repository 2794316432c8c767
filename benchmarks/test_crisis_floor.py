"""The crisis model against the hand-written SimPy reference and the floor.

The floor (floor_crisis.py) does, for each seed, as many acts as the govsim
run judges, each a function call building a frozen record with its reasons,
over as many SimPy events as the run schedules, and nothing else: the limit
of Python itself for that work. The bare floor makes the same records with
no clock. No target: the figures say how far govsim is from the reference
and from the floor, side by side in one run. Run with
``pytest benchmarks/test_crisis_floor.py --benchmark-only -s``; RUNS sets
the number of runs.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("numpy")

from govsim.simulation import load_model

sys.path.insert(0, str(Path(__file__).parent))
from floor_crisis import Counts, count_events, count_run, run_bare, run_floor
from reference_crisis import run_reference

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "scenarios" / "crisis" / "iso-2019.model.yaml"
BOOK = "iso-2019-post-convention"
RUNS = int(os.environ.get("RUNS", "200"))
BLOCK = 20


def _rate(calls: list[Callable[[], object]]) -> float:
    began = time.perf_counter()
    for call in calls:
        call()
    return len(calls) / (time.perf_counter() - began)


def test_govsim_reference_and_floor_side_by_side(benchmark: Any) -> None:
    model = load_model(MODEL)

    def ours(seed: int) -> Callable[[], dict[str, Any]]:
        return partial(model.run, BOOK, seed=seed)

    # What each seed's govsim run does, counted in a pass of its own: the
    # counting wraps SimPy and the engine, so it is never timed.
    counts: list[Counts] = [count_run(ours(s)) for s in range(RUNS)]
    for seed, c in enumerate(counts):
        assert len(run_floor(c)) == c.acts, seed
        assert count_events(partial(run_floor, c)) == c.events, seed
        assert len(run_bare(c)) == c.acts, seed
    reference_acts = [int(str(run_reference(s)["acts"])) for s in range(RUNS)]

    for seed in range(5):  # caches: member ids, clause sets, imports
        model.run(BOOK, seed=seed)
        run_reference(seed)
        run_floor(counts[seed])
    # Blocks of seeds in turns, as in test_crisis_speed.py: the machine's
    # speed drifts within a minute, so each ratio compares one block's rates.
    rates: dict[str, list[float]] = {
        "govsim": [],
        "reference": [],
        "floor": [],
        "bare": [],
    }
    to_reference, to_floor, to_bare = [], [], []
    for start in range(0, RUNS, BLOCK):
        seeds = range(start, min(start + BLOCK, RUNS))
        g = _rate([ours(s) for s in seeds])
        r = _rate([partial(run_reference, s) for s in seeds])
        f = _rate([partial(run_floor, counts[s]) for s in seeds])
        b = _rate([partial(run_bare, counts[s]) for s in seeds])
        for name, rate in zip(rates, (g, r, f, b), strict=True):
            rates[name].append(rate)
        to_reference.append(g / r)
        to_floor.append(g / f)
        to_bare.append(g / b)

    median = {name: statistics.median(v) for name, v in rates.items()}
    acts = statistics.median(c.acts for c in counts)
    reasons = sum(c.reasons for c in counts) / max(1, sum(c.acts for c in counts))
    events = statistics.median(c.events for c in counts)
    figures = {
        **{f"{name}_runs_per_s": rate for name, rate in median.items()},
        "govsim_over_reference": statistics.median(to_reference),
        "govsim_over_floor": statistics.median(to_floor),
        "govsim_over_bare": statistics.median(to_bare),
        "acts_per_run": acts,
        "reasons_per_act": reasons,
        "simpy_events_per_run": events,
        "reference_acts_per_run": statistics.median(reference_acts),
    }
    benchmark.extra_info.update(figures)
    typical = min(counts, key=lambda c: abs(c.acts - acts))
    benchmark.pedantic(run_floor, args=(typical,), rounds=50)
    print(
        f"\n{RUNS} runs, median of blocks of {BLOCK}: "
        f"govsim {median['govsim']:.1f} runs/s, "
        f"reference {median['reference']:.1f}, "
        f"floor (SimPy + records) {median['floor']:.1f}, "
        f"bare records {median['bare']:.1f}"
        f"\ngovsim/reference {figures['govsim_over_reference']:.3f}, "
        f"govsim/floor {figures['govsim_over_floor']:.3f}, "
        f"govsim/bare {figures['govsim_over_bare']:.3f}"
        f"\nper govsim run (median): {acts:g} acts judged, "
        f"{reasons:.2f} reasons an act, {events:g} SimPy events; "
        f"the reference logs {figures['reference_acts_per_run']:g} acts"
    )
    # The floor does a govsim run's acts and events with nothing judged, so
    # it must be faster; were it not, it would not be a floor.
    assert figures["govsim_over_floor"] < 1
    assert median["floor"] <= median["bare"]
