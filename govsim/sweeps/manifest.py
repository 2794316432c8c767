"""A sweep folder's ``manifest.json``: its format, and whether one holds together.

The manifest records what a sweep is (its spec and hash, target, books,
grid, measures, columns, runs) and which chunk files hold which run ids.
Nothing read from disk is trusted: :func:`manifest_problems` checks the
shape of every field (extra keys are allowed) and that the chunks' claims
agree with each other and with ``total_runs``, and says plainly what is
wrong, as ``chunks.2.runs: expected a list of [first, last] run ids``. A
damaged manifest is never a traceback: reading refuses it with the command
that repairs it (:func:`repair_command`), and resuming rebuilds it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shlex
from pathlib import Path
from typing import Any, Final

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    StrictStr,
    ValidationError,
)

from govsim.__about__ import __version__
from govsim.errors import UsageError
from govsim.sweeps.plan import BASE_COLUMNS, TAIL_COLUMNS, Plan

__all__ = [
    "CHUNK_PATTERN",
    "FORMAT",
    "MANIFEST",
    "MISSING",
    "check_manifest",
    "describe_problems",
    "load_manifest",
    "manifest_problems",
    "new_manifest",
    "now",
    "read_manifest",
    "repair_command",
    "repair_hint",
    "write_manifest",
]

MANIFEST: Final = "manifest.json"
MISSING: Final = "missing"
"""The one problem of a folder with no manifest at all."""
FORMAT: Final = 1
CHUNK_PATTERN: Final = r"^runs-\d+\.parquet$"
"""A chunk's file name: a plain name in the folder, never a path elsewhere."""
_SHOWN: Final = 5
"""Problems named in one message; the rest are counted."""


class _Shape(BaseModel):
    model_config = ConfigDict(extra="allow")


class _Chunk(_Shape):
    file: StrictStr = Field(
        pattern=CHUNK_PATTERN, description="a chunk file name, runs-NNNNN.parquet"
    )
    rows: StrictInt = Field(ge=0, description="a whole number of rows")
    runs: list[tuple[StrictInt, StrictInt]] = Field(
        description="a list of [first, last] run ids"
    )


class _Target(_Shape):
    kind: StrictStr = Field(description="'model' or 'scenario'")
    path: StrictStr = Field(description="the target's path, as text")


class _Grid(_Shape):
    fixed: dict[str, Any] = Field(description="a mapping of parameter values")
    points: list[dict[str, Any]] = Field(
        description="a list of mappings of parameter values"
    )


class _Manifest(_Shape):
    format: StrictInt = Field(description=f"the manifest format, {FORMAT}")
    sweep: StrictStr = Field(description="the sweep's id, as text")
    spec: StrictStr = Field(description="the spec's path, as text")
    spec_hash: StrictStr = Field(description="the spec's hash, as text")
    target: _Target = Field(description="a mapping {kind, path}")
    rulebooks: list[StrictStr] = Field(description="a list of rule book ids")
    grid: _Grid = Field(description="a mapping {fixed, points}")
    parameters: list[StrictStr] = Field(description="a list of parameter names")
    measures: list[StrictStr] = Field(description="a list of measure names")
    columns: list[StrictStr] = Field(description="a list of column names")
    runs_per_point: StrictInt = Field(ge=1, description="a whole number, at least 1")
    seed: StrictInt = Field(ge=0, description="a whole number, at least 0")
    total_runs: StrictInt = Field(ge=0, description="a whole number of runs")
    chunks: list[_Chunk] = Field(description="a list of chunks {file, rows, runs}")
    resumed: list[StrictStr] = Field(default=[], description="a list of times")
    finished: StrictStr | None = Field(description="a time, or null")


_EXPECTED: Final = {
    name: str(info.description)
    for model in (_Manifest, _Chunk, _Target, _Grid)
    for name, info in model.model_fields.items()
}


def now() -> str:
    """The time now, as the manifest records times (UTC, to the second)."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _shape_problems(error: ValidationError) -> list[str]:
    problems = []
    for item in error.errors():
        loc = list(item["loc"])
        # Name the field, not the element inside it that broke: chunks.2.runs.
        named = [i for i, part in enumerate(loc) if part in _EXPECTED]
        where = loc[: named[-1] + 1] if named else loc
        field = str(where[-1]) if where else ""
        if field in _EXPECTED:
            itself = item["type"] == "missing" and len(where) == len(loc)
            missing = "missing; " if itself else ""
            text = f"{missing}expected {_EXPECTED[field]}"
        else:
            text = "expected a JSON object" if not where else str(item["msg"])
        path = ".".join(str(part) for part in where)
        problems.append(f"{path}: {text}" if path else text)
    return list(dict.fromkeys(problems))


def _plan_problems(data: _Manifest) -> list[str]:
    """Where the manifest's plan disagrees with itself: its runs, its columns."""
    problems = []
    if data.format != FORMAT:
        problems.append(
            f"format: {data.format} is not a format govsim reads ({FORMAT})"
        )
    if not data.grid.points:
        problems.append("grid.points: expected at least one grid point")
    made = len(data.rulebooks) * len(data.grid.points) * data.runs_per_point
    if data.total_runs != made:
        problems.append(
            f"total_runs: {data.total_runs}, but rulebooks x grid.points x "
            f"runs_per_point make {made}"
        )
    columns = [*BASE_COLUMNS, *data.parameters, *data.measures, *TAIL_COLUMNS]
    if data.columns != columns:
        problems.append(
            "columns: expected the base columns, parameters, measures and "
            f"{', '.join(TAIL_COLUMNS)}, in that order"
        )
    return problems


def _claim_problems(data: _Manifest) -> list[str]:
    """Chunks whose claims cannot all be true: bad ranges, overlaps, wrong counts."""
    problems = _plan_problems(data)
    total = data.total_runs
    spans: list[tuple[int, int, int]] = []
    files: dict[str, int] = {}
    for n, chunk in enumerate(data.chunks):
        first = files.setdefault(chunk.file, n)
        if first != n:
            problems.append(f"chunks.{n}.file: {chunk.file} is chunks.{first} too")
        bad = [(low, high) for low, high in chunk.runs if not 0 <= low <= high < total]
        for low, high in bad:
            problems.append(
                f"chunks.{n}.runs: [{low}, {high}] is not a range of the run ids "
                f"0 to {total - 1}"
            )
        good = [(low, high) for low, high in chunk.runs if 0 <= low <= high < total]
        spans += [(low, high, n) for low, high in good]
        count = sum(high - low + 1 for low, high in good)
        if not bad and count != chunk.rows:
            problems.append(
                f"chunks.{n}.rows: {chunk.rows}, but its runs name {count} run ids"
            )
    spans.sort()
    reach, owner = -1, -1  # the highest run id claimed so far, and by which chunk
    for low, high, n in spans:
        if low <= reach:
            also = "twice" if n == owner else f"by chunks.{min(n, owner)} too"
            problems.append(f"chunks.{max(n, owner)}.runs: run {low} is claimed {also}")
        if high > reach:
            reach, owner = high, n
    covered = sum(high - low + 1 for low, high, _ in spans)
    if not problems and data.finished is not None and covered != total:
        problems.append(
            f"finished: the sweep is marked finished, but only {covered:,} of "
            f"its {total:,} runs are listed"
        )
    return problems


def manifest_problems(data: object) -> list[str]:
    """What is wrong with a manifest's content (JSON data): nothing if empty."""
    try:
        checked = _Manifest.model_validate(data)
    except ValidationError as exc:
        return _shape_problems(exc)
    return _claim_problems(checked)


def repair_command(folder: Path, data: object) -> str:
    """The command that resumes, and so repairs, the sweep in ``folder``.

    The spec, runs and seed come from the manifest where it still has them;
    ``SPEC`` stands in for a spec it cannot name.
    """
    fields = data if isinstance(data, dict) else {}
    spec = fields.get("spec")
    words = ["govsim", "sweep", shlex.quote(spec) if isinstance(spec, str) else "SPEC"]
    words += ["--out", shlex.quote(str(folder))]
    for key, option in (("runs_per_point", "--runs"), ("seed", "--seed")):
        value = fields.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            words += [option, str(value)]
    return " ".join([*words, "--resume"])


def repair_hint(folder: Path, data: object) -> str:
    """How to repair a damaged sweep folder, for the end of a message."""
    known = isinstance(data, dict) and isinstance(data.get("spec"), str)
    spec = (
        ""
        if known
        else " (SPEC: the sweep's spec, with the --runs and --seed it ran with)"
    )
    return (
        f"repair it with: {repair_command(folder, data)}{spec}; resuming checks "
        f"every chunk, moves damaged files into {folder / 'damaged'} and runs "
        "their runs again"
    )


def load_manifest(folder: Path) -> tuple[Any, list[str]]:
    """A folder's manifest as JSON data, and what is wrong with it (if anything).

    Unreadable or not JSON, the data is ``None`` and the problem says why.
    """
    path = folder / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, [MISSING]
    except (OSError, ValueError, RecursionError) as exc:
        return None, [f"unreadable: {exc}"]
    return data, manifest_problems(data)


def describe_problems(problems: list[str], where: Path | None = None) -> str:
    """Problems one a line (the first few of many), each after ``where:``."""
    start = f"{where}: " if where is not None else ""
    lines = [f"{start}{p}" for p in problems[:_SHOWN]]
    if len(problems) > _SHOWN:
        lines.append(f"{start}and {len(problems) - _SHOWN} more problems")
    return "\n".join(lines)


def read_manifest(folder: Path) -> dict[str, Any]:
    """The checked manifest of a sweep folder.

    Raises:
        UsageError: the folder holds no manifest, or a damaged one (the
            message names each problem and the command that repairs it).
    """
    data, problems = load_manifest(folder)
    if problems == [MISSING] and not any(folder.glob("runs-*.parquet")):
        raise UsageError(f"{folder} is not a sweep folder: it has no {MANIFEST}")
    if problems:
        text = describe_problems(problems, folder / MANIFEST)
        raise UsageError(f"{text}\n{repair_hint(folder, data)}")
    result: dict[str, Any] = data
    return result


def check_manifest(folder: Path, manifest: dict[str, Any]) -> None:
    """Refuse a manifest given as data that does not hold together.

    Raises:
        UsageError: what is wrong, and the command that repairs the folder.
    """
    problems = manifest_problems(manifest)
    if problems:
        text = describe_problems(problems, folder / MANIFEST)
        raise UsageError(f"{text}\n{repair_hint(folder, manifest)}")


def write_manifest(folder: Path, manifest: dict[str, Any]) -> None:
    """Rewrite the manifest atomically: a temporary file, then a rename."""
    path = folder / MANIFEST
    temp = path.with_name(path.name + ".tmp")
    temp.write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    os.replace(temp, path)


def new_manifest(plan: Plan, spec: Path) -> dict[str, Any]:
    """The manifest of a sweep with no chunk written yet."""
    return {
        "format": FORMAT,
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
        "started": now(),
        "resumed": [],
        "finished": None,
    }
