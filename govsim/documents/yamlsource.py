"""Read a YAML document safely, keeping the position of every key and value.

govsim documents are written by hand, so a mistake must be reported at its
``file:line:col``; and a history may run to a hundred thousand acts, so a
large document must be read in seconds. The text is read as a stream of
parser events (:mod:`govsim.documents.yamlevents`: libyaml's C parser, or
ruamel.yaml's where only it reads the text as YAML 1.2), and one pass over
them (:mod:`govsim.documents.yamlbuild`) builds plain Python data (dict,
list, str, int, float, bool, None, date, datetime) for pydantic, records
where each part starts for a :class:`SourceMap`, and collects every problem
before anything is raised: duplicate keys, YAML 1.1 boolean words, tags,
recursive aliases and documents that expand beyond :data:`MAX_NODES`.
Nothing is ever constructed from a tag, so a document cannot run code.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final, Protocol, TypeAlias

from govsim.collector import collector_paused
from govsim.documents.paths import input_problem, shown_path
from govsim.documents.yamlbuild import NeedsPythonError, build
from govsim.documents.yamlevents import libyaml_events, needs_python, python_events
from govsim.errors import DocumentError, Problem, Span
from govsim.limits import MAX_FILE_BYTES, MAX_NESTING, MAX_NODES

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_NODES",
    "Loc",
    "SourceMap",
    "load_yaml_file",
    "parse_yaml",
]

Loc: TypeAlias = tuple[str | int, ...]

_MAX_DEPTH: Final = MAX_NESTING


class Mark(Protocol):
    """A position as a YAML parser gives it, 0-based."""

    @property
    def line(self) -> int: ...

    @property
    def column(self) -> int: ...


class SourceMap:
    """Where each key and value of a parsed document sits in its file.

    Locations are tuples of keys and list indexes from the root, as pydantic
    writes them, e.g. ``("acts", 3, "by")``; ``()`` is the whole document.
    """

    __slots__ = ("_keys", "_values", "path")

    def __init__(
        self,
        path: str,
        keys: Mapping[Loc, Mark] | None = None,
        values: Mapping[Loc, Mark] | None = None,
    ) -> None:
        # The parser's marks are kept, not spans: a large document has millions
        # of parts and few are ever asked for.
        self.path = path
        self._keys: Mapping[Loc, Mark] = keys or {}
        self._values: Mapping[Loc, Mark] = values or {}

    @classmethod
    def empty(cls, path: str = "<data>") -> SourceMap:
        """Map a document given as Python data: every span is ``path:1:1``."""
        return cls(path)

    def within(self, prefix: Loc) -> SourceMap:
        """The map of the part of the document at ``prefix``, as its own document.

        For validating a sub-document (a behaviour's parameters) against its
        own model while still pointing errors at the right lines.
        """
        n = len(prefix)
        prefix = tuple(prefix)

        def part(spans: Mapping[Loc, Mark]) -> dict[Loc, Mark]:
            return {loc[n:]: span for loc, span in spans.items() if loc[:n] == prefix}

        return SourceMap(self.path, part(self._keys), part(self._values))

    def has(self, loc: Loc) -> bool:
        """Tell whether the document holds a value at exactly ``loc``."""
        return tuple(loc) in self._values

    def resolve(self, loc: Loc) -> Loc:
        """Drop the parts of ``loc`` that name nothing in the document.

        pydantic inserts discriminated-union tags into its locations, and a
        missing field has no node, so only the parts present are kept.
        """
        loc = tuple(loc)
        if loc in self._values:  # every node's enclosing nodes are there too
            return loc
        found: Loc = ()
        for part in loc:
            if (*found, part) in self._values:
                found = (*found, part)
        return found

    def span(self, loc: Loc, *, key: bool = False) -> Span:
        """Return the position of ``loc``, or of the nearest node enclosing it.

        Args:
            loc: a location, possibly with parts absent from the document.
            key: point at the key of a mapping entry rather than its value.
        """
        found = self.resolve(loc)
        mark = self._keys.get(found) if key else None
        mark = mark or self._values.get(found)
        if mark is None:
            return Span(self.path, 1, 1)
        return Span(self.path, mark.line + 1, mark.column + 1)

    def problem(self, loc: Loc, message: str, *, key: bool = False) -> Problem:
        """Build a :class:`Problem` about ``loc``, positioned by :meth:`span`."""
        return Problem(self.span(loc, key=key), message, tuple(loc))


def parse_yaml(text: str, path: str) -> tuple[Any, SourceMap]:
    """Parse one YAML 1.2 document into plain data and its source map.

    Args:
        text: the document's text.
        path: the name spans give for it, usually the file path.

    Returns:
        The data, a ``dict`` with ``str`` keys holding only builtins and
        dates, and the :class:`SourceMap` locating every part of it.

    Raises:
        DocumentError: listing every problem found, each at its position.
    """
    unprintable = _NON_PRINTABLE.search(text)
    if unprintable is not None:
        raise DocumentError([_unprintable(text, unprintable.start(), path)])
    with collector_paused():
        if not needs_python(text):
            try:
                data, keys, values = build(
                    libyaml_events(text, path), MAX_NODES, _MAX_DEPTH
                )
                return data, SourceMap(path, keys, values)
            except NeedsPythonError:
                pass
        data, keys, values = build(python_events(text, path), MAX_NODES, _MAX_DEPTH)
    return data, SourceMap(path, keys, values)


def load_yaml_file(path: str | Path) -> tuple[Any, SourceMap]:
    """Read a UTF-8 file of at most :data:`MAX_FILE_BYTES` and parse it.

    Args:
        path: the file; spans name it as ``str(path)``.

    Returns:
        The data and its source map, as :func:`parse_yaml` returns them.

    Raises:
        DocumentError: the file is missing, unreadable, too large, not UTF-8,
            or its document has problems.
    """
    return parse_yaml(read_document(path), str(path))


def read_document(path: str | Path) -> str:
    """The text of a UTF-8 file of at most :data:`MAX_FILE_BYTES`, unparsed.

    Raises:
        DocumentError: the file is missing, unreadable, too large or not UTF-8.
    """
    name = str(path)
    problem = input_problem(name)
    if problem is not None:
        raise DocumentError.at_file(shown_path(name), problem)
    try:
        with Path(path).open("rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            # Checked before reading so a huge file is never loaded; the bounded
            # read covers files whose size the system does not report.
            data = b"" if size > MAX_FILE_BYTES else stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise DocumentError.at_file(name, f"cannot read the file: {reason}") from None
    if max(size, len(data)) > MAX_FILE_BYTES:
        shown = size if size > MAX_FILE_BYTES else f"more than {MAX_FILE_BYTES}"
        limit = f"govsim reads documents of at most {MAX_FILE_BYTES} bytes"
        raise DocumentError.at_file(name, f"file is {shown} bytes; {limit}")
    return _decode(data, name)


def _decode(data: bytes, name: str) -> str:
    start = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[start:].decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = start + exc.start
        line_start = max(data.rfind(b"\n", 0, bad) + 1, start)
        column = len(data[line_start:bad].decode("utf-8", errors="replace")) + 1
        span = Span(name, data.count(b"\n", 0, bad) + 1, column)
        byte = f"byte 0x{data[bad]:02x}: {exc.reason}"
        message = f"the file is not UTF-8 text ({byte}); save it as UTF-8"
        raise DocumentError([Problem(span, message)]) from None


_NON_PRINTABLE: Final = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
"""Characters YAML does not allow in a document, even as text."""


def _unprintable(text: str, position: int, path: str) -> Problem:
    line_start = text.rfind("\n", 0, position) + 1
    span = Span(path, text.count("\n", 0, position) + 1, position - line_start + 1)
    code = ord(text[position])
    return Problem(
        span,
        f"character U+{code:04X} is not allowed in YAML: special characters are not allowed",
    )
