"""The consoles the commands print to: a terminal's, or plain text for a pipe.

On a terminal the tables are drawn with rich's borders and fill the width.
Output to a pipe (a file, a pager, a CI log, ``grep``) is plain text
instead: tables keep their columns but lose their borders (a row of dashes
under the header, a blank line between rows that had a rule), and no line
ends in the spaces rich pads cells and wrapped lines with. The width of a
pipe is ``COLUMNS`` when set, else :data:`PIPE_WIDTH`.

JSON and other documents are written with ``typer.echo``, not through these
consoles, so they are byte for byte what their producers return.
"""

from __future__ import annotations

import copy
import os
import re
import sys
from typing import IO, TYPE_CHECKING, cast

from rich.box import Box
from rich.console import Console
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from collections.abc import Iterable

    from rich.console import ConsoleOptions, RenderableType, RenderResult
    from rich.segment import Segment

__all__ = [
    "PIPE_WIDTH",
    "PLAIN_BOX",
    "FirstFit",
    "Hanging",
    "PipeConsole",
    "TrimmedLines",
    "consoles",
    "fitted",
    "plain_table",
]

PIPE_WIDTH = 120
"""Width of the output when stdout is not a terminal and COLUMNS is unset."""

PLAIN_BOX = Box(
    "    \n"  # top (not drawn: no edge)
    "    \n"  # header cells: a space between columns
    " -  \n"  # under the header: dashes under each column
    "    \n"  # between rows with a rule: a blank line
    "    \n"  # body cells
    " -  \n"  # above a footer
    "    \n"  # footer cells
    "    \n",  # bottom (not drawn)
    ascii=True,
)
"""A table's frame in plain text: spaces between columns, dashes under the header."""

_TRAILING = re.compile(r"[ \t]+(?=\n)")


def plain_table(table: Table) -> Table:
    """A bordered table drawn without borders, for plain text.

    The columns, rows and rules between rows stay; a table already without
    borders (a grid) is returned as it is.
    """
    if table.box is None:
        return table
    plain = copy.copy(table)
    plain.box = PLAIN_BOX
    plain.show_edge = False
    plain.pad_edge = False
    return plain


def fitted(console: Console, renderable: RenderableType) -> RenderableType:
    """``renderable`` as ``console`` will draw it: a table without borders on a pipe.

    For a renderable that measures tables before choosing one, so that it
    measures what will be drawn.
    """
    if isinstance(console, PipeConsole) and isinstance(renderable, Table):
        return plain_table(renderable)
    return renderable


UNBOUNDED = 100_000
"""A width nothing reaches: a layout is measured in it to learn its natural width."""


class FirstFit:
    """The first of several layouts of the same content that fits unwrapped.

    A table that would wrap its cells in the width it is given gives way to
    the next layout (typically one record per block); the last is drawn
    whatever the width, so it should be one that wraps well.
    """

    def __init__(self, *layouts: RenderableType) -> None:
        self.layouts = layouts

    def __rich_console__(
        self, console: Console, options: ConsoleOptions
    ) -> RenderResult:
        unbounded = options.update_width(UNBOUNDED)
        for layout in self.layouts[:-1]:
            drawn = fitted(console, layout)
            if Measurement.get(console, unbounded, drawn).maximum <= options.max_width:
                yield drawn
                return
        yield self.layouts[-1]


class Hanging:
    """A paragraph wrapped at the width it is drawn in, its later lines indented.

    Broken only between words (:func:`govsim.text.wrapping.wrap`), so that
    an id is never cut, and with no trailing blanks.
    """

    def __init__(self, text: Text, hang: int = 2) -> None:
        self.text = text
        self.hang = hang

    def __rich_console__(
        self, console: Console, options: ConsoleOptions
    ) -> RenderResult:
        from govsim.text.wrapping import wrap

        yield from wrap(self.text, options.max_width, "", " " * self.hang)


class PipeConsole(Console):
    """A console writing plain text: every table it draws, however nested, borderless."""

    def render(
        self, renderable: RenderableType, options: ConsoleOptions | None = None
    ) -> Iterable[Segment]:
        """Render as rich does, with each bordered table drawn as :func:`plain_table`."""
        if isinstance(renderable, Table):
            renderable = plain_table(renderable)
        return super().render(renderable, options)


class TrimmedLines:
    """A text stream that writes each line without its trailing spaces and tabs.

    Spaces at the end of a write are held back until the next write shows
    whether more text follows them on the line; at a line's end they are
    dropped.
    """

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self._held = ""

    def write(self, text: str) -> int:
        """Write ``text`` with the spaces ending each of its lines removed."""
        whole = _TRAILING.sub("", self._held + text)
        body = whole.rstrip(" \t")
        self._held = whole[len(body) :]
        self.stream.write(body)
        return len(text)

    def flush(self) -> None:
        """Flush the stream (spaces held back stay held)."""
        self.stream.flush()

    def isatty(self) -> bool:
        """Whether the stream is a terminal (never, where this is used)."""
        return self.stream.isatty()

    def fileno(self) -> int:
        """The stream's file descriptor, for rich's checks of the terminal."""
        return self.stream.fileno()

    @property
    def encoding(self) -> str:
        """The stream's encoding, which rich reads to choose its characters."""
        return getattr(self.stream, "encoding", None) or "utf-8"


def _console(stream: IO[str], *, highlight: bool = True) -> Console:
    # emoji=False: rich would turn ':100:' in 'file:100:3' (or ':smile:' in a
    # user's text) into an emoji.
    terminal = Console(file=stream, emoji=False, highlight=highlight)
    if terminal.is_terminal:
        return terminal
    return PipeConsole(
        file=cast("IO[str]", TrimmedLines(stream)),
        width=None if os.environ.get("COLUMNS") else PIPE_WIDTH,
        emoji=False,
        highlight=highlight,
    )


def consoles() -> tuple[Console, Console]:
    """A console for results (stdout) and one for diagnostics (stderr).

    Made per call rather than at import so that tests that swap
    ``sys.stdout`` are honoured.
    """
    return _console(sys.stdout), _console(sys.stderr, highlight=False)
