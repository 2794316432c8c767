"""Speed of ``govsim capture`` (run with ``pytest benchmarks/test_capture.py -s``).

Target (issue 21): a capture search at depth 3 on a small organisation
within a minute on a 2-core machine. The organisation is the small
association of scenarios/amendments (eight persons, a board, a disciplinary
committee, the membership), searched for the board:

* under its weak book, where a capture is found at depth 1, and its strict
  book, where every candidate act is void, so there is none;
* under a busy book where the board may recall and suspend committee
  members and dissolve the committee, but never escapes the membership's
  recall or the committee's discipline, so the search is exhaustive to
  depth 3 with no capture (some 340 sequences replayed from the start).
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from govsim.analysis.capture import coalition_of, search_capture
from govsim.probing.design import load_design
from govsim.probing.startday import start_day

BUDGET_SECONDS = 60.0
AMENDMENTS = Path(__file__).resolve().parent.parent / "scenarios" / "amendments"

BUSY = """\
schema_version: 1
rulebook: assoc-busy
organisation: assoc
clauses:
  - id: "1"
    text: The members elect and may recall the board and the committee.
    accountability:
      - {relation: elects, by: membership, of: board}
      - {relation: recalls, by: membership, of: board}
      - {relation: elects, by: membership, of: dc}
      - {relation: recalls, by: membership, of: dc}
    entrenched: {by: [membership]}
  - id: "2"
    text: The committee may warn, suspend or expel a member.
    powers:
      - {by: dc, acts: [sanction]}
    entrenched: {by: [membership]}
  - id: "3"
    text: The board may recall or suspend a committee member, and dissolve the committee.
    powers:
      - {by: board, acts: [recall, interim_suspend], over: {seat_on: [dc]}}
      - {by: board, acts: [dissolve_body], over: {bodies: [dc]}}
    accountability:
      - {relation: recalls, by: board, of: dc}
    entrenched: {by: [membership]}
  - id: "4"
    text: The board may amend clause 5.
    powers:
      - {by: board, acts: [amend_rules], when: {clauses: ["5"]}}
  - id: "5"
    text: The board sets the dues.
"""


@pytest.fixture(scope="module")
def rules(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("capture") / "amendments"
    shutil.copytree(AMENDMENTS, folder)
    (folder / "rules" / "assoc-busy.govsim.yaml").write_text(BUSY)
    return folder / "rules"


@pytest.mark.parametrize(
    ("book", "found"),
    [("assoc-weak", True), ("assoc-strict", False), ("assoc-busy", False)],
)
def test_capture_at_depth_3_on_the_small_association(
    benchmark, rules: Path, book: str, found: bool
) -> None:
    design = load_design(rules / f"{book}.govsim.yaml")
    board = coalition_of(design, "board", None)
    day = start_day(design)
    began = time.perf_counter()
    result = benchmark.pedantic(
        search_capture, (design, board, 3, day), rounds=3, iterations=1
    )
    seconds = (time.perf_counter() - began) / 3
    benchmark.extra_info.update(sequences=result.sequences, seconds=seconds)
    print(f"\n{book}: {result.bounds()}; {seconds:.2f} s a search")
    assert result.found is found
    assert not result.guided
    assert benchmark.stats["max"] < BUDGET_SECONDS
