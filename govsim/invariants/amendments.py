"""Changing the rules to escape them: self-entrenchment and the protected amendment rule.

Catalogue numbers 40 and 41. Both watch ``amend_rules`` acts that adopt
changes (a first reading changes nothing) and compare the clauses in force
before the act with those the adopted changes leave. A void attempt is
judged as if it had taken effect, so a book that voids it shows the breach
as prevented, with the clause that stopped it.

What holds a body to account, read from the clauses: an ``elects``,
``recalls``, ``audits`` or ``hears_appeals_from`` link over it held by
another body, and a power held by another to recall its members, remove
them from office (a sanction), dissolve it or decide appeals from its
decisions. The book states no terms of office (seats carry them, in the
organisation), so a term extended by amendment is not seen here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

from govsim.engine.amending import entrenchment_reasons, notice_of_text, readings_held
from govsim.engine.checks import applies
from govsim.engine.counting import count_vote
from govsim.engine.powers import actor_matches
from govsim.invariants.base import Params, invariant
from govsim.invariants.views import Finding, Step, finding
from govsim.model.acts import AmendRules
from govsim.model.clauses import ClauseSet
from govsim.model.rulebook import (
    Amendment,
    Clause,
    DecisionRule,
    Entrenchment,
    Power,
    parse_fraction,
)
from govsim.model.selectors import ActorSelector, TargetSelector, describe_actor

__all__ = ["clauses_after"]

_HOLDING_LINKS = ("elects", "recalls", "audits", "hears_appeals_from")
"""Links by which another body holds a body to account."""
_APPROVING_LINKS = ("elects", "recalls")
"""Links whose holder's taking part in the act approves it."""
_REACH = {
    "recall": (("bodies", "body_kinds"), ("seat_on", "seat_on_kind")),
    "sanction": (("seat_on", "seat_on_kind"),),
    "dissolve_body": (("bodies", "body_kinds"),),
    "decide_appeal": (("decisions_of", "decisions_of_kind"),),
}
"""For each act that removes a body's members, ends it or undoes its decisions:
the (ids, kinds) fields of a power's ``over`` that tell whether it reaches the body."""
_WORDS = {
    "recall": "power to recall its members",
    "sanction": "power to remove its members from office",
    "dissolve_body": "power to dissolve it",
    "decide_appeal": "power to decide appeals from its decisions",
}
_BASES = ("votes_cast", "present_entitled", "present", "seats_filled", "seats")
"""Bases of a threshold, from the most lenient to the strictest."""


def clauses_after(before: ClauseSet, amendment: Amendment) -> ClauseSet:
    """The clauses in force once an amendment applies to ``before``."""
    dropped = set(amendment.repeal)
    kept = [c for c in before.clauses if c.id not in dropped]
    index = {c.id: i for i, c in enumerate(kept)}
    for clause in amendment.clauses:
        if clause.id in index:
            kept[index[clause.id]] = clause
        else:
            index[clause.id] = len(kept)
            kept.append(clause)
    return ClauseSet.build(tuple(kept), before.enforcement)


def _adopted(step: Step) -> Amendment | None:
    """The changes the act adopted, if it took effect as a final reading."""
    if not step.took_effect:
        return None
    adoption = step.world.adoptions.get(step.id)
    if adoption is None or not adoption.final:
        return None
    return adoption.amendment


# --- self_entrenchment ------------------------------------------------------------


@dataclass(frozen=True)
class _Check:
    """One way a holder holds a body to account, and the clause that provides it."""

    holder: ActorSelector
    how: str
    """A link's relation, or the act of a power that reaches the body."""
    clause: str

    def words(self, body: str) -> str:
        who = describe_actor(self.holder)
        if self.how in _WORDS:
            return f"the {_WORDS[self.how]} held by {who}"
        return f"{who} {self.how} {body}"


def _reaches(power: Power, act: str, body: str, kind: str) -> bool:
    """Whether a power of ``act`` runs over ``body`` (its members, its decisions)."""
    if act == "sanction" and power.when is not None:
        allowed = power.when.sanctions
        if allowed and "remove_from_office" not in allowed:
            return False
    over: TargetSelector | None = power.over
    if over is None:
        return True
    if over.persons in ("self", "non_member"):
        return False
    for ids, kinds in _REACH[act]:
        named, of_kind = getattr(over, ids), getattr(over, kinds)
        if (named and body not in named) or (of_kind and kind not in of_kind):
            return False
    return True


def _checks_on(
    clauses: ClauseSet, body: str, kind: str
) -> dict[tuple[str, str], _Check]:
    """Every way another holds ``body`` to account, by (holder, how)."""
    out: dict[tuple[str, str], _Check] = {}
    for clause, link in clauses.links:
        if link.relation in _HOLDING_LINKS and link.of == body and link.by != body:
            out.setdefault(
                (link.by, link.relation), _Check(link.by, link.relation, clause.id)
            )
    for clause in clauses.clauses:
        for power in clause.powers:
            if power.by == body:
                continue
            for act in power.acts:
                if act in _REACH and _reaches(power, act, body, kind):
                    key = (describe_actor(power.by), act)
                    out.setdefault(key, _Check(power.by, act, clause.id))
    for clause in clauses.clauses:
        for denial in clause.disabilities:
            for act in denial.acts:
                if act in _REACH and _reaches(denial, act, body, kind):
                    out.pop((describe_actor(denial.by), act), None)
    return out


Bar = tuple[tuple[Fraction, bool], int, int, Fraction, str | None]
"""How hard a vote is to win: threshold (a share, and whether it must be
exceeded), base (its rank in ``_BASES``), votes for needed, quorum (a share),
and the clause that sets the highest of them."""


def _bar(
    rules: list[tuple[Clause, DecisionRule]], holder: ActorSelector, act: str
) -> Bar:
    """How hard the holder's vote on ``act`` is to win, under these decision rules.

    With no rule, a majority of the votes cast (the engine's default).
    """
    threshold, base, min_for, quorum = (Fraction(1, 2), True), 0, 0, Fraction(0)
    clause: str | None = None
    for c, rule in rules:
        if rule.by is not None and rule.by != holder:
            continue
        if (
            act == "sanction"
            and rule.sanctions
            and "remove_from_office" not in rule.sanctions
        ):
            continue
        share = (
            (Fraction(1, 2), True)
            if rule.threshold == "majority"
            else (
                parse_fraction(rule.threshold),
                False,
            )
        )
        if share > threshold:
            threshold, clause = share, c.id
        if _BASES.index(rule.base) > base:
            base, clause = _BASES.index(rule.base), c.id
        if (rule.min_for or 0) > min_for:
            min_for, clause = rule.min_for or 0, c.id
        if isinstance(rule.quorum, str):
            q = (
                Fraction(1, 2)
                if rule.quorum == "majority"
                else parse_fraction(rule.quorum)
            )
            if q > quorum:
                quorum, clause = q, c.id
    return threshold, base, min_for, quorum, clause


def _stricter(before: Bar, after: Bar) -> bool:
    """Whether any part of the bar was raised (a head-count quorum is not compared)."""
    return (
        after[0] > before[0]
        or after[1] > before[1]
        or after[2] > before[2]
        or after[3] > before[3]
    )


def _lost_accountability(
    before: ClauseSet, after: ClauseSet, body: str, kind: str
) -> Iterator[tuple[str, str | None]]:
    """What the change takes away from those holding ``body`` to account, and where."""
    held, kept = _checks_on(before, body, kind), _checks_on(after, body, kind)
    compared: set[tuple[str, str]] = set()
    for key, check in held.items():
        if key not in kept:
            yield f"removes {check.words(body)}", check.clause
            continue
        act = "recall" if check.how == "recalls" else check.how
        bar_of = (describe_actor(check.holder), act)
        if act not in _REACH or act == "decide_appeal" or bar_of in compared:
            continue
        compared.add(bar_of)
        was = _bar(before.decision_rules.get(act, []), check.holder, act)
        now = _bar(after.decision_rules.get(act, []), check.holder, act)
        if _stricter(was, now):
            yield (
                f"makes {check.words(body)} harder to use (a stricter decision "
                f"rule on {act.replace('_', ' ')})",
                now[4],
            )
    for check in kept.values():
        new = after.get(check.clause)
        old = before.get(check.clause)
        rule = new.entrenched if new is not None else None
        if (
            isinstance(rule, Entrenchment)
            and rule.by
            and all(sel == body for sel in rule.by)
            and (old is None or old.entrenched != rule)
        ):
            yield (
                f"makes clause {check.clause}, by which {check.words(body)}, "
                f"changeable by {body} alone",
                check.clause,
            )
    # Accountability holders whose powers the body takes for itself.
    holders = {c.holder for c in held.values() if isinstance(c.holder, str)}
    for act, grants in after.grants.items():
        if any(p.by == body for _, p in before.grants.get(act, ())):
            continue
        mine = [c.id for c, p in grants if p.by == body]
        theirs = sorted(
            {
                p.by
                for _, p in before.grants.get(act, ())
                if isinstance(p.by, str) and p.by in holders
            }
        )
        if mine and theirs:
            yield (
                f"gives it the power to {act.replace('_', ' ')}, held by "
                f"{', '.join(theirs)}, which holds it to account",
                mine[0],
            )


_PRINCIPALS = frozenset({"membership", "convention"})
"""Kinds of body in whose name the organisation acts: nobody holds them to account."""


def _approvers(clauses: ClauseSet, body: str) -> set[str]:
    """Bodies whose taking part approves a change to the accountability of ``body``."""
    return {
        link.by
        for _, link in clauses.links
        if link.relation in _APPROVING_LINKS and link.of == body and link.by != body
    }


@invariant(
    "self_entrenchment",
    number=40,
    kind="safety",
    acts=("amend_rules",),
    guards="a board amending the bylaws to make itself removable only by itself, "
    "or taking the powers of those who hold it to account",
)
def self_entrenchment(step: Step, p: Params) -> Iterator[Finding]:
    """∀ a adopted by body b, unapproved: acc(b) after a ⊇ acc(b) before a.

    acc(b): what holds b to account in the clauses in force: an elects,
    recalls, audits or hears_appeals_from link over b held by another body;
    another's power reaching b to recall its members, remove them from
    office, dissolve it or decide appeals from it; the decision rules on using
    those powers; the clauses providing them changeable by others than b; the
    powers to act that only those holding b to account have. Taking from it:
    removing a link or power (or denying it), making the decision rule on
    using it stricter, entrenching the clause that provides it so that b alone
    may change it, or giving b a power only those holding it to account had.
    Approved: a body holding an elects or recalls link over b took a (alone,
    or in a joint meeting with b); a later ratification is not counted. The
    membership and the convention are principals, not agents: nobody holds
    them to account, so their changes are not counted. Terms
    of office are the organisation's (its seats), not the book's, so a term
    extended by amendment is not seen.
    """
    amendment = _adopted(step)
    world, actor = step.world, step.ctx.actor
    if amendment is None or not step.ctx.actor_is_body or actor not in world.bodies:
        return
    before = step.clauses
    after = clauses_after(before, amendment)
    taking_part = {actor, *world.bodies[actor].constituents}
    for body in sorted(taking_part):
        if body not in world.bodies or _approvers(before, body) & taking_part:
            continue
        if world.bodies[body].kind in _PRINCIPALS:
            # The members or their convention answer to no one above them:
            # a committee disciplining members one by one does not hold the
            # membership to account.
            continue
        lost = list(_lost_accountability(before, after, body, world.bodies[body].kind))
        if not lost:
            continue
        yield finding(
            f"{body} changed the rules over itself without those it answers to: "
            + "; ".join(what for what, _ in lost),
            step.id,
            body,
            *(clause for _, clause in lost),
        )


# --- amendment_protected ----------------------------------------------------------


def _is_amendment_rule(clause: Clause) -> bool:
    """Whether the clause says who may amend the rules, or how."""
    return (
        any("amend_rules" in p.acts for p in clause.powers)
        or any("amend_rules" in r.acts for r in clause.decides)
        or any(
            r.rule in ("readings", "text_notice") and "amend_rules" in r.acts
            for r in clause.requires
        )
    )


def _unmet(step: Step, clause: Clause) -> list[str]:
    """What the clause asks of a change to the rules that the act did not meet."""
    ctx = step.ctx
    out: list[str] = []
    named = [p.by for p in clause.powers if "amend_rules" in p.acts]
    named += [
        r.by for r in clause.decides if "amend_rules" in r.acts and r.by is not None
    ]
    if named and not any(actor_matches(sel, ctx) for sel in named):
        who = ", ".join(dict.fromkeys(describe_actor(sel) for sel in named))
        out.append(f"it leaves amending the rules to {who}, not {ctx.actor}")
    for rule in clause.decides:
        if "amend_rules" in rule.acts:
            out += [check for holds, check in count_vote(ctx, rule) if not holds]
    for req in clause.requires:
        if "amend_rules" not in req.acts or not applies(req, ctx):
            continue
        if req.rule == "readings":
            held = readings_held(ctx, req.count, req.days_between)
        elif req.rule == "text_notice":
            held = notice_of_text(ctx, req.days)
        else:
            continue
        out += [check for holds, check in held if not holds]
    out += [
        r.check
        for r in entrenchment_reasons(ctx)
        if r.clause == clause.id and not r.holds
    ]
    return list(dict.fromkeys(out))


@invariant(
    "amendment_protected",
    number=41,
    kind="safety",
    acts=("amend_rules",),
    guards="the amendment clause itself rewritten by a board, or the bar for the "
    "next change lowered under the lower bar",
)
def amendment_protected(step: Step, p: Params) -> Iterator[Finding]:
    """∀ a adopted changing a clause c of amend(R): a meets what c asks.

    amend(R): the clauses granting amend_rules or holding a decision rule, a
    readings or a text_notice requirement on it; a clause whose entrenchment a
    changes counts too. What c asks, judged by the clauses before a: that one
    of those it gives the power (or whose vote it counts) takes a, that the
    recorded vote meets its decision rules, that its readings and notice of
    the text were held, and all its entrenchment demands. A change that
    lowers the bar is thus judged by the bar it lowers.
    """
    amendment = _adopted(step)
    if amendment is None:
        return
    act = step.ctx.act_as(AmendRules)
    before = step.clauses
    after = clauses_after(before, amendment)
    for ident in dict.fromkeys((*(c.id for c in act.replace), *act.repeal)):
        old, new = before.get(ident), after.get(ident)
        if old is None or old == new:
            continue
        entrenchment_changed = isinstance(old.entrenched, Entrenchment) and (
            new is None or new.entrenched != old.entrenched
        )
        if _is_amendment_rule(old):
            what = f"clause {ident}, which rules amendment,"
        elif entrenchment_changed:
            what = f"the entrenchment of clause {ident}"
        else:
            continue
        unmet = _unmet(step, old)
        if unmet:
            yield finding(
                f"{step.ctx.actor} changed {what} by less than it asks: "
                + "; ".join(unmet),
                step.id,
                ident,
            )
