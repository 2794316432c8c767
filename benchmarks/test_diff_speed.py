"""Speed of ``govsim diff`` (run with ``pytest benchmarks/ -s`` to see the figures).

Target (issue 5): a diff of two 60-clause books over a 30-person organisation
within 30 s on a 2-core machine, witnesses included — found, replayed
afresh, written as scenario files and replayed again from those files.

The organisation and books are built deterministically (no random draws):
ten kinds of body with overlapping seats and a few relations; book A gives
every body its usual powers and adds the full menu of safeguards, one
provision per clause, to reach 60 clauses; book B changes eleven of them the
way a reform would (longer notice, a denial of executive override, an
implied power for a joint meeting, a dropped recusal rule, ...).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

import govsim
from govsim.documents.writing import dump_yaml

BUDGET_SECONDS = 30.0
PERSONS = 30
CLAUSES = 60

_SEATS = {
    "exec": ("executive", range(0, 5)),
    "dc": ("disciplinary", range(5, 8)),
    "appeals": ("appeal", range(8, 11)),
    "committee": ("committee", range(2, 7)),
    "commission": ("commission", range(11, 13)),
    "caucus": ("caucus", range(13, 15)),
    "branch": ("branch", range(15, 17)),
}


def _person(i: int) -> str:
    return f"p{i + 1:02d}"


def _organisation() -> dict[str, Any]:
    persons: dict[str, Any] = {_person(i): {} for i in range(PERSONS - 3)}
    persons |= {f"x{i}": {"status": "outside_party"} for i in range(1, 4)}
    bodies: dict[str, Any] = {
        "convention": {"kind": "convention"},
        "membership": {"kind": "membership"},
        "panel": {
            "kind": "external_panel",
            "outside": True,
            "seats": [{"person": f"x{i}"} for i in range(1, 4)],
        },
    }
    for body, (kind, people) in _SEATS.items():
        bodies[body] = {
            "kind": kind,
            "seats": [{"person": _person(i), "from": "2020-01-01"} for i in people],
        }
    relations = [
        {"kind": "close_colleague", "persons": [_person(0), _person(5)]},
        {"kind": "friend", "persons": [_person(2), _person(20)]},
        {"kind": "family", "persons": [_person(9), _person(21)]},
    ]
    return {
        "schema_version": 1,
        "organisation": "bench",
        "persons": persons,
        "bodies": bodies,
        "relations": relations,
    }


def _clause(ident: str, text: str, **provisions: Any) -> dict[str, Any]:
    return {"id": ident, "text": text, **provisions}


def _power(by: Any, *acts: str, **more: Any) -> dict[str, Any]:
    return {"by": by, "acts": list(acts), **more}


def _book_a() -> list[dict[str, Any]]:
    member = {"person": "member"}
    c = [
        _clause("1.1", "Members complain.", powers=[_power(member, "file_complaint")]),
        _clause(
            "1.2",
            "Members resign.",
            powers=[_power(member, "resign_office", "resign_membership")],
        ),
        _clause("1.3", "Members take leave.", powers=[_power(member, "take_leave")]),
        _clause(
            "1.4", "Members propose.", powers=[_power(member, "propose", "withdraw")]
        ),
        _clause(
            "1.5", "Members form caucuses.", powers=[_power(member, "form_caucus")]
        ),
        _clause(
            "1.6", "Parties appeal.", powers=[_power({"person": "party"}, "appeal")]
        ),
        _clause(
            "2.1",
            "The convention mandates.",
            powers=[_power("convention", "mandate", "extend")],
        ),
        _clause(
            "2.2",
            "The convention dissolves.",
            powers=[_power("convention", "dissolve_organisation")],
        ),
        _clause("2.3", "The membership votes.", powers=[_power("membership", "vote")]),
    ]
    for i, body in enumerate(("exec", "dc", "appeals", "committee"), start=4):
        link = {"relation": "elects", "by": "convention", "of": body}
        c.append(
            _clause(
                f"2.{i}", f"The convention elects the {body}.", accountability=[link]
            )
        )
    link = {"relation": "recalls", "by": "convention", "of": "exec"}
    c.append(
        _clause("2.8", "The convention recalls the executive.", accountability=[link])
    )
    for i, acts in enumerate(
        (("convene",), ("publish_statement",), ("implement",), ("fulfil", "transfer")),
        start=1,
    ):
        c.append(
            _clause(f"3.{i}", "The executive acts.", powers=[_power("exec", *acts)])
        )
    c += [
        _clause(
            "3.5",
            "The executive appoints the commission.",
            accountability=[{"relation": "appoints", "by": "exec", "of": "commission"}],
        ),
        _clause(
            "3.6",
            "The executive suspends in danger.",
            powers=[
                _power(
                    "exec",
                    "interim_suspend",
                    when={"bases": ["danger"], "scopes": ["office"], "max_days": 30},
                )
            ],
        ),
        _clause(
            "3.7",
            "The executive creates bodies.",
            powers=[_power("exec", "create_body")],
        ),
        _clause(
            "3.8",
            "The executive may alter decisions (as practised).",
            powers=[_power("exec", "alter_decision", standing="implied")],
        ),
    ]
    for i, act in enumerate(
        (
            "serve_notice",
            "hear",
            "find",
            "sanction",
            "assign_investigator",
            "review_interim",
            "lift_interim",
            "renew_interim",
        ),
        start=1,
    ):
        c.append(_clause(f"4.{i}", f"The dc may {act}.", powers=[_power("dc", act)]))
    c += [
        _clause(
            "4.9",
            "The dc suspends pending a case.",
            powers=[
                _power(
                    "dc",
                    "interim_suspend",
                    when={"bases": ["danger", "charges_filed"], "max_days": 90},
                )
            ],
        ),
        _clause(
            "5.1",
            "Appeals go to the appeals committee.",
            accountability=[
                {"relation": "hears_appeals_from", "by": "appeals", "of": "dc"}
            ],
        ),
        _clause(
            "5.2",
            "The panel audits the executive.",
            accountability=[{"relation": "audits", "by": "panel", "of": "exec"}],
        ),
        _clause(
            "5.3",
            "The panel audits the dc.",
            accountability=[{"relation": "audits", "by": "panel", "of": "dc"}],
        ),
    ]
    for i, (body, acts) in enumerate(
        (
            ("committee", ("convene", "report")),
            ("commission", ("publish_statement",)),
            ("caucus", ("publish_statement",)),
            ("branch", ("convene", "propose")),
        ),
        start=1,
    ):
        c.append(_clause(f"8.{i}", f"The {body} acts.", powers=[_power(body, *acts)]))
    rules: list[tuple[str, dict[str, Any]]] = [
        ("notice", {"acts": ["sanction"], "days": 14}),
        ("hearing", {"acts": ["sanction"], "min_days_before": 3}),
        ("recusal", {"acts": ["find", "sanction", "decide_appeal"]}),
        ("finding", {"acts": ["sanction"]}),
        ("separation", {"acts": ["find", "sanction"]}),
        ("individual", {"acts": ["sanction", "interim_suspend"]}),
        ("independent_investigator", {"acts": ["assign_investigator"]}),
        ("finality", {"acts": ["alter_decision"], "appeal_bodies": ["appeals"]}),
        ("appeal_window", {"acts": ["appeal"], "days": 21}),
        (
            "deadline",
            {"acts": ["sanction"], "then": "implement", "days": 14, "obligee": "exec"},
        ),
        (
            "interim_bounds",
            {
                "acts": ["interim_suspend", "review_interim", "renew_interim"],
                "bases": ["danger", "charges_filed"],
                "max_days": 90,
                "review_within_days": 7,
                "review_by": ["dc"],
            },
        ),
        ("audience", {"acts": ["publish_statement"], "widest": "members"}),
        ("meeting_notice", {"acts": ["convene"], "days": 7}),
        ("eligibility", {"acts": ["elect", "appoint"], "no_open_findings": True}),
        ("supporters", {"acts": ["propose"], "minimum": 10}),
        ("forbidden", {"acts": ["interfere"]}),
        ("records", {"acts": ["sanction", "find"], "custodians": ["dc"]}),
        ("notice", {"acts": ["find"], "days": 7}),
    ]
    for i, (rule, spec) in enumerate(rules, start=1):
        c.append(
            _clause(
                f"6.{i}", f"Safeguard {i}: {rule}.", requires=[{"rule": rule, **spec}]
            )
        )
    decides = [
        {"acts": ["sanction"], "sanctions": ["expel"], "threshold": "2/3", "quorum": 3},
        {"acts": ["find"], "threshold": "majority", "quorum": 2},
        {"acts": ["recall"], "threshold": "2/3"},
        {"acts": ["dissolve_organisation"], "threshold": "2/3"},
    ]
    for i, rule in enumerate(decides, start=1):
        c.append(_clause(f"7.{i}", f"Decision rule {i}.", decides=[rule]))
    assert len(c) == CLAUSES, len(c)
    return c


def _book_b(a: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Book A reformed: eleven clauses changed, one dropped, one added."""
    by_id = {c["id"]: dict(c) for c in a}
    by_id["6.1"]["requires"] = [{"rule": "notice", "acts": ["sanction"], "days": 21}]
    by_id["6.2"]["requires"] = [
        {"rule": "hearing", "acts": ["sanction"], "min_days_before": 7}
    ]
    del by_id["6.3"]
    by_id["3.8"] = _clause(
        "3.8",
        "The executive may not alter decisions.",
        disabilities=[_power({"kind": ["executive"]}, "alter_decision")],
    )
    by_id["3.6"]["powers"] = [
        _power(
            "exec",
            "interim_suspend",
            when={"bases": ["danger"], "scopes": ["office"], "max_days": 60},
        )
    ]
    by_id["6.9"]["requires"] = [
        {"rule": "appeal_window", "acts": ["appeal"], "days": 14}
    ]
    by_id["7.1"]["decides"] = [
        {
            "acts": ["sanction"],
            "sanctions": ["expel"],
            "threshold": "majority",
            "quorum": 2,
        }
    ]
    by_id["6.12"]["requires"] = [
        {"rule": "audience", "acts": ["publish_statement"], "widest": "public"}
    ]
    by_id["1.3"]["powers"] = []
    by_id["1.3"]["text"] = "Leave is not provided for."
    by_id["6.15"]["requires"] = [
        {"rule": "supporters", "acts": ["propose"], "minimum": 50}
    ]
    by_id["9.4"] = _clause(
        "9.4",
        "Joint meetings of the executive and committee act between conventions.",
        powers=[
            _power(
                {"joint_of": ["exec", "committee"]},
                "sanction",
                "interim_suspend",
                standing="implied",
            )
        ],
    )
    return list(by_id.values())


def _write(folder: Path) -> tuple[Path, Path, Path]:
    org = folder / "organisation.govsim.yaml"
    org.write_text(dump_yaml(_organisation()), encoding="utf-8")
    clauses = _book_a()
    paths = []
    for ident, book in (("bench-a", clauses), ("bench-b", _book_b(clauses))):
        document = {
            "schema_version": 1,
            "rulebook": ident,
            "organisation": "bench",
            "enforcement": "audited",
            "clauses": book,
        }
        path = folder / f"{ident}.govsim.yaml"
        path.write_text(dump_yaml(document), encoding="utf-8")
        paths.append(path)
    return org, paths[0], paths[1]


@pytest.mark.slow
def test_diff_of_two_sixty_clause_books_within_thirty_seconds(tmp_path: Path) -> None:
    org, a, b = _write(tmp_path)
    assert len(govsim.load_rulebook(a).clauses) == CLAUSES
    assert len(govsim.load_rulebook(b).clauses) == CLAUSES
    began = time.perf_counter()
    result = govsim.diff(a, b, org)
    diffed = time.perf_counter() - began
    written = result.write_witnesses(tmp_path / "witnesses")
    seconds = time.perf_counter() - began
    p = result.permissiveness
    print(
        f"\ndiff of {CLAUSES}-clause books over {PERSONS} persons: {seconds:.1f} s "
        f"({diffed:.1f} s diff, {seconds - diffed:.1f} s writing and replaying "
        f"{len(written)} witness files); {p.probes:,} probes, {p.replays:,} replays, "
        f"{len(result.differences())} differing act/actor pairs"
    )
    assert len(written) == len(result.witnesses) > 0
    assert seconds < BUDGET_SECONDS
