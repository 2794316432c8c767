"""How a comparison and a lint report show themselves: notebook, terminal, repr.

:class:`~govsim.analysis.compare.Comparison` and
:class:`~govsim.analysis.lint.report.LintReport` delegate ``_repr_html_``
(Jupyter), ``__rich__`` (``rich.print``) and ``__repr__`` here, so the
analyses stay small records. The terminal views are the ones ``govsim
compare`` and ``govsim lint`` print (:mod:`govsim.analysis.views`); the HTML
views show the same content from the same functions: the verdict matrix with
the first divergence marked, and the findings grouped by code with their
clauses.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from govsim import fragments as f
from govsim.analysis.views.comparison import (
    comparison_view,
    divergence_line,
    invariant_lines,
    outcome_lines,
)
from govsim.analysis.views.lint import (
    by_code,
    finding_details,
    lint_heading,
    lint_summary,
)
from govsim.analysis.views.matrix import DIVERGENCE_MARK, dependency_notes
from govsim.findings.display import VIOLATION_COLUMNS, violation_cells

if TYPE_CHECKING:
    from rich.console import RenderableType

    from govsim.analysis.compare import Comparison
    from govsim.analysis.lint.report import LintReport

__all__ = [
    "comparison_html",
    "comparison_repr",
    "comparison_rich",
    "lint_html",
    "lint_repr",
]

_DIVERGING_ROW = "background:rgba(130,80,223,0.08)"
_FIRST_ROW = "background:rgba(130,80,223,0.18);outline:2px solid #8250df"


def comparison_repr(comparison: Comparison) -> str:
    """One line: the scenario, the books, the acts and where they first diverge."""
    diverging = sum(1 for row in comparison.rows if row.diverges)
    first = comparison.first_divergence
    where = "never" if first is None else f"first at {first.row.id}"
    return (
        f"<Comparison {comparison.scenario} under {', '.join(comparison.books)}: "
        f"{len(comparison.rows)} acts, {diverging} judged differently ({where})>"
    )


def comparison_rich(comparison: Comparison) -> RenderableType:
    """The comparison as ``govsim compare`` prints it."""
    return comparison_view(comparison)


def _matrix(comparison: Comparison) -> str:
    first = comparison.first_divergence
    rows: list[list[f.StyledCell]] = []
    styles: list[str] = []
    for row in comparison.rows:
        is_first = first is not None and first.row.id == row.id
        note = [DIVERGENCE_MARK] if is_first else []
        rows.append(
            [
                f.date_cell(row.at),
                f.cell(code=(row.id,)),
                f.escape(row.actor),
                f.escape(row.act.replace("_", " ")),
                *(f.verdict_cell(v.value) for v in row.verdicts.values()),
                f.cell(*note, *dependency_notes(row)),
            ]
        )
        styles.append(
            _FIRST_ROW if is_first else _DIVERGING_ROW if row.diverges else ""
        )
    headers = ("date", "id", "actor", "act", *comparison.books, "note")
    return f.table(headers, rows, row_styles=styles)


def _violations(comparison: Comparison) -> str:
    rows: list[list[f.StyledCell]] = [
        [f.escape(book), *violation_cells(v)]
        for book, result in comparison.results.items()
        for v in result.violations
    ]
    counts = ", ".join(
        f"{len(r.violations)} under {book}" for book, r in comparison.results.items()
    )
    if not rows:
        return f.block("no violations under any book", style="color:#1a7f37")
    return f.heading((f"violations: {counts}", True)) + f.table(
        ("book", *VIOLATION_COLUMNS), rows
    )


def comparison_html(comparison: Comparison) -> str:
    """The comparison as an HTML fragment.

    The verdict matrix (rows the books judge differently tinted, the first
    divergence outlined), the first divergence in prose, the violations with
    their clauses, and the outcomes and breaches per book.
    """
    outcomes = []
    for book in comparison.books:
        lines = outcome_lines(comparison, book) + invariant_lines(comparison, book)
        outcomes.append(f.heading((lines[0][0].strip(), True)))
        outcomes.append(f.items((text.strip(), "") for text, _ in lines[1:]))
    return f.fragment(
        "comparison",
        [
            f.heading(
                (comparison.scenario, True),
                (" under ", False),
                (", ".join(comparison.books), True),
            ),
            _matrix(comparison),
            f.block(divergence_line(comparison)),
            _violations(comparison),
            *outcomes,
        ],
    )


def lint_repr(report: LintReport) -> str:
    """One line: the book, the organisation, and the findings counted by code."""
    counts = Counter(finding.code for finding in report.findings)
    listed = ", ".join(f"{code} x{n}" for code, n in counts.items())
    return (
        f"<LintReport of {report.book} on {report.organisation}: "
        f"{len(report.findings)} findings" + (f" ({listed})" if listed else "") + ">"
    )


def lint_html(report: LintReport) -> str:
    """The report as an HTML fragment: findings grouped by code, with their clauses."""
    parts = [f.heading((lint_heading(report), True))]
    for code, findings in by_code(report).items():
        parts.append(
            f.heading((code, True), (f" ({len(findings)})", False))
            + f.block(findings[0].explanation, style="opacity:0.8")
        )
        details = [dict(finding_details(finding)) for finding in findings]
        # The versions column only for a book whose findings differ by version.
        versions = any("in force" in d for d in details)
        rows: list[list[f.StyledCell]] = [
            [
                f.escape(finding.message),
                f"<strong>{f.escape(d['clauses'])}</strong>",
                f.escape(d["endangers"]),
                f.escape(d["fix"]),
                *([f.escape(d.get("in force", ""))] if versions else []),
            ]
            for finding, d in zip(findings, details, strict=True)
        ]
        headers = ("finding", "clauses", "endangers", "fix")
        parts.append(f.table((*headers, "in force") if versions else headers, rows))
    colour = "#cf222e" if report.findings else "#1a7f37"
    parts.append(
        f.block(lint_summary(report), style=f"font-weight:bold;color:{colour}")
    )
    return f.fragment("lint", parts)
