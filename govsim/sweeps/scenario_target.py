"""A scenario as a sweep target: its history replayed with random absences.

A scenario file is a fixed history, so replaying it twice gives the same
verdicts. Sweeping it asks how robust a rule book is to who turns up: with
the ``absence`` parameter, each person is away with that probability on each
day a body decides an act, drawn from the run's seed. Absent people do not
count as present (so quorums can fail); an act that lists who attended, or a
roll-call vote, loses the absent names too, since they could not have been
there. Tallies given only as counts, and ``unanimous`` votes, stay as written.

The measures come from the replay's verdicts, violations, invariant breaches
and :mod:`govsim.findings.outcomes`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final, get_args

from govsim.documents import did_you_mean
from govsim.errors import UsageError
from govsim.sweeps.targets import Book, Record, find_book

__all__ = ["ScenarioTarget", "load_scenario_target"]

DEFAULTS: Final[dict[str, float]] = {"absence": 0.0}
"""The scenario target's parameters and their defaults."""
VERDICTS: Final = ("valid", "irregular", "void")


class ScenarioTarget:
    """A loaded scenario, replayed under a book with absences drawn from a seed."""

    def __init__(self, path: Path) -> None:
        from govsim.invariants import choose
        from govsim.model.common import PersonStatus
        from govsim.model.loading import load_scenario

        self.loaded = load_scenario(path)
        self.path = path
        self._books: dict[str, Any] = dict(self.loaded.rulebooks)
        self._invariants = tuple(inv.name for inv, _ in choose(self.loaded.scenario))
        self._statuses: tuple[str, ...] = get_args(PersonStatus)

    @property
    def id(self) -> str:
        """The scenario's id."""
        return self.loaded.id

    def rulebooks(self) -> tuple[str, ...]:
        """The books the scenario lists."""
        return tuple(self.loaded.rulebooks)

    def book(self, ref: str, base: Path) -> Book:
        """A book the scenario lists, by id, or a rule book file found from the spec."""
        return find_book(
            ref,
            base,
            self.rulebooks(),
            f"scenario {self.id}",
            lambda path: str(self._resolved(path).id),
            self.path,
        )

    def _resolved(self, key: str) -> Any:
        # A worker process meets a book file first here, not in book().
        if key not in self._books:
            from govsim.model.loading import load_rulebook_for

            self._books[key] = load_rulebook_for(key, self.loaded.organisation)
        return self._books[key]

    def parameters(self) -> Mapping[str, int | float | str | bool]:
        """``absence``: the chance each person is away on each day of decisions."""
        return dict(DEFAULTS)

    def check(self, params: Mapping[str, object]) -> None:
        """Refuse unknown parameters and an absence outside [0, 1]."""
        for name, value in params.items():
            if name not in DEFAULTS:
                raise UsageError(
                    f"unknown parameter '{name}' for scenario {self.id}"
                    f"{did_you_mean(name, DEFAULTS)} (it has: {', '.join(DEFAULTS)})"
                )
            if (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or not 0 <= value <= 1
            ):
                raise UsageError(
                    f"parameter '{name}' is a probability between 0 and 1, "
                    f"not {value!r}"
                )

    def measures(self) -> tuple[str, ...]:
        """Verdicts, violations, breaches and prevented ones, cases and statuses."""
        return (
            *(f"acts.{v}" for v in VERDICTS),
            "violations",
            "deadlines_missed",
            "breaches",
            *(f"breaches.{name}" for name in self._invariants),
            "prevented",
            *(f"prevented.{name}" for name in self._invariants),
            "open_cases",
            "cases_resolved",
            "days_to_resolution",
            *(f"status.{s}" for s in self._statuses),
            "absences",
        )

    def run(self, book: str, *, params: Mapping[str, object], seed: int) -> Record:
        """Replay once under the book with absences drawn from ``seed``."""
        from govsim.findings.outcomes import measure
        from govsim.running import run

        self.check(params)
        chance = params.get("absence", DEFAULTS["absence"])
        assert isinstance(chance, int | float)  # check() has made sure
        away = self._draw_absences(float(chance), random.Random(seed))
        loaded = self._with_absences(away) if away else self.loaded
        result = run(loaded, self._resolved(book))
        outcomes = measure(result)
        verdicts = dict.fromkeys(VERDICTS, 0)
        for act in result.trace.acts:
            verdicts[act.verdict.value] += 1
        breaches = [b.invariant for b in result.trace.breaches]
        record: Record = {f"acts.{v}": n for v, n in verdicts.items()}
        record |= {
            "violations": len(result.violations),
            "deadlines_missed": len(outcomes.deadlines_missed),
            "breaches": len(breaches),
        }
        record |= {f"breaches.{n}": breaches.count(n) for n in self._invariants}
        prevented = [b.invariant for b in result.trace.prevented]
        record["prevented"] = len(prevented)
        record |= {f"prevented.{n}": prevented.count(n) for n in self._invariants}
        resolved = [t for t in outcomes.timings if t.days is not None]
        first = outcomes.timings[0] if outcomes.timings else None
        record |= {
            "open_cases": len(outcomes.open_cases),
            "cases_resolved": len(resolved),
            "days_to_resolution": first.days if first is not None else None,
        }
        statuses = [p.status for p in outcomes.parties]
        record |= {f"status.{s}": statuses.count(s) for s in self._statuses}
        record["absences"] = sum(len(people) for people in away.values())
        return record

    def _draw_absences(
        self, chance: float, rng: random.Random
    ) -> dict[dt.date, tuple[str, ...]]:
        """Who is away on each day a body decides an act.

        A draw is made for every person on every such day, in a fixed order,
        even for those the scenario already has away, so the stream does not
        shift with the scenario's own absences.
        """
        if chance <= 0:
            return {}
        org = self.loaded.organisation
        days = sorted({a.at for a in self.loaded.scenario.acts if a.by in org.bodies})
        people = sorted(org.persons)
        away: dict[dt.date, tuple[str, ...]] = {}
        for day in days:
            drawn = [p for p in people if rng.random() < chance]
            chosen = tuple(p for p in drawn if not self._already_away(p, day))
            if chosen:
                away[day] = chosen
        return away

    def _already_away(self, person: str, day: dt.date) -> bool:
        # The engine keeps one absence per person, so a drawn one-day absence
        # must not replace a longer one the scenario states.
        for event in self.loaded.scenario.events:
            if (
                event.event == "absence"
                and person in event.persons
                and event.at <= day
                and (event.until is None or day < event.until)
            ):
                return True
        return False

    def _with_absences(self, away: Mapping[dt.date, tuple[str, ...]]) -> Any:
        from govsim.model.scenario import Event

        s = self.loaded.scenario
        events = [
            Event(at=day, event="absence", persons=people, until=day + dt.timedelta(1))
            for day, people in away.items()
        ]
        acts = tuple(_without(act, away.get(act.at, ())) for act in s.acts)
        scenario = s.model_copy(update={"events": (*s.events, *events), "acts": acts})
        return dataclasses.replace(self.loaded, scenario=scenario)


def _without(act: Any, away: tuple[str, ...]) -> Any:
    """The act as it would have been without the absent people in the room."""
    if not away:
        return act
    update: dict[str, Any] = {}
    present = getattr(act, "present", None)
    if present is not None:
        update["present"] = tuple(p for p in present if p not in away)
    vote = getattr(act, "vote", None)
    if vote is not None and not isinstance(vote, str) and vote.is_roll_call:
        names = dict(zip(("yes", "no", "abstain"), vote.names(), strict=True))
        kept = {k: tuple(p for p in v if p not in away) for k, v in names.items()}
        update["vote"] = vote.model_copy(update=kept)
    return act.model_copy(update=update) if update else act


def load_scenario_target(path: Path) -> ScenarioTarget:
    """Read a scenario file as a sweep target (a DocumentError if it is invalid)."""
    return ScenarioTarget(path)
