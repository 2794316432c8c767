"""The seeds' changes to the rules: the February 2019 convention, and two amendment designs.

``2019-convention-amends`` replays the convention's changes as acts under the
2013 book; what they adopt must be what the 2019 book writes as a variant
(less the joint meetings' power, which no text gave). ``executive-rewrites-
its-checks`` replays an executive rewriting the clauses that hold it to
account under a book that lets it and one that reserves amendment to the
convention.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

import govsim
from govsim.engine.trace import Verdict
from govsim.faces.cli import app
from govsim.model.acts import AmendRules

ROOT = Path(__file__).resolve().parent.parent
ISO = ROOT / "scenarios" / "iso"
AMENDS = ISO / "2019-convention-amends.govsim.yaml"
REWRITES = ISO / "executive-rewrites-its-checks.govsim.yaml"
CONVENTION_ACTS = (
    "convention-ends-secrecy",
    "convention-encourages-caucuses",
    "convention-empowers-branch-council",
)


@pytest.fixture(scope="module")
def amends() -> govsim.Result:
    (result,) = govsim.run_all(AMENDS)
    return result


def test_the_convention_amends_under_the_2013_book(amends: govsim.Result) -> None:
    assert amends.rulebook == "iso-2013-as-practised"
    assert amends.ok
    for act in CONVENTION_ACTS:
        record = amends.record(act)
        assert record.verdict is Verdict.VALID
        (power,) = [r for r in record.reasons if r.rule == "power"]
        assert power.clause == "2.2"
    versions = amends.versions
    assert [v.act for v in versions] == [None, *CONVENTION_ACTS]
    assert [v.number for v in versions] == [1, 2, 3, 4]
    assert {v.applies_to for v in versions[1:]} == {"pending_cases"}


def test_what_the_convention_adopts_is_the_2019_book(amends: govsim.Result) -> None:
    """The acts add and repeal what iso-2019-post-convention writes, but 6.1 and 7.2."""
    book13 = govsim.load_rulebook(ISO / "rules" / "iso-2013-as-practised.govsim.yaml")
    book19 = govsim.load_rulebook(
        ISO / "rules" / "iso-2019-post-convention.govsim.yaml"
    )
    scenario = govsim.load_scenario(AMENDS)
    acts = [a for a in scenario.scenario.acts if isinstance(a, AmendRules)]
    added = {c.id: c for a in acts for c in a.add}
    repealed = {i for a in acts for i in a.repeal}
    after = {c.id for c in book13.clauses} - repealed | set(added)
    # 6.1, the joint meetings' power, is practice that no act adopted; 7.2,
    # the National Branch Council, is in the documents but not in the book.
    assert after == {c.id for c in book19.clauses} - {"6.1"} | {"7.2"}
    by_id = {c.id: c for c in book19.clauses}
    for ident in ("5.2", "7.1"):
        assert added[ident] == by_id[ident]
    assert added["7.2"].powers == ()


def test_the_letter_is_judged_under_the_amended_book_retroactively(
    amends: govsim.Result,
) -> None:
    record = amends.record("sc-publishes")
    assert record.verdict is Verdict.VALID
    (note,) = [r for r in record.reasons if r.rule == "retroactive"]
    assert note.holds
    assert "amendment convention-ends-secrecy" in note.check
    assert "case k2012, opened on 2012-11-15" in note.check
    assert not [r for r in record.reasons if r.clause == "5.1"]


def test_without_the_convention_the_letter_breaks_the_rule_of_secrecy(
    tmp_path: Path,
) -> None:
    data = yaml.safe_load(AMENDS.read_text(encoding="utf-8"))
    data["acts"] = [a for a in data["acts"] if a["id"] not in CONVENTION_ACTS]
    data["organisation"] = str(ISO / "organisation.govsim.yaml")
    data["rulebooks"] = [str(ISO / "rules" / "iso-2013-as-practised.govsim.yaml")]
    del data["expect"]
    path = tmp_path / "no-convention.govsim.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    (result,) = govsim.run_all(path)
    record = result.record("sc-publishes")
    assert record.verdict is Verdict.IRREGULAR
    (secrecy,) = [r for r in record.reasons if not r.holds]
    assert (secrecy.clause, secrecy.rule) == ("5.1", "audience")


def test_an_executive_that_may_amend_escapes_its_checks() -> None:
    results = {r.rulebook: r for r in govsim.run_all(REWRITES)}
    weak, strict = results["iso-executive-amends"], results["iso-entrenched-amendment"]
    assert weak.ok
    assert strict.ok
    assert weak.verdict("sc-ends-recall") is Verdict.VALID
    assert [v.act for v in weak.versions] == [None, "sc-ends-recall", "sc-ends-audit"]
    recall = weak.record("convention-recalls")
    assert recall.verdict is Verdict.VOID
    assert "reaches nc only, not sc" in " ".join(r.check for r in recall.reasons)
    assert strict.verdict("sc-ends-recall") is Verdict.VOID
    assert [v.act for v in strict.versions] == [None]
    assert strict.verdict("convention-recalls") is Verdict.VALID
    assert {b.invariant for b in weak.breaches} == {"self_entrenchment"}
    assert {p.invariant for p in strict.prevented} == {"self_entrenchment"}


@pytest.mark.parametrize(
    ("book", "codes"),
    [
        (
            "iso-executive-amends",
            {"self-amendable-accountability", "unprotected-amendment-rule"},
        ),
        ("iso-entrenched-amendment", set()),
    ],
)
def test_lint_names_the_open_amendment_clause(book: str, codes: set[str]) -> None:
    found = set(govsim.lint(ISO / "rules" / f"{book}.govsim.yaml").codes())
    assert found & {"self-amendable-accountability", "unprotected-amendment-rule"} == (
        codes
    )
    assert "executive-controls-its-judge" not in found


@pytest.mark.parametrize(
    ("book", "code", "says"),
    [
        (
            "iso-executive-amends",
            1,
            "capture found under iso-executive-amends: sc in 1",
        ),
        ("iso-entrenched-amendment", 0, "no capture within depth 3"),
    ],
)
def test_capture_finds_the_open_amendment_clause_and_not_the_entrenched_one(
    tmp_path: Path, book: str, code: int, says: str
) -> None:
    out = tmp_path / "capture.govsim.yaml"
    result = CliRunner(env={"COLUMNS": "200"}).invoke(
        app,
        [
            "capture",
            str(ISO / "rules" / f"{book}.govsim.yaml"),
            "--body",
            "sc",
            "--depth",
            "3",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == code, result.output
    assert says in result.stdout
    if code:
        assert "amend_rules" in result.stdout
        (replayed,) = govsim.run_all(out)
        assert replayed.ok
    else:
        assert not out.exists()
