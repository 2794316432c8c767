"""Timed spans of one replay: duties with a due day, and measures in force.

A report draws what runs over time as bars: a deadline from the act that
opened it to the day it was met or missed, an interim measure from the day
it was imposed to the day it was lifted, lapsed or is due to end. They are
read from the replay's final state (obligations and measures) and dated with
its calendar; what ended them is read from the trace (the lifting act, the
lapse), so a bar cannot disagree with the acts drawn beside it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from govsim.engine.state import Calendar, MeasureState, ObligationState
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
    """The body or person it belongs to: who owes the duty, who imposed the measure."""
    label: str
    start: dt.date
    end: dt.date | None
    """When it ended (met, missed, lifted, lapsed) or is due to; ``None``: no end."""
    due: dt.date | None
    """A duty's due day, or a measure's review day."""
    outcome: str
    """``met``, ``missed``, ``abandoned``, ``open``; for measures ``lifted``,
    ``lapsed``, ``in force`` or ``open-ended``."""
    act: str | None
    """The act it arises from (linked to its explanation)."""
    clause: str | None = None


def _obligation(
    ob: ObligationState, cal: Calendar, opened: dict[str, dt.date]
) -> TimedSpan:
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
    return TimedSpan(
        id=ob.id,
        kind=ob.kind,
        lane=ob.obligee.split(",")[0].strip(),
        label=f"{ob.obligee}: {ob.task}{clause}, due {due.isoformat()}: {outcome}",
        start=start or due,
        end=end,
        due=due,
        outcome=outcome,
        act=ob.source_act,
        clause=ob.clause,
    )


def _measure(
    m: MeasureState,
    cal: Calendar,
    lifted: dict[str, dt.date],
    lapsed: dict[str, dt.date],
) -> TimedSpan:
    if m.act in lifted:
        end, outcome = lifted[m.act], "lifted"
    elif m.act in lapsed:
        end, outcome = lapsed[m.act], "lapsed"
    elif m.expires is not None:
        end, outcome = cal.date(m.expires), "in force"
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

    Acts that took no effect left no duty or measure behind, so a void
    interim suspension draws no bar: the page shows it only as a void act.
    """
    world, cal = result.trace.world, result.trace.calendar
    if world is None or cal is None:
        return ()
    opened = {r.id: r.at for r in result.acts}
    lifted = {
        measure: r.at
        for r in result.acts
        for measure in world.measures
        if f"measure {measure} lifted" in r.effects
    }
    lapsed = {t.subject: t.at for t in result.timed if t.kind == "lapse"}
    spans = [_obligation(ob, cal, opened) for ob in world.obligations.values()]
    spans += [_measure(m, cal, lifted, lapsed) for m in world.measures.values()]
    return tuple(sorted(spans, key=lambda s: (s.start, s.id)))
