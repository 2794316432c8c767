"""Bodies that can amend their way out of account, and amendment rules left open.

A body that may repeal or reword, by itself, a clause through which another
body recalls, removes or audits it can make itself unaccountable in one
valid step; a body that may rewrite the clause that empowers it to amend
can lower the bar for every later change. Whether a power to amend reaches
a clause is asked of the engine through the probe (so ``when: {clauses,
entrenched}`` counts as in replay); an entrenchment that reserves the
clause to others stops it, while a higher threshold or more readings only
slow it down and are said in the finding.
"""

from __future__ import annotations

from collections.abc import Iterator

from govsim.analysis.lint.accountability import checks_on, subjects
from govsim.analysis.lint.registry import Rule, lint_check
from govsim.analysis.lint.report import Finding
from govsim.analysis.lint.view import BookView
from govsim.model.rulebook import Clause, Entrenchment

__all__ = ["SELF_AMENDABLE", "UNPROTECTED_AMENDMENT"]

SELF_AMENDABLE = Rule(
    "self-amendable-accountability",
    "a body that may amend away the clauses that hold it to account",
    "The body may repeal or reword, by its own vote, a clause through which "
    "another body recalls, removes or audits it. One valid amendment then "
    "leaves it answerable to no one: every later act of it is empowered, and "
    "nothing in the history is irregular. `govsim capture` finds the sequence.",
    ("self_entrenchment", "accountability_graph"),
)
UNPROTECTED_AMENDMENT = Rule(
    "unprotected-amendment-rule",
    "an amendment rule that the body it empowers may rewrite",
    "The clause that says how the rules change may itself be changed by the "
    "body it empowers, under its own ordinary procedure: the body can widen "
    "its power to amend, or lower the threshold, before making the change it "
    "could not make directly.",
    ("amendment_protected",),
)


def _stops(view: BookView, clause: Clause, body: str) -> bool:
    """Whether the clause's entrenchment reserves it to others than ``body``."""
    rule = clause.entrenched
    if not isinstance(rule, Entrenchment) or not rule.by:
        return False
    return not any(body in view.probe.matching(selector) for selector in rule.by)


def _slowed(clause: Clause) -> str:
    """What an entrenchment asks that the body might still meet, in words."""
    rule = clause.entrenched
    if not isinstance(rule, Entrenchment):
        return ""
    asks = [
        f"a {rule.threshold} vote" if rule.threshold else "",
        f"{rule.readings} readings" if rule.readings > 1 else "",
        f"{rule.notice_days} days' notice of the text" if rule.notice_days else "",
    ]
    said = ", ".join(a for a in asks if a)
    return f" (it asks {said}, which {{body}} can meet by itself)" if said else ""


def _amends(view: BookView, body: str, clause: Clause) -> str | None:
    """The clause empowering ``body`` to repeal ``clause``, if any reaches it."""
    if _stops(view, clause, body):
        return None
    outcome = view.probe.power(body, {"act": "amend_rules", "repeal": [clause.id]})
    if not outcome.granted or outcome.clause is None:
        return None
    return outcome.clause.id


@lint_check("self-amendment", SELF_AMENDABLE, UNPROTECTED_AMENDMENT)
def self_amendment(view: BookView) -> Iterator[Finding]:
    """Bodies that may amend away their accountability, or their own amendment rule."""
    if not view.clauses.grants.get("amend_rules"):
        return
    into = checks_on(view)
    for body in subjects(view):
        for other, checks in sorted(into.get(body, {}).items()):
            if other == body:
                continue
            hows: dict[str, list[str]] = {}
            for check in checks:
                hows.setdefault(check.clause, []).append(check.how)
            for clause_id, ways in hows.items():
                clause = view.clauses.get(clause_id)
                if clause is None:
                    continue
                power = _amends(view, body, clause)
                if power is None:
                    continue
                slowed = _slowed(clause).format(body=body)
                how = " and ".join(
                    dict.fromkeys(
                        f"{w} it" if w in {"recall", "audit"} else w for w in ways
                    )
                )
                yield view.finding(
                    SELF_AMENDABLE,
                    f"{body} may repeal clause {clause.id}, by which {other} may "
                    f"{how} (clause {power} gives it the power to amend)"
                    f"{slowed}: it can amend itself out of {other}'s reach",
                    clauses=[clause.id, power],
                    subjects=[body, other],
                    hint=(
                        f"reserve clause {clause.id} to {other} (entrenched: "
                        f"{{by: [{other}]}}), or limit the power to amend "
                        "(when: {entrenched: false}) and mark the clause entrenched"
                    ),
                )
        for clause_id in dict.fromkeys(view.holds(body, "amend_rules")):
            clause = view.clauses.get(clause_id)
            if clause is None or _amends(view, body, clause) is None:
                continue
            slowed = _slowed(clause).format(body=body)
            yield view.finding(
                UNPROTECTED_AMENDMENT,
                f"{body} may rewrite clause {clause.id}, the rule by which it "
                f"amends the book{slowed}: it can widen its own power to amend",
                clauses=[clause.id],
                subjects=[body],
                hint=(
                    f"entrench clause {clause.id} (entrenched: {{by: [membership], "
                    "threshold: 2/3}) so that only the members may change how the "
                    "rules change"
                ),
            )
