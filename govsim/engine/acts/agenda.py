"""Mandates with deadlines, proposals and votes, and speech acts."""

from __future__ import annotations

from typing import Any

from govsim.engine.acts.base import Check, Handler, handles
from govsim.engine.context import ActContext, Targets
from govsim.engine.state import ObligationState

__all__: list[str] = []


@handles
class Mandate(Handler):
    kinds = ("mandate",)

    def targets(self, ctx: ActContext) -> Targets:
        return Targets(bodies=(ctx.act.obligee,))  # type: ignore[attr-defined]

    def preconditions(self, ctx: ActContext) -> list[Check]:
        ident = ctx.act.mandate  # type: ignore[attr-defined]
        return (
            [(False, f"mandate {ident} already exists")]
            if ident in ctx.world.obligations
            else []
        )

    def apply(self, ctx: ActContext, grant: Any) -> list[str]:
        act: Any = ctx.act
        ctx.world.obligations[act.mandate] = ObligationState(
            id=act.mandate,
            kind="mandate",
            obligee=act.obligee,
            task=act.task,
            due=ctx.calendar.day(act.due),
            source_act=ctx.act_id,
            clause=None,
            enforcement="audited",
            fulfilled_by=("fulfil", act.mandate),
        )
        ctx.world.timers.append(("obligation", act.mandate))
        return [f"{act.obligee} must {act.task} by {act.due.isoformat()}"]


@handles
class MandateAct(Handler):
    kinds = ("fulfil", "extend")

    def targets(self, ctx: ActContext) -> Targets:
        ob = ctx.world.obligations.get(ctx.act.mandate)  # type: ignore[attr-defined]
        return Targets(bodies=(ob.obligee,) if ob else ())

    def depends_on(self, ctx: ActContext) -> list[str]:
        ob = ctx.world.obligations.get(ctx.act.mandate)  # type: ignore[attr-defined]
        return [ob.source_act] if ob else []

    def preconditions(self, ctx: ActContext) -> list[Check]:
        ob = ctx.world.obligations.get(ctx.act.mandate)  # type: ignore[attr-defined]
        if ob is None:
            return [(False, f"there is no mandate {ctx.act.mandate}")]  # type: ignore[attr-defined]
        if ctx.kind == "extend" and ctx.act.due is None:  # type: ignore[attr-defined]
            return [(False, "an extension states the new due date")]
        return []

    def apply(self, ctx: ActContext, grant: Any) -> list[str]:
        act: Any = ctx.act
        ob = ctx.world.obligations[act.mandate]
        late = ctx.day > ob.due
        if ctx.kind == "fulfil":
            ob.status = "fulfilled"
            return [f"mandate {ob.id} fulfilled{' late' if late else ''}"]
        ob.due = ctx.calendar.day(act.due)
        ob.generation += 1
        if ob.status in {"in_effect", "violated"}:
            ob.status = "in_effect"
        ctx.world.timers.append(("obligation", ob.id))
        return [f"mandate {ob.id} extended to {act.due.isoformat()}"]


@handles
class Propose(Handler):
    kinds = ("propose",)

    def targets(self, ctx: ActContext) -> Targets:
        return Targets()

    def preconditions(self, ctx: ActContext) -> list[Check]:
        ident = ctx.act.proposal  # type: ignore[attr-defined]
        return (
            [(False, f"proposal {ident} already exists")]
            if ident in ctx.world.proposals
            else []
        )

    def apply(self, ctx: ActContext, grant: Any) -> list[str]:
        act: Any = ctx.act
        ctx.world.proposals[act.proposal] = {
            "by": act.by,
            "supporters": act.supporters,
            "status": "open",
            "act": ctx.act_id,
        }
        return [f"proposal {act.proposal} tabled with {act.supporters} supporters"]


@handles
class ProposalAct(Handler):
    kinds = ("withdraw", "vote")

    def targets(self, ctx: ActContext) -> Targets:
        return Targets()

    def depends_on(self, ctx: ActContext) -> list[str]:
        prop = ctx.world.proposals.get(ctx.act.proposal)  # type: ignore[attr-defined]
        return [str(prop["act"])] if prop else []

    def preconditions(self, ctx: ActContext) -> list[Check]:
        prop = ctx.world.proposals.get(ctx.act.proposal)  # type: ignore[attr-defined]
        if prop is None or prop["status"] != "open":
            return [(False, f"proposal {ctx.act.proposal} is not open")]  # type: ignore[attr-defined]
        if ctx.kind == "withdraw" and prop["by"] != ctx.actor:
            who = prop["by"]
            return [(False, f"only {who} can withdraw proposal {prop['act']}")]
        return []

    def apply(self, ctx: ActContext, grant: Any) -> list[str]:
        prop = ctx.world.proposals[ctx.act.proposal]  # type: ignore[attr-defined]
        if ctx.kind == "withdraw":
            prop["status"] = "withdrawn"
            return [f"proposal {ctx.act.proposal} withdrawn"]  # type: ignore[attr-defined]
        record = ctx.meeting
        carried = record is None or record.yes > record.no
        prop["status"] = "adopted" if carried else "rejected"
        return [f"proposal {ctx.act.proposal} {prop['status']}"]  # type: ignore[attr-defined]


@handles
class Disclose(Handler):
    kinds = ("disclose",)
    needs_power = False

    def targets(self, ctx: ActContext) -> Targets:
        to = tuple(ctx.act.to)  # type: ignore[attr-defined]
        return Targets(
            persons=tuple(t for t in to if t in ctx.world.persons),
            bodies=tuple(t for t in to if t in ctx.world.bodies),
        )

    def apply(self, ctx: ActContext, grant: Any) -> list[str]:
        act: Any = ctx.act
        document = act.document or ctx.act_id
        readers = ctx.world.knowledge.setdefault(document, {act.by})
        for recipient in act.to:
            readers.update(ctx.body_persons(recipient) or [recipient])
        return [f"{document} reaches {', '.join(act.to)}"]


@handles
class PublishStatement(Handler):
    kinds = ("publish_statement",)

    def targets(self, ctx: ActContext) -> Targets:
        return Targets()

    def apply(self, ctx: ActContext, grant: Any) -> list[str]:
        act: Any = ctx.act
        return [f"statement published to {act.audience}"]
