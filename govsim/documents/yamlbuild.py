"""Build plain data, the position of every part and the problems from YAML events.

One pass over a :class:`~govsim.documents.yamlstream.Reader` does what a
composer and a walk over its node graph would, without building the graph,
so that a large document is read in seconds: every key and value becomes
plain data (dict, list, str, int, float, bool, None, date, datetime) with
its mark, and every problem is noted before anything is raised: duplicate
keys, YAML 1.1 boolean words, control characters, tags, merge keys,
recursive aliases, and documents that expand beyond the node limit through
aliases. Nothing is ever constructed from a tag, so a document cannot run
code.

Scalars are resolved by ruamel.yaml's YAML 1.2 rules and constructed by its
constructors, so values read as they always have. Aliases are expanded last,
once the whole document is read and the number of nodes they add is known:
an alias bomb is refused before any of it is built. A node reached through
several aliases reports its problems once, where it is first met.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any, Final, TypeAlias

from ruamel import yaml as ryaml
from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.tag import Tag

from govsim.documents.yamlevents import (
    ALIAS,
    DOCUMENT_START,
    END,
    MAPPING,
    SCALAR,
    SEQUENCE,
    STREAM_END,
    EventSource,
)
from govsim.documents.yamlstream import (
    EVENT_KINDS,
    Alias,
    Anchor,
    NeedsPythonError,
    Reader,
    Replay,
    StopError,
    nests,
    too_many,
)
from govsim.errors import DocumentError, Problem, Span

__all__ = ["Built", "NeedsPythonError", "build"]

Loc: TypeAlias = tuple[str | int, ...]
Built: TypeAlias = tuple[Any, dict[Loc, Any], dict[Loc, Any]]
"""The data, and the marks of its keys and of its values by location."""

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
_CONTROL: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters (Unicode category Cc) but tab, line feed and carriage return."""
_RECURSIVE: Final = "recursive alias: this node contains itself"
_SECOND: Final = "a govsim file holds one document; found a second one here"
_UNKNOWN: Final = object()
_LONGEST_BOOL_WORD: Final = max(map(len, _BOOL_WORDS))

_Source: TypeAlias = Reader | Replay


class _RefuseError(StopError):
    """Refuse the document once it is read, unless reading it finds worse."""


@functools.cache
def _ruamel_rules(version: tuple[int, int]) -> tuple[dict[Any, Any], Any]:
    """ruamel.yaml's implicit resolvers and constructor for a YAML version.

    govsim reads YAML 1.2 as ruamel.yaml does (its core schema, plus ``_`` in
    numbers and ``0o`` octals); a document declaring 1.1 is refused but read
    by 1.1 first, as ruamel.yaml reads it, so its other problems are right.
    """
    reader = ryaml.YAML(typ="rt")
    reader.version = version
    table = reader.resolver.versioned_resolver
    common = table.get(None, [])
    rules = {first: [*rules, *common] for first, rules in table.items()}
    rules[None] = list(common)
    return rules, reader.constructor


def _text(event: Any) -> str:
    # ruamel.yaml marks where a folded (``>``) scalar was folded with BEL
    # characters, which its own constructor strips.
    text = str(event.value)
    return text.replace("\a", "") if event.style == ">" else text


def _explicit(event: Any) -> bool:
    # "!" alone asks for the tag a plain scalar would get: no tag at all.
    return event.tag is not None and event.tag != "!"


class _Builder:
    """Turn events into builtins, filling the marks and the problem list.

    A kept node met again (through an alias) reports its problems only the
    first time (``seen``); ``open`` holds the kept collections being built,
    so meeting one of them again means a node contains itself.
    """

    def __init__(self, reader: Reader, max_nodes: int, max_depth: int) -> None:
        self.reader, self.source = reader, reader.source
        self.max_nodes, self.max_depth = max_nodes, max_depth
        self.keys: dict[Loc, Any] = {}
        self.values: dict[Loc, Any] = {}
        self.problems: list[Problem] = []
        self.seen: set[int] = set()
        self.open: set[int] = set()
        self.pending: list[tuple[Any, Any, Anchor, Loc, Any, frozenset[int]]] = []
        self.expanded = 0
        self.live = True
        self.handles: dict[str, str] | None = None
        self.rules, self.constructor = _ruamel_rules((1, 2))
        self.resolved: dict[str, str] = {}
        # Plain scalars already read without a problem, as keys and as values.
        self.plain_keys: set[str] = set()
        self.plain_values: dict[str, Any] = {}

    def read_as(self, version: tuple[int, int], handles: dict[str, str] | None) -> None:
        """Resolve plain scalars by ``version`` and spell tags with ``handles``."""
        self.rules, self.constructor = _ruamel_rules(version)
        self.handles = handles

    def report(self, first: bool, mark: Any, message: str, loc: Loc) -> None:
        if first:
            self.problems.append(Problem(self.source.span(mark), message, loc))

    def kind_of(self, event: Any) -> str:
        """A scalar's tag without its ``tag:yaml.org,2002:`` prefix, resolved."""
        if _explicit(event):
            return str(event.tag).removeprefix(_CORE)
        if not event.implicit[0]:
            return "str"
        value = event.value
        kind = self.resolved.get(value)
        if kind is None:
            kind = "str"
            for tag, regexp in self.rules.get(value[:1], self.rules[None]):
                if regexp.match(value):
                    kind = tag.removeprefix(_CORE)
                    break
            self.resolved[value] = kind
        return kind

    def describe(self, event: Any) -> str:
        kind = EVENT_KINDS[type(event)]
        if kind != SCALAR:
            return "a mapping" if kind == MAPPING else "a list"
        if _explicit(event) and not str(event.tag).startswith(_CORE):
            return "a tagged value"
        return _KINDS.get(self.kind_of(event), "a tagged value")

    def convert(self, src: _Source, event: Any, kind: int, loc: Loc, where: Any) -> Any:
        """The data of the node ``event`` starts, at ``loc`` and ``where``."""
        self.values[loc] = where
        if not self.live and len(loc) > self.max_depth:
            raise StopError(nests(self.source.span(where), self.max_depth, loc))
        ident = 0
        first = True
        if src.recording or event.anchor is not None:
            ident = id(event)
            if ident in self.open:
                self.report(True, where, _RECURSIVE, loc)
                self.skip(src, kind)
                return None
            first = ident not in self.seen
            self.seen.add(ident)
        if _explicit(event) and event.tag not in _ALLOWED_TAGS:
            spelt = self.source.spell(event, self.handles)
            self.report(first, where, f"tags such as {spelt!r} are not allowed", loc)
            self.skip(src, kind)
            return None
        if kind == SCALAR:
            return self.scalar(event, loc, where, first)
        if ident:
            self.open.add(ident)
        out = (
            self.mapping(src, loc, first, flow=bool(event.flow_style))
            if kind == MAPPING
            else self.sequence(src, loc)
        )
        self.open.discard(ident)
        return out

    def alias(self, src: _Source, alias: Alias, loc: Loc, into: Any, slot: Any) -> Any:
        """The data an alias stands for; while the text is read, a placeholder."""
        where, anchor = alias.start_mark, alias.anchor
        if not src.live:
            replay = Replay(self.reader.log, anchor)
            event = replay.get()
            return self.convert(replay, event, EVENT_KINDS[type(event)], loc, where)
        self.values[loc] = where
        if anchor.end < 0:
            self.report(True, where, _RECURSIVE, loc)
            return None
        self.expanded += anchor.size
        if self.reader.count + self.expanded > self.max_nodes:
            problem = too_many(self.source.path, self.max_nodes, aliased=True)
            raise _RefuseError(problem)
        self.pending.append((into, slot, anchor, loc, where, frozenset(self.open)))
        return None

    def expand_aliases(self) -> None:
        """Fill in each alias's placeholder, once the whole text is read."""
        self.live = False
        for into, slot, anchor, loc, where, opened in self.pending:
            self.open = set(opened)
            replay = Replay(self.reader.log, anchor)
            event = replay.get()
            kind = EVENT_KINDS[type(event)]
            into[slot] = self.convert(replay, event, kind, loc, where)

    def skip(self, src: _Source, kind: int) -> None:
        """Read past the rest of a node whose first event was of ``kind``."""
        depth = 1 if kind in (MAPPING, SEQUENCE) else 0
        while depth:
            kind = EVENT_KINDS[type(src.get())]
            if kind == END:
                depth -= 1
            elif kind in (MAPPING, SEQUENCE):
                depth += 1

    def settled(self, text: str) -> Any:
        """A plain scalar's value when nothing about it is left to report.

        A text read before has its value already; one longer than any YAML
        1.1 boolean word, printable, and whose first character no resolver
        rule looks at, is a string by every rule. Anything else is
        ``_UNKNOWN``: the full reading decides it.
        """
        value = self.plain_values.get(text, _UNKNOWN)
        if (
            value is _UNKNOWN
            and len(text) > _LONGEST_BOOL_WORD
            and not self.rules.get(text[:1], self.rules[None])
            and text.isprintable()
        ):
            return text
        return value

    def skip_node(self, src: _Source) -> None:
        self.skip(src, EVENT_KINDS[type(src.get())])

    def mapping(
        self, src: _Source, loc: Loc, first: bool, *, flow: bool
    ) -> dict[str, Any]:
        out: dict[str, Any] = {}
        get, keys, values = src.get, self.keys, self.values
        plain_keys, settled, live = self.plain_keys, self.settled, src.live
        empty: Loc | None = None  # an empty value's place, waiting for a mark
        while True:
            event = get()
            kind = EVENT_KINDS[type(event)]
            where = event.start_mark
            if empty is not None:
                values[empty] = where
                empty = None
            key_event = event
            if (
                kind == SCALAR
                and event.tag is None
                and not event.style
                and event.value in plain_keys
            ):
                key = event.value
            elif kind == END:
                return out
            else:
                key = self.any_key(src, event, loc, first)
            if key is not None and key in out:
                line = keys[(*loc, key)].line + 1
                text = f"duplicate key {key!r} (first defined at line {line})"
                self.report(first, where, text, (*loc, key))
                key = None
            if key is None:
                self.skip_node(src)
                continue
            at = (*loc, key)
            keys[at] = where
            event = get()
            kind = EVENT_KINDS[type(event)]
            if kind == SCALAR and event.tag is None and not event.style and live:
                # A plain scalar read before, or a string by every rule, has no
                # problem to report: its value needs no more reading.
                value = settled(event.value)
                if value is not _UNKNOWN:
                    values[at] = event.start_mark
                    out[key] = value
                    continue
            elif kind == ALIAS:
                out[key] = self.alias(src, event, at, out, key)
                continue
            out[key] = self.convert(src, event, kind, at, event.start_mark)
            if kind == SCALAR and event.value == "" and self.source.moves_empty_values:
                empty = self.empty_value(event, at, key_event, flow=flow)

    def any_key(self, src: _Source, event: Any, loc: Loc, first: bool) -> str | None:
        """The key ``event`` starts, or ``None`` when it cannot be one.

        A key written through an alias is the aliased node; a mapping or a
        list is refused as a key, and read past.
        """
        where = event.start_mark
        kind = EVENT_KINDS[type(event)]
        if kind == ALIAS:
            node = self.reader.log[event.anchor.start]
            kind = EVENT_KINDS[type(node)]
        else:
            node = event
        if kind == SCALAR:
            return self.key(node, loc, where, first)
        text = f"a key must be a word or a string, found {self.describe(node)}"
        self.report(first, where, text, loc)
        if node is event:  # written out, not an alias to it
            self.skip(src, kind)
        return None

    def empty_value(self, event: Any, at: Loc, key: Any, *, flow: bool) -> Loc | None:
        """Put an empty value where ruamel.yaml does, or say it waits for a mark.

        ruamel.yaml puts an empty value just after the ``:`` in a flow
        mapping, and in a block mapping at the next node unless a comment
        follows the ``:``; libyaml, after the ``:`` and at the next ``,``.
        """
        if event.tag is not None or event.anchor is not None or event.style:
            return None
        if not flow:
            return None if self.source.comment_follows(event.start_mark) else at
        if EVENT_KINDS[type(key)] == SCALAR:
            mark = self.source.after_colon(key.end_mark.index, event.start_mark)
            self.values[at] = mark
        return None

    def sequence(self, src: _Source, loc: Loc) -> list[Any]:
        out: list[Any] = []
        get, values, settled, live = src.get, self.values, self.settled, src.live
        while True:
            event = get()
            kind = EVENT_KINDS[type(event)]
            if kind == END:
                return out
            at = (*loc, len(out))
            if kind == SCALAR and event.tag is None and not event.style and live:
                value = settled(event.value)  # as in mapping()
                if value is not _UNKNOWN:
                    values[at] = event.start_mark
                    out.append(value)
                    continue
            elif kind == ALIAS:
                out.append(self.alias(src, event, at, out, len(out)))
                continue
            out.append(self.convert(src, event, kind, at, event.start_mark))

    def key(self, event: Any, loc: Loc, where: Any, first: bool) -> str | None:
        key = _text(event)
        explicit = _explicit(event)
        if not explicit and self.kind_of(event) == "merge":
            text = "merge keys ('<<') are not part of YAML 1.2; write the keys out"
            self.report(first, where, text, (*loc, key))
            return None
        if explicit and event.tag not in _ALLOWED_TAGS:
            spelt = self.source.spell(event, self.handles)
            text = f"tags such as {spelt!r} are not allowed"
            self.report(first, where, text, (*loc, key))
            return None
        clean = first and self.check_word(key, event, (*loc, key), where)
        if clean and event.tag is None and not event.style:
            self.plain_keys.add(key)
        return key

    def scalar(self, event: Any, loc: Loc, where: Any, first: bool) -> Any:
        text = _text(event)
        clean = first and self.check_word(text, event, loc, where)
        kind = self.kind_of(event)
        value: Any = text
        if kind in _CONSTRUCT:
            node = ScalarNode(Tag(suffix=_CORE + kind), text, style=event.style or None)
            try:
                value = _CONSTRUCT[kind](self.constructor, node)
            except (ValueError, KeyError, IndexError, YAMLError):
                self.report(first, where, f"cannot read {text!r} as {kind}", loc)
                return None
        if clean and event.tag is None and not event.style and text:
            # Values are immutable, so a plain scalar met again is not read again.
            self.plain_values[text] = value
        return value

    def check_word(self, word: str, event: Any, loc: Loc, where: Any) -> bool:
        """Report a control character or a YAML 1.1 boolean word; tell if none."""
        clean = True
        if not word.isprintable():
            control = _CONTROL.search(word)
            if control is not None:
                text = (
                    f"control character U+{ord(control.group()):04X} in the text (from"
                    r' an escape such as "\e" or "\x1b"); terminals obey it rather'
                    " than print it: remove it"
                )
                self.report(True, where, text, loc)
                clean = False
        if len(word) <= _LONGEST_BOOL_WORD and not event.style and not _explicit(event):
            meaning = _BOOL_WORDS.get(word.lower())
            if meaning:
                text = (
                    f"{word!r} is a boolean in YAML 1.1 but a string in YAML 1.2, so"
                    f' tools disagree about it; write "{word}" in quotes if you mean'
                    f" the word, or {meaning} if you mean a boolean"
                )
                self.report(True, where, text, loc)
                clean = False
        return clean


class _Document:
    """The one document of a text, read through a builder.

    ``problems`` are the document's own (a YAML version, a second document);
    the builder's are about its parts. ``refusal`` is kept until the text is
    read, since a syntax error found later is reported instead.
    """

    def __init__(self, builder: _Builder) -> None:
        self.builder, self.reader = builder, builder.reader
        self.source = self.reader.source
        self.problems: list[Problem] = []
        self.refusal: Problem | None = None
        self.root: Any = None
        self.data: Any = None
        self.ended = False  # the document ended with "..."

    def read(self) -> None:
        """Read the stream: the document, and the start of any second one."""
        reader, source = self.reader, self.source
        reader.get()  # the start of the stream
        event = reader.get()
        if EVENT_KINDS[type(event)] == STREAM_END:
            return
        version = tuple(event.version) if event.version else None
        if version is not None and version != (1, 2):
            written = ".".join(str(part) for part in version)
            message = f"govsim reads YAML 1.2; remove the '%YAML {written}' directive"
            self.problems.append(
                Problem(self.span(source.document_mark(event)), message)
            )
        self.builder.read_as(version or (1, 2), event.tags)
        root = reader.get()
        kind = EVENT_KINDS[type(root)]
        if kind != SCALAR or self.builder.kind_of(root) != "null":
            self.root = root
            try:
                self.data = self.builder.convert(
                    reader, root, kind, (), root.start_mark
                )
            except _RefuseError as refused:
                self.refusal = refused.problem
                reader.finish_node()
        self.ended = bool(reader.get().explicit)  # the end of the document
        event = reader.get()
        if EVENT_KINDS[type(event)] == DOCUMENT_START:
            where = self.span(source.document_mark(event))
            self.problems.append(Problem(where, _SECOND))

    def span(self, mark: Any) -> Span:
        return self.source.span(mark)

    def result(self, max_nodes: int) -> Built:
        """The data and marks, once the text is read; or every problem found."""
        path, builder = self.source.path, self.builder
        if self.refusal is not None:
            raise DocumentError([self.refusal])
        if self.root is None:
            empty = Problem(Span(path, 1, 1), "the document is empty")
            raise DocumentError([*self.problems, empty])
        if self.reader.count + builder.expanded > max_nodes:
            raise DocumentError([too_many(path, max_nodes, aliased=True)])
        try:
            builder.expand_aliases()
        except StopError as stop:
            raise DocumentError([stop.problem]) from None
        problems = [*self.problems, *builder.problems]
        if EVENT_KINDS[type(self.root)] != MAPPING:
            found = builder.describe(self.root)
            message = f"the document must be a mapping of keys, found {found}"
            problems.append(Problem(Span(path, 1, 1), message))
        if problems:
            raise DocumentError(problems)
        return self.data, builder.keys, builder.values


def build(source: EventSource, max_nodes: int, max_depth: int) -> Built:
    """Read the one document of ``source`` into data and the marks of its parts.

    Raises:
        DocumentError: listing every problem found, each at its position.
        NeedsPythonError: libyaml met text it may read otherwise than
            ruamel.yaml, reading YAML 1.2.
    """
    reader = Reader(source, max_nodes, max_depth)
    document = _Document(_Builder(reader, max_nodes, max_depth))
    try:
        document.read()
    except StopError as stop:
        if reader.quoted is not None and source.tabs_differ([]):
            raise NeedsPythonError from None
        raise DocumentError([stop.problem]) from None
    except source.errors as exc:
        if source.retry_in_python(exc):
            raise NeedsPythonError from None
        problem = source.problem(exc)
        if not (document.ended and source.second_document(exc)):
            raise DocumentError([problem]) from None
        document.problems.append(Problem(problem.span, _SECOND))
    if reader.quoted is not None and source.tabs_differ(reader.quoted):
        raise NeedsPythonError
    return document.result(max_nodes)
