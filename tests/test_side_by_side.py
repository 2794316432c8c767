"""``govsim diff`` on books of different organisations: procedures side by side.

A diff of one organisation replays the same histories under both books;
books of different organisations share no bodies to replay with, so the diff
sets out what each provides for each procedure instead. These tests use two
library books (PEP 13 and the English Wikipedia's arbitration policy) and
the tutorial's books, which share an organisation.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import govsim
from govsim.analysis.provisions import describe
from govsim.analysis.sidebyside import ACCOUNTABILITY, side_by_side
from govsim.faces.cli import app
from govsim.model.rulebook import DecisionRule, FewMembers, RuleException

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = ROOT / "scenarios" / "library"
PEP13 = LIBRARY / "pep13" / "rules" / "pep-13.govsim.yaml"
PEP13_ORG = LIBRARY / "pep13" / "organisation.govsim.yaml"
ARBPOL = LIBRARY / "arbpol" / "rules" / "enwiki-arbpol.govsim.yaml"
ASF = LIBRARY / "asf" / "rules" / "asf-bylaws.govsim.yaml"
ASF_ORG = LIBRARY / "asf" / "organisation.govsim.yaml"
runner = CliRunner()


def govsim_cli(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    return result.exit_code, result.output


def pep13() -> tuple[govsim.ResolvedBook, govsim.Organisation]:
    return govsim.load_rulebook(PEP13), govsim.load_organisation(PEP13_ORG)


def test_each_provision_sits_under_the_procedure_of_its_acts() -> None:
    apart = side_by_side(pep13(), pep13())
    by_name = {p.name: p for p in apart.procedures}
    assert (
        "decides: sanction [expel]: 2/3 of votes cast, when by council (§6)"
        in by_name["Discipline"].a
    )
    assert "link: core-team elects council (§1)" in by_name[ACCOUNTABILITY].a
    assert (
        "power: core-team: amend_rules (§9)" in by_name["Rules and their amendment"].b
    )
    # A book compared with itself has the same lines on both sides.
    assert all(p.a == p.b for p in apart.procedures)


def test_a_procedure_neither_book_has_is_left_out() -> None:
    names = [p.name for p in side_by_side(pep13(), pep13()).procedures]
    assert "Interim measures" not in names
    assert "Discipline" in names


def test_diff_of_books_of_two_organisations_sets_them_side_by_side() -> None:
    code, output = govsim_cli("diff", str(PEP13), str(ARBPOL))
    assert code == 0, output
    assert "(organisations python-project and english-wikipedia)" in output
    assert "no history can be replayed under both" in output
    complaints = output.split("\nComplaints and investigations\n", 1)[1]
    assert complaints.startswith("  A (nothing)\n")
    assert "  B power: a member: file_complaint" in complaints


def test_side_by_side_json_says_what_kind_of_diff_it_is() -> None:
    code, output = govsim_cli("diff", str(PEP13), str(ARBPOL), "--json")
    assert code == 0, output
    record = json.loads(output)
    assert record["kind"] == "side_by_side"
    assert record["a"]["organisation"] == "python-project"
    assert record["b"]["id"] == "enwiki-arbpol"
    discipline = next(p for p in record["procedures"] if p["name"] == "Discipline")
    assert any("sanction" in line for line in discipline["a"])


@pytest.mark.parametrize(
    "option", [("--act", "sanction"), ("--actor", "council"), ("--witnesses", "w")]
)
def test_probing_options_are_refused_for_books_of_two_organisations(
    option: tuple[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, output = govsim_cli("diff", str(PEP13), str(ARBPOL), *option)
    assert code == 2
    assert "probe books of one organisation" in output
    assert not (tmp_path / "w").exists()


def test_an_organisation_given_still_refuses_a_book_written_for_another() -> None:
    code, output = govsim_cli("diff", str(PEP13), str(ARBPOL), "--org", str(PEP13_ORG))
    assert code == 2
    assert "is written for organisation 'english-wikipedia'" in output


def test_books_of_one_organisation_are_still_probed() -> None:
    tutorial = ROOT / "scenarios" / "tutorial" / "rules"
    books = sorted(tutorial.glob("*.govsim.yaml"))[:2]
    code, output = govsim_cli("diff", *map(str, books))
    assert code == 0, output
    assert "side by side" not in output
    assert "\nClauses\n" in output


def test_a_decision_rule_line_shows_its_minimum_and_its_quorum_base() -> None:
    rule = DecisionRule(
        acts=("amend_rules",),
        threshold="3/4",
        quorum="1/3",
        quorum_of="seats_filled",
        min_for=48,
        exceptions=(
            RuleException(when=FewMembers(filled_at_most=3), quorum=2),
            RuleException(when=FewMembers(able_at_most=4), threshold="majority"),
        ),
    )
    assert describe("decides", rule) == (
        "decides: amend_rules: 3/4 of votes cast, quorum 1/3 of seats filled, "
        "at least 48 for, quorum 2 when at most 3 seats filled, "
        "threshold majority when at most 4 able to act"
    )


def test_a_requirement_naming_no_act_governs_meetings_and_every_act() -> None:
    apart = side_by_side(
        (govsim.load_rulebook(ASF), govsim.load_organisation(ASF_ORG)), pep13()
    )
    general = next(p for p in apart.procedures if p.name == "Meetings and every act")
    assert any(line.startswith("requires: meeting_notice") for line in general.a)
    assert general.b == ()
