"""Who answers to whom: bodies nobody can remove, and executives controlling their judges.

An edge "A checks B" exists when A may recall or audit B (an accountability
link, or a ``recall`` power over B), or may remove one of B's members from
office or from the organisation (``sanction`` with ``remove_from_office`` or
``expel``). Whether a power reaches B's members is asked of the engine through
the probe, so conditions and disabilities count exactly as in replay. Election
is not removal: a body elected for a term and never recallable answers to no
one until the term ends.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, NamedTuple

from govsim.analysis.lint.probe import CASE, STAND_IN, sanctions_of
from govsim.analysis.lint.registry import Rule, lint_check
from govsim.analysis.lint.report import Finding
from govsim.analysis.lint.view import ASSEMBLIES, BookView
from govsim.model.organisation import LEADERSHIP_KINDS
from govsim.model.selectors import PersonActor

__all__ = [
    "BASES",
    "EXECUTIVE_CONTROLS_JUDGE",
    "UNACCOUNTABLE_BODY",
    "Check",
    "Checks",
    "checks_on",
    "interim_measures",
    "subjects",
]

UNACCOUNTABLE_BODY = Rule(
    "unaccountable-body",
    "a body that answers only to itself or to no one",
    "Nobody outside the body can recall it, remove its members or audit it, "
    "starting from the membership, the convention or an outside body. Between "
    "elections its members can act on their own account, and a complaint about "
    "the body as a whole has nowhere to go: the failure the ISO's 2013 Steering "
    "Committee illustrates.",
    ("accountability_graph",),
)
EXECUTIVE_CONTROLS_JUDGE = Rule(
    "executive-controls-its-judge",
    "an executive that can seat, suspend, remove or dissolve the body that judges it",
    "A disciplinary or audit body is a check on the executive only if the "
    "executive cannot choose, suspend or remove its members. Otherwise the "
    "executive can change who hears a case about its own members, or stop the "
    "body sitting, without ever overriding a decision.",
    ("nemo_iudex", "no_executive_override"),
)


class Check(NamedTuple):
    """One way a body checks another.

    Attributes:
        how: what it may do, in the words of lint's messages
            (``remove its members from office``).
        clause: the clause that says so.
        act: the check in one stable word, for tools that read it rather
            than print it: ``recall``, ``audit``, ``remove`` (from office) or
            ``expel``.
    """

    how: str
    clause: str
    act: str


Checks = dict[str, dict[str, list[Check]]]
"""Body to the bodies that check it, each with the ways it does."""

_REMOVALS = (
    ("recall its members", "recall", "recall"),
    ("remove its members from office", "remove_from_office", "remove"),
    ("expel its members", "expel", "expel"),
)
"""How a body may remove another's members: in words, as the act asked, as a word."""


def _removal(view: BookView, body: str, how: str) -> dict[str, Any]:
    holder = view.probe.seated(body)
    if how == "recall":
        return {"act": "recall", "body": body, "target": holder}
    office = {"office": body} if how == "remove_from_office" else {}
    return {"act": "sanction", "targets": [holder], "sanction": how, **office}


def _removals(view: BookView, body: str) -> list[dict[str, Any]]:
    return [_removal(view, body, how) for _, how, _ in _REMOVALS]


def checks_on(view: BookView) -> Checks:
    """For each body, the bodies that may recall, remove or audit it: how, and where."""
    into: Checks = {}

    def add(by: str, of: str, check: Check) -> None:
        into.setdefault(of, {}).setdefault(by, []).append(check)

    for clause, link in view.clauses.links:
        if link.relation in {"recalls", "audits"}:
            act = link.relation.removesuffix("s")
            add(link.by, link.of, Check(act, clause.id, act))
    bodies = view.bodies()
    for target in bodies:
        if view.kind(target) == "membership":
            continue
        for actor in bodies:
            for how, asked, act in _REMOVALS:
                outcome = view.probe.power(actor, _removal(view, target, asked))
                if outcome.granted and outcome.clause is not None:
                    add(actor, target, Check(how, outcome.clause.id, act))
                    break
    return into


def _reached(into: Checks, roots: list[str], body: str) -> bool:
    """Whether a path of checks runs from a root to ``body`` avoiding ``body``."""
    out: dict[str, set[str]] = {}
    for target, sources in into.items():
        for source in sources:
            out.setdefault(source, set()).add(target)
    seen: set[str] = set()
    frontier = [r for r in roots if r != body]
    while frontier:
        node = frontier.pop()
        if node in seen:
            continue
        seen.add(node)
        for nxt in sorted(out.get(node, ())):
            if nxt == body:
                return True
            frontier.append(nxt)
    return False


def _ways(checks: list[Check]) -> str:
    return " and ".join(f"{c.how} ({c.clause})" for c in checks)


def subjects(view: BookView) -> list[str]:
    """The bodies whose accountability lint asks about.

    Leadership bodies and any other body the book empowers. The assemblies
    and outside bodies are left out: accountability starts there. The
    organisation chart draws whom these answer to, and no one else.
    """
    return [
        bid
        for bid in view.bodies()
        if view.kind(bid) not in ASSEMBLIES
        and not view.is_outside(bid)
        and (view.kind(bid) in LEADERSHIP_KINDS or view.powers_of(bid))
    ]


@lint_check("accountability", UNACCOUNTABLE_BODY)
def unaccountable_bodies(view: BookView) -> Iterator[Finding]:
    """Bodies no path of recall, removal or audit reaches from the members."""
    into = checks_on(view)
    roots = [
        b for b in view.bodies() if view.kind(b) in ASSEMBLIES or view.is_outside(b)
    ]
    for body in subjects(view):
        if _reached(into, roots, body):
            continue
        checkers = into.get(body, {})
        others = sorted(c for c in checkers if c != body)

        if others:
            via = "; ".join(f"{c}, which may {_ways(checkers[c])}" for c in others)
            message = (
                f"{body} answers only to {via}; and nothing reaches "
                f"{' or '.join(others)} from the membership, the convention or an "
                "outside body"
            )
        elif body in checkers:
            message = f"{body} answers only to itself: only {body} may {_ways(checkers[body])}"
        else:
            message = (
                f"{body} answers to no one: nobody may recall it, remove its "
                "members or audit it"
            )
        powers = view.powers_of(body)
        if not powers:
            message += " (it holds no power under this book)"
        chosen = [
            clause.id
            for clause, link in view.clauses.links
            if link.of == body and link.relation in {"elects", "appoints"}
        ]
        clauses = [
            *powers,
            *chosen,
            *(c.clause for ws in checkers.values() for c in ws),
        ]
        yield view.finding(
            UNACCOUNTABLE_BODY,
            message,
            clauses=clauses,
            subjects=[body, *others],
            hint=(
                f"let the convention or the membership recall {body} "
                f"({{relation: recalls, by: convention, of: {body}}}), or give an "
                f"outside body an audit of it ({{relation: audits, by: <panel>, of: "
                f"{body}}})"
            ),
        )


BASES = ("danger", "charges_filed", "investigation", "finding", "unspecified")
"""Every ground an interim measure can state."""


def interim_measures(
    view: BookView, person: str, scopes: list[tuple[str, str | None]]
) -> list[dict[str, Any]]:
    """Interim measures against ``person``: every scope and ground, open or short.

    Probing all of them finds a power whatever its conditions: a grant
    capped by ``max_days`` still reaches the shortest measure, one limited
    to some grounds still reaches a measure on one of them.
    """
    ends = [None, view.day + dt.timedelta(days=1)]
    return [
        {
            "act": "interim_suspend",
            "targets": [person],
            "scope": scope,
            "office": office,
            "basis": basis,
            "expires_at": end,
            "review_at": end,
        }
        for scope, office in scopes
        for basis in BASES
        for end in ends
    ]


def _suspensions(view: BookView, body: str) -> list[dict[str, Any]]:
    """Interim measures that would keep a member of ``body`` from sitting on it."""
    scopes: list[tuple[str, str | None]] = [("office", body), ("membership", None)]
    if view.kind(body) in LEADERSHIP_KINDS:
        scopes.append(("leadership_bodies", None))
    return interim_measures(view, view.probe.seated(body), scopes)


def _judges(view: BookView, executive: str) -> dict[str, tuple[str, list[str]]]:
    """Bodies that discipline the executive's members or audit it.

    Each comes with what it does and the clauses that say so.
    """
    found: dict[str, tuple[str, list[str]]] = {}
    for clause, link in view.clauses.links:
        if link.relation == "audits" and link.of == executive:
            found.setdefault(link.by, ("audits it", []))[1].append(clause.id)
    holder = view.probe.seated(executive)
    discipline = sanctions_of(holder)
    # A finding against them judges them too, even where another body sanctions.
    discipline.append({"act": "find", "case": CASE, "targets": [holder]})
    for body in view.bodies():
        if body == executive or view.kind(body) in ASSEMBLIES or body in found:
            continue
        outcome = view.probe.first_grant(body, discipline)
        if outcome is not None and outcome.clause is not None:
            granted = outcome.grant.acts if outcome.grant else ()
            verb = "sanction" if "sanction" in granted else "find against"
            found[body] = (f"may {verb} {executive}'s members", [outcome.clause.id])
    return found


def _controls(view: BookView, executive: str, judge: str) -> list[tuple[str, str]]:
    """What the executive (or one of its members) may do to the judging body."""
    probe = view.probe
    acts: list[tuple[str, list[dict[str, Any]]]] = [
        (
            f"seat members on {judge}",
            [
                {"act": kind, "body": judge, "persons": [STAND_IN]}
                for kind in ("appoint", "elect")
            ],
        ),
        (f"keep {judge}'s members from sitting", _suspensions(view, judge)),
        (f"remove {judge}'s members", _removals(view, judge)),
        (f"dissolve {judge}", [{"act": "dissolve_body", "body": judge}]),
    ]
    found: list[tuple[str, str]] = []
    for what, variants in acts:
        for actor in (executive, probe.seated(executive)):
            outcome = probe.first_grant(actor, variants)
            if outcome is None or outcome.grant is None or outcome.clause is None:
                continue
            by = outcome.grant.by
            if actor != executive and not (
                isinstance(by, PersonActor) and by.person == "seat_holder"
            ):
                continue  # a power every member has is not the executive's
            who = "" if actor == executive else " (any one of its members, alone)"
            found.append((f"{what}{who}", outcome.clause.id))
            break
    return found


@lint_check("executive-control", EXECUTIVE_CONTROLS_JUDGE)
def executives_controlling_judges(view: BookView) -> Iterator[Finding]:
    """Executives that may seat, suspend, remove or dissolve their judges."""
    for executive in view.bodies("executive"):
        for judge, (role, judging) in sorted(_judges(view, executive).items()):
            controls = _controls(view, executive, judge)
            if not controls:
                continue
            how = ", ".join(f"{what} ({clause})" for what, clause in controls)
            yield view.finding(
                EXECUTIVE_CONTROLS_JUDGE,
                f"{executive} may {how}; yet {judge} {role} "
                f"({', '.join(dict.fromkeys(judging))})",
                clauses=[*(c for _, c in controls), *judging],
                subjects=[executive, judge],
                hint=(
                    f"narrow {executive}'s grants (over: {{bodies: [...]}} for appoint "
                    f"and dissolve_body, over: {{seat_on: [...]}} or when: {{scopes: "
                    f"[meeting]}} for interim_suspend) so they do not reach {judge}, "
                    f"or add a disability for {executive} over {judge}"
                ),
            )
