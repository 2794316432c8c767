"""Every limit govsim sets on what it is given, in one place.

A limit exists so that a mistyped number or a hostile file gets a clear
refusal instead of a hang, an overflow or an exhausted machine. Each is far
above what a real organisation needs; docs/limits.md lists them with the
reason for each, and the command line states them in ``--help`` and in the
message that refuses a value.

The document limits (file size, nodes, nesting, ``extends`` depth) are
applied where documents are read; the path limits in
:mod:`govsim.documents.paths`; the option limits here, by
:func:`check_range`, for the command line and the Python API alike.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from govsim.errors import UsageError

__all__ = [
    "EARLIEST_DAY",
    "LATEST_DAY",
    "MAX_CHUNK_ROWS",
    "MAX_DEPTH",
    "MAX_EXAMPLES",
    "MAX_EXTENDS",
    "MAX_FILE_BYTES",
    "MAX_HORIZON_DAYS",
    "MAX_LIMIT",
    "MAX_MODEL_DAYS",
    "MAX_NESTING",
    "MAX_NODES",
    "MAX_RUNS",
    "MAX_SEED",
    "MAX_STEPS",
    "MAX_SWEEP_RUNS",
    "MAX_WORKERS",
    "check_day",
    "check_range",
]

# Documents
MAX_FILE_BYTES: Final = 16 * 1024 * 1024
"""Largest document read, in bytes (16 MiB: some 140,000 acts of a line each).

A history of 100,000 acts is some 11 MiB and is checked in seconds; a real
one is a few hundred acts. Larger files are refused before they are read.
"""
MAX_NODES: Final = 2_000_000
"""Most nodes (keys and values) a document may hold, alias expansions included.

Two million is some 140,000 acts of six keys, a 100,000-act history with room
to spare, and under a gigabyte of memory; aliases that would expand past
it are refused before any of it is built.
"""
MAX_NESTING: Final = 100
"""Deepest nesting of mappings and lists in a document."""
MAX_EXTENDS: Final = 64
"""Longest chain of rule books extending one another (real chains: 2 or 3)."""
MAX_MODEL_DAYS: Final = 36_500
"""Longest span of a behaviour model, ``start`` to ``end`` (a hundred years).

Each run steps through every day of it: a century takes a few seconds a run,
and a mistyped year (9019 for 2019) would keep a sweep busy for hours.
"""

# Searches (govsim explore, procedure machines)
MAX_STEPS: Final = 1000
"""Most steps in one generated history; Hypothesis cuts longer ones short."""
MAX_EXAMPLES: Final = 1_000_000
"""Most histories one search tries."""
MAX_DEPTH: Final = 10
"""Deepest exhaustive search, in acts."""
MAX_LIMIT: Final = 10**12
"""Largest --limit on the histories an exhaustive search may be estimated at."""
MAX_HORIZON_DAYS: Final = 36_500
"""Most days a history runs past its last act (a hundred years)."""
EARLIEST_DAY: Final = dt.date(1800, 1, 1)
"""First day a search may start on."""
LATEST_DAY: Final = dt.date(2999, 12, 31)
"""Last day a search may start on, leaving room for its acts and horizon."""

# Sweeps
MAX_RUNS: Final = 1_000_000
"""Most runs per rule book and grid point."""
MAX_SWEEP_RUNS: Final = 10_000_000
"""Most runs in one sweep, all books and grid points together."""
MAX_CHUNK_ROWS: Final = 1_000_000
"""Most rows in one Parquet chunk."""
MAX_WORKERS: Final = 256
"""Most worker processes one machine starts for a sweep."""
MAX_SEED: Final = 2**63 - 1
"""Largest seed (seeds are 0 to 2**63 - 1 wherever one is taken)."""


def check_range(name: str, value: int, low: int, high: int) -> int:
    """``value`` when ``low <= value <= high``; else a refusal naming the range.

    Raises:
        UsageError: e.g. "--steps must be from 1 to 1,000, not 5,000".
    """
    if not low <= value <= high:
        raise UsageError(f"{name} must be from {low:,} to {high:,}, not {value:,}")
    return value


def check_day(name: str, day: dt.date) -> dt.date:
    """``day`` when it lies from :data:`EARLIEST_DAY` to :data:`LATEST_DAY`.

    Raises:
        UsageError: naming the range.
    """
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise UsageError(
            f"{name} must be from {EARLIEST_DAY} to {LATEST_DAY}, not {day}"
        )
    return day
