"""Decision rules: quorum after recusals and thresholds on a chosen base.

Every count reads the one :class:`~govsim.engine.meetings.MeetingRecord` of
the act, so the quorum, the tally and the impartiality checks agree on who was
there. Abstentions follow the common manuals: they are not votes cast, so on
the base ``votes_cast`` they count for nothing, and on every other base (those
present, seats) they weigh like votes against.
"""

from __future__ import annotations

from fractions import Fraction

from govsim.engine.attendance import sitting
from govsim.engine.conflicts import conflicts_of
from govsim.engine.context import ActContext
from govsim.engine.meetings import MeetingRecord
from govsim.engine.powers import actor_matches
from govsim.model.rulebook import DecisionRule, parse_fraction

__all__ = ["count_vote"]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _able(ctx: ActContext, record: MeetingRecord) -> int:
    """Members able to act on it: may sit, not recused, not conflicted (away or not)."""
    case = ctx.case
    able = sitting(ctx.world, ctx.day, record.seats, ctx.actor, away=False)
    if case is None:
        return len(able)
    return sum(
        1
        for p in able
        if p not in case.recused
        and not conflicts_of(
            p, case, ctx.world, ctx.day, rules=ctx.clauses.conflict_rules
        )
    )


def _effective(
    ctx: ActContext, rule: DecisionRule, record: MeetingRecord
) -> tuple[DecisionRule, str]:
    """The rule, or its first exception whose condition holds, and why."""
    for exception in rule.exceptions:
        when = exception.when
        if when.filled_at_most is not None and len(record.seats) > when.filled_at_most:
            continue
        if when.able_at_most is not None:
            able = _able(ctx, record)
            if able > when.able_at_most:
                continue
            why = (
                f" ({_count(able, 'member')} able to act, at most {when.able_at_most})"
            )
        else:
            why = f" ({_count(len(record.seats), 'seat')} filled, at most {when.filled_at_most})"
        changes = {
            key: value
            for key in ("quorum", "threshold", "base", "min_for")
            if (value := getattr(exception, key)) is not None
        }
        return rule.model_copy(update=changes), why
    return rule, ""


def _voters(
    record: MeetingRecord, names: tuple[str, ...] | None, rule: DecisionRule
) -> int:
    """Named votes that count: by members entitled to vote, the conflicted only if allowed."""
    if names is None:
        return 0
    entitled = set(record.entitled)
    conflicted = set() if rule.count_conflicted else set(record.conflicted_ids)
    return sum(1 for p in names if p in entitled and p not in conflicted)


def _entitled_present(record: MeetingRecord, rule: DecisionRule) -> int:
    """Members present and entitled to vote, the conflicted left out unless allowed."""
    if not record.named:
        return record.headcount
    if rule.count_conflicted:
        return len(record.entitled)
    return len(record.entitled) - len(record.conflicted_ids)


def _quorum(
    rule: DecisionRule, record: MeetingRecord, size: int
) -> tuple[bool, str] | None:
    if rule.quorum is None:
        return None
    counted = _entitled_present(record, rule)
    of = size if rule.quorum_of == "seats" else len(record.seats)
    if isinstance(rule.quorum, int):
        needed = rule.quorum
    elif rule.quorum == "majority":
        needed = of // 2 + 1
    else:
        needed = int(-(-parse_fraction(rule.quorum) * of // 1))
    # A share of no seats is no one; a body nobody sits on cannot decide.
    needed = max(needed, 1)
    after = "" if rule.count_conflicted or not record.named else " after recusals"
    return (
        counted >= needed,
        f"quorum: {_count(counted, 'member')} present{after}, {needed} needed",
    )


def _threshold(
    rule: DecisionRule, record: MeetingRecord, size: int
) -> tuple[bool, str]:
    yes, no = record.yes, record.no
    if record.yes_voters is not None:
        yes = _voters(record, record.yes_voters, rule)
        no = _voters(record, record.no_voters, rule)
    entitled = _entitled_present(record, rule)
    if rule.base == "votes_cast":
        base, against = yes + no, f"{_count(yes + no, 'vote')} cast"
    elif rule.base == "present":
        base = len(record.entitled) if record.named else record.headcount
        against = f"{_count(base, 'member')} present"
    elif rule.base == "present_entitled":
        base = entitled
        against = f"{_count(base, 'member')} present and entitled to vote"
    elif rule.base == "seats":
        base, against = size, _count(size, "seat")
    else:
        base = len(record.seats)
        against = f"{_count(base, 'seat')} filled"
    fraction = parse_fraction(rule.threshold)
    if rule.threshold == "majority":
        ok = base > 0 and yes * 2 > base
        need = "more than half"
    elif fraction == 1:
        ok = base > 0 and yes == base and no == 0
        need = "all"
    else:
        ok = base > 0 and Fraction(yes, 1) >= fraction * base
        need = f"at least {rule.threshold}"
    if rule.min_for is not None:
        ok = ok and yes >= rule.min_for
        need += f" and at least {rule.min_for} for"
    return ok, f"threshold: {_count(yes, 'vote')} for out of {against}, {need} required"


def count_vote(ctx: ActContext, rule: DecisionRule) -> list[tuple[bool, str]]:
    """Judge the meeting record against one decision rule, if it governs the act."""
    record = ctx.meeting
    if record is None:
        return []
    if rule.by is not None and not actor_matches(rule.by, ctx):
        return []
    sanction = ctx.act_field("sanction")
    if rule.sanctions and sanction not in rule.sanctions:
        return []
    rule, why = _effective(ctx, rule, record)
    body = ctx.world.bodies[ctx.actor]
    # A body whose seats are not recorded is at least as large as its attendance.
    size = body.size or max(len(record.seats), record.headcount)
    out: list[tuple[bool, str]] = []
    quorum = _quorum(rule, record, size)
    if quorum is not None:
        out.append((quorum[0], quorum[1] + why))
    holds, check = _threshold(rule, record, size)
    out.append((holds, check + (why if quorum is None else "")))
    return out
