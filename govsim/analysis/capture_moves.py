"""The acts ``govsim capture`` tries: the few that can free a coalition from account.

Candidates are built from the book in force and the world as they stand after
the acts tried so far, for each actor of the coalition that the book empowers
(:func:`govsim.probing.trial.empowered`), and only against what still holds
the coalition to account (:class:`~govsim.analysis.standing.Standing`):

* ``amend_rules``, one candidate for each of: rewording (or repealing, when
  nothing else is left) each clause that lets an outsider recall, remove,
  audit or discipline the coalition, without those links and powers;
  transferring a judge's powers to the body it judges (the clause reworded
  with the body in the judge's place); adding a clause of disabilities that
  denies every outside check and judge over the coalition (a derogation that
  leaves the clauses themselves as they were); lifting the entrenchment of
  each entrenched clause that holds it to account; and making the amendment
  clause the actor's alone, unconditioned. Powers the book never mentions are
  not invented: an amendment that only adds unrelated powers is not tried.
* against each outside body that checks or judges the coalition: dissolving
  it; recalling, removing from office or suspending (from that office) each
  of its members not on the coalition's side; electing or appointing the
  coalition's persons to it.

Recusals and conflicts are not tried: they change who sits in one case,
never who holds a body to account. Every candidate is an ordinary act, built
and validated as a scenario's act is.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING, Any

from govsim.model.rulebook import Clause, Power
from govsim.model.selectors import TargetSelector
from govsim.probing.trial import empowered

if TYPE_CHECKING:
    from pydantic import TypeAdapter

    from govsim.analysis.standing import Coalition, Standing
    from govsim.engine.state import Calendar, World
    from govsim.model.acts import ActBase
    from govsim.model.clauses import ClauseSet, ResolvedBook

__all__ = ["Move", "moves"]

_CHECKS = frozenset({"recall", "audit", "sanction", "find", "dissolve_body"})
"""Acts by which one body holds another, or its members, to account."""
_OVER_BODY = ("recall", "dissolve_body")
"""Checks aimed at the body: a disability names it with ``over: {bodies}``
(an audit is no act, so no disability reaches it)."""
_OVER_MEMBERS = ("sanction", "find", "interim_suspend")
"""Checks aimed at its members: a disability names them with ``over: {seat_on}``."""


@cache
def _acts() -> TypeAdapter[Any]:
    from pydantic import TypeAdapter

    from govsim.model.acts import Act

    return TypeAdapter(Act)


@dataclass(frozen=True)
class Move:
    """One candidate act, undated: what it does, by whom, and why it is tried."""

    kind: str
    by: str
    fields: str
    """The act's other fields, as sorted JSON (so moves compare and hash)."""
    why: str
    lead: int = 0
    """For an amendment: days from its first reading (which gives notice of
    the text) to its adoption; 0, adopted in one reading."""

    @property
    def cost(self) -> int:
        """How many acts the move takes: two with a first reading."""
        return 2 if self.lead else 1

    def acts(self, ident: str, at: dt.date) -> list[tuple[str, ActBase]]:
        """The move's acts, the last with id ``ident``, the first dated ``at``."""
        data = {"act": self.kind, "by": self.by} | json.loads(self.fields)
        if not self.lead:
            return [(ident, _act(data | {"id": ident, "at": at}))]
        first = f"{ident}-first"
        adopted = at + dt.timedelta(days=self.lead)
        return [
            (first, _act(data | {"id": first, "at": at, "reading": "first"})),
            (ident, _act(data | {"id": ident, "at": adopted, "first_reading": first})),
        ]


def _act(data: dict[str, Any]) -> ActBase:
    act: ActBase = _acts().validate_python(data)
    return act


def _notice(clauses: ClauseSet) -> int | None:
    """Days of notice (by a first reading) the book may ask of an amendment.

    ``None`` when no rule in force asks for notice of the text or a second
    reading; else the most days any rule or entrenchment asks (at least 1).
    """
    days: list[int] = []
    for _, req in clauses.requirements.get("amend_rules", ()):
        if req.rule == "text_notice":
            days.append(getattr(req, "days", 0))
        elif req.rule == "readings":
            days.append(getattr(req, "days_between", 0))
    for clause in clauses.clauses:
        entrenched = clause.entrenched
        if isinstance(entrenched, bool):
            continue
        if entrenched.notice_days is not None or entrenched.readings > 1:
            days += [entrenched.notice_days or 0, entrenched.days_between]
    return max([*days, 1]) if days else None


def _move(kind: str, by: str, why: str, **fields: Any) -> Move:
    return Move(kind, by, json.dumps(fields, sort_keys=True, default=str), why)


def _dump(clause: Clause) -> dict[str, Any]:
    return clause.model_dump(mode="json", by_alias=True, exclude_defaults=True)


def _provides(clause: Clause) -> bool:
    """Whether a clause still provides anything beyond its words."""
    return bool(
        clause.powers
        or clause.disabilities
        or clause.requires
        or clause.decides
        or clause.conflicts
        or clause.accountability
    )


def moves(
    coalition: Coalition,
    book: ResolvedBook,
    clauses: ClauseSet,
    world: World,
    calendar: Calendar,
    day: dt.date,
    standing: Standing,
) -> list[Move]:
    """The candidate acts on ``day``, in a fixed order (amendments first)."""
    found: dict[Move, None] = {}
    today = calendar.day(day)
    for actor in coalition.actors:
        state = world.bodies.get(actor)
        if state is not None and (not state.active or not world.holders(actor, today)):
            continue  # a dissolved or empty body cannot act
        holds = {
            kind
            for kind in (
                "amend_rules",
                "dissolve_body",
                "recall",
                "sanction",
                "interim_suspend",
                "elect",
                "appoint",
            )
            if actor in empowered(book, world, calendar, day, kind)
        }
        if "amend_rules" in holds:
            amendments = list(_amendments(actor, coalition, clauses, standing))
            lead = _notice(clauses)
            if lead is not None:
                amendments += [
                    replace(
                        m,
                        why=f"{m.why}, {lead} days after its first reading",
                        lead=lead,
                    )
                    for m in amendments
                ]
            found.update(dict.fromkeys(amendments))
        found.update(
            dict.fromkeys(_against(actor, holds, coalition, world, today, standing))
        )
    return list(found)


def _amendments(
    actor: str, coalition: Coalition, clauses: ClauseSet, standing: Standing
) -> Iterator[Move]:
    outsiders = set(standing.outsiders())
    ours = set(coalition.bodies)
    holding = standing.clauses()
    for clause_id in holding:
        clause = clauses.get(clause_id)
        if clause is None:
            continue
        links = tuple(
            link
            for link in clause.accountability
            if not (link.by in outsiders and link.of in ours)
        )
        powers = tuple(
            p
            for p in clause.powers
            if not (p.by in outsiders and _CHECKS & set(p.acts))
        )
        if links == clause.accountability and powers == clause.powers:
            continue  # held to account by selectors the reword cannot name
        kept = clause.model_copy(update={"accountability": links, "powers": powers})
        if _provides(kept):
            yield _move(
                "amend_rules",
                actor,
                f"reword clause {clause_id} without the checks on {coalition.label}",
                replace=[_dump(kept)],
            )
        else:
            yield _move(
                "amend_rules",
                actor,
                f"repeal clause {clause_id}",
                repeal=[clause_id],
            )
    yield from _transfers(actor, coalition, clauses, standing)
    shield = _shield(coalition, clauses, standing)
    if shield is not None:
        yield _move(
            "amend_rules",
            actor,
            f"add clause {shield.id} denying every outside check on {coalition.label}",
            add=[_dump(shield)],
        )
    for clause_id in holding:
        clause = clauses.get(clause_id)
        if clause is not None and clause.entrenched:
            open_ = clause.model_copy(update={"entrenched": False})
            yield _move(
                "amend_rules",
                actor,
                f"lift the entrenchment of clause {clause_id}",
                replace=[_dump(open_)],
            )
    yield from _amendment_clause(actor, clauses)


def _transfers(
    actor: str, coalition: Coalition, clauses: ClauseSet, standing: Standing
) -> Iterator[Move]:
    """A judge's discipline clause reworded with the judged body in its place."""
    for body, judges in standing.judges.items():
        for judge, clause_id in sorted(judges.items()):
            clause = clauses.get(clause_id)
            if judge in standing.held or clause is None:
                continue
            powers = tuple(
                p.model_copy(update={"by": body}) if p.by == judge else p
                for p in clause.powers
            )
            if powers == clause.powers:
                continue
            moved = clause.model_copy(update={"powers": powers})
            yield _move(
                "amend_rules",
                actor,
                f"give {body} the powers of {judge} under clause {clause_id}",
                replace=[_dump(moved)],
            )


def _shield(
    coalition: Coalition, clauses: ClauseSet, standing: Standing
) -> Clause | None:
    """A new clause denying each outside checker and judge its checks on the coalition."""
    denied: list[Power] = []
    for body in coalition.bodies:
        others = set(standing.checks.get(body, {}))
        others |= set(standing.judges.get(body, {})) - standing.held
        for other in sorted(others):
            denied.append(
                Power(by=other, acts=_OVER_BODY, over=TargetSelector(bodies=(body,)))
            )
            denied.append(
                Power(
                    by=other, acts=_OVER_MEMBERS, over=TargetSelector(seat_on=(body,))
                )
            )
    if not denied:
        return None
    ids = {c.id for c in clauses.clauses}
    numbers = [int(i) for i in ids if i.isdigit()]
    ident = str(max(numbers, default=0) + 1)
    while ident in ids:
        ident += "a"
    return Clause(
        id=ident,
        title="Protection of office",
        text=f"No other body may recall, dissolve or discipline "
        f"{' or '.join(coalition.bodies)} or its members.",
        disabilities=tuple(denied),
    )


def _amendment_clause(actor: str, clauses: ClauseSet) -> Iterator[Move]:
    """The clauses granting ``amend_rules``, reworded to grant it to ``actor`` alone."""
    seen: set[str] = set()
    for clause, _ in clauses.grants.get("amend_rules", ()):
        if clause.id in seen:
            continue
        seen.add(clause.id)
        powers = tuple(p for p in clause.powers if "amend_rules" not in p.acts)
        powers += (Power(by=actor, acts=("amend_rules",)),)
        mine = clause.model_copy(update={"powers": powers, "entrenched": False})
        if mine == clause:
            continue
        yield _move(
            "amend_rules",
            actor,
            f"reword clause {clause.id} so that {actor} alone may amend any clause",
            replace=[_dump(mine)],
        )


def _against(
    actor: str,
    holds: set[str],
    coalition: Coalition,
    world: World,
    today: int,
    standing: Standing,
) -> Iterator[Move]:
    """Acts against each outside body still checking or judging the coalition."""
    people = coalition.people(world, today)
    for other in standing.outsiders():
        state = world.bodies.get(other)
        if state is None or state.kind in {"membership", "convention"}:
            continue
        if "dissolve_body" in holds:
            yield _move("dissolve_body", actor, f"dissolve {other}", body=other)
        members = [p for p in world.holders(other, today) if p not in people]
        for person in members:
            if "recall" in holds:
                yield _move(
                    "recall",
                    actor,
                    f"recall {person} from {other}",
                    body=other,
                    target=person,
                )
            if "sanction" in holds:
                yield _move(
                    "sanction",
                    actor,
                    f"remove {person} from {other}",
                    targets=[person],
                    sanction="remove_from_office",
                    office=other,
                )
            if "interim_suspend" in holds:
                yield _move(
                    "interim_suspend",
                    actor,
                    f"suspend {person} from {other}",
                    targets=[person],
                    scope="office",
                    office=other,
                )
        seated = set(world.holders(other, today))
        newcomers = sorted(p for p in people if p not in seated)
        for kind in ("elect", "appoint"):
            if kind in holds and newcomers:
                yield _move(
                    kind,
                    actor,
                    f"{kind} {', '.join(newcomers)} to {other}",
                    body=other,
                    persons=newcomers,
                )
