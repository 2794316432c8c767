"""Moved to :mod:`govsim.probing.design`; this path stays because the docs showed it.

``from govsim.testing.design import load_design`` keeps working; new code
imports from :mod:`govsim.probing` (or ``govsim.testing.load_design``).
"""

from __future__ import annotations

from govsim.probing.design import (
    choose_actors,
    choose_invariants,
    choose_kinds,
    find_organisation,
    load_design,
)

__all__ = [
    "choose_actors",
    "choose_invariants",
    "choose_kinds",
    "find_organisation",
    "load_design",
]
