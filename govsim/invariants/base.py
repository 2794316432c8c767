"""What an invariant is: a named, stated, parametrised check, and its registry.

An invariant states a procedural principle formally (its docstring), names the
failure it guards against, and is of one kind:

* ``safety``: checked after every act of the kinds it watches;
* ``deadline``: checked over the whole history when the replay ends, dated
  at the day its bound fell due;
* ``structural``: checked on the rule book and organisation alone, before any
  act.

Parameters (notice days, caps) are read from the clauses in force when the
rule book defines them, fall back to stated defaults otherwise, and a
scenario may override them. Each check yields :class:`Breach` records naming
their witnesses.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from govsim.engine.trace import Breach
from govsim.errors import PluginError
from govsim.registry import Registry

if TYPE_CHECKING:
    from govsim.invariants.views import Finding
    from govsim.model.clauses import ClauseSet

__all__ = [
    "INVARIANTS",
    "Breach",
    "Invariant",
    "InvariantKind",
    "Param",
    "Params",
    "invariant",
    "share_of_votes",
    "share_or_head_count",
]


class InvariantKind(StrEnum):
    """When an invariant is checked."""

    SAFETY = "safety"
    DEADLINE = "deadline"
    STRUCTURAL = "structural"


ParamValue = int | float | str


@dataclass(frozen=True)
class Param:
    """A parameter of an invariant: its default, and where a rule book states it."""

    name: str
    default: ParamValue
    doc: str
    read: Callable[[ClauseSet], ParamValue | None] | None = None
    """How to read it from the clauses in force (``None``: books never state it)."""
    accepts: Callable[[ParamValue], str | None] | None = None
    """What is wrong with a value a scenario gives, if anything, beyond the
    kind of its default (a share of votes must read as one)."""


def share_of_votes(value: ParamValue) -> str | None:
    """What is wrong with a threshold: it reads as ``2/3``, ``majority`` or ``0.6``."""
    from govsim.model.rulebook import parse_fraction

    try:
        parse_fraction(str(value))
    except ValueError as exc:
        return f"{exc}; give a share such as 2/3, 0.6 or majority, or 'book'"
    return None


def share_or_head_count(value: ParamValue) -> str | None:
    """What is wrong with a quorum: a share of the seats, or a head count of 1 or more."""
    if isinstance(value, int):
        return None if value >= 1 else "a quorum counts at least 1 person"
    return share_of_votes(value)


class Params:
    """The parameter values one check runs with (overrides, then book, then defaults)."""

    __slots__ = ("_values",)

    def __init__(self, values: dict[str, ParamValue]) -> None:
        self._values = values

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def as_dict(self) -> dict[str, ParamValue]:
        """The values by name."""
        return dict(self._values)


Check = Callable[..., Iterable["Finding"]]


@dataclass(frozen=True)
class Invariant:
    """A procedural invariant of the catalogue."""

    name: str
    number: int
    """Its number in the catalogue (docs/invariants.md; 26, 27 and 31 are not used)."""
    kind: InvariantKind
    guards: str
    """The failure it guards against, in a sentence."""
    statement: str
    """The formal statement (from the check's docstring)."""
    check: Check
    params: tuple[Param, ...] = ()
    acts: tuple[str, ...] | None = None
    """For safety invariants: the act kinds that trigger a check (None: every act)."""

    def param(self, name: str) -> Param | None:
        """The parameter called ``name``, if the invariant has one."""
        return next((p for p in self.params if p.name == name), None)

    def resolve(
        self, clauses: ClauseSet, overrides: dict[str, ParamValue] | None = None
    ) -> Params:
        """Parameter values under these clauses: override, else book, else default."""
        values: dict[str, ParamValue] = {}
        for p in self.params:
            given = (overrides or {}).get(p.name)
            if given is not None and given != "book":
                values[p.name] = given
                continue
            read = p.read(clauses) if p.read is not None else None
            values[p.name] = p.default if read is None else read
        return Params(values)

    def describe(self) -> dict[str, Any]:
        """Plain data for listings and JSON."""
        return {
            "name": self.name,
            "number": self.number,
            "kind": self.kind.value,
            "statement": self.statement,
            "guards_against": self.guards,
            "parameters": [
                {
                    "name": p.name,
                    "default": p.default,
                    "from_book": p.read is not None,
                    "doc": p.doc,
                }
                for p in self.params
            ],
            "acts": list(self.acts) if self.acts is not None else None,
        }


INVARIANTS: Registry[Invariant] = Registry(
    "invariant",
    "govsim.invariants",
    builtins=tuple(
        f"govsim.invariants.{m}"
        for m in (
            "amendments",
            "authority",
            "continuity",
            "due_process",
            "impartiality",
            "independence",
            "interim",
        )
    ),
)
"""Every registered invariant by name: govsim's catalogue, then installed plugins'."""


def invariant(
    name: str,
    *,
    number: int,
    kind: InvariantKind | str,
    guards: str,
    params: tuple[Param, ...] = (),
    acts: tuple[str, ...] | None = None,
) -> Callable[[Check], Check]:
    """Register a check function as an invariant; its docstring is the statement.

    ``number`` places it in the catalogue (govsim's own are numbered from 1;
    a plugin's take numbers from 100 on, so they follow them).

    Raises:
        PluginError: ``name`` is taken, or the function has no docstring.
    """

    def register(func: Check) -> Check:
        statement = inspect.cleandoc(func.__doc__ or "")
        if not statement:
            raise PluginError(
                f"the invariant {name} ({func.__module__}.{func.__qualname__}) "
                "needs a docstring: it is the invariant's statement in the catalogue"
            )
        made = Invariant(
            name=name,
            number=number,
            kind=InvariantKind(kind),
            guards=guards,
            statement=statement,
            check=func,
            params=params,
            acts=acts,
        )
        INVARIANTS.add(name, made, origin=func)
        return func

    return register


def by_number() -> Iterator[Invariant]:
    """Registered invariants in catalogue order."""
    return iter(sorted(INVARIANTS.values(), key=lambda i: i.number))
