"""The procedural invariant library: named principles checked on every replay.

Importing this package registers every invariant of the catalogue in
:data:`INVARIANTS` (by name). :func:`choose` turns a scenario's
``invariants:`` field into the invariants to check, with their parameter
overrides; :class:`~govsim.invariants.monitor.Monitor` runs them beside a
replay.
"""

from __future__ import annotations

from govsim.invariants import (
    amendments,
    authority,
    continuity,
    due_process,
    impartiality,
    independence,
    interim,
)
from govsim.invariants.base import (
    INVARIANTS,
    Invariant,
    InvariantKind,
    Param,
    Params,
    by_number,
    invariant,
)
from govsim.invariants.monitor import Monitor
from govsim.invariants.selection import choose, selection_issues
from govsim.invariants.views import Finding, Step, finding

__all__ = [
    "INVARIANTS",
    "Finding",
    "Invariant",
    "InvariantKind",
    "Monitor",
    "Param",
    "Params",
    "Step",
    "by_number",
    "choose",
    "finding",
    "invariant",
    "selection_issues",
]

_MODULES = (
    amendments,
    authority,
    continuity,
    due_process,
    impartiality,
    independence,
    interim,
)
