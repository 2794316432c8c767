"""The world a replay starts from, and who holds a seat in it."""

from __future__ import annotations

import datetime as dt

from govsim.engine.state import Calendar, World
from govsim.model.organisation import Organisation

CALENDAR = Calendar(dt.date(2020, 1, 1))


def _world() -> World:
    org = Organisation.model_validate(
        {
            "schema_version": 1,
            "organisation": "org",
            "persons": {
                "zed": {"status": "member", "tags": ["old_guard"], "branch": "north"},
                "amy": {"status": "on_leave"},
                "kim": {"status": "non_member"},
                "bob": {"status": "member"},
            },
            "bodies": {
                "all": {"kind": "membership"},
                "north": {"kind": "branch"},
                "board": {
                    "kind": "executive",
                    "seats": [
                        {"person": "zed", "until": "2020-02-01"},
                        {"person": "bob", "from": "2020-01-15"},
                    ],
                },
            },
        }
    )
    return World.from_organisation(org, CALENDAR)


def test_persons_start_as_the_organisation_describes_them_each_unrestricted() -> None:
    world = _world()
    zed = world.persons["zed"]
    assert (zed.status, zed.tags, zed.branch, zed.restrictions) == (
        "member",
        ("old_guard",),
        "north",
        {},
    )
    zed.restrictions["m1"] = "membership"
    assert all(not world.persons[p].restrictions for p in ("amy", "kim", "bob"))


def test_the_membership_is_held_by_everyone_on_the_roll_in_id_order() -> None:
    world = _world()
    assert world.holders("all", 0) == ["amy", "bob", "zed"]
    world.persons["bob"].status = "resigned"
    world.persons["kim"].status = "member"
    assert world.holders("all", 0) == ["amy", "kim", "zed"]


def test_other_bodies_are_held_by_the_terms_covering_the_day() -> None:
    world = _world()
    assert world.holders("board", 0) == ["zed"]
    assert world.holders("board", 20) == ["zed", "bob"]
    assert world.holders("board", 31) == ["bob"]
    assert world.holders("nowhere", 0) == []
