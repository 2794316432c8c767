"""What it takes to change the rules: readings, notice of the text, entrenchment.

An ``amend_rules`` act is judged like any act (a power, the book's
requirements and decision rules); this module adds what changing the rules
asks beyond that. The book's ``readings`` and ``text_notice`` requirements
are checked here, and so is every ``entrenched`` clause the act would
replace or repeal: a clause reserved to some body, or needing a higher
threshold, more readings or longer notice of the text. Entrenchment is
always regimented: an act that does not meet it changes nothing, since a
clause that ordinary amendment could override would not be entrenched.
"""

from __future__ import annotations

from typing import Any

from govsim.engine.checks import Check, checker
from govsim.engine.context import ActContext
from govsim.engine.counting import count_vote
from govsim.engine.derogation import touched_in_substance
from govsim.engine.powers import actor_matches
from govsim.engine.state import Adoption
from govsim.engine.trace import Reason
from govsim.model.acts import AmendRules
from govsim.model.rulebook import Clause, DecisionRule, Entrenchment
from govsim.model.selectors import describe_actor

__all__ = ["entrenchment_reasons", "notice_of_text", "readings_held"]


def _same_changes(reading: Adoption, act: AmendRules) -> bool:
    """Whether a reading was of the changes the act puts to the vote.

    The same clauses, by id and text, and the same repeals, in any order and
    whether listed as added or reworded (the book may have changed between
    readings, so a text read as new may now replace a clause).
    """
    changes = reading.amendment
    read = {c.id: c for c in changes.clauses}
    voted = {c.id: c for c in (*act.add, *act.replace)}
    return read == voted and set(changes.repeal) == set(act.repeal)


def _earlier_readings(ctx: ActContext) -> tuple[list[Adoption], list[str]]:
    """The chain of readings the act names, nearest first, and what is wrong with it."""
    act = ctx.act_as(AmendRules)
    chain: list[Adoption] = []
    problems: list[str] = []
    ref = act.first_reading
    seen: set[str] = set()
    while ref is not None and ref not in seen:
        seen.add(ref)
        reading = ctx.world.adoptions.get(ref)
        if reading is None:
            problems.append(f"reading {ref} did not take effect")
            break
        if reading.final:
            problems.append(f"act {ref} adopted changes; it is not a reading")
            break
        if reading.by != ctx.actor:
            problems.append(f"reading {ref} was held by {reading.by}, not {ctx.actor}")
            break
        chain.append(reading)
        ref = reading.first_reading
    return chain, problems


def readings_held(
    ctx: ActContext, count: int, days_between: int
) -> list[tuple[bool, str]]:
    """Whether ``count`` readings, this one included, preceded the adoption."""
    act = ctx.act_as(AmendRules)
    if act.reading == "first":
        return [(True, f"a first reading ({count} readings needed to adopt)")]
    chain, problems = _earlier_readings(ctx)
    if problems:
        return [(False, f"{count} readings needed: {problems[0]}")]
    differing = [r.act for r in chain if not _same_changes(r, act)]
    if differing:
        return [
            (
                False,
                f"{count} readings needed, and reading {differing[0]} was of "
                "other changes",
            )
        ]
    held = len(chain) + 1
    if held < count:
        named = "no earlier reading is named" if not chain else f"only {held} held"
        return [(False, f"{count} readings needed; {named}")]
    days = [ctx.day, *(r.day for r in chain)]
    gaps = [days[i] - days[i + 1] for i in range(len(days) - 1)]
    if days_between and gaps and min(gaps) < days_between:
        return [
            (
                False,
                f"{count} readings held, but {min(gaps)} days apart "
                f"({days_between} needed between readings)",
            )
        ]
    return [(True, f"{held} readings held ({count} needed)")]


def notice_of_text(ctx: ActContext, days: int) -> list[tuple[bool, str]]:
    """Whether the text was known ``days`` whole days before its adoption."""
    act = ctx.act_as(AmendRules)
    if act.reading == "first":
        return [(True, "a first reading gives notice of the text; it adopts nothing")]
    given: list[tuple[int, str]] = []
    if act.proposal is not None:
        prop = ctx.world.proposals.get(act.proposal)
        if prop is not None and isinstance(prop.get("day"), int):
            day = prop["day"]
            assert isinstance(day, int)
            given.append((day, f"proposal {act.proposal}"))
    chain, _ = _earlier_readings(ctx)
    given += [(r.day, f"first reading {r.act}") for r in chain]
    call = ctx.meeting_call()
    if call is not None:
        meeting = ctx.world.meetings.get(call.meeting)
        named = {ctx.act_id, act.proposal} - {None}
        if meeting is not None and named & set(meeting.agenda):
            given.append((meeting.called, f"the call of meeting {meeting.id}"))
    if not given:
        return [
            (
                False,
                f"no notice of the text: {days} days needed, from a proposal, a "
                "first reading or a meeting called with it on the agenda",
            )
        ]
    day, how = min(given)
    held = ctx.day - day
    date = ctx.calendar.date(day).isoformat()
    return [
        (
            held >= days,
            f"notice of the text by {how} on {date}: {held} days ({days} needed)",
        )
    ]


@checker("readings")
def _readings(ctx: ActContext, req: Any) -> list[Check]:
    if not isinstance(ctx.act, AmendRules):
        return []
    return readings_held(ctx, req.count, req.days_between)


@checker("text_notice")
def _text_notice(ctx: ActContext, req: Any) -> list[Check]:
    if not isinstance(ctx.act, AmendRules):
        return []
    return notice_of_text(ctx, req.days)


def _entrenchment_of(clause: Clause) -> Entrenchment | None:
    entrenched = clause.entrenched
    return entrenched if isinstance(entrenched, Entrenchment) else None


def entrenchment_reasons(ctx: ActContext) -> list[Reason]:
    """What each entrenched clause the act replaces or repeals asks, checked.

    A clause merely marked ``entrenched: true`` asks nothing here: the power
    to amend says whether it reaches entrenched clauses.
    """
    act = ctx.act_as(AmendRules)
    if act.reading == "first":
        return []
    out: list[Reason] = []
    named = act.touched()
    derogated = touched_in_substance((*act.add, *act.replace), ctx.clauses, named)
    for clause_id in (*(c.id for c in act.replace), *act.repeal, *derogated):
        clause = ctx.clauses.get(clause_id)
        if clause is None:
            continue
        rule = _entrenchment_of(clause)
        if rule is None:
            continue
        checks: list[tuple[bool, str]] = []
        if clause_id in derogated:
            new, kind = derogated[clause_id]
            checks.append(
                (
                    True,
                    f"clause {new} provides for {kind}, which entrenched clause "
                    f"{clause_id} provides for: it changes clause {clause_id} in "
                    "substance, and must meet its entrenchment",
                )
            )
        if rule.by:
            allowed = any(actor_matches(sel, ctx) for sel in rule.by)
            who = ", ".join(describe_actor(sel) for sel in rule.by)
            checks.append(
                (
                    allowed,
                    f"clause {clause.id} is reserved to {who}"
                    + ("" if allowed else f": {ctx.actor} may not change it"),
                )
            )
        if (rule.threshold or rule.quorum) and ctx.meeting is not None:
            decision = DecisionRule(
                acts=("amend_rules",),
                threshold=rule.threshold or "majority",
                base=rule.base,
                quorum=rule.quorum,
            )
            checks += [
                (holds, f"to change entrenched clause {clause.id}: {check}")
                for holds, check in count_vote(ctx, decision)
            ]
        elif rule.threshold or rule.quorum:
            checks.append(
                (
                    False,
                    f"clause {clause.id} is changed only by a vote "
                    f"({rule.threshold or 'a quorum'}), and {ctx.actor} took none",
                )
            )
        if rule.readings > 1:
            checks += [
                (holds, f"to change entrenched clause {clause.id}: {check}")
                for holds, check in readings_held(ctx, rule.readings, rule.days_between)
            ]
        if rule.notice_days is not None:
            checks += [
                (holds, f"to change entrenched clause {clause.id}: {check}")
                for holds, check in notice_of_text(ctx, rule.notice_days)
            ]
        out += [
            Reason.cite(
                clause,
                check,
                holds=holds,
                rule="entrenchment",
                enforcement="regimented",
            )
            for holds, check in checks
        ]
    return out
