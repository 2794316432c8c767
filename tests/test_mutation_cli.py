"""``govsim mutate`` from the command line: its output, its files, its gate, bad input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import govsim
from govsim.faces.cli import app
from govsim.mutation.report import run_data
from govsim.mutation.running import judge_mutants
from govsim.mutation.scenarios import collect

ROOT = Path(__file__).resolve().parent.parent
ISO = ROOT / "scenarios" / "iso"
BOOK = ISO / "rules" / "iso-2013-as-practised.govsim.yaml"
CASE = ISO / "2012-13-case.govsim.yaml"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _mutate(runner: CliRunner, *args: str) -> Any:
    return runner.invoke(app, ["mutate", *args])


@pytest.fixture(scope="module")
def case_json() -> dict[str, Any]:
    """The 2013 book mutated and judged by the 2012-13 case, as JSON."""
    result = CliRunner().invoke(app, ["mutate", str(BOOK), "-s", str(CASE), "--json"])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.output)
    return data


def test_the_json_counts_every_mutant_once_and_scores_killed_over_decided(
    case_json: dict[str, Any],
) -> None:
    counts = case_json["counts"]
    statuses = [m["status"] for m in case_json["mutants"]]
    assert counts["mutants"] == len(statuses) == 23
    for status in ("killed", "survived", "equivalent"):
        assert counts[status] == statuses.count(status)
    decided = counts["killed"] + counts["survived"]
    assert case_json["score"] == round(counts["killed"] / decided, 4)
    assert [m["id"] for m in case_json["mutants"]] == [f"m{i}" for i in range(1, 24)]


def test_the_notice_rule_dropped_from_the_2013_book_survives_the_2012_13_case(
    case_json: dict[str, Any],
) -> None:
    """ndc-expels gave notice, so no expectation of the case reads the notice rule."""
    mutant = next(
        m
        for m in case_json["mutants"]
        if m["description"].startswith("remove the notice")
    )
    assert mutant["status"] == "survived"
    assert mutant["changes"] == []
    assert [r["act"] for r in mutant["reasoned"]] == ["ndc-expels"]
    assert "breaks only the notice rule of clause 4.1" in mutant["suggestion"]
    assert "expected irregular" in mutant["suggestion"]  # 4.1 is audited


def test_deleting_the_disciplinary_clause_is_killed_by_an_expectation(
    case_json: dict[str, Any],
) -> None:
    mutant = next(m for m in case_json["mutants"] if m["label"] == "delete_clause-4.1")
    assert mutant["status"] == "killed"
    how = {k["how"] for k in mutant["killed_by"]}
    assert "expectation" in how
    assert any("ndc-expels" in k["detail"] for k in mutant["killed_by"])


def test_coverage_names_the_clauses_the_case_never_consults(
    case_json: dict[str, Any],
) -> None:
    coverage = case_json["coverage"]
    never = [c["clause"] for c in coverage["by_clause"] if c["total"] == 0]
    assert never == ["2.1", "2.2", "5.1"]
    assert coverage["consulted"] == 5


def test_the_terminal_summary_gives_score_survivors_and_coverage(
    runner: CliRunner,
) -> None:
    result = _mutate(runner, str(BOOK), "-s", str(CASE))
    assert result.exit_code == 0, result.output
    assert "mutation score 80%: 8 killed, 2 survived, 13 equivalent" in result.output
    assert "clause 4.1" in result.output
    assert "to kill it:" in result.output
    assert "5 of 8 clauses consulted" in result.output


def test_min_score_is_a_gate(runner: CliRunner) -> None:
    assert (
        _mutate(runner, str(BOOK), "-s", str(CASE), "--min-score", "0.8").exit_code == 0
    )
    failed = _mutate(runner, str(BOOK), "-s", str(CASE), "--min-score", "0.81")
    assert failed.exit_code == 1
    assert "FAILS" in failed.output


def test_only_the_operators_named_are_run(
    case_json: dict[str, Any], runner: CliRunner
) -> None:
    result = _mutate(
        runner, str(BOOK), "-s", str(CASE), "--operator", "drop_link", "--json"
    )
    data = json.loads(result.output)
    assert data["operators"] == ["drop_link"]
    assert {m["operator"] for m in data["mutants"]} == {"drop_link"}


def test_out_writes_the_document_and_replayable_variant_books(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "run"
    result = _mutate(runner, str(BOOK), "-s", str(CASE), "-o", str(out))
    assert result.exit_code == 0, result.output
    data = json.loads((out / "mutation.json").read_text(encoding="utf-8"))
    survivors = [m for m in data["mutants"] if m["status"] == "survived"]
    assert len(survivors) == 2
    assert all(m["variant"] for m in survivors)
    for mutant in survivors:
        path = out / mutant["variant"]
        checked = runner.invoke(app, ["check", str(path)])
        assert checked.exit_code == 0, checked.output
        variant = govsim.load_rulebook(path)
        original = govsim.load_rulebook(BOOK)
        changed = {c.id for c in variant.clauses} ^ {c.id for c in original.clauses} | {
            c.id for c in variant.clauses if c not in original.clauses
        }
        assert changed == {mutant["clause"]}
    notice = next(m for m in survivors if "notice" in m["description"])
    clause = next(
        c
        for c in govsim.load_rulebook(out / notice["variant"]).clauses
        if c.id == "4.1"
    )
    assert "notice" not in {r.rule for r in clause.requires}


def test_a_folder_keeps_only_the_scenarios_that_list_the_book() -> None:
    book = govsim.load_rulebook(BOOK)
    chosen = collect([ISO], book.id, BOOK)
    listing = {
        str(path)
        for path in sorted(ISO.rglob("*.govsim.yaml"))
        if "scenario:" in path.read_text(encoding="utf-8")
        and book.id in govsim.load_scenario(path).rulebooks
    }
    assert set(chosen.paths) == listing
    assert str(CASE) in listing
    assert str(ISO / "2019-dissolution.govsim.yaml") not in listing  # another book's


def test_serial_runs_repeat_exactly() -> None:
    book = govsim.load_rulebook(BOOK)
    chosen = collect([CASE], book.id, BOOK)
    first, second = (run_data(judge_mutants(book, BOOK, chosen)) for _ in range(2))
    for data in (first, second):
        data.pop("seconds")
    assert first == second


# Bad input: a plain message, exit 2.


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--min-score", "1.5"], "a share between 0 and 1"),
        (["--min-score", "-0.1"], "a share between 0 and 1"),
        (["--operator", "drop_clauses"], "no mutation operator named 'drop_clauses'"),
    ],
)
def test_bad_options_are_refused(
    runner: CliRunner, args: list[str], message: str
) -> None:
    result = _mutate(runner, str(BOOK), "-s", str(CASE), *args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_an_unknown_operator_gets_a_did_you_mean(runner: CliRunner) -> None:
    result = _mutate(runner, str(BOOK), "-s", str(CASE), "--operator", "drop_clauses")
    assert "did you mean 'delete_clause'?" in result.output
    assert "Known: delete_clause, drop_disability, drop_link" in result.output


def test_a_scenario_that_does_not_use_the_book_is_refused(runner: CliRunner) -> None:
    other = ISO / "2019-dissolution.govsim.yaml"
    result = _mutate(runner, str(BOOK), "-s", str(other))
    assert result.exit_code == 2
    assert "does not use rule book iso-2013-as-practised" in result.output


def test_a_rule_book_given_as_a_scenario_is_refused(runner: CliRunner) -> None:
    result = _mutate(runner, str(BOOK), "-s", str(BOOK))
    assert result.exit_code == 2
    assert "is a rule book, not a scenario" in result.output


def test_a_folder_with_no_scenario_for_the_book_is_refused(
    runner: CliRunner, tmp_path: Path
) -> None:
    result = _mutate(runner, str(BOOK), "-s", str(tmp_path))
    assert result.exit_code == 2
    assert "no scenario in" in result.output
    assert "uses rule book iso-2013-as-practised" in result.output


def test_no_scenarios_is_refused(runner: CliRunner) -> None:
    result = _mutate(runner, str(BOOK))
    assert result.exit_code == 2
    assert "--scenarios" in result.output


def test_a_missing_scenario_path_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    result = _mutate(runner, str(BOOK), "-s", str(tmp_path / "nowhere.govsim.yaml"))
    assert result.exit_code == 2
    assert "nowhere.govsim.yaml" in result.output
    assert "Traceback" not in result.output


def test_a_broken_scenario_is_reported_with_its_position(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder = tmp_path / "iso"
    shutil.copytree(ISO, folder)
    broken = folder / "2012-13-case.govsim.yaml"
    text = broken.read_text(encoding="utf-8")
    broken.write_text(text.replace("acts:", "acts: [", 1), encoding="utf-8")
    result = _mutate(runner, str(folder / "rules" / BOOK.name), "-s", str(broken))
    assert result.exit_code == 2
    assert f"{broken}:" in result.output
    assert "Traceback" not in result.output
