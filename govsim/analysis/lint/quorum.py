"""Quorums that cannot be met once the conflicted step aside, or that count no seats.

A head-count quorum is checked against the deciding body's size (its fixed
``size``, else the seats the organisation fills on the lint day). When a
recusal rule governs the act, recused members do not take part, so a quorum
equal to the whole body fails as soon as one member is conflicted; unless
another body is also empowered for the act, nothing can then be decided.
A fraction quorum on a body with no fixed size and no seat holders is counted
on zero seats: whoever is elected later sets the bar. A membership's seats
are its roll (the members and those on leave), as the replay counts them.
"""

from __future__ import annotations

from collections.abc import Iterator

from govsim.analysis.lint.registry import Rule, lint_check
from govsim.analysis.lint.report import Finding
from govsim.analysis.lint.view import ASSEMBLIES, BookView
from govsim.model.requirements import Recusal
from govsim.model.rulebook import DecisionRule

__all__ = ["IMPOSSIBLE_QUORUM", "ZERO_SEAT_QUORUM"]

IMPOSSIBLE_QUORUM = Rule(
    "impossible-quorum",
    "a head-count quorum the body cannot reach once conflicted members recuse",
    "When the quorum is as large as the body and conflicted members must step "
    "aside, a single conflict blocks the decision, and with no other body "
    "empowered the case cannot be decided at all. The pressure then is to let "
    "the conflicted member sit 'because otherwise there is no quorum'.",
    ("quorum_after_recusal", "nemo_iudex"),
)
ZERO_SEAT_QUORUM = Rule(
    "zero-seat-quorum",
    "a fraction quorum on a body with no fixed size and no seat holders",
    "A quorum written as a share of the seats is counted on the seats filled "
    "that day. For a body with no fixed size and nobody seated, the share is of "
    "zero: before govsim counted a quorum as at least one person, such a body "
    "decided validly with nobody present, and a body with one seat filled "
    "still decides with one person.",
    ("quorum_after_recusal",),
)


def _deciders(view: BookView, rule: DecisionRule, act: str) -> list[str]:
    """Bodies of the organisation empowered for ``act`` that ``rule`` governs."""
    governed = None if rule.by is None else view.probe.matching(rule.by)
    return [
        body
        for body in view.bodies()
        if view.holds(body, act) and (governed is None or body in governed)
    ]


def _recusals(view: BookView, rule: DecisionRule, act: str, body: str) -> list[str]:
    """Clauses whose recusal rule governs ``act`` by ``body`` under ``rule``."""
    return [
        clause.id
        for clause, req in view.clauses.requirements.get(act, ())
        if isinstance(req, Recusal)
        and (req.by is None or body in view.probe.matching(req.by))
        and (
            not req.sanctions
            or not rule.sanctions
            or set(req.sanctions) & set(rule.sanctions)
        )
    ]


def _others(view: BookView, rule: DecisionRule, act: str, body: str) -> list[str]:
    """Other actors empowered for the act (for the rule's sanctions, if it names any)."""
    found: list[str] = []
    for clause, power in view.grants(act):
        limited = power.when.sanctions if power.when else ()
        if rule.sanctions and limited and not set(limited) & set(rule.sanctions):
            continue
        if view.probe.matching(power.by) - {body, view.probe.seated(body)}:
            found.append(clause.id)
    return found


_ON_ROLL = frozenset({"member", "on_leave"})
"""Statuses the replay counts on a membership's roll (its seats are the members)."""


def _size(view: BookView, body: str) -> int:
    """The seats a quorum is counted on: the fixed size, the roll, or those seated."""
    declared = view.organisation.bodies[body].size
    if declared is not None:
        return declared
    if view.kind(body) == "membership":
        persons = view.organisation.persons.values()
        return sum(1 for person in persons if person.status in _ON_ROLL)
    return len(view.seated_now(body))


@lint_check("quorum", IMPOSSIBLE_QUORUM, ZERO_SEAT_QUORUM)
def quorums(view: BookView) -> Iterator[Finding]:
    """Head-count quorums recusal makes impossible; fraction quorums of no seats."""
    for clause in view.clauses.clauses:
        for rule in clause.decides:
            if rule.quorum is None:
                continue
            for act in rule.acts:
                for body in _deciders(view, rule, act):
                    yield from _check(view, clause.id, rule, act, body)


def _check(
    view: BookView, clause: str, rule: DecisionRule, act: str, body: str
) -> Iterator[Finding]:
    what = act.replace("_", " ")
    if rule.sanctions:
        what += f" ({', '.join(rule.sanctions)})"
    size = _size(view, body)
    if isinstance(rule.quorum, str):
        if view.organisation.bodies[body].size is None and size == 0:
            yield view.finding(
                ZERO_SEAT_QUORUM,
                f"{clause}: the quorum of {rule.quorum} for {body} to {what} is "
                f"a share of no seats: {body} has no fixed size and nobody holds a seat",
                clauses=[clause],
                subjects=[body, act],
                hint=f"give {body} a size in the organisation, or a head-count quorum",
            )
        return
    quorum = rule.quorum
    if quorum is None or view.kind(body) in ASSEMBLIES or size == 0:
        return
    recusals = _recusals(view, rule, act, body)
    others = _others(view, rule, act, body)
    if others or (quorum <= size - 1) or (quorum <= size and not recusals):
        return
    if quorum > size:
        why = f"{body} has only {size} seats"
    else:
        why = (
            f"{body} has {size} seats and recusal ({', '.join(recusals)}) takes out "
            "any conflicted member, so one conflict makes it impossible"
        )
    yield view.finding(
        IMPOSSIBLE_QUORUM,
        f"{clause}: {body} needs {quorum} members to {what}, but {why}; "
        f"no other body may {what}",
        clauses=[clause, *recusals, *view.holds(body, act)],
        subjects=[body, act],
        hint=(
            f"lower the quorum below {size}, state it as a share after recusals "
            f"(quorum: 2/3), or empower an alternate body for {act}"
        ),
    )
