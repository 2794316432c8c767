"""Running a procedure machine's histories under ``@given``, without the state-machine runner.

``govsim explore`` tries a machine of :mod:`govsim.testing.machine` that has
one rule and no ``@invariant`` of its own. Hypothesis' runner for state
machines would choose that rule at every step among the one there is
(drawing a feature flag and a stop decision for it, and writing each step
out), which cost a search a fifth of its time. Here a history is a plain
loop of the machine's ``act`` steps inside one ``@given`` test: the same
acts, drawn the same way, the same invariants checked after each and
deadline invariants at the end. Pytest users' machines
(``procedure_machine(...).TestCase``) still run under the state-machine
runner, where rules and invariants of their own take part.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hypothesis import given, settings
from hypothesis import seed as use_seed
from hypothesis import strategies as st

if TYPE_CHECKING:
    from govsim.testing.machine import ProcedureMachine

__all__ = ["run"]

_FULL = 0.8
"""Share of Hypothesis' room for one test case past which a history stops, as
the state-machine runner does, so that a long ``--steps`` ends a history
early instead of making Hypothesis discard it."""


def run(
    machine: type[ProcedureMachine], *, steps: int, seed: int, using: settings
) -> None:
    """Try histories of ``machine`` of up to ``steps`` steps under ``using``.

    Raises whatever a history raises on Hypothesis' final run (an
    :class:`~govsim.testing.machine.InvariantBroken` for a breach).
    """
    from hypothesis.internal.conjecture.engine import BUFFER_SIZE
    from hypothesis.internal.reflection import function_digest

    room = _FULL * BUFFER_SIZE

    def history(data: st.DataObject) -> None:
        grow(machine(), data, steps, room)

    test = using(use_seed(seed)(given(st.data())(history)))
    # The example database keys a test by its code; this one is the same for
    # every design, so it is told the machine's too, as the state-machine
    # runner tells it.
    test.hypothesis.inner_test._hypothesis_internal_add_digest = function_digest(  # type: ignore[attr-defined]  # Hypothesis' own hook, set as hypothesis.stateful sets it
        machine
    )
    test()


def grow(
    machine: ProcedureMachine, data: st.DataObject, steps: int, room: float
) -> None:
    """Take up to ``steps`` steps on ``machine``, then end its history."""
    choices = data.conjecture_data
    try:
        for _ in range(steps):
            if choices.length > room or not machine.moves():
                break
            machine.act(data)
    finally:
        machine.teardown()
