"""Who can act for a case or a duty, and since when nobody can.

A case is in the hands of its *holder*: the body (or person) it was given to
for investigation, or a successor; with none, the first body the book
empowers to decide it (``find``). A duty is owed by its obligee.
Responsibility is real only while someone can exercise it. A body whose seats
are all vacant, or whose members are all suspended, barred, recused in the
case or conflicted in it, still exists but cannot act: from that day the case
or duty is *orphaned*, until someone able holds it again — the body regains a
member able to act, or the case or duty is given to another holder who can.

The replay asks after every act that takes effect and every lapse, and once
more at the end; each orphaned period is kept on the world
(:attr:`~govsim.engine.state.World.orphaned`) for the ``case_survival`` and
``obligation_survival`` invariants to judge against the period a book allows.
Those merely away are not counted out: absence is not incapacity.
"""

from __future__ import annotations

from govsim.engine.attendance import at_most, exclusion, seat_holders
from govsim.engine.conflicts import conflicts_of
from govsim.engine.context import ActContext
from govsim.engine.powers import bodies_empowered
from govsim.engine.state import (
    BodyState,
    CaseState,
    CaseStep,
    Day,
    Orphaning,
    Watch,
    World,
)
from govsim.model.clauses import ClauseSet

__all__ = [
    "case_holder",
    "case_step",
    "incapacity",
    "unmoved_by",
    "watch_responsibility",
]

_GONE = frozenset({"resigned", "expelled", "non_member"})
"""Statuses of a person who can no longer act for the organisation."""


def case_holder(world: World, clauses: ClauseSet, case: CaseState) -> str | None:
    """Who holds the case: its owner, else the first body empowered to decide it.

    The second answer is the same for every case nobody owns and changes only
    with the clauses in force or the bodies that sit, so it is kept on the
    world with those and recomputed once they change: the replay asks after
    nearly every act, and a large organisation has thousands of branches.
    """
    if case.owner:
        return case.owner
    memo = world.default_holder
    if (
        memo is not None
        and memo[0] is clauses
        and memo[1] == BodyState.sittings
        and memo[2] == len(world.bodies)
    ):
        return memo[3]
    bodies = [(b.id, b.kind) for b in world.bodies.values() if b.active]
    found = bodies_empowered(clauses, "find", bodies)
    holder = found[0][0] if found else None
    world.default_holder = (clauses, BodyState.sittings, len(world.bodies), holder)
    return holder


STEP_KINDS = frozenset(
    {"interfere", "close_case", "alter_decision", "assign_investigator", "find"}
)
"""Acts kept as steps of their case: those that change its course, and the
decisions a later act may set aside (a finding, a closure)."""


def case_step(ctx: ActContext) -> CaseStep | None:
    """The act as a step in its case, with who held the case before it.

    Taken before the act is applied; ``None`` for an act in no case, or of a
    kind no later act or check looks back on (see :data:`STEP_KINDS`).
    """
    if ctx.kind not in STEP_KINDS:
        return None
    case = ctx.case
    if case is None:
        return None
    return CaseStep(
        act=ctx.act_id,
        kind=ctx.kind,
        day=ctx.day,
        actor=ctx.actor,
        case=case.id,
        owner=case.owner,
        holder=case_holder(ctx.world, ctx.clauses, case),
        decision_by=ctx.targets.decision_body,
    )


def incapacity(
    world: World,
    holder: str,
    day: Day,
    case: CaseState | None = None,
    clauses: ClauseSet | None = None,
    read: set[str] | None = None,
) -> str | None:
    """Why nobody can act as ``holder`` on ``day`` (``None``: someone can).

    For a case, members recused in it or conflicted in it (by the book's
    conflict rules too, given ``clauses``) cannot act for it. The persons
    whose standing the answer reads (the holder, or the body's seat holders)
    are added to ``read``, when given.
    """
    rules = clauses.conflict_rules if clauses is not None else ()
    body = world.bodies.get(holder)
    if read is not None:
        read.add(holder)
    if body is None:
        state = world.persons.get(holder)
        if state is not None and state.status in _GONE:
            return f"{holder} is {state.status.replace('_', ' ')}"
        return None
    if not body.active:
        return f"{holder} no longer sits"
    seats = seat_holders(world, holder, day)
    if read is not None:
        read.update(seats)
    if body.kind == "membership":
        return None if seats else "the membership has no members"
    if not seats:
        return f"every seat of {holder} is vacant"
    recused = case.recused if case is not None else set()
    held = frozenset(seats)
    reasons: list[str] = []
    for person in seats:
        why = exclusion(world, person, holder, held, recused)
        # Having investigated the case bars deciding it, not carrying it on.
        if (
            why is None
            and case is not None
            and conflicts_of(person, case, world, day, rules=rules, carrying_on=True)
        ):
            why = "is conflicted in the case"
        if why is None:
            return None
        reasons.append(f"{person} {why}")
    return f"no member of {holder} can act: " + at_most(reasons, 4, "; ")


def _track(
    world: World,
    spans: list[Orphaning],
    holder: str | None,
    why: str | None,
    day: Day,
    since: Day,
) -> None:
    """Open, extend or close the current orphaned period of one case or duty."""
    current = spans[-1] if spans and spans[-1].until is None else None
    if why is None:
        if current is not None:
            current.until = day
        return
    body = world.bodies.get(holder or "")
    gone = holder is None or (body is not None and not body.active)
    if current is None:
        spans.append(Orphaning(since, holder or "", why, gone=gone))
    else:
        current.holder, current.why = holder or "", why
        current.gone = current.gone or gone


def _vacated_since(world: World, holder: str | None, day: Day, floor: Day) -> Day:
    """The day the last seat of an empty body fell vacant (else ``day``).

    Never before ``floor``: a case or duty is orphaned from its own start at
    the earliest.
    """
    body = world.bodies.get(holder or "")
    if body is None:
        return day
    ends = [s.until for s in body.seats if s.until is not None and s.until <= day]
    if ends and not seat_holders(world, body.id, day):
        return max(floor, *ends)
    return day


def _setting(world: World, day: Day) -> tuple[object, ...]:
    """What a watch's findings rest on besides persons' standing and seats.

    The day; which bodies exist and sit; which cases are open and who owns
    them; which duties are in force. Acts that change these are watched
    anyway; a deadline passing changes a duty's status with no act.
    """
    return (
        day,
        BodyState.sittings,
        len(world.bodies),
        tuple((c.open, c.owner) for c in world.cases.values()),
        tuple(ob.status for ob in world.obligations.values()),
    )


def unmoved_by(world: World, clauses: ClauseSet, day: Day, person: str) -> bool:
    """Whether the last watch's findings stand after an act changing only ``person``.

    True when the last watch was on ``day`` under ``clauses``, nothing it
    rests on has changed since (:func:`_setting`), and it read nothing of
    ``person``: not a holder or obligee, nor a seat holder of one, nor a
    party to an open case (whose seats decide others' conflicts). A wave of
    resignations by members who hold no seat on any body holding a case or
    owing a duty is then not watched after each act, with the same result.
    """
    last = world.last_watch
    return (
        last is not None
        and last.clauses is clauses
        and person not in last.persons
        and last.setting == _setting(world, day)
    )


def watch_responsibility(world: World, clauses: ClauseSet, day: Day) -> None:
    """Record, as of ``day``, which open cases and duties nobody can act for."""
    read: set[str] = set()
    for case in world.cases.values():
        spans = world.orphaned.setdefault(f"case:{case.id}", [])
        if not case.open:
            _track(world, spans, None, None, day, day)
            continue
        read.update(case.parties)
        holder = case_holder(world, clauses, case)
        if holder is None:
            why: str | None = "no body holds it or is empowered to decide it"
        else:
            why = incapacity(world, holder, day, case, clauses, read)
        since = _vacated_since(world, holder, day, case.opened) if why else day
        _track(world, spans, holder, why, day, since)
    for ob in world.obligations.values():
        if ob.kind == "review" or (
            ob.obligee not in world.bodies and ob.obligee not in world.persons
        ):
            continue  # a review is owed by whoever may review; a list, by any
        spans = world.orphaned.setdefault(f"duty:{ob.id}", [])
        why = None
        if ob.status == "in_effect":
            why = incapacity(world, ob.obligee, day, read=read)
        since = day
        if why:
            start = ob.history[0][0] if ob.history else day
            since = _vacated_since(world, ob.obligee, day, start)
        _track(world, spans, ob.obligee, why, day, since)
    world.last_watch = Watch(clauses, _setting(world, day), frozenset(read))
