"""Clause by clause: what a rule book adds, removes or changes relative to another.

Both books are compared resolved (``extends`` merged), so a variant that
states only what it changes is compared as the book it amounts to. Clauses
are matched by id. A clause removed under one id and added under another is
shown as *renamed* only when the two carry exactly the same provisions and no
other clause does — equality, not similarity, so the pairing is never a
guess; anything else stays a removal and an addition. Amendments are matched
by id too, and their clauses diffed the same way.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from govsim.analysis.provisions import GROUPS, describe, provisions_of
from govsim.model.clauses import ResolvedBook
from govsim.model.rulebook import Amendment, Clause
from govsim.model.selectors import describe_actor

__all__ = [
    "MATCHING",
    "AmendmentChange",
    "ClauseChange",
    "ClauseDiff",
    "Line",
    "diff_clauses",
]

MATCHING = (
    "clauses are matched by id; a clause removed under one id and added under "
    "another is shown as renamed only when both carry exactly the same provisions"
)
"""How clauses of the two books are paired, said once wherever a diff is shown."""

Change = Literal["added", "removed", "changed", "renamed"]


@dataclass(frozen=True)
class Line:
    """One line of a diff: ``+`` in B only, ``-`` in A only, ``~`` a value that changed."""

    sign: Literal["+", "-", "~"]
    group: str
    """The clause field: powers, disabilities, requires, decides, conflicts,
    accountability, enforcement, entrenched, text, title or source."""
    text: str

    def __str__(self) -> str:
        return f"{self.sign} {self.text}"

    def to_record(self) -> dict[str, str]:
        """The line as plain data."""
        return {"sign": self.sign, "group": self.group, "text": self.text}


@dataclass(frozen=True)
class ClauseChange:
    """One clause added, removed, changed or renamed, with the lines that say how."""

    change: Change
    a: Clause | None
    b: Clause | None
    lines: tuple[Line, ...]

    @property
    def id(self) -> str:
        """The clause's id (in B when it is there), ``3.1 -> E10`` when renamed."""
        if self.change == "renamed" and self.a is not None and self.b is not None:
            return f"{self.a.id} -> {self.b.id}"
        clause = self.b or self.a
        assert clause is not None
        return clause.id

    @property
    def title(self) -> str | None:
        """The clause's title (in B when it is there)."""
        clause = self.b or self.a
        return clause.title if clause is not None else None

    def to_record(self) -> dict[str, Any]:
        """The change as plain data."""
        return {
            "change": self.change,
            "a": None if self.a is None else self.a.id,
            "b": None if self.b is None else self.b.id,
            "title": self.title,
            "lines": [line.to_record() for line in self.lines],
        }


@dataclass(frozen=True)
class AmendmentChange:
    """An amendment added, removed or changed: its date, repeals and clauses."""

    id: str
    change: Literal["added", "removed", "changed"]
    lines: tuple[Line, ...]
    clauses: tuple[ClauseChange, ...]

    def to_record(self) -> dict[str, Any]:
        """The change as plain data."""
        return {
            "amendment": self.id,
            "change": self.change,
            "lines": [line.to_record() for line in self.lines],
            "clauses": [c.to_record() for c in self.clauses],
        }


@dataclass(frozen=True)
class ClauseDiff:
    """Everything that differs in the text of two books, clause by clause."""

    book: tuple[Line, ...]
    """Book-wide changes: the default enforcement, the title."""
    clauses: tuple[ClauseChange, ...]
    amendments: tuple[AmendmentChange, ...]

    @property
    def empty(self) -> bool:
        """Whether the two books say the same thing."""
        return not (self.book or self.clauses or self.amendments)

    def to_record(self) -> dict[str, Any]:
        """The diff as plain data."""
        return {
            "matching": MATCHING,
            "book": [line.to_record() for line in self.book],
            "clauses": [c.to_record() for c in self.clauses],
            "amendments": [a.to_record() for a in self.amendments],
        }


def _provision_lines(a: Clause | None, b: Clause | None) -> list[Line]:
    """Provisions only in A (``-``) then only in B (``+``), as a multiset difference."""
    old = provisions_of(a) if a is not None else []
    new = provisions_of(b) if b is not None else []
    return _only_in("-", old, new) + _only_in("+", new, old)


def _only_in(
    sign: Literal["-", "+"],
    items: list[tuple[str, BaseModel]],
    others: list[tuple[str, BaseModel]],
) -> list[Line]:
    """A line for each of ``items`` beyond as many equal ones in ``others``."""
    other = Counter(_keys(others))
    seen: Counter[tuple[str, str]] = Counter()
    out: list[Line] = []
    for group, item in items:
        key = (group, item.model_dump_json())
        seen[key] += 1
        if seen[key] > other[key]:
            out.append(Line(sign, group, describe(group, item)))
    return out


def _keys(items: list[tuple[str, Any]]) -> list[tuple[str, str]]:
    return [(group, item.model_dump_json()) for group, item in items]


def _enforcement(clause: Clause | None) -> str:
    if clause is None or clause.enforcement is None:
        return "the book's default"
    return clause.enforcement


def _entrenchment(clause: Clause) -> str:
    """What it takes to change the clause, in a few words."""
    rule = clause.entrenched
    if rule is False:
        return "not entrenched"
    if rule is True:
        return "entrenched"
    asks = [
        f"only by {', '.join(describe_actor(s) for s in rule.by)}" if rule.by else "",
        f"{rule.threshold} of {rule.base.replace('_', ' ')}" if rule.threshold else "",
        f"quorum {rule.quorum}" if rule.quorum is not None else "",
        f"{rule.readings} readings" if rule.readings > 1 else "",
        f"{rule.days_between} days between readings" if rule.days_between else "",
        f"{rule.notice_days} days' notice of the text"
        if rule.notice_days is not None
        else "",
    ]
    said = ", ".join(a for a in asks if a)
    return f"entrenched ({said})" if said else "entrenched"


def _wording(a: Clause, b: Clause) -> list[Line]:
    out = []
    if a.enforcement != b.enforcement:
        text = f"enforcement: {_enforcement(a)} -> {_enforcement(b)}"
        out.append(Line("~", "enforcement", text))
    if a.entrenched != b.entrenched:
        text = f"entrenchment: {_entrenchment(a)} -> {_entrenchment(b)}"
        out.append(Line("~", "entrenched", text))
    if a.title != b.title:
        out.append(Line("~", "title", f"title: {a.title} -> {b.title}"))
    if a.text != b.text:
        out.append(Line("~", "text", f"text: {b.text.strip()}"))
    if a.source != b.source:
        out.append(Line("~", "source", f"source: {a.source} -> {b.source}"))
    return out


def _signature(clause: Clause) -> str:
    """What a clause provides, without its id or wording: equal means same effect."""
    return clause.model_dump_json(include={*GROUPS, "enforcement", "entrenched"})


def _renamings(removed: list[Clause], added: list[Clause]) -> dict[str, Clause]:
    """A removed clause id to the added clause it was renamed to, when unambiguous."""
    old = Counter(_signature(c) for c in removed)
    new = Counter(_signature(c) for c in added)
    by_signature = {_signature(c): c for c in added}
    return {
        c.id: by_signature[s]
        for c in removed
        if old[(s := _signature(c))] == 1 and new[s] == 1 and _provides(c)
    }


def _provides(clause: Clause) -> bool:
    return bool(provisions_of(clause))


def _changes(old: tuple[Clause, ...], new: tuple[Clause, ...]) -> list[ClauseChange]:
    """Clause changes in A's order (removed, changed, renamed), then additions in B's."""
    new_ids = {c.id: c for c in new}
    old_ids = {c.id for c in old}
    removed = [c for c in old if c.id not in new_ids]
    added = [c for c in new if c.id not in old_ids]
    renamed = _renamings(removed, added)
    taken = {c.id for c in renamed.values()}
    out: list[ClauseChange] = []
    for a in old:
        b = new_ids.get(a.id)
        if b is None and a.id in renamed:
            b = renamed[a.id]
            out.append(ClauseChange("renamed", a, b, tuple(_wording(a, b))))
        elif b is None:
            out.append(
                ClauseChange("removed", a, None, tuple(_provision_lines(a, None)))
            )
        elif a != b:
            lines = _provision_lines(a, b) + _wording(a, b)
            out.append(ClauseChange("changed", a, b, tuple(lines)))
    out += [
        ClauseChange("added", None, b, tuple(_provision_lines(None, b)))
        for b in added
        if b.id not in taken
    ]
    return out


def _amendments(
    old: tuple[Amendment, ...], new: tuple[Amendment, ...]
) -> list[AmendmentChange]:
    new_ids = {a.id: a for a in new}
    old_ids = {a.id for a in old}
    out: list[AmendmentChange] = []
    for a in old:
        b = new_ids.get(a.id)
        if b is None:
            lines = (Line("-", "in_force", f"in force: {a.in_force}"),)
            out.append(
                AmendmentChange(a.id, "removed", lines, tuple(_changes(a.clauses, ())))
            )
        elif a != b:
            out.append(AmendmentChange(a.id, "changed", *_amendment_parts(a, b)))
    for b in new:
        if b.id not in old_ids:
            lines = (Line("+", "in_force", f"in force: {b.in_force}"),)
            out.append(
                AmendmentChange(b.id, "added", lines, tuple(_changes((), b.clauses)))
            )
    return out


def _amendment_parts(
    a: Amendment, b: Amendment
) -> tuple[tuple[Line, ...], tuple[ClauseChange, ...]]:
    lines = []
    if a.in_force != b.in_force:
        lines.append(Line("~", "in_force", f"in force: {a.in_force} -> {b.in_force}"))
    lines += [
        Line("-", "repeal", f"repeals {c}") for c in a.repeal if c not in b.repeal
    ]
    lines += [
        Line("+", "repeal", f"repeals {c}") for c in b.repeal if c not in a.repeal
    ]
    return tuple(lines), tuple(_changes(a.clauses, b.clauses))


def diff_clauses(a: ResolvedBook, b: ResolvedBook) -> ClauseDiff:
    """What B changes relative to A: book-wide settings, clauses, amendments.

    Args:
        a: the book compared against.
        b: the book compared.
    """
    book: list[Line] = []
    if a.enforcement != b.enforcement:
        text = f"enforcement (the book's default): {a.enforcement} -> {b.enforcement}"
        book.append(Line("~", "enforcement", text))
    if a.title != b.title:
        book.append(Line("~", "title", f"title: {a.title} -> {b.title}"))
    return ClauseDiff(
        tuple(book),
        tuple(_changes(a.clauses, b.clauses)),
        tuple(_amendments(a.amendments, b.amendments)),
    )
