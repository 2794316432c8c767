"""Property tests of procedure designs, on Hypothesis.

A replay checks one history; this package asks whether *any* history can
break a design. It needs the ``testing`` extra (Hypothesis)::

    pip install "govsim[testing]"

- :mod:`govsim.testing.strategies`: Hypothesis strategies for organisations,
  cases, act sequences and variants of a rule book (also registered, so
  ``st.from_type(Organisation)`` works).
- :func:`procedure_machine`: a ``RuleBasedStateMachine`` whose rules are the
  acts of the vocabulary, tried by any actor, with invariants checked after
  every step; its failures are written as scenario files that replay.
- :func:`explore`: the search behind ``govsim explore``, random or exhaustive.

Example, in a test module::

    from govsim.testing import procedure_machine

    TestOverride = procedure_machine(
        "scenarios/iso/rules/external-checks.govsim.yaml",
        invariants=["no_executive_override"],
    ).TestCase
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from govsim.extras import need

if TYPE_CHECKING:
    from govsim.probing.trial import Design
    from govsim.testing import strategies
    from govsim.testing.counterexample import (
        Counterexample,
        CounterexampleMismatchError,
    )
    from govsim.testing.exploration import Exploration, explore, procedure_machine
    from govsim.testing.machine import InvariantBroken, ProcedureMachine

__all__ = [
    "Counterexample",
    "CounterexampleMismatchError",
    "Design",
    "Exploration",
    "InvariantBroken",
    "ProcedureMachine",
    "explore",
    "load_design",
    "procedure_machine",
    "strategies",
]

_LAZY = {
    "Counterexample": "govsim.testing.counterexample",
    "CounterexampleMismatchError": "govsim.testing.counterexample",
    "Design": "govsim.probing.trial",
    "Exploration": "govsim.testing.exploration",
    "InvariantBroken": "govsim.testing.machine",
    "ProcedureMachine": "govsim.testing.machine",
    "explore": "govsim.testing.exploration",
    "load_design": "govsim.probing.design",
    "procedure_machine": "govsim.testing.exploration",
}


_ON_HYPOTHESIS = frozenset(
    {
        "govsim.testing.exploration",
        "govsim.testing.machine",
        "govsim.testing.strategies",
    }
)
"""The modules above that import Hypothesis: asked for without it, the extra is named."""


def __getattr__(name: str) -> Any:
    module = "govsim.testing.strategies" if name == "strategies" else _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'govsim.testing' has no attribute {name!r}")
    if module in _ON_HYPOTHESIS:
        need("hypothesis", "testing", f"govsim.testing.{name}")
    if name == "strategies":
        return importlib.import_module(module)
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
