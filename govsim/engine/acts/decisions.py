"""Sanctions and what can happen to them: implementation, alteration, appeal."""

from __future__ import annotations

from typing import Any, ClassVar

from govsim.engine.acts.base import (
    Check,
    Handler,
    add_measure,
    end_pending_measures,
    handles,
    impose,
    release,
)
from govsim.engine.context import ActContext, Targets
from govsim.engine.state import DecisionState, MeasureState, SeatState, World
from govsim.model import acts as models

__all__ = ["apply_sanction", "take_effect", "undo_sanction"]


def apply_sanction(world: World, decision: DecisionState, day: int) -> list[str]:
    """Make a decided sanction take effect on its targets."""
    decision.effective = True
    out: list[str] = []
    kind = decision.sanction
    for pid in decision.targets:
        state = world.persons.get(pid)
        if state is None:
            continue
        if kind in {"warning", "censure"}:
            out.append(f"{pid} receives a {kind}")
        elif kind == "expel":
            for body in world.seats_of(pid, day):
                _vacate(world, decision, pid, body, day)
            state.restrictions.clear()
            state.status = "expelled"
            out.append(f"{pid} expelled")
        elif kind == "remove_from_office":
            bodies = (
                [decision.office]
                if decision.office
                else [
                    b for b in world.seats_of(pid, day) if world.bodies[b].is_leadership
                ]
            )
            for body in bodies:
                if body and _vacate(world, decision, pid, body, day):
                    out.append(f"{pid} removed from {body}")
        else:
            scope = (
                "membership"
                if kind == "suspend_membership"
                else (
                    f"office:{decision.office}"
                    if decision.office
                    else "leadership_bodies"
                )
            )
            out.append(impose(world, decision.act, pid, scope))
    return out


def _vacate(
    world: World, decision: DecisionState, person: str, body: str, day: int
) -> bool:
    """End a person's term on a body under a sanction, remembering the term."""
    held = world.bodies.get(body)
    if held is None:
        return False
    terms = [s for s in held.terms_of(person) if s.held_on(day)]
    for seat in terms:
        decision.vacated.append((person, body, seat.until, seat.appointer))
    return world.vacate(person, body, day)


def _restore_terms(world: World, decision: DecisionState, day: int) -> list[str]:
    """Give back the terms a quashed or stayed sanction ended, where still running.

    Setting a removal or an expulsion aside puts the person back where the
    decision found them: a term whose own end has not come returns, from the
    day it is set aside to that end (a quash, like a stay, works forward: the
    days the person was out of office stay on the record). A term that has
    run out meanwhile does not; nor does one of a person no longer a member
    (resigned, or expelled by another decision), one the person already holds
    again, or one on a body of fixed size whose seats have all been filled
    since.
    """
    out: list[str] = []
    for person, body, until, appointer in decision.vacated:
        state = world.persons.get(person)
        held = world.bodies.get(body)
        if state is None or held is None or not held.active:
            continue
        if state.status not in {"member", "suspended", "on_leave"}:
            continue
        if until is not None and until <= day:
            out.append(f"{person}'s term on {body} ran out meanwhile: not restored")
            continue
        if any(s.held_on(day) for s in held.terms_of(person)):
            continue
        if held.size is not None and len(world.holders(body, day)) >= held.size:
            # A successor took the seat meanwhile; which of the two holds it
            # is for the organisation to settle, not for the engine to guess.
            out.append(
                f"{person}'s seat on {body} was filled meanwhile: not restored "
                f"({held.size} seats, all held)"
            )
            continue
        world.add_seat(body, SeatState(person, day, until, appointer))
        out.append(f"{person} restored to {body}")
    decision.vacated.clear()
    return out


def take_effect(world: World, decision: DecisionState, day: int) -> list[str]:
    """Apply a sanction now, and start the clock on a timed one.

    Interim measures on the same persons in the same case are converted into
    it: they end, and the sanction's own restrictions take over.
    """
    out = end_pending_measures(
        world, decision.case, decision.targets, day, "converted", decision.act
    )
    out += apply_sanction(world, decision, day)
    if decision.effective_at is None:
        decision.effective_at = day
    if decision.days and decision.sanction in {"suspend_membership", "bar_from_office"}:
        add_measure(
            world,
            MeasureState(
                act=decision.act,
                body=decision.body,
                targets=decision.targets,
                scope=decision.sanction,
                basis="finding",
                start=day,
                expires=day + decision.days,
            ),
        )
    return out


def undo_sanction(
    world: World, decision: DecisionState, day: int, how: str
) -> list[str]:
    """Reverse a sanction's effect where it can be reversed (quashed on review).

    A timed sanction's measure ends that day too, so it neither stays drawn
    in force nor lapses later as if it had run its course.
    """
    measure = world.measures.get(decision.act)
    if measure is not None and measure.active:
        measure.stop(day, how)
    out = release(world, decision.act)
    if decision.sanction == "expel":
        for pid in decision.targets:
            if world.persons[pid].status == "expelled":
                world.persons[pid].status = "member"
                out.append(f"{pid} restored to membership")
    out += _restore_terms(world, decision, day)
    decision.effective = False
    return out


@handles
class Sanction(Handler):
    kinds = ("sanction",)
    effects: ClassVar[dict[str, str]] = {
        "sanction": "Records the decision and applies it, at once or, when the "
        "power says ``takes_effect: on_implementation``, when implemented: a "
        "warning or censure is recorded; ``expel`` vacates every seat and expels; "
        "``remove_from_office`` vacates the seat on ``office`` (else every "
        "leadership seat); ``suspend_membership`` and ``bar_from_office`` restrict "
        "the person, for ``days`` if given. Interim measures in the same case on "
        "the same persons are converted into it."
    }

    def apply(self, ctx: ActContext, grant: Any) -> list[str]:
        act: Any = ctx.act
        decision = DecisionState(
            act=ctx.act_id,
            body=act.by,
            case=act.case,
            targets=ctx.targets.persons,
            sanction=act.sanction,
            day=ctx.day,
            office=act.office,
            days=act.days,
            participants=ctx.participants(),
        )
        ctx.world.decisions[ctx.act_id] = decision
        if act.case in ctx.world.cases:
            ctx.world.cases[act.case].adjudicators |= set(decision.participants)
        if grant is not None and grant.takes_effect == "on_implementation":
            return [
                f"{act.sanction} of {', '.join(decision.targets)} decided; "
                "it takes effect when implemented"
            ]
        return take_effect(ctx.world, decision, ctx.day)


class _OnDecision(Handler):
    """Acts about an earlier decision: their target is that decision's maker."""

    reaches = (
        "the persons the sanction was about; ``decisions_of`` and "
        "``decisions_of_kind`` match the body that decided it"
    )

    def targets(self, ctx: ActContext) -> Targets:
        decision = ctx.world.decisions.get(ctx.decision_id() or "")
        if decision is None:
            return Targets()
        return Targets(persons=decision.targets, decision_body=decision.body)

    def depends_on(self, ctx: ActContext) -> list[str]:
        ref = ctx.act_field("decision") or ctx.act_field("appeal")
        return [ref] if ref else []

    def preconditions(self, ctx: ActContext) -> list[Check]:
        decision = ctx.world.decisions.get(ctx.decision_id() or "")
        if decision is None:
            return [(False, _no_decision(ctx))]
        if decision.quashed:
            return [
                (
                    False,
                    f"decision {decision.act} was quashed; there is nothing to act on",
                )
            ]
        return []


@handles
class Implement(_OnDecision):
    kinds = ("implement",)
    effects: ClassVar[dict[str, str]] = {
        "implement": "Records the decision as implemented; a sanction waiting for "
        "implementation takes effect now. Void if there is no such decision in "
        "force (never taken, or quashed)."
    }

    def apply(self, ctx: ActContext, grant: Any) -> list[str]:
        decision = ctx.world.decisions[ctx.decision_id() or ""]
        decision.implemented = True
        if decision.effective:
            return [f"decision {decision.act} recorded as implemented"]
        return take_effect(ctx.world, decision, ctx.day)


_SET_ASIDE = frozenset({"quash", "stay"})
"""What can become of a decision that is not a sanction: it is set aside."""


@handles
class AlterDecision(_OnDecision):
    """Change any earlier decision: a sanction, a measure, a finding, a closure."""

    kinds = ("alter_decision",)
    effects: ClassVar[dict[str, str]] = {
        "alter_decision": "Of a sanction: ``quash`` or ``stay`` undoes its effects "
        "(an expulsion is reversed, and each term on a body that it or a removal "
        "ended comes back from that day to the term's own end, unless that end "
        "has passed or the person is no longer a member); ``reduce``, ``increase`` or ``replace`` makes it "
        "``sanction`` (a warning if none is given). An interim measure quashed or "
        "stayed ends; a finding quashed is set aside; a closing quashed opens the "
        "case again (other outcomes are void for these)."
    }
    reaches = (
        "the persons the decision was about; ``decisions_of`` and "
        "``decisions_of_kind`` match the body that took it"
    )

    def targets(self, ctx: ActContext) -> Targets:
        ident = ctx.act_field("decision")
        world = ctx.world
        measure = world.measures.get(ident)
        if ident not in world.decisions and measure is not None:
            return Targets(persons=measure.targets, decision_body=measure.body)
        step = world.steps.get(ident)
        if ident not in world.decisions and step is not None:
            persons = world.targets_of.get(ident, ())
            return Targets(persons=persons, decision_body=step.actor)
        return super().targets(ctx)

    def preconditions(self, ctx: ActContext) -> list[Check]:
        act: Any = ctx.act
        world = ctx.world
        if act.decision in world.decisions:
            return super().preconditions(ctx)
        what = _other_decision(ctx)
        if what is None:
            return [(False, f"there is no decision {act.decision} in force to act on")]
        out: list[Check] = []
        if act.outcome not in _SET_ASIDE:
            out.append(
                (
                    False,
                    f"{act.decision} is {what}: only a sanction can be reduced, "
                    "increased or replaced; this can be quashed or stayed",
                )
            )
        measure = world.measures.get(act.decision)
        if measure is not None and not measure.active:
            out.append((False, f"measure {act.decision} is no longer in force"))
        step = world.steps.get(act.decision)
        if step is not None and step.kind == "close_case":
            case = world.cases.get(step.case)
            if case is not None and case.open:
                out.append((False, f"case {step.case} is open already"))
        return out

    def apply(self, ctx: ActContext, grant: Any) -> list[str]:
        act: Any = ctx.act
        world = ctx.world
        if act.decision in world.decisions:
            return _change(
                world, world.decisions[act.decision], act.outcome, act.sanction, ctx.day
            )
        how = "quashed" if act.outcome == "quash" else "stayed"
        measure = world.measures.get(act.decision)
        if measure is not None:
            measure.stop(ctx.day, how)
            return [f"measure {act.decision} {how}", *release(world, act.decision)]
        return set_aside(world, act.decision, how)


def set_aside(world: World, ident: str, how: str) -> list[str]:
    """Set aside the finding or the closing of a case that act ``ident`` made.

    A finding set aside leaves the case's record; a closing set aside opens
    the case again. Quashing or staying one (``alter_decision``) and
    reversing one (``ratify``) both come here. Acts of other kinds: nothing.
    """
    step = world.steps.get(ident)
    case = world.cases.get(step.case) if step is not None and step.case else None
    if step is None or case is None:
        return []
    if step.kind == "close_case":
        if case.open:
            return []
        case.open, case.closed = True, None
        return [f"the closing of case {case.id} {how}: the case is open again"]
    if step.kind != "find":
        return []
    kept = [f for f in case.findings if not (f[1] == step.day and f[2] == step.actor)]
    gone = len(case.findings) - len(kept)
    case.findings[:] = kept
    return [f"the finding {ident} in case {case.id} {how} ({gone} set aside)"]


def _no_decision(ctx: ActContext) -> str:
    """Why an act on a decision finds none: the decision, or the appeal, is not in force."""
    named = ctx.act_field("decision")
    if named is not None:
        return f"there is no decision {named} in force to act on"
    appeal = ctx.act_field("appeal")
    return (
        f"appeal {appeal} is not in force (void, or never made), so there is no "
        "decision to act on"
    )


def _other_decision(ctx: ActContext) -> str | None:
    """What an altered decision is when it is not a sanction (``None``: nothing)."""
    ident = ctx.act_field("decision")
    if ident in ctx.world.measures:
        return "an interim measure"
    step = ctx.world.steps.get(ident)
    if step is not None and step.kind in {"find", "close_case"}:
        return "a finding" if step.kind == "find" else "the closing of a case"
    return None


def _change(
    world: World, decision: DecisionState, outcome: str, sanction: str | None, day: int
) -> list[str]:
    if outcome == "confirm":
        return [f"decision {decision.act} confirmed"]
    was_effective = decision.effective
    how = {"quash": "quashed", "stay": "stayed"}.get(outcome, "altered")
    out = undo_sanction(world, decision, day, how) if was_effective else []
    if outcome in {"quash", "stay"}:
        decision.quashed = outcome == "quash"
        return [
            *out,
            f"decision {decision.act} {'quashed' if outcome == 'quash' else 'stayed'}",
        ]
    decision.sanction = sanction or "warning"
    out.append(f"decision {decision.act} changed to {decision.sanction}")
    if was_effective or decision.implemented:
        out += apply_sanction(world, decision, day)
    return out


@handles
class Appeal(_OnDecision):
    kinds = ("appeal",)
    effects: ClassVar[dict[str, str]] = {
        "appeal": "Records the appeal against the decision. Void unless the actor "
        "is a target of the decision, or if the decision is not in force."
    }

    def preconditions(self, ctx: ActContext) -> list[Check]:
        out = super().preconditions(ctx)
        decision = ctx.world.decisions.get(ctx.decision_id() or "")
        if decision is not None and ctx.actor not in decision.targets:
            out.append(
                (False, f"{ctx.actor} is not a target of decision {decision.act}")
            )
        return out

    def apply(self, ctx: ActContext, grant: Any) -> list[str]:
        ctx.world.appeals[ctx.act_id] = ctx.act_as(models.Appeal).decision
        return [f"{ctx.actor} appeals decision {ctx.act_as(models.Appeal).decision}"]


@handles
class DecideAppeal(_OnDecision):
    kinds = ("decide_appeal",)
    effects: ClassVar[dict[str, str]] = {
        "decide_appeal": "``confirm`` leaves the decision as it is; ``quash`` undoes "
        "it as ``alter_decision`` does (membership and unexpired terms come back); "
        "``reduce`` makes it ``sanction`` (a warning if none is given)."
    }

    def apply(self, ctx: ActContext, grant: Any) -> list[str]:
        act: Any = ctx.act
        decision = ctx.world.decisions[ctx.decision_id() or ""]
        ctx.world.appeal_decided[decision.act] = ctx.day
        return _change(ctx.world, decision, act.outcome, act.sanction, ctx.day)
