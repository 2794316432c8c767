"""A witness: a short history whose last act the two books judge differently.

When probing finds an act one book allows more than the other, the history
behind it — the prepared situation's acts, then the probe — is replayed
afresh under each book. That replay is the witness: its verdicts, and the
clauses that decide the last act under each book. It must agree with what
the probe found; if it does not, the probing and the replay disagree, which
is a bug in govsim and is reported as one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from govsim.analysis.situations import Situation, replay_steps
from govsim.engine.trace import ActRecord, Reason, Verdict, to_data
from govsim.errors import GovsimError

if TYPE_CHECKING:
    from govsim.analysis.bookpair import BookPair
    from govsim.model.acts import ActBase

__all__ = [
    "Side",
    "Witness",
    "WitnessMismatchError",
    "act_fields",
    "deciding",
    "witness",
]

Side = Literal["a", "b"]


class WitnessMismatchError(GovsimError, RuntimeError):
    """A witness replayed afresh did not give the verdicts its probe gave.

    This is a bug in govsim (probing and replay disagree), never a problem
    with the user's documents.
    """


def deciding(record: ActRecord) -> tuple[Reason, ...]:
    """The reasons behind a verdict: the power test, then every check that failed.

    Unlike :func:`govsim.analysis.compare.deciding`, the granting clause is
    kept for irregular acts too: "irregular under clause 3.1 (the power) and
    4.2 (broken)" says both why the act took effect and what it broke.
    """
    return tuple(r for r in record.reasons if r.rule == "power" or not r.holds)


def act_fields(act: ActBase) -> dict[str, Any]:
    """An act's own fields as plain data, without its id, date, kind and actor."""
    data = act.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    return {k: v for k, v in data.items() if k not in {"id", "at", "act", "by"}}


@dataclass(frozen=True)
class Witness:
    """A replayed history whose last act B allows more (or less) than A."""

    kind: str
    actor: str
    """The body, or the role (member, party, anyone) the probe was for."""
    direction: Literal["more", "less"]
    situation: Situation
    start: dt.date
    acts: tuple[tuple[str, ActBase], ...]
    a: tuple[ActRecord, ...]
    """The records under book A, in order; the last is the probe."""
    b: tuple[ActRecord, ...]
    books: tuple[str, str]
    """The ids of book A and book B."""

    def records(self, side: Side) -> tuple[ActRecord, ...]:
        """The records under one book (``a`` or ``b``)."""
        return self.a if side == "a" else self.b

    def probe(self, side: Side) -> ActRecord:
        """The record of the probe (the last act) under one book."""
        return self.records(side)[-1]

    def clauses(self, side: Side) -> list[str]:
        """Ids of the clauses deciding the probe's verdict under one book, once each."""
        reasons = deciding(self.probe(side))
        return list(dict.fromkeys(r.clause for r in reasons if r.clause is not None))

    @property
    def act(self) -> ActBase:
        """The probe act."""
        return self.acts[-1][1]

    def describe_act(self) -> str:
        """The probe act in a few words: who, what, and its fields."""
        act = self.act
        fields = ", ".join(f"{k} {_short(v)}" for k, v in act_fields(act).items())
        return f"{act.by} {act.act}" + (f" ({fields})" if fields else "")

    def verdict_text(self, side: Side) -> str:
        """``irregular under book (clauses 3.1, 4.2)``."""
        record = self.probe(side)
        clauses = self.clauses(side)
        label = "clause" if len(clauses) == 1 else "clauses"
        why = f" ({label} {', '.join(clauses)})" if clauses else ""
        book = self.books[0 if side == "a" else 1]
        return f"{record.verdict.value} under {book}{why}"

    def __str__(self) -> str:
        return (
            f"after {self.situation.description}: {self.describe_act()} is "
            f"{self.verdict_text('a')}, {self.verdict_text('b')}"
        )

    def to_record(self) -> dict[str, Any]:
        """The witness as plain data: history, probe, verdicts, deciding clauses."""
        history = [
            {
                "id": act_id,
                "at": act.at.isoformat(),
                "by": act.by,
                "act": act.act,
                "fields": act_fields(act),
                "verdicts": {"a": ra.verdict.value, "b": rb.verdict.value},
            }
            for (act_id, act), ra, rb in zip(self.acts, self.a, self.b, strict=True)
        ]
        probe = history.pop()
        probe["clauses"] = {side: self.clauses(side) for side in ("a", "b")}
        probe["reasons"] = {
            side: [to_data(r) for r in deciding(self.probe(side))]
            for side in ("a", "b")
        }
        return {
            "act": self.kind,
            "actor": self.actor,
            "direction": self.direction,
            "situation": self.situation.name,
            "description": self.situation.description,
            "start": self.start.isoformat(),
            "history": history,
            "probe": probe,
            "summary": str(self),
        }


def _short(value: Any) -> str:
    if isinstance(value, list | tuple):
        return "/".join(_short(v) for v in value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_short(v)}" for k, v in value.items()) + "}"
    return str(value)


def witness(
    pair: BookPair,
    start: dt.date,
    kind: str,
    actor: str,
    direction: str,
    found: tuple[Situation, tuple[tuple[str, Any], ...], int, Verdict, Verdict],
) -> Witness:
    """Replay a differing probe afresh under both books and check it still differs.

    Args:
        pair: the books and their organisation.
        start: the first day of the history.
        kind: the probe's act kind.
        actor: the body or role it was probed for.
        direction: ``more`` or ``less``.
        found: the situation, the probe's fields, its gap, and the verdicts
            the probe got under A and B.

    Raises:
        WitnessMismatchError: the fresh replay gives other verdicts.
    """
    situation, values, gap, va, vb = found
    trials = [replay_steps(d, start, situation.steps) for d in (pair.a, pair.b)]
    got = [t.attempt(kind, dict(values), gap).verdict for t in trials]
    if got != [va, vb]:
        raise WitnessMismatchError(
            f"the witness for {kind} by {actor} after '{situation.name}' replays to "
            f"{got[0].value}/{got[1].value}, but the probe gave {va.value}/{vb.value}. "
            "This is a bug in govsim; please report it."
        )
    ta, tb = trials
    return Witness(
        kind=kind,
        actor=actor,
        direction="more" if direction == "more" else "less",
        situation=situation,
        start=start,
        acts=tuple(ta.acts),
        a=tuple(ta.session.trace.acts),
        b=tuple(tb.session.trace.acts),
        books=(pair.a.book.id, pair.b.book.id),
    )
