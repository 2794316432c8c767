"""The registry of lint checks, and how to add one.

A check is a function from a :class:`~govsim.analysis.lint.view.BookView` to
findings, registered with :func:`lint_check` together with the :class:`Rule`
of each code it may report (what the code means, why it matters, which
invariants it endangers). ``govsim lint`` runs every registered check, so a
user's own check joins in by being imported before the lint runs::

    from govsim.analysis.lint import Rule, lint_check

    CHAIRLESS = Rule(
        "chairless-body",
        "a body with no chair",
        "Without a chair nobody convenes it.",
        ("competence",),
    )

    @lint_check("chairs", CHAIRLESS)
    def chairs(view):
        for body in view.bodies("committee"):
            ...  # yield view.finding(CHAIRLESS, ...)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from govsim.errors import UsageError

if TYPE_CHECKING:
    from govsim.analysis.lint.report import Finding
    from govsim.analysis.lint.view import BookView

__all__ = ["CHECKS", "Check", "CheckFunction", "Rule", "lint_check", "rules"]

CheckFunction = Callable[["BookView"], Iterable["Finding"]]


@dataclass(frozen=True)
class Rule:
    """One finding code: its name, what it flags, why, and what it endangers.

    Attributes:
        code: a stable kebab-case name, such as ``unaccountable-body``.
        summary: what it flags, in a line (for listings and the guide).
        explanation: why it matters; copied into every finding of the code.
        invariants: the invariants (``govsim invariants``) a history could
            break because of it; a finding may narrow them.
    """

    code: str
    summary: str
    explanation: str
    invariants: tuple[str, ...]


@dataclass(frozen=True)
class Check:
    """A registered check: a name, the rules it reports, and the function."""

    name: str
    rules: tuple[Rule, ...]
    run: CheckFunction


CHECKS: dict[str, Check] = {}
"""Every registered check, by name, in registration order."""


def lint_check(name: str, *rules: Rule) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check under ``name`` reporting the codes of ``rules``.

    Raises:
        UsageError: the name or one of the codes is already registered.
    """
    if name in CHECKS:
        raise UsageError(f"a lint check named '{name}' is already registered")
    taken = {r.code for r in rules_of_all()}
    for rule in rules:
        if rule.code in taken:
            raise UsageError(f"the lint code '{rule.code}' is already registered")

    def register(function: CheckFunction) -> CheckFunction:
        CHECKS[name] = Check(name, tuple(rules), function)
        return function

    return register


def rules_of_all() -> list[Rule]:
    """Every rule of every registered check, in registration order."""
    return [rule for check in CHECKS.values() for rule in check.rules]


def rules() -> dict[str, Rule]:
    """Every registered code to its rule."""
    return {rule.code: rule for rule in rules_of_all()}
