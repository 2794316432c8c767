"""A behaviour model as a sweep target (:mod:`govsim.simulation`).

A model file already is what a sweep wants: it lists its rule books, its
parameters with defaults, its outcome measures, and runs deterministically
from a book, parameters and a seed. This adapter only resolves the books a
spec names, by id or by path, and keeps the resolved books for the process.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from govsim.sweeps.targets import Book, Record, find_book

__all__ = ["ModelTarget", "load_model_target"]


class ModelTarget:
    """A loaded behaviour model, run under the books a sweep names."""

    def __init__(self, path: Path) -> None:
        # Imported here: sweeps of scenarios need neither it nor numpy.
        from govsim.simulation import load_model

        self.model = load_model(path)
        self.path = path
        self._files: dict[str, Any] = {}

    @property
    def id(self) -> str:
        """The model's id."""
        return str(self.model.id)

    def rulebooks(self) -> tuple[str, ...]:
        """The books the model document lists."""
        return tuple(self.model.rulebooks)

    def book(self, ref: str, base: Path) -> Book:
        """A book the model lists, by id, or a rule book file found from the spec."""
        return find_book(
            ref,
            base,
            self.rulebooks(),
            f"model {self.id}",
            lambda path: str(self._load(path).id),
            self.path,
        )

    def _load(self, path: str) -> Any:
        if path not in self._files:
            from govsim.model.loading import load_rulebook

            self._files[path] = load_rulebook(path)
        return self._files[path]

    def parameters(self) -> Mapping[str, int | float | str | bool]:
        """The model's tunable parameters with their defaults."""
        return dict(self.model.parameters())

    def check(self, params: Mapping[str, object]) -> None:
        """Delegate to the model, which names the bad parameter."""
        self.model.check(params)

    def measures(self) -> tuple[str, ...]:
        """The model's outcome measures, in its order."""
        return tuple(self.model.measures())

    def run(self, book: str, *, params: Mapping[str, object], seed: int) -> Record:
        """Run the model once; a book file is passed resolved, an id as it is."""
        rulebook = book if book in self.model.rulebooks else self._load(book)
        record: Record = self.model.run(rulebook, params=params, seed=seed)
        return record


def load_model_target(path: Path) -> ModelTarget:
    """Read a behaviour model file as a sweep target."""
    return ModelTarget(path)
