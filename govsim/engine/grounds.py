"""Stated grounds are claims: what the record must show for each.

An interim measure states its ground (``basis``). The engine believes it only
as far as the record of the case supports it, on the day of the act:

* ``charges_filed``: a notice of charges served in the case on each target;
* ``investigation``: the case is open and an investigator is assigned;
* ``finding``: a finding of violation in the case against each target;
* ``danger``: a judgement the record cannot show, taken as stated (and said);
* ``unspecified``: no ground is claimed.

A grant's condition on grounds (``when: {bases: [...]}``) and an
``interim_bounds`` rule's ``bases`` both ask this, so an unsupported claim
either leaves the actor without the power or breaks the rule that lists the
grounds, with what the record lacks.
"""

from __future__ import annotations

from govsim.engine.context import ActContext

__all__ = ["unsupported_ground"]


def unsupported_ground(ctx: ActContext, basis: str) -> str | None:
    """What the record lacks for the claimed ground (``None``: it supports it)."""
    if basis in {"danger", "unspecified"}:
        return None
    case = ctx.case
    if case is None:
        return f"the ground '{basis}' needs a case, and the act names none"
    day = ctx.day
    targets = ctx.targets.persons
    if basis == "charges_filed":
        missing = [
            t
            for t in targets
            if not any(n[0] == t and n[1] <= day for n in case.notices)
        ]
        if missing:
            return f"no notice of charges was served in case {case.id} on {', '.join(missing)}"
        return None
    if basis == "investigation":
        if not case.open:
            return f"case {case.id} is closed"
        if case.investigator_body is None and not case.investigators:
            return f"no investigator is assigned in case {case.id}"
        return None
    if basis == "finding":
        missing = [
            t
            for t in targets
            if not any(
                f[0] == t and f[3] == "violation" and f[1] <= day for f in case.findings
            )
        ]
        if missing:
            return f"no finding of violation in case {case.id} against {', '.join(missing)}"
    return None
