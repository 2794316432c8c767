"""How a scenario records a body's vote: unanimous, a tally, or a roll call."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag, model_validator

from govsim.model.common import Ident, Strict

__all__ = ["Tally", "Vote"]


class Tally(Strict):
    """Votes for, against and abstaining: counts, or the names of who voted how.

    Give counts when only the numbers are known, and lists of person ids (a
    roll call) when it matters who voted, for instance to see whether a
    conflicted member took part.
    """

    yes: int | tuple[Ident, ...] = Field(alias="for")
    """Votes for: a count, or the persons who voted for (a roll call)."""
    no: int | tuple[Ident, ...] = Field(default=0, alias="against")
    """Votes against: a count, or the persons (default none)."""
    abstain: int | tuple[Ident, ...] = 0
    """Abstentions: a count, or the persons (default none)."""

    @model_validator(mode="before")
    @classmethod
    def _same_form(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        values = [data.get(k) for k in ("for", "against", "abstain")]
        if any(isinstance(v, list | tuple) for v in values):
            if any(isinstance(v, int) and v for v in values):
                raise ValueError(
                    "give either counts or lists of persons for 'for', 'against' "
                    "and 'abstain', not a mix"
                )
            # A roll call leaves unnamed groups empty rather than zero.
            return {k: () if data.get(k, 0) == 0 else data[k] for k in data} | {
                k: () for k in ("against", "abstain") if k not in data
            }
        if any(isinstance(v, int) and v < 0 for v in values):
            raise ValueError("vote counts cannot be negative")
        return data

    @property
    def is_roll_call(self) -> bool:
        """Whether the tally names the voters."""
        return not isinstance(self.yes, int)

    def counts(self) -> tuple[int, int, int]:
        """Return (for, against, abstain) as numbers."""
        return _count(self.yes), _count(self.no), _count(self.abstain)

    def names(self) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        """Return who voted for, against and abstained (empty for counts)."""
        return _named(self.yes), _named(self.no), _named(self.abstain)


def _count(vote: int | tuple[Ident, ...]) -> int:
    return vote if isinstance(vote, int) else len(vote)


def _named(vote: int | tuple[Ident, ...]) -> tuple[Ident, ...]:
    return () if isinstance(vote, int) else vote


def _vote_form(value: Any) -> str:
    return "word" if isinstance(value, str) else "tally"


Vote = Annotated[
    Annotated[Literal["unanimous"], Tag("word")] | Annotated[Tally, Tag("tally")],
    Discriminator(_vote_form),
]
"""``unanimous``: every member present voted for; otherwise a Tally."""
