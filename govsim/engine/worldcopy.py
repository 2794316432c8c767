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

from collections.abc import ItemsView, ValuesView
from typing import Any, TypeVar, overload

from govsim.engine.state import BodyState, PersonState, World

__all__ = ["copy_world"]

_Record = TypeVar("_Record")
_T = TypeVar("_T")

_CONTAINERS = (list, dict, set)


def _record(record: _Record) -> _Record:
    """A copy of a state record whose lists, dicts and sets are copied too.

    Containers of containers (a meeting's notices per person) are copied one
    more level, since acts append to the inner lists. Built from the
    instance's ``__dict__`` directly: ``copy.copy`` goes through pickling's
    reduce protocol, several times slower for these small records.
    """
    new = object.__new__(type(record))
    new.__dict__.update(
        {
            name: _container(value) if isinstance(value, _CONTAINERS) else value
            for name, value in record.__dict__.items()
        }
    )
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


class _CopiedPersons(dict[str, PersonState]):
    """The persons of a copied world, each copied the first time it is looked up.

    An act changes the standing of a few persons, found by id; a world may
    hold thousands. Looking a person up (``[]``, ``get``) copies that one;
    iterating over values or items copies every one not yet copied, so that
    nothing reached through a copy is the original's.
    """

    __slots__ = ("_copied",)

    def __init__(self, original: dict[str, PersonState]) -> None:
        super().__init__(original)
        self._copied: set[str] = set()

    def __getitem__(self, key: str) -> PersonState:
        value = dict.__getitem__(self, key)
        if key not in self._copied:
            value = _person(value)
            dict.__setitem__(self, key, value)
            self._copied.add(key)
        return value

    @overload
    def get(self, key: str, default: None = None, /) -> PersonState | None: ...

    @overload
    def get(self, key: str, default: PersonState, /) -> PersonState: ...

    @overload
    def get(self, key: str, default: _T, /) -> PersonState | _T: ...

    def get(self, key: str, default: object = None, /) -> object:
        # Through __getitem__, so that what is looked up is copied first.
        return self[key] if key in self else default  # noqa: SIM401

    def _copy_all(self) -> None:
        for key in list(dict.keys(self)):
            self[key]

    # The override's types are the public views: dict types its own as the private
    # _collections_abc.dict_values and dict_items.
    def values(self) -> ValuesView[PersonState]:  # type: ignore[override]
        self._copy_all()
        return super().values()

    def items(self) -> ItemsView[str, PersonState]:  # type: ignore[override]  # as values()
        self._copy_all()
        return super().items()


def _body(body: BodyState) -> BodyState:
    """A copy of the body sharing its seat records until the copy changes them.

    Seats change only through :meth:`World.add_seat` and :meth:`World.vacate`,
    which copy a shared body's seats first; most acts change none, and a
    large organisation has thousands.
    """
    new = object.__new__(BodyState)
    new.__dict__.update(body.__dict__)
    return new


def copy_world(world: World) -> World:
    """A copy of ``world`` deep enough that applying an act to it leaves ``world`` as it was."""
    new = object.__new__(World)
    new.__dict__.update(world.__dict__)
    new.persons = _CopiedPersons(world.persons)
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
    new.appeal_decided = dict(world.appeal_decided)
    new.ratifications = dict(world.ratifications)
    new.hearings = list(world.hearings)
    new.targets_of = dict(world.targets_of)
    new.steps = dict(world.steps)
    new.adoptions = dict(world.adoptions)
    new.absences = dict(world.absences)
    # ``orphaned`` is shared: only the replay's responsibility watch writes it,
    # and it never watches a copy.
    new.timers = list(world.timers)
    new._seated = None
    new._shared_seats = set(world.bodies)
    return new
