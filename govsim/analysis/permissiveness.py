"""Which book lets more happen: per act kind and actor, with witnesses.

For each act kind and actor — a body, or a person acting as ``member``,
``party`` or ``anyone`` — probes (:mod:`govsim.analysis.probes`) are judged
under both books from the same prepared situations. Verdicts are ordered by
permissiveness, valid > irregular > void, so a probe valid under A and void
under B shows B *less* permissive. Over all probes of a kind and actor, B is

- ``more`` or ``less`` permissive when every differing probe leans one way,
- ``incomparable`` when some lean each way,
- ``equivalent`` when none differ — which means no difference was found in
  that many probes, not that none exists,
- ``untested`` when no situation lets the act be built, or when every probe
  was void under both books (a procedure the probes cannot complete, such as
  an expulsion after long notice and a hearing, compares nothing).

Every ``more`` and ``less`` comes with a witness: the first differing probe
(earliest situation, nearest day, simplest fields) replayed afresh under both
books, with its history, verdicts and deciding clauses. Pairs that no clause
of either book empowers are not probed: the act is void under both for want
of a power, and they are counted as such.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from govsim.analysis.cast import (
    ROLES,
    Cast,
    clause_sets,
    could_act,
    named_roles,
)
from govsim.analysis.probes import (
    Prober,
    differs,
    moves,
    provisions_for,
    touches,
    voted,
)
from govsim.analysis.situations import Situation, prepare
from govsim.analysis.timing import probe_days
from govsim.analysis.witness import Witness, witness
from govsim.engine.acts import HANDLERS
from govsim.engine.trace import Verdict
from govsim.probing.startday import start_day
from govsim.probing.vocabulary import FIELDS, Ledger

if TYPE_CHECKING:
    from collections.abc import Sequence

    from govsim.analysis.bookpair import BookPair
    from govsim.engine.trace import ActRecord
    from govsim.model.clauses import ClauseSet

__all__ = ["Contrast", "Permissiveness", "Relation", "compare_books"]

Found = tuple[Situation, tuple[tuple[str, Any], ...], int, Verdict, Verdict]
"""Where a differing probe was found: situation, fields, gap, verdicts under A and B."""
RANK = {Verdict.VOID: 0, Verdict.IRREGULAR: 1, Verdict.VALID: 2}
"""Verdicts by permissiveness: an act valid under one book and void under the
other is allowed more by the first."""


class Relation(StrEnum):
    """How book B compares with book A for one act kind and actor."""

    EQUIVALENT = "equivalent"
    MORE = "more"
    LESS = "less"
    INCOMPARABLE = "incomparable"
    UNTESTED = "untested"


@dataclass(frozen=True)
class Contrast:
    """Book B against book A for one act kind by one actor."""

    kind: str
    actor: str
    """A body id, or a role of :data:`~govsim.analysis.cast.ROLES`."""
    relation: Relation
    probes: int
    witnesses: tuple[Witness, ...]
    """One per direction found: the ``less`` witness, then the ``more`` one."""
    differing: int = 0
    """Probes judged differently by the two books."""

    def to_record(self) -> dict[str, Any]:
        """The contrast as plain data."""
        return {
            "act": self.kind,
            "actor": self.actor,
            "relation": self.relation.value,
            "probes": self.probes,
            "differing": self.differing,
            "witnesses": [w.to_record() for w in self.witnesses],
        }


@dataclass(frozen=True)
class Permissiveness:
    """Every contrast of a diff, and how the probing went."""

    start: dt.date
    cast: Cast
    situations: tuple[Situation, ...]
    notes: tuple[str, ...]
    """Situations left out, and why."""
    contrasts: tuple[Contrast, ...]
    unempowered: int
    """Act kind and actor pairs no clause of either book empowers (void under both)."""
    probes: int
    replays: int
    seconds: float

    def contrast(self, kind: str, actor: str) -> Contrast | None:
        """The contrast for one act kind and actor, if it was probed."""
        return next(
            (c for c in self.contrasts if c.kind == kind and c.actor == actor), None
        )


@dataclass
class _Tally:
    probes: int = 0
    differing: int = 0
    effective: int = 0
    """Probes that took effect under at least one book."""
    first: dict[Relation, Found] = field(default_factory=dict)

    def add(
        self,
        ra: ActRecord,
        rb: ActRecord,
        situation: Situation,
        values: tuple[tuple[str, Any], ...],
        gap: int,
    ) -> None:
        self.probes += 1
        a, b = RANK[ra.verdict], RANK[rb.verdict]
        self.effective += bool(a or b)
        if a != b:
            self.differing += 1
            direction = Relation.MORE if b > a else Relation.LESS
            found = (situation, values, gap, ra.verdict, rb.verdict)
            self.first.setdefault(direction, found)

    @property
    def relation(self) -> Relation:
        if not self.probes or not self.effective:
            return Relation.UNTESTED
        if len(self.first) == 2:
            return Relation.INCOMPARABLE
        return next(iter(self.first), Relation.EQUIVALENT)


def _relevant(actor: str, kind: str, sets: list[ClauseSet]) -> bool:
    """Whether probing a role adds to probing a plain member.

    A party or an outsider is probed only where a provision names that role
    (an outsider also for acts that need no power); elsewhere they meet the
    same clauses as a member, whose row answers for them.
    """
    if actor == "party":
        return "party" in named_roles(sets, kind)
    if actor == "anyone":
        return not HANDLERS[kind].needs_power or "anyone" in named_roles(sets, kind)
    return True


def _pairs(
    pair: BookPair, kinds: Sequence[str], actors: Sequence[str]
) -> tuple[list[tuple[str, str]], int]:
    """The (kind, actor) pairs to probe, and how many no book empowers."""
    org = pair.organisation
    sets = clause_sets(pair.a.book) + clause_sets(pair.b.book)
    ledger = Ledger(org)
    out, unempowered = [], 0
    for kind in kinds:
        options = set(FIELDS[kind]["by"][0](ledger, {}))
        for actor in actors:
            is_body = actor in org.bodies
            if is_body:
                allowed = actor in options
            elif actor in ROLES:
                allowed = bool(options & set(org.persons))
            else:  # a joint meeting, convened in a situation
                allowed = bool(options & set(org.bodies))
            if not allowed or not _relevant(actor, kind, sets):
                continue
            if HANDLERS[kind].needs_power and not could_act(sets, kind, actor, org):
                unempowered += 1
                continue
            out.append((kind, actor))
    return out, unempowered


def _flags(pair: BookPair, kind: str) -> tuple[str | None, bool]:
    """What varies in probes of ``kind``: details (when the books differ), votes."""
    a, b = pair.a.book, pair.b.book
    mentioned = provisions_for(a, kind) + provisions_for(b, kind)
    return (mentioned if differs(a, b, kind) else None), voted(a, b, kind)


PROGRESS_RULES = frozenset(
    {
        "notice",
        "hearing",
        "finding",
        "separation",
        "recusal",
        "independent_investigator",
    }
)
"""Rules that read how far a case has gone (notices, hearings, findings,
investigators); renewing an interim measure reads the charges too."""


def _reads_progress(pair: BookPair, kind: str) -> bool:
    """Whether either book judges ``kind`` by a rule that reads a case's progress."""
    rules = {
        req.rule
        for design in (pair.a, pair.b)
        for s in clause_sets(design.book)
        for _, req in s.requirements.get(kind, ())
    }
    return bool(rules & PROGRESS_RULES) or (
        kind == "renew_interim" and "interim_bounds" in rules
    )


def _acting(actor: str, situation: Situation, cast: Cast) -> str | None:
    """Who acts for an actor after a situation (``None``: nobody there)."""
    if actor in ROLES:
        return cast.acting(actor, situation.party)
    stands_for = dict(situation.acting)
    if actor in stands_for:
        return stands_for[actor]
    return None if "+" in actor else actor


def compare_books(
    pair: BookPair, kinds: Sequence[str], actors: Sequence[str]
) -> Permissiveness:
    """Probe both books for every act kind and actor asked for (module docstring).

    Args:
        pair: the two books and their organisation.
        kinds: act kinds to probe.
        actors: body ids and roles (``member``, ``party``, ``anyone``) to probe.
    """
    began = time.perf_counter()
    a, b = pair.a, pair.b
    start = start_day(a, b)
    cast = Cast.choose(a, b, start)
    situations, notes = prepare(a, b, start, cast)
    todo, unempowered = _pairs(pair, kinds, actors)
    kinds_todo = dict.fromkeys(k for k, _ in todo)
    flags = {kind: _flags(pair, kind) for kind in kinds_todo}
    progress = {kind for kind in kinds_todo if _reads_progress(pair, kind)}
    tallies: dict[tuple[str, str], _Tally] = defaultdict(_Tally)
    probers = (Prober(a, start), Prober(b, start))
    for situation in situations:
        ledger = probers[0].enter(situation)
        probers[1].enter(situation)
        jobs: dict[int, list[tuple[tuple[str, str], tuple[tuple[str, Any], ...]]]]
        jobs = defaultdict(list)
        parties = (situation.party,) if situation.party else ()
        targets = tuple(dict.fromkeys([*parties, *cast.targets]))
        for kind, actor in todo:
            person = _acting(actor, situation, cast)
            if person is None or (situation.progress and kind not in progress):
                continue
            details, votes = flags[kind]
            found = moves(kind, person, ledger, targets, details=details, votes=votes)
            chosen = [
                v for v in found if not situation.focus or touches(v, situation.focus)
            ]
            for gap in (
                probe_days(a.book, b.book, kind, situation.steps) if chosen else ()
            ):
                jobs[gap] += [((kind, actor), values) for values in chosen]
        for gap in sorted(jobs):
            for key, values in jobs[gap]:
                ra = probers[0].judge(key[0], values, gap)
                rb = probers[1].judge(key[0], values, gap)
                tallies[key].add(ra, rb, situation, values, gap)
    contrasts = []
    for kind, actor in todo:
        tally = tallies[(kind, actor)]
        shown = tuple(
            witness(pair, start, kind, actor, direction, tally.first[direction])
            for direction in (Relation.LESS, Relation.MORE)
            if direction in tally.first
        )
        contrasts.append(
            Contrast(kind, actor, tally.relation, tally.probes, shown, tally.differing)
        )
    return Permissiveness(
        start=start,
        cast=cast,
        situations=tuple(situations),
        notes=tuple(notes),
        contrasts=tuple(contrasts),
        unempowered=unempowered,
        probes=sum(t.probes for t in tallies.values()),
        replays=sum(p.replays for p in probers),
        seconds=time.perf_counter() - began,
    )
