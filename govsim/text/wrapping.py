"""Lines of styled text that fit a width, broken only at spaces.

The run view is laid out as lines, not as a rich table, because a table pads
every cell (piped output gains trailing blanks) and folds a narrow column in
the middle of an id. Here a line breaks only between words, so an id or a
clause number is never cut; a word longer than the width stays whole on its
own line, and the terminal wraps it, rather than govsim chopping it. No line
carries trailing blanks.
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.text import Text

__all__ = ["flat", "line", "wrap"]

_WORD = re.compile(r"\S+")


def flat(text: str) -> str:
    """Text on one line, runs of blanks and line breaks as one space.

    Clause text is often written as a folded YAML block; a view that wraps
    it again must not keep the document's own line breaks.
    """
    return " ".join(text.split())


def line(*parts: str | Text) -> Text:
    """One line of pieces, plain strings or styled text, that is never rewrapped."""
    out = Text(no_wrap=True, overflow="ignore", end="\n")
    for part in parts:
        out.append(part)
    return out


def wrap(text: Text | str, width: int, first: str = "", rest: str = "") -> list[Text]:
    """``text`` broken at spaces into lines at most ``width`` cells wide.

    Args:
        text: one paragraph; a string's own line breaks count as spaces (a
            styled text is taken as built, from :func:`flat` pieces).
        width: the widest a line may be, with its indent.
        first: the indent (or any prefix) of the first line.
        rest: the indent of the lines that continue it.

    Returns:
        At least one line (the prefix alone for empty text), each styled as
        the matching part of ``text``; lines that cannot be broken (one long
        word) are longer than ``width`` rather than cut.
    """
    source = text if isinstance(text, Text) else Text(flat(text))
    plain = source.plain
    lines: list[Text] = []
    prefix = first
    start: int | None = None
    end = 0
    for match in _WORD.finditer(plain):
        if start is None:
            start, end = match.start(), match.end()
        elif cell_len(prefix) + cell_len(plain[start : match.end()]) <= width:
            end = match.end()
        else:
            lines.append(line(prefix, source[start:end]))
            prefix = rest
            start, end = match.start(), match.end()
    if start is None:
        return [line(first.rstrip())]
    lines.append(line(prefix, source[start:end]))
    return lines
