"""The organisation document: persons, bodies, seats and relations.

An organisation is described once and shared by every scenario and rule book
written for it. Seats carry terms, so one body (say the steering committee)
holds its whole composition history: who sat on it in 2013 and who in 2019.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, get_args

from pydantic import Field

from govsim.model.common import Date, Ident, Issue, PersonStatus, SchemaVersion, Strict

__all__ = [
    "BODY_KINDS",
    "LEADERSHIP_KINDS",
    "RELATION_KINDS",
    "Body",
    "BodyKind",
    "Organisation",
    "Person",
    "Relation",
    "Seat",
]

BodyKind = Literal[
    "convention",
    "membership",
    "executive",
    "committee",
    "disciplinary",
    "appeal",
    "commission",
    "caucus",
    "branch",
    "joint_meeting",
    "ad_hoc",
    "external_panel",
]
BODY_KINDS: tuple[str, ...] = get_args(BodyKind)

LEADERSHIP_KINDS = frozenset({"executive", "committee", "disciplinary", "appeal"})
"""Kinds of body whose seats count as leadership positions (for interim bars)."""

RelationKind = Literal[
    "intimate", "family", "close_colleague", "manager", "friend", "co_worker"
]
RELATION_KINDS: tuple[str, ...] = get_args(RelationKind)


class Person(Strict):
    """A person known to the organisation, described by role, never by name."""

    role: str | None = None
    """What this person is in the story, e.g. 'the respondent in the 2012-13 case'."""
    status: PersonStatus = "member"
    """Status at the start of every scenario using this organisation."""
    branch: Ident | None = None
    """The branch (a body of kind ``branch``) the person belongs to."""
    tags: tuple[Ident, ...] = ()
    """Free labels that scenarios can select by, e.g. ``directly_involved``."""


class Seat(Strict):
    """A seat on a body held by one person for a term."""

    person: Ident
    """The person holding the seat."""
    start: Date | None = Field(default=None, alias="from")
    """First day of the term; absent means 'since before any scenario'."""
    until: Date | None = None
    """First day the person no longer holds the seat; absent means open-ended."""
    role: str | None = None
    """An office on the body, e.g. 'chair'."""
    elected_by: Ident | None = None
    """The body that elected them (a convention, the membership), if elected."""
    appointed_by: Ident | None = None
    """The body that appointed them, if appointed."""


class Body(Strict):
    """A body of the organisation: a committee, a convention, a branch, a panel."""

    kind: BodyKind
    """What kind of body it is: books grant powers by kind, and the seats of an
    ``executive``, ``committee``, ``disciplinary`` or ``appeal`` body count as
    leadership."""
    name: str | None = None
    """The body's name, for readers (its id is its key)."""
    seats: tuple[Seat, ...] = ()
    """Its seats, past and present, each with a term: the body's whole composition
    history."""
    size: int | None = Field(default=None, ge=1)
    """The number of seats, when fixed; quorums stated as fractions count it."""
    parent: Ident | None = None
    """A body this one belongs to or reports to (a subcommittee's committee)."""
    outside: bool = False
    """True when its members sit from outside the organisation (an external panel)."""


class Relation(Strict):
    """A relation between two persons that can create a conflict of interest."""

    kind: RelationKind
    """The relation: ``intimate``, ``family``, ``close_colleague``, ``manager``,
    ``friend`` or ``co_worker``; while it holds, each person is conflicted in a case
    where the other is a party."""
    persons: tuple[Ident, Ident]
    """The two persons related, in either order."""
    start: Date | None = Field(default=None, alias="from")
    """First day of the relation (absent: since before any scenario)."""
    until: Date | None = None
    """First day it no longer holds (absent: it still does)."""
    note: str | None = None
    """A remark for readers."""


class Organisation(Strict):
    """An organisation: who is in it, which bodies it has, and who sits where."""

    schema_version: SchemaVersion
    """The format's version: always ``1``."""
    organisation: Ident
    """The organisation's id, which rule books and scenarios name."""
    name: str | None = None
    """The organisation's name, for readers."""
    description: str | None = None
    """What the organisation is, in a few sentences."""
    persons: dict[Ident, Person] = Field(default_factory=dict)
    """Every person by id: members, officers and outside parties, described by role."""
    bodies: dict[Ident, Body] = Field(default_factory=dict)
    """Every body by id, with its seats."""
    relations: tuple[Relation, ...] = ()
    """Relations between persons that create conflicts of interest."""

    def issues(self) -> list[Issue]:
        """Return every dangling reference in the document, with its loc."""
        found: list[Issue] = []
        clash = sorted(set(self.persons) & set(self.bodies))
        found.extend(
            (("bodies", ident), f"'{ident}' names both a person and a body")
            for ident in clash
        )
        for pid, person in self.persons.items():
            branch = person.branch
            if branch is not None and (
                branch not in self.bodies or self.bodies[branch].kind != "branch"
            ):
                found.append(
                    (
                        ("persons", pid, "branch"),
                        f"'{branch}' is not a body of kind 'branch'"
                        + self._suggest(branch, self.bodies),
                    )
                )
        for bid, body in self.bodies.items():
            if body.parent is not None and body.parent not in self.bodies:
                found.append(
                    (
                        ("bodies", bid, "parent"),
                        f"unknown body '{body.parent}'"
                        + self._suggest(body.parent, self.bodies),
                    )
                )
            for i, seat in enumerate(body.seats):
                loc = ("bodies", bid, "seats", i)
                if seat.person not in self.persons:
                    found.append(
                        (
                            (*loc, "person"),
                            f"unknown person '{seat.person}'"
                            + self._suggest(seat.person, self.persons),
                        )
                    )
                for key in ("elected_by", "appointed_by"):
                    ref = getattr(seat, key)
                    if ref is not None and ref not in self.bodies:
                        found.append(
                            (
                                (*loc, key),
                                f"unknown body '{ref}'"
                                + self._suggest(ref, self.bodies),
                            )
                        )
                if seat.start and seat.until and seat.until <= seat.start:
                    found.append(((*loc, "until"), "a seat must end after it starts"))
        found += self._parent_cycles()
        for i, rel in enumerate(self.relations):
            if rel.persons[0] == rel.persons[1]:
                found.append(
                    (
                        ("relations", i, "persons", 1),
                        f"{rel.persons[0]} cannot have a {rel.kind} relation with "
                        "themselves: name the other person",
                    )
                )
            for j, pid in enumerate(rel.persons):
                if pid not in self.persons:
                    found.append(
                        (
                            ("relations", i, "persons", j),
                            f"unknown person '{pid}'"
                            + self._suggest(pid, self.persons),
                        )
                    )
        return found

    def _parent_cycles(self) -> list[Issue]:
        """A body that is its own parent, or parents that lead back to a body."""
        found: list[Issue] = []
        reported: set[str] = set()
        for bid in self.bodies:
            chain = [bid]
            parent = self.bodies[bid].parent
            while parent is not None and parent in self.bodies and parent not in chain:
                chain.append(parent)
                parent = self.bodies[parent].parent
            if parent != bid or bid in reported:
                continue
            reported.update(chain)
            loop = " -> ".join([*chain, bid])
            what = (
                f"{bid} is its own parent"
                if len(chain) == 1
                else f"parents go round in a circle: {loop}"
            )
            found.append(
                (
                    ("bodies", bid, "parent"),
                    f"{what}; a body's parent is another body above it",
                )
            )
        return found

    @staticmethod
    def _suggest(word: str, candidates: Iterable[str]) -> str:
        from govsim.documents.suggest import did_you_mean

        return did_you_mean(word, candidates)
