"""Printing text as text: no markup, no emoji, no control characters obeyed.

Everything govsim prints may quote a user's document or option: an id with
square brackets, a note with ``:smile:``, a value with an escape sequence,
and every ``file:100:3`` position. Rich would read the first as markup, the
second and the position's ``:100:`` as emoji codes, and pass the third to the
terminal. The lines the commands print go through :func:`say`, which keeps
each line whole (a diagnostic's ``file:line:col`` for editors and grep), or
:func:`tell`, which wraps prose at the console's width.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["printable", "say", "tell"]


def printable(text: str) -> str:
    r"""``text`` with control characters written as escapes (``\x1b``).

    Line feeds and tabs stay as they are.
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c in "\n\t" else repr(c)[1:-1] for c in text)


def say(console: Console, text: str, style: str = "") -> None:
    """Print one line as it is written, and whole.

    ``soft_wrap`` keeps ``file:line:col`` lines unbroken for editors and grep.
    """
    console.print(
        printable(text),
        style=style,
        markup=False,
        highlight=False,
        emoji=False,
        soft_wrap=True,
    )


def tell(console: Console, text: str, style: str = "", *, hang: int = 2) -> None:
    """Print prose wrapped at the console's width, broken only between words.

    Each line of ``text`` is a paragraph: its leading blanks indent it, and
    the lines it continues on are indented ``hang`` more, so a list of
    records reads as one record per paragraph. An id is never broken; a word
    wider than the console stays whole on its own line.
    """
    from govsim.text.wrapping import wrap

    for paragraph in printable(text).split("\n"):
        body = paragraph.lstrip(" ")
        first = paragraph[: len(paragraph) - len(body)]
        rest = first + " " * hang
        for line in wrap(body, console.width, first, rest):
            line.stylize(style)
            console.print(line, markup=False, highlight=False, emoji=False)
