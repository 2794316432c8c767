"""The invariant ``collective_sanction``: nobody is sanctioned by one person alone.

Many unions' and co-operatives' rules let an officer suspend a member in an
emergency but reserve every sanction to a body that deliberates. The
invariant holds a history to that: a sanction that took effect was imposed
by a body, never by a person acting in their own name.
"""

from __future__ import annotations

from collections.abc import Iterator

from govsim.invariants import Finding, Params, Step, finding, invariant


@invariant(
    "collective_sanction",
    number=101,
    kind="safety",
    acts=("sanction",),
    guards="an officer expelling or suspending a member on their own say-so",
)
def collective_sanction(step: Step, p: Params) -> Iterator[Finding]:
    """∀ sanction s that takes effect: actor(s) is a body, not a person."""
    if not step.took_effect:
        return
    actor = step.record.actor
    if actor not in step.world.bodies:
        yield finding(
            f"{actor} imposed a sanction alone, not as a body",
            step.id,
            actor,
            *step.record.targets,
        )
