"""Clauses that never decide anything: dead provisions and shadowed grants.

A provision is *dead* when no act can ever use it: a power or disability for
actors that cannot exist (a kind of body the organisation lacks, with no way
to create one), a power over bodies it does not have, or a requirement or
decision rule for acts nobody is empowered to perform. (A power over conduct,
which needs no power, is refused when the book is loaded.) A disability with no matching grant is *not* dead: the
engine cites it when it voids the act, so it is the clause a verdict names
(the book's explicit "may not"). For the same reason a requirement on acts
the book both never grants and explicitly denies is left alone.

A grant is *shadowed* when a disability covers all of it, or when another
grant already gives the same actors the same acts over at least the same
targets and conditions, with the same standing and effect.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from govsim.analysis.lint.registry import Rule, lint_check
from govsim.analysis.lint.report import Finding
from govsim.analysis.lint.view import BookView
from govsim.engine.acts import HANDLERS
from govsim.engine.powers import clause_matches
from govsim.model.rulebook import Power
from govsim.model.selectors import ActorSelector, BodyKindActor, describe_actor

__all__ = ["DEAD_CLAUSE", "SHADOWED_CLAUSE", "covers"]

DEAD_CLAUSE = Rule(
    "dead-clause",
    "a provision no act can ever use",
    "A provision that can never apply reads as a rule but changes nothing: "
    "the reader believes a power is given, or an act regulated, when it is "
    "not. It is usually a typo, a body renamed or dropped, or a grant that "
    "was never written.",
    ("competence",),
)
SHADOWED_CLAUSE = Rule(
    "shadowed-clause",
    "a grant that a disability cancels, or that another grant already gives",
    "A shadowed grant suggests a power the book does not in fact add (another "
    "clause already gives it) or does not in fact give (a disability takes it "
    "away). When the other clause is amended, the shadowed one silently comes "
    "back to life, or does not.",
    ("competence",),
)

_EITHER = (("decisions_of", "decisions_of_kind"), ("bodies", "body_kinds"))
"""Fields of a target selector that are alternatives: either may match."""
_REQUIREMENT_INVARIANTS = {
    "notice": "notice_before_sanction",
    "hearing": "right_to_be_heard",
    "recusal": "nemo_iudex",
    "finding": "individualized_findings",
    "individual": "individualized_findings",
    "interim_bounds": "interim_legitimacy",
    "independent_investigator": "independent_appointment",
    "separation": "investigate_adjudicate_split",
    "finality": "no_executive_override",
    "appeal_window": "distinct_appeal",
    "deadline": "deadline_discipline",
    "eligibility": "informed_electorate",
    "audience": "minimal_disclosure",
    "records": "record_continuity",
    "continuity": "case_survival",
}


def _narrower(narrow: Any, wide: Any, name: str) -> bool:
    if wide in (None, ()):
        return True
    if narrow in (None, ()):
        return False
    if name == "clauses":  # patterns: "7.*" covers 7.2 and 7.2.*
        return all(any(clause_matches(w, n) for w in wide) for n in narrow)
    if isinstance(wide, tuple):
        return set(narrow) <= set(wide)
    if name == "max_days":
        return bool(narrow <= wide)
    if name == "persons":
        return bool(wide in (narrow, "anyone"))
    return bool(narrow == wide)


def covers(wide: BaseModel | None, narrow: BaseModel | None) -> bool:
    """Whether ``wide`` admits every act ``narrow`` admits.

    Both are target selectors or both conditions. Conservative: ``False``
    when unsure.
    """
    if wide is None:
        return True
    names = list(type(wide).model_fields)
    if narrow is None:
        return all(getattr(wide, n) in (None, ()) for n in names)
    grouped = {n for pair in _EITHER for n in pair}
    for pair in _EITHER:
        if pair[0] not in names:
            continue
        wide_set = any(getattr(wide, n) for n in pair)
        if not wide_set:
            continue
        if not any(getattr(narrow, n) for n in pair):
            return False
        for n in pair:
            if getattr(narrow, n) and not set(getattr(narrow, n)) <= set(
                getattr(wide, n)
            ):
                return False
    return all(
        _narrower(getattr(narrow, n), getattr(wide, n), n)
        for n in names
        if n not in grouped
    )


def _creatable(view: BookView) -> bool:
    return bool(view.grants("create_body"))


def _never_acts(view: BookView, selector: ActorSelector) -> bool:
    """Whether no actor the selector describes can ever exist."""
    if view.probe.matching(selector):
        return False
    return not (isinstance(selector, BodyKindActor) and _creatable(view))


def _missing_targets(view: BookView, power: Power) -> list[str]:
    """Bodies a power's targets name that the organisation does not have.

    Only when they are all a field names, so that the power reaches nothing.
    """
    over = power.over
    if over is None or _creatable(view):
        return []
    known = view.organisation.bodies
    missing: list[str] = []
    for field in ("seat_on", "decisions_of", "bodies"):
        named = getattr(over, field)
        if named and all(b not in known for b in named):
            missing.extend(named)
    return missing


def _dead_powers(view: BookView) -> Iterator[Finding]:
    for group in ("powers", "disabilities"):
        for clause in view.clauses.clauses:
            for power in getattr(clause, group):
                noun = "grant" if group == "powers" else "disability"
                who = describe_actor(power.by)
                why = None
                if _never_acts(view, power.by):
                    why = f"no {who.removeprefix('any ')} exists in the organisation"
                elif missing := _missing_targets(view, power):
                    why = f"the organisation has no {', '.join(missing)}"
                if why is None:
                    continue
                yield view.finding(
                    DEAD_CLAUSE,
                    f"{clause.id}: the {noun} of {', '.join(power.acts)} to {who} "
                    f"never applies: {why}",
                    clauses=[clause.id],
                    subjects=[clause.id, *power.acts],
                    hint="name a body the organisation has, or drop the provision",
                )


def _performable(view: BookView, act: str, by: ActorSelector | None) -> bool:
    """Whether someone (``by``, when given) may ever be empowered for ``act``."""
    if not HANDLERS[act].needs_power:
        return True
    grants = view.grants(act)
    if any(p.delegable for _, p in grants) and _creatable(view):
        return True
    if by is None:
        return bool(grants)
    if isinstance(by, BodyKindActor) and any(
        isinstance(p.by, BodyKindActor) and set(p.by.kind) & set(by.kind)
        for _, p in grants
    ):
        # The rule and a grant name the same kind of body: bodies of it may be
        # set up for a case (an appeal committee), whatever sits today.
        return True
    wanted = view.probe.matching(by)
    return any(wanted & view.probe.matching(p.by) for _, p in grants)


def _dead_rules(view: BookView) -> Iterator[Finding]:
    denied = set(view.clauses.denials)
    for clause in view.clauses.clauses:
        items: list[tuple[str, Any]] = [("requirement", r) for r in clause.requires]
        items += [("decision rule", r) for r in clause.decides]
        for noun, item in items:
            if any(_performable(view, a, item.by) for a in item.acts):
                continue
            if set(item.acts) <= denied:
                continue  # regulates acts the book denies outright: a second guard
            name = f"{item.rule} {noun}" if noun == "requirement" else noun
            only = f" by {describe_actor(item.by)}" if item.by is not None else ""
            invariant = _REQUIREMENT_INVARIANTS.get(getattr(item, "rule", ""))
            yield view.finding(
                DEAD_CLAUSE,
                f"{clause.id}: the {name} on {', '.join(item.acts)}{only} never "
                f"applies: no clause empowers {describe_actor(item.by) if item.by else 'anyone'} "
                "to perform these acts",
                clauses=[clause.id],
                subjects=[clause.id, *item.acts],
                invariants=["competence", *([invariant] if invariant else [])],
                hint="grant the acts it regulates, or correct its acts and by",
            )


def _denied_by(view: BookView, power: Power, act: str) -> list[str]:
    actors = view.probe.matching(power.by)
    return [
        clause.id
        for clause, denial in view.clauses.denials.get(act, ())
        if actors <= view.probe.matching(denial.by)
        and covers(denial.over, power.over)
        and covers(denial.when, power.when)
    ]


def _same_effect(one: Power, other: Power) -> bool:
    return (
        one.standing == other.standing
        and one.takes_effect == other.takes_effect
        and (other.delegable or not one.delegable)
    )


def _given_by(
    view: BookView, power: Power, act: str, index: dict[int, int]
) -> list[str]:
    """Other grants that give everything ``power`` gives for ``act``."""
    actors = view.probe.matching(power.by)
    found: list[str] = []
    for other_clause, other in view.grants(act):
        if other is power:
            continue
        if not (
            actors <= view.probe.matching(other.by)
            and covers(other.over, power.over)
            and covers(other.when, power.when)
            and _same_effect(power, other)
        ):
            continue
        mutual = (
            view.probe.matching(other.by) <= actors
            and covers(power.over, other.over)
            and covers(power.when, other.when)
            and _same_effect(other, power)
        )
        if mutual and index.get(id(other), -1) > index[id(power)]:
            continue  # of two identical grants, only the later one is reported
        found.append(other_clause.id)
    return found


def _shadowed(view: BookView) -> Iterator[Finding]:
    written = list(view.written_grants())
    index = {id(p): i for i, (_, p) in enumerate(written)}
    for clause, power in written:
        if not view.probe.matching(power.by):
            continue
        grant = f"{clause.id}: the grant of {', '.join(power.acts)} to {describe_actor(power.by)}"
        denials = [_denied_by(view, power, a) for a in power.acts]
        givers = [_given_by(view, power, a, index) for a in power.acts]
        if all(denials):
            by = ", ".join(view.in_order(c for cs in denials for c in cs))
            message = f"{grant} is cancelled by the disability in {by}"
            hint = f"drop the grant, or narrow the disability in {by}"
        elif all(givers):
            by = ", ".join(view.in_order(c for cs in givers for c in cs))
            message = f"{grant} adds nothing: {by} already gives it"
            hint = f"drop the grant from {clause.id}, or cite {by} in its text"
        else:
            continue
        yield view.finding(
            SHADOWED_CLAUSE,
            message,
            clauses=[clause.id, *by.split(", ")],
            subjects=[clause.id, *power.acts],
            hint=hint,
        )


@lint_check("clauses", DEAD_CLAUSE, SHADOWED_CLAUSE)
def dead_and_shadowed(view: BookView) -> Iterator[Finding]:
    """Provisions that never apply, and grants that add nothing."""
    yield from _dead_powers(view)
    yield from _dead_rules(view)
    yield from _shadowed(view)
