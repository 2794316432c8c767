"""Carry out one run of a model: build the world, start the behaviours, measure.

Everything random in a run is drawn from one NumPy generator seeded with the
run's seed, consumed in the order SimPy runs the processes (time, then the
order behaviours are listed), so a run is a pure function of the model, the
book, the parameters and the seed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from govsim.collector import collector_paused
from govsim.engine.trace import Verdict
from govsim.extras import need
from govsim.findings.outcomes import DEADLINE_RULE
from govsim.simulation.behaviour import Behaviour, Measure, Params, behaviour_class
from govsim.simulation.population import PopulationSpec, build_population, enrol
from govsim.simulation.run import Run

if TYPE_CHECKING:
    from govsim.engine.replay import Trace
    from govsim.invariants.monitor import Monitor
    from govsim.model.clauses import ResolvedBook
    from govsim.model.organisation import Organisation
    from govsim.simulation.model import Model

__all__ = ["execute"]


def _monitor(model: Model, org: Organisation, book: ResolvedBook) -> Monitor | None:
    chosen = model.document.invariants
    if chosen == "none":
        return None
    from govsim.invariants import INVARIANTS, Monitor

    names = sorted(INVARIANTS) if chosen == "all" else chosen
    invariants = sorted((INVARIANTS[n] for n in names), key=lambda i: i.number)
    return Monitor([(inv, {}) for inv in invariants], org, book)


@collector_paused()
def execute(
    model: Model,
    book: ResolvedBook,
    population_spec: PopulationSpec,
    params: dict[str, Params],
    seed: int,
) -> dict[str, Measure]:
    """One run of ``model`` under ``book``: its outcome measures.

    Raises:
        UsageError: NumPy, which every behaviour model draws from, is not
            installed (it comes with the ``sweep`` extra).
    """
    need("numpy", "sweep", "running a behaviour model")
    import numpy as np

    doc = model.document
    rng = np.random.default_rng(seed)
    population = build_population(population_spec, rng)
    org = enrol(model.organisation, population)
    run = Run(
        org,
        book,
        doc.start,
        doc.end,
        rng,
        population,
        dict(doc.roles),
        _monitor(model, org, book),
    )
    behaviours: list[Behaviour] = []
    for entry in doc.behaviours:
        behaviour = behaviour_class(entry.behaviour)(params[entry.key], run)
        run.behaviours[entry.key] = behaviour
        behaviours.append(behaviour)
    for behaviour in behaviours:
        behaviour.start()
    trace = run.finish()
    record: dict[str, Measure] = {}
    for behaviour in behaviours:
        record.update(behaviour.measures())
    record.update(_engine_measures(trace))
    run.close()
    return record


def _engine_measures(trace: Trace) -> dict[str, Measure]:
    breached = sorted({b.invariant for b in trace.breaches})
    return {
        "acts": len(trace.acts),
        "acts_void": sum(a.verdict is Verdict.VOID for a in trace.acts),
        "acts_irregular": sum(a.verdict is Verdict.IRREGULAR for a in trace.acts),
        "violations": len(trace.violations),
        "deadlines_missed": sum(v.rule == DEADLINE_RULE for v in trace.violations),
        "breaches": len(trace.breaches),
        "breached": ",".join(breached),
        "prevented": len(trace.prevented),
        "prevented_of": ",".join(sorted({b.invariant for b in trace.prevented})),
    }
