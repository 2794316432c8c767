"""Which clauses an amendment changes in substance, beyond those it names.

An amendment that leaves an entrenched clause's words alone can still take
it apart: a new clause denying the power it grants (a denial outranks any
grant), a new requirement or decision rule on its exercise, or a new grant
of the same power to someone else over the same bodies. A careful reader of
a constitution treats such a clause as an amendment of the entrenched one,
and so does the engine: the clauses an act changes are those it adds,
rewords or repeals, and every clause in force that a new provision touches
in this way. Two provisions touch when they concern the same act kind and
their bodies can meet (either reaches any body, or both name a common one).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from govsim.model.clauses import ClauseSet
from govsim.model.rulebook import Clause
from govsim.model.selectors import TargetSelector

__all__ = ["changed_clauses", "touched_in_substance"]


def _bodies(over: TargetSelector | None) -> frozenset[str] | None:
    """The bodies a provision is limited to (``None``: not limited to bodies)."""
    if over is None or not over.bodies:
        return None
    return frozenset(over.bodies)


def _meet(a: frozenset[str] | None, b: frozenset[str] | None) -> bool:
    return a is None or b is None or bool(a & b)


def _provisions(
    clauses: ClauseSet,
) -> Iterator[tuple[str, Clause, frozenset[str] | None]]:
    """(act kind, clause, bodies) for every provision that names act kinds."""
    for table in (clauses.grants, clauses.denials):
        for kind, entries in table.items():
            for clause, power in entries:
                yield kind, clause, _bodies(power.over)
    for kind, reqs in clauses.requirements.items():
        for clause, _ in reqs:
            yield kind, clause, None
    for kind, rules in clauses.decision_rules.items():
        for clause, _ in rules:
            yield kind, clause, None


def touched_in_substance(
    new: Iterable[Clause], clauses: ClauseSet, named: Iterable[str] = ()
) -> dict[str, tuple[str, str]]:
    """Clauses in force that the new clauses touch, with why: (new clause, act kind).

    ``named`` are the ids the amendment adds, rewords or repeals: those it
    changes by name are not listed again.
    """
    added = ClauseSet.build(tuple(new), clauses.enforcement)
    skip = set(named)
    ours: dict[str, list[tuple[Clause, frozenset[str] | None]]] = {}
    for kind, clause, bodies in _provisions(added):
        ours.setdefault(kind, []).append((clause, bodies))
    out: dict[str, tuple[str, str]] = {}
    for kind, clause, bodies in _provisions(clauses):
        if clause.id in skip or clause.id in out:
            continue
        for mine, their in ours.get(kind, ()):
            if _meet(bodies, their):
                out[clause.id] = (mine.id, kind)
                break
    return out


def changed_clauses(act: Any, clauses: ClauseSet) -> dict[str, str]:
    """Every clause an ``amend_rules`` act changes, by name then in substance.

    Each id maps to how it is changed, in words for a reason: the id itself
    when the act names it, else what touches it.
    """
    named: tuple[str, ...] = act.touched()
    out = {ident: ident for ident in named}
    new = (*act.add, *act.replace)
    for ident, (clause, kind) in touched_in_substance(new, clauses, named).items():
        out[ident] = f"{ident} (in substance: clause {clause} provides for {kind} too)"
    return out
