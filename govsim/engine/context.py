"""What a handler, a checker or a power test sees about the act being judged."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from govsim.engine.state import Calendar, CaseState, Day, World
from govsim.model.selectors import SeatSelector, TagSelector

if TYPE_CHECKING:
    from govsim.engine.meetings import MeetingRecord
    from govsim.model.acts import ActBase
    from govsim.model.clauses import ClauseSet
    from govsim.model.selectors import PersonSelector

__all__ = ["ActContext", "MeetingCall", "Targets", "resolve_selectors"]

_Model = TypeVar("_Model", bound="ActBase")


@dataclass(frozen=True)
class Targets:
    """What an act is done to: persons, bodies, and the body whose decision it touches."""

    persons: tuple[str, ...] = ()
    bodies: tuple[str, ...] = ()
    decision_body: str | None = None
    class_based: bool = False
    """True when some persons were selected as a class (by tag or past seat)."""

    def labels(self) -> tuple[str, ...]:
        """Everything targeted, for display."""
        if not self.bodies:
            return self.persons
        return self.persons + tuple(b for b in self.bodies if b not in self.persons)


def resolve_selectors(
    selectors: tuple[PersonSelector, ...], world: World, calendar: Calendar, day: Day
) -> tuple[tuple[str, ...], bool]:
    """Expand person selectors to ids (written order, then sorted ids), and flag classes."""
    chosen: dict[str, None] = {}
    class_based = False
    for sel in selectors:
        if isinstance(sel, str):
            chosen.setdefault(sel, None)
        elif isinstance(sel, TagSelector):
            class_based = True
            for pid in sorted(world.persons):
                if sel.tag in world.persons[pid].tags:
                    chosen.setdefault(pid, None)
        elif isinstance(sel, SeatSelector):
            class_based = True
            when = day if sel.during is None else calendar.day(sel.during)
            for pid in sorted(world.holders(sel.seat_on, when)):
                chosen.setdefault(pid, None)
    return tuple(chosen), class_based


@dataclass(frozen=True)
class MeetingCall:
    """A meeting as called by a ``convene`` act, whatever that act's verdict."""

    meeting: str
    act: str
    bodies: tuple[str, ...]
    joint: bool
    sits: Day

    def takes(self, actor: str) -> bool:
        """Whether ``actor`` acts at this meeting (a joint meeting acts in its own name)."""
        return actor == self.meeting if self.joint else actor in self.bodies


NO_TARGETS = Targets()
"""What an act is done to before its handler says (shared: targets are frozen)."""


@dataclass
class ActContext:
    """One act under judgement: the act, the state, the clauses in force, the meeting."""

    act: ActBase
    act_id: str
    kind: str
    world: World
    calendar: Calendar
    clauses: ClauseSet
    targets: Targets = NO_TARGETS
    meeting: MeetingRecord | None = None
    verdicts: dict[str, str] = field(default_factory=dict)
    """Verdicts of earlier acts, by id, for dependency checks."""
    calls: dict[str, MeetingCall] = field(default_factory=dict)
    """Every meeting called so far, by id, valid or not."""
    day: Day = field(init=False)
    """The act's day number (asked for per seat holder in large meetings)."""

    def __post_init__(self) -> None:
        self.day = self.calendar.day(self.act.at)

    def act_field(self, name: str) -> Any:
        """The act's field ``name``, or ``None`` when its kind has no such field.

        Reads the model's field dict directly: ``getattr`` with a default goes
        through pydantic's ``__getattr__`` and an exception for every absent
        field, which dominated the cost of simple acts in simulations.
        """
        return self.act.__dict__.get(name)

    def act_as(self, model: type[_Model]) -> _Model:
        """The act as model, the model of the act kinds its handler handles.

        A handler is registered by act kind, and the context holds any act; this
        says which model the handler reads, so that its reads are type-checked.

        Raises:
            TypeError: the act is not a model (a handler registered for a
                kind of another model).
        """
        act = self.act
        if not isinstance(act, model):
            raise TypeError(
                f"{self.act_id} is a {type(act).__name__}, not a {model.__name__}"
            )
        return act

    @property
    def date(self) -> dt.date:
        """The act's date."""
        return self.act.at

    @property
    def actor(self) -> str:
        """The id of the person or body performing the act."""
        return self.act.by

    @property
    def actor_is_body(self) -> bool:
        """Whether the actor is a body (rather than a person)."""
        return self.act.by in self.world.bodies

    @property
    def case(self) -> CaseState | None:
        """The case the act belongs to, directly or through the decision or measure it touches.

        A decision is a sanction, an interim measure, or a finding or closure
        (an act that took effect in its case).
        """
        case_id = self.act_field("case")
        if case_id is None:
            decision = self.decision_id()
            if decision is not None and decision in self.world.decisions:
                case_id = self.world.decisions[decision].case
            elif decision is not None and decision in self.world.measures:
                case_id = self.world.measures[decision].case
            elif decision is not None and decision in self.world.steps:
                case_id = self.world.steps[decision].case
            elif (measure := self.act_field("measure")) in self.world.measures:
                case_id = self.world.measures[measure].case
            elif (subject := self.act_field("subject")) is not None:
                # A ratification or reversal belongs to the case of what it confirms.
                held = self.world.decisions.get(subject) or self.world.measures.get(
                    subject
                )
                case_id = held.case if held is not None else None
        return self.world.cases.get(case_id) if case_id else None

    def decision_id(self) -> str | None:
        """The sanction decision this act concerns, directly or through an appeal."""
        decision: str | None = self.act_field("decision")
        if decision is None:
            appeal: str | None = self.act_field("appeal")
            if appeal:
                decision = self.world.appeals.get(appeal)
        return decision

    def meeting_call(self) -> MeetingCall | None:
        """The recorded meeting this act was taken at, if any.

        The one it names, else the only meeting called for the acting body
        that sits on the act's day (a scenario naming none is checked on
        loading to have at most one).
        """
        if not self.calls:
            return None
        named = self.act_field("meeting") if self.kind != "convene" else None
        if named is not None:
            return self.calls.get(named)
        if self.kind in {"convene", "waive_notice"}:
            return None
        for call in self.calls.values():
            if call.sits == self.day and call.takes(self.actor):
                return call
        return None

    def body_persons(self, body_id: str) -> list[str]:
        """Seat holders of a body today; a person id stands for itself."""
        if body_id in self.world.bodies:
            return self.world.holders(body_id, self.day)
        return [body_id] if body_id in self.world.persons else []

    def participants(self) -> tuple[str, ...]:
        """Who took part in the act: the meeting's participants, or the person acting."""
        if self.meeting is not None:
            return self.meeting.participants
        return () if self.actor_is_body else (self.actor,)
