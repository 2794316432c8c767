"""Acts that make and unmake bodies and meetings: create and delegate, convene, caucus, dissolve."""

from __future__ import annotations

from typing import Any, ClassVar

from govsim.engine.acts.base import Check, Handler, handles
from govsim.engine.context import ActContext, Targets
from govsim.engine.powers import actor_matches
from govsim.engine.state import BodyState, MeetingState, SeatState
from govsim.model import acts as models
from govsim.model.meetingrecords import is_joint

__all__: list[str] = []


def _new_id(ctx: ActContext, ident: str) -> list[Check]:
    if ident in ctx.world.bodies or ident in ctx.world.persons:
        return [(False, f"'{ident}' already names a body or person")]
    return []


@handles
class CreateBody(Handler):
    """Create a body and delegate powers to it: never more than the creator holds."""

    kinds = ("create_body",)
    effects: ClassVar[dict[str, str]] = {
        "create_body": "Creates the body with ``members`` seated (until ``until``) "
        "and holding the delegated powers. Void if the id is taken, or for a power "
        "the creator holds with no ``delegable: true``."
    }
    reaches = "the ``members``"

    def targets(self, ctx: ActContext) -> Targets:
        return Targets(persons=tuple(ctx.act_as(models.CreateBody).members))

    def preconditions(self, ctx: ActContext) -> list[Check]:
        act: Any = ctx.act
        out = _new_id(ctx, act.body)
        for delegation in act.powers:
            for kind in delegation.acts:
                held = any(
                    actor_matches(power.by, ctx) and power.delegable
                    for _, power in ctx.clauses.grants.get(kind, ())
                )
                if not held:
                    out.append(
                        (
                            False,
                            f"{ctx.actor} cannot delegate {kind}: it holds no delegable power to {kind}",
                        )
                    )
        return out

    def apply(self, ctx: ActContext, grant: Any) -> list[str]:
        act: Any = ctx.act
        until = ctx.calendar.day(act.until) if act.until else None
        delegated = tuple(k for d in act.powers for k in d.acts)
        ctx.world.add_body(
            BodyState(
                id=act.body,
                kind=act.kind,
                seats=[SeatState(p, ctx.day, until, ctx.actor) for p in act.members],
                created_by=ctx.act_id,
                creator=ctx.actor,
                delegated=delegated,
            )
        )
        given = f" with {', '.join(delegated)}" if delegated else ""
        return [f"{act.body} created by {ctx.actor}{given}"]


@handles
class Convene(Handler):
    """Call a meeting and keep its record; several bodies make a joint meeting.

    A joint meeting is also a body, with no powers of its own but those the
    book gives joint meetings; its seats are its bodies' and, for the day it
    sits, the persons invited ``also``.
    """

    kinds = ("convene",)
    effects: ClassVar[dict[str, str]] = {
        "convene": "Records the meeting: its bodies, sitting day, chair, agenda, "
        "notice, attendance and objections. Several bodies (or persons ``also`` "
        "invited) make a joint meeting, a body of kind ``joint_meeting`` acting in "
        "its own name."
    }
    reaches = "the convened bodies"

    def targets(self, ctx: ActContext) -> Targets:
        return Targets(bodies=tuple(ctx.act_as(models.Convene).bodies))

    def preconditions(self, ctx: ActContext) -> list[Check]:
        act: Any = ctx.act
        if is_joint(act):
            return _new_id(ctx, act.meeting)
        if act.meeting in ctx.world.meetings:
            return [(False, f"meeting {act.meeting} was already called")]
        return []

    def apply(self, ctx: ActContext, grant: Any) -> list[str]:
        act: Any = ctx.act
        cal = ctx.calendar
        sits = cal.day(act.sits) if act.sits else ctx.day
        joint = is_joint(act)
        if joint:
            ctx.world.add_body(
                BodyState(
                    id=act.meeting,
                    kind="joint_meeting",
                    seats=[SeatState(p, sits, sits + 1, None) for p in act.also],
                    constituents=tuple(act.bodies),
                    created_by=ctx.act_id,
                    creator=ctx.actor,
                )
            )
        meeting = MeetingState(
            id=act.meeting,
            act=ctx.act_id,
            bodies=tuple(act.bodies),
            joint=joint,
            called_by=ctx.actor,
            called=ctx.day,
            sits=sits,
            chair=act.chair,
            agenda=tuple(act.agenda),
            attendance=act.present,
            objections=frozenset(act.objections),
            arrivals=dict(act.arrivals),
            departures=dict(act.departures),
        )
        for given in act.notice:
            entry = (cal.day(given.at), given.written)
            if given.to == "all":
                meeting.notices_to_all.append(entry)
            else:
                for person in given.to:
                    meeting.notices.setdefault(person, []).append(entry)
        if act.notice_days is not None:
            meeting.notices_to_all.append((sits - act.notice_days, True))
        ctx.world.meetings[act.meeting] = meeting
        when = "" if sits == ctx.day else f" to sit on {cal.date(sits).isoformat()}"
        return [f"{act.meeting} convened ({' + '.join(act.bodies)}){when}"]


@handles
class WaiveNotice(Handler):
    """A person waives notice of a meeting: conduct, no power needed."""

    kinds = ("waive_notice",)
    effects: ClassVar[dict[str, str]] = {
        "waive_notice": "Records the actor's waiver of notice of the meeting, in "
        "writing or not."
    }
    reaches = "the actor"
    needs_power = False

    def targets(self, ctx: ActContext) -> Targets:
        return Targets(persons=(ctx.actor,))

    def depends_on(self, ctx: ActContext) -> list[str]:
        call = ctx.calls.get(ctx.act_as(models.WaiveNotice).meeting)
        return [call.act] if call is not None else []

    def apply(self, ctx: ActContext, grant: Any) -> list[str]:
        act: Any = ctx.act
        ctx.world.meetings[act.meeting].waivers[ctx.actor] = (ctx.day, act.written)
        how = "in writing" if act.written else "not in writing"
        return [f"{ctx.actor} waives notice of meeting {act.meeting} ({how})"]


@handles
class FormCaucus(Handler):
    kinds = ("form_caucus",)
    effects: ClassVar[dict[str, str]] = {
        "form_caucus": "Creates a body of kind ``caucus`` with the actor and "
        "``members`` seated. Void if the id is taken."
    }
    reaches = "the ``members`` (none named: the actor)"

    def targets(self, ctx: ActContext) -> Targets:
        return Targets(
            persons=tuple(ctx.act_as(models.FormCaucus).members) or (ctx.actor,)
        )

    def preconditions(self, ctx: ActContext) -> list[Check]:
        return _new_id(ctx, ctx.act_as(models.FormCaucus).caucus)

    def apply(self, ctx: ActContext, grant: Any) -> list[str]:
        act: Any = ctx.act
        members = tuple(dict.fromkeys((act.by, *act.members)))
        ctx.world.add_body(
            BodyState(
                id=act.caucus,
                kind="caucus",
                seats=[SeatState(p, ctx.day, None, None) for p in members],
            )
        )
        return [f"caucus {act.caucus} formed by {len(members)} members"]


def _hand_over(ctx: ActContext, body: str | None, successor: str | None) -> list[str]:
    """Transfer open obligations of a body (or of all) to a successor, or orphan them."""
    out = []
    for ob in ctx.world.obligations.values():
        if ob.status != "in_effect" or (body is not None and ob.obligee != body):
            continue
        if successor:
            ob.log(
                ctx.day, "transferred", f"{ob.obligee} -> {successor} by {ctx.act_id}"
            )
            ob.obligee = successor
            out.append(f"obligation {ob.id} transferred to {successor}")
        else:
            out.append(f"obligation {ob.id} left with no one responsible")
    return out


@handles
class DissolveBody(Handler):
    kinds = ("dissolve_body",)
    effects: ClassVar[dict[str, str]] = {
        "dissolve_body": "The body no longer sits; its open cases and obligations "
        "pass to ``successor``, or are left with no one. Void if it does not sit."
    }

    def preconditions(self, ctx: ActContext) -> list[Check]:
        ident = ctx.act_as(models.DissolveBody).body
        body = ctx.world.bodies.get(ident)
        return [] if body and body.active else [(False, f"{ident} does not sit")]

    def apply(self, ctx: ActContext, grant: Any) -> list[str]:
        act: Any = ctx.act
        ctx.world.bodies[act.body].active = False
        out = [f"{act.body} dissolved"]
        for case in ctx.world.cases.values():
            if case.open and case.owner == act.body and act.successor:
                case.owner = act.successor
                out.append(f"case {case.id} handed to {act.successor}")
        return out + _hand_over(ctx, act.body, act.successor)


@handles
class BodyAct(Handler):
    kinds = ("disaffiliate", "dissolve_organisation")
    effects: ClassVar[dict[str, str]] = {
        "disaffiliate": "The branch (the actor) no longer sits; its members become "
        "non-members.",
        "dissolve_organisation": "The organisation is dissolved: only ``successor`` "
        "and outside bodies sit on; open cases and obligations pass to the "
        "successor or are left with no one.",
    }
    reaches = "the branch itself for ``disaffiliate``; nothing for a dissolution"

    def targets(self, ctx: ActContext) -> Targets:
        return Targets(bodies=(ctx.actor,) if ctx.kind == "disaffiliate" else ())

    def apply(self, ctx: ActContext, grant: Any) -> list[str]:
        world = ctx.world
        if ctx.kind == "disaffiliate":
            branch = world.bodies.get(ctx.actor)
            if branch is None:
                # A caucus whose forming took no effect is no body of this world;
                # the act is void, and applied as if effective it changes nothing.
                return [f"{ctx.actor} is no body of the organisation: nothing leaves"]
            branch.active = False
            leaving = sorted(
                p
                for p, s in world.persons.items()
                if s.branch == ctx.actor and s.status in {"member", "on_leave"}
            )
            for pid in leaving:
                world.persons[pid].status = "non_member"
            return [
                f"branch {ctx.actor} disaffiliates; {len(leaving)} members leave with it"
            ]
        world.dissolved = True
        successor = ctx.act_as(models.BodyAct).successor
        for body in world.bodies.values():
            body.active = body.id == successor or body.outside
        orphaned = sorted(c.id for c in world.cases.values() if c.open)
        out = ["the organisation is dissolved"]
        if orphaned and successor:
            for case_id in orphaned:
                world.cases[case_id].owner = successor
            out.append(f"open cases {', '.join(orphaned)} handed to {successor}")
        elif orphaned:
            out.append(
                f"open cases {', '.join(orphaned)} left with no body responsible"
            )
        return out + _hand_over(ctx, None, ctx.act_as(models.BodyAct).successor)
