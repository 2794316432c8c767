"""The rule book's versions in a replay, in words: what each amendment act changed.

The trace keeps the versions (:class:`~govsim.engine.trace.Version`: the book
at the start, then one for each amendment an ``amend_rules`` act adopted).
``govsim run`` lists them, ``--explain`` says which act last added or reworded
a clause a reason cites, and ``govsim compare`` and ``govsim report`` show
where books' histories split; this module gives all of them the same words.

Which clauses an act added and which it reworded is read from the act's own
effect ("rules amended from …: adds clause 5; rewords clause 2"), since a
version records them together; a version whose act says neither is worded
"adds or rewords".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from govsim.engine.trace import ActRecord, Version

__all__ = ["Change", "changes", "clause_list", "origins"]

_AMENDED = "rules amended from "
_LISTED = re.compile(r"(adds|rewords|repeals) clauses? ([^;]+)")
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
    """One version of the book an act made, with what it added, reworded and repealed.

    ``unsorted`` holds the clauses the version adds or rewords when the act's
    effect does not say which.
    """

    version: Version
    adds: tuple[str, ...] = ()
    rewords: tuple[str, ...] = ()
    unsorted: tuple[str, ...] = ()

    @property
    def act(self) -> str:
        """The ``amend_rules`` act that adopted the version."""
        assert self.version.act is not None
        return self.version.act

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
                clause_list("adds or rewords", self.unsorted),
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
        return (
            f"rules amended by {self.act} ({self.version.verdict}), in force from "
            f"{self.in_force.isoformat()}: {self.words() or 'no clause changed'}"
            + (f"; {reach}" if reach else "")
        )

    def origin(self, clause: str) -> str:
        """How a clause it made is cited: ``as reworded by act X, in force from D``."""
        verb = (
            "added"
            if clause in self.adds
            else "reworded"
            if clause in self.rewords
            else "added or reworded"
        )
        return f"as {verb} by act {self.act}, in force from {self.in_force.isoformat()}"


def _change(version: Version, record: ActRecord | None) -> Change:
    listed: dict[str, tuple[str, ...]] = {}
    for effect in record.effects if record is not None else ():
        if effect.startswith(_AMENDED):
            listed = {
                verb: tuple(i.strip() for i in ids.split(","))
                for verb, ids in _LISTED.findall(effect)
            }
            break
    adds = tuple(c for c in version.adds_or_rewords if c in listed.get("adds", ()))
    rewords = tuple(
        c for c in version.adds_or_rewords if c in listed.get("rewords", ())
    )
    unsorted = tuple(
        c for c in version.adds_or_rewords if c not in adds and c not in rewords
    )
    return Change(version, adds, rewords, unsorted)


def changes(versions: Iterable[Version], acts: Sequence[ActRecord]) -> list[Change]:
    """The versions acts made (the book at the start left out), in the order adopted.

    Args:
        versions: a trace's versions.
        acts: the trace's act records, where each amending act's effect says
            which clauses it added and which it reworded.
    """
    by_id = {r.id: r for r in acts}
    return [_change(v, by_id.get(v.act)) for v in versions if v.act is not None]


def _held_back(record: ActRecord, act: str) -> bool:
    """Whether the act was judged without the amendment ``act`` adopted.

    The engine says so in a transitional reason that holds, naming the
    amendment (an adopted amendment takes its act's id) and the rules "as
    they stood".
    """
    return any(
        r.rule == "transitional"
        and r.holds
        and r.check.startswith(f"amendment {act} ")
        and "as they stood" in r.check
        for r in record.reasons
    )


def origins(found: Sequence[Change], record: ActRecord) -> dict[str, Change]:
    """For each clause the act's reasons cite, the act that last added or reworded it.

    Only versions in force by the act's day count, and not those its case is
    held back from; a clause repealed since, or never amended, is left out.
    """
    cited = {r.clause for r in record.reasons if r.clause is not None}
    last: dict[str, Change] = {}
    ordered = sorted(found, key=lambda c: (c.in_force, c.version.number))
    for change in ordered:
        if change.in_force > record.at or _held_back(record, change.act):
            continue
        for clause in change.version.adds_or_rewords:
            last[clause] = change
        for clause in change.version.repeals:
            last.pop(clause, None)
    return {clause: change for clause, change in last.items() if clause in cited}
