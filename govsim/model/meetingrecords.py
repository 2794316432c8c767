"""Checks of what a scenario records about meetings: calls, notice, attendance, votes.

A meeting record that contradicts itself cannot be judged: a notice given
after the meeting sat, a waiver signed after it, a vote naming someone who
does not exist or voting twice, more votes than persons present, business
dated on another day than the sitting, or an act of one body at another
body's meeting. Each is a positioned problem before anything runs, so that
the engine only ever judges records that could have happened.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from govsim.documents.suggest import did_you_mean
from govsim.model.acts import ActBase, Convene
from govsim.model.common import Issue, Loc
from govsim.model.votes import Tally

__all__ = ["MeetingLedger", "is_joint"]


def is_joint(act: Convene) -> bool:
    """Whether a convened meeting acts in its own name: several bodies, or invited persons."""
    return len(act.bodies) > 1 or bool(act.also)


@dataclass
class _Meeting:
    ident: str
    act_id: str
    bodies: tuple[str, ...]
    joint: bool
    called: dt.date
    sits: dt.date
    attendance: tuple[str, ...] | int | None
    arrivals: tuple[str, ...] = ()
    business: list[str] = field(default_factory=list)
    """Ids of the acts taken at the meeting, in file order."""
    loc: Loc = ()


@dataclass
class MeetingLedger:
    """Meetings recorded so far in a scenario, and the problems found in them.

    ``persons`` are the organisation's person ids; the ledger is fed acts in
    file order (``enter``) and closes with ``finish``, which checks what only
    the whole file can tell (arrivals and departures naming business).
    """

    persons: set[str]
    issues: list[Issue] = field(default_factory=list)
    meetings: dict[str, _Meeting] = field(default_factory=dict)
    convened: dict[str, tuple[Convene, Loc]] = field(default_factory=dict)

    def note(self, loc: Loc, message: str) -> None:
        """Record a problem at a document location."""
        self.issues.append((loc, message))

    def enter(self, act_id: str, act: ActBase, loc: Loc) -> None:
        """Check one act's meeting record and remember the meetings it calls."""
        if isinstance(act, Convene):
            self._convene(act_id, act, loc)
        if act.act == "waive_notice":
            self._waiver(act, loc)
        fields = act.__dict__
        if (
            "meeting" in fields
            and not isinstance(act, Convene)
            and act.act != "waive_notice"
        ):
            meeting = self._meeting_of(act_id, act, loc)
            attendance = fields.get("present")
            if attendance is None and meeting is not None:
                attendance = meeting.attendance
                if isinstance(attendance, tuple):
                    attendance += meeting.arrivals
            if fields.get("present") is not None:
                self._names((*loc, "present"), fields["present"])
            self._vote(loc, fields.get("vote"), attendance)

    def _convene(self, act_id: str, act: Convene, loc: Loc) -> None:
        sits = act.sits or act.at
        if sits < act.at:
            self.note(
                (*loc, "sits"),
                f"the meeting sits on {sits}, before it was called on {act.at}",
            )
        for i, given in enumerate(act.notice):
            nloc = (*loc, "notice", i)
            if given.at > sits:
                self.note(
                    (*nloc, "at"),
                    f"notice dated {given.at} comes after the meeting sat on {sits}",
                )
            elif given.at < act.at:
                self.note(
                    (*nloc, "at"),
                    f"notice dated {given.at} comes before the meeting was called on {act.at}",
                )
            if isinstance(given.to, tuple):
                self._names((*nloc, "to"), given.to)
        if act.notice and act.notice_days is not None:
            self.note(
                (*loc, "notice_days"),
                "give either 'notice_days' (the same notice to everyone) or 'notice' "
                "(who was told when), not both",
            )
        if act.present is not None:
            self._names((*loc, "present"), act.present)
        present = act.present if isinstance(act.present, tuple) else None
        for i, pid in enumerate(act.objections):
            if present is not None and pid not in present:
                self.note(
                    (*loc, "objections", i),
                    f"{pid} objected at the meeting but is not in its attendance",
                )
        for key in ("arrivals", "departures"):
            for pid in getattr(act, key):
                if pid not in self.persons:
                    self.note(
                        (*loc, key, pid),
                        f"unknown person '{pid}'{did_you_mean(pid, self.persons)}",
                    )
        self.meetings[act.meeting] = _Meeting(
            act.meeting,
            act_id,
            act.bodies,
            is_joint(act),
            act.at,
            sits,
            act.present,
            tuple(act.arrivals),
            loc=loc,
        )
        self.convened[act.meeting] = (act, loc)

    def _waiver(self, act: Any, loc: Loc) -> None:
        meeting = self.meetings.get(act.meeting)
        if meeting is not None and act.at > meeting.sits:
            self.note(
                (*loc, "at"),
                f"the waiver is dated {act.at}, after meeting {meeting.ident} sat on "
                f"{meeting.sits}; govsim judges a meeting's business on its day, so "
                "record the waiver on or before it",
            )

    def _meeting_of(self, act_id: str, act: ActBase, loc: Loc) -> _Meeting | None:
        """The recorded meeting the act was taken at, checking it is the actor's."""
        named: str | None = act.__dict__.get("meeting")
        if named is None:
            found = self.sitting(act.by, act.at)
            if len(found) > 1:
                self.note(
                    (*loc, "by"),
                    f"{act.by} has {len(found)} meetings recorded on {act.at} "
                    f"({', '.join(m.ident for m in found)}): say which with 'meeting:'",
                )
                return None
            if not found:
                return None
            meeting = found[0]
        else:
            recorded = self.meetings.get(named)
            if recorded is None:
                self.note(
                    (*loc, "meeting"),
                    f"unknown meeting '{named}'{did_you_mean(named, self.meetings)} "
                    f"(no earlier convene act calls meeting '{named}')",
                )
                return None
            meeting = recorded
            mloc = (*loc, "meeting")
            if act.by not in meeting.bodies and act.by != meeting.ident:
                acts_as = (
                    f"; a joint meeting acts in its own name: by: {meeting.ident}"
                    if meeting.joint
                    else ""
                )
                self.note(
                    mloc,
                    f"{named} is a meeting of {' + '.join(meeting.bodies)}, not of "
                    f"{act.by}{acts_as}",
                )
                return None
            if meeting.joint and act.by != meeting.ident:
                self.note(
                    mloc,
                    f"{named} is a joint meeting: its acts are taken in its own name "
                    f"(by: {meeting.ident}), not by {act.by}",
                )
                return None
            if act.at != meeting.sits:
                self.note(
                    (*loc, "at"),
                    f"the act is dated {act.at} but meeting {named} sits on {meeting.sits}",
                )
                return None
        meeting.business.append(act_id)
        return meeting

    def sitting(self, actor: str, day: dt.date) -> list[_Meeting]:
        """Recorded meetings at which ``actor`` acts that sit on ``day``."""
        return [
            m
            for m in self.meetings.values()
            if m.sits == day
            and ((m.joint and m.ident == actor) or (not m.joint and actor in m.bodies))
        ]

    def _names(self, loc: Loc, names: tuple[str, ...] | int) -> None:
        """Persons named in a list exist and are named once."""
        if isinstance(names, int):
            return
        counts = Counter(names)
        for i, pid in enumerate(names):
            if pid not in self.persons:
                self.note(
                    (*loc, i),
                    f"unknown person '{pid}'{did_you_mean(pid, self.persons)}",
                )
            elif counts[pid] > 1 and names.index(pid) != i:
                self.note((*loc, i), f"{pid} is listed twice")

    def _vote(
        self, loc: Loc, vote: object, attendance: tuple[str, ...] | int | None
    ) -> None:
        if not isinstance(vote, Tally):
            return
        vloc = (*loc, "vote")
        if vote.is_roll_call:
            seen: dict[str, str] = {}
            for key, group in zip(
                ("for", "against", "abstain"), vote.names(), strict=True
            ):
                for i, pid in enumerate(group):
                    where = (*vloc, key, i)
                    if pid not in self.persons:
                        self.note(
                            where,
                            f"unknown person '{pid}'{did_you_mean(pid, self.persons)}",
                        )
                        continue
                    if pid in seen:
                        self.note(where, f"{pid} already voted ('{seen[pid]}')")
                        continue
                    seen[pid] = key
                    if isinstance(attendance, tuple) and pid not in attendance:
                        self.note(where, f"{pid} voted but is not in the attendance")
        cast = sum(vote.counts())
        if attendance is not None:
            present = attendance if isinstance(attendance, int) else len(attendance)
            if cast > present:
                self.note(
                    vloc,
                    f"{cast} votes (for, against and abstaining) exceed the {present} present",
                )

    def finish(self) -> list[Issue]:
        """Check what needs the whole file, and return every problem found."""
        for meeting in self.meetings.values():
            act, loc = self.convened[meeting.ident]
            for key in ("arrivals", "departures"):
                for pid, ref in getattr(act, key).items():
                    if ref not in meeting.business:
                        self.note(
                            (*loc, key, pid),
                            f"'{ref}' is not an act taken at meeting {meeting.ident}"
                            f"{did_you_mean(ref, meeting.business)}",
                        )
        return self.issues
