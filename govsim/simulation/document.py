"""The model document: an organisation, a population and the behaviours that drive it.

A model is to a sweep what a scenario is to a replay. Where a scenario lists
the acts that happened, a model lists who acts and how (behaviours with their
parameters), and each run draws a history from it under one rule book::

    schema_version: 1
    model: iso-2019-crisis
    organisation: ../iso/organisation.govsim.yaml
    rulebooks: [iso-2019-post-convention, external-checks]
    start: 2012-11-01
    end: 2019-04-19
    population: {members: 900, branches: 40}
    roles: {respondent: respondent, executive: sc, membership: membership}
    behaviours:
      - behaviour: members
        params: {resign_max: 0.03}
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from govsim.limits import MAX_MODEL_DAYS
from govsim.model.common import Date, Ident, SchemaVersion, Strict
from govsim.simulation.population import PopulationSpec

__all__ = ["BehaviourEntry", "ModelDocument"]


class BehaviourEntry(Strict):
    """One behaviour of a model, by registered name, with its parameters."""

    behaviour: Ident
    """A registered behaviour: ``members``, ``branches``, ``case``, ``disclosure`` or
    ``proposals`` (or one a plugin registers)."""
    id: Ident | None = None
    """The prefix of its parameters in sweeps (absent: the behaviour's name)."""
    params: dict[Ident, Any] = Field(default_factory=dict)
    """Its parameters by name (absent: its defaults); docs/behaviour-models.md lists
    each behaviour's."""

    @property
    def key(self) -> str:
        """The prefix of this behaviour's parameters: ``members`` in ``members.rate``."""
        return self.id or self.behaviour


class ModelDocument(Strict):
    """A model of an organisation whose agents behave, to be run many times."""

    schema_version: SchemaVersion
    """The format's version: always ``1``."""
    model: Ident
    """The model's id."""
    title: str | None = None
    """A title, for readers."""
    description: str | None = None
    """What the model is, in a few sentences."""
    organisation: str
    """The organisation file, relative to this file."""
    rulebooks: tuple[str, ...] = Field(min_length=1)
    """Books to run the model under, by id or path (looked up beside the file and in rules/)."""
    start: Date
    """The first day of every run."""
    end: Date
    """The last day of every run, at most a hundred years after ``start``."""
    population: PopulationSpec
    """How many members each run generates, in how many branches."""
    roles: dict[Ident, Ident] = Field(default_factory=dict)
    """Who plays each part the behaviours name (a person or body id)."""
    behaviours: tuple[BehaviourEntry, ...] = Field(min_length=1)
    """The behaviours that drive each run, with their parameters."""
    invariants: Literal["all", "none"] | tuple[Ident, ...] = "none"
    """Invariants checked in every run and counted in its results."""

    @model_validator(mode="after")
    def _dates_and_ids(self) -> ModelDocument:
        if self.end < self.start:
            raise ValueError(f"end ({self.end}) is before start ({self.start})")
        days = (self.end - self.start).days
        if days > MAX_MODEL_DAYS:
            message = (
                f"the model runs {days:,} days, from {self.start} to {self.end}; "
                f"a model runs at most {MAX_MODEL_DAYS:,} days (a hundred years), "
                "each run stepping through every day: check the year of its end"
            )
            raise PydanticCustomError("model_span", message, {"loc": ("end",)})
        keys = [b.key for b in self.behaviours]
        twice = sorted({k for k in keys if keys.count(k) > 1})
        if twice:
            raise ValueError(
                f"behaviour {', '.join(twice)} appears twice; give one an 'id'"
            )
        return self
