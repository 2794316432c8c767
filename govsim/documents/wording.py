"""Say what a validation error means in the document's terms, not pydantic's.

pydantic names its checks after Python ("Input should be a valid integer,
unable to parse string as an integer"); a person editing a YAML file wants to
know what the key expects and what they wrote ("expected a whole number, got
'three'"). :data:`WORDING` maps every built-in error type the document models
can raise to such a sentence; :func:`plain_message` looks one up, and
:func:`expectation` gives the noun phrase a union of several forms joins with
"or". The error types are pydantic_core's; a test derives the types the models
can raise from their core schemas and fails on any that has no wording here.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from typing import Any, Final

from pydantic_core import ErrorDetails

from govsim.documents.suggest import closest

__all__ = ["PATTERNS", "WORDING", "choices", "expectation", "plain_message", "shown"]

_MAX_SHOWN: Final = 40
_QUOTED: Final = re.compile(r"'([^']*)'")
_DAY: Final = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME: Final = re.compile(r"\d[T ]\d{1,2}:\d{2}")

#: The patterns of the id types in govsim.model.common, in words; a test
#: fails if a document model uses a pattern missing here.
PATTERNS: Final[Mapping[str, str]] = {
    r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$": (
        "an id: letters, digits, '_', '.' and '-', starting with a letter or digit"
    ),
    r"^[A-Za-z0-9][A-Za-z0-9_.()\-/§]*$": (
        "a clause number such as 4.2, 7.3(b) or R-12: letters, digits and"
        " '_', '.', '(', ')', '-', '/', '§', starting with a letter or digit"
    ),
}

_Wording = Callable[[Mapping[str, Any], Any], str]


def shown(value: Any) -> str:
    """The value a document gave, as its author would recognise it.

    Short texts and numbers are quoted as written; a list, a mapping or a
    long text is named by what it is, since repeating it helps nobody.
    """
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else ("-.inf" if value < 0 else ".inf")
    if isinstance(value, int | float | dt.date):
        text = str(value)
        return text if len(text) <= _MAX_SHOWN else f"a number of {len(text)} digits"
    if isinstance(value, str):
        if not value:
            return "an empty text"
        return (
            repr(value)
            if len(value) <= _MAX_SHOWN
            else f"a text of {len(value)} characters"
        )
    if isinstance(value, list | tuple | set | frozenset):
        return "a list" if value else "an empty list"
    if isinstance(value, Mapping):
        return "a mapping" if value else "an empty mapping"
    return f"a {type(value).__name__}"


def choices(expected: str) -> list[str]:
    """The values a ``literal_error`` or ``enum`` context says are allowed."""
    quoted = _QUOTED.findall(expected)
    return quoted or [part for part in re.split(r", | or ", expected) if part]


def _one_of(ctx: Mapping[str, Any], value: Any) -> str:
    allowed = choices(str(ctx.get("expected", "")))
    if len(allowed) == 1:
        return f"expected {allowed[0]}, got {shown(value)}"
    text = f"expected one of: {', '.join(allowed)} (got {shown(value)})"
    match = closest(value, allowed) if isinstance(value, str) else None
    return text + (f"; did you mean {match!r}?" if match else "")


def _items(count: Any) -> str:
    return f"{count} item" + ("" if count == 1 else "s")


def _too_short(ctx: Mapping[str, Any], value: Any) -> str:
    given = ctx.get("actual_length", 0)
    found = "an empty list was given" if not given else f"{_items(given)} given"
    return f"needs at least {_items(ctx.get('min_length', 1))} ({found})"


def _too_long(ctx: Mapping[str, Any], value: Any) -> str:
    given = ctx.get("actual_length")
    found = f" ({_items(given)} given)" if given is not None else ""
    return f"takes at most {_items(ctx.get('max_length'))}{found}"


def _pattern(ctx: Mapping[str, Any], value: Any) -> str:
    pattern = str(ctx.get("pattern", ""))
    wanted = PATTERNS.get(pattern, f"a text of the form {pattern}")
    return f"expected {wanted}, got {shown(value)}"


def _string_too_long(ctx: Mapping[str, Any], value: Any) -> str:
    size = len(value) if isinstance(value, str) else "more"
    return f"is too long: at most {ctx.get('max_length')} characters, this has {size}"


def _string_too_short(ctx: Mapping[str, Any], value: Any) -> str:
    least = ctx.get("min_length", 1)
    return f"needs at least {least} character{'' if least == 1 else 's'}, got {shown(value)}"


def _date(ctx: Mapping[str, Any], value: Any) -> str:
    if isinstance(value, str) and _DAY.fullmatch(value):
        return f"{value!r} is not a day of the calendar"
    if isinstance(value, str | dt.datetime) and _TIME.search(str(value)):
        return f"expected a date written YYYY-MM-DD, without a time, got {shown(value)}"
    return f"expected {_DATE}, got {shown(value)}"


def _expected(noun: str) -> _Wording:
    return lambda ctx, value: f"expected {noun}, got {shown(value)}"


def _bound(relation: str, key: str) -> _Wording:
    def word(ctx: Mapping[str, Any], value: Any) -> str:
        limit = ctx.get(key)
        if isinstance(limit, float) and limit.is_integer():
            limit = int(limit)  # a bound of 0 is written 0 in a document
        return f"must be {relation.format(limit)}, got {shown(value)}"

    return word


def _own(ctx: Mapping[str, Any], value: Any) -> str:
    # A validator of ours raised it: its text is already in our words.
    return f"{ctx.get('error', 'is not allowed here')} (got {shown(value)})"


_TEXT: Final = "text"
_WHOLE: Final = "a whole number"
_NUMBER: Final = "a number"
_BOOLEAN: Final = "true or false"
_DATE: Final = "a date written YYYY-MM-DD"
_LIST: Final = "a list"
_MAPPING: Final = "a mapping of keys to values"
_KEYS: Final = "a mapping of keys (key: value lines)"

#: Noun phrases for the error types that say the value is of the wrong kind;
#: a union of several forms lists them ("expected text or a list").
EXPECTED: Final[Mapping[str, str]] = {
    "string_type": _TEXT,
    "string_sub_type": _TEXT,
    "string_unicode": _TEXT,
    "int_type": _WHOLE,
    "int_parsing": _WHOLE,
    "int_from_float": _WHOLE,
    "float_type": _NUMBER,
    "float_parsing": _NUMBER,
    "bool_type": _BOOLEAN,
    "bool_parsing": _BOOLEAN,
    "date_type": _DATE,
    "date_parsing": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": _DATE,
    "tuple_type": _LIST,
    "list_type": _LIST,
    "set_type": _LIST,
    "frozen_set_type": _LIST,
    "dict_type": _MAPPING,
    "model_type": _KEYS,
    "model_attributes_type": _KEYS,
    "dataclass_type": _KEYS,
    "none_required": "nothing (null)",
}

#: Every built-in error type a document can meet, worded for its author.
WORDING: Final[Mapping[str, _Wording]] = {
    **{kind: _expected(noun) for kind, noun in EXPECTED.items()},
    "date_parsing": _date,
    "date_from_datetime_parsing": _date,
    "date_from_datetime_inexact": _date,
    "int_parsing_size": lambda ctx, value: f"is too large a number, got {shown(value)}",
    "finite_number": lambda ctx, value: f"expected a finite number, got {shown(value)}",
    "string_too_short": _string_too_short,
    "string_too_long": _string_too_long,
    "string_pattern_mismatch": _pattern,
    "literal_error": _one_of,
    "enum": _one_of,
    "too_short": _too_short,
    "too_long": _too_long,
    "greater_than": _bound("more than {}", "gt"),
    "greater_than_equal": _bound("{} or more", "ge"),
    "less_than": _bound("less than {}", "lt"),
    "less_than_equal": _bound("{} or less", "le"),
    "multiple_of": _bound("a multiple of {}", "multiple_of"),
    "date_past": lambda ctx, value: f"must be a day in the past, got {shown(value)}",
    "date_future": lambda ctx, value: (
        f"must be a day in the future, got {shown(value)}"
    ),
    "frozen_field": lambda ctx, value: "cannot be changed once the document is read",
    "frozen_instance": lambda ctx, value: "cannot be changed once the document is read",
    "json_invalid": lambda ctx, value: (
        f"is not valid JSON ({ctx.get('error', 'unreadable')})"
    ),
    "json_type": lambda ctx, value: f"expected JSON text, got {shown(value)}",
    "recursion_loop": lambda ctx, value: "refers back to itself",
    "value_error": _own,
    "assertion_error": _own,
    "missing": lambda ctx, value: "is required",
    "extra_forbidden": lambda ctx, value: "is not a key this mapping takes",
}


def plain_message(error: ErrorDetails) -> str | None:
    """Word one error for the document's author, or ``None`` for a custom type.

    A custom error type (raised by a model validator with
    ``PydanticCustomError``) carries a message written for the document
    already; only pydantic's own types need translating.
    """
    wording = WORDING.get(error["type"])
    if wording is None:
        return None
    return wording(error.get("ctx") or {}, error.get("input"))


def expectation(error: ErrorDetails) -> str | None:
    """What an error of the wrong kind of value expected, as a noun phrase.

    ``None`` when the error says more than "wrong kind" (a bad pattern, a
    number out of range): the value was of the right kind and that error
    should be reported as it is.
    """
    if error["type"] == "literal_error":
        allowed = choices(str((error.get("ctx") or {}).get("expected", "")))
        return ", ".join(repr(word) for word in allowed)
    return EXPECTED.get(error["type"])
