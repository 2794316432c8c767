"""Conflicts of interest derived from data, not only from declarations.

A person is conflicted in a case when they are a party to it; related to a
party (intimate, family, close colleague, manager, ...); share an office with
a party where the rule book says that conflicts (``conflicts:`` in a clause);
held a seat, at the time of the conduct, on a body under review; investigated
the case and now adjudicate it, or decided it and now hear its appeal; sit on
the body that appointed or elected a party; or declared a conflict themselves.
"""

from __future__ import annotations

from collections.abc import Iterable

from govsim.engine.state import CaseState, Day, SeatState, World
from govsim.model.rulebook import Clause, ConflictRule

__all__ = ["conflicts_of"]


def conflicts_of(
    person: str,
    case: CaseState,
    world: World,
    day: Day,
    *,
    appeal_of: tuple[str, ...] = (),
    rules: tuple[tuple[Clause, ConflictRule], ...] = (),
    carrying_on: bool = False,
) -> list[str]:
    """Why ``person`` is conflicted in ``case`` on ``day`` (empty: not conflicted).

    Args:
        person: the person whose position is examined.
        case: the case.
        world: the current state.
        day: the day of the decision.
        appeal_of: for an appeal, the persons who took the decision appealed.
        rules: the conflict rules of the clauses in force (``ClauseSet.conflict_rules``);
            without them, sharing an office with a party is no conflict.
        carrying_on: the question is whether the person may carry the case on,
            not decide it: having investigated it is then no conflict.

    Returns:
        Messages, one per source of conflict, in a fixed order.
    """
    found: list[str] = []
    if person in case.parties:
        role = "complainant" if person in case.complainants else "respondent"
        found.append(f"party: {person} is the {role}")
    for kind, a, b, start, until in world.relations:
        if (start is not None and day < start) or (until is not None and day >= until):
            continue
        other = b if a == person else a if b == person else None
        if other is not None and other in case.parties:
            found.append(
                f"relation: {person} has a {kind} relation with {other}, a party"
            )
    found += _shared_seats(person, case, world, day, rules)
    for body in case.subjects:
        if person in world.holders(body, case.conduct):
            found.append(
                f"subject_seat: {person} sat on {body}, whose conduct is under review"
            )
    if person in case.investigators and person not in appeal_of and not carrying_on:
        found.append(f"prior_role: {person} investigated the case")
    if person in appeal_of:
        found.append(f"prior_role: {person} took the decision under appeal")
    if person in case.interferers:
        found.append(f"prior_role: {person} interfered in the case")
    for party in case.parties:
        for body_id in world.seats_of(party, day):
            for seat in world.bodies[body_id].seats:
                appointer = seat.appointer
                if (
                    seat.person == party
                    and appointer is not None
                    and person in world.holders(appointer, day)
                ):
                    found.append(
                        f"appointer: {person} sits on {appointer}, which seated {party}"
                    )
    if person in case.declared:
        found.append(
            f"declared: {person} declared a conflict ({case.declared[person]})"
        )
    return found


def _shared_seats(
    person: str,
    case: CaseState,
    world: World,
    day: Day,
    rules: tuple[tuple[Clause, ConflictRule], ...],
) -> list[str]:
    """``shared_seat`` conflicts: the person sat on a named body with a party.

    One message per body and party, citing the first clause that makes it a
    conflict; a longer period in a later clause adds nothing once one holds.
    """
    found: dict[tuple[str, str], str] = {}
    for clause, rule in rules:
        since = day - rule.within_days
        for body_id in rule.shared_seat_on:
            body = world.bodies.get(body_id)
            # Loading refuses a membership body; a body the scenario never
            # had (a typo in a book run without its organisation) has no seats.
            if body is None or body.kind == "membership":
                continue
            mine = body.terms_of(person)
            if not mine:
                continue
            for party in case.parties:
                if party == person or (body_id, party) in found:
                    continue
                last = _last_shared(mine, body.terms_of(party), since, day)
                if last is None:
                    continue
                how = (
                    f"sits with {party} on {body_id}"
                    if last == day
                    else f"sat with {party} on {body_id} within {rule.within_days} days"
                )
                found[body_id, party] = (
                    f"shared_seat: {person} {how} (clause {clause.id})"
                )
    return list(found.values())


def _last_shared(
    mine: Iterable[SeatState], theirs: Iterable[SeatState], since: Day, day: Day
) -> Day | None:
    """The last day from ``since`` to ``day`` (both included) two persons sat together."""
    last: Day | None = None
    theirs = tuple(theirs)
    for a in mine:
        for b in theirs:
            starts = [s for s in (a.start, b.start) if s is not None]
            ends = [u - 1 for u in (a.until, b.until) if u is not None]
            first, final = max([since, *starts]), min([day, *ends])
            if first <= final and (last is None or final > last):
                last = final
    return last
