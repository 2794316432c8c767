"""Outcome measures of one replay: where the parties and the cases ended up.

Verdicts say whether each act was within the rules; outcomes say what the
rules achieved. Comparing books by outcomes answers the question people bring
("would the other book have stopped this?") in terms of people and cases
rather than clauses. Everything is read from the replay's final world and its
violations, so the measures cannot disagree with the trace.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from govsim.engine.trace import Violation, to_data

if TYPE_CHECKING:
    from govsim.findings.result import Result

__all__ = ["CaseTiming", "OpenCase", "Outcomes", "PartyOutcome", "measure"]

DEADLINE_RULE = "deadline"
"""The rule of the violations that count as missed deadlines."""


@dataclass(frozen=True)
class PartyOutcome:
    """One party of one case and their status at the end of the replay."""

    case: str
    person: str
    role: str
    """``complainant`` or ``respondent``."""
    status: str


@dataclass(frozen=True)
class OpenCase:
    """A case still open at the end, and the body responsible for it (if any)."""

    case: str
    owner: str | None


@dataclass(frozen=True)
class CaseTiming:
    """How long a case took from its complaint to a decision taking effect.

    ``decision`` is the first sanction in the case to take effect — decided
    with immediate effect or implemented later — and still standing at the
    end, and ``days`` the days from the complaint to that day; both are
    ``None`` when none did, which is itself the finding (a decision never
    implemented, or quashed or stayed after it took effect: those are in
    ``set_aside``).
    """

    case: str
    complaint: dt.date
    decision: str | None
    effective: dt.date | None
    days: int | None
    set_aside: tuple[str, ...] = ()
    """Decisions in the case that took effect and were later quashed or stayed."""


@dataclass(frozen=True)
class Outcomes:
    """The outcome measures of one replay under one rule book."""

    rulebook: str
    parties: tuple[PartyOutcome, ...]
    open_cases: tuple[OpenCase, ...]
    timings: tuple[CaseTiming, ...]
    deadlines_missed: tuple[Violation, ...]

    def status(self, person: str) -> str | None:
        """The final status of a party (``None`` if they are no party to any case)."""
        for party in self.parties:
            if party.person == person:
                return party.status
        return None

    def timing(self, case: str) -> CaseTiming | None:
        """The complaint-to-decision timing of one case, if it exists."""
        return next((t for t in self.timings if t.case == case), None)

    def to_record(self) -> dict[str, Any]:
        """The measures as JSON-ready data."""
        return {
            "rulebook": self.rulebook,
            "parties": [to_data(p) for p in self.parties],
            "open_cases": [to_data(c) for c in self.open_cases],
            "complaint_to_decision": [
                {**to_data(t), "set_aside": list(t.set_aside)} for t in self.timings
            ],
            "deadlines_missed": [to_data(v) for v in self.deadlines_missed],
        }


def measure(result: Result) -> Outcomes:
    """The outcome measures of one replay, from its final world and violations.

    Args:
        result: a finished replay (its trace keeps the final world and calendar).

    Returns:
        Parties' final statuses (complainants, then respondents, per case in
        the order the cases were opened), the cases still open with their
        owners, each case's days from complaint to a decision taking effect,
        and the deadline violations.
    """
    world, calendar = result.trace.world, result.trace.calendar
    assert world is not None
    assert calendar is not None
    parties: list[PartyOutcome] = []
    open_cases: list[OpenCase] = []
    timings: list[CaseTiming] = []
    for cid, case in world.cases.items():
        for role, people in (
            ("complainant", case.complainants),
            ("respondent", case.respondents),
        ):
            parties.extend(
                PartyOutcome(cid, p, role, world.persons[p].status)
                for p in people
                if p in world.persons
            )
        if case.open:
            open_cases.append(OpenCase(cid, case.owner))
        took = [
            d
            for d in world.decisions.values()
            if d.case == cid and d.effective_at is not None
        ]
        # A decision set aside after it took effect is not the case's outcome.
        taken = sorted(
            (d.effective_at, d.act)
            for d in took
            if d.effective_at is not None and d.effective and not d.quashed
        )
        set_aside = tuple(sorted(d.act for d in took if d.quashed or not d.effective))
        if taken:
            day, act = taken[0]
            timings.append(
                CaseTiming(
                    cid,
                    calendar.date(case.opened),
                    act,
                    calendar.date(day),
                    day - case.opened,
                    set_aside,
                )
            )
        else:
            timings.append(
                CaseTiming(cid, calendar.date(case.opened), None, None, None, set_aside)
            )
    missed = tuple(v for v in result.violations if v.rule == DEADLINE_RULE)
    return Outcomes(
        result.rulebook, tuple(parties), tuple(open_cases), tuple(timings), missed
    )
