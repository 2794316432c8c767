"""Duties an act leaves behind, and the acts that discharge them.

A ``deadline`` rule makes a trigger act owe a follow-up within some days; an
interim measure under ``interim_bounds`` owes a review; a missed mandate owes
its mandating body a report. This module creates those duties (as
:class:`~govsim.engine.state.ObligationState` in the world, with a timer the
replay's watchers run) and discharges them when the act that answers one is
taken. Who owes a duty, and which act answers it, are stated in the
``Deadline`` rule's documentation and in docs/defaults.md.
"""

from __future__ import annotations

from typing import Any

from govsim.engine.context import ActContext
from govsim.engine.state import ObligationState, World
from govsim.model.selectors import BodyKindActor

__all__ = ["REPORT_DAYS", "discharge", "open_duties", "report_duty"]

REPORT_DAYS = 30
"""Days an obligee has to report a missed mandate to the mandating body, unless
the mandate states its own (``report_within``)."""


def open_duties(world: World, ctx: ActContext, due: list[tuple[Any, Any]]) -> None:
    """Create the duties that ``deadline`` and review rules attach to this act.

    ``due`` holds the act's requirements that govern it, chosen before it
    took effect.
    """
    for clause, req in due:
        if req.rule == "interim_bounds" and ctx.kind == "interim_suspend":
            _review_duty(world, ctx, clause, req)
        if req.rule != "deadline":
            continue
        obligee = req.obligee or _power_holder(world, req.then, ctx) or ctx.actor
        ident = f"{ctx.act_id}:{req.then}"
        world.obligations[ident] = ObligationState(
            id=ident,
            kind="deadline",
            obligee=obligee,
            task=f"{req.then.replace('_', ' ')} after {ctx.act_id}",
            due=ctx.day + req.days,
            source_act=ctx.act_id,
            clause=clause.id,
            enforcement=ctx.clauses.enforcement_of(clause),
            fulfilled_by=(req.then, ctx.act_id),
            case=ctx.case.id if ctx.case else None,
            body=_seat_vacated(ctx),
        )
        world.timers.append(("obligation", ident))


def _review_duty(world: World, ctx: ActContext, clause: Any, req: Any) -> None:
    if req.review_within_days is None:
        return
    ident = f"{ctx.act_id}:review"
    stated = ctx.act_field("review_at")
    latest = ctx.day + req.review_within_days
    due = min(latest, ctx.calendar.day(stated)) if stated else latest
    world.obligations[ident] = ObligationState(
        id=ident,
        kind="review",
        obligee=", ".join(req.review_by) or ctx.actor,
        task=f"review measure {ctx.act_id}",
        due=due,
        source_act=ctx.act_id,
        clause=clause.id,
        enforcement=ctx.clauses.enforcement_of(clause),
        fulfilled_by=("review_interim", ctx.act_id),
    )
    world.timers.append(("obligation", ident))


def report_duty(world: World, ob: ObligationState) -> None:
    """A missed mandate owes the mandating body a report (a contrary-to-duty duty)."""
    ident = f"{ob.id}:report"
    days = REPORT_DAYS if ob.report_days is None else ob.report_days
    report = ObligationState(
        id=ident,
        kind="report",
        obligee=ob.obligee,
        task=f"report the missed mandate {ob.id} to {ob.mandator}",
        due=ob.due + 1 + days,
        source_act=ob.source_act,
        clause=None,
        enforcement="audited",
        fulfilled_by=("report", ob.id),
        mandator=ob.mandator,
    )
    report.log(ob.due + 1, "created", f"{ob.id} missed")
    world.obligations[ident] = report
    world.timers.append(("obligation", ident))


def _power_holder(world: World, kind: str, ctx: ActContext) -> str | None:
    """Who owes an act of ``kind`` the book asks for after ``ctx``.

    The body holding the act's case, when the book lets a body like it do
    that act (the committee that must report, not the first body any
    clause names); else the first body a clause names for it.
    """
    grants = ctx.clauses.grants.get(kind, ())
    case = world.cases.get(ctx.case.id) if ctx.case else None
    owner = world.bodies.get(case.owner) if case and case.owner else None
    if owner is not None:
        for _, power in grants:
            by = power.by
            if by == owner.id or (
                isinstance(by, BodyKindActor) and owner.kind in by.kind
            ):
                return owner.id
    for _, power in grants:
        if isinstance(power.by, str):
            return power.by
    return None


def discharge(world: World, ctx: ActContext) -> list[str]:
    """Fulfil the duties this act answers, and say which."""
    kind = ctx.kind
    waiting = [
        ob
        for ob in world.obligations.values()
        if ob.status == "in_effect"
        and ob.kind != "mandate"
        and (
            ob.fulfilled_by[0] == kind
            or (ob.fulfilled_by[0] == "review_interim" and kind == "lift_interim")
        )
    ]
    if not waiting:
        return []
    refs = {
        ctx.act_field(name)
        for name in ("decision", "measure", "mandate", "appeal", "about", "subject")
    }
    case = ctx.case.id if ctx.case else None
    filled = ctx.act_field("body") if kind in {"elect", "appoint"} else None
    out = []
    for ob in waiting:
        ref = ob.fulfilled_by[1]
        if (
            ref in refs
            or (ob.case is not None and ob.case == case)
            or (ob.body is not None and ob.body == filled and ob.obligee == ctx.actor)
        ):
            ob.status = "fulfilled"
            ob.log(ctx.day, "fulfilled", ctx.act_id)
            out.append(f"duty {ob.id} discharged")
    return out


def _seat_vacated(ctx: ActContext) -> str | None:
    """The body on which the act vacates a seat, if it is one that does."""
    if ctx.kind in {"resign_office", "recall"}:
        body = ctx.act_field("body")
        return body if isinstance(body, str) else None
    if ctx.kind == "sanction" and ctx.act_field("sanction") == "remove_from_office":
        office = ctx.act_field("office")
        return office if isinstance(office, str) else None
    return None
