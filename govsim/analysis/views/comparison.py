"""A comparison as rich renderables, for ``govsim compare`` and ``rich.print``.

The verdict matrix (:mod:`govsim.analysis.views.matrix`) and the lines that follow it
(the divergence in prose, the violations, outcomes and breaches per book) are
built here once: the command prints them, and :meth:`Comparison.__rich__
<govsim.analysis.compare.Comparison.__rich__>` returns them as one group for a
notebook or ``rich.print``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.text import Text

from govsim.analysis.views.matrix import verdict_matrix
from govsim.text.plain import printable, tell

if TYPE_CHECKING:
    from rich.console import Console

    from govsim.analysis.compare import Comparison

__all__ = [
    "comparison_lines",
    "comparison_view",
    "divergence_line",
    "divergence_lines",
    "invariant_lines",
    "outcome_lines",
    "party_outcome",
    "print_comparison",
    "version_lines",
]

Line = tuple[str, str]
"""A line of text and its style."""


NO_DIVERGENCE = "no divergence: every act gets the same verdict under every book"


def divergence_line(comparison: Comparison) -> str:
    """The first divergence in prose, with the clauses behind each verdict."""
    first = comparison.first_divergence
    if first is None:
        return NO_DIVERGENCE
    return f"first divergence: {first}"


def divergence_lines(comparison: Comparison) -> list[Line]:
    """The first divergence as a heading line, then one line per book.

    The same words as :func:`divergence_line`, a verdict and its clauses to
    a line, so that a terminal shows them as a list rather than one
    sentence of several hundred characters.
    """
    first = comparison.first_divergence
    if first is None:
        return [(NO_DIVERGENCE, "")]
    split = [(f"  {first.split}", "bold")] if first.split is not None else []
    later = [
        (f"at act {s.act} ({s.at.isoformat()}), {s}", "bold")
        for s in comparison.rule_splits
        if s is not first.split
    ]
    return [
        (f"first divergence: act {first.row.id}", "bold"),
        *((f"  {verdict}", "") for verdict in first.verdicts()),
        *split,
        *later,
    ]


def comparison_lines(comparison: Comparison) -> list[Line]:
    """What follows the matrix, as lines of text and their styles.

    The first divergence, a book to a line, then per book the violations,
    the outcome measures and the breaches.
    """
    lines: list[Line] = divergence_lines(comparison)
    for book in comparison.books:
        violations = comparison.results[book].violations
        lines.append((f"\nviolations under {book}: {len(violations)}", "bold"))
        for v in violations:
            where = f"{v.act}" if v.act else "-"
            clause = f" clause {v.clause}" if v.clause else ""
            effect = "" if v.took_effect else " (no effect)"
            lines.append(
                (
                    f"  {v.at.isoformat()} {where}{clause} [{v.rule}]{effect}: "
                    f"{v.message}",
                    "",
                )
            )
    for book in comparison.books:
        lines += outcome_lines(comparison, book)
        lines += invariant_lines(comparison, book)
    return lines


def invariant_lines(comparison: Comparison, book: str) -> list[Line]:
    """One line of breaches and one of breaches prevented, counted per invariant."""
    counts = comparison.invariant_counts(book)
    lines: list[Line] = []
    for key, label in (("broken", "breaches"), ("prevented", "breaches prevented")):
        found = counts[key]
        total = sum(found.values())
        listed = ", ".join(f"{n} of {name}" for name, n in found.items())
        lines.append((f"  {label}: {total}" + (f" ({listed})" if listed else ""), ""))
    return lines


def outcome_lines(comparison: Comparison, book: str) -> list[Line]:
    """The outcome measures under one book: a heading line, then one per measure."""
    out = comparison.outcomes(book)
    lines: list[Line] = [(f"\noutcomes under {book}", "bold")]
    lines += version_lines(comparison, book)
    for p in out.parties:
        lines.append((f"  {p.case}: {party_outcome(p.role, p.person, p.status)}", ""))
    if out.open_cases:
        lines += [
            (
                f"  case {c.case} is still open, "
                + (
                    f"in the hands of {c.owner}"
                    if c.owner
                    else "and no body is responsible for it"
                ),
                "",
            )
            for c in out.open_cases
        ]
    else:
        lines.append(("  no case is still open", ""))
    for t in out.timings:
        if t.days is None:
            lines.append(
                (
                    f"  {t.case}: complaint {t.complaint.isoformat()}, "
                    + (
                        "no decision in effect at the end "
                        f"({', '.join(t.set_aside)}: took effect, then set aside)"
                        if t.set_aside
                        else "no decision ever took effect"
                    ),
                    "",
                )
            )
        else:
            assert t.effective is not None
            lines.append(
                (
                    f"  {t.case}: {t.days} days from the complaint "
                    f"({t.complaint.isoformat()}) to {t.decision} taking effect "
                    f"({t.effective.isoformat()})",
                    "",
                )
            )
    missed = ", ".join(
        f"{v.act or '-'} (clause {v.clause or '-'}, {v.at.isoformat()})"
        for v in out.deadlines_missed
    )
    lines.append(
        (
            f"  deadlines missed: {len(out.deadlines_missed)}"
            f"{': ' if missed else ''}{missed}",
            "",
        )
    )
    return lines


def version_lines(comparison: Comparison, book: str) -> list[Line]:
    """The version of the rules a book ends with, when any compared book was amended.

    Nothing when no act amended the rules under any book, so a comparison
    without amendments reads as before.
    """
    if not any(r.amendments for r in comparison.results.values()):
        return []
    result = comparison.results[book]
    made = result.amendments
    final = result.versions[-1].number if result.versions else 1
    if not made:
        return [(f"  rules at the end: version {final}, as at the start", "")]
    acts = ", ".join(c.by.removeprefix("act ") for c in made)
    return [(f"  rules at the end: version {final}, as amended by {acts}", "")]


def party_outcome(role: str, person: str, status: str) -> str:
    """A party's status at the end in words: "the complainant is still a member".

    The person's id follows the role unless it is the role's own name (a
    scenario may call its complainant ``complainant``).
    """
    who = f"the {role}" if person == role else f"{role} {person}"
    state = "still a member" if status == "member" else status.replace("_", " ")
    return f"{who} is {state} at the end"


def _heading(comparison: Comparison) -> str:
    return f"{comparison.scenario} under {', '.join(comparison.books)}"


def comparison_view(comparison: Comparison) -> Group:
    """The whole comparison as one renderable, as ``govsim compare`` prints it."""
    texts = [
        Text(printable(text), style=style)
        for text, style in [
            (_heading(comparison), "bold"),
            *comparison_lines(comparison),
        ]
    ]
    return Group(texts[0], verdict_matrix(comparison), *texts[1:])


def print_comparison(console: Console, comparison: Comparison) -> None:
    """Print a comparison: acts table, first divergence, violations, outcomes.

    Lines go through :func:`~govsim.text.plain.tell`, wrapped at the
    console's width; a violation's continuation lines are indented under it.

    Args:
        console: where to print (stdout in the command line).
        comparison: the replays to show side by side.
    """
    tell(console, _heading(comparison), "bold")
    console.print(verdict_matrix(comparison))
    for text, style in comparison_lines(comparison):
        tell(console, text, style, hang=4)
