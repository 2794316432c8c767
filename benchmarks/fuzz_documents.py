"""The long document fuzz run: thousands of mutants of every file under scenarios/.

Issue 17 closes when at least 3,000 mutants of the seed documents, each through
``govsim check`` and the command that uses it (``run``, or ``sweep --runs
1``), give no traceback, no hang, and a position on every refusal. The test
suite runs a bounded number of them (tests/test_fuzz.py); this driver runs
as many as asked, the same number of each file, split over worker
processes, and prints the count of each outcome::

    python benchmarks/fuzz_documents.py --mutants 3000 --workers 2

Every mutant that breaks the contract, or that ``check`` accepts and ``run``
refuses, is kept in ``--keep`` (its text, and what each command did), to
replay with ``govsim check`` and ``run`` in a copy of scenarios/. The
mutants come from Hypothesis (tests/mutation.py), seeded: the same
``--seed``, ``--mutants`` and Hypothesis version make the same mutants.
Exits 1 when a mutant gave a traceback, a hang, an unpositioned refusal or
a sweep whose runs failed.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1] / "tests"
sys.path.insert(0, str(TESTS))


def _worker(
    index: int, share: list[tuple[str, int]], seed: int, limit: float, keep: str
) -> dict[str, int]:
    """Mutate each seed file of ``share`` its number of times, in a tree of its own."""
    from fuzz_harness import Outcome, Tree, Trial, try_mutant
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hypothesis_seed
    from hypothesis import strategies as st
    from mutation import Mutant, mutants, seeds

    tally: Counter[str] = Counter()
    kept = Path(keep)
    started = time.monotonic()

    def record(trial: Trial) -> None:
        tally["mutants"] += 1
        tally[trial.outcome.name] += 1
        tally[f"file:{trial.mutant.seed.rel}"] += 1
        if any(c.args[0] == "run" and c.exit_code == 1 for c in trial.commands):
            tally["run exit 1"] += 1
        if trial.disagreement:
            tally["DISAGREEMENT"] += 1
        if trial.sweep_disagreement:
            tally["SWEEP DISAGREEMENT"] += 1
        if trial.outcome >= Outcome.UNPOSITIONED or trial.disagreement:
            tally["kept"] += 1
            name = f"w{index}-{tally['kept']:04d}-{trial.outcome.name.lower()}"
            kept.mkdir(parents=True, exist_ok=True)
            suffix = "".join(trial.mutant.seed.rel.suffixes)
            (kept / f"{name}{suffix}").write_text(trial.mutant.text, encoding="utf-8")
            (kept / f"{name}.txt").write_text(trial.report(), encoding="utf-8")
        if tally["mutants"] % 100 == 0:
            rate = tally["mutants"] / (time.monotonic() - started)
            print(
                f"  worker {index}: {tally['mutants']} mutants ({rate:.2f}/s)",
                file=sys.stderr,
                flush=True,
            )

    by_rel = {str(s.rel): s for s in seeds()}
    with tempfile.TemporaryDirectory(prefix=f"govsim-fuzz-{index}-") as where:
        tree = Tree.make(Path(where))
        for number, (rel, count) in enumerate(share):

            @hypothesis_seed(seed * 1000 + number * 2 + index)
            @settings(
                max_examples=count,
                deadline=None,
                database=None,
                phases=[Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            @given(mutants(chosen=(by_rel[rel],)), st.integers(0, 63))
            def one(mutant: Mutant, user: int) -> None:
                record(try_mutant(mutant, tree, user, limit))

            one()
    return dict(tally)


def main() -> int:
    """Parse the options, run the workers, print the tally."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutants", type=int, default=3000, help="at least this many")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--limit", type=float, default=30.0, help="seconds per command")
    parser.add_argument("--keep", default="artifacts/fuzz", help="where failures go")
    options = parser.parse_args()

    from mutation import seeds

    files = [str(s.rel) for s in seeds()]
    each = -(-options.mutants // len(files))  # every file as often: round up
    shares: list[list[tuple[str, int]]] = [[] for _ in range(options.workers)]
    for i, rel in enumerate(files):
        shares[i % options.workers].append((rel, each))
    started = time.monotonic()
    jobs = [
        (i, share, options.seed, options.limit, options.keep)
        for i, share in enumerate(shares)
    ]
    with multiprocessing.get_context("spawn").Pool(options.workers) as pool:
        tallies = pool.starmap(_worker, jobs)
    total: Counter[str] = Counter()
    for tally in tallies:
        total.update(tally)
    elapsed = time.monotonic() - started

    covered = sum(1 for rel in files if total[f"file:{rel}"])
    least = min(total[f"file:{rel}"] for rel in files)
    print(f"mutants:                    {total['mutants']}")
    print(
        f"files under scenarios/:     {covered} of {len(files)}, each mutated"
        f" {least} times or more"
    )
    print(
        f"accepted:                   {total['ACCEPTED']}"
        f" (of which run exit 1: {total['run exit 1']})"
    )
    print(f"refused with positions:     {total['REFUSED']}")
    print(f"refused without position:   {total['UNPOSITIONED']}")
    print(f"sweeps with failed runs:    {total['FAILED_RUNS']}")
    print(f"tracebacks:                 {total['TRACEBACK']}")
    print(f"hangs:                      {total['HANG']}")
    print(f"check ok, then run refused: {total['DISAGREEMENT']}")
    print(f"check ok, then sweep refused a sweep spec: {total['SWEEP DISAGREEMENT']}")
    print(f"time:                       {elapsed:.0f} s with {options.workers} workers")
    if total["kept"]:
        print(f"mutants kept for replay in {options.keep}/")
    failed = sum(
        total[name] for name in ("UNPOSITIONED", "FAILED_RUNS", "TRACEBACK", "HANG")
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
