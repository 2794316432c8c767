"""Who sits in a meeting: restrictions in force keep their holders out."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import Docs, organisation

ORG = organisation(
    {"alice": {}, "bob": {}, "carol": {}, "dave": {}},
    {
        "board": {
            "kind": "executive",
            "seats": [{"person": p} for p in ("alice", "bob", "carol")],
        },
        "caucus": {
            "kind": "caucus",
            "seats": [{"person": p} for p in ("alice", "bob", "carol")],
        },
        "panel": {"kind": "disciplinary", "seats": [{"person": "dave"}]},
    },
)

CLAUSES = [
    {
        "id": "P",
        "text": "The panel may suspend; the board and caucus may speak.",
        "powers": [
            {"by": "panel", "acts": ["interim_suspend"]},
            {"by": "board", "acts": ["publish_statement"]},
            {"by": "caucus", "acts": ["publish_statement"]},
        ],
    },
    {
        "id": "Q",
        "text": "Statements need three present.",
        "decides": [{"acts": ["publish_statement"], "quorum": 3}],
    },
]


def _suspend(scope: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": "m",
        "at": "2020-01-01",
        "act": "interim_suspend",
        "by": "panel",
        "targets": ["carol"],
        "scope": scope,
        **extra,
    }


@pytest.mark.parametrize(
    ("suspension", "board", "caucus"),
    [
        (_suspend("leadership_bodies"), 2, 3),
        (_suspend("office", office="board"), 2, 3),
        (_suspend("office", office="caucus"), 3, 2),
        (_suspend("membership"), 2, 2),
        (_suspend("meeting"), 3, 3),
    ],
    ids=["leadership", "office-board", "office-caucus", "membership", "meeting"],
)
def test_a_restriction_keeps_its_holder_out_of_the_bodies_it_covers(
    docs: Docs, suspension: dict[str, Any], board: int, caucus: int
) -> None:
    acts = [
        suspension,
        {"id": "b", "at": "2020-01-02", "act": "publish_statement", "by": "board"},
        {"id": "c", "at": "2020-01-02", "act": "publish_statement", "by": "caucus"},
    ]
    result = docs.run(ORG, CLAUSES, acts)
    counted = {
        record.id: [r.check for r in record.reasons if r.rule == "decision_rule"]
        for record in result.acts
    }
    assert f"quorum: {board} members present after recusals, 3 needed" in counted["b"]
    assert f"quorum: {caucus} members present after recusals, 3 needed" in counted["c"]
