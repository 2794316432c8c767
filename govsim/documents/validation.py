"""Validate parsed documents with pydantic and place each error in the file.

pydantic stays the single judge of what a document may contain; this module
only translates its verdict. Every error becomes a :class:`~govsim.errors.Problem`
at the ``file:line:col`` the :class:`~govsim.documents.yamlsource.SourceMap`
gives, worded for the person editing the file (:mod:`govsim.documents.wording`):
an unknown key is shown at the key with a spelling suggestion and every key
allowed there, a missing key at the mapping that lacks it, and a wrong
discriminator value at that value.

Where a key takes one of several forms (a body id or a selector mapping), pydantic
reports how the value fails each form; only the form the value was evidently
meant as is reported, or, when it fits none, one line naming them all.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Final, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from govsim.documents.annotations import allowed_keys, walk
from govsim.documents.suggest import did_you_mean
from govsim.documents.wording import choices, expectation, plain_message, shown
from govsim.documents.yamlsource import Loc, SourceMap
from govsim.errors import DocumentError, Problem

__all__ = ["validate"]

M = TypeVar("M", bound=BaseModel)

_LENGTHS: Final = frozenset({"too_short", "too_long"})


@dataclass(frozen=True)
class _Error:
    """A pydantic error with the document location it is about."""

    error: ErrorDetails
    loc: Loc
    """pydantic's location, union labels included."""
    where: Loc
    """The location in the document: union labels left out."""
    forks: tuple[tuple[int, str, Any], ...]
    """Unions passed on the way: (depth in ``where``, label, member chosen)."""
    allowed: tuple[str, ...] | None = None
    """For an unknown key: the keys of every form the mapping may take."""


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
        DocumentError: listing one problem per mistake, sorted by position.
    """
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = [_locate(model, error) for error in exc.errors(include_url=False)]
        raise DocumentError(_problems(model, errors, source)) from None


def _locate(model: type[BaseModel], error: ErrorDetails) -> _Error:
    loc, ctx = tuple(error["loc"]), error.get("ctx") or {}
    where, _, forks = walk(model, loc)
    if plain_message(error) is None and isinstance(ctx.get("loc"), tuple | list):
        # A model validator named a field below its model: keys, not labels.
        loc, where = (*loc, *ctx["loc"]), (*where, *ctx["loc"])
    return _Error(error, loc, where, forks)


def _problems(
    model: type[BaseModel], errors: list[_Error], source: SourceMap
) -> list[Problem]:
    # A list whose items failed is not empty: its length error only follows
    # from theirs.
    errors = [
        e
        for e in errors
        if e.error["type"] not in _LENGTHS
        or not any(o.where[: len(e.where)] == e.where != o.where for o in errors)
    ]
    out: list[Problem] = []
    for item in _settle(errors, source):
        out.append(item if isinstance(item, Problem) else _problem(model, item, source))
    return out


def _settle(errors: list[_Error], source: SourceMap) -> list[_Error | Problem]:
    """Keep, at each union, only the errors of the form the value was meant as."""
    out: list[_Error | Problem] = []
    groups: dict[tuple[Loc, int], list[_Error]] = {}
    for e in errors:
        if not e.forks:
            out.append(e)
        else:
            depth = e.forks[0][0]
            groups.setdefault((e.where[:depth], depth), []).append(e)
    for (at, _), group in groups.items():
        out += _choose(at, group, source)
    return out


def _choose(at: Loc, group: list[_Error], source: SourceMap) -> list[_Error | Problem]:
    branches: dict[str, list[_Error]] = {}
    for e in group:
        branches.setdefault(e.forks[0][1], []).append(e)
    engaged = [
        errs for errs in branches.values() if not all(_wrong_kind(e, at) for e in errs)
    ]
    if not engaged:
        return [_none_fits(at, group, source)]
    fewest = min(len(errs) for errs in engaged)
    tied = [errs for errs in engaged if len(errs) == fewest]
    chosen = tied[0]
    if len(tied) > 1:
        if all(_missing_at(e, at) for errs in tied for e in errs):
            return [_no_form_key(at, tied, source)]
        chosen = _merge_forms(at, tied)
    return _settle([replace(e, forks=e.forks[1:]) for e in chosen], source)


def _missing_at(e: _Error, at: Loc) -> bool:
    return e.error["type"] == "missing" and e.where[:-1] == at


def _no_form_key(at: Loc, tied: list[list[_Error]], source: SourceMap) -> Problem:
    """A mapping with none of the keys that tell its forms apart."""
    keys = sorted({str(e.where[-1]) for errs in tied for e in errs})
    listed = ", ".join(repr(key) for key in keys)
    return Problem(source.span(at), f"missing required key: one of {listed}", at)


def _wrong_kind(e: _Error, at: Loc) -> bool:
    """Whether an error only says the value is not of this form at all."""
    return e.where == at and expectation(e.error) is not None


def _none_fits(at: Loc, group: list[_Error], source: SourceMap) -> Problem:
    nouns = list(dict.fromkeys(str(expectation(e.error)) for e in group))
    value = group[0].error.get("input")
    text = (
        f"expected {', '.join(nouns[:-1])} or {nouns[-1]}"
        if len(nouns) > 1
        else f"expected {nouns[0]}"
    )
    text += f", got {shown(value)}"
    words = [
        w
        for e in group
        if e.error["type"] == "literal_error"
        for w in choices(str((e.error.get("ctx") or {}).get("expected", "")))
    ]
    if isinstance(value, str) and words:
        text += did_you_mean(value, words)
    return Problem(source.span(at), text, at)


def _merge_forms(at: Loc, tied: list[list[_Error]]) -> list[_Error]:
    """Equally likely forms of a mapping: name unknown keys against them all.

    A mapping that fits no form (every key unknown to each) is told the keys
    of every form, not the missing keys of the first.
    """
    keys = sorted({k for errs in tied for k in allowed_keys(errs[0].forks[0][2]) or ()})
    first = tied[0]
    extra = [
        e for e in first if e.error["type"] == "extra_forbidden" and e.where[:-1] == at
    ]
    if not extra:
        return first
    kept = [e for e in first if e.error["type"] != "missing" or e.where[:-1] != at]
    return [replace(e, allowed=tuple(keys)) if e in extra else e for e in kept]


def _problem(model: type[BaseModel], e: _Error, source: SourceMap) -> Problem:
    error, loc, where = e.error, e.loc, e.where
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        field = _unquote(str(ctx.get("discriminator", "")))
        # A callable discriminator ("pick()") names no key of the document.
        keyed = field.isidentifier()
        place = (*where, *([field] if keyed else []))
        if kind == "union_tag_not_found":
            missing = f"key {field!r}" if keyed else "key that tells which kind this is"
            return Problem(source.span(loc), f"missing required {missing}", place)
        tag = str(ctx.get("tag", ""))
        message = f"unknown {field if keyed else 'kind'} {tag!r}"
        message += _suggest(tag, choices(str(ctx.get("expected_tags", ""))))
        return Problem(source.span(place), message, place)
    if kind == "extra_forbidden":
        key = str(loc[-1])
        allowed = (
            e.allowed
            if e.allowed is not None
            else allowed_keys(walk(model, loc[:-1])[1])
        )
        message = f"unknown key {key!r}{_suggest(key, list(allowed or ()))}"
        if " " in key.strip():
            # No key of a govsim document has a space: this is most often
            # the tail of unquoted text cut at a comma inside { }.
            message += (
                "; a key with spaces usually comes from a comma in unquoted "
                "text inside { }: quote the text"
            )
        return Problem(source.span(loc, key=True), message, where)
    if kind == "missing":
        name = loc[-1] if loc else ""
        missing = f"key {name!r}" if isinstance(name, str) else f"item {name}"
        return Problem(source.span(loc), f"missing required {missing}", where)
    return Problem(source.span(loc), plain_message(error) or error["msg"], where)


def _suggest(word: str, allowed: list[str]) -> str:
    if not allowed:
        return ""
    return did_you_mean(word, allowed) + f" (allowed: {', '.join(sorted(allowed))})"


def _unquote(text: str) -> str:
    return text[1:-1] if len(text) > 1 and text[0] == text[-1] == "'" else text
