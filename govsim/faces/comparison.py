"""A comparison as rich renderables, for ``govsim compare`` and ``rich.print``.

The verdict matrix (one row per act, one column per book, the first
divergence marked) and the lines that follow it (the divergence in prose, the
violations, outcomes and breaches per book) are built here once: the command
prints them, and :meth:`Comparison.__rich__
<govsim.analysis.compare.Comparison.__rich__>` returns them as one group for a
notebook or ``rich.print``.

The matrix is laid out for the width it is drawn in: the wide table of
``govsim compare`` when it fits, else a compact one whose act cell stacks the
id over the actor and act, and whose book headers break at hyphens, so that
act ids and verdicts still read whole at 100 columns with three books.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from govsim.faces.plain import printable, say
from govsim.faces.render import CELL_PADDING, VERDICT_STYLES, whole_ids_fit

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult

    from govsim.analysis.compare import ActRow, Comparison

__all__ = [
    "DIVERGENCE_MARK",
    "comparison_lines",
    "comparison_view",
    "dependency_notes",
    "divergence_line",
    "invariant_lines",
    "outcome_lines",
    "print_comparison",
    "verdict_matrix",
]

DIVERGENCE_MARK = "◀ first divergence"
DEPENDENCY_RULE = "dependency"
"""The rule of the engine's reason for an act void because it depends on a void act."""
DATE_WIDTH = len("2019-03-12")
VERDICT_WIDTH = max(len(v) for v in VERDICT_STYLES)
"""The widest verdict word: book headers break to it."""
NOTE_WIDTH = len("divergence")
"""The narrowest the note column of the compact matrix gets: the mark wraps once."""

UNBOUNDED = 100_000
"""A width no table reaches: the matrix is measured in it to learn its natural width."""

Line = tuple[str, str]
"""A line of text and its style."""


def dependency_notes(row: ActRow) -> list[str]:
    """Why an act is void under a book because an act it depends on is void there.

    Shown in the table because such a verdict is not a violation of its own:
    without the note the reader would look for a clause that is not there.
    """
    return [
        f"{book}: {reason.check}"
        for book, record in row.records.items()
        for reason in record.failing
        if reason.rule == DEPENDENCY_RULE
    ]


def _note(comparison: Comparison, row: ActRow) -> Text:
    first = comparison.first_divergence
    note = Text()
    if first is not None and first.row.id == row.id:
        note.append(DIVERGENCE_MARK, style="bold magenta")
    for line in dependency_notes(row):
        note.append("\n" if note else "")
        note.append(line, style="red")
    return note


def _verdicts(row: ActRow) -> list[Text]:
    return [
        Text(v.value, style=VERDICT_STYLES.get(v.value, ""))
        for v in row.verdicts.values()
    ]


def _wide_table(comparison: Comparison) -> Table:
    """The table ``govsim compare`` has always shown: date, id, actor, act, books, note."""
    table = Table(header_style="bold")
    table.add_column("date", no_wrap=True)
    table.add_column("id", overflow="fold", max_width=24)
    table.add_column("actor", overflow="fold", max_width=14)
    table.add_column("act", overflow="fold", max_width=20)
    for book in comparison.books:
        table.add_column(book, no_wrap=True)
    table.add_column("note", overflow="fold", min_width=len(DIVERGENCE_MARK))
    for row in comparison.rows:
        cells = [
            Text(row.at.isoformat()),
            Text(row.id),
            Text(row.actor),
            Text(row.act.replace("_", " ")),
        ]
        table.add_row(*cells, *_verdicts(row), _note(comparison, row))
    return table


def broken_at_hyphens(name: str, width: int) -> str:
    """A book id broken into lines at its hyphens, for a narrow column's header.

    Each line is at most ``width`` long, or one segment when a segment is
    longer; the hyphens stay, so the id reads as written.
    """
    lines: list[str] = []
    for segment in name.replace("-", "-\n").splitlines():
        if lines and len(lines[-1]) + len(segment) <= width:
            lines[-1] += segment
        else:
            lines.append(segment)
    return "\n".join(lines)


def _act_cell(row: ActRow, width: int) -> Text:
    # The id first and whole: it is what `govsim run --explain` takes.
    cell = Text(row.id, style="bold")
    doing = row.act.replace("_", " ")
    who = f"{row.actor} {doing}"
    cell.append("\n" + (who if len(who) <= width else f"{row.actor}\n{doing}"))
    return cell


def _header(book: str, broken: bool) -> str:
    return broken_at_hyphens(book, VERDICT_WIDTH) if broken else book


def _compact_table(comparison: Comparison, *, whole_ids: bool, broken: bool) -> Table:
    """Date, act (id over actor and act), one column per book, note."""
    longest = max((len(r.id) for r in comparison.rows), default=0)
    table = Table(header_style="bold")
    table.add_column("date", no_wrap=True)
    if whole_ids:
        table.add_column("act", no_wrap=True)
    else:
        table.add_column("act", overflow="fold")
    for book in comparison.books:
        table.add_column(_header(book, broken), no_wrap=True)
    table.add_column("note", overflow="fold", min_width=NOTE_WIDTH)
    for row in comparison.rows:
        table.add_row(
            Text(row.at.isoformat()),
            _act_cell(row, max(longest, len("act"))),
            *_verdicts(row),
            _note(comparison, row),
        )
    return table


class _VerdictMatrix:
    """The verdict matrix of a comparison, laid out for the width it is drawn in.

    The wide table when it fits; else the compact one with whole book ids
    over its columns, then with book ids broken at hyphens, keeping act ids
    whole while the note column keeps room; else the compact one with act
    ids folded.
    """

    def __init__(self, comparison: Comparison) -> None:
        self.comparison = comparison

    def _fixed(self, broken: bool) -> int:
        """The width of the compact table without its act and note columns."""
        books = sum(
            max(VERDICT_WIDTH, *(len(x) for x in _header(b, broken).splitlines()))
            + CELL_PADDING
            for b in self.comparison.books
        )
        borders = len(self.comparison.books) + 4
        return DATE_WIDTH + CELL_PADDING + books + borders

    def __rich_console__(
        self, console: Console, options: ConsoleOptions
    ) -> RenderResult:
        comparison = self.comparison
        wide = _wide_table(comparison)
        unbounded = options.update_width(UNBOUNDED)
        if Measurement.get(console, unbounded, wide).maximum <= options.max_width:
            yield wide
            return
        longest = max((len(r.id) for r in comparison.rows), default=0)
        # Every line of the act column, which does not wrap when ids are whole.
        lines = [
            line
            for row in comparison.rows
            for line in _act_cell(row, max(longest, len("act"))).plain.splitlines()
        ]
        for broken in (False, True):
            if whole_ids_fit(options.max_width, lines, self._fixed(broken), 1):
                yield _compact_table(comparison, whole_ids=True, broken=broken)
                return
        yield _compact_table(comparison, whole_ids=False, broken=True)


def verdict_matrix(comparison: Comparison) -> RenderableType:
    """One row per act, one verdict column per book, the first divergence marked."""
    return _VerdictMatrix(comparison)


def divergence_line(comparison: Comparison) -> str:
    """The first divergence in prose, with the clauses behind each verdict."""
    first = comparison.first_divergence
    if first is None:
        return "no divergence: every act gets the same verdict under every book"
    return f"first divergence: {first}"


def comparison_lines(comparison: Comparison) -> list[Line]:
    """What follows the matrix, as lines of text and their styles.

    The first divergence in prose, then per book the violations, the outcome
    measures and the breaches.
    """
    lines: list[Line] = [(divergence_line(comparison), "")]
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
    for p in out.parties:
        lines.append((f"  {p.case}: {p.role} {p.person} ends {p.status}", ""))
    if out.open_cases:
        owned = ", ".join(
            f"{c.case} (owner: {c.owner or 'none'})" for c in out.open_cases
        )
        lines.append((f"  cases still open: {owned}", ""))
    else:
        lines.append(("  cases still open: none", ""))
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
                    f"  {t.case}: complaint {t.complaint.isoformat()} to "
                    f"{t.decision} in effect {t.effective.isoformat()}: {t.days} days",
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

    Lines go through :func:`~govsim.faces.plain.say`, unwrapped, so each
    violation stays on one line for grep.

    Args:
        console: where to print (stdout in the command line).
        comparison: the replays to show side by side.
    """
    say(console, _heading(comparison), "bold")
    console.print(verdict_matrix(comparison))
    for text, style in comparison_lines(comparison):
        say(console, text, style)
