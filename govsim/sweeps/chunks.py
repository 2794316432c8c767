"""A sweep's chunk files: Parquet written so that damage shows when read back.

Each chunk (``runs-00001.parquet``, ...) is written with page checksums and
with the sweep's spec hash in its schema metadata (key ``govsim.spec_hash``),
so a chunk proves which sweep it belongs to even when the manifest is lost.
:func:`read_chunk` reads one back and raises :class:`ChunkDamage`, never a
pyarrow error, when it cannot be used: not Parquet, truncated, a page that
fails its checksum, columns that are not the sweep's, or a ``run`` column
that is not whole numbers. Chunks written before the hash existed read as
before, with no hash. The run ids a chunk holds are written as sorted
inclusive ranges (:func:`ranges`), in the manifest and in messages.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Final

from govsim.extras import need
from govsim.sweeps.targets import Record

__all__ = [
    "CHUNK_GLOB",
    "SPEC_HASH_KEY",
    "ChunkDamage",
    "claimed_ids",
    "claimed_ranges",
    "ranges",
    "read_chunk",
    "span_text",
    "spec_hash_of",
    "tiles",
    "write_chunk",
]

CHUNK_GLOB: Final = "runs-*.parquet"
SPEC_HASH_KEY: Final = b"govsim.spec_hash"
_SPANS_SHOWN: Final = 4


class ChunkDamage(Exception):  # noqa: N818 - a finding about a file, not a failure
    """Why a chunk file cannot be used, in words for a note or a message."""


def span_text(spans: Sequence[Sequence[int]]) -> str:
    """Run id ranges as text: ``0-3, 8, 10-11``, the first few of many."""
    parts = [f"{a}" if a == b else f"{a}-{b}" for a, b in spans[:_SPANS_SHOWN]]
    more = len(spans) - _SPANS_SHOWN
    return ", ".join(parts) + (f" and {more} more ranges" if more > 0 else "")


def ranges(ids: Iterable[int]) -> list[list[int]]:
    """Run ids as sorted inclusive ranges: [[0, 99], [120, 120]]."""
    out: list[list[int]] = []
    for i in sorted(ids):
        if out and out[-1][1] == i - 1:
            out[-1][1] = i
        else:
            out.append([i, i])
    return out


def claimed_ids(chunk: dict[str, Any]) -> list[int]:
    """The run ids a (checked) manifest says one chunk holds."""
    return [i for low, high in chunk["runs"] for i in range(low, high + 1)]


def claimed_ranges(chunk: dict[str, Any]) -> list[list[int]]:
    """A (checked) chunk's claim as :func:`ranges` gives it: sorted and merged.

    So a claim compares with the ids found without listing every id.
    """
    out: list[list[int]] = []
    for low, high in sorted(chunk["runs"]):
        if out and out[-1][1] >= low - 1:
            out[-1][1] = max(out[-1][1], high)
        else:
            out.append([low, high])
    return out


def tiles(chunks: Iterable[dict[str, Any]], total: int) -> bool:
    """Whether chunks' claims name every run id from 0 to ``total - 1`` once.

    Compared as ranges, so a sweep of millions of runs needs no set of ids.
    """
    reach = 0  # the next run id the claims must name
    for low, high in sorted(span for chunk in chunks for span in chunk["runs"]):
        if low != reach:
            return False
        reach = high + 1
    return reach == total


def _column(pa: Any, values: list[Any]) -> Any:
    try:
        return pa.array(values)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError):
        # A measure that mixes kinds of value is kept as text rather than lost.
        return pa.array([None if v is None else str(v) for v in values])


def write_chunk(
    path: Path, rows: list[Record], columns: Sequence[str], digest: str
) -> None:
    """Write rows as one chunk file: a temporary file, then a rename."""
    pa = need("pyarrow", "sweep", "writing a sweep's results")
    pq = need("pyarrow.parquet", "sweep", "writing a sweep's results")
    table = pa.table({c: _column(pa, [r.get(c) for r in rows]) for c in columns})
    table = table.replace_schema_metadata({SPEC_HASH_KEY: digest.encode()})
    temp = path.with_name(path.name + ".tmp")
    pq.write_table(table, temp, write_page_checksum=True)
    os.replace(temp, path)


def _hash(schema: Any) -> str | None:
    value = (schema.metadata or {}).get(SPEC_HASH_KEY)
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else None


def spec_hash_of(path: Path) -> str | None:
    """The spec hash a chunk carries, or ``None`` (none, or unreadable)."""
    pa = need("pyarrow", "sweep", "reading a sweep's results")
    pq = need("pyarrow.parquet", "sweep", "reading a sweep's results")
    try:
        return _hash(pq.read_schema(path))
    except (OSError, ValueError, pa.ArrowException):
        return None


def read_chunk(
    path: Path, columns: Sequence[str], wanted: Sequence[str] | None = None
) -> tuple[Any, str | None]:
    """A chunk's rows (``wanted`` columns and ``run``, or all) and its spec hash.

    Args:
        path: the chunk file.
        columns: the columns the sweep writes, which the file must have.
        wanted: the columns to read (``run`` is always read); default all.

    Raises:
        ChunkDamage: the file cannot be used, and why.
    """
    pa = need("pyarrow", "sweep", "reading a sweep's results")
    pq = need("pyarrow.parquet", "sweep", "reading a sweep's results")
    read = None if wanted is None else list(dict.fromkeys(["run", *wanted]))
    try:
        with pq.ParquetFile(path, page_checksum_verification=True) as file:
            schema = file.schema_arrow
            if list(schema.names) != list(columns):
                raise ChunkDamage("its columns are not the sweep's")
            table = file.read(columns=read)
    except FileNotFoundError:
        raise ChunkDamage("it is missing") from None
    except (OSError, ValueError, pa.ArrowException) as exc:
        raise ChunkDamage(f"it cannot be read ({exc})") from None
    run = table.column("run")
    if not pa.types.is_integer(run.type) or run.null_count:
        raise ChunkDamage("its run column is not whole numbers")
    return table, _hash(schema)
