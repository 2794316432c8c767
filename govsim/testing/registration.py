"""Register govsim's documents with Hypothesis, so ``st.from_type`` can draw them.

Hypothesis calls every function registered under the ``hypothesis`` entry
point group when it is imported (unless ``HYPOTHESIS_NO_PLUGINS`` is set);
govsim's ``pyproject.toml`` registers :func:`_hypothesis_setup_hook` there.
With it, ``st.from_type(Organisation)``, ``st.from_type(RuleBook)`` and
``st.from_type(Scenario)`` work, and so do ``st.builds`` and ``@given`` with
inferred arguments of those types, without importing :mod:`govsim.testing`
first.

The hook runs inside ``import hypothesis`` in every process of an
environment where govsim is installed, most of which never touch govsim, so
it imports none of govsim's models (pydantic and the model modules would
about double the time ``import hypothesis`` takes). A type is registered
when its module is imported: at once for a module already imported, and
otherwise by a finder on ``sys.meta_path`` that watches for the three model
modules, lets the usual finder load each, registers its type right after,
and removes itself once all three are registered. Registering needs the
type object, so it cannot happen earlier; nothing can draw the type
before its module is imported, so it need not. The strategies themselves
are made when ``from_type`` first asks for one: the generators are
imported then, not at registration.

Hypothesis itself is imported inside the functions: the hook runs while
``import hypothesis`` is under way, and a module that imported it at the
top would be half-initialised when Hypothesis loads it, if it was the one
that started that import.
"""

from __future__ import annotations

import importlib.abc
import sys
from collections.abc import Callable, Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

__all__: list[str] = []

StrategyFactory = Callable[[], "SearchStrategy[Any]"]

_REGISTERED: set[type[Any]] = set()
"""Types this hook has registered in this process, so a second call does nothing."""


def _organisation_strategy() -> SearchStrategy[Any]:
    from govsim.testing.organisations import organisations

    return organisations()


def _rulebook_strategy() -> SearchStrategy[Any]:
    from govsim.testing.organisations import organisations
    from govsim.testing.variants import rulebooks

    return organisations().flatmap(rulebooks)


def _scenario_strategy() -> SearchStrategy[Any]:
    from govsim.testing.strategies import scenarios

    return scenarios()


_TYPES: dict[str, tuple[str, StrategyFactory]] = {
    "govsim.model.organisation": ("Organisation", _organisation_strategy),
    "govsim.model.rulebook": ("RuleBook", _rulebook_strategy),
    "govsim.model.scenario": ("Scenario", _scenario_strategy),
}
"""Module -> the document type it defines and a factory for its strategy.

To register another type, add its module here; the factory runs on first
draw, not at registration.
"""


def _register(module: ModuleType) -> bool:
    """Register the type ``module`` defines, unless this hook already did.

    Returns:
        Whether the type is (now or already) registered: false for a module
        still being imported, whose class is not defined yet.
    """
    name, factory = _TYPES[module.__name__]
    kind = getattr(module, name, None)
    if not isinstance(kind, type):
        return False
    if kind not in _REGISTERED:
        from hypothesis import strategies as st

        st.register_type_strategy(kind, _resolver(factory))
        _REGISTERED.add(kind)
    return True


def _resolver(factory: StrategyFactory) -> Callable[[type[Any]], SearchStrategy[Any]]:
    """A function from the type to its strategy, made when first asked for.

    Registered instead of a strategy: Hypothesis checks that a registered
    strategy is not empty, which would build a deferred one (importing the
    generators) at registration; a function is called only by ``from_type``.
    """

    def resolve(kind: type[Any]) -> SearchStrategy[Any]:
        return factory()

    return resolve


class _ThenRegister(importlib.abc.Loader):
    """A model module's own loader, followed by the registration of its type."""

    def __init__(self, loader: importlib.abc.Loader) -> None:
        self._loader = loader

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        return self._loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self._loader.exec_module(module)
        _register(module)
        _WATCH.settle()

    def __getattr__(self, name: str) -> Any:
        # get_source, get_filename, is_package...: the wrapped loader's.
        return getattr(self._loader, name)


class _Watch(importlib.abc.MetaPathFinder):
    """Waits on ``sys.meta_path`` for the model modules not imported yet."""

    def pending(self) -> list[str]:
        """The model modules whose type is not registered yet."""
        return [m for m in _TYPES if not self._done(m)]

    @staticmethod
    def _done(module: str) -> bool:
        loaded = sys.modules.get(module)
        return loaded is not None and _register(loaded)

    def settle(self) -> None:
        """Leave ``sys.meta_path`` once every type is registered."""
        if not self.pending() and self in sys.meta_path:
            sys.meta_path.remove(self)

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> ModuleSpec | None:
        """The spec the other finders give, its loader wrapped to register after."""
        if fullname not in _TYPES:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec: ModuleSpec | None = finder.find_spec(fullname, path, target)
            if spec is not None:
                if spec.loader is not None:
                    spec.loader = _ThenRegister(spec.loader)
                return spec
        return None


_WATCH = _Watch()


def _hypothesis_setup_hook() -> None:
    """Register govsim's document types with Hypothesis, each once imported.

    Cheap: it imports nothing of govsim's models. Types whose modules are
    imported already are registered now, the others when their module is.
    Idempotent: a type registered by an earlier call is left alone, so a
    strategy someone registered for it since then is not overwritten.
    """
    if _WATCH.pending() and _WATCH not in sys.meta_path:
        sys.meta_path.insert(0, _WATCH)
