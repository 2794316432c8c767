"""Conflicts of interest derived from data, not only from declarations.

A person is conflicted in a case when they are a party to it; related to a
party (intimate, family, close colleague, manager, ...); held a seat, at the
time of the conduct, on a body under review; investigated the case and now
adjudicates it, or decided it and now hears its appeal; sit on the body that
appointed or elected a party; or declared a conflict themselves.
"""

from __future__ import annotations

from govsim.engine.state import CaseState, Day, World

__all__ = ["conflicts_of"]


def conflicts_of(
    person: str,
    case: CaseState,
    world: World,
    day: Day,
    *,
    appeal_of: tuple[str, ...] = (),
) -> list[str]:
    """Why ``person`` is conflicted in ``case`` on ``day`` (empty: not conflicted).

    Args:
        person: the person whose position is examined.
        case: the case.
        world: the current state.
        day: the day of the decision.
        appeal_of: for an appeal, the persons who took the decision appealed.

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
    for body in case.subjects:
        if person in world.holders(body, case.conduct):
            found.append(
                f"subject_seat: {person} sat on {body}, whose conduct is under review"
            )
    if person in case.investigators and person not in appeal_of:
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
