"""The searches README.md and docs/ show find the minimal counterexamples they show.

Each case is a ``govsim explore`` command of a page (README.md,
docs/property-testing.md, docs/tutorial.md, docs/library/*.md) run through
the Python API with the same options and seed, and the acts of the
counterexample it writes, field by field. A change to how searches generate
histories may find another counterexample only if it is as short, and the
page's output is refreshed with it (``python docs/outputs.py``); this test
says which searches moved.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from govsim.testing import explore

ROOT = Path(__file__).resolve().parent.parent
ISO = "scenarios/iso/rules/iso-2013-as-practised.govsim.yaml"
NARROW: dict[str, Any] = {
    "acts": ["sanction", "alter_decision"],
    "actors": ["ndc", "sc"],
    "steps": 5,
}
ALL_100: dict[str, Any] = {"max_examples": 100}


def _override(first: str, second: str) -> list[dict[str, Any]]:
    """The executive quashing a warning of the disciplinary committee the next day."""
    return [
        {
            "id": "a1",
            "at": first,
            "act": "sanction",
            "by": "ndc",
            "targets": ["respondent"],
            "sanction": "warning",
        },
        {
            "id": "a2",
            "at": second,
            "act": "alter_decision",
            "by": "sc",
            "decision": "a1",
            "outcome": "quash",
        },
    ]


def _admit(at: str, by: str, target: str) -> list[dict[str, Any]]:
    """One admission, enough to show a body that may sanction with no appeal from it."""
    return [{"id": "a1", "at": at, "act": "admit", "by": by, "target": target}]


OVERRIDE = _override("2011-02-21", "2011-02-22")

FOUND: list[tuple[str, str, list[str], dict[str, Any], list[dict[str, Any]]]] = [
    ("README.md", ISO, ["no_executive_override"], {}, OVERRIDE),
    (
        "property-testing.md --act --actor --steps 5 --max-examples 50",
        ISO,
        ["no_executive_override"],
        {**NARROW, "max_examples": 50},
        OVERRIDE,
    ),
    (
        "property-testing.md GOVSIM_COUNTEREXAMPLES",
        ISO,
        ["no_executive_override"],
        NARROW,
        OVERRIDE,
    ),
    (
        "property-testing.md --seed 7",
        ISO,
        ["no_executive_override"],
        {"seed": 7},
        OVERRIDE,
    ),
    (
        "property-testing.md --start 2020-01-02",
        ISO,
        ["no_executive_override"],
        {**NARROW, "start": dt.date(2020, 1, 2)},
        _override("2020-01-03", "2020-01-04"),
    ),
    (
        "property-testing.md implement_within",
        ISO,
        ["implement_within"],
        {},
        OVERRIDE[:1],
    ),
    (
        "tutorial.md",
        "scenarios/tutorial/rules/riverside-rules.govsim.yaml",
        ["right_to_be_heard"],
        {},
        [
            {
                "id": "a1",
                "at": "2024-01-22",
                "act": "sanction",
                "by": "grievance",
                "targets": ["chair"],
                "sanction": "warning",
            }
        ],
    ),
    (
        "library/awu.md",
        "scenarios/library/awu/rules/awu-articles.govsim.yaml",
        ["all"],
        ALL_100,
        _admit("2023-01-03", "l1400-membership", "ec-exec"),
    ),
    (
        "library/arbpol.md",
        "scenarios/library/arbpol/rules/enwiki-arbpol.govsim.yaml",
        ["all"],
        ALL_100,
        _admit("2025-01-03", "community", "arb-a"),
    ),
    (
        "library/asf.md",
        "scenarios/library/asf/rules/asf-bylaws.govsim.yaml",
        ["all"],
        ALL_100,
        _admit("2025-03-20", "members", "dir-a"),
    ),
    (
        "library/psf.md",
        "scenarios/library/psf/rules/psf-bylaws.govsim.yaml",
        ["all"],
        ALL_100,
        _admit("2018-09-02", "members", "dir-a1"),
    ),
    (
        "library/pep13.md",
        "scenarios/library/pep13/rules/pep-13.govsim.yaml",
        ["all"],
        ALL_100,
        _admit("2024-01-04", "core-team", "sc-a"),
    ),
    (
        "library/coop.md",
        "scenarios/library/coop/rules/coops-uk-worker.govsim.yaml",
        ["all"],
        ALL_100,
        _admit("2025-06-16", "board", "dir-a"),
    ),
    (
        "library/debian.md -i all",
        "scenarios/library/debian/rules/debian-constitution.govsim.yaml",
        ["all"],
        ALL_100,
        _admit("2024-04-22", "account-managers", "dpl-a"),
    ),
    (
        "library/debian.md -i nemo_iudex",
        "scenarios/library/debian/rules/debian-constitution.govsim.yaml",
        ["nemo_iudex"],
        ALL_100,
        [
            {
                "id": "a1",
                "at": "2024-04-22",
                "act": "file_complaint",
                "by": "dev-a",
                "case": "k1",
                "against": ["dpl-a"],
                "subjects": ["tc-chair"],
            },
            {
                "id": "a2",
                "at": "2024-04-23",
                "act": "find",
                "by": "tech-ctte",
                "vote": "unanimous",
                "case": "k1",
                "targets": ["dpl-a"],
            },
        ],
    ),
    (
        "library/iww.md -i all",
        "scenarios/library/iww/rules/iww-constitution.govsim.yaml",
        ["all"],
        ALL_100,
        [
            {
                "id": "a1",
                "at": "2021-09-04",
                "act": "file_complaint",
                "by": "south-d",
                "case": "k1",
                "against": ["gst-a"],
            },
            {
                "id": "a2",
                "at": "2021-09-05",
                "act": "interfere",
                "by": "cmp-b",
                "case": "k1",
            },
        ],
    ),
]


def _acts(path: Path) -> list[dict[str, Any]]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in act.items()}
        for act in document["acts"]
    ]


@pytest.mark.parametrize(
    ("page", "book", "invariants", "options", "acts"),
    FOUND,
    ids=[case[0] for case in FOUND],
)
def test_a_documented_search_finds_the_counterexample_shown(
    page: str,
    book: str,
    invariants: list[str],
    options: dict[str, Any],
    acts: list[dict[str, Any]],
    tmp_path: Path,
) -> None:
    chosen: str | list[str] = "all" if invariants == ["all"] else invariants
    found = explore(ROOT / book, chosen, out=tmp_path, **options)
    assert found.path is not None, f"{page}: no counterexample"
    assert _acts(found.path) == acts, page


@pytest.mark.parametrize(
    ("page", "book", "invariant"),
    [
        (
            "library/dsa (property-testing.md)",
            "scenarios/iso/rules/dsa-res33-style.govsim.yaml",
            "no_executive_override",
        ),
        (
            "tutorial.md riverside-strict",
            "scenarios/tutorial/rules/riverside-strict.govsim.yaml",
            "right_to_be_heard",
        ),
    ],
)
def test_a_documented_search_that_finds_none_still_finds_none(
    page: str, book: str, invariant: str, tmp_path: Path
) -> None:
    found = explore(ROOT / book, [invariant], out=tmp_path, max_examples=20)
    assert not found.found, f"{page}: found {found.counterexample}"
    assert found.histories >= 20
    assert list(tmp_path.iterdir()) == []
