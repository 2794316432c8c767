"""The procedure state machine: every act of the vocabulary, tried by anyone.

:func:`procedure_machine` turns a rule book (and an organisation) into a
Hypothesis :class:`~hypothesis.stateful.RuleBasedStateMachine` with one rule
per act kind. Each step picks an actor — usually one the book empowers, often
anyone at all: a conflicted member who votes, an executive that overrides, a
body acting beyond its powers — fills the act's fields from what exists, and
replays it. The chosen safety invariants are checked after every step,
deadline invariants when the history ends. A breach raises
:class:`InvariantBroken`; on Hypothesis' final, shrunk run the history is
written as a scenario file that replays to the same breach.

Subclass the machine to add properties of your own with Hypothesis'
``@invariant()`` decorator; ``self.trial`` holds the live history and
``self.trial.session.world`` the engine's state.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, NoReturn

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.control import current_build_context
from hypothesis.stateful import RuleBasedStateMachine, precondition, rule

from govsim.engine.trace import Breach
from govsim.errors import GovsimError
from govsim.probing.trial import Chosen, Design, Trial
from govsim.probing.vocabulary import allowed, buildable, slots
from govsim.testing.counterexample import Counterexample

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

GAPS = (1, 0, 3, 7, 14, 30, 90)
"""Days between one act and the next that a search tries (shrinking to 1)."""
HORIZON = 120
"""Days a history runs past its last act, so that deadlines fall due."""
EMPOWERED_BIAS = 3
"""Out of four draws, how many pick an actor the book empowers (when there is one)."""
_FOUR = st.integers(0, 3)
PROCEDURE: tuple[tuple[str, dict[str, Any]], ...] = (
    ("file_complaint", {}),
    ("serve_notice", {"vague": False}),
    ("hear", {}),
    ("find", {"finding": "violation"}),
    ("sanction", {}),
)
"""The ordinary course of a case, which the machine's ``proceed`` rule follows."""


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
    _can_cache: ClassVar[dict[tuple[str, object], bool]]
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

    def can(self, kind: str) -> bool:
        """Whether ``kind`` can be attempted now (its references exist, an actor may)."""
        # Hypothesis asks every rule's precondition at every step; the answer
        # depends only on which kinds of thing exist, so it is kept per class.
        key = (kind, self.trial.ledger.signature())
        known = self._can_cache.get(key)
        if known is None:
            known = self._can_cache[key] = buildable(
                kind, self.trial.ledger, self.actors
            )
        return known

    def attempt(
        self, kind: str, data: st.DataObject, fixed: dict[str, Any] | None = None
    ) -> None:
        """Draw an act of ``kind`` and its timing, replay it, check invariants.

        ``fixed`` holds field values decided beforehand (the case and the
        respondent, in a procedure), used where the vocabulary allows them.
        """
        chosen: dict[str, Any] = {}
        while (slot := slots(kind, self.trial.ledger, chosen)) is not None:
            options = slot.options
            if fixed and slot.name in fixed and fixed[slot.name] in options:
                chosen[slot.name] = fixed[slot.name]
                continue
            if slot.name == "by":
                options = allowed(options, self.actors)
                empowered = [a for a in self.trial.empowered(kind) if a in options]
                if empowered and data.draw(_FOUR) < EMPOWERED_BIAS:
                    options = tuple(empowered)
            chosen[slot.name] = data.draw(sampled(options), label=slot.name)
        gap = data.draw(sampled(GAPS), label="days later")
        began = time.perf_counter()
        self.trial.attempt(kind, chosen, gap)
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


@functools.lru_cache(maxsize=4096)
def sampled(options: tuple[Any, ...]) -> st.SearchStrategy[Any]:
    """``st.sampled_from(options)``, made once per option list.

    A search draws from the same few lists thousands of times; building the
    strategy anew each time costs more than replaying the act.
    """
    return st.sampled_from(options)


def _is_final() -> bool:
    try:
        return bool(current_build_context().is_final)
    except Exception:
        return False


def _rule(kind: str) -> Callable[..., None]:
    def attempt(self: ProcedureMachine, data: st.DataObject) -> None:
        self.attempt(kind, data)

    attempt.__name__ = attempt.__qualname__ = kind
    attempt.__doc__ = f"Attempt a {kind} act."
    return precondition(lambda self: self.can(kind))(rule(data=st.data())(attempt))


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
        "_can_cache": {},
        "__module__": __name__,
        "__doc__": f"Procedures under {design.book.id}: {', '.join(i.name for i, _ in chosen)}.",
    }
    for kind in kinds:
        namespace[kind] = _rule(kind)
    if all(kind in kinds for kind, _ in PROCEDURE):
        namespace["proceed"] = rule(data=st.data())(ProcedureMachine.proceed)
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
