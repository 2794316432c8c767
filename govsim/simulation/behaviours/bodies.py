"""How a body meets and votes: cadence, absences, conflicted members.

Shared by the behaviours that make bodies act. A body meets on a cadence
(every ``n`` days from the run's start), some seat holders miss each meeting,
and members with a relation to the person concerned vote differently. Whether
the book lets an actor do something is asked the way a cautious body would:
is there a grant for the act, and no disability against the actor?
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from govsim.model.selectors import BodyKindActor

if TYPE_CHECKING:
    from govsim.simulation.run import Run

__all__ = ["Meeting", "book_lets", "hold", "next_meeting"]


def next_meeting(run: Run, day: int, every: int) -> int:
    """The first meeting day of a body meeting every ``every`` days, on or after ``day``."""
    if every <= 1:
        return day
    return -(-day // every) * every


def book_lets(run: Run, actor: str, kind: str) -> bool:
    """Whether the book in force today grants ``kind`` to ``actor`` and no clause denies it."""
    clauses = run.book.clauses_on(run.today)
    body = run.session.world.bodies.get(actor)

    def names(by: object) -> bool:
        if isinstance(by, str):
            return by == actor
        return (
            isinstance(by, BodyKindActor) and body is not None and body.kind in by.kind
        )

    granted = any(names(p.by) for _, p in clauses.grants.get(kind, ()))
    denied = any(names(p.by) for _, p in clauses.denials.get(kind, ()))
    return granted and not denied


@dataclass(frozen=True)
class Meeting:
    """Who came to a meeting and how they voted on one motion."""

    present: tuple[str, ...]
    yes: int
    no: int

    @property
    def tally(self) -> dict[str, int]:
        """The vote as a scenario would write it."""
        return {"for": self.yes, "against": self.no}


def hold(
    run: Run,
    body: str,
    *,
    absence: float,
    vote_yes: float,
    conflicted_yes: float,
    concerning: str | None = None,
) -> Meeting:
    """Hold a meeting today: draw absences (recorded in the engine) and votes.

    A seat holder with a relation in force to ``concerning`` is conflicted and
    votes for with ``conflicted_yes`` instead of ``vote_yes``.
    """
    world = run.session.world
    holders = world.holders(body, run.day)
    draws = run.rng.random(2 * len(holders)).tolist()
    away = [
        p for p, u in zip(holders, draws[: len(holders)], strict=True) if u < absence
    ]
    run.absent(away, run.calendar.date(run.day + 1))
    present = tuple(p for p in holders if p not in set(away))
    related = {
        b if a == concerning else a
        for _, a, b, start, until in world.relations
        if concerning in (a, b)
        and (start is None or start <= run.day)
        and (until is None or run.day < until)
    }
    yes = 0
    for person, u in zip(holders, draws[len(holders) :], strict=True):
        if person in present:
            yes += u < (conflicted_yes if person in related else vote_yes)
    return Meeting(present, yes, len(present) - yes)
