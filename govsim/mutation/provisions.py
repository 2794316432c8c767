"""Finding one provision in every version of a clause, and changing it there.

An amendment may restate a clause with one provision changed (fourteen days'
notice where the book said ten). A mutant damages the provision, not one
wording of it, so that the damage holds on every date: the provision is
found in each version by what it governs (a requirement by its rule, acts,
actor and sanctions; a decision rule by its acts, sanctions and actor; a
power by its holder and acts), and the change is worked out on each
version's own values (halving fourteen days gives seven). This module also
holds the small pieces of wording the operators share.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from govsim.model.requirements import RequirementBase
from govsim.model.rulebook import Clause, ConflictRule, DecisionRule, Power
from govsim.model.selectors import describe_actor

__all__ = [
    "PERIOD_FIELDS",
    "Period",
    "acts_text",
    "edit_each",
    "least_days",
    "periods",
    "same_provision",
    "with_article",
]

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

PERIOD_NAMES = {
    "days": "period",
    "min_days_before": "days before",
    "max_days": "cap",
    "review_within_days": "review period",
    "within_days": "period",
    "days_between": "days between readings",
    "notice_days": "notice period",
}


def same_provision(a: object, b: object) -> bool:
    """Whether ``b`` is ``a`` as another version of the clause states it."""
    if type(a) is not type(b):
        return False
    if isinstance(a, RequirementBase) and isinstance(b, RequirementBase):
        # One model per rule: the same type is the same rule.
        return (a.acts, a.by, a.sanctions) == (b.acts, b.by, b.sanctions)
    if isinstance(a, DecisionRule) and isinstance(b, DecisionRule):
        return (a.acts, a.sanctions, a.by) == (b.acts, b.sanctions, b.by)
    if isinstance(a, Power) and isinstance(b, Power):
        return (a.by, a.acts) == (b.by, b.acts)
    if isinstance(a, ConflictRule) and isinstance(b, ConflictRule):
        return a.shared_seat_on == b.shared_seat_on
    return a == b


def edit_each(
    field: str, item: object, change: Callable[[Any], Any | None]
) -> Callable[[Clause], Clause]:
    """An edit applying ``change`` to ``item`` wherever a version holds it (``None``: drop)."""

    def edit(clause: Clause) -> Clause:
        out = []
        for x in getattr(clause, field):
            y = change(x) if same_provision(item, x) else x
            if y is not None:
                out.append(y)
        return clause.model_copy(update={field: tuple(out)})

    return edit


def acts_text(acts: tuple[str, ...]) -> str:
    """Act kinds in words: ``serve notice, sanction``."""
    return ", ".join(a.replace("_", " ") for a in acts)


def with_article(phrase: str) -> str:
    """``a sanction``, ``an appeal``."""
    return ("an " if phrase[:1].lower() in "aeiou" else "a ") + phrase


Period = tuple[str, int, str, Any, str]
"""(where in words, days, field of the clause, the provision, field of the provision)."""


def periods(clause: Clause) -> Iterator[Period]:
    """Every period in days the clause sets, on its rules, powers and conflict rules."""
    holders: list[tuple[str, Any, str]] = [
        (f"the {req.rule.replace('_', ' ')} rule", req, "requires")
        for req in clause.requires
    ]
    holders += [
        (f"the power of {describe_actor(p.by)} to {acts_text(p.acts)}", p, "powers")
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


def least_days(item: Any, name: str) -> int:
    """The least value a period accepts (1 for caps and appeal windows, else 0)."""
    owner = item.when if isinstance(item, Power) else item
    model: Any = type(owner)
    for meta in model.model_fields[name].metadata:
        least = getattr(meta, "ge", None)
        if least is not None:
            return int(least)
    # A power's cap (Conditions.max_days) states no bound of its own; a cap
    # counts the days a measure lasts, so 1 is the least, as on interim_bounds.
    return 1 if name == "max_days" else 0


def set_period(item: Any, name: str, rescale: Callable[[int], int]) -> Any:
    """The provision with its period ``name`` rescaled (left alone where it has none)."""
    if isinstance(item, Power):
        if item.when is None or getattr(item.when, name, None) is None:
            return item
        days = rescale(getattr(item.when, name))
        return item.model_copy(
            update={"when": item.when.model_copy(update={name: days})}
        )
    if getattr(item, name, None) is None:
        return item
    return item.model_copy(update={name: rescale(getattr(item, name))})
