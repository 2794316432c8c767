"""One simulated run: behaviours on a SimPy clock, acts judged by the engine.

A :class:`Run` owns two clocks that agree on the date: its own SimPy
environment, where the behaviours' processes live (a member's daily chance of
resigning, a committee's meeting cadence), and the engine's replay
:class:`~govsim.engine.replay.Session`, which judges each act the behaviours
take. Acts reach the session in date order because SimPy runs processes in
time order. Behaviours learn what their acts did from the verdict and from
listeners called after every act of a kind, so an override that the book
makes void changes what every later behaviour sees.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import simpy

from govsim.engine.replay import Session, Trace
from govsim.engine.state import Calendar
from govsim.engine.trace import ActRecord, Verdict
from govsim.model.scenario import Event

if TYPE_CHECKING:
    import numpy as np

    from govsim.invariants.monitor import Monitor
    from govsim.model.acts import ActBase
    from govsim.model.clauses import ResolvedBook
    from govsim.model.organisation import Organisation
    from govsim.simulation.behaviour import Behaviour, Measure
    from govsim.simulation.population import Population

__all__ = ["Listener", "Run"]

Listener = Callable[[ActRecord, "ActBase"], None]
"""Called after an act of the kind listened for, with its record and the act."""

_ADAPTER: Any = None


def _build(data: dict[str, Any]) -> ActBase:
    """An act from plain fields, validated like an act in a scenario file."""
    global _ADAPTER  # noqa: PLW0603 - one adapter, built on first use
    if _ADAPTER is None:
        from pydantic import TypeAdapter

        from govsim.model.acts import Act

        _ADAPTER = TypeAdapter(Act)
    act: ActBase = _ADAPTER.validate_python(data)
    return act


class Run:
    """The state of one run that behaviours read and act on."""

    def __init__(
        self,
        org: Organisation,
        book: ResolvedBook,
        start: dt.date,
        end: dt.date,
        rng: np.random.Generator,
        population: Population,
        roles: dict[str, str],
        monitor: Monitor | None = None,
    ) -> None:
        self.env = simpy.Environment()
        self.calendar = Calendar(start)
        self.start, self.end = start, end
        self.rng = rng
        self.population = population
        self.roles = roles
        self.book = book
        self.session = Session(org, book, start, monitor)
        self.flags: dict[str, Measure] = {}
        """Facts behaviours share and report, e.g. ``cover_up`` or ``disclosed_day``."""
        self.behaviours: dict[str, Behaviour] = {}
        """The run's behaviours by prefix, for behaviours that work together."""
        self._listeners: dict[str, list[Listener]] = defaultdict(list)
        self._count = 0
        self._today: tuple[float, dt.date] = (0, start)

    @property
    def day(self) -> int:
        """Days since the run's start."""
        return int(self.env.now)

    @property
    def today(self) -> dt.date:
        """The run's current date (kept per day: every act asks for it)."""
        now = self.env.now
        if now != self._today[0]:
            self._today = (now, self.calendar.date(now))
        return self._today[1]

    @property
    def last_day(self) -> int:
        """The run's last day, counted from its start."""
        return self.calendar.day(self.end)

    @property
    def dissolved(self) -> bool:
        """Whether an act dissolving the organisation has taken effect."""
        return self.session.world.dissolved

    def role(self, name: str) -> str:
        """The person or body id the model document gives a role."""
        return self.roles[name]

    def on(self, kind: str, listener: Listener) -> None:
        """Call ``listener`` after every act of ``kind``, whatever its verdict."""
        self._listeners[kind].append(listener)

    def act(self, kind: str, by: str, **fields: Any) -> ActRecord:
        """Take an act today, judged by the engine under the run's book.

        Returns:
            The act's record: its verdict says whether it took effect.
        """
        self._count += 1
        act_id = f"{kind}-{self._count}"
        act = _build({"act": kind, "by": by, "at": self.today, "id": act_id, **fields})
        record = self.session.perform(act_id, act)
        for listener in self._listeners.get(kind, ()):
            listener(record, act)
        return record

    def absent(self, persons: list[str], until: dt.date) -> None:
        """Record that some persons miss meetings from today until ``until``."""
        if persons:
            self.session.note(
                Event(
                    at=self.today, event="absence", persons=tuple(persons), until=until
                )
            )

    def effective(self, record: ActRecord) -> bool:
        """Whether an act took effect (valid or irregular)."""
        return record.verdict is not Verdict.VOID

    def close(self) -> None:
        """Drop the links that make a finished run a cycle.

        Behaviours point at the run and the run at them. Cut, the run's
        objects are freed by reference counting as soon as the last name for
        them goes, without waiting for (and making work for) the cyclic
        collector. A process still waiting past the last day would keep its
        behaviour, and so the run, in a cycle with the event it waits for
        (emptying SimPy's queue would not free it), so a behaviour's
        processes should end by the last day, as the crisis model's do.
        """
        self.behaviours.clear()
        self._listeners.clear()

    def finish(self) -> Trace:
        """Run every process to the last day and close the engine's books."""
        self.env.run(until=self.last_day + 1)
        # SimPy leaves its stop event queued, in a cycle with the clock.
        self.env.step()
        return self.session.finish(
            max(self.end, self.session.cal.date(self.session.env.now))
        )
