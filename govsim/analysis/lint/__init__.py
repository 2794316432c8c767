"""Structural lint of rule books: problems visible in the text, before any history.

``govsim.lint(book)`` runs every registered check on the book as in force in
each of its versions, on its organisation, and returns a
:class:`LintReport` of :class:`Finding` records, each with a stable code, the
clauses involved, the invariants it endangers and a fix. The checks, one
concept per module:

* :mod:`~govsim.analysis.lint.accountability`: bodies answerable to no one;
  executives that control the bodies that judge them;
* :mod:`~govsim.analysis.lint.offices`: offices that can be held together
  although one judges the other;
* :mod:`~govsim.analysis.lint.procedure`: unbounded interim measures,
  sanctions without a distinct appeal, investigators chosen by a party;
* :mod:`~govsim.analysis.lint.clauses`: dead and shadowed clauses;
* :mod:`~govsim.analysis.lint.quorum`: quorums recusal makes impossible, and
  fractions of no seats.

Add a check with :func:`lint_check` (see :mod:`~govsim.analysis.lint.registry`).
"""

from __future__ import annotations

# isort: off
# Registration order is the order of the report: import the checks in it.
from govsim.analysis.lint import accountability, offices, procedure, quorum, clauses

# isort: on
from govsim.analysis.lint.linter import epochs, lint
from govsim.analysis.lint.registry import CHECKS, Check, Rule, lint_check, rules
from govsim.analysis.lint.report import Finding, LintReport
from govsim.analysis.lint.view import BookView

__all__ = [
    "CHECKS",
    "BookView",
    "Check",
    "Finding",
    "LintReport",
    "Rule",
    "epochs",
    "lint",
    "lint_check",
    "rules",
]

_MODULES = (accountability, offices, procedure, clauses, quorum)
"""The built-in checks, registered in this order when the package is imported."""
