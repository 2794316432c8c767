"""The acts ``govsim capture`` tries: the few that can free a coalition from account.

Candidates are built from the book in force and the world as they stand after
the acts tried so far, for each actor of the coalition that the book empowers
(:func:`govsim.probing.trial.empowered`), and only against what still holds
the coalition to account (:class:`~govsim.analysis.standing.Standing`):

* amendments of the book (:mod:`govsim.analysis.capture_amend`): rewording
  or repealing what holds the coalition to account, taking its judge's
  powers, derogating from the checks, lifting entrenchment, taking the
  amendment clause;
* against each outside body that checks or judges the coalition: dissolving
  it; recalling, removing from office or suspending (from that office) each
  of its members not on the coalition's side; electing or appointing the
  coalition's persons to its free seats.

Recusals and conflicts are not tried: they change who sits in one case,
never who holds a body to account. Every candidate is an ordinary act, built
and validated as a scenario's act is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from govsim.analysis.capture_acts import Move, move
from govsim.analysis.capture_amend import amendments
from govsim.probing.trial import empowered

if TYPE_CHECKING:
    from govsim.analysis.standing import Coalition, Standing
    from govsim.engine.state import Calendar, World
    from govsim.model.clauses import ClauseSet, ResolvedBook

__all__ = ["Move", "moves"]


def moves(
    coalition: Coalition,
    book: ResolvedBook,
    clauses: ClauseSet,
    world: World,
    calendar: Calendar,
    day: dt.date,
    standing: Standing,
) -> list[Move]:
    """The candidate acts on ``day``, in a fixed order (amendments first)."""
    found: dict[Move, None] = {}
    today = calendar.day(day)
    for actor in coalition.actors:
        state = world.bodies.get(actor)
        if state is not None and (not state.active or not world.holders(actor, today)):
            continue  # a dissolved or empty body cannot act
        holds = {
            kind
            for kind in (
                "amend_rules",
                "dissolve_body",
                "recall",
                "sanction",
                "interim_suspend",
                "elect",
                "appoint",
            )
            if actor in empowered(book, world, calendar, day, kind)
        }
        if "amend_rules" in holds:
            tried = amendments(actor, coalition, clauses, standing)
            found.update(dict.fromkeys(tried))
        found.update(
            dict.fromkeys(_against(actor, holds, coalition, world, today, standing))
        )
    return [m for m in found if _buildable(m, day)]


def _buildable(candidate: Move, day: dt.date) -> bool:
    """Whether the move makes acts a scenario could hold (else it is not tried)."""
    from pydantic import ValidationError

    try:
        candidate.acts("capture", day)
    except ValidationError:
        return False
    return True


def _against(
    actor: str,
    holds: set[str],
    coalition: Coalition,
    world: World,
    today: int,
    standing: Standing,
) -> Iterator[Move]:
    """Acts against each outside body still checking or judging the coalition."""
    people = coalition.people(world, today)
    for other in standing.outsiders():
        state = world.bodies.get(other)
        if state is None or state.kind in {"membership", "convention"}:
            continue
        if "dissolve_body" in holds:
            yield move("dissolve_body", actor, f"dissolve {other}", body=other)
        members = [p for p in world.holders(other, today) if p not in people]
        for person in members:
            if "recall" in holds:
                yield move(
                    "recall",
                    actor,
                    f"recall {person} from {other}",
                    body=other,
                    target=person,
                )
            if "sanction" in holds:
                yield move(
                    "sanction",
                    actor,
                    f"remove {person} from {other}",
                    targets=[person],
                    sanction="remove_from_office",
                    office=other,
                )
            if "interim_suspend" in holds:
                yield move(
                    "interim_suspend",
                    actor,
                    f"suspend {person} from {other}",
                    targets=[person],
                    scope="office",
                    office=other,
                )
        seated = set(world.holders(other, today))
        newcomers = sorted(p for p in people if p not in seated)
        if state.size is not None:
            # Only to seats that are free: the engine does not refuse more
            # members than a body has seats, but no organisation would.
            newcomers = newcomers[: max(0, state.size - len(seated))]
        for kind in ("elect", "appoint"):
            if kind in holds and newcomers:
                yield move(
                    kind,
                    actor,
                    f"{kind} {', '.join(newcomers)} to {other}",
                    body=other,
                    persons=newcomers,
                )
