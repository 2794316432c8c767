"""Interim measures: suspension pending investigation, its review, lifting and renewal."""

from __future__ import annotations

from typing import Any, ClassVar

from govsim.engine.acts.base import (
    Check,
    Handler,
    add_measure,
    handles,
    impose,
    release,
)
from govsim.engine.checks import cap_days
from govsim.engine.context import ActContext, Targets
from govsim.engine.state import MeasureState
from govsim.model import acts as models

__all__: list[str] = []


@handles
class InterimSuspend(Handler):
    kinds = ("interim_suspend",)
    effects: ClassVar[dict[str, str]] = {
        "interim_suspend": "Puts the measure in force: each target is restricted for "
        "its ``scope`` (``unspecified`` restricts membership, the most) until "
        "``expires_at`` (a ``meeting`` measure ends with the day; none: open-ended), "
        "cut at the shortest ``max_days`` of the book's ``interim_bounds`` rules, "
        "and it lapses the day after; a review falls due on ``review_at``."
    }

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
            # The last day in force: a meeting-scope measure ends with the day.
            expires=(
                cal.day(act.expires_at)
                if act.expires_at
                else ctx.day
                if act.scope == "meeting"
                else None
            ),
            review_by=cal.day(act.review_at) if act.review_at else None,
            office=act.office,
            case=act.case,
        )
        capped = _capped(ctx, measure.expires)
        measure.expires = capped[0]
        add_measure(ctx.world, measure)
        effects = [impose(ctx.world, ctx.act_id, pid, scope) for pid in measure.targets]
        return [*effects, f"measure {ctx.act_id} in force {_until(ctx, *capped)}"]


def _capped(ctx: ActContext, stated: int | None) -> tuple[int | None, bool]:
    """The last day in force under the book's cap, and whether the cap cut it."""
    cap = cap_days(ctx)
    if cap is None:
        return stated, False
    latest = ctx.day + cap
    if stated is None or stated > latest:
        return latest, True
    return stated, False


def _until(ctx: ActContext, last: int | None, cut: bool) -> str:
    if last is None:
        return "with no stated end"
    when = f"until {ctx.calendar.date(last).isoformat()}"
    return f"{when} (the book's cap; it lapses then)" if cut else when


class _OnMeasure(Handler):
    reaches = "the persons the measure restricts"

    def targets(self, ctx: ActContext) -> Targets:
        measure = ctx.world.measures.get(ctx.act_as(models.MeasureAct).measure)
        return Targets(persons=measure.targets if measure else ())

    def depends_on(self, ctx: ActContext) -> list[str]:
        return [ctx.act_as(models.MeasureAct).measure]

    def preconditions(self, ctx: ActContext) -> list[Check]:
        ident = ctx.act_as(models.MeasureAct).measure
        measure = ctx.world.measures.get(ident)
        if measure is None or not measure.active:
            return [(False, f"measure {ident} is not in force")]
        return []


@handles
class ReviewInterim(_OnMeasure):
    kinds = ("review_interim", "lift_interim")
    effects: ClassVar[dict[str, str]] = {
        "review_interim": "Records the review (no review is due any more); with "
        "``outcome: lift`` the measure ends and its restrictions are lifted. Void if "
        "the measure is not in force.",
        "lift_interim": "Ends the measure and lifts its restrictions. Void if it is "
        "not in force.",
    }

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
    effects: ClassVar[dict[str, str]] = {
        "renew_interim": "Sets the measure's new end (``expires_at``, cut at the "
        "book's cap) and counts the renewal. Void if the measure is not in force."
    }

    def apply(self, ctx: ActContext, grant: Any) -> list[str]:
        act: Any = ctx.act
        measure = ctx.world.measures[act.measure]
        measure.renewals += 1
        stated = ctx.calendar.day(act.expires_at) if act.expires_at else None
        last, cut = _capped(ctx, stated)
        measure.expires = last
        ctx.world.timers.append(("measure", act.measure))
        return [f"measure {act.measure} renewed {_until(ctx, last, cut)}"]
