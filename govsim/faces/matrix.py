"""The verdict matrix of a comparison: one row per act, one column per book.

The first divergence is marked, and an act void because an act it depends on
is void says so. The matrix is laid out for the width it is drawn in: the
wide table ``govsim compare`` has always shown when it fits, else a compact
one whose act cell stacks the id over the actor and act, and whose book
headers break at hyphens, so that act ids and verdicts still read whole at
100 columns with three books.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from govsim.faces.render import CELL_PADDING, VERDICT_STYLES, whole_ids_fit

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult

    from govsim.analysis.compare import ActRow, Comparison

__all__ = [
    "DIVERGENCE_MARK",
    "broken_at_hyphens",
    "dependency_notes",
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
