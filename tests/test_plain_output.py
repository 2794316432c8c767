"""Messages print as written: positions stay numbers, user text is never markup,
emoji or a terminal command."""

from __future__ import annotations

import io

import pytest
from conftest import Docs, organisation, rulebook, scenario
from rich.console import Console
from typer.testing import CliRunner

from govsim.faces.cli import app
from govsim.text.plain import printable, say

ORG = organisation(
    ["a", "b"], {"exec": {"kind": "executive", "seats": [{"person": "a"}]}}
)
POWERS = {
    "id": "P",
    "text": "Powers.",
    "powers": [{"by": {"person": "member"}, "acts": ["file_complaint"]}],
}
COMPLAINT = {
    "id": "k",
    "at": "2024-03-01",
    "act": "file_complaint",
    "by": "a",
    "case": "k1",
    "against": ["b"],
}


def _padded(docs: Docs, line: int, bad_key: str) -> str:
    """A scenario whose unknown key ``bad_key`` stands on line ``line``."""
    docs.build(ORG, [rulebook([POWERS])], scenario([COMPLAINT]))
    head = ["# padding"] * (line - 1)
    body = [
        "schema_version: 1",
        "scenario: scn",
        "organisation: organisation.govsim.yaml",
        "rulebooks: [book]",
        "acts:",
        "  - {id: k, at: 2024-03-01, act: file_complaint, by: a, case: k1, against: [b]}",
    ]
    return "\n".join([*head, f'"{bad_key}": 1', *body]) + "\n"


@pytest.mark.parametrize("line", [100, 1234])
def test_a_position_prints_as_its_number(docs: Docs, line: int) -> None:
    path = docs.write("scenario.govsim.yaml", _padded(docs, line, "bogus"))
    done = CliRunner().invoke(app, ["check", str(path)])
    assert done.exit_code == 2
    first = done.output.splitlines()[0]
    assert first.startswith(f"{path}:{line}:1: bogus: unknown key 'bogus' (allowed: ")
    assert "\N{HUNDRED POINTS SYMBOL}" not in done.output


@pytest.mark.parametrize(
    "key",
    ["[bold]loud[/bold]", ":smile:", "x:100:y"],
    ids=["markup", "emoji", "colons"],
)
def test_user_text_in_a_message_prints_as_written(docs: Docs, key: str) -> None:
    path = docs.write("scenario.govsim.yaml", _padded(docs, 3, key))
    done = CliRunner().invoke(app, ["check", str(path)])
    assert done.exit_code == 2
    assert f"{path}:3:1: {key}: unknown key '{key}' (allowed: " in done.output


def test_a_control_character_in_a_document_is_refused_with_its_position(
    docs: Docs,
) -> None:
    docs.build(ORG, [rulebook([POWERS])], scenario([{**COMPLAINT, "note": "x"}]))
    path = docs.root / "scenario.govsim.yaml"
    text = path.read_text(encoding="utf-8").replace(
        '"note": "x"', '"note": "\\e[31mred"'
    )
    path.write_text(text, encoding="utf-8")
    done = CliRunner().invoke(app, ["check", str(path)])
    assert done.exit_code == 2
    assert "\x1b" not in done.output
    (line,) = [n for n, ln in enumerate(text.splitlines(), 1) if '"note"' in ln]
    assert f"{path}:{line}:" in done.output
    assert "control character U+001B in the text" in done.output


def test_an_escape_typed_in_an_option_is_shown_not_obeyed(docs: Docs) -> None:
    path = docs.build(ORG, [rulebook([POWERS])], scenario([COMPLAINT]))
    done = CliRunner().invoke(app, ["run", str(path), "--explain", "\x1b[2Jk"])
    assert done.exit_code == 2
    assert "\x1b" not in done.output
    assert "no act '\\x1b[2Jk'" in done.output


def test_say_prints_exactly_what_it_is_given() -> None:
    buffer = io.StringIO()
    console = Console(file=buffer, width=40, emoji=True)
    line = "file.yaml:100:3: [red]x[/red] :smile: \x07 " + "w" * 60
    say(console, line)
    assert buffer.getvalue() == printable(line) + "\n"
    assert printable("a\x1b[1mb\tc\nd") == "a\\x1b[1mb\tc\nd"
