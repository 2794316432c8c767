"""Read govsim documents and report their mistakes at ``file:line:col``.

A document (an organisation, a rule book, a scenario) is YAML written by hand.
This package reads it in two steps, each collecting every problem before it
raises one :class:`~govsim.errors.DocumentError`:

1. :func:`load_yaml_file` or :func:`parse_yaml` turn YAML 1.2 text into plain
   Python data and a :class:`SourceMap` recording where each key and value sits.
   Syntax errors, duplicate keys, YAML 1.1 boolean words, tags, alias bombs and
   files over :data:`MAX_FILE_BYTES` are refused here.
2. :func:`validate` hands the data to a pydantic model and places each
   validation error in the file through the source map.

Example:
    >>> from pydantic import BaseModel
    >>> class Board(BaseModel):
    ...     seats: int
    >>> data, source = parse_yaml("seats: 7", "board.yaml")
    >>> validate(Board, data, source)
    Board(seats=7)
    >>> source.span(("seats",))
    Span(path='board.yaml', line=1, col=8)
"""

from __future__ import annotations

from govsim.documents.suggest import did_you_mean
from govsim.documents.validation import validate
from govsim.documents.yamlsource import (
    MAX_FILE_BYTES,
    MAX_NODES,
    SourceMap,
    load_yaml_file,
    parse_yaml,
)

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_NODES",
    "SourceMap",
    "did_you_mean",
    "load_yaml_file",
    "parse_yaml",
    "validate",
]
