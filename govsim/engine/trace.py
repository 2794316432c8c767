"""Trace records: the plain data every later layer reads.

Replay, comparison, property tests, sweeps and reports all consume these
records, so they are frozen dataclasses of strings, numbers and tuples, and
serialise to JSON through :func:`to_data` without custom encoders.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from govsim.model.rulebook import Amendment, Clause

__all__ = [
    "ActRecord",
    "Breach",
    "Reason",
    "TimedRecord",
    "Verdict",
    "Version",
    "Violation",
    "to_data",
]


class Verdict(StrEnum):
    """The standing of an act under a rule book.

    ``valid``: the actor held the power and every requirement was met.
    ``irregular``: the actor held the power but a requirement was broken; the
    act takes effect and the breach is recorded. ``void``: no power, a broken
    regimented requirement, or dependence on a void act; the act has no effect.
    """

    VALID = "valid"
    IRREGULAR = "irregular"
    VOID = "void"


@dataclass(frozen=True)
class Reason:
    """One thing checked about an act, and whether it held.

    ``clause`` is the clause that decided the check (``None`` when no clause
    does, e.g. "no clause grants this power"); ``text`` and ``source`` are that
    clause's words and citation; ``check`` says what was checked in this act.
    """

    check: str
    holds: bool
    clause: str | None = None
    text: str | None = None
    source: str | None = None
    rule: str = "power"
    enforcement: str | None = None

    @classmethod
    def cite(
        cls,
        clause: Clause,
        check: str,
        *,
        holds: bool,
        rule: str = "power",
        enforcement: str | None = None,
    ) -> Reason:
        """A reason decided by a clause, carrying its id, text and source."""
        return cls(
            check, holds, clause.id, clause.text, clause.source, rule, enforcement
        )


@dataclass(frozen=True)
class Violation:
    """A rule broken by an act, or a duty left undone by its due day."""

    at: dt.date
    act: str | None
    clause: str | None
    rule: str
    message: str
    enforcement: str
    took_effect: bool


@dataclass(frozen=True)
class ActRecord:
    """One replayed act with its verdict, its reasons and its effects."""

    id: str
    at: dt.date
    actor: str
    act: str
    targets: tuple[str, ...]
    verdict: Verdict
    reasons: tuple[Reason, ...]
    effects: tuple[str, ...] = ()
    note: str | None = None
    line: int | None = None
    """Line of the act in its scenario file, when loaded from one."""
    held_back: tuple[str, ...] = ()
    """Amendments in force that do not reach the act's case (their transitional
    provision): the act was judged under the rules as they stood without them."""

    @property
    def failing(self) -> tuple[Reason, ...]:
        """The reasons that did not hold."""
        return tuple(r for r in self.reasons if not r.holds)


@dataclass(frozen=True)
class TimedRecord:
    """Something that happened by itself when a day came: a lapse, a missed due day."""

    at: dt.date
    kind: str
    subject: str
    message: str


@dataclass(frozen=True)
class Breach:
    """A procedural invariant broken in a replay, with what breaks it.

    ``witnesses`` are the ids of the acts, persons, bodies, cases, mandates
    and clauses that make the breach (the first is usually the act); ``act``
    is the act after which it was found, when there is one.

    A *prevented* breach is one a void act would have made had it taken
    effect: the engine judges the act as if it had, on a copy of the world,
    and records what the book stopped (``prevented_by``, ``prevented_because``).
    It never counts as a breach of the history.
    """

    invariant: str
    at: dt.date
    message: str
    witnesses: tuple[str, ...]
    act: str | None = None
    kind: str = "safety"
    prevented_by: str | None = None
    """For a breach the book prevented: the clause that voided the act (``None``
    when no clause grants the power at all)."""
    prevented_because: str | None = None
    """For a breach the book prevented: why the act was void, in words."""

    @property
    def prevented(self) -> bool:
        """Whether the book prevented it: a voided act would have made it."""
        return self.prevented_because is not None


@dataclass(frozen=True)
class Version:
    """One version of the rule book in a replay: as it started, or as amended since.

    ``act`` is the ``amend_rules`` act that adopted the amendment, with its
    ``verdict`` (valid or irregular: a void act makes no version);
    ``amendment`` is the amendment's id (an adopted one takes its act's id;
    one dated in the book keeps its own, with no act). Version 1 is the book
    as it stood at the start, dated amendments in force by then included.
    """

    number: int
    in_force: dt.date
    act: str | None = None
    amendment: str | None = None
    verdict: str | None = None
    adds: tuple[str, ...] = ()
    rewords: tuple[str, ...] = ()
    repeals: tuple[str, ...] = ()
    applies_to: str | None = None

    @property
    def changed(self) -> tuple[str, ...]:
        """The clauses it adds or rewords, in that order."""
        return self.adds + self.rewords

    @classmethod
    def of(
        cls,
        number: int,
        amendment: Amendment,
        rewords: frozenset[str],
        act: str | None = None,
        verdict: str | None = None,
    ) -> Version:
        """The version an amendment makes; ``rewords``: ids of the clauses it rewords."""
        ids = [c.id for c in amendment.clauses]
        return cls(
            number=number,
            in_force=amendment.in_force,
            act=act,
            amendment=amendment.id,
            verdict=None if verdict is None else str(verdict),
            adds=tuple(i for i in ids if i not in rewords),
            rewords=tuple(i for i in ids if i in rewords),
            repeals=amendment.repeal,
            applies_to=amendment.applies_to,
        )


def to_data(record: Any) -> dict[str, Any]:
    """A record as JSON-ready data (dates as ISO strings)."""
    data = asdict(record)
    for key, value in list(data.items()):
        if isinstance(value, dt.date):
            data[key] = value.isoformat()
    return data
