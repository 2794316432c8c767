"""Run a mutant document through ``govsim check`` and ``run`` (or ``sweep``) and judge it.

The contract every document must meet (issue 17): govsim either accepts it
(exit 0, or 1 for a replay whose expectations are unmet) or refuses it with
exit 2 and a ``file:line:col:`` on every problem; it never ends in a
traceback (an exception other than the ``SystemExit`` of an exit code) and
never hangs. :func:`try_mutant` writes a mutant in place of its seed in a
copy of scenarios/ (so the files it refers to, and that refer to it, are its
real neighbours), runs the commands in this process through Typer's
``CliRunner`` (fast: no interpreter start), each under a time limit, and
returns what happened as a :class:`Trial`.

Which command runs a mutant, beyond ``check``: a scenario is replayed with
``run``; an organisation or rule book through a scenario that uses it; a
behaviour model through the sweep spec that runs it, and a sweep spec
itself, with ``sweep --runs 1``.
"""

from __future__ import annotations

import enum
import re
import shutil
import signal
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Final

from mutation import SCENARIOS, Mutant, Seed, seeds
from typer.testing import CliRunner

from govsim.documents.finding import find_rulebook
from govsim.errors import UsageError
from govsim.faces.cli import app

__all__ = [
    "TIME_LIMIT",
    "Hang",
    "Outcome",
    "Tree",
    "Trial",
    "judge_lines",
    "time_limit",
    "try_mutant",
]

TIME_LIMIT: Final = 30.0
"""Seconds one command may take on one mutant before it counts as a hang."""

_POSITIONED: Final = re.compile(r"(?P<file>[^\n]+?):(?P<line>\d+):(?P<col>\d+): ")


class Hang(BaseException):
    """A command ran past its time limit.

    A ``BaseException``, so neither govsim nor ``CliRunner`` (which catches
    ``Exception``) can take it for an error of the document.
    """


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`Hang` in this (main) thread once ``seconds`` have passed."""

    def expire(_signum: int, _frame: FrameType | None) -> None:
        raise Hang(f"still running after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class Outcome(enum.IntEnum):
    """What one command did with a mutant, worst last."""

    ACCEPTED = 0
    """Exit 0, or 1 (a replay ran and an expectation is unmet)."""
    REFUSED = 1
    """Exit 2, every problem at ``file:line:col``."""
    UNPOSITIONED = 2
    """Exit 2, with a problem that names no position."""
    FAILED_RUNS = 3
    """A sweep finished, but runs of it raised: a traceback kept in the results."""
    TRACEBACK = 4
    """An exception other than an exit, or an exit code other than 0, 1, 2."""
    HANG = 5
    """Still running at the time limit."""


@dataclass(frozen=True)
class Command:
    """One command's run on a mutant: its arguments, outcome and evidence."""

    args: tuple[str, ...]
    outcome: Outcome
    exit_code: int | None
    detail: str
    """The traceback, the unpositioned lines, or stderr, for a failure message."""


@dataclass(frozen=True)
class Trial:
    """A mutant and what ``check`` and the command that uses it did with it."""

    mutant: Mutant
    commands: tuple[Command, ...]

    @property
    def outcome(self) -> Outcome:
        """The worst outcome of its commands."""
        return max(command.outcome for command in self.commands)

    @property
    def disagreement(self) -> bool:
        """``check`` accepted a scenario that ``run`` then refused.

        ``check`` of a scenario loads everything ``run`` does, so it should
        refuse whatever ``run`` cannot use.
        """
        first, *rest = self.commands
        return (
            self.mutant.seed.kind == "scenario"
            and first.outcome is Outcome.ACCEPTED
            and any(c.outcome is Outcome.REFUSED for c in rest)
        )

    @property
    def sweep_disagreement(self) -> bool:
        """``check`` accepted a sweep spec that ``sweep`` then refused.

        Counted, not failed: ``check`` reads a spec and loads its target but
        does not plan the sweep (grid values, books and measures against the
        target), which is for faces/check.py's ``_check_sweep`` to do.
        """
        first, *rest = self.commands
        return (
            self.mutant.seed.kind == "sweep"
            and first.outcome is Outcome.ACCEPTED
            and any(c.outcome is Outcome.REFUSED for c in rest)
        )

    def report(self) -> str:
        """The mutant, each command's outcome and evidence, for a failing test."""
        lines = [repr(self.mutant)]
        for command in self.commands:
            lines.append(
                f"  govsim {' '.join(command.args)} -> {command.outcome.name}"
                f" (exit {command.exit_code})"
            )
            if command.outcome >= Outcome.UNPOSITIONED:
                lines.extend(f"    {line}" for line in command.detail.splitlines())
        return "\n".join(lines)


def judge_lines(stderr: str) -> list[str]:
    """The lines of an exit-2 ``stderr`` that fail to give a position.

    Each problem prints as ``path:line:col: loc: message``
    (:meth:`govsim.errors.Problem.__str__`). A message quoting the user's
    text may hold line feeds, so a line with no position that follows a
    positioned one is taken as its continuation; a line before any position,
    and every ``error:`` line (a refusal printed without a place), fails.
    """
    bad: list[str] = []
    positioned = False
    for line in stderr.splitlines():
        if not line.strip():
            continue
        match = _POSITIONED.match(line)
        if match and not line.startswith("error:") and Path(match["file"]).exists():
            positioned = int(match["line"]) >= 1 and int(match["col"]) >= 1
            if not positioned:
                bad.append(line)
        elif line.startswith("error:") or not positioned:
            bad.append(line)
    return bad


@dataclass
class Tree:
    """A copy of scenarios/ where mutants are written in place of their seeds."""

    root: Path
    users: dict[Path, tuple[Path, ...]] = field(default_factory=dict)
    """Each seed's path to the documents whose command exercises it."""

    @classmethod
    def make(cls, where: Path) -> Tree:
        """Copy scenarios/ into ``where``/scenarios and work out who uses what."""
        root = where / "scenarios"
        shutil.copytree(SCENARIOS, root)
        return cls(root, _users(seeds()))

    @contextmanager
    def holding(self, mutant: Mutant) -> Iterator[Path]:
        """Write the mutant in its seed's place; put the seed back afterwards."""
        path = self.root / mutant.seed.rel
        original = (SCENARIOS / mutant.seed.rel).read_bytes()
        path.write_text(mutant.text, encoding="utf-8")
        try:
            yield path
        finally:
            path.write_bytes(original)


def _book_files(ident: object, folder: Path) -> list[Path]:
    """A book's file and the files of the books it extends, from a seed's folder."""
    found: list[Path] = []
    while isinstance(ident, str):
        try:
            path = find_rulebook(ident, near=folder)
        except UsageError:
            break
        if path.resolve() in found:
            break
        found.append(path.resolve())
        seed = next(s for s in seeds() if SCENARIOS / s.rel == path.resolve())
        ident, folder = seed.data.get("extends"), path.parent
    return found


def _uses(seed: Seed) -> set[Path]:
    """The files a scenario or model reads besides itself."""
    folder = (SCENARIOS / seed.rel).parent
    used: set[Path] = set()
    if seed.kind == "sweep":
        target = seed.data.get("scenario") or seed.data.get("model")
    else:
        target = seed.data.get("organisation")
    if isinstance(target, str):
        used.add((folder / target).resolve())
    for ident in seed.data.get("rulebooks") or ():
        used.update(_book_files(ident, folder))
    return used


def _users(all_seeds: tuple[Seed, ...]) -> dict[Path, tuple[Path, ...]]:
    runnable = [s for s in all_seeds if s.kind in ("scenario", "sweep")]
    users: dict[Path, tuple[Path, ...]] = {}
    for seed in all_seeds:
        if seed.kind in ("scenario", "sweep"):
            users[seed.rel] = (seed.rel,)
            continue
        path = (SCENARIOS / seed.rel).resolve()
        direct = [s.rel for s in runnable if path in _uses(s)]
        # A model or book that no scenario uses is run by the sweep of a model using it.
        models = [s for s in all_seeds if s.kind == "model" and path in _uses(s)]
        via = [
            s.rel
            for s in runnable
            if s.kind == "sweep"
            and any((SCENARIOS / m.rel).resolve() in _uses(s) for m in models)
        ]
        users[seed.rel] = tuple(direct or via)
    return users


def _forget_loaded_targets() -> None:
    """Empty the sweep targets' per-process cache, as a new ``govsim`` process has it.

    :func:`govsim.sweeps.targets.load_target` keeps each target it loads for
    the life of the process, keyed by path alone; the commands run here in
    one process, on files that change between mutants, so without this a
    sweep would run the model an earlier mutant left in the cache.
    """
    from govsim.sweeps import targets

    targets._LOADED.clear()


def _invoke(args: list[str], limit: float) -> Command:
    _forget_loaded_targets()
    runner = CliRunner()
    try:
        with time_limit(limit):
            result = runner.invoke(app, args, catch_exceptions=True)
    except Hang as hang:
        return Command(tuple(args), Outcome.HANG, None, str(hang))
    code = result.exit_code
    exception = result.exception
    if exception is not None and not isinstance(exception, SystemExit):
        text = "".join(traceback.format_exception(exception))
        return Command(tuple(args), Outcome.TRACEBACK, code, text)
    if code not in (0, 1, 2):
        return Command(tuple(args), Outcome.TRACEBACK, code, result.output)
    if code != 2:
        return Command(tuple(args), Outcome.ACCEPTED, code, "")
    bad = judge_lines(result.stderr)
    if bad or not result.stderr.strip():
        shown = "\n".join(bad) or "(nothing on stderr)"
        return Command(tuple(args), Outcome.UNPOSITIONED, code, shown)
    return Command(tuple(args), Outcome.REFUSED, code, result.stderr)


def _sweep(spec: Path, out: Path, limit: float) -> Command:
    """``govsim sweep SPEC --runs 1``; a run that raised makes it FAILED_RUNS.

    A sweep counts a failed run and goes on (a run of a valid target should
    not fail; one that does met something the loaders let through), so the
    errors are read back from the results.
    """
    import pyarrow.parquet as pq

    shutil.rmtree(out, ignore_errors=True)
    args = ["sweep", str(spec), "--runs", "1", "--quiet", "--out", str(out)]
    try:
        command = _invoke(args, limit)
        if command.outcome is not Outcome.ACCEPTED:
            return command
        errors = sorted(
            {
                str(row["error"])
                for chunk in sorted(out.glob("*.parquet"))
                for row in pq.read_table(chunk, columns=["status", "error"]).to_pylist()
                if row["status"] != "ok"
            }
        )
        if errors:
            return Command(command.args, Outcome.FAILED_RUNS, 0, "\n".join(errors))
        return command
    finally:
        shutil.rmtree(out, ignore_errors=True)


def try_mutant(
    mutant: Mutant, tree: Tree, user: int = 0, limit: float = TIME_LIMIT
) -> Trial:
    """Write ``mutant`` into ``tree`` and run ``check`` and the command that uses it.

    Args:
        mutant: the document to try.
        tree: the copy of scenarios/ to write it in.
        user: which of the documents using it to run (an index, wrapped round).
        limit: seconds each command may take.
    """
    commands: list[Command] = []
    with tree.holding(mutant) as path:
        commands.append(_invoke(["check", str(path)], limit))
        users = tree.users[mutant.seed.rel]
        if users:
            chosen = tree.root / users[user % len(users)]
            if chosen.name.endswith(".sweep.yaml"):
                commands.append(_sweep(chosen, tree.root.parent / "sweep-out", limit))
            else:
                commands.append(_invoke(["run", str(chosen)], limit))
    return Trial(mutant, tuple(commands))
