"""Run a loaded scenario under its rule books and judge its expectations."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from govsim.documents.paths import is_regular_file
from govsim.engine.replay import replay
from govsim.errors import DocumentError, UnknownReferenceError
from govsim.findings.expectations import evaluate
from govsim.findings.result import Result
from govsim.model.clauses import ResolvedBook
from govsim.model.loading import LoadedScenario, load_rulebook_for, load_scenario

if TYPE_CHECKING:
    from govsim.invariants.monitor import Monitor

__all__ = ["resolve_book", "run", "run_all"]


def resolve_book(
    loaded: LoadedScenario, rulebook: str | Path | ResolvedBook | None
) -> ResolvedBook:
    """The rule book a run uses: one the scenario lists (by id), a file, or given.

    ``None`` is the scenario's first book. Raises :class:`UnknownReferenceError`
    naming the books the scenario has.
    """
    if rulebook is None:
        return next(iter(loaded.rulebooks.values()))
    if isinstance(rulebook, ResolvedBook):
        return rulebook
    key = str(rulebook)
    if key in loaded.rulebooks:
        return loaded.rulebooks[key]
    if Path(key).suffix in {".yaml", ".yml"} and is_regular_file(key):
        return load_rulebook_for(key, loaded.organisation)
    known = ", ".join(loaded.rulebooks)
    raise UnknownReferenceError(
        f"scenario {loaded.id} has no rule book '{key}' (it has: {known}); "
        "pass a path to a rule book file, or list the book in the scenario"
    )


def _monitor(loaded: LoadedScenario, book: ResolvedBook) -> Monitor | None:
    """The invariant monitor for this scenario under this book (None: none chosen)."""
    from govsim.invariants import Monitor, choose
    from govsim.invariants.selection import book_issues

    s = loaded.scenario
    first = s.start or min(a.at for a in s.acts)
    issues = book_issues(s, book, first)
    if issues:
        raise DocumentError(
            [loaded.source.problem(loc, message) for loc, message in issues]
        )
    chosen = choose(s)
    return Monitor(chosen, loaded.organisation, book) if chosen else None


def run(
    scenario: LoadedScenario | str | Path,
    rulebook: str | Path | ResolvedBook | None = None,
) -> Result:
    """Replay a scenario under one rule book and judge its expectations for that book.

    Args:
        scenario: a loaded scenario, or the path of a scenario file.
        rulebook: the book's id (one the scenario lists), a path, a resolved
            book, or ``None`` for the scenario's first book.

    Returns:
        The acts with verdicts and reasons, the violations, and the outcome of
        the scenario's expectations for that book (none if it states none).

    Example:
        >>> import govsim
        >>> result = govsim.run("scenarios/iso/2012-13-case.govsim.yaml",  # doctest: +SKIP
        ...                     "iso-2013-as-practised")
        >>> result.verdict("sc-overrides").value  # doctest: +SKIP
        'irregular'
    """
    loaded = (
        scenario if isinstance(scenario, LoadedScenario) else load_scenario(scenario)
    )
    book = resolve_book(loaded, rulebook)
    s = loaded.scenario
    trace = replay(
        loaded.organisation,
        book,
        loaded.acts(),
        s.events,
        start=s.start,
        end=s.end,
        monitor=_monitor(loaded, book),
    )
    result = Result(scenario=loaded.id, rulebook=book.id, trace=trace)
    expect = s.expect.get(book.id)
    if expect is not None:
        result.expectations = evaluate(expect, trace, book.id)
    return result


def run_all(scenario: LoadedScenario | str | Path) -> list[Result]:
    """Replay a scenario under every rule book it lists, in order."""
    loaded = (
        scenario if isinstance(scenario, LoadedScenario) else load_scenario(scenario)
    )
    return [run(loaded, book) for book in loaded.rulebooks.values()]
