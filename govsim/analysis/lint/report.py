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
    from rich.console import Console, ConsoleOptions, RenderResult

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

    def __rich_console__(
        self, console: Console, options: ConsoleOptions
    ) -> RenderResult:
        """Render as a heading, the findings grouped by code, and a count.

        Each code's explanation is shown once, above its findings.
        """
        from rich.text import Text

        yield Text(
            f"lint of rule book {self.book} on organisation {self.organisation} "
            f"({', '.join(self.epochs)})",
            style="bold",
        )
        groups: dict[str, list[Finding]] = {}
        for finding in self.findings:
            groups.setdefault(finding.code, []).append(finding)
        for code, findings in groups.items():
            yield Text("")
            head = Text()
            head.append(code, style="bold red")
            head.append(f" ({len(findings)})")
            yield head
            yield _grid([("why", findings[0].explanation)], indent=2)
            for finding in findings:
                yield Text("")
                yield _grid([("•", finding.message)], indent=2, style="")
                yield _grid(_details(finding), indent=4)
        yield Text("")
        count = len(self.findings)
        summary = "no findings" if count == 0 else _plural(count, "finding")
        if self.ignored:
            summary += f" (ignored: {', '.join(self.ignored)})"
        yield Text(summary, style="bold green" if count == 0 else "bold red")


def _details(finding: Finding) -> list[tuple[str, str]]:
    clauses = (
        f"{finding.book} " + ", ".join(f"§{c}" for c in finding.clauses)
        if finding.clauses
        else "-"
    )
    rows = [
        ("clauses", clauses),
        ("endangers", ", ".join(finding.invariants)),
        ("fix", finding.hint),
    ]
    if finding.epochs and finding.epochs != ("as written",):
        rows.append(("in force", ", ".join(finding.epochs)))
    return rows


def _grid(rows: list[tuple[str, str]], *, indent: int, style: str = "dim") -> Any:
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in rows:
        # Text, not str: brackets in YAML snippets are not rich markup.
        grid.add_row(Text(label, style=style), Text(value))
    return Padding(grid, (0, 0, 0, indent))


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
