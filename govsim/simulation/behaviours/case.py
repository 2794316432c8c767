"""A disciplinary case against a valued member, and what comes of hiding it.

Two behaviours tell the seed story as chances rather than facts:

``case``
    A complaint against the respondent goes to the disciplinary body, which
    investigates, serves notice, hears and decides on its own meeting cadence
    (waiting at least as long as the book's notice and hearing rules ask).
    The executive then either implements the decision or, with probability
    ``protect`` and only when the book lets it, overrides it. An override the
    book makes void leaves the decision standing, to be implemented.

``disclosure``
    Years later, a respondent who is still a member may be elected to the
    executive (a book with eligibility rules makes that election void), and a
    witness discloses the old decision. What members learn depends on what the
    book let happen: whether there was a cover-up and whether the respondent
    holds office. The executive's interim suspension of the respondent is the
    first response.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Generator
from typing import Annotated, Any

from pydantic import Field

from govsim.simulation.behaviour import (
    Behaviour,
    FixedIfNumber,
    Measure,
    Params,
    register_behaviour,
)
from govsim.simulation.behaviours.bodies import book_lets, hold, next_meeting
from govsim.simulation.distributions import Distribution, Gamma, Share

__all__ = ["CaseBehaviour", "DisclosureBehaviour"]

Days = Annotated[Distribution, FixedIfNumber]


class CaseParams(Params):
    """When the complaint comes, how the bodies work, and how the executive acts."""

    complaint_on: dt.date
    """The day the complainant files the complaint that opens the case."""
    investigation_days: Days = Gamma(dist="gamma", mean=30, sd=10)
    """Days from the complaint to the notice of charges, then to the adjudicator's next
    meeting (a number, or a distribution ``{dist: ...}``)."""
    hearing_gap_days: Days = Gamma(dist="gamma", mean=14, sd=5)
    """Days from the notice to the hearing, then to the adjudicator's next meeting (a
    number, or a distribution ``{dist: ...}``)."""
    decision_gap_days: Days = Gamma(dist="gamma", mean=7, sd=3)
    """Days from the hearing to the decision, at least what the book's notice and
    hearing rules ask (a number, or a distribution ``{dist: ...}``)."""
    adjudicator_meets_every: int = Field(default=14, ge=1)
    """The adjudicator meets every this many days; its acts wait for a meeting."""
    executive_meets_every: int = Field(default=7, ge=1)
    """The executive meets every this many days; its override or implementation waits
    for a meeting."""
    absence: Share = 0.1
    """Chance that a seat holder misses a given meeting."""
    vote_yes: Share = 0.95
    """Chance that a member without a conflict votes for the sanction."""
    conflicted_yes: Share = 0.2
    """Chance that a member related to the respondent votes for the sanction."""
    protect: Share = 0.9
    """Chance that the executive overrides the decision when the book lets it."""
    override_days: Days = Gamma(dist="gamma", mean=20, sd=10)
    """Days from the decision to the executive's override, when it overrides (a number,
    or a distribution ``{dist: ...}``)."""
    implement_days: Days = Gamma(dist="gamma", mean=10, sd=5)
    """Days from the decision to its implementation, when not overridden (a number, or a
    distribution ``{dist: ...}``)."""


def _required_days(run: Any, rule: str, field: str) -> int:
    """The longest wait the book asks for before a sanction (0 when none)."""
    reqs = run.book.clauses_on(run.today).requirements.get("sanction", ())
    return max((getattr(r, field) for _, r in reqs if r.rule == rule), default=0)


@register_behaviour("case")
class CaseBehaviour(Behaviour):
    """The respondent's case, from complaint to implementation or override."""

    ROLES = ("respondent", "complainant", "adjudicator", "executive")
    Params = CaseParams
    MEASURES = ("decided", "overridden", "implemented", "case_days")
    params: CaseParams

    def start(self) -> None:
        """Start the case on its complaint day."""
        self.run.flags.update(decided=False, overridden=False, implemented=False)
        self.run.env.process(self._case())

    def _wait(self, days: float, every: int) -> Any:
        run = self.run
        target = next_meeting(run, run.day + max(0, round(days)), every)
        return run.env.timeout(target - run.day)

    def _meet(self, body: str) -> Any:
        p = self.params
        return hold(
            self.run,
            body,
            absence=p.absence,
            vote_yes=p.vote_yes,
            conflicted_yes=p.conflicted_yes,
            concerning=self.run.role("respondent"),
        )

    def _case(self) -> Generator[Any, Any, None]:
        run, p, rng = self.run, self.params, self.run.rng
        respondent, ndc, sc = (
            run.role(r) for r in ("respondent", "adjudicator", "executive")
        )
        yield run.env.timeout(max(0, run.calendar.day(p.complaint_on) - run.day))
        opened = run.day
        run.act(
            "file_complaint", run.role("complainant"), case="k1", against=[respondent]
        )
        yield self._wait(p.investigation_days.draw(rng), p.adjudicator_meets_every)
        run.act(
            "serve_notice", ndc, case="k1", target=respondent, charges=["the complaint"]
        )
        noticed = run.day
        yield self._wait(p.hearing_gap_days.draw(rng), p.adjudicator_meets_every)
        run.act("hear", ndc, case="k1", target=respondent)
        heard = run.day
        lawful = max(
            noticed + _required_days(run, "notice", "days"),
            heard + _required_days(run, "hearing", "min_days_before"),
            heard + round(p.decision_gap_days.draw(rng)),
        )
        yield run.env.timeout(
            next_meeting(run, lawful, p.adjudicator_meets_every) - run.day
        )
        meeting = self._meet(ndc)
        run.act("find", ndc, case="k1", targets=[respondent], vote=meeting.tally)
        decision = run.act(
            "sanction",
            ndc,
            case="k1",
            targets=[respondent],
            sanction="expel",
            vote=meeting.tally,
        )
        run.flags["case_days"] = run.day - opened
        if not run.effective(decision):
            return
        run.flags["decided"] = True
        run.flags["decision"] = decision.id
        if rng.random() < p.protect and book_lets(run, sc, "alter_decision"):
            yield self._wait(p.override_days.draw(rng), p.executive_meets_every)
            override = run.act(
                "alter_decision", sc, decision=decision.id, outcome="quash"
            )
            if run.effective(override):
                run.flags["overridden"] = True
                return
        yield self._wait(p.implement_days.draw(rng), p.executive_meets_every)
        done = run.act("implement", sc, decision=decision.id)
        run.flags["implemented"] = run.effective(done)

    def measures(self) -> dict[str, Measure]:
        """Whether the case was decided, overridden, implemented, and how long it took."""
        return {m: self.run.flags.get(m) for m in self.MEASURES}


class DisclosureParams(Params):
    """When the respondent stands for office and when the old decision comes out."""

    election_on: dt.date
    """The day of the convention that may elect the respondent to the executive."""
    disclosure_on: dt.date
    """The day a witness may disclose a decision that was never implemented."""
    elect: Share = 0.9
    """Chance the convention elects the respondent to the executive, if still a member."""
    disclose: Share = 0.95
    """Chance that a witness discloses an unimplemented decision."""
    disclose_if_not_elected: Share = 0.3
    """The same chance when the respondent holds no office (less is at stake)."""
    response_days: int = Field(default=1, ge=0)
    """Days from the disclosure to the executive's interim suspension of the respondent."""


@register_behaviour("disclosure")
class DisclosureBehaviour(Behaviour):
    """The respondent's election and the disclosure that follows."""

    ROLES = ("respondent", "executive", "convention", "discloser")
    Params = DisclosureParams
    MEASURES = ("respondent_elected", "disclosed", "cover_up", "suspended")
    params: DisclosureParams

    def start(self) -> None:
        """Start the election-and-disclosure story."""
        self.run.flags.update(
            respondent_elected=False, disclosed=False, cover_up=False, suspended=False
        )
        self.run.env.process(self._story())

    def _member(self, person: str) -> bool:
        return self.run.session.world.persons[person].status in {"member", "on_leave"}

    def _story(self) -> Generator[Any, Any, None]:
        run, p, rng = self.run, self.params, self.run.rng
        respondent, sc = run.role("respondent"), run.role("executive")
        yield run.env.timeout(max(0, run.calendar.day(p.election_on) - run.day))
        if self._member(respondent) and rng.random() < p.elect:
            record = run.act(
                "elect", run.role("convention"), body=sc, persons=[respondent]
            )
            run.flags["respondent_elected"] = run.effective(record)
        yield run.env.timeout(max(0, run.calendar.day(p.disclosure_on) - run.day))
        hidden = bool(run.flags.get("decided")) and not run.flags.get("implemented")
        if not (hidden and self._member(respondent)):
            return
        chance = (
            p.disclose if run.flags["respondent_elected"] else p.disclose_if_not_elected
        )
        if rng.random() >= chance:
            return
        run.flags["cover_up"] = bool(run.flags.get("overridden"))
        run.flags["in_office"] = respondent in run.session.world.holders(sc, run.day)
        run.flags["disclosed"] = True
        run.flags["disclosed_day"] = run.day
        run.act("disclose", run.role("discloser"), to=[sc, "members"], case="k1")
        yield run.env.timeout(p.response_days)
        record = run.act(
            "interim_suspend",
            sc,
            targets=[respondent],
            scope="membership",
            basis="charges_filed",
        )
        run.flags["suspended"] = run.effective(record)

    def measures(self) -> dict[str, Measure]:
        """What happened to the respondent and whether the story came out."""
        return {m: self.run.flags.get(m) for m in self.MEASURES}
