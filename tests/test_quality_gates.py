"""The quality gates: CI runs the README's checks, and every suppression says why.

``.ci/run`` runs the README's test command, which runs ``ruff check``,
``ruff format --check`` and ``mypy`` before the tests, with the versions the
``lint`` extra pins. mypy reports an unused ``type: ignore`` itself
(``warn_unused_ignores`` under ``strict``); what it cannot report is an
ignore that silences every error on its line or gives no reason, and ruff
does not refuse a ``noqa`` that silences every rule. The scan here does.
"""

from __future__ import annotations

import io
import re
import shlex
import tokenize
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCANNED = ("govsim", "tests", "benchmarks", "docs", "examples")
"""The folders whose Python ruff reads (``[tool.ruff] include``)."""

IGNORE = re.compile(r"type:\s*ignore(?P<codes>\[[^\]]*\])?(?P<rest>.*)")
NOQA = re.compile(r"\bnoqa\b(?P<codes>\s*:\s*[A-Z]+[0-9]+)?", re.IGNORECASE)
REASON = re.compile(r"\s*#\s*(?!noqa\b)\S")
"""A comment after the ignore's own, other than a ``noqa``."""


@dataclass(frozen=True)
class Finding:
    """A suppression comment that breaks the rule, where it is."""

    where: str
    problem: str


def findings(source: str, name: str) -> list[Finding]:
    """The ``type: ignore`` and ``noqa`` comments of ``source`` that break the rule.

    A ``type: ignore`` must name its error codes and give its reason, in a
    comment after it on its line or on a comment line just above it; a
    ``noqa`` must name its rules. Comments only: a string that mentions them
    is not one.
    """
    lines = source.splitlines()
    out = []
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    for token in tokens:
        if token.type != tokenize.COMMENT:
            continue
        row = token.start[0]
        where = f"{name}:{row}"
        if ignore := IGNORE.search(token.string):
            above = lines[row - 2].strip() if row > 1 else ""
            if not ignore["codes"]:
                out.append(Finding(where, "type: ignore without an error code"))
            elif not REASON.match(ignore["rest"]) and not above.startswith("#"):
                out.append(Finding(where, "type: ignore without a reason"))
        for noqa in NOQA.finditer(token.string):
            if not noqa["codes"]:
                out.append(Finding(where, "noqa without a rule code"))
    return out


def _sources() -> list[Path]:
    return sorted(
        path
        for folder in SCANNED
        if (ROOT / folder).is_dir()
        for path in (ROOT / folder).rglob("*.py")
    )


MADE_UP = '''\
"""A module with every kind of suppression. type: ignore here is in a string."""

import yaml  # type: ignore
from a import b  # type: ignore[attr-defined]
from a import c  # type: ignore[attr-defined]  # c is set at import time
# Literal.__args__ is not in typeshed.
KINDS = Kind.__args__  # type: ignore[attr-defined]
x = lambda: 1  # noqa
y = lambda: 2  # noqa: E731
z = f(x)  # type: ignore[arg-type]  # noqa: E501
'''


def test_the_scan_finds_each_kind_of_unexplained_suppression() -> None:
    assert findings(MADE_UP, "made_up.py") == [
        Finding("made_up.py:3", "type: ignore without an error code"),
        Finding("made_up.py:4", "type: ignore without a reason"),
        Finding("made_up.py:8", "noqa without a rule code"),
        Finding("made_up.py:10", "type: ignore without a reason"),
    ]


def test_every_suppression_in_the_sources_names_its_codes_and_says_why() -> None:
    sources = _sources()
    assert len(sources) > 200, "the scan found too few files to be looking right"
    found = [
        finding
        for path in sources
        for finding in findings(
            path.read_text(encoding="utf-8"), path.relative_to(ROOT).as_posix()
        )
    ]
    assert not found, "\n".join(f"{f.where}: {f.problem}" for f in found)


def _pyproject() -> dict[str, object]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _readme_test_command() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = [line for line in readme.splitlines() if "python -m pytest" in line]
    return commands[0]


def test_ci_runs_the_readme_test_command_with_the_checks_first() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = _readme_test_command()
    assert command in ci.splitlines()
    steps = [step.strip() for step in command.split("&&")]
    assert steps == [
        'python -m pip install ".[test,lint]"',
        "python -m ruff check",
        "python -m ruff format --check",
        "python -m mypy",
        "python -m pytest",
    ]
    assert all(shlex.split(step) for step in steps)


@pytest.mark.parametrize("tool", ["ruff", "mypy"])
def test_the_lint_extra_pins_each_checker_exactly(tool: str) -> None:
    project = _pyproject()["project"]
    assert isinstance(project, dict)
    lint = project["optional-dependencies"]["lint"]
    pins = [req for req in lint if re.match(rf"{tool}\b", req)]
    assert len(pins) == 1
    assert re.fullmatch(rf"{tool}==\d+(\.\d+)+", pins[0]), pins[0]


def test_ruff_reads_the_python_of_the_scanned_folders_and_nothing_else() -> None:
    tool = _pyproject()["tool"]
    assert isinstance(tool, dict)
    include = tool["ruff"]["include"]
    assert sorted(include) == sorted(f"{folder}/**/*.py" for folder in SCANNED)
