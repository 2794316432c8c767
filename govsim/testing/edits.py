"""What each kind of rule-book change finds in a clause, says, and does to it.

:mod:`govsim.testing.variants` enumerates and applies changes; this module
holds the clause-level part of each kind, so that the two questions "which
provisions could this change touch?" and "what does the clause become?" are
answered side by side for every kind.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Literal, get_args

from govsim.model.common import Enforcement
from govsim.model.requirements import InterimBounds, Recusal, Requirement
from govsim.model.rulebook import Clause, DecisionRule, Power, parse_fraction
from govsim.model.selectors import ActorSelector, BodyKindActor, JointActor, PersonActor

__all__ = [
    "CHANGE_KINDS",
    "ChangeKind",
    "Provision",
    "caps",
    "describe",
    "edit_clause",
    "flipped",
    "loosens",
    "lower_quorum",
    "lower_threshold",
    "provisions",
    "targets",
]

ChangeKind = Literal[
    "drop_clause",
    "drop_requirement",
    "remove_recusal",
    "lower_threshold",
    "lower_quorum",
    "lengthen_interim_cap",
    "switch_enforcement",
    "drop_disability",
    "widen_power",
]
CHANGE_KINDS: tuple[ChangeKind, ...] = get_args(ChangeKind)
"""Every kind of change, in the order changes are listed."""

Provision = Requirement | DecisionRule | Power
"""One provision of a clause that a change targets."""

_RULE_NAMES = {
    "individual": "individual-targets",
    "finding": "finding-first",
    "forbidden": "prohibition",
}
_GRANTING_LINKS = frozenset(
    {"elects", "appoints", "recalls", "audits", "hears_appeals_from"}
)


def provisions(kind: ChangeKind, clause: Clause) -> list[Provision]:
    """The provisions of ``clause`` a change of ``kind`` could target, in order.

    Kinds that change the whole clause (dropping it, switching its
    enforcement, lengthening its caps) target no single provision: empty.
    """
    if kind == "drop_requirement":
        return [r for r in clause.requires if not isinstance(r, Recusal)]
    if kind == "remove_recusal":
        return [r for r in clause.requires if isinstance(r, Recusal)]
    if kind == "lower_threshold":
        return [d for d in clause.decides if lower_threshold(d.threshold)]
    if kind == "lower_quorum":
        return [d for d in clause.decides if d.quorum is not None]
    if kind == "drop_disability":
        return list(clause.disabilities)
    if kind == "widen_power":
        return [p for p in clause.powers if p.over is not None or p.when is not None]
    return []


def targets(kind: ChangeKind, clause: Clause) -> list[Provision | None]:
    """What changes of ``kind`` could target in ``clause``: ``None`` is the whole clause."""
    if kind == "drop_clause":
        return [None]
    if kind == "switch_enforcement":
        return [None] if clause.requires or clause.decides else []
    if kind == "lengthen_interim_cap":
        return [None] if caps(clause) else []
    return list(provisions(kind, clause))


def flipped(enforcement: Enforcement) -> Enforcement:
    """The other enforcement."""
    return "audited" if enforcement == "regimented" else "regimented"


def loosens(
    kind: ChangeKind, item: Provision | None, versions: list[Clause]
) -> bool | None:
    """Whether the change loosens the book: see ``Change.loosens``.

    Dropping a clause that grants powers (directly or by an accountability
    link) may take a power away: ``False``. Switching enforcement trades
    void for irregular or back without changing which acts are valid:
    ``None``. Grants are tried in order and the first that matches decides,
    so an *implied* grant that reaches further can pre-empt a written one
    and turn a valid act irregular: widening it, or lengthening its cap, is
    ``None`` too. Every other change only removes a constraint: ``True``.
    """
    if kind == "drop_clause":
        return not any(
            v.powers or any(k.relation in _GRANTING_LINKS for k in v.accountability)
            for v in versions
        )
    if kind == "switch_enforcement":
        return None
    if kind == "lengthen_interim_cap":
        widened = [p for v in versions for p in v.powers if p.when and p.when.max_days]
    else:
        widened = [item] if kind == "widen_power" and isinstance(item, Power) else []
    return None if any(p.standing == "implied" for p in widened) else True


def lower_threshold(threshold: str) -> str | None:
    """The next lower threshold: unanimous to 2/3, above a half to majority.

    Each step passes every vote the higher threshold passed; ``None`` when
    there is no lower step (majority, or a half or less).
    """
    value = parse_fraction(threshold)
    if value == 1:
        return "2/3"
    if threshold != "majority" and value > Fraction(1, 2):
        return "majority"
    return None


def lower_quorum(quorum: int | str) -> int | str | None:
    """A quorum that never needs more persons, whatever the number of seats.

    A head count drops by one (and a quorum of one goes); ``majority`` and
    fractions above a half become ``1/2``, since ceil(n/2) is at most both
    n//2 + 1 and ceil(f*n); smaller fractions go. ``None``: no quorum.
    """
    if isinstance(quorum, int):
        return quorum - 1 if quorum > 1 else None
    if quorum == "majority" or parse_fraction(quorum) > Fraction(1, 2):
        return "1/2"
    return None


def caps(clause: Clause) -> list[int]:
    """The interim-measure caps in days that a clause sets, on rules and on powers."""
    found = [r.max_days for r in clause.requires if isinstance(r, InterimBounds)]
    found += [p.when.max_days for p in clause.powers if p.when is not None]
    return [c for c in found if c is not None]


def _who(selector: ActorSelector) -> str:
    if isinstance(selector, BodyKindActor):
        return f"any {' or '.join(selector.kind)} body"
    if isinstance(selector, JointActor):
        return f"a joint meeting of {', '.join(selector.joint_of)}"
    if isinstance(selector, PersonActor):
        return {
            "member": "any member",
            "anyone": "anyone",
            "party": "a party",
            "seat_holder": f"seat holders of {', '.join(selector.bodies)}",
        }[selector.person]
    return selector


def describe(
    kind: ChangeKind, item: Provision | None, clause: Clause, enforcement: Enforcement
) -> str:
    """One plain sentence for a change (``enforcement``: the clause's current one)."""
    where = f"clause {clause.id}"
    if item is None:
        if kind == "switch_enforcement":
            return f"make {where} {flipped(enforcement)} instead of {enforcement}"
        if kind == "lengthen_interim_cap":
            days = ", ".join(str(d) for d in caps(clause))
            return f"double the interim-measure caps of {where} ({days} days)"
        return f"remove {where}" + (f" ({clause.title})" if clause.title else "")
    acts = ", ".join(a.replace("_", " ") for a in item.acts)
    if isinstance(item, DecisionRule):
        if kind == "lower_threshold":
            lowered = lower_threshold(item.threshold)
            return f"lower the threshold for {acts} in {where} from {item.threshold} to {lowered}"
        quorum = item.quorum if item.quorum is not None else 0
        new = lower_quorum(quorum)
        if new is None:
            return f"drop the quorum of {quorum} for {acts} in {where}"
        return f"lower the quorum for {acts} in {where} from {quorum} to {new}"
    if isinstance(item, Power):
        if kind == "drop_disability":
            return f"remove the denial of {acts} to {_who(item.by)} in {where}"
        return f"let {_who(item.by)} {acts} without the limits set in {where}"
    rule = _RULE_NAMES.get(item.rule, item.rule.replace("_", " "))
    return f"remove the {rule} rule of {where}"


def _lengthen(power: Power) -> Power:
    if power.when is None or power.when.max_days is None:
        return power
    when = power.when.model_copy(update={"max_days": power.when.max_days * 2})
    return power.model_copy(update={"when": when})


def _decides(kind: ChangeKind, item: Provision | None, clause: Clause) -> Clause:
    def lowered(rule: DecisionRule) -> DecisionRule:
        if rule != item:
            return rule
        if kind == "lower_threshold":
            threshold = lower_threshold(rule.threshold) or rule.threshold
            return rule.model_copy(update={"threshold": threshold})
        quorum = None if rule.quorum is None else lower_quorum(rule.quorum)
        return rule.model_copy(update={"quorum": quorum})

    return clause.model_copy(update={"decides": tuple(map(lowered, clause.decides))})


def edit_clause(
    kind: ChangeKind, item: Provision | None, clause: Clause, enforcement: Enforcement
) -> Clause | None:
    """The clause after the change; ``None`` when the change drops it.

    Args:
        kind: the kind of change.
        item: the provision it targets (removed or altered wherever it
            occurs in the clause), or ``None`` for whole-clause changes.
        clause: one version of the clause.
        enforcement: the enforcement a ``switch_enforcement`` change sets.
    """
    if kind == "drop_clause":
        return None
    if kind in {"drop_requirement", "remove_recusal"}:
        kept = tuple(r for r in clause.requires if r != item)
        return clause.model_copy(update={"requires": kept})
    if kind in {"lower_threshold", "lower_quorum"}:
        return _decides(kind, item, clause)
    if kind == "lengthen_interim_cap":
        requires = tuple(
            r.model_copy(update={"max_days": r.max_days * 2})
            if isinstance(r, InterimBounds) and r.max_days is not None
            else r
            for r in clause.requires
        )
        powers = tuple(_lengthen(p) for p in clause.powers)
        return clause.model_copy(update={"requires": requires, "powers": powers})
    if kind == "switch_enforcement":
        return clause.model_copy(update={"enforcement": enforcement})
    if kind == "drop_disability":
        kept_powers = tuple(p for p in clause.disabilities if p != item)
        return clause.model_copy(update={"disabilities": kept_powers})
    widened = tuple(
        p.model_copy(update={"over": None, "when": None}) if p == item else p
        for p in clause.powers
    )
    return clause.model_copy(update={"powers": widened})
