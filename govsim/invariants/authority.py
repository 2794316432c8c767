"""Authority: acting within powers, honouring finality and convention decisions,
counting votes properly, and leaving no body answerable only to itself.

Catalogue numbers 7, 15-19, 32, 35 and 36.
"""

from __future__ import annotations

from collections.abc import Iterator

from govsim.engine.attendance import entitled_to_notice
from govsim.engine.powers import actor_matches
from govsim.invariants.base import (
    Param,
    Params,
    invariant,
    share_of_votes,
    share_or_head_count,
)
from govsim.invariants.facts import (
    ADJUDICATING_KINDS,
    body_kind,
    empowered,
    fraction_at_least,
    read_threshold,
)
from govsim.invariants.views import Finding, Step, Structure, finding
from govsim.model.organisation import LEADERSHIP_KINDS
from govsim.model.rulebook import Power

__all__: list[str] = []

_ASSEMBLIES = {"convention", "membership"}


@invariant(
    "competence",
    number=15,
    kind="safety",
    acts=None,
    guards="expulsion by an ad hoc joint meeting; powers exercised because 'that is how it is done'",
)
def competence(step: Step, p: Params) -> Iterator[Finding]:
    """∀ act a that took effect: pow_R(actor(a), kind(a), target(a), t) is written;
    ad hoc bodies act only on a recorded delegation from a body holding the power.
    """
    if not step.took_effect:
        return
    for reason in step.record.reasons:
        if reason.rule == "competence" and not reason.holds:
            yield finding(
                f"{step.ctx.actor} acted on a power only implied by practice (clause {reason.clause})",
                step.id,
                step.ctx.actor,
                reason.clause,
            )


@invariant(
    "no_executive_override",
    number=7,
    kind="safety",
    acts=("alter_decision", "decide_appeal"),
    guards="an executive overturning its disciplinary body's decision",
)
def no_executive_override(step: Step, p: Params) -> Iterator[Finding]:
    """∀ final decision d of an adjudicating body: a later act changing its effect is
    an appeal outcome by the appeal body; the executive's power over d is only implement.
    """
    if not step.took_effect:
        return
    world, act = step.world, step.ctx.act
    # Any decision: a sanction, an interim measure, a finding, a closure.
    decision, body = step.ctx.decision_id(), step.ctx.targets.decision_body
    if decision is None or body is None:
        return
    if body_kind(world, body) not in ADJUDICATING_KINDS:
        return
    outcome = getattr(act, "outcome", None)
    if step.record.act == "alter_decision" and outcome != "confirm":
        yield finding(
            f"{step.ctx.actor} changed ({outcome}) decision {decision} of {body} "
            "outside any appeal",
            step.id,
            step.ctx.actor,
            decision,
            body,
        )
        return
    hearers = {
        link.by
        for _, link in step.clauses.links
        if link.relation == "hears_appeals_from" and link.of == body
    }
    hearers |= {
        b
        for _, req in step.clauses.requirements.get("alter_decision", ())
        if req.rule == "finality"
        for b in req.appeal_bodies
    }
    if step.record.act == "decide_appeal" and step.ctx.actor not in hearers:
        yield finding(
            f"{step.ctx.actor} decided an appeal from {body} without being "
            "its appeal body",
            step.id,
            step.ctx.actor,
            decision,
        )


@invariant(
    "mandate_supremacy",
    number=35,
    kind="safety",
    acts=("extend", "abandon", "transfer", "alter_decision"),
    guards="executives reinterpreting or setting aside convention decisions",
)
def mandate_supremacy(step: Step, p: Params) -> Iterator[Finding]:
    """No body below the convention may repeal, amend or set aside a convention
    decision: extending, abandoning or moving its mandates included.
    """
    if not step.took_effect:
        return
    world, actor = step.world, step.ctx.actor
    if body_kind(world, actor) in _ASSEMBLIES:
        return
    if step.record.act == "alter_decision":
        decision = world.decisions.get(step.ctx.decision_id() or "")
        if decision and body_kind(world, decision.body) in _ASSEMBLIES:
            yield finding(
                f"{actor} altered a decision of {decision.body}",
                step.id,
                actor,
                decision.act,
            )
        return
    ob = world.obligations.get(getattr(step.ctx.act, "mandate", ""))
    if (
        ob
        and ob.mandator
        and body_kind(world, ob.mandator) in _ASSEMBLIES
        and actor != ob.mandator
    ):
        yield finding(
            f"{actor} {step.record.act}ed mandate {ob.id} of {ob.mandator}",
            step.id,
            actor,
            ob.id,
            ob.mandator,
        )


@invariant(
    "quorum_after_recusal",
    number=16,
    kind="safety",
    acts=None,
    params=(
        Param(
            "quorum",
            "majority",
            "share of seats that must sit, unconflicted",
            accepts=share_or_head_count,
        ),
    ),
    guards="deciding with conflicted members 'because otherwise there is no quorum'",
)
def quorum_after_recusal(step: Step, p: Params) -> Iterator[Finding]:
    """valid(d) ⇒ |present(d) ∖ conflicted(d)| ≥ quorum_R(body(d)).

    The book's quorum for the act is used when it states one; mass bodies
    (membership, convention) are left to ``eligible_electorate``.
    """
    meeting, case = step.ctx.meeting, step.case
    if meeting is None or case is None or not step.took_effect:
        return
    if body_kind(step.world, step.ctx.actor) in _ASSEMBLIES:
        return
    quorum: int | str = p.quorum
    sanction = getattr(step.ctx.act, "sanction", None)
    for _, rule in step.clauses.decision_rules.get(step.record.act, ()):
        if (
            rule.quorum is not None
            and (rule.by is None or actor_matches(rule.by, step.ctx))
            and (not rule.sanctions or sanction in rule.sanctions)
        ):
            quorum = rule.quorum
            break
    seats = step.world.bodies[step.ctx.actor].size or len(meeting.seats)
    clean = [m for m in meeting.participants if m not in meeting.conflicted_ids]
    if isinstance(quorum, int):
        ok = len(clean) >= quorum
    else:
        ok = fraction_at_least(len(clean), seats, str(quorum))
    if not ok:
        yield finding(
            f"only {len(clean)} of {seats} seats sat unconflicted (quorum {quorum})",
            step.id,
            step.ctx.actor,
            *meeting.conflicted_ids,
        )


_THRESHOLD_ACTS = {
    "expel": "expel",
    "recall": "recall",
    "dissolve_organisation": "dissolve",
}


@invariant(
    "threshold_by_kind",
    number=17,
    kind="safety",
    acts=("sanction", "recall", "dissolve_organisation"),
    params=(
        Param(
            "expel",
            "2/3",
            "share of unconflicted votes cast to expel",
            read_threshold("sanction", "expel"),
            accepts=share_of_votes,
        ),
        Param(
            "recall",
            "2/3",
            "share of votes cast to recall an officer",
            read_threshold("recall"),
            accepts=share_of_votes,
        ),
        Param(
            "dissolve",
            "2/3",
            "share of votes cast to dissolve the organisation",
            read_threshold("dissolve_organisation"),
            accepts=share_of_votes,
        ),
    ),
    guards="expulsion by bare majority or by acclamation",
)
def threshold_by_kind(step: Step, p: Params) -> Iterator[Finding]:
    """valid(d) ⇒ yes(d) ≥ thr(kind(d)) × votes cast by unconflicted members;
    a decision with no recorded vote meets no threshold above a majority.

    With bare counts, conflicted participants are taken to have voted for.
    """
    if not step.took_effect:
        return
    act = step.ctx.act
    key = (
        "expel"
        if getattr(act, "sanction", None) == "expel"
        else _THRESHOLD_ACTS.get(step.record.act)
    )
    if key is None:
        return
    threshold = str(getattr(p, key))
    meeting = step.ctx.meeting
    turnout = getattr(act, "turnout", None)
    if meeting is None:
        yield finding(
            f"{step.record.act} by {step.ctx.actor} without a vote",
            step.id,
            step.ctx.actor,
        )
        return
    if not meeting.tallied and turnout is None:
        yield finding(
            f"{step.record.act} without a recorded vote (needs {threshold} of votes cast)",
            step.id,
            step.ctx.actor,
        )
        return
    conflicted = set(meeting.conflicted_ids)
    if meeting.yes_voters is not None:
        yes = sum(m not in conflicted for m in meeting.yes_voters)
        no = sum(m not in conflicted for m in meeting.no_voters or ())
    else:
        yes, no = max(0, meeting.yes - len(conflicted)), meeting.no
    if not fraction_at_least(yes, yes + no, threshold):
        yield finding(
            f"{yes} of {yes + no} unconflicted votes cast for {key}; {threshold} needed",
            step.id,
            step.ctx.actor,
        )


@invariant(
    "eligible_electorate",
    number=18,
    kind="safety",
    acts=("vote", "dissolve_organisation", "elect", "recall"),
    guards="ad hoc franchises (resigned members and disaffiliated branches voting)",
)
def eligible_electorate(step: Step, p: Params) -> Iterator[Finding]:
    """voters(d) ⊆ elig_R(kind(d), record_date(d)); non-member voters only under a
    rule adopted before the vote was called (a book clause letting them vote).
    """
    if not step.took_effect:
        return
    act, world = step.ctx.act, step.world
    turnout = getattr(act, "turnout", None)
    authorised = any(
        req.rule == "eligibility" and not req.require_member
        for _, req in step.clauses.requirements.get(step.record.act, ())
    )
    if (
        turnout is not None
        and (turnout.former_members or turnout.non_members)
        and not authorised
    ):
        yield finding(
            f"{turnout.former_members} former members and {turnout.non_members} non-members "
            f"voted among {turnout.total}, under no rule letting them",
            step.id,
            step.ctx.actor,
        )
    meeting, body = step.ctx.meeting, world.bodies.get(step.ctx.actor)
    if meeting is None or body is None or body.outside or authorised:
        return
    voters = [*(meeting.yes_voters or ()), *(meeting.no_voters or ())]
    for person in dict.fromkeys(voters):
        state = world.persons.get(person)
        if person not in meeting.seats or (
            state is not None and state.status not in {"member", "on_leave"}
        ):
            yield finding(
                f"{person} voted in {step.ctx.actor} without being an eligible member",
                step.id,
                person,
                step.ctx.actor,
            )


def _notice_days(step: Step) -> int | None:
    """Days of notice the members had of the vote; ``None``: none recorded.

    The act's ``called_at`` when it states one; else the recorded meeting it
    was taken at, counted for the person told last (a member told nothing
    had none), as the ``meeting_notice`` rule counts it.
    """
    ctx = step.ctx
    called = getattr(ctx.act, "called_at", None)
    if called is not None:
        return step.day - ctx.calendar.day(called)
    record = ctx.meeting
    meeting = step.world.meetings.get(record.meeting or "") if record else None
    if meeting is None:
        return None
    entitled = entitled_to_notice(step.world, meeting)
    if not entitled:
        return meeting.sits - meeting.called
    return min(
        max((meeting.sits - day for day, _ in meeting.notices_of(p)), default=0)
        for p in entitled
    )


@invariant(
    "dissolution_guard",
    number=19,
    kind="safety",
    acts=("dissolve_organisation",),
    params=(
        Param(
            "notice_days",
            14,
            "days of notice of the vote: from its called_at, else the notice of "
            "the meeting it is taken at (the member told last)",
        ),
        Param("turnout", 0.5, "share of members who must vote"),
        Param(
            "threshold",
            "2/3",
            "share of votes cast needed",
            read_threshold("dissolve_organisation"),
            accepts=share_of_votes,
        ),
    ),
    guards="dissolution that leaves investigations and mandates orphaned",
)
def dissolution_guard(step: Step, p: Params) -> Iterator[Finding]:
    """dissolve_org at t ⇒ notice ≥ N_d ∧ turnout ≥ q_d ∧ yes ≥ thr_d ∧ a plan
    (a successor) covering open cases and open obligations.
    """
    if not step.took_effect:
        return
    act, world = step.ctx.act, step.world
    wrong: list[str] = []
    notice = _notice_days(step)
    if notice is None or notice < p.notice_days:
        wrong.append(f"less than {p.notice_days} days' notice")
    turnout = getattr(act, "turnout", None)
    meeting = step.ctx.meeting
    if turnout is not None:
        members = sum(
            s.status in {"member", "on_leave"} for s in world.persons.values()
        )
        size = next(
            (
                b.size
                for b in world.bodies.values()
                if b.kind == "membership" and b.size
            ),
            None,
        )
        electorate = size or members
        if electorate and turnout.members / electorate < float(p.turnout):
            wrong.append(f"turnout {turnout.members} of {electorate} members")
    if meeting is not None:
        yes, cast = meeting.yes, meeting.yes + meeting.no
        if not fraction_at_least(yes, cast, str(p.threshold)):
            wrong.append(f"{yes} of {cast} votes for; {p.threshold} needed")
    open_cases = [c.id for c in world.cases.values() if c.open]
    open_duties = [o.id for o in world.obligations.values() if o.status == "in_effect"]
    if (open_cases or open_duties) and not getattr(act, "successor", None):
        wrong.append(
            "no successor for "
            + ", ".join(
                [
                    *(f"case {c}" for c in open_cases),
                    *(f"mandate {o}" for o in open_duties),
                ][:6]
            )
        )
    if wrong:
        yield finding(
            "dissolution unguarded: " + "; ".join(wrong),
            step.id,
            *open_cases,
            *open_duties,
        )


@invariant(
    "external_check",
    number=32,
    kind="safety",
    acts=("file_complaint",),
    guards="no external checks on cases touching the leadership",
)
def external_check(step: Step, p: Params) -> Iterator[Finding]:
    """Case k with a respondent who holds or held office, or with the executive under
    review ⇒ a review by a body with members from outside the leadership is available.
    """
    case, world = step.case, step.world
    if case is None or not step.took_effect:
        return
    officers = [
        r
        for r in case.respondents
        if any(
            s.person == r
            for b in world.bodies.values()
            if b.kind in LEADERSHIP_KINDS
            for s in b.seats
            if s.start is None or s.start <= step.day
        )
    ]
    executive = [s for s in case.subjects if body_kind(world, s) == "executive"]
    if not officers and not executive:
        return
    outside = [
        (b.id, b.kind)
        for b in world.bodies.values()
        if b.outside or b.kind == "external_panel"
    ]
    reviewers = [
        pair
        for act in ("decide_appeal", "audit", "find", "assign_investigator")
        for pair in empowered(step.clauses, act, outside)
    ]
    if not reviewers:
        yield finding(
            f"case {case.id} concerns {', '.join(officers + executive)} and no body from "
            "outside the leadership can review it",
            step.id,
            case.id,
            *officers,
            *executive,
        )


def _removes_from_office(power: Power) -> bool:
    """Whether a sanction power may remove from office (every sanction, or that one)."""
    sanctions = power.when.sanctions if power.when is not None else ()
    return not sanctions or "remove_from_office" in sanctions


@invariant(
    "accountability_graph",
    number=36,
    kind="structural",
    guards="a leadership answerable only to itself, or to no one between conventions",
)
def accountability_graph(view: Structure, p: Params) -> Iterator[Finding]:
    """∀ b ∈ B: ∃ a path of removal, recall or audit powers from the membership (or
    convention) to b that does not pass through b itself.
    """
    org, clauses = view.organisation, view.clauses
    edges: dict[str, set[str]] = {}
    for _, link in clauses.links:
        if link.relation in {"recalls", "audits"}:
            edges.setdefault(link.by, set()).add(link.of)
    for act in ("recall", "audit", "sanction"):
        for _, power in clauses.grants.get(act, ()):
            if act == "sanction" and not _removes_from_office(power):
                continue
            if isinstance(power.by, str) and power.over is not None:
                for target in power.over.bodies or power.over.seat_on:
                    edges.setdefault(power.by, set()).add(target)
    roots = [bid for bid, b in org.bodies.items() if b.kind in _ASSEMBLIES]
    for bid, body in org.bodies.items():
        if body.kind not in LEADERSHIP_KINDS:
            continue
        seen: set[str] = set()
        frontier = [r for r in roots if r != bid]
        reached = False
        while frontier and not reached:
            node = frontier.pop()
            if node in seen:
                continue
            seen.add(node)
            for nxt in sorted(edges.get(node, ())):
                reached |= nxt == bid
                if nxt != bid:
                    frontier.append(nxt)
        if not reached:
            yield finding(
                f"{bid} can be neither removed, recalled nor audited by the "
                "membership or convention, directly or through another body",
                bid,
            )
