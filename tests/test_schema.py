"""The JSON Schemas of the documents: complete, current, and agreeing with govsim.

Every file under scenarios/ is validated with the ``jsonschema`` library
against the schema of its kind, read as an editor's YAML language server
reads it (YAML 1.2: a date is a string); every property of every schema has
a description and an example that the property itself accepts; the files in
schemas/ are what ``govsim schema`` prints today.
"""

from __future__ import annotations

import datetime as dt
import json
import typing
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pydantic import BaseModel
from typer.testing import CliRunner

from govsim.documents import load_yaml_file, parse_yaml, validate
from govsim.errors import DocumentError
from govsim.faces.check import document_kind
from govsim.faces.cli import app
from govsim.reference.schema import (
    DRAFT,
    SCHEMA_KINDS,
    _model,
    document_schema,
    schema_text,
)

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
SCHEMAS = ROOT / "schemas"
EXAMPLES = sorted(SCENARIOS.rglob("*.yaml"))
PREFIX = "# yaml-language-server: $schema="


def _plain(value: Any) -> Any:
    """Data as a YAML 1.2 reader without govsim's date handling sees it."""
    if isinstance(value, dict):
        return {key: _plain(v) for key, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _validator(kind: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        document_schema(kind),
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )


@pytest.fixture(scope="module")
def validators() -> dict[str, jsonschema.Draft202012Validator]:
    return {kind: _validator(kind) for kind in SCHEMA_KINDS}


def test_there_are_examples_of_every_kind() -> None:
    kinds = {document_kind(path) for path in EXAMPLES}
    assert kinds == set(SCHEMA_KINDS)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: str(p.relative_to(SCENARIOS)))
def test_every_example_file_validates_against_its_schema(
    path: Path, validators: dict[str, jsonschema.Draft202012Validator]
) -> None:
    kind = document_kind(path)
    assert kind is not None
    data, _ = load_yaml_file(path)
    errors = [
        f"{'.'.join(map(str, e.absolute_path))}: {e.message[:300]}"
        for e in validators[kind].iter_errors(_plain(data))
    ]
    assert errors == []


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: str(p.relative_to(SCENARIOS)))
def test_every_example_file_names_the_schema_of_its_kind_first(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(PREFIX)
    target = (path.parent / first.removeprefix(PREFIX)).resolve()
    assert target == SCHEMAS / f"{document_kind(path)}.schema.json"
    assert target.is_file()


@pytest.mark.parametrize(
    ("kind", "text", "where"),
    [
        (
            "scenario",
            "schema_version: 1\nscenario: s\norganisation: o.govsim.yaml\n"
            "rulebooks: [b]\nacts:\n  - {act: hear, at: 2019-03-01, by: ndc, "
            "target: r, tone: stern}\n",
            "acts.0",
        ),
        (
            "rulebook",
            "schema_version: 1\nrulebook: b\nclauses:\n  - id: '1'\n    text: t\n"
            "    requires: [{rule: notice, acts: [sanction], days: -1}]\n",
            "clauses.0.requires.0.days",
        ),
        (
            "organisation",
            "schema_version: 1\norganisation: o\nbodies:\n  b: {kind: board}\n",
            "bodies.b.kind",
        ),
        (
            "sweep",
            "schema_version: 1\nsweep: s\nscenario: x.govsim.yaml\nruns: 0\n",
            "runs",
        ),
        (
            "model",
            "schema_version: 2\nmodel: m\norganisation: o.govsim.yaml\n"
            "rulebooks: [b]\nstart: 2019-01-01\nend: 2019-02-01\n"
            "population: {members: 10}\nbehaviours: [{behaviour: members}]\n",
            "schema_version",
        ),
    ],
)
def test_schema_and_govsim_refuse_the_same_mistake(
    kind: str,
    text: str,
    where: str,
    validators: dict[str, jsonschema.Draft202012Validator],
) -> None:
    data, source = parse_yaml(text, "doc.yaml")
    with pytest.raises(DocumentError):
        validate(_model(kind), data, source)
    errors = list(validators[kind].iter_errors(_plain(data)))
    assert errors
    places = {".".join(map(str, e.absolute_path)) for e in _deepest(errors)}
    assert any(place.startswith(where) for place in places), places


@pytest.mark.parametrize(
    ("params", "where"),
    [
        ({"resign_maxx": 0.1}, "behaviours.0.params"),
        ({"resign_max": 1.5}, "behaviours.0.params.resign_max"),
        ({"initial_trust": {"dist": "beta", "a": 0, "b": 2}}, "behaviours.0.params"),
    ],
)
def test_a_behaviours_parameters_are_checked_by_its_own_model(
    params: dict[str, Any],
    where: str,
    validators: dict[str, jsonschema.Draft202012Validator],
) -> None:
    from govsim.simulation.behaviour import behaviour_class

    with pytest.raises(ValueError, match="validation error"):
        behaviour_class("members").Params.model_validate(params)
    document = {
        "schema_version": 1,
        "model": "m",
        "organisation": "o.govsim.yaml",
        "rulebooks": ["b"],
        "start": "2019-01-01",
        "end": "2019-02-01",
        "population": {"members": 10},
        "behaviours": [{"behaviour": "members", "params": params}],
    }
    errors = list(validators["model"].iter_errors(document))
    places = {".".join(map(str, e.absolute_path)) for e in _deepest(errors)}
    assert any(place.startswith(where) for place in places), places
    fine = {**document, "behaviours": [{"behaviour": "members", "params": {}}]}
    assert list(validators["model"].iter_errors(fine)) == []


def test_a_bare_number_stands_for_a_fixed_distribution(
    validators: dict[str, jsonschema.Draft202012Validator],
) -> None:
    from govsim.simulation.behaviour import behaviour_class

    params = {"threshold": 0.4}
    assert behaviour_class("branches").Params.model_validate(params)
    entry = {"behaviour": "branches", "params": params}
    document = {
        "schema_version": 1,
        "model": "m",
        "organisation": "o.govsim.yaml",
        "rulebooks": ["b"],
        "start": "2019-01-01",
        "end": "2019-02-01",
        "population": {"members": 10},
        "behaviours": [entry],
    }
    assert list(validators["model"].iter_errors(document)) == []


def _deepest(errors: list[Any]) -> list[Any]:
    """The errors and, under a ``oneOf`` or ``anyOf``, those of its branches."""
    return [deep for e in errors for deep in [e, *_deepest(list(e.context or []))]]


def _properties(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    models = [("(document)", schema), *schema.get("$defs", {}).items()]
    return [
        (model, name, prop)
        for model, sub in models
        for name, prop in sub.get("properties", {}).items()
    ]


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_every_property_has_a_description_and_an_example(kind: str) -> None:
    schema = document_schema(kind)
    props = _properties(schema)
    assert len(props) > 10
    undescribed = [f"{m}.{n}" for m, n, p in props if not p.get("description")]
    unexampled = [f"{m}.{n}" for m, n, p in props if not p.get("examples")]
    assert undescribed == []
    assert unexampled == []


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_every_example_is_accepted_by_its_property(kind: str) -> None:
    schema = document_schema(kind)
    wrong = []
    for model, name, prop in _properties(schema):
        validator = jsonschema.Draft202012Validator(
            {**prop, "$defs": schema.get("$defs", {})},
            format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
        )
        wrong += [
            f"{model}.{name}: {example!r}: {error.message[:200]}"
            for example in prop["examples"]
            for error in validator.iter_errors(example)
        ]
    assert wrong == []


def _models(annotation: Any, seen: set[type[BaseModel]]) -> None:
    """Every model reachable from ``annotation``, into ``seen``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation not in seen:
            seen.add(annotation)
            for field in annotation.model_fields.values():
                _models(field.annotation, seen)
        return
    for arg in typing.get_args(annotation):
        _models(arg, seen)


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_every_model_field_has_a_description(kind: str) -> None:
    from govsim.simulation.behaviour import builtin_behaviours

    seen: set[type[BaseModel]] = set()
    _models(_model(kind), seen)
    if kind == "model":
        for behaviour in builtin_behaviours().values():
            _models(behaviour.Params, seen)
    assert len(seen) > 1
    missing = [
        f"{model.__module__}.{model.__name__}.{name}"
        for model in seen
        for name, field in model.model_fields.items()
        if not field.description
    ]
    assert sorted(missing) == []


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_schema_is_a_valid_draft_2020_12_schema_with_a_head(kind: str) -> None:
    schema = document_schema(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == DRAFT
    assert schema["$id"] == f"urn:govsim:schema:{kind}:1"
    assert schema["title"].startswith("govsim ")
    assert f"govsim schema {kind}" in schema["description"]
    assert schema["additionalProperties"] is False


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_committed_schemas_are_current(kind: str) -> None:
    committed = (SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(kind), (
        f"schemas/{kind}.schema.json is stale: run "
        f"govsim schema {kind} --out schemas/{kind}.schema.json"
    )


def test_schema_text_is_stable() -> None:
    assert schema_text("scenario") == schema_text("scenario")
    assert json.loads(schema_text("scenario")) == document_schema("scenario")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_cli_prints_the_schema(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema", "rulebook"])
    assert result.exit_code == 0, result.output
    assert result.stdout == schema_text("rulebook")


def test_cli_writes_the_schema_with_out(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "new" / "folder" / "sweep.schema.json"
    result = runner.invoke(app, ["schema", "sweep", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8") == schema_text("sweep")


def test_cli_without_a_kind_lists_the_kinds(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == list(SCHEMA_KINDS)
    assert "schemas/scenario.schema.json" in result.stdout


def test_cli_refuses_an_unknown_kind(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema", "scenaro"])
    assert result.exit_code == 2
    assert "no document kind 'scenaro' (did you mean 'scenario'?)" in result.stderr
    assert "organisation, rulebook, scenario, model, sweep" in result.stderr
    assert "Traceback" not in result.output


def test_cli_refuses_out_without_a_kind(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "x.json"
    result = runner.invoke(app, ["schema", "--out", str(out)])
    assert result.exit_code == 2
    assert "--out needs a kind" in result.stderr
    assert not out.exists()


def test_cli_refuses_a_folder_as_out(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["schema", "model", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "this is a folder; give a file name" in result.stderr
