"""Help that teaches: every command's ``--help`` as a person in an 80-column terminal reads it.

Plain placeholders and no Python types, full one-line summaries in
``govsim --help``, every default shown, an example and a guide page at the
end of each command's help; examples that parse as the command reads them
and name files that exist; a choice refused in plain words with exit code 2.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from govsim.faces.cli import app
from govsim.faces.helptext import GUIDES, placeholder

ROOT = Path(__file__).resolve().parent.parent
GROUP: Any = typer.main.get_command(app)
COMMANDS: dict[str, Any] = dict(GROUP.commands)

# A Python type where a person expects a word: <str>, <list[Path]>, <int range>...
PYTHON_TYPE = re.compile(
    r"<(?:str|int|float|bool|path|file|dir|Path|list\[[^\]]*\]|[a-z]+ range)>"
)


def help_text(*args: str, columns: int = 80) -> str:
    result = CliRunner().invoke(
        app, [*args, "--help"], env={"COLUMNS": str(columns), "NO_COLOR": "1"}
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def rows(text: str, section: str) -> dict[str, str]:
    """The rows of one help section (Arguments, Options, Commands): name -> text."""
    found: dict[str, str] = {}
    name = ""
    inside = False
    for line in text.splitlines():
        if line == f"{section}:":
            inside = True
            continue
        if inside and (not line.strip() or not line.startswith("  ")):
            break
        if inside and line.startswith("  ") and not line.startswith("   "):
            name, _, said = line.strip().partition("  ")
            found[name] = said.strip()
        elif inside and name:
            found[name] += " " + line.strip()
    return found


def test_every_command_has_a_guide() -> None:
    assert set(GUIDES) == set(COMMANDS)


@pytest.mark.parametrize("columns", [80, 120])
def test_the_command_list_shows_each_summary_whole(columns: int) -> None:
    listed = rows(help_text(columns=columns), "Commands")
    assert set(listed) == set(COMMANDS)
    for name, command in COMMANDS.items():
        summary = command.help.strip().splitlines()[0]
        assert listed[name] == summary, name
        assert not listed[name].endswith("...")


@pytest.mark.parametrize("name", sorted(COMMANDS))
@pytest.mark.parametrize("columns", [80, 120])
def test_help_names_values_plainly(name: str, columns: int) -> None:
    text = help_text(name, columns=columns)
    for python in ("<list[", "<str>", "<int>", "<Path", "<path>", "<=x<="):
        assert python not in text, (name, python)
    assert not PYTHON_TYPE.search(text), name
    assert "{" not in text.splitlines()[0], "required arguments are not braced"
    assert max(len(line) for line in text.splitlines()) <= columns


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_help_shows_every_default(name: str) -> None:
    options = rows(help_text(name), "Options")
    for param in COMMANDS[name].params:
        if param.param_type_name != "option" or param.is_flag:
            continue
        has_default = isinstance(param.show_default, str) or param.default is not None
        shown = next(text for row, text in options.items() if param.opts[0] in row)
        assert ("[default: " in shown) == has_default, (name, param.opts, shown)


@pytest.mark.parametrize(
    ("name", "option", "default"),
    [
        ("sweep", "--runs", "[default: the spec's runs; 1 to 1,000,000]"),
        ("sweep", "--seed", "[default: the spec's seed; 0 or more]"),
        ("sweep", "--workers", "[default: one per CPU for a process pool"),
        ("explore", "--seed", "[default: 0; 0 or more]"),
        ("explore", "--limit", "[default: 200,000; 1 to 1,000,000,000,000]"),
        ("graph", "--format", "[default: svg]"),
        ("run", "--rules", "[default: every book the scenario lists]"),
    ],
)
def test_defaults_read_in_words(name: str, option: str, default: str) -> None:
    options = rows(help_text(name), "Options")
    shown = next(text for row, text in options.items() if option in row.split())
    assert default in shown


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_help_ends_with_an_example_and_a_guide(name: str) -> None:
    text = help_text(name)
    assert "Example" in text
    guide = GUIDES[name].page
    assert text.rstrip().endswith(f"Guide: {guide}")
    assert (ROOT / guide).is_file()
    for example in GUIDES[name].examples:
        assert example in text


def test_root_help_points_to_a_guide() -> None:
    text = help_text()
    assert "Example" in text
    assert "Guide: docs/" in text


def test_the_same_option_has_the_same_names_everywhere() -> None:
    seen: dict[str, set[tuple[str, ...]]] = {}
    for command in COMMANDS.values():
        for param in command.params:
            if param.param_type_name == "option":
                seen.setdefault(param.name, set()).add(tuple(sorted(param.opts)))
    assert seen["rules"] == {("--rules", "-r")}
    assert seen["out"] == {("--out", "-o")}
    assert seen["as_json"] == {("--json",)}
    assert seen["seed"] == {("--seed",)}
    said = {
        param.help
        for command in COMMANDS.values()
        for param in command.params
        if param.name == "as_json"
    }
    assert said == {"Print one JSON document instead of text."}
    for command in COMMANDS.values():
        for param in command.params:
            if param.name == "seed":
                assert placeholder(param) == "SEED"
            if param.name in {"org", "organisation"}:
                assert "--org" in param.opts


def example_commands() -> list[tuple[str, list[str]]]:
    """Each example of each command's help as the shell would split it."""
    found = []
    for name, guide in GUIDES.items():
        text = "\n".join(guide.examples).replace("\\\n", " ")
        for line in text.splitlines():
            argv = shlex.split(line, comments=True)
            found.append((name, argv))
    return found


@pytest.mark.parametrize(("name", "argv"), example_commands())
def test_examples_parse_and_name_real_files(
    name: str, argv: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from govsim.documents.finding import find_rulebook

    monkeypatch.chdir(ROOT)
    assert argv[:2] == ["govsim", name]
    command = COMMANDS[name]
    ctx = command.make_context(name, argv[2:])
    # A later example may read what an earlier one writes (report, a sweep's folder).
    written = {
        other[i + 1]
        for _, other in example_commands()
        for i, word in enumerate(other[:-1])
        if word in {"-o", "--out"}
    }
    for param in command.params:
        value = ctx.params.get(param.name)
        if param.param_type_name != "argument" or value is None:
            continue
        for item in value if isinstance(value, list) else [value]:
            text = str(item)
            if param.name in {"rulebook", "book", "a", "b"}:
                assert find_rulebook(text).is_file()
            elif "/" in text or text.endswith(".yaml"):
                assert (ROOT / text).exists(), text
            elif name == "report":
                assert text in written, text


def choice_options() -> list[tuple[str, Any, tuple[str, ...]]]:
    found = []
    for name, command in COMMANDS.items():
        for param in command.params:
            descriptor = getattr(param, "type_descriptor", None)
            if descriptor is not None and descriptor.is_choice:
                values = tuple(getattr(c, "value", c) for c in descriptor.choices)
                found.append((name, param, values))
    return found


def test_the_choice_options_are_found() -> None:
    named = {(name, max(param.opts, key=len)) for name, param, _ in choice_options()}
    assert {("graph", "--format"), ("sweep", "--executor")} <= named


@pytest.mark.parametrize(
    ("name", "param", "values"),
    choice_options(),
    ids=[f"{n}-{p.name}" for n, p, _ in choice_options()],
)
def test_a_bad_choice_is_refused_in_plain_words(
    name: str, param: Any, values: tuple[str, ...]
) -> None:
    argv = [name]
    for other in COMMANDS[name].params:
        if other.param_type_name == "argument" and other.required:
            argv.append("x")
        elif other.param_type_name == "option" and other.required:
            argv += [other.opts[0], "x"]
    option = max(param.opts, key=len)
    argv += [option, "png"]
    result = CliRunner().invoke(app, argv)
    assert result.exit_code == 2
    message = f"{option} must be one of {', '.join(values)} (got 'png')"
    assert f"Error: {message}" in result.output
    assert "Value error" not in result.output
    assert "Invalid value" not in result.output
    assert placeholder(param) == "|".join(values)


def test_a_near_miss_is_given_the_choice_meant() -> None:
    result = CliRunner().invoke(app, ["graph", "x", "--format", "mermiad"])
    assert result.exit_code == 2
    assert (
        "Error: --format must be one of svg, mermaid, dot "
        "(got 'mermiad'; did you mean 'mermaid'?)"
    ) in result.output


def test_a_good_choice_still_works(tmp_path: Path) -> None:
    out = tmp_path / "chart.mmd"
    book = "scenarios/tutorial/rules/riverside-rules.govsim.yaml"
    result = CliRunner().invoke(
        app, ["graph", str(ROOT / book), "--format", "mermaid", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith(("flowchart", "graph", "%%"))


def test_help_stays_light() -> None:
    """``govsim --help`` loads the command faces only: no rich, pydantic or engine."""
    code = (
        "import contextlib, io, sys\n"
        "sys.argv = ['govsim', '--help']\n"
        "from govsim.faces.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), "
        "contextlib.suppress(SystemExit):\n"
        "    main()\n"
        "print('\\n'.join(sys.modules))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=True,
    )
    loaded = set(proc.stdout.split())
    heavy = {m for m in loaded if m.split(".")[0] in {"rich", "pydantic", "yaml"}}
    assert not heavy
    ours = {m for m in loaded if m.startswith("govsim.")}
    light = (
        "govsim.faces",
        "govsim.text",  # the plain-text printing the faces use (rich is checked above)
        "govsim.errors",
        "govsim.limits",
        "govsim.__about__",
    )
    assert {m for m in ours if not m.startswith(light)} == set()
