"""An act drawn as a few integers: indices into tables a search builds once.

Generation used to cost a search several times what judging the acts did:
each field of each act was its own top-level Hypothesis draw of a
``sampled_from``, and each step chose among some forty rules (one per act
kind) through Hypothesis' filtered rule selection. Here a step draws
integers and nothing else: which move (act kind, or the whole ``proceed``
procedure), then one index per field with more than one option, then the
gap in days. Each strategy layer around an integer (a top-level draw, a
composite, a span) costs more than the integer itself. The option lists are
those of the vocabulary (:mod:`govsim.probing.vocabulary`), simplest first,
so index 0 is still the simplest choice and the histories a search can
reach are the same.

Swarm testing is kept: as Hypothesis does for rules, each history switches
some moves off (a share drawn once per history), so that some histories are
made of a few kinds of act only.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from govsim.probing.vocabulary import Ledger, allowed, slots

__all__ = [
    "EMPOWERED_BIAS",
    "GAPS",
    "PROCEED",
    "Draws",
    "Move",
    "Swarm",
    "fields",
]

GAPS = (1, 0, 3, 7, 14, 30, 90)
"""Days between one act and the next that a search tries (simplest first)."""
EMPOWERED_BIAS = 3
"""Out of four draws, how many pick an actor the book empowers (when there is one)."""
PROCEED = "proceed"
"""The move that takes a new case through the whole procedure (see the machine)."""
_SWARM = 256
"""Resolution of a history's share of moves switched off."""


class Draws:
    """Indices into option tables, each one integer drawn by Hypothesis.

    ``integer(low, high)`` draws one integer: in a search's machine, read
    from a step's draw of bytes (see :mod:`govsim.testing.machine`), in a
    composite strategy ``draw(st.integers(low, high))``. A lower index is
    a simpler choice: every table lists its options simplest first.
    """

    __slots__ = ("_integer",)

    def __init__(self, integer: Callable[[int, int], int]) -> None:
        self._integer = integer

    def index(self, n: int) -> int:
        """An index into a table of ``n`` (a table of one takes no draw)."""
        if n == 1:
            return 0
        return self._integer(0, n - 1)

    def pick(self, options: tuple[Any, ...]) -> Any:
        """One of ``options``, by an index drawn."""
        return options[self.index(len(options))]


@dataclass(frozen=True)
class Move:
    """What one step drew: an act kind, its field values and the days since the act before.

    Hypothesis prints it for each act of a failing history, so its repr is
    the act as drawn: ``sanction(by='ndc', ...) +3 days``.
    """

    kind: str
    values: Mapping[str, Any]
    gap: int

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v!r}" for k, v in self.values.items())
        return f"{self.kind}({shown}) +{self.gap} days"


def fields(
    draws: Draws,
    kind: str,
    ledger: Ledger,
    actors: frozenset[str] | None,
    empowered: Callable[[str], tuple[str, ...]],
    fixed: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Draw a value for every field of ``kind``, in the vocabulary's order.

    ``fixed`` holds values decided beforehand (a procedure's case and
    respondent), used where the vocabulary offers them. The actor is one the
    book empowers (``empowered(kind)``) three times in four, when there is one.
    """
    chosen: dict[str, Any] = {}
    while (slot := slots(kind, ledger, chosen)) is not None:
        options = slot.options
        if fixed and slot.name in fixed and fixed[slot.name] in options:
            chosen[slot.name] = fixed[slot.name]
            continue
        if slot.name == "by":
            options = allowed(options, actors)
            favoured = tuple(a for a in empowered(kind) if a in options)
            if favoured and draws.index(4) < EMPOWERED_BIAS:
                options = favoured
        chosen[slot.name] = draws.pick(options)
    return chosen


class Swarm:
    """Which moves one history leaves out, decided the first time each is offered.

    The share left out is drawn once per history (index 0: none, so the
    simplest history uses every move); at least one offered move stays on.
    """

    def __init__(self) -> None:
        self._share: int | None = None
        self._on: dict[str, bool] = {}
        self._tables: dict[object, tuple[str, ...]] = {}

    def table(
        self, draws: Draws, key: object, offered: tuple[str, ...]
    ) -> tuple[str, ...]:
        """The moves of ``offered`` this history uses (``key`` names the offer)."""
        found = self._tables.get(key)
        if found is None:
            if self._share is None:
                self._share = draws.index(_SWARM)
            found = tuple(m for m in offered if self._switched_on(draws, m))
            self._tables[key] = found = found or offered
        return found

    def _switched_on(self, draws: Draws, move: str) -> bool:
        on = self._on.get(move)
        if on is None:
            share = self._share or 0
            on = self._on[move] = share == 0 or draws.index(_SWARM) >= share
        return on
