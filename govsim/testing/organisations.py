"""Hypothesis strategies for organisations and for the complaints that open cases.

Generated organisations are small and valid: a convention and the membership,
plus a drawn selection of other bodies under stable ids (``exec``, ``dc``,
``appeals``, ...), so that rule books drawn for them can name their bodies.
Seats overlap freely, because one person on both the executive and the
disciplinary committee is exactly the conflict procedures must handle, and
relations between persons add further conflicts of interest. Every choice
shrinks towards a small, plain organisation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from hypothesis import strategies as st

from govsim.errors import UsageError
from govsim.model.acts import ComplaintBasis, FileComplaint
from govsim.model.organisation import (
    RELATION_KINDS,
    Body,
    BodyKind,
    Organisation,
    Person,
    Relation,
    Seat,
)

__all__ = ["BODY_IDS", "cases", "organisations"]

BODY_IDS: dict[BodyKind, str] = {
    "executive": "exec",
    "disciplinary": "dc",
    "appeal": "appeals",
    "committee": "committee",
    "commission": "commission",
    "external_panel": "panel",
    "caucus": "caucus",
    "branch": "branch",
}
"""The id a generated organisation gives its body of each optional kind."""

_ELECTED = frozenset({"executive", "disciplinary", "appeal", "committee"})
_TAGS = ("directly_involved", "organiser", "witness")
_BASES: tuple[ComplaintBasis, ...] = ("conduct", "speech", "caucusing", "dissent")
_FIRST_DAY = dt.date(2020, 1, 1)
_LAST_DAY = dt.date(2030, 12, 31)


@st.composite
def _seats(
    draw: st.DrawFn, kind: BodyKind, pool: list[str], bodies: Iterable[str]
) -> Body:
    """A body of one kind with 1-5 seats drawn from ``pool`` and maybe a fixed size."""
    holders = draw(
        st.lists(
            st.sampled_from(pool), min_size=1, max_size=min(5, len(pool)), unique=True
        )
    )
    # Who seated a member matters: sitting on the appointing body is a conflict.
    elected_by = "convention" if kind in _ELECTED else None
    appointed_by = None
    if kind == "commission":
        appointed_by = "exec" if "exec" in bodies else "convention"
    elif kind == "external_panel":
        appointed_by = "convention"
    seats = tuple(
        Seat(
            person=pid,
            role="chair" if i == 0 and kind in _ELECTED else None,
            elected_by=elected_by,
            appointed_by=appointed_by,
        )
        for i, pid in enumerate(holders)
    )
    size = draw(st.none() | st.integers(len(seats), len(seats) + 2))
    return Body(
        kind=kind,
        seats=seats,
        size=size,
        outside=kind == "external_panel",
    )


@st.composite
def _relation(draw: st.DrawFn, pool: list[str]) -> Relation:
    """A relation between two distinct persons of ``pool``."""
    first = draw(st.sampled_from(pool))
    second = draw(st.sampled_from([p for p in pool if p != first]))
    kind = draw(st.sampled_from(RELATION_KINDS))
    return Relation.model_validate({"kind": kind, "persons": (first, second)})


@st.composite
def _organisation(
    draw: st.DrawFn,
    min_persons: int,
    max_persons: int,
    kinds: tuple[BodyKind, ...] | None,
) -> Organisation:
    count = draw(st.integers(min_persons, max_persons))
    insiders = [f"p{i}" for i in range(1, count + 1)]
    chosen = (
        kinds
        if kinds is not None
        else tuple(kind for kind in BODY_IDS if draw(st.booleans()))
    )
    outsiders: list[str] = []
    if "external_panel" in chosen:
        outsiders = [f"x{i}" for i in range(1, draw(st.integers(1, 3)) + 1)]
    bodies: dict[str, Body] = {
        "convention": Body(kind="convention", name="Convention"),
        "membership": Body(kind="membership", name="All members"),
    }
    ids = [BODY_IDS[kind] for kind in chosen]
    for kind, ident in BODY_IDS.items():
        if kind in chosen:
            pool = outsiders if kind == "external_panel" else insiders
            bodies[ident] = draw(_seats(kind, pool, ids))
    branch_of: set[str] = set()
    if "branch" in bodies:
        branch_of = {seat.person for seat in bodies["branch"].seats}
    tags: dict[str, set[str]] = {}
    for pid, tag in draw(
        st.lists(
            st.tuples(st.sampled_from(insiders), st.sampled_from(_TAGS)), max_size=3
        )
    ):
        tags.setdefault(pid, set()).add(tag)
    persons = {
        pid: Person(
            role="member",
            branch="branch" if pid in branch_of else None,
            tags=tuple(sorted(tags.get(pid, ()))),
        )
        for pid in insiders
    }
    persons |= {
        pid: Person(role="member of the external pool", status="outside_party")
        for pid in outsiders
    }
    relations = draw(st.lists(_relation([*insiders, *outsiders]), max_size=3))
    return Organisation(
        schema_version=1,
        organisation="org",
        name="A generated organisation",
        persons=persons,
        bodies=bodies,
        relations=tuple(relations),
    )


def organisations(
    *,
    min_persons: int = 4,
    max_persons: int = 12,
    kinds: Iterable[BodyKind] | None = None,
) -> st.SearchStrategy[Organisation]:
    """Draw valid organisations: persons, bodies with seats, and relations.

    Every organisation has a ``convention`` and a ``membership`` (no seats).
    Its own persons are ``p1``..``pN``, all members; an external panel seats
    one to three outside parties ``x1``.. besides them and is marked
    ``outside``. Other bodies are seated from the members, overlaps allowed.

    Args:
        min_persons: the fewest persons of the organisation's own (at least 2,
            so that a complaint has a complainant and a respondent).
        max_persons: the most persons of the organisation's own.
        kinds: exactly these optional body kinds (from :data:`BODY_IDS`);
            ``None`` draws a selection, shrinking towards none.

    Returns:
        A strategy whose organisations validate and have no issues.

    Raises:
        UsageError: for fewer than 2 persons, an empty range, or a kind that
            generated organisations do not offer.
    """
    if min_persons < 2 or max_persons < min_persons:
        raise UsageError(
            f"organisations() needs 2 <= min_persons <= max_persons, "
            f"got {min_persons} and {max_persons}"
        )
    chosen: tuple[BodyKind, ...] | None = None
    if kinds is not None:
        chosen = tuple(kinds)
        unknown = sorted(set(chosen) - set(BODY_IDS))
        if unknown:
            raise UsageError(
                f"organisations() cannot generate bodies of kind {', '.join(unknown)}; "
                f"it offers {', '.join(BODY_IDS)}"
            )
    return _organisation(min_persons, max_persons, chosen)


@st.composite
def _case(draw: st.DrawFn, organisation: Organisation) -> FileComplaint:
    persons = list(organisation.persons)
    members = [
        pid
        for pid, person in organisation.persons.items()
        if person.status in {"member", "on_leave"}
    ]
    complainant = draw(st.sampled_from(members or persons))
    others = [pid for pid in persons if pid != complainant]
    inside = [
        pid for pid in others if organisation.persons[pid].status != "outside_party"
    ]
    pool = inside or others
    against = draw(
        st.lists(
            st.sampled_from(pool), min_size=1, max_size=min(3, len(pool)), unique=True
        )
    )
    reviewable = [
        bid
        for bid, body in organisation.bodies.items()
        if body.kind not in {"convention", "membership"}
    ]
    subjects: list[str] = []
    if reviewable:
        subjects = draw(st.lists(st.sampled_from(reviewable), max_size=2, unique=True))
    at = draw(st.dates(_FIRST_DAY, _LAST_DAY))
    conduct_at = draw(st.none() | st.dates(at - dt.timedelta(days=365), at))
    return FileComplaint(
        act="file_complaint",
        at=at,
        by=complainant,
        case=f"k{draw(st.integers(1, 9))}",
        against=tuple(against),
        subjects=tuple(subjects),
        conduct_at=conduct_at,
        basis=draw(st.sampled_from(_BASES)),
    )


def cases(organisation: Organisation) -> st.SearchStrategy[FileComplaint]:
    """Draw a complaint that opens a case in ``organisation``.

    The complainant is a member when there is one; the respondents (one to
    three) are other persons, insiders first; subjects are bodies whose
    conduct is under review. Dates fall in 2020-2030 and case ids are ``k1``..``k9``.

    Args:
        organisation: the organisation whose persons and bodies the case names.

    Returns:
        A strategy of ``file_complaint`` acts.

    Raises:
        UsageError: when the organisation has fewer than two persons.
    """
    if len(organisation.persons) < 2:
        raise UsageError(
            f"organisation {organisation.organisation} has fewer than two persons, "
            "so no complaint can name a complainant and a respondent"
        )
    return _case(organisation)
