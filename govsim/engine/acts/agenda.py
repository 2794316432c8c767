"""Mandates with deadlines, proposals and votes, and speech acts."""

from __future__ import annotations

from typing import Any, ClassVar

from govsim.engine.acts.base import Check, Handler, handles
from govsim.engine.context import ActContext, Targets
from govsim.engine.state import ObligationState
from govsim.model import acts as models

__all__: list[str] = []


@handles
class Mandate(Handler):
    kinds = ("mandate",)
    effects: ClassVar[dict[str, str]] = {
        "mandate": "Creates an obligation (id ``mandate``): the obligee body must do "
        "``task`` by ``due``. Missed, it is violated the day after, and the obligee "
        "owes the mandating body a report within ``report_within`` days (30 if not "
        "given). Void if the id is taken."
    }
    reaches = "the obligee body"

    def targets(self, ctx: ActContext) -> Targets:
        return Targets(bodies=(ctx.act_as(models.Mandate).obligee,))

    def preconditions(self, ctx: ActContext) -> list[Check]:
        ident = ctx.act_as(models.Mandate).mandate
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
            mandator=ctx.actor,
            report_days=act.report_within,
        )
        ctx.world.obligations[act.mandate].log(ctx.day, "created", ctx.act_id)
        ctx.world.timers.append(("obligation", act.mandate))
        return [f"{act.obligee} must {act.task} by {act.due.isoformat()}"]


@handles
class MandateAct(Handler):
    """Fulfil, extend, transfer or abandon an obligation, and log it in its lifecycle."""

    kinds = ("fulfil", "extend", "transfer", "abandon")
    effects: ClassVar[dict[str, str]] = {
        "fulfil": "Marks the mandate fulfilled (late, after its due date).",
        "extend": "Sets a new due date (``due``); a violated mandate is in effect "
        "again.",
        "transfer": "Passes the mandate to the body ``to``.",
        "abandon": "Records the mandate as abandoned by the actor.",
    }
    reaches = "the mandate's obligee body"

    def targets(self, ctx: ActContext) -> Targets:
        ob = ctx.world.obligations.get(ctx.act_as(models.MandateAct).mandate)
        return Targets(bodies=(ob.obligee,) if ob else ())

    def depends_on(self, ctx: ActContext) -> list[str]:
        ob = ctx.world.obligations.get(ctx.act_as(models.MandateAct).mandate)
        return [ob.source_act] if ob else []

    def preconditions(self, ctx: ActContext) -> list[Check]:
        act: Any = ctx.act
        ob = ctx.world.obligations.get(act.mandate)
        if ob is None:
            return [(False, f"there is no mandate {act.mandate}")]
        if ob.status in {"fulfilled", "abandoned"}:
            return [(False, f"mandate {act.mandate} is already {ob.status}")]
        if ctx.kind == "extend" and act.due is None:
            return [(False, "an extension states the new due date")]
        if ctx.kind == "transfer" and act.to is None:
            return [(False, "a transfer names the body that takes the mandate over")]
        return []

    def apply(self, ctx: ActContext, grant: Any) -> list[str]:
        act: Any = ctx.act
        ob = ctx.world.obligations[act.mandate]
        late = ctx.day > ob.due
        if ctx.kind == "fulfil":
            ob.status = "fulfilled"
            ob.log(ctx.day, "fulfilled", ctx.act_id + (" (late)" if late else ""))
            return [f"mandate {ob.id} fulfilled{' late' if late else ''}"]
        if ctx.kind == "abandon":
            ob.status = "abandoned"
            ob.log(ctx.day, "abandoned", f"{ctx.act_id} by {ctx.actor}")
            return [f"mandate {ob.id} recorded as abandoned by {ctx.actor}"]
        if ctx.kind == "transfer":
            before, ob.obligee = ob.obligee, act.to
            ob.log(ctx.day, "transferred", f"{before} -> {act.to} by {ctx.act_id}")
            return [f"mandate {ob.id} transferred from {before} to {act.to}"]
        ob.due = ctx.calendar.day(act.due)
        ob.generation += 1
        if ob.status in {"in_effect", "violated"}:
            ob.status = "in_effect"
        ob.log(ctx.day, "extended", f"to {act.due.isoformat()} by {ctx.actor}")
        ctx.world.timers.append(("obligation", ob.id))
        return [f"mandate {ob.id} extended to {act.due.isoformat()}"]


@handles
class Report(Handler):
    """A report to a body on a missed duty or an emergency act; conduct, not power."""

    kinds = ("report",)
    effects: ClassVar[dict[str, str]] = {
        "report": "Records the report to ``to`` on the act or mandate ``about``; a "
        "mandate's lifecycle logs it as reported."
    }
    reaches = "the persons the act reported on was about, and the body ``to``"
    needs_power = False

    def targets(self, ctx: ActContext) -> Targets:
        act: Any = ctx.act
        # A report is about whoever the act it reports on was done to.
        return Targets(
            persons=ctx.world.targets_of.get(act.about, ()), bodies=(act.to,)
        )

    def apply(self, ctx: ActContext, grant: Any) -> list[str]:
        act: Any = ctx.act
        ctx.world.reports.setdefault(act.about, []).append((ctx.day, act.by, act.to))
        ob = ctx.world.obligations.get(act.about)
        if ob is not None:
            ob.log(ctx.day, "reported", f"{act.by} -> {act.to}")
        return [f"{act.by} reports on {act.about} to {act.to}"]


@handles
class Propose(Handler):
    kinds = ("propose",)
    effects: ClassVar[dict[str, str]] = {
        "propose": "Tables the proposal, open, with its number of supporters. Void if "
        "the id is taken."
    }
    reaches = "nothing: the act has no targets"

    def targets(self, ctx: ActContext) -> Targets:
        return Targets()

    def preconditions(self, ctx: ActContext) -> list[Check]:
        ident = ctx.act_as(models.Propose).proposal
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
            "day": ctx.day,
        }
        return [f"proposal {act.proposal} tabled with {act.supporters} supporters"]


@handles
class ProposalAct(Handler):
    kinds = ("withdraw", "vote")
    effects: ClassVar[dict[str, str]] = {
        "withdraw": "Withdraws the open proposal; only its proposer may.",
        "vote": "Adopts the open proposal if the vote carried (more for than "
        "against; no vote recorded counts as carried), else rejects it.",
    }
    reaches = "nothing: the act has no targets"

    def targets(self, ctx: ActContext) -> Targets:
        return Targets()

    def depends_on(self, ctx: ActContext) -> list[str]:
        prop = ctx.world.proposals.get(ctx.act_as(models.ProposalAct).proposal)
        return [str(prop["act"])] if prop else []

    def preconditions(self, ctx: ActContext) -> list[Check]:
        ident = ctx.act_as(models.ProposalAct).proposal
        prop = ctx.world.proposals.get(ident)
        if prop is None or prop["status"] != "open":
            return [(False, f"proposal {ident} is not open")]
        if ctx.kind == "withdraw" and prop["by"] != ctx.actor:
            who = prop["by"]
            return [(False, f"only {who} can withdraw proposal {prop['act']}")]
        return []

    def apply(self, ctx: ActContext, grant: Any) -> list[str]:
        ident = ctx.act_as(models.ProposalAct).proposal
        prop = ctx.world.proposals[ident]
        if ctx.kind == "withdraw":
            prop["status"] = "withdrawn"
            return [f"proposal {ident} withdrawn"]
        record = ctx.meeting
        carried = record is None or record.yes > record.no
        prop["status"] = "adopted" if carried else "rejected"
        return [f"proposal {ident} {prop['status']}"]


@handles
class Disclose(Handler):
    kinds = ("disclose", "raise_concern")
    effects: ClassVar[dict[str, str]] = {
        "disclose": "The document (or, unnamed, the act itself) becomes known to "
        "each recipient: a body's members, every member for ``members`` or "
        "``public``; the case's record reaches them.",
        "raise_concern": "As ``disclose``; whoever raised a concern is protected "
        "against retaliation (the ``non_retaliation`` invariant).",
    }
    reaches = "the persons and bodies among the recipients (``to``)"
    needs_power = False

    def targets(self, ctx: ActContext) -> Targets:
        to = tuple(ctx.act_as(models.Disclose).to)
        return Targets(
            persons=tuple(t for t in to if t in ctx.world.persons),
            bodies=tuple(t for t in to if t in ctx.world.bodies),
        )

    def apply(self, ctx: ActContext, grant: Any) -> list[str]:
        act: Any = ctx.act
        document = act.document or ctx.act_id
        # Each audience once: telling the members lists every member, and
        # the knowledge and the case record both need the list.
        audiences = [(recipient, _audience(ctx, recipient)) for recipient in act.to]
        readers = ctx.world.knowledge.setdefault(document, {act.by})
        for _, audience in audiences:
            readers.update(audience)
        if act.case in ctx.world.cases:
            record = ctx.world.record(act.case)
            for recipient, audience in audiences:
                if recipient in ctx.world.bodies:
                    record.bodies.add(recipient)
                record.members |= recipient in {"members", "public"}
                record.public |= recipient in {"public", "outside"}
                record.read(audience, ctx.day)
        return [f"{document} reaches {', '.join(act.to)}"]


def _audience(ctx: ActContext, recipient: str) -> list[str]:
    """The persons a recipient stands for: a body's holders, the members, or itself."""
    world = ctx.world
    if recipient in {"members", "public"}:
        return (
            world.holders("membership", ctx.day)
            if "membership" in world.bodies
            else [
                p
                for p, s in sorted(world.persons.items())
                if s.status in {"member", "on_leave"}
            ]
        )
    if recipient == "outside":
        return []
    return ctx.body_persons(recipient) or [recipient]


@handles
class PublishStatement(Handler):
    kinds = ("publish_statement",)
    effects: ClassVar[dict[str, str]] = {
        "publish_statement": "For a case, its record reaches the audience: the "
        "acting body, the members or the public."
    }
    reaches = "nothing: the act has no targets"

    def targets(self, ctx: ActContext) -> Targets:
        return Targets()

    def apply(self, ctx: ActContext, grant: Any) -> list[str]:
        act: Any = ctx.act
        if act.case in ctx.world.cases:
            record = ctx.world.record(act.case)
            record.members |= act.audience in {"members", "public"}
            record.public |= act.audience == "public"
            if act.audience == "body":
                record.bodies.add(ctx.actor)
        return [f"statement published to {act.audience}"]
