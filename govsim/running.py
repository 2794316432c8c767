"""Run a loaded scenario under its rule books and judge its expectations."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from govsim.documents.finding import BookFinder, RuleBookNotFoundError
from govsim.engine.replay import replay
from govsim.errors import DocumentError, UnknownReferenceError
from govsim.findings.expectations import evaluate
from govsim.findings.result import Result
from govsim.model.clauses import ResolvedBook
from govsim.model.loading import LoadedScenario, load_rulebook_for, load_scenario

if TYPE_CHECKING:
    from govsim.invariants.monitor import Monitor

__all__ = ["locate_book", "resolve_book", "run", "run_all"]


def locate_book(loaded: LoadedScenario, ref: str | Path) -> Path:
    """The file of a book a user names for a scenario, as every command finds it.

    A path is taken relative to the current folder (it is typed on the
    command line); a name is looked for as the scenario's own references
    are, beside the scenario first (:class:`~govsim.documents.finding.BookFinder`).

    Raises:
        UsageError: an unreadable file, or two books of that name in one folder.
        RuleBookNotFoundError: no such book anywhere searched.
    """
    if str(ref) in loaded.book_files:
        return loaded.book_files[str(ref)]
    organisation = loaded.scenario.organisation
    folder = None if loaded.path is None else loaded.path.parent
    named = []
    if folder is not None and isinstance(organisation, str):
        named.append(folder / organisation)
    return BookFinder().find(ref, folder=folder, named=named, relative_to=Path())


def resolve_book(
    loaded: LoadedScenario, rulebook: str | Path | ResolvedBook | None
) -> ResolvedBook:
    """The rule book a run uses: one the scenario lists (by id), one found, or given.

    ``None`` is the scenario's first book. A book the scenario does not list
    is found by :func:`locate_book`. Raises :class:`UnknownReferenceError`
    naming the books the scenario has and the places searched.
    """
    if rulebook is None:
        return next(iter(loaded.rulebooks.values()))
    if isinstance(rulebook, ResolvedBook):
        return rulebook
    key = str(rulebook)
    if key in loaded.rulebooks:
        return loaded.rulebooks[key]
    try:
        path = locate_book(loaded, key)
    except RuleBookNotFoundError as exc:
        owner = f"scenario {loaded.id}"
        message = exc.describe(owner, list(loaded.rulebooks), lists="it has")
        raise UnknownReferenceError(message) from None
    return load_rulebook_for(path, loaded.organisation)


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

    Examples:
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
        loaded.acts(book),
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
