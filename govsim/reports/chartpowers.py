"""Which body may act on which: the ``power`` links of an organisation chart.

For every pair of bodies the engine is asked, through lint's
:class:`~govsim.analysis.lint.probe.Probe`, whether hand-built acts by the
first on the second (or on a member seated there) would be empowered, so
selectors, conditions and disabilities count exactly as in replay. Powers
over any member, seated or not, are asked once, of a member with no seat, and
drawn to the membership (or the chart's stand-in for every member) rather
than to every body. Powers that are checks on
a body (recall, removal from office, expulsion of its members) are left to
the chart's ``answers_to`` links, so each fact is drawn once.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from govsim.analysis.lint.accountability import interim_measures
from govsim.analysis.lint.view import ASSEMBLIES
from govsim.reports.chart import ChartLink, ordered_acts

if TYPE_CHECKING:
    from govsim.analysis.lint import BookView
    from govsim.analysis.lint.probe import Probe

__all__ = ["powers_between"]

Act = dict[str, Any]

_OUTCOMES = ("quash", "reduce", "replace", "stay", "increase")
_APPEAL_OUTCOMES = ("quash", "reduce", "confirm")


def _sanction(person: str, kind: str, **extra: str) -> list[Act]:
    """A sanction of one kind, outside a case and in lint's stand-in case."""
    from govsim.analysis.lint.probe import CASE

    act: Act = {"act": "sanction", "targets": [person], "sanction": kind, **extra}
    return [act, {**act, "case": CASE}]


def _on_members(view: BookView) -> dict[str, list[Act]]:
    """Acts on any member: the probe's member with no seat."""
    from govsim.analysis.lint.probe import STAND_IN

    return {
        "expel": _sanction(STAND_IN, "expel"),
        "suspend": _sanction(STAND_IN, "suspend_membership"),
        "interim-suspend": interim_measures(view, STAND_IN, [("membership", None)]),
    }


def _on_seats(view: BookView, body: str) -> dict[str, list[Act]]:
    """Acts on one body or on the member seated on it."""
    from govsim.analysis.lint.probe import STAND_IN

    holder = view.probe.seated(body)
    scopes: list[tuple[str, str | None]] = [
        ("office", body),
        ("leadership_bodies", None),
        ("membership", None),
    ]
    return {
        "elect": [{"act": "elect", "body": body, "persons": [STAND_IN]}],
        "appoint": [{"act": "appoint", "body": body, "persons": [STAND_IN]}],
        "suspend": _sanction(holder, "suspend_membership"),
        "expel": _sanction(holder, "expel"),
        "interim-suspend": interim_measures(view, holder, scopes),
        "dissolve": [{"act": "dissolve_body", "body": body}],
    }


def _on_decisions(view: BookView, body: str, carried_out: bool) -> dict[str, list[Act]]:
    """Acts on a sanction decided by one body: appeals, overturning, carrying out."""
    probe = view.probe
    decision = probe.decision(body)
    acts: dict[str, list[Act]] = {
        "hear-appeal": [
            {"act": "decide_appeal", "appeal": probe.appeal(body), "outcome": o}
            for o in _APPEAL_OUTCOMES
        ],
        "overturn": [
            {"act": "alter_decision", "decision": decision, "outcome": o}
            for o in _OUTCOMES
        ],
    }
    if carried_out:
        acts["implement"] = [{"act": "implement", "decision": decision}]
    return acts


def _on_body(view: BookView, body: str, carried_out: set[str]) -> dict[str, list[Act]]:
    """What may be done to a body, its seats and its decisions.

    An assembly's seats are the members themselves, asked of once for all
    bodies; only a body that may decide sanctions has decisions to act on.
    """
    acts = {} if view.kind(body) in ASSEMBLIES else _on_seats(view, body)
    if view.holds(body, "sanction"):
        acts.update(_on_decisions(view, body, body in carried_out))
    return acts


def _granted(
    probe: Probe, actor: str, acts: Mapping[str, list[Act]]
) -> Iterator[tuple[str, str]]:
    """Each act token some variant of which a grant empowers, with that grant's clause."""
    for token, variants in acts.items():
        outcome = probe.first_grant(actor, variants)
        if outcome is not None and outcome.clause is not None:
            yield token, outcome.clause.id


def _carried_out(view: BookView) -> set[str]:
    """Bodies holding a grant whose decisions take effect only when carried out."""
    return {
        body
        for _, power in view.written_grants()
        if power.takes_effect == "on_implementation"
        for body in view.probe.matching(power.by)
    }


def _link(view: BookView, actor: str, target: str, found: dict[str, str]) -> ChartLink:
    return ChartLink(
        kind="power",
        source=actor,
        target=target,
        acts=ordered_acts(found),
        clauses=view.in_order(found.values()),
    )


def powers_between(
    view: BookView,
    joints: Mapping[str, tuple[str, ...]],
    checks: Mapping[str, Mapping[str, object]],
    members: str,
) -> list[ChartLink]:
    """The ``power`` links of one version of a book, sorted by source then target.

    Args:
        view: the version of the book, on its organisation.
        joints: joint meetings some grant names, by chart id.
        checks: for each body, the bodies that check it (lint's
            :func:`~govsim.analysis.lint.accountability.checks_on`); their
            recall and removal powers are left out here.
        members: the chart id powers over any member are drawn to: the
            membership body, or :data:`~govsim.reports.chart.MEMBERS` (made
            distinct from every body's id) when there is none.
    """
    from govsim.analysis.lint.probe import joint_id
    from govsim.model.selectors import JointActor

    probe = view.probe
    bodies = sorted(view.bodies())
    actors = {bid: bid for bid in bodies}
    actors.update(
        {ident: joint_id(JointActor(joint_of=of)) for ident, of in joints.items()}
    )
    carried_out = _carried_out(view)
    generic = _on_members(view)
    links: list[ChartLink] = []
    for ident, actor in sorted(actors.items()):
        on_members = dict(_granted(probe, actor, generic))
        if on_members and ident != members:
            links.append(_link(view, ident, members, on_members))
        for target in bodies:
            if target in {ident, members}:
                continue
            acts = _on_body(view, target, carried_out)
            for token in on_members:
                acts.pop(token, None)
            if ident in checks.get(target, {}):
                acts.pop("expel", None)
            found = dict(_granted(probe, actor, acts))
            if found:
                links.append(_link(view, ident, target, found))
    return links
