"""Enrolling a simulated population into an organisation."""

from __future__ import annotations

import numpy as np

from govsim.model.organisation import Organisation
from govsim.simulation.population import PopulationSpec, build_population, enrol


def _org() -> Organisation:
    return Organisation.model_validate(
        {
            "schema_version": 1,
            "organisation": "org",
            "persons": {"chair": {"status": "member"}},
            "bodies": {"exec": {"kind": "executive", "seats": [{"person": "chair"}]}},
        }
    )


def test_enrol_adds_each_member_in_their_branch_and_every_branch_body() -> None:
    org = _org()
    population = build_population(
        PopulationSpec(members=30, branches=4), np.random.default_rng(3)
    )
    enrolled = enrol(org, population)
    assert list(enrolled.persons) == ["chair", *population.ids]
    for pid, b in zip(population.ids, population.branch.tolist(), strict=True):
        person = enrolled.persons[pid]
        assert (person.status, person.branch) == ("member", population.branch_ids[b])
    assert [enrolled.bodies[b].kind for b in population.branch_ids] == ["branch"] * 4
    assert set(org.persons) == {"chair"}, "the organisation itself is unchanged"
    assert set(org.bodies) == {"exec"}


def test_runs_with_the_same_branches_share_descriptions_but_not_dictionaries() -> None:
    org, spec = _org(), PopulationSpec(members=20, branches=3)
    first = enrol(org, build_population(spec, np.random.default_rng(1)))
    second = enrol(org, build_population(spec, np.random.default_rng(2)))
    assert first.bodies["branch-1"] is second.bodies["branch-1"]
    assert first.bodies is not second.bodies
    assert first.persons is not second.persons
    by_branch = {p.branch: p for p in first.persons.values() if p.branch}
    assert all(p is by_branch[p.branch] for p in second.persons.values() if p.branch)
