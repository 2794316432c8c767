"""Branches: disaffiliation once enough of a branch is disaffected.

Each branch draws a threshold. Once a crisis has begun (a disclosure), a
branch whose share of disaffected or departed members passes its threshold
disaffiliates: a ``disaffiliate`` act by the branch, judged by the engine. If
the book lets branches disaffiliate, the engine takes their members out with
them; if it does not, the act is void, and each member follows the branch out
by resigning with probability ``follow``.
"""

from __future__ import annotations

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
from govsim.simulation.behaviours.members import MembersBehaviour
from govsim.simulation.distributions import Beta, Distribution, Share

__all__ = ["BranchesBehaviour"]


class BranchesParams(Params):
    """Thresholds and what members do when their branch leaves."""

    threshold: Annotated[Distribution, FixedIfNumber] = Beta(dist="beta", a=6, b=4)
    """Share of a branch disaffected or gone at which it disaffiliates."""
    min_size: int = Field(default=3, ge=1)
    """Branches smaller than this never act as a branch."""
    follow: Share = 0.6
    """Chance that a member leaves with a branch whose disaffiliation is void."""
    disaffected_below: Share = 0.45
    """Members whose trust is below this count as disaffected."""


@register_behaviour("branches")
class BranchesBehaviour(Behaviour):
    """Branch disaffiliations after a crisis begins."""

    Params = BranchesParams
    MEASURES = ("branches_disaffiliated", "branches_disaffiliated_validly")
    params: BranchesParams

    def start(self) -> None:
        """Draw each branch's threshold; wait for a disclosure."""
        pop = self.run.population
        self.thresholds = self.params.threshold.sample(
            self.run.rng, len(pop.branch_ids)
        )
        self.valid = 0
        self.run.on("disclose", lambda record, act: self._begin(record))
        self.begun = False

    def _begin(self, record: Any) -> None:
        if self.run.effective(record) and not self.begun:
            self.begun = True
            self.run.env.process(self._days())

    def _days(self) -> Generator[Any, Any, None]:
        import numpy as np

        run, pop, p = self.run, self.run.population, self.params
        since = run.day
        n_branches = len(pop.branch_ids)
        while run.day <= run.last_day and not run.dissolved:
            gone = pop.left_day >= since
            unhappy = gone | (pop.member & (pop.trust < p.disaffected_below))
            share = (
                np.bincount(pop.branch, weights=unhappy, minlength=n_branches)
                / pop.branch_size
            )
            ready = (
                (share >= self.thresholds)
                & ~pop.disaffiliated
                & (pop.branch_size >= p.min_size)
            )
            for b in np.flatnonzero(ready).tolist():
                self._disaffiliate(b)
            yield run.env.timeout(1)

    def _disaffiliate(self, b: int) -> None:
        import numpy as np

        run, pop = self.run, self.run.population
        pop.disaffiliated[b] = True
        record = run.act("disaffiliate", pop.branch_ids[b])
        inside = np.flatnonzero((pop.branch == b) & pop.member)
        if run.effective(record):
            self.valid += 1
            pop.member[inside] = False
            pop.left_day[inside] = run.day
            return
        members = run.behaviours.get("members")
        if isinstance(members, MembersBehaviour):
            follow = inside[run.rng.random(len(inside)) < self.params.follow]
            members.leave(follow)

    def measures(self) -> dict[str, Measure]:
        """How many branches left, and how many of them by an effective act."""
        return {
            "branches_disaffiliated": int(self.run.population.disaffiliated.sum()),
            "branches_disaffiliated_validly": self.valid,
        }
