"""The page model of a scenario report: what the page shows, with no markup.

Built from a loaded scenario and its replays (one per rule book), it holds
every act with its verdict and explanation under each book, the lanes of the
timeline (one per body or person that acts), the timed spans (deadlines,
reviews, interim measures) per book, the invariants with their witnesses,
the versions of the rules ``amend_rules`` acts made under each book, and,
with several books, the first divergence and the amendments adopted under
some books and void under others. Rendering reads only this
model, so the figures a test checks here are the figures the page shows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from govsim.analysis.compare import Comparison, deciding
from govsim.analysis.rulesplit import RulesSplit
from govsim.engine.trace import ActRecord, Breach, Verdict
from govsim.errors import UsageError
from govsim.findings.result import Result
from govsim.findings.versions import Change, origins
from govsim.model.loading import LoadedScenario
from govsim.reports.clausesites import ClauseSites, clause_sites
from govsim.reports.spans import TimedSpan, timed_spans

__all__ = [
    "ActEntry",
    "BookSummary",
    "BookVerdict",
    "BreachEntry",
    "Citation",
    "DivergenceEntry",
    "InvariantRow",
    "Lane",
    "ScenarioPage",
    "scenario_page",
]

VERDICTS = tuple(v.value for v in Verdict)
"""Verdict names in the order they are counted and keyed: valid, irregular, void."""


@dataclass(frozen=True)
class Citation:
    """One reason an act got its verdict: the check, and the clause behind it."""

    check: str
    holds: bool
    rule: str
    clause: str | None
    text: str | None
    source: str | None
    """The clause's own citation (a constitution article, a key of docs/sources.md)."""
    where: str | None
    """``file:line`` of the clause in its rule book, relative to the scenario."""
    deciding: bool
    """Whether this reason decides the verdict (see :func:`compare.deciding`)."""
    origin: str | None = None
    """For a clause an ``amend_rules`` act added or reworded: ``as reworded by
    act X, in force from D``."""


@dataclass(frozen=True)
class BookVerdict:
    """An act judged under one book: verdict, every reason, and effects."""

    book: str
    verdict: str
    reasons: tuple[Citation, ...]
    effects: tuple[str, ...]

    @property
    def clauses(self) -> list[str]:
        """The ids of the clauses cited, once each, deciding ones first."""
        ordered = sorted(self.reasons, key=lambda r: not r.deciding)
        return list(dict.fromkeys(r.clause for r in ordered if r.clause is not None))

    @property
    def deciding_clauses(self) -> list[str]:
        """The ids of the clauses that decide the verdict, once each.

        Those of the reasons :func:`compare.deciding` picks: for an act that
        is not valid, the clauses it breaks; for a valid one, those granting
        the power. A clause cited only by a check that held without deciding
        (the grant behind an irregular act) is left out, as the comparison
        leaves it out of the first divergence.
        """
        return list(
            dict.fromkeys(
                r.clause for r in self.reasons if r.deciding and r.clause is not None
            )
        )


@dataclass(frozen=True)
class ActEntry:
    """One act of the scenario, with its judgement under each book (book order)."""

    id: str
    at: dt.date
    actor: str
    kind: str
    targets: tuple[str, ...]
    note: str | None
    where: str | None
    """``file:line`` of the act in the scenario file."""
    judged: dict[str, BookVerdict]

    def verdict(self, book: str) -> str:
        """The verdict under one book."""
        return self.judged[book].verdict

    @property
    def diverges(self) -> bool:
        """Whether the books judge this act differently."""
        return len({j.verdict for j in self.judged.values()}) > 1


@dataclass(frozen=True)
class Lane:
    """One row of the timeline: a body, or a person acting in their own name."""

    id: str
    label: str
    """What the lane is called: the body's name, the person's role (up to its
    first ``;``), or, for a body made during the scenario with no name, what
    it was made of; its id when there is nothing better."""
    kind: str
    """The body's kind (``executive``, ``joint_meeting``, ...) or ``person``."""
    description: str = ""
    """The whole of what the organisation says of it (a person's full role),
    for the lane's tooltip; empty when that is the label."""


@dataclass(frozen=True)
class BreachEntry:
    """One breach of an invariant under one book, witnesses split by what they are."""

    at: dt.date
    message: str
    witnesses: tuple[str, ...]
    acts: frozenset[str]
    """The witnesses that are acts of the scenario (linked on the page)."""
    stopped: str | None = None
    """For a prevented breach: the clause and reason that voided the act."""


@dataclass(frozen=True)
class InvariantRow:
    """One invariant and, per book, its breaches (empty: it held; absent: not checked)."""

    name: str
    breaches: dict[str, tuple[BreachEntry, ...]]
    prevented: dict[str, tuple[BreachEntry, ...]] = field(default_factory=dict)
    """Book id to the breaches it prevented (void acts that would have made them)."""

    @property
    def ever_broken(self) -> bool:
        """Whether any book's replay broke it."""
        return any(self.breaches.values())

    @property
    def shown(self) -> bool:
        """Whether the page lists it in the table: broken or prevented somewhere."""
        return self.ever_broken or any(self.prevented.values())

    def broken(self, book: str) -> bool | None:
        """Broken under the book (``None`` when the book did not check it)."""
        found = self.breaches.get(book)
        return None if found is None else bool(found)

    def states(self, book: str) -> tuple[str, ...]:
        """The invariant's verdict under one book, as the table's cell shows it.

        ``("breached",)``, ``("prevented",)``, both (a book can stop one
        breach and let another through), ``("held",)``, or ``("not checked",)``
        when the book did not check it.
        """
        if book not in self.breaches:
            return ("not checked",)
        found = tuple(
            state
            for state, entries in (
                ("breached", self.breaches[book]),
                ("prevented", self.prevented.get(book, ())),
            )
            if entries
        )
        return found or ("held",)

    def witness_acts(self, book: str) -> list[str]:
        """The acts witnessing its breaches and prevented breaches under a book.

        Once each, in the order the breaches are listed; a witness that is not
        an act (a person, a case) is left to the details.
        """
        entries = [*self.breaches.get(book, ()), *self.prevented.get(book, ())]
        ordered = [w for e in entries for w in e.witnesses if w in e.acts]
        return list(dict.fromkeys(ordered))


@dataclass(frozen=True)
class DivergenceEntry:
    """The first act the books judge differently, and the clauses behind each verdict."""

    act: str
    at: dt.date
    verdicts: dict[str, str]
    clauses: dict[str, list[str]]
    summary: str
    rules: str | None = None
    """When the act is an amendment adopted under some books and void under
    others: that, in words (``the rules diverged: ...``)."""


@dataclass(frozen=True)
class BookSummary:
    """One book's replay in figures, for the page's header cards."""

    id: str
    title: str | None
    verdicts: dict[str, int]
    """Verdict to the number of acts that got it, every verdict present."""
    violations: int
    broken: int
    prevented: int
    """Breaches the book prevented by voiding the acts that would have made them."""
    checked: int
    expectations_met: int
    expectations: int
    timed: tuple[tuple[dt.date, str, str, str], ...]
    """Things that happened by themselves: (date, kind, subject, message)."""
    amendments: tuple[Change, ...] = ()
    """The versions of the rules ``amend_rules`` acts made, in order."""
    final_version: int = 1
    """The number of the version in force at the end (1: the book as it started)."""


@dataclass(frozen=True)
class ScenarioPage:
    """Everything a scenario report shows, in the order it is shown."""

    scenario: str
    title: str | None
    books: tuple[BookSummary, ...]
    acts: tuple[ActEntry, ...]
    lanes: tuple[Lane, ...]
    spans: dict[str, tuple[TimedSpan, ...]]
    """Book id to its spans as drawn: a duty owed by several bodies once per lane."""
    invariants: tuple[InvariantRow, ...]
    divergence: DivergenceEntry | None
    end: dt.date
    """The last day the replay ran to: open spans are drawn up to it."""
    rule_splits: tuple[RulesSplit, ...] = ()
    """Amendments adopted under some books and void under others, in act order."""

    @property
    def amended(self) -> bool:
        """Whether an act amended the rules under any book (the page lists versions)."""
        return any(book.amendments for book in self.books)

    @property
    def book_ids(self) -> list[str]:
        """The rule book ids, in the order given."""
        return [b.id for b in self.books]

    @property
    def names(self) -> dict[str, str]:
        """Each lane's id to its label, for tooltips on the ids in the tables."""
        return {lane.id: lane.description or lane.label for lane in self.lanes}

    def duties(self, book: str) -> tuple[TimedSpan, ...]:
        """One book's duties and measures, once each, for the page's table.

        ``spans`` draws a duty owed by several bodies in each of their lanes;
        the table lists it once.
        """
        once: dict[tuple[str, str], TimedSpan] = {}
        for span in self.spans[book]:
            once.setdefault((span.kind, span.id), span)
        return tuple(once.values())


def _judged(
    record: ActRecord,
    book: str,
    sites: ClauseSites,
    made: Sequence[Change],
    written: Mapping[str, str],
) -> BookVerdict:
    """One act under one book; a clause an act amended is cited where that act is written."""
    decisive = set(deciding(record))
    cited = origins(made, record)
    return BookVerdict(
        book=book,
        verdict=record.verdict.value,
        reasons=tuple(
            Citation(
                check=r.check,
                holds=r.holds,
                rule=r.rule,
                clause=r.clause,
                text=r.text,
                source=r.source,
                where=written.get(cited[r.clause].act or "")
                if r.clause in cited
                else sites.where(r.clause, r.text)
                if r.clause
                else None,
                deciding=r in decisive,
                origin=cited[r.clause].origin(r.clause) if r.clause in cited else None,
            )
            for r in record.reasons
        ),
        effects=record.effects,
    )


def _acts(
    loaded: LoadedScenario, results: Sequence[Result], sites: Mapping[str, ClauseSites]
) -> tuple[ActEntry, ...]:
    by_book = {r.rulebook: {a.id: a for a in r.acts} for r in results}
    made = {r.rulebook: r.amendments for r in results}
    name = loaded.path.name if loaded.path is not None else None
    written = {a.id: f"{name}:{a.line}" for a in results[0].acts if name and a.line}
    entries = []
    for first in results[0].acts:
        entries.append(
            ActEntry(
                id=first.id,
                at=first.at,
                actor=first.actor,
                kind=first.act,
                targets=first.targets,
                note=first.note,
                where=f"{name}:{first.line}" if name and first.line else None,
                judged={
                    book: _judged(
                        acts[first.id], book, sites[book], made[book], written
                    )
                    for book, acts in by_book.items()
                },
            )
        )
    return tuple(entries)


def _made(results: Sequence[Result]) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Each body made during the replays (joint meetings, committees).

    Its kind, and the bodies it joins (a joint meeting's constituents).
    """
    made: dict[str, tuple[str, tuple[str, ...]]] = {}
    for result in results:
        world = result.trace.world
        if world is not None:
            for bid, body in world.bodies.items():
                made.setdefault(bid, (body.kind, body.constituents))
    return made


def _made_lane(
    ident: str, kind: str, of: Sequence[str], names: Mapping[str, str]
) -> Lane:
    """The lane of a body made during the scenario, named after what it joins.

    The label joins the bodies' ids (short enough for the lane), the tooltip
    their names.
    """
    if not of:
        return Lane(ident, ident, kind)
    what = kind.replace("_", " ").capitalize()
    return Lane(
        ident,
        f"{what} of {', '.join(of)}",
        kind,
        f"{what} of {', '.join(names.get(b, b) for b in of)}",
    )


def _lanes(
    loaded: LoadedScenario,
    results: Sequence[Result],
    acts: Sequence[ActEntry],
    spans: Mapping[str, Sequence[TimedSpan]],
) -> tuple[Lane, ...]:
    """A lane for each body or person that acts or owes a span, bodies first.

    Lanes are labelled by what readers call them (see :class:`Lane`); the id
    stays on the lane for the page's links and tooltips.

    Bodies come in the organisation document's order, so every report on the
    same organisation stacks them alike; bodies made during the scenario and
    persons follow in the order they first appear.
    """
    org = loaded.organisation
    wanted = [a.actor for a in acts] + [
        s.lane for found in spans.values() for s in found
    ]
    seen = list(dict.fromkeys(wanted))
    made = _made(results)
    names = {b: body.name or b for b, body in org.bodies.items()}
    lanes = [Lane(b, names[b], org.bodies[b].kind) for b in org.bodies if b in seen]
    for ident in seen:
        if ident in org.persons:
            role = org.persons[ident].role or ident
            short = role.split(";")[0].strip()
            lanes.append(Lane(ident, short, "person", role if short != role else ""))
        elif ident not in org.bodies:
            kind, of = made.get(ident, ("body", ()))
            lanes.append(_made_lane(ident, kind, of, names))
    # Persons last: they act rarely, and bodies are what the reader follows.
    return tuple(sorted(lanes, key=lambda lane: lane.kind == "person"))


def _invariants(
    results: Sequence[Result], act_ids: set[str]
) -> tuple[InvariantRow, ...]:
    names: dict[str, None] = {}
    for result in results:
        names.update(dict.fromkeys(result.invariants()))
    per_book = {r.rulebook: r.invariants() for r in results}
    stopped: dict[str, dict[str, list[Breach]]] = {}
    for result in results:
        for b in result.prevented:
            stopped.setdefault(b.invariant, {}).setdefault(result.rulebook, []).append(
                b
            )

    def entry(b: Breach) -> BreachEntry:
        why = None
        if b.prevented:
            why = f"{b.prevented_by or 'no power'}: {b.prevented_because}"
        return BreachEntry(
            b.at,
            b.message,
            b.witnesses,
            frozenset(w for w in b.witnesses if w in act_ids),
            why,
        )

    return tuple(
        InvariantRow(
            name,
            {
                book: tuple(entry(b) for b in found[name])
                for book, found in per_book.items()
                if name in found
            },
            {
                book: tuple(entry(b) for b in found)
                for book, found in stopped.get(name, {}).items()
            },
        )
        for name in names
    )


def _divergence(comparison: Comparison) -> DivergenceEntry | None:
    first = comparison.first_divergence
    if first is None:
        return None
    return DivergenceEntry(
        act=first.row.id,
        at=first.row.at,
        verdicts={b: v.value for b, v in first.row.verdicts.items()},
        clauses={b: first.clauses(b) for b in comparison.books},
        summary=str(first),
        rules=None if first.split is None else str(first.split),
    )


def _summary(result: Result, title: str | None) -> BookSummary:
    counts = dict.fromkeys(VERDICTS, 0)
    for record in result.acts:
        counts[record.verdict.value] += 1
    return BookSummary(
        id=result.rulebook,
        title=title,
        verdicts=counts,
        violations=len(result.violations),
        broken=len({b.invariant for b in result.breaches}),
        prevented=len(result.prevented),
        checked=len(result.trace.invariants),
        expectations_met=sum(1 for e in result.expectations if e.met),
        expectations=len(result.expectations),
        timed=tuple((t.at, t.kind, t.subject, t.message) for t in result.timed),
        amendments=tuple(result.amendments),
        final_version=result.versions[-1].number if result.versions else 1,
    )


def scenario_page(
    loaded: LoadedScenario,
    results: Sequence[Result],
    *,
    book_files: Mapping[str, Path] | None = None,
    titles: Mapping[str, str | None] | None = None,
) -> ScenarioPage:
    """The page model of one scenario replayed under one or more books.

    Args:
        loaded: the scenario, for its title, organisation and file.
        results: one replay per book, in the order the page shows the books.
        book_files: book id to its file, for books given on the command
            line rather than listed by the scenario (used to cite clauses
            as ``file:line``).
        titles: book id to its title, for books the scenario does not
            list (those it lists are known from ``loaded``).

    Returns:
        The model; with several books it carries the first divergence.

    Raises:
        UsageError: no results, a replay with no acts, or replays of
            different histories (they could not be lined up act by act).
    """
    if not results:
        raise UsageError(f"no replay of scenario {loaded.id} to report on")
    empty = [r.rulebook for r in results if not r.acts]
    if empty:
        raise UsageError(
            f"scenario {loaded.id} has no acts replayed under {', '.join(empty)}: "
            "there is nothing to draw, so no report was written"
        )
    ids = [a.id for a in results[0].acts]
    if any([a.id for a in r.acts] != ids for r in results[1:]):
        raise UsageError("the replays to report on are not of the same history")
    books = [r.rulebook for r in results]
    titles = {b.id: b.title for b in loaded.rulebooks.values()} | dict(titles or {})
    base = loaded.path.parent if loaded.path is not None else Path()
    sites = clause_sites(books, base, {**loaded.book_files, **(book_files or {})})
    acts = _acts(loaded, results, sites)
    spans = {r.rulebook: timed_spans(r) for r in results}
    end = max(
        [
            loaded.scenario.end or max(a.at for a in acts),
            *(t.at for r in results for t in r.timed),
        ]
    )
    comparison = (
        Comparison(loaded.id, {r.rulebook: r for r in results})
        if len(results) > 1
        else None
    )
    divergence = None if comparison is None else _divergence(comparison)
    return ScenarioPage(
        scenario=loaded.id,
        title=loaded.scenario.title,
        books=tuple(_summary(r, titles.get(r.rulebook)) for r in results),
        acts=acts,
        lanes=_lanes(loaded, results, acts, spans),
        spans=spans,
        invariants=_invariants(results, set(ids)),
        divergence=divergence,
        end=end,
        rule_splits=() if comparison is None else tuple(comparison.rule_splits),
    )
