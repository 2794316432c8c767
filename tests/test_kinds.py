"""The one table of document kinds: each kind told from the others, parsed or not."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from govsim.documents.bookscan import book_id_of
from govsim.documents.finding import find_organisation
from govsim.documents.kinds import (
    DOCUMENT_KINDS,
    kind_by_sign,
    kind_in_text,
    kind_keys_in,
    kind_of,
    stated_in,
)
from govsim.faces.check import NOT_A_DOCUMENT
from govsim.reference.schema import SCHEMA_KINDS

# Each kind as it is written, with the keys it shares with the others.
DOCUMENTS = {
    "sweep": "sweep: absences\nmodel: crisis.model.yaml\nruns: 10\n",
    "model": "model: crisis\norganisation: org.govsim.yaml\nrulebooks: [acme]\n",
    "scenario": "scenario: case\norganisation: org.govsim.yaml\nrulebooks: [acme]\n",
    "rulebook": "schema_version: 1\nrulebook: acme\norganisation: acme\n",
    "organisation": "organisation: acme\nbodies:\n  board: {kind: executive}\n",
}
KIND = {kind.key: kind for kind in DOCUMENT_KINDS}


def test_the_table_holds_every_kind_a_schema_describes() -> None:
    keys = [kind.key for kind in DOCUMENT_KINDS]
    assert sorted(keys) == sorted(SCHEMA_KINDS) == sorted(DOCUMENTS)
    assert all(f"'{key}'" in NOT_A_DOCUMENT for key in keys)


@pytest.mark.parametrize("key", list(DOCUMENTS))
def test_each_kind_is_told_from_its_text_and_from_its_mapping(key: str) -> None:
    text = DOCUMENTS[key]
    assert kind_in_text(text) is KIND[key]
    assert kind_of(yaml.safe_load(text)) is KIND[key]


@pytest.mark.parametrize(
    "text",
    [
        "model: crisis.model.yaml\nsweep: absences\n",  # the target first
        "scenario: case.govsim.yaml\n'sweep': absences\n",  # a quoted key counts
    ],
)
def test_a_sweep_naming_its_target_is_a_sweep_whatever_the_key_order(
    text: str,
) -> None:
    assert kind_in_text(text) is KIND["sweep"]
    assert kind_of(yaml.safe_load(text)) is KIND["sweep"]
    assert KIND["sweep"].noun == "a sweep spec"


def test_a_key_indented_under_another_is_not_a_top_level_key() -> None:
    text = "name: notes\nsee:\n  rulebook: acme\n  scenario: case\n"
    assert kind_in_text(text) is None
    assert list(kind_keys_in(text)) == []
    assert kind_of(yaml.safe_load(text)) is None
    nested = "organisation: acme\nbodies:\n  scenario:\n    kind: executive\n"
    assert kind_in_text(nested) is KIND["organisation"]


def test_an_organisation_is_shown_by_its_bodies_only() -> None:
    # A scenario that lost its `scenario:` key still names an organisation.
    headless = yaml.safe_load("organisation: org.govsim.yaml\nacts: []\n")
    assert kind_of(headless) is KIND["organisation"]
    assert kind_by_sign(headless) is None
    assert (
        kind_by_sign(yaml.safe_load(DOCUMENTS["organisation"])) is KIND["organisation"]
    )
    assert KIND["organisation"].sign == "bodies"


def test_the_value_a_key_states_is_read_from_its_line() -> None:
    text = "organisation: 'acme'  # the club\nrulebook: x\n"
    assert stated_in(text, "organisation") == "acme"
    assert stated_in(text, "scenario") is None


def test_a_book_id_is_read_past_its_organisation_line(tmp_path: Path) -> None:
    book = tmp_path / "b.govsim.yaml"
    book.write_text("organisation: acme\nrulebook: 'acme-rules'  # ours\n")
    sweep = tmp_path / "s.govsim.yaml"
    sweep.write_text("sweep: s\nrulebook: acme-rules\n")
    assert book_id_of(book) == "acme-rules"
    assert book_id_of(sweep) is None


def test_a_model_beside_a_book_is_not_taken_for_its_organisation(
    tmp_path: Path,
) -> None:
    # A model names its organisation file; sorted first, it used to be taken
    # for the organisation of a book that names none.
    (tmp_path / "a-model.govsim.yaml").write_text(DOCUMENTS["model"])
    (tmp_path / "b-sweep.govsim.yaml").write_text(
        "sweep: s\nmodel: a-model.govsim.yaml\norganisation: x\n"
    )
    org = tmp_path / "org.govsim.yaml"
    org.write_text(DOCUMENTS["organisation"])
    book = tmp_path / "rules.govsim.yaml"
    book.write_text("rulebook: acme\n")
    assert find_organisation(book, None) == org
    assert find_organisation(book, "acme") == org
    assert find_organisation(book, "other") is None
