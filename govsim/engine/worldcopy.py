"""A copy of the world that an act can be applied to without touching the original.

Prevented breaches are found by applying a void act to a copy of the world
and checking the invariants there. ``copy.deepcopy`` would do, at some 15 ms
a copy on the example scenarios (it walks every tuple and string); acts only
ever mutate the state's dataclasses and the containers they hold, never the
tuples and strings inside, so copying each record and its containers one
level down is enough, and costs a small fraction of that.

Whoever adds a mutable container to a state class adds it here too: the test
of this module applies every act of the example scenarios to a copy and
checks that the original is unchanged.
"""

from __future__ import annotations

import copy
from typing import Any, TypeVar

from govsim.engine.state import BodyState, PersonState, SeatState, World

__all__ = ["copy_world"]

_Record = TypeVar("_Record")

_CONTAINERS = (list, dict, set)


def _record(record: _Record) -> _Record:
    """A shallow copy of a state record whose lists, dicts and sets are copied too.

    Containers of containers (a meeting's notices per person) are copied one
    more level, since acts append to the inner lists.
    """
    new = copy.copy(record)
    for name, value in vars(record).items():
        if isinstance(value, _CONTAINERS):
            setattr(new, name, _container(value))
    return new


def _container(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            k: type(v)(v) if isinstance(v, _CONTAINERS) else v for k, v in value.items()
        }
    return type(value)(value)


def _person(person: PersonState) -> PersonState:
    new = PersonState(person.id, person.status, person.tags, person.branch)
    new.restrictions = dict(person.restrictions)
    return new


def _body(body: BodyState) -> BodyState:
    new = copy.copy(body)
    new.seats = [SeatState(s.person, s.start, s.until, s.appointer) for s in body.seats]
    # The index of terms holds the old seats: let it be rebuilt on first use.
    new._terms, new._indexed = {}, 0
    return new


def copy_world(world: World) -> World:
    """A copy of ``world`` deep enough that applying an act to it leaves ``world`` as it was."""
    new = copy.copy(world)
    new.persons = {pid: _person(p) for pid, p in world.persons.items()}
    new.bodies = {bid: _body(b) for bid, b in world.bodies.items()}
    for name in (
        "cases",
        "decisions",
        "measures",
        "meetings",
        "obligations",
        "records",
    ):
        setattr(new, name, {k: _record(v) for k, v in getattr(world, name).items()})
    for name in ("proposals", "knowledge", "reports", "activity"):
        setattr(new, name, _container(getattr(world, name)))
    new.appeals = dict(world.appeals)
    new.ratifications = dict(world.ratifications)
    new.hearings = list(world.hearings)
    new.targets_of = dict(world.targets_of)
    new.steps = dict(world.steps)
    new.absences = dict(world.absences)
    new.orphaned = {
        key: [copy.copy(span) for span in spans]
        for key, spans in world.orphaned.items()
    }
    new.timers = list(world.timers)
    new._seated = None
    return new
