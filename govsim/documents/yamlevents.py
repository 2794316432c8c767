"""Read YAML text as a stream of parser events, with libyaml's C parser if it is there.

A large document must be read in seconds: PyYAML's binding to libyaml, the C
parser, reads one twenty to thirty times faster than ruamel.yaml's pure-Python
parser. Both emit the same kinds of events (a scalar, the start of a mapping
or a list, an end, an alias, a document's start and end) with the same
attributes and 0-based marks, so :mod:`govsim.documents.yamlbuild` reads
either. :func:`libyaml_events` and :func:`python_events` open a text, and
each source turns its library's errors into positioned problems.

ruamel.yaml, reading YAML 1.2, is the reference: libyaml reads YAML 1.1 and
differs from it in a few corners, so a text that reaches one of them is read
by ruamel.yaml instead (:func:`needs_python` before, and the source's
``*_differ`` and :meth:`EventSource.retry_in_python` checks while reading),
as is every text when PyYAML was built without libyaml. A YAML syntax error
is described in libyaml's words, at the place ruamel.yaml gives but in rare
cases.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Final

import yaml as pyyaml
from ruamel import yaml as ryaml
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from govsim.errors import Problem, Span

CParser: type[pyyaml.CBaseLoader] | None = (
    pyyaml.CBaseLoader if pyyaml.__with_libyaml__ else None
)
"""libyaml's C parser (PyYAML's loader that builds nothing), or ``None``.

``None`` where PyYAML was built without libyaml: then every text is read by
ruamel.yaml.
"""

__all__ = [
    "ALIAS",
    "DOCUMENT_START",
    "END",
    "KINDS",
    "MAPPING",
    "SCALAR",
    "SEQUENCE",
    "STREAM_END",
    "EventSource",
    "Mark",
    "libyaml_events",
    "needs_python",
    "python_events",
]

SCALAR, MAPPING, SEQUENCE, ALIAS, END, DOCUMENT_START, DOCUMENT_END = range(7)
STREAM_START, STREAM_END = 7, 8

_EVENT_KINDS: Final = {
    "ScalarEvent": SCALAR,
    "MappingStartEvent": MAPPING,
    "SequenceStartEvent": SEQUENCE,
    "AliasEvent": ALIAS,
    "MappingEndEvent": END,
    "SequenceEndEvent": END,
    "DocumentStartEvent": DOCUMENT_START,
    "DocumentEndEvent": DOCUMENT_END,
    "StreamStartEvent": STREAM_START,
    "StreamEndEvent": STREAM_END,
}
KINDS: Final[dict[type, int]] = {
    getattr(module, name): kind
    for module in (ryaml.events, pyyaml.events)
    for name, kind in _EVENT_KINDS.items()
}
"""The kind of each event class of either library: one dict lookup per event."""

_CORE: Final = "tag:yaml.org,2002:"


class Mark:
    """A position as the parsers give it: 0-based line and column."""

    __slots__ = ("column", "line")

    def __init__(self, line: int, column: int) -> None:
        self.line, self.column = line, column


_PYTHON_ONLY: Final = re.compile("[\x85\u2028\u2029\ufeff]|\r(?!\n)")
"""Characters libyaml reads by YAML 1.1 and ruamel.yaml by YAML 1.2.

libyaml takes next line (U+0085) and the line and paragraph separators for
line breaks, and skips a byte order mark at the start of any line; in YAML
1.2 they are ordinary characters. A byte order mark at the very start is
skipped by both. A carriage return alone ends a line for both, but the
places worked out from the text here count lines by line feeds.
"""


def needs_python(text: str) -> bool:
    """Tell whether ``text`` must be read by ruamel.yaml to be read as YAML 1.2."""
    return CParser is None or _PYTHON_ONLY.search(text, 1) is not None


class EventSource:
    """Events of one text, and what the builder needs to know of their library.

    Attributes:
        get: the next event; raises one of ``errors`` on a syntax error.
        errors: the exceptions ``get`` raises for a text that is not YAML.
    """

    get: Callable[[], Any]
    errors: tuple[type[BaseException], ...]

    def __init__(self, text: str, path: str) -> None:
        self.text, self.path = text, path

    def document_mark(self, event: Any) -> Mark:
        """Where a document starts: its ``---`` when it has one, as ruamel says."""
        return Mark(event.start_mark.line, event.start_mark.column)

    def spell(self, event: Any, handles: dict[str, str] | None) -> str:
        """A tag as its document wrote it, e.g. ``!!python/object``."""
        raise NotImplementedError

    moves_empty_values = False
    """Whether an empty mapping value must be moved where ruamel.yaml puts it."""

    def after_colon(self, key_end: int, mark: Any) -> Any:
        """Where ruamel.yaml puts an empty value written ``key: ,`` in a flow mapping.

        That is just after the ``:``; libyaml puts it at the ``,``.
        """
        return mark

    def comment_follows(self, mark: Any) -> bool:
        """Tell whether a comment ends the line of ``mark``."""
        return False

    def anchor_differs(self, index: int, name: str) -> bool:
        """Tell whether ruamel.yaml reads on past the anchor or alias name at ``index``."""
        return False

    def start_at_anchor(self, event: Any, anchor: int) -> None:
        """Start a node written ``!!str &a x`` at its anchor, as ruamel.yaml does."""

    def tabs_differ(self, quoted: list[tuple[int, int]]) -> bool:
        """Tell whether ruamel.yaml may read a tab outside the ``quoted`` spans otherwise."""
        return False

    def problem(self, exc: BaseException) -> Problem:
        """The positioned problem an error of ``get`` stands for."""
        raise NotImplementedError

    def retry_in_python(self, exc: BaseException) -> bool:
        """Tell whether the error is one ruamel.yaml, reading YAML 1.2, may not make."""
        return False

    def second_document(self, exc: BaseException) -> bool:
        """Tell whether an error just after a document's ``...`` starts a second one."""
        return False

    def span(self, mark: Any) -> Span:
        """The span of a 0-based mark."""
        return Span(self.path, mark.line + 1, mark.column + 1)


class _Libyaml(EventSource):
    moves_empty_values = True

    def __init__(self, text: str, path: str) -> None:
        super().__init__(text, path)
        self.get = pyyaml.CBaseLoader(text).get_event
        self.errors = (pyyaml.YAMLError,)

    def after_colon(self, key_end: int, mark: Any) -> Any:
        text = self.text
        colon = text.rfind(":", key_end, mark.index) + 1
        if not colon:
            return mark
        breaks = text.count("\n", colon, mark.index)
        if not breaks:
            return Mark(mark.line, mark.column - (mark.index - colon))
        return Mark(mark.line - breaks, colon - text.rfind("\n", 0, colon) - 1)

    def comment_follows(self, mark: Any) -> bool:
        end = self.text.find("\n", mark.index)
        rest = self.text[mark.index : end if end >= 0 else None]
        return rest.lstrip(" \t").startswith("#")

    def anchor_differs(self, index: int, name: str) -> bool:
        # libyaml ends a name at the first character other than a letter, a
        # digit, "-" or "_"; ruamel.yaml reads on through these.
        return self.text[index + 1 + len(name) : index + 2 + len(name)] in _NAME_GOES_ON

    def start_at_anchor(self, event: Any, anchor: int) -> None:
        mark, text = event.start_mark, self.text
        if anchor > mark.index:
            breaks = text.count("\n", mark.index, anchor)
            column = anchor - text.rfind("\n", 0, anchor) - 1
            event.start_mark = Mark(mark.line + breaks, column)

    def tabs_differ(self, quoted: list[tuple[int, int]]) -> bool:
        # ruamel.yaml refuses a tab between tokens, where libyaml takes it
        # for a space; inside quotes and block text both keep it.
        tabs = [match.start() for match in re.finditer("\t", self.text)]
        if not tabs:
            return False
        quoted.sort()
        at = 0
        for tab in tabs:
            while at < len(quoted) and quoted[at][1] <= tab:
                at += 1
            if at == len(quoted) or not quoted[at][0] < tab:
                return True
        return False

    def document_mark(self, event: Any) -> Mark:
        mark = event.start_mark
        if event.explicit:
            # libyaml starts an explicit document at its first directive;
            # ruamel at its "---", which ends where the event ends.
            end = event.end_mark
            return Mark(end.line, end.column - len("---"))
        return Mark(mark.line, mark.column)

    def spell(self, event: Any, handles: dict[str, str] | None) -> str:
        tag = str(event.tag)
        text, at = self.text, event.start_mark.index
        anchor = _ANCHOR.match(text, at)  # an anchor written before the tag
        if anchor:
            at = anchor.end()
        if text.startswith("!<", at):
            return f"!<{tag}>"
        known = {"!!": _CORE, "!": "!"} | (handles or {})
        for handle in sorted(known, key=len, reverse=True):
            if text.startswith(handle, at) and tag.startswith(known[handle]):
                return handle + tag[len(known[handle]) :]
        return f"!<{tag}>"

    def problem(self, exc: BaseException) -> Problem:
        if not isinstance(exc, pyyaml.MarkedYAMLError):
            return Problem(Span(self.path, 1, 1), "this is not valid YAML")
        mark = exc.problem_mark or exc.context_mark
        span = self.span(mark) if mark is not None else Span(self.path, 1, 1)
        text = str(exc.problem or exc.context or "this is not valid YAML")
        if text == "found character that cannot start any token" and mark:
            char = self.text[mark.index : mark.index + 1]
            text = f"found character {char!r} that cannot start any token"
        elif text == "found incompatible YAML document" and mark:
            written = _VERSION.match(self.text, mark.index)
            version = written.group(1) if written else "?"
            text = f"govsim reads YAML 1.2; remove the '%YAML {version}' directive"
        return Problem(span, _RUAMEL_WORDS.get(text, text))

    def second_document(self, exc: BaseException) -> bool:
        # libyaml wants "---" before a second document; ruamel.yaml reads
        # one after "..." without it.
        return getattr(exc, "problem", None) == "did not find expected <document start>"

    def retry_in_python(self, exc: BaseException) -> bool:
        context = getattr(exc, "context", None)
        stricter = (context, getattr(exc, "problem", None)) in _STRICTER
        return stricter or "\t" in self.text


_NAME_GOES_ON: Final = frozenset("?:%@`")
_ANCHOR: Final = re.compile(r"&\S*\s*")
_VERSION: Final = re.compile(r"%YAML[ \t]+(\S+)")
_RUAMEL_WORDS: Final = {
    "mapping values are not allowed in this context": (
        "mapping values are not allowed here"
    ),
    "mapping keys are not allowed in this context": "mapping keys are not allowed here",
    "block sequence entries are not allowed in this context": (
        "sequence entries are not allowed here"
    ),
}
"""libyaml's words for a mistake where ruamel.yaml's read better or are known."""

_STRICTER: Final = frozenset(
    {
        (
            "while scanning an anchor",
            "did not find expected alphabetic or numeric character",
        ),
        (
            "while scanning an alias",
            "did not find expected alphabetic or numeric character",
        ),
        ("while scanning a plain scalar", "found unexpected ':'"),
    }
)
"""libyaml errors on text that YAML 1.2 allows: anchor names beyond letters,
digits, ``-`` and ``_`` (YAML 1.2 takes any character but spaces and
brackets), and a ``:`` ending a plain scalar in a flow collection."""


class _Ruamel(EventSource):
    def __init__(self, text: str, path: str) -> None:
        super().__init__(text, path)
        reader = ryaml.YAML(typ="rt")
        reader.version = (1, 2)
        self.get = reader.parse(text).__next__
        self.errors = (YAMLError, AssertionError)

    def spell(self, event: Any, handles: dict[str, str] | None) -> str:
        tag = event.ctag
        return f"{tag.handle}{tag.suffix}" if tag.handle else f"!<{tag.suffix}>"

    def problem(self, exc: BaseException) -> Problem:
        if isinstance(exc, AssertionError):
            # ruamel.yaml asserts on a %YAML directive other than 1.1 or 1.2.
            written = _VERSION.search(self.text)
            if written is None:
                raise exc
            line = self.text.count("\n", 0, written.start()) + 1
            version = written.group(1)
            text = f"govsim reads YAML 1.2; remove the '%YAML {version}' directive"
            return Problem(Span(self.path, line, 1), text)
        if isinstance(exc, MarkedYAMLError):
            mark = exc.problem_mark or exc.context_mark
            span = self.span(mark) if mark is not None else Span(self.path, 1, 1)
            return Problem(span, str(exc.problem or exc.context or "not valid YAML"))
        first = str(exc).splitlines()[0] if str(exc) else "this is not valid YAML"
        return Problem(Span(self.path, 1, 1), first)


def libyaml_events(text: str, path: str) -> EventSource:
    """The events of ``text`` from libyaml (check :func:`needs_python` first)."""
    return _Libyaml(text, path)


def python_events(text: str, path: str) -> EventSource:
    """The events of ``text`` from ruamel.yaml's pure-Python parser, as YAML 1.2."""
    return _Ruamel(text, path)
