"""The rule book's versions in a replay, in words: what each amendment act changed.

The trace keeps the versions (:class:`~govsim.engine.trace.Version`: the book
at the start, then one for each amendment an ``amend_rules`` act adopted or
the book dates after the start). ``govsim run`` lists them, ``--explain`` says
which amendment last added or reworded a clause a reason cites, and ``govsim
compare`` and ``govsim report`` show where books' histories split; this
module gives all of them the same words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from govsim.engine.trace import ActRecord, Version

__all__ = ["Change", "changes", "clause_list", "origins"]

_APPLIES = {
    "new_cases": "applies to cases opened from then on",
    "all": "applies to every case, closed ones too",
}
"""How a version's reach is said when it is not the default (new and pending cases)."""


def clause_list(verb: str, ids: Sequence[str]) -> str:
    """``rewords clause 2``, ``adds clauses 5, 6``; empty for no ids."""
    if not ids:
        return ""
    return f"{verb} clause{'s' if len(ids) > 1 else ''} {', '.join(ids)}"


@dataclass(frozen=True)
class Change:
    """One version of the book after the first, with what it added, reworded and repealed."""

    version: Version

    @property
    def act(self) -> str | None:
        """The ``amend_rules`` act that adopted the version (``None``: dated in the book)."""
        return self.version.act

    @property
    def adds(self) -> tuple[str, ...]:
        """The clauses it adds."""
        return self.version.adds

    @property
    def rewords(self) -> tuple[str, ...]:
        """The clauses it rewords."""
        return self.version.rewords

    @property
    def by(self) -> str:
        """Who made it: ``act X``, or ``the book's amendment X``."""
        if self.act is not None:
            return f"act {self.act}"
        return f"the book's amendment {self.version.amendment}"

    @property
    def in_force(self) -> dt.date:
        """The day from which later acts are judged under this version."""
        return self.version.in_force

    def words(self) -> str:
        """What the version changed: ``adds clause 5; rewords clause 2; repeals clause 3``."""
        return "; ".join(
            part
            for part in (
                clause_list("adds", self.adds),
                clause_list("rewords", self.rewords),
                clause_list("repeals", self.version.repeals),
            )
            if part
        )

    def line(self) -> str:
        """The version in one line, as ``govsim run`` lists it.

        ``rules amended by take-discipline (valid), in force from 2024-05-02:
        rewords clause 2``, and the cases it reaches when it is not the
        default (new and pending ones).
        """
        reach = _APPLIES.get(self.version.applies_to or "")
        who = (
            f"{self.act} ({self.version.verdict})" if self.act is not None else self.by
        )
        return (
            f"rules amended by {who}, in force from "
            f"{self.in_force.isoformat()}: {self.words() or 'no clause changed'}"
            + (f"; {reach}" if reach else "")
        )

    def origin(self, clause: str) -> str:
        """How a clause it made is cited: ``as reworded by act X, in force from D``."""
        verb = "added" if clause in self.adds else "reworded"
        return f"as {verb} by {self.by}, in force from {self.in_force.isoformat()}"


def changes(versions: Iterable[Version]) -> list[Change]:
    """The versions after the first (the book at the start), in the order they came into force."""
    return [Change(v) for v in versions if v.number > 1]


def origins(found: Sequence[Change], record: ActRecord) -> dict[str, Change]:
    """For each clause the act's reasons cite, the amendment that last added or reworded it.

    Only versions in force by the act's day count, and not those its case is
    held back from; a clause repealed since, or never amended, is left out.
    """
    cited = {r.clause for r in record.reasons if r.clause is not None}
    last: dict[str, Change] = {}
    ordered = sorted(found, key=lambda c: (c.in_force, c.version.number))
    for change in ordered:
        if change.in_force > record.at or change.version.amendment in record.held_back:
            continue
        for clause in change.version.changed:
            last[clause] = change
        for clause in change.version.repeals:
            last.pop(clause, None)
    return {clause: change for clause, change in last.items() if clause in cited}
