"""One way to find a rule book: by id or path, in one order, for every command.

The club below keeps its books in ``rules/`` under file names that are not
their ids (``club-basic.govsim.yaml`` holds ``rulebook: basic``), and the
tests run from that folder, not from the repository: each command must find
a book by its id there (docs/finding-books.md gives the order).
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from conftest import BASIC, BOARD, ORGANISATION, SMALL_CASE
from typer.testing import CliRunner

import govsim
from govsim.documents import bookscan
from govsim.documents.finding import (
    AmbiguousRuleBookError,
    BookFinder,
    Place,
    RuleBookNotFoundError,
    find_rulebook,
)
from govsim.errors import DocumentError
from govsim.faces.cli import app

SCENARIO = SMALL_CASE.replace("title: A small case\n", "")
"""The small case without a title, so its keys sit where the positions below say."""
ACTS_ONLY = SCENARIO.split("expect:", maxsplit=1)[0]
"""The small case without its expectations, for books that state none."""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def club(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A club's folder, the current one: books in rules/ named unlike their ids."""
    work = tmp_path / "club"
    write(work / "org.govsim.yaml", ORGANISATION)
    write(work / "rules" / "club-basic.govsim.yaml", BASIC)
    write(work / "rules" / "club-board.govsim.yaml", BOARD)
    write(work / "case.govsim.yaml", SCENARIO)
    monkeypatch.chdir(work)
    return work


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(env={"COLUMNS": "200", "NO_COLOR": "1"})


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.stdout, result.stderr


# --- every command finds a book by id, from a folder that is not the repository


def test_run_rules_finds_a_book_the_scenario_does_not_list(club, runner) -> None:
    code, out, err = invoke(
        runner, "run", "case.govsim.yaml", "--rules", "board-rules", "--json"
    )
    assert code == 0, err
    (run,) = json.loads(out)["runs"]
    assert run["rulebook"] == "board-rules"
    verdicts = {a["id"]: a["verdict"] for a in run["acts"]}
    assert verdicts["board-expels"] == "valid"


def test_check_finds_the_scenarios_books_by_id(club, runner) -> None:
    code, out, err = invoke(runner, "check", "case.govsim.yaml")
    assert code == 0, err
    assert "ok  case.govsim.yaml" in out


@pytest.mark.parametrize("command", ["lint", "graph"])
def test_lint_and_graph_find_a_book_by_id_in_rules(club, runner, command) -> None:
    code, out, err = invoke(runner, command, "basic")
    assert code in (0, 1), err
    assert "panel" in out


def test_diff_finds_both_books_by_id(club, runner) -> None:
    code, out, err = invoke(runner, "diff", "basic", "board-rules", "--json")
    assert code in (0, 1), err
    data = json.loads(out)
    assert [data["a"]["rulebook"], data["b"]["rulebook"]] == ["basic", "board-rules"]
    assert data["b"]["path"].endswith("club-board.govsim.yaml")


def test_explore_finds_a_book_by_id(club, runner, tmp_path) -> None:
    pytest.importorskip("hypothesis")
    code, out, err = invoke(
        runner,
        "explore",
        "board-rules",
        "-i",
        "nemo_iudex",
        "--max-examples",
        "1",
        "--out",
        str(tmp_path / "cx"),
        "--json",
    )
    assert code in (0, 1), err
    assert json.loads(out)["book"] == "board-rules"


def test_compare_finds_a_book_the_scenario_does_not_list(club, runner) -> None:
    code, out, err = invoke(
        runner,
        "compare",
        "case.govsim.yaml",
        "--rules",
        "basic",
        "--rules",
        "board-rules",
        "--json",
    )
    assert code == 0, err
    assert json.loads(out)["rulebooks"] == ["basic", "board-rules"]


def test_report_finds_a_book_the_scenario_does_not_list(club, runner) -> None:
    pytest.importorskip("jinja2")
    code, _, err = invoke(
        runner,
        "report",
        "case.govsim.yaml",
        "--rules",
        "basic",
        "--rules",
        "board-rules",
        "--out",
        "case.html",
    )
    assert code == 0, err
    page = (club / "case.html").read_text(encoding="utf-8")
    assert "board-rules" in page
    # Clauses are cited where they are written, in the files found by id.
    assert "rules/club-board.govsim.yaml:" in page
    assert "rules/club-basic.govsim.yaml:" in page


def test_sweep_spec_names_a_book_by_id_found_beside_its_scenario(club, runner) -> None:
    spec = write(
        club / "sweeps" / "s.sweep.yaml",
        """\
        schema_version: 1
        sweep: two-books
        scenario: ../case.govsim.yaml
        rulebooks: [basic, board-rules]
        runs: 1
        seed: 1
        measures: [violations]
        """,
    )
    code, _, err = invoke(
        runner, "sweep", str(spec), "--out", "out", "--quiet", "--json"
    )
    assert code == 0, err
    table = govsim.SweepResult.open(club / "out").table().to_pylist()
    books = {row["rulebook"] for row in table}
    assert books == {"basic", "board-rules"}


# --- inside documents -----------------------------------------------------------


def test_extends_by_id_when_the_file_has_another_name(club) -> None:
    write(
        club / "rules" / "variant.govsim.yaml",
        "schema_version: 1\nrulebook: variant\nextends: basic\nclauses: []\n",
    )
    book = govsim.load_rulebook(club / "rules" / "variant.govsim.yaml")
    assert {c.id for c in book.clauses} == {"1", "4.2"}


def test_a_file_name_still_names_a_book(club) -> None:
    write(club / "case.govsim.yaml", ACTS_ONLY.replace("[basic]", "[club-board]"))
    loaded = govsim.load_scenario(club / "case.govsim.yaml")
    assert list(loaded.rulebooks) == ["board-rules"]
    assert loaded.book_files["board-rules"].name == "club-board.govsim.yaml"


def test_a_path_is_relative_to_the_document(club, tmp_path, monkeypatch) -> None:
    text = SCENARIO.replace("[basic]", "[basic, rules/club-board.govsim.yaml]")
    path = write(club / "case.govsim.yaml", text)
    monkeypatch.chdir(tmp_path)  # not the scenario's folder
    assert list(govsim.load_scenario(path).rulebooks) == ["basic", "board-rules"]


def test_a_missing_path_is_not_looked_for_elsewhere(club) -> None:
    text = SCENARIO.replace("[basic]", "[basic, rules/gone.govsim.yaml]")
    path = write(club / "case.govsim.yaml", text)
    with pytest.raises(DocumentError) as caught:
        govsim.load_scenario(path)
    (problem,) = caught.value.problems
    assert problem.loc == ("rulebooks", 1)
    assert "no rule book file 'rules/gone.govsim.yaml'" in problem.message


# --- the order: a closer book shadows a farther one ----------------------------


def test_the_order_of_the_places_searched(tmp_path) -> None:
    cwd, doc, org = tmp_path / "here", tmp_path / "a" / "b", tmp_path / "o"
    places = BookFinder(cwd).places(doc, [org / "org.govsim.yaml"])
    assert places == [
        Place(doc),
        Place(doc / "rules"),
        Place(tmp_path / "a"),
        Place(tmp_path / "a" / "rules"),
        Place(org),
        Place(org / "rules"),
        Place(cwd),
        Place(cwd / "rules"),
        Place(cwd / "scenarios", recursive=True),
    ]


def test_a_folder_reached_twice_is_searched_at_its_first_place(tmp_path) -> None:
    places = BookFinder(tmp_path).places(tmp_path, [tmp_path / "org.govsim.yaml"])
    assert [p.folder for p in places] == [
        tmp_path,
        tmp_path / "rules",
        tmp_path.parent,
        tmp_path.parent / "rules",
        tmp_path / "scenarios",
    ]


def test_the_scenarios_rules_shadow_the_current_folders(club) -> None:
    local = BOARD.replace("rulebook: board-rules", "rulebook: basic")
    cases = club / "cases"
    write(cases / "rules" / "local.govsim.yaml", local)
    write(cases / "org.govsim.yaml", ORGANISATION)
    path = write(cases / "case.govsim.yaml", ACTS_ONLY)
    loaded = govsim.load_scenario(path)
    assert loaded.book_files["basic"].name == "local.govsim.yaml"
    assert "B3" in loaded.rulebooks["basic"].all_clause_ids()
    # One folder further down, with no rules/ of its own and the club's
    # organisation: the folder above's rules/ come before the organisation's.
    deeper = write(
        cases / "deeper" / "case.govsim.yaml",
        ACTS_ONLY.replace("org.govsim.yaml", "../../org.govsim.yaml"),
    )
    assert govsim.load_scenario(deeper).book_files["basic"].name == "local.govsim.yaml"


def test_the_current_folder_shadows_scenarios_below_it(club) -> None:
    write(club / "scenarios" / "x" / "rules" / "other.govsim.yaml", BASIC)
    assert find_rulebook("basic") == Path("rules/club-basic.govsim.yaml")
    (club / "rules" / "club-basic.govsim.yaml").unlink()
    assert find_rulebook("basic") == Path("scenarios/x/rules/other.govsim.yaml")


# --- two books with one id in one folder -----------------------------------------


def test_two_books_with_one_id_in_one_folder_are_ambiguous(club, runner) -> None:
    write(club / "rules" / "copy.govsim.yaml", BASIC)
    with pytest.raises(AmbiguousRuleBookError) as caught:
        find_rulebook("basic")
    message = str(caught.value)
    assert "rule book 'basic' is ambiguous" in message
    assert "rules/club-basic.govsim.yaml and rules/copy.govsim.yaml" in message
    code, _, err = invoke(runner, "lint", "basic")
    assert code == 2
    assert "is ambiguous" in err


def test_ambiguity_inside_a_scenario_is_placed_at_the_reference(club) -> None:
    write(club / "rules" / "copy.govsim.yaml", BASIC)
    with pytest.raises(DocumentError) as caught:
        govsim.load_scenario(club / "case.govsim.yaml")
    (problem,) = caught.value.problems
    assert str(problem.span).endswith("case.govsim.yaml:4:13")
    assert "club-basic.govsim.yaml and " in problem.message
    assert "copy.govsim.yaml both match" in problem.message


def test_a_closer_match_is_not_ambiguous_with_a_farther_one(club) -> None:
    write(club / "basic.govsim.yaml", BOARD.replace("board-rules", "basic"))
    assert find_rulebook("basic") == Path("basic.govsim.yaml")


# --- an unknown id ----------------------------------------------------------------


def test_an_unknown_id_lists_places_and_ids_and_suggests(club, runner) -> None:
    code, _, err = invoke(runner, "lint", "basik")
    assert code == 2
    assert "no rule book 'basik' (did you mean 'basic'?)" in err
    assert "in ., rules;" in err
    assert "books there: basic, board-rules" in err


def test_an_unknown_id_in_a_scenario_is_placed_at_the_key(club) -> None:
    path = write(
        club / "case.govsim.yaml", SCENARIO.replace("[basic]", "[basic, bord-rules]")
    )
    with pytest.raises(DocumentError) as caught:
        govsim.load_scenario(path)
    (problem,) = caught.value.problems
    assert str(problem.span) == f"{path}:4:20"
    assert problem.message.startswith(
        "no rule book 'bord-rules' (did you mean 'board-rules'?); looked for "
        "bord-rules.govsim.yaml or 'rulebook: bord-rules' in ., rules, "
    )
    assert problem.message.endswith("books there: basic, board-rules")


def test_run_names_the_scenarios_books_then_where_it_looked(club, runner) -> None:
    code, _, err = invoke(runner, "run", "case.govsim.yaml", "--rules", "nope")
    assert code == 2
    assert "scenario small-case has no rule book 'nope' (it has: basic)" in err
    assert "looked for nope.govsim.yaml or 'rulebook: nope' in ., rules" in err


def test_the_error_carries_the_places_and_ids(club) -> None:
    with pytest.raises(RuleBookNotFoundError) as caught:
        BookFinder().find("nope")
    assert caught.value.places == [".", "rules"]
    assert caught.value.ids == ["basic", "board-rules"]


# --- reading ids fast ------------------------------------------------------------------


def test_each_folder_is_read_once_per_finder(club, monkeypatch) -> None:
    read: list[Path] = []
    real = bookscan.book_id_of

    def counting(path: Path) -> str | None:
        read.append(path)
        return real(path)

    monkeypatch.setattr(bookscan, "book_id_of", counting)
    finder = BookFinder()
    assert finder.find("basic") == Path("rules/club-basic.govsim.yaml")
    assert finder.find("board-rules") == Path("rules/club-board.govsim.yaml")
    assert len(read) == len(set(read)) == 4  # org, case, and the two books


def test_one_run_shares_its_reads_and_a_new_run_sees_new_files(
    club, monkeypatch
) -> None:
    read: list[Path] = []
    real = bookscan.book_id_of
    monkeypatch.setattr(bookscan, "book_id_of", lambda p: read.append(p) or real(p))
    with bookscan.one_run():
        BookFinder().find("basic")
        BookFinder().find("board-rules")  # another finder, the same run
        assert len(read) == 4
        write(club / "rules" / "late.govsim.yaml", BASIC.replace("basic", "late"))
        with pytest.raises(RuleBookNotFoundError):
            BookFinder().find("late")  # the run read rules/ before it was written
    assert BookFinder().find("late") == Path("rules/late.govsim.yaml")


@pytest.mark.parametrize(
    ("text", "ident"),
    [
        ("rulebook: club\n", "club"),
        ("# a comment\nschema_version: 1\nrulebook: 'club'  # its id\n", "club"),
        ('"rulebook": "club"\n', "club"),
        ("organisation: club\nrulebook: two\n", "two"),
        ("scenario: s\nrulebooks:\n  - rulebook: inline\n", None),
        ("organisation: club\npersons: {}\n", None),
    ],
)
def test_the_id_is_read_from_the_top_level_keys(tmp_path, text, ident) -> None:
    path = write(tmp_path / "x.govsim.yaml", text)
    assert bookscan.book_id_of(path) == ident


def test_an_id_after_a_long_head_is_still_found(tmp_path) -> None:
    # The first 64 KiB are read first; a book whose key comes later is read whole.
    comments = "# a long preamble\n" * 10_000
    path = write(tmp_path / "late.govsim.yaml", comments + "rulebook: late\n")
    assert bookscan.book_id_of(path) == "late"
