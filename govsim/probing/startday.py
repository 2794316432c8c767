"""The day a search or a probe starts from: one on which the empowered bodies sit.

Every history is played on the organisation as it stands on its first day,
and seats have terms. On the ISO organisation the disciplinary committee sat
from 2011 to 2015 only, so the day after every dated seat (January 2020)
finds it empty, and every act it is tried with void or carried by nobody.
The day is therefore derived from the seats, in the same way for
``govsim explore`` (one book) and ``govsim diff`` (two): of the days a seat
or an amendment begins, and the day after every dated seat, relation and
amendment (:func:`~govsim.probing.trial.first_day`), the one on which the
bodies the books empower are staffed for the length of a whole procedure,
each body weighing as many as the act kinds it is granted (so the body that
decides cases outweighs a caucus that only speaks), the latest such day on a
tie. An organisation whose seats are undated is staffed on every day, so it
keeps the latest day.

Bodies that have seats in the document but nobody on them on the chosen day
are :func:`vacant_bodies`; ``govsim explore`` warns about those the book
empowers, as the search cannot exercise their powers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from govsim.model.clauses import ClauseSet, ResolvedBook
from govsim.model.organisation import Body, Organisation
from govsim.model.selectors import BodyKindActor
from govsim.probing.trial import Design, first_day

__all__ = [
    "SPAN_DAYS",
    "VacantBody",
    "body_weights",
    "clause_sets",
    "start_day",
    "vacant_bodies",
]

SPAN_DAYS = 60
"""Days a procedure may take; bodies must be staffed throughout."""


def clause_sets(book: ResolvedBook) -> list[ClauseSet]:
    """The book's clause set before any amendment and after each one."""
    days = [a.in_force for a in book.amendments]
    return [book.clauses_on(dt.date.min), *(book.clauses_on(d) for d in days)]


def body_weights(org: Organisation, books: tuple[ResolvedBook, ...]) -> dict[str, int]:
    """For each body a grant of any of the books reaches, by id or by kind: how many acts."""
    acts: dict[str, set[str]] = {}
    for book in books:
        for clauses in clause_sets(book):
            for kind, grants in clauses.grants.items():
                for _, power in grants:
                    if isinstance(power.by, str):
                        reached = {power.by}
                    elif isinstance(power.by, BodyKindActor):
                        reached = {
                            b for b, x in org.bodies.items() if x.kind in power.by.kind
                        }
                    else:
                        continue
                    for body in reached & set(org.bodies):
                        acts.setdefault(body, set()).add(kind)
    return {body: len(kinds) for body, kinds in acts.items()}


def _held(body: Body, day: dt.date) -> bool:
    return any(
        (s.start is None or s.start <= day) and (s.until is None or day < s.until)
        for s in body.seats
    )


def start_day(*designs: Design) -> dt.date:
    """The first day of every history on ``designs`` (one organisation): see the module docstring."""
    org = designs[0].organisation
    books = tuple(d.book for d in designs)
    weights = body_weights(org, books)
    seated = sorted(n for n in weights if org.bodies[n].seats)
    candidates = {first_day(d) for d in designs}
    candidates |= {
        s.start for body in org.bodies.values() for s in body.seats if s.start
    }
    candidates |= {x.in_force for book in books for x in book.amendments}

    def score(day: dt.date) -> tuple[int, dt.date]:
        last = day + dt.timedelta(days=SPAN_DAYS)
        staffed = (
            n
            for n in seated
            if _held(org.bodies[n], day) and _held(org.bodies[n], last)
        )
        return sum(weights[n] for n in staffed), day

    return max(candidates, key=score)


@dataclass(frozen=True)
class VacantBody:
    """A body the book empowers, with seats in the document but none held on a day."""

    body: str
    day: dt.date
    ended: dt.date | None
    """When its last seat before ``day`` ended, if one did."""
    begins: dt.date | None
    """When its next seat after ``day`` begins, if one does."""

    def describe(self) -> str:
        """One line for a user: whose seats are empty, and when they were not."""
        when = [
            *([f"its seats ended on {self.ended}"] if self.ended else []),
            *([f"its next seat begins on {self.begins}"] if self.begins else []),
        ]
        since = f" ({' and '.join(when)})" if when else ""
        return (
            f"nobody holds a seat on {self.body} on {self.day}{since}, "
            "so the search tries its acts with nobody sitting"
        )


def vacant_bodies(design: Design, day: dt.date) -> tuple[VacantBody, ...]:
    """Bodies the book empowers that have seats in the document but nobody on ``day``."""
    org = design.organisation
    found = []
    for name in sorted(body_weights(org, (design.book,))):
        body = org.bodies[name]
        if not body.seats or _held(body, day):
            continue
        ended = [s.until for s in body.seats if s.until and s.until <= day]
        begins = [s.start for s in body.seats if s.start and s.start > day]
        found.append(
            VacantBody(name, day, max(ended, default=None), min(begins, default=None))
        )
    return tuple(found)
