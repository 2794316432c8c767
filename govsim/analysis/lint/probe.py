"""Ask the engine's own power test about acts nobody has performed yet.

Lint asks questions about every possible act ("can the executive ever suspend
a member of the disciplinary committee?"); the engine's power test answers
them for one concrete act. A :class:`Probe` bridges the two: it builds a world
from the organisation with stand-ins — a member with no seat, a member seated
on each body, a joint meeting for each joint actor the book names, a case
whose respondent is the seatless stand-in, and an appealed decision of each
body — and judges hand-built acts against it with
:func:`govsim.engine.powers.check_power`. Grants, disabilities, selectors and
conditions are therefore matched exactly as replay matches them; nothing here
re-reads a selector by itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any, get_args

from govsim.engine.acts import HANDLERS
from govsim.engine.checks import applies
from govsim.engine.context import ActContext
from govsim.engine.powers import PowerOutcome, actor_matches, check_power
from govsim.engine.state import (
    BodyState,
    Calendar,
    CaseState,
    DecisionState,
    PersonState,
    SeatState,
    World,
)
from govsim.model.common import SanctionKind
from govsim.model.selectors import JointActor

if TYPE_CHECKING:
    from pydantic import TypeAdapter

    from govsim.model.acts import ActBase
    from govsim.model.clauses import ClauseSet
    from govsim.model.organisation import Organisation
    from govsim.model.requirements import Requirement
    from govsim.model.selectors import ActorSelector

__all__ = ["CASE", "OUTSIDER", "STAND_IN", "Probe", "joint_id", "sanctions_of"]

STAND_IN = "lint.member"
"""A member in good standing who holds no seat, respondent in :data:`CASE`."""
OUTSIDER = "lint.outsider"
"""A person from outside the organisation, complainant in :data:`CASE`."""
CASE = "lint.case"
"""A case open against :data:`STAND_IN`, for acts that need one."""
_PREFIX = "lint."


def joint_id(selector: JointActor) -> str:
    """The id of the stand-in joint meeting for a joint actor."""
    return _PREFIX + "joint." + ".".join(selector.joint_of)


def sanctions_of(person: str) -> list[dict[str, Any]]:
    """A sanction of every kind against ``person`` in :data:`CASE`, heaviest first."""
    return [
        {"act": "sanction", "case": CASE, "targets": [person], "sanction": kind}
        for kind in reversed(get_args(SanctionKind))
    ]


@cache
def _acts() -> TypeAdapter[Any]:
    from pydantic import TypeAdapter

    from govsim.model.acts import Act

    return TypeAdapter(Act)


def _joint_actors(clauses: ClauseSet) -> list[JointActor]:
    found: dict[JointActor, None] = {}
    for clause in clauses.clauses:
        selectors = [
            *(p.by for p in (*clause.powers, *clause.disabilities)),
            *(r.by for r in clause.decides),
            *(r.by for r in clause.requires),
        ]
        for by in selectors:
            if isinstance(by, JointActor):
                found.setdefault(by, None)
    return list(found)


class Probe:
    """An organisation with stand-ins, on which hand-built acts are judged.

    Args:
        organisation: the organisation the book runs on.
        clauses: the clauses in force to judge against.
        day: the day acts are dated; seats of the organisation are read then.
    """

    def __init__(
        self, organisation: Organisation, clauses: ClauseSet, day: dt.date
    ) -> None:
        self.organisation = organisation
        self.clauses = clauses
        self.day = day
        self.calendar = Calendar(day)
        self.world = World.from_organisation(organisation, self.calendar)
        self._matching: dict[ActorSelector, frozenset[str]] = {}
        world = self.world
        world.persons[STAND_IN] = PersonState(STAND_IN, "member")
        world.persons[OUTSIDER] = PersonState(OUTSIDER, "outside_party")
        for joint in _joint_actors(clauses):
            ident = joint_id(joint)
            world.add_body(
                BodyState(ident, "joint_meeting", constituents=joint.joint_of)
            )
        for bid, body in list(world.bodies.items()):
            decision = self.decision(bid)
            world.decisions[decision] = DecisionState(
                act=decision,
                body=bid,
                case=CASE,
                targets=(STAND_IN,),
                sanction="expel",
                day=0,
            )
            world.appeals[self.appeal(bid)] = decision
            if body.kind in {"membership", "joint_meeting"}:
                continue
            holder = self.seated(bid)
            outside = body.outside or body.kind == "external_panel"
            status = "outside_party" if outside else "member"
            world.persons[holder] = PersonState(holder, status)
            world.add_seat(bid, SeatState(holder, None, None))
        world.cases[CASE] = CaseState(
            CASE,
            complainants=(OUTSIDER,),
            respondents=(STAND_IN,),
            subjects=(),
            opened=0,
            conduct=0,
        )

    @staticmethod
    def seated(body: str) -> str:
        """The stand-in who holds a seat on ``body`` (and on no other).

        A member, or an outside party for a body whose members come from outside.
        """
        return f"{_PREFIX}seat.{body}"

    @staticmethod
    def appeal(body: str) -> str:
        """The stand-in appeal against a decision of ``body``, in :data:`CASE`."""
        return f"{_PREFIX}appeal.{body}"

    @staticmethod
    def decision(body: str) -> str:
        """The stand-in sanction decided by ``body`` against the stand-in member."""
        return f"{_PREFIX}decision.{body}"

    def actors(self) -> list[str]:
        """Every body and person of the probe world, stand-ins included."""
        return [*self.world.bodies, *self.world.persons]

    def act(self, actor: str, data: Mapping[str, Any]) -> ActBase:
        """A scenario act by ``actor`` on the probe's day, from its fields."""
        fields = {"id": f"{_PREFIX}act", "at": self.day, "by": actor, **data}
        act: ActBase = _acts().validate_python(fields)
        return act

    def context(self, act: ActBase) -> ActContext:
        """The context the engine would judge ``act`` in, targets resolved."""
        ctx = ActContext(
            act=act,
            act_id=act.id or f"{_PREFIX}act",
            kind=act.act,
            world=self.world,
            calendar=self.calendar,
            clauses=self.clauses,
        )
        ctx.targets = HANDLERS[act.act].targets(ctx)
        return ctx

    def power(self, actor: str, data: Mapping[str, Any]) -> PowerOutcome:
        """The engine's power test of one act by ``actor``."""
        return check_power(self.context(self.act(actor, data)))

    def first_grant(
        self, actor: str, variants: Iterable[Mapping[str, Any]]
    ) -> PowerOutcome | None:
        """The first of several acts by ``actor`` that some grant empowers."""
        for data in variants:
            outcome = self.power(actor, data)
            if outcome.granted:
                return outcome
        return None

    def applies(
        self, requirement: Requirement, actor: str, data: Mapping[str, Any]
    ) -> bool:
        """Whether a requirement governs this act by ``actor`` (its ``by`` and sanctions)."""
        return applies(requirement, self.context(self.act(actor, data)))

    def matching(self, selector: ActorSelector) -> frozenset[str]:
        """Every actor of the probe world the selector describes.

        A case's parties are the stand-in respondent and complainant of :data:`CASE`.
        """
        cached = self._matching.get(selector)
        if cached is None:
            cached = frozenset(
                actor
                for actor in self.actors()
                if actor_matches(
                    selector,
                    self.context(self.act(actor, {"act": "recuse", "case": CASE})),
                )
            )
            self._matching[selector] = cached
        return cached

    def is_stand_in(self, ident: str) -> bool:
        """Whether an id is one of the probe's stand-ins."""
        return ident.startswith(_PREFIX)
