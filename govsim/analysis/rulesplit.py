"""Where books' histories of the rules split: an amendment adopted under one, void under another.

Replayed under two books, one ``amend_rules`` act may be valid (or irregular)
under the first and void under the second: from its in-force day the first
book's later acts are judged under an amended version and the second's under
the version before it. :func:`rule_splits` finds those acts in a comparison's
replays, so ``govsim compare`` and ``govsim report`` can say so in words
rather than leave the reader to infer it from later verdicts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from govsim.findings.result import Result
from govsim.findings.versions import Change

__all__ = ["RulesSplit", "rule_splits"]


def _books(books: Sequence[str]) -> str:
    if len(books) <= 2:
        return " and ".join(books)
    return f"{', '.join(books[:-1])} and {books[-1]}"


@dataclass(frozen=True)
class RulesSplit:
    """One ``amend_rules`` act that changed the rules under some books and not others.

    Attributes:
        act: the act's id.
        at: its day.
        amended: per book under which it made a version, that version.
        unchanged: per book under which it did not, the act's verdict there
            (void, or a first reading that adopts nothing).
    """

    act: str
    at: dt.date
    amended: dict[str, Change]
    unchanged: dict[str, str]

    def __str__(self) -> str:
        """``the rules diverged: X amended them under A and was void under B; ...``."""
        void = [b for b, v in self.unchanged.items() if v == "void"]
        other = [b for b in self.unchanged if b not in void]
        parts = [f"was void under {_books(void)}"] if void else []
        if other:
            parts.append(f"changed nothing under {_books(other)}")
        return (
            f"the rules diverged: {self.act} amended them under "
            f"{_books(list(self.amended))} and {' and '.join(parts)}; later acts "
            "are judged under different versions"
        )

    def to_record(self) -> dict[str, object]:
        """As JSON-ready data: the act, its day, and the books on each side."""
        return {
            "act": self.act,
            "at": self.at.isoformat(),
            "amended": {
                book: {
                    "version": change.version.number,
                    "in_force": change.in_force.isoformat(),
                    "verdict": change.version.verdict,
                }
                for book, change in self.amended.items()
            },
            "unchanged": dict(self.unchanged),
            "summary": str(self),
        }


def rule_splits(results: Mapping[str, Result]) -> list[RulesSplit]:
    """Every act that made a version of the rules under some books and not all, in order.

    Args:
        results: one replay of the same scenario per book, in book order.
    """
    made = {
        book: {c.act: c for c in r.amendments if c.act is not None}
        for book, r in results.items()
    }
    first = next(iter(results.values()), None)
    if first is None:
        return []
    splits = []
    for record in first.acts:
        amended = {b: m[record.id] for b, m in made.items() if record.id in m}
        if not amended or len(amended) == len(results):
            continue
        unchanged = {
            book: result.verdict(record.id).value
            for book, result in results.items()
            if book not in amended
        }
        splits.append(RulesSplit(record.id, record.at, amended, unchanged))
    return splits
