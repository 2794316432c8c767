"""Missing procedural safeguards: interim bounds, a distinct appeal, independent investigators.

Each check starts from a grant (``interim_suspend``, ``sanction``,
``assign_investigator``) and asks the engine, through the probe, whether the
safeguard reaches the grant's holder: a requirement limited to another actor
(``by``) does not protect acts by this one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from govsim.analysis.lint.probe import CASE, STAND_IN, sanctions_of
from govsim.analysis.lint.registry import Rule, lint_check
from govsim.analysis.lint.report import Finding
from govsim.analysis.lint.view import ASSEMBLIES, BookView
from govsim.model.requirements import Finality, InterimBounds, Recusal
from govsim.model.selectors import describe_actor

__all__ = [
    "APPEAL_TO_SAME_PEOPLE",
    "INVESTIGATOR_CHOSEN_BY_PARTY",
    "SANCTION_WITHOUT_APPEAL",
    "UNBOUNDED_INTERIM",
]

UNBOUNDED_INTERIM = Rule(
    "unbounded-interim",
    "interim measures with no cap, no review date or no stated basis",
    "An interim suspension is imposed before any finding. Without a cap it can "
    "last as long as the investigation, or longer; without a review date nobody "
    "independent looks at it; without a stated basis it can be imposed for "
    "anything. Each turns a protective measure into a sanction without a hearing.",
    ("interim_legitimacy",),
)
SANCTION_WITHOUT_APPEAL = Rule(
    "sanction-without-appeal",
    "a body that may sanction and whose sanctions nobody may hear on appeal",
    "A sanction that cannot be appealed stands however it was reached: a "
    "mistaken finding, a missed notice or a conflicted panel can only be "
    "corrected by the body that made it.",
    ("distinct_appeal",),
)
APPEAL_TO_SAME_PEOPLE = Rule(
    "appeal-to-same-people",
    "sanctions appealed only to the body that imposed them, or to its own members",
    "An appeal heard by the people who decided, or by a body they sit on, "
    "re-hears the case before judges who have already made up their minds.",
    ("distinct_appeal", "nemo_iudex"),
)
INVESTIGATOR_CHOSEN_BY_PARTY = Rule(
    "investigator-chosen-by-party",
    "investigators appointed by a body whose members can be parties, with no "
    "independence or recusal rule",
    "A body that chooses who investigates a case in which its members are "
    "respondents, or which is itself under review, chooses its own judge's "
    "eyes and ears. Either the investigator must be independent of the case "
    "or the parties among the appointers must step aside.",
    ("independent_appointment", "no_self_investigation"),
)

_BASES = ("danger", "charges_filed", "investigation", "finding", "unspecified")


def _stated(bases: tuple[str, ...]) -> bool:
    return bool(bases) and "unspecified" not in bases


@lint_check("interim", UNBOUNDED_INTERIM)
def unbounded_interim(view: BookView) -> Iterator[Finding]:
    """Grants of ``interim_suspend`` that no cap, review or basis reaches."""
    probe = view.probe
    every = [
        (clause, req)
        for clause, req in view.clauses.requirements.get("interim_suspend", ())
        if isinstance(req, InterimBounds)
    ]
    for clause, power in view.grants("interim_suspend"):
        actor = view.actor_id(power.by)
        if actor is None:
            continue
        data = {"act": "interim_suspend", "targets": [STAND_IN]}
        bounds = [(c, r) for c, r in every if probe.applies(r, actor, data)]
        when = power.when
        missing: list[str] = []
        if not (when and when.max_days) and not any(r.max_days for _, r in bounds):
            missing.append("no cap on their length")
        if not any(r.review_within_days is not None for _, r in bounds):
            missing.append("no review date")
        if not (when and _stated(when.bases)) and not any(
            _stated(r.bases) for _, r in bounds
        ):
            missing.append("no stated basis")
        if not missing:
            continue
        elsewhere = [c.id for c, r in every if (c, r) not in bounds]
        aside = (
            f" (the bounds in {', '.join(dict.fromkeys(elsewhere))} govern other actors)"
            if elsewhere
            else ""
        )
        who = describe_actor(power.by)
        invariants = ["interim_legitimacy"]
        if "no review date" in missing:
            invariants.append("interim_reviewed_by_adjudicator")
        if "no stated basis" in missing:
            invariants.append("interim_least_restrictive")
        yield view.finding(
            UNBOUNDED_INTERIM,
            f"{who} may impose interim measures ({clause.id}) with "
            + _and(missing)
            + aside,
            clauses=[clause.id, *(c.id for c, _ in bounds), *elsewhere],
            subjects=[who, "interim_suspend"],
            invariants=invariants,
            hint=(
                f"state when: {{bases: [danger, charges_filed], max_days: N}} on the "
                f"grant, or add an interim_bounds requirement for {who} with "
                "bases, max_days and review_within_days"
            ),
        )


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _sanctioners(view: BookView) -> list[tuple[str, str]]:
    """(body, clause) for every body or joint meeting that may sanction a member."""
    probe = view.probe
    variants = sanctions_of(STAND_IN)
    found = []
    for actor in probe.world.bodies:
        outcome = probe.first_grant(actor, variants)
        if outcome is not None and outcome.clause is not None:
            found.append((actor, outcome.clause.id))
    return found


def _label(view: BookView, actor: str) -> str:
    body = view.probe.world.bodies.get(actor)
    if body is not None and body.constituents:
        return "a joint meeting of " + "+".join(body.constituents)
    return actor


def _same_people(view: BookView, judge: str, sanctioner: str) -> str | None:
    """Why an appeal body is not distinct from the sanctioning body, if it is not."""
    bodies = view.probe.world.bodies
    if judge == sanctioner:
        return "the same body"
    parts = {judge, sanctioner}
    for one, other in ((judge, sanctioner), (sanctioner, judge)):
        if one in bodies and other in bodies[one].constituents:
            return f"a joint meeting including {other}"
        parent = view.organisation.bodies.get(one)
        if parent is not None and parent.parent == other:
            return f"{one} is part of {other}"
    shared = set.intersection(*(view.seat_holders(b) for b in parts))
    if shared:
        return f"its members {', '.join(sorted(shared))} sit on both"
    return None


def _finality(view: BookView, sanctioner: str) -> dict[str, list[str]]:
    """Finality rules covering the sanctioner's decisions: clause to named appeal bodies."""
    kind = view.kind(sanctioner)
    found: dict[str, list[str]] = {}
    for clause, req in view.clauses.requirements.get("alter_decision", ()):
        if isinstance(req, Finality) and kind in req.decisions_of_kind:
            found.setdefault(clause.id, []).extend(req.appeal_bodies)
    return found


@lint_check("appeals", SANCTION_WITHOUT_APPEAL, APPEAL_TO_SAME_PEOPLE)
def appeals(view: BookView) -> Iterator[Finding]:
    """Sanctioning bodies without an appeal to other people."""
    probe = view.probe
    for sanctioner, granted in _sanctioners(view):
        label = _label(view, sanctioner)
        finality = _finality(view, sanctioner)
        appeal: dict[str, Any] = {
            "act": "appeal",
            "decision": probe.decision(sanctioner),
        }
        lodged = probe.power(STAND_IN, appeal)
        judges: list[tuple[str, str]] = []
        for actor in probe.world.bodies:
            outcome = probe.first_grant(
                actor,
                [
                    {
                        "act": "decide_appeal",
                        "appeal": probe.appeal(sanctioner),
                        "outcome": o,
                    }
                    for o in ("quash", "reduce", "confirm")
                ],
            )
            if outcome is not None and outcome.clause is not None:
                judges.append((actor, outcome.clause.id))
        if not judges or not lodged.granted:
            missing = (
                "nobody may decide an appeal from it"
                if not judges
                else "nobody may lodge an appeal"
            )
            route = (
                "grant an appeal body decide_appeal with over: "
                "{decisions_of_kind: [joint_meeting]}"
                if sanctioner not in view.organisation.bodies
                else f"add {{relation: hears_appeals_from, by: <appeal body>, of: "
                f"{sanctioner}}}"
            )
            named = "".join(
                f" ({clause} names {sanctioner} itself as the only appeal)"
                if bodies == [sanctioner]
                else f" ({clause} names {', '.join(bodies)} as the appeal, but no "
                "clause lets it decide one)"
                for clause, bodies in finality.items()
                if bodies and not judges
            )
            yield view.finding(
                SANCTION_WITHOUT_APPEAL,
                f"{label} may sanction ({granted}) and {missing}{named}",
                clauses=[granted, *(c for _, c in judges), *finality],
                subjects=[label],
                hint=f"{route}, and give {{person: party}} the power to appeal",
            )
            continue
        reasons = [(j, c, _same_people(view, j, sanctioner)) for j, c in judges]
        if all(why is not None for _, _, why in reasons):
            heard = "; ".join(
                f"{_label(view, j)} ({c}): {why}" for j, c, why in reasons
            )
            yield view.finding(
                APPEAL_TO_SAME_PEOPLE,
                f"appeals from {label}'s sanctions ({granted}) go only to the same "
                f"people: {heard}",
                clauses=[granted, *(c for _, c, _ in reasons)],
                subjects=[label, *(_label(view, j) for j, _, _ in reasons)],
                hint="give the appeal to a body none of whose members sit on the sanctioning one",
            )


def _protected(view: BookView, actor: str) -> bool:
    """Whether an independence or party-recusal rule governs the actor's choice."""
    data = {"act": "assign_investigator", "case": CASE, "investigator": STAND_IN}
    for _, req in view.clauses.requirements.get("assign_investigator", ()):
        guards = req.rule == "independent_investigator" or (
            isinstance(req, Recusal) and "party" in req.conflicts
        )
        if guards and view.probe.applies(req, actor, data):
            return True
    return False


@lint_check("investigators", INVESTIGATOR_CHOSEN_BY_PARTY)
def investigators(view: BookView) -> Iterator[Finding]:
    """Investigators chosen by a body whose members may be parties, unguarded."""
    guards = [
        clause.id
        for clause, req in view.clauses.requirements.get("assign_investigator", ())
        if req.rule in {"independent_investigator", "recusal"}
    ]
    for clause, power in view.grants("assign_investigator"):
        actor = view.actor_id(power.by)
        if actor is None:
            continue
        kind = (
            view.probe.world.bodies[actor].kind
            if actor in view.probe.world.bodies
            else None
        )
        if kind in ASSEMBLIES or (
            actor in view.organisation.bodies and view.is_outside(actor)
        ):
            continue  # a mass body, or one whose members come from outside
        if _protected(view, actor):
            continue
        who = describe_actor(power.by)
        yield view.finding(
            INVESTIGATOR_CHOSEN_BY_PARTY,
            f"{who} may choose the investigator ({clause.id}) although its members "
            "can be respondents or it can be under review, and no rule requires an "
            "independent investigator or that parties step aside",
            clauses=[clause.id, *guards],
            subjects=[who, "assign_investigator"],
            hint=(
                "add {rule: independent_investigator, acts: [assign_investigator]} "
                "or {rule: recusal, acts: [assign_investigator]}"
            ),
        )
