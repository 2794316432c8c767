"""Replay a scenario under one rule book on a SimPy clock counted in days.

The driver process walks the calendar; acts by bodies become motions posted
to the bodies' agent processes, which convene and vote. Interim measures that
end, reviews and duties that fall due are SimPy events of their own: they fire
at the start of the day after their last day, before that day's acts, and take
effect by themselves.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import math
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import simpy

from govsim.engine.acts import HANDLERS
from govsim.engine.acts.base import Handler, release
from govsim.engine.checks import applies
from govsim.engine.context import ActContext, MeetingCall
from govsim.engine.duties import REPORT_DAYS, discharge, open_duties, report_duty
from govsim.engine.judge import Judgement, judge
from govsim.engine.knowledge import learn
from govsim.engine.meetings import BodyAgent
from govsim.engine.responsibility import case_step, unmoved_by, watch_responsibility
from govsim.engine.sitting import hold_meeting
from govsim.engine.state import Calendar, World
from govsim.engine.trace import (
    ActRecord,
    Breach,
    TimedRecord,
    Verdict,
    Version,
    Violation,
)
from govsim.engine.transition import Ruling, relied_on, ruling_for
from govsim.engine.worldcopy import copy_world
from govsim.errors import ReplayError
from govsim.model.acts import ActBase, Convene
from govsim.model.clauses import ResolvedBook
from govsim.model.meetingrecords import is_joint
from govsim.model.organisation import Organisation
from govsim.model.rulebook import Amendment
from govsim.model.scenario import Event

if TYPE_CHECKING:
    from govsim.engine.watching import Watcher

__all__ = ["REPORT_DAYS", "Session", "Trace", "replay"]


@dataclass
class Trace:
    """Everything one replay produced, in the order it happened."""

    rulebook: str
    acts: list[ActRecord] = field(default_factory=list)
    timed: list[TimedRecord] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)
    breaches: list[Breach] = field(default_factory=list)
    prevented: list[Breach] = field(default_factory=list)
    """Breaches that acts the book voided would have made had they taken effect."""
    invariants: tuple[str, ...] = ()
    """The invariants that were checked, by name."""
    versions: list[Version] = field(default_factory=list)
    """The rule book's versions: the book as it stood at the start, then one
    for each amendment an ``amend_rules`` act adopted."""
    world: World | None = None
    calendar: Calendar | None = None


class Session:
    """A replay that advances one act at a time: what property tests drive.

    ``perform`` judges and applies one act (and lets any lapse or missed
    deadline falling before its day fire first); ``finish`` runs the clock to
    the last day and closes the books. :func:`replay` is a session fed a whole
    scenario, so a history stepped through here and the same history replayed
    from a file give the same trace.
    """

    def __init__(
        self,
        org: Organisation,
        book: ResolvedBook,
        start: dt.date,
        monitor: Watcher | None = None,
    ) -> None:
        self.env = simpy.Environment()
        # SimPy's peek() answers for an empty queue by catching an IndexError,
        # nine times the cost of looking at a queued event, and the session
        # peeks on every act: a timeout at infinity keeps the queue from ever
        # being empty, and peek() answers infinity for it as for no event.
        self.env.timeout(math.inf)
        self.monitor = monitor
        self.book = book
        self.cal = Calendar(start)
        self.world = World.from_organisation(org, self.cal)
        self.trace = Trace(rulebook=book.id, world=self.world, calendar=self.cal)
        self.trace.versions.append(Version(number=1, in_force=start))
        self._dated_versions(start)
        self.agents: dict[str, BodyAgent] = {}
        self._rulings: dict[str, Ruling] = {}
        self.verdicts: dict[str, str] = {}
        self.calls: dict[str, MeetingCall] = {}
        self.finished = False
        if monitor is not None:
            monitor.start(start)

    def _wait_until(self, day: int) -> simpy.Event:
        return self.env.timeout(max(0, day - self.env.now))

    def _at_day_start(self, day: int) -> simpy.Event:
        """An event firing at ``day`` before any act of that day.

        A plain timeout: an act waits until nothing else is due on its day
        (:meth:`_after_the_rest`), so whatever falls due that day comes first,
        even when it was scheduled after the act began to wait.
        """
        return self.env.timeout(max(0, day - self.env.now))

    def _after_the_rest(self) -> Generator[simpy.Event, Any, None]:
        """Wait, within today, until nothing else is due today.

        A timeout due now goes after the events already due now (SimPy runs
        events of one time by priority, then in the order they were
        scheduled), so a day's lapses and missed deadlines, and what they set
        off that day, run before the act or event that waits here.
        """
        while self.env.peek() <= self.env.now:
            yield self.env.timeout(0)

    def _check_day(self, at: dt.date, *what: str) -> int:
        """``at`` as a day number, refused before the clock (``what`` names it)."""
        if self.finished:
            raise ReplayError(f"the session has finished; cannot add {' '.join(what)}")
        day = self.cal.day(at)
        if day < self.env.now:
            raise ReplayError(
                f"{' '.join(what)} is dated {at}, before the session's current day "
                f"{self.cal.date(self.env.now)}: feed acts in date order"
            )
        return day

    def perform(self, act_id: str, act: ActBase, line: int | None = None) -> ActRecord:
        """Judge and apply one act dated on or after the current day."""
        day = self._check_day(act.at, "act", act_id)
        if day > self.env.now and self.env.peek() > day:
            self._run_through(day)
        if day == self.env.now and self._settled():
            # Nothing else is due today, so nothing can come between this act
            # and its meeting: drive the step directly (a body meets at once)
            # instead of through SimPy processes. The order of events is the
            # same, at a fraction of the cost, and most acts of a simulation
            # (resignations, proposals, on quiet days) take this path.
            ctx, handler = self._context(act_id, act)
            if ctx.actor_is_body:
                ctx.meeting = self._agent(ctx.actor).hold(ctx)
            record = self._conclude(ctx, handler, line)
            self._run_due_now()
            return record

        def step() -> Generator[simpy.Event, Any, None]:
            yield self._wait_until(day)
            yield from self._after_the_rest()
            yield from self._perform(act_id, act, line)

        self._run_until(self.env.process(step()))
        return self.trace.acts[-1]

    def _run_until(self, process: simpy.Process) -> None:
        """Run the clock until ``process`` ends, then what it left due today.

        SimPy stops inside the finished event's callbacks and puts the event
        back at the head of the queue with what callbacks remain (none).
        Step it off, and run what the act started today (a body's agent, a
        timer already due), so the queue holds only later work and the next
        act of the day can take the fast path in :meth:`perform`.
        """
        self.env.run(until=process)
        self._run_due_now()

    def _run_through(self, day: int) -> None:
        """Run every event due on or before ``day``; the clock then reads ``day``.

        A timeout due on ``day`` marks it, so the clock gets there even when
        nothing else is due that day. On a quiet day (nothing due on or
        before ``day``) this is what a process waiting until ``day`` would
        see, without the process, and the day's first act can take the
        direct path in :meth:`perform`. ``env.run(until=)`` would do the same
        through an exception and a stop event left queued, at four times the
        cost.
        """
        env = self.env
        if day > env.now:
            env.timeout(day - env.now)
        while env.peek() <= day:
            env.step()

    def _run_due_now(self) -> None:
        """Run what an act left due today (a body's agent, a timer already due).

        SimPy starts a process by an urgent event due now, which a process
        path would run straight after the act. Run them now, with all they
        set off today, so they do not hold the next act of the day off the
        direct path. The act found nothing else due today: whatever is due
        now, the act started.
        """
        env = self.env
        now = env.now
        while env.peek() <= now:
            env.step()

    def _settled(self) -> bool:
        """Whether every event due today has run (the act may go straight in)."""
        return self.env.peek() > self.env.now

    def note(self, event: Event) -> None:
        """Take an outside event (an absence, a note) on its day."""
        day = self._check_day(event.at, "the", event.event, "event")

        def step() -> Generator[simpy.Event, Any, None]:
            yield self._wait_until(day)
            yield from self._after_the_rest()
            self._event(event)

        self._run_until(self.env.process(step()))

    def finish(self, end: dt.date) -> Trace:
        """Run the clock through ``end``, check deadline invariants, return the trace."""
        end_day = max(self._check_day(end, "the end"), int(self.env.now))
        # The day after the end: what lapses or falls due then is on the trace.
        self._run_through(end_day + 1)
        self.finished = True
        # Dated amendments coming into force after the end made no version of
        # it; the rest are numbered in the order they came into force.
        kept = sorted(
            (v for v in self.trace.versions if v.act is not None or v.in_force <= end),
            key=lambda v: (v.in_force, v.number),
        )
        self.trace.versions = [
            dataclasses.replace(v, number=n) for n, v in enumerate(kept, 1)
        ]
        # Terms may have run out since the last act: look once more.
        watch_responsibility(self.world, self.book.clauses_on(end), end_day)
        if self.monitor is not None:
            self.monitor.finish(self.world, self.cal, end_day)
            self.trace.breaches = self.monitor.breaches
            self.trace.prevented = self.monitor.prevented
            self.trace.invariants = self.monitor.checked
        return self.trace

    def _event(self, event: Event) -> None:
        if event.event == "absence":
            until = self.cal.day(event.until) if event.until else None
            for pid in event.persons:
                self.world.absences[pid] = (self.cal.day(event.at), until)
        self.trace.timed.append(
            TimedRecord(
                event.at, event.event, ", ".join(event.persons), event.text or ""
            )
        )

    def _context(self, act_id: str, act: ActBase) -> tuple[ActContext, Handler]:
        """The act's context, with its targets, and its kind's handler."""
        handler = HANDLERS[act.act]
        if isinstance(act, Convene):
            sits = self.cal.day(act.sits or act.at)
            self.calls[act.meeting] = MeetingCall(
                act.meeting, act_id, act.bodies, is_joint(act), sits
            )
        ctx = ActContext(
            act=act,
            act_id=act_id,
            kind=act.act,
            world=self.world,
            calendar=self.cal,
            clauses=self.book.clauses_on(act.at),
            verdicts=self.verdicts,
            calls=self.calls,
        )
        if self.book.amendments and self.book.amendments[0].in_force <= act.at:
            ruling = ruling_for(self.book, act.at, ctx.case, self.cal, act.act)
            if ruling is not None:
                ctx.clauses = ruling.clauses
                self._rulings[act_id] = ruling
        ctx.targets = handler.targets(ctx)
        return ctx, handler

    def _agent(self, body: str) -> BodyAgent:
        agent = self.agents.get(body)
        if agent is None:
            agent = self.agents[body] = BodyAgent(self.env, body, hold_meeting)
        return agent

    def _perform(
        self, act_id: str, act: ActBase, line: int | None
    ) -> Generator[simpy.Event, Any, None]:
        """The act as a SimPy process: a body's act waits for its meeting."""
        ctx, handler = self._context(act_id, act)
        if ctx.actor_is_body:
            ctx.meeting = yield self._agent(ctx.actor).put(ctx)
        self._conclude(ctx, handler, line)

    def _conclude(
        self, ctx: ActContext, handler: Handler, line: int | None
    ) -> ActRecord:
        """Judge the act, apply it if it takes effect, and record it."""
        act, act_id = ctx.act, ctx.act_id
        judgement, held_back = self._judge(ctx, handler)
        if ctx.meeting is not None and ctx.meeting.meeting is not None:
            self.world.meetings[ctx.meeting.meeting].business.append(act_id)
        effects: list[str] = []
        if judgement.verdict != Verdict.VOID:
            grant = judgement.power.grant if judgement.power else None
            # Whom a rule governs is judged as the actor stood before the act:
            # a resignation vacates the very seat a rule may name.
            due = [
                (c, r)
                for c, r in ctx.clauses.requirements.get(ctx.kind, ())
                if applies(r, ctx)
            ]
            effects = _take_effect(ctx, handler, grant)
            open_duties(self.world, ctx, due)
            effects += discharge(self.world, ctx)
            adoption = self.world.adoptions.get(act_id)
            if ctx.kind == "amend_rules" and adoption is not None and adoption.final:
                self._adopt(adoption.amendment, act_id, judgement.verdict)
            self._watch()
            if ctx.kind not in _NOTHING_TO_HOLD and not (
                ctx.kind in _PERSONAL
                and unmoved_by(self.world, ctx.clauses, ctx.day, ctx.actor)
            ):
                watch_responsibility(self.world, ctx.clauses, ctx.day)
        self.verdicts[act_id] = judgement.verdict
        record = ActRecord(
            id=act_id,
            at=act.at,
            actor=act.by,
            act=act.act,
            targets=ctx.targets.labels(),
            verdict=judgement.verdict,
            reasons=judgement.reasons,
            effects=tuple(effects),
            note=act.note,
            line=line,
            held_back=held_back,
        )
        self.trace.acts.append(record)
        if judgement.violations:
            self.trace.violations.extend(judgement.violations)
        if self.monitor is not None:
            stopped = _stopped(judgement)
            as_if: Callable[[], ActContext] | None = None
            if stopped is not None and self.monitor.watches(ctx.kind):
                grant = judgement.power.grant if judgement.power else None
                as_if = lambda: self._as_if_effective(ctx, handler, grant)  # noqa: E731
            self.monitor.after_act(
                ctx,
                record,
                needs_power=handler.needs_power,
                as_if_effective=as_if,
                stopped=stopped,
            )
        return record

    def _dated_versions(self, start: dt.date) -> None:
        """A version for each amendment dated in the book that comes into force later."""
        for amendment in self.book.amendments:
            if amendment.in_force > start:
                self._version(amendment)

    def _version(
        self, amendment: Amendment, act: str | None = None, verdict: str | None = None
    ) -> None:
        before = self.book.clauses_on(amendment.in_force - dt.timedelta(days=1))
        rewords = frozenset(c.id for c in amendment.clauses if before.get(c.id))
        number = len(self.trace.versions) + 1
        self.trace.versions.append(Version.of(number, amendment, rewords, act, verdict))

    def _judge(
        self, ctx: ActContext, handler: Handler
    ) -> tuple[Judgement, tuple[str, ...]]:
        """Judge the act under the rules that reach its case (see ``transition``).

        Also returns the amendments held back from its case.
        """
        ruling = self._rulings.pop(ctx.act_id, None)
        if ruling is None:
            return judge(ctx, handler), ()
        held = tuple(a.id for a in ruling.held_back)
        judgement = judge(ctx, handler, ruling.notes)
        if ruling.full is None or judgement.verdict == Verdict.VALID:
            return judgement, held
        # Would the amendment held back have made the act good? Then the
        # body applied it to a case it does not reach.
        under_new = copy.copy(ctx)
        under_new.clauses = ruling.full
        verdict = judge(under_new, handler).verdict
        relied = relied_on(ruling, judgement.verdict, verdict)
        if relied is None:
            return judgement, held
        return judge(ctx, handler, (*ruling.notes, relied)), held

    def _adopt(self, amendment: Amendment, act_id: str, verdict: Verdict) -> None:
        """Judge later acts under the book with the amendment ``act_id`` adopted."""
        self._version(amendment, act_id, verdict)
        self.book = self.book.adopting(amendment, act_id)
        if self.monitor is not None:
            self.monitor.rules_changed(self.book)

    def _as_if_effective(
        self, ctx: ActContext, handler: Handler, grant: Any
    ) -> ActContext:
        """The void act applied to a copy of the world, for prevented breaches.

        The copy is discarded after the checks: the real history is untouched.
        """
        world = copy_world(self.world)
        # A shallow copy keeps the act, its day and its meeting; only the world
        # and the verdicts so far differ (replace() would re-run __post_init__).
        shadow = copy.copy(ctx)
        shadow.world = world
        shadow.verdicts = {**ctx.verdicts, ctx.act_id: Verdict.VALID}
        _take_effect(shadow, handler, grant)
        return shadow

    def _watch(self) -> None:
        while self.world.timers:
            kind, ident = self.world.timers.pop(0)
            if kind == "measure":
                expires = self.world.measures[ident].expires
                if expires is not None:  # an open-ended measure never lapses
                    self.env.process(self._watch_measure(ident, expires))
            else:
                self.env.process(
                    self._watch_obligation(
                        ident, self.world.obligations[ident].generation
                    )
                )

    def _watch_measure(
        self, ident: str, expires: int
    ) -> Generator[simpy.Event, Any, None]:
        measure = self.world.measures[ident]
        renewals = measure.renewals
        # ``expires`` is the last day in force: the measure lapses at the
        # start of the next, before that day's acts (see docs/days.md).
        yield self._at_day_start(expires + 1)
        if measure.active and measure.renewals == renewals:
            measure.stop(expires + 1, "lapsed")
            released = release(self.world, ident)
            when = self.cal.date(expires + 1)
            watch_responsibility(self.world, self.book.clauses_on(when), expires + 1)
            self.trace.timed.append(
                TimedRecord(
                    self.cal.date(expires + 1),
                    "lapse",
                    ident,
                    f"measure {ident} lapsed after its last day, "
                    f"{self.cal.date(expires).isoformat()}"
                    + (f": {'; '.join(released)}" if released else ""),
                )
            )

    def _watch_obligation(
        self, ident: str, generation: int
    ) -> Generator[simpy.Event, Any, None]:
        ob = self.world.obligations[ident]
        yield self._at_day_start(ob.due + 1)
        if ob.generation != generation or ob.status != "in_effect":
            return
        measure = self.world.measures.get(ob.source_act)
        if ob.kind == "review" and measure is not None and not measure.active:
            # Nothing is left to review once the measure has lapsed or was lifted.
            ob.status = "fulfilled"
            ob.log(
                ob.due + 1, "fulfilled", f"measure {ob.source_act} no longer in force"
            )
            return
        ob.status = "violated"
        ob.log(ob.due + 1, "violated", "")
        when = self.cal.date(ob.due + 1)
        if ob.kind == "mandate" and ob.mandator is not None:
            report_duty(self.world, ob)
            self._watch()
        message = (
            f"{ob.obligee} did not {ob.task} by {self.cal.date(ob.due).isoformat()}"
        )
        self.trace.timed.append(TimedRecord(when, "deadline_missed", ident, message))
        self.trace.violations.append(
            Violation(
                at=when,
                act=ob.source_act,
                clause=ob.clause,
                rule="deadline",
                message=message,
                enforcement=ob.enforcement,
                took_effect=True,
            )
        )


_NOTHING_TO_HOLD = frozenset(
    {
        "convene",
        "disclose",
        "find",
        "form_caucus",
        "hear",
        "propose",
        "publish_statement",
        "raise_concern",
        "report",
        "request_resignation",
        "serve_notice",
        "vote",
        "waive_notice",
        "withdraw",
    }
)
"""Acts that change neither who holds a case or duty nor whether they can act
for it (seats, standing, restrictions, recusals, conflicts, owners): the
responsibility watch skips them. A term that ends by its date meanwhile is
found at the next watch and dated from its end."""


_PERSONAL = frozenset({"resign_membership", "resign_office", "take_leave"})
"""Acts that change only the actor's standing and seats: the watch after one
is skipped when the last watch, that day, read nothing of the actor
(:func:`~govsim.engine.responsibility.unmoved_by`)."""


def _take_effect(ctx: ActContext, handler: Handler, grant: Any) -> list[str]:
    """Apply an act to its context's world and return its effects in words.

    Besides the handler's effects: the act's step in its case, whom it was
    done to, and who now knows of it.
    """
    step = case_step(ctx)  # before the act: who held the case until now
    effects = handler.apply(ctx, grant)
    if step is not None:
        ctx.world.steps[ctx.act_id] = step
    if ctx.targets.persons:
        ctx.world.targets_of[ctx.act_id] = ctx.targets.persons
    learn(ctx)
    return effects


_NO_SUCH_ACT = frozenset({"dependency", "fact"})
"""Failures that leave nothing to imagine taking effect: the act depends on a
void act, or its facts fail (resigning a seat one does not hold)."""


def _stopped(judgement: Judgement) -> tuple[str | None, str] | None:
    """The clause and reason that voided an act, if anything could have taken effect.

    ``None`` when the act is not void, or is void on its facts or through a
    void act: nothing could have taken effect, so nothing was prevented.
    """
    if judgement.verdict != Verdict.VOID:
        return None
    failing = [r for r in judgement.reasons if not r.holds]
    if any(r.rule in _NO_SUCH_ACT for r in failing):
        return None
    # Want of power comes first: without it nothing else could have mattered.
    powerless = [r for r in failing if r.rule in {"power", "delegation"}]
    regimented = [r for r in failing if r.enforcement == "regimented"]
    first = next(iter(powerless), None) or next(
        (r for r in regimented if r.clause is not None), None
    )
    if first is None:
        return None
    return first.clause, first.check


def replay(
    org: Organisation,
    book: ResolvedBook,
    acts: Sequence[tuple[str, ActBase, int | None]],
    events: Sequence[Event] = (),
    *,
    start: Any = None,
    end: Any = None,
    monitor: Watcher | None = None,
) -> Trace:
    """Replay dated acts (id, act, source line) under a resolved rule book.

    With a ``monitor`` (see :mod:`govsim.invariants`), procedural invariants
    are checked as the replay goes and their breaches land on the trace.
    An outside event takes effect before the acts of its day.
    """
    first = min([a.at for _, a, _ in acts] + [e.at for e in events])
    last = max([a.at for _, a, _ in acts] + [e.at for e in events])
    session = Session(org, book, start or first, monitor)
    pending = sorted(events, key=lambda e: e.at)
    e = 0
    for act_id, act, line in acts:
        while e < len(pending) and pending[e].at <= act.at:
            session.note(pending[e])
            e += 1
        session.perform(act_id, act, line)
    for event in pending[e:]:
        session.note(event)
    return session.finish(end or last)
