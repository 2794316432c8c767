"""Who knows what about a case: readers of its record, bodies informed, custodians.

Every act that touches a case leaves a trace in the case's record: the
parties read it when the case opens, whoever takes part in an act on the case
reads it, and disclosures add their recipients (in the act handlers). Whether
a later office-holder can read a record depends on the rule book's ``records``
rule: without one, knowledge stays with the persons who had it — the gap that
left a new executive asking who the respondent was.
"""

from __future__ import annotations

from govsim.engine.conflicts import conflicts_of
from govsim.engine.context import ActContext
from govsim.engine.state import Day, World
from govsim.model.clauses import ClauseSet

__all__ = ["can_read", "informed", "learn"]

_CUSTODIAL = {
    "assign_investigator",
    "hear",
    "find",
    "sanction",
    "implement",
    "alter_decision",
    "decide_appeal",
    "close_case",
}
_PROTECTED = {
    "file_complaint": "complained",
    "disclose": "disclosed",
    "raise_concern": "raised a concern",
    "form_caucus": "formed a caucus",
    "appeal": "appealed",
}


def learn(ctx: ActContext) -> None:
    """Update the record of the act's case, and protected activity, after the act."""
    what = _PROTECTED.get(ctx.kind)
    if what is not None:
        people = [ctx.actor] if ctx.actor in ctx.world.persons else []
        if ctx.kind == "form_caucus":
            people = list(ctx.targets.persons)
        for person in people:
            ctx.world.activity.setdefault(person, []).append((ctx.day, what))
    case = ctx.case
    if case is None or ctx.kind in {"disclose", "raise_concern"}:
        return
    record = ctx.world.record(case.id)
    if ctx.kind == "file_complaint":
        record.read((*case.parties, ctx.actor), ctx.day)
    record.read(ctx.participants(), ctx.day)
    if ctx.kind == "assign_investigator" and case.investigator_body:
        # The record goes to the whole body given the case, not only to
        # those of its members who will investigate.
        record.read(case.investigating_panel, ctx.day)
        record.custodians.add(case.investigator_body)
    if ctx.actor_is_body and ctx.kind in _CUSTODIAL:
        record.custodians.add(ctx.actor)
    for _, req in ctx.clauses.requirements.get(ctx.kind, ()):
        if req.rule == "records":
            record.custodians.update(req.custodians or (ctx.actor,))


def _passes_on(clauses: ClauseSet) -> bool:
    return any(
        req.rule == "records" and req.successors_read
        for reqs in clauses.requirements.values()
        for _, req in reqs
    )


def can_read(
    world: World, clauses: ClauseSet, case_id: str, person: str, day: Day
) -> bool:
    """Whether a person can read a case's record on a day.

    They can if they have read it, or if the rule book passes records on and
    they now hold a seat on a custodian body without a conflict in the case.
    """
    record = world.records.get(case_id)
    if record is None:
        return False
    if person in record.readers:
        return True
    if not _passes_on(clauses):
        return False
    case = world.cases.get(case_id)
    if case is None or conflicts_of(
        person, case, world, day, rules=clauses.conflict_rules
    ):
        return False
    return any(person in world.holders(b, day) for b in record.custodians)


def informed(
    world: World, clauses: ClauseSet, case_id: str, body: str, day: Day
) -> bool:
    """Whether a body was informed of a case before deciding.

    As a body (a disclosure addressed to it), through a statement to all the
    members (for the membership and the convention), or because every person
    holding a seat on it can read the record.
    """
    record = world.records.get(case_id)
    if record is None:
        return False
    kind = world.bodies[body].kind if body in world.bodies else None
    if body in record.bodies or record.public:
        return True
    if record.members and kind in {"convention", "membership"}:
        return True
    holders = world.holders(body, day)
    return bool(holders) and all(
        can_read(world, clauses, case_id, p, day) for p in holders
    )
