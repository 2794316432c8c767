"""Selectors: how rule books say *who* may act and *on what*.

Rule books never contain code. Who holds a power and over which targets are
written with the small, closed vocabulary below, which the engine interprets
(see ``govsim.engine.powers``). Keeping it closed keeps diffs and lints of rule
books decidable.
"""

from __future__ import annotations

from typing import Literal

from govsim.model.common import Date, Ident, SanctionKind, Strict
from govsim.model.organisation import BodyKind

__all__ = [
    "ActorSelector",
    "BodyKindActor",
    "Conditions",
    "InterimBasis",
    "InterimScope",
    "JointActor",
    "PersonActor",
    "PersonSelector",
    "SeatSelector",
    "TagSelector",
    "TargetSelector",
    "describe_actor",
]

InterimScope = Literal[
    "meeting", "office", "leadership_bodies", "membership", "unspecified"
]
"""What an interim measure restricts, from least to most restrictive."""
InterimBasis = Literal[
    "danger", "charges_filed", "investigation", "finding", "unspecified"
]
"""The ground stated for an interim measure."""


class BodyKindActor(Strict):
    """Any body of one of these kinds."""

    kind: tuple[BodyKind, ...]
    """The kinds of body that hold the power."""


class PersonActor(Strict):
    """A person acting in their own name.

    ``member``: anyone whose status is member or on leave; ``anyone``: any
    person; ``party``: a complainant or respondent of the case the act is in;
    ``seat_holder``: anyone holding a seat on one of ``bodies`` that day.
    """

    person: Literal["member", "anyone", "party", "seat_holder"]
    """Which persons: ``member``, ``anyone``, ``party`` or ``seat_holder``."""
    bodies: tuple[Ident, ...] = ()
    """For ``seat_holder``: the bodies whose seat holders may act."""


class JointActor(Strict):
    """A joint meeting whose participants include every body listed."""

    joint_of: tuple[Ident, ...]
    """The bodies that must all take part in the joint meeting."""


ActorSelector = Ident | BodyKindActor | PersonActor | JointActor
"""Who may act: a body id, a kind of body, a person, or a joint meeting."""


def describe_actor(selector: ActorSelector) -> str:
    """A selector in words, for messages: ``sc``, ``any executive body``, ``a party``.

    The engine's reasons (who holds a power an actor lacks), lint findings and
    charts all name actors this one way.
    """
    if isinstance(selector, str):
        return selector
    if isinstance(selector, BodyKindActor):
        return "any " + "/".join(selector.kind) + " body"
    if isinstance(selector, JointActor):
        return "a joint meeting of " + "+".join(selector.joint_of)
    if selector.person == "seat_holder":
        return "any single member of " + "/".join(selector.bodies)
    return {"member": "any member", "anyone": "anyone", "party": "a party"}[
        selector.person
    ]


class TargetSelector(Strict):
    """Over what a power runs; every field given must hold (absent: anything).

    Persons are matched by ``persons``, ``seat_on`` and ``seat_on_kind``;
    decisions by ``decisions_of`` and ``decisions_of_kind``; bodies by
    ``bodies`` and ``body_kinds``.
    """

    persons: Literal["member", "anyone", "self", "non_member"] | None = None
    """The target person: a ``member``, ``anyone``, the actor themself (``self``) or a
    ``non_member`` (absent: anyone)."""
    seat_on: tuple[Ident, ...] = ()
    """The target holds a seat on one of these bodies when the act happens."""
    seat_on_kind: tuple[BodyKind, ...] = ()
    """The target holds a seat on a body of one of these kinds when the act happens."""
    decisions_of: tuple[Ident, ...] = ()
    """The act concerns a decision made by one of these bodies."""
    decisions_of_kind: tuple[BodyKind, ...] = ()
    """The act concerns a decision made by a body of one of these kinds."""
    bodies: tuple[Ident, ...] = ()
    """The act concerns one of these bodies."""
    body_kinds: tuple[BodyKind, ...] = ()
    """The act concerns a body of one of these kinds."""


class Conditions(Strict):
    """Conditions on the act itself under which a power holds."""

    sanctions: tuple[SanctionKind, ...] = ()
    """Only these sanctions: a ``sanction`` act's own, or, for an act on a
    decision (``appeal``, ``decide_appeal``, ``implement``, ``alter_decision``),
    the sanction of the decision it concerns as that decision stands."""
    scopes: tuple[InterimScope, ...] = ()
    """Only interim measures of these scopes."""
    bases: tuple[InterimBasis, ...] = ()
    """Only interim measures on these stated grounds."""
    max_days: int | None = None
    """Only measures that state an end no later than this many days after the act."""
    outcomes: tuple[str, ...] = ()
    """Only these outcomes (for ``alter_decision``, ``decide_appeal``, reviews)."""
    audiences: tuple[Literal["body", "members", "public"], ...] = ()
    """Only statements to these audiences."""
    clauses: tuple[str, ...] = ()
    """For ``amend_rules``: only amendments touching these clauses and no
    others (an id such as ``7.2``, or every clause under a number with
    ``7.*``); a clause the amendment adds counts by its own id."""
    entrenched: bool | None = None
    """For ``amend_rules``: ``false``, only amendments that leave every clause
    marked ``entrenched`` as it is; ``true``, only those that change one."""


class TagSelector(Strict):
    """Every person carrying a tag: a class, not a named individual."""

    tag: Ident
    """The tag, as the organisation's persons carry it."""


class SeatSelector(Strict):
    """Every person who held a seat on ``seat_on`` at some time in a window."""

    seat_on: Ident
    """The body whose seat holders are selected."""
    during: Date | None = None
    """Held the seat on this day (absent: on the day of the act)."""


PersonSelector = Ident | TagSelector | SeatSelector
"""A target written in a scenario: one person by id, or a class of persons."""
