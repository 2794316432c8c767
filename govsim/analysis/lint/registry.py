"""The registry of lint checks, and how to add one.

A check is a function from a :class:`~govsim.analysis.lint.view.BookView` to
findings, registered with :func:`lint_check` together with the :class:`Rule`
of each code it may report (what the code means, why it matters, which
invariants it endangers). ``govsim lint`` runs every registered check: govsim's,
then those of installed plugins (entry-point group ``govsim.lint``, see
docs/extending.md), then any imported by the user's own code::

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

from govsim.errors import PluginError
from govsim.registry import Registry

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


CHECKS: Registry[Check] = Registry(
    "lint check",
    "govsim.lint",
    # Registration order is the order of the report.
    builtins=tuple(
        f"govsim.analysis.lint.{m}"
        for m in (
            "accountability",
            "offices",
            "procedure",
            "quorum",
            "clauses",
            "amendment",
        )
    ),
)
"""Every registered check, by name, in registration order (govsim's first)."""


def lint_check(name: str, *rules: Rule) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check under ``name`` reporting the codes of ``rules``.

    Raises:
        PluginError: the name or one of the codes is already registered (by
            another function).
    """

    def register(function: CheckFunction) -> CheckFunction:
        for other in CHECKS.registered().values():
            clash = {r.code for r in other.rules} & {r.code for r in rules}
            if clash and other.name != name:
                code = sorted(clash)[0]
                raise PluginError(
                    f"the lint code '{code}' is registered twice: by the check "
                    f"'{other.name}' of {CHECKS.provider(other.name)} and by the "
                    f"check '{name}' of module {function.__module__}. Rename the "
                    "code in the check you maintain."
                )
        CHECKS.add(name, Check(name, tuple(rules), function), origin=function)
        return function

    return register


def rules_of_all() -> list[Rule]:
    """Every rule of every registered check, in registration order."""
    return [rule for check in CHECKS.values() for rule in check.rules]


def rules() -> dict[str, Rule]:
    """Every registered code to its rule."""
    return {rule.code: rule for rule in rules_of_all()}
