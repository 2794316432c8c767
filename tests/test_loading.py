"""Bad documents: every problem is a DocumentError at its file:line:col."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import Docs, span_of

import govsim
from govsim.errors import DocumentError, Problem, UnknownReferenceError

ORG_YAML = """\
schema_version: 1
organisation: org
persons:
  frank: {}
  respondent: {}
  alice: {}
  bob: {}
bodies:
  board:
    kind: executive
    seats:
      - {person: alice}
      - {person: bob}
  panel:
    kind: disciplinary
    seats:
      - {person: bob}
"""

BOOK_YAML = """\
schema_version: 1
rulebook: book
organisation: org
enforcement: audited
clauses:
  - id: "1"
    text: Who may do what.
    powers:
      - by: {person: member}
        acts: [file_complaint]
      - by: panel
        acts: [serve_notice, sanction]
      - by: board
        acts: [implement, convene]
    decides:
      - acts: [sanction]
        threshold: majority
"""

SCENARIO_YAML = """\
schema_version: 1
scenario: scn
organisation: organisation.govsim.yaml
rulebooks: [book]
acts:
  - id: complaint
    at: 2020-01-01
    act: file_complaint
    by: frank
    case: k1
    against: [respondent]
  - id: notice
    at: 2020-01-05
    act: serve_notice
    by: panel
    case: k1
    target: respondent
    charges: [misconduct]
    vague: false
  - id: s
    at: 2020-01-20
    act: sanction
    by: panel
    case: k1
    targets: [respondent]
    sanction: warning
expect:
  book:
    verdicts: {s: valid}
"""


def swap(text: str, old: str, new: str) -> str:
    """Replace exactly one occurrence of ``old``."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def write_all(
    docs: Docs,
    *,
    scenario: str = SCENARIO_YAML,
    org: str = ORG_YAML,
    book: str = BOOK_YAML,
) -> tuple[Path, Path, Path]:
    """Write the three documents; return (scenario, organisation, book) paths."""
    path = docs.build(org, [("book.govsim.yaml", book)], scenario)
    return (
        path,
        docs.root / "organisation.govsim.yaml",
        docs.root / "rules" / "book.govsim.yaml",
    )


def load_error(path: Path) -> DocumentError:
    with pytest.raises(DocumentError) as caught:
        govsim.load_scenario(path)
    return caught.value


def problem_at(error: DocumentError, span: str) -> str:
    """The one line of the error's text that starts at ``span``."""
    lines = [line for line in str(error).splitlines() if line.startswith(f"{span}: ")]
    assert len(lines) == 1, f"no single problem at {span} in:\n{error}"
    return lines[0]


def test_the_base_documents_load_and_run(docs: Docs) -> None:
    path, _, _ = write_all(docs)
    loaded = govsim.load_scenario(path)
    assert loaded.act_ids == ["complaint", "notice", "s"]
    assert loaded.act_lines == [6, 12, 20]
    assert govsim.run(loaded, "book").ok


# --- scenario references ------------------------------------------------------------


def test_unknown_person_in_an_act(docs: Docs) -> None:
    text = swap(SCENARIO_YAML, "target: respondent", "target: responent")
    path, _, _ = write_all(docs, scenario=text)
    error = load_error(path)
    line = problem_at(error, span_of(path, "responent"))
    assert line.endswith(
        "acts.1.target: unknown person 'responent' (did you mean 'respondent'?)"
    )


def test_unknown_person_in_a_target_list(docs: Docs) -> None:
    text = swap(SCENARIO_YAML, "targets: [respondent]", "targets: [respondnt]")
    path, _, _ = write_all(docs, scenario=text)
    line = problem_at(load_error(path), span_of(path, "respondnt"))
    assert "acts.2.targets.0: unknown person 'respondnt'" in line
    assert "(did you mean 'respondent'?)" in line


def test_unknown_actor(docs: Docs) -> None:
    text = swap(SCENARIO_YAML, "by: frank", "by: frnak")
    path, _, _ = write_all(docs, scenario=text)
    line = problem_at(load_error(path), span_of(path, "frnak"))
    assert "unknown person or body 'frnak' (did you mean 'frank'?)" in line


def test_unknown_body(docs: Docs) -> None:
    convene = (
        "  - id: meet\n    at: 2020-01-06\n    act: convene\n    by: board\n"
        "    meeting: joint\n    bodies: [board, pannel]\n"
    )
    text = swap(SCENARIO_YAML, "  - id: s\n", convene + "  - id: s\n")
    path, _, _ = write_all(docs, scenario=text)
    line = problem_at(load_error(path), span_of(path, "pannel"))
    assert line.endswith(
        "acts.2.bodies.1: unknown body 'pannel' (did you mean 'panel'?)"
    )


def test_unknown_case_no_earlier_act_opens_it(docs: Docs) -> None:
    text = swap(SCENARIO_YAML, "case: k1\n    target: ", "case: k2\n    target: ")
    path, _, _ = write_all(docs, scenario=text)
    line = problem_at(load_error(path), span_of(path, "k2"))
    assert "acts.1.case: unknown case 'k2'" in line
    assert "(no earlier act opens case 'k2')" in line


def test_case_opened_only_by_a_later_act_is_unknown(docs: Docs) -> None:
    text = swap(SCENARIO_YAML, "case: k1\n    against", "case: k0\n    against")
    path, _, _ = write_all(docs, scenario=text)
    error = load_error(path)
    for occurrence in (1, 2):  # the notice and the sanction name k1
        line = problem_at(error, span_of(path, "k1", occurrence))
        assert "unknown case 'k1'" in line
        assert "no earlier act opens case 'k1'" in line


def test_decision_must_name_an_earlier_sanction(docs: Docs) -> None:
    implement = (
        "  - id: done\n    at: 2020-01-21\n    act: implement\n    by: board\n"
        "    decision: notice\n"
    )
    text = swap(SCENARIO_YAML, "expect:\n", implement + "expect:\n")
    path, _, _ = write_all(docs, scenario=text)
    line = problem_at(load_error(path), span_of(path, "notice", after="decision: "))
    assert line.endswith("acts.3.decision: no earlier 'sanction' act has id 'notice'")


def test_acts_out_of_date_order(docs: Docs) -> None:
    text = swap(SCENARIO_YAML, "at: 2020-01-20", "at: 2019-12-31")
    path, _, _ = write_all(docs, scenario=text)
    line = problem_at(load_error(path), span_of(path, "2019-12-31"))
    assert line.endswith(
        "acts.2.at: act dated 2019-12-31 comes after one dated 2020-01-05: "
        "list acts in date order"
    )


def test_duplicate_act_ids(docs: Docs) -> None:
    text = swap(SCENARIO_YAML, "id: s\n", "id: notice\n")
    text = swap(text, "verdicts: {s: valid}", "verdicts: {notice: valid}")
    path, _, _ = write_all(docs, scenario=text)
    line = problem_at(
        load_error(path), span_of(path, "notice", after="vague: false\n  - id: ")
    )
    assert line.endswith("acts.2.id: act id 'notice' is already used by acts.1")


def test_unknown_rule_book(docs: Docs) -> None:
    text = swap(SCENARIO_YAML, "rulebooks: [book]", "rulebooks: [book, bok]")
    path, _, _ = write_all(docs, scenario=text)
    line = problem_at(load_error(path), span_of(path, "bok"))
    # The places searched, in order (docs/finding-books.md), and the ids found.
    root = docs.root.resolve()
    assert (
        "rulebooks.1: no rule book 'bok' (did you mean 'book'?); looked for "
        f"bok.govsim.yaml or 'rulebook: bok' in {root}, {root}/rules, {root.parent}, "
    ) in line
    # Sorted ids; the repository's example books (assoc-*) may come first.
    assert re.search(r"; books there: ([a-z0-9-]+, )*book, ", line)


def test_expectations_for_a_book_the_scenario_does_not_run(docs: Docs) -> None:
    text = SCENARIO_YAML + "  other-book: {verdicts: {s: valid}}\n"
    path, _, _ = write_all(docs, scenario=text)
    line = problem_at(
        load_error(path), span_of(path, "{verdicts", after="other-book: ")
    )
    assert "expect.other-book: unknown rule book 'other-book'" in line
    assert "(expectations name a book the scenario runs)" in line


def test_expectation_naming_an_unknown_act_and_clause(docs: Docs) -> None:
    text = swap(
        SCENARIO_YAML,
        "verdicts: {s: valid}",
        "verdicts: {complain: valid}\n    violations:\n"
        "      present: [{act: s, clause: '9'}]",
    )
    path, _, _ = write_all(docs, scenario=text)
    error = load_error(path)
    act = problem_at(error, span_of(path, "valid}"))
    assert act.endswith(
        "expect.book.verdicts.complain: unknown act 'complain' "
        "(did you mean 'complaint'?)"
    )
    clause = problem_at(error, span_of(path, "'9'"))
    assert (
        "expect.book.violations.present.0.clause: unknown clause of book '9'" in clause
    )
    assert len(error.problems) == 2


# --- schema errors in a scenario ------------------------------------------------------


def test_unknown_key_in_an_act(docs: Docs) -> None:
    text = swap(SCENARIO_YAML, "    target: respondent", "    targt: respondent")
    path, _, _ = write_all(docs, scenario=text)
    line = problem_at(load_error(path), span_of(path, "targt"))
    assert "unknown key 'targt' (did you mean 'target'?" in line


def test_unknown_act_kind_in_a_scenario(docs: Docs) -> None:
    text = swap(SCENARIO_YAML, "act: sanction", "act: sanctoin")
    path, _, _ = write_all(docs, scenario=text)
    line = problem_at(load_error(path), span_of(path, "sanctoin"))
    assert "acts.2.act: unknown act 'sanctoin' (did you mean 'sanction'?)" in line


def test_yaml_11_boolean_value_is_reported_at_its_position(docs: Docs) -> None:
    text = swap(SCENARIO_YAML, "vague: false", "vague: no")
    path, _, _ = write_all(docs, scenario=text)
    line = problem_at(load_error(path), span_of(path, "no\n"))
    assert "'no' is a boolean in YAML 1.1 but a string in YAML 1.2" in line
    assert "or false if you mean a boolean" in line


# --- rule books -------------------------------------------------------------------------


def test_yaml_11_word_in_a_rule_book(docs: Docs) -> None:
    text = swap(BOOK_YAML, "enforcement: audited", "enforcement: on")
    path, _, book = write_all(docs, book=text)
    line = problem_at(load_error(path), span_of(book.resolve(), "on\n"))
    assert "'on' is a boolean in YAML 1.1" in line


def test_unknown_act_kind_in_a_rule_book(docs: Docs) -> None:
    text = swap(BOOK_YAML, "[serve_notice, sanction]", "[serve_notice, sanctoin]")
    path, _, book = write_all(docs, book=text)
    line = problem_at(load_error(path), span_of(book.resolve(), "sanctoin"))
    assert line.endswith(
        "clauses.0.powers.1.acts.1: unknown act 'sanctoin' (did you mean 'sanction'?)"
    )


def test_unknown_act_kind_in_an_amendment(docs: Docs) -> None:
    # An amendment's clauses are walked like the book's own (they once were not).
    text = BOOK_YAML + (
        "amendments:\n  - id: m1\n    in_force: 2020-01-01\n    clauses:\n"
        '      - id: "2"\n        text: Later.\n        powers:\n'
        "          - by: board\n            acts: [sanctoin]\n"
    )
    path, _, book = write_all(docs, book=text)
    line = problem_at(load_error(path), span_of(book.resolve(), "sanctoin"))
    assert line.endswith(
        "amendments.0.clauses.0.powers.0.acts.0: unknown act 'sanctoin' "
        "(did you mean 'sanction'?)"
    )


def test_unknown_body_in_a_power_when_loaded_with_an_organisation(docs: Docs) -> None:
    text = swap(BOOK_YAML, "by: board", "by: bord")
    path, _, book = write_all(docs, book=text)
    line = problem_at(load_error(path), span_of(book.resolve(), "bord"))
    assert line.endswith(
        "clauses.0.powers.2.by: unknown body 'bord' in organisation org "
        "(did you mean 'board'?)"
    )
    # Without an organisation there is nothing to check the id against.
    assert govsim.load_rulebook(book).id == "book"


def test_unknown_body_named_by_a_requirement_when_loaded_with_an_organisation(
    docs: Docs,
) -> None:
    text = BOOK_YAML + (
        '  - id: "2"\n    text: Finality.\n    requires:\n'
        "      - rule: finality\n        acts: [alter_decision]\n"
        "        appeal_bodies: [pannel]\n"
    )
    path, _, book = write_all(docs, book=text)
    line = problem_at(load_error(path), span_of(book.resolve(), "pannel"))
    assert line.endswith(
        "clauses.1.requires.0.appeal_bodies.0: unknown body 'pannel' "
        "(did you mean 'panel'?)"
    )


def test_rule_book_written_for_another_organisation(docs: Docs) -> None:
    text = swap(BOOK_YAML, "organisation: org", "organisation: other-org")
    path, _, _ = write_all(docs, book=text)
    line = problem_at(load_error(path), span_of(path, "book]"))
    assert line.endswith(
        "rulebooks.0: rule book 'book' is written for organisation 'other-org', "
        "but the scenario's organisation is 'org'"
    )


def test_duplicate_clause_ids(docs: Docs) -> None:
    text = BOOK_YAML + '  - id: "1"\n    text: Again.\n'
    path, _, book = write_all(docs, book=text)
    line = problem_at(load_error(path), span_of(book.resolve(), '"1"', 2))
    assert line.endswith("clauses.1.id: clause '1' is already defined (clauses.0)")


def test_bad_threshold(docs: Docs) -> None:
    text = swap(BOOK_YAML, "threshold: majority", 'threshold: "3/2"')
    path, _, book = write_all(docs, book=text)
    line = problem_at(load_error(path), span_of(book.resolve(), '"3/2"'))
    assert "clauses.0.decides.0.threshold" in line
    assert "'3/2' is not a fraction between 0 and 1" in line


def _book(name: str, extends: str | None = None, extra: str = "") -> str:
    header = f"schema_version: 1\nrulebook: {name}\n"
    if extends is not None:
        header += f"extends: {extends}\n"
    return header + 'clauses:\n  - {id: "1", text: One.}\n' + extra


def test_extends_cycle(docs: Docs) -> None:
    a = docs.write("rules/a.govsim.yaml", _book("a", "b"))
    b = docs.write("rules/b.govsim.yaml", _book("b", "a"))
    with pytest.raises(DocumentError) as caught:
        govsim.load_rulebook(a)
    line = problem_at(caught.value, span_of(b.resolve(), "a", after="extends: "))
    assert (
        "extends: extends cycle: a.govsim.yaml -> b.govsim.yaml -> a.govsim.yaml"
        in line
    )


def test_extends_cycle_through_a_scenario(docs: Docs) -> None:
    docs.write("rules/a.govsim.yaml", _book("a", "b"))
    docs.write("rules/b.govsim.yaml", _book("b", "a"))
    text = swap(SCENARIO_YAML, "rulebooks: [book]", "rulebooks: [a]")
    text = text.replace("  book:\n", "  a:\n")
    path = docs.write("s.govsim.yaml", text)
    docs.write("organisation.govsim.yaml", ORG_YAML)
    error = load_error(path)
    assert "extends cycle" in str(error)


def test_extends_a_missing_book(docs: Docs) -> None:
    a = docs.write("rules/a.govsim.yaml", _book("a", "nowhere"))
    with pytest.raises(DocumentError) as caught:
        govsim.load_rulebook(a)
    line = problem_at(caught.value, span_of(a.resolve(), "nowhere"))
    rules = (docs.root / "rules").resolve()
    assert (
        "extends: no rule book 'nowhere'; looked for nowhere.govsim.yaml or "
        f"'rulebook: nowhere' in {rules}, {rules.parent}, "
    ) in line


def test_remove_of_a_clause_the_parent_lacks(docs: Docs) -> None:
    docs.write("rules/parent.govsim.yaml", _book("parent"))
    child = docs.write(
        "rules/child.govsim.yaml", _book("child", "parent", 'remove: ["1", "7"]\n')
    )
    with pytest.raises(DocumentError) as caught:
        govsim.load_rulebook(child)
    line = problem_at(caught.value, span_of(child.resolve(), '"7"'))
    assert line.endswith("remove.1: '7' is not a clause of parent")
    assert len(caught.value.problems) == 1


def test_remove_without_extends(docs: Docs) -> None:
    book = docs.write("rules/solo.govsim.yaml", _book("solo", None, 'remove: ["1"]\n'))
    with pytest.raises(DocumentError) as caught:
        govsim.load_rulebook(book)
    line = problem_at(caught.value, span_of(book.resolve(), '["1"]'))
    assert "'remove' only makes sense with 'extends'" in line


# --- every file at once ---------------------------------------------------------------


def test_problems_in_every_file_are_reported_together_and_sorted(docs: Docs) -> None:
    org = swap(ORG_YAML, "- {person: bob}\n  panel", "- {person: bobb}\n  panel")
    book = BOOK_YAML + '  - id: "1"\n    text: Again.\n'
    scen = swap(SCENARIO_YAML, "by: frank", "by: frnak")
    scen = swap(scen, "target: respondent", "target: responent")
    path, org_path, book_path = write_all(docs, scenario=scen, org=org, book=book)
    error = load_error(path)
    spans = [p.span for p in error.problems]
    assert all(s is not None for s in spans)
    assert {s.path for s in spans if s} == {
        str(path),
        str(org_path),
        str(book_path.resolve()),
    }
    assert len(error.problems) == 4
    assert error.problems == sorted(error.problems, key=Problem.sort_key)
    assert str(error).splitlines() == [str(p) for p in error.problems]
    problem_at(error, span_of(org_path, "bobb"))
    problem_at(error, span_of(book_path.resolve(), '"1"', 2))
    problem_at(error, span_of(path, "frnak"))
    problem_at(error, span_of(path, "responent"))


# --- lookups by id -----------------------------------------------------------------------


def test_running_an_unknown_book_is_an_unknown_reference(docs: Docs) -> None:
    path, _, _ = write_all(docs)
    loaded = govsim.load_scenario(path)
    with pytest.raises(UnknownReferenceError) as caught:
        govsim.run(loaded, "no-such-book")
    assert isinstance(caught.value, KeyError)
    assert "no rule book 'no-such-book' (it has: book)" in str(caught.value)


def test_explaining_an_unknown_act_is_an_unknown_reference(docs: Docs) -> None:
    path, _, _ = write_all(docs)
    result = govsim.run(path, "book")
    with pytest.raises(UnknownReferenceError, match="no act 'nope' in scenario scn"):
        result.explain("nope")
    assert "verdict under book: VALID" in str(result.explain("s"))


@pytest.mark.parametrize("key", ["threshold", "quorum"])
def test_zero_denominator_is_a_document_error(docs: Docs, key: str) -> None:
    text = swap(BOOK_YAML, "threshold: majority", f'{key}: "1/0"')
    path, _, book = write_all(docs, book=text)
    line = problem_at(load_error(path), span_of(book.resolve(), '"1/0"'))
    assert f"clauses.0.decides.0.{key}" in line
