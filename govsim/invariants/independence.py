"""Independent handling: a case runs its course in the hands of the body given it.

Catalogue number 39. Whoever holds a case (the body it was given to, or,
before anyone is given it, the body the book empowers to decide it) handles
it; the procedure may bring in others — an appeal body deciding an appeal, a
meeting imposing the sanction a committee recommends — through the acts the
book gives them. What breaks independence is someone outside the handling
body changing the case's course on their own: pressing or instructing those
who handle it, asking them to drop, delay or fast-track it, closing the case,
setting aside one of its decisions, or taking it away from its holder.
"""

from __future__ import annotations

from collections.abc import Iterator

from govsim.engine.state import CaseStep, World
from govsim.invariants.base import Params, invariant
from govsim.invariants.views import Finding, Step, finding

__all__: list[str] = []

COURSE_CHANGES = ("interfere", "close_case", "alter_decision", "assign_investigator")
"""Acts that change a case's course when someone outside its handling body takes them."""

_ASKS = {
    "drop": "asked those handling it to drop it",
    "delay": "asked those handling it to delay it",
    "fast_track": "asked those handling it to fast-track it",
    "instruct": "instructed those handling it",
    "pressure": "pressed those handling it",
}


def _outside(world: World, step: CaseStep) -> bool:
    """Whether the step changed the case's course from outside its handling body."""
    if step.kind not in COURSE_CHANGES:
        return False
    if step.kind == "assign_investigator" and step.owner is None:
        return False  # giving a case out for the first time is how it starts
    if step.kind == "alter_decision" and step.actor == step.decision_by:
        return False  # a body reconsidering its own decision
    case = world.cases.get(step.case)
    if (
        step.kind == "close_case"
        and case is not None
        and step.actor in case.complainants
    ):
        return False  # a complainant may withdraw their own complaint
    holder = step.holder
    if holder is None:
        return step.kind == "interfere"
    return step.actor != holder and step.actor not in world.holders(holder, step.day)


def _what(step: Step, entry: CaseStep) -> str:
    act = step.ctx.act
    if entry.kind == "interfere":
        said = _ASKS[getattr(act, "asks", "pressure")]
        means = getattr(act, "means", None)
        return f"{said} ({means})" if means else said
    if entry.kind == "close_case":
        return "closed it"
    if entry.kind == "alter_decision":
        outcome = getattr(act, "outcome", "changed")
        return f"set aside ({outcome}) its decision {getattr(act, 'decision', '')}"
    return (
        f"took it from {entry.owner} and gave it to {getattr(act, 'investigator', '')}"
    )


@invariant(
    "independent_handling",
    number=39,
    kind="safety",
    acts=COURSE_CHANGES,
    guards="officers and leaders leaning on a disciplinary body, taking a case out "
    "of its hands, or burying it",
)
def independent_handling(step: Step, p: Params) -> Iterator[Finding]:
    """∀ k, ∀ a changing the course of k: actor(a) ∈ handler(k), or a is an appeal.

    Changing the course: pressing or instructing its handlers, asking to drop,
    delay or fast-track it, closing it, setting aside its decisions, taking it
    from its holder.

    Reported once per case, at the first such act. A first assignment, a body
    reconsidering its own decision and a complainant withdrawing do not count.
    """
    case = step.case
    world = step.world
    entry = world.steps.get(step.id)
    if case is None or entry is None or not _outside(world, entry):
        return
    for earlier in world.steps.values():
        if earlier.act == step.id:
            break
        if earlier.case == case.id and _outside(world, earlier):
            return  # already broken in this case
    holder = entry.holder or "no body"
    yield finding(
        f"{step.ctx.actor}, outside {holder} which handles case {case.id}, "
        f"{_what(step, entry)}",
        step.id,
        step.ctx.actor,
        case.id,
        entry.holder,
    )
