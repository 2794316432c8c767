"""Ratifying or reversing an earlier act, typically one taken in an emergency."""

from __future__ import annotations

from typing import Any, ClassVar

from govsim.engine.acts.base import Check, Handler, handles, release
from govsim.engine.acts.decisions import set_aside, undo_sanction
from govsim.engine.context import ActContext, Targets
from govsim.model import acts as models

__all__: list[str] = []


@handles
class Ratify(Handler):
    """A body confirms an earlier act, or reverses it and undoes what it can."""

    kinds = ("ratify",)
    effects: ClassVar[dict[str, str]] = {
        "ratify": "``ratify`` records the act as ratified; ``reverse`` ends a measure "
        "in force, undoes a sanction that took effect, sets a finding aside or opens "
        "a closed case again. Void if the act was already ratified or reversed."
    }
    reaches = "the persons the ratified act was about"

    def targets(self, ctx: ActContext) -> Targets:
        subject: str = ctx.act_as(models.Ratify).subject
        measure = ctx.world.measures.get(subject)
        decision = ctx.world.decisions.get(subject)
        persons = (
            measure.targets
            if measure
            else decision.targets
            if decision
            else ctx.world.targets_of.get(subject, ())
        )
        return Targets(persons=persons)

    def depends_on(self, ctx: ActContext) -> list[str]:
        return [ctx.act_as(models.Ratify).subject]

    def preconditions(self, ctx: ActContext) -> list[Check]:
        subject: str = ctx.act_as(models.Ratify).subject
        if subject in ctx.world.ratifications:
            return [(False, f"act {subject} was already ratified or reversed")]
        return []

    def apply(self, ctx: ActContext, grant: Any) -> list[str]:
        act: Any = ctx.act
        world = ctx.world
        world.ratifications[act.subject] = (ctx.day, act.outcome, ctx.actor)
        if act.outcome == "ratify":
            return [f"{ctx.actor} ratifies act {act.subject}"]
        out = [f"{ctx.actor} reverses act {act.subject}"]
        measure = world.measures.get(act.subject)
        if measure is not None and measure.active:
            measure.stop(ctx.day, "reversed")
            out += release(world, act.subject)
        decision = world.decisions.get(act.subject)
        if decision is not None and decision.effective:
            decision.quashed = True
            out += undo_sanction(world, decision, ctx.day, "reversed")
        return out + set_aside(world, act.subject, "reversed")
