"""Tests of ``govsim capture``: the search for acts by which a body escapes account."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import govsim
from govsim.analysis.capture import (
    Capture,
    coalition_of,
    first_moves,
    search_capture,
)
from govsim.analysis.standing import Coalition
from govsim.engine.trace import Verdict
from govsim.errors import UsageError
from govsim.faces.cli import app
from govsim.probing.design import load_design
from govsim.probing.startday import start_day
from govsim.probing.trial import Design
from govsim.running import run

ROOT = Path(__file__).resolve().parent.parent
AMENDMENTS = ROOT / "scenarios" / "amendments"

PACKING = """\
schema_version: 1
rulebook: assoc-packing
organisation: assoc
clauses:
  - id: "1"
    text: The members elect and may recall the board, and elect the committee.
    accountability:
      - {relation: elects, by: membership, of: board}
      - {relation: recalls, by: membership, of: board}
      - {relation: elects, by: membership, of: dc}
  - id: "2"
    text: The committee may warn, suspend or expel a member.
    powers:
      - by: dc
        acts: [sanction]
  - id: "3"
    text: The board fills the committee's seats and may recall its members.
    accountability:
      - {relation: elects, by: board, of: dc}
      - {relation: recalls, by: board, of: dc}
"""
"""No amendment at all: the board packs its own judge (recalls two, elects two)."""

SEALED = """\
schema_version: 1
rulebook: assoc-sealed
organisation: assoc
extends: assoc-strict
clauses:
  - id: "4"
    title: Amendment
    text: >-
      The board may amend clause 3 by a majority of its members; the members
      may amend any clause by two thirds of the votes cast.
    powers:
      - by: board
        acts: [amend_rules]
        when: {clauses: ["3"]}
      - by: membership
        acts: [amend_rules]
    decides:
      - {acts: [amend_rules], by: board, threshold: majority, base: seats}
      - {acts: [amend_rules], by: membership, threshold: 2/3}
    entrenched: {by: [membership], threshold: 2/3, notice_days: 30}
"""
"""The strict book with the board's power to amend limited to clause 3, so
that it cannot add a clause at all."""


NOTICED = """\
schema_version: 1
rulebook: assoc-noticed
organisation: assoc
extends: assoc-weak
clauses:
  - id: "4"
    title: Amendment
    text: The board may amend these bylaws by a majority, with thirty days' notice.
    powers:
      - by: board
        acts: [amend_rules]
    decides:
      - {acts: [amend_rules], threshold: majority, base: seats}
    requires:
      - {rule: text_notice, acts: [amend_rules], days: 30}
"""
"""The weak book asking thirty days' notice of the text (audited: irregular without)."""


LAWLESS = """\
schema_version: 1
rulebook: assoc-lawless
organisation: assoc
clauses:
  - id: "1"
    text: The members elect the board.
    accountability:
      - {relation: elects, by: membership, of: board}
"""
"""A board nobody may recall, remove or discipline: nothing to capture."""


SILENCING = """\
schema_version: 1
rulebook: assoc-silencing
organisation: assoc
clauses:
  - id: "1"
    text: The members elect the board and the committee.
    accountability:
      - {relation: elects, by: membership, of: board}
      - {relation: elects, by: membership, of: dc}
  - id: "2"
    text: The committee may warn, suspend or expel a member.
    powers:
      - {by: dc, acts: [sanction]}
  - id: "3"
    text: The board may suspend a committee member from the committee.
    powers:
      - {by: board, acts: [interim_suspend], over: {seat_on: [dc]}}
"""
"""The board's only check is the committee, whose members it may suspend."""


@pytest.fixture
def books(tmp_path: Path) -> Path:
    """The association, its weak and strict books, and the packing and sealed ones."""
    folder = tmp_path / "amendments"
    shutil.copytree(AMENDMENTS, folder)
    (folder / "rules" / "assoc-packing.govsim.yaml").write_text(PACKING)
    (folder / "rules" / "assoc-sealed.govsim.yaml").write_text(SEALED)
    (folder / "rules" / "assoc-noticed.govsim.yaml").write_text(NOTICED)
    (folder / "rules" / "assoc-lawless.govsim.yaml").write_text(LAWLESS)
    (folder / "rules" / "assoc-silencing.govsim.yaml").write_text(SILENCING)
    return folder / "rules"


def _search(book: Path, body: str = "board", depth: int = 3) -> Capture:
    design = load_design(book)
    return search_capture(
        design, coalition_of(design, body, None), depth, start_day(design)
    )


def _board(book: Path) -> tuple[Design, Coalition, dt.date]:
    design = load_design(book)
    return design, coalition_of(design, "board", None), start_day(design)


def _invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner(env={"COLUMNS": "200"}).invoke(app, ["capture", *args])
    assert not isinstance(result.exception, AssertionError | TypeError | KeyError)
    return result.exit_code, result.stdout, result.stderr


def test_weak_book_captured_in_one_amendment(books: Path) -> None:
    found = _search(books / "assoc-weak.govsim.yaml")
    assert found.found
    assert len(found.moves) == 1
    assert found.records[0].act == "amend_rules"
    assert found.records[0].verdict == Verdict.VALID
    # Giving itself the committee's discipline would be as short, but leave
    # the membership's recall: a clause denying every outside check is preferred.
    assert found.moves[0].why == "add clause 5 denying every outside check on board"
    assert found.how == "unaccountable"
    assert found.after == "nobody outside board may recall, remove or audit it"
    assert found.remaining == "nobody"
    tried = [m.why for m in first_moves(*_board(books / "assoc-weak.govsim.yaml"))]
    assert "give board the powers of dc under clause 2" in tried


def test_packing_the_judge_takes_three_acts(books: Path) -> None:
    found = _search(books / "assoc-packing.govsim.yaml")
    assert [r.act for r in found.records] == ["recall", "recall", "elect"]
    assert found.how == "judge held"
    assert "dc (2), whose seats it holds" in found.after
    # The committee's three seats are full: two must be emptied first.
    shallow = _search(books / "assoc-packing.govsim.yaml", depth=2)
    assert not shallow.found
    assert shallow.sequences > 0


def test_suspending_every_member_of_the_judge_silences_it(books: Path) -> None:
    found = _search(books / "assoc-silencing.govsim.yaml")
    assert [r.act for r in found.records] == ["interim_suspend"] * 3
    assert found.how == "unaccountable"
    # Two suspended, the third still sits: the committee can still act.
    assert not _search(books / "assoc-silencing.govsim.yaml", depth=2).found


def test_sealed_book_has_no_capture_within_depth_three(books: Path) -> None:
    found = _search(books / "assoc-sealed.govsim.yaml")
    assert not found.found
    assert found.moves == ()
    assert found.sequences >= found.candidates > 0


def test_notice_by_a_first_reading_counts_two_acts(books: Path) -> None:
    found = _search(books / "assoc-noticed.govsim.yaml")
    assert [(r.id, r.verdict) for r in found.records] == [
        ("capture-1-first", Verdict.VALID),
        ("capture-1", Verdict.VALID),
    ]
    first, adopted = found.records
    assert (adopted.at - first.at).days == 30
    assert not _search(books / "assoc-noticed.govsim.yaml", depth=1).found


def test_allow_irregular_takes_the_shortcut(books: Path) -> None:
    design = load_design(books / "assoc-noticed.govsim.yaml")
    board = coalition_of(design, "board", None)
    found = search_capture(design, board, 1, start_day(design), allow_irregular=True)
    assert [r.verdict for r in found.records] == [Verdict.IRREGULAR]


def test_a_body_judging_itself_from_the_start_is_no_capture(books: Path) -> None:
    # The committee may discipline anyone, its own members too, but the
    # membership recalls it and it may do nothing about that.
    found = _search(books / "assoc-weak.govsim.yaml", body="dc")
    assert not found.found
    assert found.before == "membership may recall dc (1) and recall dc's members (1)"


def test_guided_past_the_beam(books: Path) -> None:
    design = load_design(books / "assoc-packing.govsim.yaml")
    board = coalition_of(design, "board", None)
    found = search_capture(design, board, 3, start_day(design), beam=1)
    assert found.guided
    assert "guided: past 1 states at one depth" in found.bounds()
    assert found.found


def test_cli_already_unaccountable(
    books: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, stdout, _ = _invoke(
        str(books / "assoc-lawless.govsim.yaml"), "--body", "board"
    )
    assert code == 1
    assert stdout.startswith("board already escapes account under assoc-lawless")
    assert not list(tmp_path.glob("*.govsim.yaml"))


def test_strict_book_has_no_capture_within_depth_three(books: Path) -> None:
    """assoc-strict entrenches clauses 1, 2 and 4 for the membership. Every
    amendment the board may try is void, the derogation too: a new clause whose
    disabilities would deny the membership its recall and the committee its
    discipline changes what the entrenched clauses 1 and 2 provide."""
    design = load_design(books / "assoc-strict.govsim.yaml")
    board = coalition_of(design, "board", None)
    tried = [m.why for m in first_moves(design, board, start_day(design))]
    assert "add clause 5 denying every outside check on board" in tried
    found = _search(books / "assoc-strict.govsim.yaml")
    assert not found.found
    assert found.sequences == len(tried)  # every one void: nothing to extend


def test_cli_writes_a_scenario_that_replays_the_same(
    books: Path, tmp_path: Path
) -> None:
    out = tmp_path / "found" / "weak.govsim.yaml"
    code, stdout, _ = _invoke(
        str(books / "assoc-weak.govsim.yaml"), "--body", "board", "--out", str(out)
    )
    assert code == 1
    assert stdout.startswith("capture found under assoc-weak: board in 1 act(s)")
    assert "enabled by: " in stdout
    assert f"scenario: {out}" in stdout
    result = run(out, "assoc-weak")
    assert all(c.met for c in result.expectations)
    assert [(r.id, r.verdict) for r in result.trace.acts] == [
        ("capture-1", Verdict.VALID)
    ]
    assert len(result.trace.versions) == 2  # the amendment was adopted
    assert "&id" not in out.read_text()  # no YAML anchors for shared dates


def test_cli_packing_names_the_lint_finding(books: Path, tmp_path: Path) -> None:
    out = tmp_path / "packing.govsim.yaml"
    code, stdout, _ = _invoke(
        str(books / "assoc-packing.govsim.yaml"), "--body", "board", "-o", str(out)
    )
    assert code == 1
    assert "enabled by: lint finding executive-controls-its-judge" in stdout
    result = run(out, "assoc-packing")
    assert [r.verdict for r in result.trace.acts] == [Verdict.VALID] * 3
    assert all(c.met for c in result.expectations)


def test_cli_none_within_bounds_exits_0(
    books: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # where a scenario would go by default
    code, stdout, _ = _invoke(
        str(books / "assoc-sealed.govsim.yaml"), "--body", "board", "--depth", "3"
    )
    assert code == 0
    assert stdout.startswith("no capture within depth 3: ")
    assert "sequences of" in stdout
    assert "candidate acts tried (exhaustive) under assoc-sealed" in stdout
    assert not list(tmp_path.glob("*.govsim.yaml"))


def test_cli_json(books: Path, tmp_path: Path) -> None:
    out = tmp_path / "c.govsim.yaml"
    code, stdout, _ = _invoke(
        str(books / "assoc-packing.govsim.yaml"),
        "--coalition",
        "board",
        "--json",
        "-o",
        str(out),
    )
    assert code == 1
    data = json.loads(stdout)
    assert data["found"] is True
    assert data["mode"] == "exhaustive"
    assert [a["act"] for a in data["acts"]] == ["recall", "recall", "elect"]
    assert data["enabled_by"]["lint"] == "executive-controls-its-judge"
    assert data["scenario"] == str(out)


def test_same_output_twice(books: Path, tmp_path: Path) -> None:
    runs = []
    for name in ("a", "b"):
        out = tmp_path / name / "capture.govsim.yaml"
        code, stdout, _ = _invoke(
            str(books / "assoc-weak.govsim.yaml"), "--body", "board", "-o", str(out)
        )
        assert code == 1
        runs.append((stdout.replace(str(out), "OUT"), out.read_text()))
    assert runs[0] == runs[1]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--body", "bord"], "no body or person 'bord' in organisation assoc"),
        (["--body", "board", "--depth", "0"], "--depth 0: search at least one act"),
        ([], "name the body with --body B, or a coalition"),
        (["--body", "board", "--coalition", "dc"], "(one of the two)"),
        (["--body", "critic"], "'critic' is a person, not a body"),
        (["--coalition", "critic,member-a"], "needs at least one body"),
        (["--body", "membership"], "membership is an assembly (membership)"),
    ],
)
def test_cli_bad_input_exits_2(books: Path, args: list[str], message: str) -> None:
    code, stdout, stderr = _invoke(str(books / "assoc-weak.govsim.yaml"), *args)
    assert code == 2
    assert message in stderr
    assert "Traceback" not in stderr + stdout


def test_book_without_organisation_exits_2(tmp_path: Path) -> None:
    book = tmp_path / "alone.govsim.yaml"
    text = (AMENDMENTS / "rules" / "assoc-weak.govsim.yaml").read_text()
    book.write_text(text.replace("organisation: assoc", "organisation: nowhere"))
    code, stdout, stderr = _invoke(str(book), "--body", "board")
    assert code == 2
    assert "no organisation 'nowhere' found" in stderr
    assert "Traceback" not in stderr + stdout


def test_a_scenario_given_as_the_book_exits_2(books: Path) -> None:
    scenario = books.parent / "board-takes-discipline.govsim.yaml"
    code, stdout, stderr = _invoke(str(scenario), "--body", "board")
    assert code == 2
    assert "this file is a scenario ('board-takes-discipline'), not a rule book" in (
        " ".join(stderr.split())
    )
    assert "capture one of the rule books it runs instead" in " ".join(stderr.split())
    assert "Traceback" not in stderr + stdout


def test_coalition_of_refuses_unknown_names(books: Path) -> None:
    design = load_design(books / "assoc-weak.govsim.yaml")
    with pytest.raises(UsageError, match="did you mean 'board'"):
        coalition_of(design, None, "bord,critic")
    both = coalition_of(design, None, "board, critic")
    assert both.bodies == ("board",)
    assert both.persons == ("critic",)


def test_the_capture_scenario_replays_with_the_invariants_checked(
    books: Path, tmp_path: Path
) -> None:
    """Replayed, the capture shows what it breaks: the board took from what held it
    to account."""
    out = tmp_path / "weak.govsim.yaml"
    code, _, _ = _invoke(
        str(books / "assoc-weak.govsim.yaml"), "--body", "board", "--out", str(out)
    )
    assert code == 1
    result = govsim.run(out)
    assert "self_entrenchment" in {b.invariant for b in result.breaches}
