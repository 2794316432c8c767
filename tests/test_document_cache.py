"""Documents read again in one process: parsed once, never served stale.

Loading many scenarios of one organisation reads its organisation and rule
books for each; the documents that validated are kept by file name, model
and text (govsim.documents.cache), so a file changed between two loads is
read afresh and a broken one is reported in full every time.
"""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import Docs, organisation, rulebook, scenario

import govsim
from govsim.errors import DocumentError

ORG = organisation(
    ["ann", "bo"], {"exec": {"kind": "executive", "seats": [{"person": "ann"}]}}
)
POWERS = {
    "id": "P",
    "text": "The executive appoints.",
    "powers": [{"by": "exec", "acts": ["appoint"]}],
}
ACTS = [
    {
        "id": "a1",
        "at": "2024-01-02",
        "act": "appoint",
        "by": "exec",
        "body": "exec",
        "persons": ["bo"],
    }
]


def test_a_second_scenario_reuses_the_organisation_and_book(
    docs: Docs, parsed: Counter[str]
) -> None:
    first = docs.build(ORG, [rulebook([POWERS])], scenario(ACTS))
    second = docs.write("second.govsim.yaml", scenario(ACTS, ident="scn2"))
    assert govsim.run(first, "book").ok
    assert govsim.run(second, "book").ok
    assert parsed["organisation.govsim.yaml"] == 1
    assert parsed["book.govsim.yaml"] == 1
    assert parsed["scenario.govsim.yaml"] == 1
    assert parsed["second.govsim.yaml"] == 1


def test_a_book_changed_between_two_loads_is_read_afresh(
    docs: Docs, parsed: Counter[str]
) -> None:
    path = docs.build(ORG, [rulebook([POWERS])], scenario(ACTS))
    assert govsim.run(path, "book").acts[0].verdict == govsim.Verdict.VALID
    # Same size, same second: only the text tells the two versions apart.
    docs.write(
        "rules/book.govsim.yaml",
        rulebook([{**POWERS, "text": "The executive APPOINTS."}]),
    )
    loaded = govsim.load_scenario(path)
    assert loaded.rulebooks["book"].clauses[0].text == "The executive APPOINTS."
    assert parsed["book.govsim.yaml"] == 2


def test_a_broken_book_is_reported_in_full_on_every_load(
    docs: Docs, parsed: Counter[str]
) -> None:
    bad = {**POWERS, "colour": "red"}
    path = docs.build(ORG, [rulebook([bad])], scenario(ACTS))
    messages = []
    for _ in range(2):
        with pytest.raises(DocumentError) as caught:
            govsim.load_scenario(path)
        messages.append(str(caught.value))
    assert messages[0] == messages[1]
    assert "unknown key 'colour'" in messages[0]
