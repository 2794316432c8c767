"""The procedure state machine: every act of the vocabulary, tried by anyone.

:func:`procedure_machine` turns a rule book (and an organisation) into a
Hypothesis :class:`~hypothesis.stateful.RuleBasedStateMachine` with one rule,
``act``: each step draws a move (an act kind whose references exist, or
``proceed``, a whole procedure) and an actor — usually one the book
empowers, often anyone at all: a conflicted member who votes, an executive
that overrides, a body acting beyond its powers — fills the act's fields
from what exists, and replays it. A step is a few integers drawn into tables
(:mod:`govsim.testing.moves`), which keeps generation cheap next to judging.
The chosen safety invariants are checked after every step, deadline
invariants when the history ends. A breach raises
:class:`InvariantBroken`; on Hypothesis' final, shrunk run the history is
written as a scenario file that replays to the same breach.

Subclass the machine to add properties of your own with Hypothesis'
``@invariant()`` decorator; ``self.trial`` holds the live history and
``self.trial.session.world`` the engine's state.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, NoReturn

from hypothesis import HealthCheck, Phase, note, settings
from hypothesis import strategies as st
from hypothesis.control import current_build_context
from hypothesis.stateful import RuleBasedStateMachine, precondition, rule

from govsim.engine.trace import Breach
from govsim.errors import GovsimError
from govsim.probing.trial import Chosen, Design, Trial
from govsim.probing.vocabulary import buildable
from govsim.testing.counterexample import Counterexample
from govsim.testing.moves import GAPS, PROCEED, Draws, Move, Swarm, fields

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "GAPS",
    "HORIZON",
    "InvariantBroken",
    "ProcedureMachine",
    "Stats",
    "default_out",
    "make_machine",
]

HORIZON = 120
"""Days a history runs past its last act, so that deadlines fall due."""
PROCEDURE: tuple[tuple[str, dict[str, Any]], ...] = (
    ("file_complaint", {}),
    ("serve_notice", {"vague": False}),
    ("hear", {}),
    ("find", {"finding": "violation"}),
    ("sanction", {}),
)
"""The ordinary course of a case, which the machine's ``proceed`` move follows."""


class InvariantBroken(GovsimError, AssertionError):  # noqa: N818 - a failed property, read in test reports
    """A history broke an invariant.

    It carries the counterexample and, on Hypothesis' final run, the path of
    the scenario file that replays it.
    """

    def __init__(self, counterexample: Counterexample, path: Path | None) -> None:
        self.counterexample = counterexample
        self.path = path
        b = counterexample.breach
        where = f"\n  replay it: govsim run {path}" if path else ""
        super().__init__(
            f"{b.invariant} broken under {counterexample.design.book.id} after "
            f"{len(counterexample.acts)} act(s): {b.message} "
            f"(witnesses: {', '.join(b.witnesses)}){where}"
        )


@dataclass
class Stats:
    """What one machine class has run: histories, acts, and time in the engine."""

    histories: int = 0
    acts: int = 0
    engine_seconds: float = 0.0
    """Judging acts and checking invariants; the rest is Hypothesis generating."""
    shortest: int | None = None
    """Acts in the shortest history found breaking an invariant (minimised once saved)."""
    watch: Callable[[Stats], None] | None = None
    """Told as each history begins and when a counterexample is found (progress)."""

    def tell(self) -> None:
        """Tell the watcher, if any, what has run so far."""
        if self.watch is not None:
            self.watch(self)


class ProcedureMachine(RuleBasedStateMachine):
    """Base of the machines :func:`procedure_machine` builds; see the module doc."""

    design: ClassVar[Design]
    chosen: ClassVar[Chosen]
    actors: ClassVar[frozenset[str] | None] = None
    start: ClassVar[dt.date]
    horizon: ClassVar[int] = HORIZON
    out: ClassVar[Path | None] = None
    stats: ClassVar[Stats]
    order: ClassVar[tuple[str, ...]]
    """Every move the search may make, in the order indices are drawn into."""
    _moves_cache: ClassVar[dict[object, tuple[str, ...]]]
    search_settings: ClassVar[settings | None] = None
    """Hypothesis settings for this machine and every subclass of it."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # Hypothesis gives each machine class a fresh TestCase with default
        # settings; a subclass adding properties keeps the search it extends.
        if cls.search_settings is not None:
            cls.TestCase.settings = cls.search_settings

    def __init__(self) -> None:
        super().__init__()
        self.stats.histories += 1
        self.stats.tell()
        self.trial = Trial(self.design, self.chosen, self.start)
        self._broken = False
        self._swarm = Swarm()
        self._final = _is_final()
        self.drawn = 0
        """Bytes this history has drawn so far (see ``_draws``)."""

    def moves(self) -> tuple[str, ...]:
        """The moves possible now: act kinds whose references exist and that an actor may do.

        The answer depends only on which kinds of thing exist (the ledger's
        signature), so it is worked out once per class and signature.
        """
        key = self.trial.ledger.signature()
        known = self._moves_cache.get(key)
        if known is None:
            ledger = self.trial.ledger
            known = self._moves_cache[key] = tuple(
                move
                for move in self.order
                if buildable(
                    PROCEDURE[0][0] if move == PROCEED else move, ledger, self.actors
                )
            )
        return known

    @precondition(lambda self: bool(self.moves()))
    @rule(data=st.data())
    def act(self, data: st.DataObject) -> None:
        """One step: an act of a kind drawn from those possible, or a whole procedure."""
        draws = _draws(data, self)
        ledger = self.trial.ledger
        table = self._swarm.table(draws, ledger.signature(), self.moves())
        kind = draws.pick(table)
        if kind == PROCEED:
            self.proceed(data)
        else:
            self._replay(self._draw(draws, kind, None))

    def attempt(
        self, kind: str, data: st.DataObject, fixed: dict[str, Any] | None = None
    ) -> None:
        """Draw an act of ``kind`` and its timing, replay it, check invariants.

        ``fixed`` holds field values decided beforehand (the case and the
        respondent, in a procedure), used where the vocabulary allows them.
        """
        self._replay(self._draw(_draws(data, self), kind, fixed))

    def _draw(self, draws: Draws, kind: str, fixed: dict[str, Any] | None) -> Move:
        trial = self.trial
        values = fields(draws, kind, trial.ledger, self.actors, trial.empowered, fixed)
        move = Move(kind, values, draws.pick(GAPS))
        if self._final:
            # What Hypothesis prints under "Falsifying example": the acts drawn.
            note(repr(move))
        return move

    def _replay(self, move: Move) -> None:
        began = time.perf_counter()
        self.trial.attempt(move.kind, move.values, move.gap)
        self.stats.engine_seconds += time.perf_counter() - began
        self.stats.acts += 1
        self._check(self.trial.breaches)

    def proceed(self, data: st.DataObject) -> None:
        """Take a new case through the ordinary procedure, act by act.

        Complaint, notice, hearing, finding and sanction, each by whoever
        the draw picks (usually the body empowered): random single acts
        rarely line up into a whole procedure, and designs that regulate
        procedure mostly break, if at all, after one.
        """
        self.attempt("file_complaint", data)
        case = next(reversed(self.trial.ledger.cases))
        respondent = self.trial.ledger.cases[case][0]
        for kind, extra in PROCEDURE[1:]:
            if self._broken:
                return
            fixed = {"case": case, "target": respondent, "targets": (respondent,)}
            self.attempt(kind, data, fixed | extra)

    def _check(self, breaches: Sequence[Breach]) -> None:
        if breaches:
            self._fail(breaches[0])

    def teardown(self) -> None:
        """End the history past its last act and check deadline invariants."""
        if self._broken or not self.trial.acts:
            return
        self.trial.close(self.horizon)
        self._check(self.trial.breaches)

    def _fail(self, breach: Breach) -> NoReturn:
        self._broken = True
        example = Counterexample.from_trial(self.trial, breach, self.horizon)
        self._found(len(example.acts))
        path = None
        if self.out is not None and _is_final():
            example, path = example.save(self.out)
            self._found(len(example.acts))
        raise InvariantBroken(example, path)

    def _found(self, acts: int) -> None:
        shortest = self.stats.shortest
        self.stats.shortest = acts if shortest is None else min(shortest, acts)
        self.stats.tell()


_CHUNK = 18
"""Bytes of one draw for a step's indices: nine indices of two bytes each.

An unusual length on purpose: Hypothesis now and then draws, instead of
random bytes, a bytes literal found in the source of the modules loaded at
the time, and only one of exactly this length could be taken. A seed so
finds the same history from ``govsim explore``, a script or a pytest
session."""
_BYTES = st.binary(min_size=_CHUNK, max_size=_CHUNK)


def _draws(data: st.DataObject, machine: ProcedureMachine) -> Draws:
    """A step's indices, read two bytes at a time from draws of ``_CHUNK`` bytes.

    Drawing each index as its own ``st.integers`` would give it a
    top-level draw (a span, a label, a note) costing several times the
    integer; one draw of bytes serves a whole step, which usually takes
    fewer than nine indices. Index *i* of a table of *n* is the pair's value
    modulo *n*: all zeros, the simplest choice of every field, is what
    Hypothesis tries first. The bytes drawn are counted on the machine, so
    that a long history stops before it fills Hypothesis' room for one test
    case (see :mod:`govsim.testing.driver`).
    """
    pending: list[int] = []

    def integer(low: int, high: int) -> int:
        if not pending:
            raw = data.draw(_BYTES)
            machine.drawn += len(raw)
            pending.extend(raw[i] << 8 | raw[i + 1] for i in range(_CHUNK - 2, -1, -2))
        return low + pending.pop() % (high - low + 1)

    return Draws(integer)


def _order(kinds: Sequence[str]) -> tuple[str, ...]:
    """The moves of a search: its act kinds, and ``proceed`` when it has the procedure's.

    Sorted by name, the order Hypothesis gave the rules of the machine this
    one replaced, so the simplest history is the one it was.
    """
    procedure = all(kind in kinds for kind, _ in PROCEDURE)
    return tuple(sorted({*kinds, *([PROCEED] if procedure else [])}))


def _is_final() -> bool:
    try:
        return bool(current_build_context().is_final)
    except Exception:
        return False


def _class_name(
    design: Design, chosen: Chosen, kinds: Sequence[str], extra: str
) -> str:
    """A name unique to the design and search, which keys Hypothesis' example database."""
    text = "|".join(
        [
            design.book.id,
            design.organisation.organisation,
            *(i.name for i, _ in chosen),
            *kinds,
            extra,
        ]
    )
    digest = hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:10]
    return "Procedure_" + re.sub(r"\W", "_", design.book.id) + "_" + digest


def make_machine(
    design: Design,
    chosen: Chosen,
    *,
    kinds: Sequence[str],
    actors: frozenset[str] | None,
    start: dt.date,
    horizon: int = HORIZON,
    out: Path | None = None,
    max_examples: int | None = None,
    steps: int = 30,
) -> type[ProcedureMachine]:
    """Build the machine class for already-checked arguments (see procedure_machine)."""
    namespace: dict[str, Any] = {
        "design": design,
        "chosen": tuple(chosen),
        "actors": actors,
        "start": start,
        "horizon": horizon,
        "out": out,
        "stats": Stats(),
        "order": _order(kinds),
        "_moves_cache": {},
        "__module__": __name__,
        "__doc__": f"Procedures under {design.book.id}: {', '.join(i.name for i, _ in chosen)}.",
    }
    chosen_settings: dict[str, Any] = {"stateful_step_count": steps}
    if max_examples is not None:
        chosen_settings["max_examples"] = max_examples
    namespace["search_settings"] = settings(
        deadline=None,
        # govsim minimises a failing history act by act (see minimise), which
        # is faster and gives shorter stories than shrinking Hypothesis' choices.
        phases=(Phase.explicit, Phase.reuse, Phase.generate, Phase.target),
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.filter_too_much,
            # --steps near its limit makes even the smallest history large;
            # that is what was asked for, not a faulty strategy.
            HealthCheck.large_base_example,
            HealthCheck.data_too_large,
        ],
        **chosen_settings,
    )
    name = _class_name(design, chosen, kinds, repr(sorted(actors or ())))
    machine: type[ProcedureMachine] = type(name, (ProcedureMachine,), namespace)
    return machine


def default_out() -> Path:
    """Where machines write counterexamples unless told otherwise.

    That is ``$GOVSIM_COUNTEREXAMPLES``, else ``govsim-counterexamples`` in
    the current directory.
    """
    return Path(os.environ.get("GOVSIM_COUNTEREXAMPLES", "govsim-counterexamples"))
