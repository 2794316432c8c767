"""govsim's own mutation operators: the bad changes a bylaws committee fears.

Each deletes, weakens or shifts one provision by one step, so that a
scenario set that notices nothing has a precise gap: the notice period
halved or doubled, the quorum one smaller, the appeal link gone. A damage
is done to the provision in every version of its clause
(:mod:`govsim.mutation.provisions`). Weakening steps are those of
:mod:`govsim.testing.edits` (thresholds unanimous to 2/3 to majority; a
quorum one person smaller), so a mutant and a ``rulebook_variants`` change
say the same thing in the same words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from govsim.model.requirements import RequirementBase
from govsim.model.rulebook import Clause, DecisionBase, DecisionRule, Link, Power
from govsim.model.selectors import (
    ActorSelector,
    BodyKindActor,
    JointActor,
    PersonActor,
    describe_actor,
)
from govsim.mutation.operators import Edit, MutationContext, mutation_operator
from govsim.mutation.provisions import (
    PERIOD_NAMES,
    Period,
    acts_text,
    edit_each,
    least_days,
    periods,
    set_period,
    with_article,
)
from govsim.testing.edits import describe, lower_quorum, lower_threshold

__all__: list[str] = []

_RULE_NAMES = {
    "individual": "individual-targets",
    "finding": "finding-first",
    "forbidden": "prohibition",
}
_WEAKER_BASE: dict[str, DecisionBase] = {
    "seats": "present",
    "seats_filled": "present",
    "present": "votes_cast",
    "present_entitled": "votes_cast",
}
"""One step down: a share of the seats to a share of those present, then of votes cast."""


def _without(field: str, item: object) -> Callable[[Clause], Clause]:
    """An edit removing ``item`` from the clause's ``field``, in every version."""
    return edit_each(field, item, _gone)


def _gone(item: object) -> None:
    return None


@mutation_operator("delete_clause", "delete the whole clause")
def delete_clause(clause: Clause, context: MutationContext) -> Iterator[Edit]:
    title = f" ({clause.title})" if clause.title else ""
    acts = sorted(
        {a for p in (*clause.powers, *clause.disabilities) for a in p.acts}
        | {a for r in (*clause.requires, *clause.decides) for a in r.acts}
    )
    what = (
        with_article(f"{' or '.join(a.replace('_', ' ') for a in acts[:3])} act")
        if acts
        else "an act"
    )
    yield Edit(
        f"delete clause {clause.id}{title}",
        _deleted,
        f"a history with {what} whose verdict clause {clause.id} decides",
    )


def _deleted(clause: Clause) -> None:
    return None


@mutation_operator("drop_requirement", "drop one procedural requirement")
def drop_requirement(clause: Clause, context: MutationContext) -> Iterator[Edit]:
    enforcement = clause.enforcement or context.enforcement
    for req in clause.requires:
        outcome = (
            "void"
            if (clause.enforcement or enforcement) == "regimented"
            else "irregular"
        )
        yield Edit(
            describe("drop_requirement", req, clause, enforcement),
            _without("requires", req),
            f"{with_article(_acts(req.acts) or 'meeting')} act that breaks only the "
            f"{_RULE_NAMES.get(req.rule, req.rule.replace('_', ' '))} rule of "
            f"clause {clause.id}, expected {outcome}",
        )


def _rule_edit(
    rule: DecisionRule,
    sentence: str,
    hint: str,
    update: Callable[[DecisionRule], dict[str, Any]],
) -> Edit:
    """An edit of a decision rule, worked out on each version's own values."""

    def change(version: DecisionRule) -> DecisionRule:
        return version.model_copy(update=update(version))

    return Edit(sentence, edit_each("decides", rule, change), hint)


_acts = acts_text


def _lowered_threshold(rule: DecisionRule) -> dict[str, Any]:
    return {"threshold": lower_threshold(rule.threshold) or rule.threshold}


def _lowered_quorum(rule: DecisionRule) -> dict[str, Any]:
    return {"quorum": None if rule.quorum is None else lower_quorum(rule.quorum)}


def _fewer_for(rule: DecisionRule) -> dict[str, Any]:
    fewer = rule.min_for - 1 if rule.min_for is not None and rule.min_for > 1 else None
    return {"min_for": fewer}


def _weaker_base(rule: DecisionRule) -> dict[str, Any]:
    return {"base": _WEAKER_BASE.get(rule.base, rule.base)}


@mutation_operator("weaken_threshold", "lower a decision rule's threshold one step")
def weaken_threshold(clause: Clause, context: MutationContext) -> Iterator[Edit]:
    for rule in clause.decides:
        lowered = lower_threshold(rule.threshold)
        if lowered is not None:
            yield _rule_edit(
                rule,
                f"lower the threshold for {_acts(rule.acts)} in clause {clause.id} "
                f"from {rule.threshold} to {lowered}",
                f"{with_article(_acts(rule.acts))} vote carried by more than "
                f"{lowered} but less than {rule.threshold} of "
                f"{rule.base.replace('_', ' ')}, expected to fail",
                _lowered_threshold,
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
        hint = (
            f"{with_article(_acts(rule.acts))} decided with fewer present than a "
            f"quorum of {rule.quorum}, expected to fail"
        )
        yield _rule_edit(rule, sentence, hint, _lowered_quorum)
    for rule in clause.decides:
        if rule.min_for is not None:
            fewer = rule.min_for - 1 if rule.min_for > 1 else None
            hint = (
                f"{with_article(_acts(rule.acts))} carried by exactly "
                f"{rule.min_for - 1} votes for, expected to fail"
                if fewer
                else f"{with_article(_acts(rule.acts))} carried with no vote for, "
                "expected to fail"
            )
            yield _rule_edit(
                rule,
                f"ask {fewer or 'no minimum of'} votes for {_acts(rule.acts)} in "
                f"clause {clause.id} instead of {rule.min_for}",
                hint,
                _fewer_for,
            )


@mutation_operator("weaken_base", "count a threshold against a smaller base")
def weaken_base(clause: Clause, context: MutationContext) -> Iterator[Edit]:
    for rule in clause.decides:
        weaker = _WEAKER_BASE.get(rule.base)
        if weaker is not None:
            yield _rule_edit(
                rule,
                f"count the {rule.threshold} for {_acts(rule.acts)} in clause "
                f"{clause.id} among {weaker.replace('_', ' ')} instead of "
                f"{rule.base.replace('_', ' ')}",
                f"{with_article(_acts(rule.acts))} vote with abstentions, absences "
                f"or vacant seats that passes among {weaker.replace('_', ' ')} but "
                f"not among {rule.base.replace('_', ' ')}, expected to fail",
                _weaker_base,
            )


def _period_edit(
    clause: Clause, period: Period, new: int, rescale: Callable[[int], int]
) -> Edit:
    where, old, field, item, name = period

    def change(version: Any) -> Any:
        return set_period(version, name, rescale)

    label = PERIOD_NAMES.get(name, name.replace("_", " "))
    low, high = sorted((old, new))
    acts = _acts(item.acts) if isinstance(item, Power | RequirementBase) else ""
    return Edit(
        f"change the {label} of {where} in clause {clause.id} from {old} to {new}",
        edit_each(field, item, change),
        f"{with_article(acts or 'case')} history in which the {label} of {where} "
        f"falls between {low} and {high} days, with the verdict it decides expected",
    )


def _doubled(days: int) -> int:
    return days * 2 or 1


@mutation_operator("lengthen_period", "double a period in days (notice, cap, deadline)")
def lengthen_period(clause: Clause, context: MutationContext) -> Iterator[Edit]:
    for period in periods(clause):
        yield _period_edit(clause, period, _doubled(period[1]), _doubled)


@mutation_operator("shorten_period", "halve a period in days (notice, cap, deadline)")
def shorten_period(clause: Clause, context: MutationContext) -> Iterator[Edit]:
    for period in periods(clause):
        _, days, _, item, name = period
        least = least_days(item, name)
        if days > 0 and days // 2 >= least:

            def halved(value: int, least: int = least) -> int:
                return max(value // 2, least)

            yield _period_edit(clause, period, days // 2, halved)


def _wider_actor(
    actor: ActorSelector, context: MutationContext
) -> ActorSelector | None:
    """The actor one step wider: a body to any of its kind, a person to anyone."""
    if isinstance(actor, str):
        org = context.organisation
        body = None if org is None else org.bodies.get(actor)
        if org is None or body is None or body.kind == "membership":
            return None
        others = [b for i, b in org.bodies.items() if i != actor]
        if any(b.kind == body.kind for b in others):
            return BodyKindActor(kind=(body.kind,))
        # No other body of its kind: the next step is any body but the membership.
        kinds = sorted({b.kind for b in others if b.kind != "membership"})
        return BodyKindActor(kind=(body.kind, *kinds)) if kinds else None
    if isinstance(actor, JointActor):
        return None
    if isinstance(actor, PersonActor) and actor.person != "anyone":
        # 'member' is no wider than 'party' or 'seat_holder' (an expelled
        # respondent, an outside complainant, a non-member sitting on a panel
        # are not members): 'anyone' is the one selector wider than each.
        return PersonActor(person="anyone")
    return None


def _power_edit(power: Power, sentence: str, hint: str, **update: Any) -> Edit:
    def change(version: Power) -> Power:
        return version.model_copy(update=update)

    return Edit(sentence, edit_each("powers", power, change), hint)


@mutation_operator("widen_actors", "give a power to a wider set of actors, one step")
def widen_actors(clause: Clause, context: MutationContext) -> Iterator[Edit]:
    for power in clause.powers:
        wider = _wider_actor(power.by, context)
        if wider is not None:
            yield _power_edit(
                power,
                f"let {describe_actor(wider)} {_acts(power.acts)} where clause "
                f"{clause.id} lets only {describe_actor(power.by)}",
                f"{with_article(_acts(power.acts))} act by {describe_actor(wider)} "
                "other than "
                f"{describe_actor(power.by)}, expected void",
                by=wider,
            )


@mutation_operator("widen_targets", "lift the limits on what a power runs over")
def widen_targets(clause: Clause, context: MutationContext) -> Iterator[Edit]:
    for power in clause.powers:
        if power.over is not None:
            yield _power_edit(
                power,
                f"let {describe_actor(power.by)} {_acts(power.acts)} over any target, "
                f"not only those clause {clause.id} names",
                f"{with_article(_acts(power.acts))} act by {describe_actor(power.by)} over a "
                f"target clause {clause.id} does not name, expected void",
                over=None,
            )
        if power.when is not None:
            yield _power_edit(
                power,
                f"let {describe_actor(power.by)} {_acts(power.acts)} without the "
                f"conditions of clause {clause.id}",
                f"{with_article(_acts(power.acts))} act by {describe_actor(power.by)} outside "
                f"the conditions of clause {clause.id}, expected void",
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
            _audited,
            f"an act that breaks a rule of clause {clause.id}, expected void "
            "(audited, it would stand as irregular)",
        )


@mutation_operator("drop_disability", "remove a denial of power")
def drop_disability(clause: Clause, context: MutationContext) -> Iterator[Edit]:
    for power in clause.disabilities:
        yield Edit(
            f"remove the denial of {_acts(power.acts)} to {describe_actor(power.by)} "
            f"in clause {clause.id}",
            _without("disabilities", power),
            f"{with_article(_acts(power.acts))} act by {describe_actor(power.by)} "
            "that another "
            f"clause empowers, expected void because clause {clause.id} denies it",
        )


@mutation_operator("drop_link", "remove an accountability link")
def drop_link(clause: Clause, context: MutationContext) -> Iterator[Edit]:
    for link in clause.accountability:
        yield Edit(
            f"remove the link '{link.by} {link.relation.replace('_', ' ')} "
            f"{link.of}' of clause {clause.id}",
            _without("accountability", link),
            _link_hint(link),
        )


_LINK_ACTS = {
    "elects": "an election to",
    "appoints": "an appointment to",
    "recalls": "a recall of",
    "audits": "an audit of",
    "hears_appeals_from": "an appeal decided against a decision of",
}


def _link_hint(link: Link) -> str:
    """The act the link grants, or the invariant that reads it."""
    if link.relation in _LINK_ACTS:
        return f"{_LINK_ACTS[link.relation]} {link.of} by {link.by}, expected valid"
    return (
        f"a scenario checking the accountability_graph invariant, which reads "
        f"'{link.by} {link.relation.replace('_', ' ')} {link.of}'"
    )


def _audited(clause: Clause) -> Clause:
    return clause.model_copy(update={"enforcement": "audited"})
