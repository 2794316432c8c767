"""The govsim error tree.

Every error govsim raises on purpose derives from :class:`GovsimError`, and each
leaf also derives from the built-in exception it resembles, so callers may catch
either::

    GovsimError
    ├── DocumentError (ValueError)      a document is malformed; carries every Problem
    ├── UnknownReferenceError (KeyError) an id names nothing (a rule book, an act)
    ├── UsageError (ValueError)          a call or command was used the wrong way
    └── ReplayError (RuntimeError)       the engine met a state it cannot continue from

A user's mistake (a ``DocumentError`` or ``UsageError``) is shown without a
traceback by the command line; anything else keeps its traceback, because it
is a bug to report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "DocumentError",
    "GovsimError",
    "PluginError",
    "Problem",
    "ReplayError",
    "Span",
    "UnknownReferenceError",
    "UsageError",
]


@dataclass(frozen=True, order=True)
class Span:
    """A place in a source file: 1-based line and column, as editors count."""

    path: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a document, with where it is and what to do.

    Attributes:
        span: where in the file; ``None`` for a document given as data.
        message: what is wrong, and when possible how to fix it.
        loc: the path of keys and indexes to the offending node.
    """

    span: Span | None
    message: str
    loc: tuple[str | int, ...] = field(default=())

    def __str__(self) -> str:
        where = str(self.span) if self.span else "<data>"
        path = ".".join(str(part) for part in self.loc)
        return (
            f"{where}: {path}: {self.message}" if path else f"{where}: {self.message}"
        )

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order problems by file, then position, then text."""
        if self.span is None:
            return ("", 0, 0, self.message)
        return (self.span.path, self.span.line, self.span.col, self.message)


class GovsimError(Exception):
    """Root of every error govsim raises on purpose."""


class DocumentError(GovsimError, ValueError):
    """A document (organisation, rule book or scenario) is malformed.

    All problems found in the document are collected before raising, so the
    user can fix them in one pass. ``problems`` keeps them as data.
    """

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(dict.fromkeys(problems), key=Problem.sort_key)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def single(
        cls, message: str, span: Span | None = None, loc: tuple[str | int, ...] = ()
    ) -> DocumentError:
        """Build an error holding a single problem."""
        return cls([Problem(span, message, loc)])

    @classmethod
    def at_file(cls, path: str | Path, message: str) -> DocumentError:
        """Build an error about a whole file (unreadable, too large)."""
        return cls([Problem(Span(str(path), 1, 1), message)])


class UnknownReferenceError(GovsimError, KeyError):
    """An identifier (rule book, act, person, body) names nothing known."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown reference"


class UsageError(GovsimError, ValueError):
    """A function or command was called in a way it does not support."""


class PluginError(UsageError):
    """A plugin clashes with a name already registered, or cannot be loaded.

    A user error: what is installed beside govsim has to change, not govsim.
    """


class ReplayError(GovsimError, RuntimeError):
    """The engine reached a state from which replay cannot continue."""
