"""Read a YAML document safely, keeping the position of every key and value.

govsim documents are written by hand, so a mistake must be reported at its
``file:line:col``. ruamel.yaml's round-trip parser, set to YAML 1.2, composes the
text into a node graph that knows where each node starts. One walk over that
graph then builds plain Python data (dict, list, str, int, float, bool, None,
date, datetime) for pydantic, fills a :class:`SourceMap`, and collects every
problem before anything is raised: duplicate keys, YAML 1.1 boolean words,
tags, recursive aliases and documents that expand beyond :data:`MAX_NODES`.
Nothing is ever constructed from a tag, so a document cannot run code.
"""

from __future__ import annotations

import codecs
import os
import unicodedata
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Final, TypeAlias

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer, MaxDepthExceededError
from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError

from govsim.documents.paths import input_problem, shown_path
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
_CORE: Final = "tag:yaml.org,2002:"
_ALLOWED_TAGS: Final = frozenset(
    _CORE + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)
_BOOL_WORDS: Final = dict.fromkeys(("yes", "y", "on"), "true") | dict.fromkeys(
    ("no", "n", "off"), "false"
)
_CONSTRUCT: Final[dict[str, Callable[[Any, Any], Any]]] = {
    "null": SafeConstructor.construct_yaml_null,
    "bool": SafeConstructor.construct_yaml_bool,
    "int": SafeConstructor.construct_yaml_int,
    "float": SafeConstructor.construct_yaml_float,
    "timestamp": SafeConstructor.construct_yaml_timestamp,
}
_KINDS: Final = {
    "str": "a string",
    "int": "a number",
    "float": "a number",
    "bool": "a boolean",
    "timestamp": "a date",
}


class SourceMap:
    """Where each key and value of a parsed document sits in its file.

    Locations are tuples of keys and list indexes from the root, as pydantic
    writes them, e.g. ``("acts", 3, "by")``; ``()`` is the whole document.
    """

    __slots__ = ("_keys", "_values", "path")

    def __init__(
        self,
        path: str,
        keys: Mapping[Loc, Span] | None = None,
        values: Mapping[Loc, Span] | None = None,
    ) -> None:
        self.path = path
        self._keys: Mapping[Loc, Span] = keys or {}
        self._values: Mapping[Loc, Span] = values or {}

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

        def part(spans: Mapping[Loc, Span]) -> dict[Loc, Span]:
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
        if key and found in self._keys:
            return self._keys[found]
        return self._values.get(found) or Span(self.path, 1, 1)

    def problem(self, loc: Loc, message: str, *, key: bool = False) -> Problem:
        """Build a :class:`Problem` about ``loc``, positioned by :meth:`span`."""
        return Problem(self.span(loc, key=key), message, tuple(loc))


class _StopError(Exception):
    """Stop reading: a second document starts (at ``what``), or one is too big."""

    def __init__(self, what: Any) -> None:
        self.what = what


class _Composer(Composer):
    """ruamel's composer, also noting where aliases and the document start.

    An alias becomes the very node it refers to, which starts at the anchor;
    the alias's own position is kept here so problems point at the alias.
    """

    def __init__(self, loader: Any = None) -> None:
        super().__init__(loader)
        self.warn_double_anchors = False  # valid YAML: a reused anchor rebinds
        self.alias_marks: dict[tuple[int, int, bool], Any] = {}
        self.version: Any = None
        self.start_mark: Any = None
        self.count = 0

    def compose_document(self) -> Any:
        event = self.parser.peek_event()
        if self.start_mark is not None:
            raise _StopError(event.start_mark)
        self.version, self.start_mark = event.version, event.start_mark
        return super().compose_document()

    def compose_node(self, parent: Any, index: Any) -> Any:
        if not self.parser.check_event(AliasEvent):
            self.count += 1
            if self.count > MAX_NODES:
                raise _StopError(None)  # stop before parsing the rest of a huge file
        elif parent is not None:
            is_key = isinstance(parent, MappingNode) and index is None
            self.alias_marks[id(parent), len(parent.value), is_key] = (
                self.parser.peek_event().start_mark
            )
        return super().compose_node(parent, index)


def _too_many(path: str, aliased: bool) -> Problem:
    how = " through anchors and aliases" if aliased else ""
    text = f"the document expands to more than {MAX_NODES} nodes{how}"
    text += "; refusing to load it" + (" (an alias bomb?)" if aliased else "")
    return Problem(Span(path, 1, 1), text)


def _at(path: str, mark: Any) -> Span:
    return Span(path, mark.line + 1, mark.column + 1)


def _describe(node: Node) -> str:
    if isinstance(node, MappingNode | SequenceNode):
        return "a mapping" if isinstance(node, MappingNode) else "a list"
    return _KINDS.get(str(node.tag).removeprefix(_CORE), "a tagged value")


def _explicit(node: Node) -> bool:
    # Tags the parser read carry their handles; tags the resolver guessed do not.
    return node.ctag.handle is not None or node.ctag.handles is not None


class _Walker:
    """Convert a node graph to builtins, filling a source map and a problem list.

    An alias makes the walk meet a node again; its problems are reported on
    the first meeting only (``first``), and ``open`` holds the nodes being
    walked, so meeting one of them again means a node contains itself.
    """

    def __init__(self, path: str, composer: _Composer, constructor: Any) -> None:
        self.path, self.composer, self.constructor = path, composer, constructor
        self.keys: dict[Loc, Span] = {}
        self.values: dict[Loc, Span] = {}
        self.problems: list[Problem] = []
        self.count = 0
        self.aliased = False
        self.open: set[int] = set()
        self.seen: set[int] = set()

    def report(self, first: bool, where: Span, message: str, loc: Loc) -> None:
        if first:
            self.problems.append(Problem(where, message, loc))

    def where(self, parent: Node, position: int, is_key: bool, node: Node) -> Span:
        mark = self.composer.alias_marks.get((id(parent), position, is_key))
        self.aliased = self.aliased or mark is not None
        return _at(self.path, mark or node.start_mark)

    def convert(self, node: Node, loc: Loc, where: Span) -> Any:
        self.values[loc] = where
        self.count += 1
        if self.count > MAX_NODES:
            raise _StopError(_too_many(self.path, self.aliased))
        if len(loc) > _MAX_DEPTH:
            text = f"the document nests more than {_MAX_DEPTH} levels deep"
            raise _StopError(Problem(where, text, loc))
        if id(node) in self.open:
            self.report(True, where, "recursive alias: this node contains itself", loc)
            return None
        first = id(node) not in self.seen
        self.seen.add(id(node))
        if not self.allowed(node, loc, where, first):
            return None
        if isinstance(node, ScalarNode):
            return self.scalar(node, loc, where, first)
        self.open.add(id(node))
        try:
            if isinstance(node, MappingNode):
                return self.mapping(node, loc, first)
            return [
                self.convert(item, (*loc, i), self.where(node, i, False, item))
                for i, item in enumerate(node.value)
            ]
        finally:
            self.open.discard(id(node))

    def mapping(self, node: MappingNode, loc: Loc, first: bool) -> dict[str, Any]:
        out: dict[str, Any] = {}
        lines: dict[str, int] = {}
        for position, (key_node, value_node) in enumerate(node.value):
            key_at = self.where(node, position, True, key_node)
            key = self.key(key_node, loc, key_at, first)
            if key is not None and key in lines:
                text = f"duplicate key {key!r} (first defined at line {lines[key]})"
                self.report(first, key_at, text, (*loc, key))
            elif key is not None:
                lines[key] = key_at.line
                self.keys[(*loc, key)] = key_at
                value_at = self.where(node, position, False, value_node)
                out[key] = self.convert(value_node, (*loc, key), value_at)
        return out

    def key(self, node: Node, loc: Loc, where: Span, first: bool) -> str | None:
        if not isinstance(node, ScalarNode):
            text = f"a key must be a word or a string, found {_describe(node)}"
            self.report(first, where, text, loc)
            return None
        key = str(node.value)
        self.count += 1  # keys are nodes too, as the composer counts them
        if node.tag == _CORE + "merge" and not _explicit(node):
            text = "merge keys ('<<') are not part of YAML 1.2; write the keys out"
            self.report(first, where, text, (*loc, key))
            return None
        if not self.allowed(node, (*loc, key), where, first):
            return None
        self.check_word(node, (*loc, key), where, first)
        return key

    def scalar(self, node: ScalarNode, loc: Loc, where: Span, first: bool) -> Any:
        self.check_word(node, loc, where, first)
        kind = str(node.tag).removeprefix(_CORE)
        if kind not in _CONSTRUCT:
            # ruamel's composer marks where a folded (``>``) scalar was folded
            # with BEL characters, which its own constructor strips.
            text = str(node.value)
            return text.replace("\a", "") if node.style == ">" else text
        try:
            return _CONSTRUCT[kind](self.constructor, node)
        except (ValueError, KeyError, IndexError, YAMLError):
            self.report(first, where, f"cannot read {node.value!r} as {kind}", loc)
            return None

    def check_word(self, node: ScalarNode, loc: Loc, where: Span, first: bool) -> None:
        word = str(node.value)
        control = _control_character(word, folded=node.style == ">")
        if control is not None:
            text = (
                f"control character {control} in the text (from an escape such as"
                r' "\e" or "\x1b"); terminals obey it rather than print it: remove it'
            )
            self.report(first, where, text, loc)
        meaning = _BOOL_WORDS.get(word.lower())
        if meaning and node.style is None and not _explicit(node):
            text = (
                f"{word!r} is a boolean in YAML 1.1 but a string in YAML 1.2, so tools"
                f' disagree about it; write "{word}" in quotes if you mean the word,'
                f" or {meaning} if you mean a boolean"
            )
            self.report(first, where, text, loc)

    def allowed(self, node: Node, loc: Loc, where: Span, first: bool) -> bool:
        if not _explicit(node) or node.tag in _ALLOWED_TAGS:
            return True
        tag = node.ctag
        spelt = f"{tag.handle}{tag.suffix}" if tag.handle else f"!<{tag.suffix}>"
        self.report(first, where, f"tags such as {spelt!r} are not allowed", loc)
        return False


_KEPT_CONTROLS = frozenset("\t\n\r")
"""Control characters text may hold: tab, line feed, carriage return."""


def _control_character(text: str, *, folded: bool) -> str | None:
    """The first control character in ``text`` as ``U+001B``, if any.

    Escapes in double-quoted YAML strings (backslash-e, backslash-x07) can put them in a
    document; printed, they would move the cursor or recolour the terminal.
    ruamel marks where a folded (``>``) scalar was folded with BEL, which is
    not the user's.
    """
    for char in text:
        if char in _KEPT_CONTROLS or (folded and char == "\a"):
            continue
        if unicodedata.category(char) == "Cc":
            return f"U+{ord(char):04X}"
    return None


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
    yaml = YAML(typ="rt")
    yaml.version = (1, 2)
    yaml.max_depth = _MAX_DEPTH
    yaml.Composer = _Composer
    composer: _Composer = yaml.composer
    problems: list[Problem] = []
    documents = yaml.compose_all(text)
    root: Node | None = None
    try:
        root = next(documents, None)
        next(documents, None)
    except _StopError as stop:
        if stop.what is None:
            raise DocumentError([_too_many(path, aliased=False)]) from None
        message = "a govsim file holds one document; found a second one here"
        problems.append(Problem(_at(path, stop.what), message))
    except MarkedYAMLError as exc:
        raise DocumentError([_syntax_problem(exc, path)]) from None
    except ReaderError as exc:
        raise DocumentError([_reader_problem(exc, text, path)]) from None
    except YAMLError as exc:
        raise DocumentError.at_file(path, str(exc).splitlines()[0]) from None
    finally:
        documents.close()
    if composer.version is not None and tuple(composer.version) != (1, 2):
        written = ".".join(str(part) for part in composer.version)
        message = f"govsim reads YAML 1.2; remove the '%YAML {written}' directive"
        problems.append(Problem(_at(path, composer.start_mark), message))
    if root is None or (isinstance(root, ScalarNode) and root.tag == _CORE + "null"):
        raise DocumentError(
            [*problems, Problem(Span(path, 1, 1), "the document is empty")]
        )
    walker = _Walker(path, composer, yaml.constructor)
    try:
        data = walker.convert(root, (), _at(path, root.start_mark))
    except _StopError as refusal:
        raise DocumentError([refusal.what]) from None
    problems.extend(walker.problems)
    if not isinstance(root, MappingNode):
        message = f"the document must be a mapping of keys, found {_describe(root)}"
        problems.append(Problem(Span(path, 1, 1), message))
    if problems:
        raise DocumentError(problems)
    return data, SourceMap(path, walker.keys, walker.values)


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
    return parse_yaml(_decode(data, name), name)


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


def _syntax_problem(exc: MarkedYAMLError, path: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    span = _at(path, mark) if mark is not None else Span(path, 1, 1)
    if isinstance(exc, MaxDepthExceededError):
        return Problem(span, f"the document nests more than {_MAX_DEPTH} levels deep")
    return Problem(span, str(exc.problem or exc.context or "this is not valid YAML"))


def _reader_problem(exc: ReaderError, text: str, path: str) -> Problem:
    position = int(exc.position)
    line_start = text.rfind("\n", 0, position) + 1
    span = Span(path, text.count("\n", 0, position) + 1, position - line_start + 1)
    code = exc.character if isinstance(exc.character, int) else ord(exc.character)
    return Problem(span, f"character U+{code:04X} is not allowed in YAML: {exc.reason}")
