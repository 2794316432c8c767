"""The institutional state the engine keeps while it replays acts.

Plain mutable dataclasses, iterated in sorted or insertion order only, so that
replay is deterministic. Time is counted in whole days from the scenario's
epoch (:class:`Calendar`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

from govsim.model.organisation import LEADERSHIP_KINDS, Organisation
from govsim.model.rulebook import Amendment

__all__ = [
    "Adoption",
    "BodyState",
    "Calendar",
    "CaseRecord",
    "CaseState",
    "CaseStep",
    "DecisionState",
    "MeasureState",
    "MeetingState",
    "ObligationState",
    "Orphaning",
    "PersonState",
    "SeatState",
    "Watch",
    "World",
]

Day = int


@dataclass(frozen=True)
class Calendar:
    """Converts dates to day numbers and back, from a fixed epoch."""

    epoch: dt.date
    _first: Day = field(init=False, repr=False, compare=False)
    _last: Day = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_first", self.day(dt.date.min))
        object.__setattr__(self, "_last", self.day(dt.date.max))

    def day(self, date: dt.date) -> Day:
        """Days from the epoch to ``date`` (negative before it)."""
        return (date - self.epoch).days

    def date(self, day: float) -> dt.date:
        """The date of day number ``day``, within the calendar's years 1 to 9999.

        A day beyond them is given as the calendar's last (or first) date. The
        engine counts in day numbers, which have no such end, so a deadline
        or cap counted from an act of 9999-12-01, or one of a million years,
        still works; only the date it is shown as stops at 9999-12-31.
        """
        whole = min(max(int(day), self._first), self._last)
        return self.epoch + dt.timedelta(days=whole)


_ON_ROLL = frozenset({"member", "on_leave"})
"""Statuses that count a person on the membership's roll."""


@dataclass(slots=True)
class PersonState:
    """A person's standing: status, tags, branch, and restrictions in force."""

    id: str
    status: str
    tags: tuple[str, ...] = ()
    branch: str | None = None
    restrictions: dict[str, str] = field(default_factory=dict, init=False)
    """Interim measure or sanction id to the scope it restricts.

    Every person starts with none; not a constructor argument, so building a
    world of thousands of persons skips the per-person test for a passed
    value (about 8% of :meth:`World.from_organisation`).
    """


@dataclass(slots=True)
class SeatState:
    """One person's term on one body; ``until`` is exclusive."""

    person: str
    start: Day | None
    until: Day | None
    appointer: str | None = None
    """The body that appointed the person (not elected), if any."""

    def held_on(self, day: Day) -> bool:
        """Whether the term covers ``day``."""
        return (self.start is None or self.start <= day) and (
            self.until is None or day < self.until
        )


@dataclass
class BodyState:
    """A body: kind, seats over time, and, for created bodies, where it came from."""

    id: str
    kind: str
    seats: list[SeatState] = field(default_factory=list)
    active: bool = True
    outside: bool = False
    constituents: tuple[str, ...] = ()
    """For a joint meeting: the bodies convened together."""
    created_by: str | None = None
    """The act that created it (None for bodies of the organisation document)."""
    creator: str | None = None
    """Who created it: the body or person acting in ``created_by``."""
    delegated: tuple[str, ...] = ()
    """Act kinds delegated to it by its creator."""
    size: int | None = None
    _terms: dict[str, list[SeatState]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _indexed: int = field(default=0, init=False, repr=False, compare=False)
    sittings: ClassVar[int] = 0
    """How many times any body's ``active`` has been set, in this process.

    Answers that depend on which bodies sit (who holds a case nobody owns)
    are kept with this count and recomputed once it moves: a body created,
    dissolved or disaffiliated anywhere makes them stale."""

    def __setattr__(self, name: str, value: object) -> None:
        if name == "active":
            BodyState.sittings += 1
        object.__setattr__(self, name, value)

    def terms_of(self, person: str) -> list[SeatState]:
        """A person's terms on this body, past and present, in seat order.

        Indexed by person, since a branch of a large organisation has
        thousands of seats and a resignation asks every body. Seats are only
        ever appended (a term ends by setting ``until``), so the index is
        rebuilt when the number of seats changes.
        """
        if self._indexed != len(self.seats):
            terms: dict[str, list[SeatState]] = {}
            for seat in self.seats:
                terms.setdefault(seat.person, []).append(seat)
            self._terms, self._indexed = terms, len(self.seats)
        return self._terms.get(person, [])

    @property
    def is_leadership(self) -> bool:
        """Whether a seat on this body counts as a leadership position."""
        return self.kind in LEADERSHIP_KINDS


@dataclass
class CaseState:
    """A case: its parties, what is under review, and its procedural record."""

    id: str
    complainants: tuple[str, ...]
    respondents: tuple[str, ...]
    subjects: tuple[str, ...]
    opened: Day
    conduct: Day
    basis: str = "conduct"
    """What the complaint charges: conduct, or protected speech, caucusing, dissent."""
    investigators: tuple[str, ...] = ()
    """The persons who investigate: a person assigned, the members an
    assignment names, and members of the investigating body who take part
    in its investigative steps (serving notice of charges before the first
    finding). Being on a body given the case is not enough."""
    investigator_body: str | None = None
    """The body (or person) assigned to investigate."""
    investigating_panel: tuple[str, ...] = ()
    """Who held a seat on the investigating body when it was assigned (a
    person assigned stands for themself): the composition it was given the
    case with, whether or not each of them investigates."""
    owner: str | None = None
    """The body responsible for the case now (investigator, or a successor)."""
    notices: list[tuple[str, Day, bool, int]] = field(default_factory=list)
    """(target, day, vague, number of charges)."""
    hearings: list[tuple[str, Day, str]] = field(default_factory=list)
    """(target, day, body)."""
    findings: list[tuple[str, Day, str, str]] = field(default_factory=list)
    """(target, day, body, finding)."""
    adjudicators: set[str] = field(default_factory=set)
    declared: dict[str, str] = field(default_factory=dict)
    recused: set[str] = field(default_factory=set)
    interferers: set[str] = field(default_factory=set)
    open: bool = True
    closed: tuple[Day, str] | None = None
    """(day, reason) once the case is closed."""

    @property
    def parties(self) -> tuple[str, ...]:
        """Complainants and respondents."""
        return self.complainants + self.respondents


@dataclass(frozen=True)
class CaseStep:
    """An act in a case that took effect, and who held the case when it was taken.

    Kept so that later acts can reach it (quashing a finding or a closure)
    and so that steps by someone outside the body handling the case can be
    told apart (``independent_handling``).
    """

    act: str
    kind: str
    day: Day
    actor: str
    case: str
    owner: str | None
    """The case's owner before the act (``None``: not yet given to anyone)."""
    holder: str | None
    """Who held the case before the act: its owner, else the body the book
    empowers to decide it."""
    decision_by: str | None = None
    """For an act on an earlier decision: the body or person who took it."""


@dataclass
class CaseRecord:
    """The record of a case: who has read it, which bodies were told, who keeps it.

    Readers are persons who saw the record (parties, those who took part in an
    act on the case, recipients of a disclosure); ``bodies`` were informed as
    bodies; ``members`` and ``public`` are set by wide statements. Custodians
    are the bodies that keep the record; whether their later members may read
    it is the rule book's ``records`` rule.
    """

    case: str
    readers: dict[str, Day] = field(default_factory=dict)
    """Person to the first day they read the record."""
    bodies: set[str] = field(default_factory=set)
    custodians: set[str] = field(default_factory=set)
    members: bool = False
    public: bool = False

    def read(self, persons: list[str] | tuple[str, ...], day: Day) -> list[str]:
        """Add readers; return those reading it for the first time."""
        new = [p for p in persons if p not in self.readers]
        for person in new:
            self.readers[person] = day
        return new


@dataclass
class DecisionState:
    """A sanction decided by a body, and what became of it."""

    act: str
    body: str
    case: str | None
    targets: tuple[str, ...]
    sanction: str
    day: Day
    office: str | None = None
    days: int | None = None
    """For timed suspensions and bars: how long they last once in effect."""
    effective: bool = False
    effective_at: Day | None = None
    """The day it first took effect (decided with immediate effect, or implemented)."""
    implemented: bool = False
    quashed: bool = False
    participants: tuple[str, ...] = ()
    vacated: list[tuple[str, str, Day | None, str | None]] = field(default_factory=list)
    """Terms the sanction ended: (person, body, the term's own end, appointer).

    Kept so that quashing or staying the sanction can give back the terms
    that have not run out by then."""


@dataclass
class MeasureState:
    """An interim measure (or a timed sanction) restricting some persons."""

    act: str
    body: str
    targets: tuple[str, ...]
    scope: str
    basis: str
    start: Day
    expires: Day | None
    """The last day in force (``None``: no stated end); it lapses the day after."""
    review_by: Day | None = None
    office: str | None = None
    active: bool = True
    renewals: int = 0
    case: str | None = None
    ended: tuple[Day, str] | None = None
    """(day, how) once it ended: ``lifted`` on review, ``reversed`` by a
    ratifying body, ``quashed``, ``stayed`` or ``altered`` with the decision
    it carried out, ``lapsed`` at its end date, ``converted`` into a sanction
    on the same person in its case, ``case_closed`` when its case closed. Reports date its end from this, not from effect
    sentences or timed events."""

    def stop(self, day: Day, how: str) -> None:
        """End the measure on ``day``, saying how (``lifted``, ``reversed``, ...)."""
        self.active = False
        self.ended = (day, how)


@dataclass
class MeetingState:
    """A recorded meeting: who called it, when it sits, who was told, who came.

    Notice is kept per person as every (day, written) notice given, so that
    the rule book's notice rule can ask whether any of them was enough.
    ``attendance`` is the record of who came (``None``: not recorded, taken as
    every seat holder able to sit; a number: only how many).
    """

    id: str
    act: str
    """The ``convene`` act that called it."""
    bodies: tuple[str, ...]
    joint: bool
    called_by: str
    called: Day
    sits: Day
    chair: str | None = None
    agenda: tuple[str, ...] = ()
    notices: dict[str, list[tuple[Day, bool]]] = field(default_factory=dict)
    """Person to the notices they were given: (day, written)."""
    notices_to_all: list[tuple[Day, bool]] = field(default_factory=list)
    """Notices given to everyone entitled: (day, written)."""
    waivers: dict[str, tuple[Day, bool]] = field(default_factory=dict)
    """Person to their waiver of notice: (day, written)."""
    attendance: tuple[str, ...] | int | None = None
    objections: frozenset[str] = frozenset()
    """Attendees who came only to object that the meeting was not properly called."""
    arrivals: dict[str, str] = field(default_factory=dict)
    departures: dict[str, str] = field(default_factory=dict)
    business: list[str] = field(default_factory=list)
    """Acts taken at the meeting so far, in order."""

    def notices_of(self, person: str) -> list[tuple[Day, bool]]:
        """Every notice the person was given, to them or to all."""
        return self.notices.get(person, []) + self.notices_to_all


@dataclass
class ObligationState:
    """A duty with a due day: a mandate, a procedural deadline, a review."""

    id: str
    kind: str
    obligee: str
    task: str
    due: Day
    source_act: str
    clause: str | None
    enforcement: str
    fulfilled_by: tuple[str, str | None]
    """(act kind, referenced id) of an act that discharges it."""
    status: str = "in_effect"
    """``in_effect``, ``fulfilled``, ``violated`` or ``abandoned``."""
    generation: int = 0
    case: str | None = None
    """The case of the act that created it; a follow-up act in that case discharges it."""
    body: str | None = None
    """The body whose seat the act that created it vacated (a resignation, a
    recall, a removal): an election or appointment to that body by the
    obligee discharges it."""
    report_days: int | None = None
    """Days to report to the mandator if missed, when the mandate states it."""
    mandator: str | None = None
    """The body that imposed it (a convention for its mandates), owed a report if missed."""
    history: list[tuple[Day, str, str]] = field(default_factory=list)
    """(day, event, detail): created, extended, transferred, fulfilled, violated,
    abandoned, reported — the obligation's lifecycle."""

    def log(self, day: Day, event: str, detail: str = "") -> None:
        """Record a lifecycle event."""
        self.history.append((day, event, detail))


@dataclass
class Orphaning:
    """A period in which nobody could act for a case or a duty.

    Its holder (a body, or a person) still exists but cannot act: every seat
    vacant, or every member suspended, barred, recused or conflicted. The
    period ends (``until``) when someone able holds it again, or when the case
    closes or the duty ends.
    """

    since: Day
    holder: str
    """Who held it when the period began or last changed (empty: nobody)."""
    why: str
    until: Day | None = None
    gone: bool = False
    """Whether its holder ceased to exist (dissolved, or no holder at all), as
    opposed to being unable to act for a while: nothing can refill a holder
    that is gone, so no period of grace applies."""


@dataclass(frozen=True)
class Adoption:
    """A change of the rule book by an ``amend_rules`` act: a reading, or its adoption.

    ``amendment`` carries the changes (its id is the act's); a first reading
    (``final`` false) changes nothing and is kept so that the adopting act can
    name it.
    """

    act: str
    by: str
    day: Day
    amendment: Amendment
    final: bool = True
    first_reading: str | None = None
    """The reading this one follows, as the act named it."""


@dataclass(frozen=True)
class Watch:
    """What the last responsibility watch read (see :mod:`govsim.engine.responsibility`).

    Kept so that an act changing only persons it did not read (a member with
    no seat on a body holding a case resigning) need not be watched again.
    """

    clauses: object
    """The clause set it judged under (compared by identity)."""
    setting: tuple[object, ...]
    """The day, and the state of bodies, cases and duties it saw."""
    persons: frozenset[str]
    """Everyone whose standing or seats its findings read."""


@dataclass
class World:
    """Everything the engine knows at one moment of a replay."""

    persons: dict[str, PersonState]
    bodies: dict[str, BodyState]
    cases: dict[str, CaseState] = field(default_factory=dict)
    decisions: dict[str, DecisionState] = field(default_factory=dict)
    measures: dict[str, MeasureState] = field(default_factory=dict)
    meetings: dict[str, MeetingState] = field(default_factory=dict)
    """Recorded meetings by id (called by a ``convene`` act that took effect)."""
    obligations: dict[str, ObligationState] = field(default_factory=dict)
    proposals: dict[str, dict[str, object]] = field(default_factory=dict)
    appeals: dict[str, str] = field(default_factory=dict)
    """Appeal act id to the decision act id it challenges."""
    appeal_decided: dict[str, Day] = field(default_factory=dict)
    """Decision act id to the day an appeal on it was last decided: a further
    appeal (to the next body up) is lodged within its window from then."""
    knowledge: dict[str, set[str]] = field(default_factory=dict)
    """Document id to the persons who have it (disclosures not tied to a case)."""
    records: dict[str, CaseRecord] = field(default_factory=dict)
    reports: dict[str, list[tuple[Day, str, str]]] = field(default_factory=dict)
    """Act or mandate id to reports on it: (day, by, to)."""
    ratifications: dict[str, tuple[Day, str, str]] = field(default_factory=dict)
    """Act id to (day, outcome, body) of its ratification or reversal."""
    activity: dict[str, list[tuple[Day, str]]] = field(default_factory=dict)
    """Person to their protected activity: complaints, disclosures, concerns
    raised, caucusing, appeals (day, what) — what ``non_retaliation`` protects."""
    hearings: list[tuple[str, Day, str, str | None, str | None]] = field(
        default_factory=list
    )
    """Every hearing, in a case or not: (person heard, day, body, case, the
    meeting it was held at)."""
    targets_of: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Act id to the persons it was done to, for acts that took effect."""
    steps: dict[str, CaseStep] = field(default_factory=dict)
    """Act id to the step it was in its case, for acts in a case that took
    effect and that later acts or checks look back on (findings, closings,
    interference, alterations, assignments)."""
    orphaned: dict[str, list[Orphaning]] = field(default_factory=dict)
    """``case:<id>`` or ``duty:<id>`` to the periods nobody could act for it
    (see :mod:`govsim.engine.responsibility`)."""
    absences: dict[str, tuple[Day, Day | None]] = field(default_factory=dict)
    relations: tuple[tuple[str, str, str, Day | None, Day | None], ...] = ()
    dissolved: bool = False
    adoptions: dict[str, Adoption] = field(default_factory=dict)
    """``amend_rules`` acts that took effect, by act id: readings and
    adoptions of changes to the rule book, in the order taken."""
    timers: list[tuple[str, str]] = field(default_factory=list)
    """(kind, id) of measures and obligations the replay must start watching."""
    default_holder: tuple[object, int, int, str | None] | None = field(
        default=None, repr=False, compare=False
    )
    """Who holds a case nobody owns, kept with what it was computed from: the
    clause set, :attr:`BodyState.sittings` and the number of bodies (see
    :func:`govsim.engine.responsibility.case_holder`)."""
    last_watch: Watch | None = field(default=None, repr=False, compare=False)
    """What the last responsibility watch read, to skip one that cannot differ."""
    _seated: dict[str, set[str]] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    """Person id to the bodies on which they ever held a seat, built on first use."""
    _shared_seats: set[str] = field(
        default_factory=set, init=False, repr=False, compare=False
    )
    """Bodies whose seat records a copy of this world still shares with the
    original (see :mod:`govsim.engine.worldcopy`): copied before a change."""

    def add_body(self, body: BodyState) -> None:
        """Add (or replace) a body; bodies created by acts come in here."""
        self.bodies[body.id] = body
        if self._seated is not None:
            for seat in body.seats:
                self._seated.setdefault(seat.person, set()).add(body.id)

    def _own_seats(self, body_id: str) -> BodyState:
        """The body, with seat records of its own (copied if still shared)."""
        body = self.bodies[body_id]
        if body_id in self._shared_seats:
            self._shared_seats.discard(body_id)
            body.seats = [
                SeatState(s.person, s.start, s.until, s.appointer) for s in body.seats
            ]
            body._terms, body._indexed = {}, 0
        return body

    def add_seat(self, body_id: str, seat: SeatState) -> None:
        """Give a person a new term on a body (terms are only ever appended)."""
        self._own_seats(body_id).seats.append(seat)
        if self._seated is not None:
            self._seated.setdefault(seat.person, set()).add(body_id)

    @classmethod
    def from_organisation(cls, org: Organisation, calendar: Calendar) -> World:
        """The state at the start of a replay, from the organisation document."""

        def day(d: dt.date | None) -> Day | None:
            return None if d is None else calendar.day(d)

        persons = {
            pid: PersonState(pid, p.status, p.tags, p.branch)
            for pid, p in org.persons.items()
        }
        bodies = {
            bid: BodyState(
                bid,
                b.kind,
                [
                    SeatState(s.person, day(s.start), day(s.until), s.appointed_by)
                    for s in b.seats
                ],
                outside=b.outside,
                size=b.size,
            )
            for bid, b in org.bodies.items()
        }
        relations = tuple(
            (r.kind, r.persons[0], r.persons[1], day(r.start), day(r.until))
            for r in org.relations
        )
        return cls(persons=persons, bodies=bodies, relations=relations)

    def record(self, case: str) -> CaseRecord:
        """The record of a case, created on first use."""
        rec = self.records.get(case)
        if rec is None:
            rec = self.records[case] = CaseRecord(case)
        return rec

    def holders(self, body_id: str, day: Day) -> list[str]:
        """Persons holding a seat on a body on a day, in seat order, once each."""
        body = self.bodies.get(body_id)
        if body is None:
            return []
        if body.kind == "membership":
            roll = [p for p, s in self.persons.items() if s.status in _ON_ROLL]
            roll.sort()
            return roll
        seen: dict[str, None] = {}
        for seat in body.seats:
            if seat.held_on(day):
                seen.setdefault(seat.person, None)
        return list(seen)

    def seats_of(self, person: str, day: Day) -> list[str]:
        """Bodies on which a person holds a seat on a day, sorted."""
        if self._seated is None:
            # Indexed once: a resignation asks this, and a large organisation
            # has thousands of bodies and seats the person never held.
            self._seated = {}
            for bid, body in self.bodies.items():
                for seat in body.seats:
                    self._seated.setdefault(seat.person, set()).add(bid)
        held = []
        for bid in self._seated.get(person, ()):
            seated = self.bodies.get(bid)
            if seated is None or seated.kind == "membership":
                continue
            for seat in seated.terms_of(person):
                if seat.held_on(day):
                    held.append(bid)
                    break
        return sorted(held)

    def vacate(self, person: str, body_id: str, day: Day) -> bool:
        """End the person's current term on a body; return whether one was held."""
        ended = False
        for seat in self._own_seats(body_id).terms_of(person):
            if seat.held_on(day):
                seat.until = day
                ended = True
        return ended

    def is_absent(self, person: str, day: Day) -> bool:
        """Whether an absence event covers the day."""
        span = self.absences.get(person)
        return (
            span is not None and span[0] <= day and (span[1] is None or day < span[1])
        )
