"""The scenario document: a dated history of acts, and what each book should yield.

A scenario names its organisation and one or more rule books (by path, by id,
or inline), lists dated acts and outside events, and states expectations per
rule book. It is the govsim counterpart of an OpenFisca YAML test: the rules
live elsewhere, the case lives here.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from govsim.model.acts import Act
from govsim.model.common import (
    ClauseId,
    Date,
    Ident,
    OneValue,
    PersonStatus,
    SchemaVersion,
    Strict,
)
from govsim.model.organisation import Organisation
from govsim.model.rulebook import RuleBook

__all__ = [
    "Event",
    "Expectations",
    "InvariantChoice",
    "InvariantExpectations",
    "MeasureOutcome",
    "Scenario",
    "TimedExpectations",
    "TimedPattern",
    "VerdictName",
    "ViolationExpectations",
    "ViolationPattern",
]

VerdictName = Literal["valid", "irregular", "void"]


class Event(Strict):
    """Something that happens outside any procedure but matters to it."""

    at: Date
    """The day it happens."""
    event: Literal["note", "absence"]
    """``note``: a remark on the timeline; ``absence``: persons away from that day."""
    text: str | None = None
    """What happened, in words."""
    persons: tuple[Ident, ...] = ()
    """For ``absence``: who is away (they do not count as present at meetings)."""
    until: Date | None = None
    """For ``absence``: the first day they are back (absent: for good)."""


class ViolationPattern(Strict):
    """Matches recorded violations; every field given must match."""

    act: Ident | None = None
    """The act that broke the rule."""
    clause: ClauseId | None = None
    """The clause broken."""
    rule: str | None = None
    """The rule broken: a requirement's ``rule`` (``notice``, ``finality``),
    ``decision_rule``, ``power`` (no power, or a disability) or ``competence`` (an
    implied power)."""


class ViolationExpectations(Strict):
    """Violations that must be present, must be absent, or how many in all."""

    present: tuple[ViolationPattern, ...] = ()
    """Patterns each matched by at least one recorded violation."""
    absent: tuple[ViolationPattern, ...] = ()
    """Patterns no recorded violation may match."""
    count: int | None = Field(default=None, ge=0)
    """How many violations in all."""


ParamValue = Annotated[int | float | str, OneValue]
InvariantChoice = Ident | dict[Ident, dict[Ident, ParamValue]]
"""An invariant by name, or ``{name: {parameter: value}}``; the value ``book``
means "read it from the rule book, and fail if the book does not say"."""


class InvariantExpectations(Strict):
    """Invariants a replay must break (with witnesses), hold, or have prevented."""

    broken: dict[Ident, tuple[Ident, ...]] = Field(default_factory=dict)
    """Invariant name to ids (acts, persons, bodies, cases) that must be among its witnesses."""
    holds: tuple[Ident, ...] = ()
    """Invariants that must not be broken."""
    prevented: dict[Ident, tuple[Ident, ...]] = Field(default_factory=dict)
    """Invariant name to ids that must be among the witnesses of a breach the
    book prevented (a void act would have made it); the clause that voided the
    act is a witness too."""


class TimedPattern(Strict):
    """Matches a timed effect: a measure lapsing, or a duty missed; every field given must match."""

    kind: Literal["lapse", "deadline_missed"]
    """``lapse``: a measure ended at its end date; ``deadline_missed``: a duty not done
    in time."""
    subject: str | None = None
    """The measure (its act id) or the duty (``act:then``, ``act:review``, a mandate)."""
    at: Date | None = None
    """The day it happened: the day after the last day in force or allowed."""


class TimedExpectations(Strict):
    """Timed effects that must happen, or must not."""

    present: tuple[TimedPattern, ...] = ()
    """Timed effects that must happen."""
    absent: tuple[TimedPattern, ...] = ()
    """Timed effects that must not happen."""


MeasureEnding = Literal[
    "lapsed",
    "lifted",
    "reversed",
    "quashed",
    "stayed",
    "altered",
    "converted",
    "case_closed",
]


class MeasureOutcome(Strict):
    """How an interim measure (or timed sanction) stands when the replay ends."""

    ended: MeasureEnding | Literal["in_force"]
    """How it ended, or ``in_force`` if it still is."""
    at: Date | None = None
    """The day it ended (for a lapse, the day after its last day)."""


ObligationStatus = Literal["in_effect", "fulfilled", "violated", "abandoned"]


class Expectations(Strict):
    """What replaying the scenario under one rule book should yield."""

    verdicts: dict[Ident, VerdictName] = Field(default_factory=dict)
    """Act id to its expected verdict."""
    violations: ViolationExpectations | None = None
    """Violations that must be present, must be absent, or how many in all."""
    statuses: dict[Ident, PersonStatus] = Field(default_factory=dict)
    """Person id to their status at the end of the scenario."""
    seats: dict[Ident, tuple[Ident, ...]] = Field(default_factory=dict)
    """Body id to the persons holding its seats at the end (any order)."""
    invariants: InvariantExpectations | None = None
    """Invariants that must be broken (with witnesses), must hold, or were prevented."""
    timed: TimedExpectations | None = None
    """Lapses and missed deadlines, with their dates."""
    measures: dict[Ident, MeasureOutcome] = Field(default_factory=dict)
    """Measure (its act id) to how it stands at the end."""
    obligations: dict[str, ObligationStatus] = Field(default_factory=dict)
    """Duty or mandate id to its status at the end (``s:implement``, ``m:review``, a mandate)."""


class Scenario(Strict):
    """A history to replay under one or more rule books."""

    schema_version: SchemaVersion
    """The format's version: always ``1``."""
    scenario: Ident
    """The scenario's id."""
    title: str | None = None
    """A title, for readers."""
    description: str | None = None
    """What the scenario tells, in a few sentences."""
    organisation: str | Organisation
    """Path of the organisation file (relative to this file), or the document inline."""
    rulebooks: tuple[str | RuleBook, ...] = Field(min_length=1)
    """Paths, ids (looked up beside this file and in ``rules/``) or inline books."""
    start: Date | None = None
    """First day of the replay (default: the first act's date)."""
    end: Date | None = None
    """Last day of the replay; deadlines falling later stay open (default: last act)."""
    acts: tuple[Act, ...] = Field(min_length=1)
    """The history: dated acts, each chosen by its ``act`` kind, replayed in date order."""
    events: tuple[Event, ...] = ()
    """Outside events: notes on the timeline and absences."""
    invariants: Literal["all", "none"] | tuple[InvariantChoice, ...] = "all"
    """Which procedural invariants to check: ``all`` (default), ``none``, or a list."""
    expect: dict[Ident, Expectations] = Field(default_factory=dict)
    """Rule book id to what replaying under it should yield."""
