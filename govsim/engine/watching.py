"""What a replay asks of whoever watches it: the invariant monitor's side of the contract.

A :class:`~govsim.engine.replay.Session` judges acts; the invariants
(:mod:`govsim.invariants`), a layer above the engine, watch the history and
record breaches. The session calls its watcher at the start, after each act
and at the end, and copies what it found into the trace; it needs nothing
more, so the engine names this protocol instead of the monitor that
implements it (:class:`govsim.invariants.Monitor`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from govsim.engine.context import ActContext
    from govsim.engine.state import Calendar, World
    from govsim.engine.trace import ActRecord, Breach
    from govsim.model.clauses import ResolvedBook

__all__ = ["Watcher"]


class Watcher(Protocol):
    """Checks a replay as it runs: after each act, and over the whole history."""

    breaches: list[Breach]
    """Breaches found so far."""
    prevented: list[Breach]
    """Breaches void acts would have made had they taken effect."""
    checked: tuple[str, ...]
    """The names of the invariants watched."""

    def start(self, at: dt.date) -> None:
        """Check what holds before the first act (the book as it stands)."""

    def watches(self, kind: str) -> bool:
        """Whether acts of this kind are checked (so a void one is tried as if effective)."""
        ...

    def after_act(
        self,
        ctx: ActContext,
        record: ActRecord,
        *,
        needs_power: bool,
        as_if_effective: Callable[[], ActContext] | None = None,
        stopped: tuple[str | None, str] | None = None,
    ) -> None:
        """Check the act just judged."""

    def rules_changed(self, book: ResolvedBook) -> None:
        """Go on under the book as an ``amend_rules`` act has just changed it."""

    def finish(self, world: World, calendar: Calendar, end: int) -> None:
        """Check the whole history once the replay has ended."""
