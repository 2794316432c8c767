"""Static diff of two rule books: ``govsim.diff`` and ``govsim diff``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import govsim
from govsim.analysis.clausediff import diff_clauses
from govsim.analysis.permissiveness import Relation
from govsim.errors import DocumentError, UsageError
from govsim.faces.cli import app
from govsim.model.clauses import merge_books
from tests.conftest import Docs, span_of

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "scenarios" / "iso" / "rules"
OLD, EXT = "iso-2013-as-practised", "external-checks"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="module")
def iso_json() -> dict:
    """The done-when command, run once from the repository root, as JSON."""
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        result = CliRunner().invoke(app, ["diff", OLD, EXT, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def _contrast(document: dict, act: str, actor: str) -> dict:
    [found] = [
        c
        for c in document["permissiveness"]["contrasts"]
        if c["act"] == act and c["actor"] == actor
    ]
    return found


# --- the done-when cases ------------------------------------------------------


def test_external_checks_less_permissive_for_executive_override(iso_json):
    contrast = _contrast(iso_json, "alter_decision", "sc")
    assert contrast["relation"] == "less"
    [witness] = contrast["witnesses"]
    assert witness["direction"] == "less"
    probe = witness["probe"]
    assert (probe["by"], probe["act"]) == ("sc", "alter_decision")
    assert probe["verdicts"] == {"a": "irregular", "b": "void"}
    assert probe["clauses"] == {"a": ["3.1", "4.2"], "b": ["E5"]}
    # The decision altered is the disciplinary committee's sanction, reached
    # by a proper procedure both books judge valid.
    history = witness["history"]
    assert [a["act"] for a in history][-1] == "sanction"
    assert history[-1]["by"] == "ndc"
    assert probe["fields"]["decision"] == history[-1]["id"]
    assert all(a["verdicts"] == {"a": "valid", "b": "valid"} for a in history)


def test_the_diff_starts_when_the_disciplinary_committee_sits(iso_json):
    # The ISO's NDC held seats 2011-2015 only; the start comes from the seats.
    start = iso_json["permissiveness"]["start"]
    assert "2011-02-20" <= start < "2015-02-22"


def test_other_differences_of_the_iso_books(iso_json):
    relations = {
        (c["act"], c["actor"]): c["relation"]
        for c in iso_json["permissiveness"]["contrasts"]
    }
    assert relations[("interim_suspend", "sc")] == "less"
    assert relations[("interfere", "member")] == "less"
    assert relations[("take_leave", "member")] == "more"
    assert relations[("convene", "sc")] == "equivalent"
    for c in iso_json["permissiveness"]["contrasts"]:
        if c["relation"] in {"more", "less"}:
            assert [w["direction"] for w in c["witnesses"]] == [c["relation"]]


def test_reverse_diff_reports_more():
    d = govsim.diff(EXT, OLD, near=ROOT, acts=["alter_decision"], actors=["sc"])
    [contrast] = d.contrasts
    assert contrast.relation == Relation.MORE
    [witness] = contrast.witnesses
    assert witness.probe("a").verdict == govsim.Verdict.VOID
    assert witness.probe("b").verdict == govsim.Verdict.IRREGULAR
    assert witness.clauses("a") == ["E5"]
    assert "void under external-checks (clause E5)" in str(witness)


def test_a_book_diffed_with_itself_is_equivalent_everywhere():
    d = govsim.diff(EXT, EXT, near=ROOT)
    assert d.clauses.empty
    assert d.witnesses == []
    assert d.differences() == []
    assert {c.relation for c in d.contrasts} == {Relation.EQUIVALENT, Relation.UNTESTED}
    assert all(c.probes > 0 for c in d.contrasts)
    # Untested: probes were built, but every one was void under both books:
    # the book's conditions on interim suspensions (a stated basis, a scope,
    # a cap) are met by none of the prepared probes, so nothing was compared.
    untested = [
        (c.kind, c.actor) for c in d.contrasts if c.relation is Relation.UNTESTED
    ]
    assert ("interim_suspend", "sc") in untested
    assert len(untested) < len(d.contrasts) / 5
    assert d.permissiveness.probes > 1000


# --- a pair whose answer is known: a notice requirement added ---------------

ORG = """\
schema_version: 1
organisation: club
persons:
  ann: {}
  bob: {}
  cat: {}
  dan: {}
  eve: {}
  fay: {}
  gus: {}
bodies:
  meeting: {kind: convention}
  board:
    kind: executive
    seats: [{person: ann}, {person: bob}]
  panel:
    kind: disciplinary
    seats: [{person: cat}, {person: dan}, {person: eve}]
"""
PLAIN = """\
schema_version: 1
rulebook: plain
organisation: club
clauses:
  - id: "1"
    text: Members may complain.
    powers: [{by: {person: member}, acts: [file_complaint]}]
  - id: "2"
    text: The panel hears complaints and decides sanctions.
    powers: [{by: panel, acts: [serve_notice, hear, find, sanction]}]
"""
WITH_NOTICE = """\
schema_version: 1
rulebook: with-notice
extends: plain
clauses:
  - id: "3"
    text: A sanction needs seven days' notice of specific charges.
    requires: [{rule: notice, acts: [sanction], days: 7}]
"""


@pytest.fixture
def club(docs: Docs) -> tuple[Path, Path]:
    docs.write("organisation.govsim.yaml", ORG)
    return docs.write("plain.govsim.yaml", PLAIN), docs.write(
        "with-notice.govsim.yaml", WITH_NOTICE
    )


def test_added_notice_requirement_is_less_permissive_for_sanction(club):
    plain, with_notice = club
    d = govsim.diff(plain, with_notice)
    [change] = d.clauses.clauses
    assert (change.change, change.id) == ("added", "3")
    assert [str(line) for line in change.lines] == [
        "+ requires: notice (sanction, 7 days)"
    ]
    assert [(c.kind, c.actor, c.relation) for c in d.differences()] == [
        ("sanction", "panel", Relation.LESS)
    ]
    [witness] = d.contrast("sanction", "panel").witnesses
    assert witness.probe("a").verdict == govsim.Verdict.VALID
    assert witness.probe("b").verdict == govsim.Verdict.IRREGULAR
    assert witness.clauses("b") == ["2", "3"]
    assert witness.act.act == "sanction"


def test_witness_files_replay_with_both_verdicts(club, tmp_path):
    plain, with_notice = club
    d = govsim.diff(plain, with_notice, acts=["sanction"])
    [path] = d.write_witnesses(tmp_path / "witnesses")
    assert path.name == "plain-vs-with-notice-sanction-panel-less.govsim.yaml"
    for book, verdict in (("plain", "valid"), ("with-notice", "irregular")):
        result = govsim.run(path, book)
        assert result.expectations
        assert all(c.met for c in result.expectations)
        assert result.trace.acts[-1].verdict.value == verdict
    assert not list(path.parent.glob(".*draft"))


def test_two_versions_of_one_book_write_the_second_inline(club, docs, tmp_path):
    plain, _ = club
    stricter = docs.write(
        "v2/plain.govsim.yaml",
        PLAIN + '  - id: "3"\n    text: Notice.\n'
        "    requires: [{rule: notice, acts: [sanction], days: 7}]\n",
    )
    d = govsim.diff(plain, stricter, docs.root / "organisation.govsim.yaml")
    assert d.a.id == d.b.id == "plain"
    [path] = d.write_witnesses(tmp_path / "out")
    assert all(c.met for c in govsim.run(path, "plain-b").expectations)


def test_clause_diff_pairs_renamed_clauses_only_when_provisions_are_equal():
    a = govsim.load_rulebook(RULES / f"{OLD}.govsim.yaml")
    b = govsim.load_rulebook(RULES / f"{EXT}.govsim.yaml")
    changes = {c.id: c for c in diff_clauses(a, b).clauses}
    assert changes["4.3 -> E9"].change == "renamed"
    assert changes["3.1"].change == "removed"
    assert changes["E10"].change == "added"
    assert "+ denies: any executive/joint_meeting body: alter_decision" in [
        str(line) for line in changes["E5"].lines
    ]


def test_clause_diff_of_a_variant_shows_what_it_changes():
    a = govsim.load_rulebook(RULES / f"{OLD}.govsim.yaml")
    b = govsim.load_rulebook(RULES / "iso-2019-post-convention.govsim.yaml")
    d = diff_clauses(a, b)
    assert [(c.change, c.id) for c in d.clauses] == [
        ("removed", "5.1"),
        ("added", "5.2"),
        ("added", "6.1"),
        ("added", "7.1"),
    ]
    [line] = d.clauses[2].lines
    assert "a joint meeting of sc+nc" in line.text
    assert "implied by practice" in line.text


# --- command line ------------------------------------------------------------


def test_cli_prints_clauses_table_and_witness(club, runner):
    plain, with_notice = club
    result = runner.invoke(
        app, ["diff", str(plain), str(with_notice)], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    out = result.output
    assert "+ requires: notice (sanction, 7 days)" in out
    assert "clauses are matched by id" in out
    assert "no difference was found in that many probes" in out
    [row] = [line for line in out.splitlines() if line.startswith("sanction ")]
    assert "less" in row
    assert "#1 sanction by panel: with-notice is less permissive" in out
    assert "◀ probe" in out


def test_cli_writes_witnesses_and_json_carries_their_paths(club, runner, tmp_path):
    plain, with_notice = club
    out = tmp_path / "w"
    result = runner.invoke(
        app,
        ["diff", str(plain), str(with_notice), "--json", "--witnesses", str(out)],
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    [witness] = _contrast(document, "sanction", "panel")["witnesses"]
    assert Path(witness["path"]).is_file()
    run = runner.invoke(app, ["run", witness["path"]])
    assert run.exit_code == 0, run.output


def test_unknown_book_exits_2_with_no_table(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = runner.invoke(app, ["diff", OLD, "external-chekcs"])
    assert result.exit_code == 2
    assert "no rule book 'external-chekcs'" in result.output
    assert "external-checks" in result.output  # did you mean
    assert "Permissiveness" not in result.output
    assert "Traceback" not in result.output


def test_books_for_different_organisations_point_at_bs_organisation_key(
    runner, tmp_path
):
    iso = shutil.copytree(ROOT / "scenarios" / "iso", tmp_path / "iso")
    text = (iso / "rules" / f"{EXT}.govsim.yaml").read_text(encoding="utf-8")
    other = iso / "rules" / "other.govsim.yaml"
    other.write_text(
        text.replace("rulebook: external-checks", "rulebook: other-checks").replace(
            "organisation: iso", "organisation: other-org"
        ),
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["diff", str(iso / "rules" / f"{OLD}.govsim.yaml"), str(other)]
    )
    assert result.exit_code == 2
    assert f"{span_of(other, 'organisation: other-org')}: " in result.output
    assert "written for organisation 'other-org'" in result.output
    assert "Clauses" not in result.output
    with pytest.raises(DocumentError) as caught:
        govsim.diff(iso / "rules" / f"{OLD}.govsim.yaml", other)
    [problem] = caught.value.problems
    assert problem.span is not None
    assert problem.span.path == str(other)


def test_a_variant_inherits_the_position_of_its_books_organisation(docs, club):
    docs.write("far/organisation.govsim.yaml", ORG.replace("club", "far"))
    far = PLAIN.replace("club", "far").replace("rulebook: plain", "rulebook: base")
    base = docs.write("far/base.govsim.yaml", far)
    variant = WITH_NOTICE.replace("extends: plain", "extends: base")
    variant_path = docs.write("far/variant.govsim.yaml", variant)
    with pytest.raises(DocumentError) as caught:
        govsim.diff(club[0], variant_path)
    [problem] = caught.value.problems
    assert str(problem.span) == span_of(base, "organisation: far")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--act", "alter_decison"], "did you mean 'alter_decision'"),
        (["--actor", "respondent"], "'respondent' is a person"),
        (["--actor", "scc"], "no body or role 'scc'"),
    ],
)
def test_bad_act_or_actor_exits_2(runner, monkeypatch, args, message):
    monkeypatch.chdir(ROOT)
    result = runner.invoke(app, ["diff", OLD, EXT, *args])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_books_in_memory_need_an_organisation():
    book = govsim.load_rulebook(RULES / f"{EXT}.govsim.yaml")
    with pytest.raises(UsageError, match="need their organisation"):
        govsim.diff(book, book)


def test_incomparable_when_probes_lean_both_ways(club, docs):
    # A: the panel may only expel. B: any sanction, but after seven days' notice.
    mixed = docs.write(
        "mixed.govsim.yaml",
        PLAIN.replace("rulebook: plain", "rulebook: mixed").replace(
            "powers: [{by: panel, acts: [serve_notice, hear, find, sanction]}]",
            "powers: [{by: panel, acts: [serve_notice, hear, find]},"
            " {by: panel, acts: [sanction], when: {sanctions: [expel]}}]",
        ),
    )
    both = docs.write(
        "both.govsim.yaml",
        PLAIN.replace("rulebook: plain", "rulebook: both")
        + '  - id: "3"\n    text: Notice.\n'
        "    requires: [{rule: notice, acts: [sanction], days: 7}]\n",
    )
    d = govsim.diff(mixed, both, acts=["sanction"])
    contrast = d.contrast("sanction", "panel")
    assert contrast is not None
    assert contrast.relation == Relation.INCOMPARABLE
    less, more = contrast.witnesses
    assert (less.direction, more.direction) == ("less", "more")
    assert less.act.sanction == "expel"  # type: ignore[attr-defined]  # a sanction
    assert (less.probe("a").verdict, less.probe("b").verdict) == (
        govsim.Verdict.VALID,
        govsim.Verdict.IRREGULAR,
    )
    assert more.probe("a").verdict == govsim.Verdict.VOID


def test_amendments_are_matched_by_id_and_diffed():
    def book(in_force: str, repeal: list[str], text: str) -> govsim.ResolvedBook:
        document = govsim.RuleBook.model_validate(
            {
                "schema_version": 1,
                "rulebook": "dated",
                "clauses": [{"id": "1", "text": "Members complain."}],
                "amendments": [
                    {
                        "id": "m1",
                        "in_force": in_force,
                        "repeal": repeal,
                        "clauses": [{"id": "2", "text": text}],
                    }
                ],
            }
        )
        return merge_books(document, None)

    d = diff_clauses(book("2021-01-01", [], "Old."), book("2022-01-01", ["1"], "New."))
    assert d.clauses == ()
    [amendment] = d.amendments
    assert amendment.change == "changed"
    assert [str(x) for x in amendment.lines] == [
        "~ in force: 2021-01-01 -> 2022-01-01",
        "+ repeals 1",
    ]
    [clause] = amendment.clauses
    assert [str(x) for x in clause.lines] == ["~ text: New."]


def test_an_entrenchment_added_is_a_changed_clause() -> None:
    """Marking a clause entrenched changes what it takes to amend it: diff says what."""
    rules = Path(__file__).parent.parent / "scenarios" / "amendments" / "rules"
    weak = govsim.load_rulebook(rules / "assoc-weak.govsim.yaml")
    strict = govsim.load_rulebook(rules / "assoc-strict.govsim.yaml")
    changes = {c.id: c for c in diff_clauses(weak, strict).clauses}
    lines = [str(line) for line in changes["1"].lines if line.group == "entrenched"]
    assert lines == [
        "~ entrenchment: not entrenched -> entrenched (only by membership, 2/3 of "
        "votes cast, 30 days' notice of the text)"
    ]
