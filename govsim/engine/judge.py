"""Judging one act: dependencies, facts, power, requirements, votes → a verdict.

The order is fixed and every step leaves reasons: an act depending on a void
act is void; an act whose facts fail (resigning a seat one does not hold) is
void; an act without power is void; otherwise each requirement in force is
checked, a broken regimented one voids the act and a broken audited one makes
it irregular. Requirements are checked even for acts already void, so the
explanation says everything that was wrong.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from govsim.engine.acts.base import Handler
from govsim.engine.checks import Severed, applies, checker_of
from govsim.engine.context import ActContext
from govsim.engine.counting import count_vote
from govsim.engine.powers import PowerOutcome, check_power
from govsim.engine.trace import Reason, Verdict, Violation
from govsim.model.rulebook import DecisionRule

__all__ = ["STRUCTURAL_RULES", "Judgement", "judge"]


@dataclass(frozen=True)
class Judgement:
    """The verdict on one act, its reasons, the violations, and the empowering grant."""

    verdict: Verdict
    reasons: tuple[Reason, ...]
    violations: tuple[Violation, ...]
    power: PowerOutcome | None


def _dependencies(ctx: ActContext, handler: Handler) -> list[Reason]:
    out = []
    refs = handler.depends_on(ctx)
    if ctx.meeting is not None and ctx.meeting.call is not None:
        # The business of a meeting whose call was void is void.
        refs = [*refs, ctx.meeting.call]
    for ref in refs:
        verdict = ctx.verdicts.get(ref)
        if verdict == Verdict.VOID:
            out.append(
                Reason(
                    check=f"depends on act {ref}, which is void",
                    holds=False,
                    rule="dependency",
                )
            )
    return out


def _requirements(ctx: ActContext) -> list[Reason]:
    out: list[Reason] = []
    clauses = ctx.clauses
    governing = clauses.requirements.get(ctx.kind, ())
    if ctx.meeting is not None:
        out += [
            Reason(check=note, holds=True, rule="meeting") for note in ctx.meeting.notes
        ]
        if clauses.meeting_rules and ctx.kind != "convene":
            # Calling a meeting is not business of a meeting: it needs no notice.
            governing = (*governing, *clauses.meeting_rules)
    for clause, req in governing:
        if not applies(req, ctx):
            continue
        enforcement = clauses.enforcement_of(clause)
        for item in checker_of(req.rule)(ctx, req):
            holds, check = item
            out.append(
                Reason.cite(
                    clause,
                    check,
                    holds=holds,
                    rule=req.rule,
                    enforcement="audited" if isinstance(item, Severed) else enforcement,
                )
            )
    if ctx.meeting is not None:
        governed = False
        for clause, rule in clauses.decision_rules.get(ctx.kind, ()):
            enforcement = clauses.enforcement_of(clause)
            for holds, check in count_vote(ctx, rule):
                governed = True
                out.append(
                    Reason.cite(
                        clause,
                        check,
                        holds=holds,
                        rule="decision_rule",
                        enforcement=enforcement,
                    )
                )
        if not governed:
            out += _default_majority(ctx)
    return out


def _default_majority(ctx: ActContext) -> list[Reason]:
    """With no decision rule for the act, a recorded vote must still be won.

    The test is the common manuals' default, a majority of the votes cast,
    counted as a book's own ``decides`` rule with no other key would count it
    (abstentions are not votes cast; a conflicted member's named vote is left
    out), and a lost vote is judged as a lost vote under such a rule is: by
    the book's enforcement (under ``audited``, the result declared stands until
    set aside and the breach is recorded; under ``regimented``, it is void).
    Writing the default into the book never makes a verdict more lenient.
    """
    record = ctx.meeting
    # Only a vote recorded is counted: a proceeding (a hearing) takes none, and
    # with no vote recorded the act is taken as carried (docs/defaults.md).
    if record is None or not record.tallied or ctx.act_field("vote") is None:
        return []
    # When everyone entitled is conflicted, no one else can decide: their
    # votes count, as the engine takes them all to have voted with no tally.
    necessity = bool(record.entitled) and set(record.entitled) <= set(
        record.conflicted_ids
    )
    rule = DecisionRule(acts=(ctx.kind,), count_conflicted=necessity)
    out: list[Reason] = []
    for holds, counted in count_vote(ctx, rule):
        check = (
            f"{counted}; every member entitled to vote is conflicted, so their "
            "votes are counted"
            if necessity
            else counted
        )
        if holds:
            said = f"no decision rule of the book governs this act: carried by the default, a majority of the votes cast ({check})"
        else:
            said = f"the motion was not carried by the default, a majority of the votes cast, which governs this act as the book has no decision rule for it ({check})"
        out.append(
            Reason(
                check=said,
                holds=holds,
                rule="decision_rule",
                enforcement=None if holds else ctx.clauses.enforcement,
            )
        )
    return out


def judge(ctx: ActContext, handler: Handler, notes: Sequence[Reason] = ()) -> Judgement:
    """Give the act exactly one verdict, with every reason that decided it.

    ``notes``: reasons found before judging (which version of the rules
    reaches the act's case), listed first.
    """
    reasons = [*notes, *_dependencies(ctx, handler)]
    case_id = ctx.act_field("case")
    if case_id and ctx.kind != "file_complaint" and case_id not in ctx.world.cases:
        reasons.append(
            Reason(
                check=f"case {case_id} was never validly opened",
                holds=False,
                rule="fact",
            )
        )
    body = ctx.world.bodies.get(ctx.actor)
    # After the organisation's own dissolution its organs may still act to wind
    # it up; a body dissolved (or disaffiliated) on its own may not.
    if body is not None and not body.active and not ctx.world.dissolved:
        reasons.append(
            Reason(check=f"{ctx.actor} no longer sits", holds=False, rule="fact")
        )
    for holds, check in handler.preconditions(ctx):
        reasons.append(Reason(check=check, holds=holds, rule="fact"))
    power: PowerOutcome | None = None
    if handler.needs_power:
        power = check_power(ctx)
        reasons += power.reasons
        grant, clause = power.grant, power.clause
        if grant is not None and clause is not None and grant.standing == "implied":
            reasons.append(
                Reason.cite(
                    clause,
                    "the power is only implied by practice; competence is unclear",
                    holds=False,
                    rule="competence",
                    enforcement="audited",
                )
            )
    checked = _requirements(ctx) + handler.rules(ctx)
    if not handler.needs_power:
        # Conduct is judged only by the clauses that restrict it: say so, and
        # say when none does, so that no verdict stands without a reason.
        what = ctx.kind.replace("_", " ")
        reasons.append(
            Reason(
                check=f"conduct: no power is needed to {what}",
                holds=True,
                rule="conduct",
            )
        )
        if not any(r.clause is not None for r in checked):
            checked.append(
                Reason(
                    check=f"no clause of the book restricts who may {what}",
                    holds=True,
                    rule="conduct",
                )
            )
    reasons += checked
    return _decide(ctx, reasons, power)


_UNCITED = frozenset({"power", "decision_rule", "transitional", "retroactive"})
"""Failing rules recorded as violations though no clause decides them."""

STRUCTURAL_RULES = frozenset({"dependency", "fact", "power", "delegation"})
"""Rules whose failure leaves the act without legal existence, whatever the book.

Public so that a view of a verdict can name the reason that decided it."""


def _decide(
    ctx: ActContext, reasons: list[Reason], power: PowerOutcome | None
) -> Judgement:
    """The verdict from the reasons, and the violations the failing ones record."""
    failing = [r for r in reasons if not r.holds]
    if not failing:
        # Most acts in a simulation break nothing: no violations to build.
        return Judgement(Verdict.VALID, tuple(reasons), (), power)
    broken = [r for r in failing if r.enforcement is not None]
    if any(r.rule in STRUCTURAL_RULES for r in failing) or any(
        r.enforcement == "regimented" for r in broken
    ):
        verdict = Verdict.VOID
    elif broken:
        verdict = Verdict.IRREGULAR
    else:
        verdict = Verdict.VALID
    took_effect = verdict != Verdict.VOID
    violations = tuple(
        Violation(
            at=ctx.date,
            act=ctx.act_id,
            clause=r.clause,
            rule=r.rule,
            message=r.check,
            enforcement=r.enforcement or "regimented",
            took_effect=took_effect,
        )
        for r in failing
        # A default the engine applies (a majority of the votes cast), and
        # an amendment's own transitional terms, are recorded too, with no
        # clause to cite.
        if r.clause is not None or r.rule in _UNCITED
    )
    return Judgement(verdict, tuple(reasons), violations, power)
