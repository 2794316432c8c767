"""Due process: notice, hearing, individual findings, appeals, protected activity.

Catalogue numbers 9-11, 28, 29 and 33.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from govsim.invariants.base import Param, Params, invariant
from govsim.invariants.facts import (
    ADJUDICATING_KINDS,
    body_kind,
    empowered,
    org_bodies,
    read_requirement,
)
from govsim.invariants.views import Finding, Step, Structure, finding
from govsim.model.rulebook import Clause, Power
from govsim.model.selectors import BodyKindActor

__all__: list[str] = []

_PROTECTED_BASES = {"speech", "caucusing", "dissent"}


@invariant(
    "notice_before_sanction",
    number=9,
    kind="safety",
    acts=("sanction",),
    params=(
        Param(
            "days",
            15,
            "days of notice of specific charges before a sanction",
            read_requirement("notice", ("sanction",), "days"),
        ),
    ),
    guards="ambush discipline; vague charges",
)
def notice_before_sanction(step: Step, p: Params) -> Iterator[Finding]:
    """sanction(m, k) at t ⇒ ∃ notice(k, m) with specific charges at t_n ≤ t − N_notice."""
    if not step.took_effect:
        return
    case = step.case
    for target in step.ctx.targets.persons:
        served = [
            n
            for n in (case.notices if case else [])
            if n[0] == target and not n[2] and n[3] > 0 and n[1] <= step.day - p.days
        ]
        if not served:
            yield finding(
                f"{target} was sanctioned without notice of specific charges "
                f"{p.days} days before",
                step.id,
                target,
                case.id if case else None,
            )


@invariant(
    "right_to_be_heard",
    number=10,
    kind="safety",
    acts=("sanction",),
    params=(
        Param(
            "min_days",
            0,
            "days between the hearing and the decision",
            read_requirement("hearing", ("sanction",), "min_days_before"),
        ),
    ),
    guards="condemnation unheard",
)
def right_to_be_heard(step: Step, p: Params) -> Iterator[Finding]:
    """sanction(m, k) at t ⇒ heard(k, m) at t_h with t_notice ≤ t_h ≤ t − min_days."""
    if not step.took_effect:
        return
    case = step.case
    for target in step.ctx.targets.persons:
        notices = [n[1] for n in (case.notices if case else []) if n[0] == target]
        first = min(notices) if notices else None
        heard = [
            h
            for h in (case.hearings if case else [])
            if h[0] == target
            and (first is None or h[1] >= first)
            and h[1] <= step.day - p.min_days
        ]
        if not heard:
            yield finding(
                f"{target} was sanctioned without being heard",
                step.id,
                target,
                case.id if case else None,
            )


@invariant(
    "individualized_findings",
    number=11,
    kind="safety",
    acts=("sanction", "interim_suspend"),
    guards="blanket discipline of a former body; scapegoating",
)
def individualized_findings(step: Step, p: Params) -> Iterator[Finding]:
    """∀ sanction s: target(s) is named ∧ ∃ finding(k, target(s)); a class is
    allowed only for interim measures of scope ≤ office (a bar from one office, never a class suspension).
    """
    if not step.took_effect:
        return
    act, targets = step.ctx.act, step.ctx.targets
    if step.record.act == "interim_suspend":
        scope = getattr(act, "scope", "unspecified")
        if targets.class_based and scope not in {"meeting", "office"}:
            yield finding(
                f"a class of {len(targets.persons)} persons suspended from {scope} "
                "by selection, not one by one",
                step.id,
                *targets.persons,
            )
        return
    if targets.class_based:
        yield finding(
            f"a sanction on a class of {len(targets.persons)} persons",
            step.id,
            *targets.persons,
        )
    case = step.case
    for target in targets.persons:
        found = [
            f
            for f in (case.findings if case else [])
            if f[0] == target and f[3] == "violation"
        ]
        if not found:
            yield finding(
                f"{target} was sanctioned without a finding against them",
                step.id,
                target,
                case.id if case else None,
            )


@invariant(
    "non_retaliation",
    number=28,
    kind="safety",
    acts=("file_complaint", "sanction", "interim_suspend", "serve_notice"),
    params=(
        Param("window_days", 365, "days after protected activity that are watched"),
    ),
    guards="expulsions for discussing a case; dissenters branded 'anti-leadership'",
)
def non_retaliation(step: Step, p: Params) -> Iterator[Finding]:
    """∀ complainant, discloser, dissenter or caucus member p, adverse act a on p
    within W days of their activity: a rests on a finding by an adjudicating body;
    charges based on protected speech or caucusing are void.
    """
    if not step.took_effect:
        return
    case, world = step.case, step.world
    if step.record.act == "file_complaint" and case and case.basis in _PROTECTED_BASES:
        yield finding(
            f"charges against {', '.join(case.respondents)} rest on protected {case.basis}",
            step.id,
            *case.respondents,
            case.id,
        )
        return
    if case is not None and case.basis in _PROTECTED_BASES:
        yield finding(
            f"{step.record.act} in case {case.id}, whose charges rest on protected {case.basis}",
            step.id,
            *step.ctx.targets.persons,
            case.id,
        )
        return
    if step.record.act not in {"sanction", "interim_suspend"}:
        return
    for target in step.ctx.targets.persons:
        recent = [
            what
            for day, what in world.activity.get(target, ())
            if 0 <= step.day - day <= p.window_days
        ]
        independent = case is not None and any(
            f[0] == target
            and f[3] == "violation"
            and body_kind(world, f[2]) in ADJUDICATING_KINDS
            for f in case.findings
        )
        if recent and not independent:
            yield finding(
                f"{target} {recent[-1]} and then faced {step.record.act} "
                "without a finding by an adjudicating body",
                step.id,
                target,
                step.ctx.actor,
            )


@invariant(
    "right_to_caucus",
    number=29,
    kind="safety",
    acts=("form_caucus", "dissolve_body", "file_complaint", "sanction"),
    guards="suppressed self-organisation of oppressed members",
)
def right_to_caucus(step: Step, p: Params) -> Iterator[Finding]:
    """Members may form a caucus c; no body dissolves c or sanctions members for
    membership in c except through a rule-based, independent process.
    """
    kind, world, act = step.record.act, step.world, step.ctx.act
    refused = not step.took_effect and not any(
        r.rule in {"fact", "dependency"} for r in step.record.failing
    )
    state = world.persons.get(step.ctx.actor)
    member = state is not None and state.status in {"member", "on_leave"}
    if kind == "form_caucus" and refused and member:
        yield finding(
            f"the rule book stopped members forming caucus {getattr(act, 'caucus', '?')}",
            step.id,
            step.ctx.actor,
        )
        return
    if not step.took_effect:
        return
    body = getattr(act, "body", None)
    if (
        kind == "dissolve_body"
        and body_kind(world, body or "") == "caucus"
        and step.ctx.actor != body
    ):
        yield finding(
            f"{step.ctx.actor} dissolved caucus {body}",
            step.id,
            body,
            step.ctx.actor,
        )
    case = step.case
    if kind in {"file_complaint", "sanction"} and case and case.basis == "caucusing":
        yield finding(
            f"{kind.replace('_', ' ')} against {', '.join(case.respondents)} for caucusing",
            step.id,
            *case.respondents,
        )


def _appeal_powers(
    grants: Iterable[tuple[Clause, Power]], body: str, kind: str
) -> list[tuple[str, str]]:
    """(hearer, clause) for powers to decide appeals from ``body``'s decisions.

    A power with no ``over`` reaches appeals from any body; one over
    ``decisions_of`` or ``decisions_of_kind`` reaches those it names. A
    hearer named by kind (an appeal body created for a case) is named as
    such: it is in no seat yet, so it shares none.
    """
    found = []
    for clause, power in grants:
        over = power.over
        named = over is not None and (over.decisions_of or over.decisions_of_kind)
        if (
            named
            and over is not None
            and body not in over.decisions_of
            and kind not in over.decisions_of_kind
        ):
            continue
        by = power.by
        if isinstance(by, str):
            found.append((by, clause.id))
        elif isinstance(by, BodyKindActor):
            found.append((f"any {'/'.join(by.kind)} body", clause.id))
    return found


@invariant(
    "distinct_appeal",
    number=33,
    kind="structural",
    params=(
        Param("min_window", 7, "fewest days a sanctioned member must have to appeal"),
    ),
    guards="appeals heard by the same people, or by the executive",
)
def distinct_appeal(view: Structure, p: Params) -> Iterator[Finding]:
    """∀ body s that may sanction: ∃ appeal body a with seat(a) ∩ seat(s) = ∅,
    a not subordinate to s, and a filing window ≥ 7 days.
    """
    org, clauses = view.organisation, view.clauses
    sanctioners = empowered(clauses, "sanction", org_bodies(org))
    appeal_links = [
        (link.by, link.of, clause.id)
        for clause, link in clauses.links
        if link.relation == "hears_appeals_from"
    ]
    finality = [
        (b, clause.id, req.decisions_of_kind)
        for clause, req in clauses.requirements.get("alter_decision", ())
        if req.rule == "finality"
        for b in req.appeal_bodies
    ]
    for body, clause in dict.fromkeys(sanctioners):
        kind = org.bodies[body].kind
        hearers = [(by, c) for by, of, c in appeal_links if of == body]
        hearers += [(b, c) for b, c, kinds in finality if b != body and kind in kinds]
        hearers += _appeal_powers(clauses.grants.get("decide_appeal", ()), body, kind)
        # A link grants the power it names: the same route, counted once.
        hearers = list(dict.fromkeys(hearers))
        if not hearers:
            yield finding(
                f"{body} may sanction (clause {clause}) and no body hears appeals from it",
                body,
                clause,
            )
            continue
        seats = {s.person for s in org.bodies[body].seats}
        for hearer, hclause in hearers:
            if hearer not in org.bodies:
                continue
            shared = sorted(seats & {s.person for s in org.bodies[hearer].seats})
            if hearer == body or shared or org.bodies[hearer].parent == body:
                yield finding(
                    f"appeals from {body} go to {hearer}, which is not distinct from it"
                    + (f" (shared members: {', '.join(shared)})" if shared else ""),
                    body,
                    hearer,
                    hclause,
                )
    window = read_requirement("appeal_window", ("appeal",), "days")(clauses)
    if window is not None and int(window) < p.min_window:
        yield finding(
            f"the appeal window is {window} days; at least {p.min_window} are needed",
            "appeal",
        )
