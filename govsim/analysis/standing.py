"""Whom a body or coalition still answers to, at one point of a history.

``govsim capture`` asks this after every sequence of acts it tries. A
coalition (bodies, and persons acting for themselves) is **captured** when,
for each of its bodies, either nobody outside the coalition — and not
controlled by it — may recall it, remove its members or audit it; or every
body that may discipline its members (its judge) is inside the coalition or
controlled by it: the coalition holds a majority of the judge's seats, or
holds the judge's powers itself.

Checks are found as ``govsim lint`` finds them
(:func:`govsim.analysis.lint.accountability.checks_on`: accountability links
and the engine's power test), on the clauses in force that day; who sits
where, and which bodies still exist, are read from the replay's world, so
elections, recalls and dissolutions count; so do suspensions, when they keep
every member of a body from sitting (a body nobody can sit on checks no one
while that lasts).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from govsim.analysis.lint.accountability import Check, checks_on
from govsim.analysis.lint.probe import CASE, sanctions_of
from govsim.analysis.lint.view import ASSEMBLIES, BookView
from govsim.engine.attendance import sitting

if TYPE_CHECKING:
    from govsim.engine.state import Calendar, World
    from govsim.model.clauses import ClauseSet, ResolvedBook
    from govsim.model.organisation import Organisation

__all__ = ["Coalition", "Standing", "standing_of"]


@dataclass(frozen=True)
class Coalition:
    """Who is trying to capture: bodies, and persons acting in their own name."""

    bodies: tuple[str, ...]
    persons: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """The coalition as the user named it: ``board`` or ``board,critic``."""
        return ",".join((*self.bodies, *self.persons))

    @property
    def actors(self) -> tuple[str, ...]:
        """Who acts in the search: the coalition's bodies, then its persons."""
        return (*self.bodies, *self.persons)

    def people(self, world: World, day: int) -> set[str]:
        """The persons on the coalition's side that day: its own and its seat holders."""
        found = set(self.persons)
        for body in self.bodies:
            found.update(world.holders(body, day))
        return found


@dataclass(frozen=True)
class Standing:
    """The accountability of a coalition's bodies in one state.

    Attributes:
        checks: for each of the coalition's bodies, the bodies outside it
            (existing, not controlled by it) that may still recall, remove or
            audit it, with how and under which clause.
        judges: for each of its bodies, the existing bodies other than the
            assemblies that may discipline its members, with the clause.
        held: the judges the coalition controls (its own bodies included).
        judged: the coalition's bodies that had a judge outside its control
            at the start: only for them is holding every judge a capture (a
            disciplinary committee judging its own members is no capture).
    """

    checks: dict[str, dict[str, list[Check]]]
    judges: dict[str, dict[str, str]]
    held: frozenset[str]
    judged: frozenset[str]

    def unaccountable(self) -> bool:
        """Whether nobody outside the coalition can recall, remove or audit any of it."""
        return all(not outside for outside in self.checks.values())

    def holds_judges(self, body: str) -> bool:
        """Whether ``body`` had an outside judge and now has only the coalition's."""
        judges = self.judges.get(body, {})
        return body in self.judged and bool(judges) and set(judges) <= self.held

    def judge_held(self) -> bool:
        """Whether each body answers to no outsider or holds its judges, one at least.

        Holding a judge counts only for a body that had an outside one.
        """
        escaped = all(
            not outside or self.holds_judges(body)
            for body, outside in self.checks.items()
        )
        return escaped and any(self.holds_judges(body) for body in self.checks)

    def captured(self) -> bool:
        """Either way of escaping accountability."""
        return self.unaccountable() or self.judge_held()

    def outsiders(self) -> list[str]:
        """Bodies outside the coalition that still check or judge it, in id order."""
        found = {b for outside in self.checks.values() for b in outside}
        found |= {j for judges in self.judges.values() for j in judges}
        return sorted(found - self.held)

    def distance(self) -> int:
        """The search's guide: outside checks and uncontrolled judges left (0 is captured)."""
        checks = sum(len(ways) for o in self.checks.values() for ways in o.values())
        judges = sum(len(set(j) - self.held) for j in self.judges.values())
        return checks + judges

    def clauses(self) -> list[str]:
        """The clauses that still hold the coalition to account, in order met."""
        found: dict[str, None] = {}
        for outside in self.checks.values():
            for ways in outside.values():
                found.update((c.clause, None) for c in ways)
        for judges in self.judges.values():
            for body, clause in judges.items():
                if body not in self.held:
                    found[clause] = None
        return list(found)

    def outcome(self, label: str) -> str:
        """How the coalition is captured, in words (for a captured standing)."""
        if self.unaccountable():
            return f"nobody outside {label} may recall, remove or audit it"
        held = "; ".join(
            f"{body}'s members are judged only by "
            + ", ".join(
                f"{j} ({c})" if j == body else f"{j} ({c}), whose seats it holds"
                for j, c in sorted(judges.items())
            )
            for body, judges in self.judges.items()
            if self.holds_judges(body)
        )
        return f"{label} holds its judges: {held}"

    def describe(self) -> str:
        """What holds the coalition to account, in words (``nobody`` when nothing)."""
        parts = []
        for body, outside in self.checks.items():
            for by, ways in sorted(outside.items()):
                how = " and ".join(f"{_said(c.how, body)} ({c.clause})" for c in ways)
                parts.append(f"{by} may {how}")
        for body, judges in self.judges.items():
            for judge, clause in sorted(judges.items()):
                if judge not in self.held:
                    parts.append(f"{judge} may discipline {body}'s members ({clause})")
        return "; ".join(parts) or "nobody"


def _said(how: str, body: str) -> str:
    """A check in words about ``body``: ``recall board``, ``expel board's members``."""
    return how.replace("its ", f"{body}'s ") if "its " in how else f"{how} {body}"


def _controls(
    coalition: Coalition, world: World, day: int, body: str, people: set[str]
) -> bool:
    """Whether the coalition is the body, or holds a majority of its seats."""
    if body in coalition.bodies:
        return True
    state = world.bodies.get(body)
    if state is None or state.kind in ASSEMBLIES:
        return False
    holders = world.holders(body, day)
    seats = max(state.size or 0, len(holders))
    ours = sum(1 for p in holders if p in people)
    return seats > 0 and 2 * ours > seats


def standing_of(
    coalition: Coalition,
    organisation: Organisation,
    book: ResolvedBook,
    clauses: ClauseSet,
    world: World,
    calendar: Calendar,
    day: dt.date,
    judged: frozenset[str] | None = None,
) -> Standing:
    """The coalition's accountability under ``clauses`` and ``world`` on ``day``.

    ``judged``: the bodies that had an outside judge at the start (absent:
    this is the start, and they are found here).
    """
    view = BookView(book, organisation, clauses, "capture", day)
    today = calendar.day(day)
    people = coalition.people(world, today)

    def active(body: str) -> bool:
        """Whether the body exists and can still meet: one of its members may sit."""
        state = world.bodies.get(body)
        if state is None or not state.active:
            return False
        holders = tuple(world.holders(body, today))
        return state.kind in ASSEMBLIES or bool(
            sitting(world, today, holders, body, away=False)
        )

    controlled = {
        b
        for b in world.bodies
        if active(b) and _controls(coalition, world, today, b, people)
    }
    into = checks_on(view)
    checks: dict[str, dict[str, list[Check]]] = {}
    for body in coalition.bodies:
        outside = checks.setdefault(body, {})
        for by, ways in into.get(body, {}).items():
            kept = [w for w in ways if _stands(view, by, body, w)]
            if kept and active(by) and by not in controlled:
                outside[by] = kept
    judges = {body: _judges(view, body, active) for body in coalition.bodies}
    if judged is None:
        judged = frozenset(b for b, js in judges.items() if set(js) - controlled)
    return Standing(checks, judges, frozenset(controlled), judged)


def _stands(view: BookView, by: str, body: str, check: Check) -> bool:
    """Whether a check still holds: a recall link denied by a disability does not.

    Lint counts a ``recalls`` link as written; in a replay the link's power
    yields to a disability, which is how an amendment can neutralise a link
    it leaves in place. An audit is no act, so nothing denies it.
    """
    if check.act != "recall" or check.how != "recall":
        return True
    probe = view.probe
    act = {"act": "recall", "body": body, "target": probe.seated(body)}
    return probe.power(by, act).granted


def _judges(view: BookView, body: str, active: Any) -> dict[str, str]:
    """Bodies (not the assemblies) that may sanction or find against ``body``'s members."""
    probe = view.probe
    holder = probe.seated(body)
    discipline = sanctions_of(holder)
    discipline.append({"act": "find", "case": CASE, "targets": [holder]})
    found: dict[str, str] = {}
    for judge in view.bodies():
        if view.kind(judge) in ASSEMBLIES or not active(judge):
            continue
        outcome = probe.first_grant(judge, discipline)
        if outcome is not None and outcome.clause is not None:
            found[judge] = outcome.clause.id
    return found
