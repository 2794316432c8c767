"""Load-time checks of ``amend_rules`` acts against the books a scenario runs under.

The engine voids an amendment that rewords or repeals a clause not in force,
or adds one that is; whether an earlier amendment took effect is only known
by replaying, so that much is the replay's to judge. What no replay can make
right is refused here, with the act's position: a clause that cannot be in
force on the act's day under a book (neither in it nor added by any earlier
amendment), one added that certainly is (in the book and repealed by no
earlier amendment), a final reading naming another final reading as its
first, and new clauses that would make a broken book (unknown bodies or act
kinds: the book loader's own checks, run on the act's clauses).

Acts that read their text from a file (``text_from``) are resolved here too,
book by book: a clause of the text in force when the act is taken (the
earlier amendments taken as valid) is a ``replace``, any other an ``add``,
and the text's ``remove`` list the ``repeal``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from govsim.documents.suggest import did_you_mean
from govsim.errors import Problem
from govsim.model.acts import ActBase, AmendRules, Convene, CreateBody
from govsim.model.amendment_texts import AmendmentText, read_text
from govsim.model.clausechecks import new_clause_issues
from govsim.model.clauses import ResolvedBook
from govsim.model.common import Issue, Loc
from govsim.model.meetingrecords import is_joint
from govsim.model.organisation import BodyKind, Organisation
from govsim.model.references import act_ids
from govsim.model.rulebook import Clause, RuleBook
from govsim.model.scenario import Scenario

__all__ = ["AmendmentReview", "review_amendments"]


@dataclass
class AmendmentReview:
    """What the checks of a scenario's ``amend_rules`` acts found and resolved."""

    issues: list[Issue] = field(default_factory=list)
    """Problems located in the scenario."""
    problems: list[Problem] = field(default_factory=list)
    """Problems located in the texts acts read (``text_from``)."""
    acts: dict[str, tuple[ActBase, ...]] = field(default_factory=dict)
    """Book id to the scenario's acts with every ``text_from`` resolved for
    that book; empty when no act reads a text."""
    added: set[str] = field(default_factory=set)
    """Every clause id an act adds or rewords."""


@dataclass(frozen=True)
class _Change:
    """What an earlier final reading changes, if it takes effect."""

    day: dt.date
    added: frozenset[str]
    repealed: frozenset[str]


@dataclass(frozen=True)
class _Standing:
    """The clause ids of one book on an act's day, earlier amendments considered."""

    possible: frozenset[str]
    """Ids that may be in force: the book's, and those earlier acts add."""
    certain: frozenset[str]
    """Ids in force whatever earlier acts' verdicts: the book's, less those repealed."""
    current: frozenset[str]
    """Ids in force if every earlier amendment took effect."""


def _standing(book: ResolvedBook, day: dt.date, changes: list[_Change]) -> _Standing:
    base = frozenset(c.id for c in book.clauses_on(day).clauses)
    due = sorted((c for c in changes if c.day <= day), key=lambda c: c.day)
    current = set(base)
    for change in due:
        current = (current - change.repealed) | change.added
    return _Standing(
        possible=base.union(*(c.added for c in due)),
        certain=base.difference(*(c.repealed for c in due)),
        current=frozenset(current),
    )


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


@dataclass
class _Finding:
    """One id an act cannot change as written, and the books under which it cannot."""

    ident: str
    change: str
    """``add``, ``replace`` or ``repeal``."""
    books: list[str] = field(default_factory=list)
    known: set[str] = field(default_factory=set)


class _Review:
    def __init__(
        self,
        scenario: Scenario,
        books: Mapping[str, ResolvedBook],
        folder: Path,
        org: Organisation | None,
    ) -> None:
        self.scenario = scenario
        self.books = books
        self.folder = folder
        self.org = org
        self.out = AmendmentReview()
        self.changes: list[_Change] = []
        self.created: dict[str, BodyKind] = {}
        self.earlier: dict[str, ActBase] = {}
        self.resolved: dict[str, list[ActBase]] = {name: [] for name in books}

    def run(self) -> AmendmentReview:
        texts = False
        for i, (ident, act) in enumerate(
            zip(act_ids(self.scenario.acts), self.scenario.acts, strict=True)
        ):
            if isinstance(act, AmendRules):
                texts |= act.text_from is not None
                self._amendment(("acts", i), ident, act)
            else:
                for acts in self.resolved.values():
                    acts.append(act)
            self.earlier.setdefault(ident, act)
            if isinstance(act, CreateBody):
                self.created[act.body] = act.kind
            elif isinstance(act, Convene) and is_joint(act):
                self.created[act.meeting] = "ad_hoc"
        if texts:
            self.out.acts = {name: tuple(acts) for name, acts in self.resolved.items()}
        return self.out

    def note(self, loc: Loc, message: str) -> None:
        self.out.issues.append((loc, message))

    def _amendment(self, loc: Loc, ident: str, act: AmendRules) -> None:
        text: AmendmentText | None = None
        if act.text_from is not None and (act.add or act.replace or act.repeal):
            self.note(
                (*loc, "text_from"),
                "this act gives its changes both inline (add, replace, repeal) and "
                "in a text (text_from): keep one, the inline changes or the file",
            )
        elif act.text_from is not None:
            text = read_text(
                act.text_from,
                self.folder,
                f"act '{ident}' ({'.'.join(map(str, loc))})",
                lambda at, message: self.note((*loc, *at), message),
                self.out.problems,
            )
        self._readings(loc, act)
        if text is None:
            self._inline(loc, act)
        else:
            self.out.problems += text.problems(
                new_clause_issues(text.book, self.org, self.created)
            )
        findings: dict[Loc, _Finding] = {}
        for name, book in self.books.items():
            standing = _standing(book, act.at, self.changes)
            taken = act if text is None else _resolved(act, text, standing.current)
            self.resolved[name].append(taken)
            self._changes(name, taken, text, standing, findings)
        for where, finding in findings.items():
            message = _finding_message(finding, act.at, text is not None)
            if text is None:
                self.note((*loc, *where), message)
            else:
                self.out.problems += text.problems([(where, message)])
        if text is not None:
            added = tuple(c.id for c in text.book.clauses)
            repealed = text.book.remove
        else:
            added = tuple(c.id for c in (*act.add, *act.replace))
            repealed = act.repeal
        self.out.added |= set(added)
        if act.reading == "final":
            day = max(act.in_force or act.at, act.at)
            self.changes.append(_Change(day, frozenset(added), frozenset(repealed)))

    def _readings(self, loc: Loc, act: AmendRules) -> None:
        """A first reading names none; an adopting act names a first reading."""
        if act.first_reading is None:
            return
        if act.reading == "first":
            self.note(
                (*loc, "first_reading"),
                "a first reading follows no other reading: leave first_reading out, "
                "or make this the adopting act (reading: final)",
            )
            return
        earlier = self.earlier.get(act.first_reading)
        if isinstance(earlier, AmendRules) and earlier.reading == "final":
            firsts = [
                i
                for i, a in self.earlier.items()
                if isinstance(a, AmendRules) and a.reading == "first"
            ]
            self.note(
                (*loc, "first_reading"),
                f"'{act.first_reading}' is an adopting act, not a first reading: name "
                "the earlier amend_rules act with reading: first that gave this text "
                f"its first reading{did_you_mean(act.first_reading, firsts)}",
            )

    def _inline(self, loc: Loc, act: AmendRules) -> None:
        """Clauses named twice in one act, and new clauses that make a broken book."""
        seen: dict[str, str] = {}
        named = [("add", j, c.id) for j, c in enumerate(act.add)]
        named += [("replace", j, c.id) for j, c in enumerate(act.replace)]
        named += [("repeal", j, c) for j, c in enumerate(act.repeal)]
        for part, j, ident in named:
            if ident in seen:
                self.note(
                    (*loc, part, j),
                    f"clause '{ident}' is already changed by this act ({seen[ident]}): "
                    "name each clause once, with its whole new wording or in repeal:",
                )
            seen.setdefault(ident, f"{part}.{j}")
        new = (*act.add, *act.replace)
        book = RuleBook.model_construct(
            schema_version=1, rulebook="amendment", clauses=new
        )
        for where, message in new_clause_issues(book, self.org, self.created):
            if where[:1] != ("clauses",) or len(where) < 2:
                continue
            k = where[1]
            assert isinstance(k, int)
            at: Loc = ("add", k) if k < len(act.add) else ("replace", k - len(act.add))
            self.note((*loc, *at, *where[2:]), message)

    def _changes(
        self,
        book: str,
        act: AmendRules,
        text: AmendmentText | None,
        standing: _Standing,
        findings: dict[Loc, _Finding],
    ) -> None:
        """Ids the act cannot change under one book, gathered by where they are written."""

        def found(where: Loc, ident: str, change: str, known: frozenset[str]) -> None:
            finding = findings.setdefault(where, _Finding(ident, change))
            finding.books.append(book)
            finding.known |= known

        for j, clause in enumerate(act.add):
            if clause.id in standing.certain and text is None:
                found(("add", j), clause.id, "add", standing.certain)
        if text is None:
            for j, clause in enumerate(act.replace):
                if clause.id not in standing.possible:
                    found(("replace", j), clause.id, "replace", standing.possible)
        for j, ident in enumerate(act.repeal):
            if ident not in standing.possible:
                where: Loc = ("remove", j) if text is not None else ("repeal", j)
                found(where, ident, "repeal", standing.possible)


def _resolved(
    act: AmendRules, text: AmendmentText, current: frozenset[str]
) -> AmendRules:
    """The act with its text's clauses sorted into replace (in force) and add (not)."""
    clauses: tuple[Clause, ...] = text.book.clauses
    return act.model_copy(
        update={
            "add": tuple(c for c in clauses if c.id not in current),
            "replace": tuple(c for c in clauses if c.id in current),
            "repeal": text.book.remove,
            "text_from": None,
        }
    )


def _finding_message(finding: _Finding, day: dt.date, from_text: bool) -> str:
    ident, books = finding.ident, _listed(finding.books)
    if finding.change == "add":
        return (
            f"clause '{ident}' is already in force on {day} under {books}, so adding "
            "it would be void: replace it instead (list it under replace:), or give "
            "the new clause an id of its own"
        )
    verb = "rewording" if finding.change == "replace" else "repealing"
    fix = {
        "replace": "name a clause in force, or list it under add: to make it a new clause",
        "repeal": "name a clause in force"
        + (", or take it out of remove:" if from_text else ""),
    }[finding.change]
    return (
        f"clause '{ident}' is not in force on {day} under {books}, nor added by an "
        f"earlier amend_rules act, so {verb} it would be void: {fix}"
        f"{did_you_mean(ident, finding.known)}"
    )


def review_amendments(
    scenario: Scenario,
    books: Mapping[str, ResolvedBook],
    folder: Path,
    org: Organisation | None,
) -> AmendmentReview:
    """Check a scenario's ``amend_rules`` acts and resolve those that read a text.

    Args:
        scenario: the validated scenario.
        books: the books it runs under, by id.
        folder: the scenario file's folder (``text_from`` paths are relative to it).
        org: its organisation, for the bodies new clauses name (``None``:
            it failed to load, and bodies are not checked).
    """
    return _Review(scenario, books, folder, org).run()
