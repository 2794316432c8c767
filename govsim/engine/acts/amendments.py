"""Changing the rule book: an ``amend_rules`` act, a reading or an adoption."""

from __future__ import annotations

from typing import Any, ClassVar

from govsim.engine.acts.base import Check, Handler, handles
from govsim.engine.amending import entrenchment_reasons
from govsim.engine.context import ActContext, Targets
from govsim.engine.state import Adoption
from govsim.engine.trace import Reason
from govsim.model.acts import AmendRules
from govsim.model.rulebook import Amendment

__all__: list[str] = []

_APPLIES = {
    "new_cases": "to cases opened from then on",
    "pending_cases": "to new cases and to those open then",
    "all": "to every case, closed ones too",
}


def amendment_of(ctx: ActContext) -> Amendment:
    """The changes an ``amend_rules`` act makes, as a dated amendment named by the act."""
    act = ctx.act_as(AmendRules)
    return Amendment(
        id=ctx.act_id,
        in_force=max(act.in_force or act.at, act.at),
        source=act.source,
        clauses=(*act.add, *act.replace),
        repeal=act.repeal,
        applies_to=act.applies_to,
    )


@handles
class AmendRulesHandler(Handler):
    """A body changes the rules; later acts are judged under the changed book."""

    kinds = ("amend_rules",)
    effects: ClassVar[dict[str, str]] = {
        "amend_rules": "A final reading adopts the changes: from ``in_force`` (absent: "
        "the act's day) later acts are judged under the book with the clauses added, "
        "reworded or repealed, within what ``applies_to`` says. A first reading "
        "changes nothing and is kept for the adopting act to name. Void if a clause "
        "replaced or repealed is not in force, or one added already is."
    }
    reaches = "nothing: the act has no targets"

    def targets(self, ctx: ActContext) -> Targets:
        return Targets()

    def preconditions(self, ctx: ActContext) -> list[Check]:
        act = ctx.act_as(AmendRules)
        clauses = ctx.clauses
        date = act.at.isoformat()
        out: list[Check] = []
        for clause in act.add:
            if clauses.get(clause.id) is not None:
                out.append(
                    (
                        False,
                        f"clause {clause.id} is already in force on {date}: "
                        "replace it instead of adding it",
                    )
                )
        for ident in (*(c.id for c in act.replace), *act.repeal):
            if clauses.get(ident) is None:
                out.append((False, f"clause {ident} is not in force on {date}"))
        if act.reading == "first" and act.first_reading is not None:
            out.append((False, "a first reading follows no reading"))
        return out

    def rules(self, ctx: ActContext) -> list[Reason]:
        act = ctx.act_as(AmendRules)
        out = entrenchment_reasons(ctx)
        if act.in_force is not None and act.in_force < act.at:
            out.append(
                Reason(
                    check=(
                        f"the changes are said to be in force from {act.in_force}, "
                        f"before they were adopted on {act.at}: they apply from "
                        "their adoption only"
                    ),
                    holds=False,
                    rule="retroactive",
                    enforcement="audited",
                )
            )
        return out

    def apply(self, ctx: ActContext, grant: Any) -> list[str]:
        act = ctx.act_as(AmendRules)
        amendment = amendment_of(ctx)
        final = act.reading == "final"
        ctx.world.adoptions[ctx.act_id] = Adoption(
            ctx.act_id, ctx.actor, ctx.day, amendment, final, act.first_reading
        )
        changes = "; ".join(
            part
            for part in (
                _listed("adds", [c.id for c in act.add]),
                _listed("rewords", [c.id for c in act.replace]),
                _listed("repeals", list(act.repeal)),
            )
            if part
        )
        if not final:
            return [
                f"first reading of changes to the rules ({changes}); nothing changes yet"
            ]
        return [
            f"rules amended from {amendment.in_force.isoformat()}: {changes}; "
            f"applies {_APPLIES[amendment.applies_to]}"
        ]


def _listed(verb: str, ids: list[str]) -> str:
    if not ids:
        return ""
    return f"{verb} clause{'s' if len(ids) > 1 else ''} {', '.join(ids)}"
