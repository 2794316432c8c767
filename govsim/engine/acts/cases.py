"""Acts that open and conduct a case: complaint, conflicts, investigation, notice, hearing, finding."""

from __future__ import annotations

from typing import Any, ClassVar

from govsim.engine.acts.base import Check, Handler, end_pending_measures, handles
from govsim.engine.context import ActContext, Targets
from govsim.engine.state import CaseState
from govsim.model import acts as models

__all__: list[str] = []


@handles
class FileComplaint(Handler):
    kinds = ("file_complaint",)
    effects: ClassVar[dict[str, str]] = {
        "file_complaint": "Opens the case: the actor as complainant, the respondents "
        "(``against``), the bodies under review (``subjects``), the day of the conduct "
        "and the basis. Void if a case of that id is already open."
    }
    reaches = "the respondents (``against``)"

    def targets(self, ctx: ActContext) -> Targets:
        return Targets(persons=tuple(ctx.act_as(models.FileComplaint).against))

    def preconditions(self, ctx: ActContext) -> list[Check]:
        case = ctx.act_as(models.FileComplaint).case
        if case in ctx.world.cases:
            return [(False, f"case {case} is already open")]
        return []

    def apply(self, ctx: ActContext, grant: Any) -> list[str]:
        act: Any = ctx.act
        conduct = ctx.calendar.day(act.conduct_at) if act.conduct_at else ctx.day
        ctx.world.cases[act.case] = CaseState(
            id=act.case,
            complainants=(act.by,),
            respondents=tuple(act.against),
            subjects=tuple(act.subjects),
            opened=ctx.day,
            conduct=conduct,
            basis=act.basis,
        )
        return [f"case {act.case} opened against {', '.join(act.against)}"]


@handles
class DeclareConflict(Handler):
    """Declare a conflict (recorded, nothing more), or recuse (step aside)."""

    kinds = ("declare_conflict", "recuse")
    effects: ClassVar[dict[str, str]] = {
        "declare_conflict": "Records the actor's conflict in the case, with its reason. "
        "Nothing more: whether the actor must then stand aside is the book's "
        "``recusal`` rule.",
        "recuse": "The actor stands aside from the case: no longer entitled to vote "
        "on it, nor counted towards its quorum.",
    }
    reaches = "the actor"
    needs_power = False

    def targets(self, ctx: ActContext) -> Targets:
        return Targets(persons=(ctx.actor,))

    def apply(self, ctx: ActContext, grant: Any) -> list[str]:
        act: Any = ctx.act
        case = ctx.world.cases[act.case]
        if act.act == "declare_conflict":
            # Declaring is only that: whether it obliges recusal is the book's
            # recusal rule, and whoever declares and then votes took part.
            case.declared[act.by] = act.reason or "declared"
            return [f"{act.by} declares a conflict in case {act.case}"]
        case.recused.add(act.by)
        return [f"{act.by} stands aside from case {act.case}"]


@handles
class AssignInvestigator(Handler):
    """Give a case to a person or a body to investigate.

    A person assigned is the investigator. A body is not thereby a panel of
    investigators: its members investigate when the assignment names them
    (``members``) or when they take its investigative steps (see
    :class:`ServeNotice`), so a member who never did may still decide.
    """

    kinds = ("assign_investigator",)
    effects: ClassVar[dict[str, str]] = {
        "assign_investigator": "Gives the case to the investigator, which then holds "
        "it. A person assigned investigates it; of a body, the ``members`` named do "
        "(the others only by taking its investigative steps). Void if a member named "
        "holds no seat on the body."
    }
    reaches = "the case's respondents, and the investigator when it is a body"

    def targets(self, ctx: ActContext) -> Targets:
        case = ctx.case
        investigator: str = ctx.act_as(models.AssignInvestigator).investigator
        bodies = (investigator,) if investigator in ctx.world.bodies else ()
        return Targets(persons=case.respondents if case else (), bodies=bodies)

    def preconditions(self, ctx: ActContext) -> list[Check]:
        act: Any = ctx.act
        if not act.members:
            return []
        if act.investigator not in ctx.world.bodies:
            return [
                (
                    False,
                    f"members are named only when a body investigates, and "
                    f"{act.investigator} is a person",
                )
            ]
        seated = set(ctx.world.holders(act.investigator, ctx.day))
        return [
            (
                False,
                f"{member}, named to investigate, holds no seat on "
                f"{act.investigator} on {ctx.calendar.date(ctx.day)}",
            )
            for member in act.members
            if member not in seated
        ]

    def apply(self, ctx: ActContext, grant: Any) -> list[str]:
        act: Any = ctx.act
        case = ctx.world.cases[act.case]
        case.investigator_body = act.investigator
        case.owner = act.investigator
        case.investigating_panel = tuple(ctx.body_persons(act.investigator))
        if act.investigator in ctx.world.bodies:
            case.investigators = _joined(case.investigators, act.members)
            if act.members:
                who = ", ".join(act.members)
                return [f"{act.investigator} investigates case {act.case} ({who})"]
        else:
            case.investigators = _joined(case.investigators, (act.investigator,))
        return [f"{act.investigator} investigates case {act.case}"]


@handles
class ServeNotice(Handler):
    """Serve notice of charges; for the investigating body, an investigative step.

    Whoever takes part in serving the charges for the body given the case,
    before any finding in it, investigates the case.
    """

    kinds = ("serve_notice",)
    effects: ClassVar[dict[str, str]] = {
        "serve_notice": "Records notice of the charges on the target: the day, how "
        "many charges, whether vague. Served for the body given the case before any "
        "finding, it is an investigative step: those taking part investigate the case."
    }

    def apply(self, ctx: ActContext, grant: Any) -> list[str]:
        act: Any = ctx.act
        case = ctx.world.cases[act.case]
        case.notices.append((act.target, ctx.day, act.vague, len(act.charges)))
        if ctx.actor == case.investigator_body and not case.findings:
            case.investigators = _joined(case.investigators, ctx.participants())
        kind = "vague" if act.vague or not act.charges else "specific"
        return [f"{act.target} served with {len(act.charges)} {kind} charge(s)"]


def _joined(have: tuple[str, ...], more: tuple[str, ...]) -> tuple[str, ...]:
    """``have`` then those of ``more`` not in it, in order."""
    return tuple(dict.fromkeys((*have, *more)))


@handles
class Hear(Handler):
    kinds = ("hear",)
    effects: ClassVar[dict[str, str]] = {
        "hear": "Records that the acting body heard the target (in the case, if "
        "one is named), as the ``hearing`` rule and ``right_to_be_heard`` ask."
    }

    def apply(self, ctx: ActContext, grant: Any) -> list[str]:
        act: Any = ctx.act
        if act.case is not None:
            ctx.world.cases[act.case].hearings.append((act.target, ctx.day, act.by))
        meeting = ctx.meeting.meeting if ctx.meeting is not None else None
        ctx.world.hearings.append((act.target, ctx.day, act.by, act.case, meeting))
        return [f"{act.by} heard {act.target}"]


@handles
class Find(Handler):
    kinds = ("find",)
    effects: ClassVar[dict[str, str]] = {
        "find": "Records the finding (``violation`` or ``no_violation``) against "
        "each target in the case; those taking part decide the case (adjudicators)."
    }

    def apply(self, ctx: ActContext, grant: Any) -> list[str]:
        act: Any = ctx.act
        case = ctx.world.cases[act.case]
        case.adjudicators |= set(ctx.participants())
        for target in ctx.targets.persons:
            case.findings.append((target, ctx.day, act.by, act.finding))
        word = "a violation" if act.finding == "violation" else "no violation"
        return [f"{act.by} finds {word} by {', '.join(ctx.targets.persons)}"]


@handles
class Interfere(Handler):
    kinds = ("interfere",)
    effects: ClassVar[dict[str, str]] = {
        "interfere": "Records the actor as having interfered in the case (the "
        "``independent_handling`` invariant reads it); nothing else changes."
    }
    reaches = "the case's respondents"
    needs_power = False

    def targets(self, ctx: ActContext) -> Targets:
        case = ctx.case
        return Targets(persons=case.respondents if case else ())

    def apply(self, ctx: ActContext, grant: Any) -> list[str]:
        case = ctx.world.cases[ctx.act_as(models.Interfere).case]
        case.interferers.add(ctx.actor)
        return [f"{ctx.actor} interfered in case {case.id}"]


@handles
class CloseCase(Handler):
    """Close a case, with the reason; the record stays."""

    kinds = ("close_case",)
    effects: ClassVar[dict[str, str]] = {
        "close_case": "Closes the case with its reason; the record stays. Interim "
        "measures in force in the case on its respondents end with it. Void if the "
        "case is already closed."
    }
    reaches = "the case's respondents"

    def targets(self, ctx: ActContext) -> Targets:
        case = ctx.case
        return Targets(persons=case.respondents if case else ())

    def preconditions(self, ctx: ActContext) -> list[Check]:
        case = ctx.case
        if case is not None and not case.open:
            return [(False, f"case {case.id} is already closed")]
        return []

    def apply(self, ctx: ActContext, grant: Any) -> list[str]:
        act: Any = ctx.act
        case = ctx.world.cases[act.case]
        case.open = False
        case.closed = (ctx.day, act.reason)
        ended = end_pending_measures(
            ctx.world, case.id, case.respondents, ctx.day, "case_closed", ctx.act_id
        )
        return [f"case {case.id} closed ({act.reason.replace('_', ' ')})", *ended]
