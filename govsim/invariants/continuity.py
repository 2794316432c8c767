"""Continuity: decisions carried out, cases and duties kept alive, records kept,
electors and complainants informed, confidences kept.

Catalogue numbers 8, 20-25, 30 and 34.
"""

from __future__ import annotations

from collections.abc import Iterator

from govsim.engine.knowledge import can_read, informed
from govsim.engine.state import CaseState, Orphaning, World
from govsim.invariants.base import Param, Params, invariant
from govsim.invariants.facts import (
    body_kind,
    holders,
    open_cases_of,
    read_requirement,
)
from govsim.invariants.views import Ending, Finding, Step, finding

__all__: list[str] = []


_STATUS_CHANGES = {"find", "sanction", "alter_decision", "decide_appeal", "close_case"}
_NEED_TO_KNOW_KINDS = {"disciplinary", "appeal", "external_panel", "executive"}


def _adverse(world: World, person: str) -> list[CaseState]:
    """Cases with an open complaint against the person, or an adverse finding whose
    sanction never took effect (or was undone outside an appeal).
    """
    out = []
    for case in world.cases.values():
        if person not in case.respondents:
            continue
        found = any(f[0] == person and f[3] == "violation" for f in case.findings)
        carried = any(
            person in d.targets and d.effective
            for d in world.decisions.values()
            if d.case == case.id
        )
        if not carried and (case.open or found):
            out.append(case)
    return out


@invariant(
    "implement_within",
    number=8,
    kind="deadline",
    params=(
        Param(
            "days",
            30,
            "days from a decision to its implementation",
            read_requirement("deadline", ("sanction",), "days"),
        ),
    ),
    guards="a decision reached but never carried out",
)
def implement_within(view: Ending, p: Params) -> Iterator[Finding]:
    """final(d) at t ⇒ ∃ implement(d) at t′ ≤ t + T_impl, or a stay or quashing by the
    appeal body.
    """
    appealed = {
        s.refs.get("decision")
        for s in view.acts("decide_appeal")
        if s.refs.get("decision")
    }
    appealed |= {
        view.world.appeals.get(s.refs.get("appeal", ""), "")
        for s in view.acts("decide_appeal")
    }
    for decision in view.world.decisions.values():
        due = decision.day + p.days
        if due >= view.end or decision.act in appealed:
            continue
        done = decision.effective_at is not None and decision.effective_at <= due
        if not done:
            undone = " (set aside outside an appeal)" if decision.quashed else ""
            yield finding(
                f"decision {decision.act} of {decision.body} was not implemented within "
                f"{p.days} days{undone}",
                decision.act,
                decision.body,
                *decision.targets,
                at=view.date(due + 1),
            )


REASSIGN = Param(
    "reassign_days",
    30,
    "days an open case or duty may go with nobody able to act for it before "
    "it must have been given to someone who can",
    read_requirement(
        "continuity",
        ("assign_investigator", "transfer", "elect", "appoint"),
        "within_days",
    ),
)


def _orphaned(view: Ending, key: str, days: int) -> Iterator[tuple[Orphaning, int]]:
    """Periods nobody could act for ``key`` that outlasted ``days``, with their due day.

    A holder that is gone (dissolved, or none at all) has no period of grace:
    its cases and duties were to be handed over before it went.
    """
    for span in view.world.orphaned.get(key, ()):
        if span.gone:
            yield span, span.since - 1
            continue
        due = span.since + days  # the last day it may be given to someone able
        if (span.until if span.until is not None else view.end) > due:
            yield span, due


def _orphan_message(what: str, span: Orphaning, days: int, view: Ending) -> str:
    since = view.date(span.since).isoformat()
    if span.gone:
        return f"{what} was left with nobody responsible for it on {since} ({span.why})"
    again = (
        f"; someone could act for it again only on {view.date(span.until).isoformat()}"
        if span.until is not None
        else ""
    )
    return (
        f"{what} had nobody able to act for it from {since} ({span.why}) and was not "
        f"given to anyone able within {days} days{again}"
    )


@invariant(
    "case_survival",
    number=20,
    kind="deadline",
    params=(REASSIGN,),
    guards="an investigation 'to be determined' with no owner; dissolution leaving "
    "cases orphaned; a committee emptied by resignations still 'holding' its case",
)
def case_survival(view: Ending, p: Params) -> Iterator[Finding]:
    """∀ open k, ∀ t: ∃ responsible(k, t) ∈ B able to act at t, or k is given to one
    within T_reassign; dissolving a body or the organisation hands its cases to a
    successor first.

    A body able to act has a member who holds a seat, may sit (not suspended or
    barred) and is neither recused nor conflicted in the case; one merely away
    still counts. With no owner, the body the book empowers to find holds it.
    """
    world = view.world
    for case in world.cases.values():
        for span, due in _orphaned(view, f"case:{case.id}", p.reassign_days):
            yield finding(
                _orphan_message(f"case {case.id}", span, p.reassign_days, view),
                case.id,
                span.holder,
                at=view.date(due + 1),
            )


@invariant(
    "obligation_survival",
    number=21,
    kind="deadline",
    params=(REASSIGN,),
    guards="convention mandates left in limbo when their obligee disappears or "
    "can no longer act",
)
def obligation_survival(view: Ending, p: Params) -> Iterator[Finding]:
    """∀ o in effect whose obligee(o) cannot act from t: o is transferred, discharged
    by the mandating body, or recorded as abandoned by t + T_reassign.
    """
    world = view.world
    for ob in world.obligations.values():
        if ob.kind == "review":
            continue
        for span, due in _orphaned(view, f"duty:{ob.id}", p.reassign_days):
            yield finding(
                _orphan_message(
                    f"{ob.kind} {ob.id} ({ob.task})", span, p.reassign_days, view
                ),
                ob.id,
                span.holder,
                at=view.date(due + 1),
            )


@invariant(
    "resignation_not_moot",
    number=22,
    kind="safety",
    acts=("close_case", "admit"),
    guards="leaders escaping findings by resigning",
)
def resignation_not_moot(step: Step, p: Params) -> Iterator[Finding]:
    """resign(m) ∧ m ∈ resp(k), k open ⇒ k stays open (a finding can still be
    recorded) ∧ readmit(m) requires k to be closed.
    """
    if not step.took_effect:
        return
    world = step.world
    if step.record.act == "close_case":
        reason = getattr(step.ctx.act, "reason", "")
        case = step.case
        if case and reason in {"respondent_resigned", "moot"}:
            yield finding(
                f"case {case.id} closed because the respondent left ({reason})",
                step.id,
                case.id,
                *case.respondents,
            )
        return
    for person in step.ctx.targets.persons:
        pending = [c.id for c in open_cases_of(world, person)]
        if pending:
            yield finding(
                f"{person} readmitted while case {', '.join(pending)} is open",
                step.id,
                person,
                *pending,
            )


@invariant(
    "informed_electorate",
    number=23,
    kind="safety",
    acts=("elect", "appoint"),
    guards="electing a respondent to the executive without the electors knowing",
)
def informed_electorate(step: Step, p: Params) -> Iterator[Finding]:
    """candidate(m, b) ∧ (an unimplemented adverse finding ∨ an open case about m) ⇒
    the electing body was informed before the vote (else m is ineligible under R).
    """
    if not step.took_effect:
        return
    world, actor = step.world, step.ctx.actor
    for person in step.ctx.targets.persons:
        for case in _adverse(world, person):
            if not informed(world, step.clauses, case.id, actor, step.day):
                yield finding(
                    f"{actor} seated {person} without being told of case {case.id}",
                    step.id,
                    person,
                    case.id,
                    actor,
                )


@invariant(
    "record_continuity",
    number=24,
    kind="safety",
    acts=("elect", "appoint"),
    guards="a new leadership having to ask who the respondent was",
)
def record_continuity(step: Step, p: Params) -> Iterator[Finding]:
    """∀ final d in case k: record(k) survives changes of membership of the bodies
    that keep it, readable by their new, unconflicted members.
    """
    if not step.took_effect:
        return
    world, body = step.world, getattr(step.ctx.act, "body", None)
    for case_id, record in world.records.items():
        if body not in record.custodians:
            continue
        case = world.cases.get(case_id)
        if case is None or not (
            case.findings or any(d.case == case_id for d in world.decisions.values())
        ):
            continue
        blind = [
            m
            for m in step.ctx.targets.persons
            if m not in case.parties
            and not can_read(world, step.clauses, case_id, m, step.day)
        ]
        if blind:
            yield finding(
                f"the record of case {case_id}, kept by {body}, is not readable by its new "
                f"members {', '.join(blind)}",
                step.id,
                case_id,
                body,
                *blind,
            )


@invariant(
    "minimal_disclosure",
    number=30,
    kind="safety",
    acts=("disclose", "publish_statement"),
    guards="exposure of complainants and cases beyond those who need to know",
)
def minimal_disclosure(step: Step, p: Params) -> Iterator[Finding]:
    """disclose(info(k), audience) ⇒ audience ⊆ need_to_know(k) ∨ consent ∨ an official
    statement by the designated body.
    """
    case, world = step.case, step.world
    if case is None or not step.took_effect or step.record.act == "publish_statement":
        return
    if getattr(step.ctx.act, "consent", False):
        return
    record = world.records.get(case.id)
    roles = set(record.custodians if record else ()) | {case.owner or ""}
    wide: list[str] = []
    for target in getattr(step.ctx.act, "to", ()):
        kind = body_kind(world, target)
        if target in {"public", "members", "outside"}:
            wide.append(target)
        elif kind is not None:
            if target not in roles and kind not in _NEED_TO_KNOW_KINDS:
                wide.append(target)
        elif (
            target not in case.parties
            and not any(target in holders(world, r, step.day) for r in roles if r)
            and not any(
                target in holders(world, b.id, step.day)
                for b in world.bodies.values()
                if b.kind in _NEED_TO_KNOW_KINDS and b.active
            )
        ):
            wide.append(target)
    if wide:
        yield finding(
            f"case {case.id} disclosed beyond those who need to know: {', '.join(wide)}",
            step.id,
            case.id,
            *wide,
        )


@invariant(
    "complainant_informed",
    number=25,
    kind="deadline",
    params=(
        Param("ack_days", 7, "days to acknowledge a complaint"),
        Param(
            "inform_days", 14, "days to tell the complainant of a change in the case"
        ),
    ),
    guards="silent burial of outcomes",
)
def complainant_informed(view: Ending, p: Params) -> Iterator[Finding]:
    """filed(k) at t ⇒ ack(k) ≤ t + 7 days; every status change of k reaches compl(k)
    within T_inf.
    """
    world = view.world
    tellings = [
        s
        for s in [*view.acts("disclose"), *view.acts("publish_statement")]
        if s.case is not None
    ]
    for case in world.cases.values():
        told = [
            s.day
            for s in tellings
            if s.case == case.id
            and (
                s.refs.get("audience") in {"members", "public"}
                or any(c in s.record.targets for c in case.complainants)
                or any(
                    c in holders(world, t, s.day)
                    for t in s.record.targets
                    for c in case.complainants
                )
            )
        ]
        complainants = set(case.complainants)
        moments = [("an acknowledgement of the complaint", case.opened, p.ack_days)]
        moments += [
            (f"the {s.record.act.replace('_', ' ')}", s.day, p.inform_days)
            for s in view.history
            if s.case == case.id
            and s.record.act in _STATUS_CHANGES
            and s.record.verdict != "void"
            # A complainant who took the step (or sat on the body that did)
            # knows of it: there is no one to tell.
            and s.record.actor not in complainants
            and not complainants & set(s.participants)
        ]
        who = ", ".join(case.complainants)
        role = "the complainant" if len(case.complainants) == 1 else "the complainants"
        for what, day, days in moments:
            if day + days >= view.end:
                continue
            if not any(day <= t <= day + days for t in told):
                yield finding(
                    f"{who}, {role} in case {case.id}, had no word of {what} of "
                    f"{view.date(day).isoformat()} by {view.date(day + days).isoformat()} "
                    f"({days} days)",
                    case.id,
                    *case.complainants,
                    at=view.date(day + days + 1),
                )


@invariant(
    "deadline_discipline",
    number=34,
    kind="deadline",
    params=(
        Param(
            "report_days",
            30,
            "days to report a missed mandate, unless the mandate states its own",
        ),
    ),
    guards="mandates silently slipping past their deadlines",
)
def deadline_discipline(view: Ending, p: Params) -> Iterator[Finding]:
    """∀ o at due(o): status(o) ∈ {fulfilled, extended by the mandating body with a
    reason, violated}; violated ⇒ a report to the mandating body within T_rep.
    """
    world = view.world
    for ob in world.obligations.values():
        if ob.kind == "report":
            continue
        for day, event, detail in ob.history:
            if (
                event == "extended"
                and ob.mandator
                and not detail.endswith(f"by {ob.mandator}")
            ):
                yield finding(
                    f"mandate {ob.id} of {ob.mandator} was extended {detail}",
                    ob.id,
                    ob.mandator,
                    at=view.date(day),
                )
        missed = [d for d, e, _ in ob.history if e == "violated"]
        if not missed or ob.mandator is None:
            continue
        due = missed[0] + (p.report_days if ob.report_days is None else ob.report_days)
        if due >= view.end:
            continue
        reported = [
            r
            for r in world.reports.get(ob.id, ())
            if r[2] == ob.mandator and r[0] <= due
        ]
        if not reported:
            yield finding(
                f"{ob.obligee} missed mandate {ob.id} ({ob.task}) and did not report it to "
                f"{ob.mandator} within {p.report_days} days",
                ob.id,
                ob.obligee,
                ob.mandator,
                at=view.date(due + 1),
            )
