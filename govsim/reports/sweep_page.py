"""The page model of a sweep report, read from a sweep's folder.

A sweep report shows what a Monte Carlo sweep found: how many runs each rule
book finished or failed, the summary table (median and interval per book,
measure and grid point, exactly as ``govsim sweep`` prints them), every
measure's distribution per book, and each measure against each swept
parameter. This module reads the folder through the sweeps package's public
API (:class:`~govsim.sweeps.SweepResult`) and gathers that into plain data;
:mod:`govsim.reports.sweep_plots` draws it and ``templates/sweep.html.j2``
lays it out. :func:`govsim.reports.sweep_report.write_sweep_report` does
all three.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal, NoReturn

from govsim.errors import UsageError
from govsim.sweeps import SweepResult
from govsim.sweeps.manifest import repair_command
from govsim.sweeps.store import MANIFEST
from govsim.sweeps.summary import INTERVAL, MeasureSummary, Summary, describe

__all__ = [
    "BookRuns",
    "Distribution",
    "DistributionKind",
    "FailedRun",
    "SummaryRow",
    "SweepPage",
    "Trend",
    "distribution_kind",
    "modes",
    "percent_text",
    "read_sweep_page",
]

DistributionKind = Literal["share", "counts", "modes", "spread"]
"""How a measure's distribution is drawn (the rule is :func:`distribution_kind`):
the share of runs where a yes/no measure was true; the share of runs at each
value of a measure with few values; every run as a dot with a box per mode
when some book's values fall in separate clumps; or every run as a dot with
one box per book for anything else."""

FEW_VALUES: Final = 8
"""A measure with at most this many distinct values is drawn as counts."""
WHOLE_SPAN: Final = 15
"""A whole-number measure spanning at most this many units is drawn as counts."""
GAP: Final = 0.1
"""A gap between one book's sorted values wider than this share of the
measure's whole range (over every book) separates two modes..."""
MODE_RUNS: Final = 5
"""...when each side holds at least this many runs: fewer are outliers, and
a handful of runs scattered over the range has wide gaps by chance."""
FAILED_SHOWN: Final = 100
"""Failed runs listed on the page; the rest are counted."""


@dataclass(frozen=True)
class BookRuns:
    """How many runs of one rule book the plan holds, finished and failed."""

    book: str
    planned: int
    finished: int
    failed: int


@dataclass(frozen=True)
class SummaryRow:
    """One measure under one rule book: its figures at each grid point."""

    measure: str
    book: str
    cells: tuple[MeasureSummary, ...]
    """One per grid point, in plan order, from the sweep's own summary."""


@dataclass(frozen=True)
class Distribution:
    """One measure's values over every finished run, per rule book."""

    measure: str
    kind: DistributionKind
    values: dict[str, tuple[float, ...]]
    """Book id to the values its finished runs gave (runs with none left out)."""
    summaries: dict[str, MeasureSummary]
    """Book id to the median and interval of those values, or their share."""

    @property
    def categories(self) -> bool:
        """Whether counts are drawn at evenly spaced places labelled by value.

        True for few values that are not whole numbers close together (0.5,
        0.9 and 12, say): drawn at their places on a number line they would
        be thin bars far apart. Whole numbers spanning at most
        :data:`WHOLE_SPAN` units keep their places, so a value no run gave
        shows as a gap.
        """
        return self.kind == "counts" and not _whole_and_close(
            [v for vs in self.values.values() for v in vs]
        )

    @property
    def modes(self) -> dict[str, tuple[tuple[float, ...], ...]]:
        """Book id to its values split into modes (see :func:`modes`), sorted."""
        every = [v for vs in self.values.values() for v in vs]
        span = max(every) - min(every) if every else 0.0
        return {book: modes(vs, span) for book, vs in self.values.items()}

    @property
    def constant(self) -> float | None:
        """The one value every run gave, if they all gave the same."""
        every = {v for values in self.values.values() for v in values}
        return next(iter(every)) if len(every) == 1 else None


@dataclass(frozen=True)
class Trend:
    """One measure against one swept parameter: a line per rule book."""

    measure: str
    parameter: str
    xs: tuple[Any, ...]
    """The parameter's values, in the order the grid takes them."""
    lines: dict[str, tuple[MeasureSummary, ...]]
    """Book id to the measure's figures at each value, over every run with
    that value (whatever the other swept parameters were)."""


@dataclass(frozen=True)
class FailedRun:
    """A run that raised, with its error as the sweep recorded it."""

    run: int
    book: str
    parameters: dict[str, Any]
    seed: int
    error: str


@dataclass(frozen=True)
class SweepPage:
    """Everything a sweep report shows, as plain data."""

    sweep: str
    folder: str
    spec: str
    target: str
    seed: int
    runs_per_point: int
    planned: int
    on_disk: int
    complete: bool
    books: tuple[BookRuns, ...]
    fixed: dict[str, Any]
    points: tuple[dict[str, Any], ...]
    swept: tuple[str, ...]
    measures: tuple[str, ...]
    """Measures with figures (numeric or yes/no), in the spec's order."""
    text_measures: tuple[str, ...]
    """Measures recorded as text, which have no figures and are not drawn."""
    summary: tuple[SummaryRow, ...]
    distributions: tuple[Distribution, ...]
    trends: tuple[Trend, ...]
    failed: tuple[FailedRun, ...]
    failed_total: int
    resume: str = ""
    """The command that finishes the sweep, ready to copy (spec, folder, runs, seed)."""
    interval: str = INTERVAL

    @property
    def empty_measures(self) -> tuple[str, ...]:
        """Measures with figures for which no finished run gave a value."""
        drawn = {d.measure for d in self.distributions}
        return tuple(m for m in self.measures if m not in drawn)


def percent_text(share: float) -> str:
    """A share of runs as a percentage: whole at 0 and 100%, else one decimal."""
    return f"{share:.0%}" if share in (0, 1) else f"{share:.1%}"


def _open(directory: Path) -> SweepResult:
    """The sweep in a folder; damage is refused by ``SweepResult`` with its repair."""
    chunks = directory.is_dir() and any(directory.glob("runs-*.parquet"))
    if not (directory / MANIFEST).is_file() and not chunks:
        raise UsageError(
            f"{directory} is not a sweep folder: it has no {MANIFEST} "
            "(govsim sweep SPEC --out DIR writes one)"
        )
    result = SweepResult.open(directory)
    wanted = ("sweep", "rulebooks", "grid", "measures", "columns", "chunks")
    if any(key not in result.manifest for key in wanted):
        raise UsageError(f"{directory / MANIFEST} is not a govsim sweep manifest")
    return result


def _whole_and_close(values: Sequence[float]) -> bool:
    whole = all(float(v).is_integer() for v in values)
    return whole and bool(values) and max(values) - min(values) <= WHOLE_SPAN


def modes(values: Sequence[float], span: float) -> tuple[tuple[float, ...], ...]:
    """One book's values, sorted and split where they leave a wide gap.

    A gap wider than :data:`GAP` of ``span`` (the measure's range over every
    book, as the plot's axis shows it) splits the values when at least
    :data:`MODE_RUNS` runs lie on each side of it. One mode (the values
    sorted) when there is no such gap; none for no values.
    """
    ordered = sorted(values)
    if not ordered:
        return ()
    cuts = [
        i
        for i in range(MODE_RUNS, len(ordered) - MODE_RUNS + 1)
        if span > 0 and ordered[i] - ordered[i - 1] > GAP * span
    ]
    found, start = [], 0
    for cut in cuts:
        if cut - start >= MODE_RUNS:
            found.append(tuple(ordered[start:cut]))
            start = cut
    found.append(tuple(ordered[start:]))
    return tuple(found)


def distribution_kind(
    values: Mapping[str, Sequence[Any]], boolean: bool
) -> DistributionKind:
    """How a measure's values, per book, are drawn: the rule the page states.

    1. Yes/no values: ``share``, the share of runs where it was true.
    2. At most :data:`FEW_VALUES` distinct values, or whole numbers spanning
       at most :data:`WHOLE_SPAN` units: ``counts``, the share of runs at
       each value, so a measure with two or three outcomes shows each.
    3. Values of some book that fall in separate clumps (:func:`modes`):
       ``modes``, every run as a dot with a box per clump, never one box
       whose whiskers span the empty range between them.
    4. Anything else: ``spread``, every run as a dot with one box per book.
    """
    every = [v for vs in values.values() for v in vs]
    if boolean:
        return "share"
    if len(set(every)) <= FEW_VALUES or _whole_and_close(every):
        return "counts"
    span = max(every) - min(every)
    if any(len(modes(vs, span)) > 1 for vs in values.values()):
        return "modes"
    return "spread"


def _by_book(columns: dict[str, list[Any]], ok: list[int]) -> dict[str, list[int]]:
    """The finished runs' row indexes, per rule book."""
    groups: dict[str, list[int]] = {}
    for i in ok:
        groups.setdefault(columns["rulebook"][i], []).append(i)
    return groups


def _distribution(
    column: list[Any], rows: dict[str, list[int]], books: Sequence[str], measure: str
) -> Distribution | None:
    values = {
        book: tuple(column[i] for i in rows.get(book, []) if column[i] is not None)
        for book in books
    }
    every = [v for vs in values.values() for v in vs]
    if not every:
        return None
    boolean = all(isinstance(v, bool) for v in every)
    return Distribution(
        measure,
        distribution_kind(values, boolean),
        values,
        {book: describe(list(vs)) for book, vs in values.items()},
    )


def _trends(
    columns: dict[str, list[Any]],
    rows: dict[str, list[int]],
    books: Sequence[str],
    measures: Sequence[str],
    parameter: str,
    xs: tuple[Any, ...],
) -> list[Trend]:
    """Each measure against one parameter, pooled over the other swept ones."""
    at: dict[tuple[str, Any], list[int]] = {}
    for book in books:
        for i in rows.get(book, []):
            at.setdefault((book, columns[parameter][i]), []).append(i)
    return [
        Trend(
            measure,
            parameter,
            xs,
            {
                book: tuple(
                    describe([columns[measure][i] for i in at.get((book, x), [])])
                    for x in xs
                )
                for book in books
            },
        )
        for measure in measures
    ]


def _summary_rows(summary: Summary, books: Sequence[str]) -> list[SummaryRow]:
    """The summary's groups turned round: a row per measure and book."""
    measures = list(summary.groups[0].measures) if summary.groups else []
    rows = []
    for measure in measures:
        for book in books:
            cells = tuple(
                g.measures[measure] for g in summary.groups if g.rulebook == book
            )
            rows.append(SummaryRow(measure, book, cells))
    return rows


def _refuse_without_finished_runs(
    directory: Path, manifest: dict[str, Any], errors: list[str]
) -> NoReturn:
    """Say why a folder whose runs have all failed, or not run, has no report."""
    what = (
        f"all {len(errors):,} runs on disk failed (first error: {errors[0]})"
        if errors
        else f"none of its {int(manifest.get('total_runs', 0)):,} planned runs "
        "is on disk yet"
    )
    raise UsageError(f"{directory} has no finished runs to report: {what}")


def _failed_runs(
    columns: dict[str, list[Any]], failed: list[int], parameters: Sequence[str]
) -> tuple[FailedRun, ...]:
    return tuple(
        FailedRun(
            run=columns["run"][i],
            book=columns["rulebook"][i],
            parameters={p: columns[p][i] for p in parameters},
            seed=columns["seed"][i],
            error=str(columns["error"][i]),
        )
        for i in failed[:FAILED_SHOWN]
    )


def read_sweep_page(directory: Path) -> SweepPage:
    """Read a sweep folder into the page model of its report.

    Raises:
        UsageError: the folder holds no sweep manifest, or no finished run
            (none on disk yet, or every one failed); a damaged manifest or
            chunk (named, with the command that repairs it); a missing extra.
    """
    result = _open(directory)
    manifest = result.manifest
    table = result.table()
    columns: dict[str, list[Any]] = {
        name: table.column(name).to_pylist() for name in table.column_names
    }
    status = columns.get("status", [])
    ok = [i for i, s in enumerate(status) if s == "ok"]
    failed = [i for i, s in enumerate(status) if s != "ok"]
    if not ok:
        _refuse_without_finished_runs(
            directory, manifest, [columns["error"][i] for i in failed]
        )

    books: list[str] = list(manifest["rulebooks"])
    points: list[dict[str, Any]] = manifest["grid"]["points"]
    summary = result.summary()
    summarised = list(summary.groups[0].measures) if summary.groups else []
    swept = tuple(name for name in manifest["parameters"] if name in points[0])
    per_point = int(manifest.get("runs_per_point", 0))
    rows = _by_book(columns, ok)
    found = [_distribution(columns[m], rows, books, m) for m in summarised]
    distributions = [d for d in found if d is not None]
    trends = []
    for parameter in swept:
        xs = tuple(dict.fromkeys(p[parameter] for p in points))
        drawn = [d.measure for d in distributions]
        trends += _trends(columns, rows, books, drawn, parameter, xs)
    return SweepPage(
        sweep=manifest["sweep"],
        folder=str(directory),
        spec=str(manifest.get("spec", "")),
        target=f"{manifest['target']['kind']} {manifest['target']['path']}",
        seed=int(manifest.get("seed", 0)),
        runs_per_point=per_point,
        planned=int(manifest.get("total_runs", 0)),
        on_disk=len(status),
        complete=result.complete,
        resume=repair_command(directory, manifest),
        books=tuple(
            BookRuns(
                book,
                planned=per_point * len(points),
                finished=len(rows.get(book, [])),
                failed=sum(1 for i in failed if columns["rulebook"][i] == book),
            )
            for book in books
        ),
        fixed=dict(manifest["grid"]["fixed"]),
        points=tuple(points),
        swept=swept,
        measures=tuple(summarised),
        text_measures=tuple(m for m in manifest["measures"] if m not in summarised),
        summary=tuple(_summary_rows(summary, books)),
        distributions=tuple(distributions),
        trends=tuple(trends),
        failed=_failed_runs(columns, failed, manifest["parameters"]),
        failed_total=len(failed),
    )
