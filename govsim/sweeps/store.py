"""Where a sweep's rows go: Parquet chunks and a manifest, safe to resume.

Rows are buffered and written in chunks (``runs-00001.parquet``, ...; see
:mod:`~govsim.sweeps.chunks`). After each chunk, ``manifest.json`` is
rewritten atomically (a temporary file, then ``os.replace``) to list the
chunk and the run ids it holds, so at any moment the manifest names exactly
the runs that are safely on disk. Resuming trusts none of it: every chunk is
checked first (:mod:`~govsim.sweeps.audit`), and the folder is marked
finished only when every planned run id is on disk exactly once. Reading
checks every chunk it reads against the manifest's claim for it
(:func:`read_rows`), and refuses damage with the command that repairs it.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any, Final

from govsim.documents.paths import make_folder
from govsim.errors import UsageError
from govsim.extras import need
from govsim.sweeps.audit import check_folder, take_up
from govsim.sweeps.chunks import (
    CHUNK_GLOB,
    ChunkDamage,
    claimed_ids,
    claimed_ranges,
    ranges,
    read_chunk,
    span_text,
    tiles,
    write_chunk,
)
from govsim.sweeps.manifest import (
    MANIFEST,
    check_manifest,
    describe_problems,
    new_manifest,
    now,
    read_manifest,
    repair_hint,
    write_manifest,
)
from govsim.sweeps.plan import Plan
from govsim.sweeps.targets import Record

__all__ = [
    "CHUNK_ROWS",
    "MANIFEST",
    "RunStore",
    "check_folder",
    "read_manifest",
    "read_rows",
]

CHUNK_ROWS: Final = 1000
"""Rows per chunk file by default."""
FLUSH_SECONDS: Final = 30.0
"""A chunk is written at least this often while runs finish, whatever its size."""


def _number(name: str) -> int:
    found = re.fullmatch(r"runs-(\d+)\.parquet", name)
    return int(found.group(1)) if found else 0


class RunStore:
    """The rows of one sweep on disk, with the manifest naming what is there."""

    def __init__(
        self, folder: Path, manifest: dict[str, Any], chunk_rows: int = CHUNK_ROWS
    ) -> None:
        self.folder = folder
        self.manifest = manifest
        self.chunk_rows = max(1, chunk_rows)
        self.columns: tuple[str, ...] = tuple(manifest["columns"])
        self.notes: tuple[str, ...] = ()
        """What resuming found damaged and did about it, one note per file."""
        self._rows: list[Record] = []
        self._last = time.monotonic()

    @classmethod
    def open(
        cls,
        folder: Path,
        plan: Plan,
        spec: Path,
        *,
        resume: bool,
        chunk_rows: int = CHUNK_ROWS,
    ) -> RunStore:
        """Start a sweep folder, or check and take up the one a sweep left.

        Taking one up sets aside damaged files (see
        :func:`~govsim.sweeps.audit.take_up`); :attr:`notes` says which.

        Raises:
            UsageError: a folder in use without ``resume``; with ``resume``,
                a folder that holds no sweep, or one made from another spec.
        """
        need("pyarrow", "sweep", "writing a sweep's results")
        if check_folder(folder, plan, resume=resume):
            manifest, notes = take_up(folder, plan, spec)
            store = cls(folder, manifest, chunk_rows)
            store.notes = tuple(notes)
        else:
            make_folder(folder, "--out")
            store = cls(folder, new_manifest(plan, spec), chunk_rows)
        store._save()
        return store

    def done(self) -> set[int]:
        """Ids of the runs already on disk."""
        return {i for chunk in self.manifest["chunks"] for i in claimed_ids(chunk)}

    def add(self, row: Record) -> None:
        """Buffer a row; write a chunk when enough rows or time have gathered."""
        self._rows.append(row)
        elapsed = time.monotonic() - self._last
        if len(self._rows) >= self.chunk_rows or elapsed >= FLUSH_SECONDS:
            self.flush()

    def flush(self) -> None:
        """Write the buffered rows as a chunk and list it in the manifest."""
        self._last = time.monotonic()
        if not self._rows:
            return
        chunks: list[dict[str, Any]] = self.manifest["chunks"]
        # Past every file there, listed or not, so no chunk is ever overwritten.
        names = [c["file"] for c in chunks]
        names += [p.name for p in self.folder.glob(CHUNK_GLOB)]
        name = f"runs-{1 + max(map(_number, names), default=0):05d}.parquet"
        digest = str(self.manifest["spec_hash"])
        write_chunk(self.folder / name, self._rows, self.columns, digest)
        ids = [int(r["run"]) for r in self._rows]  # type: ignore[arg-type]  # a run number (_row)
        chunks.append({"file": name, "rows": len(ids), "runs": ranges(ids)})
        self._rows = []
        self._save()

    def close(self) -> None:
        """Write what is buffered; mark the sweep finished if every run is in.

        Finished means every planned run id is listed exactly once: as many
        rows as runs, and the chunks' ranges tiling the ids with no gap or
        overlap.
        """
        self.flush()
        chunks: list[dict[str, Any]] = self.manifest["chunks"]
        total = int(self.manifest["total_runs"])
        rows = sum(int(c["rows"]) for c in chunks)
        if rows == total and tiles(chunks, total):
            self.manifest["finished"] = now()
            self._save()

    def _save(self) -> None:
        write_manifest(self.folder, self.manifest)


def read_rows(
    folder: Path, manifest: dict[str, Any], columns: list[str] | None = None
) -> Any:
    """Every row the manifest lists, as one pyarrow Table sorted by run id.

    Each chunk is checked as it is read: readable, the sweep's columns and
    spec hash, and exactly the run ids the manifest lists for it. Chunks are
    joined with permissive type promotion: a measure that is empty (null)
    in one chunk and numeric in another comes out numeric.

    Raises:
        UsageError: a damaged manifest or chunk, each named, with the
            command that repairs the folder.
    """
    pa = need("pyarrow", "sweep", "reading a sweep's results")
    check_manifest(folder, manifest)
    every: list[str] = manifest["columns"]
    wanted = columns or every
    tables, problems = [], []
    for chunk in manifest["chunks"]:
        try:
            table, digest = read_chunk(folder / chunk["file"], every, wanted)
            if digest is not None and digest != manifest["spec_hash"]:
                raise ChunkDamage("it was made by another spec (its spec hash differs)")
            held = ranges(table.column("run").to_pylist())
            if table.num_rows != chunk["rows"] or held != claimed_ranges(chunk):
                raise ChunkDamage(
                    f"it holds {table.num_rows} rows, runs {span_text(held)}, but "
                    f"the manifest lists {span_text(claimed_ranges(chunk))} for it"
                )
        except ChunkDamage as exc:
            problems.append(f"{folder / chunk['file']}: {exc}")
            continue
        tables.append(table.select(wanted))
    if problems:
        text = describe_problems(problems)
        raise UsageError(f"{text}\n{repair_hint(folder, manifest)}")
    if not tables:
        return pa.table({c: pa.array([]) for c in wanted})
    table = pa.concat_tables(tables, promote_options="permissive")
    return table.sort_by("run") if "run" in wanted else table
