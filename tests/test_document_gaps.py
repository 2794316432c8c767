"""Documents that `run` could not use are refused by `check` first, with a position."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from conftest import Docs, organisation, rulebook, scenario, span_of
from typer.testing import CliRunner

from govsim.faces.cli import app

POWERS = {
    "id": "P",
    "text": "Powers.",
    "powers": [{"by": {"person": "member"}, "acts": ["file_complaint"]}],
}
ACTS = [
    {
        "id": "k",
        "at": "2024-03-01",
        "act": "file_complaint",
        "by": "a",
        "case": "k1",
        "against": ["b"],
    },
    {
        "id": "k2",
        "at": "2024-03-20",
        "act": "file_complaint",
        "by": "b",
        "case": "k2",
        "against": ["a"],
    },
]


def _org(**bodies: dict[str, Any]) -> dict[str, Any]:
    return organisation(
        ["a", "b"],
        {"exec": {"kind": "executive", "seats": [{"person": "a"}]}, **bodies},
    )


def _check(path: Any) -> str:
    done = CliRunner().invoke(app, ["check", str(path)])
    assert done.exit_code == 2, done.output
    assert "Traceback" not in done.output
    return str(done.output)


@pytest.mark.parametrize(
    ("extra", "needle", "message"),
    [
        (
            {"start": "2024-03-05"},
            '"start"',
            "start: the scenario starts on 2024-03-05, after act k (dated 2024-03-01): "
            "give a start on 2024-03-01 or earlier, or leave it out",
        ),
        (
            {"end": "2024-03-10"},
            '"end"',
            "end: the scenario ends on 2024-03-10, before act k2 (dated 2024-03-20): "
            "give an end on 2024-03-20 or later, or leave it out",
        ),
    ],
    ids=["start-after-first-act", "end-before-last-act"],
)
def test_a_span_that_leaves_out_acts_is_refused(
    docs: Docs, extra: dict[str, str], needle: str, message: str
) -> None:
    path = docs.build(_org(), [rulebook([POWERS])], scenario(ACTS, **extra))
    out = _check(path)
    value = span_of(path, f'"{extra[needle.strip(chr(34))]}"', after=needle)
    assert f"{value}: {message}" in out


def test_schema_version_true_is_refused(docs: Docs) -> None:
    path = docs.build(_org(), [rulebook([POWERS])], scenario(ACTS))
    text = path.read_text(encoding="utf-8").replace(
        '"schema_version": 1', '"schema_version": true'
    )
    path.write_text(text, encoding="utf-8")
    out = _check(path)
    assert "schema_version: the schema version is the number 1, not true" in out


@pytest.mark.parametrize(
    ("bodies", "message"),
    [
        (
            {"dc": {"kind": "disciplinary", "parent": "dc"}},
            "bodies.dc.parent: dc is its own parent",
        ),
        (
            {
                "dc": {"kind": "disciplinary", "parent": "panel"},
                "panel": {"kind": "ad_hoc", "parent": "dc"},
            },
            "bodies.dc.parent: parents go round in a circle: dc -> panel -> dc",
        ),
    ],
    ids=["own-parent", "two-parenting-each-other"],
)
def test_parent_cycles_are_refused(
    docs: Docs, bodies: dict[str, dict[str, Any]], message: str
) -> None:
    path = docs.write("organisation.govsim.yaml", _org(**bodies))
    out = _check(path)
    assert message in out
    assert out.count("go round") + out.count("own parent") == 1


def test_a_relation_with_oneself_is_refused(docs: Docs) -> None:
    org = organisation(
        ["a", "b"],
        {"exec": {"kind": "executive"}},
        [{"kind": "family", "persons": ["a", "a"]}],
    )
    path = docs.write("organisation.govsim.yaml", org)
    out = _check(path)
    assert (
        "relations.0.persons.1: a cannot have a family relation with themselves" in out
    )


def test_repealing_a_clause_the_book_never_had_is_refused(docs: Docs) -> None:
    book = rulebook(
        [POWERS],
        amendments=[{"id": "am1", "in_force": "2024-01-01", "repeal": ["P2"]}],
    )
    docs.write("organisation.govsim.yaml", _org())
    path = docs.write("rules/book.govsim.yaml", book)
    out = _check(path)
    where = span_of(path, '"P2"')
    assert (
        f"{where}: amendments.0.repeal.0: 'P2' is not a clause of book when "
        "amendment am1 comes into force"
    ) in out


def test_a_chain_of_thousands_of_extends_is_refused_not_a_recursion_error(
    docs: Docs,
) -> None:
    docs.write("organisation.govsim.yaml", _org())
    docs.write("rules/b0.govsim.yaml", rulebook([POWERS], ident="b0"))
    for i in range(1, 2000):
        docs.write(
            f"rules/b{i}.govsim.yaml",
            rulebook([], ident=f"b{i}", extends=f"b{i - 1}"),
        )
    out = _check(docs.root / "rules" / "b1999.govsim.yaml")
    assert "a book may extend others at most 64 deep" in out
    assert "RecursionError" not in out


def test_check_reads_a_model_and_a_sweep_spec_as_what_they_are(docs: Docs) -> None:
    import shutil
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "scenarios"
    shutil.copytree(root / "iso", docs.root / "iso")
    shutil.copytree(root / "crisis", docs.root / "crisis")
    model = docs.root / "crisis" / "iso-2019.model.yaml"
    spec = docs.write(
        "sweeps/s.sweep.yaml",
        "schema_version: 1\nsweep: s\nmodel: ../crisis/iso-2019.model.yaml\n"
        "rulebooks: [external-checks]\nruns: 2\nseed: 1\nmeasures: [violations]\n",
    )
    done = CliRunner().invoke(app, ["check", str(model), str(spec)])
    assert done.exit_code == 0, done.output
    assert "2 files checked, 0 with problems" in done.output
    # A bad key in a model is reported in the model, not read as an
    # organisation's; a fresh copy, since targets are loaded once per process.
    shutil.copytree(root / "crisis", docs.root / "crisis2")
    broken = docs.root / "crisis2" / "iso-2019.model.yaml"
    text = broken.read_text(encoding="utf-8")
    broken.write_text(text.replace("\ntitle:", "\ntitel:", 1), encoding="utf-8")
    spec2 = docs.write(
        "sweeps/s2.sweep.yaml",
        spec.read_text(encoding="utf-8").replace("crisis/", "crisis2/"),
    )
    out = _check(spec2)
    assert f"{broken}:" in out
    assert "titel: unknown key 'titel'" in out
    assert "(allowed: bodies" not in out


def test_check_parses_each_file_of_a_scenario_once(parsed: Counter[str]) -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "scenarios" / "iso"
    done = CliRunner().invoke(app, ["check", str(root / "2012-13-case.govsim.yaml")])
    assert done.exit_code == 0, done.output
    assert parsed["2012-13-case.govsim.yaml"] == 1
    assert parsed["organisation.govsim.yaml"] == 1
    assert max(parsed.values()) == 1, parsed


def test_check_still_reads_a_flow_style_document_by_parsing_it(docs: Docs) -> None:
    path = docs.write(
        "flow.govsim.yaml",
        "{schema_version: 1, organisation: o, title: O, persons: [], bodies: []}\n",
    )
    out = _check(path)
    assert "not a govsim document" not in out


@pytest.mark.parametrize(
    ("book", "message"),
    [
        (
            rulebook([{**POWERS, "colour": "red"}]),
            "clauses.0.colour: unknown key 'colour'",
        ),
        (None, "rulebooks.0: no rule book 'book'"),
    ],
    ids=["invalid-book", "missing-book"],
)
def test_expectations_of_a_book_that_failed_to_load_are_not_called_unknown(
    docs: Docs, book: dict[str, Any] | None, message: str
) -> None:
    # Found by the document fuzzer: a broken book listed by the scenario also
    # gave "expect.book: unknown rule book 'book' (expectations name a book the
    # scenario runs)", which sent the reader to an expectation that was fine.
    expect = {"book": {"verdicts": {"k": "valid"}}}
    path = docs.build(_org(), [book] if book else [], scenario(ACTS, expect=expect))
    out = _check(path)
    assert message in out
    assert "unknown rule book" not in out
    assert ": expect.book" not in out
