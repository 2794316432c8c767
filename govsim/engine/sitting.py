"""A body sits on an act: who is present, who may vote, who took part, how it went.

:func:`hold_meeting` turns what the scenario records — the meeting, its
attendance, the vote — into one :class:`MeetingRecord`, and says in words
every default it applies. The defaults:

* **no meeting recorded**: the act is taken as a meeting of the body that day;
* **no attendance recorded**: those named in a roll call; with none, every
  seat holder able to sit and not away; for a vote given as numbers, at least
  as many as voted;
* **no vote recorded**: carried by those present and entitled to vote who
  have no conflict in the case; the conflicted are taken to have stood aside;
* **a vote given as numbers**: if the unconflicted present could have cast
  every vote, the conflicted are taken not to have voted; otherwise some of
  them must have, and all are taken to have taken part.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from govsim.engine.attendance import (
    at_most,
    exclusion,
    meeting_attendance,
    seat_holders,
    sitting,
)
from govsim.engine.conflicts import conflicts_of
from govsim.engine.context import ActContext
from govsim.engine.meetings import MeetingRecord
from govsim.model.votes import Tally

__all__ = ["hold_meeting"]


@dataclass(frozen=True)
class _Where:
    """Where the act was taken: the meeting's record, if any, and the call."""

    meeting: str | None
    call: str | None
    note: str
    attendance: tuple[str, ...] | int | None


def _where(ctx: ActContext) -> _Where:
    """The recorded meeting (or none), the act that called it, and the sentence saying so."""
    call = ctx.meeting_call()
    meeting = ctx.world.meetings.get(call.meeting) if call is not None else None
    called = call.act if call is not None else None
    date = f"{ctx.date.day} {ctx.date:%B %Y}"  # "%-d" is not portable
    if meeting is None:
        note = f"no meeting recorded: taken as a meeting of {ctx.actor} on {date}"
        return _Where(None, called, note, None)
    what = "joint meeting" if meeting.joint else "meeting"
    note = f"taken at {what} {meeting.id} of {' + '.join(meeting.bodies)}, sitting on {date}"
    return _Where(meeting.id, called, note, meeting_attendance(ctx, meeting))


@dataclass
class _Sitting:
    """The meeting record being made, step by step."""

    ctx: ActContext
    seats: tuple[str, ...]
    notes: list[str]
    present: tuple[str, ...] = ()
    headcount: int | None = None
    taken_as_seated: bool = False
    """Attendance is the default: every seat holder able to sit, not away."""
    entitled: list[str] = field(default_factory=list)
    excluded: list[tuple[str, str]] = field(default_factory=list)
    conflicted: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)

    @property
    def clean(self) -> tuple[str, ...]:
        """The entitled with no conflict in the case."""
        ids = {p for p, _ in self.conflicted}
        return tuple(p for p in self.entitled if p not in ids)

    def attend(self, recorded: tuple[str, ...] | int | None, vote: Any) -> None:
        """Who was present: the act's record, the meeting's, the roll call, or everyone."""
        ctx = self.ctx
        listed = ctx.act_field("present")
        if listed is None:
            listed = recorded
        if isinstance(listed, int):
            self.headcount = listed
            self.notes.append(
                f"attendance recorded as a number: {listed} present, not by name"
            )
            if listed > len(self.seats):
                # Organisation files often name only the people of the story;
                # a count is the record of the meeting and is not second-guessed.
                self.notes.append(
                    f"the count is taken as given: the organisation names only "
                    f"{len(self.seats)} who may sit"
                )
        elif listed is not None:
            self.present = tuple(listed)
            self.notes.append(f"present: {at_most(self.present, 12)}")
        elif isinstance(vote, Tally) and vote.is_roll_call:
            self.present = tuple(p for group in vote.names() for p in group)
            self.notes.append(
                f"no attendance recorded: taken as the {len(self.present)} named in the roll call"
            )
        else:
            self.present = sitting(ctx.world, ctx.day, self.seats, ctx.actor)
            self.taken_as_seated = True
            self.notes.append(
                f"no attendance recorded: taken as the {len(self.present)} seat holders "
                "able to sit and not away"
            )
            cast = sum(vote.counts()) if isinstance(vote, Tally) else 0
            if cast > len(self.present):
                self.headcount = cast
                self.notes.append(f"the vote counts {cast}: taken as {cast} present")

    def entitle(self, recused: set[str]) -> None:
        """Split those present into the entitled to vote and the excluded, with why."""
        ctx = self.ctx
        if self.taken_as_seated:
            # Everyone taken as present may sit; only a recusal sets them aside.
            for person in self.present:
                if person in recused:
                    self.excluded.append((person, "recused in the case"))
                else:
                    self.entitled.append(person)
        else:
            seats = frozenset(self.seats)
            for person in self.present:
                why = exclusion(ctx.world, person, ctx.actor, seats, recused)
                if why is None:
                    self.entitled.append(person)
                else:
                    self.excluded.append((person, why))
        if self.excluded:
            self.notes.append(
                "not entitled to vote, not counted: "
                + "; ".join(f"{p} {why}" for p, why in self.excluded)
            )

    def find_conflicts(self, voting: tuple[str, ...]) -> None:
        """Conflicts in the case of the entitled, and of anyone else named voting."""
        ctx, case = self.ctx, self.ctx.case
        if case is None:
            return
        appeal_of: tuple[str, ...] = ()
        decision = ctx.decision_id()
        if ctx.kind == "decide_appeal" and decision in ctx.world.decisions:
            appeal_of = ctx.world.decisions[decision].participants
        excluded = [p for p, _ in self.excluded if p in voting]
        for person in (*self.entitled, *excluded):
            why = conflicts_of(
                person,
                case,
                ctx.world,
                ctx.day,
                appeal_of=appeal_of,
                rules=ctx.clauses.conflict_rules,
            )
            if why:
                self.conflicted.append((person, tuple(why)))

    def decide(self, vote: Any) -> _Decision:
        """Who took part and how the vote went, with the defaults in words."""
        entitled, clean = tuple(self.entitled), self.clean
        aside = ", ".join(sorted(p for p, _ in self.conflicted))
        if "vote" not in type(self.ctx.act).model_fields:
            # A proceeding, not a decision (a hearing, a notice served): no
            # vote is taken, and everyone present takes part in it.
            return _Decision(entitled, len(entitled), 0, 0, True, entitled, ())
        if (
            self.headcount is not None
            and not self.present
            and not isinstance(vote, Tally)
        ):
            if vote is None:
                self.notes.append(
                    f"no vote recorded: taken as carried by the {self.headcount} present"
                )
            return _Decision((), self.headcount, 0, 0, vote is not None, None, None)
        if vote == "unanimous":
            return _Decision(entitled, len(entitled), 0, 0, True, entitled, ())
        if vote is None and (clean or not entitled):
            self.notes.append(
                f"no vote recorded: taken as carried by the {len(clean)} present and "
                "entitled to vote with no conflict in the case"
                + (f"; {aside} (conflicted) taken to have stood aside" if aside else "")
            )
            return _Decision(clean, len(clean), 0, 0, False, clean, ())
        if vote is None:
            # Everyone who could have taken it is conflicted: some of them did.
            self.notes.append(
                f"no vote recorded, and each of the {len(entitled)} present and "
                "entitled to vote is conflicted: all are taken to have taken part"
            )
            return _Decision(entitled, len(entitled), 0, 0, False, entitled, ())
        yes, no, abstain = vote.counts()
        if vote.is_roll_call:
            ayes, noes, abstained = vote.names()
            return _Decision(
                (*ayes, *noes, *abstained), yes, no, abstain, True, ayes, noes
            )
        cast = yes + no + abstain
        if aside and cast <= len(clean):
            self.notes.append(
                f"the {cast} votes cast can all be those of the {len(clean)} present "
                f"with no conflict: {aside} taken not to have voted"
            )
            return _Decision(clean, yes, no, abstain, True, None, None)
        return _Decision(entitled, yes, no, abstain, True, None, None)


@dataclass(frozen=True)
class _Decision:
    participants: tuple[str, ...]
    yes: int
    no: int
    abstain: int
    tallied: bool
    yes_voters: tuple[str, ...] | None
    no_voters: tuple[str, ...] | None


def hold_meeting(ctx: ActContext) -> MeetingRecord:
    """Sit the acting body on this act and say who took part and how it voted."""
    seats = seat_holders(ctx.world, ctx.actor, ctx.day)
    where = _where(ctx)
    state = _Sitting(ctx, seats, [where.note])
    vote = ctx.act_field("vote")
    state.attend(where.attendance, vote)
    case = ctx.case
    recused = case.recused if case is not None else set()
    state.entitle(recused)
    voting = (
        tuple(p for group in vote.names() for p in group)
        if isinstance(vote, Tally)
        else ()
    )
    state.find_conflicts(voting)
    decided = state.decide(vote)
    return MeetingRecord(
        body=ctx.actor,
        seats=seats,
        present=state.present,
        entitled=tuple(state.entitled),
        excluded=tuple(state.excluded),
        recused=tuple(p for p in state.present if p in recused),
        conflicted=tuple(state.conflicted),
        participants=decided.participants,
        yes=decided.yes,
        no=decided.no,
        abstain=decided.abstain,
        tallied=decided.tallied,
        headcount=len(state.present) if state.headcount is None else state.headcount,
        meeting=where.meeting,
        call=where.call,
        yes_voters=decided.yes_voters,
        no_voters=decided.no_voters,
        notes=tuple(state.notes),
    )
