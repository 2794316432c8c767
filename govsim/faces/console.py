"""How every command prints and ends: its two consoles, its user errors, its exit codes.

Each ``govsim`` command prints results to one console (stdout) and
diagnostics to another (stderr), turns a user's mistake into diagnostics and
exit code 2 without a traceback, and ends with one of the exit codes below.
They are here, in a module that imports no command, so that the commands and
the entry point (:mod:`govsim.faces.cli`) share them without importing each
other. Rich and the document machinery are imported when a command runs,
never at import, so ``govsim --help`` stays quick.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import typer

from govsim.errors import DocumentError, UnknownReferenceError, UsageError
from govsim.text.plain import printable, say

if TYPE_CHECKING:
    from rich.console import Console

__all__ = [
    "EXIT_INTERRUPTED",
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_UNMET",
    "consoles",
    "say_error",
    "user_errors",
]

EXIT_OK = 0
"""Every expectation met (``check``: every document fine; ``lint``: no finding)."""
EXIT_UNMET = 1
"""An expectation unmet (``lint``: a finding; ``explore``: a counterexample)."""
EXIT_INVALID = 2
"""Invalid input: a user's mistake, said on stderr without a traceback."""
EXIT_INTERRUPTED = 130
"""What shells report for a command stopped by Ctrl-C."""


def consoles() -> tuple[Console, Console]:
    """A console for results (stdout) and one for diagnostics (stderr).

    A terminal's, or plain text without borders or trailing spaces for a
    pipe (:mod:`govsim.text.terminal`). Made per call rather than at import
    so tests that swap ``sys.stdout`` are honoured and ``--help`` does not
    import rich's console.
    """
    from govsim.text.terminal import consoles as terminal_consoles

    return terminal_consoles()


def say_error(err: Console, message: str) -> None:
    """Print ``error: message`` on one whole line, ``error:`` in bold red."""
    from rich.text import Text

    line = Text("error:", style="bold red")
    line.append(f" {printable(message)}")
    err.print(line, soft_wrap=True)


@contextmanager
def user_errors(err: Console) -> Iterator[None]:
    """Turn a user's mistake into diagnostics on stderr and exit code 2, Ctrl-C into 130.

    Only the errors a user can fix are caught; any other exception passes
    through with its traceback because it is a bug in govsim. The command
    runs as one run of the rule book finder, so each folder it searches is
    read once (:func:`govsim.documents.bookscan.one_run`).
    """
    from govsim.documents.bookscan import one_run

    try:
        with one_run():
            yield
    except DocumentError as exc:
        for problem in exc.problems:
            say(err, str(problem))
        if not exc.problems:
            say_error(err, str(exc) or "invalid document")
        raise typer.Exit(EXIT_INVALID) from None
    except (UnknownReferenceError, UsageError) as exc:
        say_error(err, str(exc))
        raise typer.Exit(EXIT_INVALID) from None
    except KeyboardInterrupt:
        # Commands with something to report (explore, sweep) catch Ctrl-C
        # themselves; any other ends here, without a traceback.
        say(err, "interrupted")
        raise typer.Exit(EXIT_INTERRUPTED) from None
