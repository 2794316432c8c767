"""What a sweep found, per rule book and grid point: medians and intervals.

For each numeric measure the summary gives the median and the interval from
the 2.5th to the 97.5th percentile of the runs (numpy's default linear
interpolation): where 95% of runs fell, not a confidence interval of the
median. A yes/no measure gives the share of runs where it was true. Failed
runs are counted and left out of the figures.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Final

from govsim.extras import need
from govsim.sweeps.manifest import check_manifest
from govsim.sweeps.store import read_rows

__all__ = [
    "INTERVAL",
    "Group",
    "MeasureSummary",
    "Summary",
    "describe",
    "figure_text",
    "summarise",
]

LOW, HIGH = 2.5, 97.5
INTERVAL: Final = f"{LOW}-{HIGH} percentiles of the runs (linear interpolation)"


@dataclass(frozen=True)
class MeasureSummary:
    """One measure over the finished runs of one group."""

    runs: int
    """Runs with a value for the measure."""
    median: float | None = None
    low: float | None = None
    high: float | None = None
    share: float | None = None
    """For a yes/no measure: the fraction of runs where it was true."""


@dataclass(frozen=True)
class Group:
    """The runs of one rule book at one grid point."""

    rulebook: str
    point: int
    parameters: dict[str, Any]
    runs: int
    failed: int
    measures: dict[str, MeasureSummary] = field(default_factory=dict)


@dataclass(frozen=True)
class Summary:
    """A sweep's summary: one group per rule book and grid point, in plan order."""

    sweep: str
    path: str
    runs: int
    failed: int
    total: int
    """Runs in the plan (more than ``runs`` while a sweep is incomplete)."""
    groups: tuple[Group, ...]
    interval: str = INTERVAL

    def to_dict(self) -> dict[str, Any]:
        """The summary as JSON-ready data."""
        return asdict(self)

    def to_json(self) -> str:
        """The summary as a JSON text."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)


def figure_text(value: float | None) -> str:
    """A summary's figure as text: ``1,234``, ``0.567``, or ``-`` for none.

    Whole values get thousands separators, others three significant digits.
    ``govsim sweep`` prints its table with this and the sweep report shows
    its table with it, so the two never disagree on a figure.
    """
    if value is None:
        return "-"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.3g}"


def describe(values: list[Any]) -> MeasureSummary:
    """One measure over some runs: its median and interval, or a yes/no share.

    ``None`` values (a measure a run did not reach) are left out. Reports use
    this too, so every figure they show agrees with ``govsim sweep``'s.
    """
    np = need("numpy", "sweep", "summarising a sweep")
    present = [v for v in values if v is not None]
    if not present:
        return MeasureSummary(runs=0)
    if all(isinstance(v, bool) for v in present):
        return MeasureSummary(runs=len(present), share=sum(present) / len(present))
    data = np.asarray(present, dtype=float)
    low, median, high = np.percentile(data, [LOW, 50, HIGH])
    return MeasureSummary(len(present), float(median), float(low), float(high))


def summarise(folder: Path, manifest: dict[str, Any]) -> Summary:
    """Summarise the rows a sweep folder holds, grouped by book and grid point.

    Only numeric and yes/no measures are summarised, as their column's type
    tells (a measure no run has given a value is listed without figures);
    text measures are left to the frame (:meth:`SweepResult.to_frame`).

    Raises:
        UsageError: a damaged manifest or chunk, named, with the command that
            repairs the folder.
    """
    pa = need("pyarrow", "sweep", "summarising a sweep")
    check_manifest(folder, manifest)
    table = read_rows(
        folder, manifest, ["rulebook", "point", "status", *manifest["measures"]]
    )
    # A null column (no run gave a value yet) is listed, without figures.
    types = pa.types
    numeric = (types.is_integer, types.is_floating, types.is_boolean, types.is_null)
    measures = [
        name
        for name in manifest["measures"]
        if any(test(table.schema.field(name).type) for test in numeric)
    ]
    rows: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for row in table.to_pylist():
        rows.setdefault((row["rulebook"], row["point"]), []).append(row)
    points: list[dict[str, Any]] = manifest["grid"]["points"]
    fixed: dict[str, Any] = manifest["grid"]["fixed"]
    groups = []
    for book in manifest["rulebooks"]:
        for p, point in enumerate(points):
            group = rows.get((book, p), [])
            ok = [r for r in group if r["status"] == "ok"]
            summaries = {}
            for name in measures:
                summaries[name] = describe([r[name] for r in ok])
            groups.append(
                Group(
                    book, p, fixed | point, len(group), len(group) - len(ok), summaries
                )
            )
    return Summary(
        sweep=manifest["sweep"],
        path=str(folder),
        runs=table.num_rows,
        failed=sum(g.failed for g in groups),
        total=int(manifest["total_runs"]),
        groups=tuple(groups),
    )
