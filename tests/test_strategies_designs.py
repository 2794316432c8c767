"""Strategies for procedure designs: organisations, cases, rule books and their variants.

Generated documents must be ones govsim itself accepts (validated, no issues,
loadable from files), every listed change must apply, and a change that says
it loosens a book must really let through an act the original book stopped.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pytest
from conftest import Docs, dump, organisation, rulebook, scenario
from hypothesis import HealthCheck, assume, find, given, settings
from hypothesis import strategies as st

import govsim
from govsim.documents import load_yaml_file
from govsim.engine.trace import Verdict
from govsim.errors import UsageError
from govsim.model.clauses import merge_books
from govsim.model.loading import (
    load_organisation,
    load_rulebook,
    load_rulebook_for,
    load_scenario,
)
from govsim.model.organisation import Organisation
from govsim.model.requirements import Recusal
from govsim.model.rulebook import RuleBook
from govsim.testing.organisations import BODY_IDS, cases, organisations
from govsim.testing.variants import (
    CHANGE_KINDS,
    changes,
    flatten,
    rulebook_variants,
    rulebooks,
)

SOME = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
RULES = Path(__file__).parent.parent / "scenarios" / "iso" / "rules"
MEMBERS_COMPLAIN = {
    "id": "1",
    "text": "Members may complain.",
    "powers": [{"by": {"person": "member"}, "acts": ["file_complaint"]}],
}


def document(model: Organisation | RuleBook) -> dict[str, Any]:
    """A model as the JSON-flavoured document a user would write."""
    return model.model_dump(mode="json", by_alias=True, exclude_none=True)


# --- organisations and cases ------------------------------------------------


@SOME
@given(organisations())
def test_organisations_validate_and_have_no_issues(org: Organisation) -> None:
    assert org.issues() == []
    assert Organisation.model_validate(document(org)) == org
    assert {"convention", "membership"} <= set(org.bodies)
    own = [p for p in org.persons if p.startswith("p")]
    assert 4 <= len(own) <= 12
    for ident, body in org.bodies.items():
        if body.kind in BODY_IDS:
            assert ident == BODY_IDS[body.kind]
        if body.kind == "external_panel":
            assert body.outside
            assert {org.persons[s.person].status for s in body.seats} == {
                "outside_party"
            }
        elif body.kind not in {"convention", "membership"}:
            assert body.seats
            assert {s.person for s in body.seats} <= set(own)


@SOME
@given(organisations(min_persons=2, max_persons=3, kinds=["executive", "disciplinary"]))
def test_organisations_have_exactly_the_kinds_asked_for(org: Organisation) -> None:
    assert sorted(org.bodies) == ["convention", "dc", "exec", "membership"]
    assert 2 <= len(org.persons) <= 3


def test_organisations_load_from_a_file(tmp_path: Path) -> None:
    @SOME
    @given(organisations())
    def check(org: Organisation) -> None:
        path = tmp_path / "organisation.govsim.yaml"
        path.write_text(dump(document(org)), encoding="utf-8")
        assert load_organisation(path) == org

    check()


@pytest.mark.parametrize(
    "kwargs",
    [{"min_persons": 1}, {"min_persons": 5, "max_persons": 4}, {"kinds": ["ad_hoc"]}],
)
def test_organisations_refuse_what_they_cannot_generate(kwargs: dict[str, Any]) -> None:
    with pytest.raises(UsageError):
        organisations(**kwargs)


@SOME
@given(st.data())
def test_cases_open_a_case_the_loader_accepts(data: st.DataObject) -> None:
    org = data.draw(organisations())
    act = data.draw(cases(org))
    assert act.by not in act.against
    assert org.persons[act.by].status == "member"
    assert set(act.against) <= set(org.persons)
    assert set(act.subjects) <= set(org.bodies) - {"convention", "membership"}
    assert dt.date(2020, 1, 1) <= act.at <= dt.date(2030, 12, 31)
    assert act.case.startswith("k")
    with tempfile.TemporaryDirectory() as tmp:
        docs = Docs(Path(tmp))
        book = rulebook([MEMBERS_COMPLAIN])
        complaint = act.model_dump(mode="json", by_alias=True, exclude_none=True)
        path = docs.build(
            document(org), [book], scenario([complaint], invariants="none")
        )
        loaded = load_scenario(path)
        assert govsim.run(loaded).verdict(loaded.act_ids[0]) == Verdict.VALID


def test_cases_need_two_persons() -> None:
    lonely = Organisation.model_validate(organisation(["p1"], {}))
    with pytest.raises(UsageError, match="fewer than two persons"):
        cases(lonely)


# --- rule books ----------------------------------------------------------------


@SOME
@given(st.data())
def test_rulebooks_load_with_their_organisation(data: st.DataObject) -> None:
    org = data.draw(organisations())
    book = data.draw(rulebooks(org))
    assert book.issues() == []
    assert book.organisation == org.organisation
    assert RuleBook.model_validate(document(book)) == book
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "book.govsim.yaml"
        path.write_text(dump(document(book)), encoding="utf-8")
        resolved = load_rulebook_for(path, org)
    assert [c.id for c in resolved.clauses] == [c.id for c in book.clauses]


@SOME
@given(st.data())
def test_rulebooks_work_for_hand_written_organisations(data: st.DataObject) -> None:
    org = Organisation.model_validate(
        organisation(
            ["a", "b", "c"],
            {
                "board": {"kind": "executive", "seats": [{"person": "a"}]},
                "panel": {"kind": "disciplinary", "seats": [{"person": "b"}]},
            },
        )
    )
    book = data.draw(rulebooks(org))
    named = {c.id: c for c in book.clauses}
    assert named["4.1"].powers[0].by == "panel"
    assert named["3.1"].powers[0].by == "board"
    assert "2" not in named  # no convention or membership to elect anyone


# --- changes ---------------------------------------------------------------------


@SOME
@given(st.data())
def test_every_change_applies_and_validates(data: st.DataObject) -> None:
    org = data.draw(organisations())
    book = data.draw(rulebooks(org))
    listed = changes(book)
    assert listed == changes(merge_books(book, None))  # a resolved book, flattened
    assert [c.kind for c in listed] == sorted(
        (c.kind for c in listed), key=CHANGE_KINDS.index
    )
    for change in listed:
        variant = change.apply(book)
        assert variant.issues() == []
        assert RuleBook.model_validate(document(variant)) == variant
        assert variant.rulebook.startswith(f"{book.rulebook}-{change.kind}-")
        assert change.description in (variant.description or "")
        assert variant.clauses != book.clauses
        assert (change.kind == "drop_clause") == (
            len(variant.clauses) < len(book.clauses)
        )
    if listed:
        variant = data.draw(st.sampled_from(listed)).apply(book)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "variant.govsim.yaml"
            path.write_text(dump(document(variant)), encoding="utf-8")
            assert load_rulebook_for(path, org).id == variant.rulebook


def test_changes_of_a_seed_book_read_plainly() -> None:
    book = load_rulebook(RULES / "external-checks.govsim.yaml")
    by_label = {(c.kind, c.clause): c for c in changes(book)}
    recusal = by_label["remove_recusal", "E3"]
    assert recusal.description == "remove the recusal rule of clause E3"
    assert recusal.loosens is True
    assert by_label["drop_clause", "E1"].loosens is False  # it grants powers
    assert by_label["drop_clause", "E9"].loosens is True  # only a prohibition
    assert by_label["switch_enforcement", "E3"].loosens is None
    assert by_label["lower_threshold", "E4"].description.endswith(
        "from 2/3 to majority"
    )
    variant = recusal.apply(book)
    assert variant.rulebook == "external-checks-remove_recusal-E3"
    e3 = next(c for c in variant.clauses if c.id == "E3")
    assert not any(isinstance(r, Recusal) for r in e3.requires)


def test_a_book_that_extends_another_is_flattened_once_loaded() -> None:
    path = RULES / "iso-2019-post-convention.govsim.yaml"
    raw = RuleBook.model_validate(load_yaml_file(path)[0])
    with pytest.raises(UsageError, match="load_rulebook"):
        changes(raw)
    resolved = load_rulebook(path)
    assert flatten(resolved).clauses == resolved.clauses
    assert changes(resolved)


def test_a_change_refuses_a_book_without_its_clause() -> None:
    book = load_rulebook(RULES / "external-checks.govsim.yaml")
    change = next(c for c in changes(book) if c.kind == "remove_recusal")
    other = RuleBook.model_validate(rulebook([{"id": "1", "text": "Nothing."}]))
    with pytest.raises(UsageError, match="no such clause"):
        change.apply(other)


def test_variants_shrink_towards_the_first_change() -> None:
    book = load_rulebook(RULES / "external-checks.govsim.yaml")
    first = changes(book)[0].apply(book)
    smallest = find(rulebook_variants(book, max_changes=3), lambda _: True)
    assert smallest == first


@SOME
@given(st.data())
def test_variants_keep_to_their_filters(data: st.DataObject) -> None:
    book = load_rulebook(RULES / "external-checks.govsim.yaml")
    recusal_free = data.draw(rulebook_variants(book, kinds=["remove_recusal"]))
    assert not any(
        isinstance(r, Recusal) for c in recusal_free.clauses for r in c.requires
    )
    narrower = data.draw(rulebook_variants(book, loosening=False, max_changes=2))
    assert len(narrower.clauses) < len(book.clauses)
    looser = data.draw(rulebook_variants(book, loosening=True, max_changes=3))
    assert looser.rulebook.startswith("external-checks-")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kinds": ["lower_threshold"]}, "no change of kind lower_threshold"),
        ({"kinds": ["rewrite"]}, "unknown change kind rewrite"),
        ({"max_changes": 0}, "at least 1"),
    ],
)
def test_variants_say_why_there_is_nothing_to_draw(
    kwargs: dict[str, Any], message: str
) -> None:
    book = RuleBook.model_validate(rulebook([MEMBERS_COMPLAIN]))
    with pytest.raises(UsageError, match=message):
        rulebook_variants(book, **kwargs)


# --- loosening, on concrete histories ----------------------------------------------

CLUB = organisation(
    ["chair", "alice", "bob"],
    {
        "board": {
            "kind": "executive",
            "seats": [{"person": "chair"}, {"person": "alice"}],
        },
        "panel": {"kind": "disciplinary", "seats": [{"person": "alice"}]},
    },
)
CLUB_BOOK = rulebook(
    [
        MEMBERS_COMPLAIN,
        {"id": "4.1", "text": "The panel sanctions.", "powers": [{"by": "panel", "acts": ["sanction"]}]},
        {"id": "4.4", "text": "No one conflicted decides.", "enforcement": "regimented",
         "requires": [{"rule": "recusal", "acts": ["sanction"]}]},
    ],
    ident="club",
)  # fmt: skip
# Alice complains about Bob, then sits alone on the panel that sanctions him.
CLUB_ACTS = [
    {"id": "c", "at": "2020-01-01", "act": "file_complaint", "by": "alice", "case": "k1", "against": ["bob"]},
    {"id": "s", "at": "2020-01-10", "act": "sanction", "by": "panel", "case": "k1", "targets": ["bob"], "sanction": "warning", "vote": "unanimous"},
]  # fmt: skip


def replay_both(
    docs: Docs,
    org: dict[str, Any],
    book: RuleBook,
    variant: RuleBook,
    acts: list[dict[str, Any]],
) -> tuple[Any, Any]:
    books = [document(book), document(variant)]
    path = docs.build(
        org,
        books,
        scenario(acts, books=[book.rulebook, variant.rulebook], invariants="none"),
    )
    loaded = load_scenario(path)
    return govsim.run(loaded, book.rulebook), govsim.run(loaded, variant.rulebook)


def test_removing_a_recusal_rule_validates_a_conflicted_sanction(docs: Docs) -> None:
    book = RuleBook.model_validate(CLUB_BOOK)
    (change,) = [c for c in changes(book) if c.kind == "remove_recusal"]
    assert change.loosens is True
    assert change.description == "remove the recusal rule of clause 4.4"
    before, after = replay_both(docs, CLUB, book, change.apply(book), CLUB_ACTS)
    assert before.verdict("s") == Verdict.VOID
    assert after.verdict("s") == Verdict.VALID


def test_dropping_a_granting_clause_is_not_a_loosening(docs: Docs) -> None:
    book = RuleBook.model_validate(CLUB_BOOK)
    change = next(
        c for c in changes(book) if c.kind == "drop_clause" and c.clause == "1"
    )
    assert change.loosens is False
    before, after = replay_both(docs, CLUB, book, change.apply(book), CLUB_ACTS)
    assert before.verdict("c") == Verdict.VALID
    assert after.verdict("c") == Verdict.VOID


@SOME
@given(st.data())
def test_loosening_changes_keep_valid_acts_valid(data: st.DataObject) -> None:
    org = data.draw(organisations(kinds=["executive", "disciplinary"]))
    book = data.draw(rulebooks(org))
    assume(any(c.loosens for c in changes(book)))
    variant = data.draw(rulebook_variants(book, loosening=True))
    complaint = data.draw(cases(org))
    day, case, target = complaint.at, complaint.case, complaint.against[0]

    def on(days: int) -> str:
        return (day + dt.timedelta(days=days)).isoformat()

    acts = [
        complaint.model_dump(mode="json", by_alias=True, exclude_none=True) | {"id": "complaint"},
        {"id": "notice", "at": on(1), "act": "serve_notice", "by": "dc", "case": case, "target": target, "charges": ["conduct"]},
        {"id": "hearing", "at": on(25), "act": "hear", "by": "dc", "case": case, "target": target},
        {"id": "finding", "at": on(30), "act": "find", "by": "dc", "case": case, "targets": [target]},
        {"id": "sanction", "at": on(40), "act": "sanction", "by": "dc", "case": case, "targets": [target],
         "sanction": data.draw(st.sampled_from(["warning", "expel"]))},
        {"id": "implement", "at": on(45), "act": "implement", "by": "exec", "decision": "sanction"},
    ]  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        before, after = replay_both(Docs(Path(tmp)), document(org), book, variant, acts)
    for act in acts:
        if before.verdict(act["id"]) == Verdict.VALID:
            assert after.verdict(act["id"]) == Verdict.VALID, (
                act["id"],
                variant.description,
            )


# --- registration with Hypothesis ---------------------------------------------------


def test_the_setup_hook_is_an_installed_entry_point() -> None:
    (hook,) = [e for e in entry_points(group="hypothesis") if e.name == "govsim"]
    assert hook.value == "govsim.testing.registration:_hypothesis_setup_hook"
    assert callable(hook.load())


@SOME
@given(st.from_type(Organisation))
def test_from_type_draws_organisations(org: Organisation) -> None:
    assert isinstance(org, Organisation)
    assert org.issues() == []


@SOME
@given(st.from_type(RuleBook))
def test_from_type_draws_rulebooks(book: RuleBook) -> None:
    assert isinstance(book, RuleBook)
    assert book.issues() == []
    assert book.organisation == "org"


def test_the_setup_hook_does_not_replace_a_later_registration() -> None:
    from govsim.testing import registration

    plain = Organisation.model_validate(organisation(["p1", "p2"], {}))
    st.register_type_strategy(Organisation, st.just(plain))
    try:
        registration._hypothesis_setup_hook()
        assert find(st.from_type(Organisation), lambda _: True) == plain
    finally:
        st.register_type_strategy(
            Organisation, st.deferred(registration._organisation_strategy)
        )
