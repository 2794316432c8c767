"""A model's fields as a reference table: key, type in plain words, default, meaning.

Everything is read from the pydantic models as they are now — their
annotations, constraints, defaults and attribute docstrings — so the pages
follow the models without being edited. A field with no docstring still gets
its row, with a dash for its meaning.
"""

from __future__ import annotations

import datetime as dt
import inspect
import re
import types
from collections.abc import Callable, Iterable, Mapping
from enum import Enum
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from annotated_types import Ge, Gt, Le, MaxLen, MinLen
from pydantic import BaseModel, StringConstraints
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from govsim.model.common import ClauseId, Ident

__all__ = [
    "Linker",
    "cell",
    "field_rows",
    "field_table",
    "key_of",
    "model_section",
    "plain",
    "plain_type",
    "prose",
]

Linker = Callable[[Any], str | None]
"""A type's name as a Markdown link to where it is described (a model, or a
named union such as a selector), or ``None`` to spell the type out."""

_ROLE = re.compile(r":[a-z]+:`~?([^`]+)`")


def _pattern_of(alias: Any) -> str | None:
    for meta in get_args(alias)[1:]:
        if isinstance(meta, StringConstraints):
            return str(meta.pattern)
    return None


_NAMED_STRINGS = {
    _pattern_of(Ident): "id",
    _pattern_of(ClauseId): "clause number",
}


def prose(text: str | None) -> str:
    """A docstring as Markdown: reST roles and double backticks made plain."""
    if not text:
        return ""
    text = _ROLE.sub(lambda m: f"`{m[1].rsplit('.', 1)[-1]}`", inspect.cleandoc(text))
    return text.replace("``", "`").strip()


def cell(text: str) -> str:
    """Text fit for one cell of a Markdown table: one line, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def plain(value: Any) -> str:
    """A default value as it would be written in YAML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "none"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, tuple | list):
        return "[" + ", ".join(plain(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {plain(v)}" for k, v in value.items()) + "}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _bounds(metadata: Iterable[Any]) -> str:
    words = []
    for meta in metadata:
        if isinstance(meta, Ge):
            words.append(f"at least {meta.ge}")
        elif isinstance(meta, Gt):
            words.append(f"more than {meta.gt}")
        elif isinstance(meta, Le):
            words.append(f"at most {meta.le}")
        elif isinstance(meta, MinLen) and meta.min_length:
            words.append(
                f"at least {meta.min_length} item" + "s" * (meta.min_length > 1)
            )
        elif isinstance(meta, MaxLen):
            words.append(f"at most {meta.max_length} items")
        elif isinstance(meta, FieldInfo):
            inner = _bounds(meta.metadata)
            if inner:
                words.append(inner)
    return ", ".join(words)


def plain_type(annotation: Any, link: Linker, metadata: Iterable[Any] = ()) -> str:
    """A type annotation in plain words, with links to the models it names."""
    words = _words(annotation, link)
    bounds = _bounds(metadata)
    return f"{words} ({bounds})" if bounds else words


def _words(annotation: Any, link: Linker) -> str:
    linked = link(annotation)
    if linked is not None:
        return linked
    origin = get_origin(annotation)
    args = get_args(annotation)
    if origin is Annotated:
        pattern = _pattern_of(annotation)
        if pattern in _NAMED_STRINGS:
            return _NAMED_STRINGS[pattern]
        return plain_type(args[0], link, args[1:])
    if origin is Literal:
        values = [f"`{plain(v)}`" for v in args]
        return values[0] if len(values) == 1 else "one of " + ", ".join(values)
    if origin in (Union, types.UnionType):
        rest = tuple(a for a in args if a is not type(None))
        if len(rest) > 1 and len(rest) < len(args):
            # ``X | None`` flattens a named union X into its members.
            linked = link(Union[rest])  # noqa: UP007 - built from a tuple
            if linked is not None:
                return linked
        parts = [_words(a, link) for a in rest]
        return " or ".join(dict.fromkeys(parts))
    if origin in (tuple, list):
        if len(args) == 2 and args[1] is Ellipsis:
            return f"list of {_words(args[0], link)}"
        return f"list of exactly {len(args)}: " + ", ".join(
            _words(a, link) for a in args
        )
    if origin is dict:
        return f"mapping of {_words(args[0], link)} to {_words(args[1], link)}"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation.__name__
    simple = {
        str: "text",
        int: "whole number",
        float: "number",
        bool: "true or false",
        dt.date: "date (YYYY-MM-DD)",
    }
    if annotation in simple:
        return simple[annotation]
    return str(annotation)


def key_of(name: str, info: FieldInfo) -> str:
    """The key a document writes for a field (its alias, if it has one)."""
    return info.alias or name


def _default(info: FieldInfo) -> str:
    if info.is_required():
        return "**required**"
    if info.default_factory is not None:
        made = info.get_default(call_default_factory=True)
        return f"`{plain(made)}`"
    if info.default is PydanticUndefined:
        return "—"
    return f"`{plain(info.default)}`"


def _string_bounds(info: FieldInfo) -> list[Any]:
    """Constraints of a top-level field, named string aliases left to the type."""
    return [m for m in info.metadata if not isinstance(m, StringConstraints)]


def _annotation(info: FieldInfo) -> Any:
    """The field's annotation with a named string alias (an id) put back."""
    for meta in info.metadata:
        if isinstance(meta, StringConstraints) and meta.pattern in _NAMED_STRINGS:
            return Annotated[info.annotation, meta]
    return info.annotation


def field_rows(
    model: type[BaseModel], link: Linker, skip: Iterable[str] = ()
) -> list[tuple[str, str, str, str]]:
    """(key, type, default, meaning) for every field of ``model``, in order."""
    left_out = set(skip)
    rows = []
    for name, info in model.model_fields.items():
        if name in left_out:
            continue
        kind = plain_type(_annotation(info), link, _string_bounds(info))
        meaning = prose(info.description) or "—"
        rows.append((key_of(name, info), kind, _default(info), meaning))
    return rows


def field_table(
    model: type[BaseModel],
    link: Linker,
    skip: Iterable[str] = (),
    notes: Mapping[str, str] | None = None,
) -> list[str]:
    """The Markdown table of a model's fields (lines, no trailing blank)."""
    lines = ["| key | type | default | meaning |", "|---|---|---|---|"]
    for key, kind, default, meaning in field_rows(model, link, skip):
        extra = (notes or {}).get(key, "")
        text = f"{meaning} {extra}".strip() if meaning != "—" or not extra else extra
        lines.append(f"| `{key}` | {cell(kind)} | {cell(default)} | {cell(text)} |")
    return lines


def model_section(model: type[BaseModel], link: Linker, level: str = "##") -> list[str]:
    """A heading named after the model, its docstring and its keys."""
    lines = ["", f"{level} {model.__name__}", ""]
    if model.__doc__:
        lines += [prose(model.__doc__), ""]
    lines += field_table(model, link)
    return lines
