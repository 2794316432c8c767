"""Run the commands of docs/tutorial.md, and refresh the outputs it shows.

The tutorial marks what a test can check:

- a ```` ```console ```` block holds commands, each on a line starting with
  ``$ ``, followed by its output (stdout and stderr together, as a terminal
  shows them); a command that exits with a code other than 0 ends with a
  shell comment ``# exit N``;
- a line ``<!-- file: PATH -->`` before a fenced block says the block is the
  file at PATH (relative to the repository root), verbatim.

The commands run from the root of a scratch copy of the files the tutorial
uses (``scenarios/tutorial/``), with ``COLUMNS=120`` and unbuffered output.
Two things are normalised before outputs are compared, as they vary from run
to run: the scratch folder's path, and durations (``in 2.3 s``, pytest's
``in 16.80s``). Run from the repository root::

    python docs/tutorial.py            # rewrite the outputs and files shown in docs/tutorial.md
    python docs/tutorial.py --check    # exit 1 and show the differences instead

tests/test_tutorial.py runs the same code.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "docs" / "tutorial.md"
FILES = ("scenarios/tutorial",)
"""What the commands read, copied into the scratch folder."""

_FENCE = re.compile(r"^```(\w*)\s*$")
_FILE = re.compile(r"^<!-- file: (\S+) -->\s*$")
_EXIT = re.compile(r"\s+# exit (\d+)$")
_DURATION = re.compile(r"\bin \d+(?:\.\d+)? ?s\b")


@dataclass
class Command:
    """One ``$`` line of a console block and the output shown after it."""

    line: int
    """The command's line in the tutorial, from 1."""
    text: str
    exit_code: int
    shown: str


@dataclass
class Included:
    """A fenced block the tutorial says is a file of the repository."""

    line: int
    path: str
    shown: str


def _blocks(lines: list[str]) -> list[tuple[int, str, list[str], str | None]]:
    """(first line, language, body, file marker) of every fenced block."""
    found = []
    marker: str | None = None
    i = 0
    while i < len(lines):
        opened = _FENCE.match(lines[i])
        if opened is None:
            named = _FILE.match(lines[i])
            if named is not None:
                marker = named[1]
            elif lines[i].strip():
                marker = None
            i += 1
            continue
        end = i + 1
        while _FENCE.match(lines[end]) is None or lines[end].strip() != "```":
            end += 1
        found.append((i + 1, opened[1], lines[i + 1 : end], marker))
        marker = None
        i = end + 1
    return found


def parse(text: str) -> tuple[list[Command], list[Included]]:
    """The commands and the included files of a tutorial's text."""
    commands: list[Command] = []
    included: list[Included] = []
    for first, language, body, marker in _blocks(text.splitlines()):
        if marker is not None:
            included.append(Included(first, marker, "\n".join(body) + "\n"))
        if language != "console":
            continue
        for offset, row in enumerate(body):
            if row.startswith("$ "):
                exit_match = _EXIT.search(row)
                command = row[2:] if exit_match is None else row[2 : exit_match.start()]
                code = 0 if exit_match is None else int(exit_match[1])
                commands.append(Command(first + 1 + offset, command, code, ""))
            elif commands and commands[-1].line >= first:
                commands[-1].shown += row + "\n"
    return commands, included


def clean(output: str, scratch: Path) -> str:
    """``output`` with the scratch folder's path taken out and lines right-trimmed."""
    output = output.replace(f"{scratch}{os.sep}", "").replace(str(scratch), ".")
    return "\n".join(line.rstrip() for line in output.splitlines()).strip("\n")


def normalise(output: str) -> str:
    """``output`` with durations made constant, to compare shown and real outputs."""
    return _DURATION.sub("in N s", output).strip("\n")


def scratch_copy(where: Path) -> Path:
    """Copy what the tutorial's commands read into ``where``; return it."""
    for name in FILES:
        shutil.copytree(
            ROOT / name,
            where / name,
            ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"),
        )
    return where


def run(command: Command, cwd: Path) -> tuple[int, str]:
    """Run ``command`` in ``cwd`` as the tutorial's reader would; its code and output."""
    env = {
        **os.environ,
        "COLUMNS": "120",
        "PYTHONUNBUFFERED": "1",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    env.pop("GOVSIM_COUNTEREXAMPLES", None)
    done = subprocess.run(
        ["bash", "-c", command.text],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=600,
        check=False,
    )
    return done.returncode, clean(done.stdout, cwd)


def _rewrite(text: str, outputs: dict[int, tuple[int, str]]) -> str:
    """The tutorial with each command's output and exit comment replaced."""
    lines = text.splitlines()
    result: list[str] = []
    skipping = False
    for number, row in enumerate(lines, start=1):
        if number in outputs:
            code, output = outputs[number]
            exit_match = _EXIT.search(row)
            command = row if exit_match is None else row[: exit_match.start()]
            result.append(command + (f"   # exit {code}" if code else ""))
            result.extend(output.splitlines())
            skipping = True
            continue
        if skipping and (row.startswith("$ ") or row.strip() == "```"):
            skipping = False
        if not skipping:
            result.append(row)
    return "\n".join(result) + "\n"


def with_files(text: str) -> str:
    """The tutorial with every block marked as a file replaced by the file's text."""
    lines = text.splitlines()
    for first, _, body, marker in reversed(_blocks(lines)):
        if marker is not None:
            content = (ROOT / marker).read_text(encoding="utf-8").splitlines()
            lines[first : first + len(body)] = content
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    """Refresh docs/tutorial.md, or with ``--check`` report what differs."""
    text = TUTORIAL.read_text(encoding="utf-8")
    commands, _ = parse(text)
    outputs: dict[int, tuple[int, str]] = {}
    with tempfile.TemporaryDirectory(prefix="govsim-tutorial-") as folder:
        scratch = scratch_copy(Path(folder).resolve())
        for command in commands:
            outputs[command.line] = run(command, scratch)
            print(f"$ {command.text}   # exit {outputs[command.line][0]}")
    crashed = [c.text for c in commands if "Traceback" in outputs[c.line][1]]
    if crashed:
        # A traceback is a bug in govsim, never an output to document.
        print("a traceback from: " + "; ".join(crashed) + "; nothing rewritten")
        return 1
    refreshed = with_files(_rewrite(text, outputs))
    if "--check" in argv:
        diff = list(
            difflib.unified_diff(
                normalise(text).splitlines(),
                normalise(refreshed).splitlines(),
                "shown",
                "today",
                lineterm="",
            )
        )
        print("\n".join(diff) or "docs/tutorial.md is current")
        return 1 if diff else 0
    TUTORIAL.write_text(refreshed, encoding="utf-8")
    print(f"rewrote {TUTORIAL.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
