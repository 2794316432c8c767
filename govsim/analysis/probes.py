"""Probe acts: which to try from a situation, and judging them quickly.

A probe is one act of the vocabulary by one actor, tried after a prepared
situation. Its fields take every option the vocabulary offers there, with
three reductions that keep the number of probes in the thousands rather than
the millions without hiding a difference between the books:

- persons in target fields are the cast's (parties, a plain member, a
  non-member, a holder of each seat a target selector names), not everyone;
- detail fields (scope, basis, dates, vote forms) keep their first option
  unless the two books provide differently for the act kind (or, for the vote
  form, unless a decision rule counts its votes). When they vary, a word no
  provision mentions stands for every such word; dates and numbers vary only
  where a provision reads them, at most two fields at a time, against every
  combination of the words — enough for a grant that asks for a scope, a
  ground, a length and a review date at once;
- the days :mod:`govsim.analysis.timing` picks: the next day, the first day
  each book's notice and hearing periods are met, the day after each appeal
  window closes.

Judging replays the situation once per book and performs probes on that
replay in turn. A void act changes nothing, so the replay stays as the
situation left it and serves the next probe; one that takes effect spoils it,
and the next probe gets a fresh replay. Probes are tried in increasing gap
order, since a replay cannot go back in time.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from govsim.analysis.cast import clause_sets
from govsim.analysis.situations import Situation, replay_steps
from govsim.engine.trace import ActRecord, Verdict
from govsim.model.clauses import ResolvedBook
from govsim.probing.trial import Design, Trial
from govsim.probing.vocabulary import Ledger, Offset, build, slots

__all__ = ["Prober", "differs", "moves", "provisions_for", "touches", "voted"]

Values = tuple[tuple[str, Any], ...]


def _only(item: BaseModel, kind: str) -> str:
    """A provision as text, narrowed to one act kind (so other acts do not count)."""
    return item.model_copy(update={"acts": (kind,)}).model_dump_json()


def provisions_for(book: ResolvedBook, kind: str) -> str:
    """What a book provides for one act kind, in every epoch, as comparable text.

    Grants, denials, requirements (with their enforcement) and decision rules
    (with theirs), each narrowed to ``kind``: two books whose texts are equal
    judge an act of that kind alike on the same state.
    """
    parts = []
    for s in clause_sets(book):
        grants = [_only(p, kind) for _, p in s.grants.get(kind, ())]
        denials = [_only(p, kind) for _, p in s.denials.get(kind, ())]
        rules = [
            (_only(r, kind), s.enforcement_of(c))
            for group in (s.requirements, s.decision_rules)
            for c, r in group.get(kind, ())
        ]
        parts.append(repr((grants, denials, rules)))
    return "|".join(parts)


def differs(a: ResolvedBook, b: ResolvedBook, kind: str) -> bool:
    """Whether the books provide differently for ``kind`` (see :func:`provisions_for`)."""
    return provisions_for(a, kind) != provisions_for(b, kind)


def voted(a: ResolvedBook, b: ResolvedBook, kind: str) -> bool:
    """Whether either book counts votes on ``kind`` with a decision rule."""
    return any(s.decision_rules.get(kind) for x in (a, b) for s in clause_sets(x))


def touches(values: Values, focus: frozenset[str]) -> bool:
    """Whether any field of a probe names one of the ids in ``focus``."""
    for _, value in values:
        items = value if isinstance(value, tuple) else (value,)
        if any(isinstance(v, str) and v in focus for v in items):
            return True
    return False


def moves(
    kind: str,
    by: str,
    ledger: Ledger,
    targets: tuple[str, ...],
    *,
    details: str | None,
    votes: bool,
) -> Iterator[Values]:
    """Every probe of ``kind`` by ``by`` from the ledger's state (module docstring).

    Args:
        kind: the act kind.
        by: the person or body acting.
        ledger: what the situation has introduced.
        targets: the persons tried in target fields.
        details: the text of what both books provide for ``kind`` when they
            differ (detail fields then vary), ``None`` when they do not.
        votes: whether to try a split vote besides the default.
    """
    persons = set(ledger.organisation.persons)
    kept = set(targets)

    def person_ok(option: Any) -> bool:
        value = option[0] if isinstance(option, tuple) and len(option) == 1 else option
        return not (isinstance(value, str) and value in persons and value not in kept)

    def fill(chosen: dict[str, Any], moved: int) -> Iterator[Values]:
        slot = slots(kind, ledger, chosen)
        if slot is None:
            yield tuple(chosen.items())
            return
        options = tuple(o for o in slot.options if person_ok(o))
        if slot.name == "vote":
            options = (
                tuple(o for o in options if o in (None, "split"))
                if votes
                else options[:1]
            )
        elif slot.detail:
            options = _classes(slot.name, options, details)
        for i, option in enumerate(options):
            # Dates, numbers and flags vary two fields at a time (module docstring).
            measured = slot.detail and i > 0 and not isinstance(option, str)
            if not (measured and moved > 1):
                yield from fill({**chosen, slot.name: option}, moved + measured)

    first = slots(kind, ledger, {})
    if first is not None and by in first.options:
        yield from fill({"by": by}, 0)


_MEASURES: dict[str, tuple[str, re.Pattern[str] | None]] = {
    "expires_at": ('"max_days"', re.compile(r'"max_days":(\d+)')),
    "review_at": ('"review_within_days"', re.compile(r'"review_within_days":(\d+)')),
    "days": ('"max_days"', None),
    "notice_days": (
        '"meeting_notice"',
        re.compile(r'"meeting_notice"[^}]*"days":(\d+)'),
    ),
    "supporters": ('"supporters"', re.compile(r'"minimum":(\d+)')),
}
"""Detail fields holding a date or a number, the provision key that reads them,
and the counts in provisions to try them at (a cap of 30 days: 30 days on)."""


def _classes(
    name: str, options: tuple[Any, ...], mentioned: str | None
) -> tuple[Any, ...]:
    """One option per way the books can tell detail values apart.

    A word no provision mentions is treated like any other unmentioned word,
    so the first option, the first unmentioned word and every mentioned word
    stand for them all. A date or number is tried only where a provision
    reads it (:data:`_MEASURES`): then at every option and at each count the
    books state. Other flags and dates keep their first option.
    """
    if mentioned is None or not options:
        return options[:1]
    spoken = [o for o in options if isinstance(o, str) and f'"{o}"' in mentioned]
    unspoken = [o for o in options if isinstance(o, str) and o not in spoken]
    other: list[Any] = []
    key, counts = _MEASURES.get(name, ("", None))
    if key and key in mentioned:
        other = [o for o in options if not isinstance(o, str)]
        found = sorted({int(n) for n in counts.findall(mentioned)}) if counts else []
        dated = any(isinstance(o, Offset) for o in options)
        other += [Offset(n) if dated else n for n in found]
    return tuple(dict.fromkeys([options[0], *unspoken[:1], *spoken, *other]))


def _fork(ledger: Ledger, extra: int) -> Ledger:
    """A copy of a ledger whose next act id is ``extra`` further on."""
    return Ledger(
        ledger.organisation,
        ledger.count + extra,
        dict(ledger.cases),
        dict(ledger.acts),
        list(ledger.mandates),
        list(ledger.proposals),
        list(ledger.created),
    )


@dataclass
class Prober:
    """Judges probes under one book after one situation (module docstring)."""

    design: Design
    start: dt.date
    situation: Situation | None = None
    replays: int = 0
    """Replays of situations made, fresh ones after a probe took effect included."""
    _trial: Trial | None = field(default=None, repr=False)
    _ledger: Ledger | None = field(default=None, repr=False)
    _used: int = 0

    def enter(self, situation: Situation) -> Ledger:
        """Start probing from ``situation``; return its ledger for choosing probes."""
        self.situation = situation
        self._trial = None
        self._ledger = self._replay().ledger
        return self._ledger

    def _replay(self) -> Trial:
        assert self.situation is not None
        self.replays += 1
        self._trial = replay_steps(self.design, self.start, self.situation.steps)
        self._used = 0
        return self._trial

    def judge(self, kind: str, values: Values, gap: int) -> ActRecord:
        """The record of one probe, ``gap`` days after the situation's last act."""
        assert self._ledger is not None
        trial = self._trial
        day = self._ledger_day() + dt.timedelta(days=gap)
        if trial is None or trial.session.cal.date(int(trial.session.env.now)) > day:
            trial = self._replay()
        self._used += 1
        session = trial.session
        number = session.cal.day(day)
        act_id, act = build(
            kind,
            dict(values),
            day,
            _fork(self._ledger, self._used - 1),
            lambda body: session.world.holders(body, number),
        )
        record = session.perform(act_id, act)
        if record.verdict != Verdict.VOID:
            self._trial = None
        return record

    def _ledger_day(self) -> dt.date:
        assert self.situation is not None
        return self.start + dt.timedelta(days=sum(s.gap for s in self.situation.steps))
