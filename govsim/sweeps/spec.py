"""The sweep spec: what to run many times, under which books, over which grid.

A sweep spec is a YAML document like the others, read with positions so that
every mistake is reported at its ``file:line:col`` before any run starts::

    schema_version: 1
    sweep: crisis-three-books
    model: ../crisis/iso-2019.model.yaml     # or  scenario: path/to/x.govsim.yaml
    rulebooks: [iso-2013-as-practised, external-checks]
    runs: 200                                # per book and grid point
    seed: 2019
    fixed: {members: 300}                    # parameters set for every run
    grid:
      mode: cartesian                        # or zip; required past one parameter
      parameters:
        members.absence: [0.05, 0.2]
    measures: [members_retained, dissolved]  # default: all the target's measures

This module checks what the spec can tell on its own (one target, a grid that
is not empty, zipped lists of one length). Whether the parameters, books and
measures exist is for the target to say, in :mod:`govsim.sweeps.plan`.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field

from govsim.documents import SourceMap, load_yaml_file, validate
from govsim.documents.paths import input_problem, missing_file
from govsim.errors import DocumentError, Problem
from govsim.limits import MAX_RUNS, MAX_SEED
from govsim.model.common import Ident, Issue, OneValue, SchemaVersion, Strict

__all__ = ["TARGET_KINDS", "Grid", "LoadedSpec", "ParamValue", "SweepSpec", "load_spec"]

ParamValue = Annotated[bool | int | float | str, OneValue]
"""A parameter's value as a spec writes it; bool first so ``true`` stays a bool."""

TARGET_KINDS = ("model", "scenario")
"""The spec keys that name what a sweep runs, one of which must be given."""


class Grid(Strict):
    """The parameter values to sweep, combined as a product or side by side."""

    mode: Literal["cartesian", "zip"] | None = None
    """``cartesian``: every combination; ``zip``: the i-th value of each list
    together. Required when more than one parameter is swept."""
    parameters: dict[str, tuple[ParamValue, ...]]
    """Dotted parameter name to the values it takes, in order."""

    def issues(self) -> list[Issue]:
        """Grid mistakes the spec shows on its own, located under ``grid``."""
        found: list[Issue] = []
        if not self.parameters:
            found.append(
                (("parameters",), "empty grid: name at least one parameter to sweep")
            )
        for name, values in self.parameters.items():
            if not values:
                found.append(
                    (("parameters", name), f"no values for parameter '{name}'")
                )
        if len(self.parameters) > 1 and self.mode is None:
            found.append(
                (
                    ("parameters",),
                    "several parameters: say how to combine them with "
                    "'mode: cartesian' (every combination) or 'mode: zip' "
                    "(the i-th values together)",
                )
            )
        if self.mode == "zip" and self.parameters:
            lengths = {name: len(values) for name, values in self.parameters.items()}
            first, length = next(iter(lengths.items()))
            for name, n in lengths.items():
                if n != length:
                    found.append(
                        (
                            ("parameters", name),
                            f"zip needs lists of one length: '{name}' has {n} "
                            f"values, '{first}' has {length}",
                        )
                    )
        return found

    def size(self) -> int:
        """How many points the grid has, counted without making them."""
        lengths = [len(values) for values in self.parameters.values()]
        if self.mode == "zip":
            return min(lengths, default=0)
        return math.prod(lengths)

    def points(self) -> list[dict[str, ParamValue]]:
        """Every grid point, in a fixed order (the last parameter varies fastest)."""
        names = list(self.parameters)
        if self.mode == "zip":
            rows = zip(*self.parameters.values(), strict=True)
            return [dict(zip(names, row, strict=True)) for row in rows]
        points: list[dict[str, ParamValue]] = [{}]
        for name in names:
            points = [{**p, name: v} for p in points for v in self.parameters[name]]
        return points


class SweepSpec(Strict):
    """A Monte Carlo sweep: a target run many times under several rule books."""

    schema_version: SchemaVersion
    """The format's version: always ``1``."""
    sweep: Ident
    """The sweep's id; it names the default output folder."""
    title: str | None = None
    """A title, for readers and reports."""
    description: str | None = None
    """What the sweep asks, in a few sentences."""
    model: str | None = None
    """Path of a behaviour model file (relative to this file)."""
    scenario: str | None = None
    """Path of a scenario file to replay, made stochastic by its parameters."""
    rulebooks: tuple[str, ...] | None = Field(default=None, min_length=1)
    """Rule book ids or paths (default: every book the target lists)."""
    runs: int = Field(default=100, ge=1, le=MAX_RUNS)
    """Runs per rule book and grid point."""
    seed: int = Field(default=0, ge=0, le=MAX_SEED)
    """The sweep's seed; every run's seed is derived from it in the plan."""
    fixed: dict[str, ParamValue] = Field(default_factory=dict)
    """Parameters set to one value for every run."""
    grid: Grid | None = None
    """Parameters to sweep (omitted: one point, the target's defaults)."""
    measures: tuple[str, ...] | None = Field(default=None, min_length=1)
    """Outcome measures to record (default: all the target's measures)."""

    def issues(self) -> list[Issue]:
        """Mistakes the spec shows on its own, with their locations."""
        given = [kind for kind in TARGET_KINDS if getattr(self, kind) is not None]
        found: list[Issue] = []
        if not given:
            found.append(
                ((), "name what to run: a 'model:' file or a 'scenario:' file")
            )
        for kind in given[1:]:
            found.append(((kind,), "give one of 'model:' and 'scenario:', not both"))
        if self.grid is not None:
            found += [(("grid", *loc), m) for loc, m in self.grid.issues()]
        for name in self.fixed:
            if self.grid is not None and name in self.grid.parameters:
                found.append(
                    (
                        ("fixed", name),
                        f"'{name}' is both fixed and swept; keep it in one place",
                    )
                )
        return found

    @property
    def target(self) -> tuple[str, str]:
        """The target's kind and path as written (the first given)."""
        for kind in TARGET_KINDS:
            value = getattr(self, kind)
            if value is not None:
                return kind, value
        raise AssertionError("a validated spec names a target")  # pragma: no cover

    def points(self) -> list[dict[str, ParamValue]]:
        """The grid points in plan order (one empty point without a grid)."""
        return self.grid.points() if self.grid is not None else [{}]


@dataclass(frozen=True)
class LoadedSpec:
    """A spec read from a file, with where each of its values sits."""

    spec: SweepSpec
    path: Path
    source: SourceMap

    @property
    def target_path(self) -> Path:
        """The target file, resolved against the spec's folder."""
        return (self.path.parent / self.spec.target[1]).resolve()

    def with_overrides(self, runs: int | None, seed: int | None) -> LoadedSpec:
        """The spec with ``--runs`` and ``--seed`` applied."""
        update: dict[str, Any] = {}
        if runs is not None:
            update["runs"] = runs
        if seed is not None:
            update["seed"] = seed
        spec = self.spec.model_copy(update=update) if update else self.spec
        return LoadedSpec(spec, self.path, self.source)

    def digest(self) -> str:
        """A hash of everything that decides the runs, to tell a changed spec.

        The target's path is resolved, so moving the spec alone does not
        count as a change, while pointing it at another file does.
        """
        data = self.spec.model_dump(mode="json", exclude={"title", "description"})
        data[self.spec.target[0]] = str(self.target_path)
        text = json.dumps(data, sort_keys=True, separators=(",", ":"))
        return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def load_spec(path: str | Path) -> LoadedSpec:
    """Read and check a sweep spec file.

    Raises:
        DocumentError: every problem in the file, at its position.
    """
    path = Path(path)
    data, source = load_yaml_file(path)
    try:
        spec = validate(SweepSpec, data, source)
    except DocumentError as exc:
        missing = _missing_targets(data, exc.problems, path, source)
        raise DocumentError([*exc.problems, *missing]) from None
    issues = spec.issues()
    if issues:
        raise DocumentError([source.problem(loc, m) for loc, m in issues])
    loaded = LoadedSpec(spec, path, source)
    # A target file that is not there is the spec's mistake, placed at its
    # key: whoever reads the spec next (govsim check, a sweep) would otherwise
    # report it at the missing file's own, nonexistent, first line.
    kind, written = spec.target
    unreadable = input_problem(loaded.target_path)
    if unreadable is not None:
        raise DocumentError.single(
            missing_file(kind, written, loaded.target_path, unreadable),
            source.span((kind,)),
            (kind,),
        )
    return loaded


def _missing_targets(
    data: Any, found: list[Problem], path: Path, source: SourceMap
) -> list[Problem]:
    """Target files that are not there, named by a spec with other mistakes.

    A mistake of its own, so reported in the same run as the spec's others.
    """
    if not isinstance(data, dict):
        return []
    failed = {p.loc[0] for p in found if p.loc}
    problems: list[Problem] = []
    for kind in TARGET_KINDS:
        written = data.get(kind)
        if kind in failed or not isinstance(written, str):
            continue
        target = (path.parent / written).resolve()
        unreadable = input_problem(target)
        if unreadable is not None:
            text = missing_file(kind, written, target, unreadable)
            problems.append(source.problem((kind,), text))
    return problems
