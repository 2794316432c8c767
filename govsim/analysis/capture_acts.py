"""One candidate act of ``govsim capture``, undated, and how it becomes acts.

A :class:`Move` is what the search tries: an act's kind, actor and fields,
and why it is tried. It is dated only when a sequence is replayed; an
amendment the book asks notice of becomes two acts, a first reading (which
gives notice of the text) and, ``lead`` days later, the adopting reading.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import TypeAdapter

    from govsim.model.acts import ActBase

__all__ = ["Move", "move"]


@cache
def _acts() -> TypeAdapter[Any]:
    from pydantic import TypeAdapter

    from govsim.model.acts import Act

    return TypeAdapter(Act)


@dataclass(frozen=True)
class Move:
    """One candidate act, undated: what it does, by whom, and why it is tried."""

    kind: str
    by: str
    fields: str
    """The act's other fields, as sorted JSON (so moves compare and hash)."""
    why: str
    lead: int = 0
    """For an amendment: days from its first reading (which gives notice of
    the text) to its adoption; 0, adopted in one reading."""

    @property
    def cost(self) -> int:
        """How many acts the move takes: two with a first reading."""
        return 2 if self.lead else 1

    def acts(self, ident: str, at: dt.date) -> list[tuple[str, ActBase]]:
        """The move's acts, the last with id ``ident``, the first dated ``at``."""
        data = {"act": self.kind, "by": self.by} | json.loads(self.fields)
        if not self.lead:
            return [(ident, _act(data | {"id": ident, "at": at}))]
        first = f"{ident}-first"
        adopted = at + dt.timedelta(days=self.lead)
        return [
            (first, _act(data | {"id": first, "at": at, "reading": "first"})),
            (ident, _act(data | {"id": ident, "at": adopted, "first_reading": first})),
        ]


def _act(data: dict[str, Any]) -> ActBase:
    act: ActBase = _acts().validate_python(data)
    return act


def move(kind: str, by: str, why: str, **fields: Any) -> Move:
    """A move: ``kind`` by ``by``, with its fields and why it is tried."""
    return Move(kind, by, json.dumps(fields, sort_keys=True, default=str), why)
