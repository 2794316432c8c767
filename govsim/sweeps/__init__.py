"""Monte Carlo sweeps: run a model or a scenario many times and keep every run.

A sweep spec (YAML) names a target (a behaviour model or a scenario), the rule
books to compare, a grid of parameter values and the outcome measures. The
sweep is planned first, with every run's seed derived from the spec, then
executed on any ``concurrent.futures.Executor`` (serial, a process pool, a
Dask cluster), and its rows stream to Parquet with a manifest that lets an
interrupted sweep resume. Same spec, same rows, whatever executed it.

Modules, in the order a sweep goes through them: :mod:`~govsim.sweeps.spec`,
:mod:`~govsim.sweeps.targets` (with :mod:`~govsim.sweeps.model_target` and
:mod:`~govsim.sweeps.scenario_target`), :mod:`~govsim.sweeps.plan`,
:mod:`~govsim.sweeps.executors`, :mod:`~govsim.sweeps.execute`,
:mod:`~govsim.sweeps.store` (with :mod:`~govsim.sweeps.chunks`,
:mod:`~govsim.sweeps.manifest` and :mod:`~govsim.sweeps.audit`, which
checks a folder before it is resumed), :mod:`~govsim.sweeps.summary`,
:mod:`~govsim.sweeps.result` and :mod:`~govsim.sweeps.sweeping`.

The package is called ``sweeps`` so that ``govsim.sweep`` can stay the
function: a subpackage ``govsim.sweep`` would replace it on import.
"""

from __future__ import annotations

from govsim.sweeps.result import SweepResult
from govsim.sweeps.spec import SweepSpec, load_spec
from govsim.sweeps.summary import Summary
from govsim.sweeps.sweeping import Sweep, sweep
from govsim.sweeps.targets import Target, register_target

__all__ = [
    "Summary",
    "Sweep",
    "SweepResult",
    "SweepSpec",
    "Target",
    "load_spec",
    "register_target",
    "sweep",
]
