"""The verdict matrix of a comparison: one row per act, one column per book.

The first divergence is marked, and an act void because an act it depends on
is void says so. The matrix is laid out for the width it is drawn in, and no
layout cuts an act id, a book id or the divergence mark:

- the wide table (date, id, actor, act, one column per book, note) when it
  fits unwrapped;
- else a compact table whose act cell stacks the id over the divergence
  mark and the actor and act, with the book headers whole, then broken at
  hyphens, then with the date moved into the act cell;
- else, when even that is too wide (many books, a narrow window), one block
  per act: date, id and mark, then the act, then the books grouped by verdict.

Only the note column of a table wraps, between words; every other column
holds text laid out beforehand, so rich never folds an id to make room.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from rich.console import Group
from rich.measure import Measurement
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from govsim.findings.runview import VERDICT_STYLES
from govsim.text.terminal import fitted

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
VERDICT_WIDTH = max(len(v) for v in VERDICT_STYLES)
"""The widest verdict word: book headers break to it."""
DOING_WIDTH = 16
"""The narrowest the act column is made for the actor and act under the id."""

UNBOUNDED = 100_000
"""A width no table reaches: a layout is measured in it to learn its natural width."""


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


def _first(comparison: Comparison, row: ActRow) -> bool:
    first = comparison.first_divergence
    return first is not None and first.row.id == row.id


def _note(comparison: Comparison, row: ActRow, *, marked: bool = True) -> Text:
    """The divergence mark (unless ``marked`` is false) and the dependency notes."""
    note = Text()
    if marked and _first(comparison, row):
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
    table.add_column("id", no_wrap=True)
    table.add_column("actor", no_wrap=True)
    table.add_column("act", no_wrap=True)
    for book in comparison.books:
        table.add_column(book, no_wrap=True)
    table.add_column("note", no_wrap=True)
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


def _lines(text: str, width: int) -> str:
    """``text`` broken between words (never inside one, nor at a hyphen)."""
    return "\n".join(
        textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    )


def _act_cell(comparison: Comparison, row: ActRow, width: int, *, dated: bool) -> Text:
    # The id first and whole: it is what `govsim run --explain` takes. The
    # divergence mark goes under it, whole, rather than into a narrow column.
    cell = Text(row.id, style="bold")
    if _first(comparison, row):
        cell.append("\n")
        cell.append(DIVERGENCE_MARK, style="bold magenta")
    doing = f"{row.actor} {row.act.replace('_', ' ')}"
    if dated:
        doing = f"{row.at.isoformat()} {doing}"
    cell.append("\n" + _lines(doing, width))
    return cell


def _compact_table(
    comparison: Comparison,
    *,
    broken: bool,
    dated: bool,
    roomy: bool = False,
    narrowest: bool = False,
) -> Table:
    """Act (id, mark, actor and act, and the date when ``dated``), books, notes.

    The actor and act wrap to the width of the longest id unless ``roomy``.
    The note column is there only when an act is void for depending on a
    void act; ``narrowest`` makes it as narrow as its longest word, for
    measuring the narrowest the table can be drawn without cutting a word.
    """
    width = max(
        [DOING_WIDTH, len(DIVERGENCE_MARK), *(len(r.id) for r in comparison.rows)]
    )
    if roomy:
        width = UNBOUNDED
    noted = any(dependency_notes(row) for row in comparison.rows)
    table = Table(header_style="bold", show_lines=True)
    if not dated:
        table.add_column("date", no_wrap=True)
    table.add_column("act", no_wrap=True)
    for book in comparison.books:
        header = broken_at_hyphens(book, VERDICT_WIDTH) if broken else book
        table.add_column(header, no_wrap=True)
    if noted:
        longest = max(
            len(word)
            for row in comparison.rows
            for word in ["note", *" ".join(dependency_notes(row)).split()]
        )
        table.add_column("note", max_width=longest if narrowest else None)
    for row in comparison.rows:
        date = [] if dated else [Text(row.at.isoformat())]
        note = [_note(comparison, row, marked=False)] if noted else []
        table.add_row(
            *date,
            _act_cell(comparison, row, width, dated=dated),
            *_verdicts(row),
            *note,
        )
    return table


def _blocks(comparison: Comparison) -> Group:
    """One block per act: date, id and mark; the act; the books by verdict; notes."""
    blocks: list[RenderableType] = []
    for row in comparison.rows:
        head = Text(f"{row.at.isoformat()} ")
        head.append(row.id, style="bold")
        mark = _note(comparison, row)
        by_verdict: dict[str, list[str]] = {}
        for book, given in row.verdicts.items():
            by_verdict.setdefault(given.value, []).append(book)
        body = [Text(f"{row.actor} {row.act.replace('_', ' ')}")]
        for verdict, books in by_verdict.items():
            said = Text(verdict, style=VERDICT_STYLES.get(verdict, ""))
            every = len(by_verdict) == 1 and len(books) > 1
            said.append(" under every book" if every else f" under {', '.join(books)}")
            body.append(said)
        if mark:
            body.append(mark)
        blocks.append(Group(head, Padding(Group(*body), (0, 0, 0, 2))))
    return Group(*blocks)


class _VerdictMatrix:
    """The verdict matrix of a comparison, laid out for the width it is drawn in."""

    def __init__(self, comparison: Comparison) -> None:
        self.comparison = comparison

    def __rich_console__(
        self, console: Console, options: ConsoleOptions
    ) -> RenderResult:
        comparison = self.comparison
        unbounded = options.update_width(UNBOUNDED)
        wide = fitted(console, _wide_table(comparison))
        if Measurement.get(console, unbounded, wide).maximum <= options.max_width:
            yield wide
            return
        layouts = [
            (broken, dated, roomy)
            for broken, dated in ((False, False), (True, False), (True, True))
            for roomy in (True, False)
        ]
        for broken, dated, roomy in layouts:
            # Every column but the note is laid out beforehand and never
            # wraps; the note may wrap down to its longest word.
            narrowest = fitted(
                console,
                _compact_table(
                    comparison, broken=broken, dated=dated, roomy=roomy, narrowest=True
                ),
            )
            drawn = Measurement.get(console, unbounded, narrowest).maximum
            if drawn <= options.max_width:
                yield fitted(
                    console,
                    _compact_table(comparison, broken=broken, dated=dated, roomy=roomy),
                )
                return
        yield _blocks(comparison)


def verdict_matrix(comparison: Comparison) -> RenderableType:
    """One row per act, one verdict column per book, the first divergence marked."""
    return _VerdictMatrix(comparison)
