"""Notice of meetings: was everyone entitled told in time, or did they waive it?

A meeting called without the notice the rule book requires is defective, and
the defect reaches every act taken at it: each act is checked against the
``meeting_notice`` rule and cites its clause. Per person entitled to notice,
in this order, the first that holds settles it:

1. a notice given at least ``days`` days before the meeting sits (in writing,
   when the rule says so);
2. a waiver of notice by that person, dated on or before the meeting (in
   writing, when the rule asks for written notice);
3. under ``cured_by_attendance``, attending the meeting without objecting.

Anyone else is a defect. An act of a body with no meeting recorded has no
record of notice: it breaks the rule, unless the act itself states when the
vote was called (``called_at``), which counts as notice to everyone, or the
rule governs only special meetings (``special_only``), when it is taken at a
regular meeting that needs none.
"""

from __future__ import annotations

from typing import Any

from govsim.engine.attendance import at_most, entitled_to_notice
from govsim.engine.checks import Check, checker
from govsim.engine.context import ActContext
from govsim.engine.state import MeetingState

__all__: list[str] = []


def _days(n: int) -> str:
    return f"{n} day's" if n == 1 else f"{n} days'"


def _defect(
    meeting: MeetingState, person: str, req: Any, *, cure: bool = True
) -> str | None:
    """What was wrong with the notice to one person (``None``: nothing).

    ``cure=False`` asks about the notice alone, waivers and attendance aside.
    """
    given = [
        (meeting.sits - day, written) for day, written in meeting.notices_of(person)
    ]
    enough = [g for g in given if g[0] >= req.days]
    if any(written or not req.written for _, written in enough):
        return None
    if not cure:
        return person
    waiver = meeting.waivers.get(person)
    if waiver is not None and (waiver[1] or not req.written):
        return None
    attended = meeting.attendance is None or (
        isinstance(meeting.attendance, tuple) and person in meeting.attendance
    )
    if req.cured_by_attendance and attended and person not in meeting.objections:
        return None
    if enough:
        return f"{person} (notice not in writing)"
    if given:
        return f"{person} ({_days(max(g[0] for g in given))} notice)"
    if attended and person in meeting.objections:
        return f"{person} (no notice; attended to object)"
    return f"{person} (no notice)"


@checker("meeting_notice")
def _meeting_notice(ctx: ActContext, req: Any) -> list[Check]:
    record = ctx.meeting
    if record is None:
        return []
    how = " written" if req.written else ""
    meeting = ctx.world.meetings.get(record.meeting or "")
    if meeting is None:
        called = ctx.act_field("called_at")
        if called is None and req.special_only:
            return [
                (
                    True,
                    "no meeting recorded: taken as a regular meeting, which needs "
                    "no notice (the rule governs special meetings)",
                )
            ]
        if called is None:
            return [
                (
                    False,
                    f"no meeting of {ctx.actor} or notice of it is recorded; "
                    f"{_days(req.days)}{how} notice is required (record the meeting "
                    "with a convene act and the notice given)",
                )
            ]
        days = ctx.day - ctx.calendar.day(called)
        return [
            (
                days >= req.days,
                f"the vote was called {days} days before; "
                f"{_days(req.days)} notice is required",
            )
        ]
    entitled = entitled_to_notice(ctx.world, meeting)
    defects = [d for p in entitled if (d := _defect(meeting, p, req)) is not None]
    if defects:
        return [
            (
                False,
                f"meeting {meeting.id} was held without the {_days(req.days)}{how} "
                f"notice required to {len(defects)} of the {len(entitled)} entitled to "
                f"it: {at_most(defects, 8, '; ')}",
            )
        ]
    cured = [p for p in entitled if _defect(meeting, p, req, cure=False) is not None]
    waived = [p for p in cured if p in meeting.waivers]
    attended = [p for p in cured if p not in meeting.waivers]
    how_cured = [
        *([f"{', '.join(waived)} waived it"] if waived else []),
        *([f"{', '.join(attended)} attended without objecting"] if attended else []),
    ]
    extra = f" ({'; '.join(how_cured)})" if how_cured else ""
    return [
        (
            True,
            f"meeting {meeting.id}: each of the {len(entitled)} entitled to notice had "
            f"{_days(req.days)}{how} notice, or waived it{extra}",
        )
    ]
