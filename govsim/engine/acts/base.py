"""The handler interface for act kinds, their registry, and shared effects.

A handler says, for one act kind: what the act is done to (for the power
test), which facts must hold for it to mean anything (resigning a seat one
holds), which earlier acts it depends on, and what it changes when it takes
effect. Everything else — powers, requirements, votes — is the engine's.
"""

from __future__ import annotations

from typing import Any, ClassVar

from govsim.engine.context import ActContext, Targets, resolve_selectors
from govsim.engine.state import MeasureState, World
from govsim.engine.trace import Reason

__all__ = ["HANDLERS", "Handler", "add_measure", "handles", "impose", "release"]

HANDLERS: dict[str, Handler] = {}
Check = tuple[bool, str]


def handles(cls: type[Handler]) -> type[Handler]:
    """Register a handler class for every act kind it names."""
    instance = cls()
    for kind in cls.kinds:
        HANDLERS[kind] = instance
    return cls


class Handler:
    """Default behaviour; subclasses override what their act kind needs."""

    kinds: ClassVar[tuple[str, ...]] = ()
    needs_power: ClassVar[bool] = True
    """False for conduct (speech, recusal): such acts need no power, only permission."""
    effects: ClassVar[dict[str, str]] = {}
    """Per act kind, what it does to the world when it takes effect, in words.

    The generated reference (``docs/reference/acts.md``) shows it; a test
    holds every kind to having one."""
    reaches: ClassVar[str] = (
        "the persons in ``targets``, ``target`` or ``persons``; the body in ``body``"
    )
    """What the act is done to, as a power's ``over:`` sees it (shown in the reference)."""

    def targets(self, ctx: ActContext) -> Targets:
        """Persons and bodies the act is done to, read from the usual fields."""
        field = ctx.act_field
        persons: tuple[str, ...] = ()
        class_based = False
        if selectors := field("targets"):
            persons, class_based = resolve_selectors(
                selectors, ctx.world, ctx.calendar, ctx.day
            )
        elif target := field("target"):
            persons = (target,)
        elif named := field("persons"):
            persons = tuple(named)
        body = field("body")
        bodies = (body,) if body else ()
        return Targets(persons=persons, bodies=bodies, class_based=class_based)

    def preconditions(self, ctx: ActContext) -> list[Check]:
        """Facts without which the act means nothing; a failure makes it void."""
        return []

    def depends_on(self, ctx: ActContext) -> list[str]:
        """Earlier acts whose voidness voids this one."""
        return []

    def rules(self, ctx: ActContext) -> list[Reason]:
        """What the act's kind asks of it beyond the book's requirements.

        Changing the rules answers to the clauses it changes (entrenchment);
        other kinds ask nothing here.
        """
        return []

    def apply(self, ctx: ActContext, grant: Any) -> list[str]:
        """Change the world; return a sentence per effect."""
        return []


def _recompute(world: World, person: str) -> None:
    state = world.persons[person]
    suspended = any(scope == "membership" for scope in state.restrictions.values())
    if suspended and state.status in {"member", "on_leave"}:
        state.status = "suspended"
    elif not suspended and state.status == "suspended":
        state.status = "member"


def impose(world: World, source: str, person: str, scope: str) -> str:
    """Restrict a person under a measure or sanction; return the effect sentence."""
    state = world.persons.get(person)
    if state is None or state.status in {"expelled", "resigned", "non_member"}:
        return f"{person}: nothing to restrict ({state.status if state else 'unknown'})"
    state.restrictions[source] = scope
    _recompute(world, person)
    if scope == "membership":
        return f"{person} suspended from membership"
    if scope == "leadership_bodies":
        return f"{person} barred from every leadership body"
    if scope.startswith("office:"):
        return f"{person} suspended from office on {scope.split(':', 1)[1]}"
    return f"{person} restricted (scope {scope})"


def release(world: World, source: str) -> list[str]:
    """Lift every restriction that came from ``source``."""
    out = []
    for pid in sorted(world.persons):
        state = world.persons[pid]
        if state.restrictions.pop(source, None) is not None:
            _recompute(world, pid)
            out.append(f"{pid} no longer restricted by {source}")
    return out


def end_pending_measures(
    world: World,
    case: str | None,
    persons: tuple[str, ...],
    day: int,
    how: str,
    by: str,
) -> list[str]:
    """End the interim measures in force in ``case`` on any of ``persons``.

    An interim measure holds pending the case: it ends when a sanction on the
    same person takes effect (``converted`` into it) or when the case closes
    (``case_closed``), and its restrictions go with it.
    """
    if case is None:
        return []
    out: list[str] = []
    for measure in world.measures.values():
        if (
            measure.active
            and measure.case == case
            and measure.act != by
            and measure.act not in world.decisions  # a timed sanction, not interim
            and set(measure.targets) & set(persons)
        ):
            measure.stop(day, how)
            what = "converted into" if how == "converted" else "ended with"
            target = (
                f"sanction {by}"
                if how == "converted"
                else f"case {case}, closed by {by}"
            )
            out.append(f"interim measure {measure.act} {what} {target}")
            out += release(world, measure.act)
    return out


def add_measure(world: World, measure: MeasureState) -> None:
    """Record a measure and ask the replay to watch its end and review."""
    world.measures[measure.act] = measure
    world.timers.append(("measure", measure.act))
