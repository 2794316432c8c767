"""Acts about seats and membership: elections, appointments, recall, resignation, leave."""

from __future__ import annotations

from typing import Any, ClassVar

from govsim.engine.acts.base import Check, Handler, handles
from govsim.engine.context import ActContext, Targets
from govsim.engine.state import SeatState
from govsim.model import acts as models

__all__: list[str] = []


def _active_body(ctx: ActContext, body: str) -> list[Check]:
    state = ctx.world.bodies.get(body)
    if state is None or not state.active:
        return [(False, f"{body} does not exist or no longer sits")]
    return []


@handles
class ResignOffice(Handler):
    kinds = ("resign_office",)
    effects: ClassVar[dict[str, str]] = {
        "resign_office": "Vacates the actor's seat on ``body``. Void if the actor "
        "holds no seat there."
    }
    reaches = "the actor, and ``body``"

    def targets(self, ctx: ActContext) -> Targets:
        return Targets(
            persons=(ctx.actor,), bodies=(ctx.act_as(models.ResignOffice).body,)
        )

    def preconditions(self, ctx: ActContext) -> list[Check]:
        body = ctx.act_as(models.ResignOffice).body
        if ctx.actor not in ctx.world.holders(body, ctx.day):
            return [(False, f"{ctx.actor} holds no seat on {body} to resign")]
        return []

    def apply(self, ctx: ActContext, grant: Any) -> list[str]:
        body = ctx.act_as(models.ResignOffice).body
        ctx.world.vacate(ctx.actor, body, ctx.day)
        return [f"{ctx.actor} leaves {body}; the seat is vacant"]


@handles
class PersonalAct(Handler):
    kinds = ("resign_membership", "take_leave")
    effects: ClassVar[dict[str, str]] = {
        "resign_membership": "The actor leaves the organisation: every seat "
        "vacated, status ``resigned``, restrictions cleared; cases against them "
        "stay open. Void unless the actor is a member (or suspended or on leave).",
        "take_leave": "The member goes on leave (status ``on_leave``): seats kept "
        "but not sat in.",
    }
    reaches = "the actor"

    def targets(self, ctx: ActContext) -> Targets:
        return Targets(persons=(ctx.actor,))

    def preconditions(self, ctx: ActContext) -> list[Check]:
        state = ctx.world.persons.get(ctx.actor)
        if state is None or state.status not in {"member", "on_leave", "suspended"}:
            status = state.status if state else "unknown"
            return [(False, f"{ctx.actor} is {status}, not a member")]
        return []

    def apply(self, ctx: ActContext, grant: Any) -> list[str]:
        world, pid = ctx.world, ctx.actor
        if ctx.kind == "take_leave":
            if world.persons[pid].status == "member":
                world.persons[pid].status = "on_leave"
            return [f"{pid} on leave; seats kept but not sat in"]
        for body in world.seats_of(pid, ctx.day):
            world.vacate(pid, body, ctx.day)
        world.persons[pid].status = "resigned"
        world.persons[pid].restrictions.clear()
        open_cases = sorted(
            c.id for c in world.cases.values() if c.open and pid in c.respondents
        )
        still = f"; cases {', '.join(open_cases)} stay open" if open_cases else ""
        return [f"{pid} resigned from the organisation{still}"]


@handles
class Seating(Handler):
    kinds = ("elect", "appoint")
    effects: ClassVar[dict[str, str]] = {
        "elect": "Each person takes a seat on ``body`` from the act's day (until "
        "``until``, if given). Void if the body does not sit, or if it has a "
        "``size`` and fewer seats free than persons newly seated.",
        "appoint": "Each person takes a seat on ``body`` from the act's day (until "
        "``until``, if given), recorded as appointed by the actor. Void if the body "
        "does not sit, or if it has a ``size`` and fewer seats free than persons "
        "newly seated.",
    }

    def preconditions(self, ctx: ActContext) -> list[Check]:
        act = ctx.act_as(models.Seating)
        checks = _active_body(ctx, act.body)
        body = ctx.world.bodies.get(act.body)
        if checks or body is None or body.size is None:
            return checks
        # A body of fixed size has no seat for anyone beyond it: filling a
        # seat needs a vacancy (an incumbent re-elected keeps theirs).
        holders = set(ctx.world.holders(act.body, ctx.day))
        new = [p for p in dict.fromkeys(act.persons) if p not in holders]
        free = body.size - len(holders)
        if len(new) > free:
            return [
                (
                    False,
                    f"{act.body} has {body.size} seats and {len(holders)} are "
                    f"filled: seating {len(new)} more needs as many vacancies",
                )
            ]
        return []

    def apply(self, ctx: ActContext, grant: Any) -> list[str]:
        act: Any = ctx.act
        until = ctx.calendar.day(act.until) if act.until else None
        appointer = act.by if act.act == "appoint" else None
        out = []
        for pid in act.persons:
            ctx.world.add_seat(act.body, SeatState(pid, ctx.day, until, appointer))
            out.append(f"{pid} takes a seat on {act.body}")
        return out


@handles
class Recall(Handler):
    kinds = ("recall",)
    effects: ClassVar[dict[str, str]] = {
        "recall": "Vacates the target's seat on ``body``. Void if the target holds "
        "no seat there."
    }

    def preconditions(self, ctx: ActContext) -> list[Check]:
        act: Any = ctx.act
        if act.target not in ctx.world.holders(act.body, ctx.day):
            return [(False, f"{act.target} holds no seat on {act.body}")]
        return []

    def apply(self, ctx: ActContext, grant: Any) -> list[str]:
        act: Any = ctx.act
        ctx.world.vacate(act.target, act.body, ctx.day)
        return [f"{act.target} recalled from {act.body}"]


@handles
class RequestResignation(Handler):
    kinds = ("request_resignation",)
    effects: ClassVar[dict[str, str]] = {
        "request_resignation": "Nothing: a request has no institutional effect."
    }
    needs_power = False

    def apply(self, ctx: ActContext, grant: Any) -> list[str]:
        act: Any = ctx.act
        return [
            f"{act.target} asked to resign from {act.body} (no institutional effect)"
        ]


@handles
class Admit(Handler):
    kinds = ("admit",)
    effects: ClassVar[dict[str, str]] = {"admit": "Makes the target a member."}

    def apply(self, ctx: ActContext, grant: Any) -> list[str]:
        target = ctx.act_as(models.Admit).target
        ctx.world.persons[target].status = "member"
        return [f"{target} admitted as a member"]
