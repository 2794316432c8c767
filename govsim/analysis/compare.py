"""Differential replay: one history under several rule books, act by act.

The question people bring is rarely "is this book valid?" but "would the
other book have stopped this?". :func:`compare` replays the same scenario
under each book and :class:`Comparison` lines the verdicts up, finds the first
act the books judge differently and the clauses behind each verdict there,
and measures the outcomes. Each book's replay is the engine's own, so an act
that depends on an act void under one book is void under it too, with the
engine's "depends on act …, which is void" reason shown as the cause.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govsim.analysis.bookpair import organisation_span
from govsim.analysis.rulesplit import RulesSplit, rule_splits
from govsim.documents import did_you_mean
from govsim.engine.trace import ActRecord, Reason, Verdict, to_data
from govsim.errors import (
    DocumentError,
    GovsimError,
    Problem,
    UnknownReferenceError,
    UsageError,
)
from govsim.findings.outcomes import Outcomes, measure
from govsim.findings.versions import origins
from govsim.model.clauses import ResolvedBook
from govsim.model.loading import LoadedScenario, load_rulebook, load_scenario
from govsim.running import locate_book, resolve_book, run

if TYPE_CHECKING:
    from collections.abc import Sequence

    from rich.console import RenderableType

    from govsim.findings.result import Result

__all__ = [
    "ActRow",
    "Comparison",
    "Divergence",
    "compare",
    "deciding",
    "resolve_books",
]


def deciding(record: ActRecord) -> tuple[Reason, ...]:
    """The reasons that decide an act's verdict under one book.

    For an act that is not valid, every check that failed (a dependency on a
    void act among them); for a valid act, the clauses granting the power,
    since those are what another book's verdict is weighed against.
    """
    if record.failing:
        return record.failing
    return tuple(r for r in record.reasons if r.holds and r.rule == "power")


@dataclass(frozen=True)
class ActRow:
    """One act of the scenario with its record under each book, in book order."""

    id: str
    at: dt.date
    actor: str
    act: str
    records: dict[str, ActRecord]

    @property
    def verdicts(self) -> dict[str, Verdict]:
        """The verdict under each book."""
        return {book: r.verdict for book, r in self.records.items()}

    @property
    def diverges(self) -> bool:
        """Whether the books judge this act differently."""
        return len(set(self.verdicts.values())) > 1


@dataclass(frozen=True)
class Divergence:
    """The first act the books judge differently, and what decides each verdict.

    ``split`` is set when the act is an amendment that changed the rules under
    some books and was void under others: from then on the books judge later
    acts under different versions of the rules.
    """

    row: ActRow
    split: RulesSplit | None = None
    origins: dict[str, dict[str, str]] = field(default_factory=dict)
    """Per book, each deciding clause an ``amend_rules`` act added or reworded,
    cited as ``as reworded by act X, in force from D``."""

    @property
    def reasons(self) -> dict[str, tuple[Reason, ...]]:
        """The deciding reasons under each book (see :func:`deciding`)."""
        return {book: deciding(r) for book, r in self.row.records.items()}

    def clauses(self, book: str) -> list[str]:
        """The ids of the clauses deciding the verdict under one book, once each."""
        return list(
            dict.fromkeys(r.clause for r in self.reasons[book] if r.clause is not None)
        )

    def verdicts(self) -> list[str]:
        """Per book, its verdict and the clauses (with their text) deciding it."""
        parts = []
        for book, record in self.row.records.items():
            part = f"{record.verdict.value} under {book}"
            why = _why(self.reasons[book], self.origins.get(book, {}))
            parts.append(f"{part}: {why}" if why else part)
        return parts

    def __str__(self) -> str:
        split = [str(self.split)] if self.split is not None else []
        return f"act {self.row.id} — " + "; ".join([*self.verdicts(), *split])


def _why(reasons: tuple[Reason, ...], origins: dict[str, str]) -> str:
    """Each deciding clause once, with its text, or the check when no clause decides.

    A clause an amendment act made says so before its text.
    """
    seen: dict[str, str] = {}
    for reason in reasons:
        if reason.clause is None:
            seen.setdefault(reason.check, reason.check)
        else:
            origin = origins.get(reason.clause)
            made = f"{origin}: " if origin else ""
            seen.setdefault(
                f"clause {reason.clause}",
                f"clause {reason.clause} ({made}{reason.text or reason.check})",
            )
    return ", ".join(seen.values())


@dataclass
class Comparison:
    """The same scenario replayed under several rule books, side by side."""

    scenario: str
    results: dict[str, Result]
    """Book id to its replay, in the order the books were given."""
    _outcomes: dict[str, Outcomes] = field(default_factory=dict, repr=False)

    def __repr__(self) -> str:
        """One line: the scenario, the books, the acts and where they first diverge."""
        from govsim.analysis.display import comparison_repr

        return comparison_repr(self)

    def _repr_html_(self) -> str:
        """The verdict matrix and what follows it, as HTML, shown by Jupyter."""
        from govsim.analysis.display import comparison_html

        return comparison_html(self)

    def __rich__(self) -> RenderableType:
        """The comparison as ``govsim compare`` prints it, for ``rich.print``."""
        from govsim.analysis.display import comparison_rich

        return comparison_rich(self)

    @property
    def books(self) -> list[str]:
        """The rule book ids, in the order given."""
        return list(self.results)

    @cached_property
    def rows(self) -> list[ActRow]:
        """Every act in scenario order with its record under each book."""
        first = next(iter(self.results.values()))
        by_book = {
            book: {r.id: r for r in result.acts}
            for book, result in self.results.items()
        }
        return [
            ActRow(
                a.id,
                a.at,
                a.actor,
                a.act,
                {book: acts[a.id] for book, acts in by_book.items()},
            )
            for a in first.acts
        ]

    def row(self, act_id: str) -> ActRow:
        """The row of one act."""
        for row in self.rows:
            if row.id == act_id:
                return row
        raise UnknownReferenceError(f"no act '{act_id}' in scenario {self.scenario}")

    @cached_property
    def rule_splits(self) -> list[RulesSplit]:
        """The amendments adopted under some books and not others, in act order."""
        return rule_splits(self.results)

    @property
    def first_divergence(self) -> Divergence | None:
        """The first act the books judge differently (``None``: they agree throughout)."""
        row = next((row for row in self.rows if row.diverges), None)
        if row is None:
            return None
        split = next((s for s in self.rule_splits if s.act == row.id), None)
        made = {
            book: {
                clause: change.origin(clause)
                for clause, change in origins(
                    result.amendments, row.records[book]
                ).items()
            }
            for book, result in self.results.items()
        }
        return Divergence(row, split, {b: o for b, o in made.items() if o})

    def outcomes(self, book: str) -> Outcomes:
        """The outcome measures of the replay under one book."""
        if book not in self._outcomes:
            self._outcomes[book] = measure(self.results[book])
        return self._outcomes[book]

    def invariant_counts(self, book: str) -> dict[str, dict[str, int]]:
        """Breaches and prevented breaches under one book, counted per invariant.

        ``{"broken": {name: n}, "prevented": {name: n}}``, each in the order
        first found; a prevented breach is one a void act would have made.
        """
        result = self.results[book]
        out: dict[str, dict[str, int]] = {"broken": {}, "prevented": {}}
        for key, breaches in (
            ("broken", result.breaches),
            ("prevented", result.prevented),
        ):
            for b in breaches:
                out[key][b.invariant] = out[key].get(b.invariant, 0) + 1
        return out

    def to_records(self) -> dict[str, Any]:
        """The comparison as JSON-ready data: lists of plain dicts under named keys.

        ``acts`` holds one dict per act with its verdict and deciding reasons
        per book; ``first_divergence`` the act, verdicts and deciding clauses
        (``None`` when the books agree); ``violations``, ``outcomes`` and
        ``invariants`` (breaches and prevented breaches per invariant) one
        entry per book; ``rule_splits`` the amendments adopted under some
        books and void under others (see :class:`RulesSplit`).
        """
        divergence = self.first_divergence
        return {
            "scenario": self.scenario,
            "rulebooks": self.books,
            "acts": [
                {
                    "id": row.id,
                    "at": row.at.isoformat(),
                    "actor": row.actor,
                    "act": row.act,
                    "targets": list(next(iter(row.records.values())).targets),
                    "verdicts": {b: v.value for b, v in row.verdicts.items()},
                    "diverges": row.diverges,
                    "reasons": {
                        b: [to_data(x) for x in deciding(r)]
                        for b, r in row.records.items()
                    },
                }
                for row in self.rows
            ],
            "first_divergence": None
            if divergence is None
            else {
                "act": divergence.row.id,
                "at": divergence.row.at.isoformat(),
                "verdicts": {b: v.value for b, v in divergence.row.verdicts.items()},
                "clauses": {b: divergence.clauses(b) for b in self.books},
                "reasons": {
                    b: [to_data(x) for x in rs] for b, rs in divergence.reasons.items()
                },
                "summary": str(divergence),
            },
            "violations": [
                {"rulebook": book, "violations": [to_data(v) for v in r.violations]}
                for book, r in self.results.items()
            ],
            "outcomes": [self.outcomes(book).to_record() for book in self.books],
            "invariants": [
                {"rulebook": book, **self.invariant_counts(book)} for book in self.books
            ],
            "rule_splits": [split.to_record() for split in self.rule_splits],
        }


def _foreign_files(
    loaded: LoadedScenario, rulebooks: Sequence[str | Path | ResolvedBook]
) -> list[Problem]:
    """Books given by path or found by name that are written for another organisation.

    Checked before the books are loaded for the scenario, so the message
    points at the book's ``organisation:`` key rather than at its first line.
    """
    org = loaded.organisation.organisation
    problems = []
    for ref in rulebooks:
        if isinstance(ref, ResolvedBook) or str(ref) in loaded.rulebooks:
            continue
        try:
            path = locate_book(loaded, ref)
        except GovsimError:
            continue  # resolve_book refuses it, with the places searched
        book = load_rulebook(path)
        if book.organisation not in (None, org):
            problems.append(
                Problem(
                    organisation_span(path),
                    f"rule book '{book.id}' is written for organisation "
                    f"'{book.organisation}', but scenario {loaded.id} is about '{org}'",
                    ("organisation",),
                )
            )
    return problems


def _foreign_in_memory(
    loaded: LoadedScenario, books: list[ResolvedBook]
) -> list[Problem]:
    """Books given in memory for another organisation, placed at the scenario's."""
    org = loaded.organisation.organisation
    return [
        loaded.source.problem(
            ("organisation",),
            f"rule book '{b.id}' (given in memory) is written for organisation "
            f"'{b.organisation}', but scenario {loaded.id} is about '{org}'",
            key=True,
        )
        for b in books
        if b.organisation not in (None, org)
    ]


def _missing_clauses(
    loaded: LoadedScenario, books: list[ResolvedBook]
) -> list[Problem]:
    """Expected violations naming a clause a given book does not have.

    A book given by path may carry the id of a book the scenario lists while
    lacking clauses the scenario's expectations for that id name; comparing
    (or reporting) would then show an unmet expectation that is really a
    wrong book.
    """
    problems = []
    for book in books:
        expect = loaded.scenario.expect.get(book.id)
        if expect is None or expect.violations is None:
            continue
        known = book.all_clause_ids()
        for part in ("present", "absent"):
            for j, pattern in enumerate(getattr(expect.violations, part)):
                if pattern.clause is None or pattern.clause in known:
                    continue
                problems.append(
                    loaded.source.problem(
                        ("expect", book.id, "violations", part, j, "clause"),
                        f"the scenario expects clause '{pattern.clause}' under "
                        f"{book.id}, but the book given as {book.id} has no "
                        f"such clause{did_you_mean(pattern.clause, known)}",
                    )
                )
    return problems


def resolve_books(
    loaded: LoadedScenario, rulebooks: Sequence[str | Path | ResolvedBook]
) -> list[ResolvedBook]:
    """Every book to replay a scenario under, resolved and checked before any is run.

    Resolving all first means a bad book stops the command before there is
    anything to show, so no one reads a partial table or page as a result.
    ``govsim compare`` and ``govsim report`` both take their books through
    here, so they refuse the same things with the same messages.

    Args:
        loaded: the scenario.
        rulebooks: ids the scenario lists, paths to rule book files, or
            resolved books.

    Returns:
        The books, in the order given.

    Raises:
        UsageError: a book given twice (by id and by path, say).
        UnknownReferenceError: a book the scenario does not list and that is
            not a rule book file.
        DocumentError: a rule book file with problems; a book written for
            another organisation than the scenario's (at the book's
            ``organisation:`` key, or the scenario's for a book in memory);
            expected violations naming a clause a book lacks (at the
            scenario's ``clause:``). All positioned.
    """
    foreign = _foreign_files(loaded, rulebooks)
    if foreign:
        raise DocumentError(foreign)
    books = [resolve_book(loaded, r) for r in rulebooks]
    ids = [b.id for b in books]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise UsageError(
            f"rule book {', '.join(twice)} is given more than once; give each book once"
        )
    problems = _foreign_in_memory(loaded, books) + _missing_clauses(loaded, books)
    if problems:
        raise DocumentError(problems)
    return books


def compare(
    scenario: LoadedScenario | str | Path,
    rulebooks: Sequence[str | Path | ResolvedBook],
) -> Comparison:
    """Replay one scenario under each of several rule books and line them up.

    Args:
        scenario: a loaded scenario, or the path of a scenario file.
        rulebooks: two or more books: ids the scenario lists, paths to rule
            book files, or resolved books.

    Returns:
        The comparison: per act the verdict under each book, the first
        divergence with its deciding clauses, violations and outcome measures.

    Raises:
        UsageError: fewer than two books, or a book given twice.
        UnknownReferenceError: a book the scenario does not list and that is
            not a rule book file.
        DocumentError: a rule book file with problems; a book written for
            another organisation than the scenario's (at the book's
            ``organisation:`` key, or the scenario's for a book in memory);
            expected violations naming a clause a compared book lacks (at
            the scenario's ``clause:``). All positioned.

    Examples:
        >>> import govsim
        >>> c = govsim.compare("scenarios/iso/2012-13-case.govsim.yaml",  # doctest: +SKIP
        ...                    ["iso-2013-as-practised", "external-checks"])
        >>> c.first_divergence.row.id  # doctest: +SKIP
        'nc-x-undermines'
    """
    loaded = (
        scenario if isinstance(scenario, LoadedScenario) else load_scenario(scenario)
    )
    if len(rulebooks) < 2:
        raise UsageError(
            f"a comparison needs at least two rule books, got {len(rulebooks)}; "
            f"scenario {loaded.id} lists: {', '.join(loaded.rulebooks)}"
        )
    books = resolve_books(loaded, rulebooks)
    results = {book.id: run(loaded, book) for book in books}
    return Comparison(loaded.id, results)
