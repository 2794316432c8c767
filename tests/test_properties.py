"""Example property tests of procedure designs (issue 4, item 5).

These are the tests a procedure designer writes: a state machine trying every
act by every actor on a rule book, with invariants or properties of one's own
checked after every step. They run under the Hypothesis profile in force
("quick" by default, ``--hypothesis-profile thorough`` for a deeper search).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import invariant as hypothesis_invariant
from hypothesis.stateful import run_state_machine_as_test

import govsim
from govsim.engine.trace import Verdict
from govsim.model.loading import load_organisation, load_rulebook
from govsim.model.rulebook import RuleBook
from govsim.probing.trial import Design
from govsim.testing import InvariantBroken, procedure_machine
from govsim.testing import strategies as gst
from govsim.testing.minimise import replay_history

ISO = Path(__file__).parent.parent / "scenarios" / "iso"
EXTERNAL = ISO / "rules" / "external-checks.govsim.yaml"
ISO_2013 = ISO / "rules" / "iso-2013-as-practised.govsim.yaml"
INTERIM_CAP = 90
"""external-checks: an interim measure lasts at most 90 days (clause E-interim)."""


# Under external-checks, no executive act alters a disciplinary finding:
# Hypothesis runs this machine as an ordinary test case.
TestNoExecutiveOverrideUnderExternalChecks = procedure_machine(
    EXTERNAL, invariants=["no_executive_override"]
).TestCase


def test_iso_2013_lets_the_executive_override(tmp_path: Path) -> None:
    machine = procedure_machine(
        ISO_2013, invariants=["no_executive_override"], out=tmp_path, max_examples=300
    )
    with pytest.raises(InvariantBroken) as caught:
        run_state_machine_as_test(machine)
    broken = caught.value
    assert broken.counterexample.invariant == "no_executive_override"
    assert broken.path is not None
    assert broken.path.parent == tmp_path
    kinds = [act.act for _, act in broken.counterexample.acts]
    assert kinds == ["sanction", "alter_decision"]
    assert "govsim run" in str(broken)


def _interim_machine(book: Path, cap: int) -> type:
    """A machine with one property of our own: no interim suspension stays in
    force more than ``cap`` days after it was imposed or last renewed."""
    base = procedure_machine(
        book,
        invariants=(),
        acts=[
            "file_complaint",
            "serve_notice",
            "interim_suspend",
            "renew_interim",
            "review_interim",
            "lift_interim",
        ],
    )

    class BoundedInterim(base):  # type: ignore[misc,valid-type]  # a class procedure_machine makes at run time
        @hypothesis_invariant()
        def no_suspension_outlives_its_cap(self) -> None:
            trial = self.trial
            today = trial.session.env.now
            set_on: dict[str, int] = {}
            for record in trial.session.trace.acts:
                if record.verdict is Verdict.VOID:
                    continue
                act = dict(trial.acts)[record.id]
                if record.act == "interim_suspend":
                    set_on[record.id] = trial.session.cal.day(record.at)
                elif record.act == "renew_interim":
                    set_on[act.measure] = trial.session.cal.day(record.at)
            for ident, day in set_on.items():
                measure = trial.session.world.measures[ident]
                assert not measure.active or today - day <= cap, (
                    f"measure {ident} still in force {today - day} days after it was set"
                )

    return BoundedInterim


def test_no_suspension_outlives_its_cap_under_external_checks() -> None:
    run_state_machine_as_test(_interim_machine(EXTERNAL, INTERIM_CAP))


def test_a_suspension_outlives_the_cap_under_iso_2013() -> None:
    machine = _interim_machine(ISO_2013, INTERIM_CAP)
    with pytest.raises(AssertionError, match="still in force"):
        run_state_machine_as_test(machine, settings=settings(max_examples=300))


_ORG = load_organisation(ISO / "organisation.govsim.yaml")
_BOOK = load_rulebook(EXTERNAL)


@settings(max_examples=40, deadline=None)
@given(
    variant=gst.rulebook_variants(_BOOK, loosening=True),
    acts=gst.act_sequences(_ORG, _BOOK, max_size=12),
)
def test_a_looser_book_refines_a_stricter_one(variant: RuleBook, acts: tuple) -> None:
    """Every act valid under the stricter book is valid under a loosened variant
    of it, over the longest prefix of the history that is valid throughout."""
    from govsim.model.clauses import merge_books

    history = [(act.id, act) for act in acts]
    start, end = acts[0].at, acts[-1].at
    strict = replay_history(Design(_ORG, _BOOK), (), history, start, end)
    valid = 0
    for record in strict.acts:
        if record.verdict is not Verdict.VALID:
            break
        valid += 1
    loose_book = merge_books(variant, None)
    loose = replay_history(
        Design(_ORG, loose_book), (), history[: max(valid, 1)], start, end
    )
    assert all(r.verdict is Verdict.VALID for r in loose.acts[:valid]), (
        f"{variant.description}: "
        + ", ".join(f"{r.id} {r.act} {r.verdict.value}" for r in loose.acts[:valid])
    )


@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_generated_histories_pass_check_and_replay(
    data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Acts drawn by act_sequences name only what exists, in date order: the
    scenario they make passes the loader's checks and replays."""
    from govsim.documents.writing import dump_yaml

    scenario = data.draw(gst.scenarios(max_acts=10))
    folder = tmp_path_factory.mktemp("generated")
    path = folder / "generated.govsim.yaml"
    path.write_text(
        dump_yaml(scenario.model_dump(by_alias=True, exclude_defaults=True)),
        encoding="utf-8",
    )
    loaded = govsim.load_scenario(path)
    result = govsim.run(loaded)
    assert [r.id for r in result.trace.acts] == [a.id for a in scenario.acts]
    dates = [a.at for a in scenario.acts]
    assert dates == sorted(dates)


@settings(max_examples=10, deadline=None)
@given(st.from_type(govsim.Scenario))
def test_from_type_draws_whole_scenarios(scenario: object) -> None:
    assert isinstance(scenario, govsim.Scenario)
    assert isinstance(scenario.organisation, govsim.Organisation)
    assert scenario.acts
