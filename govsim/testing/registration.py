"""Register govsim's documents with Hypothesis, so ``st.from_type`` can draw them.

Hypothesis calls every function registered under the ``hypothesis`` entry
point group when it is imported (unless ``HYPOTHESIS_NO_PLUGINS`` is set);
govsim's ``pyproject.toml`` registers :func:`_hypothesis_setup_hook` there.
With it, ``st.from_type(Organisation)`` and ``st.from_type(RuleBook)`` work,
and so do ``st.builds`` and ``@given`` with inferred arguments of those
types, without importing :mod:`govsim.testing` first.

The hook runs inside ``import hypothesis`` in every process of the
environment, so it stays cheap: it imports the two model modules it needs
to name the types, and registers deferred strategies that import the
generators only when something is first drawn.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

__all__: list[str] = []

StrategyFactory = Callable[[], st.SearchStrategy[Any]]

_REGISTERED: set[type[Any]] = set()
"""Types this hook has registered in this process, so a second call does nothing."""


def _organisation_strategy() -> st.SearchStrategy[Any]:
    from govsim.testing.organisations import organisations

    return organisations()


def _rulebook_strategy() -> st.SearchStrategy[Any]:
    from govsim.testing.organisations import organisations
    from govsim.testing.variants import rulebooks

    return organisations().flatmap(rulebooks)


def _scenario_strategy() -> st.SearchStrategy[Any]:
    from govsim.testing.strategies import scenarios

    return scenarios()


def _registrations() -> list[tuple[type[Any], StrategyFactory]]:
    """The document types to register, each with a factory for its strategy.

    To register another type, add a ``(type, factory)`` pair; the factory
    runs on first draw, not here.
    """
    from govsim.model.organisation import Organisation
    from govsim.model.rulebook import RuleBook
    from govsim.model.scenario import Scenario

    return [
        (Organisation, _organisation_strategy),
        (RuleBook, _rulebook_strategy),
        (Scenario, _scenario_strategy),
    ]


def _hypothesis_setup_hook() -> None:
    """Register a strategy for each govsim document type with Hypothesis.

    Idempotent: a type registered by an earlier call is left alone, so a
    strategy someone registered for it since then is not overwritten.
    """
    for kind, factory in _registrations():
        if kind in _REGISTERED:
            continue
        st.register_type_strategy(kind, st.deferred(factory))
        _REGISTERED.add(kind)
