"""The requirement rule ``cooling_off``: a case's decisions wait some days.

Rules of many organisations keep a complaint from being decided in the heat
of the moment it was lodged: no finding or sanction before some days have
passed since the case was opened. The rule has a model (what a clause
writes) and a checker (what the engine asks of an act), registered together.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from govsim.engine.checks import Check, checker
from govsim.engine.context import ActContext
from govsim.model.requirements import RequirementBase, requirement_rule


@requirement_rule
class CoolingOff(RequirementBase):
    """A decision in a case comes some days after the case was opened."""

    rule: Literal["cooling_off"]
    """``cooling_off``: the act waits ``days`` days after its case was opened."""
    days: int = Field(ge=1)
    """Days at least between the case's opening and the act."""


@checker("cooling_off")
def cooling_off(ctx: ActContext, req: CoolingOff) -> list[Check]:
    """The act's day is at least ``days`` days after its case was opened.

    An act outside any case has nothing to wait for: the rule holds.
    """
    case = ctx.case
    if case is None:
        return [(True, "the act belongs to no case: nothing to wait for")]
    waited = ctx.day - case.opened
    opened = ctx.calendar.date(case.opened).isoformat()
    return [
        (
            waited >= req.days,
            f"case {case.id} was opened on {opened}, {waited} day(s) before the act;"
            f" the rules ask for {req.days}",
        )
    ]
