"""The monitor: runs the chosen invariants alongside a replay and collects breaches.

Structural invariants run once on the book and organisation when the replay
starts; safety invariants after each act of the kinds they watch (looked up
by act kind, so an act costs only the checks that concern it); deadline
invariants once when the replay ends. Parameters are resolved per clause set
and cached, since a book has few amendment epochs.

A void act that the safety invariants watch is also judged as if it had
taken effect, on a copy of the world the replay hands over: whatever that
would have broken, and the real history did not, is a *prevented* breach,
kept apart from the breaches (:attr:`Monitor.prevented`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from govsim.engine.context import ActContext
from govsim.engine.state import Calendar, World
from govsim.engine.trace import ActRecord, Breach, Verdict
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
        self.prevented: list[Breach] = []
        """Breaches that void acts would have made had they taken effect."""
        self.checked: tuple[str, ...] = tuple(inv.name for inv, _ in chosen)
        self._overrides = {inv.name: o for inv, o in chosen}
        self._by_act: dict[str, list[Invariant]] = defaultdict(list)
        self._every_act: list[Invariant] = []
        self._deadline: list[Invariant] = []
        self._structural: list[Invariant] = []
        self._params: dict[tuple[str, int], tuple[ClauseSet, Params]] = {}
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
        cached = self._params.get(key)
        # The clause set is kept with its parameters: an amendment adopted in
        # the replay makes new clause sets, and an id is only unique among
        # objects alive at the same time.
        if cached is None or cached[0] is not clauses:
            cached = self._params[key] = (
                clauses,
                inv.resolve(clauses, self._overrides.get(inv.name)),
            )
        return cached[1]

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

    def watches(self, kind: str) -> bool:
        """Whether some safety invariant is checked after acts of this kind."""
        return bool(self._every_act) or kind in self._by_act

    def after_act(
        self,
        ctx: ActContext,
        record: ActRecord,
        *,
        needs_power: bool,
        as_if_effective: Callable[[], ActContext] | None = None,
        stopped: tuple[str | None, str] | None = None,
    ) -> None:
        """Check the safety invariants that watch this act's kind.

        For a void act, ``as_if_effective`` builds the act's context on a copy
        of the world where it took effect, and ``stopped`` is (clause, why)
        it was void: what the copy breaks beyond the real history is recorded
        as prevented.
        """
        act: object = ctx.act
        fields = ctx.act.__dict__
        self._history.append(
            Seen(
                record=record,
                day=ctx.day,
                case=ctx.case.id if ctx.case else getattr(act, "case", None),
                actor_is_body=ctx.actor_is_body,
                participants=ctx.participants(),
                needs_power=needs_power,
                # The model's field dict: getattr() with a default goes through
                # pydantic's __getattr__ and an exception per absent field.
                refs={
                    name: value
                    for name in _REF_FIELDS
                    if isinstance(value := fields.get(name), str)
                },
            )
        )
        watching = self._by_act.get(ctx.kind, ())
        if not watching and not self._every_act:
            return
        step = Step(ctx, record)
        checks = (*watching, *self._every_act)
        real: set[tuple[str, str]] = set()
        for inv in checks:
            found = list(inv.check(step, self._p(inv, ctx.clauses)))
            real.update((inv.name, f.message) for f in found)
            self._collect(inv, found, ctx.date, ctx.act_id)
        if as_if_effective is None or stopped is None:
            return
        shadow = Step(
            as_if_effective(), dataclasses.replace(record, verdict=Verdict.VALID)
        )
        clause, why = stopped
        for inv in checks:
            for f in inv.check(shadow, self._p(inv, ctx.clauses)):
                if (inv.name, f.message) in real:
                    continue
                self.prevented.append(
                    Breach(
                        invariant=inv.name,
                        at=f.at or ctx.date,
                        message=f.message,
                        witnesses=tuple(
                            dict.fromkeys(
                                (*f.witnesses, *((clause,) if clause else ()))
                            )
                        ),
                        act=ctx.act_id,
                        kind=inv.kind.value,
                        prevented_by=clause,
                        prevented_because=why,
                    )
                )

    def rules_changed(self, book: ResolvedBook) -> None:
        """Check the rest of the history under the amended book."""
        self.book = book

    def finish(self, world: World, calendar: Calendar, end: int) -> None:
        """Run the deadline invariants over the whole history."""
        at = calendar.date(end)
        clauses = self.book.clauses_on(at)
        view = Ending(world, calendar, clauses, end, tuple(self._history))
        for inv in self._deadline:
            self._collect(inv, inv.check(view, self._p(inv, clauses)), at, None)
        self.breaches.sort(key=lambda b: b.at)
