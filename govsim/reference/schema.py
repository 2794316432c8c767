"""JSON Schemas of the five documents, for editors and other validators.

Each schema is generated from the pydantic model govsim validates the
document with, so it cannot drift from what ``govsim check`` accepts: the
field descriptions are the models' attribute docstrings, and the examples
come from :mod:`govsim.reference.schemaexamples`. An editor with a YAML
language server reads the schema named on a document's first line::

    # yaml-language-server: $schema=../../schemas/scenario.schema.json

and completes keys, shows each field's description on hover, and marks a
wrong key or value as it is typed. The output is deterministic (keys sorted,
two-space indents), so the committed files in ``schemas/`` can be compared
with a fresh generation.

Dates are strings in the schema (``format: date``), as YAML 1.2 and every
JSON Schema tool read them; govsim's own loader reads the same text as a
date, so the two agree on which documents are valid.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Final

from govsim.documents.suggest import did_you_mean
from govsim.errors import UsageError

if TYPE_CHECKING:
    from pydantic import BaseModel

__all__ = [
    "DRAFT",
    "SCHEMA_KINDS",
    "document_schema",
    "schema_file_name",
    "schema_id",
    "schema_text",
]

DRAFT: Final = "https://json-schema.org/draft/2020-12/schema"
"""The JSON Schema dialect every generated schema declares."""

SCHEMA_KINDS: Final = ("organisation", "rulebook", "scenario", "model", "sweep")
"""The document kinds, named by their top-level key, in the order they are listed."""

_TITLES: Final = {
    "organisation": "govsim organisation",
    "rulebook": "govsim rule book",
    "scenario": "govsim scenario",
    "model": "govsim behaviour model",
    "sweep": "govsim sweep spec",
}

_FILES: Final = {
    "organisation": "*.govsim.yaml with a top-level 'organisation:' key",
    "rulebook": "*.govsim.yaml with a top-level 'rulebook:' key",
    "scenario": "*.govsim.yaml with a top-level 'scenario:' key",
    "model": "*.model.yaml (a top-level 'model:' key)",
    "sweep": "*.sweep.yaml (a top-level 'sweep:' key)",
}


def _model(kind: str) -> type[BaseModel]:
    """The pydantic model that validates documents of ``kind``."""
    if kind == "organisation":
        from govsim.model.organisation import Organisation

        return Organisation
    if kind == "rulebook":
        from govsim.model.rulebook import RuleBook

        return RuleBook
    if kind == "scenario":
        from govsim.model.scenario import Scenario

        return Scenario
    if kind == "model":
        from govsim.simulation.document import ModelDocument

        return ModelDocument
    from govsim.sweeps.spec import SweepSpec

    return SweepSpec


def _checked(kind: str) -> str:
    if kind not in SCHEMA_KINDS:
        raise UsageError(
            f"no document kind '{kind}'{did_you_mean(kind, SCHEMA_KINDS)}; "
            f"the kinds are: {', '.join(SCHEMA_KINDS)}"
        )
    return kind


def schema_file_name(kind: str) -> str:
    """The file name of a kind's schema, as committed in ``schemas/``."""
    return f"{_checked(kind)}.schema.json"


def schema_id(kind: str) -> str:
    """The schema's ``$id``: a name, not an address to fetch it from."""
    return f"urn:govsim:schema:{_checked(kind)}:1"


def document_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one kind of document.

    Raises:
        UsageError: ``kind`` is not one of :data:`SCHEMA_KINDS`.
    """
    from govsim.reference.schemaexamples import add_examples

    model = _model(_checked(kind))
    generated = model.model_json_schema(by_alias=True, mode="validation")
    intro = " ".join((model.__doc__ or "").split("\n\n")[0].split())
    head = {
        "$schema": DRAFT,
        "$id": schema_id(kind),
        "title": _TITLES[kind],
        "description": (
            f"{intro} Files: {_FILES[kind]}. Generated from govsim's models "
            f"by `govsim schema {kind}`."
        ),
    }
    schema = {**generated, **head}
    if kind == "model":
        _behaviour_params(schema)
    add_examples(schema, model.__name__)
    _reflow(schema)
    return schema


def _behaviour_params(schema: dict[str, Any]) -> None:
    """Check each installed behaviour's ``params`` against its own parameters.

    The model document takes ``params`` as any mapping, since which keys are
    allowed depends on the ``behaviour`` named beside it; ``if``/``then``
    says so to an editor, which then completes and checks the parameters of
    the behaviour written.
    """
    from pydantic.json_schema import models_json_schema

    from govsim.simulation.behaviour import installed_behaviours

    behaviours = installed_behaviours()
    _, params = models_json_schema(
        [(cls.Params, "validation") for cls in behaviours.values()],
        ref_template="#/$defs/{model}",
    )
    defs = schema["$defs"]
    clash = sorted(set(defs) & set(params["$defs"]))
    if clash:  # pragma: no cover - a renamed class would meet this
        raise AssertionError(f"behaviour parameters reuse model names: {clash}")
    defs.update(params["$defs"])
    defs["BehaviourEntry"]["allOf"] = [
        {
            "if": {
                "properties": {"behaviour": {"const": name}},
                "required": ["behaviour"],
            },
            "then": {
                "properties": {"params": {"$ref": f"#/$defs/{cls.Params.__name__}"}}
            },
        }
        for name, cls in behaviours.items()
    ]


def _reflow(node: Any) -> None:
    """Join the lines of every description's paragraphs, as docstrings wrap them.

    Editors show a description in a hover of their own width; the line ends
    of a docstring would break its sentences at the source's width instead.
    """
    if isinstance(node, dict):
        text = node.get("description")
        if isinstance(text, str):
            paragraphs = (" ".join(p.split()) for p in text.split("\n\n"))
            node["description"] = "\n\n".join(p for p in paragraphs if p)
        for value in node.values():
            _reflow(value)
    elif isinstance(node, list):
        for value in node:
            _reflow(value)


def schema_text(kind: str) -> str:
    """The schema as the text ``govsim schema`` prints: sorted keys, a final newline."""
    text = json.dumps(
        document_schema(kind), indent=2, sort_keys=True, ensure_ascii=False
    )
    return text + "\n"
