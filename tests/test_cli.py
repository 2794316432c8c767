"""The command line: ``govsim run``, ``govsim check`` and ``--version``.

Most tests drive the Typer app in-process with ``CliRunner``; a few run
``python -m govsim`` in a subprocess, because only a real process shows the
exit code the shell sees, whether a traceback leaks to stderr, and which
modules ``--help`` imports.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import BASIC, BOARD, ORGANISATION, SMALL_CASE
from typer.testing import CliRunner

import govsim
from govsim.faces.cli import app

ROOT = Path(__file__).resolve().parent.parent

SCENARIO = SMALL_CASE


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def case(tmp_path: Path) -> Path:
    """A scenario with its organisation and one rule book in rules/; returns the scenario."""
    write(tmp_path / "org.govsim.yaml", ORGANISATION)
    write(tmp_path / "rules" / "basic.govsim.yaml", BASIC)
    return write(tmp_path / "case.govsim.yaml", SCENARIO)


# Variables that would change width or colour, cleared so the outer shell
# does not leak into the tests; a test sets the ones it is about.
TERMINAL_ENV = ("COLUMNS", "FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(env=dict.fromkeys(TERMINAL_ENV))


def invoke(runner: CliRunner, *args: str | Path, **env: str):
    return runner.invoke(app, [str(a) for a in args], env=env or None)


# --- govsim run: text ------------------------------------------------------


def test_run_prints_a_summary_and_the_acts_not_valid(runner, case):
    result = invoke(runner, "run", case)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("small-case — A small case\n")
    assert "under basic: 3 acts, 1 valid, 1 irregular, 1 void" in out
    assert "2020-01-05  irregular  expel" in out
    assert "2020-01-06  void       board-expels  by board" in out
    # The valid act is counted, not listed.
    assert "complaint " not in out
    assert out.rstrip().endswith(
        "--verbose lists every act; --explain ACT says why an act got its verdict."
    )
    assert result.stderr == ""


def test_run_names_the_deciding_clause_and_verbose_the_granting_clause(runner, case):
    out = invoke(runner, "run", case).stdout
    assert "§4.2 no notice of charges was served on bob" in out
    assert "Members may complain." not in out
    verbose = invoke(runner, "run", case, "--verbose").stdout
    # A valid act shows the clause that grants the power.
    assert "§1 Members may complain." in verbose
    assert "2020-01-01  valid      complaint     by alice → bob" in verbose
    assert "--verbose lists" not in verbose


def test_run_shows_violation_count_and_expectations(runner, case):
    out = invoke(runner, "run", case).stdout
    assert "3 violations" in out
    assert "expectations: all 3 met" in out
    assert "✓" not in out
    assert "✗" not in out
    verbose = invoke(runner, "run", case, "-v").stdout
    assert "✓ act complaint is valid" in verbose
    assert "✓ act board-expels is void" in verbose


def test_verbose_is_refused_with_json_or_explain(runner, case):
    for other in (["--json"], ["--explain", "expel"]):
        result = invoke(runner, "run", case, "--verbose", *other)
        assert result.exit_code == 2
        assert f"cannot be combined with {other[0]}" in result.stderr


def test_run_exits_1_and_names_unmet_expectation(runner, case):
    case.write_text(
        SCENARIO.replace("expel: irregular", "expel: valid"), encoding="utf-8"
    )
    result = invoke(runner, "run", case)
    assert result.exit_code == 1
    assert "✗ act expel is valid" in result.stdout
    assert "actual: irregular" in result.stdout
    assert "1 of 3 expectations unmet under basic" in result.stderr
    assert "act expel is valid (actual: irregular)" in result.stderr


def test_run_shows_timed_events(runner, case):
    events = (
        "events:\n  - {at: 2020-01-03, event: note, text: the panel meets informally}\n"
    )
    case.write_text(SCENARIO + events, encoding="utf-8")
    result = invoke(runner, "run", case)
    assert result.exit_code == 0, result.output
    assert "timed events" in result.stdout
    assert "the panel meets informally" in result.stdout


def test_run_without_expectations_says_so(runner, case):
    case.write_text(SCENARIO.partition("expect:")[0], encoding="utf-8")
    result = invoke(runner, "run", case)
    assert result.exit_code == 0
    assert "no expectations stated for basic" in result.stdout


@pytest.mark.parametrize("width", [80, 120])
def test_run_table_fits_the_width(runner, case, width):
    result = invoke(runner, "run", case, COLUMNS=str(width))
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= width


def test_run_piped_output_is_120_columns_without_colour(runner, case):
    result = invoke(runner, "run", case)
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 120
    assert any(len(line) > 80 for line in lines)
    assert "\x1b[" not in result.stdout


def test_run_colours_verdicts_when_forced(runner, case):
    result = invoke(runner, "run", case, FORCE_COLOR="1")
    assert "\x1b[" in result.stdout


def test_user_text_is_not_read_as_markup(runner, case, tmp_path):
    write(
        tmp_path / "rules" / "basic.govsim.yaml",
        BASIC.replace("complain.", "complain [bold]now[/bold]."),
    )
    # The granting clause's text is listed with every act, under --verbose.
    result = invoke(runner, "run", case, "--verbose")
    assert result.exit_code == 0, result.output
    assert "[bold]now[/bold]" in result.stdout


# --- govsim run: --rules -------------------------------------------------------


def test_rules_by_id_runs_only_that_book(runner, case, tmp_path):
    write(tmp_path / "rules" / "board-rules.govsim.yaml", BOARD)
    case.write_text(
        SCENARIO.replace("[basic]", "[basic, board-rules]"), encoding="utf-8"
    )
    both = invoke(runner, "run", case, "--json")
    assert [r["rulebook"] for r in json.loads(both.stdout)["runs"]] == [
        "basic",
        "board-rules",
    ]
    only = invoke(runner, "run", case, "--rules", "board-rules", "--json")
    assert [r["rulebook"] for r in json.loads(only.stdout)["runs"]] == ["board-rules"]


def test_rules_by_path_and_repeated(runner, case, tmp_path):
    book = write(tmp_path / "elsewhere" / "board.govsim.yaml", BOARD)
    result = invoke(
        runner,
        "run",
        case,
        "--rules",
        "basic",
        "--rules",
        book,
        "--rules",
        "basic",
        "--json",
    )
    assert result.exit_code == 0, result.output
    runs = json.loads(result.stdout)["runs"]
    assert [r["rulebook"] for r in runs] == ["basic", "board-rules"]
    verdicts = {a["id"]: a["verdict"] for a in runs[1]["acts"]}
    assert verdicts == {"complaint": "valid", "expel": "void", "board-expels": "valid"}
    assert runs[1]["expectations"] == []


def test_unknown_rule_book_exits_2_with_message(runner, case):
    result = invoke(runner, "run", case, "--rules", "nope")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ")
    assert "no rule book 'nope'" in result.stderr
    assert "basic" in result.stderr
    assert result.stdout == ""


# --- govsim run: --explain -----------------------------------------------------


def test_explain_prints_the_explanation(runner, case):
    result = invoke(runner, "run", case, "--explain", "expel")
    assert result.exit_code == 0, result.output
    expected = str(govsim.run(govsim.load_scenario(case), "basic").explain("expel"))
    assert result.stdout == expected + "\n"
    assert "┃" not in result.stdout


def test_explain_once_per_rule_book(runner, case, tmp_path):
    write(tmp_path / "rules" / "board-rules.govsim.yaml", BOARD)
    case.write_text(
        SCENARIO.replace("[basic]", "[basic, board-rules]"), encoding="utf-8"
    )
    result = invoke(runner, "run", case, "--explain", "board-expels")
    assert "verdict under basic: VOID" in result.stdout
    assert "verdict under board-rules: VALID" in result.stdout


def test_explain_unknown_act_names_the_known_ones(runner, case):
    result = invoke(runner, "run", case, "--explain", "expell")
    assert result.exit_code == 2
    assert "no act 'expell'" in result.stderr
    assert "complaint, expel, board-expels" in result.stderr
    assert result.stdout == ""


def test_explain_with_json_is_refused(runner, case):
    result = invoke(runner, "run", case, "--explain", "expel", "--json")
    assert result.exit_code == 2
    assert "--json" in result.stderr


# --- govsim run: --json --------------------------------------------------------


def test_json_is_one_document_on_stdout(runner, case):
    result = invoke(runner, "run", case, "--json")
    assert result.exit_code == 0
    assert result.stderr == ""
    document = json.loads(result.stdout)
    assert list(document) == ["scenario", "title", "runs"]
    assert document["scenario"] == "small-case"
    assert document["title"] == "A small case"
    (run,) = document["runs"]
    assert run == govsim.run(govsim.load_scenario(case), "basic").to_dict()
    assert [a["verdict"] for a in run["acts"]] == ["valid", "irregular", "void"]
    assert run["statuses"]["bob"] == "expelled"
    assert result.stdout.startswith('{\n  "scenario"')


def test_json_keeps_non_ascii_and_exits_1_quietly_when_unmet(runner, case):
    text = SCENARIO.replace("title: A small case", "title: Ärger im Verein").replace(
        "expel: irregular", "expel: valid"
    )
    case.write_text(text, encoding="utf-8")
    result = invoke(runner, "run", case, "--json")
    assert result.exit_code == 1
    assert "Ärger im Verein" in result.stdout
    assert json.loads(result.stdout)["runs"][0]["expectations"][1]["met"] is False
    assert result.stderr == ""


# --- govsim run: invalid input ---------------------------------------------------


def test_malformed_scenario_prints_positioned_problems(runner, case):
    case.write_text(SCENARIO.replace("title:", "titel:"), encoding="utf-8")
    result = invoke(runner, "run", case)
    assert result.exit_code == 2
    assert f"{case}:3:1: titel:" in result.stderr
    assert result.stdout == ""


def test_problems_in_referenced_files_are_reported(runner, case, tmp_path):
    write(
        tmp_path / "org.govsim.yaml",
        ORGANISATION.replace("kind: executive", "kind: exec"),
    )
    result = invoke(runner, "run", case)
    assert result.exit_code == 2
    assert "org.govsim.yaml:9:11: bodies.board.kind:" in result.stderr


def test_missing_scenario_exits_2(runner, tmp_path):
    result = invoke(runner, "run", tmp_path / "none.govsim.yaml")
    assert result.exit_code == 2
    assert "none.govsim.yaml:1:1: no such file" in result.stderr


def test_unexpected_errors_are_not_swallowed(runner, case, monkeypatch):
    def broken(_loaded):
        raise RuntimeError("engine bug")

    monkeypatch.setattr(govsim, "run_all", broken)
    result = invoke(runner, "run", case)
    assert isinstance(result.exception, RuntimeError)


def test_usage_errors_exit_2(runner, case):
    assert invoke(runner, "run").exit_code == 2
    assert invoke(runner, "run", case, "--bogus").exit_code == 2
    assert invoke(runner, "frobnicate").exit_code == 2


# --- govsim check ----------------------------------------------------------------


def test_check_directory_reports_each_good_file(runner, case, tmp_path):
    result = invoke(runner, "check", tmp_path)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"ok  {tmp_path / 'case.govsim.yaml'}",
        f"ok  {tmp_path / 'org.govsim.yaml'}",
        f"ok  {tmp_path / 'rules' / 'basic.govsim.yaml'}",
        "3 files checked, 0 with problems",
    ]
    assert result.stderr == ""


def test_check_reports_every_bad_file_and_continues(runner, case, tmp_path):
    write(tmp_path / "a.govsim.yaml", "members: 3\n")
    write(tmp_path / "b.govsim.yml", "scenario: [\n")
    write(
        tmp_path / "rules" / "bad.govsim.yaml",
        BASIC.replace("rulebook: basic", "rulebook: bad").replace(
            "days: 7", "days: -1"
        ),
    )
    missing = tmp_path / "missing.govsim.yaml"
    result = invoke(runner, "check", tmp_path, missing)
    assert result.exit_code == 2
    err = result.stderr
    assert (
        f"{tmp_path / 'a.govsim.yaml'}:1:1: not a govsim document: expected a "
        "top-level 'scenario', 'rulebook', 'organisation', 'model' or 'sweep' key"
    ) in err
    assert f"{tmp_path / 'b.govsim.yml'}:2:1:" in err
    assert (
        f"{tmp_path / 'rules' / 'bad.govsim.yaml'}:18:15: clauses.1.requires.0.days:"
        in err
    )
    assert f"{missing}:1:1: no such file" in err
    assert f"ok  {tmp_path / 'case.govsim.yaml'}" in result.stdout
    assert result.stdout.splitlines()[-1] == "7 files checked, 4 with problems"
    assert "Traceback" not in err


def test_check_reads_the_kind_from_the_top_level_key(runner, case, tmp_path):
    # A scenario has an 'organisation' key too; it must be checked as a scenario,
    # which finds the problem in the rule book it lists.
    write(
        tmp_path / "rules" / "basic.govsim.yaml",
        BASIC.replace("file_complaint", "file_complain"),
    )
    result = invoke(runner, "check", case)
    assert result.exit_code == 2
    assert "basic.govsim.yaml:9:16:" in result.stderr
    assert "file_complain" in result.stderr


def test_check_says_a_problem_of_a_file_once_however_many_read_it(
    runner, case, tmp_path
):
    write(
        tmp_path / "rules" / "basic.govsim.yaml",
        BASIC.replace("file_complaint", "file_complain"),
    )
    (tmp_path / "sub").mkdir()
    text = (tmp_path / "case.govsim.yaml").read_text(encoding="utf-8")
    write(
        tmp_path / "sub" / "again.govsim.yaml",
        text.replace("org.govsim.yaml", "../org.govsim.yaml").replace(
            "basic", "../rules/basic.govsim.yaml"
        ),
    )
    result = invoke(runner, "check", tmp_path)
    assert result.exit_code == 2
    assert result.stderr.count("file_complain'") == 1, result.stderr
    said = result.stderr
    assert (
        said.count("1 problem already shown above (in this file or one it reads)") == 2
    )
    assert f"{tmp_path / 'rules' / 'basic.govsim.yaml'}: 1 problem already" in said
    assert f"{tmp_path / 'sub' / 'again.govsim.yaml'}: 1 problem already" in said
    assert result.stdout.splitlines()[-1] == "4 files checked, 3 with problems"


def test_check_empty_directory_exits_2(runner, tmp_path):
    result = invoke(runner, "check", tmp_path)
    assert result.exit_code == 2
    assert "no *.govsim.yaml or *.govsim.yml files below" in result.stderr


def test_check_each_file_once(runner, case, tmp_path):
    result = invoke(runner, "check", case, tmp_path)
    assert result.exit_code == 0
    assert result.stdout.count("case.govsim.yaml") == 1


# --- --version and help ----------------------------------------------------------


def test_version(runner):
    result = invoke(runner, "--version")
    assert result.exit_code == 0
    assert result.stdout == f"govsim {govsim.__version__}\n"


def test_help_lists_commands(runner):
    result = invoke(runner, "--help")
    assert result.exit_code == 0
    assert "run" in result.stdout
    assert "check" in result.stdout


# --- subprocesses: what the shell sees --------------------------------------------


def python(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])
        ),
    }
    for name in TERMINAL_ENV:
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=cwd or ROOT,
        timeout=120,
        check=False,
    )


def test_module_exit_codes(case):
    assert python("-m", "govsim", "run", str(case)).returncode == 0
    case.write_text(
        SCENARIO.replace("expel: irregular", "expel: valid"), encoding="utf-8"
    )
    unmet = python("-m", "govsim", "run", str(case))
    assert unmet.returncode == 1
    assert "expectations unmet" in unmet.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["run", "does-not-exist.govsim.yaml"],
        ["run", "CASE", "--rules", "nope"],
        ["run", "CASE", "--explain", "nope"],
        ["check", "does-not-exist.govsim.yaml"],
        ["run", "CASE", "--bogus"],
    ],
)
def test_module_bad_input_exits_2_without_traceback(case, args):
    proc = python("-m", "govsim", *[str(case) if a == "CASE" else a for a in args])
    assert proc.returncode == 2
    assert proc.stderr.strip()
    assert "Traceback" not in proc.stderr


def test_module_malformed_document_without_traceback(case):
    case.write_text(
        SCENARIO.replace("at: 2020-01-05", "at: 2020-13-45"), encoding="utf-8"
    )
    proc = python("-m", "govsim", "run", str(case))
    assert proc.returncode == 2
    assert f"{case}:8:" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""


def test_module_json_is_parseable(case):
    proc = python("-m", "govsim", "run", str(case), "--json")
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["scenario"] == "small-case"


def test_importing_the_cli_does_not_load_the_engine():
    code = (
        "import sys\n"
        "from govsim.faces import cli\n"
        "heavy = [m for m in ('simpy', 'hypothesis', 'govsim.running', 'govsim.engine.replay', "
        "'govsim.documents', 'yaml', 'ruamel') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    proc = python("-c", code)
    assert proc.returncode == 0, proc.stderr


def test_help_does_not_load_the_engine():
    code = (
        "import runpy, sys\n"
        "sys.argv = ['govsim', '--help']\n"
        "try:\n"
        "    runpy.run_module('govsim', run_name='__main__')\n"
        "except SystemExit as exit:\n"
        "    assert exit.code in (0, None), exit.code\n"
        "heavy = [m for m in ('simpy', 'hypothesis', 'govsim.running') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    proc = python("-c", code)
    assert proc.returncode == 0, proc.stderr
    assert "Usage: govsim" in proc.stdout


def test_help_importtime_has_no_simpy_or_hypothesis():
    proc = python("-X", "importtime", "-m", "govsim", "--help")
    assert proc.returncode == 0
    imported = {
        line.rsplit("|", 1)[-1].strip()
        for line in proc.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert "typer" in imported
    assert not {m for m in imported if m.split(".")[0] in {"simpy", "hypothesis"}}


@pytest.mark.skipif(
    not (Path(sys.executable).parent / "govsim").exists(),
    reason="the govsim console script is not installed",
)
def test_console_script(case):
    script = str(Path(sys.executable).parent / "govsim")
    proc = subprocess.run(
        [script, "run", str(case)], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0
    assert "small-case" in proc.stdout
