"""The procedural invariant library: examples, expectations and the framework.

Every registered invariant has a scenario that breaks it (with witnesses) and
one in which it holds; the focused examples in ``scenarios/invariants/`` meet
their expectations under both of their rule books; and choosing invariants,
reading their parameters and reporting mistakes in the choice work as the
scenario format promises.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from conftest import Docs, organisation, rulebook, scenario, span_of
from typer.testing import CliRunner

import govsim
from govsim.documents import load_yaml_file
from govsim.engine.trace import Verdict
from govsim.errors import DocumentError, Problem
from govsim.faces.cli import app
from govsim.invariants import INVARIANTS, InvariantKind, by_number, choose
from govsim.model.loading import load_rulebook, load_scenario
from govsim.model.scenario import Scenario

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
EXAMPLES = SCENARIOS / "invariants"
SUFFIX = ".govsim.yaml"


def _is_scenario(path: Path) -> bool:
    data, _ = load_yaml_file(path)
    return isinstance(data, dict) and "scenario" in data


EXAMPLE_FILES = sorted(p for p in EXAMPLES.glob(f"*{SUFFIX}") if _is_scenario(p))


@dataclass(frozen=True)
class Example:
    path: Path
    rulebook: str
    witnesses: tuple[str, ...]


@cache
def _examples() -> tuple[dict[str, list[Example]], dict[str, list[Example]]]:
    """Scenario expectations below scenarios/, by invariant: (broken, holds)."""
    broken: dict[str, list[Example]] = {}
    holds: dict[str, list[Example]] = {}
    for path in sorted(SCENARIOS.rglob(f"*{SUFFIX}")):
        if not _is_scenario(path):
            continue
        try:
            loaded = load_scenario(path)
        except DocumentError:
            if path.is_relative_to(EXAMPLES):
                raise
            continue  # someone else's scenario; the pytest plugin reports it
        for book, expect in loaded.scenario.expect.items():
            if expect.invariants is None:
                continue
            for name, witnesses in expect.invariants.broken.items():
                broken.setdefault(name, []).append(Example(path, book, witnesses))
            for name in expect.invariants.holds:
                holds.setdefault(name, []).append(Example(path, book, ()))
    return broken, holds


# --- (1) every invariant is shown broken and kept ---------------------------------


def test_catalogue_numbers_are_distinct_and_in_order():
    numbers = [inv.number for inv in by_number()]
    assert len(set(numbers)) == len(INVARIANTS) >= 35
    assert numbers == sorted(numbers)


@pytest.mark.parametrize("name", sorted(INVARIANTS))
def test_some_scenario_breaks_the_invariant_with_witnesses(name):
    broken, _ = _examples()
    with_witnesses = [e for e in broken.get(name, []) if e.witnesses]
    assert with_witnesses, f"no scenario expects {name} broken with witnesses"


@pytest.mark.parametrize("name", sorted(INVARIANTS))
def test_some_scenario_expects_the_invariant_to_hold(name):
    _, holds = _examples()
    assert holds.get(name), f"no scenario expects {name} to hold"


def test_there_is_one_focused_example_per_invariant():
    names = sorted(p.name.removesuffix(SUFFIX) for p in EXAMPLE_FILES)
    assert names == sorted(INVARIANTS)


# --- (2) the focused examples meet their expectations ---------------------------


def _witnesses(result: govsim.Result, name: str) -> set[str]:
    return {w for b in result.breaches if b.invariant == name for w in b.witnesses}


@pytest.mark.parametrize(
    "path", EXAMPLE_FILES, ids=[p.name.removesuffix(SUFFIX) for p in EXAMPLE_FILES]
)
def test_example_breaks_under_one_book_and_holds_under_the_other(path):
    name = path.name.removesuffix(SUFFIX)
    loaded = load_scenario(path)
    s = loaded.scenario
    assert s.description, "the docs page shows the description next to the invariant"
    assert [inv.name for inv, _ in choose(s)] == [name]

    results = govsim.run_all(loaded)
    assert [r.rulebook for r in results] == list(s.expect)
    sides: dict[str, str] = {}
    for result in results:
        unmet = [
            f"{e.description} (found: {e.actual})"
            for e in result.expectations
            if not e.met
        ]
        assert unmet == [], result.rulebook
        assert result.ok
        assert result.trace.invariants == (name,)
        assert {b.invariant for b in result.breaches} <= {name}
        expected = s.expect[result.rulebook].invariants
        assert expected is not None
        if name in expected.broken:
            wanted = expected.broken[name]
            assert wanted, "a broken example names its witnesses"
            assert set(wanted) <= _witnesses(result, name)
            sides["broken"] = result.rulebook
        if name in expected.holds:
            assert [b for b in result.breaches if b.invariant == name] == []
            assert result.invariants() == {name: []}
            sides["holds"] = result.rulebook
    assert set(sides) == {"broken", "holds"}
    assert sides["broken"] != sides["holds"]


def test_safety_breaches_name_the_act_that_broke_the_invariant():
    path = EXAMPLES / f"nemo_iudex{SUFFIX}"
    lax, strict = govsim.run_all(path)
    (breach,) = lax.breaches
    assert breach.act == "finding"
    assert breach.kind == InvariantKind.SAFETY.value
    assert str(breach.at) == "2024-03-20"
    assert strict.verdict("finding").value == "void"
    assert strict.breaches == []


def test_deadline_breaches_are_dated_when_the_bound_fell_due():
    path = EXAMPLES / f"implement_within{SUFFIX}"
    lax = govsim.run(path, "lax")
    (breach,) = lax.breaches
    assert breach.kind == InvariantKind.DEADLINE.value
    assert breach.act is None
    # decided 2024-03-25; 30 days by default; breached the day after the bound
    assert str(breach.at) == "2024-04-25"


def test_structural_invariants_are_checked_on_the_book_without_any_act():
    path = EXAMPLES / f"accountability_graph{SUFFIX}"
    lax = govsim.run(path, "lax")
    assert {b.kind for b in lax.breaches} == {InvariantKind.STRUCTURAL.value}
    assert {b.act for b in lax.breaches} == {None}
    assert sorted(w for b in lax.breaches for w in b.witnesses) == [
        "appeals",
        "dc",
        "education",
        "exec",
    ]


# --- (3) the framework ------------------------------------------------------------


def _scenario(invariants: Any = None) -> Scenario:
    doc: dict[str, Any] = {
        "schema_version": 1,
        "scenario": "s",
        "organisation": "organisation.govsim.yaml",
        "rulebooks": ["book"],
        "acts": [
            {
                "at": "2024-01-01",
                "act": "file_complaint",
                "by": "bob",
                "case": "k",
                "against": ["ann"],
            }
        ],
    }
    if invariants is not None:
        doc["invariants"] = invariants
    return Scenario.model_validate(doc)


def test_choose_all_gives_every_invariant_in_catalogue_order():
    chosen = choose(_scenario("all"))
    assert [inv.name for inv, _ in chosen] == [inv.name for inv in by_number()]
    assert all(overrides == {} for _, overrides in chosen)


def test_choose_is_all_by_default_and_nothing_for_none():
    assert choose(_scenario()) == choose(_scenario("all"))
    assert len(choose(_scenario())) == len(INVARIANTS)
    assert choose(_scenario("none")) == []


def test_choose_a_list_keeps_catalogue_order_and_overrides():
    chosen = choose(
        _scenario(
            [
                "competence",
                {"notice_before_sanction": {"days": 30}},
                "nemo_iudex",
            ]
        )
    )
    assert [(inv.name, overrides) for inv, overrides in chosen] == [
        ("nemo_iudex", {}),
        ("notice_before_sanction", {"days": 30}),
        ("competence", {}),
    ]


ORG = organisation(
    ["ann", "bob", "cat", "dan"],
    {"panel": {"kind": "disciplinary", "seats": [{"person": "cat"}]}},
)
COMPLAIN = {"by": {"person": "member"}, "acts": ["file_complaint"]}
PANEL = {"by": "panel", "acts": ["serve_notice", "hear", "find", "sanction"]}


def _book(ident: str = "book", *requires: dict[str, Any]) -> dict[str, Any]:
    clauses = [
        {"id": "1", "text": "Members complain.", "powers": [COMPLAIN]},
        {
            "id": "2",
            "text": "The panel decides complaints.",
            "powers": [PANEL],
            "requires": list(requires),
        },
    ]
    return rulebook(clauses, ident=ident, enforcement="audited")


SCENARIO_YAML = """\
schema_version: 1
scenario: scn
organisation: organisation.govsim.yaml
rulebooks: [book]
invariants:
  - nemo_iudex
  - {invariant}
acts:
  - {{id: complaint, at: 2024-01-01, act: file_complaint, by: bob, case: k, against: [ann]}}
expect:
  book:
    invariants:
      holds: [{holds}]
"""


def _write(docs: Docs, invariant: str, holds: str = "nemo_iudex") -> Path:
    docs.write("organisation.govsim.yaml", ORG)
    docs.write("rules/book.govsim.yaml", _book())
    return docs.write(
        "scenario.govsim.yaml", SCENARIO_YAML.format(invariant=invariant, holds=holds)
    )


def _problem(error: DocumentError, loc: tuple[str | int, ...]) -> Problem:
    found = [p for p in error.problems if p.loc == loc]
    assert len(found) == 1, [str(p) for p in error.problems]
    return found[0]


def _line(span: str) -> int:
    return int(span.rsplit(":", 2)[1])


def test_unknown_invariant_name_is_a_document_error_at_its_line(docs):
    path = _write(docs, "nemo_iduex")
    with pytest.raises(DocumentError) as caught:
        load_scenario(path)
    problem = _problem(caught.value, ("invariants", 1))
    assert "unknown invariant 'nemo_iduex'" in problem.message
    assert "did you mean 'nemo_iudex'" in problem.message
    assert str(problem.span) == span_of(path, "nemo_iduex")


def test_unknown_invariant_in_expectations_is_a_document_error_at_its_line(docs):
    path = _write(docs, "competence", holds="competence, nemo_iduex")
    with pytest.raises(DocumentError) as caught:
        load_scenario(path)
    problem = _problem(caught.value, ("expect", "book", "invariants", "holds", 1))
    assert "unknown invariant 'nemo_iduex'" in problem.message
    assert str(problem.span) == span_of(path, "nemo_iduex")


def test_expecting_an_invariant_the_scenario_does_not_check_is_an_error(docs):
    path = _write(docs, "competence", holds="external_check")
    with pytest.raises(DocumentError) as caught:
        load_scenario(path)
    problem = _problem(caught.value, ("expect", "book", "invariants", "holds", 0))
    assert "not among those the scenario checks" in problem.message
    assert str(problem.span) == span_of(path, "external_check")


def test_unknown_parameter_is_a_document_error_at_its_line(docs):
    path = _write(docs, "notice_before_sanction: {dayz: 30}")
    with pytest.raises(DocumentError) as caught:
        load_scenario(path)
    problem = _problem(
        caught.value, ("invariants", 1, "notice_before_sanction", "dayz")
    )
    assert "has no parameter 'dayz'" in problem.message
    assert "did you mean 'days'" in problem.message
    assert problem.span is not None
    assert problem.span.line == _line(span_of(path, "dayz"))


def test_book_parameter_a_listed_book_does_not_define_is_refused_on_loading(docs):
    # Found by the document fuzzer: govsim check accepted the scenario and
    # govsim run refused it; check now refuses what run could not use.
    path = _write(docs, "right_to_be_heard: {min_days: book}")
    with pytest.raises(DocumentError) as caught:
        load_scenario(path)
    problem = _problem(caught.value, ("invariants", 1, "right_to_be_heard", "min_days"))
    assert "rule book book does not define right_to_be_heard.min_days" in (
        problem.message
    )
    assert str(problem.span) == span_of(path, "book}")
    done = CliRunner().invoke(app, ["check", str(path)])
    assert done.exit_code == 2
    assert f"{span_of(path, 'book}')}: invariants.1.right_to_be_heard" in done.stderr


def test_book_parameter_a_book_run_by_path_does_not_define_fails_at_run_time(docs):
    invariants = [{"notice_before_sanction": {"days": "book"}}]
    path = docs.build(
        ORG,
        [_book("book", TWENTY_DAYS)],
        scenario(NOTICE_ACTS, invariants=invariants),
    )
    loaded = load_scenario(path)  # its own book states the notice
    other = docs.write("other.govsim.yaml", _book("other"))
    with pytest.raises(DocumentError) as caught:
        govsim.run(loaded, other)
    problem = _problem(
        caught.value, ("invariants", 0, "notice_before_sanction", "days")
    )
    assert "rule book other does not define notice_before_sanction.days" in (
        problem.message
    )


@pytest.mark.parametrize(
    ("invariant", "value", "message"),
    [
        (
            "threshold_by_kind: {recall: ",
            "1.5",
            "'1.5' is not a fraction between 0 and 1",
        ),
        ("threshold_by_kind: {expel: ", "'0/0'", "'0/0' divides by zero"),
        (
            "dissolution_guard: {threshold: ",
            "abc",
            "'abc' is not a share: write majority",
        ),
        ("quorum_after_recusal: {quorum: ", "0", "a quorum counts at least 1 person"),
        ("quorum_after_recusal: {quorum: ", "1e308", "is not a fraction between"),
    ],
    ids=[
        "recall-above-one",
        "expel-divides-by-zero",
        "threshold-a-word",
        "quorum-0",
        "quorum-huge",
    ],
)
def test_a_threshold_or_quorum_parameter_must_read_as_one(
    docs, invariant, value, message
):
    # Found by the document fuzzer: these passed the check and the replay
    # ended in ValueError when the invariant read them.
    path = _write(docs, f"{invariant}{value}}}")
    with pytest.raises(DocumentError) as caught:
        load_scenario(path)
    (problem,) = caught.value.problems
    assert message in problem.message
    assert str(problem.span) == span_of(path, value, after="invariants")


def test_a_quorum_parameter_may_be_a_head_count(docs):
    path = _write(docs, "quorum_after_recusal: {quorum: 3}")
    assert load_scenario(path)


# A sanction sixteen days after the notice of charges: enough for the default
# of fifteen days, not for a book that requires twenty.
NOTICE_ACTS = [
    {
        "id": "complaint",
        "at": "2024-01-01",
        "act": "file_complaint",
        "by": "bob",
        "case": "k",
        "against": ["ann"],
    },
    {
        "id": "notice",
        "at": "2024-01-05",
        "act": "serve_notice",
        "by": "panel",
        "case": "k",
        "target": "ann",
        "charges": ["the conduct complained of"],
    },
    {
        "id": "censure",
        "at": "2024-01-21",
        "act": "sanction",
        "by": "panel",
        "case": "k",
        "targets": ["ann"],
        "sanction": "censure",
    },
]
TWENTY_DAYS = {"rule": "notice", "acts": ["sanction"], "days": 20}
DAY = dt.date(2024, 1, 1)


def _notice_run(docs: Docs, invariant: Any, *requires: dict[str, Any]) -> Any:
    path = docs.build(
        ORG, [_book("book", *requires)], scenario(NOTICE_ACTS, invariants=[invariant])
    )
    return govsim.run(path, "book")


def _notice_breaches(result: govsim.Result) -> list[str]:
    return [
        b.message for b in result.breaches if b.invariant == "notice_before_sanction"
    ]


def test_parameter_defaults_when_the_book_is_silent(docs):
    result = _notice_run(docs, "notice_before_sanction")
    assert result.verdict("censure").value == "valid"
    assert _notice_breaches(result) == []


def test_parameter_is_read_from_the_book(docs):
    book = _book("book", TWENTY_DAYS)
    clauses = load_rulebook(docs.write("rules/book.govsim.yaml", book)).clauses_on(DAY)
    inv = INVARIANTS["notice_before_sanction"]
    assert inv.resolve(clauses).days == 20
    assert inv.resolve(clauses, {"days": "book"}).days == 20

    result = _notice_run(docs, "notice_before_sanction", TWENTY_DAYS)
    assert result.verdict("censure").value == "irregular"  # audited: takes effect
    assert _notice_breaches(result) == [
        "ann was sanctioned without notice of specific charges 20 days before"
    ]
    book_said = _notice_run(
        docs, {"notice_before_sanction": {"days": "book"}}, TWENTY_DAYS
    )
    assert _notice_breaches(book_said) == _notice_breaches(result)


def test_an_override_wins_over_the_book(docs):
    inv = INVARIANTS["notice_before_sanction"]
    clauses = load_rulebook(
        docs.write("rules/book.govsim.yaml", _book("book", TWENTY_DAYS))
    ).clauses_on(DAY)
    assert inv.resolve(clauses, {"days": 10}).days == 10
    result = _notice_run(docs, {"notice_before_sanction": {"days": 10}}, TWENTY_DAYS)
    assert result.verdict("censure").value == "irregular"
    assert _notice_breaches(result) == []
    stricter = _notice_run(docs, {"notice_before_sanction": {"days": 30}})
    assert _notice_breaches(stricter) == [
        "ann was sanctioned without notice of specific charges 30 days before"
    ]


def test_parameters_of_the_strict_example_book_are_read_from_its_clauses():
    strict = load_rulebook(EXAMPLES / "rules" / f"strict{SUFFIX}")
    clauses = strict.clauses_on(DAY)
    resolved = {
        name: INVARIANTS[name].resolve(clauses).as_dict()
        for name in (
            "notice_before_sanction",
            "right_to_be_heard",
            "interim_legitimacy",
        )
    }
    assert resolved == {
        "notice_before_sanction": {"days": 15},
        "right_to_be_heard": {"min_days": 5},
        "interim_legitimacy": {
            "max_days": 60,
            "review_days": 7,
            "bases": "danger,charges_filed",
        },
    }
    lax = load_rulebook(EXAMPLES / "rules" / f"lax{SUFFIX}")
    silent = lax.clauses_on(DAY)
    assert INVARIANTS["interim_legitimacy"].resolve(silent).as_dict() == {
        "max_days": 30,
        "review_days": 7,
        "bases": "danger,charges_filed",
    }


UNHEARD = [NOTICE_ACTS[0], NOTICE_ACTS[2]]  # censured with no notice and no hearing


def test_a_replay_with_invariants_none_has_no_breaches(docs):
    checked = govsim.run(
        docs.build(ORG, [_book()], scenario(UNHEARD, invariants="all")), "book"
    )
    assert {"notice_before_sanction", "right_to_be_heard"} <= {
        b.invariant for b in checked.breaches
    }
    assert len(checked.trace.invariants) == len(INVARIANTS)

    unchecked = govsim.run(
        docs.build(ORG, [_book()], scenario(UNHEARD, invariants="none")), "book"
    )
    assert unchecked.breaches == []
    assert unchecked.trace.invariants == ()
    assert unchecked.invariants() == {}
    assert unchecked.verdict("censure") == checked.verdict("censure")


def test_the_complainant_s_own_steps_in_the_case_need_not_be_told_to_them(
    docs: Docs,
) -> None:
    org = organisation(
        ["frank", "eve", "dave"],
        {
            "dc": {
                "kind": "disciplinary",
                "seats": [{"person": "frank"}, {"person": "dave"}],
            }
        },
    )
    book = [
        {
            "id": "P",
            "text": "Powers.",
            "powers": [
                {"by": {"person": "member"}, "acts": ["file_complaint"]},
                {"by": "dc", "acts": ["sanction"]},
            ],
        }
    ]
    acts = [
        {"id": "k", "at": "2020-01-01", "act": "file_complaint", "by": "frank", "case": "k1", "against": ["eve"]},
        # frank, the complainant, sits on the committee and votes for the sanction.
        {"id": "s", "at": "2020-01-03", "act": "sanction", "by": "dc", "case": "k1", "targets": ["eve"],
         "sanction": "warning", "vote": {"for": ["frank", "dave"]}},
    ]  # fmt: skip
    result = docs.run(
        org, book, acts, invariants=["complainant_informed"], end="2020-03-01"
    )
    messages = [b.message for b in result.breaches]
    # Only the acknowledgement is owed: frank took the sanction himself.
    assert messages == [
        "frank, the complainant in case k1, had no word of an acknowledgement of the "
        "complaint of 2020-01-01 by 2020-01-08 (7 days)"
    ]


def test_interim_legitimacy_asks_the_record_for_the_ground_it_allows(docs: Docs):
    """An allowed ground is a fact to be shown: 'charges_filed' with no charges breaks it."""
    org = organisation(
        ["comp", "resp", "x1", "x2"],
        {"exec": {"kind": "executive", "seats": [{"person": "x1"}, {"person": "x2"}]}},
    )
    powers = {
        "id": "1",
        "text": "Powers.",
        "powers": [
            {"by": {"person": "member"}, "acts": ["file_complaint"]},
            {"by": "exec", "acts": ["interim_suspend", "serve_notice"]},
        ],
    }
    measure = {
        "at": "2024-03-05",
        "act": "interim_suspend",
        "by": "exec",
        "case": "k1",
        "targets": ["resp"],
        "scope": "membership",
        "basis": "charges_filed",
        "written_notice": True,
        "expires_at": "2024-03-20",
        "review_at": "2024-03-12",
    }
    complaint = {
        "id": "c",
        "at": "2024-03-01",
        "act": "file_complaint",
        "by": "comp",
        "case": "k1",
        "against": ["resp"],
    }
    charges = {
        "id": "n",
        "at": "2024-03-04",
        "act": "serve_notice",
        "by": "exec",
        "case": "k1",
        "target": "resp",
    }
    bare = docs.run(
        org,
        [powers],
        [complaint, {"id": "m", **measure}],
        invariants=["interim_legitimacy"],
    )
    (breach,) = bare.invariants()["interim_legitimacy"]
    assert "ground 'charges_filed' is not supported by the record" in breach.message
    charged = docs.run(
        org,
        [powers],
        [complaint, charges, {"id": "m", **measure}],
        invariants=["interim_legitimacy"],
    )
    assert charged.invariants().get("interim_legitimacy", []) == []


@pytest.mark.parametrize(
    ("vote", "broken"),
    [
        (
            None,
            False,
        ),  # no vote recorded: the conflicted member is taken to stand aside
        ({"for": ["d2", "d3"]}, False),  # a roll call without her
        ({"for": ["d1", "d2"]}, True),  # a roll call with her
    ],
)
def test_nemo_iudex_counts_those_who_took_part_as_the_engine_does(
    docs: Docs, vote, broken
):
    org = organisation(
        ["comp", "resp", "d1", "d2", "d3"],
        {
            "dc": {
                "kind": "disciplinary",
                "seats": [{"person": p} for p in ("d1", "d2", "d3")],
            }
        },
        [{"kind": "family", "persons": ["d1", "comp"]}],
    )
    powers = {
        "id": "1",
        "text": "Powers.",
        "powers": [
            {"by": {"person": "member"}, "acts": ["file_complaint"]},
            {"by": "dc", "acts": ["find"]},
        ],
    }
    complaint = {
        "id": "c",
        "at": "2024-03-01",
        "act": "file_complaint",
        "by": "comp",
        "case": "k1",
        "against": ["resp"],
    }
    find = {
        "id": "f",
        "at": "2024-03-10",
        "act": "find",
        "by": "dc",
        "case": "k1",
        "targets": ["resp"],
    }
    if vote is not None:
        find["vote"] = vote
    result = docs.run(org, [powers], [complaint, find], invariants=["nemo_iudex"])
    breaches = result.invariants().get("nemo_iudex", [])
    assert bool(breaches) == broken
    if broken:
        assert "d1" in breaches[0].message


@pytest.mark.parametrize(
    ("appeals", "broken"),
    [
        # No one decides appeals: the committee's sanctions stand unheard.
        (None, ["dc may sanction (clause S) and no body hears appeals from it"]),
        # A power over the committee's decisions is an appeal route, as a link is.
        ({"by": "panel", "over": {"decisions_of": ["dc"]}}, []),
        # So is one over decisions of its kind, or by a kind of body made per case.
        ({"by": "panel", "over": {"decisions_of_kind": ["disciplinary"]}}, []),
        ({"by": {"kind": ["appeal"]}}, []),
        # A power over another body's decisions is not.
        (
            {"by": "panel", "over": {"decisions_of": ["exec"]}},
            ["dc may sanction (clause S) and no body hears appeals from it"],
        ),
        # Nor is the committee hearing appeals from itself.
        ({"by": "dc"}, ["appeals from dc go to dc, which is not distinct from it"]),
    ],
)
def test_distinct_appeal_reads_powers_to_decide_appeals(
    docs: Docs, appeals: dict[str, Any] | None, broken: list[str]
) -> None:
    org = organisation(
        ["a", "b", "c", "m"],
        {
            "dc": {"kind": "disciplinary", "seats": [{"person": "a"}]},
            "panel": {"kind": "appeal", "seats": [{"person": "b"}]},
            "exec": {"kind": "executive", "seats": [{"person": "c"}]},
        },
    )
    clauses: list[dict[str, Any]] = [
        {
            "id": "S",
            "text": "The committee sanctions.",
            "powers": [{"by": "dc", "acts": ["sanction"]}],
        }
    ]
    if appeals is not None:
        power = {**appeals, "acts": ["decide_appeal"]}
        clauses.append({"id": "A", "text": "Appeals.", "powers": [power]})
    acts = [
        {
            "id": "k",
            "at": "2024-03-01",
            "act": "file_complaint",
            "by": "m",
            "case": "k1",
            "against": ["a"],
        }
    ]
    result = docs.run(org, clauses, acts, invariants=["distinct_appeal"])
    found = [b.message.split(" (shared")[0] for b in result.breaches]
    assert found == broken


@pytest.mark.parametrize(("notice_days", "broken"), [(21, False), (7, True)])
def test_dissolution_guard_counts_the_notice_of_the_meeting_that_votes(
    docs: Docs, notice_days: int, broken: bool
) -> None:
    # The members had the meeting's notice; the act need not restate it.
    org = organisation(["a", "b", "c", "d"], {"members": {"kind": "membership"}})
    clause = {
        "id": "D",
        "text": "The members may wind up the co-operative at a general meeting.",
        "powers": [{"by": "members", "acts": ["convene", "dissolve_organisation"]}],
    }
    acts = [
        {
            "id": "call",
            "at": "2025-09-10",
            "act": "convene",
            "by": "members",
            "meeting": "gm",
            "bodies": ["members"],
            "sits": "2025-10-01",
            "notice_days": notice_days,
        },
        {
            "id": "wind-up",
            "at": "2025-10-01",
            "act": "dissolve_organisation",
            "by": "members",
            "meeting": "gm",
            "present": 4,
            "vote": {"for": 4, "against": 0},
        },
    ]
    result = docs.run(org, [clause], acts, invariants=["dissolution_guard"])
    assert result.verdict("wind-up") is Verdict.VALID
    messages = [b.message for b in result.breaches]
    assert messages == (
        ["dissolution unguarded: less than 14 days' notice"] if broken else []
    )


@pytest.mark.parametrize(
    ("sanctions", "broken"),
    [(["remove_from_office"], False), ([], False), (["censure"], True)],
)
def test_accountability_graph_counts_a_power_to_remove_from_office(
    docs: Docs, sanctions: list[str], broken: bool
) -> None:
    # A general meeting that may remove directors holds the board to account,
    # as a recall would; one that may only censure them does not.
    org = organisation(
        ["a", "b", "c"],
        {
            "members": {"kind": "membership"},
            "board": {"kind": "executive", "seats": [{"person": "a"}]},
        },
    )
    power: dict[str, Any] = {
        "by": "members",
        "acts": ["sanction"],
        "over": {"seat_on": ["board"]},
    }
    if sanctions:
        power["when"] = {"sanctions": sanctions}
    clause = {"id": "R", "text": "The members may act on directors.", "powers": [power]}
    acts = [
        {
            "id": "k",
            "at": "2024-03-01",
            "act": "file_complaint",
            "by": "b",
            "case": "k1",
            "against": ["c"],
        }
    ]
    result = docs.run(org, [clause], acts, invariants=["accountability_graph"])
    assert [b.message for b in result.breaches] == (
        [
            "board can be neither removed, recalled nor audited by the membership "
            "or convention, directly or through another body"
        ]
        if broken
        else []
    )


def test_an_appeal_route_stated_twice_is_one_route(docs: Docs) -> None:
    # A link and the power it grants, in one clause: one breach, not two.
    org = organisation(
        ["a", "m"], {"dc": {"kind": "disciplinary", "seats": [{"person": "a"}]}}
    )
    clause = {
        "id": "8",
        "text": "The committee sanctions and hears appeals from itself.",
        "powers": [
            {"by": "dc", "acts": ["sanction"]},
            {"by": "dc", "acts": ["decide_appeal"]},
        ],
        "accountability": [{"relation": "hears_appeals_from", "by": "dc", "of": "dc"}],
    }
    acts = [
        {
            "id": "k",
            "at": "2024-03-01",
            "act": "file_complaint",
            "by": "m",
            "case": "k1",
            "against": ["a"],
        }
    ]
    result = docs.run(org, [clause], acts, invariants=["distinct_appeal"])
    assert [b.message for b in result.breaches] == [
        "appeals from dc go to dc, which is not distinct from it (shared members: a)"
    ]
