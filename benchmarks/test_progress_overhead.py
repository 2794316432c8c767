"""What ``govsim explore``'s progress bar costs (run with ``pytest benchmarks/ -s``).

Target (issue 19): no measurable slowdown, read as the median rate with the
bar drawn at least 0.9 times the median without it. The exhaustive search is
the demanding case: it reports about a thousand histories a second, against
a few examples a second for a random search. The bar draws on a terminal
console writing to memory, so rich does all the work it does on a real one.
Runs alternate with and without the bar, so load from other processes falls
on both.
"""

from __future__ import annotations

import io
import statistics
import time
from pathlib import Path

from rich.console import Console

from govsim.faces.progress import search_bar
from govsim.testing import explore

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "scenarios" / "iso" / "rules" / "external-checks.govsim.yaml"
SMALL = ROOT / "scenarios" / "explore" / "iso-small.govsim.yaml"
ROUNDS = 5
TARGET = 0.9


def _rate(show: bool, out: Path) -> float:
    err = Console(file=io.StringIO(), force_terminal=True, width=100)
    with search_bar(err, show) as bar:
        began = time.perf_counter()
        found = explore(
            BOOK,
            ["no_executive_override"],
            organisation=SMALL,
            exhaustive=True,
            depth=2,
            acts=["sanction", "alter_decision", "file_complaint"],
            out=out,
            progress=bar if show else None,
        )
        seconds = time.perf_counter() - began
    assert not found.found
    return found.histories / seconds


def test_the_bar_costs_no_measurable_speed(tmp_path: Path) -> None:
    rates: dict[bool, list[float]] = {False: [], True: []}
    for _ in range(ROUNDS):
        for show in (False, True):
            rates[show].append(_rate(show, tmp_path))
    ratio = statistics.median(rates[True]) / statistics.median(rates[False])
    print(
        f"\nexhaustive search, histories/s without the bar "
        f"{[round(r) for r in rates[False]]}, with it {[round(r) for r in rates[True]]}; "
        f"ratio of medians {ratio:.3f} (target at least {TARGET})"
    )
    assert ratio >= TARGET
