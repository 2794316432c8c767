"""Decision rules: quorum after recusals and thresholds by kind of act."""

from __future__ import annotations

from fractions import Fraction

from govsim.engine.context import ActContext
from govsim.engine.meetings import MeetingRecord
from govsim.engine.powers import actor_matches
from govsim.model.rulebook import DecisionRule, parse_fraction

__all__ = ["count_vote"]


def _quorum(
    rule: DecisionRule, record: MeetingRecord, size: int
) -> tuple[bool, str] | None:
    if rule.quorum is None:
        return None
    conflicted = set(record.conflicted_ids)
    counted = [
        p for p in record.participants if rule.count_conflicted or p not in conflicted
    ]
    if isinstance(rule.quorum, int):
        needed = rule.quorum
    elif rule.quorum == "majority":
        needed = size // 2 + 1
    else:
        needed = int(-(-parse_fraction(rule.quorum) * size // 1))
    # A share of no seats is no one; a body nobody sits on cannot decide.
    needed = max(needed, 1)
    return (
        len(counted) >= needed,
        f"quorum: {_present(len(counted), rule)}, {needed} needed",
    )


def _threshold(
    rule: DecisionRule, record: MeetingRecord, size: int
) -> tuple[bool, str]:
    yes, no = record.yes, record.no
    conflicted = set(record.conflicted_ids)
    if not rule.count_conflicted and record.yes_voters is not None:
        # Named votes of conflicted members are not counted; bare counts cannot be split.
        yes = sum(p not in conflicted for p in record.yes_voters)
        no = sum(p not in conflicted for p in record.no_voters or ())
    base = {"votes_cast": yes + no, "present": len(record.participants), "seats": size}[
        rule.base
    ]
    if not rule.count_conflicted and rule.base == "present":
        base -= len(record.conflicted_ids)
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
    source = (
        ""
        if record.tallied
        else " (no tally recorded: taken as carried by those present)"
    )
    return ok, f"threshold: {_tally(yes, base, rule)}, {need} required{source}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _present(n: int, rule: DecisionRule) -> str:
    """``n`` members present, saying so when conflicted members were left out."""
    after = "" if rule.count_conflicted else " after recusals"
    return f"{_count(n, 'member')} present{after}"


def _tally(yes: int, base: int, rule: DecisionRule) -> str:
    """The votes for and what they are counted against, as the reason says them.

    For example "3 votes for out of 5 members present after recusals"; the
    recusals are named as the quorum names them, when conflicted members do
    not count.
    """
    if rule.base == "votes_cast":
        against = f"{_count(base, 'vote')} cast"
    elif rule.base == "present":
        against = _present(base, rule)
    else:
        against = _count(base, "seat")
    return f"{_count(yes, 'vote')} for out of {against}"


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
    body = ctx.world.bodies[ctx.actor]
    size = body.size or len(record.seats)
    out: list[tuple[bool, str]] = []
    quorum = _quorum(rule, record, size)
    if quorum is not None:
        out.append(quorum)
    out.append(_threshold(rule, record, size))
    return out
