"""One line per provision of a clause, for diffs a reader can scan.

A clause diff says what changed in words (``requires: notice (sanction, 15
days)``) rather than as a dump of the document. Each provision — a power, a
denial, a requirement, a decision rule, a conflict rule, an accountability
link — is written
as its group, who it concerns, the acts, and only the fields that differ from
their defaults, so two versions of a provision differ on screen exactly where
they differ in the book.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from govsim.model.rulebook import (
    Clause,
    ConflictRule,
    DecisionRule,
    Link,
    Power,
    RuleException,
)
from govsim.model.selectors import (
    ActorSelector,
    BodyKindActor,
    Conditions,
    JointActor,
    TargetSelector,
)

__all__ = ["GROUPS", "actor_label", "describe", "provisions_of"]

GROUPS: dict[str, str] = {
    "powers": "power",
    "disabilities": "denies",
    "requires": "requires",
    "decides": "decides",
    "conflicts": "conflict",
    "accountability": "link",
}
"""Clause fields holding provisions, and the word each is shown with."""

_DAY_FIELDS = {
    "days": "{} days",
    "min_days_before": "{} days before",
    "max_days": "at most {} days",
    "review_within_days": "review within {} days",
    "days_between": "{} days between readings",
}
_SKIPPED = frozenset({"rule", "acts"})


def actor_label(selector: ActorSelector) -> str:
    """Who a selector names, in a few words (``any executive body``, ``a member``)."""
    if isinstance(selector, str):
        return selector
    if isinstance(selector, BodyKindActor):
        return f"any {'/'.join(selector.kind)} body"
    if isinstance(selector, JointActor):
        return f"a joint meeting of {'+'.join(selector.joint_of)}"
    if selector.person == "seat_holder":
        return f"seat holders of {'/'.join(selector.bodies)}"
    return {"member": "a member", "anyone": "anyone", "party": "a party"}[
        selector.person
    ]


def _value(value: Any) -> str:
    if isinstance(value, list | tuple):
        return "/".join(_value(v) for v in value)
    return str(value)


def _fields(model: BaseModel) -> list[str]:
    """The fields of a model set away from their defaults, as short phrases."""
    out = []
    fields = type(model).model_fields
    for name, info in fields.items():
        if name in _SKIPPED or name not in model.model_fields_set:
            continue
        value = getattr(model, name)
        if value == info.default:
            continue
        if name in _DAY_FIELDS:
            out.append(_DAY_FIELDS[name].format(value))
        elif name == "by":
            out.append(f"when by {actor_label(value)}")
        elif isinstance(value, bool):
            label = name.replace("_", " ")
            out.append(label if value else f"not {label}")
        else:
            out.append(f"{name.replace('_', ' ')} {_value(value)}")
    return out


def _scope(over: TargetSelector | None, when: Conditions | None) -> list[str]:
    out = []
    if over is not None:
        out += [f"over {phrase}" for phrase in _fields(over)]
    if when is not None:
        out += _fields(when)
    return out


def _power(power: Power) -> str:
    extra = _scope(power.over, power.when)
    if power.standing == "implied":
        extra.append("implied by practice")
    if power.takes_effect == "on_implementation":
        extra.append("takes effect on implementation")
    if power.delegable:
        extra.append("delegable")
    acts = ", ".join(power.acts)
    tail = f" ({'; '.join(extra)})" if extra else ""
    return f"{actor_label(power.by)}: {acts}{tail}"


def _exception(exception: RuleException) -> str:
    """An exception in words: ``quorum 2 when at most 3 seats filled``."""
    then = [
        f"{name.replace('_', ' ')} {value}"
        for name in ("quorum", "threshold", "base", "min_for")
        if (value := getattr(exception, name)) is not None
    ]
    few = exception.when
    when = (
        f"at most {few.able_at_most} able to act"
        if few.able_at_most is not None
        else f"at most {few.filled_at_most} seats filled"
    )
    return f"{' '.join(then) or 'as the rule'} when {when}"


def _decision_rule(rule: DecisionRule) -> str:
    acts = ", ".join(rule.acts)
    which = f" [{', '.join(rule.sanctions)}]" if rule.sanctions else ""
    counted = f"{rule.threshold} of {rule.base.replace('_', ' ')}"
    extra = [] if rule.quorum is None else [f"quorum {rule.quorum}"]
    if rule.quorum is not None and rule.quorum_of != "seats":
        extra[-1] += f" of {rule.quorum_of.replace('_', ' ')}"
    if rule.min_for is not None:
        extra.append(f"at least {rule.min_for} for")
    extra += [_exception(e) for e in rule.exceptions]
    if rule.by is not None:
        extra.append(f"when by {actor_label(rule.by)}")
    if rule.count_conflicted:
        extra.append("conflicted members counted")
    tail = f", {', '.join(extra)}" if extra else ""
    return f"{acts}{which}: {counted}{tail}"


def describe(group: str, item: BaseModel) -> str:
    """One line for a provision: its group's word, then what it provides.

    Args:
        group: the clause field it sits in (a key of :data:`GROUPS`).
        item: the provision.

    Example: ``requires: notice (sanction, 15 days)``.
    """
    word = GROUPS[group]
    if isinstance(item, Power):
        return f"{word}: {_power(item)}"
    if isinstance(item, DecisionRule):
        return f"{word}: {_decision_rule(item)}"
    if isinstance(item, ConflictRule):
        within = f" within {item.within_days} days" if item.within_days else ""
        return f"{word}: shared seat on {'/'.join(item.shared_seat_on)}{within}"
    if isinstance(item, Link):
        return f"{word}: {item.by} {item.relation.replace('_', ' ')} {item.of}"
    rule = getattr(item, "rule", "?")
    details = [", ".join(getattr(item, "acts", ())), *_fields(item)]
    return f"{word}: {rule} ({', '.join(d for d in details if d)})"


def provisions_of(clause: Clause) -> list[tuple[str, BaseModel]]:
    """Every provision of a clause as (group, provision), in document order."""
    return [(group, item) for group in GROUPS for item in getattr(clause, group)]
