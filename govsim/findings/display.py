"""How a :class:`~govsim.findings.result.Result` shows itself: notebook, terminal, repr.

``Result._repr_html_`` (Jupyter), ``Result.__rich__`` (``rich.print`` and the
rich console) and ``Result.__repr__`` delegate here, so the result stays a
small record. The terminal view is the one ``govsim run`` prints
(:func:`govsim.findings.runview.run_view`: a summary and the acts that are not
valid); the notebook view is an HTML table of every act with its reasons,
followed by the violations with their clauses, the invariants broken and the
expectations met or failed. An :class:`~govsim.findings.result.Explanation`
reads its lines from :func:`explanation_lines`, which quotes each clause once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING

from govsim import fragments as f
from govsim.engine.trace import Verdict
from govsim.findings.runview import FAIL_MARK, PASS_MARK, reason_lines, run_view
from govsim.text.wrapping import flat

if TYPE_CHECKING:
    from rich.console import RenderableType

    from govsim.engine.trace import ActRecord, Violation
    from govsim.findings.result import Result

__all__ = [
    "VIOLATION_COLUMNS",
    "ExplanationLine",
    "explanation_lines",
    "result_html",
    "result_repr",
    "result_view",
    "violation_cells",
]

VERDICT_ORDER = ("valid", "irregular", "void")


def result_view(result: Result) -> RenderableType:
    """The run as ``govsim run`` prints it (without the scenario's title)."""
    return run_view(result)


ExplanationLine = tuple[str, str]
"""One line of an explanation: its indent, and its text (one paragraph)."""

REASON = "  "
CLAUSE = "      "


def explanation_lines(
    record: ActRecord, rulebook: str, origins: Mapping[str, str] | None = None
) -> list[ExplanationLine]:
    """Why an act got its verdict, as lines: every reason, then the effects.

    Each reason is marked ``+`` (it held) or ``-`` (it did not), with the
    clause that decides it below: the clause's text and source the first
    time it is cited, its id alone after that, so a clause behind four checks
    is read once. The defaults the engine applied are reasons too, worded as
    such ("no attendance recorded: taken as ..."). A clause an ``amend_rules``
    act added or reworded is cited with it, from ``origins`` ("clause 2 (as
    reworded by act X, in force from D)").
    """
    r = record
    targets = f" {', '.join(r.targets)}" if r.targets else ""
    lines: list[ExplanationLine] = [
        (
            "",
            f"{r.id} ({r.at.isoformat()}): {r.actor} {r.act.replace('_', ' ')}{targets}",
        ),
        ("", f"verdict under {rulebook}: {r.verdict.value.upper()}"),
    ]
    quoted: set[str] = set()
    for reason in r.reasons:
        mark = "+" if reason.holds else "-"
        lines.append((REASON, f"{mark} {flat(reason.check)}"))
        if reason.clause is None:
            continue
        kind = (
            f" ({reason.enforcement})"
            if reason.enforcement and not reason.holds
            else ""
        )
        if reason.clause in quoted:
            lines.append((CLAUSE, f"clause {reason.clause}{kind}, quoted above"))
            continue
        quoted.add(reason.clause)
        origin = (origins or {}).get(reason.clause)
        made = f" ({origin})" if origin else ""
        words = f": {flat(reason.text)}" if reason.text else ""
        cite = f" [{flat(reason.source)}]" if reason.source else ""
        lines.append((CLAUSE, f"clause {reason.clause}{made}{kind}{words}{cite}"))
    if r.effects:
        lines.append((REASON, "effects: " + "; ".join(r.effects)))
    elif r.verdict == Verdict.VOID:
        lines.append((REASON, "effects: none (void acts change nothing)"))
    return lines


def result_repr(result: Result) -> str:
    """One line: the scenario, the book, the verdicts counted, violations, expectations."""
    counts = Counter(r.verdict.value for r in result.acts)
    verdicts = ", ".join(f"{counts[v]} {v}" for v in VERDICT_ORDER if counts[v])
    met = sum(1 for e in result.expectations if e.met)
    return (
        f"<Result {result.scenario} under {result.rulebook}: "
        f"{len(result.acts)} acts ({verdicts or 'none'}), "
        f"{len(result.violations)} violations, "
        f"{met} of {len(result.expectations)} expectations met>"
    )


def _reasons(record: ActRecord) -> f.Cell:
    lines = []
    for clause, text in reason_lines(record):
        tag = "" if clause is None else f"<strong>{f.escape(clause)}</strong> "
        lines.append(f"<div>{tag}{f.escape(text)}</div>")
    return "".join(lines) or "—"


def _acts(result: Result) -> str:
    rows: list[list[f.StyledCell]] = []
    for r in result.acts:
        note = (r.note,) if r.note else ()
        rows.append(
            [
                f.date_cell(r.at),
                f.escape(r.actor),
                f.cell(r.act.replace("_", " "), code=(r.id,))
                + "".join(
                    f'<div style="opacity:0.7">{f.escape(n)}</div>' for n in note
                ),
                f.escape(", ".join(r.targets)),
                f.verdict_cell(r.verdict.value),
                _reasons(r),
            ]
        )
    return f.table(("date", "actor", "act", "targets", "verdict", "reasons"), rows)


VIOLATION_COLUMNS = ("date", "act", "clause", "rule", "took effect", "message")
"""The headings of :func:`violation_cells`, in order."""


def violation_cells(v: Violation) -> list[f.StyledCell]:
    """One violation as a row of HTML cells (a comparison puts its book first)."""
    return [
        f.date_cell(v.at),
        f.cell(code=(v.act,)) if v.act else "—",
        f"<strong>{f.escape('§' + v.clause)}</strong>" if v.clause else "—",
        f.escape(v.rule),
        f.escape("yes" if v.took_effect else "no"),
        f.escape(v.message),
    ]


def _violations(result: Result) -> str:
    if not result.violations:
        return f.block("no violations", style="color:#1a7f37")
    rows = [violation_cells(v) for v in result.violations]
    count = len(result.violations)
    return f.heading((f"{count} violation{'s' if count != 1 else ''}", True)) + f.table(
        VIOLATION_COLUMNS, rows
    )


def _invariants(result: Result) -> str:
    checked = len(result.trace.invariants)
    if not checked:
        return f.block("no invariants checked", style="opacity:0.7")
    broken = {n: found for n, found in result.invariants().items() if found}
    if not broken:
        return f.block(f"invariants: all {checked} hold", style="color:#1a7f37")
    listed = ", ".join(f"{name} ({len(found)})" for name, found in broken.items())
    return f.block(f"invariants: {len(broken)} of {checked} broken: {listed}")


def _expectations(result: Result) -> str:
    if not result.expectations:
        return f.block(
            f"no expectations stated for {result.rulebook}", style="opacity:0.7"
        )
    lines = []
    for e in result.expectations:
        if e.met:
            lines.append((f"{PASS_MARK} met: {e.description}", "color:#1a7f37"))
        else:
            actual = e.actual or "nothing"
            lines.append(
                (
                    f"{FAIL_MARK} failed: {e.description} — actual: {actual}",
                    "color:#cf222e",
                )
            )
    met = sum(1 for e in result.expectations if e.met)
    return f.heading(
        (f"expectations: {met} of {len(result.expectations)} met", True)
    ) + f.items(lines)


def _versions(result: Result) -> list[str]:
    """A line per version of the rules an act made; nothing when none did."""
    return [f.block(change.line()) for change in result.amendments]


def result_html(result: Result) -> str:
    """The run as an HTML fragment: heading, versions, acts, violations, invariants, expectations."""
    return f.fragment(
        "result",
        [
            f.heading(
                (result.scenario, True),
                (" under rule book ", False),
                (result.rulebook, True),
            ),
            *_versions(result),
            _acts(result),
            _violations(result),
            _invariants(result),
            _expectations(result),
        ],
    )
