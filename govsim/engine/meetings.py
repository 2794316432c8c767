"""Bodies as agents: they receive motions, convene, exclude the conflicted, count votes.

Each body that decides something gets a SimPy process, its agent, with an
inbox of motions. The replay driver posts a motion and waits for the agent's
:class:`MeetingRecord`: who sat, who recused, who was conflicted but stayed,
and how the vote went. Decision rules and recusal requirements are then judged
on that record.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import Any

import simpy

from govsim.engine.conflicts import conflicts_of
from govsim.engine.context import ActContext

__all__ = ["BodyAgent", "MeetingRecord", "Motion", "hold_meeting"]


@dataclass(frozen=True)
class MeetingRecord:
    """What happened in the meeting that took a decision."""

    body: str
    seats: tuple[str, ...]
    """Everyone holding a seat that day (for a joint meeting, on any convened body)."""
    present: tuple[str, ...]
    """Seat holders able to sit and in the room."""
    recused: tuple[str, ...]
    conflicted: tuple[tuple[str, tuple[str, ...]], ...]
    """Present, not recused, and conflicted: (person, reasons)."""
    participants: tuple[str, ...]
    """Who took part in the decision: present and not recused."""
    yes: int
    no: int
    abstain: int
    tallied: bool
    """False when the scenario records no vote (taken as carried by those present)."""
    outsiders: tuple[str, ...] = ()
    """Persons listed as present who hold no seat."""
    yes_voters: tuple[str, ...] | None = None
    """Who voted for, when known (a roll call, or unanimity of those present)."""
    no_voters: tuple[str, ...] | None = None

    @property
    def conflicted_ids(self) -> tuple[str, ...]:
        """Ids of the conflicted participants."""
        return tuple(p for p, _ in self.conflicted)


_SITTING = frozenset({"member", "non_member", "outside_party"})


def _sitting(ctx: ActContext, seats: tuple[str, ...], body: str) -> tuple[str, ...]:
    """The seat holders who may sit today: standing, not away, not barred.

    One comprehension with the lookups bound once, since a meeting of the
    whole membership asks this of every member; the rare absent or
    restricted person takes the slower checks.
    """
    world, day = ctx.world, ctx.day
    get, absences = world.persons.get, world.absences
    is_leadership = world.bodies[body].is_leadership
    office = f"office:{body}"
    return tuple(
        [
            person
            for person in seats
            if (state := get(person)) is not None
            and state.status in _SITTING
            and (person not in absences or not world.is_absent(person, day))
            and not (
                state.restrictions
                and _barred(state.restrictions, office, is_leadership)
            )
        ]
    )


def _barred(restrictions: dict[str, str], office: str, is_leadership: bool) -> bool:
    """Whether a restriction in force keeps its holder from sitting on the body."""
    return any(
        scope in {"membership", office}
        or (scope == "leadership_bodies" and is_leadership)
        for scope in restrictions.values()
    )


def hold_meeting(ctx: ActContext) -> MeetingRecord:
    """Convene the acting body for this act and count its vote."""
    world, body_id, day = ctx.world, ctx.actor, ctx.day
    body = world.bodies[body_id]
    if body.constituents:
        seats: dict[str, None] = {}
        for part in body.constituents:
            for person in world.holders(part, day):
                seats.setdefault(person, None)
        for person in world.holders(body_id, day):
            seats.setdefault(person, None)
        seat_list = tuple(seats)
    else:
        seat_list = tuple(world.holders(body_id, day))
    listed = ctx.act_field("present")
    sitting = _sitting(ctx, seat_list, body_id)
    if listed is not None:
        present = tuple(p for p in listed if p in seat_list)
        outsiders = tuple(p for p in listed if p not in seat_list)
    else:
        present, outsiders = sitting, ()
    case = ctx.case
    recused: tuple[str, ...] = ()
    conflicted: list[tuple[str, tuple[str, ...]]] = []
    if case is not None:
        recused = tuple(p for p in present if p in case.recused)
        appeal_of: tuple[str, ...] = ()
        decision = ctx.decision_id()
        if ctx.kind == "decide_appeal" and decision in world.decisions:
            appeal_of = world.decisions[decision].participants
        for person in present:
            if person in recused:
                continue
            why = conflicts_of(person, case, world, day, appeal_of=appeal_of)
            if why:
                conflicted.append((person, tuple(why)))
    # Nobody recused is the rule, and a meeting of the whole membership has
    # hundreds present: no need to copy them.
    participants = tuple(p for p in present if p not in recused) if recused else present
    vote = ctx.act_field("vote")
    yes_voters: tuple[str, ...] | None = participants
    no_voters: tuple[str, ...] | None = ()
    if vote is None or vote == "unanimous":
        yes, no, abstain = len(participants), 0, 0
        tallied = vote is not None
    else:
        yes, no, abstain = vote.counts()
        tallied = True
        yes_voters = no_voters = None
        if vote.is_roll_call:
            yes_voters, no_voters, _ = vote.names()
            voters = {p for group in vote.names() for p in group}
            participants = tuple(p for p in participants if p in voters) + tuple(
                sorted(voters - set(participants) - set(recused))
            )
            conflicted = [(p, w) for p, w in conflicted if p in voters]
    return MeetingRecord(
        body=body_id,
        seats=seat_list,
        present=present,
        recused=recused,
        conflicted=tuple(conflicted),
        participants=participants,
        yes=yes,
        no=no,
        abstain=abstain,
        tallied=tallied,
        outsiders=outsiders,
        yes_voters=yes_voters,
        no_voters=no_voters,
    )


@dataclass
class Motion:
    """A decision put to a body, and the event its agent answers on."""

    ctx: ActContext
    reply: simpy.Event


class BodyAgent:
    """A body's SimPy process: takes motions from its inbox and decides them in turn."""

    def __init__(
        self,
        env: simpy.Environment,
        body: str,
        meet: Callable[[ActContext], MeetingRecord] = hold_meeting,
    ) -> None:
        self.env = env
        self.body = body
        self.inbox: simpy.Store = simpy.Store(env)
        self._meet = meet
        self.meetings = 0
        env.process(self._run())

    def _run(self) -> Generator[simpy.Event, Any, None]:
        while True:
            motion: Motion = yield self.inbox.get()
            motion.reply.succeed(self.hold(motion.ctx))

    def hold(self, ctx: ActContext) -> MeetingRecord:
        """Meet on a motion now, outside the inbox.

        For a session whose clock has nothing else to run that day: the
        motion would be the only item in the inbox, so meeting at once is
        what the agent's process would do, without the SimPy round trip.
        """
        self.meetings += 1
        return self._meet(ctx)

    def put(self, ctx: ActContext) -> simpy.Event:
        """Post a motion; the returned event fires with the meeting record."""
        reply = self.env.event()
        self.inbox.put(Motion(ctx, reply))
        return reply
