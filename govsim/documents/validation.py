"""Validate parsed documents with pydantic and place each error in the file.

pydantic stays the single judge of what a document may contain; this module
only translates its verdict. Every error becomes a :class:`~govsim.errors.Problem`
at the ``file:line:col`` the :class:`~govsim.documents.yamlsource.SourceMap`
gives, worded for the person editing the file: an unknown key is shown at the
key with a spelling suggestion and the keys allowed there, a missing key at the
mapping that lacks it, and a wrong discriminator value at that value.
"""

from __future__ import annotations

import re
import types
from typing import Annotated, Any, Final, Literal, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, Tag, ValidationError
from pydantic_core import ErrorDetails
from pydantic_core.core_schema import ErrorType

from govsim.documents.suggest import did_you_mean
from govsim.documents.yamlsource import Loc, SourceMap
from govsim.errors import DocumentError, Problem

__all__ = ["validate"]

M = TypeVar("M", bound=BaseModel)

_BUILTIN_ERRORS: Final = frozenset(get_args(ErrorType))
_MAX_LISTED: Final = 12
_MAX_SHOWN: Final = 40
_QUOTED: Final = re.compile(r"'([^']*)'")


def validate(model: type[M], data: Any, source: SourceMap) -> M:
    """Build ``model`` from parsed data, or report every error at its position.

    A model validator can point its error at a field below the model it checks
    by raising ``PydanticCustomError(kind, message, {"loc": ("field", ...)})``;
    the ``loc`` in the context is appended to the error's location.

    Args:
        model: the pydantic model the document must satisfy.
        data: the document as plain data, e.g. from ``parse_yaml``.
        source: where each part of ``data`` sits in its file.

    Returns:
        The validated model instance.

    Raises:
        DocumentError: listing one problem per pydantic error, sorted by position.
    """
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        raise DocumentError(
            [_problem(model, error, source) for error in errors]
        ) from None


def _problem(model: type[BaseModel], error: ErrorDetails, source: SourceMap) -> Problem:
    kind, loc, ctx = error["type"], tuple(error["loc"]), error.get("ctx") or {}
    if kind not in _BUILTIN_ERRORS and isinstance(ctx.get("loc"), tuple | list):
        loc = (*loc, *ctx["loc"])  # a model validator named a field below its model
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        field = _unquote(str(ctx.get("discriminator", "")))
        # A callable discriminator ("pick()") names no key of the document.
        keyed = field.isidentifier()
        where = (*_document_loc(model, loc)[0], *([field] if keyed else []))
        if kind == "union_tag_not_found":
            missing = f"key {field!r}" if keyed else "key that tells which kind this is"
            return Problem(source.span(loc), f"missing required {missing}", where)
        tag = str(ctx.get("tag", ""))
        expected = _QUOTED.findall(str(ctx.get("expected_tags", "")))
        message = f"unknown {field if keyed else 'kind'} {tag!r}"
        message += _suggest(tag, expected)
        return Problem(source.span(where), message, where)
    where = _document_loc(model, loc)[0]
    if kind == "extra_forbidden":
        key, annotation = str(loc[-1]), _document_loc(model, loc[:-1])[1]
        message = f"unknown key {key!r}{_suggest(key, _allowed_keys(annotation))}"
        return Problem(source.span(loc, key=True), message, where)
    if kind == "missing":
        name = loc[-1] if loc else ""
        missing = f"key {name!r}" if isinstance(name, str) else f"item {name}"
        return Problem(source.span(loc), f"missing required {missing}", where)
    if kind not in _BUILTIN_ERRORS:
        return Problem(source.span(loc), error["msg"], where)
    text = (
        str(ctx.get("error", error["msg"])) if kind == "value_error" else error["msg"]
    )
    shown = repr(error["input"])
    if len(shown) <= _MAX_SHOWN:
        text += f" (got {shown})"
    return Problem(source.span(loc), text, where)


def _suggest(word: str, allowed: list[str] | None) -> str:
    if not allowed:
        return ""
    listed = f" (allowed: {', '.join(allowed)})" if len(allowed) <= _MAX_LISTED else ""
    return did_you_mean(word, allowed) + listed


def _unquote(text: str) -> str:
    match = _QUOTED.fullmatch(text)
    return match.group(1) if match else text


def _document_loc(model: type[BaseModel], loc: Loc) -> tuple[Loc, Any]:
    """Follow a pydantic location down the model's annotations.

    Returns:
        The location without the union tags pydantic inserts (they name a
        union member, not a key of the document), and the annotation the
        location leads to, or ``None`` once the walk meets a type it does not
        know; the remaining parts are then kept as they are.
    """
    kept: list[str | int] = []
    current: Any = model
    for part in loc:
        member = _tagged_member(current, part) if current is not None else None
        if member is not None:
            current = member
            continue
        kept.append(part)
        current = _step(current, part) if current is not None else None
    return tuple(kept), current


def _allowed_keys(annotation: Any) -> list[str] | None:
    """Return the keys accepted by ``annotation`` if it is a model."""
    current = _strip(annotation)
    if get_origin(current) in (Union, types.UnionType):
        members = [arg for arg in get_args(current) if arg is not type(None)]
        current = _strip(members[0]) if len(members) == 1 else None
    if not (isinstance(current, type) and issubclass(current, BaseModel)):
        return None
    fields = current.model_fields.items()
    return sorted(_field_key(name, field) for name, field in fields)


def _strip(annotation: Any) -> Any:
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    return annotation


def _field_key(name: str, field: Any) -> str:
    alias = field.validation_alias if isinstance(field.validation_alias, str) else None
    return str(alias or field.alias or name)


def _step(annotation: Any, part: str | int) -> Any:
    """Return the annotation one location part leads to, or ``None``."""
    current = _strip(annotation)
    origin, args = get_origin(current), get_args(current)
    if origin in (Union, types.UnionType):
        members = [arg for arg in args if arg is not type(None)]
        return _step(members[0], part) if len(members) == 1 else None
    if isinstance(current, type) and issubclass(current, BaseModel):
        fields = current.model_fields.items()
        found = [f for name, f in fields if part in (name, _field_key(name, f))]
        return found[0].annotation if found else None
    if origin in (list, set, frozenset, tuple) and isinstance(part, int) and args:
        fixed = origin is tuple and args[-1] is not Ellipsis
        return args[min(part, len(args) - 1)] if fixed else args[0]
    if origin is dict and len(args) == 2:
        return args[0] if part == "[key]" else args[1]
    return None


def _tagged_member(annotation: Any, part: str | int) -> Any:
    """Return the union member that ``part`` labels, if ``part`` is a label.

    For a union of several members pydantic writes the member's tag (or class
    name) into the location.
    """
    current = _strip(annotation)
    if not isinstance(part, str) or get_origin(current) not in (Union, types.UnionType):
        return None
    members = [arg for arg in get_args(current) if arg is not type(None)]
    return next((member for member in members if _labelled(member, part)), None)


def _labelled(member: Any, part: str) -> bool:
    if get_origin(member) is Annotated:
        if any(isinstance(meta, Tag) and meta.tag == part for meta in get_args(member)):
            return True
        member = _strip(member)
    if not (isinstance(member, type) and issubclass(member, BaseModel)):
        return getattr(member, "__name__", None) == part
    if member.__name__ == part:
        return True
    return any(
        get_origin(field.annotation) is Literal and part in get_args(field.annotation)
        for field in member.model_fields.values()
    )
