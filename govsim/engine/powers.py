"""Empowerment: does the actor hold the power to perform this act?

A denial (disability) in force outranks every grant. Otherwise the first grant
whose actor, targets and conditions all match empowers the act; grants that
match the actor but not the rest explain why the power did not reach this
act. Bodies created by an act may hold powers delegated to them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from govsim.engine.context import ActContext
from govsim.engine.derogation import changed_clauses
from govsim.engine.grounds import unsupported_ground
from govsim.engine.trace import Reason
from govsim.model.clauses import ClauseSet
from govsim.model.rulebook import Clause, Power
from govsim.model.selectors import (
    ActorSelector,
    BodyKindActor,
    Conditions,
    JointActor,
    PersonActor,
    TargetSelector,
    describe_actor,
)

__all__ = [
    "PowerOutcome",
    "actor_matches",
    "bodies_empowered",
    "check_power",
    "clause_matches",
    "conditions_fail",
    "targets_fail",
]


@dataclass(frozen=True)
class PowerOutcome:
    """The result of the power test: whether empowered, and by what."""

    granted: bool
    reasons: tuple[Reason, ...]
    grant: Power | None = None
    clause: Clause | None = None


def actor_matches(selector: ActorSelector, ctx: ActContext) -> bool:
    """Whether the act's actor is the one the selector describes."""
    world, actor = ctx.world, ctx.act.by
    if isinstance(selector, str):
        return selector == actor
    # Exact classes for the selector models (a closed set, never subclassed):
    # isinstance on a pydantic model goes through ABCMeta, and this runs for
    # every grant of every act in a simulation.
    if type(selector) is PersonActor:
        person = world.persons.get(actor)
        if person is None:
            return False
        if selector.person == "anyone":
            return True
        if selector.person == "member":
            return person.status in {"member", "on_leave"}
        if selector.person == "party":
            case = ctx.case
            return case is not None and actor in case.parties
        return any(actor in world.holders(b, ctx.day) for b in selector.bodies)
    body = world.bodies.get(actor)
    if type(selector) is BodyKindActor:
        return body is not None and body.kind in selector.kind
    if type(selector) is JointActor:
        return body is not None and set(selector.joint_of) <= set(body.constituents)
    return False


def _office_removed(ctx: ActContext) -> str | None:
    """The seat a removal from office names; ``None`` for any other act."""
    if getattr(ctx.act, "sanction", None) != "remove_from_office":
        return None
    office = getattr(ctx.act, "office", None)
    return office if isinstance(office, str) else None


def targets_fail(over: TargetSelector | None, ctx: ActContext) -> str | None:
    """Why the act's targets fall outside ``over``; ``None`` when they are inside."""
    if over is None:
        return None
    world, targets = ctx.world, ctx.targets
    for pid in targets.persons:
        person = world.persons.get(pid)
        status = person.status if person else "non_member"
        if over.persons == "self" and pid != ctx.actor:
            return f"it reaches only the actor's own position, not {pid}"
        if over.persons == "member" and status not in {
            "member",
            "on_leave",
            "suspended",
        }:
            return f"it reaches members only, and {pid} is {status}"
        if over.persons == "non_member" and status in {
            "member",
            "on_leave",
            "suspended",
        }:
            return f"it reaches non-members only, and {pid} is a member"
        seats = world.seats_of(pid, ctx.day)
        office = _office_removed(ctx)
        if office is not None:
            # A removal reaches the one seat it names, not the others held.
            seats = [office] if office in seats else []
        if over.seat_on and not set(over.seat_on) & set(seats):
            return f"it reaches seat holders of {', '.join(over.seat_on)} only"
        if over.seat_on_kind and not any(
            world.bodies[b].kind in over.seat_on_kind for b in seats
        ):
            return (
                f"it reaches seat holders of {', '.join(over.seat_on_kind)} bodies only"
            )
    if over.decisions_of or over.decisions_of_kind:
        source = targets.decision_body
        kind = world.bodies[source].kind if source in world.bodies else None
        if source is None or not (
            source in over.decisions_of or kind in over.decisions_of_kind
        ):
            allowed = ", ".join(over.decisions_of + over.decisions_of_kind)
            if source is None:
                return (
                    f"it reaches decisions of {allowed} only, and the decision "
                    "this act concerns is not in force"
                )
            return f"it reaches decisions of {allowed} only, not of {source}"
    if over.bodies or over.body_kinds:
        for bid in targets.bodies:
            kind = world.bodies[bid].kind if bid in world.bodies else None
            if bid not in over.bodies and kind not in over.body_kinds:
                allowed = ", ".join(over.bodies + over.body_kinds)
                return f"it reaches {allowed} only, not {bid}"
        if not targets.bodies:
            return "it reaches named bodies only, and this act names none"
    return None


def _sanction_concerned(ctx: ActContext) -> str | None:
    """The sanction a ``sanctions`` condition reads.

    A sanction's own; for an act on a decision (an appeal, its decision,
    an implementation, an alteration), the sanction of that decision as it
    stands: "may hear appeals against expulsions" is about the decision
    appealed, not about a key the appeal does not have.
    """
    if ctx.kind == "sanction":
        return getattr(ctx.act, "sanction", None)
    decision = ctx.world.decisions.get(ctx.decision_id() or "")
    if decision is not None:
        return decision.sanction
    return getattr(ctx.act, "sanction", None)


def conditions_fail(when: Conditions | None, ctx: ActContext) -> str | None:
    """Why the act does not meet the grant's conditions; ``None`` when it does."""
    if when is None:
        return None
    act = ctx.act
    sanction = _sanction_concerned(ctx)
    if when.sanctions and sanction not in when.sanctions:
        found = f"not {sanction}" if sanction else "and this act concerns none"
        return f"only for sanctions {', '.join(when.sanctions)}, {found}"
    scope = getattr(act, "scope", None)
    if when.scopes and scope not in when.scopes:
        return (
            f"only for interim measures of scope {', '.join(when.scopes)}, not {scope}"
        )
    basis = getattr(act, "basis", None)
    if when.bases and basis not in when.bases:
        return f"only on the grounds {', '.join(when.bases)}, not {basis}"
    if when.bases and basis is not None and (lack := unsupported_ground(ctx, basis)):
        return f"only on the grounds {', '.join(when.bases)}, and the record does not support '{basis}': {lack}"
    if when.max_days is not None:
        end = getattr(act, "expires_at", None)
        if end is None:
            return f"only for measures with a stated end within {when.max_days} days"
        if (end - act.at).days > when.max_days:
            return f"only for at most {when.max_days} days, not {(end - act.at).days}"
    outcome = getattr(act, "outcome", None)
    if when.outcomes and outcome not in when.outcomes:
        return f"only with outcome {', '.join(when.outcomes)}, not {outcome}"
    audience = getattr(act, "audience", None)
    if when.audiences and audience not in when.audiences:
        return f"only to {', '.join(when.audiences)}, not {audience}"
    if when.clauses or when.entrenched is not None:
        return _clauses_fail(when, ctx)
    return None


def clause_matches(pattern: str, clause_id: str) -> bool:
    """Whether a clause id is the pattern's: ``7.2`` itself, or under ``7.*``."""
    if pattern.endswith(".*"):
        stem = pattern[:-2]
        return clause_id == stem or clause_id.startswith(stem + ".")
    return pattern == clause_id


def _clauses_fail(when: Conditions, ctx: ActContext) -> str | None:
    """Why an amendment falls outside the clauses a power to amend reaches."""
    touched = changed_clauses(ctx.act, ctx.clauses)
    if when.clauses:
        outside = [
            said
            for c, said in touched.items()
            if not any(clause_matches(p, c) for p in when.clauses)
        ]
        if outside:
            return (
                f"only over clauses {', '.join(when.clauses)}, and this act "
                f"changes {', '.join(outside)}"
            )
    if when.entrenched is not None:
        marked = [
            said
            for c, said in touched.items()
            if (clause := ctx.clauses.get(c)) is not None and clause.entrenched
        ]
        if when.entrenched is False and marked:
            return (
                f"only over clauses not entrenched, and this act changes "
                f"{', '.join(marked)}, which {'is' if len(marked) == 1 else 'are'} "
                "entrenched"
            )
        if when.entrenched is True and not marked:
            return "only over entrenched clauses, and this act changes none"
    return None


def check_power(ctx: ActContext) -> PowerOutcome:
    """Decide whether the actor is empowered to perform the act."""
    kind, actor = ctx.kind, ctx.actor
    for clause, power in ctx.clauses.denials.get(kind, ()):
        if (
            actor_matches(power.by, ctx)
            and targets_fail(power.over, ctx) is None
            and (conditions_fail(power.when, ctx) is None)
        ):
            check = f"clause {clause.id} denies {actor} the power to {kind}"
            return PowerOutcome(False, (Reason.cite(clause, check, holds=False),))
    near: list[Reason] = []
    for clause, power in ctx.clauses.grants.get(kind, ()):
        if not actor_matches(power.by, ctx):
            continue
        why = targets_fail(power.over, ctx) or conditions_fail(power.when, ctx)
        if why is None:
            standing = (
                " (implied by practice, not written)"
                if power.standing == "implied"
                else ""
            )
            check = f"clause {clause.id} gives {actor} the power to {kind}{standing}"
            return PowerOutcome(
                True, (Reason.cite(clause, check, holds=True),), power, clause
            )
        near.append(
            Reason.cite(
                clause,
                f"clause {clause.id} gives {actor} {kind}, but {why}",
                holds=False,
            )
        )
    delegated = _delegated(ctx)
    if delegated is not None:
        return delegated
    if near:
        return PowerOutcome(False, tuple(near))
    others = sorted(
        {describe_actor(power.by) for _, power in ctx.clauses.grants.get(kind, ())}
    )
    held_by = f"; it belongs to {', '.join(others)}" if others else ""
    if "a party" in others and ctx.case is None:
        # A party is a party to a case; an act on a void or unknown decision
        # reaches no case, so no one is a party to it.
        held_by += ", and this act reaches no case in force to be a party to"
    check = f"no clause in force gives {actor} the power to {kind}{held_by}"
    return PowerOutcome(False, (Reason(check=check, holds=False),))


def _delegated(ctx: ActContext) -> PowerOutcome | None:
    """A power delegated to a created body by the (valid) act that created it."""
    body = ctx.world.bodies.get(ctx.actor)
    if body is None or body.created_by is None or ctx.kind not in body.delegated:
        return None
    check = f"{ctx.actor} holds {ctx.kind} by delegation in act {body.created_by}"
    return PowerOutcome(True, (Reason(check=check, holds=True, rule="delegation"),))


def bodies_empowered(
    clauses: ClauseSet, act: str, bodies: Iterable[tuple[str, str]]
) -> list[tuple[str, str]]:
    """(body, clause id) for the bodies a grant of ``act`` names, by id, kind or joint.

    ``bodies`` are (id, kind) pairs; the answer keeps book order, then theirs.
    """
    pairs = list(bodies)
    out: dict[tuple[str, str], None] = {}
    for clause, power in clauses.grants.get(act, ()):
        by = power.by
        for ident, kind in pairs:
            if (
                (isinstance(by, str) and by == ident)
                or (isinstance(by, BodyKindActor) and kind in by.kind)
                or (isinstance(by, JointActor) and kind == "joint_meeting")
            ):
                out.setdefault((ident, clause.id), None)
    return list(out)
