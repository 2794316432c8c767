"""``govsim new``: starter documents that validate, check, lint clean and replay.

The commands are driven in-process with ``CliRunner`` in a fresh folder per
test (``monkeypatch.chdir``), as a new user would run them.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

import govsim
from govsim.documents import load_yaml_file
from govsim.faces.cli import app
from govsim.starters import VERDICTS, starter_text, yaml_word

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


def govsim_cli(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


@pytest.fixture
def empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write_three(folder: str | None = None) -> None:
    where = ["--dir", folder] if folder else []
    for kind, name in (
        ("organisation", "acme"),
        ("rulebook", "acme-rules"),
        ("scenario", "first-case"),
    ):
        code, output = govsim_cli("new", kind, name, *where)
        assert code == 0, output


def test_the_documented_flow_replays_out_of_the_box(empty: Path) -> None:
    write_three()
    assert sorted(p.name for p in empty.iterdir()) == [
        "acme-rules.govsim.yaml",
        "acme.govsim.yaml",
        "first-case.govsim.yaml",
    ]
    code, output = govsim_cli("check", ".")
    assert code == 0, output
    assert "3 files checked, 0 with problems" in output
    code, output = govsim_cli("run", "first-case.govsim.yaml")
    assert code == 0, output
    assert "✗" not in output
    loaded = govsim.load_scenario(empty / "first-case.govsim.yaml")
    assert loaded.organisation.organisation == "acme"
    assert list(loaded.rulebooks) == ["acme-rules"]
    result = govsim.run(loaded, "acme-rules")
    assert [result.verdict(act).value for act in VERDICTS] == ["valid"] * len(VERDICTS)
    assert result.violations == []


def test_the_starter_book_lints_clean(empty: Path) -> None:
    write_three()
    code, output = govsim_cli("lint", "acme-rules.govsim.yaml")
    assert code == 0, output
    assert "no findings" in output


def test_starters_name_their_ids_and_the_books_they_refer_to(empty: Path) -> None:
    write_three()
    org, _ = load_yaml_file(empty / "acme.govsim.yaml")
    book, _ = load_yaml_file(empty / "acme-rules.govsim.yaml")
    scenario, _ = load_yaml_file(empty / "first-case.govsim.yaml")
    assert org["organisation"] == "acme"
    assert book["rulebook"] == "acme-rules"
    assert book["organisation"] == "acme"
    assert scenario["scenario"] == "first-case"
    assert scenario["organisation"] == "acme.govsim.yaml"
    assert scenario["rulebooks"] == ["acme-rules"]
    assert list(scenario["expect"]) == ["acme-rules"]


@pytest.mark.parametrize("kind", ["organisation", "rulebook", "scenario"])
def test_every_starter_points_to_the_reference_and_the_tutorial(kind: str) -> None:
    text = starter_text(
        kind, "x", organisation="x.govsim.yaml", rulebooks=("b",), book_ids=("b",)
    )
    assert f"docs/reference/{kind}.md" in text
    assert "docs/tutorial.md" in text
    assert f"govsim schema {kind} --out" in text
    # Every top-level key is explained by the comment heading its paragraph.
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line and not line.startswith((" ", "#", "-")):
            above = i - 1
            while above >= 0 and lines[above] and not lines[above].startswith("#"):
                above -= 1
            assert above >= 0, line
            assert lines[above].startswith("#"), line


def test_a_scenario_lists_every_book_of_its_organisation(empty: Path) -> None:
    write_three()
    code, output = govsim_cli("new", "rulebook", "acme-strict")
    assert code == 0, output
    code, output = govsim_cli("new", "scenario", "second-case")
    assert code == 0, output
    assert "rule books acme-rules, acme-strict" in output
    code, output = govsim_cli("run", "second-case.govsim.yaml")
    assert code == 0, output
    assert "under acme-strict: " in output


def test_books_in_rules_are_found_and_named_by_id(empty: Path) -> None:
    code, output = govsim_cli("new", "organisation", "acme")
    assert code == 0, output
    code, output = govsim_cli("new", "rulebook", "acme-rules", "--dir", "rules")
    assert code == 0, output
    code, output = govsim_cli("new", "scenario", "first-case")
    assert code == 0, output
    scenario, _ = load_yaml_file(empty / "first-case.govsim.yaml")
    assert scenario["rulebooks"] == ["acme-rules"]
    code, output = govsim_cli("run", "first-case.govsim.yaml")
    assert code == 0, output


def test_dir_creates_folders_and_paths_are_relative_to_the_scenario(
    empty: Path,
) -> None:
    code, output = govsim_cli("new", "organisation", "acme", "--dir", "org/deep")
    assert code == 0, output
    assert (empty / "org/deep/acme.govsim.yaml").is_file()
    code, output = govsim_cli(
        "new", "rulebook", "acme-rules", "--dir", "books", "--organisation",
        "org/deep/acme.govsim.yaml",
    )  # fmt: skip
    assert code == 0, output
    code, output = govsim_cli(
        "new", "scenario", "first-case", "--dir", "cases/2024",
        "--organisation", "org/deep/acme.govsim.yaml",
        "--rules", "books/acme-rules.govsim.yaml",
    )  # fmt: skip
    assert code == 0, output
    scenario, _ = load_yaml_file(empty / "cases/2024/first-case.govsim.yaml")
    assert scenario["organisation"] == "../../org/deep/acme.govsim.yaml"
    assert scenario["rulebooks"] == ["../../books/acme-rules.govsim.yaml"]
    code, output = govsim_cli("run", "cases/2024/first-case.govsim.yaml")
    assert code == 0, output


def test_an_existing_file_is_kept_unless_forced(empty: Path) -> None:
    write_three()
    path = empty / "acme.govsim.yaml"
    path.write_text("# mine\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    code, output = govsim_cli("new", "organisation", "acme")
    assert code == 2
    assert "acme.govsim.yaml already exists; give --force to overwrite it" in output
    assert path.read_text(encoding="utf-8").startswith("# mine\n")
    code, output = govsim_cli("new", "organisation", "acme", "--force")
    assert code == 0, output
    assert not path.read_text(encoding="utf-8").startswith("# mine\n")


@pytest.mark.parametrize(
    "name", ["../escape", "a/b", "two words", "-dash", "é", "a.b", "x" * 81, ""]
)
def test_a_name_that_is_not_an_id_is_refused(empty: Path, name: str) -> None:
    code, output = govsim_cli("new", "organisation", "--", name)
    assert code == 2
    assert "Traceback" not in output
    assert "error:" in output
    assert list(empty.iterdir()) == []


def test_an_unknown_kind_is_refused_with_a_suggestion(empty: Path) -> None:
    code, output = govsim_cli("new", "rulbook", "acme")
    assert code == 2
    assert "choose organisation, rulebook or scenario" in output
    assert "rulebook" in output.split("scenario", 1)[1]


def test_a_scenario_without_an_organisation_or_a_book_says_what_to_run(
    empty: Path,
) -> None:
    code, output = govsim_cli("new", "scenario", "first-case")
    assert code == 2
    assert "govsim new organisation NAME" in output
    govsim_cli("new", "organisation", "acme")
    code, output = govsim_cli("new", "scenario", "first-case")
    assert code == 2
    assert "govsim new rulebook NAME" in output
    assert not (empty / "first-case.govsim.yaml").exists()


def test_two_organisations_need_a_choice(empty: Path) -> None:
    govsim_cli("new", "organisation", "acme")
    govsim_cli("new", "organisation", "other")
    code, output = govsim_cli("new", "rulebook", "acme-rules")
    assert code == 2
    assert "choose one with --org" in output
    code, output = govsim_cli("new", "rulebook", "acme-rules", "--organisation", "acm")
    assert code == 2
    assert "found acme, other" in output
    code, output = govsim_cli("new", "rulebook", "acme-rules", "--organisation", "acme")
    assert code == 0, output
    assert "for organisation acme" in output


def test_a_scenario_for_another_organisation_is_written_with_a_note(
    empty: Path,
) -> None:
    org = ROOT / "scenarios/invariants/organisation.govsim.yaml"
    book = ROOT / "scenarios/invariants/rules/strict.govsim.yaml"
    code, output = govsim_cli(
        "new", "scenario", "case", "--organisation", str(org), "--rules", str(book)
    )
    assert code == 0, output
    assert "does not check yet" in output
    assert "unknown person or body 'grievance'" in output


@pytest.mark.parametrize(
    ("text", "word"),
    [("acme", "acme"), ("no", '"no"'), ("2024", '"2024"'), ("a.b/c", "a.b/c")],
)
def test_yaml_words_read_back_as_themselves(text: str, word: str) -> None:
    assert yaml_word(text) == word
    assert json.loads(word if word.startswith('"') else json.dumps(word)) == text


def test_names_yaml_would_misread_are_quoted(empty: Path) -> None:
    for kind, name in (("organisation", "2024"), ("rulebook", "no")):
        code, output = govsim_cli("new", kind, name)
        assert code == 0, output
    code, output = govsim_cli("new", "scenario", "true")
    assert code == 0, output
    scenario, _ = load_yaml_file(empty / "true.govsim.yaml")
    assert scenario["scenario"] == "true"
    assert scenario["rulebooks"] == ["no"]
    code, output = govsim_cli("run", "true.govsim.yaml")
    assert code == 0, output


def test_the_templates_are_in_the_wheel(tmp_path: Path) -> None:
    wheel_builder = pytest.importorskip("hatchling.builders.wheel")
    builder = wheel_builder.WheelBuilder(str(ROOT))
    (wheel,) = builder.build(directory=str(tmp_path), versions=["standard"])
    names = set(zipfile.ZipFile(wheel).namelist())
    for kind in ("organisation", "rulebook", "scenario"):
        assert f"govsim/starters/{kind}.govsim.yaml" in names


def test_a_dir_that_is_a_file_is_refused_naming_the_option(empty: Path) -> None:
    (empty / "afile").write_text("", encoding="utf-8")
    code, output = govsim_cli("new", "organisation", "acme", "--dir", "afile")
    assert code == 2
    assert "--dir afile/acme.govsim.yaml: a part of the path is a file" in output


def test_a_schema_in_a_schemas_folder_above_is_named_on_the_first_line(
    empty: Path,
) -> None:
    (empty / "schemas").mkdir()
    for kind in ("organisation", "rulebook", "scenario"):
        (empty / "schemas" / f"{kind}.schema.json").write_text("{}", encoding="utf-8")
    write_three("cases/co-op")
    for name, kind in (
        ("acme", "organisation"),
        ("acme-rules", "rulebook"),
        ("first-case", "scenario"),
    ):
        first = (
            (empty / "cases/co-op" / f"{name}.govsim.yaml").read_text().split("\n")[0]
        )
        assert (
            first == f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json"
        )


def test_without_a_schemas_folder_the_starter_says_how_to_export_one(
    empty: Path,
) -> None:
    write_three()
    text = (empty / "acme.govsim.yaml").read_text(encoding="utf-8")
    assert not text.startswith("# yaml-language-server")
    assert "govsim schema organisation --out organisation.schema.json" in text
