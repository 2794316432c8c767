"""The README's commands, run in a fresh folder, leave only what they were told to write.

A new user copies the README's commands into a terminal in a folder of their
own. Each command here is one the README shows (the test checks that the
README still shows it), run in an empty temporary folder holding a copy of
``scenarios/`` (the README's paths and book ids start there), with
Hypothesis' cache folder pointed outside it. Afterwards the folder holds the
copy, unchanged, and exactly what the commands were told to write: their
``--out`` files and folders, the files ``govsim new`` makes, and the one
documented default folder of a command run without ``--out``
(``govsim-counterexamples/`` for ``explore``). What the commands print is
checked against the README by ``tests/test_doc_outputs.py``.

Two commands are made cheaper than the README's, saying how: the sweep runs
4 runs per book instead of 200 (``--runs 4``), and ``explore`` is narrowed to
the acts and actors of the override it finds, which writes the same file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
ISO = "scenarios/iso"
EXPLORE = (
    f"govsim explore {ISO}/rules/iso-2013-as-practised.govsim.yaml "
    "--invariant no_executive_override"
)
SWEEP = "govsim sweep scenarios/sweeps/crisis-three-books.sweep.yaml --out crisis"


@dataclass(frozen=True)
class Step:
    """A README command, what the test adds to it, and the exit code it should give."""

    shown: str
    """The command as the README shows it."""
    extra: str = ""
    """Appended to make it cheaper; empty for the command as shown."""
    exit_code: int = 0

    @property
    def command(self) -> str:
        return f"{self.shown} {self.extra}".strip()


STEPS = (
    Step(f"govsim run {ISO}/2019-disclosure-week.govsim.yaml"),
    Step("govsim new organisation acme"),
    Step("govsim new rulebook acme-rules"),
    Step("govsim new scenario first-case"),
    Step("govsim run first-case.govsim.yaml"),
    Step(
        f"govsim run {ISO}/2012-13-case.govsim.yaml --rules iso-2013-as-practised "
        "--rules external-checks"
    ),
    Step(
        f"govsim run {ISO}/2019-disclosure-week.govsim.yaml --explain joint-suspends-three"
    ),
    Step(f"govsim run {ISO}/2019-disclosure-week.govsim.yaml --json"),
    Step("govsim check scenarios/"),
    Step("govsim invariants"),
    Step("govsim invariants --json"),
    Step(
        EXPLORE,
        "--act sanction --act alter_decision --actor ndc --actor sc --steps 5",
        exit_code=1,
    ),
    Step("govsim lint iso-2013-as-practised", exit_code=1),
    Step(
        "govsim lint external-checks --ignore offices-held-together --json", exit_code=1
    ),
    Step("govsim graph iso-2013-as-practised --out iso-2013.svg"),
    Step(f"govsim report {ISO}/2019-disclosure-week.govsim.yaml --out week.html"),
    Step(SWEEP, "--runs 4"),
    Step("govsim report crisis --out crisis.html"),
)

TOLD_TO_WRITE = {
    "acme.govsim.yaml",
    "acme-rules.govsim.yaml",
    "first-case.govsim.yaml",
    "govsim-counterexamples",
    "iso-2013.svg",
    "week.html",
    "crisis",
    "crisis.html",
    "scenarios",
}
"""What the folder may hold afterwards: the copy of scenarios/ and what the steps write."""


def _files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_every_command_here_is_one_the_readme_shows() -> None:
    missing = [step.shown for step in STEPS if step.shown not in README]
    assert not missing, f"commands the README no longer shows: {missing}"


def test_the_readme_commands_leave_only_what_they_were_told_to_write(
    tmp_path: Path,
) -> None:
    pytest.importorskip("hypothesis", reason="explore needs govsim[testing]")
    pytest.importorskip("pyarrow", reason="the sweep needs govsim[sweep]")
    pytest.importorskip("jinja2", reason="the reports need govsim[report]")
    pytest.importorskip(
        "matplotlib", reason="the sweep's report draws plots: govsim[plots]"
    )
    work = tmp_path / "work"
    shutil.copytree(
        ROOT / "scenarios",
        work / "scenarios",
        ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache", ".hypothesis"),
    )
    before = _files(work / "scenarios")
    env = {
        **os.environ,
        "COLUMNS": "100",
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    for name in ("GOVSIM_COUNTEREXAMPLES", "HYPOTHESIS_STORAGE_DIRECTORY"):
        env.pop(name, None)
    failures = []
    for step in STEPS:
        done = subprocess.run(
            ["bash", "-c", step.command],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if done.returncode != step.exit_code or "Traceback" in done.stderr:
            failures.append(
                f"$ {step.command}\n  exits {done.returncode}, expected {step.exit_code}\n"
                + (done.stderr or done.stdout)[-2000:]
            )
    assert not failures, "\n\n".join(failures)
    left = sorted(path.name for path in work.iterdir())
    assert sorted(TOLD_TO_WRITE) == left, (
        f"the commands wrote {sorted(set(left) - TOLD_TO_WRITE)} and did not write "
        f"{sorted(TOLD_TO_WRITE - set(left))}"
    )
    assert _files(work / "scenarios") == before, "a command wrote inside scenarios/"
    assert [p.name for p in (work / "govsim-counterexamples").iterdir()] == [
        "iso-2013-as-practised-no_executive_override.govsim.yaml"
    ]
    assert (work / "crisis" / "manifest.json").is_file()
