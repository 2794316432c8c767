"""What a sweep runs: a target, loaded once per process and run many times.

A target is anything that can run once under a rule book with parameters and
a seed and return one flat record of outcome measures. Two kinds come with
govsim: ``model`` (a behaviour model, :mod:`govsim.simulation`) and
``scenario`` (a scenario replayed with random absences). Other kinds are added
with :func:`register_target`, or by a plugin's entry point in the group
``govsim.targets`` (docs/extending.md).

Workers load a target by kind and path through :func:`load_target`, which
keeps one per process: a process pool or a Dask worker pays for reading the
files once, not once per run.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from govsim.documents import did_you_mean
from govsim.documents.finding import BookFinder, RuleBookNotFoundError
from govsim.documents.paths import resolve_safely
from govsim.errors import UsageError
from govsim.registry import Registry

__all__ = [
    "TARGETS",
    "Book",
    "Record",
    "Target",
    "TargetLoader",
    "find_book",
    "load_target",
    "register_target",
    "registered_loader",
    "target_kinds",
]

Value = int | float | str | bool | None
Record = dict[str, Value]
"""One run's outcome: measure name to value."""


@dataclass(frozen=True)
class Book:
    """A rule book as a sweep names it: its id, and what the target runs it by."""

    id: str
    key: str
    """An id the target lists, or the absolute path of a book file."""


class Target(Protocol):
    """Something a sweep runs: deterministic in (book, parameters, seed)."""

    @property
    def id(self) -> str:
        """The target's id (the model's or the scenario's)."""
        ...

    def rulebooks(self) -> tuple[str, ...]:
        """Ids of the books the target lists: the sweep's default books."""
        ...

    def book(self, ref: str, base: Path) -> Book:
        """Resolve a book named in a spec (an id, or a path relative to ``base``).

        Raises:
            UsageError: no such book, with the closest id when one is close.
        """
        ...

    def parameters(self) -> Mapping[str, int | float | str | bool]:
        """Every tunable parameter with its default, by dotted name."""
        ...

    def check(self, params: Mapping[str, object]) -> None:
        """Refuse unknown parameters and impossible values with a UsageError."""
        ...

    def measures(self) -> tuple[str, ...]:
        """The outcome measures a run records, in a fixed order."""
        ...

    def run(self, book: str, *, params: Mapping[str, object], seed: int) -> Record:
        """Run once under the book (a :attr:`Book.key`) and return the measures."""
        ...


TargetLoader = Callable[[Path], Target]


def find_book(
    ref: str,
    base: Path,
    listed: tuple[str, ...],
    owner: str,
    read: Callable[[str], str],
    target: Path | None = None,
) -> Book:
    """Resolve a spec's book: an id the target lists, or a book file found.

    A book the target does not list is found as every document finds its
    books (:class:`~govsim.documents.finding.BookFinder`): a path relative
    to the spec, or a name beside the spec, then beside the target.

    Args:
        ref: the id or path as the spec writes it.
        base: the spec's folder.
        listed: the ids the target lists.
        owner: the target, for the message (``model iso-2019-crisis``).
        read: loads a book file (by absolute path) and returns its id.
        target: the target's file, whose folder is searched after the spec's.

    Raises:
        UsageError: no such book, with the places searched and the closest
            id; two books of that name in one folder.
    """
    if ref in listed:
        return Book(ref, ref)
    named = [] if target is None else [target]
    try:
        found = BookFinder().find(ref, folder=base, named=named)
    except RuleBookNotFoundError as exc:
        raise UsageError(exc.describe(owner, listed)) from None
    path = resolve_safely(found)
    return Book(read(str(path)), str(path))


def load_model_target(path: Path) -> Target:
    """A behaviour model document as a target (``model:`` in a spec)."""
    from govsim.sweeps.model_target import load_model_target as load

    return load(path)


def load_scenario_target(path: Path) -> Target:
    """A scenario replayed with random absences as a target (``scenario:``)."""
    from govsim.sweeps.scenario_target import load_scenario_target as load

    return load(path)


TARGETS: Registry[TargetLoader] = Registry("kind of sweep target", "govsim.targets")
"""Every kind of sweep target to its loader: govsim's two, then plugins'."""
TARGETS.add("model", load_model_target)
TARGETS.add("scenario", load_scenario_target)
_LOADED: dict[tuple[str, Path], Target] = {}


def register_target(kind: str, loader: TargetLoader) -> None:
    """Make a new kind of target available to sweeps.

    Args:
        kind: the name a spec uses for it.
        loader: reads a target file into a :class:`Target`; it must be a
            module-level function so that worker processes can import it.

    Raises:
        PluginError: another loader is registered under ``kind``.
    """
    TARGETS.add(kind, loader)
    for key in [k for k in _LOADED if k[0] == kind]:
        del _LOADED[key]


def target_kinds() -> list[str]:
    """Every kind of target known, sorted."""
    return sorted(TARGETS)


def registered_loader(kind: str) -> TargetLoader | None:
    """The loader of a kind govsim does not ship (``None`` for ``model`` and ``scenario``).

    A sweep hands it to its workers, which may not have registered it.
    """
    if kind not in TARGETS or TARGETS.provider(kind).startswith("govsim "):
        return None
    return TARGETS[kind]


def _loader(kind: str) -> TargetLoader:
    if kind not in TARGETS:
        raise UsageError(
            f"no kind of sweep target '{kind}'{did_you_mean(kind, target_kinds())}; "
            f"known: {', '.join(target_kinds())}"
        )
    return TARGETS[kind]


def load_target(kind: str, path: str | Path) -> Target:
    """The target of that kind in that file, loaded once per process.

    Raises:
        DocumentError: the file is not a valid target.
        UsageError: no such kind of target.
    """
    key = (kind, resolve_safely(path))
    target = _LOADED.get(key)
    if target is None:
        target = _LOADED[key] = _loader(kind)(key[1])
    return target
