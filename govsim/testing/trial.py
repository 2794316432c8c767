"""Moved to :mod:`govsim.probing.trial`; this path stays because the docs showed it.

``from govsim.testing.trial import Design`` keeps working; new code imports
from :mod:`govsim.probing` (or ``govsim.testing.Design``).
"""

from __future__ import annotations

from govsim.probing.trial import Chosen, Design, Trial, empowered, first_day

__all__ = ["Chosen", "Design", "Trial", "empowered", "first_day"]
