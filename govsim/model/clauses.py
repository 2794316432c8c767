"""Resolved rule books and the set of clauses in force on a date.

``extends`` chains are merged into one :class:`ResolvedBook`; for any date it
hands out a :class:`ClauseSet` indexed by act kind, built once per amendment
epoch, so that replay asks "who may do this?" without scanning clauses.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from govsim.model.common import Enforcement
from govsim.model.requirements import Requirement
from govsim.model.rulebook import (
    Amendment,
    Clause,
    ConflictRule,
    DecisionRule,
    Link,
    Power,
    RuleBook,
)
from govsim.model.selectors import TargetSelector

__all__ = ["ClauseSet", "ResolvedBook", "merge_books"]

_LINK_POWERS = {
    "elects": "elect",
    "appoints": "appoint",
    "recalls": "recall",
    "audits": "audit",
}


def _apply(
    clauses: list[Clause], added: tuple[Clause, ...], dropped: tuple[str, ...]
) -> list[Clause]:
    """Replace clauses by id in place, append new ones, drop the listed ids."""
    out = [c for c in clauses if c.id not in set(dropped)]
    index = {c.id: i for i, c in enumerate(out)}
    for clause in added:
        if clause.id in index:
            out[index[clause.id]] = clause
        else:
            index[clause.id] = len(out)
            out.append(clause)
    return out


@dataclass(frozen=True)
class ClauseSet:
    """The clauses in force on some date, indexed for the engine."""

    clauses: tuple[Clause, ...]
    enforcement: Enforcement
    grants: dict[str, list[tuple[Clause, Power]]] = field(default_factory=dict)
    denials: dict[str, list[tuple[Clause, Power]]] = field(default_factory=dict)
    requirements: dict[str, list[tuple[Clause, Requirement]]] = field(
        default_factory=dict
    )
    decision_rules: dict[str, list[tuple[Clause, DecisionRule]]] = field(
        default_factory=dict
    )
    links: tuple[tuple[Clause, Link], ...] = ()
    conflict_rules: tuple[tuple[Clause, ConflictRule], ...] = ()
    """Conflicts of interest the clauses create (shared office with a party),
    read by :func:`govsim.engine.conflicts.conflicts_of`."""
    meeting_rules: tuple[tuple[Clause, Requirement], ...] = ()
    """Requirements on every meeting whatever its business (``meeting_notice``
    naming no acts)."""

    @classmethod
    def build(cls, clauses: tuple[Clause, ...], enforcement: Enforcement) -> ClauseSet:
        """Index clauses by the act kinds their provisions mention."""
        grants: dict[str, list[tuple[Clause, Power]]] = defaultdict(list)
        denials: dict[str, list[tuple[Clause, Power]]] = defaultdict(list)
        reqs: dict[str, list[tuple[Clause, Requirement]]] = defaultdict(list)
        rules: dict[str, list[tuple[Clause, DecisionRule]]] = defaultdict(list)
        links: list[tuple[Clause, Link]] = []
        conflict_rules = tuple(
            (clause, rule) for clause in clauses for rule in clause.conflicts
        )
        meeting_rules: list[tuple[Clause, Requirement]] = []
        for clause in clauses:
            for power in clause.powers:
                for act in power.acts:
                    grants[act].append((clause, power))
            for power in clause.disabilities:
                for act in power.acts:
                    denials[act].append((clause, power))
            for req in clause.requires:
                if not req.acts:
                    meeting_rules.append((clause, req))
                for act in req.acts:
                    reqs[act].append((clause, req))
            for rule in clause.decides:
                for act in rule.acts:
                    rules[act].append((clause, rule))
            for link in clause.accountability:
                links.append((clause, link))
                for act, power in _link_powers(link):
                    grants[act].append((clause, power))
        return cls(
            clauses=clauses,
            enforcement=enforcement,
            grants=dict(grants),
            denials=dict(denials),
            requirements=dict(reqs),
            decision_rules=dict(rules),
            links=tuple(links),
            conflict_rules=conflict_rules,
            meeting_rules=tuple(meeting_rules),
        )

    def enforcement_of(self, clause: Clause) -> Enforcement:
        """The clause's own enforcement, or the book's default."""
        return clause.enforcement or self.enforcement

    def get(self, clause_id: str) -> Clause | None:
        """The clause with this id, if in force."""
        return next((c for c in self.clauses if c.id == clause_id), None)


def _link_powers(link: Link) -> list[tuple[str, Power]]:
    """The powers an accountability link grants by itself."""
    if link.relation in _LINK_POWERS:
        act = _LINK_POWERS[link.relation]
        over = TargetSelector(bodies=(link.of,))
        return [(act, Power(by=link.by, acts=(act,), over=over))]
    if link.relation == "hears_appeals_from":
        over = TargetSelector(decisions_of=(link.of,))
        return [
            ("decide_appeal", Power(by=link.by, acts=("decide_appeal",), over=over))
        ]
    return []


def _in_force(amendment: Amendment) -> dt.date:
    return amendment.in_force


@dataclass
class ResolvedBook:
    """A rule book with its ``extends`` chain merged; amendments kept dated."""

    id: str
    title: str | None
    organisation: str | None
    enforcement: Enforcement
    clauses: tuple[Clause, ...]
    amendments: tuple[Amendment, ...]
    lineage: tuple[str, ...]
    """This book's id, then the ids of the books it extends, nearest first."""
    adopted: dict[str, str] = field(default_factory=dict)
    """Amendments adopted by acts of a replay (not dated in the book), by
    amendment id: the id of the ``amend_rules`` act that adopted it."""
    _cache: dict[tuple[int, frozenset[str]], ClauseSet] = field(
        default_factory=dict, repr=False
    )

    def in_force_by(self, day: dt.date) -> tuple[Amendment, ...]:
        """The amendments in force on ``day``, in the order they apply."""
        if not self.amendments:
            return ()
        return self.amendments[
            : bisect.bisect_right(self.amendments, day, key=_in_force)
        ]

    def clauses_on(
        self, day: dt.date, without: frozenset[str] = frozenset()
    ) -> ClauseSet:
        """The clause set in force on ``day`` (amendments in force by then applied).

        ``without``: ids of amendments held back, for a case their transitional
        provision keeps under the rules as they stood.
        """
        epoch = (
            bisect.bisect_right(self.amendments, day, key=_in_force)
            if self.amendments
            else 0
        )
        key = (epoch, without)
        cached = self._cache.get(key)
        if cached is None:
            clauses = list(self.clauses)
            for amendment in self.amendments[:epoch]:
                if amendment.id not in without:
                    clauses = _apply(clauses, amendment.clauses, amendment.repeal)
            cached = ClauseSet.build(tuple(clauses), self.enforcement)
            self._cache[key] = cached
        return cached

    def adopting(self, amendment: Amendment, act: str) -> ResolvedBook:
        """This book with an amendment adopted by ``act`` (this one is left as it is).

        The amendment takes its place among the others by its in-force day,
        after those of the same day: amendments of one day apply in the order
        adopted.
        """
        return ResolvedBook(
            id=self.id,
            title=self.title,
            organisation=self.organisation,
            enforcement=self.enforcement,
            clauses=self.clauses,
            amendments=tuple(sorted((*self.amendments, amendment), key=_in_force)),
            lineage=self.lineage,
            adopted={**self.adopted, amendment.id: act},
        )

    def origin(self, clause_id: str, day: dt.date) -> Amendment | None:
        """The amendment in force on ``day`` that last added or reworded a clause."""
        for amendment in reversed(self.in_force_by(day)):
            if any(c.id == clause_id for c in amendment.clauses):
                return amendment
        return None

    def document(self) -> RuleBook:
        """The book as one stand-alone document under its own id (no ``extends``).

        Its clauses and dated amendments are those of the merged chain; what
        a replay adopted is not in it. Variants and mutants of a book are
        made from this.
        """
        return RuleBook(
            schema_version=1,
            rulebook=self.id,
            title=self.title,
            organisation=self.organisation,
            enforcement=self.enforcement,
            clauses=self.clauses,
            amendments=self.amendments,
        )

    def all_clause_ids(self) -> set[str]:
        """Every clause id the book ever has in force, amendments included."""
        ids = {c.id for c in self.clauses}
        for amendment in self.amendments:
            ids |= {c.id for c in amendment.clauses}
        return ids


def merge_books(book: RuleBook, parent: ResolvedBook | None) -> ResolvedBook:
    """Merge a book with the already-resolved book it extends."""
    if parent is None:
        return ResolvedBook(
            id=book.rulebook,
            title=book.title,
            organisation=book.organisation,
            enforcement=book.enforcement,
            clauses=tuple(_apply([], book.clauses, ())),
            amendments=book.amendments,
            lineage=(book.rulebook,),
        )
    explicit = "enforcement" in book.model_fields_set
    amendments = tuple(
        sorted((*parent.amendments, *book.amendments), key=lambda a: a.in_force)
    )
    return ResolvedBook(
        id=book.rulebook,
        title=book.title or parent.title,
        organisation=book.organisation or parent.organisation,
        enforcement=book.enforcement if explicit else parent.enforcement,
        clauses=tuple(_apply(list(parent.clauses), book.clauses, book.remove)),
        amendments=amendments,
        lineage=(book.rulebook, *parent.lineage),
    )
