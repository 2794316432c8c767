"""Which page describes which model, and links to it from any other page.

A type in a field table is a link when a page of the reference describes it:
a document model by its section, an act or a requirement by its kind, and a
named union (a selector, a vote, a requirement) by the section that explains
its forms.
"""

from __future__ import annotations

from functools import cache
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

__all__ = ["Links", "anchor", "sections"]


@cache
def sections() -> dict[str, tuple[type[BaseModel], ...]]:
    """Page to the models it describes, in the order it describes them."""
    from govsim.model import acts, organisation, rulebook, scenario, selectors, votes
    from govsim.model.requirements import requirement_models

    act_models = tuple(get_args(get_args(acts.Act)[0]))
    return {
        "acts.md": (*act_models, acts.Delegation, acts.NoticeGiven, acts.Turnout),
        "requirements.md": requirement_models(),
        "decisions.md": (
            rulebook.DecisionRule,
            rulebook.RuleException,
            rulebook.FewMembers,
            votes.Tally,
        ),
        "selectors.md": (
            selectors.PersonActor,
            selectors.BodyKindActor,
            selectors.JointActor,
            selectors.TargetSelector,
            selectors.Conditions,
            selectors.TagSelector,
            selectors.SeatSelector,
        ),
        "organisation.md": (
            organisation.Organisation,
            organisation.Person,
            organisation.Body,
            organisation.Seat,
            organisation.Relation,
        ),
        "rulebook.md": (
            rulebook.RuleBook,
            rulebook.Clause,
            rulebook.Power,
            rulebook.Link,
            rulebook.ConflictRule,
            rulebook.Entrenchment,
            rulebook.Amendment,
        ),
        "scenario.md": (scenario.Scenario, scenario.Event),
        "expectations.md": (
            scenario.Expectations,
            scenario.ViolationExpectations,
            scenario.ViolationPattern,
            scenario.InvariantExpectations,
            scenario.TimedExpectations,
            scenario.TimedPattern,
            scenario.MeasureOutcome,
        ),
    }


def anchor(model: type[BaseModel]) -> str:
    """The section anchor of a model: its first act kind, its rule, or its name."""
    fields = model.model_fields
    for tag in ("act", "rule"):
        # A tag is a Literal; ViolationPattern's act and rule are plain fields.
        if tag in fields and get_origin(fields[tag].annotation) is Literal:
            return str(get_args(fields[tag].annotation)[0])
    return model.__name__.lower()


@cache
def _named() -> tuple[tuple[Any, str, str], ...]:
    """Named unions: (the union, how it reads, where it is explained)."""
    from govsim.model.acts import Act, Attendance
    from govsim.model.requirements import Requirement
    from govsim.model.scenario import InvariantChoice
    from govsim.model.selectors import ActorSelector, PersonSelector
    from govsim.model.votes import Vote

    return (
        (ActorSelector, "actor selector", "selectors.md#who-may-act-by"),
        (PersonSelector, "person selector", "selectors.md#person-selectors"),
        (Vote, "vote", "decisions.md#votes"),
        (Requirement, "requirement", "requirements.md"),
        (Act, "act", "acts.md"),
        (Attendance, "attendance", "acts.md#attendance-and-votes"),
        (InvariantChoice, "invariant choice", "scenario.md#invariants"),
    )


class Links:
    """The linker for one page: links within it are bare anchors."""

    def __init__(self, page: str) -> None:
        self.page = page

    def href(self, target: str) -> str:
        """A link target as seen from this page."""
        page, _, fragment = target.partition("#")
        if page == self.page and fragment:
            return f"#{fragment}"
        return target

    def __call__(self, annotation: Any) -> str | None:
        """The annotation as a link to where it is described, or ``None``."""
        for union, words, target in _named():
            if annotation is union or _same(annotation, union):
                return f"[{words}]({self.href(target)})"
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            for page, models in sections().items():
                if annotation in models:
                    where = self.href(f"{page}#{anchor(annotation)}")
                    return f"[{annotation.__name__}]({where})"
        return None


def _same(annotation: Any, union: Any) -> bool:
    try:
        return bool(annotation == union)
    except Exception:  # some typing objects refuse comparison
        return False
