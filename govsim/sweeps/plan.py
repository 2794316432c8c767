"""The plan of a sweep: every run, in a fixed order, with its own seed.

Runs are numbered book by book, then grid point by grid point, then
replicate by replicate. Each run's seed is a hash of the sweep's seed, the
book's id, the grid point's values and the replicate number, computed here
and never from the order in which runs happen to execute, so a serial run, a
process pool and a Dask cluster of any size give the same result for every
run. Adding a book or a grid point does not change the seeds of the others.

Making a plan is also where a spec is checked against its target: unknown
books, parameters and measures, and impossible values, are reported at their
place in the spec before anything runs.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Container, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from govsim.documents import did_you_mean
from govsim.documents.paths import input_problem, missing_file
from govsim.errors import DocumentError, GovsimError, Problem
from govsim.limits import MAX_SWEEP_RUNS
from govsim.sweeps.spec import LoadedSpec, ParamValue
from govsim.sweeps.targets import Book, Target, load_target

__all__ = [
    "BASE_COLUMNS",
    "TAIL_COLUMNS",
    "Plan",
    "PlannedRun",
    "make_plan",
    "run_seed",
]

BASE_COLUMNS = ("run", "rulebook", "point", "replicate", "seed")
"""The columns every result row starts with, before parameters and measures."""
TAIL_COLUMNS = ("status", "error", "seconds")
"""The columns every result row ends with."""


def run_seed(
    seed: int, book: str, point: Mapping[str, ParamValue], replicate: int
) -> int:
    """The seed of one run: a stable 63-bit hash of what identifies it.

    blake2b of a canonical JSON text, so it is the same in every process, on
    every machine and in every Python version (unlike ``hash()``).
    """
    key = json.dumps(
        [seed, book, sorted(point.items()), replicate],
        separators=(",", ":"),
    )
    digest = hashlib.blake2b(key.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


@dataclass(frozen=True)
class PlannedRun:
    """One run of the plan: which book, which point, which replicate, which seed."""

    run: int
    book: Book
    point: int
    replicate: int
    params: dict[str, ParamValue]
    """Every parameter set for this run: the fixed ones and the point's."""
    seed: int


@dataclass(frozen=True)
class Plan:
    """Every run of a sweep, enumerated on demand (memory does not grow with runs)."""

    sweep: str
    kind: str
    target: Path
    books: tuple[Book, ...]
    points: tuple[dict[str, ParamValue], ...]
    fixed: dict[str, ParamValue]
    measures: tuple[str, ...]
    replicates: int
    seed: int
    digest: str
    """Hash of the spec the plan was made from (see LoadedSpec.digest)."""

    @property
    def total(self) -> int:
        """How many runs the sweep has."""
        return len(self.books) * len(self.points) * self.replicates

    @property
    def parameters(self) -> tuple[str, ...]:
        """Parameter columns: the fixed ones, then the swept ones."""
        swept = self.points[0] if self.points else {}
        return (*self.fixed, *swept)

    @property
    def columns(self) -> tuple[str, ...]:
        """Every column of a result row, in order."""
        return (*BASE_COLUMNS, *self.parameters, *self.measures, *TAIL_COLUMNS)

    def run(self, index: int) -> PlannedRun:
        """The run with this id."""
        if not 0 <= index < self.total:
            raise IndexError(f"run {index} is not in a plan of {self.total}")
        per_book = len(self.points) * self.replicates
        b, rest = divmod(index, per_book)
        p, r = divmod(rest, self.replicates)
        book, point = self.books[b], self.points[p]
        seed = run_seed(self.seed, book.id, point, r)
        return PlannedRun(index, book, p, r, {**self.fixed, **point}, seed)

    def runs(self, skip: Container[int] = ()) -> Iterator[PlannedRun]:
        """Every run in order, leaving out the ids in ``skip``."""
        for index in range(self.total):
            if index not in skip:
                yield self.run(index)


def make_plan(loaded: LoadedSpec) -> Plan:
    """Check a spec against its target and enumerate its runs.

    Raises:
        DocumentError: every problem found, placed in the spec (or in the
            target's own file when that file is invalid).
    """
    spec, source = loaded.spec, loaded.source
    kind, _ = spec.target
    path = loaded.target_path
    unreadable = input_problem(path)
    if unreadable is not None:
        raise DocumentError.single(
            missing_file(kind, spec.target[1], path, unreadable),
            source.span((kind,)),
            (kind,),
        )
    target = load_target(kind, path)
    problems: list[Problem] = []
    books = _books(loaded, target, problems)
    _check_parameters(loaded, target, problems)
    measures = _measures(loaded, target, problems)
    taken = set(BASE_COLUMNS) | set(TAIL_COLUMNS) | set(spec.fixed)
    taken |= set(spec.grid.parameters) if spec.grid else set()
    for name in measures:
        if name in taken:
            problems.append(
                source.problem(
                    ("measures",),
                    f"measure '{name}' has the name of a parameter or of a "
                    f"column every row has ({', '.join(BASE_COLUMNS + TAIL_COLUMNS)})",
                )
            )
    size = spec.grid.size() if spec.grid is not None else 1
    total = len(books) * size * spec.runs
    if total > MAX_SWEEP_RUNS:
        problems.append(
            source.problem(
                ("runs",),
                f"this sweep would make {total:,} runs ({len(books)} books x "
                f"{size:,} grid points x {spec.runs:,} runs); a sweep makes at "
                f"most {MAX_SWEEP_RUNS:,}: lower --runs or narrow the grid",
            )
        )
    if problems:
        raise DocumentError(problems)
    return Plan(
        sweep=spec.sweep,
        kind=kind,
        target=path,
        books=tuple(books),
        points=tuple(spec.points()),
        fixed=dict(spec.fixed),
        measures=measures,
        replicates=spec.runs,
        seed=spec.seed,
        digest=loaded.digest(),
    )


def _books(loaded: LoadedSpec, target: Target, problems: list[Problem]) -> list[Book]:
    refs = loaded.spec.rulebooks or target.rulebooks()
    books: dict[str, Book] = {}
    for i, ref in enumerate(refs):
        loc = ("rulebooks", i) if loaded.spec.rulebooks else ("rulebooks",)
        try:
            book = target.book(ref, loaded.path.parent)
        except DocumentError as exc:
            problems.extend(exc.problems)
            continue
        except GovsimError as exc:
            problems.append(loaded.source.problem(loc, str(exc)))
            continue
        if book.id in books:
            problems.append(
                loaded.source.problem(loc, f"rule book '{book.id}' is named twice")
            )
        books[book.id] = book
    return list(books.values())


def _check_parameters(
    loaded: LoadedSpec, target: Target, problems: list[Problem]
) -> None:
    """Unknown names at their key, impossible values at the value."""
    spec, source = loaded.spec, loaded.source
    known = target.parameters()
    values: list[tuple[tuple[str | int, ...], str, ParamValue]] = [
        (("fixed", name), name, value) for name, value in spec.fixed.items()
    ]
    for name, listed in (spec.grid.parameters if spec.grid else {}).items():
        values += [
            (("grid", "parameters", name, i), name, v) for i, v in enumerate(listed)
        ]
    unknown: set[str] = set()
    for loc, name, value in values:
        if name not in known:
            if name not in unknown:
                unknown.add(name)
                where = loc[:-1] if loc[0] == "grid" else loc
                problems.append(
                    source.problem(
                        where,
                        f"unknown parameter '{name}'{did_you_mean(name, known)}",
                        key=True,
                    )
                )
            continue
        try:
            target.check({name: value})
        except GovsimError as exc:
            problems.append(source.problem(loc, str(exc)))
    if problems:
        return
    for point in spec.points():
        try:
            target.check({**spec.fixed, **point})
        except GovsimError as exc:
            shown = ", ".join(f"{k}={v!r}" for k, v in point.items())
            problems.append(source.problem(("grid",), f"at {shown}: {exc}"))
            return


def _measures(
    loaded: LoadedSpec, target: Target, problems: list[Problem]
) -> tuple[str, ...]:
    known = target.measures()
    if loaded.spec.measures is None:
        return known
    chosen: dict[str, None] = {}
    for i, name in enumerate(loaded.spec.measures):
        if name in known:
            chosen[name] = None
        else:
            problems.append(
                loaded.source.problem(
                    ("measures", i),
                    f"unknown measure '{name}'{did_you_mean(name, known)}",
                )
            )
    return tuple(chosen)
