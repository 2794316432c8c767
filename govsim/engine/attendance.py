"""Who sits: seat holders able to sit, who is present for an act, who may vote on it.

One place answers these questions for every meeting, so that the tally, the
quorum and the impartiality checks all read the same sets:

* **able to sit**: holds a seat that day, in good standing (not suspended,
  expelled, resigned or on leave) and not barred from the body by a measure
  or sanction in force;
* **present**: the attendance recorded for the act or its meeting, or, with
  none recorded, the names in a roll call, or else every seat holder able
  to sit and not away;
* **entitled to vote**: present and able to sit, and not recused in the case.
  Anyone else present is *excluded*, with the reason, and never counted.
"""

from __future__ import annotations

from govsim.engine.context import ActContext
from govsim.engine.state import MeetingState, World

__all__ = [
    "at_most",
    "entitled_to_notice",
    "exclusion",
    "meeting_attendance",
    "seat_holders",
    "sitting",
]

_SITTING = frozenset({"member", "non_member", "outside_party"})
"""Statuses that let a seat holder sit (``non_member`` and ``outside_party``
sit on bodies that seat outsiders, such as an external panel)."""


def at_most(items: list[str] | tuple[str, ...], limit: int, sep: str = ", ") -> str:
    """The first ``limit`` items joined, then how many more.

    Explanations stay short when a meeting of the whole membership is described.
    """
    shown = sep.join(items[:limit])
    if len(items) <= limit:
        return shown
    return f"{shown}{sep}and {len(items) - limit} more"


def seat_holders(world: World, body_id: str, day: int) -> tuple[str, ...]:
    """Everyone holding a seat on the body that day; a joint meeting's are its bodies'."""
    body = world.bodies[body_id]
    if not body.constituents:
        return tuple(world.holders(body_id, day))
    seats: dict[str, None] = {}
    for part in body.constituents:
        for person in world.holders(part, day):
            seats.setdefault(person, None)
    for person in world.holders(body_id, day):
        seats.setdefault(person, None)
    return tuple(seats)


def sitting(
    world: World, day: int, seats: tuple[str, ...], body: str, *, away: bool = True
) -> tuple[str, ...]:
    """The seat holders who may sit today: standing, not barred (and not away).

    One comprehension with the lookups bound once, since a meeting of the
    whole membership asks this of every member; the rare absent or
    restricted person takes the slower checks. ``away=False`` keeps the
    absent (they are still entitled to notice).
    """
    get, absences = world.persons.get, world.absences
    is_leadership = world.bodies[body].is_leadership
    office = f"office:{body}"
    return tuple(
        [
            person
            for person in seats
            if (state := get(person)) is not None
            and state.status in _SITTING
            and (not away or person not in absences or not world.is_absent(person, day))
            and not (
                state.restrictions
                and _barring(state.restrictions, office, is_leadership) is not None
            )
        ]
    )


def _barring(
    restrictions: dict[str, str], office: str, is_leadership: bool
) -> str | None:
    """The measure or sanction in force that keeps its holder from sitting, if any."""
    for source, scope in restrictions.items():
        if scope in {"membership", office} or (
            scope == "leadership_bodies" and is_leadership
        ):
            return source
    return None


def exclusion(
    world: World, person: str, body: str, seats: frozenset[str], recused: set[str]
) -> str | None:
    """Why a person present may not vote in the body (``None``: they may)."""
    if person not in seats:
        return f"holds no seat on {body}"
    state = world.persons[person]
    if state.status not in _SITTING:
        return f"is {state.status.replace('_', ' ')}"
    if state.restrictions:
        source = _barring(
            state.restrictions, f"office:{body}", world.bodies[body].is_leadership
        )
        if source is not None:
            return f"is barred from sitting by {source}"
    if person in recused:
        return "recused in the case"
    return None


def meeting_attendance(
    ctx: ActContext, meeting: MeetingState
) -> tuple[str, ...] | int | None:
    """Who was present at the meeting for this act, after arrivals and departures."""
    recorded = meeting.attendance
    if isinstance(recorded, int):
        return recorded
    earlier = set(meeting.business)
    arrived = [
        p for p, act in meeting.arrivals.items() if act in earlier or act == ctx.act_id
    ]
    left = {p for p, act in meeting.departures.items() if act in earlier}
    if recorded is None:
        if not (arrived or left):
            return None
        seats = seat_holders(ctx.world, ctx.actor, ctx.day)
        recorded = sitting(ctx.world, ctx.day, seats, ctx.actor)
    else:
        late = set(meeting.arrivals)
        recorded = tuple(p for p in recorded if p not in late)
    names = dict.fromkeys((*recorded, *arrived))
    return tuple(p for p in names if p not in left)


def entitled_to_notice(world: World, meeting: MeetingState) -> tuple[str, ...]:
    """Seat holders of the meeting's bodies, on the day it sits, who may sit.

    Those away are entitled to notice all the same; those suspended or barred
    from the body are not (they could not sit).
    """
    out: dict[str, None] = {}
    for body in meeting.bodies:
        seats = tuple(world.holders(body, meeting.sits))
        for person in sitting(world, meeting.sits, seats, body, away=False):
            out.setdefault(person, None)
    return tuple(out)
