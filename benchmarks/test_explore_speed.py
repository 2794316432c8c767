"""Speed of property search (run with ``pytest benchmarks/ -s`` to see the figures).

Target (issue 4): 1,000 examples of up to 30 acts on a 20-person organisation,
every safety invariant checked after every act, within 60 s on a 2-core
machine. The run reports examples per second and how the time splits between
the engine (judging acts, checking invariants) and Hypothesis (choosing them).

The organisation and its rule book are drawn by govsim's own strategies with
a fixed random seed, so every run measures the same design.

Target (issue 24): ``govsim explore`` on the ISO 2013 book, searching for a
breach of ``self_entrenchment`` (which it does not find), at 150 examples/s
or more: 1,000 examples in under 7 s.
"""

from __future__ import annotations

import time
from pathlib import Path
from random import Random

import pytest
from hypothesis import find, settings
from hypothesis import seed as use_seed
from hypothesis.stateful import run_state_machine_as_test

from govsim.invariants import INVARIANTS, InvariantKind
from govsim.model.clauses import merge_books
from govsim.probing.trial import Design, first_day
from govsim.probing.vocabulary import FIELDS
from govsim.testing import strategies as gst
from govsim.testing.exploration import explore
from govsim.testing.machine import make_machine

EXAMPLES = int(__import__("os").environ.get("BENCH_EXAMPLES", "1000"))
STEPS = 30
PERSONS = 20
BUDGET_SECONDS = 60.0
ISO_2013 = (
    Path(__file__).resolve().parent.parent
    / "scenarios/iso/rules/iso-2013-as-practised.govsim.yaml"
)
TARGET_EXAMPLES_PER_SECOND = 150.0


def _design() -> Design:
    quiet = settings(database=None, max_examples=50)
    org = find(
        gst.organisations(min_persons=PERSONS, max_persons=PERSONS),
        lambda o: len(o.bodies) >= 6,
        settings=quiet,
        random=Random(4),
    )
    book = find(
        gst.rulebooks(org),
        lambda b: len(b.clauses) >= 10,
        settings=quiet,
        random=Random(4),
    )
    return Design(org, merge_books(book, None), document=book)


@pytest.mark.slow
def test_a_thousand_examples_with_every_safety_invariant_within_a_minute() -> None:
    design = _design()
    safety = [
        (inv, {})
        for inv in sorted(INVARIANTS.values(), key=lambda i: i.number)
        if inv.kind is InvariantKind.SAFETY
    ]
    machine = make_machine(
        design,
        safety,
        kinds=tuple(FIELDS),
        actors=None,
        start=first_day(design),
        max_examples=EXAMPLES,
        steps=STEPS,
    )

    class Measured(machine):  # type: ignore[misc,valid-type]  # a class procedure_machine makes at run time
        """Checks every safety invariant after every act but keeps going after a
        breach, so every example runs its full length."""

        def _check(self, breaches: object) -> None:
            return

    began = time.perf_counter()
    run_state_machine_as_test(
        use_seed(0)(Measured),
        settings=settings(Measured.TestCase.settings, database=None),
    )
    elapsed = time.perf_counter() - began
    stats = Measured.stats
    share = stats.engine_seconds / elapsed
    print(
        f"\n{stats.histories} examples, {stats.acts} acts "
        f"({stats.acts / stats.histories:.1f} per example) in {elapsed:.1f} s: "
        f"{stats.histories / elapsed:.0f} examples/s, {stats.acts / elapsed:.0f} acts/s; "
        f"engine and {len(safety)} invariants {share:.0%}, generation {1 - share:.0%}"
    )
    assert stats.histories >= EXAMPLES
    assert elapsed < BUDGET_SECONDS


@pytest.mark.slow
@pytest.mark.xfail(
    strict=False,
    reason="measured 58-69 examples/s on 6 December 2026 (2 cores, shared; "
    "1,000 examples, 33,080 acts, in 14.5-17.2 s, against 48.7-52.5 s before "
    "issue 24's generation work): the engine alone, judging the acts and "
    "checking the invariant, takes 6.5-7.9 s of it, so even free generation "
    "would not reach 150; the rest is Hypothesis drawing ~6 integers an act",
)
def test_the_iso_2013_self_entrenchment_search_runs_150_examples_a_second(
    tmp_path: Path,
) -> None:
    began = time.perf_counter()
    found = explore(
        ISO_2013, ["self_entrenchment"], max_examples=EXAMPLES, out=tmp_path
    )
    elapsed = time.perf_counter() - began
    rate = found.histories / elapsed
    share = found.engine_seconds / elapsed
    print(
        f"\nself_entrenchment under iso-2013-as-practised: {found.histories} "
        f"examples, {found.acts} acts in {elapsed:.1f} s: {rate:.0f} examples/s; "
        f"engine {share:.0%}, generation and Hypothesis {1 - share:.0%}"
    )
    assert not found.found
    assert found.histories >= EXAMPLES
    assert rate >= TARGET_EXAMPLES_PER_SECOND
