"""Small questions several invariants ask of the state and of the clauses.

Who took part in an act and was conflicted; which bodies a rule book empowers
to do something; what a parameter is in the clauses in force. Kept here so
each invariant reads as its statement.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from govsim.engine.conflicts import conflicts_of
from govsim.engine.powers import bodies_empowered as empowered
from govsim.engine.state import CaseState, Day, World
from govsim.invariants.views import Step
from govsim.model.clauses import ClauseSet
from govsim.model.organisation import Organisation

__all__ = [
    "ADJUDICATING_KINDS",
    "body_kind",
    "conflicted_participants",
    "empowered",
    "fraction_at_least",
    "holders",
    "open_cases_of",
    "org_bodies",
    "read_requirement",
    "read_threshold",
]

ADJUDICATING_KINDS = frozenset({"disciplinary", "appeal", "external_panel"})
"""Kinds of body that decide cases (as opposed to executives and assemblies)."""


def body_kind(world: World, ident: str) -> str | None:
    """The kind of a body (None for a person or an unknown id)."""
    body = world.bodies.get(ident)
    return body.kind if body else None


def holders(world: World, ident: str, day: Day) -> list[str]:
    """Seat holders of a body on a day, or the person themself."""
    if ident in world.bodies:
        body = world.bodies[ident]
        people = dict.fromkeys(world.holders(ident, day))
        for part in body.constituents:
            people.update(dict.fromkeys(world.holders(part, day)))
        return list(people)
    return [ident] if ident in world.persons else []


def conflicted_participants(
    step: Step, *, skip: Callable[[str], bool] | None = None
) -> list[tuple[str, tuple[str, ...]]]:
    """Participants of the act who were conflicted in its case, with the reasons."""
    ctx, case = step.ctx, step.case
    if case is None:
        return []
    if ctx.meeting is not None:
        found = list(ctx.meeting.conflicted_participants)
    elif ctx.actor in ctx.world.persons:
        why = conflicts_of(
            ctx.actor, case, ctx.world, ctx.day, rules=ctx.clauses.conflict_rules
        )
        found = [(ctx.actor, tuple(why))] if why else []
    else:
        found = []
    if skip is not None:
        found = [(p, r) for p, r in found if not skip(p)]
    return found


def org_bodies(org: Organisation) -> list[tuple[str, str]]:
    """(id, kind) of the organisation's bodies, in document order."""
    return [(bid, b.kind) for bid, b in org.bodies.items()]


def read_requirement(
    rule: str, acts: tuple[str, ...], field: str
) -> Callable[[ClauseSet], int | float | str | None]:
    """A parameter reader: ``field`` of the first ``rule`` requirement on ``acts``."""

    def read(clauses: ClauseSet) -> int | float | str | None:
        for act in acts:
            for _, req in clauses.requirements.get(act, ()):
                if req.rule == rule:
                    value = getattr(req, field, None)
                    if value not in (None, ()):
                        if isinstance(value, tuple):
                            return ",".join(str(v) for v in value)
                        # A requirement's parameters are numbers, words or tuples.
                        return cast("int | float | str", value)
        return None

    return read


def read_threshold(
    act: str, sanction: str | None = None
) -> Callable[[ClauseSet], str | None]:
    """A parameter reader: the threshold of the decision rule for an act (and sanction)."""

    def read(clauses: ClauseSet) -> str | None:
        for _, rule in clauses.decision_rules.get(act, ()):
            if sanction is None or not rule.sanctions or sanction in rule.sanctions:
                return rule.threshold
        return None

    return read


def fraction_at_least(yes: int, base: int, threshold: str) -> bool:
    """Whether ``yes`` of ``base`` meets a threshold (``majority`` is more than half)."""
    from govsim.model.rulebook import parse_fraction

    if base <= 0:
        return False
    if threshold == "majority":
        return yes * 2 > base
    return yes >= parse_fraction(threshold) * base


def open_cases_of(world: World, person: str) -> list[CaseState]:
    """Open cases in which the person is a respondent."""
    return [c for c in world.cases.values() if c.open and person in c.respondents]
