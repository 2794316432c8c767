"""Tests of ``govsim lint`` and of finding rule books by id."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ORG_FILE, Docs, organisation, rulebook, span_of
from typer.testing import CliRunner

import govsim
from govsim.analysis.lint import (
    CHECKS,
    BookView,
    Finding,
    LintReport,
    Rule,
    lint_check,
    rules,
)
from govsim.documents.finding import find_rulebook
from govsim.errors import UsageError
from govsim.faces.cli import app
from govsim.invariants import INVARIANTS

ROOT = Path(__file__).resolve().parent.parent


def test_find_rulebook_by_id_under_scenarios() -> None:
    found = find_rulebook("iso-2013-as-practised", near=ROOT)
    assert found == ROOT / "scenarios/iso/rules/iso-2013-as-practised.govsim.yaml"


def test_find_rulebook_prefers_the_folder_itself(tmp_path: Path) -> None:
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "scenarios/a.govsim.yaml").write_text("rulebook: club\n")
    (tmp_path / "b.govsim.yaml").write_text("schema_version: 1\nrulebook: club\n")
    assert find_rulebook("club", near=tmp_path) == tmp_path / "b.govsim.yaml"


def test_find_rulebook_takes_a_path_as_it_is(tmp_path: Path) -> None:
    book = tmp_path / "anything.yaml"
    book.write_text("rulebook: other\n")
    assert find_rulebook(book) == book
    assert find_rulebook(str(book)) == book


def test_unknown_rulebook_id_suggests_the_closest() -> None:
    with pytest.raises(UsageError, match="did you mean 'iso-2013-as-practised'"):
        find_rulebook("iso-2013-as-practise", near=ROOT)


def test_missing_rulebook_file_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no rule book file"):
        find_rulebook(tmp_path / "gone.govsim.yaml")


def test_a_book_named_from_its_own_folder_finds_its_organisation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The organisation file sits one folder up; from inside rules/ the book's
    # path is a bare file name, whose parent's parent used to be "." again.
    monkeypatch.chdir(ROOT / "scenarios/iso/rules")
    result = CliRunner().invoke(app, ["lint", "iso-2013-as-practised", "--json"])
    assert result.exit_code == 1, result.output
    assert json.loads(result.output)["organisation"] == "iso"


# --- the seed books -----------------------------------------------------------


def test_iso_2013_executive_answers_to_no_independent_body() -> None:
    report = govsim.lint(ROOT / "scenarios/iso/rules/iso-2013-as-practised.govsim.yaml")
    (sc,) = [f for f in report.of("unaccountable-body") if f.subjects[0] == "sc"]
    assert {"2.1", "3.1"} <= set(sc.clauses)
    assert sc.book == "iso-2013-as-practised"
    assert sc.invariants == ("accountability_graph",)
    assert "nothing reaches ndc from the membership, the convention" in sc.message


def test_external_checks_leaves_no_body_unaccountable() -> None:
    report = govsim.lint("external-checks")
    assert report.of("unaccountable-body") == []
    assert report.book == "external-checks"
    assert report.organisation == "iso"


def test_external_checks_quorum_of_the_whole_committee_is_found() -> None:
    (finding,) = govsim.lint("external-checks").of("impossible-quorum")
    assert finding.clauses == ("E3", "E4")
    assert "ndc needs 3 members to sanction (expel)" in finding.message


@pytest.mark.parametrize(
    "book",
    [
        "scenarios/iso/rules/iso-2013-as-practised.govsim.yaml",
        "scenarios/iso/rules/iso-2019-post-convention.govsim.yaml",
        "scenarios/iso/rules/external-checks.govsim.yaml",
        "scenarios/iso/rules/roberts-rules-default.govsim.yaml",
        "scenarios/iso/rules/dsa-res33-style.govsim.yaml",
        "scenarios/invariants/rules/lax.govsim.yaml",
        "scenarios/invariants/rules/strict.govsim.yaml",
    ],
)
def test_every_finding_of_a_seed_book_is_complete(book: str) -> None:
    report = govsim.lint(ROOT / book)
    known = rules()
    for finding in report.findings:
        assert finding.code in known
        assert finding.clauses, finding
        assert set(finding.invariants) <= set(INVARIANTS), finding
        assert finding.hint
        assert finding.explanation
        assert finding.epochs == ("as written",)


def test_every_rule_names_real_invariants() -> None:
    for rule in rules().values():
        assert rule.invariants
        assert set(rule.invariants) <= set(INVARIANTS), rule.code
        assert rule.code == rule.code.lower()
        assert " " not in rule.code


# --- one small organisation, a book with no findings, and one flaw at a time ---

PERSONS = ["e1", "e2", "d1", "d2", "d3", "a1", "a2", "m1"]
BODIES: dict[str, dict[str, Any]] = {
    "convention": {"kind": "convention"},
    "exec": {"kind": "executive", "seats": [{"person": "e1"}, {"person": "e2"}]},
    "dc": {
        "kind": "disciplinary",
        "size": 3,
        "seats": [{"person": "d1"}, {"person": "d2"}, {"person": "d3"}],
    },
    "appeals": {"kind": "appeal", "seats": [{"person": "a1"}, {"person": "a2"}]},
}


def _incompatible(one: str, other: str) -> list[dict[str, Any]]:
    return [
        {
            "by": {"kind": ["convention", "executive"]},
            "acts": ["elect", "appoint"],
            "over": {"seat_on": [a], "bodies": [b]},
        }
        for a, b in ((one, other), (other, one))
    ]


RIGHTS = {
    "id": "R1",
    "text": "Members complain; parties appeal.",
    "powers": [
        {"by": {"person": "member"}, "acts": ["file_complaint"]},
        {"by": {"person": "party"}, "acts": ["appeal"]},
    ],
}
ELECTIONS = {
    "id": "R2",
    "text": "The convention elects and recalls every body.",
    "accountability": [
        {"relation": rel, "by": "convention", "of": body}
        for body in ("exec", "dc", "appeals")
        for rel in ("elects", "recalls")
    ],
}
INCOMPATIBLE = {
    "id": "R3",
    "text": "Nobody sits on a body and on one that judges it.",
    "disabilities": [
        *_incompatible("exec", "dc"),
        *_incompatible("exec", "appeals"),
        *_incompatible("dc", "appeals"),
    ],
}
DISCIPLINE = {
    "id": "R4",
    "text": "The committee hears cases; the conflicted step aside.",
    "powers": [
        {
            "by": "dc",
            "acts": ["serve_notice", "hear", "find", "sanction", "assign_investigator"],
        }
    ],
    "requires": [
        {"rule": "recusal", "acts": ["find", "sanction", "assign_investigator"]}
    ],
    "decides": [{"acts": ["sanction"], "quorum": 2}],
}
APPEALS = {
    "id": "R5",
    "text": "The appeal body hears appeals from the committee.",
    "accountability": [{"relation": "hears_appeals_from", "by": "appeals", "of": "dc"}],
}
EXECUTIVE = {
    "id": "R6",
    "text": "The executive convenes meetings.",
    "powers": [{"by": "exec", "acts": ["convene"]}],
}
GOOD = [RIGHTS, ELECTIONS, INCOMPATIBLE, DISCIPLINE, APPEALS, EXECUTIVE]


def _lint(
    docs: Docs,
    clauses: list[dict[str, Any]],
    bodies: dict[str, dict[str, Any]] | None = None,
    **book: Any,
) -> LintReport:
    org = docs.write(ORG_FILE, organisation(PERSONS, bodies or BODIES))
    path = docs.write(
        "rules/book.govsim.yaml", rulebook(clauses, organisation="org", **book)
    )
    return govsim.lint(path, org)


def _without(clause_id: str, *extra: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for c in GOOD if c["id"] != clause_id] + list(extra)


def test_the_good_book_has_no_findings(docs: Docs) -> None:
    report = _lint(docs, GOOD)
    assert report.findings == ()
    assert report.ok


def test_unaccountable_body(docs: Docs) -> None:
    elections = {**ELECTIONS, "accountability": ELECTIONS["accountability"][:-1]}
    mild = {
        **DISCIPLINE,
        "powers": [
            {
                "by": "dc",
                "acts": ["serve_notice", "hear", "find", "assign_investigator"],
            },
            {"by": "dc", "acts": ["sanction"], "when": {"sanctions": ["censure"]}},
        ],
    }
    book = [
        elections if c is ELECTIONS else mild if c is DISCIPLINE else c for c in GOOD
    ]
    (finding,) = _lint(docs, book).findings
    assert finding.code == "unaccountable-body"
    assert finding.subjects == ("appeals",)
    assert finding.message == (
        "appeals answers to no one: nobody may recall it, remove its members or "
        "audit it (it holds no power under this book)"
    )
    assert finding.clauses == ("R2",)  # where the convention elects it
    # Expulsion by a body the convention recalls is a path of removal.
    assert _lint(docs, _without("R2", elections)).findings == ()


def test_removal_by_a_body_nobody_reaches_is_no_accountability(docs: Docs) -> None:
    links = [
        a
        for a in ELECTIONS["accountability"]
        if a["of"] != "exec" or a["relation"] == "elects"
    ]
    links = [a for a in links if a["of"] != "dc" or a["relation"] == "elects"]
    report = _lint(docs, _without("R2", {**ELECTIONS, "accountability": links}))
    by_body = {f.subjects[0]: f for f in report.of("unaccountable-body")}
    assert sorted(by_body) == ["dc", "exec"]
    assert by_body["exec"].message.startswith(
        "exec answers only to dc, which may remove its members from office (R4); "
        "and nothing reaches dc from the membership"
    )
    assert by_body["dc"].message.startswith("dc answers only to itself")


def test_audit_by_an_outside_body_is_accountability(docs: Docs) -> None:
    bodies = {**BODIES, "panel": {"kind": "external_panel", "outside": True}}
    elections = {**ELECTIONS, "accountability": ELECTIONS["accountability"][:-1]}
    audit = {
        "id": "R7",
        "text": "The panel audits the appeal body.",
        "accountability": [{"relation": "audits", "by": "panel", "of": "appeals"}],
    }
    report = _lint(docs, _without("R2", elections, audit), bodies)
    assert report.of("unaccountable-body") == []


def test_executive_controls_its_judge(docs: Docs) -> None:
    appoints = {
        "id": "R6",
        "text": "The executive convenes meetings and appoints committees.",
        "powers": [
            {"by": "exec", "acts": ["convene"]},
            {"by": "exec", "acts": ["appoint", "interim_suspend"]},
        ],
    }
    report = _lint(docs, _without("R6", appoints))
    (finding,) = report.of("executive-controls-its-judge")
    assert finding.subjects == ("exec", "dc")
    assert "seat members on dc (R6)" in finding.message
    assert "keep dc's members from sitting (R6)" in finding.message
    assert finding.clauses == ("R4", "R6")
    narrowed = {
        **appoints,
        "powers": [
            {"by": "exec", "acts": ["convene"]},
            {"by": "exec", "acts": ["appoint"], "over": {"bodies": ["exec"]}},
            {
                "by": "exec",
                "acts": ["interim_suspend"],
                "when": {"scopes": ["meeting"]},
            },
        ],
    }
    fixed = _lint(docs, _without("R6", narrowed))
    assert fixed.of("executive-controls-its-judge") == []


def test_offices_held_together(docs: Docs) -> None:
    one_way = {
        **INCOMPATIBLE,
        "disabilities": [
            INCOMPATIBLE["disabilities"][0],
            *INCOMPATIBLE["disabilities"][2:],
        ],
    }
    (finding,) = _lint(docs, _without("R3", one_way)).findings
    assert finding.code == "offices-held-together"
    assert finding.subjects == ("exec", "dc")
    assert "convention may seat a member of dc on exec (R2)" in finding.message
    assert "member of exec on dc" not in finding.message  # that way is barred


def test_a_person_seated_on_both_is_named(docs: Docs) -> None:
    bodies = {
        **BODIES,
        "dc": {**BODIES["dc"], "seats": [{"person": "e1"}, {"person": "d2"}]},
    }
    (finding,) = _lint(docs, GOOD, bodies).findings
    assert finding.code == "offices-held-together"
    assert "the organisation seats e1 on both" in finding.message


def test_unbounded_interim(docs: Docs) -> None:
    interim = {
        "id": "R7",
        "text": "The committee suspends pending a hearing.",
        "powers": [{"by": "dc", "acts": ["interim_suspend"]}],
    }
    (finding,) = _lint(docs, [*GOOD, interim]).findings
    assert finding.code == "unbounded-interim"
    assert finding.message == (
        "dc may impose interim measures (R7) with no cap on their length, "
        "no review date and no stated basis"
    )
    assert "interim_reviewed_by_adjudicator" in finding.invariants
    bounds_for_another = {
        **interim,
        "requires": [
            {
                "rule": "interim_bounds",
                "acts": ["interim_suspend"],
                "by": "exec",
                "bases": ["danger"],
                "max_days": 30,
                "review_within_days": 7,
            }
        ],
    }
    (again,) = _lint(docs, [*GOOD, bounds_for_another]).of("unbounded-interim")
    assert again.message.endswith("(the bounds in R7 govern other actors)")
    bounded = {
        **interim,
        "powers": [
            {
                "by": "dc",
                "acts": ["interim_suspend"],
                "when": {"bases": ["danger"], "max_days": 30},
            }
        ],
        "requires": [
            {
                "rule": "interim_bounds",
                "acts": ["interim_suspend"],
                "review_within_days": 7,
            }
        ],
    }
    assert _lint(docs, [*GOOD, bounded]).findings == ()


def test_sanction_without_appeal(docs: Docs) -> None:
    (finding,) = _lint(docs, _without("R5")).findings
    assert finding.code == "sanction-without-appeal"
    assert (
        finding.message
        == "dc may sanction (R4) and nobody may decide an appeal from it"
    )
    no_lodging = {**RIGHTS, "powers": RIGHTS["powers"][:1]}
    (lodging,) = _lint(docs, _without("R1", no_lodging)).findings
    assert lodging.message.endswith("nobody may lodge an appeal")


def test_appeal_to_same_people(docs: Docs) -> None:
    bodies = {**BODIES, "appeals": {"kind": "appeal", "seats": [{"person": "d1"}]}}
    no_bar = [c for c in GOOD if c["id"] != "R3"]
    report = _lint(docs, no_bar, bodies)
    (finding,) = report.of("appeal-to-same-people")
    assert "appeals (R5): its members d1 sit on both" in finding.message
    same_body = {
        "id": "R5",
        "text": "The committee hears appeals from itself.",
        "accountability": [{"relation": "hears_appeals_from", "by": "dc", "of": "dc"}],
    }
    (itself,) = _lint(docs, _without("R5", same_body)).of("appeal-to-same-people")
    assert "dc (R5): the same body" in itself.message


def test_investigator_chosen_by_party(docs: Docs) -> None:
    no_recusal = {
        **DISCIPLINE,
        "requires": [{"rule": "recusal", "acts": ["find", "sanction"]}],
    }
    (finding,) = _lint(docs, _without("R4", no_recusal)).findings
    assert finding.code == "investigator-chosen-by-party"
    assert finding.message.startswith("dc may choose the investigator (R4)")
    independent = {
        **no_recusal,
        "requires": [
            *no_recusal["requires"],
            {"rule": "independent_investigator", "acts": ["assign_investigator"]},
        ],
    }
    assert _lint(docs, _without("R4", independent)).findings == ()


def test_dead_clauses(docs: Docs) -> None:
    dead = {
        "id": "R7",
        "text": "Provisions nothing can use.",
        "powers": [
            {"by": {"kind": ["commission"]}, "acts": ["publish_statement"]},
        ],
        "requires": [{"rule": "notice", "acts": ["ratify"], "days": 3}],
    }
    report = _lint(docs, [*GOOD, dead])
    messages = [f.message for f in report.of("dead-clause")]
    assert messages == [
        "R7: the grant of publish_statement to any commission body never applies: "
        "no commission body exists in the organisation",
        "R7: the notice requirement on ratify never applies: no clause empowers "
        "anyone to perform these acts",
    ]
    assert report.of("dead-clause")[1].invariants == (
        "competence",
        "notice_before_sanction",
    )


def test_a_disability_with_no_grant_is_not_dead(docs: Docs) -> None:
    guard = {
        "id": "R7",
        "text": "The executive may not alter decisions.",
        "disabilities": [{"by": "exec", "acts": ["alter_decision"]}],
        "requires": [{"rule": "finality", "acts": ["alter_decision"]}],
    }
    assert _lint(docs, [*GOOD, guard]).findings == ()


def test_shadowed_clauses(docs: Docs) -> None:
    again = {
        "id": "R7",
        "text": "The executive convenes meetings (again).",
        "powers": [{"by": {"kind": ["executive"]}, "acts": ["convene"]}],
    }
    denied = {
        "id": "R8",
        "text": "The committee may publish, but not the executive.",
        "powers": [
            {
                "by": "exec",
                "acts": ["publish_statement"],
                "when": {"audiences": ["body"]},
            }
        ],
        "disabilities": [
            {"by": {"kind": ["executive"]}, "acts": ["publish_statement"]}
        ],
    }
    report = _lint(docs, [*GOOD, again, denied])
    assert [f.message for f in report.of("shadowed-clause")] == [
        # exec is the only executive body, so the two grants are the same one:
        # the later is reported.
        "R7: the grant of convene to any executive body adds nothing: R6 already "
        "gives it",
        "R8: the grant of publish_statement to exec is cancelled by the disability in R8",
    ]


def test_a_disability_over_a_number_cancels_a_power_over_a_clause_under_it(
    docs: Docs,
) -> None:
    amend = {
        "id": "R7",
        "text": "The executive may amend clause R3.1, but nothing under R3.",
        "powers": [
            {"by": "exec", "acts": ["amend_rules"], "when": {"clauses": ["R3.1"]}}
        ],
        "disabilities": [
            {"by": "exec", "acts": ["amend_rules"], "when": {"clauses": ["R3.*"]}}
        ],
    }
    assert [f.message for f in _lint(docs, [*GOOD, amend]).of("shadowed-clause")] == [
        "R7: the grant of amend_rules to exec is cancelled by the disability in R7",
    ]
    wider = {
        **amend,
        "powers": [
            {"by": "exec", "acts": ["amend_rules"], "when": {"clauses": ["R3.*"]}}
        ],
        "disabilities": [
            {"by": "exec", "acts": ["amend_rules"], "when": {"clauses": ["R3.1"]}}
        ],
    }
    assert _lint(docs, [*GOOD, wider]).of("shadowed-clause") == []


def test_impossible_quorum(docs: Docs) -> None:
    whole = {**DISCIPLINE, "decides": [{"acts": ["sanction"], "quorum": 3}]}
    (finding,) = _lint(docs, _without("R4", whole)).findings
    assert finding.code == "impossible-quorum"
    assert "recusal (R4) takes out any conflicted member" in finding.message
    too_big = {**DISCIPLINE, "decides": [{"acts": ["sanction"], "quorum": 4}]}
    (bigger,) = _lint(docs, _without("R4", too_big)).findings
    assert "dc has only 3 seats" in bigger.message
    alternate = {
        "id": "R7",
        "text": "The appeal body may also sanction.",
        "powers": [{"by": "appeals", "acts": ["sanction"]}],
    }
    assert _lint(docs, _without("R4", whole, alternate)).of("impossible-quorum") == []


def test_zero_seat_quorum(docs: Docs) -> None:
    bodies = {**BODIES, "dc": {"kind": "disciplinary"}}
    share = {**DISCIPLINE, "decides": [{"acts": ["sanction"], "quorum": "1/2"}]}
    (finding,) = _lint(docs, _without("R4", share), bodies).findings
    assert finding.code == "zero-seat-quorum"
    assert "a share of no seats" in finding.message
    sized = {**BODIES, "dc": {"kind": "disciplinary", "size": 3}}
    assert _lint(docs, _without("R4", share), sized).findings == ()


def test_a_membership_quorum_is_a_share_of_its_roll(docs: Docs) -> None:
    # The replay counts a membership's quorum on its roll, which holds no seats.
    members = {**BODIES, "all": {"kind": "membership"}}
    vote = {
        "id": "R8",
        "text": "The members may sanction, a third of them present.",
        "powers": [{"by": "all", "acts": ["sanction"]}],
        "decides": [{"acts": ["sanction"], "by": "all", "quorum": "1/3"}],
    }
    assert _lint(docs, [*GOOD, vote], members).of("zero-seat-quorum") == []
    (finding,) = _lint(
        docs, [*GOOD, vote], {**members, "all": {"kind": "committee"}}
    ).of("zero-seat-quorum")
    assert "all has no fixed size and nobody holds a seat" in finding.message


def test_a_fraction_quorum_of_no_seats_is_not_met(docs: Docs) -> None:
    org = organisation(PERSONS, {**BODIES, "dc": {"kind": "disciplinary"}})
    share = {**DISCIPLINE, "decides": [{"acts": ["sanction"], "quorum": "1/2"}]}
    acts = [
        {
            "id": "k",
            "at": "2020-01-01",
            "act": "file_complaint",
            "by": "m1",
            "case": "k1",
            "against": ["e1"],
        },
        {
            "id": "s",
            "at": "2020-01-05",
            "act": "sanction",
            "by": "dc",
            "case": "k1",
            "targets": ["e1"],
            "sanction": "censure",
        },
    ]
    result = docs.run(org, _without("R4", share), acts)
    assert "quorum: 0 members present after recusals, 1 needed" in [
        r.check for r in result.record("s").reasons
    ]


def test_amendments_are_linted_in_every_version(docs: Docs) -> None:
    interim = {
        "id": "R7",
        "text": "The committee suspends pending a hearing.",
        "powers": [{"by": "dc", "acts": ["interim_suspend"]}],
    }
    amendment = {"id": "a1", "in_force": "2021-01-01", "repeal": ["R7"]}
    report = _lint(docs, [*GOOD, interim], amendments=[amendment])
    assert report.epochs == ("before a1", "a1 (2021-01-01)")
    (finding,) = report.findings
    assert finding.epochs == ("before a1",)


def test_a_check_of_ones_own_joins_the_lint(docs: Docs) -> None:
    rule = Rule(
        "lonely-executive",
        "an executive of two",
        "Two cannot outvote one.",
        ("competence",),
    )

    @lint_check("test-lonely", rule)
    def lonely(view: BookView) -> Iterator[Finding]:
        for body in view.bodies("executive"):
            if len(view.seated_now(body)) < 3:
                yield view.finding(
                    rule,
                    f"{body} has fewer than three seats",
                    clauses=[],
                    hint="add seats",
                )

    try:
        (finding,) = _lint(docs, GOOD).findings
        assert (finding.code, finding.message) == (
            "lonely-executive",
            "exec has fewer than three seats",
        )
    finally:
        CHECKS.remove("test-lonely")


def test_ignored_codes_are_left_out(docs: Docs) -> None:
    report = _lint(docs, _without("R5"))
    assert report.codes() == ["sanction-without-appeal"]
    ignored = govsim.lint(
        docs.root / "rules/book.govsim.yaml",
        docs.root / ORG_FILE,
        ignore=["sanction-without-appeal"],
    )
    assert ignored.findings == ()
    assert ignored.ignored == ("sanction-without-appeal",)


# --- the command line and bad input ---------------------------------------------


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(env={"COLUMNS": "100"})


def test_cli_exit_codes(docs: Docs, runner: CliRunner) -> None:
    _lint(docs, GOOD)
    book = str(docs.root / "rules/book.govsim.yaml")
    org = ["--org", str(docs.root / ORG_FILE)]
    clean = runner.invoke(app, ["lint", book, *org])
    assert clean.exit_code == 0, clean.output
    assert "no findings" in clean.stdout
    _lint(docs, _without("R5"))
    found = runner.invoke(app, ["lint", book, *org])
    assert found.exit_code == 1
    assert "sanction-without-appeal (1)" in found.stdout
    assert "dc may sanction (R4)" in found.stdout
    ignored = runner.invoke(
        app, ["lint", book, *org, "--ignore", "sanction-without-appeal"]
    )
    assert ignored.exit_code == 0


def test_cli_json(runner: CliRunner) -> None:
    result = runner.invoke(app, ["lint", "iso-2013-as-practised", "--json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["rulebook"] == "iso-2013-as-practised"
    assert data["organisation"] == "iso"
    assert data["epochs"] == ["as written"]
    first = data["findings"][0]
    assert set(first) == {
        "code",
        "message",
        "explanation",
        "book",
        "clauses",
        "invariants",
        "hint",
        "subjects",
        "epochs",
    }
    assert any(
        f["code"] == "unaccountable-body" and f["subjects"][0] == "sc"
        for f in data["findings"]
    )


def test_cli_unknown_book_id_suggests(runner: CliRunner) -> None:
    result = runner.invoke(app, ["lint", "external-check"])
    assert result.exit_code == 2
    assert "no rule book 'external-check'" in result.output
    assert "did you mean 'external-checks'" in result.output
    assert "Traceback" not in result.output


def test_cli_unknown_code_suggests(runner: CliRunner) -> None:
    result = runner.invoke(app, ["lint", "external-checks", "--ignore", "dead-clauses"])
    assert result.exit_code == 2
    assert (
        "unknown lint code 'dead-clauses' (did you mean 'dead-clause'?)"
        in result.output
    )


def test_cli_book_for_another_organisation_is_positioned(runner: CliRunner) -> None:
    org = ROOT / "scenarios/invariants/organisation.govsim.yaml"
    book = ROOT / "scenarios/iso/rules/external-checks.govsim.yaml"
    result = runner.invoke(app, ["lint", str(book), "--org", str(org)])
    assert result.exit_code == 2
    where = span_of(book, "iso", after="organisation: ")
    assert (
        f"{where}: organisation: rule book 'external-checks' is written for "
        in result.output
    )
    assert "'iso', not 'inv-org'" in result.output
    assert "unknown body" not in result.output


def test_malformed_book_is_positioned(docs: Docs, runner: CliRunner) -> None:
    docs.write(ORG_FILE, organisation(PERSONS, BODIES))
    book = docs.write(
        "rules/bad.govsim.yaml",
        """\
        schema_version: 1
        rulebook: bad
        clauses:
          - id: X
            text: A typo.
            powers:
              - {by: dc, acts: [sanctoin]}
        """,
    )
    org = str(docs.root / ORG_FILE)
    result = runner.invoke(app, ["lint", str(book), "--org", org])
    assert result.exit_code == 2
    assert f"{span_of(book, 'sanctoin')}: " in result.output
    assert "did you mean 'sanction'" in result.output


# --- the guide ------------------------------------------------------------------

GUIDE = ROOT / "docs" / "lint.md"


def test_the_guide_explains_every_code() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    for code in rules():
        assert f"### `{code}`" in text


@pytest.mark.parametrize(
    "book",
    [
        "iso-2013-as-practised",
        "iso-2019-post-convention",
        "external-checks",
        "roberts-rules-default",
        "dsa-res33-style",
    ],
)
def test_the_guide_shows_real_output(book: str) -> None:
    """docs/lint.md pastes `COLUMNS=100 govsim lint BOOK` for each seed book."""
    result = CliRunner(env={"COLUMNS": "100"}).invoke(app, ["lint", book])
    shown = "\n".join(line.rstrip() for line in result.stdout.splitlines())
    # docs/outputs.py writes a command's exit code beside it when it is not 0.
    code = f"   # exit {result.exit_code}" if result.exit_code else ""
    prompt = f"$ govsim lint {book}{code}"
    assert f"{prompt}\n{shown}\n```" in GUIDE.read_text(encoding="utf-8")


def test_a_book_in_memory_needs_its_organisation() -> None:
    book = govsim.load_rulebook(
        ROOT / "scenarios/iso/rules/external-checks.govsim.yaml"
    )
    org = govsim.load_organisation(ROOT / "scenarios/iso/organisation.govsim.yaml")
    assert govsim.lint(book, org).codes() == govsim.lint("external-checks").codes()
    with pytest.raises(UsageError, match="needs its organisation"):
        govsim.lint(book)


@pytest.mark.parametrize(
    ("bodies", "amendment_day"),
    [
        (BODIES, "0001-01-01"),
        (
            {
                **BODIES,
                "exec": {
                    "kind": "executive",
                    "seats": [{"person": "e1", "until": "9999-12-31"}],
                },
            },
            "2020-01-01",
        ),
    ],
    ids=["amended-from-year-1", "a-seat-to-the-calendars-end"],
)
def test_dates_at_the_ends_of_the_calendar_are_linted(
    docs: Docs, bodies: dict[str, dict[str, Any]], amendment_day: str
) -> None:
    # Found while fixing what the document fuzzer found in the engine: lint
    # looks at the day before the first amendment and the day after the last
    # seat, and either could fall off the calendar (OverflowError).
    amendment = {"id": "a1", "in_force": amendment_day, "clauses": [EXECUTIVE]}
    report = _lint(docs, _without("R6"), bodies, amendments=[amendment])
    assert report.epochs[-1] == f"a1 ({amendment_day})"


def test_a_rule_for_a_kind_of_body_set_up_per_case_is_not_dead(docs: Docs) -> None:
    # The IWW's appeal committees are elected for each appeal: no appeal body
    # sits today, but the grant and the recusal rule name the same kind.
    per_case = {
        "id": "R8",
        "text": "An appeal committee set up for the case decides the appeal.",
        "powers": [
            {"by": "exec", "acts": ["create_body"]},
            {"by": {"kind": ["commission"]}, "acts": ["decide_appeal"]},
        ],
        "requires": [
            {
                "rule": "recusal",
                "acts": ["decide_appeal"],
                "by": {"kind": ["commission"]},
            }
        ],
    }
    assert _lint(docs, [*GOOD, per_case]).of("dead-clause") == []
    ungranted = {
        **per_case,
        "powers": [{"by": "exec", "acts": ["create_body"]}],
    }
    (finding,) = _lint(docs, [*GOOD, ungranted]).of("dead-clause")
    assert "no clause empowers any commission body" in finding.message
