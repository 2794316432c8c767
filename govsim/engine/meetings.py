"""Bodies as agents: they receive motions, meet on them, and say what happened.

Each body that decides something gets a SimPy process, its agent, with an
inbox of motions. The replay driver posts a motion and waits for the agent's
:class:`MeetingRecord` (made by :func:`govsim.engine.sitting.hold_meeting`):
who was present, who could vote, who recused, who was conflicted, and how the
vote went. Decision rules and recusal requirements are then judged on it.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import Any

import simpy

from govsim.engine.context import ActContext

__all__ = ["BodyAgent", "MeetingRecord", "Motion"]


@dataclass(frozen=True)
class MeetingRecord:
    """What happened in the meeting that took a decision.

    ``present`` are the persons recorded present (or taken to be, as
    ``notes`` say); ``entitled`` those of them who may vote on it;
    ``excluded`` the others, with why. ``participants`` took part in the
    decision, and every check of impartiality reads them; the quorum counts
    ``entitled`` and the tally the votes of entitled voters.
    """

    body: str
    seats: tuple[str, ...]
    """Everyone holding a seat that day (for a joint meeting, on any convened body)."""
    present: tuple[str, ...]
    """Persons present, by name (empty when attendance is only a number)."""
    entitled: tuple[str, ...]
    """Present, able to sit and not recused: who may vote on the act."""
    excluded: tuple[tuple[str, str], ...]
    """Present but not entitled to vote: (person, why)."""
    recused: tuple[str, ...]
    conflicted: tuple[tuple[str, tuple[str, ...]], ...]
    """Entitled and conflicted in the act's case: (person, reasons)."""
    participants: tuple[str, ...]
    """Who took part in the decision (voted, or are taken to have)."""
    yes: int
    no: int
    abstain: int
    tallied: bool
    """False when the scenario records no vote (taken as carried by the
    entitled who are not conflicted)."""
    headcount: int
    """How many were present: ``len(present)``, or the number recorded."""
    meeting: str | None = None
    """The recorded meeting the act was taken at (``None``: none recorded)."""
    call: str | None = None
    """The ``convene`` act that called that meeting, kept even when the call
    was void (and so left no meeting): the act depends on it."""
    yes_voters: tuple[str, ...] | None = None
    """Who voted for, when known (a roll call, unanimity, or no vote recorded)."""
    no_voters: tuple[str, ...] | None = None
    notes: tuple[str, ...] = ()
    """The defaults applied, in words, for the act's explanation."""

    @property
    def conflicted_ids(self) -> tuple[str, ...]:
        """Ids of the entitled members present with a conflict."""
        return tuple(p for p, _ in self.conflicted)

    @property
    def conflicted_participants(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The conflicted who took part in the decision, with the reasons."""
        taking = set(self.participants)
        return tuple(pair for pair in self.conflicted if pair[0] in taking)

    @property
    def named(self) -> bool:
        """Whether attendance is known by name (not only as a number)."""
        return len(self.present) == self.headcount


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
        meet: Callable[[ActContext], MeetingRecord],
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
