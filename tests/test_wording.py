"""Every pydantic error a document can provoke is told in the project's words.

The error types the document models can raise are derived from their core
schemas (the schema of each field says which checks pydantic runs on it); each
must have a sentence in :data:`govsim.documents.wording.WORDING`, and each is
provoked through a real document read by the loader, whose message must say
what was expected and what was found without pydantic's own phrases.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

import pytest
from pydantic import BaseModel, ValidationError
from pydantic_core.core_schema import ErrorType

from govsim.documents import load_yaml_file
from govsim.documents.wording import PATTERNS, WORDING
from govsim.errors import DocumentError
from govsim.model.loading import load_organisation, load_rulebook, load_scenario
from govsim.model.organisation import Organisation
from govsim.model.rulebook import RuleBook
from govsim.model.scenario import Scenario
from govsim.simulation.behaviour import BEHAVIOURS, behaviour_class
from govsim.simulation.model import ModelDocument, load_model
from govsim.sweeps.spec import SweepSpec

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "scenarios"

PYDANTIC_PHRASES = (
    "Input should",
    "after validation",
    "valid integer",
    "Value error,",
    "model_type",
    "should have at least",
    "valid dictionary",
    "unable to parse",
    "Datetimes provided",
    "valid date or datetime",
)

# The checks pydantic runs on a value of each core schema type, by error type.
_BY_SCHEMA: dict[str, set[str]] = {
    "str": {"string_type"},
    "int": {"int_type", "int_parsing", "int_from_float", "int_parsing_size"},
    "float": {"float_type", "float_parsing", "finite_number"},
    "bool": {"bool_type", "bool_parsing"},
    # In Python mode pydantic reads a text date as a date or datetime, so a
    # bad one is date_from_datetime_parsing, never date_parsing.
    "date": {"date_type", "date_from_datetime_parsing", "date_from_datetime_inexact"},
    "literal": {"literal_error"},
    "enum": {"enum"},
    "tuple": {"tuple_type"},
    "list": {"list_type"},
    "set": {"set_type"},
    "frozenset": {"frozen_set_type"},
    "dict": {"dict_type"},
    "model": {"model_type"},
    "model-fields": {"missing"},
    "tagged-union": {"union_tag_invalid", "union_tag_not_found"},
    "function-before": {"value_error"},
    "function-after": {"value_error"},
    "function-plain": {"value_error"},
    "function-wrap": {"value_error"},
}
# Types that only route to other schemas and check nothing themselves.
_PASSING = {
    "union",
    "nullable",
    "default",
    "definitions",
    "definition-ref",
    "model-field",
    "any",
    "no-info",
    "with-info",
}
_CONSTRAINTS = {
    "max_length": {"str": "string_too_long", "*": "too_long"},
    "min_length": {"str": "string_too_short", "*": "too_short"},
    "pattern": {"str": "string_pattern_mismatch"},
    "ge": {"*": "greater_than_equal"},
    "gt": {"*": "greater_than"},
    "le": {"*": "less_than_equal"},
    "lt": {"*": "less_than"},
    "multiple_of": {"*": "multiple_of"},
}


def _reach(schema: Any, found: set[str], unknown: set[str]) -> None:
    if isinstance(schema, list):
        for item in schema:
            _reach(item, found, unknown)
        return
    if not isinstance(schema, dict):
        return
    kind = schema.get("type")
    if isinstance(kind, str):
        if kind in _BY_SCHEMA:
            found |= _BY_SCHEMA[kind]
        elif kind not in _PASSING:
            unknown.add(kind)
        for key, by_kind in _CONSTRAINTS.items():
            if schema.get(key) is not None:
                found.add(by_kind.get(kind, by_kind.get("*", "?")))
        if kind == "tuple" and schema.get("variadic_item_index") is None:
            found |= {"too_short", "too_long", "missing"}
        if (schema.get("config") or {}).get("extra_fields_behavior") == "forbid":
            found.add("extra_forbidden")
    for key, value in schema.items():
        if key not in {"cls", "metadata", "serialization", "ref", "config"}:
            _reach(value, found, unknown)


def document_models() -> list[type[BaseModel]]:
    """Every model a document is validated against by ``validate``, built.

    Document models build on first use (``defer_build``): until then their
    core schema is a placeholder with nothing to walk, so run alone this
    test would find no error type at all.
    """
    behaviour_class("case")  # registers the built-in behaviours
    params = [cls.Params for cls in BEHAVIOURS.values()]
    models = [Organisation, RuleBook, Scenario, ModelDocument, SweepSpec, *params]
    for model in models:
        model.model_rebuild(force=True)
    return models


def reachable_error_types() -> set[str]:
    found: set[str] = set()
    unknown: set[str] = set()
    for model in document_models():
        _reach(model.__pydantic_core_schema__, found, unknown)
    assert not unknown, f"core schema types this test does not know: {unknown}"
    return found


def test_every_reachable_error_type_has_a_wording() -> None:
    reachable = reachable_error_types()
    # Sanity: the walk finds what the models are known to use.
    assert {"string_pattern_mismatch", "literal_error", "too_short"} <= reachable
    assert {"union_tag_invalid", "extra_forbidden", "less_than_equal"} <= reachable
    assert reachable <= set(get_args(ErrorType))
    # validation.py words the union tags itself, with the tags allowed.
    unworded = reachable - set(WORDING) - {"union_tag_invalid", "union_tag_not_found"}
    assert not unworded, f"pydantic error types with no wording: {sorted(unworded)}"


def _patterns(schema: Any, found: set[str]) -> None:
    if isinstance(schema, dict):
        if schema.get("type") == "str" and schema.get("pattern"):
            found.add(str(schema["pattern"]))
        for value in schema.values():
            _patterns(value, found)
    elif isinstance(schema, list):
        for value in schema:
            _patterns(value, found)


def test_every_pattern_a_document_must_match_is_described_in_words() -> None:
    found: set[str] = set()
    for model in document_models():
        _patterns(model.__pydantic_core_schema__, found)
    assert found
    assert found <= set(PATTERNS), found - set(PATTERNS)


# Error types older pydantic releases raise and newer ones no longer know
# (pyproject allows pydantic>=2.10): their wording stays for those releases.
RETIRED = frozenset({"string_sub_type"})


def test_every_wording_is_a_pydantic_error_type() -> None:
    assert set(WORDING) - RETIRED <= set(get_args(ErrorType))


# --- provoked through real documents ------------------------------------------

SCENARIO = """\
schema_version: 1
scenario: inv-nemo-iudex
title: A committee member judges her partner
organisation: organisation.govsim.yaml
rulebooks: [lax, strict]
invariants: [nemo_iudex]
acts:
  - id: complaint
    at: 2024-03-01
    act: file_complaint
    by: complainant
    case: k1
    against: [partner]
  - id: finding
    at: 2024-03-20
    act: find
    by: dc
    case: k1
    targets: [partner]
    vote: {for: [dc-a, dc-b, dc-c]}
expect:
  lax:
    verdicts: {finding: valid}
  strict:
    verdicts: {finding: void}
"""


@dataclass(frozen=True)
class Case:
    """One error type, provoked by replacing ``old`` with ``new`` in a document."""

    document: str  # scenario, rulebook, organisation or model
    old: str
    new: str
    says: str
    behaviour: str | None = None
    """For a model document: the behaviour whose parameters hold the error."""


_COUNT = "verdicts: {finding: valid}\n"
CASES: dict[str, Case] = {
    "string_type": Case(
        "scenario", "title: A", "title: [a, b]\nx: A", "expected text, got a list"
    ),
    "string_too_long": Case(
        "scenario",
        "scenario: inv-nemo-iudex",
        "scenario: " + "x" * 81,
        "is too long: at most 80 characters, this has 81",
    ),
    "string_pattern_mismatch": Case(
        "scenario",
        "scenario: inv-nemo-iudex",
        "scenario: inv nemo",
        "expected an id: letters, digits, '_', '.' and '-', starting with a letter or"
        " digit, got 'inv nemo'",
    ),
    "int_type": Case(
        "scenario",
        _COUNT,
        _COUNT + "    violations: {count: [1]}\n",
        "expected a whole number, got a list",
    ),
    "int_parsing": Case(
        "scenario",
        _COUNT,
        _COUNT + "    violations: {count: three}\n",
        "expected a whole number, got 'three'",
    ),
    "int_from_float": Case(
        "scenario",
        _COUNT,
        _COUNT + "    violations: {count: 1.5}\n",
        "expected a whole number, got 1.5",
    ),
    "int_parsing_size": Case(
        "scenario",
        _COUNT,
        _COUNT + f"    violations: {{count: '{'1' * 5000}'}}\n",
        "is too large a number, got a text of 5000 characters",
    ),
    "greater_than_equal": Case(
        "scenario",
        _COUNT,
        _COUNT + "    violations: {count: -1}\n",
        "must be 0 or more, got -1",
    ),
    "less_than_equal": Case(
        "model",
        "members: 900",
        "members: 20000000",
        "must be 10000000 or less, got 20000000",
    ),
    "greater_than": Case(
        "model",
        "resign_width: 0.05\n",
        "resign_width: 0\n",
        "must be more than 0, got 0",
        behaviour="members",
    ),
    "float_type": Case(
        "model",
        "branch_spread: 0.6",
        "branch_spread: [1]",
        "expected a number, got a list",
    ),
    "float_parsing": Case(
        "model",
        "branch_spread: 0.6",
        "branch_spread: wide",
        "expected a number, got 'wide'",
    ),
    "finite_number": Case(
        "model",
        "branch_spread: 0.6",
        "branch_spread: .inf",
        "expected a finite number, got .inf",
    ),
    "bool_type": Case(
        "rulebook",
        "      - by: {person: member}\n",
        "      - by: {person: member}\n        delegable: [1]\n",
        "expected true or false, got a list",
    ),
    "bool_parsing": Case(
        "rulebook",
        "      - by: {person: member}\n",
        "      - by: {person: member}\n        delegable: maybe\n",
        "expected true or false, got 'maybe'",
    ),
    "date_type": Case(
        "scenario",
        "invariants:",
        "start: [1]\ninvariants:",
        "expected a date written YYYY-MM-DD, got a list",
    ),
    "date_from_datetime_parsing": Case(
        "scenario",
        "invariants:",
        "start: 5 March\ninvariants:",
        "expected a date written YYYY-MM-DD, got '5 March'",
    ),
    "date_from_datetime_inexact": Case(
        "scenario",
        "invariants:",
        "start: 2024-03-01T10:00:00\ninvariants:",
        "expected a date written YYYY-MM-DD, without a time, got",
    ),
    "literal_error": Case(
        "scenario",
        "{finding: valid}",
        "{finding: valdi}",
        "expected one of: valid, irregular, void (got 'valdi'); did you mean 'valid'?",
    ),
    "too_short": Case(
        "scenario",
        "rulebooks: [lax, strict]",
        "rulebooks: []",
        "needs at least 1 item (an empty list was given)",
    ),
    "too_long": Case(
        "organisation",
        "persons: [dc-c, partner]",
        "persons: [dc-c, partner, dc-a]",
        "takes at most 2 items (3 items given)",
    ),
    "tuple_type": Case(
        "scenario",
        "rulebooks: [lax, strict]",
        "rulebooks: lax",
        "expected a list, got 'lax'",
    ),
    "dict_type": Case(
        "scenario",
        "{finding: void}",
        "[finding]",
        "expected a mapping of keys to values, got a list",
    ),
    "model_type": Case(
        "scenario",
        _COUNT,
        _COUNT + "    violations: 5\n",
        "expected a mapping of keys (key: value lines), got 5",
    ),
    "missing": Case(
        "scenario", "scenario: inv-nemo-iudex\n", "", "missing required key 'scenario'"
    ),
    "extra_forbidden": Case(
        "scenario",
        "title: A",
        "titel: A",
        "unknown key 'titel' (did you mean 'title'?) (allowed: ",
    ),
    "union_tag_invalid": Case(
        "scenario", "act: find", "act: fnd", "unknown act 'fnd' (did you mean 'find'?)"
    ),
    "union_tag_not_found": Case(
        "scenario", "    act: find\n", "", "missing required key 'act'"
    ),
    "value_error": Case(
        "scenario",
        "schema_version: 1",
        "schema_version: true",
        "the schema version is the number 1, not true",
    ),
}

_MODELS: dict[str, type[BaseModel]] = {
    "scenario": Scenario,
    "rulebook": RuleBook,
    "organisation": Organisation,
    "model": ModelDocument,
}


def _world(tmp_path: Path) -> dict[str, Path]:
    """Copies of seed documents to mutate: one of each kind."""
    shutil.copytree(SEEDS / "invariants" / "rules", tmp_path / "rules")
    shutil.copy(SEEDS / "invariants" / "organisation.govsim.yaml", tmp_path)
    (tmp_path / "scenario.govsim.yaml").write_text(SCENARIO, encoding="utf-8")
    shutil.copytree(SEEDS / "iso", tmp_path / "iso")
    model = (SEEDS / "crisis" / "iso-2019.model.yaml").read_text(encoding="utf-8")
    (tmp_path / "crisis").mkdir()
    (tmp_path / "crisis" / "crisis.model.yaml").write_text(model, encoding="utf-8")
    return {
        "scenario": tmp_path / "scenario.govsim.yaml",
        "rulebook": tmp_path / "rules" / "lax.govsim.yaml",
        "organisation": tmp_path / "organisation.govsim.yaml",
        "model": tmp_path / "crisis" / "crisis.model.yaml",
    }


def _load(document: str, path: Path) -> None:
    if document == "scenario":
        load_scenario(path)
    elif document == "rulebook":
        load_rulebook(path)
    elif document == "organisation":
        load_organisation(path)
    else:
        load_model(path)


def test_every_reachable_error_type_is_provoked_here() -> None:
    handled = set(CASES)
    assert reachable_error_types() == handled


@pytest.mark.parametrize("kind", sorted(CASES))
def test_error_type_is_worded_plainly(kind: str, tmp_path: Path) -> None:
    case = CASES[kind]
    path = _world(tmp_path)[case.document]
    text = path.read_text(encoding="utf-8")
    assert case.old in text
    path.write_text(text.replace(case.old, case.new, 1), encoding="utf-8")
    data, _ = load_yaml_file(path)
    model = _MODELS[case.document]
    if case.behaviour is not None:
        model = behaviour_class(case.behaviour).Params
        [data] = [
            b["params"] for b in data["behaviours"] if b["behaviour"] == case.behaviour
        ]
    with pytest.raises(ValidationError) as raw:
        model.model_validate(data)
    assert kind in {error["type"] for error in raw.value.errors()}
    with pytest.raises(DocumentError) as caught:
        _load(case.document, path)
    messages = [problem.message for problem in caught.value.problems]
    assert any(case.says in message for message in messages), messages
    for message in messages:
        assert not any(phrase in message for phrase in PYDANTIC_PHRASES), message


@pytest.mark.parametrize("written", ["1709251200", "2024", "20240301.5"])
def test_a_number_is_no_date(tmp_path: Path, written: str) -> None:
    """pydantic would read a bare number as seconds since 1970; a document may not."""
    path = tmp_path / "org.govsim.yaml"
    path.write_text(
        "schema_version: 1\norganisation: o\npersons:\n"
        f"  a: {{}}\nbodies:\n  b:\n    kind: committee\n"
        f"    seats: [{{person: a, from: {written}}}]\n",
        encoding="utf-8",
    )
    with pytest.raises(DocumentError) as caught:
        load_organisation(path)
    assert "expected a date written YYYY-MM-DD, not a number" in str(caught.value)
    assert ":8:" in str(caught.value)


def test_a_key_with_spaces_points_at_a_comma_in_unquoted_text(tmp_path: Path) -> None:
    path = tmp_path / "org.govsim.yaml"
    path.write_text(
        "schema_version: 1\norganisation: o\npersons:\n"
        "  a: {role: conduct committee member, convenor}\nbodies: {}\n",
        encoding="utf-8",
    )
    with pytest.raises(DocumentError) as caught:
        load_organisation(path)
    said = str(caught.value)
    assert ":4:39: persons.a.convenor: unknown key 'convenor'" in said
    assert "a comma in unquoted text" not in said  # one word: no telling sign
    path.write_text(
        "schema_version: 1\norganisation: o\npersons:\n"
        "  a: {role: member of the board, and its treasurer}\nbodies: {}\n",
        encoding="utf-8",
    )
    with pytest.raises(DocumentError) as caught:
        load_organisation(path)
    assert "a comma in unquoted text inside { }: quote the text" in str(caught.value)
