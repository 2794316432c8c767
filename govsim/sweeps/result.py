"""A finished (or interrupted) sweep: its folder, manifest, summary and rows."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from govsim.errors import UsageError
from govsim.extras import need
from govsim.sweeps.manifest import read_manifest, repair_hint
from govsim.sweeps.store import read_rows
from govsim.sweeps.summary import Summary, summarise

__all__ = ["SweepResult"]

FrameKind = Literal["pandas", "polars"]


@dataclass(frozen=True)
class SweepResult:
    """The results of a sweep, as they are on disk.

    Everything is read from the sweep's folder, so a result can be opened
    again later with :meth:`open`, without running anything.
    """

    path: Path
    """The sweep's folder: ``manifest.json`` and ``runs-*.parquet``."""
    manifest: dict[str, Any]
    repairs: tuple[str, ...] = ()
    """What resuming found damaged and did about it, one note per file
    (empty for a result opened from disk: the manifest's ``repairs`` keeps
    every resume's notes)."""

    @classmethod
    def open(cls, path: str | Path) -> SweepResult:
        """The results in a sweep folder.

        The manifest is checked here and each chunk when it is read, so
        damage is a :class:`~govsim.errors.UsageError` naming the file and
        the command that repairs the folder, never a traceback.

        Raises:
            UsageError: no manifest, a damaged one, or a listed chunk missing.
        """
        folder = Path(path)
        manifest = read_manifest(folder)
        missing = [
            f"{folder / c['file']}: it is missing"
            for c in manifest["chunks"]
            if not (folder / c["file"]).is_file()
        ]
        if missing:
            text = "\n".join(missing)
            raise UsageError(f"{text}\n{repair_hint(folder, manifest)}")
        return cls(folder, manifest)

    @property
    def complete(self) -> bool:
        """Whether every run of the plan is on disk."""
        return self.manifest.get("finished") is not None

    def summary(self) -> Summary:
        """Medians and intervals per rule book and grid point, and failed runs."""
        return summarise(self.path, self.manifest)

    def table(self) -> Any:
        """Every run as a pyarrow Table, one row per run, sorted by run id."""
        return read_rows(self.path, self.manifest)

    def to_frame(self, kind: FrameKind = "pandas") -> Any:
        """Every run as a data frame: one row per run, one column per field.

        Args:
            kind: ``pandas`` or ``polars``; the library is imported here and
                a missing one is named with the extra that installs it.
        """
        if kind == "pandas":
            need("pandas", "pandas", "to_frame(kind='pandas')")
            return self.table().to_pandas()
        if kind == "polars":
            polars = need("polars", "polars", "to_frame(kind='polars')")
            return polars.from_arrow(self.table())
        raise UsageError(f"to_frame makes 'pandas' or 'polars' frames, not {kind!r}")
