"""Two rule books of different organisations, procedure by procedure.

``govsim diff`` probes who may do more by replaying the same histories under
both books, which needs one organisation: the same bodies and persons act
under each. Books written for different organisations (the books of
docs/library/, say) have nothing to replay in common. What can still be
compared is what each provides for the same procedure — who elects, who
removes, who disciplines and by what vote, who hears appeals, who amends
the rules — so that is what :func:`side_by_side` sets out: every provision
of each book, in words (:mod:`govsim.analysis.provisions`), under the
procedure its acts belong to (or under meetings and every act, when it
names none), with the clause it comes from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from pydantic import BaseModel

from govsim.analysis.provisions import describe, provisions_of
from govsim.model.clauses import ResolvedBook
from govsim.model.organisation import Organisation
from govsim.model.rulebook import Link

__all__ = [
    "PROCEDURES",
    "BookSide",
    "Procedure",
    "SideBySide",
    "side_by_side",
]

PROCEDURES: Final[tuple[tuple[str, frozenset[str]], ...]] = (
    ("Membership", frozenset({"admit", "resign_membership", "transfer"})),
    (
        "Elections and appointments",
        frozenset({"elect", "appoint", "create_body", "convene", "vote"}),
    ),
    (
        "Removal and resignation",
        frozenset({"recall", "resign_office", "request_resignation", "take_leave"}),
    ),
    (
        "Complaints and investigations",
        frozenset(
            {
                "file_complaint",
                "assign_investigator",
                "report",
                "disclose",
                "raise_concern",
                "declare_conflict",
                "recuse",
            }
        ),
    ),
    (
        "Discipline",
        frozenset({"serve_notice", "waive_notice", "hear", "find", "sanction"}),
    ),
    (
        "Interim measures",
        frozenset(
            {"interim_suspend", "renew_interim", "review_interim", "lift_interim"}
        ),
    ),
    (
        "Appeals and review",
        frozenset({"appeal", "decide_appeal", "alter_decision", "implement"}),
    ),
    ("Rules and their amendment", frozenset({"amend_rules", "propose", "ratify"})),
)
"""The procedures compared, each with the act kinds that belong to it."""
OTHER: Final = "Other business"
GENERAL: Final = "Meetings and every act"
"""Provisions that name no act, and so govern every one (notice of meetings)."""
ACCOUNTABILITY: Final = "Who answers to whom"


@dataclass(frozen=True)
class BookSide:
    """One book: its id, title, organisation and bodies, each in a line."""

    id: str
    title: str
    organisation: str
    bodies: tuple[str, ...]


@dataclass(frozen=True)
class Procedure:
    """One procedure and what each book provides for it, a line per provision."""

    name: str
    a: tuple[str, ...]
    b: tuple[str, ...]


@dataclass(frozen=True)
class SideBySide:
    """Two books of different organisations, set side by side."""

    a: BookSide
    b: BookSide
    procedures: tuple[Procedure, ...]

    def to_record(self) -> dict[str, Any]:
        """A JSON-ready record; ``kind`` tells it from a diff of one organisation."""
        return {
            "kind": "side_by_side",
            "a": _side_record(self.a),
            "b": _side_record(self.b),
            "procedures": [
                {"name": p.name, "a": list(p.a), "b": list(p.b)}
                for p in self.procedures
            ],
        }


def _side_record(side: BookSide) -> dict[str, Any]:
    return {
        "id": side.id,
        "title": side.title,
        "organisation": side.organisation,
        "bodies": list(side.bodies),
    }


def _bodies(org: Organisation) -> tuple[str, ...]:
    lines = []
    for ident, body in org.bodies.items():
        size = f", {body.size} seat{'s' if body.size > 1 else ''}" if body.size else ""
        lines.append(f"{ident} ({body.kind}{size}): {body.name}")
    return tuple(lines)


def _procedures_of(item: BaseModel) -> list[str]:
    """The procedures a provision belongs to, by its acts or its relation."""
    if isinstance(item, Link):
        return [ACCOUNTABILITY]
    acts = set(getattr(item, "acts", ()))
    if not acts:
        return [GENERAL]
    named = [name for name, kinds in PROCEDURES if acts & kinds]
    return named or [OTHER]


def _lines(book: ResolvedBook) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for clause in book.clauses:
        for group, item in provisions_of(clause):
            line = f"{describe(group, item)} (§{clause.id})"
            for name in _procedures_of(item):
                found.setdefault(name, []).append(line)
    return found


def side_by_side(
    a: tuple[ResolvedBook, Organisation], b: tuple[ResolvedBook, Organisation]
) -> SideBySide:
    """Book A and book B, each with its own organisation, procedure by procedure.

    A procedure neither book provides for is left out; one only a book
    provides for shows an empty side, which is the difference to see.
    """
    sides = []
    for book, org in (a, b):
        sides.append(
            BookSide(book.id, book.title or book.id, org.organisation, _bodies(org))
        )
    lines_a, lines_b = _lines(a[0]), _lines(b[0])
    order = [GENERAL] + [name for name, _ in PROCEDURES] + [OTHER, ACCOUNTABILITY]
    procedures = tuple(
        Procedure(name, tuple(lines_a.get(name, ())), tuple(lines_b.get(name, ())))
        for name in order
        if name in lines_a or name in lines_b
    )
    return SideBySide(sides[0], sides[1], procedures)
