"""A fuzz test of the documents: mutants of every seed file, accepted or refused with a position.

Hypothesis changes a document from scenarios/ (tests/mutation.py: keys
deleted or added, types swapped, references broken or redirected, impossible
and extreme dates, duplicated ids, cycles, unicode, empty lists, huge and
negative numbers, text cut short) and tests/fuzz_harness.py runs it through
``govsim check`` and the command that uses it. The contract: exit 0 or 1, or
exit 2 with ``file:line:col:`` on every problem; never a traceback, never a
hang.

The default run tries a bounded, derandomised sample, so CI is deterministic
and quick; ``pytest -m slow tests/test_fuzz.py`` tries many more, and
``python benchmarks/fuzz_documents.py`` thousands, over two processes.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from fuzz_harness import Hang, Outcome, Tree, Trial, judge_lines, time_limit, try_mutant
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mutation import KINDS, Mutant, Seed, dump, mutants, seeds

from govsim.documents import parse_yaml

DEFAULT_EXAMPLES = 40
"""Mutants in the default run: about a second each (check, then run)."""
SLOW_EXAMPLES = 600


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Tree:
    """One copy of scenarios/ for the module; each mutant is put back after use."""
    return Tree.make(tmp_path_factory.mktemp("fuzz"))


def _holds(trial: Trial) -> bool:
    """Accepted or refused with positions, and check refuses what run refuses."""
    return trial.outcome <= Outcome.REFUSED and not trial.disagreement


@settings(
    max_examples=DEFAULT_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutant=mutants(), user=st.integers(0, 63))
def test_a_mutant_is_accepted_or_refused_with_a_position(
    tree: Tree, mutant: Mutant, user: int
) -> None:
    trial = try_mutant(mutant, tree, user)
    assert _holds(trial), trial.report()


@pytest.mark.slow
@settings(  # not derandomised: each slow run tries other mutants
    max_examples=SLOW_EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutant=mutants(), user=st.integers(0, 63))
def test_many_mutants_are_accepted_or_refused_with_a_position(
    tree: Tree, mutant: Mutant, user: int
) -> None:
    trial = try_mutant(mutant, tree, user)
    assert _holds(trial), trial.report()


# -- the harness itself -----------------------------------------------------


def _one_of_each_kind(all_seeds: tuple[Seed, ...]) -> list[Any]:
    """Every seed, the first of each kind in the default run and the rest slow."""
    first = {kind: next(s for s in all_seeds if s.kind == kind) for kind in KINDS}
    return [
        pytest.param(
            seed,
            id=str(seed.rel),
            marks=() if seed in first.values() else pytest.mark.slow,
        )
        for seed in all_seeds
    ]


@pytest.mark.parametrize("seed", _one_of_each_kind(seeds()))
def test_a_seed_dumped_back_reads_as_the_same_document(seed: Seed) -> None:
    """Mutants start from the seeds as the dumper writes them: unchanged, they read the same."""
    assert parse_yaml(dump(seed.data), "seed")[0] == seed.data


def test_a_refusal_must_give_a_position_on_every_problem() -> None:
    path = __file__
    assert judge_lines(f"{path}:3:1: acts.0: unknown key\n") == []
    # A message quoting text with a line feed runs on to the next line.
    assert judge_lines(f"{path}:3:1: unknown person 'a\nb'\n") == []
    assert judge_lines("error: no act 'x' in scenario s\n") == [
        "error: no act 'x' in scenario s"
    ]
    assert judge_lines("<data>: acts.0: unknown key\n") == [
        "<data>: acts.0: unknown key"
    ]
    assert judge_lines(f"{path}:0:1: bad\n") == [f"{path}:0:1: bad"]
    assert judge_lines(f"{path}:2:2: a\nerror: b\n") == ["error: b"]


def test_a_command_past_its_time_limit_is_a_hang() -> None:
    with pytest.raises(Hang), time_limit(0.05):
        time.sleep(2)
