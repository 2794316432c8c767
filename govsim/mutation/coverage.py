"""Clause coverage: which clauses of a book the scenarios ever consulted.

A clause is *consulted* when some verdict cites it: it grants the power an
act used, denies one (a disability, or a grant whose conditions fail), places
a requirement on an act (held or broken), decides a vote, or sets a duty whose
deadline was missed. A clause no verdict cites is one the scenarios hardly
exercise (a conflict rule, say, shows only through the recusal requirement
that cites its own clause), so coverage is read beside the mutation score: it
says where scenarios are missing rather than where they fail to notice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from govsim.engine.replay import Trace
from govsim.model.clauses import ResolvedBook

__all__ = ["ClauseUse", "Coverage", "cover", "coverage_lines"]

_POWER = frozenset({"power", "competence"})


@dataclass(frozen=True)
class ClauseUse:
    """How often, and in which scenarios, one clause was consulted, by role."""

    clause: str
    title: str | None
    granting: int = 0
    """Reasons citing it with rule ``power`` that hold: it granted the power."""
    denying: int = 0
    """Reasons citing it with rule ``power`` or ``competence`` that fail."""
    requiring: int = 0
    """Reasons citing it with any other rule (held or not), plus duties it set
    that were missed by their due day."""
    deciding: int = 0
    """Reasons citing it with rule ``decision_rule``."""
    scenarios: tuple[str, ...] = ()
    """The scenarios in which it was consulted, sorted."""

    @property
    def total(self) -> int:
        """All the times it was consulted, whatever the role."""
        return self.granting + self.denying + self.requiring + self.deciding

    @property
    def consulted(self) -> bool:
        """Whether any scenario consulted it at all."""
        return self.total > 0

    def to_data(self) -> dict[str, Any]:
        """The counts as JSON-ready data."""
        return {
            "clause": self.clause,
            "title": self.title,
            "granting": self.granting,
            "denying": self.denying,
            "requiring": self.requiring,
            "deciding": self.deciding,
            "total": self.total,
            "scenarios": list(self.scenarios),
        }


@dataclass(frozen=True)
class Coverage:
    """The use of every clause a book ever has in force, in book order."""

    book: str
    uses: tuple[ClauseUse, ...]
    scenarios: tuple[str, ...] = field(default=())
    """The scenarios whose traces were read, in the order given (duplicates once)."""

    def consulted(self) -> tuple[ClauseUse, ...]:
        """The clauses some scenario consulted."""
        return tuple(u for u in self.uses if u.consulted)

    def never(self) -> tuple[ClauseUse, ...]:
        """The clauses no scenario consulted."""
        return tuple(u for u in self.uses if not u.consulted)

    @property
    def share(self) -> float | None:
        """The share of clauses consulted; ``None`` for a book with no clause."""
        return len(self.consulted()) / len(self.uses) if self.uses else None

    def to_data(self) -> dict[str, Any]:
        """The coverage as JSON-ready data."""
        return {
            "consulted": len(self.consulted()),
            "clauses": len(self.uses),
            "by_clause": [u.to_data() for u in self.uses],
        }


def _titles(book: ResolvedBook) -> dict[str, str | None]:
    """Every clause id the book ever has in force with its title, in book order.

    The book's own clauses come first; then the clauses only amendments add,
    in the order the amendments apply. A title an amendment gives a clause
    that had none fills the gap; the book's own title otherwise stands.
    """
    titles: dict[str, str | None] = {c.id: c.title for c in book.clauses}
    for amendment in book.amendments:
        for clause in amendment.clauses:
            if titles.get(clause.id) is None:
                titles[clause.id] = clause.title
    return titles


def cover(book: ResolvedBook, traces: Iterable[tuple[str, Trace]]) -> Coverage:
    """Count, per clause of ``book``, the reasons and missed duties citing it.

    ``traces``: (scenario id, trace) pairs, each a replay under ``book``.
    Clauses that only an ``amend_rules`` act of some scenario adopts are not
    the book's and are left out.
    """
    titles = _titles(book)
    counts = {
        cid: [0, 0, 0, 0] for cid in titles
    }  # granting denying requiring deciding
    seen: dict[str, set[str]] = {cid: set() for cid in titles}
    read: dict[str, None] = {}

    def count(clause: str | None, role: int, scenario: str) -> None:
        if clause is not None and clause in counts:
            counts[clause][role] += 1
            seen[clause].add(scenario)

    for scenario, trace in traces:
        read[scenario] = None
        # The reasons an act failed are also its violations; only the other
        # violations (duties missed by their due day) add anything.
        failed: set[tuple[str, str | None, str]] = set()
        for act in trace.acts:
            for reason in act.reasons:
                if not reason.holds:
                    failed.add((act.id, reason.clause, reason.rule))
                if reason.rule == "decision_rule":
                    role = 3
                elif reason.rule in _POWER:
                    role = 0 if reason.holds and reason.rule == "power" else 1
                else:
                    role = 2
                count(reason.clause, role, scenario)
        for violation in trace.violations:
            if (
                violation.act is None
                or (violation.act, violation.clause, violation.rule) not in failed
            ):
                count(violation.clause, 2, scenario)
    uses = tuple(
        ClauseUse(
            cid,
            title,
            granting=counts[cid][0],
            denying=counts[cid][1],
            requiring=counts[cid][2],
            deciding=counts[cid][3],
            scenarios=tuple(sorted(seen[cid])),
        )
        for cid, title in titles.items()
    )
    return Coverage(book.id, uses, tuple(read))


def coverage_lines(coverage: Coverage) -> list[str]:
    """The coverage as plain text lines: a headline, then a line per clause."""
    share = coverage.share
    runs = len(coverage.scenarios)
    head = (
        f"{len(coverage.consulted())} of {len(coverage.uses)} clauses consulted"
        f"{'' if share is None else f' ({share:.0%})'} across {runs} "
        f"scenario{'' if runs == 1 else 's'}"
    )
    if not coverage.uses:
        return [head]
    width = max(len("clause"), *(len(u.clause) for u in coverage.uses))
    lines = [
        head,
        f"{'clause':<{width}}  {'grant':>5} {'deny':>5} {'req':>5} {'decide':>6}",
    ]
    for use in coverage.uses:
        title = f"  {use.title}" if use.title else ""
        counts = (
            f"{use.granting:>5} {use.denying:>5} {use.requiring:>5} {use.deciding:>6}"
            if use.consulted
            else f"{'never consulted':>24}"
        )
        lines.append(f"{use.clause:<{width}}  {counts}{title}")
    return lines
