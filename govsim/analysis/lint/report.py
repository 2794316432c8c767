"""What a lint finds: one :class:`Finding` per problem, gathered in a :class:`LintReport`.

A finding is about the rule book as written, not about a history: it names the
clauses involved (for something missing, the clauses that come closest, such
as the clause granting the power that lacks a check), the invariants a history
could break because of it, and what to change. Findings are plain frozen data
so that reports compare, sort and serialise without surprises.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import RenderableType

__all__ = ["Finding", "LintReport"]


@dataclass(frozen=True)
class Finding:
    """One structural problem of a rule book on an organisation.

    Attributes:
        code: a stable kebab-case name, such as ``unaccountable-body``.
        message: one line naming the bodies and acts concerned.
        explanation: why it matters, in a few sentences.
        book: the rule book's id.
        clauses: ids of the clauses involved, in book order.
        invariants: names of the invariants (``govsim invariants``) it endangers.
        hint: what to change in the book to fix it.
        subjects: the bodies, persons or acts it is about, for filtering.
        epochs: the versions of the book it holds in (``as written``, or an
            amendment's id and date), filled in by :func:`govsim.lint`.
    """

    code: str
    message: str
    explanation: str
    book: str
    clauses: tuple[str, ...]
    invariants: tuple[str, ...]
    hint: str
    subjects: tuple[str, ...] = ()
    epochs: tuple[str, ...] = ()

    def key(self) -> tuple[str, str, tuple[str, ...]]:
        """What makes two findings the same one, whichever epoch they come from."""
        return (self.code, self.message, self.clauses)

    def to_record(self) -> dict[str, Any]:
        """The finding as JSON-ready data."""
        return {
            "code": self.code,
            "message": self.message,
            "explanation": self.explanation,
            "book": self.book,
            "clauses": list(self.clauses),
            "invariants": list(self.invariants),
            "hint": self.hint,
            "subjects": list(self.subjects),
            "epochs": list(self.epochs),
        }


@dataclass(frozen=True)
class LintReport:
    """Every finding of a lint of one rule book on one organisation.

    Attributes:
        book: the rule book's id.
        organisation: the organisation's id.
        epochs: the versions of the book that were linted, in order.
        findings: what was found, ordered by code, then message.
        ignored: the codes left out on request.
    """

    book: str
    organisation: str
    epochs: tuple[str, ...]
    findings: tuple[Finding, ...]
    ignored: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        """True when nothing was found."""
        return not self.findings

    def codes(self) -> list[str]:
        """The codes found, once each, sorted."""
        return sorted({f.code for f in self.findings})

    def of(self, code: str) -> list[Finding]:
        """The findings with one code."""
        return [f for f in self.findings if f.code == code]

    def to_records(self) -> dict[str, Any]:
        """The report as JSON-ready data: a dict with a list of finding dicts."""
        return {
            "rulebook": self.book,
            "organisation": self.organisation,
            "epochs": list(self.epochs),
            "ignored": list(self.ignored),
            "findings": [f.to_record() for f in self.findings],
        }

    def __repr__(self) -> str:
        """One line: the book, the organisation, and the findings counted by code."""
        from govsim.analysis.display import lint_repr

        return lint_repr(self)

    def _repr_html_(self) -> str:
        """The findings grouped by code, as HTML, shown by Jupyter in place of the repr."""
        from govsim.analysis.display import lint_html

        return lint_html(self)

    def __rich__(self) -> RenderableType:
        """The report as ``govsim lint`` prints it, for ``rich.print`` and rich consoles."""
        from govsim.analysis.views.lint import lint_view

        return lint_view(self)
