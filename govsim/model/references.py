"""Checks that a scenario's acts refer to things that exist, in date order.

Run after schema validation and before replay, so that a typo in a person's
id is a positioned error in the file rather than a puzzling verdict.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from govsim.documents.suggest import did_you_mean
from govsim.model.acts import ActBase, Convene
from govsim.model.common import Issue
from govsim.model.meetingrecords import MeetingLedger, is_joint
from govsim.model.organisation import Organisation
from govsim.model.scenario import Scenario
from govsim.model.selectors import SeatSelector, TagSelector

__all__ = ["act_ids", "expectation_book_issues", "scenario_issues"]

_SPECIAL_AUDIENCES = {"public", "members", "outside"}
_SINGULAR = {"persons": "person", "bodies": "body"}


def act_ids(acts: Iterable[ActBase]) -> list[str]:
    """The id of each act: its own, or ``a<N>`` by position (1-based)."""
    return [act.id or f"a{i + 1}" for i, act in enumerate(acts)]


def _unknown(what: str, ident: str, known: Iterable[str]) -> str:
    return f"unknown {what} '{ident}'{did_you_mean(ident, known)}"


class _Checker:
    def __init__(
        self,
        scenario: Scenario,
        org: Organisation,
        books: dict[str, set[str]],
        unloaded: Collection[str] = (),
    ) -> None:
        self.scenario = scenario
        self.unloaded = frozenset(unloaded)
        self.persons = set(org.persons)
        self.bodies = set(org.bodies)
        self.tags = {t for p in org.persons.values() for t in p.tags}
        self.books = books
        self.defined: dict[str, set[str]] = {
            "case": set(),
            "mandate": set(),
            "proposal": set(),
            "meeting": set(),
        }
        self.meetings = MeetingLedger(set(org.persons))
        self.acts_by_kind: dict[str, str] = {}
        self.issues: list[Issue] = []

    def note(self, loc: tuple[str | int, ...], message: str) -> None:
        self.issues.append((loc, message))

    def ref(self, loc: tuple[str | int, ...], kind: str, value: object) -> None:
        if value is None:
            return
        if isinstance(value, tuple):
            for i, item in enumerate(value):
                self.ref((*loc, i), _SINGULAR.get(kind, kind), item)
            return
        if kind == "selectors":
            if isinstance(value, TagSelector):
                if value.tag not in self.tags:
                    self.note((*loc, "tag"), _unknown("tag", value.tag, self.tags))
            elif isinstance(value, SeatSelector):
                self.ref((*loc, "seat_on"), "body", value.seat_on)
            else:
                self.ref(loc, "person", value)
            return
        ident = str(value)
        if kind == "person" and ident not in self.persons:
            self.note(loc, _unknown("person", ident, self.persons))
        elif kind == "body" and ident not in self.bodies:
            self.note(loc, _unknown("body", ident, self.bodies))
        elif kind == "actor" and ident not in self.persons | self.bodies:
            self.note(
                loc, _unknown("person or body", ident, self.persons | self.bodies)
            )
        elif (
            kind == "audience"
            and ident not in self.persons | self.bodies | _SPECIAL_AUDIENCES
        ):
            self.note(
                loc,
                _unknown(
                    "recipient", ident, self.persons | self.bodies | _SPECIAL_AUDIENCES
                ),
            )
        elif kind in self.defined and ident not in self.defined[kind]:
            opens = "convene act calls" if kind == "meeting" else "act opens"
            self.note(
                loc,
                _unknown(kind, ident, self.defined[kind])
                + f" (no earlier {opens} {kind} '{ident}')",
            )
        elif kind == "act_or_mandate":
            known_refs = set(self.acts_by_kind) | self.defined["mandate"]
            if ident not in known_refs:
                self.note(
                    loc,
                    f"no earlier act or mandate has id '{ident}'{did_you_mean(ident, known_refs)}",
                )
        elif kind == "act:*":
            if ident not in self.acts_by_kind:
                self.note(
                    loc,
                    f"no earlier act has id '{ident}'{did_you_mean(ident, self.acts_by_kind)}",
                )
        elif kind.startswith("act:"):
            wanted = kind.split(":", 1)[1].split("|")
            if self.acts_by_kind.get(ident) not in wanted:
                known = [a for a, k in self.acts_by_kind.items() if k in wanted]
                kinds = " or ".join(f"'{w}'" for w in wanted)
                self.note(
                    loc,
                    f"no earlier {kinds} act has id '{ident}'{did_you_mean(ident, known)}",
                )

    def run(self) -> list[Issue]:
        ids = act_ids(self.scenario.acts)
        seen: dict[str, int] = {}
        previous = None
        for i, (ident, act) in enumerate(zip(ids, self.scenario.acts, strict=True)):
            loc: tuple[str | int, ...] = ("acts", i)
            if ident in seen:
                self.note(
                    (*loc, "id"),
                    f"act id '{ident}' is already used by acts.{seen[ident]}",
                )
            seen.setdefault(ident, i)
            if previous is not None and act.at < previous:
                self.note(
                    (*loc, "at"),
                    f"act dated {act.at} comes after one dated {previous}: list acts in date order",
                )
            previous = act.at if previous is None else max(previous, act.at)
            self.ref((*loc, "by"), "actor", act.by)
            for name, kind in type(act).REFS.items():
                self.ref((*loc, name), kind, getattr(act, name))
            for name, kind in type(act).DEFINES.items():
                value = getattr(act, name)
                if kind == "body":
                    if value in self.bodies | self.persons:
                        self.note(
                            (*loc, name), f"'{value}' already names a body or person"
                        )
                    self.bodies.add(value)
                else:
                    if kind == "meeting" and value in self.defined[kind]:
                        self.note((*loc, name), f"meeting '{value}' is already called")
                    self.defined[kind].add(value)
            if isinstance(act, Convene) and is_joint(act):
                # A joint meeting acts in its own name, like a body.
                if act.meeting in self.bodies | self.persons:
                    self.note(
                        (*loc, "meeting"),
                        f"'{act.meeting}' already names a body or person",
                    )
                self.bodies.add(act.meeting)
            self.meetings.enter(ident, act, loc)
            self.acts_by_kind[ident] = act.act
        self.issues += self.meetings.finish()
        self._events()
        self._span()
        self._expectations(set(ids))
        return self.issues

    def _span(self) -> None:
        """``start`` and ``end`` must hold every act and event between them."""
        s = self.scenario
        ids = act_ids(s.acts)
        dated = [(a.at, f"act {i}") for i, a in zip(ids, s.acts, strict=True)]
        dated += [(e.at, f"the {e.event} event of {e.at}") for e in s.events]
        first, last = min(dated), max(dated)
        if s.start is not None and s.start > first[0]:
            self.note(
                ("start",),
                f"the scenario starts on {s.start}, after {first[1]} (dated {first[0]}): "
                f"give a start on {first[0]} or earlier, or leave it out",
            )
        if s.end is not None and s.end < last[0]:
            self.note(
                ("end",),
                f"the scenario ends on {s.end}, before {last[1]} (dated {last[0]}): "
                f"give an end on {last[0]} or later, or leave it out",
            )

    def _events(self) -> None:
        for i, event in enumerate(self.scenario.events):
            for j, pid in enumerate(event.persons):
                self.ref(("events", i, "persons", j), "person", pid)

    def _timed_refs(
        self, loc: tuple[str | int, ...], expect: Any, ids: set[str]
    ) -> None:
        """Measures, duties and timed effects named by expectations exist."""
        roots = ids | self.defined["mandate"]
        measures = {
            a
            for a, kind in self.acts_by_kind.items()
            if kind in {"interim_suspend", "sanction"}
        }
        for ident in expect.measures:
            if ident not in measures:
                self.note(
                    (*loc, "measures", ident),
                    f"no interim_suspend or sanction act has id '{ident}'"
                    f"{did_you_mean(ident, measures)}",
                )
        for ident in expect.obligations:
            if _duty_root(ident) not in roots:
                self.note(
                    (*loc, "obligations", ident),
                    f"no act or mandate '{_duty_root(ident)}' for duty '{ident}'"
                    f"{did_you_mean(_duty_root(ident), roots)}",
                )
        if expect.timed is not None:
            for part in ("present", "absent"):
                for j, pattern in enumerate(getattr(expect.timed, part)):
                    subject = pattern.subject
                    if subject is not None and _duty_root(subject) not in roots:
                        self.note(
                            (*loc, "timed", part, j, "subject"),
                            f"no act or mandate '{_duty_root(subject)}'"
                            f"{did_you_mean(_duty_root(subject), roots)}",
                        )

    def _expectations(self, ids: set[str]) -> None:
        for book, expect in self.scenario.expect.items():
            loc: tuple[str | int, ...] = ("expect", book)
            if book in self.unloaded and book not in self.books:
                continue  # the book's own problems say why it is missing
            if book not in self.books:
                self.note(loc, _unknown_book(book, self.books))
                continue
            for act in expect.verdicts:
                if act not in ids:
                    self.note((*loc, "verdicts", act), _unknown("act", act, ids))
            for pid in expect.statuses:
                if pid not in self.persons:
                    self.note(
                        (*loc, "statuses", pid), _unknown("person", pid, self.persons)
                    )
            for body in expect.seats:
                if body not in self.bodies:
                    self.note(
                        (*loc, "seats", body), _unknown("body", body, self.bodies)
                    )
            self._timed_refs(loc, expect, ids)
            if expect.violations is not None:
                for part in ("present", "absent"):
                    for j, pattern in enumerate(getattr(expect.violations, part)):
                        ploc = (*loc, "violations", part, j)
                        if pattern.act is not None and pattern.act not in ids:
                            self.note((*ploc, "act"), _unknown("act", pattern.act, ids))
                        if (
                            pattern.clause is not None
                            and pattern.clause not in self.books[book]
                        ):
                            self.note(
                                (*ploc, "clause"),
                                _unknown(
                                    f"clause of {book}",
                                    pattern.clause,
                                    self.books[book],
                                ),
                            )


def _unknown_book(book: str, books: Iterable[str]) -> str:
    return (
        _unknown("rule book", book, books)
        + " (expectations name a book the scenario runs)"
    )


def expectation_book_issues(
    scenario: Scenario, books: Collection[str], unloaded: Collection[str] = ()
) -> list[Issue]:
    """Expectations of a book the scenario does not run.

    The one check of expectations that needs neither the acts nor the
    organisation, for a scenario whose acts or organisation failed to load:
    :func:`scenario_issues` makes it with the others.
    """
    return [
        (("expect", book), _unknown_book(book, books))
        for book in scenario.expect
        if book not in books and book not in unloaded
    ]


def _duty_root(ident: str) -> str:
    """The act or mandate a duty id hangs from: ``s`` of ``s:implement``."""
    return ident.split(":", 1)[0]


def scenario_issues(
    scenario: Scenario,
    org: Organisation,
    books: dict[str, set[str]],
    *,
    unloaded: Collection[str] = (),
) -> list[Issue]:
    """Every dangling reference of a scenario.

    Args:
        scenario: the validated scenario.
        org: its organisation.
        books: rule book id to the clause ids it ever has in force.
        unloaded: books the scenario lists that could not be loaded; their
            expectations are not checked (nor called unknown), since the
            problems of the book itself are what to fix.
    """
    return _Checker(scenario, org, books, unloaded).run()
