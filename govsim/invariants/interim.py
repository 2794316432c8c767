"""Interim and emergency measures: bounded, proportionate, reviewed, ratified.

Catalogue numbers 12-14 and 38.
"""

from __future__ import annotations

from collections.abc import Iterator

from govsim.engine.grounds import unsupported_ground
from govsim.invariants.base import Param, Params, invariant
from govsim.invariants.facts import ADJUDICATING_KINDS, body_kind, read_requirement
from govsim.invariants.views import Ending, Finding, Step, finding

__all__: list[str] = []

_SCOPE_RANK = {"meeting": 0, "office": 1, "leadership_bodies": 2, "membership": 3}
_WIDEST_FOR_BASIS = {
    "danger": "membership",
    "charges_filed": "leadership_bodies",
    "investigation": "office",
    "finding": "membership",
}
_REVIEW = Param(
    "review_days",
    7,
    "days within which an interim measure is reviewed",
    read_requirement("interim_bounds", ("interim_suspend",), "review_within_days"),
)


@invariant(
    "interim_legitimacy",
    number=12,
    kind="safety",
    acts=("interim_suspend", "renew_interim"),
    params=(
        Param(
            "max_days",
            30,
            "longest an interim measure may last",
            read_requirement("interim_bounds", ("interim_suspend",), "max_days"),
        ),
        _REVIEW,
        Param(
            "bases",
            "danger,charges_filed",
            "grounds on which interim measures may be imposed (comma-separated)",
            read_requirement("interim_bounds", ("interim_suspend",), "bases"),
        ),
    ),
    guards="open-ended suspensions 'for the investigation's duration'; suspensions with no charges",
)
def interim_legitimacy(step: Step, p: Params) -> Iterator[Finding]:
    """∀ im: basis(im) ∈ allowed_bases ∧ supported(basis(im)) ∧ written_notice(im) ∧ review_at ≤ t0 + T_rev
    ∧ expires_at ≤ t0 + T_max ∧ (renewed ⇒ charges filed).
    """
    if not step.took_effect:
        return
    act: object = step.ctx.act
    cal, day = step.ctx.calendar, step.day
    targets = step.ctx.targets.persons
    if step.record.act == "renew_interim":
        measure = step.world.measures.get(getattr(act, "measure", ""))
        if measure is None:
            return
        cases = [
            c
            for c in step.world.cases.values()
            if measure.case is None or c.id == measure.case
        ]
        charged = any(n[0] in measure.targets for c in cases for n in c.notices)
        if not charged:
            yield finding(
                f"interim measure {measure.act} renewed although no charges were served",
                step.id,
                measure.act,
                *measure.targets,
                measure.case,
            )
        return
    wrong: list[str] = []
    basis = getattr(act, "basis", "unspecified")
    if basis not in str(p.bases).split(","):
        wrong.append(f"ground '{basis}' is not one of {p.bases}")
    elif (lack := unsupported_ground(step.ctx, basis)) is not None:
        # A ground is a fact to be shown, not a word to be said: the same
        # test the interim_bounds rule applies.
        wrong.append(f"ground '{basis}' is not supported by the record: {lack}")
    if not getattr(act, "written_notice", False):
        wrong.append("no written notice")
    expires = getattr(act, "expires_at", None)
    if expires is None:
        wrong.append("no end date")
    elif cal.day(expires) - day > p.max_days:
        wrong.append(f"lasts {cal.day(expires) - day} days (cap {p.max_days})")
    review = getattr(act, "review_at", None)
    if review is None:
        wrong.append("no review date")
    elif cal.day(review) - day > p.review_days:
        wrong.append(
            f"review after {cal.day(review) - day} days (limit {p.review_days})"
        )
    if wrong:
        yield finding(
            "interim measure not legitimate: " + "; ".join(wrong),
            step.id,
            step.ctx.actor,
            *targets,
        )


@invariant(
    "interim_least_restrictive",
    number=13,
    kind="safety",
    acts=("interim_suspend",),
    guards="disproportionate pre-trial punishment",
)
def interim_least_restrictive(step: Step, p: Params) -> Iterator[Finding]:
    """scope(im) ≤ the widest scope its basis justifies, in the order
    meeting < office < leadership_bodies < membership; unstated scope or basis
    is never minimal.
    """
    if not step.took_effect:
        return
    act: object = step.ctx.act
    scope = getattr(act, "scope", "unspecified")
    basis = getattr(act, "basis", "unspecified")
    widest = _WIDEST_FOR_BASIS.get(basis)
    if scope == "unspecified" or widest is None:
        yield finding(
            f"interim measure with scope '{scope}' on ground '{basis}': "
            "its restriction cannot be shown to be the least needed",
            step.id,
            *step.ctx.targets.persons,
        )
    elif _SCOPE_RANK[scope] > _SCOPE_RANK[widest]:
        yield finding(
            f"scope '{scope}' is wider than ground '{basis}' justifies (at most '{widest}')",
            step.id,
            *step.ctx.targets.persons,
        )


@invariant(
    "interim_reviewed_by_adjudicator",
    number=14,
    kind="deadline",
    params=(_REVIEW,),
    guards="political executives using suspension as a weapon",
)
def interim_reviewed_by_adjudicator(view: Ending, p: Params) -> Iterator[Finding]:
    """∀ im imposed by a non-adjudicating body: ∃ review by an adjudicating or
    independent body by review_at (or t0 + T_rev), else it has lapsed by then.
    """
    world = view.world
    reviews: dict[str, list[int]] = {}
    for s in [*view.acts("review_interim"), *view.acts("lift_interim")]:
        if body_kind(world, s.record.actor) in ADJUDICATING_KINDS:
            reviews.setdefault(s.refs.get("measure", ""), []).append(s.day)
    for seen in view.acts("interim_suspend"):
        measure = world.measures.get(seen.record.id)
        if measure is None or body_kind(world, measure.body) in ADJUDICATING_KINDS:
            continue
        due = seen.day + p.review_days
        if measure.review_by is not None:
            due = min(due, measure.review_by)
        if due >= view.end:
            continue
        reviewed = any(day <= due for day in reviews.get(seen.record.id, ()))
        expired = measure.expires is not None and measure.expires <= due
        if not reviewed and not expired:
            yield finding(
                f"measure {seen.record.id} by {measure.body} was not reviewed by an "
                f"adjudicating body by {view.date(due).isoformat()} and did not lapse",
                seen.record.id,
                measure.body,
                *measure.targets,
                at=view.date(due + 1),
            )


@invariant(
    "emergency_action_ratified",
    number=38,
    kind="deadline",
    params=(
        Param(
            "report_days", 1, "days to report an emergency act to the competent body"
        ),
        Param("ratify_days", 7, "days for the competent body to ratify or reverse it"),
    ),
    guards="individuals acting 'for the committee' without review",
)
def emergency_action_ratified(view: Ending, p: Params) -> Iterator[Finding]:
    """Unilateral act u by an individual at t ⇒ reported ≤ t + 1 day ∧ ratified or
    reversed by the competent body ≤ t + T_rat, else it lapses.
    """
    world = view.world
    for seen in view.history:
        if seen.actor_is_body or not seen.needs_power or seen.record.verdict == "void":
            continue
        if seen.record.act not in {"interim_suspend", "sanction", "recall", "admit"}:
            continue
        act_id = seen.record.id
        reports = [
            r for r in world.reports.get(act_id, ()) if r[0] - seen.day <= p.report_days
        ]
        if not reports and seen.day + p.report_days < view.end:
            yield finding(
                f"{seen.record.actor} acted alone ({seen.record.act}) and did not report it "
                f"within {p.report_days} day(s)",
                act_id,
                seen.record.actor,
                at=view.date(seen.day + p.report_days + 1),
            )
        ratified = world.ratifications.get(act_id)
        if seen.day + p.ratify_days >= view.end:
            continue
        if ratified is None or ratified[0] - seen.day > p.ratify_days:
            yield finding(
                f"{seen.record.actor}'s emergency {seen.record.act} was neither ratified "
                f"nor reversed within {p.ratify_days} days",
                act_id,
                seen.record.actor,
                at=view.date(seen.day + p.ratify_days + 1),
            )
