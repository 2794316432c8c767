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
runner, where rules and invariants of their own take part. Only Hypothesis'
public API is used: the example database is told one search from another by
the folder :func:`~govsim.testing.exploration.explore` gives each machine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hypothesis import given, settings
from hypothesis import seed as use_seed
from hypothesis import strategies as st

if TYPE_CHECKING:
    from govsim.testing.machine import ProcedureMachine

__all__ = ["ROOM", "run"]

ROOM = 6_400
"""Bytes a history may draw before it stops: about four fifths of the 8 KiB
Hypothesis allows one test case, as its state-machine runner stops a history
at four fifths of that room, so that a long ``--steps`` ends a history early
instead of making Hypothesis discard it. Counted by the machine (the bytes
of its steps' draws), not read from Hypothesis."""


def run(
    machine: type[ProcedureMachine], *, steps: int, seed: int, using: settings
) -> None:
    """Try histories of ``machine`` of up to ``steps`` steps under ``using``.

    Raises whatever a history raises on Hypothesis' final run (an
    :class:`~govsim.testing.machine.InvariantBroken` for a breach).
    """

    def history(data: st.DataObject) -> None:
        grow(machine(), data, steps)

    using(use_seed(seed)(given(st.data())(history)))()


def grow(machine: ProcedureMachine, data: st.DataObject, steps: int) -> None:
    """Take up to ``steps`` steps on ``machine``, then end its history."""
    try:
        for _ in range(steps):
            if machine.drawn > ROOM or not machine.moves():
                break
            machine.act(data)
    finally:
        machine.teardown()
