"""Load documents from files into models, following references between them.

A scenario names an organisation file and rule books; a rule book may extend
another. Loading follows those references, validates every file, resolves
``extends`` chains, checks cross-references, and raises one
:class:`~govsim.errors.DocumentError` listing every problem in every file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from govsim.documents import SourceMap, did_you_mean, load_yaml_file, validate
from govsim.documents.cache import read_model
from govsim.documents.finding import BookFinder
from govsim.documents.kinds import kind_by_sign
from govsim.documents.paths import (
    input_problem,
    missing_file,
    resolve_safely,
)
from govsim.errors import DocumentError, Problem, Span, UsageError
from govsim.limits import MAX_EXTENDS
from govsim.model.acts import ActBase
from govsim.model.amendment_acts import review_amendments
from govsim.model.applicability import book_applicability
from govsim.model.clausechecks import act_names, body_refs, failed_book_issues
from govsim.model.clauses import ResolvedBook, merge_books
from govsim.model.common import Issue
from govsim.model.organisation import Organisation
from govsim.model.partial import organisation_issues, scenario_head
from govsim.model.references import (
    act_ids,
    expectation_book_issues,
    scenario_issues,
)
from govsim.model.rulebook import RuleBook
from govsim.model.scenario import Scenario

__all__ = [
    "LoadedScenario",
    "load_organisation",
    "load_rulebook",
    "load_rulebook_for",
    "load_scenario",
]

M = TypeVar("M", bound=BaseModel)


@dataclass
class LoadedScenario:
    """A scenario with everything it refers to loaded and checked."""

    scenario: Scenario
    organisation: Organisation
    rulebooks: dict[str, ResolvedBook]
    """Rule book id to the resolved book, in the order the scenario lists them."""
    act_ids: list[str]
    act_lines: list[int | None]
    path: Path | None = None
    source: SourceMap = field(default_factory=SourceMap.empty)
    book_files: dict[str, Path] = field(default_factory=dict)
    """Rule book id to the file it was read from (none for a book written inline)."""
    book_acts: dict[str, tuple[ActBase, ...]] = field(default_factory=dict)
    """Rule book id to the acts as replayed under it, where an ``amend_rules``
    act reads its text from a file (``text_from``): whether a clause of the
    text is added or replaces one depends on the book. ``scenario.acts`` holds
    them as resolved for the first book."""
    written: Scenario | None = None
    """The scenario as written, where an act reads a text: for a book it was
    not loaded with, its acts are checked and resolved again."""

    @property
    def id(self) -> str:
        """The scenario's id."""
        return self.scenario.scenario

    def acts(
        self, book: ResolvedBook | str | None = None
    ) -> list[tuple[str, ActBase, int | None]]:
        """(id, act, line) for every act, in file order, as replayed under ``book``.

        ``book``: a resolved book, or the id of one the scenario was loaded
        with. An act that reads its text from a file has it resolved for that
        book (absent: the first book); for a book the scenario was not loaded
        with, the acts are checked against it first.

        Raises:
            DocumentError: an amendment that book makes impossible.
            KeyError: an id of a book the scenario was not loaded with.
        """
        if isinstance(book, str):
            book = self.rulebooks[book]
        acts: tuple[ActBase, ...] = self.scenario.acts
        if book is not None and self.written is not None:
            if book.id not in self.book_acts:
                self.book_acts[book.id] = self._resolved_for(book)
            acts = self.book_acts[book.id]
        return list(zip(self.act_ids, acts, self.act_lines, strict=True))

    def _resolved_for(self, book: ResolvedBook) -> tuple[ActBase, ...]:
        assert self.written is not None
        folder = self.path.parent if self.path is not None else Path()
        review = review_amendments(
            self.written, {book.id: book}, folder, self.organisation
        )
        problems = _place(review.issues, self.source) + review.problems
        if problems:
            raise DocumentError(problems)
        return review.acts[book.id]


def _read(
    path: Path, model: type[M], problems: list[Problem]
) -> tuple[M, SourceMap] | None:
    try:
        return read_model(path, model)
    except DocumentError as exc:
        problems.extend(exc.problems)
        return None


def _read_organisation(
    path: Path, problems: list[Problem]
) -> tuple[Organisation, SourceMap] | None:
    """Read an organisation file; if it fails, still check its sound parts' references."""
    known = len(problems)
    read = _read(path, Organisation, problems)
    if read is None:
        try:
            data, source = load_yaml_file(path)
        except DocumentError:
            return None
        problems.extend(_place(organisation_issues(data, problems[known:]), source))
    return read


def _place(issues: list[Issue], source: SourceMap) -> list[Problem]:
    return [source.problem(loc, message) for loc, message in issues]


class _BookLoader:
    """Loads rule books by path, following ``extends``, caching each file once."""

    def __init__(
        self, problems: list[Problem], finder: BookFinder | None = None
    ) -> None:
        self.problems = problems
        self.finder = finder or BookFinder()
        self.resolved: dict[Path, ResolvedBook | None] = {}
        self.raw: dict[Path, tuple[RuleBook, SourceMap]] = {}

    def load(self, path: Path, chain: tuple[Path, ...] = ()) -> ResolvedBook | None:
        path = resolve_safely(path)
        if path in self.resolved:
            return self.resolved[path]
        known = len(self.problems)
        read = _read(path, RuleBook, self.problems)
        if read is None:
            self.resolved[path] = None
            self._failed(path, self.problems[known:], chain)
            return None
        book, source = read
        self.raw[path] = (book, source)
        self.problems.extend(
            _place(book.issues() + act_names(book) + book_applicability(book), source)
        )
        parent: ResolvedBook | None = None
        if book.extends is not None:
            parent_path, why = self.find(book.extends, path)
            if parent_path is None:
                self.problems.append(source.problem(("extends",), why))
            elif len(chain) + 1 >= MAX_EXTENDS:
                self.problems.append(
                    source.problem(
                        ("extends",),
                        f"a book may extend others at most {MAX_EXTENDS} deep; this "
                        f"chain goes deeper: merge some of its books into one",
                    )
                )
                self.resolved[path] = None
                return None
            elif resolve_safely(parent_path) in (*chain, path):
                names = " -> ".join(
                    p.name for p in (*chain, path, resolve_safely(parent_path))
                )
                self.problems.append(
                    source.problem(("extends",), f"extends cycle: {names}")
                )
                self.resolved[path] = None
                return None
            else:
                parent = self.load(parent_path, (*chain, path))
                if parent is None:
                    self.resolved[path] = None
                    return None
                missing = [
                    c for c in book.remove if c not in {x.id for x in parent.clauses}
                ]
                for c in missing:
                    self.problems.append(
                        source.problem(
                            ("remove", book.remove.index(c)),
                            f"'{c}' is not a clause of {parent.id}",
                        )
                    )
        resolved = merge_books(book, parent)
        self.problems.extend(_place(_repeal_issues(book, resolved), source))
        self.resolved[path] = resolved
        return resolved

    def find(
        self, ref: str, document: Path, named: Sequence[Path] = ()
    ) -> tuple[Path | None, str]:
        """The file a document's reference means, or ``None`` and why not."""
        try:
            return self.finder.find(ref, folder=document.parent, named=named), ""
        except UsageError as exc:
            return None, str(exc)

    def _failed(
        self, path: Path, found: list[Problem], chain: tuple[Path, ...]
    ) -> None:
        """Read on in a book that failed validation, for its independent problems.

        Its sound clauses' act names are checked, and the book it extends is
        read for that book's own problems.
        """
        try:
            data, source = load_yaml_file(path)
        except DocumentError:
            return
        self.problems.extend(_place(failed_book_issues(data, found), source))
        ref = data.get("extends") if isinstance(data, dict) else None
        if not isinstance(ref, str) or any(p.loc[:1] == ("extends",) for p in found):
            return
        parent_path, why = self.find(ref, path)
        if parent_path is None:
            self.problems.append(source.problem(("extends",), why))
        elif len(chain) + 1 < MAX_EXTENDS:
            self.load(parent_path, (*chain, path))

    def chain_of(self, path: Path) -> list[tuple[RuleBook, SourceMap]]:
        """The raw documents of a book and the books it extends."""
        out = []
        current: Path | None = resolve_safely(path)
        while current is not None and current in self.raw:
            book, source = self.raw[current]
            out.append((book, source))
            here, current = current, None
            if book.extends is not None:
                parent = self.finder.locate(book.extends, folder=here.parent)
                current = resolve_safely(parent) if parent else None
        return out


def _repeal_issues(book: RuleBook, resolved: ResolvedBook) -> list[Issue]:
    """Repeals of clauses the book never had by the amendment's date."""
    found: list[Issue] = []
    base = {c.id for c in resolved.clauses}
    for i, amendment in enumerate(book.amendments):
        known = base | {
            c.id
            for earlier in resolved.amendments
            if earlier.in_force <= amendment.in_force
            for c in earlier.clauses
        }
        for j, clause in enumerate(amendment.repeal):
            if clause not in known:
                found.append(
                    (
                        ("amendments", i, "repeal", j),
                        f"'{clause}' is not a clause of {resolved.id} when amendment "
                        f"{amendment.id} comes into force{did_you_mean(clause, known)}",
                    )
                )
    return found


def load_organisation(path: str | Path) -> Organisation:
    """Load and check an organisation file."""
    problems: list[Problem] = []
    read = _read_organisation(Path(path), problems)
    if read is not None:
        org, source = read
        problems.extend(_place(org.issues(), source))
    if problems:
        raise DocumentError(problems)
    assert read is not None
    return read[0]


def load_rulebook(path: str | Path) -> ResolvedBook:
    """Load a rule book file and every book it extends, resolved into one."""
    problems: list[Problem] = []
    book = _BookLoader(problems).load(Path(path))
    if problems or book is None:
        raise DocumentError(problems)
    return book


def load_rulebook_for(path: str | Path, org: Organisation) -> ResolvedBook:
    """Load a rule book to run on an organisation, checking the bodies it names.

    Raises:
        DocumentError: for problems in the book, bodies the organisation lacks,
            or a book written for another organisation.
    """
    problems: list[Problem] = []
    loader = _BookLoader(problems)
    book = loader.load(Path(path))
    if book is not None:
        for raw, raw_source in loader.chain_of(Path(path)):
            problems.extend(_place(body_refs(raw, org), raw_source))
        if book.organisation not in (None, org.organisation):
            problems.append(
                Problem(
                    Span(str(path), 1, 1),
                    f"rule book '{book.id}' is written for organisation "
                    f"'{book.organisation}', not '{org.organisation}'",
                )
            )
    if problems or book is None:
        raise DocumentError(problems)
    return book


def load_scenario(
    path: str | Path, *, extra_rulebooks: Sequence[str] = ()
) -> LoadedScenario:
    """Load a scenario file with its organisation and rule books, all checked.

    Args:
        path: the scenario file.
        extra_rulebooks: more books to run it under, by path or id.

    Raises:
        DocumentError: listing every problem found in every file involved.
    """
    path = Path(path)
    problems: list[Problem] = []
    data, source = load_yaml_file(path)
    other = _other_kind(data, source, "a scenario")
    if other is not None:
        raise DocumentError([other])
    failed: frozenset[str] = frozenset()
    try:
        scenario: Scenario = validate(Scenario, data, source)
    except DocumentError as exc:
        # Read on with the parts that validated: a book or an organisation
        # file may have problems of their own to report in the same run.
        problems.extend(exc.problems)
        head = scenario_head(data, exc.problems)
        if head is None:
            raise
        scenario, failed = head
    base = path.parent
    org = (
        _load_org(scenario, source, base, problems)
        if "organisation" not in failed
        else None
    )
    books, clause_ids, unloaded, files = _load_books(
        scenario, source, path, org, problems, extra_rulebooks
    )
    if "rulebooks" in failed:
        # A book listed wrongly may be any of those the expectations name.
        unloaded |= set(scenario.expect)
    book_acts: dict[str, tuple[ActBase, ...]] = {}
    written = scenario
    if "acts" not in failed:
        review = review_amendments(scenario, books, base, org)
        problems.extend(_place(review.issues, source))
        problems.extend(review.problems)
        for ident in clause_ids:
            clause_ids[ident] |= review.added
        book_acts = review.acts
        if book_acts:
            scenario = scenario.model_copy(
                update={"acts": next(iter(book_acts.values()))}
            )
    if org is not None and "acts" not in failed:
        issues = scenario_issues(scenario, org, clause_ids, unloaded=unloaded)
        problems.extend(_place(issues, source))
    elif "rulebooks" not in failed:
        issues = expectation_book_issues(scenario, clause_ids, unloaded)
        problems.extend(_place(issues, source))
    if "invariants" not in failed:
        problems.extend(_place(_invariant_issues(scenario, books), source))
    if problems or org is None:
        raise DocumentError(problems)
    lines = [source.span(("acts", i)).line for i in range(len(scenario.acts))]
    return LoadedScenario(
        scenario,
        org,
        books,
        act_ids(scenario.acts),
        list(lines),
        path,
        source,
        files,
        book_acts,
        written if book_acts else None,
    )


def _other_kind(data: object, source: SourceMap, wanted: str) -> Problem | None:
    """One problem when a file without a ``scenario`` key is another kind.

    Given a rule book or a model, the scenario's schema would list every key
    as unknown and every scenario key as missing; naming what the file is
    says the one thing to change: the file given.
    """
    if not isinstance(data, dict) or "scenario" in data:
        return None
    kind = kind_by_sign(data)
    if kind is None:
        return None
    return Problem(
        source.span((kind.sign,), key=True),
        f"this file is {kind.noun} ('{kind.sign}:'), not {wanted} ({kind.use})",
    )


def _invariant_issues(
    scenario: Scenario, books: dict[str, ResolvedBook]
) -> list[Issue]:
    """Mistakes in the invariants a scenario chooses, its books included.

    A parameter set to ``book`` that one of the scenario's books does not
    state is the replay's to refuse too, but a check of the scenario must
    find it without replaying.
    """
    # The catalogue registers itself on import; importing it here, not at the
    # top, keeps the model layer free of the invariant implementations.
    from govsim.invariants import selection_issues
    from govsim.invariants.selection import book_issues

    issues = selection_issues(scenario)
    dates = [act.at for act in scenario.acts]
    first = scenario.start or (min(dates) if dates else None)
    if first is None:  # the acts failed to load: the book's day is unknown
        return issues
    for book in books.values():
        issues += book_issues(scenario, book, first)
    return issues


def _load_org(
    scenario: Scenario, source: SourceMap, base: Path, problems: list[Problem]
) -> Organisation | None:
    if isinstance(scenario.organisation, Organisation):
        org = scenario.organisation
        problems.extend(
            source.problem(("organisation", *loc), msg) for loc, msg in org.issues()
        )
        return org
    org_path = base / scenario.organisation
    unreadable = input_problem(org_path)
    if unreadable is not None:
        problems.append(
            source.problem(
                ("organisation",),
                missing_file(
                    "organisation", scenario.organisation, org_path, unreadable
                ),
            )
        )
        return None
    read = _read_organisation(org_path, problems)
    if read is None:
        return None
    org, org_source = read
    problems.extend(_place(org.issues(), org_source))
    return org


def _load_books(
    scenario: Scenario,
    source: SourceMap,
    path: Path,
    org: Organisation | None,
    problems: list[Problem],
    extra: Sequence[str],
) -> tuple[dict[str, ResolvedBook], dict[str, set[str]], set[str], dict[str, Path]]:
    """The books a scenario runs, their clause ids, those it fails to load, their files.

    A book listed but missing or invalid is in the third set; its problems are
    in ``problems`` already. Books are found as
    :class:`~govsim.documents.finding.BookFinder` finds them, the scenario's
    organisation file's folder searched after the scenario's own.
    """
    loader = _BookLoader(problems)
    named = (
        []
        if not isinstance(scenario.organisation, str)
        else [path.parent / scenario.organisation]
    )
    files: dict[str, Path] = {}
    books: dict[str, ResolvedBook] = {}
    unloaded: set[str] = set()
    refs: list[tuple[tuple[str | int, ...], str | RuleBook]] = [
        (("rulebooks", i), ref) for i, ref in enumerate(scenario.rulebooks)
    ]
    refs += [((), ref) for ref in extra]
    for loc, ref in refs:
        if isinstance(ref, RuleBook):
            problems.extend(
                source.problem((*loc, *where), m)
                for where, m in ref.issues() + act_names(ref)
            )
            if org is not None:
                problems.extend(
                    source.problem((*loc, *where), m)
                    for where, m in body_refs(ref, org)
                )
            if ref.extends is not None:
                problems.append(
                    source.problem(
                        (*loc, "extends"),
                        "an inline rule book cannot extend another; put it in a file",
                    )
                )
            book = merge_books(ref, None)
        else:
            book_path, missing = loader.find(ref, path, named)
            if book_path is None:
                where = source.span(loc) if loc else None
                problems.append(Problem(where, missing, loc))
                unloaded.add(ref)
                continue
            resolved = loader.load(book_path)
            if resolved is None:
                unloaded.add(ref)
                continue
            book = resolved
            files.setdefault(book.id, book_path)
            if org is not None:
                for raw, raw_source in loader.chain_of(book_path):
                    problems.extend(_place(body_refs(raw, org), raw_source))
        if org is not None and book.organisation not in (None, org.organisation):
            problems.append(
                Problem(
                    source.span(loc) if loc else None,
                    f"rule book '{book.id}' is written for organisation '{book.organisation}', but the scenario's organisation is '{org.organisation}'",
                    loc,
                )
            )
        if book.id in books:
            continue
        books[book.id] = book
    clause_ids = {ident: b.all_clause_ids() for ident, b in books.items()}
    return books, clause_ids, unloaded, files
