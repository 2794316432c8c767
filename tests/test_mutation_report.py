"""Mutation reports: a mutation run's folder checked into the page model and the page.

The folders are written here from documents of the shape ``govsim mutate
--out DIR`` writes (``mutation.json``), so these tests need no mutation run.
"""

from __future__ import annotations

import copy
import json
import re
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from govsim.errors import UsageError
from govsim.faces.cli import app
from govsim.reports.mutation_page import mutation_document
from govsim.reports.mutation_report import (
    MUTATION_FILE,
    is_mutation_folder,
    mutation_report,
    read_mutation,
    render_mutation_report,
    replay_commands,
    write_mutation_report,
)

pytest.importorskip("jinja2")

SCENARIO = "scenarios/iso/2012-13-case.govsim.yaml"
VARIANT = "survivors/drop_requirement-E3-2.govsim.yaml"
NOTICE_DROPPED = "remove the notice rule of clause E3"


def mutant(
    id: str, operator: str, clause: str, status: str, **extra: Any
) -> dict[str, Any]:
    """One mutant's record, with no kill, change, suggestion or variant unless given."""
    record: dict[str, Any] = {
        "id": id,
        "operator": operator,
        "clause": clause,
        "label": f"{operator}-{clause}-1",
        "description": f"{operator} on clause {clause}",
        "status": status,
        "killed_by": [],
        "changes": [],
        "suggestion": None,
        "variant": None,
    }
    return record | extra


def coverage(clause: str, total: int, title: str | None = None) -> dict[str, Any]:
    return {
        "clause": clause,
        "title": title,
        "granting": total,
        "denying": 0,
        "requiring": 0,
        "deciding": 0,
        "total": total,
        "scenarios": ["iso-2012-13-case"] if total else [],
    }


def document() -> dict[str, Any]:
    """A run of 4 mutants: 2 killed, 1 survived (with changes), 1 equivalent."""
    return {
        "kind": "mutation",
        "govsim": "0.0.test",
        "book": "external-checks",
        "title": "External checks",
        "book_file": "scenarios/iso/rules/external-checks.govsim.yaml",
        "scenarios": [{"path": SCENARIO, "id": "iso-2012-13-case", "expectations": 12}],
        "operators": ["delete_clause", "drop_requirement"],
        "explore": None,
        "score": 2 / 3,
        "min_score": 0.8,
        "counts": {"mutants": 4, "killed": 2, "survived": 1, "equivalent": 1},
        "mutants": [
            mutant(
                "m1",
                "delete_clause",
                "E1",
                "killed",
                killed_by=[
                    {
                        "scenario": "iso-2012-13-case",
                        "how": "expectation",
                        "detail": "act ndc-expels is valid: got void",
                    }
                ],
            ),
            mutant(
                "m7",
                "drop_requirement",
                "E3",
                "survived",
                label="drop_requirement-E3-2",
                description=NOTICE_DROPPED,
                changes=[
                    {
                        "scenario": "iso-2012-13-case",
                        "act": "ndc-expels",
                        "kind": "sanction",
                        "actor": "ndc",
                        "before": "irregular",
                        "after": "valid",
                    }
                ],
                suggestion="expect act ndc-expels (a sanction by ndc) to be irregular",
                variant=VARIANT,
            ),
            mutant(
                "m8",
                "delete_clause",
                "E3",
                "killed",
                killed_by=[
                    {"scenario": "iso-2012-13-case", "how": "invariant", "detail": "x"}
                ],
            ),
            mutant("m9", "delete_clause", "E9", "equivalent"),
        ],
        "coverage": {
            "consulted": 2,
            "clauses": 3,
            "by_clause": [
                coverage("E1", 5, "Members' rights"),
                coverage("E3", 2, "Notice"),
                coverage("E9", 0, "Dormant powers"),
            ],
        },
        "seconds": 12.3,
        "executor": "process pool of 2 workers",
    }


def write_run(folder: Path, data: object) -> Path:
    """A mutation run's output folder holding ``data`` as its mutation.json."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MUTATION_FILE).write_text(json.dumps(data), encoding="utf-8")
    return folder


@pytest.fixture
def run(tmp_path: Path) -> Path:
    return write_run(tmp_path / "mutants", document())


def section(html: str, name: str) -> str:
    return html.split(f'<section id="{name}">')[1].split("</section>", maxsplit=1)[0]


def text(html: str) -> str:
    """The page's text without tags, entities unescaped and spaces collapsed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


# --- the page model ------------------------------------------------------------


def test_survivors_are_grouped_by_clause_in_the_books_order() -> None:
    data = document()
    data["mutants"].append(mutant("m10", "delete_clause", "E1", "survived"))
    doc = mutation_document(data, "test")
    assert [(g.clause, [m.id for m in g.mutants]) for g in doc.survivors] == [
        ("E1", ["m10"]),
        ("E3", ["m7"]),
    ]
    assert doc.survivors[1].title == "Notice"


def test_the_never_consulted_clauses_and_the_gate_come_from_the_document() -> None:
    doc = mutation_document(document(), "test")
    assert [c.clause for c in doc.never_consulted] == ["E9"]
    assert doc.passed is False  # 2/3 under 0.8
    assert mutation_document(document() | {"min_score": 0.5}, "t").passed is True
    assert mutation_document(document() | {"min_score": None}, "t").passed is None


def test_replay_commands_name_the_changed_scenario_and_the_variant_in_the_folder() -> (
    None
):
    doc = mutation_document(document(), "test")
    survivor = doc.of_status("survived")[0]
    assert replay_commands(doc, survivor, "out dir") == (
        f"govsim compare {SCENARIO} -r external-checks -r 'out dir/{VARIANT}'",
    )
    assert replay_commands(doc, doc.of_status("killed")[0], "out") == ()


# --- the page ---------------------------------------------------------------------


def test_the_page_shows_score_survivor_and_coverage(run: Path) -> None:
    html = mutation_report(run)
    assert "<link" not in html
    assert "<script src" not in html
    score = text(section(html, "score"))
    assert "66.7%" in score
    assert "Gate failed" in score
    assert "80%" in score
    survivors = section(html, "survivors")
    assert NOTICE_DROPPED in text(survivors)
    assert "expect act ndc-expels (a sanction by ndc) to be irregular" in text(
        survivors
    )
    assert f"<code>{VARIANT}</code>" in survivors
    assert "irregular → valid" in text(survivors)
    assert f"govsim compare {SCENARIO} -r external-checks -r {run / VARIANT}" in text(
        survivors
    )
    assert 'id="survivors-E3"' in survivors
    assert 'id="survivors-E1"' not in survivors


def test_the_page_highlights_the_never_consulted_clause(run: Path) -> None:
    cover = section(mutation_report(run), "coverage")
    assert "2 of 3 clauses consulted" in text(cover)
    never = re.findall(r'<tr class="coverage-row never" data-clause="([^"]+)"', cover)
    assert never == ["E9"]
    assert "Never consulted: E9" in text(cover)


def test_killed_and_equivalent_mutants_are_listed_apart(run: Path) -> None:
    html = mutation_report(run)
    killed = section(html, "killed")
    assert re.findall(r'<tr class="killed-row" id="mutant-(\w+)"', killed) == [
        "m1",
        "m8",
    ]
    assert "expectation: act ndc-expels is valid: got void" in text(killed)
    equivalent = section(html, "equivalent")
    assert re.findall(r'id="mutant-(\w+)"', equivalent) == ["m9"]
    assert "not counted in the score" in text(equivalent)


def test_a_mutant_killed_several_ways_shows_the_first_and_folds_the_rest(
    tmp_path: Path,
) -> None:
    data = document()
    kill = data["mutants"][0]["killed_by"][0]
    data["mutants"][0]["killed_by"] = [kill, kill | {"how": "explore", "detail": "y"}]
    killed = section(mutation_report(write_run(tmp_path / "m", data)), "killed")
    first, folded = killed.split('<details class="more-kills">')
    assert "expectation: act ndc-expels is valid: got void" in text(first)
    assert "1 more" in text(folded)
    assert "explore: y" in text(folded)


def test_a_survivor_that_changes_no_verdict_names_the_acts_judged_for_other_reasons() -> (
    None
):
    data = document()
    survivor = data["mutants"][1]
    survivor["reasoned"] = survivor.pop("changes")
    survivors = section(render_mutation_report(data), "survivors")
    assert '<table class="changes">' not in survivors
    assert "keep theirs for other reasons: ndc-expels (sanction by ndc" in text(
        survivors
    )


def test_every_element_id_on_the_page_is_unique(run: Path) -> None:
    ids = re.findall(r'\bid="([^"]+)"', mutation_report(run))
    assert len(ids) == len(set(ids))


def test_the_page_escapes_document_text(tmp_path: Path) -> None:
    data = document()
    data["mutants"][1]["description"] = "<script>alert(1)</script>"
    html = mutation_report(write_run(tmp_path / "m", data))
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_run_with_no_score_and_no_survivor_says_so() -> None:
    data = document()
    data["mutants"] = [m for m in data["mutants"] if m["status"] == "equivalent"]
    data |= {"score": None, "min_score": None}
    data["counts"] |= {"killed": 0, "survived": 0}
    html = render_mutation_report(data)
    assert "nothing to score" in text(section(html, "score"))
    assert "No mutant survived" in text(section(html, "survivors"))
    assert "govsim run" not in html  # no folder: no replay command


def test_the_same_folder_gives_the_same_page(run: Path) -> None:
    assert mutation_report(run) == mutation_report(run)


# --- damaged documents ---------------------------------------------------------------


def without(key: str) -> dict[str, Any]:
    data = document()
    del data[key]
    return data


def broken_mutant() -> dict[str, Any]:
    data = copy.deepcopy(document())
    data["mutants"][0]["status"] = "dead"
    return data


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not JSON"),
        (
            json.dumps([1, 2]),
            "expected a JSON object (a govsim mutation run), found list",
        ),
        (
            json.dumps({"kind": "sweep"}),
            "is not a govsim mutation run: it is of kind 'sweep'",
        ),
        (json.dumps(without("counts")), "counts: is required"),
        (
            json.dumps(broken_mutant()),
            "mutants.0.status: expected one of: killed, survived, equivalent (got 'dead')",
        ),
        (json.dumps(document() | {"score": 1.5}), "score: must be 1 or less, got 1.5"),
    ],
)
def test_a_damaged_document_is_refused_naming_the_file(
    tmp_path: Path, content: str, message: str
) -> None:
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / MUTATION_FILE).write_text(content, encoding="utf-8")
    with pytest.raises(UsageError, match=re.escape(message)) as caught:
        read_mutation(folder)
    assert str(folder / MUTATION_FILE) in str(caught.value)


def test_a_folder_is_a_mutation_run_when_it_holds_mutation_json(
    run: Path, tmp_path: Path
) -> None:
    assert is_mutation_folder(run)
    assert not is_mutation_folder(tmp_path / "elsewhere")
    assert not is_mutation_folder(run / MUTATION_FILE)
    with pytest.raises(UsageError, match=re.escape("has no mutation.json")):
        read_mutation(tmp_path)


# --- govsim report -------------------------------------------------------------------


def test_cli_writes_the_page_and_prints_its_path(run: Path, tmp_path: Path) -> None:
    out = tmp_path / "mutation.html"
    result = CliRunner().invoke(app, ["report", str(run), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out)
    assert NOTICE_DROPPED in out.read_text(encoding="utf-8")


def test_cli_default_out_is_named_after_the_folder(
    run: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["report", str(run)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "govsim-reports" / "mutants.report.html").is_file()


def test_cli_damaged_document_exits_2_naming_the_file(tmp_path: Path) -> None:
    folder = write_run(tmp_path / "m", without("coverage"))
    out = tmp_path / "r.html"
    result = CliRunner().invoke(app, ["report", str(folder), "--out", str(out)])
    assert result.exit_code == 2
    assert f"{folder / MUTATION_FILE}: coverage: is required" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


def test_cli_unreadable_document_exits_2_naming_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "m"
    (folder / MUTATION_FILE).mkdir(parents=True)  # there, but not a file
    result = CliRunner().invoke(
        app, ["report", str(folder), "--out", str(tmp_path / "r.html")]
    )
    assert result.exit_code == 2
    assert f"{folder / MUTATION_FILE}: cannot read it" in result.stderr
    assert "Traceback" not in result.output


def test_cli_help_names_a_mutation_runs_folder_as_a_target() -> None:
    result = CliRunner().invoke(app, ["report", "--help"])
    assert result.exit_code == 0
    assert "mutation run's output directory" in " ".join(result.stdout.split())


def test_cli_rules_with_a_mutation_folder_is_refused(run: Path) -> None:
    result = CliRunner().invoke(app, ["report", str(run), "--rules", "external-checks"])
    assert result.exit_code == 2
    assert "is a mutation run's directory; --rules applies to scenarios only" in (
        result.stderr
    )


def test_write_refuses_a_folder_as_out_and_writes_nothing(
    run: Path, tmp_path: Path
) -> None:
    with pytest.raises(UsageError, match="is a folder"):
        write_mutation_report(run, tmp_path)
