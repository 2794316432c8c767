"""Proposals, their supporters, and the poll that may dissolve the organisation.

Once a crisis begins, disaffected members draft proposals for a window of
days: each day a Poisson number, in proportion to how many are disaffected.
A proposal is tabled (a ``propose`` act) with the co-sponsors its drafter
gathered; afterwards disaffected members sign one proposal each, choosing
with preferential attachment (popular proposals attract more), which is how
one proposal comes to lead. Weak proposals are withdrawn when the window
closes. A poll on the leading proposal follows, open to members and to those
who left since the crisis began; members vote to dissolve with a chance that
rises as their trust falls. If the poll carries, the membership dissolves the
organisation; if the book gives the membership no such power, the act is
void and, after ``fallback_days``, the ``fallback`` body (the convention)
takes the same decision.
"""

from __future__ import annotations

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
from govsim.simulation.distributions import Distribution, Gamma, Share
from govsim.simulation.urn import Urn

if TYPE_CHECKING:
    from govsim.engine.trace import ActRecord
    from govsim.model.acts import ActBase

__all__ = ["ProposalsBehaviour"]


class ProposalsParams(Params):
    """Drafting, support, withdrawal, the poll and the fallback."""

    opens_after: int = Field(default=4, ge=0)
    """Days from the disclosure to the first proposal."""
    window_days: int = Field(default=11, ge=1)
    """Days during which proposals are drafted and signed."""
    rate: float = Field(default=0.006, ge=0, le=1)
    """Proposals drafted per disaffected member per day: at most one each.

    Bounded because each proposal is an act through the engine: a rate of a
    million would table hundreds of millions of proposals a day.
    """
    sponsors: Annotated[Distribution, FixedIfNumber] = Gamma(dist="gamma", mean=8, sd=6)
    """Co-sponsors a drafter gathers; a draw above the membership counts every member."""
    support: Share = 0.5
    """Share of disaffected members who sign a proposal during the window."""
    attachment: float = Field(default=1.0, gt=0)
    """Pseudo-supporters of every proposal: larger spreads support more evenly."""
    withdraw_below: int = Field(default=15, ge=0)
    """Proposals with fewer supporters than this may be withdrawn at the window's end."""
    withdraw: Share = 0.6
    """Chance that such a proposal is withdrawn by its proposer."""
    poll_days: int = Field(default=3, ge=1)
    """Days the poll stays open after the proposals window closes."""
    turnout: Share = 0.55
    """Chance that a member votes in the poll."""
    turnout_left: Share = 0.35
    """Turnout of those who left after the crisis began (they may vote)."""
    dissolve_midpoint: Share = 0.55
    """The trust at which a voter is as likely to vote for dissolving as against."""
    dissolve_width: float = Field(default=0.08, gt=0)
    """How gradually the vote for dissolving rises as trust falls (the logistic curve's
    width; above 0)."""
    threshold: Share = 0.5
    """The share of votes for dissolving above which the membership dissolves the
    organisation."""
    disaffected_below: Share = 0.45
    """Members whose trust is below this count as disaffected (they draft and sign)."""
    fallback: str | None = "convention"
    """The body that dissolves the organisation when the membership's act is void
    (default ``convention``; ``null``: no one does)."""
    fallback_days: int = Field(default=14, ge=0)
    """Days from the void dissolution to the fallback body's."""


@register_behaviour("proposals")
class ProposalsBehaviour(Behaviour):
    """Proposals, signatures, withdrawals and the dissolution poll."""

    ROLES = ("membership",)
    Params = ProposalsParams
    MEASURES = (
        "proposals",
        "proposals_withdrawn",
        "leading_supporters",
        "voters",
        "dissolve_share",
        "dissolved",
        "dissolved_day",
        "dissolution_verdict",
    )
    params: ProposalsParams

    def start(self) -> None:
        """Wait for a disclosure."""
        self.drafted: list[tuple[str, str]] = []
        self.supporters: list[int] = []
        self.withdrawn: set[int] = set()
        self.voters = 0
        self.share: float | None = None
        self.verdict: str | None = None
        self.begun = False
        self.run.on("disclose", self._begin)

    def _begin(self, record: ActRecord, act: ActBase) -> None:
        if self.run.effective(record) and not self.begun:
            self.begun = True
            self.run.env.process(self._crisis())

    def _disaffected(self, active_only: bool) -> Any:
        import numpy as np

        pop = self.run.population
        low = pop.trust < self.params.disaffected_below
        return np.flatnonzero(low & pop.member if active_only else low)

    def _crisis(self) -> Generator[Any, Any, None]:
        import numpy as np

        run, p, rng, pop = self.run, self.params, self.run.rng, self.run.population
        since = run.day
        yield run.env.timeout(p.opens_after)
        signed = np.zeros(pop.size, dtype=np.bool_)
        daily = 1 - (1 - p.support) ** (1 / p.window_days)
        for _ in range(p.window_days):
            if run.dissolved:
                return
            pool = self._disaffected(active_only=True)
            for _ in range(int(rng.poisson(p.rate * len(pool)))):
                self._draft(pool, signed)
            signing = self._disaffected(active_only=False)
            signing = signing[~signed[signing] & (rng.random(len(signing)) < daily)]
            if self.supporters and len(signing):
                self._sign(len(signing))
                signed[signing] = True
            yield run.env.timeout(1)
        for k, (proposer, proposal) in enumerate(self.drafted):
            if self.supporters[k] < p.withdraw_below and rng.random() < p.withdraw:
                self.withdrawn.add(k)
                run.act("withdraw", proposer, proposal=proposal)
        standing = [k for k in range(len(self.drafted)) if k not in self.withdrawn]
        if not standing:
            return
        leading = max(standing, key=lambda k: (self.supporters[k], -k))
        called = run.today
        yield run.env.timeout(p.poll_days)
        yield from self._poll(self.drafted[leading][1], called, since)

    def _draft(self, pool: Any, signed: Any) -> None:
        run, rng = self.run, self.run.rng
        proposer = int(pool[rng.integers(len(pool))])
        # No more co-sponsors than the organisation has members: a long-tailed
        # distribution (or a fixed 1e308) would otherwise count supporters
        # beyond any integer a sweep's results can hold.
        drawn = round(self.params.sponsors.draw(rng))
        sponsors = max(1, min(drawn, run.population.size))
        proposal = f"p{len(self.drafted) + 1}"
        record = run.act(
            "propose",
            run.population.ids[proposer],
            proposal=proposal,
            supporters=sponsors,
        )
        if run.effective(record):
            self.drafted.append((run.population.ids[proposer], proposal))
            self.supporters.append(sponsors)
            signed[proposer] = True

    def _sign(self, count: int) -> None:
        alpha = self.params.attachment
        urn = Urn(s + alpha for s in self.supporters)
        # Sequential choices make support attract support within the day too.
        for u in self.run.rng.random(count).tolist():
            k = urn.draw(u)
            self.supporters[k] += 1
            urn.add(k, 1)

    def _poll(
        self, proposal: str, called: Any, since: int
    ) -> Generator[Any, Any, None]:
        import numpy as np

        run, p, rng, pop = self.run, self.params, self.run.rng, self.run.population
        left = (pop.left_day >= since) & ~pop.member
        turnout = np.where(pop.member, p.turnout, np.where(left, p.turnout_left, 0.0))
        voting = rng.random(pop.size) < turnout
        for_ = rng.random(pop.size) < 1 / (
            1 + np.exp((pop.trust - p.dissolve_midpoint) / p.dissolve_width)
        )
        yes, no = int((voting & for_).sum()), int((voting & ~for_).sum())
        self.voters = yes + no
        self.share = round(yes / self.voters, 4) if self.voters else None
        tally = {"for": yes, "against": no}
        counts = {
            "members": int((voting & pop.member).sum()),
            "former_members": int((voting & left).sum()),
        }
        by = run.role("membership")
        run.act(
            "vote", by, proposal=proposal, vote=tally, turnout=counts, called_at=called
        )
        if self.share is None or self.share <= p.threshold:
            return
        record = run.act(
            "dissolve_organisation", by, vote=tally, turnout=counts, called_at=called
        )
        self.verdict = record.verdict.value
        if not run.effective(record) and p.fallback:
            yield run.env.timeout(p.fallback_days)
            record = run.act("dissolve_organisation", p.fallback, vote=tally)
            self.verdict = (
                f"{self.verdict}, then {record.verdict.value} by {p.fallback}"
            )
        if run.dissolved:
            run.flags["dissolved_day"] = run.day - since

    def measures(self) -> dict[str, Measure]:
        """Proposals, the leading proposal's support, the poll and the dissolution."""
        standing = [s for k, s in enumerate(self.supporters) if k not in self.withdrawn]
        return {
            "proposals": len(self.drafted),
            "proposals_withdrawn": len(self.withdrawn),
            "leading_supporters": max(standing, default=0),
            "voters": self.voters,
            "dissolve_share": self.share,
            "dissolved": self.run.dissolved,
            "dissolved_day": self.run.flags.get("dissolved_day"),
            "dissolution_verdict": self.verdict,
        }
