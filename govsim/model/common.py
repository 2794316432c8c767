"""Building blocks shared by every document model.

Every document model forbids unknown keys, so a typo is an error rather than a
silently ignored setting, and carries attribute docstrings so that the JSON
Schema shows them in editors.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, StringConstraints

__all__ = [
    "ClauseId",
    "Date",
    "Enforcement",
    "Ident",
    "Issue",
    "Loc",
    "OneValue",
    "PersonStatus",
    "SanctionKind",
    "SchemaVersion",
    "Strict",
]

Ident = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$", max_length=80),
]
"""An identifier: letters, digits, ``_``, ``.`` and ``-``; it starts alphanumeric."""

ClauseId = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.()\-/§]*$", max_length=40),
]
"""A clause number such as ``4.2``, ``7.3(b)`` or ``R-12``."""


def _not_a_number(value: object) -> object:
    # pydantic reads a bare number as seconds since 1970; in a document it is
    # a slip (a year alone, a day count), never a date someone meant.
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError("expected a date written YYYY-MM-DD, not a number")
    return value


Date = Annotated[dt.date, BeforeValidator(_not_a_number)]
"""A calendar day, written YYYY-MM-DD (a bare number is refused)."""


def _not_a_boolean(value: object) -> object:
    if isinstance(value, bool):
        raise ValueError(
            f"the schema version is the number 1, not {str(value).lower()}"
        )
    return value


SchemaVersion = Annotated[Literal[1], BeforeValidator(_not_a_boolean)]
"""The format's version: the number 1 (``true``, which YAML and Python take
for 1, is refused)."""
Enforcement = Literal["regimented", "audited"]

PersonStatus = Literal[
    "member",
    "suspended",
    "expelled",
    "resigned",
    "on_leave",
    "non_member",
    "outside_party",
]

SanctionKind = Literal[
    "warning",
    "censure",
    "remove_from_office",
    "bar_from_office",
    "suspend_membership",
    "expel",
]


def _one_value(value: object) -> object:
    finite = not isinstance(value, float) or math.isfinite(value)
    if not (isinstance(value, bool | int | float | str) and finite):
        raise ValueError("a parameter's value is a finite number, a word or true/false")
    return value


OneValue = BeforeValidator(_one_value)
"""Refuse a list, a mapping, null, ``.inf`` or ``.nan`` where a parameter's
value is one of several types.

A union would report each member's complaint (not a boolean, not an
integer, not a number, not a string); this says what a value may be, once.
"""

Loc = tuple[str | int, ...]
Issue = tuple[Loc, str]
"""A semantic problem found after schema validation: where (document loc) and what."""


class Strict(BaseModel):
    """Base for document models: unknown keys are errors; values are immutable.

    No number in a document may be infinite or not a number (YAML's ``.inf``
    and ``.nan``): no count, day, share or rate means anything as either, and
    a model run would fail on one half way through a sweep.
    """

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        populate_by_name=True,
        use_attribute_docstrings=True,
        str_strip_whitespace=True,
        allow_inf_nan=False,
        # Built on first use, not at import: a rule book's requirements are
        # the union of every registered rule, plugins' included, and plugins
        # are loaded when that union is first needed (govsim.registry).
        defer_build=True,
    )
