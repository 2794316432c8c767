"""A pytest plugin that collects govsim scenario files as tests.

A scenario's ``expect:`` block is a test suite written as data, so ``pytest
scenarios/`` should run it like one: each ``*.govsim.yaml`` / ``*.govsim.yml``
file whose top-level key is ``scenario`` becomes a test file, and each rule book
it lists one test item, named after the book (node id ``case.govsim.yaml::book``).
Organisation and rule book documents share the suffix and are left alone.

Failures read like ``govsim run``: the item's ``file:line``, the scenario and
book, and every unmet expectation with what was found and its own
``file:line:col`` -- no traceback, since the scenario, not Python, is what
failed. An invalid scenario is a collection error listing each problem as
``file:line:col: where: what``. Any other exception keeps pytest's traceback,
because it is a bug to report.

pytest loads every installed plugin on every run, so this module imports only
pytest and :mod:`govsim.errors` at import time; the loaders and the engine are
imported when a scenario file is actually met. It is enabled by the
``pytest11`` entry point ``govsim``; with plugin autoloading disabled
(``PYTEST_DISABLE_PLUGIN_AUTOLOAD``), pass ``-p govsim``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from govsim.errors import DocumentError, GovsimError, Problem, Span

if TYPE_CHECKING:
    from govsim.model.loading import LoadedScenario

__all__ = [
    "ScenarioFile",
    "ScenarioItem",
    "UnmetExpectationError",
    "pytest_collect_file",
]

SUFFIXES = (".govsim.yaml", ".govsim.yml")


def _is_scenario(path: Path) -> bool:
    """Tell whether a document's top-level key is ``scenario``.

    A file that is not valid YAML counts as a scenario when a line starts with a
    ``scenario:`` key, so that its mistakes surface as a collection error.
    """
    from govsim.documents import load_yaml_file
    from govsim.documents.kinds import kind_keys_in

    try:
        data, _ = load_yaml_file(path)
    except DocumentError:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return False
        return any(key == "scenario" for key, _ in kind_keys_in(text))
    return isinstance(data, dict) and "scenario" in data


def _relative(span: Span, base: Path) -> Span:
    """The span with its path relative to ``base`` when it lies below it."""
    try:
        return replace(span, path=str(Path(span.path).relative_to(base)))
    except ValueError:
        return span


class UnmetExpectationError(AssertionError):
    """A replay did not yield what the scenario expects; carries the report lines."""


class ScenarioItem(pytest.Item):
    """One scenario replayed under one rule book, judged by its expectations."""

    def __init__(self, *, loaded: LoadedScenario, line: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.loaded = loaded
        self.line = line
        """1-based line of the book's ``expect:`` entry, else of ``scenario:``."""

    def _span(self, span: Span) -> Span:
        return _relative(span, self.config.invocation_params.dir)

    def runtest(self) -> None:
        """Replay the scenario under the book and fail on any unmet expectation.

        Raises:
            UnmetExpectationError: listing every unmet expectation.
        """
        scenario = self.loaded.scenario
        if self.name not in scenario.expect:
            pytest.skip(f"no expectations stated for rule book {self.name}")
        from govsim.running import run

        result = run(self.loaded, self.name)
        unmet = [e for e in result.expectations if not e.met]
        if not unmet:
            return
        here = self._span(Span(str(self.path), self.line, 1))
        lines = [
            f"{here.path}:{here.line}: scenario {self.loaded.id} under rule book {self.name}: "
            f"{len(unmet)} of {len(result.expectations)} expectations unmet"
        ]
        for outcome in unmet:
            span = (
                self.loaded.source.span(outcome.loc)
                if outcome.loc
                else Span(str(self.path), self.line, 1)
            )
            found = outcome.actual or "nothing"
            lines.append(
                f"  {self._span(span)}: {outcome.description} (found: {found})"
            )
        raise UnmetExpectationError("\n".join(lines))

    def repr_failure(
        self,
        excinfo: pytest.ExceptionInfo[BaseException],
        style: Any = None,
    ) -> Any:
        """Report unmet expectations as plain lines; anything else as pytest would."""
        if isinstance(excinfo.value, UnmetExpectationError):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self) -> tuple[Path, int, str]:
        """The scenario file, the 0-based line of this book's entry, and the book."""
        return self.path, self.line - 1, self.name


class ScenarioFile(pytest.File):
    """A scenario document: loaded once, one item per rule book it lists."""

    def _problems(self, error: GovsimError) -> list[Problem]:
        if isinstance(error, DocumentError) and error.problems:
            return error.problems
        return [Problem(Span(str(self.path), 1, 1), str(error) or type(error).__name__)]

    def collect(self) -> Iterator[ScenarioItem]:
        """Load the scenario with its organisation and books; yield an item per book.

        Raises:
            pytest.Collector.CollectError: when any document involved is invalid,
                with one ``file:line:col: where: what`` line per problem.
        """
        from govsim.model.loading import load_scenario

        try:
            loaded = load_scenario(self.path)
        except GovsimError as exc:
            base = self.config.invocation_params.dir
            text = "\n".join(
                str(replace(p, span=_relative(p.span, base)) if p.span else p)
                for p in self._problems(exc)
            )
            raise self.CollectError(
                f"invalid scenario {self.path.name}:\n{text}"
            ) from exc
        source = loaded.source
        default = source.span(("scenario",), key=True).line
        for book in loaded.rulebooks:
            entry = ("expect", book)
            line = source.span(entry, key=True).line if source.has(entry) else default
            yield ScenarioItem.from_parent(self, name=book, loaded=loaded, line=line)


def pytest_collect_file(
    file_path: Path, parent: pytest.Collector
) -> ScenarioFile | None:
    """Collect ``*.govsim.yaml`` / ``*.govsim.yml`` files holding a scenario.

    Args:
        file_path: a file pytest met while collecting.
        parent: the directory (or package) collector holding it.

    Returns:
        A :class:`ScenarioFile` for a scenario document, else ``None`` so that
        other collectors (Python test modules among them) are undisturbed.
    """
    if not file_path.name.endswith(SUFFIXES) or not _is_scenario(file_path):
        return None
    return ScenarioFile.from_parent(parent, path=file_path)
