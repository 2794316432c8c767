"""Printing text as text: no markup, no emoji, no control characters obeyed.

Everything govsim prints may quote a user's document or option: an id with
square brackets, a note with ``:smile:``, a value with an escape sequence,
and every ``file:100:3`` position. Rich would read the first as markup, the
second and the position's ``:100:`` as emoji codes, and pass the third to the
terminal. The lines the commands print go through :func:`say`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["printable", "say"]


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
