"""Output that fits: every command's tables and prose in 80 to 120 columns.

Each command is run as a user would pipe it (``CliRunner`` is not a
terminal) and drawn on a terminal console of the same width. In both, no
line is wider than the width, every id the data holds (act, book, body,
invariant) appears whole, the divergence mark is whole, and piped output is
plain text: no borders, no trailing blanks.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console
from typer.testing import CliRunner

import govsim
from govsim.analysis.views.comparison import party_outcome, print_comparison
from govsim.analysis.views.lint import lint_view
from govsim.analysis.views.matrix import DIVERGENCE_MARK
from govsim.faces.catalogue import print_catalogue
from govsim.faces.cli import app
from govsim.faces.diff import print_diff
from govsim.invariants import by_number
from govsim.text.terminal import PipeConsole, TrimmedLines
from tests.test_compare import with_review  # noqa: F401 (a fixture)

ROOT = Path(__file__).resolve().parent.parent
ISO = ROOT / "scenarios" / "iso"
WEEK = ISO / "2019-disclosure-week.govsim.yaml"
CASE = ISO / "2012-13-case.govsim.yaml"
OLD = "iso-2013-as-practised"
NEW = "iso-2019-post-convention"
EXT = "external-checks"
BOOKS = [OLD, NEW, EXT]
WIDTHS = [80, 120]
BORDERS = set("│┃━─┏┓┗┛┡┩└┘├┤┼╇╋┳┻")


def words(text: str) -> set[str]:
    """Every run of id characters in the text: an id cut in two is not one of them."""
    return set(re.findall(r"[\w.-]+", text))


def check_fits(text: str, width: int) -> None:
    widest = max((cell_len(line) for line in text.splitlines()), default=0)
    assert widest <= width, f"a line is {widest} cells wide, more than {width}"


def check_piped(text: str) -> None:
    padded = [line for line in text.splitlines() if line != line.rstrip()]
    assert padded == [], f"{len(padded)} lines end in blanks"
    assert not BORDERS & set(text), "piped output has box-drawing characters"


def piped(width: int, *args: str | Path) -> str:
    """What the command writes to a pipe with COLUMNS=width."""
    result = CliRunner().invoke(
        app, [str(a) for a in args], env={"COLUMNS": str(width)}
    )
    assert result.exit_code in (0, 1), result.output
    check_fits(result.stdout, width)
    check_piped(result.stdout)
    return result.stdout


def on_terminal(width: int, draw: Callable[[Console], None]) -> str:
    """What ``draw`` shows on a terminal of ``width`` columns (borders and all)."""
    stream = io.StringIO()
    console = Console(
        file=stream, width=width, force_terminal=True, color_system=None, emoji=False
    )
    draw(console)
    text = stream.getvalue()
    check_fits(text, width)
    return text


# --- compare -----------------------------------------------------------------


@pytest.fixture(scope="module", params=[WEEK, CASE], ids=["week", "case"])
def comparison(request: pytest.FixtureRequest) -> govsim.Comparison:
    return govsim.compare(request.param, BOOKS)


def check_comparison(text: str, comparison: govsim.Comparison) -> None:
    found = words(text)
    ids = {*comparison.books, *(r.id for r in comparison.rows)}
    ids |= {r.actor for r in comparison.rows}
    assert sorted(ids - found) == []
    assert DIVERGENCE_MARK in text
    assert "…" not in text, "a cell was cut short"
    first = comparison.first_divergence
    assert first is not None
    assert f"first divergence: act {first.row.id}" in text


@pytest.mark.parametrize("width", [*WIDTHS, 100])
def test_compare_piped_fits_with_ids_whole(comparison, width):
    scenario = WEEK if comparison.scenario.endswith("week") else CASE
    rules = [part for book in BOOKS for part in ("--rules", book)]
    text = piped(width, "compare", scenario, *rules)
    check_comparison(text, comparison)


@pytest.mark.parametrize("width", [60, *WIDTHS, 90, 100])
def test_compare_on_a_terminal_fits_with_ids_whole(comparison, width):
    text = on_terminal(width, lambda c: print_comparison(c, comparison))
    check_comparison(text, comparison)


@pytest.mark.parametrize("width", [*WIDTHS, 100])
def test_compare_with_dependency_notes_fits(with_review, width):  # noqa: F811
    """A note column, wrapping between words, and still every id whole."""
    comparison = govsim.compare(with_review, BOOKS)
    rules = [part for book in BOOKS for part in ("--rules", book)]
    for text in (
        piped(width, "compare", with_review, *rules),
        on_terminal(width, lambda c: print_comparison(c, comparison)),
    ):
        check_comparison(text, comparison)
        assert "depends" in text


def test_divergence_is_a_list_not_one_long_sentence(comparison):
    text = on_terminal(80, lambda c: print_comparison(c, comparison))
    first = comparison.first_divergence
    lines = text.splitlines()
    at = lines.index(f"first divergence: act {first.row.id}")
    end = lines.index("", at)
    # One paragraph per book, its continuation lines indented further.
    heads = [line for line in lines[at + 1 : end] if not line.startswith("   ")]
    assert len(heads) == len(comparison.books)
    for book, line in zip(comparison.books, heads, strict=True):
        assert line.startswith("  ")
        assert f"under {book}" in line


def test_outcomes_read_as_sentences():
    assert (
        party_outcome("complainant", "complainant", "member")
        == "the complainant is still a member at the end"
    )
    assert (
        party_outcome("respondent", "rosa", "on_leave")
        == "respondent rosa is on leave at the end"
    )
    text = piped(80, "compare", CASE, "--rules", OLD, "--rules", EXT)
    assert "complainant complainant" not in text
    assert "owner: none" not in text
    assert "case k2012 is still open, and no body is responsible for it" in text


# --- lint, diff, invariants, check ----------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_lint_fits_with_ids_whole(width):
    report = govsim.lint(ISO / "rules" / f"{OLD}.govsim.yaml")
    for text in (
        piped(width, "lint", OLD),
        on_terminal(width, lambda c: c.print(lint_view(report))),
    ):
        found = words(text)
        ids = {OLD, *report.codes()}
        ids |= {s for f in report.findings for s in f.subjects}
        ids |= {i for f in report.findings for i in f.invariants}
        assert sorted(ids - found) == []


DIFF_ACTS = ["alter_decision", "assign_investigator", "appeal"]
"""Act kinds probed in the diff: enough for both directions and long ids, in seconds."""


@pytest.fixture(scope="module")
def book_diff() -> govsim.BookDiff:
    return govsim.diff(
        ISO / "rules" / f"{OLD}.govsim.yaml",
        ISO / "rules" / f"{EXT}.govsim.yaml",
        acts=DIFF_ACTS,
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_diff_fits_with_ids_whole(book_diff, width):
    a, b = (ISO / "rules" / f"{book}.govsim.yaml" for book in (OLD, EXT))
    acts = [part for act in DIFF_ACTS for part in ("--act", act)]
    assert {w.direction for w in book_diff.witnesses} == {"more", "less"}
    for text in (
        piped(width, "diff", a, b, *acts),
        on_terminal(width, lambda c: print_diff(c, book_diff)),
    ):
        found = words(text)
        ids = {OLD, EXT}
        ids |= {c.kind for c in book_diff.differences()}
        ids |= {c.actor for c in book_diff.differences()}
        ids |= {act_id for w in book_diff.witnesses for act_id, _ in w.acts}
        assert sorted(ids - found) == []
        assert "…" not in text
        # At 80 columns the witness tables head their verdicts A and B, with a key.
        assert (f"A is {OLD}, B is {EXT}" in text) == (width == 80)


@pytest.mark.parametrize("width", WIDTHS)
def test_invariants_catalogue_fits_with_names_whole(width):
    names = {inv.name for inv in by_number()}
    for text in (piped(width, "invariants"), on_terminal(width, print_catalogue)):
        assert sorted(names - words(text)) == []


@pytest.mark.parametrize("width", WIDTHS)
def test_check_fits(width):
    text = piped(width, "check", ISO / "rules")
    assert "files checked, 0 with problems" in text


def test_sweep_summary_fits(tmp_path):
    pytest.importorskip("pyarrow")
    spec = tmp_path / "s.sweep.yaml"
    spec.write_text(
        f"schema_version: 1\nsweep: small\nscenario: {CASE}\n"
        f"rulebooks: [{OLD}, {EXT}]\nruns: 2\nseed: 7\n",
        encoding="utf-8",
    )
    for width in WIDTHS:
        text = piped(width, "sweep", spec, "--out", tmp_path / f"out{width}")
        assert sorted({OLD, EXT, "acts.valid", "breaches"} - words(text)) == []


# --- the consoles ----------------------------------------------------------------


def test_trimmed_lines_drop_blanks_only_at_line_ends():
    stream = io.StringIO()
    trimmed = TrimmedLines(stream)
    for piece in ("a  ", "b \t", "\nc   \n", "  d", "   "):
        trimmed.write(piece)
    assert stream.getvalue() == "a  b\nc\n  d"


def test_json_is_byte_identical_piped_or_not():
    """--json goes around the consoles: exactly what the API's records dump."""
    import json

    result = CliRunner().invoke(
        app,
        ["compare", str(CASE), "--rules", OLD, "--rules", EXT, "--json"],
        env={"COLUMNS": "80"},
    )
    records = govsim.compare(CASE, [OLD, EXT]).to_records()
    assert result.stdout == json.dumps(records, indent=2, ensure_ascii=False) + "\n"


def test_a_pipe_gets_a_plain_console(monkeypatch):
    from govsim.text.terminal import consoles

    monkeypatch.setattr("sys.stdout", io.StringIO())
    monkeypatch.delenv("COLUMNS", raising=False)
    out, _ = consoles()
    assert isinstance(out, PipeConsole)
    assert out.width == 120
