"""Prevented breaches: the harm a book stopped by voiding an act, made visible.

A void act has no effect, so it breaks no invariant; but had it taken effect
it might have. The engine judges it as if it had, on a copy of the world, and
records what the book prevented, with the clause that stopped it.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import Docs, organisation, rulebook, scenario
from typer.testing import CliRunner

import govsim
from govsim.engine import replay as replay_module
from govsim.engine.judge import judge
from govsim.engine.trace import Verdict
from govsim.faces.cli import app

ORG = organisation(
    ["critic", "chair", "dc-a", "dc-b", "dc-c"],
    {
        "exec": {"kind": "executive", "seats": [{"person": "chair"}]},
        "dc": {
            "kind": "disciplinary",
            "seats": [{"person": p} for p in ("dc-a", "dc-b", "dc-c")],
        },
    },
)
SPEECH = {
    "id": "S",
    "text": "Members may write to the membership.",
    "powers": [{"by": "exec", "acts": ["convene"]}],
}
EXEC_EXPELS = {
    "id": "X",
    "text": "The executive may expel.",
    "powers": [{"by": "exec", "acts": ["sanction"]}],
}
DC_EXPELS = {
    "id": "D",
    "text": "Only the disciplinary committee sanctions members.",
    "powers": [{"by": "dc", "acts": ["sanction"]}],
}
NOTICE = {
    "id": "N",
    "text": "No sanction without 14 days' written notice of charges.",
    "enforcement": "regimented",
    "requires": [{"rule": "notice", "acts": ["sanction"], "days": 14}],
}
ACTS = [
    {
        "id": "letter",
        "at": "2024-03-01",
        "act": "raise_concern",
        "by": "critic",
        "to": ["members"],
        "document": "a letter on the executive's handling of complaints",
    },
    {
        "id": "expel",
        "at": "2024-03-10",
        "act": "sanction",
        "by": "exec",
        "targets": ["critic"],
        "sanction": "expel",
    },
]


def _run(docs: Docs, clauses: list[dict[str, Any]]) -> govsim.Result:
    return docs.run(ORG, clauses, ACTS, invariants=["non_retaliation"])


def test_a_retaliatory_expulsion_that_takes_effect_is_a_breach(docs: Docs) -> None:
    result = _run(docs, [SPEECH, EXEC_EXPELS])
    assert result.verdict("expel") is Verdict.VALID
    assert [b.invariant for b in result.breaches] == ["non_retaliation"]
    assert result.prevented == []


def test_the_same_expulsion_without_power_is_a_breach_prevented(docs: Docs) -> None:
    result = _run(docs, [SPEECH, DC_EXPELS])
    assert result.verdict("expel") is Verdict.VOID
    assert result.breaches == []
    (prevented,) = result.prevented
    assert prevented.invariant == "non_retaliation"
    assert prevented.act == "expel"
    assert prevented.prevented_by is None  # no clause gives exec the power
    assert prevented.prevented_because == (
        "no clause in force gives exec the power to sanction; it belongs to dc"
    )
    assert {"expel", "critic"} <= set(prevented.witnesses)
    assert result.statuses()["critic"] == "member"


def test_a_regimented_requirement_that_voids_it_is_named(docs: Docs) -> None:
    result = _run(docs, [SPEECH, EXEC_EXPELS, NOTICE])
    assert result.verdict("expel") is Verdict.VOID
    (prevented,) = result.prevented
    assert prevented.prevented_by == "N"
    assert "N" in prevented.witnesses
    assert prevented.prevented_because == (
        "no case is open against critic, so no charges were served"
    )


def test_an_act_void_through_a_void_act_prevents_nothing(docs: Docs) -> None:
    """Nothing could have taken effect: its meeting was never validly called."""
    call = {
        "id": "call",
        "at": "2024-03-05",
        "act": "convene",
        "by": "critic",
        "meeting": "m1",
        "bodies": ["exec"],
        "sits": "2024-03-10",
    }
    acts = [ACTS[0], call, {**ACTS[1], "meeting": "m1"}]
    result = docs.run(ORG, [SPEECH, EXEC_EXPELS], acts, invariants=["non_retaliation"])
    assert result.verdict("call") is Verdict.VOID
    assert result.verdict("expel") is Verdict.VOID
    assert "depends on act call, which is void" in [
        r.check for r in result.record("expel").failing
    ]
    assert result.prevented == []


def test_prevented_breaches_are_in_the_json_and_the_terminal(docs: Docs) -> None:
    book = rulebook([SPEECH, DC_EXPELS])
    path = docs.build(ORG, [book], scenario(ACTS, invariants=["non_retaliation"]))
    runner = CliRunner()
    done = runner.invoke(app, ["run", str(path), "--json"])
    assert done.exit_code == 0, done.output
    (run,) = json.loads(done.output)["runs"]
    assert run["invariants"]["broken"] == []
    assert run["invariants"]["prevented"] == ["non_retaliation"]
    (entry,) = run["prevented"]
    assert entry["act"] == "expel"
    assert entry["prevented_by"] is None
    shown = runner.invoke(app, ["run", str(path)])
    assert "invariants: all 1 hold, 1 breach prevented" in shown.output
    listed = runner.invoke(app, ["run", str(path), "--verbose"])
    assert "book prevented 1 breach: 1 of non_retaliation" in listed.output
    assert "stopped (no power): no clause in" in listed.output


def test_expectations_state_prevented_breaches(docs: Docs) -> None:
    expect = {
        "book": {
            "invariants": {
                "holds": ["non_retaliation"],
                "prevented": {"non_retaliation": ["expel", "critic"]},
            }
        }
    }
    book = rulebook([SPEECH, DC_EXPELS])
    scen = scenario(ACTS, invariants=["non_retaliation"], expect=expect)
    result = govsim.run(docs.build(ORG, [book], scen), "book")
    assert [(e.description, e.met) for e in result.expectations] == [
        ("a breach of non_retaliation is prevented with witnesses expel, critic", True),
        ("invariant non_retaliation holds", True),
    ]
    lax = rulebook([SPEECH, EXEC_EXPELS])
    result = govsim.run(docs.build(ORG, [lax], scen), "book")
    unmet = [e for e in result.expectations if not e.met]
    assert [(e.description, e.actual) for e in unmet] == [
        (
            "a breach of non_retaliation is prevented with witnesses expel, critic",
            "none prevented",
        ),
        (
            "invariant non_retaliation holds",
            unmet[1].actual,
        ),
    ]


def test_an_unknown_invariant_in_a_prevented_expectation_is_refused(
    docs: Docs,
) -> None:
    expect = {"book": {"invariants": {"prevented": {"non_retalation": ["expel"]}}}}
    book = rulebook([SPEECH, DC_EXPELS])
    path = docs.build(ORG, [book], scenario(ACTS, expect=expect))
    done = CliRunner().invoke(app, ["check", str(path)])
    assert done.exit_code == 2
    assert "unknown invariant 'non_retalation'" in done.output
    assert "did you mean" in done.output
    assert f"{path.name}:" in done.output


def test_the_real_history_is_untouched_by_judging_as_if(docs: Docs) -> None:
    """The hypothetical is applied to a copy: the trace is what it was without it."""
    strict = _run(docs, [SPEECH, DC_EXPELS])
    plain = docs.run(ORG, [SPEECH, DC_EXPELS], ACTS, invariants="none")
    assert [(a.id, a.verdict, a.effects) for a in strict.acts] == [
        (a.id, a.verdict, a.effects) for a in plain.acts
    ]
    assert strict.statuses() == plain.statuses()


SEEDS = sorted(
    p
    for p in (Path(__file__).parent.parent / "scenarios").rglob("*.govsim.yaml")
    if "\nscenario:" in "\n" + p.read_text(encoding="utf-8")
)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_applying_any_act_to_a_copy_leaves_the_world_as_it_was(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every act of every example, applied to a copy before it is applied for real."""
    real = replay_module.Session._conclude
    tried: list[str] = []

    def conclude(self: Any, ctx: Any, handler: Any, line: Any) -> Any:
        judgement = judge(ctx, handler)
        if judgement.verdict is not Verdict.VOID:
            before = copy.deepcopy(self.world)
            grant = judgement.power.grant if judgement.power else None
            self._as_if_effective(ctx, handler, grant)
            assert self.world == before, f"applying {ctx.act_id} to a copy changed it"
            tried.append(ctx.act_id)
        return real(self, ctx, handler, line)

    monkeypatch.setattr(replay_module.Session, "_conclude", conclude)
    loaded = govsim.load_scenario(path)
    govsim.run_all(loaded)
    assert tried


def test_compare_counts_breaches_and_prevented_breaches_per_book(docs: Docs) -> None:
    strict = rulebook([SPEECH, DC_EXPELS], ident="strict")
    lax = rulebook([SPEECH, EXEC_EXPELS], ident="lax")
    scen = scenario(ACTS, books=["lax", "strict"], invariants=["non_retaliation"])
    path = docs.build(ORG, [lax, strict], scen)
    comparison = govsim.compare(path, ["lax", "strict"])
    assert comparison.invariant_counts("lax") == {
        "broken": {"non_retaliation": 1},
        "prevented": {},
    }
    assert comparison.invariant_counts("strict") == {
        "broken": {},
        "prevented": {"non_retaliation": 1},
    }
    records = comparison.to_records()["invariants"]
    assert [r["rulebook"] for r in records] == ["lax", "strict"]
    done = CliRunner().invoke(
        app, ["compare", str(path), "--rules", "lax", "--rules", "strict"]
    )
    assert "breaches prevented: 1 (1 of non_retaliation)" in done.output


def test_a_void_act_by_a_caucus_never_formed_changes_nothing(docs: Docs) -> None:
    # Found by `govsim explore`: the caucus's forming was void, so it is no
    # body of the world, and judging its disaffiliation as if effective
    # must not look it up there.
    acts = [
        {
            "id": "form",
            "at": "2024-03-01",
            "act": "form_caucus",
            "by": "critic",
            "caucus": "caucus1",
        },
        {"id": "leave", "at": "2024-03-08", "act": "disaffiliate", "by": "caucus1"},
    ]
    result = docs.run(ORG, [SPEECH], acts, invariants="all")
    assert result.verdict("form") is Verdict.VOID
    assert result.verdict("leave") is Verdict.VOID
    assert result.statuses()["critic"] == "member"
