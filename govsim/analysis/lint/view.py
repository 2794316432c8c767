"""What a lint check sees: one version of a rule book on one organisation.

A :class:`BookView` holds the clauses in force in one epoch of the book (as
written, or after an amendment), the organisation's bodies and seats, and a
:class:`~govsim.analysis.lint.probe.Probe` to ask the engine whether an act
would be empowered. Checks read it and never change it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from govsim.analysis.lint.probe import Probe, joint_id
from govsim.model.selectors import JointActor

if TYPE_CHECKING:
    from govsim.analysis.lint.registry import Rule
    from govsim.analysis.lint.report import Finding
    from govsim.model.clauses import ClauseSet, ResolvedBook
    from govsim.model.organisation import Organisation
    from govsim.model.rulebook import Clause, Power
    from govsim.model.selectors import ActorSelector

__all__ = ["ASSEMBLIES", "BookView"]

ASSEMBLIES = frozenset({"convention", "membership"})
"""Kinds of body that stand for the members as a whole."""


@dataclass
class BookView:
    """One epoch of a resolved rule book, on an organisation.

    Attributes:
        book: the resolved book.
        organisation: the organisation it runs on.
        clauses: the clauses in force in this epoch.
        epoch: a label for this epoch (``as written``, or an amendment's id).
        day: the day the organisation's seats are read on (its latest
            composition) and probe acts are dated.
    """

    book: ResolvedBook
    organisation: Organisation
    clauses: ClauseSet
    epoch: str
    day: dt.date
    _order: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._order = {c.id: i for i, c in enumerate(self.clauses.clauses)}

    @cached_property
    def probe(self) -> Probe:
        """The engine-backed probe for this epoch."""
        return Probe(self.organisation, self.clauses, self.day)

    def finding(
        self,
        rule: Rule,
        message: str,
        *,
        clauses: Iterable[str],
        hint: str,
        subjects: Iterable[str] = (),
        invariants: Iterable[str] | None = None,
    ) -> Finding:
        """A finding of ``rule`` about this book; clause ids are put in book order."""
        from govsim.analysis.lint.report import Finding

        return Finding(
            code=rule.code,
            message=message,
            explanation=rule.explanation,
            book=self.book.id,
            clauses=self.in_order(clauses),
            invariants=tuple(rule.invariants if invariants is None else invariants),
            hint=hint,
            subjects=tuple(dict.fromkeys(subjects)),
        )

    def in_order(self, clause_ids: Iterable[str]) -> tuple[str, ...]:
        """Clause ids once each, in the order the book lists them."""
        unique = dict.fromkeys(clause_ids)
        return tuple(sorted(unique, key=lambda c: self._order.get(c, len(self._order))))

    def bodies(self, *kinds: str) -> list[str]:
        """Ids of the organisation's bodies, of the given kinds (all when none given)."""
        return [
            bid
            for bid, body in self.organisation.bodies.items()
            if not kinds or body.kind in kinds
        ]

    def kind(self, body: str) -> str | None:
        """The kind of a body of the organisation (None for anything else)."""
        found = self.organisation.bodies.get(body)
        return found.kind if found else None

    def is_outside(self, body: str) -> bool:
        """Whether a body's members come from outside the organisation."""
        found = self.organisation.bodies.get(body)
        return found is not None and (found.outside or found.kind == "external_panel")

    def grants(self, act: str) -> list[tuple[Clause, Power]]:
        """Grants of an act in force, links' grants included, in book order."""
        return list(self.clauses.grants.get(act, ()))

    def written_grants(self) -> Iterator[tuple[Clause, Power]]:
        """Every power a clause states (not those its accountability links imply)."""
        for clause in self.clauses.clauses:
            for power in clause.powers:
                yield clause, power

    def holds(self, actor: str, act: str) -> list[str]:
        """Clauses granting ``act`` to ``actor`` (a body or stand-in), whatever the targets."""
        return [
            clause.id
            for clause, power in self.grants(act)
            if actor in self.probe.matching(power.by)
        ]

    def powers_of(self, body: str) -> tuple[str, ...]:
        """Clauses granting anything to a body, in book order."""
        return self.in_order(
            clause.id
            for clause, power in self.written_grants()
            if body in self.probe.matching(power.by)
        )

    def actor_id(self, selector: ActorSelector) -> str | None:
        """A probe actor that stands for the selector (for probing its acts)."""
        probe = self.probe
        if isinstance(selector, str):
            return selector if selector in probe.world.bodies else None
        if isinstance(selector, JointActor):
            return joint_id(selector)
        matching = sorted(probe.matching(selector))
        stand_ins = [a for a in matching if probe.is_stand_in(a)]
        chosen = stand_ins or matching
        return chosen[0] if chosen else None

    def seat_holders(self, body: str) -> set[str]:
        """Everyone the organisation ever seats on a body."""
        found = self.organisation.bodies.get(body)
        return {s.person for s in found.seats} if found else set()

    def seated_now(self, body: str) -> list[str]:
        """The organisation's seat holders of a body on the view's day."""
        found = self.organisation.bodies.get(body)
        if found is None:
            return []
        return list(
            dict.fromkeys(
                s.person
                for s in found.seats
                if (s.start is None or s.start <= self.day)
                and (s.until is None or self.day < s.until)
            )
        )
