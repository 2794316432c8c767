"""The pytest plugin: scenario files collected and run as tests.

Each test writes a small organisation, two rule books and a scenario into
pytester's directory and runs pytest there. The plugin is loaded through its
``pytest11`` entry point, as it is for users, so no ``-p`` is passed (passing
``-p govsim.pytest_plugin`` as well would register it twice). Most runs are
in-process for speed; the ones that patch govsim or check the installed entry
point run in a subprocess.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from importlib.metadata import entry_points

import pytest
from conftest import BASIC, BOARD, ORGANISATION

# In-process pytester runs drop the modules they imported when they end; the
# modules the plugin uses are imported here first, so that every run shares
# them and one run's classes never meet another's.
import govsim.documents
import govsim.model.loading
import govsim.running  # noqa: F401

pytest_plugins = ["pytester"]

# Line numbers matter: `scenario:` is line 2, `basic:` under expect line 9,
# its `expel` verdict line 10, `board-rules:` line 12.
SCENARIO = """\
schema_version: 1
scenario: small-case
organisation: org.govsim.yaml
rulebooks: [basic, board-rules]
acts:
  - {id: complaint, at: 2020-01-01, act: file_complaint, by: alice, case: k1, against: [bob]}
  - {id: expel, at: 2020-01-05, act: sanction, by: panel, case: k1, targets: [bob], sanction: expel}
expect:
  basic:
    verdicts: {complaint: valid, expel: irregular}
    statuses: {bob: expelled}
  board-rules:
    verdicts: {expel: void}
"""


@pytest.fixture
def case(pytester: pytest.Pytester) -> pytest.Pytester:
    """Pytester's directory holding the organisation, both books and the scenario."""
    pytester.makefile(".govsim.yaml", org=ORGANISATION, case=SCENARIO)
    rules = pytester.mkdir("rules")
    (rules / "basic.govsim.yaml").write_text(BASIC, encoding="utf-8")
    (rules / "board-rules.govsim.yaml").write_text(BOARD, encoding="utf-8")
    return pytester


def write_case(pytester: pytest.Pytester, text: str) -> None:
    (pytester.path / "case.govsim.yaml").write_text(text, encoding="utf-8")


def test_scenario_passes_with_one_item_per_book(case):
    result = case.runpytest("-v")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(
        ["case.govsim.yaml::basic PASSED*", "case.govsim.yaml::board-rules PASSED*"]
    )
    assert result.ret == pytest.ExitCode.OK


def test_only_scenarios_are_collected(case):
    result = case.runpytest("--collect-only", "-q")
    ids = [line for line in result.outlines if "::" in line]
    assert ids == ["case.govsim.yaml::basic", "case.govsim.yaml::board-rules"]
    assert "error" not in result.stdout.str().lower()


def test_directory_without_scenarios_collects_nothing(case):
    (case.path / "case.govsim.yaml").unlink()
    result = case.runpytest()
    assert result.ret == pytest.ExitCode.NO_TESTS_COLLECTED
    assert "error" not in result.stdout.str().lower()


def test_python_tests_are_collected_beside_scenarios(case):
    case.makepyfile(test_plain="def test_plain():\n    assert True\n")
    case.makefile(".yaml", other="key: value\n")
    result = case.runpytest("-v")
    result.assert_outcomes(passed=3)
    result.stdout.fnmatch_lines(["test_plain.py::test_plain PASSED*"])


def test_items_report_the_line_of_their_expect_entry(case):
    items = case.getitems(case.path / "case.govsim.yaml")
    assert [item.location for item in items] == [
        ("case.govsim.yaml", 8, "basic"),
        ("case.govsim.yaml", 11, "board-rules"),
    ]


def test_book_without_expect_entry_reports_the_scenario_line(case):
    write_case(case, SCENARIO.partition("  board-rules:")[0])
    items = case.getitems(case.path / "case.govsim.yaml")
    assert items[1].location == ("case.govsim.yaml", 1, "board-rules")


def test_failure_lists_every_unmet_expectation_without_traceback(case):
    write_case(
        case,
        SCENARIO.replace("expel: irregular", "expel: valid").replace(
            "bob: expelled", "bob: member"
        ),
    )
    result = case.runpytest()
    result.assert_outcomes(passed=1, failed=1)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(
        [
            "case.govsim.yaml:9: scenario small-case under rule book basic: "
            "2 of 3 expectations unmet",
            "  case.govsim.yaml:10:41: act expel is valid (found: irregular)",
            "  case.govsim.yaml:11:21: bob ends member (found: expelled)",
        ]
    )
    out = result.stdout.str()
    assert "Traceback" not in out
    assert "def " not in out
    assert "pytest_plugin.py" not in out


def test_book_without_expectations_is_skipped(case):
    write_case(case, SCENARIO.partition("  board-rules:")[0])
    result = case.runpytest("-rs")
    result.assert_outcomes(passed=1, skipped=1)
    result.stdout.fnmatch_lines(
        ["SKIPPED*no expectations stated for rule book board-rules"]
    )


def test_empty_expect_entry_runs_the_book(case):
    write_case(
        case,
        SCENARIO.replace(
            "board-rules:\n    verdicts: {expel: void}", "board-rules: {}"
        ),
    )
    result = case.runpytest()
    result.assert_outcomes(passed=2)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "organisation: org",
            "organisaton: org",
            "case.govsim.yaml:3:1: organisaton: unknown key*",
        ),
        ("by: panel", "by: panl", "case.govsim.yaml:7:*: acts.1.by: unknown *'panl'*"),
        ("acts:\n", "acts: [\n", "case.govsim.yaml:*:*: *"),
    ],
    ids=["schema", "reference", "yaml"],
)
def test_invalid_scenario_is_a_collection_error(case, old, new, expected):
    write_case(case, SCENARIO.replace(old, new, 1))
    result = case.runpytest()
    result.assert_outcomes(errors=1)
    assert result.ret == pytest.ExitCode.INTERRUPTED
    result.stdout.fnmatch_lines(
        [
            "*ERROR collecting case.govsim.yaml*",
            "invalid scenario case.govsim.yaml:",
            expected,
        ]
    )
    assert "Traceback" not in result.stdout.str()


def test_problem_in_a_referenced_file_is_placed_in_that_file(case):
    org = case.path / "org.govsim.yaml"
    org.write_text(ORGANISATION.replace("kind: executive", "kind: executiv"), "utf-8")
    result = case.runpytest()
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        ["org.govsim.yaml:9:11: bodies.board.kind: *executive*"]
    )


def test_unexpected_exception_keeps_its_traceback(case):
    case.makeconftest(
        """
        import govsim.running

        def _boom(*args, **kwargs):
            raise RuntimeError("engine exploded")

        govsim.running.run = _boom
        """
    )
    result = case.runpytest_subprocess()
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(
        ["*raise RuntimeError*", "E   *RuntimeError: engine exploded", "conftest.py:*"]
    )


def test_plugin_is_registered_as_a_pytest11_entry_point():
    found = {ep.name: ep.value for ep in entry_points(group="pytest11")}
    assert found.get("govsim") == "govsim.pytest_plugin"


def test_installed_plugin_runs_in_a_fresh_process(case):
    result = case.runpytest_subprocess("-q")
    result.assert_outcomes(passed=2)


def test_importing_the_plugin_loads_no_heavy_modules():
    code = textwrap.dedent(
        """
        import sys
        import govsim.pytest_plugin
        heavy = ("pydantic", "simpy", "ruamel", "typer", "rich", "govsim.model")
        print(sorted(m for m in sys.modules if m.startswith(heavy)))
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"
