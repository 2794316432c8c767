"""What an invariant's check sees: one act just judged, a finished history, a book.

Checks read these views and yield :class:`Finding` records (a message and
witnesses); the monitor turns them into dated, named
:class:`~govsim.engine.trace.Breach` records.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from govsim.engine.context import ActContext
from govsim.engine.state import Calendar, CaseState, Day, World
from govsim.engine.trace import ActRecord, Verdict
from govsim.model.clauses import ClauseSet
from govsim.model.organisation import Organisation

__all__ = ["Ending", "Finding", "Seen", "Step", "Structure"]


@dataclass(frozen=True)
class Finding:
    """One breach as a check reports it: what is wrong and who or what shows it."""

    message: str
    witnesses: tuple[str, ...]
    at: dt.date | None = None
    """When it happened, if not at the act checked (deadline checks)."""


def finding(message: str, *witnesses: str | None, at: dt.date | None = None) -> Finding:
    """A finding; empty witnesses are dropped and repeats removed, order kept."""
    seen = tuple(dict.fromkeys(w for w in witnesses if w))
    return Finding(message, seen, at)


@dataclass(frozen=True)
class Step:
    """An act just judged (and applied if it took effect), for safety checks."""

    ctx: ActContext
    record: ActRecord

    @property
    def took_effect(self) -> bool:
        """Whether the act took effect (valid or irregular)."""
        return self.record.verdict != Verdict.VOID

    @property
    def world(self) -> World:
        """The state after the act."""
        return self.ctx.world

    @property
    def clauses(self) -> ClauseSet:
        """The clauses in force on the act's day."""
        return self.ctx.clauses

    @property
    def day(self) -> Day:
        """The act's day number."""
        return self.ctx.day

    @property
    def case(self) -> CaseState | None:
        """The act's case, if any."""
        return self.ctx.case

    @property
    def id(self) -> str:
        """The act's id."""
        return self.ctx.act_id


@dataclass(frozen=True)
class Seen:
    """What a deadline check needs to know of each act of the history."""

    record: ActRecord
    day: Day
    case: str | None
    actor_is_body: bool
    participants: tuple[str, ...]
    needs_power: bool
    refs: dict[str, str] = field(default_factory=dict)
    """The act's reference fields (decision, measure, mandate, about, subject, to)."""


@dataclass(frozen=True)
class Ending:
    """A finished replay, for deadline checks."""

    world: World
    calendar: Calendar
    clauses: ClauseSet
    """The clauses in force on the last day."""
    end: Day
    history: tuple[Seen, ...]

    def date(self, day: Day) -> dt.date:
        """The date of a day number."""
        return self.calendar.date(day)

    def acts(self, kind: str) -> list[Seen]:
        """Acts of one kind that took effect, in order."""
        return [
            s
            for s in self.history
            if s.record.act == kind and s.record.verdict != Verdict.VOID
        ]


@dataclass(frozen=True)
class Structure:
    """A rule book and its organisation, before any act, for structural checks."""

    clauses: ClauseSet
    organisation: Organisation
    at: dt.date
