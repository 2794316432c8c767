"""The rank and file of a simulated organisation, held as arrays.

Hundreds of thousands of members cannot each be a SimPy process and stay
fast, and they need not be: what differs between them is a few numbers
(trust in the leadership, how strongly events move it, their branch). The
population keeps those numbers in NumPy arrays, one entry per member, so that
a day of the whole membership is a handful of vector operations, while every
act a member takes (resigning, proposing) still goes through the engine under
the member's own person id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from pydantic import Field

from govsim.errors import UsageError
from govsim.model.common import Strict
from govsim.model.organisation import Body, Organisation, Person

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = ["Population", "PopulationSpec", "build_population", "enrol"]


class PopulationSpec(Strict):
    """How many members, in how many branches of how uneven sizes."""

    members: int = Field(ge=1, le=10_000_000)
    """How many rank-and-file members each run generates (``m1``, ``m2``...)."""
    branches: int = Field(default=1, ge=1)
    """How many branches they are spread over (``branch-1``...); default 1."""
    branch_spread: float = Field(default=0.6, ge=0, le=10)
    """Spread of branch sizes (the sd of log size); 0 makes branches equal.

    At most 10, where one branch already holds nearly every member: beyond
    some hundreds the branch weights overflow and no run can be drawn.
    """


@dataclass
class Population:
    """Per-member state as arrays, indexed by member number."""

    ids: tuple[str, ...]
    branch_ids: tuple[str, ...]
    branch: NDArray[np.int64]
    """Each member's branch, as an index into ``branch_ids``."""
    member: NDArray[np.bool_]
    """Still a member in good standing, as the engine last judged it."""
    left_day: NDArray[np.int64]
    """The run day the member left (-1: has not left)."""
    trust: NDArray[np.float64]
    """Trust in the leadership, between 0 and 1."""
    sensitivity: NDArray[np.float64]
    """How strongly events move this member's trust (a multiplier)."""
    branch_size: NDArray[np.int64]
    disaffiliated: NDArray[np.bool_]

    @property
    def size(self) -> int:
        """Members at the start."""
        return len(self.ids)

    def remaining(self) -> int:
        """Members in good standing now."""
        return int(self.member.sum())


@lru_cache(maxsize=8)
def numbered(prefix: str, count: int) -> tuple[str, ...]:
    """Ids ``prefix`` + 1 … ``count``, zero-padded so they sort in order.

    Cached: every run of a sweep numbers the same members, and formatting a
    hundred thousand ids was a visible share of a short run.
    """
    width = len(str(count))
    return tuple(f"{prefix}{i:0{width}d}" for i in range(1, count + 1))


def build_population(spec: PopulationSpec, rng: np.random.Generator) -> Population:
    """Draw branch sizes and assign members to branches, from the run's stream."""
    import numpy as np

    n, b = spec.members, min(spec.branches, spec.members)
    weights = rng.lognormal(0.0, spec.branch_spread, b) if spec.branch_spread else None
    # Every branch gets one member first, so none is empty; the rest follow
    # the drawn weights.
    extra = (
        rng.multinomial(n - b, weights / weights.sum())
        if weights is not None
        else np.full(b, (n - b) // b) + (np.arange(b) < (n - b) % b)
    )
    sizes = extra.astype(np.int64) + 1
    branch = np.repeat(np.arange(b, dtype=np.int64), sizes)
    return Population(
        ids=numbered("m", n),
        branch_ids=numbered("branch-", b),
        branch=branch,
        member=np.ones(n, dtype=np.bool_),
        left_day=np.full(n, -1, dtype=np.int64),
        trust=np.ones(n),
        sensitivity=np.ones(n),
        branch_size=sizes,
        disaffiliated=np.zeros(b, dtype=np.bool_),
    )


def enrol(org: Organisation, population: Population) -> Organisation:
    """The organisation with the population's members and branches added.

    Built with ``model_construct``: the values are generated here, not
    written by a user, and validating a hundred thousand persons one by one
    would cost more than the rest of a run.
    """
    generated = re.compile(r"^(m\d+|branch-\d+)$")
    clash = sorted(i for i in (*org.persons, *org.bodies) if generated.match(i))
    if clash:
        raise UsageError(
            f"organisation {org.organisation} already uses ids that the "
            f"population generates (m1…, branch-1…): {', '.join(clash[:5])}; "
            "rename them"
        )
    shared, branches = _branch_documents(population.branch_ids)
    persons = dict(org.persons)
    for pid, b in zip(population.ids, population.branch.tolist(), strict=True):
        persons[pid] = shared[b]
    bodies = dict(org.bodies)
    bodies.update(branches)
    return org.model_copy(update={"persons": persons, "bodies": bodies})


@lru_cache(maxsize=8)
def _branch_documents(
    branch_ids: tuple[str, ...],
) -> tuple[tuple[Person, ...], dict[str, Body]]:
    """One member description per branch, and the branch bodies, by branch id.

    Persons and bodies are immutable and carry no id, so members of one branch
    share one description (a few hundred objects instead of one per member),
    and every run of a sweep with the same branches shares them all: building
    them cost more than the rest of :func:`enrol`. Callers copy the dict.
    """
    shared = tuple(
        Person.model_construct(role=None, status="member", branch=bid, tags=())
        for bid in branch_ids
    )
    branch = Body.model_construct(
        kind="branch", name=None, seats=(), size=None, parent=None, outside=False
    )
    return shared, dict.fromkeys(branch_ids, branch)
