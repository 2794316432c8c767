"""Members: trust in the leadership that moves with events, and resignation.

Every member starts with a trust drawn from ``initial_trust`` and a
sensitivity to events. A disclosure lowers trust, by more when it reveals a
cover-up or a respondent in office; an effective response (the respondent
suspended) restores a little; every day, members lose trust as people in
their branch and in the organisation leave (contagion). Each day a member
resigns with a hazard that rises from ``baseline_resign`` at full trust to
``resign_max`` as trust falls past ``resign_midpoint``. Every resignation is a
``resign_membership`` act judged by the engine.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Generator
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import Field

from govsim.simulation.behaviour import (
    Behaviour,
    FixedIfNumber,
    Measure,
    Params,
    register_behaviour,
)
from govsim.simulation.distributions import Beta, Distribution, LogNormal, Share

if TYPE_CHECKING:
    from govsim.engine.trace import ActRecord
    from govsim.model.acts import ActBase

__all__ = ["MembersBehaviour"]


class MembersParams(Params):
    """Trust, its shocks and contagion, and the resignation hazard."""

    initial_trust: Annotated[Distribution, FixedIfNumber] = Beta(dist="beta", a=6, b=2)
    """Each member's trust in the leadership at the start, between 0 and 1 (a number, or
    a distribution ``{dist: ...}``)."""
    sensitivity: Annotated[Distribution, FixedIfNumber] = LogNormal(
        dist="lognormal", mean=1, sd=0.5
    )
    """How strongly events move each member's trust: a multiplier of every shock (a
    number, or a distribution ``{dist: ...}``)."""
    active_from: dt.date | None = None
    """First day members may resign (absent: the run's start)."""
    baseline_resign: Share = 0.0002
    """Daily chance of resigning at full trust."""
    resign_max: Share = 0.03
    """Daily chance of resigning at no trust; between the two, a logistic curve in
    trust."""
    resign_midpoint: Share = 0.3
    """The trust at which the daily chance of resigning is halfway between the baseline
    and the maximum."""
    resign_width: float = Field(default=0.07, gt=0)
    """How gradually the chance of resigning rises as trust falls (the logistic curve's
    width; above 0)."""
    disclosure_shock: Share = 0.1
    """Trust lost when a disclosure takes effect (times each member's sensitivity)."""
    cover_up_shock: Share = 0.3
    """Further trust lost when the disclosure reveals an overridden decision."""
    in_office_shock: Share = 0.1
    """Further trust lost when the respondent holds office at the disclosure."""
    response_relief: Share = 0.03
    """Trust regained when, after a disclosure, an interim suspension takes effect."""
    contagion: float = Field(default=1.0, ge=0)
    """Trust lost per unit share of one's branch leaving in a day."""
    national_contagion: float = Field(default=2.0, ge=0)
    """Trust lost per unit share of the whole membership leaving in a day."""
    disaffected_below: Share = 0.45
    """Members whose trust is below this count as disaffected."""


@register_behaviour("members")
class MembersBehaviour(Behaviour):
    """The rank and file: trust, shocks, contagion and resignations."""

    Params = MembersParams
    MEASURES = (
        "members_start",
        "members_retained",
        "resignations",
        "resignations_after_disclosure",
        "disaffected_end",
        "mean_trust_end",
    )
    params: MembersParams

    def start(self) -> None:
        """Draw trust and sensitivity, listen for shocks, start the daily step."""
        pop, p, rng = self.run.population, self.params, self.run.rng
        pop.trust = p.initial_trust.sample(rng, pop.size).clip(0, 1)
        pop.sensitivity = p.sensitivity.sample(rng, pop.size).clip(0, None)
        self.resigned = 0
        self.run.on("disclose", self._disclosed)
        self.run.on("interim_suspend", self._responded)
        self.run.env.process(self._days())

    def _shock(self, amount: float) -> None:
        pop = self.run.population
        pop.trust = (pop.trust - amount * pop.sensitivity).clip(0, 1)

    def _disclosed(self, record: ActRecord, act: ActBase) -> None:
        if not self.run.effective(record):
            return
        p, flags = self.params, self.run.flags
        self._shock(
            p.disclosure_shock
            + p.cover_up_shock * bool(flags.get("cover_up"))
            + p.in_office_shock * bool(flags.get("in_office"))
        )

    def _responded(self, record: ActRecord, act: ActBase) -> None:
        if self.run.flags.get("disclosed") and self.run.effective(record):
            self._shock(-self.params.response_relief)

    def _days(self) -> Generator[Any, Any, None]:
        import numpy as np

        run, p, pop = self.run, self.params, self.run.population
        first = run.calendar.day(p.active_from) if p.active_from else 0
        yield run.env.timeout(max(0, first - run.day))
        sizes = pop.branch_size.astype(np.float64)
        while run.day <= run.last_day and not run.dissolved:
            hazard = p.baseline_resign + (p.resign_max - p.baseline_resign) / (
                1 + np.exp((pop.trust - p.resign_midpoint) / p.resign_width)
            )
            leaving = np.flatnonzero((run.rng.random(pop.size) < hazard) & pop.member)
            self.leave(leaving)
            if len(leaving):
                lost = np.bincount(pop.branch[leaving], minlength=len(sizes)) / sizes
                drop = (
                    p.contagion * lost[pop.branch]
                    + p.national_contagion * len(leaving) / pop.size
                )
                pop.trust = (pop.trust - drop * pop.sensitivity).clip(0, 1)
            yield run.env.timeout(1)

    def leave(self, indices: Any) -> int:
        """Have these members resign, each by an act; return how many took effect."""
        run, pop = self.run, self.run.population
        done = 0
        for i in indices.tolist():
            if pop.member[i] and run.effective(
                run.act("resign_membership", pop.ids[i])
            ):
                pop.member[i] = False
                pop.left_day[i] = run.day
                done += 1
        self.resigned += done
        return done

    def measures(self) -> dict[str, Measure]:
        """Members kept and lost, and where trust ended."""
        run, pop, p = self.run, self.run.population, self.params
        persons = run.session.world.persons
        retained = sum(persons[pid].status in {"member", "on_leave"} for pid in pop.ids)
        since = run.flags.get("disclosed_day")
        after = (
            int(((pop.left_day >= since) & ~pop.member).sum())
            if isinstance(since, int)
            else 0
        )
        active = pop.member
        return {
            "members_start": pop.size,
            "members_retained": retained,
            "resignations": self.resigned,
            "resignations_after_disclosure": after,
            "disaffected_end": int(((pop.trust < p.disaffected_below) & active).sum()),
            "mean_trust_end": round(float(pop.trust[active].mean()), 4)
            if active.any()
            else None,
        }
