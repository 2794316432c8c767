"""Unknown keys name every key allowed, and independent problems come in one run.

An author learns a document's keys from the error a wrong one provokes, so the
list must be whole wherever the key stands: on every act kind, requirement
rule, decision rule and selector form, in an organisation, a clause, a power
or an expectation. And a document with several unrelated mistakes (an empty
``acts:`` list, a rule book that does not exist, an organisation file with
errors of its own, bad expectations) must show them all at once, without the
follow-on errors a part that failed would cause.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel
from typer.testing import CliRunner

from govsim.documents import parse_yaml, validate
from govsim.errors import DocumentError
from govsim.faces.cli import app
from govsim.model.acts import ACT_KINDS, Act
from govsim.model.loading import load_scenario
from govsim.model.organisation import Body, Organisation, Person, Relation, Seat
from govsim.model.requirements import REQUIREMENT_RULES, Requirement
from govsim.model.rulebook import (
    Amendment,
    Clause,
    ConflictRule,
    DecisionRule,
    FewMembers,
    Link,
    Power,
    RuleBook,
    RuleException,
)
from govsim.model.scenario import (
    Event,
    Expectations,
    InvariantExpectations,
    MeasureOutcome,
    Scenario,
    TimedExpectations,
    TimedPattern,
    ViolationExpectations,
    ViolationPattern,
)
from govsim.model.selectors import (
    BodyKindActor,
    Conditions,
    JointActor,
    PersonActor,
    SeatSelector,
    TagSelector,
    TargetSelector,
)

SEEDS = Path(__file__).resolve().parents[1] / "scenarios"


def keys_of(model: type[BaseModel]) -> str:
    """The keys a document may give ``model``, as an error lists them."""
    names = []
    for name, field in model.model_fields.items():
        alias = (
            field.validation_alias if isinstance(field.validation_alias, str) else None
        )
        names.append(str(alias or field.alias or name))
    return ", ".join(sorted(names))


def problems(model: type[BaseModel], document: dict[str, Any]) -> list[str]:
    data, source = parse_yaml(json.dumps(document, indent=1), "doc.yaml")
    with pytest.raises(DocumentError) as caught:
        validate(model, data, source)
    return [str(problem) for problem in caught.value.problems]


def assert_lists(
    found: list[str], key: str, meant: str, model: type[BaseModel]
) -> None:
    wanted = (
        f"unknown key '{key}' (did you mean '{meant}'?) (allowed: {keys_of(model)})"
    )
    assert any(line.endswith(wanted) for line in found), found


def _members(union: Any) -> list[type[BaseModel]]:
    return list(union.__origin__.__args__)


def _member(union: Any, field: str, tag: str) -> type[BaseModel]:
    [model] = [
        m for m in _members(union) if tag in m.model_fields[field].annotation.__args__
    ]
    return model


SCENARIO: dict[str, Any] = {
    "schema_version": 1,
    "scenario": "s",
    "organisation": "organisation.govsim.yaml",
    "rulebooks": ["lax"],
}


def scenario_with(act: dict[str, Any], **more: Any) -> dict[str, Any]:
    return {**SCENARIO, "acts": [{"at": "2024-03-01", "by": "exec", **act}], **more}


@pytest.mark.parametrize("kind", ACT_KINDS)
def test_unknown_key_on_every_act_kind_lists_its_keys(kind: str) -> None:
    found = problems(Scenario, scenario_with({"act": kind, "idd": "x"}))
    assert_lists(found, "idd", "id", _member(Act, "act", kind))


def book_with(clause: dict[str, Any]) -> dict[str, Any]:
    base = {"id": "1", "text": "t"}
    return {"schema_version": 1, "rulebook": "b", "clauses": [{**base, **clause}]}


@pytest.mark.parametrize("rule", REQUIREMENT_RULES)
def test_unknown_key_on_every_requirement_rule_lists_its_keys(rule: str) -> None:
    found = problems(RuleBook, book_with({"requires": [{"rule": rule, "rulle": 1}]}))
    assert_lists(found, "rulle", "rule", _member(Requirement, "rule", rule))


def test_unknown_key_on_a_decision_rule_lists_its_keys() -> None:
    found = problems(
        RuleBook, book_with({"decides": [{"acts": ["find"], "quorumm": 2}]})
    )
    assert_lists(found, "quorumm", "quorum", DecisionRule)


@pytest.mark.parametrize(
    ("selector", "key", "meant", "model"),
    [
        ({"kind": ["executive"], "kindd": 1}, "kindd", "kind", BodyKindActor),
        ({"person": "member", "bodiess": ["x"]}, "bodiess", "bodies", PersonActor),
        ({"joint_of": ["a", "b"], "joint_off": 1}, "joint_off", "joint_of", JointActor),
    ],
)
def test_unknown_key_on_every_actor_form_lists_its_keys(
    selector: dict[str, Any], key: str, meant: str, model: type[BaseModel]
) -> None:
    for group in ("powers", "decides"):
        found = problems(
            RuleBook, book_with({group: [{"by": selector, "acts": ["find"]}]})
        )
        assert_lists(found, key, meant, model)
        assert len(found) == 1, found  # not the other forms' complaints


def test_an_actor_fitting_no_form_is_told_every_forms_keys() -> None:
    found = problems(
        RuleBook, book_with({"powers": [{"by": {"persn": "member"}, "acts": ["find"]}]})
    )
    keys = sorted(
        {
            *PersonActor.model_fields,
            *BodyKindActor.model_fields,
            *JointActor.model_fields,
        }
    )
    wanted = (
        f"unknown key 'persn' (did you mean 'person'?) (allowed: {', '.join(keys)})"
    )
    assert [line.split(": ", 2)[2] for line in found] == [wanted]


def test_an_empty_actor_is_told_the_keys_that_tell_the_forms_apart() -> None:
    book = book_with({"powers": [{"by": {}, "acts": ["find"]}]})
    [line] = problems(RuleBook, book)
    assert line.endswith(
        "clauses.0.powers.0.by: missing required key: one of 'joint_of', 'kind', 'person'"
    )


def test_unknown_key_on_power_parts_lists_their_keys() -> None:
    power = {"by": "exec", "acts": ["find"]}
    cases = [
        ({**power, "actss": 1}, "actss", "acts", Power),
        (
            {**power, "over": {"persons": "member", "personss": 1}},
            "personss",
            "persons",
            TargetSelector,
        ),
        (
            {**power, "when": {"max_days": 3, "max_dayss": 1}},
            "max_dayss",
            "max_days",
            Conditions,
        ),
    ]
    for given, key, meant, model in cases:
        assert_lists(
            problems(RuleBook, book_with({"powers": [given]})), key, meant, model
        )


def test_unknown_key_on_every_other_book_part_lists_its_keys() -> None:
    rule = {"acts": ["find"], "exceptions": [{"when": {"able_at_most": 1}}]}
    cases = [
        (
            {"decides": [{**rule, "exceptions": [{"when": {}, "quorumm": 1}]}]},
            "quorumm",
            "quorum",
            RuleException,
        ),
        (
            {"decides": [{**rule, "exceptions": [{"when": {"able_at_mos": 1}}]}]},
            "able_at_mos",
            "able_at_most",
            FewMembers,
        ),
        (
            {"conflicts": [{"shared_seat_onn": ["x"]}]},
            "shared_seat_onn",
            "shared_seat_on",
            ConflictRule,
        ),
        (
            {"accountability": [{"relation": "elects", "by": "a", "off": "b"}]},
            "off",
            "of",
            Link,
        ),
    ]
    for clause, key, meant, model in cases:
        assert_lists(problems(RuleBook, book_with(clause)), key, meant, model)
    amendment = {"id": "a", "in_force": "2024-01-01", "repeall": []}
    found = problems(RuleBook, {**book_with({}), "amendments": [amendment]})
    assert_lists(found, "repeall", "repeal", Amendment)
    assert_lists(
        problems(RuleBook, {**book_with({}), "clauzes": []}),
        "clauzes",
        "clauses",
        RuleBook,
    )


def test_unknown_key_on_a_clause_lists_its_keys() -> None:
    assert_lists(
        problems(RuleBook, book_with({"titel": "x"})), "titel", "title", Clause
    )


@pytest.mark.parametrize(
    ("target", "key", "meant", "model"),
    [
        ({"tag": "signatories", "tagg": 1}, "tagg", "tag", TagSelector),
        ({"seat_on": "exec", "seat_onn": 1}, "seat_onn", "seat_on", SeatSelector),
    ],
)
def test_unknown_key_on_every_target_form_lists_its_keys(
    target: dict[str, Any], key: str, meant: str, model: type[BaseModel]
) -> None:
    act = {"act": "find", "case": "k1", "targets": [target]}
    assert_lists(problems(Scenario, scenario_with(act)), key, meant, model)


def test_unknown_key_in_an_organisation_lists_its_keys() -> None:
    org: dict[str, Any] = {
        "schema_version": 1,
        "organisation": "o",
        "persons": {"ann": {"rolee": "x"}},
        "bodies": {
            "board": {
                "kind": "executive",
                "kindd": 1,
                "seats": [{"person": "ann", "persn": 1}],
            }
        },
        "relations": [{"kind": "family", "persons": ["ann", "bob"], "kindd": 1}],
        "persns": {},
    }
    found = problems(Organisation, org)
    assert_lists(found, "persns", "persons", Organisation)
    assert_lists(found, "rolee", "role", Person)
    assert_lists(found, "kindd", "kind", Body)
    assert_lists(found, "persn", "person", Seat)
    assert_lists(found, "kindd", "kind", Relation)
    assert "from" in keys_of(Relation)  # the key a document writes, not the field


def test_unknown_key_in_expectations_lists_their_keys() -> None:
    act = {"act": "find", "case": "k1", "targets": ["ann"]}
    expect = {
        "lax": {
            "verdictss": {},
            "violations": {"present": [{"actt": "a1"}], "counts": 1},
            "invariants": {"brokn": {}},
            "timed": {"present": [{"kind": "lapse", "subjct": "a1"}], "presnt": []},
            "measures": {"a1": {"ended": "lapsed", "att": "2024-01-01"}},
        }
    }
    events = [{"at": "2024-03-01", "event": "absence", "persns": []}]
    found = problems(Scenario, scenario_with(act, expect=expect, events=events))
    assert_lists(found, "verdictss", "verdicts", Expectations)
    assert_lists(found, "actt", "act", ViolationPattern)
    assert_lists(found, "counts", "count", ViolationExpectations)
    assert_lists(found, "brokn", "broken", InvariantExpectations)
    assert_lists(found, "subjct", "subject", TimedPattern)
    assert_lists(found, "presnt", "present", TimedExpectations)
    assert_lists(found, "att", "at", MeasureOutcome)
    assert_lists(found, "persns", "persons", Event)
    found = problems(Scenario, {**scenario_with(act), "expectt": {}})
    assert_lists(found, "expectt", "expect", Scenario)


# --- independent problems in one pass -----------------------------------------


def _copy_seed(tmp_path: Path) -> None:
    shutil.copytree(SEEDS / "invariants" / "rules", tmp_path / "rules")
    shutil.copy(SEEDS / "invariants" / "organisation.govsim.yaml", tmp_path)


def _check(path: Path) -> list[str]:
    with pytest.raises(DocumentError) as caught:
        load_scenario(path)
    return [str(problem) for problem in caught.value.problems]


def test_empty_acts_do_not_hide_a_missing_book_or_bad_expectations(
    tmp_path: Path,
) -> None:
    _copy_seed(tmp_path)
    path = tmp_path / "s.govsim.yaml"
    path.write_text(
        "schema_version: 1\n"
        "scenario: s\n"
        "organisation: organisation.govsim.yaml\n"
        "rulebooks: [lax, nosuch]\n"
        "acts: []\n"
        "expect:\n"
        "  lax:\n"
        "    verdicts: {finding: valdi}\n"
        "  other: {verdicts: {finding: valid}}\n",
        encoding="utf-8",
    )
    found = _check(path)
    assert [line.split(": ")[0] for line in found] == [
        f"{path}:4:18",
        f"{path}:5:7",
        f"{path}:8:25",
        f"{path}:9:10",
    ]
    assert "no rule book 'nosuch'" in found[0]
    assert found[1].endswith("acts: needs at least 1 item (an empty list was given)")
    assert "expected one of: valid, irregular, void (got 'valdi')" in found[2]
    assert "unknown rule book 'other'" in found[3]
    # Expectations of the book that is missing are not called unknown.
    assert not any("'nosuch'" in line for line in found[1:])


def test_organisation_book_and_scenario_problems_in_one_run(tmp_path: Path) -> None:
    _copy_seed(tmp_path)
    org = tmp_path / "organisation.govsim.yaml"
    org.write_text(
        org.read_text(encoding="utf-8").replace("relations:", "relatoins:"),
        encoding="utf-8",
    )
    book = tmp_path / "rules" / "lax.govsim.yaml"
    book.write_text(
        book.read_text(encoding="utf-8").replace(
            "enforcement: audited", "enforcement: lax"
        ),
        encoding="utf-8",
    )
    path = tmp_path / "s.govsim.yaml"
    path.write_text(
        "schema_version: 1\n"
        "scenario: s\n"
        "organisation: organisation.govsim.yaml\n"
        "rulebooks: [lax]\n"
        "start: 5 March\n"
        "acts:\n"
        "  - {at: 2024-03-01, act: file_complaint, by: nobody, case: k1, against: [ann]}\n",
        encoding="utf-8",
    )
    found = _check(path)
    files = sorted({line.split(":")[0] for line in found})
    assert files == sorted([str(org), str(book), str(path)])
    assert (
        sum(
            "unknown key 'relatoins' (did you mean 'relations'?)" in line
            for line in found
        )
        == 1
    )
    assert (
        sum(
            "expected one of: regimented, audited (got 'lax')" in line for line in found
        )
        == 1
    )
    assert (
        sum(
            "start: expected a date written YYYY-MM-DD, got '5 March'" in line
            for line in found
        )
        == 1
    )
    # The organisation failed to load: its persons are unknown, not missing.
    assert not any("unknown person" in line or "nobody" in line for line in found)
    assert len(found) == 3, found


def test_valid_acts_are_still_checked_when_another_key_fails(tmp_path: Path) -> None:
    _copy_seed(tmp_path)
    path = tmp_path / "s.govsim.yaml"
    path.write_text(
        "schema_version: 1\n"
        "scenario: s\n"
        "title: [not, a, title]\n"
        "organisation: organisation.govsim.yaml\n"
        "rulebooks: [lax]\n"
        "acts:\n"
        "  - {at: 2024-03-01, act: file_complaint, by: nobdy, case: k1, against: [partner]}\n",
        encoding="utf-8",
    )
    found = _check(path)
    assert [line.split(": ", 1)[0] for line in found] == [f"{path}:3:8", f"{path}:7:47"]
    assert found[0].endswith("title: expected text, got a list")
    assert "unknown person or body 'nobdy'" in found[1]


def test_check_reports_every_independent_problem(tmp_path: Path) -> None:
    _copy_seed(tmp_path)
    path = tmp_path / "s.govsim.yaml"
    path.write_text(
        "schema_version: 1\nscenario: s\norganisation: nowhere.yaml\n"
        "rulebooks: [lax, nosuch]\nacts: []\nexpect: {other: {}}\n",
        encoding="utf-8",
    )
    done = CliRunner().invoke(app, ["check", str(path)])
    assert done.exit_code == 2
    lines = [line for line in done.output.splitlines() if line.startswith(str(path))]
    assert [line.split(": ", 2)[1] for line in lines] == [
        "organisation",
        "rulebooks.1",
        "acts",
        "expect.other",
    ]


def test_a_model_reports_its_books_problems_when_its_organisation_fails(
    tmp_path: Path,
) -> None:
    from govsim.simulation.model import load_model

    shutil.copytree(SEEDS / "iso", tmp_path / "iso")
    shutil.copytree(SEEDS / "crisis", tmp_path / "crisis")
    org = tmp_path / "iso" / "organisation.govsim.yaml"
    org.write_text(org.read_text(encoding="utf-8") + "bogus: 1\n", encoding="utf-8")
    book = tmp_path / "iso" / "rules" / "external-checks.govsim.yaml"
    text = book.read_text(encoding="utf-8")
    book.write_text(
        text.replace("\nclauses:", "\nbogus: 1\nclauses:", 1), encoding="utf-8"
    )
    model = tmp_path / "crisis" / "iso-2019.model.yaml"
    with pytest.raises(DocumentError) as caught:
        load_model(model)
    found = [str(problem) for problem in caught.value.problems]
    files = sorted(str(Path(line.split(":")[0]).resolve()) for line in found)
    assert files == sorted([str(org.resolve()), str(book.resolve())])
    assert all("unknown key 'bogus'" in line for line in found)
    # A mistake in the model itself hides neither.
    text = model.read_text(encoding="utf-8")
    model.write_text(
        text.replace("\nstart:", "\nstrat: 1\nstart:", 1), encoding="utf-8"
    )
    with pytest.raises(DocumentError) as caught:
        load_model(model)
    found = [str(problem) for problem in caught.value.problems]
    files = sorted(str(Path(line.split(":")[0]).resolve()) for line in found)
    assert files == sorted([str(org.resolve()), str(book.resolve()), str(model)])
    assert (
        sum("unknown key 'strat' (did you mean 'start'?)" in line for line in found)
        == 1
    )
    assert len(found) == 3, found


def test_a_books_schema_error_hides_neither_its_act_names_nor_the_scenarios_acts(
    tmp_path: Path,
) -> None:
    _copy_seed(tmp_path)
    book = tmp_path / "rules" / "lax.govsim.yaml"
    text = book.read_text(encoding="utf-8")
    text = text.replace("acts: [file_complaint,", "acts: [file_complaint, fnd,", 1)
    for clause in ("L2", "L3"):  # not L1, whose act is misspelt
        text = text.replace(
            f"  - id: {clause}\n    title: ", f"  - id: {clause}\n    titel: "
        )
    book.write_text(text, encoding="utf-8")
    path = tmp_path / "s.govsim.yaml"
    path.write_text(
        "schema_version: 1\nscenario: s\norganisation: organisation.govsim.yaml\n"
        "rulebooks: [lax]\n"
        "acts:\n"
        "  - {at: 2024-03-01, act: file_complaint, by: nobdy, case: k1, against: [partner]}\n",
        encoding="utf-8",
    )
    found = [line.split(": ", 2)[2] for line in _check(path)]
    assert (
        sum("unknown key 'titel' (did you mean 'title'?)" in line for line in found)
        == 2
    )
    assert "unknown act 'fnd' (did you mean 'find'?)" in found
    assert "unknown person or body 'nobdy' (did you mean 'nobody'?)" not in found
    assert any(line.startswith("unknown person or body 'nobdy'") for line in found)
    assert len(found) == 4, found


def test_a_wrong_rulebooks_item_leaves_the_others_read_and_invents_no_unknown_book(
    tmp_path: Path,
) -> None:
    _copy_seed(tmp_path)
    path = tmp_path / "s.govsim.yaml"
    path.write_text(
        "schema_version: 1\nscenario: s\norganisation: organisation.govsim.yaml\n"
        "rulebooks: [lax, 5]\n"
        "acts:\n"
        "  - {id: c, at: 2024-03-01, act: file_complaint, by: complainant, case: k1,"
        " against: [partner]}\n"
        "expect:\n"
        "  lax: {verdicts: {nope: valid}}\n"
        "  other: {verdicts: {c: valid}}\n",
        encoding="utf-8",
    )
    found = _check(path)
    assert [line.split(": ", 2)[1:] for line in found] == [
        ["rulebooks.1", "expected text or a mapping of keys (key: value lines), got 5"],
        ["expect.lax.verdicts.nope", "unknown act 'nope'"],
    ]


def test_a_sweep_spec_with_a_wrong_key_still_says_its_target_is_missing(
    tmp_path: Path,
) -> None:
    from govsim.sweeps.spec import load_spec

    spec = tmp_path / "s.sweep.yaml"
    spec.write_text(
        "schema_version: 1\nsweep: s\nmodel: nowhere.model.yaml\nrunz: 3\n",
        encoding="utf-8",
    )
    with pytest.raises(DocumentError) as caught:
        load_spec(spec)
    found = [str(problem) for problem in caught.value.problems]
    assert [line.split(": ", 2)[1] for line in found] == ["model", "runz"]
    assert "unknown key 'runz' (did you mean 'runs'?)" in found[1]
    assert "nowhere.model.yaml" in found[0]


def test_a_book_that_fails_still_has_the_book_it_extends_read(tmp_path: Path) -> None:
    from govsim.model.loading import load_rulebook

    _copy_seed(tmp_path)
    parent = tmp_path / "rules" / "lax.govsim.yaml"
    parent.write_text(
        parent.read_text(encoding="utf-8").replace(
            "\nclauses:", "\nclauzes: []\nclauses:", 1
        ),
        encoding="utf-8",
    )
    child = tmp_path / "rules" / "child.govsim.yaml"
    child.write_text(
        "schema_version: 1\nrulebook: child\nextends: lax\ntitel: x\n", encoding="utf-8"
    )
    with pytest.raises(DocumentError) as caught:
        load_rulebook(child)
    found = [str(problem) for problem in caught.value.problems]
    assert [line.split(": ", 2)[2].split(" (")[0] for line in found] == [
        "unknown key 'titel'",
        "unknown key 'clauzes'",
    ]
    assert found[0].startswith(f"{child}:4:1")
    assert found[1].startswith(f"{parent}:")
    child.write_text(
        "schema_version: 1\nrulebook: child\nextends: nowhere\ntitel: x\n",
        encoding="utf-8",
    )
    with pytest.raises(DocumentError) as caught:
        load_rulebook(child)
    found = [str(problem) for problem in caught.value.problems]
    assert [line.split(": ", 2)[1] for line in found] == ["extends", "titel"]
    assert "no rule book 'nowhere'" in found[0]


def test_an_organisation_that_fails_still_has_its_sound_references_checked(
    tmp_path: Path,
) -> None:
    from govsim.model.loading import load_organisation

    path = tmp_path / "org.govsim.yaml"
    path.write_text(
        "schema_version: 1\n"
        "organisation: o\n"
        "name: [not, a, name]\n"
        "persons:\n"
        "  ann: {branch: north}\n"
        "  bob: {status: memebr}\n"
        "bodies:\n"
        "  north: {kind: brnach}\n"
        "  board: {kind: executive, seats: [{person: ann}, {person: bob}, {person: cyd}]}\n",
        encoding="utf-8",
    )
    with pytest.raises(DocumentError) as caught:
        load_organisation(path)
    found = [str(problem).split(": ", 1)[1] for problem in caught.value.problems]
    assert [line.split(": ")[0] for line in found] == [
        "name",
        "persons.bob.status",
        "bodies.north.kind",
        "bodies.board.seats.2.person",
    ]
    assert found[-1] == "bodies.board.seats.2.person: unknown person 'cyd'"
    # ann's branch and bob's seat name entries that failed: not called unknown.


REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("document", "line", "said"),
    [
        (
            "scenarios/iso/rules/external-checks.govsim.yaml",
            8,
            "a rule book ('rulebook:')",
        ),
        ("scenarios/crisis/iso-2019.model.yaml", 21, "a behaviour model ('model:')"),
        (
            "scenarios/sweeps/crisis-three-books.sweep.yaml",
            8,
            "a sweep spec ('sweep:')",
        ),
        ("scenarios/iso/organisation.govsim.yaml", 58, "an organisation ('bodies:')"),
    ],
)
def test_run_given_another_kind_of_document_says_which_in_one_line(
    document: str, line: int, said: str
) -> None:
    result = CliRunner().invoke(app, ["run", str(REPO / document)])
    assert result.exit_code == 2
    (message,) = result.stderr.strip().splitlines()
    assert message.startswith(f"{REPO / document}:{line}:1: this file is {said}")
    assert "not a scenario (" in message


def test_a_scenario_missing_its_id_is_still_read_as_a_scenario(
    tmp_path: Path,
) -> None:
    case = tmp_path / "case.govsim.yaml"
    shutil.copy(REPO / "scenarios/iso/2012-13-case.govsim.yaml", case)
    shutil.copy(REPO / "scenarios/iso/organisation.govsim.yaml", tmp_path)
    text = case.read_text(encoding="utf-8").replace("scenario: iso-2012-13-case\n", "")
    case.write_text(text, encoding="utf-8")
    with pytest.raises(DocumentError) as raised:
        load_scenario(case, extra_rulebooks=())
    messages = [p.message for p in raised.value.problems]
    assert "missing required key 'scenario'" in " ".join(messages)
    assert not any("this file is" in m for m in messages)
