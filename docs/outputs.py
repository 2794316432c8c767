"""Refresh the command outputs and figures that README.md and docs/*.md show.

Every output or figure a page shows is produced by running its command, so a
change to govsim that alters an output fails ``tests/test_doc_outputs.py``
until the pages are refreshed. The pages mark what is generated:

- a ```` ```console ```` block holds commands, each on a line starting with
  ``$ ``, followed by its output (stdout and stderr together, as a terminal
  shows them); a command that exits with a code other than 0 ends with
  ``# exit N``. To show part of an output, the command says so with a pipe
  (``| head -n 12``, ``| grep ...``), so the reader can run what was run;
- ``<!-- output: COMMAND -->`` on the line before a fenced block of any
  language: the block's body is COMMAND's output (``<!-- output: COMMAND
  # exit N -->`` if it exits N, not 0);
- ``<!-- figure: COMMAND ~ PATTERN -->TEXT<!-- /figure -->`` in prose: TEXT
  is what the regular expression PATTERN matches in COMMAND's output (its
  first group, if it has one); without ``~ PATTERN``, the whole output;
- a ```` ```pycon ```` block is a session of Python's interactive prompt:
  its ``>>> `` and ``... `` lines are run in order, and the block becomes
  them with what each printed;
- ``<!-- scratch: PATH -->`` on the line before a fenced block: the block is
  written to PATH in the scratch folder before the page's later commands run
  (a test file a page shows and then runs, say).

Commands run with bash from the root of one scratch copy of ``scenarios/``,
pages in order and each page from top to bottom, with ``COLUMNS=100``; a
command's text run once gives its output everywhere it is shown again.
Timings cannot be reproduced, so they are taken out before outputs are
compared (``in 2.3 s``, pytest's ``in 0.61s``, ``"seconds": 0.394``), as is
the scratch folder's path. The tutorial (``docs/tutorial.py``), the
invariant catalogue (``govsim invariants --markdown``) and the reference
(``python -m govsim.reference``) have generators of their own. Run from the
repository root::

    python docs/outputs.py             # rewrite the outputs and figures shown
    python docs/outputs.py --check     # exit 1 listing the stale ones instead
    python docs/outputs.py README.md   # only the pages named
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COLUMNS = "100"
OWN_GENERATORS = ("tutorial.md", "invariants.md", "index.md")
"""Pages under docs/ left alone: generated elsewhere, or the README itself."""

_FENCE = re.compile(r"^(`{3,})(\w*)\s*$")
_OUTPUT = re.compile(r"^<!-- output: (.+) -->\s*$")
_SCRATCH = re.compile(r"^<!-- scratch: (\S+) -->\s*$")
PYCON = ".doc-pycon.py"
"""The scratch folder's interpreter for ``pycon`` blocks: it echoes each line
with its prompt, as Python's own interactive prompt shows it, then runs it."""
_PYCON_DRIVER = """import code, sys
console, more = code.InteractiveConsole(), False
for line in sys.stdin.read().splitlines():
    if more and line.startswith(">>> "):
        more = console.push("")
    print(line, flush=True)
    more = console.push(line[4:])
if more:
    console.push("")
"""
_FIGURE = re.compile(r"<!-- figure: (.+?) -->(.*?)<!-- /figure -->")
_EXIT = re.compile(r"\s+# exit (\d+)$")
_TIMINGS = (
    (re.compile(r"\bin\s+\d+(?:\.\d+)?\s*s\b"), "in N s"),
    (re.compile(r'("(?:engine_)?seconds": )\d+(?:\.\d+)?'), r"\1N"),
    (
        re.compile(r"about [\d.,]+ (?:seconds|minutes|hours|days) on this machine"),
        "about N",
    ),
)

_SEARCHES = (
    # How many examples a search runs, and the steps of the example it
    # reports, change with the Hypothesis release installed (a fresh install
    # takes the newest); what govsim concludes from them does not.
    (
        re.compile(r"\b[\d,]+ examples, [\d,]+ acts replayed"),
        "N examples, N acts replayed",
    ),
    (re.compile(r"^E\s+(?:Falsifying example:|state\b.*)\n", re.M), ""),
    # pytest counts the warnings the libraries installed raise, and a fresh
    # install on another machine may raise some (CI once counted five where
    # this machine counted none); the tests' outcome is what the page shows.
    (re.compile(r", \d+ warnings?(?= in )"), ""),
)


def pages() -> list[Path]:
    """README.md and the pages of docs/ whose outputs this script keeps."""
    docs = sorted(
        p for p in (ROOT / "docs").glob("*.md") if p.name not in OWN_GENERATORS
    )
    library = sorted((ROOT / "docs" / "library").glob("*.md"))
    return [ROOT / "README.md", *docs, *library]


@dataclass
class Shown:
    """One output a page shows: a command's, where, and the text shown."""

    line: int
    """The line of the command (or of the marker) in the page, from 1."""
    command: str
    shown: str
    exit_code: int = 0
    pattern: str | None = None
    """For a figure: the regular expression that picks it from the output."""
    kind: str = "console"
    """``console``, ``output`` (a marked block) or ``figure``."""


@dataclass
class Page:
    """A page's text and, in order, what it writes and shows."""

    path: Path
    text: str
    steps: list[Shown | tuple[str, str]] = field(default_factory=list)
    """Outputs shown, and ``(path, content)`` files written to the scratch folder."""


def _fences(lines: list[str]) -> list[tuple[int, int, str]]:
    """(opening index, closing index, language) of every fenced block."""
    found = []
    i = 0
    while i < len(lines):
        opened = _FENCE.match(lines[i])
        if opened is None:
            i += 1
            continue
        end = i + 1
        while end < len(lines) and lines[end].strip() != opened[1]:
            end += 1
        found.append((i, end, opened[2]))
        i = end + 1
    return found


def parse(path: Path, text: str) -> Page:
    """The commands, marked blocks, figures and scratch files of a page."""
    page = Page(path, text)
    lines = text.splitlines()
    fences = {start: (end, language) for start, end, language in _fences(lines)}
    i = 0
    while i < len(lines):
        if i not in fences:
            for match in _FIGURE.finditer(lines[i]):
                command, _, pattern = match[1].partition(" ~ ")
                page.steps.append(
                    Shown(i + 1, command, match[2], 0, pattern or None, "figure")
                )
            i += 1
            continue
        end, language = fences[i]
        body = lines[i + 1 : end]
        before = lines[i - 1] if i else ""
        if (marked := _OUTPUT.match(before)) is not None:
            code = _EXIT.search(marked[1])
            command = marked[1] if code is None else marked[1][: code.start()]
            exit_code = 0 if code is None else int(code[1])
            page.steps.append(
                Shown(i, command, "\n".join(body), exit_code, kind="output")
            )
        elif (scratch := _SCRATCH.match(before)) is not None:
            page.steps.append((scratch[1], "\n".join(body) + "\n"))
        elif language == "pycon":
            source = "\n".join(row for row in body if row.startswith((">>> ", "... ")))
            command = f"python {PYCON} <<'PYCON'\n{source}\nPYCON"
            page.steps.append(Shown(i, command, "\n".join(body), kind="output"))
        elif language == "console":
            current: Shown | None = None
            for offset, row in enumerate(body):
                if row.startswith("$ "):
                    code = _EXIT.search(row)
                    command = row[2:] if code is None else row[2 : code.start()]
                    exit_code = 0 if code is None else int(code[1])
                    current = Shown(i + 2 + offset, command, "", exit_code)
                    page.steps.append(current)
                elif current is not None:
                    current.shown += ("\n" if current.shown else "") + row
        i = end + 1
    return page


def normalise(output: str) -> str:
    """``output`` with its timings and Hypothesis' own counts made constant.

    Used to compare shown and real outputs: a timing differs from run to
    run, and a search's example count and reported steps from one Hypothesis
    release to the next.
    """
    for pattern, constant in (*_TIMINGS, *_SEARCHES):
        output = pattern.sub(constant, output)
    return output.strip("\n")


def same(shown: str, today: str) -> bool:
    """Whether ``today``'s output is the one shown, timings aside.

    A timing's width moves where a long line wraps, so an output with a
    timing in it may differ from the one shown in its white space alone.
    """
    if normalise(shown) == normalise(today):
        return True
    timed = any(pattern.search(today) for pattern, _ in (*_TIMINGS, *_SEARCHES))
    return timed and normalise(shown).split() == normalise(today).split()


def split_pipe(command: str) -> tuple[str, str | None]:
    """The command before its first `` | `` outside quotes, and the rest after it."""
    quote = ""
    for i, char in enumerate(command):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "|" and command[i - 1 : i] == command[i + 1 : i + 2] == " ":
            return command[:i].rstrip(), command[i + 1 :].strip()
    return command, None


class Runner:
    """Runs commands as a reader would, in one scratch folder, each text once.

    The command before a pipe runs once for all the pipes that show parts
    of its output (the diff of two books, say): its output is kept and fed
    to each pipe, its stderr shown first, as a terminal would show it.
    """

    def __init__(self, scratch: Path) -> None:
        self.scratch = scratch
        self.done: dict[str, tuple[int, str]] = {}
        self.heads: dict[str, tuple[str, str]] = {}
        """Command before a pipe -> its stdout and stderr."""
        for name in ("scenarios",):
            shutil.copytree(
                ROOT / name,
                scratch / name,
                ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"),
            )

        self.write(PYCON, _PYCON_DRIVER)

    def write(self, path: str, content: str) -> None:
        """Put a file a page shows into the scratch folder."""
        target = self.scratch / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")

    def _bash(
        self, command: str, given: str | None = None, merged: bool = True
    ) -> subprocess.CompletedProcess[str]:
        env = {
            **os.environ,
            "COLUMNS": COLUMNS,
            "PYTHONUNBUFFERED": "1",
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        }
        for name in ("GOVSIM_COUNTEREXAMPLES", "FORCE_COLOR", "NO_COLOR", "CI"):
            env.pop(name, None)
        return subprocess.run(
            ["bash", "-c", command],
            cwd=self.scratch,
            env=env,
            input=given,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT if merged else subprocess.PIPE,
            text=True,
            timeout=600,
            check=False,
        )

    def run(self, command: str) -> tuple[int, str]:
        """``command``'s exit code and output, right-trimmed, the scratch path taken out."""
        if command in self.done:
            return self.done[command]
        head, rest = split_pipe(command)
        if rest is None:
            done = self._bash(command)
            code, output = done.returncode, done.stdout
        else:
            if head not in self.heads:
                first = self._bash(head, merged=False)
                self.heads[head] = (first.stdout, first.stderr)
            printed, warned = self.heads[head]
            done = self._bash(rest, given=printed)
            code, output = done.returncode, warned + done.stdout
        output = output.replace(f"{self.scratch}{os.sep}", "")
        output = output.replace(str(self.scratch), ".")
        cleaned = "\n".join(line.rstrip() for line in output.splitlines()).strip("\n")
        self.done[command] = (code, cleaned)
        return self.done[command]


def figure(shown: Shown, output: str) -> str | None:
    """The text a figure shows, picked from its command's output; None if not found."""
    if shown.pattern is None:
        return output.strip()
    found = re.search(shown.pattern, output, re.MULTILINE)
    if found is None:
        return None
    return found[1] if found.re.groups else found[0]


@dataclass
class Stale:
    """A shown output that differs from what its command prints today."""

    where: str
    command: str
    problem: str
    today: str
    fixable: bool = True
    """Whether rewriting the page mends it (not so for a crash or a figure not found)."""


def refresh(page: Page, runner: Runner) -> tuple[str, list[Stale]]:
    """The page with every output and figure as its command gives it today, and what differed."""
    lines = page.text.splitlines()
    replaced: dict[int, list[str]] = {}
    """Line index -> its new lines (a console command, an output block's body)."""
    stale: list[Stale] = []
    name = page.path.relative_to(ROOT).as_posix()
    for step in page.steps:
        if isinstance(step, tuple):
            runner.write(*step)
            continue
        code, output = runner.run(step.command)
        where = f"{name}:{step.line}"
        if "Traceback (most recent call last)" in output:
            # A traceback is a bug in govsim, never an output to document.
            stale.append(Stale(where, step.command, "crashes", output, fixable=False))
            continue
        if step.kind == "figure":
            value = figure(step, output)
            if value is None:
                problem = "has no such figure"
                stale.append(Stale(where, step.command, problem, output, fixable=False))
            elif not same(step.shown, value):
                stale.append(Stale(where, step.command, f"shows {step.shown!r}", value))
                row = replaced.get(step.line - 1, [lines[step.line - 1]])[0]
                marker = f"<!-- figure: {step.command}" + (
                    f" ~ {step.pattern} -->" if step.pattern else " -->"
                )
                start = row.index(marker) + len(marker)
                end = row.index("<!-- /figure -->", start)
                replaced[step.line - 1] = [row[:start] + value + row[end:]]
            continue
        if not output or (step.kind == "output" and code != step.exit_code):
            problem = f"exits {code}" if output else "prints nothing"
            stale.append(Stale(where, step.command, problem, output, fixable=False))
            continue
        if code == step.exit_code and same(step.shown, output):
            continue
        problem = "prints otherwise"
        if code != step.exit_code:
            problem = f"exits {code}, the page says {step.exit_code}"
        stale.append(Stale(where, step.command, problem, output))
        if step.kind == "output":
            replaced[step.line] = output.splitlines()
        else:
            suffix = f"   # exit {code}" if code else ""
            replaced[step.line - 1] = [
                f"$ {step.command}{suffix}",
                *output.splitlines(),
            ]
    return _rewrite(lines, replaced, page), stale


def _rewrite(lines: list[str], replaced: dict[int, list[str]], page: Page) -> str:
    """``lines`` with each replaced line and the old output after it swapped for the new."""
    fences = {start: end for start, end, _ in _fences(lines)}
    output_blocks = {
        s.line for s in page.steps if isinstance(s, Shown) and s.kind == "output"
    }
    result: list[str] = []
    i = 0
    while i < len(lines):
        if i in output_blocks and i in replaced:
            result.append(lines[i])
            result.extend(replaced[i])
            i = fences[i]
            continue
        if i in replaced and lines[i].startswith("$ "):
            result.extend(replaced[i])
            i += 1
            while (
                i < len(lines)
                and not lines[i].startswith("$ ")
                and not _FENCE.match(lines[i])
            ):
                i += 1
            continue
        result.extend(replaced.get(i, [lines[i]]))
        i += 1
    return "\n".join(result) + "\n"


def main(argv: list[str]) -> int:
    """Refresh the pages, or with ``--check`` list what is stale and change nothing."""
    check = "--check" in argv
    stale: list[Stale] = []
    with tempfile.TemporaryDirectory(prefix="govsim-doc-outputs-") as folder:
        runner = Runner(Path(folder).resolve())
        named = [ROOT / a for a in argv if not a.startswith("--")]
        for path in named or pages():
            text = path.read_text(encoding="utf-8")
            refreshed, found = refresh(parse(path, text), runner)
            stale += found
            if not check and refreshed != text:
                path.write_text(refreshed, encoding="utf-8")
                print(f"rewrote {path.relative_to(ROOT)}")
    shown = stale if check else [s for s in stale if not s.fixable]
    for item in shown:
        print(f"{item.where}: $ {item.command}\n  {item.problem}; today it prints:")
        print("\n".join("    " + line for line in item.today.splitlines()))
    if check:
        print(
            f"{len(stale)} stale; run `python docs/outputs.py` to refresh them"
            if stale
            else "every output and figure shown is current"
        )
    return 1 if shown else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
