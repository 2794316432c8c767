"""Impartiality: nobody judges their own case, and investigators stand apart.

Catalogue numbers 1-6 and 37. Conflicts are derived from data
(:func:`govsim.engine.conflicts.conflicts_of`): being a party, a relation to
a party, an office shared with a party where the rule book makes that a
conflict, a seat on a body under review at the time of the conduct, an
earlier role in the case, sitting on the body that seated a party, or a
declaration. Investigators are persons: one assigned, the members an
assignment names, or the members of a body given the case who take its
investigative steps — not every member of that body.
"""

from __future__ import annotations

from collections.abc import Iterator

from govsim.engine.conflicts import conflicts_of
from govsim.invariants.base import Params, invariant
from govsim.invariants.facts import conflicted_participants, holders
from govsim.invariants.views import Finding, Step, finding

__all__: list[str] = []

DECIDING = (
    "find",
    "sanction",
    "decide_appeal",
    "alter_decision",
    "interim_suspend",
    "review_interim",
    "implement",
    "close_case",
    "assign_investigator",
)
_WALLED = ("relation:", "subject_seat:", "appointer:")


@invariant(
    "nemo_iudex",
    number=1,
    kind="safety",
    acts=DECIDING,
    guards="panels of the respondent's colleagues; leadership judging matters touching its own people",
)
def nemo_iudex(step: Step, p: Params) -> Iterator[Finding]:
    """∀ decision d in case k: ∀ m ∈ participants(d): ¬party(m, k) ∧ ¬conf(m, k).

    Checked on every act that took effect in a case; a conflicted member who
    recused is not a participant.
    """
    if not step.took_effect:
        return
    for person, why in conflicted_participants(step):
        yield finding(
            f"{person} took part in {step.record.act} in case {step.case.id if step.case else '?'} "
            f"while conflicted ({'; '.join(why)})",
            step.id,
            person,
            step.case.id if step.case else None,
        )


@invariant(
    "conflict_declared_first",
    number=2,
    kind="safety",
    acts=DECIDING,
    guards="hidden ties surfacing after the decision",
)
def conflict_declared_first(step: Step, p: Params) -> Iterator[Finding]:
    """∀ m, k: participates(m, k, t) ∧ conf(m, k) ⇒ ∃ declaration(m, k, t′), t′ ≤ t.

    A participant with a conflict the data shows must have declared it (or
    recused) before taking part.
    """
    case = step.case
    if case is None or not step.took_effect:
        return
    for person, why in conflicted_participants(step, skip=lambda m: m in case.declared):
        yield finding(
            f"{person} took part without declaring a conflict ({why[0]})",
            step.id,
            person,
            case.id,
        )


@invariant(
    "conflict_info_wall",
    number=3,
    kind="safety",
    acts=(*DECIDING, "disclose", "raise_concern", "hear", "serve_notice"),
    guards="pressure and leaks through conflicted insiders",
)
def conflict_info_wall(step: Step, p: Params) -> Iterator[Finding]:
    """conf(m, k) ∧ ¬party(m, k) ⇒ ∀ record r ∈ records(k): ¬reads(m, r).

    Parties see their own case; persons conflicted by a relation to a party,
    a seat on a body under review, or having seated a party must not receive
    the case record — by taking part in an act or by a disclosure.
    """
    case = step.case
    if case is None or not step.took_effect:
        return
    record = step.world.records.get(case.id)
    if record is None:
        return
    if step.record.act in {"disclose", "raise_concern"}:
        reached = [
            m
            for target in step.record.targets
            for m in holders(step.world, target, step.day)
        ]
    else:
        reached = list(step.ctx.participants())
    for person in dict.fromkeys(reached):
        if record.readers.get(person) != step.day or person in case.parties:
            continue
        why = [
            w
            for w in conflicts_of(
                person,
                case,
                step.world,
                step.day,
                rules=step.clauses.conflict_rules,
            )
            if w.startswith(_WALLED)
        ]
        if why:
            yield finding(
                f"{person} received the record of case {case.id} although conflicted ({why[0]})",
                step.id,
                person,
                case.id,
            )


@invariant(
    "no_self_investigation",
    number=4,
    kind="safety",
    acts=("assign_investigator",),
    guards="the body under review (or its members at the time) investigating itself",
)
def no_self_investigation(step: Step, p: Params) -> Iterator[Finding]:
    """∀ k, b ∈ subj(k): inv(k) ≠ b ∧ inv(k) ∉ controlled_by(b) ∧ seat(inv(k)) ∩ seat(b, t_conduct(k)) = ∅.

    seat(inv(k)) is everyone holding a seat on the investigating body
    when it is given the case, whether or not they go on to investigate: the
    body's composition is what the assignment chose.
    """
    case = step.case
    if case is None or not step.took_effect or not case.investigator_body:
        return
    world, inv = step.world, case.investigator_body
    creator = world.bodies[inv].creator if inv in world.bodies else None
    for subject in case.subjects:
        if inv == subject:
            yield finding(
                f"{subject}, whose conduct is under review, investigates itself",
                step.id,
                subject,
                case.id,
            )
            continue
        if creator == subject:
            yield finding(
                f"{inv} was created by {subject}, whose conduct is under review",
                step.id,
                inv,
                subject,
                case.id,
            )
        then = set(world.holders(subject, case.conduct))
        shared = [m for m in case.investigating_panel if m in then]
        if shared:
            yield finding(
                f"investigator {inv} includes {', '.join(shared)}, who sat on {subject} "
                "at the time of the conduct",
                step.id,
                inv,
                *shared,
                case.id,
            )


@invariant(
    "independent_appointment",
    number=5,
    kind="safety",
    acts=("assign_investigator",),
    guards="investigators chosen by those under review or by a party's allies",
)
def independent_appointment(step: Step, p: Params) -> Iterator[Finding]:
    """appointer(inv(k)) ∉ subj(k) ∧ ∀ m ∈ seat(appointer): ¬party(m, k).

    The body appointing the investigator is not under review, does not meet
    together with a body under review, and seats no party.
    """
    case = step.case
    if case is None or not step.took_effect:
        return
    world, actor = step.world, step.ctx.actor
    parts = world.bodies[actor].constituents if actor in world.bodies else ()
    for subject in case.subjects:
        if actor == subject or subject in parts:
            yield finding(
                f"the investigator was appointed by {actor}, which is (or includes) "
                f"{subject}, under review in case {case.id}",
                step.id,
                actor,
                subject,
                case.id,
            )
    seated = set(holders(world, actor, step.day))
    for party in case.parties:
        if party in seated:
            yield finding(
                f"{party}, a party, sits on {actor}, which appointed the investigator",
                step.id,
                actor,
                party,
                case.id,
            )


@invariant(
    "investigate_adjudicate_split",
    number=6,
    kind="safety",
    acts=("find", "sanction"),
    guards="the same people building and deciding a case",
)
def investigate_adjudicate_split(step: Step, p: Params) -> Iterator[Finding]:
    """seat(investigator(k)) ∩ seat(adjudicator(k)) = ∅.

    Investigators are persons: the one assigned, the members an assignment
    names, and members of the body given the case who served notice of
    charges for it before the first finding — not its other members. A body
    deciding a case it was given to investigate breaks the split as a body.
    """
    case = step.case
    if case is None or not step.took_effect:
        return
    actor = step.ctx.actor
    both = [m for m in step.ctx.participants() if m in case.investigators]
    as_body = actor == case.investigator_body
    if not (both or as_body):
        return
    if both:
        decide = "decides" if len(both) == 1 else "decide"
        done = f"investigated case {case.id}" + (f" for {actor}" if as_body else "")
        message = f"{', '.join(both)} {done} and {decide} it now"
    else:
        message = f"{actor} was given case {case.id} to investigate and decides it now"
    yield finding(message, step.id, actor, *both, case.id)


@invariant(
    "incompatible_offices",
    number=37,
    kind="safety",
    acts=None,
    guards="executive members sitting on the bodies that discipline or hear appeals",
)
def incompatible_offices(step: Step, p: Params) -> Iterator[Finding]:
    """∀ t: seat(exec, t) ∩ (seat(disciplinary, t) ∪ seat(appeal, t)) = ∅.

    Checked on the organisation's roster at the first act and after every
    election, appointment or body creation.
    """
    first = len(step.ctx.verdicts) == 1
    if not first and step.record.act not in {"elect", "appoint", "create_body"}:
        return
    if not first and not step.took_effect:
        return
    world, day = step.world, step.day
    execs = [b for b in world.bodies.values() if b.kind == "executive" and b.active]
    judges = [
        b
        for b in world.bodies.values()
        if b.kind in {"disciplinary", "appeal"} and b.active
    ]
    touched = set(step.record.targets) if not first else None
    for ex in execs:
        on_exec = set(world.holders(ex.id, day))
        for judge in judges:
            both = [m for m in world.holders(judge.id, day) if m in on_exec]
            if touched is not None:
                both = [m for m in both if m in touched]
            for person in both:
                yield finding(
                    f"{person} sits on the executive {ex.id} and on {judge.id} at once",
                    step.id if not first else None,
                    person,
                    ex.id,
                    judge.id,
                )
