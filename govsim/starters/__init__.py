"""Starter documents: commented organisation, rule book and scenario files to edit.

``govsim new`` writes them. The text of each lives beside this module as a
template (``<kind>.govsim.yaml``, read with :mod:`importlib.resources`, so it
ships in the wheel) with ``${...}`` placeholders; :func:`starter_text` fills
them. Names are checked to be ids first (:func:`check_name`), and every
value put into YAML goes through :func:`yaml_word`, so no name can change the
shape of the document. The three starters fit together: the rule book gives
powers to the bodies of the organisation starter, and the scenario's acts
name its persons, so the three replay out of the box.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from string import Template
from typing import Final

from govsim.errors import UsageError

__all__ = [
    "MAX_NAME",
    "STARTER_KINDS",
    "check_name",
    "starter_text",
    "yaml_word",
]

STARTER_KINDS: Final = ("organisation", "rulebook", "scenario")
"""The kinds of document ``govsim new`` writes, in the order one writes them."""

MAX_NAME: Final = 80
"""The longest name accepted: the longest id a document may have."""

_NAME: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
_PLAIN: Final = re.compile(r"[A-Za-z][A-Za-z0-9_./-]*")
# Words YAML 1.1 readers (and govsim, which refuses them unquoted) take for
# booleans or null; a name spelt so is written in quotes.
_RESERVED: Final = frozenset(
    {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}
)

VERDICTS: Final = (
    "complaint",
    "acknowledgement",
    "notice",
    "hearing",
    "finding",
    "warning",
    "outcome",
)
"""The acts of the scenario starter, each expected to be valid under a starter book."""

HOLDS: Final = ("complainant_informed", "nemo_iudex", "right_to_be_heard")
"""Invariants the scenario starter expects to hold, as examples of the key."""


def check_name(name: str, kind: str) -> str:
    """``name`` when it can be a document id and a file name, else a UsageError.

    A name is letters, digits, ``-`` and ``_``, starting with a letter or a
    digit, at most :data:`MAX_NAME` characters: it becomes both the
    document's id and ``<name>.govsim.yaml``, so nothing in it may be a path
    or need escaping.
    """
    if not name:
        raise UsageError(f"give the {kind} a name, e.g. govsim new {kind} my-{kind}")
    if len(name) > MAX_NAME:
        raise UsageError(
            f"name '{name[:20]}…' is {len(name)} characters long; "
            f"a name may have at most {MAX_NAME}"
        )
    if _NAME.fullmatch(name) is None:
        raise UsageError(
            f"name {name!r} is not an id: use letters, digits, '-' and '_', "
            "starting with a letter or a digit (it becomes the file name "
            f"<name>.govsim.yaml and the {kind}'s id)"
        )
    return name


def yaml_word(text: str) -> str:
    """``text`` as a YAML scalar that reads back as the same string.

    An id or a relative path starting with a letter is written plain unless
    YAML would read it as a boolean or null; anything else (``2024``,
    ``1e3``, ``no``, ``../org.govsim.yaml``) is written as a JSON string,
    which YAML reads as a double-quoted scalar.
    """
    if _PLAIN.fullmatch(text) and text.lower() not in _RESERVED:
        return text
    return json.dumps(text, ensure_ascii=False)


def _template(kind: str) -> Template:
    source = resources.files(__package__).joinpath(f"{kind}.govsim.yaml")
    return Template(source.read_text(encoding="utf-8"))


def _flow_list(words: list[str]) -> str:
    return "[" + ", ".join(yaml_word(w) for w in words) + "]"


def _expectations(books: list[str]) -> str:
    verdicts = "".join(f"      {act}: valid\n" for act in VERDICTS)
    holds = _flow_list(list(HOLDS))
    blocks = [
        f"  {yaml_word(book)}:\n"
        f"    verdicts:\n{verdicts}"
        "    violations: {count: 0}\n"
        "    statuses: {member-b: member}\n"
        f"    invariants:\n      holds: {holds}"
        for book in books
    ]
    return "\n".join(blocks)


def starter_text(
    kind: str,
    name: str,
    *,
    organisation: str | None = None,
    rulebooks: tuple[str, ...] = (),
    book_ids: tuple[str, ...] = (),
) -> str:
    """The starter document of ``kind`` named ``name``, ready to write.

    Args:
        kind: one of :data:`STARTER_KINDS`.
        name: the document's id, already checked by :func:`check_name`.
        organisation: a rule book's organisation id (its ``organisation:``
            line, left as a comment when ``None``); a scenario's organisation
            file, relative to the scenario.
        rulebooks: a scenario's books as it lists them (ids or relative paths).
        book_ids: the ids of those books, which its expectations are keyed by.
    """
    fields = {"name": name, "ident": yaml_word(name)}
    if kind == "rulebook":
        fields["organisation_line"] = (
            "# The organisation this book is written for.\n"
            f"organisation: {yaml_word(organisation)}"
            if organisation is not None
            else "# The organisation this book is written for (optional):\n"
            "# organisation: my-organisation"
        )
    elif kind == "scenario":
        if organisation is None or not rulebooks:
            raise ValueError("a scenario starter needs an organisation and books")
        fields["organisation"] = yaml_word(organisation)
        fields["rulebooks"] = _flow_list(list(rulebooks))
        fields["expectations"] = _expectations(list(book_ids or rulebooks))
    return _template(kind).substitute(fields)
