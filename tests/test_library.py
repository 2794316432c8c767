"""The library of real rule books: each book exercised, documented and copyable.

Every folder of ``scenarios/library/`` is one public governance document
modelled as a rule book. These tests hold the library to what docs/library/
promises of it: each book has at least three scenarios with expectations
(the pytest plugin replays them; here it is checked that they exist and that
one amends the rules), every clause cites the book's source, the book's page
has its sections, and the page's table of provisions agrees with the book,
with the figure it states and with its list of what cannot be said, whose
counts docs/library/gaps.md adds up. ``govsim new rulebook NAME --from
BOOK`` copies each book as a variant that checks and lints.
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

import govsim
from govsim.documents import load_yaml_file
from govsim.faces.cli import app
from govsim.starters.library import library_books

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = ROOT / "scenarios" / "library"
PAGES = ROOT / "docs" / "library"
FOLDERS = sorted(p.name for p in LIBRARY.iterdir() if p.is_dir())
SECTIONS = (
    "## The organisation",
    "## Provisions and clauses",
    "## Scenarios",
    "## Lint",
    "## Organisation chart",
    "## Compared with ",
    "## Invariants",
    "## What cannot be said",
)
EXPRESSED = ("yes", "in part", "no")
runner = CliRunner()


def book_file(folder: str) -> Path:
    (path,) = sorted((LIBRARY / folder / "rules").glob("*.govsim.yaml"))
    return path


def table(page: str, heading: str) -> list[list[str]]:
    """The rows of the first table under ``heading``, cells stripped."""
    section = page.split(heading, 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows[2:]]


def provisions(folder: str) -> list[list[str]]:
    page = (PAGES / f"{folder}.md").read_text(encoding="utf-8")
    return table(page, "## Provisions and clauses")


def gaps(folder: str) -> list[list[str]]:
    page = (PAGES / f"{folder}.md").read_text(encoding="utf-8")
    return table(page, "## What cannot be said")


def capabilities() -> dict[str, tuple[int, int, str]]:
    """gaps.md's count table: slug -> (provisions, books, books named)."""
    text = (PAGES / "gaps.md").read_text(encoding="utf-8")
    counts = {}
    for row in table(text, "## Counts"):
        slug = re.fullmatch(r"\[`([a-z-]+)`\]\(#[a-z-]+\)", row[0])
        assert slug, f"gaps.md: {row[0]!r} is not a linked capability slug"
        counts[slug[1]] = (int(row[2]), int(row[3]), row[4])
    return counts


def test_the_library_has_at_least_eight_books() -> None:
    assert len(FOLDERS) >= 8, FOLDERS
    assert len(library_books()) == len(FOLDERS)


@pytest.mark.parametrize("folder", FOLDERS)
def test_each_book_is_exercised_by_three_scenarios_one_amending_it(
    folder: str,
) -> None:
    scenarios = sorted((LIBRARY / folder).glob("*.govsim.yaml"))
    kinds: list[str] = []
    with_expectations = 0
    for path in scenarios:
        data, _ = load_yaml_file(path)
        if "scenario" not in data:
            continue
        with_expectations += bool(data.get("expect"))
        kinds += [act["act"] for act in data.get("acts", [])]
    assert with_expectations >= 3, f"{folder}: {with_expectations} scenarios"
    assert "amend_rules" in kinds, f"{folder}: no scenario amends the rules"


@pytest.mark.parametrize("folder", FOLDERS)
def test_every_clause_cites_the_book_source(folder: str) -> None:
    data, _ = load_yaml_file(book_file(folder))
    assert data["clauses"]
    for clause in data["clauses"]:
        assert clause.get("source"), f"{folder}: clause {clause['id']} cites nothing"
        assert clause.get("text"), f"{folder}: clause {clause['id']} says nothing"


@pytest.mark.parametrize("folder", FOLDERS)
def test_each_book_page_has_its_sections_in_order(folder: str) -> None:
    page = (PAGES / f"{folder}.md").read_text(encoding="utf-8")
    where = [page.find("\n" + heading) for heading in SECTIONS]
    assert -1 not in where, [s for s, w in zip(SECTIONS, where, strict=True) if w == -1]
    assert where == sorted(where)
    assert f"scenarios/library/{folder}/" in page


@pytest.mark.parametrize("folder", FOLDERS)
def test_the_provisions_table_names_clauses_of_the_book(folder: str) -> None:
    data, _ = load_yaml_file(book_file(folder))
    ids = {str(clause["id"]) for clause in data["clauses"]}
    rows = provisions(folder)
    assert rows, f"{folder}: no provisions listed"
    for provision, _, clauses, expressed in rows:
        assert expressed in EXPRESSED, f"{folder}: {provision}: {expressed!r}"
        named = [] if clauses == "—" else [c.strip() for c in clauses.split(",")]
        assert set(named) <= ids, f"{folder}: {provision} names {named}, not in book"
        if expressed != "no":
            assert named, f"{folder}: {provision} is expressed by no clause"


@pytest.mark.parametrize("folder", FOLDERS)
def test_the_stated_figure_counts_the_table(folder: str) -> None:
    page = (PAGES / f"{folder}.md").read_text(encoding="utf-8")
    figure = re.search(
        r"Expressed: \*\*(\d+)\*\* of \*\*(\d+)\*\* procedural provisions in "
        r"full, \*\*(\d+)\*\* in part, \*\*(\d+)\*\* not\.",
        page,
    )
    assert figure, f"{folder}: no figure line"
    counts = Counter(row[3] for row in provisions(folder))
    assert [int(g) for g in figure.groups()] == [
        counts["yes"],
        sum(counts.values()),
        counts["in part"],
        counts["no"],
    ]


@pytest.mark.parametrize("folder", FOLDERS)
def test_what_cannot_be_said_lists_every_provision_not_fully_expressed(
    folder: str,
) -> None:
    short = Counter(row[0] for row in provisions(folder) if row[3] != "yes")
    listed = Counter(row[0] for row in gaps(folder))
    assert listed == short
    known = capabilities()
    for provision, why, slug in gaps(folder):
        assert why, f"{folder}: {provision}: no reason given"
        assert slug in known, f"{folder}: {provision}: unknown capability {slug!r}"


def test_gaps_page_counts_what_the_pages_list() -> None:
    by_slug: Counter[str] = Counter()
    books: dict[str, set[str]] = {}
    for folder in FOLDERS:
        for _, _, slug in gaps(folder):
            by_slug[slug] += 1
            books.setdefault(slug, set()).add(folder)
    stated = capabilities()
    assert {s: v[0] for s, v in stated.items() if v[0]} == dict(by_slug)
    for slug, (_, count, named) in stated.items():
        assert count == len(books.get(slug, ())), slug
        assert set(re.findall(r"\[([a-z0-9]+)\]", named)) == books.get(slug, set())


def test_the_library_total_is_the_sum_of_the_books() -> None:
    counts = Counter(row[3] for folder in FOLDERS for row in provisions(folder))
    text = (PAGES / "gaps.md").read_text(encoding="utf-8")
    total = re.search(
        r"Of the \*\*(\d+)\*\* procedural provisions read in the eight documents, "
        r"the library expresses \*\*(\d+)\*\* in full, \*\*(\d+)\*\* in part and "
        r"\*\*(\d+)\*\* not",
        text,
    )
    assert total, "gaps.md states no total"
    assert [int(g) for g in total.groups()] == [
        sum(counts.values()),
        counts["yes"],
        counts["in part"],
        counts["no"],
    ]


def test_the_index_compares_every_book() -> None:
    index = (PAGES / "index.md").read_text(encoding="utf-8")
    for folder in FOLDERS:
        assert f"({folder}.md)" in index, folder


@pytest.fixture
def empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def govsim_cli(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


@pytest.mark.parametrize("ident", sorted(library_books()))
def test_new_from_copies_a_library_book_with_its_organisation(
    empty: Path, ident: str
) -> None:
    book = library_books()[ident]
    code, output = govsim_cli("new", "rulebook", "ours", "--from", ident)
    assert code == 0, output
    assert f"a variant of library book {ident}" in output
    copy = govsim.load_rulebook(empty / "ours.govsim.yaml")
    original = govsim.load_rulebook(book.path)
    assert copy.id == "ours"
    assert [c.id for c in copy.clauses] == [c.id for c in original.clauses]
    assert (empty / f"{book.organisation}.govsim.yaml").is_file()
    code, output = govsim_cli("check", ".")
    assert code == 0, output
    code, output = govsim_cli("lint", "ours.govsim.yaml")
    assert code in (0, 1), output


def test_new_from_with_org_names_the_users_organisation(empty: Path) -> None:
    code, output = govsim_cli("new", "organisation", "acme")
    assert code == 0, output
    code, output = govsim_cli(
        "new", "rulebook", "ours", "--from", "pep-13", "--org", "acme"
    )
    assert code == 0, output
    assert sorted(p.name for p in empty.iterdir()) == [
        "acme.govsim.yaml",
        "ours.govsim.yaml",
    ]
    data, _ = load_yaml_file(empty / "ours.govsim.yaml")
    assert data["organisation"] == "acme"


def test_new_from_onto_another_organisation_says_what_to_rename(empty: Path) -> None:
    code, output = govsim_cli("new", "organisation", "acme")
    assert code == 0, output
    result = runner.invoke(
        app, ["new", "rulebook", "ours", "--from", "pep-13", "--org", "acme"]
    )
    assert result.exit_code == 0, result.output
    assert "does not check against acme.govsim.yaml yet" in result.output
    assert "unknown body 'council' in organisation acme" in result.output
    # And check, which reads a book with the organisation beside it, agrees.
    code, output = govsim_cli("check", ".")
    assert code == 2
    assert "ours.govsim.yaml:" in output
    assert "1 with problems" in output


def test_new_from_keeps_a_file_in_the_way_of_the_organisation(empty: Path) -> None:
    (empty / "python-project.govsim.yaml").write_text("mine\n", encoding="utf-8")
    code, output = govsim_cli("new", "rulebook", "ours", "--from", "pep-13")
    assert code == 2
    assert "python-project.govsim.yaml already exists" in output
    assert (empty / "python-project.govsim.yaml").read_text() == "mine\n"
    assert not (empty / "ours.govsim.yaml").exists()


def test_new_from_an_unknown_book_lists_the_library(empty: Path) -> None:
    code, output = govsim_cli("new", "rulebook", "ours", "--from", "pep13")
    assert code == 2
    assert "no library book with that id" in output
    assert "did you mean 'pep-13'?" in output
    assert "Traceback" not in output


def test_new_from_goes_only_with_a_rulebook(empty: Path) -> None:
    code, output = govsim_cli("new", "organisation", "acme", "--from", "pep-13")
    assert code == 2
    assert "govsim new rulebook NAME --from pep-13" in output
    assert not list(empty.iterdir())


def test_the_library_is_in_the_wheel(tmp_path: Path) -> None:
    wheel_builder = pytest.importorskip("hatchling.builders.wheel")
    builder = wheel_builder.WheelBuilder(str(ROOT))
    (wheel,) = builder.build(directory=str(tmp_path), versions=["standard"])
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in FOLDERS:
        assert f"govsim/library/{folder}/rules/{book_file(folder).name}" in names
