"""Where a sweep's rows go: Parquet chunks and a manifest, safe to resume.

Rows are buffered and written in chunks (``runs-00001.parquet``, ...). After
each chunk, ``manifest.json`` is rewritten atomically (a temporary file, then
``os.replace``) to list the chunk and the run ids it holds, so at any moment
the manifest names exactly the runs that are safely on disk. A sweep killed
between writing a chunk and listing it leaves a file the manifest does not
name; resuming deletes it and runs those runs again, so every run ends up
present exactly once.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Final

from govsim.__about__ import __version__
from govsim.errors import UsageError
from govsim.sweeps.extras import need
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

MANIFEST: Final = "manifest.json"
CHUNK_ROWS: Final = 1000
"""Rows per chunk file by default."""
FLUSH_SECONDS: Final = 30.0
"""A chunk is written at least this often while runs finish, whatever its size."""
_FORMAT: Final = 1
_CHUNK_GLOB: Final = "runs-*.parquet"


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _ranges(ids: Iterable[int]) -> list[list[int]]:
    """Run ids as sorted inclusive ranges: [[0, 99], [120, 120]]."""
    out: list[list[int]] = []
    for i in sorted(ids):
        if out and out[-1][1] == i - 1:
            out[-1][1] = i
        else:
            out.append([i, i])
    return out


def _ids(ranges: list[list[int]]) -> list[int]:
    return [i for low, high in ranges for i in range(low, high + 1)]


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest of a sweep folder.

    Raises:
        UsageError: the folder holds no readable manifest.
    """
    path = folder / MANIFEST
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(f"no readable sweep manifest {path}: {exc}") from None
    return data


def check_folder(folder: Path, plan: Plan, *, resume: bool) -> dict[str, Any] | None:
    """Whether a sweep may write into ``folder``: its manifest if it resumes one.

    Returns:
        The manifest of the sweep to take up, or ``None`` to start afresh
        (the folder is absent or empty).

    Raises:
        UsageError: a folder in use without ``resume``; a folder to resume
            that holds no sweep, or one made from a different spec.
    """
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"--out {folder} is a file, not a folder")
    if not (folder.is_dir() and any(folder.iterdir())):
        return None
    if not resume:
        raise UsageError(
            f"{folder} already holds results: pass --resume to complete "
            "that sweep, or choose another --out"
        )
    manifest = read_manifest(folder)
    if manifest.get("spec_hash") != plan.digest:
        raise UsageError(
            f"cannot resume {folder}: the spec has changed since that sweep "
            "started (runs, seed, books, grid, measures or target); run it "
            "into another --out"
        )
    return manifest


def _write_json(path: Path, data: dict[str, Any]) -> None:
    temp = path.with_name(path.name + ".tmp")
    temp.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    os.replace(temp, path)


def _column(pa: Any, values: list[Any]) -> Any:
    try:
        return pa.array(values)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError):
        # A measure that mixes kinds of value is kept as text rather than lost.
        return pa.array([None if v is None else str(v) for v in values])


class RunStore:
    """The rows of one sweep on disk, with the manifest naming what is there."""

    def __init__(
        self, folder: Path, manifest: dict[str, Any], chunk_rows: int = CHUNK_ROWS
    ) -> None:
        self.folder = folder
        self.manifest = manifest
        self.chunk_rows = max(1, chunk_rows)
        self.columns: tuple[str, ...] = tuple(manifest["columns"])
        self._rows: list[Record] = []
        self._last = time.monotonic()
        self._pa = need("pyarrow", "sweep", "writing a sweep's results")
        self._pq = need("pyarrow.parquet", "sweep", "writing a sweep's results")

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
        """Start a sweep folder, or take up the one a sweep left.

        Raises:
            UsageError: a folder in use without ``resume``; a folder to resume
                that holds no sweep, or one made from a different spec.
        """
        manifest = check_folder(folder, plan, resume=resume)
        if manifest is not None:
            store = cls(folder, manifest, chunk_rows)
            store._drop_orphans()
            manifest.setdefault("resumed", []).append(_now())
            manifest["finished"] = None
        else:
            folder.mkdir(parents=True, exist_ok=True)
            store = cls(folder, _new_manifest(plan, spec), chunk_rows)
        store._save()
        return store

    def done(self) -> set[int]:
        """Ids of the runs already on disk."""
        return {i for chunk in self.manifest["chunks"] for i in _ids(chunk["runs"])}

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
        number = 1 + max((int(c["file"][5:10]) for c in chunks), default=0)
        name = f"runs-{number:05d}.parquet"
        table = self._pa.table(
            {c: _column(self._pa, [r.get(c) for r in self._rows]) for c in self.columns}
        )
        temp = self.folder / (name + ".tmp")
        self._pq.write_table(table, temp)
        os.replace(temp, self.folder / name)
        ids = [int(r["run"]) for r in self._rows]  # type: ignore[arg-type]
        chunks.append({"file": name, "rows": len(ids), "runs": _ranges(ids)})
        self._rows = []
        self._save()

    def close(self) -> None:
        """Write what is buffered; mark the sweep finished if every run is in."""
        self.flush()
        if len(self.done()) == self.manifest["total_runs"]:
            self.manifest["finished"] = _now()
            self._save()

    def _save(self) -> None:
        _write_json(self.folder / MANIFEST, self.manifest)

    def _drop_orphans(self) -> None:
        listed = {c["file"] for c in self.manifest["chunks"]}
        for path in [*self.folder.glob(_CHUNK_GLOB), *self.folder.glob("*.tmp")]:
            if path.name not in listed:
                path.unlink()


def _new_manifest(plan: Plan, spec: Path) -> dict[str, Any]:
    return {
        "format": _FORMAT,
        "sweep": plan.sweep,
        "spec": str(spec.resolve()),
        "spec_hash": plan.digest,
        "govsim_version": __version__,
        "target": {"kind": plan.kind, "path": str(plan.target)},
        "rulebooks": [book.id for book in plan.books],
        "grid": {"fixed": plan.fixed, "points": list(plan.points)},
        "parameters": list(plan.parameters),
        "measures": list(plan.measures),
        "columns": list(plan.columns),
        "runs_per_point": plan.replicates,
        "seed": plan.seed,
        "total_runs": plan.total,
        "chunks": [],
        "started": _now(),
        "resumed": [],
        "finished": None,
    }


def read_rows(
    folder: Path, manifest: dict[str, Any], columns: list[str] | None = None
) -> Any:
    """Every row the manifest lists, as one pyarrow Table sorted by run id.

    Chunks are joined with permissive type promotion: a measure that is empty
    (null) in one chunk and numeric in another comes out numeric.
    """
    pa = need("pyarrow", "sweep", "reading a sweep's results")
    pq = need("pyarrow.parquet", "sweep", "reading a sweep's results")
    wanted = columns or list(manifest["columns"])
    tables = [
        pq.read_table(folder / chunk["file"], columns=wanted)
        for chunk in manifest["chunks"]
    ]
    if not tables:
        return pa.table({c: pa.array([]) for c in wanted})
    table = pa.concat_tables(tables, promote_options="permissive")
    return table.sort_by("run") if "run" in wanted else table
