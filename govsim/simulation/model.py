"""A loaded model: checked parameters, and runs drawn from it under a rule book.

:func:`load_model` reads a model document with its organisation and books,
checks every behaviour's parameters at their ``file:line:col``, and returns a
:class:`Model`. A model is plain data (it pickles), so sweeps ship it to
worker processes; :meth:`Model.run` is deterministic in its book, parameters
and seed: the same three give the same record, byte for byte, on any machine
and in any executor.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from govsim.documents import did_you_mean, load_yaml_file, validate
from govsim.documents.finding import BookFinder
from govsim.documents.paths import input_problem, is_regular_file, missing_file
from govsim.documents.wording import plain_message
from govsim.errors import DocumentError, GovsimError, Problem, UsageError
from govsim.model.clauses import ResolvedBook
from govsim.model.loading import (
    load_organisation,
    load_rulebook,
    load_rulebook_for,
)
from govsim.model.organisation import Organisation
from govsim.simulation.behaviour import (
    Measure,
    Params,
    behaviour_class,
    flatten,
    nest,
)
from govsim.simulation.document import ModelDocument
from govsim.simulation.population import PopulationSpec

__all__ = ["ENGINE_MEASURES", "Model", "load_model"]

ENGINE_MEASURES = (
    "acts",
    "acts_void",
    "acts_irregular",
    "violations",
    "deadlines_missed",
    "breaches",
    "breached",
    "prevented",
    "prevented_of",
)
"""What every run reports from the engine's trace, whatever the behaviours."""


@dataclass
class Model:
    """A model document loaded with everything it refers to."""

    document: ModelDocument
    organisation: Organisation
    books: dict[str, ResolvedBook]
    params: dict[str, Params]
    """Each behaviour's parameters as the document sets them, by prefix."""
    path: Path | None = None

    @property
    def id(self) -> str:
        """The model's id."""
        return self.document.model

    @property
    def rulebooks(self) -> tuple[str, ...]:
        """The ids of the books the document lists, in its order."""
        return tuple(self.books)

    def parameters(self) -> dict[str, Any]:
        """Every tunable parameter by dotted name, with the document's value."""
        out = flatten(self.document.population.model_dump(mode="json"), "population")
        for key, params in self.params.items():
            out.update(flatten(params.model_dump(mode="json"), key))
        return out

    def measures(self) -> tuple[str, ...]:
        """The outcome measures of every run, in a fixed order."""
        names: list[str] = []
        for entry in self.document.behaviours:
            names += behaviour_class(entry.behaviour).MEASURES
        return (*names, *ENGINE_MEASURES)

    def check(self, params: Mapping[str, object]) -> None:
        """Raise :class:`UsageError` naming any unknown or impossible parameter."""
        self._resolve(params)

    def _resolve(
        self, overrides: Mapping[str, object]
    ) -> tuple[PopulationSpec, dict[str, Params]]:
        known = self.parameters()
        for name in overrides:
            if name not in known:
                hint = (
                    did_you_mean(name, known) or " (list them with govsim model params)"
                )
                raise UsageError(f"model {self.id} has no parameter '{name}'{hint}")
        grouped = nest(dict(overrides))
        population = self._merge(
            PopulationSpec, self.document.population, grouped, "population"
        )
        params = {
            key: self._merge(type(p), p, grouped, key) for key, p in self.params.items()
        }
        return population, params

    @staticmethod
    def _merge(
        model: type[Params] | type[PopulationSpec],
        base: Any,
        grouped: dict[str, Any],
        key: str,
    ) -> Any:
        if key not in grouped:
            return base
        data = _deep_update(base.model_dump(mode="json"), grouped[key])
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            error = exc.errors(include_url=False)[0]
            where = ".".join(
                [key, *(str(p) for p in error["loc"] if not str(p)[0].isupper())]
            )
            text = plain_message(error) or error["msg"]
            raise UsageError(f"parameter {where}: {text}") from None

    def book(self, rulebook: str | Path | ResolvedBook) -> ResolvedBook:
        """One of the model's books by id, a book file, or a resolved book."""
        if isinstance(rulebook, ResolvedBook):
            return rulebook
        if str(rulebook) in self.books:
            return self.books[str(rulebook)]
        path = Path(rulebook)
        if is_regular_file(path):
            return load_rulebook_for(path, self.organisation)
        listed = ", ".join(self.books)
        raise UsageError(
            f"model {self.id} has no rule book '{rulebook}'"
            + (did_you_mean(str(rulebook), self.books) or f" (it lists: {listed})")
        )

    def run(
        self,
        rulebook: str | Path | ResolvedBook,
        *,
        params: Mapping[str, object] | None = None,
        seed: int,
    ) -> dict[str, Measure]:
        """Draw one history under ``rulebook`` and return its outcome measures."""
        from govsim.simulation.execution import execute

        population, behaviour_params = self._resolve(params or {})
        return execute(self, self.book(rulebook), population, behaviour_params, seed)


def _deep_update(base: dict[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in changes.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), dict):
            out[key] = _deep_update(out[key], value)
        else:
            out[key] = value
    return out


def load_model(path: str | Path) -> Model:
    """Load and check a model document, its organisation, books and behaviours.

    Raises:
        DocumentError: every problem in the model and the files it names, positioned.
    """
    path = Path(path)
    data, source = load_yaml_file(path)
    try:
        doc = validate(ModelDocument, data, source)
    except DocumentError as exc:
        named = _named_files(data, exc.problems, path, source)
        raise DocumentError([*exc.problems, *named]) from None
    problems: list[Problem] = []
    org = _organisation(doc.organisation, path, source, problems)
    books = _books(doc.organisation, doc.rulebooks, path, source, org, problems)
    params: dict[str, Params] = {}
    measures: dict[str, str] = {}
    for i, entry in enumerate(doc.behaviours):
        try:
            cls = behaviour_class(entry.behaviour)
        except GovsimError as exc:
            problems.append(source.problem(("behaviours", i, "behaviour"), str(exc)))
            continue
        try:
            params[entry.key] = validate(
                cls.Params, entry.params, source.within(("behaviours", i, "params"))
            )
        except DocumentError as exc:
            problems.extend(exc.problems)
        for name in cls.MEASURES:
            if name in measures:
                problems.append(
                    source.problem(
                        ("behaviours", i),
                        f"behaviour {entry.key} reports '{name}', as {measures[name]} does; measures must have distinct names",
                    )
                )
            measures[name] = entry.key
        for role in getattr(cls, "ROLES", ()):
            if role not in doc.roles:
                problems.append(
                    source.problem(
                        ("roles",),
                        f"behaviour {entry.key} needs the role '{role}'; add it to roles",
                    )
                )
    if org is not None:
        for role, ident in doc.roles.items():
            if ident not in org.persons and ident not in org.bodies:
                problems.append(
                    source.problem(
                        ("roles", role),
                        f"role {role}: organisation {org.organisation} has no person or body '{ident}'"
                        + did_you_mean(ident, [*org.persons, *org.bodies]),
                    )
                )
    problems.extend(_invariant_problems(doc, source))
    if problems:
        raise DocumentError(problems)
    assert org is not None
    return Model(doc, org, books, params, path)


def _named_files(
    data: Any, found: list[Problem], path: Path, source: Any
) -> list[Problem]:
    """Problems of the organisation and books named by a model that failed.

    They are the files' own mistakes, independent of the model's, so they
    are reported in the same run; a key of the model with a problem of its
    own is not followed.
    """
    failed = {str(p.loc[0]) if p.loc else "" for p in found}
    written = data.get("organisation") if isinstance(data, Mapping) else None
    if "" in failed or "organisation" in failed or not isinstance(written, str):
        return []
    problems: list[Problem] = []
    org = _organisation(written, path, source, problems)
    refs = data.get("rulebooks")
    if "rulebooks" not in failed and isinstance(refs, list):
        _books(written, tuple(map(str, refs)), path, source, org, problems)
    return problems


def _books(
    written: str,
    refs: tuple[str, ...],
    path: Path,
    source: Any,
    org: Organisation | None,
    problems: list[Problem],
) -> dict[str, ResolvedBook]:
    """The books a model names, found and checked against its organisation.

    Found as every document finds its books, the organisation's folder
    searched after the model's own (docs/finding-books.md). A book is read
    even if the organisation failed, for its own problems; the bodies it
    names are then left unchecked rather than all called unknown.
    """
    books: dict[str, ResolvedBook] = {}
    finder = BookFinder()
    for i, ref in enumerate(refs):
        try:
            candidate = finder.find(
                ref, folder=path.parent, named=[path.parent / written]
            )
        except UsageError as exc:
            problems.append(source.problem(("rulebooks", i), str(exc)))
            continue
        try:
            book = (
                load_rulebook(candidate)
                if org is None
                else load_rulebook_for(candidate, org)
            )
        except DocumentError as exc:
            problems.extend(exc.problems)
            continue
        books[book.id] = book
    return books


def _organisation(
    written: str, path: Path, source: Any, problems: list[Problem]
) -> Organisation | None:
    org_path = path.parent / written
    unreadable = input_problem(org_path)
    if unreadable is not None:
        problems.append(
            source.problem(
                ("organisation",),
                missing_file("organisation", written, org_path, unreadable),
            )
        )
        return None
    try:
        return load_organisation(org_path)
    except DocumentError as exc:
        problems.extend(exc.problems)
        return None


def _invariant_problems(doc: ModelDocument, source: Any) -> list[Problem]:
    if isinstance(doc.invariants, str):
        return []
    from govsim.invariants import INVARIANTS

    return [
        source.problem(
            ("invariants", i), f"no invariant '{name}'" + did_you_mean(name, INVARIANTS)
        )
        for i, name in enumerate(doc.invariants)
        if name not in INVARIANTS
    ]
