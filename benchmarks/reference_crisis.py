"""The calibrated crisis model written directly on SimPy and NumPy, without govsim.

The yardstick for govsim's overhead: the same behaviours with the same
parameters as scenarios/crisis/iso-2019.model.yaml (the case, the override,
the election, the disclosure, members' trust and resignations, branches,
proposals and the poll), with the rules of one book (iso-2019-post-convention)
written by hand as a few booleans instead of judged by an engine. It keeps
the same counts govsim reports, so the benchmark can check that both do the
same work before comparing their speed.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import simpy

START = dt.date(2012, 11, 1)
END = dt.date(2019, 4, 19)


def _day(d: dt.date) -> int:
    return (d - START).days


def _gamma(rng: np.random.Generator, mean: float, sd: float) -> float:
    return float(rng.gamma((mean / sd) ** 2, sd * sd / mean))


def _next(day: int, every: int) -> int:
    return -(-day // every) * every


def run_reference(  # noqa: PLR0915 - one function, as a SimPy user would write it
    seed: int, members: int = 900, branches: int = 40
) -> dict[str, object]:
    """One run of the hand-written model; returns the calibration measures."""
    rng = np.random.default_rng(seed)
    env = simpy.Environment()
    weights = rng.lognormal(0.0, 0.6, branches)
    sizes = rng.multinomial(members - branches, weights / weights.sum()) + 1
    branch = np.repeat(np.arange(branches), sizes)
    member = np.ones(members, dtype=bool)
    left = np.full(members, -1)
    state: dict[str, object] = {
        "overridden": False,
        "disclosed": False,
        "dissolved": False,
    }
    log: list[tuple[int, str]] = []  # the acts, as the engine's trace would hold them

    def case() -> simpy.events.ProcessGenerator:
        yield env.timeout(_day(dt.date(2012, 11, 15)))
        log.append((int(env.now), "file_complaint"))
        yield env.timeout(
            _next(int(env.now) + round(_gamma(rng, 30, 10)), 14) - env.now
        )
        noticed = int(env.now)
        log.append((noticed, "serve_notice"))
        yield env.timeout(_next(int(env.now) + round(_gamma(rng, 14, 5)), 14) - env.now)
        heard = int(env.now)
        log.append((heard, "hear"))
        lawful = max(noticed, heard, heard + round(_gamma(rng, 7, 3)))
        yield env.timeout(_next(lawful, 14) - env.now)
        present = [u >= 0.1 for u in rng.random(3)]
        yes = sum(p and u < 0.95 for p, u in zip(present, rng.random(3), strict=True))
        log.extend([(int(env.now), "find"), (int(env.now), "sanction")])
        if yes * 2 <= sum(present):
            return
        state["decided"] = True
        if rng.random() < 0.95:  # the book lets the SC alter decisions
            yield env.timeout(
                _next(int(env.now) + round(_gamma(rng, 20, 10)), 7) - env.now
            )
            log.append((int(env.now), "alter_decision"))
            state["overridden"] = True
            return
        yield env.timeout(_next(int(env.now) + round(_gamma(rng, 10, 5)), 7) - env.now)
        log.append((int(env.now), "implement"))

    def disclosure() -> simpy.events.ProcessGenerator:
        yield env.timeout(_day(dt.date(2019, 2, 24)) - env.now)
        elected = bool(state["overridden"]) and rng.random() < 0.95
        yield env.timeout(_day(dt.date(2019, 3, 11)) - env.now)
        if not state["overridden"] or rng.random() >= (0.95 if elected else 0.3):
            return
        state["disclosed"] = True
        state["since"] = int(env.now)
        shock(0.05 + 0.2 + 0.1 * elected)
        log.append((int(env.now), "disclose"))
        env.process(branches_process())
        env.process(proposals())
        yield env.timeout(1)
        log.append((int(env.now), "interim_suspend"))
        shock(-0.03)

    trust = rng.beta(8, 2, members).clip(0, 1)
    sensitivity = _lognormal(rng, 1.0, 0.5, members)

    def shock(amount: float) -> None:
        nonlocal trust
        trust = (trust - amount * sensitivity).clip(0, 1)

    def leave(indices: np.ndarray) -> None:
        for i in indices.tolist():
            if member[i]:
                log.append((int(env.now), "resign_membership"))
                member[i] = False
                left[i] = int(env.now)

    def members_process() -> simpy.events.ProcessGenerator:
        nonlocal trust
        yield env.timeout(_day(dt.date(2019, 2, 24)) - env.now)
        while env.now <= _day(END) and not state["dissolved"]:
            hazard = 0.0002 + (0.025 - 0.0002) / (1 + np.exp((trust - 0.24) / 0.05))
            going = np.flatnonzero((rng.random(members) < hazard) & member)
            leave(going)
            if len(going):
                lost = np.bincount(branch[going], minlength=branches) / sizes
                drop = 0.3 * lost[branch] + 0.5 * len(going) / members
                trust = (trust - drop * sensitivity).clip(0, 1)
            yield env.timeout(1)

    thresholds = rng.beta(6, 3, branches)
    gone_branch = np.zeros(branches, dtype=bool)

    def branches_process() -> simpy.events.ProcessGenerator:
        since = int(env.now)
        while env.now <= _day(END) and not state["dissolved"]:
            unhappy = (left >= since) | (member & (trust < 0.35))
            share = np.bincount(branch, weights=unhappy, minlength=branches) / sizes
            for b in np.flatnonzero(
                (share >= thresholds) & ~gone_branch & (sizes >= 3)
            ).tolist():
                gone_branch[b] = True
                log.append((int(env.now), "disaffiliate"))  # void: no branch power
                inside = np.flatnonzero((branch == b) & member)
                leave(inside[rng.random(len(inside)) < 0.6])
            yield env.timeout(1)

    def proposals() -> simpy.events.ProcessGenerator:
        since = int(env.now)
        yield env.timeout(4)
        signed = np.zeros(members, dtype=bool)
        support: list[int] = []
        daily = 1 - (1 - 0.75) ** (1 / 11)
        for _ in range(11):
            pool = np.flatnonzero((trust < 0.45) & member)
            for _ in range(int(rng.poisson(0.007 * len(pool)))):
                proposer = int(pool[rng.integers(len(pool))])
                sponsors = max(1, round(_gamma(rng, 8, 6)))
                log.append((int(env.now), "propose"))
                support.append(sponsors)
                signed[proposer] = True
            signing = np.flatnonzero(trust < 0.45)
            signing = signing[~signed[signing] & (rng.random(len(signing)) < daily)]
            if support and len(signing):
                w = np.asarray(support, dtype=float) + 0.15
                for u in rng.random(len(signing)).tolist():
                    k = min(
                        int(np.searchsorted(np.cumsum(w), u * w.sum(), side="right")),
                        len(w) - 1,
                    )
                    support[k] += 1
                    w[k] += 1
                signed[signing] = True
            yield env.timeout(1)
        kept = [s for s in support if not (s < 15 and rng.random() < 0.6)]
        state["proposals"], state["leading"] = len(support), max(kept, default=0)
        if not kept:
            return
        yield env.timeout(3)
        gone = (left >= since) & ~member
        turnout = np.where(member, 0.55, np.where(gone, 0.35, 0.0))
        voting = rng.random(members) < turnout
        for_ = rng.random(members) < 1 / (1 + np.exp((trust - 0.58) / 0.08))
        yes, no = int((voting & for_).sum()), int((voting & ~for_).sum())
        state["voters"], state["share"] = yes + no, yes / max(1, yes + no)
        log.append((int(env.now), "vote"))
        if yes / max(1, yes + no) > 0.5:
            log.append(
                (int(env.now), "dissolve_organisation")
            )  # void for the membership
            yield env.timeout(14)
            log.append(
                (int(env.now), "dissolve_organisation")
            )  # valid for the convention
            state["dissolved"] = True

    for process in (case(), disclosure(), members_process()):
        env.process(process)
    env.run(until=_day(END) + 1)
    return {
        "members_retained": int(member.sum()),
        "proposals": state.get("proposals", 0),
        "leading_supporters": state.get("leading", 0),
        "voters": state.get("voters", 0),
        "dissolve_share": state.get("share"),
        "acts": len(log),
    }


def _lognormal(
    rng: np.random.Generator, mean: float, sd: float, size: int
) -> np.ndarray:
    sigma2 = math.log1p((sd / mean) ** 2)
    return rng.lognormal(math.log(mean) - sigma2 / 2, math.sqrt(sigma2), size).clip(
        0, None
    )
