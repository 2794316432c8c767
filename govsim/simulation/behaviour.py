"""Behaviour models: small registered classes that give agents something to do.

A model document lists behaviours by name with their parameters::

    behaviours:
      - behaviour: members
        params: {resign_max: 0.02, disclosure_shock: 0.3}

Each behaviour is a class registered under a name with
:func:`register_behaviour`. It declares its parameters as a pydantic model
(``Params``: defaults, bounds, distributions, all checked when the document is
read), the outcome measures it reports (``MEASURES``), and ``start``, which
adds its SimPy processes to a run. Whatever an agent decides to do becomes an
act that :meth:`Run.act <govsim.simulation.run.Run.act>` sends through the
same verdict engine as a replayed scenario, so a void act has no effect here
either.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from pydantic import BeforeValidator

from govsim.documents import did_you_mean
from govsim.errors import UsageError
from govsim.model.common import Strict
from govsim.registry import Registry
from govsim.simulation.distributions import Distribution

if TYPE_CHECKING:
    from govsim.simulation.run import Run

__all__ = [
    "BEHAVIOURS",
    "Behaviour",
    "Measure",
    "Params",
    "as_fixed",
    "behaviour_class",
    "builtin_behaviours",
    "installed_behaviours",
    "register_behaviour",
]

Measure = int | float | str | bool | None
"""One outcome of one run: a count, a share, a day, a flag, or nothing."""


def as_fixed(value: Any) -> Any:
    """Read a bare number where a distribution is expected as a fixed value."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return {"dist": "fixed", "value": value}
    return value


FixedIfNumber = BeforeValidator(as_fixed, json_schema_input_type=float | Distribution)
"""Annotate a ``Distribution`` field with this to accept a plain number (the JSON
Schema of model documents says so too)."""


class Params(Strict):
    """Base class of a behaviour's parameters: strict, so typos are caught."""


_ParamsModel = Params


class Behaviour:
    """What every behaviour provides; subclass it and register the subclass.

    Attributes:
        name: the registered name (set by :func:`register_behaviour`).
        Params: the pydantic model of its parameters.
        MEASURES: the outcome measures it reports, in a fixed order.
        ROLES: the roles it needs the model document to assign.
    """

    name: ClassVar[str] = ""
    Params: ClassVar[type[_ParamsModel]] = _ParamsModel
    MEASURES: ClassVar[tuple[str, ...]] = ()
    ROLES: ClassVar[tuple[str, ...]] = ()
    """Roles the model document must give (``respondent``, ``executive``…)."""

    def __init__(self, params: _ParamsModel, run: Run) -> None:
        self.params = params
        self.run = run

    def start(self) -> None:
        """Add this behaviour's processes and listeners to the run."""

    def measures(self) -> dict[str, Measure]:
        """The outcome measures at the end of the run, one per ``MEASURES`` name."""
        return {}


BEHAVIOURS: Registry[type[Behaviour]] = Registry(
    "behaviour",
    "govsim.behaviours",
    builtins=tuple(
        f"govsim.simulation.behaviours.{m}"
        for m in ("branches", "case", "members", "proposals")
    ),
)
"""Every registered behaviour by name: govsim's (on first use), then plugins'."""

B = TypeVar("B", bound=type[Behaviour])


def register_behaviour(name: str) -> Callable[[B], B]:
    """Register a behaviour class under ``name`` for model documents to use.

    Examples:
        >>> from govsim.simulation import Behaviour, register_behaviour
        >>> @register_behaviour("example.quiet")
        ... class Quiet(Behaviour):
        ...     '''A behaviour that does nothing.'''
    """

    def decorate(cls: B) -> B:
        BEHAVIOURS.add(name, cls)
        cls.name = name
        return cls

    return decorate


def builtin_behaviours() -> dict[str, type[Behaviour]]:
    """The behaviours govsim ships, by name in order; not those a plugin registers."""
    return {
        name: cls
        for name, cls in sorted(BEHAVIOURS.items())
        if cls.__module__.startswith("govsim.simulation.behaviours.")
    }


def installed_behaviours() -> dict[str, type[Behaviour]]:
    """The behaviours of govsim and of installed plugins, by name in order.

    The JSON Schema of model documents checks each one's parameters; a
    behaviour registered at run time by other code (a notebook, a test) is
    left out, so the schema is the same in every process.
    """
    return dict(sorted(BEHAVIOURS.installed().items()))


def behaviour_class(name: str) -> type[Behaviour]:
    """The behaviour registered under ``name``, with a did-you-mean if unknown."""
    cls = BEHAVIOURS.get(name)
    if cls is None:
        known = sorted(BEHAVIOURS)
        raise UsageError(
            f"no behaviour named '{name}'"
            + (did_you_mean(name, known) or f"; known: {', '.join(known)}")
        )
    return cls


def flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested parameters as dotted names: ``{'a': {'b': 1}}`` → ``{'a.b': 1}``."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}.{key}" if prefix else key
        if isinstance(value, Mapping):
            out.update(flatten(value, name))
        else:
            out[name] = value
    return out


def nest(flat: Mapping[str, Any]) -> dict[str, Any]:
    """Dotted names back into nested dictionaries."""
    out: dict[str, Any] = {}
    for name, value in flat.items():
        node = out
        *parents, last = name.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value
    return out
