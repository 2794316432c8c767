"""Search for acts, each allowed at its turn, after which a body answers to no one.

``govsim capture`` asks the question a bylaws committee most needs answered:
can a body (or a coalition of bodies and persons), by steps each valid under
the rule book *as it stands after the previous ones*, make itself
unaccountable (see :mod:`govsim.analysis.standing` for when it is)?

The search is breadth-first over sequences of the candidate acts of
:mod:`govsim.analysis.capture_moves`, so the first capture found is a
shortest one. A replay session cannot be copied, so each sequence is replayed
from the start (sequences are a few acts long). States already reached — the
same clauses in force, the same seats, statuses and bodies — are not
extended again. Up to ``beam`` states per level the search is exhaustive to
the stated depth; past that it is guided: only the ``beam`` states with the
fewest outside checks and uncontrolled judges left (ties in the order found)
are extended, and the result says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from govsim.analysis.capture_moves import Move, moves
from govsim.analysis.lint.view import ASSEMBLIES
from govsim.analysis.standing import Coalition, Standing, standing_of
from govsim.engine.replay import Session
from govsim.engine.trace import ActRecord, Verdict
from govsim.errors import UsageError

if TYPE_CHECKING:
    from govsim.model.acts import ActBase
    from govsim.probing.trial import Design

__all__ = ["Capture", "coalition_of", "first_moves", "search_capture"]

BEAM = 200
"""States extended per level before the search turns from exhaustive to guided."""


@dataclass
class Capture:
    """What a capture search found, and how far it looked.

    Attributes:
        book: the rule book's id.
        coalition: who was trying.
        depth: the most acts a sequence had (a first reading counts).
        start: the day of the first act (each next act a day later, an
            amendment adopted on a second reading its lead days after the first).
        sequences: sequences of acts replayed.
        candidates: distinct candidate acts met.
        guided: whether some level kept only the ``beam`` most promising states.
        beam: the most states extended at one depth.
        moves: the capture found, shortest first (empty when none).
        records: the replayed verdicts of those acts.
        before: what held the coalition to account at the start.
        after: how the coalition is captured, in words.
        remaining: what still checks it after the capture (``nobody``, or
            checks that a coalition holding its judges still faces).
        how: ``unaccountable`` or ``judge held``, when found.
    """

    book: str
    coalition: Coalition
    depth: int
    start: dt.date
    sequences: int = 0
    candidates: int = 0
    guided: bool = False
    beam: int = BEAM
    moves: tuple[Move, ...] = ()
    records: tuple[ActRecord, ...] = ()
    before: str = ""
    after: str = ""
    how: str | None = None
    remaining: str = ""
    acts: list[tuple[str, ActBase]] = field(default_factory=list)

    @property
    def found(self) -> bool:
        """Whether a capture was found (also when nothing needed doing)."""
        return self.how is not None

    def steps(self) -> list[tuple[ActRecord, str]]:
        """Each act of the capture with why it was tried (a first reading says so)."""
        out: list[tuple[ActRecord, str]] = []
        records = iter(self.records)
        for move in self.moves:
            if move.cost == 2:
                out.append((next(records), f"first reading, to {move.why}"))
            out.append((next(records), move.why))
        return out

    def mode(self) -> str:
        """``exhaustive``, or how the search was guided."""
        if not self.guided:
            return "exhaustive"
        return (
            f"guided: past {self.beam} states at one depth, only the {self.beam} "
            "with the fewest outside checks and judges left were extended"
        )

    def bounds(self) -> str:
        """How far the search looked, in words."""
        return (
            f"depth {self.depth}, {self.mode()}: {self.sequences:,} sequences of "
            f"{self.candidates:,} candidate acts tried"
        )


def coalition_of(design: Design, body: str | None, coalition: str | None) -> Coalition:
    """The coalition a user names with ``--body`` or ``--coalition``, checked."""
    from govsim.documents import did_you_mean

    if (body is None) == (coalition is None):
        raise UsageError(
            "name the body with --body B, or a coalition with --coalition P1,P2 "
            "(one of the two)"
        )
    org = design.organisation
    names = [body] if body is not None else (coalition or "").split(",")
    names = [n.strip() for n in names if n.strip()]
    known = {*org.bodies, *org.persons}
    for name in names:
        if name not in known:
            raise UsageError(
                f"no body or person '{name}' in organisation "
                f"{org.organisation}{did_you_mean(name, known)}"
            )
    if body is not None and body not in org.bodies:
        raise UsageError(f"'{body}' is a person, not a body: use --coalition {body}")
    bodies = tuple(dict.fromkeys(n for n in names if n in org.bodies))
    for name in bodies:
        if org.bodies[name].kind in ASSEMBLIES:
            raise UsageError(
                f"{name} is an assembly ({org.bodies[name].kind}): accountability "
                "starts there, so it has no one to escape; ask about another body"
            )
    if not bodies:
        raise UsageError(
            "a coalition needs at least one body whose accountability is asked about"
        )
    persons = tuple(dict.fromkeys(n for n in names if n in org.persons))
    return Coalition(bodies, persons)


@dataclass
class _State:
    """A state the search reached, and what the coalition may try from it.

    With the moves that reached it, what holds the coalition to account
    there, and the verdicts on the way.
    """

    moves: tuple[Move, ...]
    standing: Standing
    candidates: list[Move]
    records: tuple[ActRecord, ...]


class _Search:
    """Replays sequences from the start, and remembers what it has met.

    States already reached, the bodies whose judges count, the candidate
    acts met and the sequences tried.
    """

    def __init__(
        self, design: Design, coalition: Coalition, start: dt.date, irregular: bool
    ) -> None:
        self.design = design
        self.coalition = coalition
        self.start = start
        self.accepted = (
            {Verdict.VALID, Verdict.IRREGULAR} if irregular else {Verdict.VALID}
        )
        self.seen: set[tuple[object, ...]] = set()
        self.judged: frozenset[str] | None = None
        self.met: set[Move] = set()
        self.sequences = 0

    def acts(self, sequence: tuple[Move, ...]) -> list[tuple[str, ActBase]]:
        """The sequence's acts: one a day, a first reading its lead days earlier."""
        out: list[tuple[str, ActBase]] = []
        day = self.start
        for i, move in enumerate(sequence):
            out += move.acts(f"capture-{i + 1}", day)
            day = out[-1][1].at + dt.timedelta(days=1)
        return out

    def state(self, sequence: tuple[Move, ...]) -> _State | None:
        """Replay ``sequence``; its state, or None if an act fails or it was seen."""
        d = self.design
        session = Session(d.organisation, d.book, self.start)
        records = []
        day = self.start
        for act_id, act in self.acts(sequence):
            record = session.perform(act_id, act)
            if record.verdict not in self.accepted:
                return None
            records.append(record)
            day = act.at + dt.timedelta(days=1)
        clauses = session.book.clauses_on(day)
        world = session.world
        today = session.cal.day(day)
        key = (
            tuple(c.model_dump_json() for c in clauses.clauses),
            tuple(
                (b, s.active, tuple(sorted(world.holders(b, today))))
                for b, s in sorted(world.bodies.items())
            ),
            tuple(
                (p, s.status, tuple(sorted(s.restrictions.values())))
                for p, s in sorted(world.persons.items())
            ),
        )
        if key in self.seen:
            return None
        self.seen.add(key)
        standing = standing_of(
            self.coalition,
            d.organisation,
            session.book,
            clauses,
            world,
            session.cal,
            day,
            self.judged,
        )
        if self.judged is None:
            self.judged = standing.judged
        found = moves(
            self.coalition, session.book, clauses, world, session.cal, day, standing
        )
        self.met.update(found)
        return _State(sequence, standing, found, tuple(records))


def _rank(state: _State) -> tuple[int, int]:
    """Shorter first; of two as short, answering to no one before holding a judge."""
    return len(state.records), 0 if state.standing.unaccountable() else 1


def first_moves(design: Design, coalition: Coalition, start: dt.date) -> list[Move]:
    """The candidate acts the search tries first, before any act, in order."""
    first = _Search(design, coalition, start, irregular=False).state(())
    assert first is not None  # the empty history always replays
    return first.candidates


def search_capture(
    design: Design,
    coalition: Coalition,
    depth: int,
    start: dt.date,
    *,
    allow_irregular: bool = False,
    beam: int = BEAM,
) -> Capture:
    """Search breadth-first for the shortest capture within ``depth`` acts.

    Of two captures as short, one that leaves the coalition answering to no
    one is preferred to one that leaves it holding its judges.

    Raises:
        UsageError: ``depth`` below 1.
    """
    if depth < 1:
        raise UsageError(f"--depth {depth}: search at least one act deep (--depth 1)")
    search = _Search(design, coalition, start, allow_irregular)
    result = Capture(design.book.id, coalition, depth, start, beam=beam)
    first = search.state(())
    assert first is not None  # the empty history always replays
    result.before = first.standing.describe()
    found = first if first.standing.captured() else None
    # levels[n]: states reached by n acts; a move with a first reading takes two.
    levels: dict[int, list[_State]] = {0: [first]}
    for size in range(depth):
        if found is not None and len(found.records) <= size + 1:
            break  # nothing still to try can be shorter
        frontier = levels.pop(size, [])
        if len(frontier) > beam:
            result.guided = True
            ranked = sorted(
                enumerate(frontier), key=lambda p: (p[1].standing.distance(), p[0])
            )
            frontier = [s for _, s in ranked[:beam]]
        for state in frontier:
            for move in state.candidates:
                if size + move.cost > depth:
                    continue
                search.sequences += 1
                reached = search.state((*state.moves, move))
                if reached is None:
                    continue
                if not reached.standing.captured():
                    levels.setdefault(size + move.cost, []).append(reached)
                elif found is None or _rank(reached) < _rank(found):
                    found = reached
                if found is not None and _rank(found) == (size + 1, 0):
                    break
            if found is not None and _rank(found) == (size + 1, 0):
                break
    result.sequences = search.sequences
    result.candidates = len(search.met)
    if found is not None:
        result.moves = found.moves
        result.records = found.records
        result.acts = search.acts(found.moves)
        result.after = found.standing.outcome(coalition.label)
        result.remaining = found.standing.describe()
        result.how = "unaccountable" if found.standing.unaccountable() else "judge held"
    return result
