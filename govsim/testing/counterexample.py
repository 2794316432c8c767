"""Counterexamples as scenario files, replayed before anyone sees them.

A property that fails leaves a history: dated acts on a design. It is written
as an ordinary scenario file — the organisation and rule book by relative
path (or inline when they exist only in memory), the acts, the invariants
checked, and an ``expect:`` block stating each act's verdict and the breach
with its witnesses — so ``govsim run`` replays it and ``pytest`` keeps it as a
regression test. The file is written beside its destination first and
replayed with the ordinary loader; only a file that reproduces the breach is
moved into place. One that does not is a bug in govsim, and is reported as one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from govsim.documents.writing import dump_yaml
from govsim.engine.trace import ActRecord, Breach
from govsim.errors import GovsimError
from govsim.model.acts import ActBase
from govsim.probing.scenariofiles import (
    act_data,
    organisation_entry,
    rulebook_entry,
    write_replayed,
)
from govsim.probing.trial import Chosen, Design, Trial

__all__ = ["Counterexample", "CounterexampleMismatchError"]


class CounterexampleMismatchError(GovsimError, RuntimeError):
    """A counterexample file did not replay to the breach it was written for.

    This is a bug in govsim (the search and the replay disagree), never a
    problem with the user's documents.
    """


@dataclass(frozen=True)
class Counterexample:
    """A history on a design that breaks an invariant, ready to be written."""

    design: Design
    chosen: Chosen
    acts: tuple[tuple[str, ActBase], ...]
    records: tuple[ActRecord, ...]
    breach: Breach
    start: dt.date
    end: dt.date

    @classmethod
    def from_trial(cls, trial: Trial, breach: Breach, horizon: int) -> Counterexample:
        """The history a trial grew, as it stands, for a breach found in it.

        A deadline breach needs the history to run ``horizon`` days past its
        last act to reappear; a safety breach ends with the act that made it.
        """
        days = horizon if breach.kind == "deadline" else 0
        return cls(
            design=trial.design,
            chosen=tuple(trial.chosen),
            acts=tuple(trial.acts),
            records=tuple(trial.session.trace.acts),
            breach=breach,
            start=trial.start,
            end=trial.end(days),
        )

    @property
    def horizon(self) -> int:
        """Days the history runs past its last act."""
        return (self.end - self.acts[-1][1].at).days if self.acts else 0

    def save(self, out: Path) -> tuple[Counterexample, Path]:
        """Minimise, write and replay; return the minimal counterexample and its path.

        ``out`` is a ``.yaml`` file, or a folder for the default file name.
        """
        minimal = self.minimised(self.horizon)
        target = out if out.suffix in {".yaml", ".yml"} else out / minimal.file_name()
        return minimal, minimal.write(target)

    @property
    def invariant(self) -> str:
        """The name of the broken invariant."""
        return self.breach.invariant

    def minimised(self, horizon: int) -> Counterexample:
        """The same breach from the smallest history :func:`minimise` finds."""
        from govsim.testing.minimise import minimise

        acts, trace, breach = minimise(
            self.design,
            self.chosen,
            list(self.acts),
            self.start,
            self.invariant,
            lambda last: last + dt.timedelta(days=horizon),
        )
        return replace(
            self,
            acts=tuple(acts),
            records=tuple(trace.acts),
            breach=breach,
            end=acts[-1][1].at + dt.timedelta(days=horizon),
        )

    def file_name(self) -> str:
        """A default file name: the book and the invariant."""
        return f"{self.design.book.id}-{self.invariant}.govsim.yaml"

    def document(self, directory: Path) -> dict[str, Any]:
        """The scenario as plain data, with paths relative to ``directory``."""
        d = self.design
        book = rulebook_entry(d, directory)
        chosen: list[Any] = [
            name if not params else {name: params}
            for name, params in ((inv.name, dict(p)) for inv, p in self.chosen)
        ]
        expect = {
            "verdicts": {r.id: r.verdict.value for r in self.records},
            "invariants": {"broken": {self.invariant: list(self.breach.witnesses)}},
        }
        return {
            "schema_version": 1,
            "scenario": f"counterexample-{self.invariant}".replace("_", "-"),
            "title": f"{self.invariant} broken under {d.book.id}",
            "description": self.breach.message,
            "organisation": organisation_entry(d, directory),
            "rulebooks": [book],
            "start": self.start,
            "end": self.end,
            "invariants": chosen,
            "acts": [act_data(act) for _, act in self.acts],
            "expect": {d.book.id: expect},
        }

    def text(self, directory: Path) -> str:
        """The scenario file's text."""
        header = (
            f"Counterexample found by govsim: {self.invariant} is broken under "
            f"rule book {self.design.book.id}\n"
            f"after {len(self.acts)} act(s): {self.breach.message}\n"
            "Replay it with: govsim run <this file>"
        )
        return dump_yaml(self.document(directory), header=header)

    def write(self, path: Path) -> Path:
        """Write the scenario to ``path`` after checking that it replays.

        Raises:
            CounterexampleMismatchError: the written file does not reproduce the
                breach (a govsim bug; the file is not left behind).
            UsageError: the system refuses to create the folder or the file.
        """
        return write_replayed(path, self.text(path.parent), self._verify, "--out")

    def _verify(self, draft: Path) -> None:
        from govsim.running import run

        result = run(draft, self.design.book.id)
        unmet = [c for c in result.expectations if not c.met]
        if unmet or not any(
            b.invariant == self.invariant and b.witnesses == self.breach.witnesses
            for b in result.trace.breaches
        ):
            found = ", ".join(
                f"{b.invariant}{list(b.witnesses)}" for b in result.trace.breaches
            )
            raise CounterexampleMismatchError(
                f"the counterexample for {self.invariant} under {self.design.book.id} "
                f"does not replay: {'; '.join(f'{c.description} (found {c.actual})' for c in unmet) or 'breach missing'} "
                f"(replay found: {found or 'no breach'}). This is a bug in govsim; "
                "please report it with the seed."
            )
