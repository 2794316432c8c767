"""Prepared histories that probes start from: the states an act can meet.

Most acts mean something only in a state: altering a decision needs a
decision, reviewing a measure needs a measure. A diff therefore probes every
act from a small set of prepared situations — nothing yet; a complaint; the
notice, the hearing and the finding that follow it; the sanction that ends a
proper procedure; an appeal against it; an interim measure; a joint meeting
of the bodies a provision names together; an election; a mandate; a
proposal — each built from the vocabulary the property tests use.

Every step is taken by a body empowered for it (by both books if one is,
else by either), on the first day that meets both books' notice and hearing
periods (:mod:`govsim.analysis.timing`), and with the first field values
both books accept. A situation is kept only if both books give each of its
acts the same verdict, and not void: otherwise an act probed after it would
differ because the history did, which says nothing about the act itself.
Situations left out are listed with the act the books disagree on, which
the probes of that act's kind report on their own.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from govsim.analysis.cast import Cast, clause_sets
from govsim.analysis.timing import ready
from govsim.engine.trace import Verdict
from govsim.model.clauses import ResolvedBook
from govsim.model.selectors import JointActor
from govsim.probing.trial import Design, Trial
from govsim.probing.vocabulary import FIELDS, slots

__all__ = ["Situation", "Step", "joint_actors", "prepare", "replay_steps"]

SANCTIONS = ("expel", "suspend_membership", "censure", "warning")
"""Sanctions a prepared procedure tries to end with, gravest first."""


@dataclass(frozen=True)
class Step:
    """One act of a prepared history: its kind, every field's value, days after the last."""

    kind: str
    values: tuple[tuple[str, Any], ...]
    gap: int

    @property
    def chosen(self) -> dict[str, Any]:
        """The field values as a mapping, as the vocabulary builds acts from."""
        return dict(self.values)


@dataclass(frozen=True)
class Situation:
    """A prepared history and what probes from it are about.

    ``focus`` holds the ids the situation introduced (a case, a decision, a
    measure...): only probes naming one of them are tried here, the rest
    having been tried from an earlier situation. Empty: every probe.
    """

    name: str
    description: str
    steps: tuple[Step, ...]
    focus: frozenset[str] = frozenset()
    party: str | None = None
    """The respondent of the situation's case, who acts as ``party``."""
    acting: tuple[tuple[str, str], ...] = ()
    """Actor labels that exist only here, and who acts for them (a joint
    meeting ``sc+nc`` and the meeting the situation convened)."""
    progress: bool = False
    """A notice, hearing or finding: a state that differs from the one before
    only in how far the case has gone, which only some rules read."""


@dataclass
class _Preparation:
    a: Design
    b: Design
    start: dt.date
    cast: Cast
    situations: list[Situation] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def empowered(self, kind: str, steps: tuple[Step, ...]) -> list[str]:
        """Bodies empowered for ``kind`` after ``steps``: by both books first."""
        ta = replay_steps(self.a, self.start, steps)
        tb = replay_steps(self.b, self.start, steps)
        org = self.a.organisation.bodies
        in_a = [x for x in ta.empowered(kind) if x in org]
        in_b = [x for x in tb.empowered(kind) if x in org]
        both = [x for x in in_a if x in in_b]
        return list(dict.fromkeys([*both, *in_a, *in_b]))

    def settle(
        self,
        steps: tuple[Step, ...],
        kind: str,
        variants: Iterable[Mapping[str, Any]],
        gap: int,
    ) -> Step | str:
        """The first variant of a step both books accept, or why there is none.

        Valid under both is taken at once; failing that, the first variant
        both books judge alike (irregular under both) is taken.
        """
        alike: Step | None = None
        first: str | None = None
        for fixed in variants:
            ta = replay_steps(self.a, self.start, steps)
            values = _complete(kind, fixed, ta)
            if values is None:
                continue
            step = Step(kind, tuple(values.items()), gap)
            ra = ta.attempt(kind, values, gap)
            if ra.verdict == Verdict.VOID and first is not None:
                continue
            rb = replay_steps(self.b, self.start, steps).attempt(kind, values, gap)
            if ra.verdict == rb.verdict == Verdict.VALID:
                return step
            if ra.verdict == rb.verdict != Verdict.VOID and alike is None:
                alike = step
            if first is None:
                first = (
                    f"{values.get('by')} {kind.replace('_', ' ')} is "
                    f"{ra.verdict.value} under {self.a.book.id} and "
                    f"{rb.verdict.value} under {self.b.book.id}"
                )
        return alike or first or f"no {kind.replace('_', ' ')} act can be built"

    def add(
        self,
        name: str,
        description: str,
        steps: tuple[Step, ...],
        focus: Iterable[str | None],
        *,
        party: str | None = None,
        acting: tuple[tuple[str, str], ...] = (),
        progress: bool = False,
    ) -> None:
        ids = frozenset(x for x in focus if x is not None)
        self.situations.append(
            Situation(name, description, steps, ids, party, acting, progress)
        )


def replay_steps(design: Design, start: dt.date, steps: Iterable[Step]) -> Trial:
    """A fresh trial (no invariants) that has taken ``steps`` from ``start``."""
    trial = Trial(design, (), start)
    for step in steps:
        trial.attempt(step.kind, step.chosen, step.gap)
    return trial


def _complete(
    kind: str, fixed: Mapping[str, Any], trial: Trial
) -> dict[str, Any] | None:
    """Every field of ``kind``: the fixed values, else each field's first option."""
    chosen: dict[str, Any] = {}
    while (slot := slots(kind, trial.ledger, chosen)) is not None:
        if slot.name in fixed:
            chosen[slot.name] = fixed[slot.name]
        elif slot.options:
            chosen[slot.name] = slot.options[0]
        else:
            return None
    return chosen


def _by(bodies: list[str], **fixed: Any) -> Iterator[dict[str, Any]]:
    for body in bodies:
        yield {"by": body, **fixed}


_STAGES: tuple[tuple[str, dict[str, Any], str], ...] = (
    ("serve_notice", {"vague": False}, "notice"),
    ("hear", {}, "hearing"),
    ("find", {"finding": "violation"}, "finding"),
)


def _procedure(
    p: _Preparation, respondent: str, label: str = "", until: str = "sanction"
) -> tuple[Step, ...] | None:
    """Complaint, notice, hearing, finding and sanction, a situation after each.

    ``until`` names the last stage, and only it is kept as a situation when
    a ``label`` (which prefixes its name) is given.
    """
    c = p.cast
    complaint = {"by": c.complainant, "against": (respondent,), "basis": "conduct"}
    first = p.settle((), "file_complaint", [complaint | {"subjects": ()}], 0)
    if isinstance(first, str):
        p.notes.append(f"no {label}complaint: {first}")
        return None
    case = first.chosen["case"]
    steps: tuple[Step, ...] = (first,)
    who = f"{c.complainant} against {respondent}"
    if not label:
        p.add("complaint", f"a complaint by {who}", steps, [case], party=respondent)
    target = {"case": case, "target": respondent, "targets": (respondent,)}
    books = (p.a.book, p.b.book)
    for kind, extra, name in _STAGES:
        bodies = p.empowered(kind, steps)
        gap = ready(books, kind, steps)
        step = p.settle(steps, kind, _by(bodies, **target, **extra), gap)
        if isinstance(step, str):
            p.notes.append(f"{label}procedure stops before '{name}': {step}")
            return None
        steps = (*steps, step)
        if not label or name == until:
            what = f"{name} after a complaint by {who}"
            p.add(
                f"{label}{name}", what, steps, [case], party=respondent, progress=True
            )
        if name == until:
            return steps
    bodies = p.empowered("sanction", steps)
    variants = [
        {"by": body, **target, "sanction": s} for s in SANCTIONS for body in bodies
    ]
    step = p.settle(steps, "sanction", variants, ready(books, "sanction", steps))
    if isinstance(step, str):
        p.notes.append(f"{label}procedure stops before 'sanction': {step}")
        return None
    steps = (*steps, step)
    decision = f"a{len(steps)}"
    what = f"{step.chosen['by']} decides {step.chosen['sanction'].replace('_', ' ')}"
    p.add(
        f"{label}sanction",
        f"a proper procedure: {what} ({decision})",
        steps,
        [decision],
        party=respondent,
    )
    return steps


def _conflicted(p: _Preparation, steps: tuple[Step, ...]) -> None:
    """A case against someone related to a member of the body that hears it.

    Only when a book asks for recusal, and the organisation has such a
    person: the hearing is then the state in which recusal decides a finding.
    """
    if not any(
        req.rule == "recusal"
        for d in (p.a, p.b)
        for clauses in clause_sets(d.book)
        for group in clauses.requirements.values()
        for _, req in group
    ):
        return
    body = steps[1].chosen["by"]
    org = p.a.organisation
    seated = {
        s.person
        for s in org.bodies[body].seats
        if (s.start is None or s.start <= p.start)
        and (s.until is None or p.start < s.until)
    }
    members = {q for q, x in org.persons.items() if x.status == "member"}
    for relation in org.relations:
        for person, other in (relation.persons, relation.persons[::-1]):
            if other in seated and person in members - seated - {p.cast.complainant}:
                _procedure(p, person, "conflicted ", until="hearing")
                return


def _appeal(p: _Preparation, steps: tuple[Step, ...]) -> None:
    decision = f"a{len(steps)}"
    fixed = [{"by": p.cast.respondent, "decision": decision}]
    step = p.settle(steps, "appeal", fixed, 1)
    if isinstance(step, str):
        p.notes.append(f"no appeal situation: {step}")
        return
    steps = (*steps, step)
    appeal = f"a{len(steps)}"
    what = f"{p.cast.respondent} appeals {decision} ({appeal})"
    p.add("appeal", what, steps, [appeal], party=p.cast.respondent)


_INTERIM = ("scope", "basis", "review_at", "expires_at", "written_notice")


def _interim(p: _Preparation, complaint: Step) -> None:
    steps: tuple[Step, ...] = (complaint,)
    case = complaint.chosen["case"]
    ledger = replay_steps(p.a, p.start, steps).ledger
    details = [FIELDS["interim_suspend"][name][0](ledger, {}) for name in _INTERIM]
    fixed = {"targets": (p.cast.respondent,), "case": case}
    variants = [
        {"by": body, **fixed, **dict(zip(_INTERIM, combo, strict=True))}
        for body in p.empowered("interim_suspend", steps)
        for combo in itertools.product(*details)
    ]
    step = p.settle(steps, "interim_suspend", variants, 1)
    if isinstance(step, str):
        p.notes.append(f"no interim measure: {step}")
        return
    steps = (*steps, step)
    measure = f"a{len(steps)}"
    what = f"{step.chosen['by']} suspends {p.cast.respondent} on an interim basis"
    p.add("interim", f"{what} ({measure})", steps, [measure], party=p.cast.respondent)


def _links(p: _Preparation, kind: str) -> list[tuple[str, str]]:
    """(body, over body) of every grant of ``kind`` naming both, book A's first."""
    out: dict[tuple[str, str], None] = {}
    for design in (p.a, p.b):
        for clauses in clause_sets(design.book):
            for _, power in clauses.grants.get(kind, ()):
                if isinstance(power.by, str) and power.over is not None:
                    out.update(dict.fromkeys((power.by, o) for o in power.over.bodies))
    return list(out)


def _election(p: _Preparation) -> None:
    person = p.cast.member
    for kind in ("elect", "appoint"):
        variants = [
            {"by": by, "body": body, "persons": (person,)}
            for by, body in _links(p, kind)
        ]
        step = p.settle((), kind, variants, 0) if variants else None
        if isinstance(step, Step):
            what = f"{step.chosen['by']} {kind}s {person} to {step.chosen['body']}"
            p.add("election", what, (step,), [person])
            return
        if step is not None:
            noun = {"elect": "election", "appoint": "appointment"}.get(kind, kind)
            p.notes.append(f"no {noun} situation: {step}")


def _mandate(p: _Preparation) -> None:
    obligees = p.empowered("fulfil", ()) + list(p.a.organisation.bodies)
    variants = [
        {"by": by, "obligee": obligee}
        for by in p.empowered("mandate", ())
        for obligee in dict.fromkeys(obligees)
    ]
    step = p.settle((), "mandate", variants, 0)
    if isinstance(step, str):
        p.notes.append(f"no mandate situation: {step}")
        return
    mandate = step.chosen["mandate"]
    what = f"{step.chosen['by']} mandates {step.chosen['obligee']} ({mandate})"
    p.add("mandate", what, (step,), [mandate])


def _proposal(p: _Preparation) -> None:
    variants = [
        {"by": p.cast.member, "supporters": n}
        for n in FIELDS["propose"]["supporters"][0](
            replay_steps(p.a, p.start, ()).ledger, {}
        )
    ]
    step = p.settle((), "propose", variants, 0)
    if isinstance(step, str):
        p.notes.append(f"no proposal situation: {step}")
        return
    proposal = step.chosen["proposal"]
    p.add(
        "proposal",
        f"{p.cast.member} tables a proposal ({proposal})",
        (step,),
        [proposal],
    )


def joint_actors(*books: ResolvedBook) -> list[str]:
    """Labels (``sc+nc``) of the joint meetings a grant or denial of the books names."""
    found: dict[str, None] = {}
    for book in books:
        for clauses in clause_sets(book):
            for group in (clauses.grants, clauses.denials):
                for _, power in (x for g in group.values() for x in g):
                    if isinstance(power.by, JointActor):
                        found.setdefault("+".join(power.by.joint_of), None)
    return list(found)


def _joint(p: _Preparation, before: tuple[Step, ...]) -> None:
    """A joint meeting convened (after the complaint, if any) for each one named."""
    for label in joint_actors(p.a.book, p.b.book):
        bodies = tuple(label.split("+"))
        conveners = p.empowered("convene", before)
        variants = [{"by": by, "bodies": bodies} for by in conveners]
        step = p.settle(before, "convene", variants, 1 if before else 0)
        if isinstance(step, str):
            p.notes.append(f"no joint meeting of {label}: {step}")
            continue
        meeting = step.chosen["meeting"]
        what = f"{step.chosen['by']} convenes a joint meeting of {label} ({meeting})"
        after = " after the complaint" if before else ""
        p.add(
            f"joint {label}",
            what + after,
            (*before, step),
            [meeting],
            party=p.cast.respondent if before else None,
            acting=((label, meeting),),
        )


def _meeting(p: _Preparation) -> None:
    """A body calls a meeting of itself: what waivers of notice are tried on."""
    conveners = p.empowered("convene", ())
    variants = [{"by": by, "bodies": (by,)} for by in conveners]
    step = p.settle((), "convene", variants, 0)
    if isinstance(step, str):
        p.notes.append(f"no meeting called: {step}")
        return
    meeting = step.chosen["meeting"]
    what = f"{step.chosen['by']} calls a meeting of itself ({meeting})"
    p.add("meeting", what, (step,), [meeting])


def prepare(
    a: Design, b: Design, start: dt.date, cast: Cast
) -> tuple[list[Situation], list[str]]:
    """The situations probes start from, and notes on those left out.

    The first situation is always the empty history; the others follow the
    module docstring, in the order probes try them.
    """
    p = _Preparation(a, b, start, cast)
    p.add("empty", "nothing has happened yet", (), [])
    if cast.complainant is not None and cast.respondent is not None:
        steps = _procedure(p, cast.respondent)
        if steps is not None:
            _appeal(p, steps)
            _conflicted(p, steps)
        complaint = next((s for s in p.situations if s.name == "complaint"), None)
        if complaint is not None:
            _interim(p, complaint.steps[0])
        _joint(p, complaint.steps if complaint is not None else ())
    else:
        p.notes.append(
            "no case situations: a case is probed between two plain members "
            "(members with no seat during the probes and no relation to anyone), "
            "and the organisation has fewer than two; add two to probe complaints, "
            "hearings, sanctions and appeals"
        )
        _joint(p, ())
    if cast.member is not None:
        _election(p)
        _proposal(p)
    _mandate(p)
    _meeting(p)
    return p.situations, p.notes
