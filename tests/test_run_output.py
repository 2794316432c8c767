"""What ``govsim run`` prints: concise by default, every act with ``--verbose``.

The README's first command replays the disclosure week under three rule
books. By default each book gets a summary and its acts that are not valid,
one reason each; the output fits 80 columns without cutting an id and has no
trailing blanks when piped. ``--explain`` quotes each clause once.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.text import Text
from typer.testing import CliRunner

import govsim
from govsim.faces.cli import app
from govsim.findings.runview import clause_tag, deciding_reason
from govsim.text.wrapping import flat, wrap

ROOT = Path(__file__).resolve().parent.parent
WEEK = ROOT / "scenarios" / "iso" / "2019-disclosure-week.govsim.yaml"
BOOKS = ("iso-2013-as-practised", "iso-2019-post-convention", "external-checks")
HINT = "--verbose lists every act; --explain ACT says why an act got its verdict."

MOST_LINES_AT_80 = 85
"""The disclosure week's default output at 80 columns: 76 lines when this was
written (673 before, with a table of every act per book)."""


@pytest.fixture(scope="module")
def results() -> list[govsim.Result]:
    return govsim.run_all(govsim.load_scenario(WEEK))


def run(*args: str, columns: int | None = 80) -> str:
    env = {"COLUMNS": str(columns) if columns else None, "FORCE_COLOR": None}
    done = CliRunner(env=env).invoke(app, ["run", str(WEEK), *args])
    assert done.exit_code == 0, done.output
    return done.stdout


def blocks(text: str) -> list[str]:
    """The output split at blank lines: the heading, one block per book, the hint."""
    return [b for b in text.split("\n\n") if b.strip()]


def head_pattern(record: govsim.engine.trace.ActRecord) -> str:
    """An act's first line: date, verdict and id, lined up, then its actor."""
    return rf"^    {record.at} +{record.verdict.value} +{re.escape(record.id)} +by {record.actor}$"


def test_default_output_is_short_and_fits_80_columns() -> None:
    text = run()
    lines = text.splitlines()
    assert len(lines) <= MOST_LINES_AT_80
    assert max(len(line) for line in lines) <= 80
    assert lines[-1] == HINT


def test_piped_output_has_no_trailing_blanks_or_colour() -> None:
    for args in ((), ("--verbose",), ("--explain", "joint-suspends-three")):
        for columns in (None, 80):
            text = run(*args, columns=columns)
            assert [line for line in text.splitlines() if line != line.rstrip()] == []
            assert "\x1b[" not in text
            assert not set("┃│┏━") & set(text)


def test_each_book_is_summarised(results: list[govsim.Result]) -> None:
    heading, *books, hint = blocks(run())
    assert heading.startswith("iso-2019-disclosure-week — The disclosure week")
    assert hint == HINT + "\n"
    assert [b.split(":", 1)[0] for b in books] == [f"under {book}" for book in BOOKS]
    summary = books[0].splitlines()[:4]
    assert summary == [
        "under iso-2013-as-practised: 19 acts, 13 valid, 2 irregular, 4 void",
        "  7 violations (5 on acts that took no effect)",
        "  invariants: 13 of 38 broken (19 breaches), 8 breaches prevented",
        "  expectations: all 16 met",
    ]
    for block, result in zip(books, results, strict=True):
        assert f"{len(result.violations)} violations" in block
        assert f"expectations: all {len(result.expectations)} met" in block


def test_every_act_not_valid_is_listed_with_the_clause_that_decided_it(
    results: list[govsim.Result],
) -> None:
    _, *books, _ = blocks(run())
    for block, result in zip(books, results, strict=True):
        lines = block.splitlines()
        for record in result.acts:
            heads = [
                i
                for i, line in enumerate(lines)
                if re.match(head_pattern(record), line)
            ]
            if record.verdict.value == "valid":
                assert heads == [], record.id
                continue
            (at,) = heads
            decided = deciding_reason(record)
            assert decided is not None
            reason = lines[at + 1].strip()
            if decided.clause is not None:
                tag = clause_tag(decided.clause) + " "
                assert reason.startswith(tag), reason
                reason = reason.removeprefix(tag)
            reason = re.sub(r" \(\+\d+ more\)$", "", reason)
            # A power check names its clause once, in the tag.
            check = flat(decided.check).removeprefix(f"clause {decided.clause} ")
            assert check.startswith(reason), reason


@pytest.mark.parametrize(
    ("book", "act", "reason"),
    [
        ("iso-2013-as-practised", "sc-overrides", "§4.2 decisions of ndc are final"),
        ("iso-2013-as-practised", "joint-expels", "no clause in force gives"),
        ("iso-2019-post-convention", "joint-expels", "§6.1 the power is only implied"),
        ("external-checks", "sc-overrides", "§E5 denies sc the power"),
        ("external-checks", "convention-elects", "§E2 respondent is expelled"),
    ],
)
def test_the_deciding_reason_is_the_one_a_reader_would_name(
    book: str, act: str, reason: str
) -> None:
    block = next(b for b in blocks(run(columns=120)) if b.startswith(f"under {book}:"))
    lines = block.splitlines()
    (at,) = [i for i, line in enumerate(lines) if f" {act} " in line]
    assert lines[at + 1].strip().startswith(reason)


def test_verbose_lists_every_act_breach_and_expectation(
    results: list[govsim.Result],
) -> None:
    text = run("--verbose")
    assert max(len(line) for line in text.splitlines()) <= 80
    _, *books, hint = blocks(text)
    assert hint == "--explain ACT says why an act got its verdict.\n"
    for block, result in zip(books, results, strict=True):
        for record in result.acts:
            assert re.search(
                rf"^    {record.at} +{record.verdict.value} +{re.escape(record.id)} ",
                block,
                re.MULTILINE,
            ), record.id
        assert block.count("witnesses: ") == len(result.breaches)
        assert block.count("✓") == len(result.expectations)


def test_explain_quotes_each_clause_once_with_its_source(
    results: list[govsim.Result],
) -> None:
    text = run("--explain", "joint-suspends-three")
    explained = blocks(text)
    assert len(explained) == len(results)
    for block, result in zip(explained, results, strict=True):
        record = result.record("joint-suspends-three")
        prose = flat(block)
        for reason in record.reasons:
            if reason.clause is None or reason.text is None:
                continue
            assert prose.count(flat(reason.text)) == 1, reason.clause
            assert f"clause {reason.clause}" in prose
            if reason.source:
                assert f"[{flat(reason.source)}]" in prose
        cited = sum(1 for r in record.reasons if r.clause is not None)
        quoted = len({r.clause for r in record.reasons if r.clause is not None})
        assert prose.count(", quoted above") == cited - quoted
    # External-checks cites clause E7 behind four checks: quoted once, cited thrice.
    assert flat(explained[2]).count(", quoted above") == 3


def test_explain_still_states_the_defaults_it_applied() -> None:
    text = flat(run("--explain", "joint-suspends-three"))
    assert text.count("no attendance recorded: taken as the 12 seat holders") == 3
    assert text.count("carried by the default, a majority of the votes cast") == 3


def test_wrapping_breaks_only_at_spaces() -> None:
    styled = Text("§4.2", style="bold")
    styled.append(" a-very-long-act-identifier and more words after it")
    lines = wrap(styled, 20, "  ", "    ")
    assert [line.plain for line in lines] == [
        "  §4.2",
        "    a-very-long-act-identifier",
        "    and more words",
        "    after it",
    ]
    assert lines[0].spans[0].style == "bold"
    assert [line.plain for line in wrap("", 10, "  ")] == [""]
