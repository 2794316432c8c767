"""Interim measures: suspension pending investigation, its review, lifting and renewal."""

from __future__ import annotations

from typing import Any

from govsim.engine.acts.base import (
    Check,
    Handler,
    add_measure,
    handles,
    impose,
    release,
)
from govsim.engine.context import ActContext, Targets
from govsim.engine.state import MeasureState

__all__: list[str] = []


@handles
class InterimSuspend(Handler):
    kinds = ("interim_suspend",)

    def apply(self, ctx: ActContext, grant: Any) -> list[str]:
        act: Any = ctx.act
        cal = ctx.calendar
        scope = (
            f"office:{act.office}"
            if act.scope == "office" and act.office
            else act.scope
        )
        if scope == "unspecified":
            scope = "membership"  # an unstated scope restricts the most, until reviewed
        measure = MeasureState(
            act=ctx.act_id,
            body=act.by,
            targets=ctx.targets.persons,
            scope=act.scope,
            basis=act.basis,
            start=ctx.day,
            expires=(
                cal.day(act.expires_at)
                if act.expires_at
                else ctx.day + 1
                if act.scope == "meeting"
                else None
            ),
            review_by=cal.day(act.review_at) if act.review_at else None,
            office=act.office,
            case=act.case,
        )
        add_measure(ctx.world, measure)
        effects = [impose(ctx.world, ctx.act_id, pid, scope) for pid in measure.targets]
        end = (
            cal.date(measure.expires).isoformat()
            if measure.expires is not None
            else "no stated end"
        )
        return [*effects, f"measure {ctx.act_id} in force until {end}"]


class _OnMeasure(Handler):
    def targets(self, ctx: ActContext) -> Targets:
        measure = ctx.world.measures.get(ctx.act.measure)  # type: ignore[attr-defined]
        return Targets(persons=measure.targets if measure else ())

    def depends_on(self, ctx: ActContext) -> list[str]:
        return [ctx.act.measure]  # type: ignore[attr-defined]

    def preconditions(self, ctx: ActContext) -> list[Check]:
        measure = ctx.world.measures.get(ctx.act.measure)  # type: ignore[attr-defined]
        if measure is None or not measure.active:
            return [(False, f"measure {ctx.act.measure} is not in force")]  # type: ignore[attr-defined]
        return []


@handles
class ReviewInterim(_OnMeasure):
    kinds = ("review_interim", "lift_interim")

    def apply(self, ctx: ActContext, grant: Any) -> list[str]:
        act: Any = ctx.act
        measure = ctx.world.measures[act.measure]
        measure.review_by = None
        if act.act == "lift_interim" or act.outcome == "lift":
            measure.stop(ctx.day, "lifted")
            return [*release(ctx.world, act.measure), f"measure {act.measure} lifted"]
        return [f"measure {act.measure} reviewed and confirmed"]


@handles
class RenewInterim(_OnMeasure):
    kinds = ("renew_interim",)

    def apply(self, ctx: ActContext, grant: Any) -> list[str]:
        act: Any = ctx.act
        measure = ctx.world.measures[act.measure]
        measure.renewals += 1
        measure.expires = ctx.calendar.day(act.expires_at) if act.expires_at else None
        ctx.world.timers.append(("measure", act.measure))
        end = act.expires_at.isoformat() if act.expires_at else "no stated end"
        return [f"measure {act.measure} renewed until {end}"]
