"""The invariant catalogue on the command line and the generated docs page."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govsim.faces.catalogue import find_examples, markdown
from govsim.faces.cli import app
from govsim.invariants import INVARIANTS, InvariantKind, by_number

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


def test_json_lists_at_least_thirty_invariants_with_kind_and_statement():
    result = runner.invoke(app, ["invariants", "--json"])
    assert result.exit_code == 0
    listed = json.loads(result.stdout)["invariants"]
    assert len(listed) >= 30
    assert [i["name"] for i in listed] == [i.name for i in by_number()]
    for item in listed:
        assert item["kind"] in {k.value for k in InvariantKind}
        assert item["statement"].strip()
        assert item["guards_against"].strip()


def test_every_required_invariant_is_registered():
    required = [
        *("nemo_iudex", "no_self_investigation", "independent_appointment"),
        *("investigate_adjudicate_split", "no_executive_override"),
        *("implement_within", "notice_before_sanction", "right_to_be_heard"),
        *("individualized_findings", "interim_legitimacy", "competence"),
        *("quorum_after_recusal", "threshold_by_kind", "eligible_electorate"),
        *("dissolution_guard", "case_survival", "obligation_survival"),
        *("resignation_not_moot", "informed_electorate", "record_continuity"),
        *("non_retaliation", "right_to_caucus", "minimal_disclosure"),
        *("external_check", "distinct_appeal", "deadline_discipline"),
        *("accountability_graph", "incompatible_offices"),
        "emergency_action_ratified",
    ]
    assert sorted(set(required) - set(INVARIANTS)) == []


def test_table_names_every_invariant():
    result = runner.invoke(app, ["invariants"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for name in INVARIANTS:
        assert name in result.stdout
    assert f"{len(INVARIANTS)} invariants" in result.stdout


def test_json_and_markdown_together_is_a_usage_error():
    result = runner.invoke(app, ["invariants", "--json", "--markdown"])
    assert result.exit_code == 2
    assert "choose one" in result.stderr


def test_markdown_without_examples_directory_is_a_usage_error(tmp_path):
    missing = tmp_path / "nowhere"
    result = runner.invoke(
        app, ["invariants", "--markdown", "--examples", str(missing)]
    )
    assert result.exit_code == 2
    assert f"--examples {missing}: no such file or folder" in result.stderr


def test_docs_page_is_generated_from_the_code():
    """docs/invariants.md must be regenerated when invariants or examples change:
    govsim invariants --markdown > docs/invariants.md"""
    page = (ROOT / "docs" / "invariants.md").read_text(encoding="utf-8")
    assert page == markdown(ROOT / "scenarios")


def test_docs_page_has_a_section_and_statement_per_invariant():
    page = markdown(ROOT / "scenarios")
    for inv in by_number():
        assert f"## {inv.name}\n" in page
        assert inv.statement.splitlines()[0] in page


def test_examples_come_from_scenario_expectations():
    examples = find_examples(ROOT / "scenarios")
    broken = examples.get("no_executive_override", [])
    assert any(
        e.path.endswith("2012-13-case.govsim.yaml")
        and e.rulebook == "iso-2013-as-practised"
        for e in broken
    ), broken


@pytest.mark.parametrize("book", ["iso-2013-as-practised", "external-checks"])
def test_run_reports_breaches_with_witnesses(book):
    path = ROOT / "scenarios" / "iso" / "2012-13-case.govsim.yaml"
    shown = runner.invoke(
        app, ["run", str(path), "--rules", book], env={"COLUMNS": "200"}
    )
    assert shown.exit_code == 0
    assert "invariants: " in shown.stdout
    data = runner.invoke(app, ["run", str(path), "--rules", book, "--json"])
    run = json.loads(data.stdout)["runs"][0]
    assert len(run["invariants"]["checked"]) == len(INVARIANTS)
    overrides = [
        b for b in run["breaches"] if b["invariant"] == "no_executive_override"
    ]
    if book == "iso-2013-as-practised":
        assert overrides
        assert overrides[0]["act"] == "sc-overrides"
        assert {"sc-overrides", "sc", "ndc-expels"} <= set(overrides[0]["witnesses"])
    else:
        assert overrides == []


def _one_complaint(docs, invariants):
    from conftest import organisation, rulebook, scenario

    org = organisation(
        ["ann", "bob"], {"exec": {"kind": "executive", "seats": [{"person": "ann"}]}}
    )
    power = {"by": {"person": "member"}, "acts": ["file_complaint"]}
    book = rulebook([{"id": "1", "text": "x", "powers": [power]}])
    act = {
        "at": "2020-01-01",
        "act": "file_complaint",
        "by": "bob",
        "case": "k",
        "against": ["ann"],
    }
    return docs.build(org, [book], scenario([act], invariants=invariants))


def test_unknown_invariant_is_a_positioned_error_with_exit_code_2(docs):
    from conftest import span_of

    path = _one_complaint(docs, ["nemo_iudex", "nemo_iduex"])
    result = runner.invoke(app, ["run", str(path)])
    assert result.exit_code == 2
    where = span_of(path, '"nemo_iduex"')
    assert f"{where}: invariants.1: unknown invariant 'nemo_iduex'" in result.stderr
    assert "did you mean 'nemo_iudex'" in result.stderr
    assert "Traceback" not in result.stderr


def test_book_parameter_the_book_lacks_is_a_positioned_error(docs):
    path = _one_complaint(docs, [{"notice_before_sanction": {"days": "book"}}])
    result = runner.invoke(app, ["run", str(path)])
    assert result.exit_code == 2
    assert f"{path}:" in result.stderr
    assert "does not define notice_before_sanction.days" in result.stderr
