"""A lint report as a rich renderable, for ``govsim lint`` and ``rich.print``.

A heading, then the findings grouped by code: each code's explanation once,
then each finding's message with its clauses, the invariants it endangers,
the fix and the versions of the book it holds in; then a count.
:meth:`LintReport.__rich__ <govsim.analysis.lint.report.LintReport.__rich__>`
returns it, and the command prints the report, so both show the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from govsim.analysis.lint.report import Finding, LintReport

__all__ = ["by_code", "finding_details", "lint_summary", "lint_view"]


def by_code(report: LintReport) -> dict[str, list[Finding]]:
    """The findings grouped by code, codes in report order."""
    groups: dict[str, list[Finding]] = {}
    for finding in report.findings:
        groups.setdefault(finding.code, []).append(finding)
    return groups


def finding_details(finding: Finding) -> list[tuple[str, str]]:
    """A finding's clauses (cited ``§4.1``), invariants, fix and versions, as rows."""
    clauses = (
        f"{finding.book} " + ", ".join(f"§{c}" for c in finding.clauses)
        if finding.clauses
        else "-"
    )
    rows = [("clauses", clauses)]
    if finding.invariants:
        # A check may flag what endangers no invariant (a plugin's house style).
        rows.append(("endangers", ", ".join(finding.invariants)))
    rows.append(("fix", finding.hint))
    if finding.epochs and finding.epochs != ("as written",):
        rows.append(("in force", ", ".join(finding.epochs)))
    return rows


def lint_heading(report: LintReport) -> str:
    """What was linted: the book, the organisation and the versions."""
    return (
        f"lint of rule book {report.book} on organisation {report.organisation} "
        f"({', '.join(report.epochs)})"
    )


def lint_summary(report: LintReport) -> str:
    """The count of findings, and the codes left out on request."""
    count = len(report.findings)
    summary = "no findings" if count == 0 else _plural(count, "finding")
    if report.ignored:
        summary += f" (ignored: {', '.join(report.ignored)})"
    return summary


def lint_view(report: LintReport) -> Group:
    """The report as a heading, the findings grouped by code, and a count.

    Each code's explanation is shown once, above its findings.
    """
    parts: list[RenderableType] = [Text(lint_heading(report), style="bold")]
    for code, findings in by_code(report).items():
        parts.append(Text(""))
        head = Text()
        head.append(code, style="bold red")
        head.append(f" ({len(findings)})")
        parts.append(head)
        parts.append(_grid([("why", findings[0].explanation)], indent=2))
        for finding in findings:
            parts.append(Text(""))
            parts.append(_grid([("•", finding.message)], indent=2, style=""))
            parts.append(_grid(finding_details(finding), indent=4))
    parts.append(Text(""))
    parts.append(
        Text(
            lint_summary(report), style="bold red" if report.findings else "bold green"
        )
    )
    return Group(*parts)


def _grid(rows: list[tuple[str, str]], *, indent: int, style: str = "dim") -> Padding:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in rows:
        # Text, not str: brackets in YAML snippets are not rich markup.
        grid.add_row(Text(label, style=style), Text(value))
    return Padding(grid, (0, 0, 0, indent))


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
