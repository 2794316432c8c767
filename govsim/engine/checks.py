"""Checkers for procedural requirements, one registered function per ``rule``.

A checker receives the act under judgement and the requirement, and returns
``(holds, what was checked)`` pairs. Adding a requirement rule means adding its
model (``govsim.model.requirements.requirement_rule``) and one ``@checker``
function: here for govsim's own, in a plugin module for others
(docs/extending.md).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from govsim.engine.conflicts import conflicts_of
from govsim.engine.context import ActContext
from govsim.engine.grounds import unsupported_ground
from govsim.engine.powers import actor_matches
from govsim.errors import PluginError
from govsim.registry import Registry

__all__ = [
    "CHECKERS",
    "Check",
    "Severed",
    "applies",
    "cap_days",
    "checker",
    "checker_of",
]

Check = tuple[bool, str]
Checker = Callable[[ActContext, Any], list[Check]]


class Severed(NamedTuple):
    """A check whose breach is cut off rather than voiding the act.

    Too long an interim measure, or one with no end, takes effect up to the
    book's cap and lapses there: only the excess is without effect, so the
    breach makes the act irregular even under a regimented clause.
    """

    holds: bool
    check: str


CHECKERS: Registry[Checker] = Registry(
    "requirement checker",
    "govsim.requirements",
    builtins=("govsim.engine.notice", "govsim.engine.amending"),
)
"""Every requirement rule to its checker: govsim's (this module,
``govsim.engine.notice`` and ``govsim.engine.amending``), then plugins' (entry-point group
``govsim.requirements``, the group of their models too)."""
_AUDIENCE_RANK = {"body": 0, "members": 1, "public": 2}


def checker(rule: str) -> Callable[[Checker], Checker]:
    """Register the checker of one requirement rule.

    Raises:
        PluginError: the rule has a checker already.
    """

    def register(func: Checker) -> Checker:
        return CHECKERS.add(rule, func)

    return register


def checker_of(rule: str) -> Checker:
    """The checker of ``rule``.

    Raises:
        PluginError: a plugin registered the rule's model but no checker.
    """
    found = CHECKERS.get(rule)
    if found is None:
        raise PluginError(
            f"the requirement rule '{rule}' has a model but no checker: its "
            "plugin must register one with @govsim.engine.checks.checker"
            f"('{rule}') in the module its entry point names"
        )
    return found


def applies(req: Any, ctx: ActContext) -> bool:
    """Whether a requirement governs this act (its actor and sanction filters)."""
    if req.by is not None and not actor_matches(req.by, ctx):
        return False
    sanction = ctx.act_field("sanction")
    return not (req.sanctions and sanction not in req.sanctions)


def cap_days(ctx: ActContext) -> int | None:
    """The shortest ``max_days`` the interim rules governing this act allow, if any."""
    caps = [
        req.max_days
        for _, req in ctx.clauses.requirements.get(ctx.kind, ())
        if req.rule == "interim_bounds"
        and req.max_days is not None
        and applies(req, ctx)
    ]
    return min(caps) if caps else None


def _date(ctx: ActContext, day: int) -> str:
    return ctx.calendar.date(day).isoformat()


@checker("notice")
def _notice(ctx: ActContext, req: Any) -> list[Check]:
    case = ctx.case
    out: list[Check] = []
    for target in ctx.targets.persons:
        if case is None:
            out.append(
                (False, f"no case is open against {target}, so no charges were served")
            )
            continue
        served = [n for n in case.notices if n[0] == target and n[1] <= ctx.day]
        if not served:
            out.append((False, f"no notice of charges was served on {target}"))
            continue
        _, day, vague, count = served[-1]
        gap = ctx.day - day
        if req.specific_charges and (vague or count == 0):
            out.append(
                (
                    False,
                    f"the charges served on {target} on {_date(ctx, day)} are not specific",
                )
            )
        elif gap < req.days:
            out.append(
                (
                    False,
                    f"notice to {target} came {gap} days before; {req.days} are required",
                )
            )
        else:
            out.append(
                (True, f"{target} had notice of specific charges {gap} days before")
            )
    return out


@checker("hearing")
def _hearing(ctx: ActContext, req: Any) -> list[Check]:
    """Each person the act is done to was heard by the deciding body before it.

    Any act a body takes that affects persons: a sanction, or an assembly
    ratifying a report on them. A hearing in another case does not count.
    """
    case = ctx.case
    latest = ctx.day - req.min_days_before
    meeting = ctx.meeting.meeting if ctx.meeting is not None else None
    at = f" at meeting {meeting}" if req.same_meeting else ""
    out: list[Check] = []
    for target in ctx.targets.persons:
        heard = [
            h
            for h in ctx.world.hearings
            if h[0] == target
            and h[2] == ctx.actor
            and h[1] <= latest
            and (case is None or h[3] in {None, case.id})
            and (not req.same_meeting or (meeting is not None and h[4] == meeting))
        ]
        if heard:
            out.append(
                (True, f"{ctx.actor} heard {target}{at} on {_date(ctx, heard[-1][1])}")
            )
        elif req.same_meeting and meeting is None:
            out.append(
                (
                    False,
                    f"{target} must be heard at the meeting that decides, and no "
                    "meeting of this act is recorded",
                )
            )
        else:
            out.append(
                (False, f"{ctx.actor} did not hear {target}{at} before deciding")
            )
    return out


@checker("recusal")
def _recusal(ctx: ActContext, req: Any) -> list[Check]:
    if ctx.case is None:
        return []
    meeting = ctx.meeting
    if meeting is not None:
        pairs = (
            meeting.conflicted if req.leave_room else meeting.conflicted_participants
        )
        voted = set(meeting.participants)
    else:
        why = conflicts_of(
            ctx.actor,
            ctx.case,
            ctx.world,
            ctx.day,
            rules=ctx.clauses.conflict_rules,
        )
        pairs = ((ctx.actor, tuple(why)),) if why else ()
        voted = {ctx.actor}
    out: list[Check] = []
    for person, reasons in pairs:
        relevant = [r for r in reasons if r.split(":", 1)[0] in req.conflicts]
        if relevant:
            how = "took part" if person in voted else "stayed in the meeting"
            out.append(
                (False, f"{person} {how} despite a conflict ({'; '.join(relevant)})")
            )
    return out or [(True, "no one with a conflict in the case took part")]


@checker("voting_rights")
def _voting_rights(ctx: ActContext, req: Any) -> list[Check]:
    meeting = ctx.meeting
    if meeting is None:
        return []
    taking = set(meeting.participants)
    out = [
        (False, f"{person} took part but {why}")
        for person, why in meeting.excluded
        if person in taking
    ]
    return out or [(True, "only members entitled to vote took part")]


@checker("finding")
def _finding(ctx: ActContext, req: Any) -> list[Check]:
    case = ctx.case
    out: list[Check] = []
    for target in ctx.targets.persons:
        found = [
            f
            for f in (case.findings if case else [])
            if f[0] == target
            and f[3] == "violation"
            and f[1] <= ctx.day
            and (not req.by_kind or ctx.world.bodies[f[2]].kind in req.by_kind)
        ]
        if found:
            out.append((True, f"{found[-1][2]} found a violation by {target}"))
        else:
            out.append((False, f"no finding against {target} precedes the act"))
    return out


@checker("individual")
def _individual(ctx: ActContext, req: Any) -> list[Check]:
    if ctx.targets.class_based:
        return [
            (
                False,
                f"targets were selected as a class ({len(ctx.targets.persons)} persons), not individually",
            )
        ]
    return [(True, "every target is named individually")]


@checker("interim_bounds")
def _interim(ctx: ActContext, req: Any) -> list[Check]:
    act, out = ctx.act, []
    if ctx.kind == "review_interim":
        if req.review_by and ctx.actor not in req.review_by:
            out.append(
                (
                    False,
                    f"reviews belong to {', '.join(req.review_by)}, not {ctx.actor}",
                )
            )
        return out
    basis = getattr(act, "basis", None)
    scope = getattr(act, "scope", None)
    if basis is not None and req.bases:
        lack = unsupported_ground(ctx, basis) if basis in req.bases else None
        if lack is not None:
            out.append(
                (
                    False,
                    f"stated ground '{basis}' is not supported by the record: {lack}",
                )
            )
        else:
            supported = ""
            if basis in req.bases and basis != "unspecified":
                supported = (
                    "; a matter of judgement, taken as stated"
                    if basis == "danger"
                    else "; the record supports it"
                )
            out.append(
                (
                    basis in req.bases,
                    f"stated ground '{basis}' (allowed: {', '.join(req.bases)}){supported}",
                )
            )
    if scope is not None and req.scopes:
        out.append(
            (scope in req.scopes, f"scope '{scope}' (allowed: {', '.join(req.scopes)})")
        )
    if req.max_days is not None and ctx.kind != "review_interim":
        end = getattr(act, "expires_at", None)
        cap = _date(ctx, ctx.day + req.max_days)
        if end is None:
            out.append(
                Severed(
                    False,
                    f"no end date; measures may last at most {req.max_days} days: "
                    f"it holds until {cap} and lapses then",
                )
            )
        else:
            days = (end - act.at).days
            over = (
                f": it holds until {cap} and lapses then" if days > req.max_days else ""
            )
            out.append(
                Severed(
                    days <= req.max_days,
                    f"lasts {days} days (at most {req.max_days}){over}",
                )
            )
    if req.review_within_days is not None and ctx.kind == "interim_suspend":
        review = getattr(act, "review_at", None)
        if review is None:
            out.append(
                (
                    False,
                    f"no review date; review is due within {req.review_within_days} days",
                )
            )
        else:
            days = (review - act.at).days
            out.append(
                (
                    days <= req.review_within_days,
                    f"review after {days} days (within {req.review_within_days})",
                )
            )
    if ctx.kind == "renew_interim" and req.renewal_requires_charges:
        case = ctx.case
        measure = ctx.world.measures.get(getattr(act, "measure", ""))
        targets = measure.targets if measure else ()
        charged = [t for t in targets if case and any(n[0] == t for n in case.notices)]
        out.append(
            (
                len(charged) == len(targets) and bool(targets),
                "renewal requires charges served on every target",
            )
        )
    return out


@checker("independent_investigator")
def _independent(ctx: ActContext, req: Any) -> list[Check]:
    case = ctx.case
    investigator = ctx.act_field("investigator")
    if case is None or investigator is None:
        return []
    if investigator in case.subjects:
        return [(False, f"{investigator} is itself under review in case {case.id}")]
    out: list[Check] = []
    for person in ctx.body_persons(investigator):
        why = conflicts_of(
            person, case, ctx.world, ctx.day, rules=ctx.clauses.conflict_rules
        )
        if why:
            out.append(
                (False, f"investigator {person} is conflicted ({'; '.join(why)})")
            )
    return out or [
        (
            True,
            f"{investigator} is independent of the parties and of the bodies under review",
        )
    ]


@checker("separation")
def _separation(ctx: ActContext, req: Any) -> list[Check]:
    case = ctx.case
    if case is None:
        return []
    both = sorted(set(ctx.participants()) & set(case.investigators))
    if both:
        decide = "decides" if len(both) == 1 else "decide"
        return [(False, f"{', '.join(both)} investigated the case and now {decide} it")]
    return [(True, "no investigator of the case takes part in deciding it")]


@checker("finality")
def _finality(ctx: ActContext, req: Any) -> list[Check]:
    source = ctx.targets.decision_body
    body = ctx.world.bodies.get(source or "")
    if body is None or body.kind not in req.decisions_of_kind:
        return []
    if ctx.actor in req.appeal_bodies:
        return [(True, f"{ctx.actor} is the appeal body for {source}'s decisions")]
    route = (
        f" only on appeal to {', '.join(req.appeal_bodies)}"
        if req.appeal_bodies
        else " by no one"
    )
    return [
        (
            False,
            f"decisions of {source} are final and may be changed{route}, not by {ctx.actor}",
        )
    ]


@checker("appeal_window")
def _appeal_window(ctx: ActContext, req: Any) -> list[Check]:
    decision = ctx.world.decisions.get(getattr(ctx.act, "decision", ""))
    if decision is None:
        return []
    decided = ctx.world.appeal_decided.get(decision.act)
    since = "the last appeal on it was decided" if decided else "the decision"
    days = ctx.day - (decided if decided is not None else decision.day)
    return [
        (
            days <= req.days,
            f"appeal lodged {days} days after {since} (window {req.days})",
        )
    ]


@checker("deadline")
def _deadline(ctx: ActContext, req: Any) -> list[Check]:
    return []  # a deadline is judged when it falls due, by the replay's watchers


@checker("eligibility")
def _eligibility(ctx: ActContext, req: Any) -> list[Check]:
    out: list[Check] = []
    readmission = ctx.kind == "admit"
    candidates = ctx.act_field("persons") or (
        (ctx.act_field("target"),) if readmission else ()
    )
    for pid in candidates:
        person = ctx.world.persons.get(pid)
        status = person.status if person else "unknown"
        # A readmission is of someone who is not a member; only vetting applies.
        if (
            req.require_member
            and not readmission
            and status not in {"member", "on_leave"}
        ):
            out.append((False, f"{pid} is {status}, not a member in good standing"))
            continue
        pending = [
            d.act
            for d in ctx.world.decisions.values()
            if pid in d.targets
            and not d.quashed
            and not d.implemented
            and d.sanction != "warning"
        ] + [c.id for c in ctx.world.cases.values() if c.open and pid in c.respondents]
        if req.no_open_findings and pending:
            out.append(
                (
                    False,
                    f"{pid} has an open case or unimplemented decision ({', '.join(pending)})",
                )
            )
        else:
            out.append((True, f"{pid} is eligible"))
    return out


@checker("audience")
def _audience(ctx: ActContext, req: Any) -> list[Check]:
    audience = ctx.act_field("audience")
    if audience is None:
        recipients = getattr(ctx.act, "to", ())
        audience = (
            "public"
            if {"public", "outside"} & set(recipients)
            else ("members" if "members" in recipients else "body")
        )
    ok = _AUDIENCE_RANK[audience] <= _AUDIENCE_RANK[req.widest]
    return [
        (ok, f"addressed to {audience}; the widest permitted audience is {req.widest}")
    ]


@checker("supporters")
def _supporters(ctx: ActContext, req: Any) -> list[Check]:
    count = getattr(ctx.act, "supporters", 0)
    return [(count >= req.minimum, f"{count} supporters ({req.minimum} required)")]


@checker("forbidden")
def _forbidden(ctx: ActContext, req: Any) -> list[Check]:
    return [
        (False, f"the rule book forbids {ctx.kind.replace('_', ' ')} by {ctx.actor}")
    ]


@checker("records")
def _records(ctx: ActContext, req: Any) -> list[Check]:
    # Record keeping constrains who may read later, not whether this act stands;
    # the engine applies it in govsim.engine.knowledge.
    return []


@checker("continuity")
def _continuity(ctx: ActContext, req: Any) -> list[Check]:
    # The period for giving an orphaned case or duty back is judged over the
    # history (case_survival, obligation_survival), not on any one act.
    return []
