r"""The five kinds of govsim document, and how each is told from the others.

A document says what it is by a top-level key: ``sweep:``, ``model:``,
``scenario:``, ``rulebook:`` or ``organisation:``. The keys overlap - a
sweep spec names the scenario or model it runs, a model and a scenario the
organisation they read, a rule book the organisation it is written for - so
:data:`DOCUMENT_KINDS` lists the kinds in the order that tells them apart:
each is looked for before the keys it may carry. ``govsim check`` reads a
file as its kind, the book finder passes over what is not a rule book, and a
command given the wrong kind of file says what the file is; all of them ask
here.

A block-style document's top-level keys are the only ones that start a line,
so the kind can be read from the text without parsing (:func:`kind_in_text`,
:func:`kind_keys_in`): a folder of large scenarios is searched for a book,
and a large scenario checked, without parsing any twice.

Example:
    >>> kind_of({"sweep": "s", "model": "crisis.govsim.yaml"}).noun
    'a sweep spec'
    >>> kind_in_text("rulebook: acme\norganisation: acme\n").key
    'rulebook'
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = [
    "DOCUMENT_KINDS",
    "DocumentKind",
    "kind_by_sign",
    "kind_in_text",
    "kind_keys_in",
    "kind_of",
    "stated_in",
    "stated_value",
]


@dataclass(frozen=True)
class DocumentKind:
    """One kind of document: the key that names it, and how messages speak of it."""

    key: str
    """The top-level key that names the kind (and, but for a sweep, its id)."""
    noun: str
    """The kind with its article, as a message says it: ``a rule book``."""
    use: str
    """What takes a document of this kind, as a message says it."""
    sign: str
    """A top-level key that only this kind has among the five: its name key,
    but ``bodies`` for an organisation, whose ``organisation:`` key scenarios,
    models and rule books carry too."""


DOCUMENT_KINDS: tuple[DocumentKind, ...] = (
    DocumentKind("sweep", "a sweep spec", "govsim sweep runs it", "sweep"),
    DocumentKind("model", "a behaviour model", "govsim sweep runs it", "model"),
    DocumentKind("scenario", "a scenario", "govsim run replays it", "scenario"),
    DocumentKind(
        "rulebook", "a rule book", "a scenario names it under rulebooks:", "rulebook"
    ),
    DocumentKind(
        "organisation",
        "an organisation",
        "a scenario names it under organisation:",
        "bodies",
    ),
)
"""Every kind, in the order that tells them apart: a sweep spec carries a
``scenario`` or ``model`` key (its target), a model and a scenario an
``organisation`` key (their organisation file), and a rule book may too (the
organisation it is written for), so each kind comes before the keys it may
carry."""

_KIND_KEY = re.compile(
    r"""^["']?(sweep|model|scenario|rulebook|organisation)["']?[ \t]*:[ \t]*(.*)$""",
    re.MULTILINE,
)


def kind_of(data: object) -> DocumentKind | None:
    """The kind a parsed document's top-level keys name, or ``None``.

    The first kind in :data:`DOCUMENT_KINDS` whose key the mapping has; a
    mapping with an ``organisation`` key and no other kind's key is an
    organisation.
    """
    if not isinstance(data, dict):
        return None
    return next((kind for kind in DOCUMENT_KINDS if kind.key in data), None)


def kind_by_sign(data: object) -> DocumentKind | None:
    """The kind a parsed document shows by a key only that kind has, or ``None``.

    Stricter than :func:`kind_of`: an organisation is known by its
    ``bodies:``, so that a scenario missing its ``scenario:`` key (it still
    names an ``organisation:``) is not taken for one.
    """
    if not isinstance(data, dict):
        return None
    return next((kind for kind in DOCUMENT_KINDS if kind.sign in data), None)


def kind_keys_in(text: str) -> Iterator[tuple[str, str]]:
    """Each kind key that starts a line of ``text``, in order, with the rest of its line.

    In a block-style document these are its top-level keys; a key indented
    under another is not one. The rest of the line is as written (see
    :func:`stated_value`).
    """
    for match in _KIND_KEY.finditer(text):
        yield match[1], match[2]


def kind_in_text(text: str) -> DocumentKind | None:
    """The kind a document's top-level keys name, read from its text, or ``None``.

    ``None`` when no kind key starts a line: a flow-style document, or not a
    govsim document; parsing it tells which.
    """
    found = {key for key, _ in kind_keys_in(text)}
    return next((kind for kind in DOCUMENT_KINDS if kind.key in found), None)


def stated_in(text: str, key: str) -> str | None:
    """The value the first line starting with kind key ``key`` states, or ``None``.

    Read as :func:`stated_value` reads it: an organisation's id from its
    ``organisation:`` line, without parsing the file.
    """
    return next(
        (stated_value(rest) for k, rest in kind_keys_in(text) if k == key), None
    )


def stated_value(rest: str) -> str:
    """The plain value on a key's line (see :func:`kind_keys_in`): no comment, no quotes."""
    return rest.split(" #", 1)[0].strip().strip("'\"").strip()
