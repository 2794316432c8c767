"""The amendments ``govsim capture`` tries: rewording what holds a coalition to account.

For an actor the book lets amend it, one candidate for each of: rewording (or
repealing, when nothing else is left) each clause that lets an outsider
recall, remove, audit or discipline the coalition, without those links and
powers; transferring a judge's powers to the body it judges (the clause
reworded with the body in the judge's place); adding a clause of
disabilities that denies every outside check and judge over the coalition
(a derogation that leaves the clauses themselves as they were); lifting the
entrenchment of each entrenched clause that holds it to account; and making
the amendment clause the actor's alone, unconditioned. Powers the book never
mentions are not invented: an amendment that only adds unrelated powers is
not tried. Where the book asks notice of the text or a second reading, each
is tried also with a first reading that many days before.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from govsim.analysis.capture_acts import Move, move
from govsim.model.rulebook import Clause, Power
from govsim.model.selectors import TargetSelector

if TYPE_CHECKING:
    from govsim.analysis.standing import Coalition, Standing
    from govsim.model.clauses import ClauseSet

__all__ = ["amendments"]

_CHECKS = frozenset({"recall", "audit", "sanction", "find", "dissolve_body"})
"""Acts by which one body holds another, or its members, to account."""
_OVER_BODY = ("recall", "dissolve_body")
"""Checks aimed at the body: a disability names it with ``over: {bodies}``
(an audit is no act, so no disability reaches it)."""
_OVER_MEMBERS = ("sanction", "find", "interim_suspend")
"""Checks aimed at its members: a disability names them with ``over: {seat_on}``."""


def amendments(
    actor: str, coalition: Coalition, clauses: ClauseSet, standing: Standing
) -> list[Move]:
    """The amendments ``actor`` may try, each again with a first reading if asked."""
    found = list(_amendments(actor, coalition, clauses, standing))
    lead = _notice(clauses)
    if lead is None:
        return found
    return found + [
        replace(m, why=f"{m.why}, {lead} days after its first reading", lead=lead)
        for m in found
    ]


def _notice(clauses: ClauseSet) -> int | None:
    """Days of notice (by a first reading) the book may ask of an amendment.

    ``None`` when no rule in force asks for notice of the text or a second
    reading; else the most days any rule or entrenchment asks (at least 1).
    """
    days: list[int] = []
    for _, req in clauses.requirements.get("amend_rules", ()):
        if req.rule == "text_notice":
            days.append(getattr(req, "days", 0))
        elif req.rule == "readings":
            days.append(getattr(req, "days_between", 0))
    for clause in clauses.clauses:
        entrenched = clause.entrenched
        if isinstance(entrenched, bool):
            continue
        if entrenched.notice_days is not None or entrenched.readings > 1:
            days += [entrenched.notice_days or 0, entrenched.days_between]
    return max([*days, 1]) if days else None


def _dump(clause: Clause) -> dict[str, Any]:
    return clause.model_dump(mode="json", by_alias=True, exclude_defaults=True)


def _provides(clause: Clause) -> bool:
    """Whether a clause still provides anything beyond its words."""
    return bool(
        clause.powers
        or clause.disabilities
        or clause.requires
        or clause.decides
        or clause.conflicts
        or clause.accountability
    )


def _amendments(
    actor: str, coalition: Coalition, clauses: ClauseSet, standing: Standing
) -> Iterator[Move]:
    outsiders = set(standing.outsiders())
    ours = set(coalition.bodies)
    holding = standing.clauses()
    for clause_id in holding:
        clause = clauses.get(clause_id)
        if clause is None:
            continue
        links = tuple(
            link
            for link in clause.accountability
            if not (link.by in outsiders and link.of in ours)
        )
        powers = tuple(
            p
            for p in clause.powers
            if not (p.by in outsiders and _CHECKS & set(p.acts))
        )
        if links == clause.accountability and powers == clause.powers:
            continue  # held to account by selectors the reword cannot name
        kept = clause.model_copy(update={"accountability": links, "powers": powers})
        if _provides(kept):
            yield move(
                "amend_rules",
                actor,
                f"reword clause {clause_id} without the checks on {coalition.label}",
                replace=[_dump(kept)],
            )
        else:
            yield move(
                "amend_rules",
                actor,
                f"repeal clause {clause_id}",
                repeal=[clause_id],
            )
    yield from _transfers(actor, coalition, clauses, standing)
    shield = _shield(coalition, clauses, standing)
    if shield is not None:
        yield move(
            "amend_rules",
            actor,
            f"add clause {shield.id} denying every outside check on {coalition.label}",
            add=[_dump(shield)],
        )
    for clause_id in holding:
        clause = clauses.get(clause_id)
        if clause is not None and clause.entrenched:
            open_ = clause.model_copy(update={"entrenched": False})
            yield move(
                "amend_rules",
                actor,
                f"lift the entrenchment of clause {clause_id}",
                replace=[_dump(open_)],
            )
    yield from _amendment_clause(actor, clauses)


def _transfers(
    actor: str, coalition: Coalition, clauses: ClauseSet, standing: Standing
) -> Iterator[Move]:
    """A judge's discipline clause reworded with the judged body in its place."""
    for body, judges in standing.judges.items():
        for judge, clause_id in sorted(judges.items()):
            clause = clauses.get(clause_id)
            if judge in standing.held or clause is None:
                continue
            powers = tuple(
                p.model_copy(update={"by": body}) if p.by == judge else p
                for p in clause.powers
            )
            if powers == clause.powers:
                continue
            moved = clause.model_copy(update={"powers": powers})
            yield move(
                "amend_rules",
                actor,
                f"give {body} the powers of {judge} under clause {clause_id}",
                replace=[_dump(moved)],
            )


def _shield(
    coalition: Coalition, clauses: ClauseSet, standing: Standing
) -> Clause | None:
    """A new clause denying each outside checker and judge its checks on the coalition."""
    denied: list[Power] = []
    for body in coalition.bodies:
        others = set(standing.checks.get(body, {}))
        others |= set(standing.judges.get(body, {})) - standing.held
        for other in sorted(others):
            denied.append(
                Power(by=other, acts=_OVER_BODY, over=TargetSelector(bodies=(body,)))
            )
            denied.append(
                Power(
                    by=other, acts=_OVER_MEMBERS, over=TargetSelector(seat_on=(body,))
                )
            )
    if not denied:
        return None
    ids = {c.id for c in clauses.clauses}
    numbers = [int(i) for i in ids if i.isdigit()]
    ident = str(max(numbers, default=0) + 1)
    while ident in ids:
        ident += "a"
    return Clause(
        id=ident,
        title="Protection of office",
        text=f"No other body may recall, dissolve or discipline "
        f"{' or '.join(coalition.bodies)} or its members.",
        disabilities=tuple(denied),
    )


def _amendment_clause(actor: str, clauses: ClauseSet) -> Iterator[Move]:
    """The clauses granting ``amend_rules``, reworded to grant it to ``actor`` alone."""
    seen: set[str] = set()
    for clause, _ in clauses.grants.get("amend_rules", ()):
        if clause.id in seen:
            continue
        seen.add(clause.id)
        powers = tuple(p for p in clause.powers if "amend_rules" not in p.acts)
        powers += (Power(by=actor, acts=("amend_rules",)),)
        mine = clause.model_copy(update={"powers": powers, "entrenched": False})
        if mine == clause:
            continue
        yield move(
            "amend_rules",
            actor,
            f"reword clause {clause.id} so that {actor} alone may amend any clause",
            replace=[_dump(mine)],
        )
