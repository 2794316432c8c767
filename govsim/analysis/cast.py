"""Who plays each part in the probes of a diff, and from which day.

Probes act with the organisation's own bodies and persons, from a day on
which the bodies either book empowers are staffed for a whole procedure
(:func:`govsim.probing.startday.start_day`, the rule ``govsim explore`` uses
too).

Persons are chosen for their standing alone: a complainant and a respondent
who hold no seat and have no declared relations (so no conflict muddies a
probe), a further plain member to act as "a member", and a non-member to act
as "anyone". Target fields are tried with these and with one seat holder of
each body a target selector names — the persons who can make a power reach
or miss.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from govsim.model.clauses import ClauseSet, ResolvedBook
from govsim.model.organisation import Organisation
from govsim.model.selectors import BodyKindActor, JointActor, PersonActor
from govsim.probing.startday import SPAN_DAYS, clause_sets
from govsim.probing.trial import Design

__all__ = [
    "ROLES",
    "SPAN_DAYS",
    "Cast",
    "clause_sets",
    "could_act",
    "named_roles",
]

ROLES = ("member", "party", "anyone")
"""The persons a power can name by standing rather than seat (``{person: ...}``)."""
_MEMBERS = frozenset({"member", "on_leave"})


@dataclass(frozen=True)
class Cast:
    """The persons the probes act with and on, chosen once per diff."""

    complainant: str | None
    respondent: str | None
    member: str | None
    """A member who holds no seat and is no party: "a member" acting."""
    outsider: str | None
    """A person who is not a member: "anyone" acting."""
    holders: tuple[str, ...]
    """One seat holder of each body a target selector names."""

    @classmethod
    def choose(cls, a: Design, b: Design, start: dt.date) -> Cast:
        """Pick the cast for two designs on one organisation (module docstring)."""
        org = a.organisation
        last = start + dt.timedelta(days=SPAN_DAYS)
        seated = {
            s.person
            for body in org.bodies.values()
            for s in body.seats
            if (s.start is None or s.start <= last)
            and (s.until is None or start < s.until)
        }
        related = {p for r in org.relations for p in r.persons}
        ever = {s.person for body in org.bodies.values() for s in body.seats}
        free = [
            p
            for p, person in org.persons.items()
            if person.status in _MEMBERS and p not in seated and p not in related
        ]
        # Someone who never sits anywhere reads as a plain member in a witness;
        # someone seated only outside the probes' days comes after them.
        plain = [p for p in free if p not in ever] + [p for p in free if p in ever]
        outsiders = [
            p
            for p, x in org.persons.items()
            if x.status not in _MEMBERS and p not in seated
        ] or [p for p, x in org.persons.items() if x.status not in _MEMBERS]
        complainant, respondent, member = ([*plain, None, None, None])[:3]
        return cls(
            complainant=complainant,
            respondent=respondent,
            member=member or complainant,
            outsider=outsiders[0] if outsiders else None,
            holders=_target_holders(org, (a.book, b.book), start),
        )

    def acting(self, role: str, party: str | None) -> str | None:
        """The person who acts for a role; ``party`` is the case's respondent, if any."""
        if role == "member":
            return self.member
        if role == "party":
            return party
        return self.outsider

    @property
    def targets(self) -> tuple[str, ...]:
        """Persons to try in target fields, each once, parties first."""
        order = (self.respondent, self.complainant, self.member, self.outsider)
        found = [p for p in order if p is not None]
        return tuple(dict.fromkeys([*found, *self.holders]))


def _target_holders(
    org: Organisation, books: tuple[ResolvedBook, ...], start: dt.date
) -> tuple[str, ...]:
    """The first seat holder on ``start`` of each body target selectors name."""
    bodies: dict[str, None] = {}
    for book in books:
        for clauses in clause_sets(book):
            for group in (clauses.grants, clauses.denials):
                for _, power in (x for g in group.values() for x in g):
                    over = power.over
                    if over is None:
                        continue
                    bodies.update(dict.fromkeys(over.seat_on))
                    kinds = set(over.seat_on_kind)
                    bodies.update(
                        dict.fromkeys(
                            b for b, x in org.bodies.items() if x.kind in kinds
                        )
                    )
    out = []
    for body in bodies:
        holders = (
            [
                s.person
                for s in org.bodies[body].seats
                if (s.start is None or s.start <= start)
                and (s.until is None or start < s.until)
            ]
            if body in org.bodies
            else []
        )
        out += holders[:1]
    return tuple(out)


def could_act(
    clauses: list[ClauseSet], kind: str, actor: str, org: Organisation
) -> bool:
    """Whether some grant of ``kind`` in these clause sets could reach ``actor``.

    ``actor`` is a body id, a role of :data:`ROLES`, or a joint meeting's
    label (``sc+nc``). A role is a person with no seat, so grants to seat
    holders never reach it. When no grant can, the act is void under the
    book whatever else happens.
    """
    body = org.bodies.get(actor)
    if body is None and actor not in ROLES:
        return _joint_reached(clauses, kind, set(actor.split("+")))
    for clause_set in clauses:
        for _, power in clause_set.grants.get(kind, ()):
            by = power.by
            if isinstance(by, str):
                if by == actor:
                    return True
            elif isinstance(by, BodyKindActor):
                if body is not None and body.kind in by.kind:
                    return True
            elif isinstance(by, PersonActor):
                if body is None and _reaches(by.person, actor):
                    return True
            elif body is not None and body.kind == "joint_meeting":
                return True
    return False


def _joint_reached(clauses: list[ClauseSet], kind: str, bodies: set[str]) -> bool:
    for clause_set in clauses:
        for _, power in clause_set.grants.get(kind, ()):
            by = power.by
            if isinstance(by, JointActor) and set(by.joint_of) <= bodies:
                return True
            if isinstance(by, BodyKindActor) and "joint_meeting" in by.kind:
                return True
    return False


def named_roles(clauses: list[ClauseSet], kind: str) -> set[str]:
    """The roles a provision for ``kind`` names: ``{person: party}`` and the like."""
    selectors = [
        item.by
        for clause_set in clauses
        for group in (
            clause_set.grants,
            clause_set.denials,
            clause_set.requirements,
            clause_set.decision_rules,
        )
        for _, item in group.get(kind, ())
    ]
    named: set[str] = {s.person for s in selectors if isinstance(s, PersonActor)}
    return named & set(ROLES)


def _reaches(person: str, role: str) -> bool:
    if person == "anyone":
        return True
    if person == "member":
        return role in {"member", "party"}
    return person == role
