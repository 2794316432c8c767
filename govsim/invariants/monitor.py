"""The monitor: runs the chosen invariants alongside a replay and collects breaches.

Structural invariants run once on the book and organisation when the replay
starts; safety invariants after each act of the kinds they watch (looked up
by act kind, so an act costs only the checks that concern it); deadline
invariants once when the replay ends. Parameters are resolved per clause set
and cached, since a book has few amendment epochs.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence

from govsim.engine.context import ActContext
from govsim.engine.state import Calendar, World
from govsim.engine.trace import ActRecord, Breach
from govsim.invariants.base import Invariant, InvariantKind, Params, ParamValue
from govsim.invariants.views import Ending, Finding, Seen, Step, Structure
from govsim.model.clauses import ClauseSet, ResolvedBook
from govsim.model.organisation import Organisation

__all__ = ["Monitor"]

_REF_FIELDS = (
    "decision",
    "measure",
    "mandate",
    "about",
    "subject",
    "to",
    "appeal",
    "body",
    "audience",
)


class Monitor:
    """Checks chosen invariants during one replay under one rule book."""

    def __init__(
        self,
        chosen: Sequence[tuple[Invariant, dict[str, ParamValue]]],
        organisation: Organisation,
        book: ResolvedBook,
    ) -> None:
        self.organisation = organisation
        self.book = book
        self.breaches: list[Breach] = []
        self.checked: tuple[str, ...] = tuple(inv.name for inv, _ in chosen)
        self._overrides = {inv.name: o for inv, o in chosen}
        self._by_act: dict[str, list[Invariant]] = defaultdict(list)
        self._every_act: list[Invariant] = []
        self._deadline: list[Invariant] = []
        self._structural: list[Invariant] = []
        self._params: dict[tuple[str, int], Params] = {}
        self._history: list[Seen] = []
        for inv, _ in chosen:
            if inv.kind is InvariantKind.SAFETY:
                if inv.acts is None:
                    self._every_act.append(inv)
                for kind in inv.acts or ():
                    self._by_act[kind].append(inv)
            elif inv.kind is InvariantKind.DEADLINE:
                self._deadline.append(inv)
            else:
                self._structural.append(inv)

    def _p(self, inv: Invariant, clauses: ClauseSet) -> Params:
        key = (inv.name, id(clauses))
        params = self._params.get(key)
        if params is None:
            params = self._params[key] = inv.resolve(
                clauses, self._overrides.get(inv.name)
            )
        return params

    def _collect(
        self,
        inv: Invariant,
        found: Iterable[Finding],
        at: dt.date,
        act: str | None,
    ) -> None:
        for f in found:
            self.breaches.append(
                Breach(
                    invariant=inv.name,
                    at=f.at or at,
                    message=f.message,
                    witnesses=f.witnesses,
                    act=act,
                    kind=inv.kind.value,
                )
            )

    def start(self, at: dt.date) -> None:
        """Run the structural invariants on the book in force at the start."""
        clauses = self.book.clauses_on(at)
        view = Structure(clauses, self.organisation, at)
        for inv in self._structural:
            self._collect(inv, inv.check(view, self._p(inv, clauses)), at, None)

    def after_act(
        self, ctx: ActContext, record: ActRecord, *, needs_power: bool
    ) -> None:
        """Check the safety invariants that watch this act's kind."""
        act: object = ctx.act
        self._history.append(
            Seen(
                record=record,
                day=ctx.day,
                case=ctx.case.id if ctx.case else getattr(act, "case", None),
                actor_is_body=ctx.actor_is_body,
                participants=ctx.participants(),
                needs_power=needs_power,
                refs={
                    name: value
                    for name in _REF_FIELDS
                    if isinstance(value := getattr(act, name, None), str)
                },
            )
        )
        watching = self._by_act.get(ctx.kind, ())
        if not watching and not self._every_act:
            return
        step = Step(ctx, record)
        for inv in (*watching, *self._every_act):
            self._collect(
                inv, inv.check(step, self._p(inv, ctx.clauses)), ctx.date, ctx.act_id
            )

    def finish(self, world: World, calendar: Calendar, end: int) -> None:
        """Run the deadline invariants over the whole history."""
        at = calendar.date(end)
        clauses = self.book.clauses_on(at)
        view = Ending(world, calendar, clauses, end, tuple(self._history))
        for inv in self._deadline:
            self._collect(inv, inv.check(view, self._p(inv, clauses)), at, None)
        self.breaches.sort(key=lambda b: b.at)
