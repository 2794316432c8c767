"""Self-contained HTML fragments, for results shown in a notebook.

Jupyter shows an object's ``_repr_html_`` in place, and notebook viewers
(GitHub, nbviewer, exported pages) often drop ``<style>`` blocks and never
fetch anything, so every fragment here carries its look in inline styles and
needs nothing else. Every piece of document text (ids, notes, clause text,
messages) goes through :func:`escape`, so markup in a document is shown as
written, never run. Elements are always closed, and no void element is used,
so a fragment is well-formed wherever it is pasted.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Sequence

__all__ = [
    "Cell",
    "StyledCell",
    "block",
    "cell",
    "date_cell",
    "escape",
    "fragment",
    "heading",
    "items",
    "table",
    "verdict_cell",
]

Cell = str
"""A table cell's inner HTML, already escaped."""
StyledCell = Cell | tuple[Cell, str]
"""A cell, or a cell and an inline style for it."""

VERDICT_COLOURS = {
    "valid": ("#1a7f37", "#dafbe1"),
    "irregular": ("#7d4e00", "#fff8c5"),
    "void": ("#cf222e", "#ffebe9"),
}
"""Text and background of each verdict: green, amber, red, as on the terminal."""

ROW_LIMIT = 2000
"""The most rows a table shows: a notebook stays responsive with a long history."""

_CELL = "padding:2px 8px;border:1px solid #d0d7de;vertical-align:top;text-align:left"
_TABLE = "border-collapse:collapse;margin:4px 0 8px 0;font-size:90%"


def escape(text: object) -> str:
    """Text as HTML that shows it as written: ``<script>`` becomes ``&lt;script&gt;``."""
    return html.escape(str(text), quote=True)


def cell(*lines: str, code: Sequence[str] = ()) -> Cell:
    """A cell of lines of text, escaped, and then lines of ids in monospace."""
    parts = [f"<div>{escape(line)}</div>" for line in lines]
    parts += [f"<div><code>{escape(c)}</code></div>" for c in code]
    return "".join(parts)


def date_cell(day: dt.date) -> tuple[Cell, str]:
    """A date, kept on one line."""
    return escape(day.isoformat()), "white-space:nowrap"


def verdict_cell(verdict: str) -> tuple[Cell, str]:
    """A verdict word and the inline style of its cell, coloured by verdict."""
    colour, background = VERDICT_COLOURS.get(verdict, ("inherit", "transparent"))
    style = (
        f"color:{colour};background:{background};font-weight:bold;white-space:nowrap"
    )
    return escape(verdict), style


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[StyledCell]],
    *,
    row_styles: Sequence[str] | None = None,
) -> str:
    """A table of escaped cells; a cell given as (html, style) gets that style too.

    At most :data:`ROW_LIMIT` rows are shown; a last row says how many more
    there are.

    Args:
        headers: the column headings (plain text; escaped here).
        rows: each a sequence of cells.
        row_styles: an inline style per row (an empty string for none).
    """
    head = "".join(f'<th style="{_CELL}">{escape(h)}</th>' for h in headers)
    body = []
    rows = list(rows)
    for index, row in enumerate(rows[:ROW_LIMIT]):
        cells = []
        for item in row:
            inner, extra = item if isinstance(item, tuple) else (item, "")
            cells.append(f'<td style="{_CELL};{extra}">{inner}</td>')
        style = row_styles[index] if row_styles else ""
        body.append(f'<tr style="{style}">' + "".join(cells) + "</tr>")
    hidden = len(rows) - ROW_LIMIT
    if hidden > 0:
        more = f"… and {hidden} more row{'s' if hidden != 1 else ''}, not shown here"
        body.append(
            f'<tr><td style="{_CELL};opacity:0.7" colspan="{len(headers)}">'
            f"{escape(more)}</td></tr>"
        )
    return (
        f'<table style="{_TABLE}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def heading(*parts: tuple[str, bool]) -> str:
    """A heading line of text pieces, each bold or not, escaped."""
    inner = "".join(
        f"<strong>{escape(text)}</strong>" if bold else escape(text)
        for text, bold in parts
    )
    return f'<div style="margin:4px 0">{inner}</div>'


def block(text: str, *, style: str = "") -> str:
    """A line of text, escaped, with an optional inline style."""
    return f'<div style="margin:2px 0;{style}">{escape(text)}</div>'


def items(lines: Iterable[tuple[str, str]]) -> str:
    """A list of lines of text, each with its own inline style (may be empty)."""
    inner = "".join(f'<li style="{style}">{escape(text)}</li>' for text, style in lines)
    return (
        f'<ul style="margin:2px 0 8px 0;padding-left:1em;list-style:none">{inner}</ul>'
    )


def fragment(kind: str, parts: Iterable[str]) -> str:
    """The parts in one ``div``, marked with the kind of object shown."""
    return (
        f'<div class="govsim govsim-{escape(kind)}" '
        'style="font-family:system-ui,sans-serif;line-height:1.35">'
        + "".join(parts)
        + "</div>"
    )
