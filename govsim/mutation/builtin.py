"""govsim's own mutation operators: the bad changes a bylaws committee fears.

Each deletes or weakens one provision by one step, so that a scenario set
that notices nothing has a precise gap: the notice period halved, the
quorum one smaller, the appeal link gone. Weakening steps are those of
:mod:`govsim.testing.edits` (thresholds unanimous to 2/3 to majority; a
quorum one person smaller), so a mutant and a ``rulebook_variants`` change
say the same thing in the same words.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from govsim.model.rulebook import Clause, DecisionBase, DecisionRule, Power
from govsim.model.selectors import (
    ActorSelector,
    BodyKindActor,
    JointActor,
    PersonActor,
    describe_actor,
)
from govsim.mutation.operators import Edit, MutationContext, mutation_operator
from govsim.testing.edits import describe, lower_quorum, lower_threshold

__all__ = ["PERIOD_FIELDS"]

PERIOD_FIELDS = (
    "days",
    "min_days_before",
    "max_days",
    "review_within_days",
    "within_days",
    "days_between",
    "notice_days",
)
"""The fields, on requirements, conditions and conflict rules, that are periods in days."""

_WEAKER_BASE: dict[str, DecisionBase] = {
    "seats": "present",
    "seats_filled": "present",
    "present": "votes_cast",
    "present_entitled": "votes_cast",
}
"""One step down: a share of the seats to a share of those present, then of votes cast."""


@mutation_operator("delete_clause", "delete the whole clause")
def delete_clause(clause: Clause, context: MutationContext) -> Iterator[Edit]:
    title = f" ({clause.title})" if clause.title else ""
    yield Edit(f"delete clause {clause.id}{title}", lambda c: None)


@mutation_operator("drop_requirement", "drop one procedural requirement")
def drop_requirement(clause: Clause, context: MutationContext) -> Iterator[Edit]:
    enforcement = clause.enforcement or context.enforcement
    for req in clause.requires:
        yield Edit(
            describe("drop_requirement", req, clause, enforcement),
            lambda c, r=req: c.model_copy(
                update={"requires": tuple(x for x in c.requires if x != r)}
            ),
        )


def _rule_edit(
    clause: Clause, rule: DecisionRule, sentence: str, **update: Any
) -> Edit:
    def change(c: Clause) -> Clause:
        decides = tuple(
            d.model_copy(update=update) if d == rule else d for d in c.decides
        )
        return c.model_copy(update={"decides": decides})

    return Edit(sentence, change)


def _acts(acts: tuple[str, ...]) -> str:
    return ", ".join(a.replace("_", " ") for a in acts)


@mutation_operator("weaken_threshold", "lower a decision rule's threshold one step")
def weaken_threshold(clause: Clause, context: MutationContext) -> Iterator[Edit]:
    for rule in clause.decides:
        lowered = lower_threshold(rule.threshold)
        if lowered is not None:
            yield _rule_edit(
                clause,
                rule,
                f"lower the threshold for {_acts(rule.acts)} in clause {clause.id} "
                f"from {rule.threshold} to {lowered}",
                threshold=lowered,
            )


@mutation_operator("weaken_quorum", "make a decision rule's quorum one person smaller")
def weaken_quorum(clause: Clause, context: MutationContext) -> Iterator[Edit]:
    for rule in clause.decides:
        if rule.quorum is None:
            continue
        lowered = lower_quorum(rule.quorum)
        sentence = (
            f"drop the quorum of {rule.quorum} for {_acts(rule.acts)} in clause {clause.id}"
            if lowered is None
            else f"lower the quorum for {_acts(rule.acts)} in clause {clause.id} "
            f"from {rule.quorum} to {lowered}"
        )
        yield _rule_edit(clause, rule, sentence, quorum=lowered)
    for rule in clause.decides:
        if rule.min_for is not None:
            fewer = rule.min_for - 1 if rule.min_for > 1 else None
            yield _rule_edit(
                clause,
                rule,
                f"ask {fewer or 'no minimum of'} votes for {_acts(rule.acts)} in "
                f"clause {clause.id} instead of {rule.min_for}",
                min_for=fewer,
            )


@mutation_operator("weaken_base", "count a threshold against a smaller base")
def weaken_base(clause: Clause, context: MutationContext) -> Iterator[Edit]:
    for rule in clause.decides:
        weaker = _WEAKER_BASE.get(rule.base)
        if weaker is not None:
            yield _rule_edit(
                clause,
                rule,
                f"count the {rule.threshold} for {_acts(rule.acts)} in clause "
                f"{clause.id} among {weaker.replace('_', ' ')} instead of "
                f"{rule.base.replace('_', ' ')}",
                base=weaker,
            )


def _periods(clause: Clause) -> Iterator[tuple[str, int, str, Any, str]]:
    """Every period in the clause: (where, days, field of clause, item, field of item)."""
    holders: list[tuple[str, Any, str]] = [
        (f"the {req.rule.replace('_', ' ')} rule", req, "requires")
        for req in clause.requires
    ]
    holders += [
        (f"the power of {describe_actor(p.by)} to {_acts(p.acts)}", p, "powers")
        for p in clause.powers
    ]
    holders += [("the conflict rule", c, "conflicts") for c in clause.conflicts]
    for where, item, field in holders:
        owner = item.when if isinstance(item, Power) else item
        if owner is None:
            continue
        for name in PERIOD_FIELDS:
            value = getattr(owner, name, None)
            if isinstance(value, int) and not isinstance(value, bool):
                yield where, value, field, item, name


def _period_edit(
    clause: Clause, where: str, field: str, item: Any, name: str, old: int, new: int
) -> Edit:
    def change(c: Clause) -> Clause:
        def edited(x: Any) -> Any:
            if x != item:
                return x
            if isinstance(x, Power):
                assert x.when is not None
                return x.model_copy(
                    update={"when": x.when.model_copy(update={name: new})}
                )
            return x.model_copy(update={name: new})

        return c.model_copy(update={field: tuple(map(edited, getattr(c, field)))})

    label = name.replace("_", " ")
    return Edit(
        f"change {label} of {where} in clause {clause.id} from {old} to {new}",
        change,
    )


@mutation_operator("lengthen_period", "double a period in days (notice, cap, deadline)")
def lengthen_period(clause: Clause, context: MutationContext) -> Iterator[Edit]:
    for where, days, field, item, name in _periods(clause):
        yield _period_edit(clause, where, field, item, name, days, days * 2 or 1)


def _least(item: Any, name: str) -> int:
    """The least value the field accepts (1 for caps and appeal windows, else 0)."""
    owner = item.when if isinstance(item, Power) else item
    for meta in type(owner).model_fields[name].metadata:
        least = getattr(meta, "ge", None)
        if least is not None:
            return int(least)
    return 0


@mutation_operator("shorten_period", "halve a period in days (notice, cap, deadline)")
def shorten_period(clause: Clause, context: MutationContext) -> Iterator[Edit]:
    for where, days, field, item, name in _periods(clause):
        if days > 0 and days // 2 >= _least(item, name):
            yield _period_edit(clause, where, field, item, name, days, days // 2)


def _wider_actor(actor: ActorSelector, context: MutationContext) -> ActorSelector | None:
    """The actor one step wider: a body to any of its kind, a party to any member."""
    if isinstance(actor, str):
        org = context.organisation
        body = None if org is None else org.bodies.get(actor)
        if body is None or body.kind == "membership":
            return None
        return BodyKindActor(kind=(body.kind,))
    if isinstance(actor, JointActor):
        return None
    if isinstance(actor, PersonActor):
        if actor.person in ("party", "seat_holder"):
            return PersonActor(person="member")
        if actor.person == "member":
            return PersonActor(person="anyone")
    return None


def _power_edit(clause: Clause, power: Power, sentence: str, **update: Any) -> Edit:
    def change(c: Clause) -> Clause:
        powers = tuple(p.model_copy(update=update) if p == power else p for p in c.powers)
        return c.model_copy(update={"powers": powers})

    return Edit(sentence, change)


@mutation_operator("widen_actors", "give a power to a wider set of actors, one step")
def widen_actors(clause: Clause, context: MutationContext) -> Iterator[Edit]:
    for power in clause.powers:
        wider = _wider_actor(power.by, context)
        if wider is not None:
            yield _power_edit(
                clause,
                power,
                f"let {describe_actor(wider)} {_acts(power.acts)} where clause "
                f"{clause.id} lets only {describe_actor(power.by)}",
                by=wider,
            )


@mutation_operator("widen_targets", "lift the limits on what a power runs over")
def widen_targets(clause: Clause, context: MutationContext) -> Iterator[Edit]:
    for power in clause.powers:
        if power.over is not None:
            yield _power_edit(
                clause,
                power,
                f"let {describe_actor(power.by)} {_acts(power.acts)} over any target, "
                f"not only those clause {clause.id} names",
                over=None,
            )
        if power.when is not None:
            yield _power_edit(
                clause,
                power,
                f"let {describe_actor(power.by)} {_acts(power.acts)} without the "
                f"conditions of clause {clause.id}",
                when=None,
            )


@mutation_operator("relax_enforcement", "make a regimented clause audited")
def relax_enforcement(clause: Clause, context: MutationContext) -> Iterator[Edit]:
    if (clause.enforcement or context.enforcement) == "regimented" and (
        clause.requires or clause.decides
    ):
        yield Edit(
            f"make clause {clause.id} audited instead of regimented (a breach "
            "is recorded but the act stands)",
            lambda c: c.model_copy(update={"enforcement": "audited"}),
        )


@mutation_operator("drop_disability", "remove a denial of power")
def drop_disability(clause: Clause, context: MutationContext) -> Iterator[Edit]:
    for power in clause.disabilities:
        yield Edit(
            f"remove the denial of {_acts(power.acts)} to {describe_actor(power.by)} "
            f"in clause {clause.id}",
            lambda c, p=power: c.model_copy(
                update={"disabilities": tuple(x for x in c.disabilities if x != p)}
            ),
        )


@mutation_operator("drop_link", "remove an accountability link")
def drop_link(clause: Clause, context: MutationContext) -> Iterator[Edit]:
    for link in clause.accountability:
        yield Edit(
            f"remove the link '{link.by} {link.relation.replace('_', ' ')} "
            f"{link.of}' of clause {clause.id}",
            lambda c, k=link: c.model_copy(
                update={
                    "accountability": tuple(
                        x for x in c.accountability if x != k
                    )
                }
            ),
        )
