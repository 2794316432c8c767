"""The events of one YAML text, checked as they are read, with anchors kept.

What a composer does besides building nodes, done on the event stream so
that no node graph is built: count the nodes against the limit (stopping a
huge file early), bound the nesting, resolve each alias to the anchor it
names, and keep the events of anchored nodes so that an alias can read them
again (:class:`Replay`), knowing how many nodes each expands to.
"""

from __future__ import annotations

from typing import Any, Final

from govsim.documents.yamlevents import (
    ALIAS,
    END,
    KINDS,
    SCALAR,
    SEQUENCE,
    EventSource,
)
from govsim.errors import Problem, Span

__all__ = [
    "EVENT_KINDS",
    "Alias",
    "Anchor",
    "NeedsPythonError",
    "Reader",
    "Replay",
    "StopError",
    "nests",
    "too_many",
]


class NeedsPythonError(Exception):
    """libyaml met text that only ruamel.yaml reads as YAML 1.2 does."""


class StopError(Exception):
    """Stop reading at once: the document breaks a limit or is not YAML."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem


def too_many(path: str, max_nodes: int, *, aliased: bool) -> Problem:
    """The refusal of a document of more than ``max_nodes`` nodes."""
    how = " through anchors and aliases" if aliased else ""
    text = f"the document expands to more than {max_nodes} nodes{how}"
    text += "; refusing to load it" + (" (an alias bomb?)" if aliased else "")
    return Problem(Span(path, 1, 1), text)


def nests(where: Span, max_depth: int, loc: tuple[str | int, ...] = ()) -> Problem:
    """The refusal of a document nested more than ``max_depth`` deep."""
    return Problem(where, f"the document nests more than {max_depth} levels deep", loc)


class Anchor:
    """An anchored node: where its events lie in the reader's log.

    ``end`` is -1 while the node is being read; ``size`` is the number of
    nodes it expands to, the aliases within it expanded.
    """

    __slots__ = ("end", "size", "start")

    def __init__(self, start: int) -> None:
        self.start, self.end, self.size = start, -1, 0


class Alias:
    """An alias, with the anchor it named where it was read."""

    __slots__ = ("anchor", "start_mark")

    def __init__(self, anchor: Anchor, start_mark: Any) -> None:
        self.anchor, self.start_mark = anchor, start_mark


EVENT_KINDS: Final[dict[type, int]] = {**KINDS, Alias: ALIAS}
"""The kind of every event a reader gives, kept aliases included."""


class Reader:
    """The events of a text, checked as they are read.

    An event is kept in ``log`` while ``recording`` (inside an anchored
    collection) or when it carries an anchor itself; a kept event's identity
    is stable, so a node met again through an alias can be recognised.

    Attributes:
        count: the nodes read so far, aliases not expanded.
        depth: the collections open.
    """

    live = True

    def __init__(self, source: EventSource, max_nodes: int, max_depth: int) -> None:
        self.source, self.next_event = source, source.get
        self.max_nodes, self.max_depth = max_nodes, max_depth
        self.count = self.depth = self.recording = 0
        # With tabs in the text, where quoted and block text lies (see
        # EventSource.tabs_differ).
        self.quoted: list[tuple[int, int]] | None = [] if "\t" in source.text else None
        self.anchors: dict[str, Anchor] = {}
        self.opened: list[tuple[int, Anchor]] = []
        self.log: list[Any] = []
        self.sizes = [0]  # nodes in log[:i], aliases expanded

    def get(self) -> Any:
        """The next event; an alias as an :class:`Alias`."""
        event = self.next_event()
        kind = EVENT_KINDS[type(event)]
        if kind <= SEQUENCE:
            self.count += 1
            if self.count > self.max_nodes or self.depth >= self.max_depth:
                self._refuse(event)
            if kind != SCALAR:
                self.depth += 1
            elif self.quoted is not None and event.style:
                self._quote(self.quoted, event)
            if event.anchor is not None:
                self._anchor(event, kind)
            elif self.recording:
                self._keep(event, 1)
        elif kind == END:
            if self.recording:
                self._close(event)
            self.depth -= 1
        elif kind == ALIAS:
            return self._alias(event)
        return event

    def _refuse(self, event: Any) -> None:
        if self.count > self.max_nodes:
            path = self.source.path
            raise StopError(too_many(path, self.max_nodes, aliased=False))
        raise StopError(nests(self.source.span(event.start_mark), self.max_depth))

    def _keep(self, item: Any, nodes: int) -> None:
        self.log.append(item)
        self.sizes.append(self.sizes[-1] + nodes)

    def _quote(self, quoted: list[tuple[int, int]], scalar: Any) -> None:
        """Note where a quoted or block scalar's text lies."""
        text, start = self.source.text, scalar.start_mark.index
        opening = "\n" if scalar.style in "|>" else scalar.style
        start = text.find(opening, start)
        quoted.append((start, scalar.end_mark.index))

    def _anchor(self, event: Any, kind: int) -> None:
        name = event.anchor
        at = self.source.text.find("&" + name, event.start_mark.index)
        if self.source.anchor_differs(at, name):
            raise NeedsPythonError
        self.source.start_at_anchor(event, at)
        anchor = self.anchors[name] = Anchor(len(self.log))
        self._keep(event, 1)
        if kind == SCALAR:
            anchor.end, anchor.size = len(self.log), 1
        else:
            self.opened.append((self.depth, anchor))
            self.recording += 1

    def _close(self, end: Any) -> None:
        self._keep(end, 0)
        if self.opened and self.opened[-1][0] == self.depth:
            anchor = self.opened.pop()[1]
            anchor.end = len(self.log)
            anchor.size = self.sizes[anchor.end] - self.sizes[anchor.start]
            self.recording -= 1

    def _alias(self, event: Any) -> Alias:
        name = event.anchor
        if self.source.anchor_differs(event.start_mark.index, name):
            raise NeedsPythonError
        if name not in self.anchors:
            where = self.source.span(event.start_mark)
            raise StopError(Problem(where, f"found undefined alias {name!r}"))
        anchor = self.anchors[name]
        alias = Alias(anchor, event.start_mark)
        if self.recording:
            self._keep(alias, anchor.size if anchor.end >= 0 else 1)
        return alias

    def finish_node(self) -> None:
        """Read on to the end of the root node."""
        while self.depth:
            self.get()


class Replay:
    """The kept events of an anchored node, read again for an alias."""

    live = False
    recording = 1

    def __init__(self, log: list[Any], anchor: Anchor) -> None:
        self.get = map(log.__getitem__, range(anchor.start, anchor.end)).__next__
