"""Offices that one person can hold together although one judges the other.

A pair of bodies is checked when one judges the other: a disciplinary or
appeal body and the executive (the ``incompatible_offices`` invariant's
pair), or two bodies joined by an ``audits`` or ``hears_appeals_from`` link.
The pair is a finding when the organisation already seats someone on both at
once, or when some body may elect or appoint a member of one to the other
(asked of the engine, so a disability such as "no member of the executive may
be elected to the disciplinary committee" is honoured, in the direction it
is written).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from govsim.analysis.lint.registry import Rule, lint_check
from govsim.analysis.lint.report import Finding
from govsim.analysis.lint.view import ASSEMBLIES, BookView

__all__ = ["OFFICES_HELD_TOGETHER", "judging_pairs"]

OFFICES_HELD_TOGETHER = Rule(
    "offices-held-together",
    "one person can sit on a body and on the body that judges it",
    "A member of the executive who also sits on the disciplinary or appeal "
    "body judges cases about their colleagues, and a member of an audited body "
    "who sits on its auditor reviews their own work. Without a rule making the "
    "offices incompatible, nothing but recusal in each case stands between them.",
    ("incompatible_offices", "nemo_iudex"),
)

_Pair = tuple[str, str]
"""(judging body, judged body)."""


def judging_pairs(view: BookView) -> dict[_Pair, tuple[list[str], list[str]]]:
    """Each (judge, judged) pair with what the judge does and the clauses saying so."""
    pairs: dict[_Pair, tuple[list[str], list[str]]] = {}

    def add(judge: str, judged: str, role: str, clause: str | None) -> None:
        roles, clauses = pairs.setdefault((judge, judged), ([], []))
        roles.append(role)
        if clause is not None:
            clauses.append(clause)

    for executive in view.bodies("executive"):
        for judge in view.bodies("disciplinary", "appeal"):
            role = "hears appeals" if view.kind(judge) == "appeal" else "hears cases"
            add(judge, executive, f"{role} about its members", None)
    for clause, link in view.clauses.links:
        if link.by == link.of or view.kind(link.by) in ASSEMBLIES:
            continue
        if link.relation == "audits":
            add(link.by, link.of, f"audits {link.of}", clause.id)
        elif link.relation == "hears_appeals_from":
            add(link.by, link.of, f"hears appeals from {link.of}", clause.id)
    return pairs


def _overlaps(view: BookView, one: str, other: str) -> list[str]:
    """Persons the organisation seats on both bodies at the same time, with when."""
    a, b = view.organisation.bodies[one], view.organisation.bodies[other]
    found: list[str] = []
    for s in a.seats:
        for t in b.seats:
            if s.person != t.person:
                continue
            start = max(s.start or dt.date.min, t.start or dt.date.min)
            end = min(s.until or dt.date.max, t.until or dt.date.max)
            if start < end:
                since = "" if start == dt.date.min else f" from {start.isoformat()}"
                until = "" if end == dt.date.max else f" until {end.isoformat()}"
                found.append(f"{s.person}{since}{until}")
    return list(dict.fromkeys(found))


def _seatings(view: BookView, into: str, holder_of: str) -> list[tuple[str, str]]:
    """Who may elect or appoint a member of ``holder_of`` to ``into``: (actor, clause).

    An eligibility rule that the member fails (a non-member where members are
    required) counts as stopping it, audited or not: the book forbids it.
    """
    probe = view.probe
    person = probe.seated(holder_of)
    outsider = probe.world.persons[person].status != "member"
    found: list[tuple[str, str]] = []
    for actor in view.bodies():
        for act in ("elect", "appoint"):
            data = {"act": act, "body": into, "persons": [person]}
            outcome = probe.power(actor, data)
            if not outcome.granted or outcome.clause is None:
                continue
            barred = outsider and any(
                req.rule == "eligibility"
                and req.require_member
                and probe.applies(req, actor, data)
                for _, req in view.clauses.requirements.get(act, ())
            )
            if not barred:
                found.append((actor, outcome.clause.id))
                break
    return found


def _route(view: BookView, into: str, holder_of: str) -> tuple[str, list[str]] | None:
    """How a member of ``holder_of`` may be seated on ``into``, in words, and the clauses."""
    seatings = _seatings(view, into, holder_of)
    if not seatings:
        return None
    actors = " or ".join(dict.fromkeys(a for a, _ in seatings))
    clauses = list(dict.fromkeys(c for _, c in seatings))
    return (
        f"{actors} may seat a member of {holder_of} on {into} ({', '.join(clauses)})",
        clauses,
    )


@lint_check("offices", OFFICES_HELD_TOGETHER)
def offices_held_together(view: BookView) -> Iterator[Finding]:
    """Pairs of judging and judged bodies one person can sit on together."""
    for (judge, judged), (roles, judging) in sorted(judging_pairs(view).items()):
        if (
            judge not in view.organisation.bodies
            or judged not in view.organisation.bodies
        ):
            continue
        both = _overlaps(view, judge, judged)
        routes = [
            r
            for r in (_route(view, judge, judged), _route(view, judged, judge))
            if r is not None
        ]
        if not both and not routes:
            continue
        what = " and ".join(dict.fromkeys(roles))
        parts = [f"{text}" for text, _ in routes]
        if both:
            parts.insert(0, f"the organisation seats {', '.join(both)} on both")
        clauses = [*judging, *(c for _, cs in routes for c in cs)]
        invariants = ["incompatible_offices", "nemo_iudex"]
        if any(r.startswith("hears appeals") for r in roles):
            invariants.append("distinct_appeal")
        yield view.finding(
            OFFICES_HELD_TOGETHER,
            f"one person can sit on both {judged} and {judge}, which {what}: "
            + "; ".join(parts),
            clauses=clauses,
            subjects=[judged, judge],
            invariants=invariants,
            hint=(
                f"make the offices incompatible both ways: a disability on elect and "
                f"appoint with over: {{seat_on: [{judged}], bodies: [{judge}]}} and "
                f"another with over: {{seat_on: [{judge}], bodies: [{judged}]}}"
            ),
        )
