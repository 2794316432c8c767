"""Follow a pydantic error location down a model's type annotations.

pydantic writes a union member's label into an error's location
(``acts.1.find.vote.tally.bogus``); the document has no such key. Walking the
annotations alongside the location tells which parts are labels, which member
each names, and what type the location ends at, so that an unknown key can be
told every key allowed where it stands, whatever the unions on the way.
"""

from __future__ import annotations

import datetime as dt
import types
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, Tag

__all__ = ["allowed_keys", "walk"]

Loc = tuple[str | int, ...]
Fork = tuple[int, str, Any]

# The head of pydantic's label for a member that is no model or tagged member.
_LABELS: dict[str, Any] = {
    "str": str,
    "int": int,
    "float": float,
    "bool": bool,
    "date": dt.date,
    "literal": Literal,
    "tuple": tuple,
    "list": list,
    "dict": dict,
}


def walk(model: type[BaseModel], loc: Loc) -> tuple[Loc, Any, tuple[Fork, ...]]:
    """Follow ``loc`` from ``model``.

    Returns:
        The location without union labels; the annotation it leads to, or
        ``None`` once the walk meets a type it does not know (the remaining
        parts are then kept as they are); and each union passed, as (its
        depth in the returned location, the label, the member it names or
        ``None``).
    """
    kept: list[str | int] = []
    forks: list[Fork] = []
    current: Any = model
    for part in loc:
        members = members_of(current) if current is not None else []
        if len(members) > 1 and isinstance(part, str):
            current = _member(members, part)
            forks.append((len(kept), part, current))
            continue
        kept.append(part)
        current = _step(current, part) if current is not None else None
    return tuple(kept), current, tuple(forks)


def members_of(annotation: Any) -> list[Any]:
    """The forms a value of ``annotation`` may take (``None`` aside)."""
    registered = _registered_members(annotation)
    if registered is not None:
        return list(registered)
    current = _strip(annotation)
    if get_origin(current) not in (Union, types.UnionType):
        return [annotation]
    members = [arg for arg in get_args(current) if arg is not type(None)]
    if len(members) == 1:
        return members_of(members[0])
    return members


def allowed_keys(annotation: Any) -> list[str] | None:
    """The keys a mapping of ``annotation`` may hold, if it is a model (or several)."""
    keys: set[str] = set()
    for member in members_of(annotation) if annotation is not None else []:
        current = _strip(member)
        if isinstance(current, type) and issubclass(current, BaseModel):
            keys |= {_field_key(name, f) for name, f in current.model_fields.items()}
    return sorted(keys) or None


def _registered_members(annotation: Any) -> tuple[Any, ...] | None:
    """The members an annotation takes from a registry at run time, if it does.

    A union open to plugins (a requirement of any registered rule) says so
    by a marker in its ``Annotated`` metadata with a ``members()`` method.
    """
    if get_origin(annotation) is not Annotated:
        return None
    for extra in get_args(annotation)[1:]:
        members = getattr(extra, "members", None)
        if callable(members):
            return tuple(members())
    return None


def _strip(annotation: Any) -> Any:
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    return annotation


def _field_key(name: str, field: Any) -> str:
    alias = field.validation_alias if isinstance(field.validation_alias, str) else None
    return str(alias or field.alias or name)


def _step(annotation: Any, part: str | int) -> Any:
    """Return the annotation one location part leads to, or ``None``."""
    members = members_of(annotation)
    if len(members) != 1:
        return None
    current = _strip(members[0])
    origin, args = get_origin(current), get_args(current)
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


def _member(members: list[Any], label: str) -> Any:
    """The member of a union that pydantic's ``label`` names, or ``None``."""
    tagged = [member for member in members if _tagged(member, label)]
    if len(tagged) > 1:
        # Several members have a literal holding the label; the discriminator
        # is the one key every member has.
        shared = set.intersection(*(set(_fields(m)) for m in members))
        keyed = [m for m in tagged if any(label in _fields(m)[k] for k in shared)]
        tagged = keyed or tagged
    if tagged:
        return tagged[0]
    head = label.split("[", 1)[0].removeprefix("constrained-")
    wanted = _LABELS.get(head)
    for member in members:
        current = _strip(member)
        if current is wanted or (wanted is not None and get_origin(current) is wanted):
            return member
    return None


def _fields(member: Any) -> dict[str, tuple[Any, ...]]:
    """A model member's literal fields and their values."""
    current = _strip(member)
    if not (isinstance(current, type) and issubclass(current, BaseModel)):
        return {}
    return {
        name: get_args(field.annotation)
        for name, field in current.model_fields.items()
        if get_origin(field.annotation) is Literal
    }


def _tagged(member: Any, label: str) -> bool:
    if get_origin(member) is Annotated:
        if any(
            isinstance(meta, Tag) and meta.tag == label for meta in get_args(member)
        ):
            return True
        member = _strip(member)
    if not (isinstance(member, type) and issubclass(member, BaseModel)):
        return False
    if member.__name__ == label:
        return True
    return any(
        get_origin(field.annotation) is Literal and label in get_args(field.annotation)
        for field in member.model_fields.values()
    )
