"""When an act meets the books' periods: notice, hearing, appeal window.

Two books that differ only in a period (fourteen days' notice against
twenty-one) judge an act alike on most days: both fail before the shorter
period, both pass after the longer. A diff must probe *between* them. So
prepared histories move on as early as both books allow, and probes are
tried on the first day each book's periods are all met — one of those days
meets one book's periods and not the other's — and on the day after each
appeal window closes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from govsim.analysis.cast import clause_sets

if TYPE_CHECKING:
    from govsim.analysis.situations import Step
    from govsim.model.clauses import ResolvedBook

__all__ = ["probe_days", "ready"]

_WAITS = {"notice": ("serve_notice", "days"), "hearing": ("hear", "min_days_before")}
"""Periods an act waits out: rule to (the act the period runs from, its field)."""


def _periods(
    books: Sequence[ResolvedBook], kind: str, rule: str, name: str
) -> set[int]:
    return {
        getattr(req, name)
        for book in books
        for s in clause_sets(book)
        for _, req in s.requirements.get(kind, ())
        if req.rule == rule
    }


def _days(steps: Sequence[Step]) -> list[int]:
    """Each step's day, counted from the first day of the history."""
    out, day = [], 0
    for step in steps:
        day += step.gap
        out.append(day)
    return out


def _since(steps: Sequence[Step], kind: str) -> int | None:
    """The day of the last step of ``kind`` (``None``: there is none)."""
    found = [d for d, s in zip(_days(steps), steps, strict=True) if s.kind == kind]
    return found[-1] if found else None


def ready(books: Sequence[ResolvedBook], kind: str, steps: Sequence[Step]) -> int:
    """Days after ``steps`` from which ``kind`` meets every wait of the books (at least 1)."""
    end = sum(s.gap for s in steps)
    need = 1
    for rule, (start, name) in _WAITS.items():
        since = _since(steps, start)
        if since is not None:
            for period in _periods(books, kind, rule, name):
                need = max(need, since + period - end)
    return need


def probe_days(
    a: ResolvedBook, b: ResolvedBook, kind: str, steps: Sequence[Step]
) -> list[int]:
    """Days after ``steps`` to probe ``kind`` on (module docstring); 0 with no steps."""
    if not steps:
        return [0]
    found = {1, ready([a], kind, steps), ready([b], kind, steps)}
    decided = _since(steps, "sanction")
    if decided is not None:
        end = sum(s.gap for s in steps)
        windows = _periods([a, b], kind, "appeal_window", "days")
        found |= {g for t in windows if (g := decided + t + 1 - end) >= 1}
    return sorted(found)
