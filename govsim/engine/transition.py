"""Which version of the rules judges an act in a case older than an amendment.

An amendment says which cases it reaches (``applies_to``): only cases opened
from its in-force day (``new_cases``), also those still open that day
(``pending_cases``, the default), or every case (``all``). An act in a case
opened before an amendment came into force is judged under the book without
the amendments that do not reach its case; those that do reach it, and
change a clause governing the act, are applied retroactively, and the act's
reasons say so. An act that only the held-back amendment would have made
good applies that amendment against its own transitional provision: a
violation, recorded against the act.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from govsim.engine.state import Calendar, CaseState
from govsim.engine.trace import Reason, Verdict
from govsim.model.clauses import ClauseSet, ResolvedBook
from govsim.model.rulebook import Amendment

__all__ = ["Ruling", "relied_on", "ruling_for"]

_RANK = {Verdict.VOID: 0, Verdict.IRREGULAR: 1, Verdict.VALID: 2}


@dataclass(frozen=True)
class Ruling:
    """The rules an act in a case is judged by, and how they differ from the book's."""

    clauses: ClauseSet
    """The clauses the act is judged under."""
    full: ClauseSet | None = None
    """The clauses in force for new cases, when some amendment was held back."""
    held_back: tuple[Amendment, ...] = ()
    notes: tuple[Reason, ...] = ()
    """What the transitional provisions decided, as reasons that hold."""


def _reaches(amendment: Amendment, case: CaseState, calendar: Calendar) -> bool:
    start = calendar.day(amendment.in_force)
    if case.opened >= start or amendment.applies_to == "all":
        return True
    if amendment.applies_to == "new_cases":
        return False
    return case.closed is None or case.closed[0] >= start


def _governing(clauses: ClauseSet, kind: str) -> tuple[int, ...]:
    """What decides an act of this kind, as the identities of its clauses."""
    return tuple(
        id(clause)
        for table in (
            clauses.grants,
            clauses.denials,
            clauses.requirements,
            clauses.decision_rules,
        )
        for clause, _ in table.get(kind, ())
    ) + tuple(id(clause) for clause, _ in clauses.meeting_rules)


def _who(book: ResolvedBook, amendment: Amendment) -> str:
    act = book.adopted.get(amendment.id)
    return f"amendment {amendment.id}" + (
        f" (adopted by act {act})" if act and act != amendment.id else ""
    )


def ruling_for(
    book: ResolvedBook,
    day: dt.date,
    case: CaseState | None,
    calendar: Calendar,
    kind: str,
) -> Ruling | None:
    """The rules for an act in ``case`` on ``day``, or ``None`` when the book's stand.

    ``None`` when no amendment in force came into force after the case was
    opened: the act is judged by the clauses in force on its day.
    """
    if case is None:
        return None
    later = [a for a in book.in_force_by(day) if calendar.day(a.in_force) > case.opened]
    if not later:
        return None
    opened = calendar.date(case.opened).isoformat()
    held = tuple(a for a in later if not _reaches(a, case, calendar))
    full = book.clauses_on(day)
    clauses = book.clauses_on(day, frozenset(a.id for a in held)) if held else full
    notes: list[Reason] = []
    for amendment in held:
        notes.append(
            Reason(
                check=(
                    f"{_who(book, amendment)} applies "
                    f"{'to new cases only' if amendment.applies_to == 'new_cases' else 'to new and pending cases'}"
                    f", and case {case.id} was opened on {opened}, before it came into "
                    f"force on {amendment.in_force.isoformat()}"
                    + (
                        ""
                        if amendment.applies_to == "new_cases"
                        else " and closed before then"
                    )
                    + ": this act is judged under the rules as they stood"
                ),
                holds=True,
                rule="transitional",
            )
        )
    for amendment in later:
        if amendment in held:
            continue
        without = book.clauses_on(day, frozenset({amendment.id, *(a.id for a in held)}))
        if _governing(without, kind) == _governing(clauses, kind):
            continue
        says = {
            "all": "it says it applies to every case",
            "pending_cases": "it applies to pending cases",
            "new_cases": "",
        }[amendment.applies_to]
        notes.append(
            Reason(
                check=(
                    f"{_who(book, amendment)}, in force from "
                    f"{amendment.in_force.isoformat()}, changes the rules for this "
                    f"act in case {case.id}, opened on {opened} before it: applied "
                    f"retroactively, as {says}"
                ),
                holds=True,
                rule="retroactive",
            )
        )
    return Ruling(
        clauses=clauses,
        full=full if held else None,
        held_back=held,
        notes=tuple(notes),
    )


def relied_on(
    ruling: Ruling, under_stood: Verdict, under_new: Verdict
) -> Reason | None:
    """A violation when only a held-back amendment would have made the act good.

    The body acted as the amended rules allow, in a case they do not reach:
    it applied the amendment against its transitional provision.
    """
    if not ruling.held_back or _RANK[under_new] <= _RANK[under_stood]:
        return None
    names = ", ".join(a.id for a in ruling.held_back)
    return Reason(
        check=(
            f"the act is {under_new.value} only under amendment {names}, which does "
            f"not reach this case: it applies the amendment against its "
            f"transitional provision (under the rules as they stood it is "
            f"{under_stood.value})"
        ),
        holds=False,
        rule="transitional",
        enforcement="audited",
    )
