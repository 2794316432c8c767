"""Timed spans of one replay: duties with a due day, and measures in force.

A report draws what runs over time as bars: a deadline from the act that
opened it to the day it was met or missed, an interim measure from the day
it was imposed to the day it was lifted, reversed, lapsed or is due to end.
They are read from the replay's final state (obligations, and measures with
the day and manner each ended) and dated with its calendar.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from govsim.engine.state import Calendar, MeasureState, ObligationState, World
    from govsim.findings.result import Result

__all__ = ["TimedSpan", "timed_spans"]

OUTCOMES = {
    "fulfilled": "met",
    "violated": "missed",
    "abandoned": "abandoned",
    "in_effect": "open",
}
"""An obligation's final status to how the page says it."""


@dataclass(frozen=True)
class TimedSpan:
    """A bar on the timeline: a duty running to its due day, or a measure in force."""

    id: str
    kind: str
    """``deadline``, ``review``, ``mandate``, ``report`` or ``interim``."""
    lane: str
    """The body or person it belongs to: who owes the duty, who imposed the
    measure. A duty owed by several bodies has a span in each of their lanes."""
    label: str
    start: dt.date
    end: dt.date | None
    """When it ended (see ``outcome``) or is due to; ``None``: no end."""
    due: dt.date | None
    """A duty's due day, or a measure's review day."""
    outcome: str
    """``met``, ``missed``, ``abandoned``, ``open``; for measures ``lifted``,
    ``reversed``, ``quashed``, ``stayed``, ``altered``, ``lapsed``, ``in force``
    or ``open-ended``."""
    act: str | None
    """The act it arises from (linked to its explanation)."""
    clause: str | None = None


def _lanes(obligee: str, world: World) -> list[str]:
    """The lanes of a duty: each of its obligees that is a body or a person.

    A review owed by "dc, appeals, panel" may be done by any of the three,
    so it is drawn in each of their lanes; names that are neither (a book
    written for a larger organisation) get no lane of their own, unless no
    name is known at all, when the first is used so the duty is still drawn.
    """
    names = [name.strip() for name in obligee.split(",") if name.strip()]
    known = [n for n in names if n in world.bodies or n in world.persons]
    return known or names[:1] or [obligee]


def _obligation(
    ob: ObligationState, world: World, cal: Calendar, opened: dict[str, dt.date]
) -> list[TimedSpan]:
    created = [day for day, event, _ in ob.history if event == "created"]
    start = cal.date(created[0]) if created else opened.get(ob.source_act)
    closing = [
        day
        for day, event, _ in ob.history
        if event in {"fulfilled", "violated", "abandoned"}
    ]
    outcome = OUTCOMES.get(ob.status, ob.status)
    end = cal.date(closing[-1]) if closing else cal.date(ob.due)
    due = cal.date(ob.due)
    clause = f" (clause {ob.clause})" if ob.clause else ""
    return [
        TimedSpan(
            id=ob.id,
            kind=ob.kind,
            lane=lane,
            label=f"{ob.obligee}: {ob.task}{clause}, due {due.isoformat()}: {outcome}",
            start=start or due,
            end=end,
            due=due,
            outcome=outcome,
            act=ob.source_act,
            clause=ob.clause,
        )
        for lane in _lanes(ob.obligee, world)
    ]


def _measure(m: MeasureState, cal: Calendar) -> TimedSpan:
    end: dt.date | None
    if m.ended is not None:
        end, outcome = cal.date(m.ended[0]), m.ended[1]
    elif m.expires is not None:
        # Drawn to the first day out of force, as ended measures are.
        end, outcome = cal.date(m.expires + 1), "in force"
    else:
        end, outcome = None, "open-ended"
    until = end.isoformat() if end is not None else "no stated end"
    who = ", ".join(m.targets) or "nobody"
    return TimedSpan(
        id=m.act,
        kind="interim",
        lane=m.body,
        label=(
            f"{m.body}: {m.scope.replace('_', ' ')} measure {m.act} on {who} "
            f"(ground: {m.basis}), until {until}: {outcome}"
        ),
        start=cal.date(m.start),
        end=end,
        due=cal.date(m.review_by) if m.review_by is not None else None,
        outcome=outcome,
        act=m.act,
    )


def timed_spans(result: Result) -> tuple[TimedSpan, ...]:
    """Every duty and measure of a replay as a span, in start order then id.

    A duty owed by several bodies gives a span per lane, in the order the
    obligees are named. Acts that took no effect left no duty or measure behind, so a void
    interim suspension draws no bar: the page shows it only as a void act.
    """
    world, cal = result.trace.world, result.trace.calendar
    if world is None or cal is None:
        return ()
    opened = {r.id: r.at for r in result.acts}
    spans = [
        span
        for ob in world.obligations.values()
        for span in _obligation(ob, world, cal, opened)
    ]
    spans += [_measure(m, cal) for m in world.measures.values()]
    return tuple(sorted(spans, key=lambda s: (s.start, s.id)))
