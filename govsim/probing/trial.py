"""A design under test, and one history being tried on it act by act.

A :class:`Design` is what a property is about: an organisation and a rule
book, with the files they came from (so a counterexample can point at them).
A :class:`Trial` grows one history on a design: each attempted act is built
from the vocabulary, judged by a replay session and checked by the invariant
monitor, exactly as ``govsim run`` would judge the same acts read from a file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govsim.engine.replay import Session, Trace
from govsim.engine.state import Calendar, World
from govsim.engine.trace import ActRecord, Breach
from govsim.invariants import Monitor
from govsim.model.clauses import ResolvedBook
from govsim.model.organisation import Organisation
from govsim.model.selectors import BodyKindActor, JointActor, PersonActor
from govsim.probing.vocabulary import Ledger, build

if TYPE_CHECKING:
    from govsim.invariants.base import Invariant, ParamValue
    from govsim.model.acts import ActBase
    from govsim.model.rulebook import RuleBook

__all__ = ["Chosen", "Design", "Trial", "empowered", "first_day"]

Chosen = Sequence[tuple["Invariant", dict[str, "ParamValue"]]]


@dataclass(frozen=True)
class Design:
    """An organisation and a rule book to test, and the files they came from.

    Without a path, a counterexample carries the document inline; a rule
    book then needs its ``document`` (a variant drawn by a strategy has one).
    """

    organisation: Organisation
    book: ResolvedBook
    organisation_path: Path | None = None
    book_path: Path | None = None
    document: RuleBook | None = None


def first_day(design: Design) -> dt.date:
    """The day after every dated seat, relation and amendment (2 January 2020 at the earliest).

    On it the book's latest text and every declared relation are in force,
    but a body whose seats have all ended is empty, so it is only one of the
    days the default start is chosen from
    (:func:`govsim.probing.startday.start_day`).
    """
    org = design.organisation
    dates = [dt.date(2020, 1, 1)]
    for body in org.bodies.values():
        dates += [d for s in body.seats for d in (s.start, s.until) if d]
    dates += [d for r in org.relations for d in (r.start, r.until) if d]
    dates += [a.in_force for a in design.book.amendments]
    return max(dates) + dt.timedelta(days=1)


def empowered(
    book: ResolvedBook, world: World, calendar: Calendar, day: dt.date, kind: str
) -> tuple[str, ...]:
    """Persons and bodies the book grants ``kind`` to on ``day``, in book order.

    Searches try these first: most histories that break a design are made of
    acts someone was allowed to do.
    """
    today = calendar.day(day)
    found: dict[str, None] = {}
    for _, power in book.clauses_on(day).grants.get(kind, ()):
        by = power.by
        if isinstance(by, str):
            found.setdefault(by, None)
        elif isinstance(by, BodyKindActor):
            for bid, body in world.bodies.items():
                if body.kind in by.kind:
                    found.setdefault(bid, None)
        elif isinstance(by, PersonActor):
            pool = (
                [p for b in by.bodies for p in world.holders(b, today)]
                if by.person == "seat_holder"
                else list(world.persons)
            )
            for pid in pool:
                found.setdefault(pid, None)
        elif isinstance(by, JointActor):
            continue  # a joint meeting exists only once convened
    return tuple(a for a in found if a in world.bodies or a in world.persons)


@dataclass
class Trial:
    """One history being grown on a design, judged and checked as it grows."""

    design: Design
    chosen: Chosen
    start: dt.date
    ledger: Ledger = field(init=False)
    session: Session = field(init=False)
    acts: list[tuple[str, ActBase]] = field(default_factory=list)
    day: dt.date = field(init=False)

    def __post_init__(self) -> None:
        d = self.design
        monitor = Monitor(self.chosen, d.organisation, d.book) if self.chosen else None
        self.ledger = Ledger(d.organisation)
        self.session = Session(d.organisation, d.book, self.start, monitor)
        self.day = self.start

    @property
    def breaches(self) -> list[Breach]:
        """Invariants broken so far (structural ones from the start on)."""
        monitor = self.session.monitor
        return monitor.breaches if monitor is not None else []

    def empowered(self, kind: str) -> tuple[str, ...]:
        """Persons and bodies the book grants ``kind`` to today (see :func:`empowered`)."""
        return empowered(
            self.design.book, self.session.world, self.session.cal, self.day, kind
        )

    def attempt(self, kind: str, chosen: Mapping[str, Any], gap: int = 0) -> ActRecord:
        """Build the act ``gap`` days after the last one and replay it."""
        self.day += dt.timedelta(days=gap)
        day_number = self.session.cal.day(self.day)
        act_id, act = build(
            kind,
            chosen,
            self.day,
            self.ledger,
            lambda body: self.session.world.holders(body, day_number),
        )
        self.acts.append((act_id, act))
        return self.session.perform(act_id, act)

    def close(self, horizon: int) -> Trace:
        """Run the clock ``horizon`` days past the last act; deadline invariants run."""
        return self.session.finish(self.end(horizon))

    def end(self, horizon: int) -> dt.date:
        """The last day of the history for a given horizon."""
        return self.day + dt.timedelta(days=horizon)
