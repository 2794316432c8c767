"""Each built-in mutation operator: the mutant it makes, a scenario that kills it, one that does not.

The fixtures under tests/data/mutation/ are a small guild (a five-seat board,
a second executive body, a five-seat disciplinary committee, an assembly),
its bylaws (rules/guild-rules.govsim.yaml, one clear target per operator)
and short scenarios, each a procedure whose expectations the bylaws meet.
A mutant is judged the way ``govsim mutate`` judges it, by
:func:`govsim.mutation.running.judge_mutants` over the scenarios named, so that a
kill here is a kill on the command line.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

import govsim
from govsim.errors import UsageError
from govsim.model.clauses import ResolvedBook
from govsim.model.organisation import Organisation
from govsim.model.requirements import AppealWindow, Notice
from govsim.model.rulebook import Clause, RuleBook
from govsim.model.selectors import PersonActor
from govsim.mutation.classify import Kill, MutantResult
from govsim.mutation.operators import (
    OPERATORS,
    Edit,
    Mutant,
    MutationContext,
    Operator,
    choose_operators,
    mutants,
    mutation_operator,
)
from govsim.mutation.running import judge_mutants
from govsim.mutation.scenarios import collect

DATA = Path(__file__).resolve().parent / "data" / "mutation"
BOOK_FILE = DATA / "rules" / "guild-rules.govsim.yaml"
BUILTIN = (
    "delete_clause",
    "drop_requirement",
    "weaken_threshold",
    "weaken_quorum",
    "weaken_base",
    "lengthen_period",
    "shorten_period",
    "widen_actors",
    "widen_targets",
    "relax_enforcement",
    "drop_disability",
    "drop_link",
)


@cache
def guild_book() -> ResolvedBook:
    return govsim.load_rulebook(BOOK_FILE)


@cache
def guild() -> Organisation:
    return collect(
        [DATA / "timely-censure.govsim.yaml"], "guild-rules", BOOK_FILE
    ).organisation


def flat() -> RuleBook:
    return guild_book().document()


def made(operator: str) -> dict[str, Mutant]:
    """The operator's mutants of the guild's bylaws, by label."""
    return {
        m.label: m
        for m in mutants(guild_book(), operators=[operator], organisation=guild())
    }


def clause_of(book: RuleBook, clause: str) -> Clause:
    (found,) = [c for c in book.clauses if c.id == clause]
    return found


def mutated(operator: str, label: str) -> tuple[Mutant, RuleBook]:
    """The mutant, and the bylaws it makes, checked to differ only in its clause."""
    mutant = made(operator)[label]
    before = flat()
    after = mutant.apply(before)
    assert after.rulebook == before.rulebook
    assert after.model_dump(exclude={"clauses"}) == before.model_dump(
        exclude={"clauses"}
    )
    assert [c.model_dump() for c in after.clauses if c.id != mutant.clause] == [
        c.model_dump() for c in before.clauses if c.id != mutant.clause
    ]
    kept = [c for c in after.clauses if c.id == mutant.clause]
    if kept:  # only delete_clause removes it; the others keep its words
        (was,) = [c for c in before.clauses if c.id == mutant.clause]
        assert (kept[0].title, kept[0].text) == (was.title, was.text)
    return mutant, after


def judged(
    operator: str, label: str, scenario: str, book: str = "guild-rules"
) -> MutantResult:
    """The mutant ``label`` as ``govsim mutate`` judges it by one scenario."""
    book_file = DATA / "rules" / f"{book}.govsim.yaml"
    scenarios = collect([DATA / scenario], book, book_file)
    run = judge_mutants(
        govsim.load_rulebook(book_file), book_file, scenarios, operators=[operator]
    )
    (found,) = [r for r in run.results if r.mutant.label == label]
    return found


# --- the mutant each operator makes -----------------------------------------


def test_every_builtin_operator_is_registered_in_order() -> None:
    assert tuple(o.name for o in choose_operators(None))[: len(BUILTIN)] == BUILTIN


def test_delete_clause_removes_the_clause_and_nothing_else() -> None:
    assert list(made("delete_clause")) == [f"delete_clause-G{i}" for i in range(1, 9)]
    mutant, book = mutated("delete_clause", "delete_clause-G2")
    assert mutant.description == "delete clause G2 (The disciplinary committee)"
    assert (mutant.operator, mutant.clause) == ("delete_clause", "G2")
    assert [c.id for c in book.clauses] == ["G1", "G3", "G4", "G5", "G6", "G7", "G8"]


def test_drop_requirement_removes_the_notice_rule() -> None:
    assert list(made("drop_requirement")) == ["drop_requirement-G2"]
    mutant, book = mutated("drop_requirement", "drop_requirement-G2")
    assert mutant.description == "remove the notice rule of clause G2"
    g2 = clause_of(book, "G2")
    assert g2.requires == ()
    assert g2.powers == clause_of(flat(), "G2").powers


def test_weaken_threshold_lowers_two_thirds_to_a_majority() -> None:
    # G5's majority has no lower step: only G3 is offered.
    assert list(made("weaken_threshold")) == ["weaken_threshold-G3"]
    mutant, book = mutated("weaken_threshold", "weaken_threshold-G3")
    assert (
        mutant.description
        == "lower the threshold for find in clause G3 from 2/3 to majority"
    )
    (rule,) = clause_of(book, "G3").decides
    assert (rule.threshold, rule.quorum, rule.base) == ("majority", 4, "votes_cast")


def test_weaken_quorum_makes_the_quorum_one_person_smaller() -> None:
    assert list(made("weaken_quorum")) == ["weaken_quorum-G3"]
    mutant, book = mutated("weaken_quorum", "weaken_quorum-G3")
    assert mutant.description == "lower the quorum for find in clause G3 from 4 to 3"
    (rule,) = clause_of(book, "G3").decides
    assert (rule.quorum, rule.threshold) == (3, "2/3")


def test_weaken_base_counts_the_board_among_those_present() -> None:
    # G3 counts votes cast, the smallest base: only G5 is offered.
    assert list(made("weaken_base")) == ["weaken_base-G5"]
    mutant, book = mutated("weaken_base", "weaken_base-G5")
    assert mutant.description == (
        "count the majority for appoint in clause G5 among present instead of seats"
    )
    (rule,) = clause_of(book, "G5").decides
    assert (rule.base, rule.threshold) == ("present", "majority")


def test_lengthen_period_doubles_the_notice() -> None:
    assert list(made("lengthen_period")) == ["lengthen_period-G2"]
    mutant, book = mutated("lengthen_period", "lengthen_period-G2")
    assert (
        mutant.description
        == "change the period of the notice rule in clause G2 from 10 to 20"
    )
    (notice,) = clause_of(book, "G2").requires
    assert isinstance(notice, Notice)
    assert (notice.acts, notice.days) == (("sanction",), 20)


def test_shorten_period_halves_the_notice() -> None:
    assert list(made("shorten_period")) == ["shorten_period-G2"]
    mutant, book = mutated("shorten_period", "shorten_period-G2")
    assert (
        mutant.description
        == "change the period of the notice rule in clause G2 from 10 to 5"
    )
    (notice,) = clause_of(book, "G2").requires
    assert isinstance(notice, Notice)
    assert (notice.acts, notice.days) == (("sanction",), 5)


def test_widen_actors_gives_the_boards_power_to_any_executive_body() -> None:
    # G1's members widen to anyone; dc, the only disciplinary body, to any
    # body but the membership; the board to any executive body (finance is one);
    # G6's kind of body does not widen.
    assert list(made("widen_actors")) == [
        "widen_actors-G1",
        "widen_actors-G2-1",
        "widen_actors-G2-2",
        "widen_actors-G4-1",
        "widen_actors-G4-2",
    ]
    mutant, book = mutated("widen_actors", "widen_actors-G4-1")
    assert (
        mutant.description
        == "let any executive body convene where clause G4 lets only board"
    )
    convene, appoint = clause_of(book, "G4").powers
    assert convene.model_dump(exclude_defaults=True) == {
        "by": {"kind": ("executive",)},
        "acts": ("convene",),
    }
    assert appoint == clause_of(flat(), "G4").powers[1]
    g2 = made("widen_actors")["widen_actors-G2-1"]
    assert g2.description == (
        "let any disciplinary/convention/executive body serve notice, hear, find "
        "where clause G2 lets only dc"
    )
    assert made("widen_actors")["widen_actors-G1"].description == (
        "let anyone file complaint where clause G1 lets only any member"
    )


def test_widen_actors_needs_the_organisation_for_a_body() -> None:
    labels = [m.label for m in mutants(guild_book(), operators=["widen_actors"])]
    assert labels == ["widen_actors-G1"]


def test_widen_actors_widens_a_person_to_anyone() -> None:
    # Not a party to "any member": an expelled respondent is a party but no
    # member, so that step would take the power from them.
    book = govsim.load_rulebook(DATA / "rules" / "guild-appeals.govsim.yaml")
    found = {m.label: m for m in mutants(book, operators=["widen_actors"])}
    assert [m.description for m in found.values()] == [
        "let anyone file complaint where clause A1 lets only any member",
        "let anyone appeal where clause A1 lets only a party",
    ]
    after = found["widen_actors-A1-2"].apply(book.document())
    complain, appeal = after.clauses[0].powers
    assert (complain.by, appeal.by) == (
        PersonActor(person="member"),
        PersonActor(person="anyone"),
    )
    seats = edge_book(
        powers=[
            {"by": {"person": "seat_holder", "bodies": ["board"]}, "acts": ["propose"]}
        ]
    )
    (wider,) = mutants(seats, operators=["widen_actors"])
    assert wider.description == (
        "let anyone propose where clause 1 lets only any single member of board"
    )
    everyone = edge_book(powers=[{"by": {"person": "anyone"}, "acts": ["propose"]}])
    assert described(everyone, "widen_actors") == []


def test_a_widened_party_power_keeps_an_expelled_members_appeal() -> None:
    result = judged(
        "widen_actors",
        "widen_actors-A1-2",
        "expelled-member-appeals.govsim.yaml",
        "guild-appeals",
    )
    assert result.status == "equivalent"


def test_a_non_member_complaint_kills_widening_members_to_anyone() -> None:
    result = judged(
        "widen_actors",
        "widen_actors-A1-1",
        "visitor-complains.govsim.yaml",
        "guild-appeals",
    )
    assert result.status == "killed"
    assert result.killed_by == (
        Kill(
            "guild-visitor-complains", "expectation", "act complaint is void: got valid"
        ),
    )


def test_a_bystanders_appeal_leaves_the_widened_party_power_a_survivor() -> None:
    # Only the decision's target may appeal at all, so the appeal stays void;
    # only the power violation goes.
    result = judged(
        "widen_actors",
        "widen_actors-A1-2",
        "bystander-appeals.govsim.yaml",
        "guild-appeals",
    )
    assert result.status == "survived"
    assert result.suggestion == (
        "expect in scenario guild-bystander-appeals the violation (act appeal, "
        "rule power) present: the mutant records none"
    )


def test_widen_targets_lifts_the_over_and_the_when() -> None:
    assert list(made("widen_targets")) == ["widen_targets-G2", "widen_targets-G4"]
    over, book = mutated("widen_targets", "widen_targets-G4")
    assert over.description == (
        "let board appoint over any target, not only those clause G4 names"
    )
    appoint = clause_of(book, "G4").powers[1]
    assert (appoint.acts, appoint.by, appoint.over) == (("appoint",), "board", None)
    when, book = mutated("widen_targets", "widen_targets-G2")
    assert when.description == "let dc sanction without the conditions of clause G2"
    sanction = clause_of(book, "G2").powers[1]
    assert (sanction.acts, sanction.when) == (("sanction",), None)
    assert clause_of(book, "G2").requires == clause_of(flat(), "G2").requires


def test_relax_enforcement_makes_a_regimented_clause_audited() -> None:
    # Only clauses with requirements or decision rules: G2, G3, G5.
    assert list(made("relax_enforcement")) == [
        "relax_enforcement-G2",
        "relax_enforcement-G3",
        "relax_enforcement-G5",
    ]
    mutant, book = mutated("relax_enforcement", "relax_enforcement-G2")
    assert mutant.description == (
        "make clause G2 audited instead of regimented (a breach is recorded but "
        "the act stands)"
    )
    assert clause_of(flat(), "G2").enforcement is None
    assert clause_of(book, "G2").enforcement == "audited"
    assert book.enforcement == "regimented"


def test_drop_disability_removes_the_denial() -> None:
    assert list(made("drop_disability")) == ["drop_disability-G7"]
    mutant, book = mutated("drop_disability", "drop_disability-G7")
    assert mutant.description == (
        "remove the denial of publish statement to finance in clause G7"
    )
    g7 = clause_of(book, "G7")
    assert (g7.disabilities, g7.text) == ((), clause_of(flat(), "G7").text)


def test_drop_link_removes_the_link() -> None:
    assert list(made("drop_link")) == ["drop_link-G8"]
    mutant, book = mutated("drop_link", "drop_link-G8")
    assert mutant.description == "remove the link 'assembly elects board' of clause G8"
    assert clause_of(book, "G8").accountability == ()


# --- a scenario that kills each mutant ----------------------------------------

KILLS = [
    # (operator, label, scenario, the expectations that fail)
    (
        "delete_clause",
        "delete_clause-G2",
        "timely-censure",
        # Without G2 the committee may neither find nor sanction.
        ("act finding is valid: got void", "act censure is valid: got void"),
    ),
    (
        "drop_requirement",
        "drop_requirement-G2",
        "hasty-censure",
        "act censure is void: got valid",
    ),
    (
        "weaken_threshold",
        "weaken_threshold-G3",
        "split-finding",
        "act finding is void: got valid",
    ),
    (
        "weaken_quorum",
        "weaken_quorum-G3",
        "thin-committee",
        "act finding is void: got valid",
    ),
    (
        "weaken_base",
        "weaken_base-G5",
        "thin-board",
        "act appointment is void: got valid",
    ),
    (
        "lengthen_period",
        "lengthen_period-G2",
        "timely-censure",
        "act censure is valid: got void",
    ),
    (
        "shorten_period",
        "shorten_period-G2",
        "hasty-censure",
        "act censure is void: got valid",
    ),
    (
        "widen_actors",
        "widen_actors-G4-1",
        "finance-steps-in",
        "act finance-convenes is void: got valid",
    ),
    (
        "widen_targets",
        "widen_targets-G4",
        "board-oversteps",
        "act to-dc is void: got valid",
    ),
    (
        "widen_targets",
        "widen_targets-G2",
        "expulsion-attempt",
        "act expulsion is void: got valid",
    ),
    (
        "relax_enforcement",
        "relax_enforcement-G2",
        "hasty-censure",
        "act censure is void: got irregular",
    ),
    (
        "drop_disability",
        "drop_disability-G7",
        "finance-steps-in",
        "act finance-statement is void: got valid",
    ),
    ("drop_link", "drop_link-G8", "board-election", "act election is valid: got void"),
]


@pytest.mark.parametrize(("operator", "label", "scenario", "details"), KILLS)
def test_a_scenario_kills_the_mutant(
    operator: str, label: str, scenario: str, details: str | tuple[str, ...]
) -> None:
    result = judged(operator, label, f"{scenario}.govsim.yaml")
    assert result.status == "killed"
    wanted = (details,) if isinstance(details, str) else details
    assert result.killed_by == tuple(
        Kill(f"guild-{scenario}", "expectation", d) for d in wanted
    )
    assert result.suggestion is None


def test_every_operator_has_a_kill() -> None:
    assert {k[0] for k in KILLS} == set(BUILTIN)


# --- a scenario that does not ------------------------------------------------

SPARES = [
    # (operator, label, scenario, status, words the suggestion must hold)
    (
        "delete_clause",
        "delete_clause-G2",
        "hasty-censure",
        "survived",
        # The notice is void without G2, but nothing expects it valid.
        ("expect act notice (serve_notice by dc)", "to be valid", "it is void"),
    ),
    ("delete_clause", "delete_clause-G8", "timely-censure", "equivalent", ()),
    (
        "drop_requirement",
        "drop_requirement-G2",
        "timely-censure",
        "survived",
        # Twelve days' notice meets the rule: the censure is valid either way.
        ("breaks only the notice rule of clause G2", "act censure (sanction by dc)"),
    ),
    (
        "weaken_threshold",
        "weaken_threshold-G3",
        "timely-censure",
        "survived",
        # Four votes to one carry both two thirds and a majority.
        ("more than majority but less than 2/3", "act finding (find by dc)"),
    ),
    (
        "weaken_quorum",
        "weaken_quorum-G3",
        "split-finding",
        "survived",
        # All five sat; the finding fails on its threshold under both.
        ("fewer present than a quorum of 4", "act finding (find by dc)"),
    ),
    (
        "weaken_base",
        "weaken_base-G5",
        "board-oversteps",
        "survived",
        # Four of five seats carry it whatever the base.
        (
            "passes among present but not among seats",
            "act to-finance (appoint by board)",
        ),
    ),
    (
        "lengthen_period",
        "lengthen_period-G2",
        "hasty-censure",
        "survived",
        # Six days' notice is short of both ten and twenty.
        ("falls between 10 and 20 days", "act censure (sanction by dc)"),
    ),
    # Twelve days' notice is enough for ten and for five: nothing changes.
    ("shorten_period", "shorten_period-G2", "timely-censure", "equivalent", ()),
    ("widen_actors", "widen_actors-G4-1", "board-oversteps", "equivalent", ()),
    ("widen_targets", "widen_targets-G2", "timely-censure", "equivalent", ()),
    (
        "relax_enforcement",
        "relax_enforcement-G2",
        "timely-censure",
        "survived",
        ("an act that breaks a rule of clause G2, expected void", "act censure"),
    ),
    ("drop_disability", "drop_disability-G7", "board-election", "equivalent", ()),
    ("drop_link", "drop_link-G8", "finance-steps-in", "equivalent", ()),
]


@pytest.mark.parametrize(("operator", "label", "scenario", "status", "words"), SPARES)
def test_a_scenario_does_not_kill_the_mutant(
    operator: str, label: str, scenario: str, status: str, words: tuple[str, ...]
) -> None:
    result = judged(operator, label, f"{scenario}.govsim.yaml")
    assert result.status == status
    assert result.killed_by == ()
    if status == "equivalent":
        assert (result.suggestion, result.changes, result.reasoned) == (None, (), ())
        return
    assert result.suggestion is not None
    for word in words:
        assert word in result.suggestion
    assert f"guild-{scenario}" in result.suggestion


def test_every_operator_has_a_scenario_that_spares_it() -> None:
    assert {s[0] for s in SPARES} == set(BUILTIN)


def test_a_survivor_names_the_act_whose_verdict_changed() -> None:
    result = judged("delete_clause", "delete_clause-G2", "hasty-censure.govsim.yaml")
    changed = [(c.act, c.before, c.after) for c in result.changes]
    assert ("notice", "valid", "void") in changed


# --- operators that offer nothing, and fields' least values -----------------


def edge_book(**clause: Any) -> RuleBook:
    return RuleBook.model_validate(
        {
            "schema_version": 1,
            "rulebook": "edge",
            "organisation": "guild",
            "enforcement": "audited",
            "clauses": [{"id": "1", "text": "A clause at the edge.", **clause}],
        }
    )


def described(book: RuleBook, operator: str) -> list[str]:
    return [m.description for m in mutants(book, operators=[operator])]


def test_a_zero_day_period_is_lengthened_to_one_and_never_shortened() -> None:
    book = edge_book(requires=[{"rule": "notice", "acts": ["sanction"], "days": 0}])
    assert described(book, "shorten_period") == []
    assert described(book, "lengthen_period") == [
        "change the period of the notice rule in clause 1 from 0 to 1"
    ]


def test_an_appeal_window_of_one_day_is_not_halved_to_none() -> None:
    book = edge_book(
        requires=[{"rule": "appeal_window", "acts": ["appeal"], "days": 1}]
    )
    assert described(book, "shorten_period") == []
    (longer,) = mutants(book, operators=["lengthen_period"])
    (window,) = longer.apply(book).clauses[0].requires
    assert isinstance(window, AppealWindow)
    assert window.days == 2


def test_an_interim_cap_stays_at_least_one_day() -> None:
    book = edge_book(
        powers=[{"by": "board", "acts": ["interim_suspend"], "when": {"max_days": 1}}],
        requires=[
            {
                "rule": "interim_bounds",
                "acts": ["interim_suspend"],
                "max_days": 1,
                "review_within_days": 2,
            }
        ],
    )
    # Neither cap (the rule's nor the power's) goes to 0; the review period may halve.
    assert described(book, "shorten_period") == [
        "change the review period of the interim bounds rule in clause 1 from 2 to 1"
    ]
    halved = edge_book(
        powers=[{"by": "board", "acts": ["interim_suspend"], "when": {"max_days": 3}}]
    )
    (shorter,) = mutants(halved, operators=["shorten_period"])
    assert shorter.description == (
        "change the cap of the power of board to interim suspend in clause 1 from 3 to 1"
    )
    (power,) = shorter.apply(halved).clauses[0].powers
    assert power.when is not None
    assert power.when.max_days == 1


def test_an_audited_clause_is_not_relaxed_and_a_bare_clause_offers_nothing() -> None:
    book = edge_book(requires=[{"rule": "notice", "acts": ["sanction"], "days": 7}])
    assert described(book, "relax_enforcement") == []
    bare = edge_book(powers=[{"by": {"kind": ["executive"]}, "acts": ["convene"]}])
    for operator in BUILTIN:
        if operator != "delete_clause":
            assert described(bare, operator) == [], operator


def test_the_quorum_and_minimum_steps_at_their_ends() -> None:
    book = edge_book(
        decides=[
            {"acts": ["find"], "quorum": "majority", "threshold": "unanimous"},
            {"acts": ["sanction"], "quorum": 1, "min_for": 3},
        ]
    )
    assert described(book, "weaken_quorum") == [
        "lower the quorum for find in clause 1 from majority to 1/2",
        "drop the quorum of 1 for sanction in clause 1",
        "ask 2 votes for sanction in clause 1 instead of 3",
    ]
    assert described(book, "weaken_threshold") == [
        "lower the threshold for find in clause 1 from unanimous to 2/3"
    ]
    dropped = mutants(book, operators=["weaken_quorum"])[1].apply(book)
    assert dropped.clauses[0].decides[1].quorum is None
    assert dropped.clauses[0].decides[1].min_for == 3


# --- choosing operators, plugins, and refusals ------------------------------


def test_an_unknown_operator_is_refused_with_the_known_ones() -> None:
    with pytest.raises(UsageError) as refused:
        choose_operators(["weaken_quorom"])
    message = str(refused.value)
    assert "no mutation operator named 'weaken_quorom'" in message
    assert "did you mean 'weaken_quorum'" in message
    assert "Known: " in message
    assert "drop_link, drop_requirement" in message


def test_an_unknown_operator_stops_a_run_before_any_replay() -> None:
    scenarios = collect([DATA / "timely-censure.govsim.yaml"], "guild-rules", BOOK_FILE)
    with pytest.raises(UsageError, match="did you mean 'drop_link'"):
        judge_mutants(guild_book(), BOOK_FILE, scenarios, operators=["drop_links"])


def _drop_titles(clause: Clause, context: MutationContext) -> list[Edit]:
    if clause.title is None:
        return []
    return [
        Edit(
            f"drop the title of clause {clause.id}",
            lambda c: c.model_copy(update={"title": None}),
            "a report that names the clause by its title",
        )
    ]


def test_a_plugin_operator_is_run_by_mutants() -> None:
    operator = Operator("drop_titles", "remove a clause's title", _drop_titles)
    with OPERATORS.overriding("drop_titles", operator):
        found = mutants(guild_book(), operators=["drop_titles"])
        assert "drop_titles" in [o.name for o in choose_operators(None)]
    assert "drop_titles" not in OPERATORS
    assert [(m.id, m.label) for m in found][:2] == [
        ("m1", "drop_titles-G1"),
        ("m2", "drop_titles-G2"),
    ]
    assert len(found) == 8
    book = found[6].apply(flat())
    assert found[6].description == "drop the title of clause G7"
    assert clause_of(book, "G7").title is None
    assert clause_of(book, "G6").title == "Statements"


def test_mutation_operator_registers_a_function() -> None:
    try:
        mutation_operator("untitle", "remove a clause's title")(_drop_titles)
        assert OPERATORS["untitle"].summary == "remove a clause's title"
        assert [m.label for m in mutants(guild_book(), operators=["untitle"])][-1] == (
            "untitle-G8"
        )
    finally:
        OPERATORS.remove("untitle")
    assert "untitle" not in OPERATORS


def _negative_notice(clause: Clause, context: MutationContext) -> list[Edit]:
    def change(c: Clause) -> Clause:
        bad = tuple(r.model_copy(update={"days": -3}) for r in c.requires)
        return c.model_copy(update={"requires": bad})

    return (
        [Edit(f"give clause {clause.id} a negative notice", change)]
        if clause.requires
        else []
    )


def test_an_edit_that_makes_an_invalid_book_is_refused() -> None:
    operator = Operator("negative_notice", "a broken plugin", _negative_notice)
    with OPERATORS.overriding("negative_notice", operator):
        (mutant,) = mutants(guild_book(), operators=["negative_notice"])
    with pytest.raises(UsageError) as refused:
        mutant.apply(flat())
    message = str(refused.value)
    assert message.startswith(
        "mutation operator 'negative_notice' made an invalid book "
        "(give clause G2 a negative notice): "
    )
    assert "greater than or equal to 0" in message


def test_a_book_that_extends_another_is_refused() -> None:
    child = RuleBook.model_validate(
        {
            "schema_version": 1,
            "rulebook": "guild-strict",
            "organisation": "guild",
            "extends": "guild-rules",
            "clauses": [],
        }
    )
    with pytest.raises(UsageError, match="extends guild-rules: pass the resolved book"):
        mutants(child)


# A clause an amendment restates: the damage reaches every version of it.

_AMENDED = {
    "schema_version": 1,
    "rulebook": "amended",
    "clauses": [
        {
            "id": "4",
            "text": "The committee may sanction, on ten days' notice.",
            "powers": [{"by": "dc", "acts": ["sanction"]}],
            "requires": [{"rule": "notice", "acts": ["sanction"], "days": 10}],
            "decides": [{"acts": ["sanction"], "threshold": "unanimous"}],
        }
    ],
    "amendments": [
        {
            "id": "a1",
            "in_force": "2020-06-01",
            "clauses": [
                {
                    "id": "4",
                    "text": "The committee may sanction, on fourteen days' notice.",
                    "powers": [{"by": "dc", "acts": ["sanction"]}],
                    "requires": [{"rule": "notice", "acts": ["sanction"], "days": 14}],
                    "decides": [{"acts": ["sanction"], "threshold": "2/3"}],
                }
            ],
        }
    ],
}


def _versions_after(operator: str) -> tuple[Clause, Clause]:
    book = RuleBook.model_validate(_AMENDED)
    (mutant,) = mutants(book, operators=[operator])
    changed = mutant.apply(book)
    return changed.clauses[0], changed.amendments[0].clauses[0]


def test_a_period_is_halved_in_every_version_on_its_own_value() -> None:
    first, amended = _versions_after("shorten_period")
    assert [r.days for r in first.requires if isinstance(r, Notice)] == [5]
    assert [r.days for r in amended.requires if isinstance(r, Notice)] == [7]


def test_a_requirement_is_dropped_from_every_version() -> None:
    first, amended = _versions_after("drop_requirement")
    assert first.requires == ()
    assert amended.requires == ()


def test_a_threshold_is_lowered_one_step_in_every_version() -> None:
    book = RuleBook.model_validate(_AMENDED)
    (mutant,) = mutants(book, operators=["weaken_threshold"])
    assert mutant.description == (
        "lower the threshold for sanction in clause 4 from unanimous to 2/3"
    )
    changed = mutant.apply(book)
    assert changed.clauses[0].decides[0].threshold == "2/3"
    assert changed.amendments[0].clauses[0].decides[0].threshold == "majority"
