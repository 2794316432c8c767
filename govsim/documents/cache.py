"""Documents already read in this process, kept by file name, model and text.

A command or a test session that loads many scenarios reads the same
organisation and rule books again for each of them: parsing and validating
those files took two thirds of loading and replaying every seed scenario in
one process. Each file is still read from disk every time (a few kilobytes,
a small fraction of parsing it), and its text is part of the key, so a file
changed between two loads is parsed afresh and never served stale. Only
documents that validate are kept; a failing one is parsed again on every
load, so its problems are always reported in full.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TypeVar, cast

from pydantic import BaseModel

from govsim.documents import yamlsource
from govsim.documents.validation import validate
from govsim.documents.yamlsource import SourceMap, read_document

__all__ = ["forget_documents", "read_model"]

M = TypeVar("M", bound=BaseModel)

_KEPT = 256
"""How many validated documents are kept; the least recently used go first."""


def read_model(path: str | Path, model: type[M]) -> tuple[M, SourceMap]:
    """The file's document validated as ``model``, with its source map.

    The model must be immutable (govsim's document models are frozen): the
    same instance is handed to every caller that reads the same text.

    Raises:
        DocumentError: the file cannot be read, or its document has problems.
    """
    name = str(path)
    # The cache is keyed by the model, so what it holds for ``model`` is one.
    return cast("tuple[M, SourceMap]", _validated(name, model, read_document(name)))


@functools.lru_cache(maxsize=_KEPT)
def _validated(
    name: str, model: type[BaseModel], text: str
) -> tuple[BaseModel, SourceMap]:
    data, source = yamlsource.parse_yaml(text, name)
    return validate(model, data, source), source


def forget_documents() -> None:
    """Drop every kept document (benchmarks measuring a first load call this)."""
    _validated.cache_clear()
