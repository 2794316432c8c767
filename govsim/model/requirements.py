"""Procedural requirements a rule book places on acts.

Each requirement names the acts it applies to and a ``rule`` tag that selects
its checker in ``govsim.engine.checks``. A broken requirement makes an act
*irregular* when its clause is audited and *void* when it is regimented.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, TypeVar, Union, get_args

from pydantic import Field, GetCoreSchemaHandler
from pydantic_core import CoreSchema

from govsim.errors import PluginError
from govsim.model.common import Ident, SanctionKind, Strict
from govsim.model.organisation import BodyKind
from govsim.model.selectors import ActorSelector, InterimBasis, InterimScope
from govsim.registry import Registry

__all__ = [
    "CONFLICT_SOURCES",
    "REQUIREMENT_MODELS",
    "REQUIREMENT_RULES",
    "AppealWindow",
    "Audience",
    "Continuity",
    "Deadline",
    "Eligibility",
    "Finality",
    "FindingFirst",
    "Forbidden",
    "Hearing",
    "IndependentInvestigator",
    "Individual",
    "InterimBounds",
    "MeetingNotice",
    "Notice",
    "Readings",
    "Records",
    "Recusal",
    "Requirement",
    "RequirementBase",
    "Separation",
    "Supporters",
    "TextNotice",
    "VotingRights",
    "requirement_models",
    "requirement_rule",
    "rule_of",
]

ConflictSource = Literal[
    "party",
    "relation",
    "shared_seat",
    "subject_seat",
    "prior_role",
    "appointer",
    "declared",
]
CONFLICT_SOURCES: tuple[ConflictSource, ...] = get_args(ConflictSource)
"""Every ground of conflict the engine derives, in the order it reports them."""


class RequirementBase(Strict):
    """What every requirement shares: the acts and actors it applies to.

    A plugin's requirement rule subclasses it, adds ``rule:
    Literal["its_name"]`` and its own fields, and registers with
    :func:`requirement_rule` (docs/extending.md).
    """

    acts: tuple[str, ...]
    """The act kinds this requirement governs."""
    by: ActorSelector | None = None
    """Only when this actor acts (absent: whoever acts)."""
    sanctions: tuple[SanctionKind, ...] = ()
    """Only for these sanctions (absent: every sanction)."""


class Notice(RequirementBase):
    """Written notice of specific charges, served some days before the act."""

    rule: Literal["notice"]
    """``notice``: written notice of the charges, served on each target before the act."""
    days: int = Field(default=0, ge=0)
    """Days at least between serving the charges and the act (default 0)."""
    specific_charges: bool = True
    """The charges must be specific: a notice with vague charges, or listing none, does
    not count."""


class Hearing(RequirementBase):
    """A hearing of each target by the deciding body before the act."""

    rule: Literal["hearing"]
    """``hearing``: each target is heard by the deciding body before the act."""
    min_days_before: int = Field(default=0, ge=0)
    """The hearing is at least this many days before the act."""
    same_meeting: bool = False
    """The target is heard at the meeting that takes the act (representations
    to the meeting that votes, as company articles ask): a hearing at an
    earlier meeting, or outside one, does not count."""


class Recusal(RequirementBase):
    """Members with a conflict in the case take no part in the decision.

    Taking part is voting (by name, or in a unanimous vote of those present);
    with ``leave_room``, being present at all.
    """

    rule: Literal["recusal"]
    """``recusal``: members conflicted in the case take no part in the decision."""
    conflicts: tuple[ConflictSource, ...] = CONFLICT_SOURCES
    """The grounds of conflict this rule counts (absent: every one);
    ``shared_seat`` arises only where a clause's ``conflicts`` creates it."""
    leave_room: bool = False
    """The conflicted must leave the meeting: presence alone breaks the rule."""


class FindingFirst(RequirementBase):
    """A recorded finding of violation against each target precedes the act."""

    rule: Literal["finding"]
    """``finding``: a recorded finding of violation against each target comes first."""
    by_kind: tuple[BodyKind, ...] = ()
    """The finding must come from a body of one of these kinds (absent: any)."""


class Individual(RequirementBase):
    """Targets are named individually, never selected as a class."""

    rule: Literal["individual"]
    """``individual``: targets are named one by one, never selected as a class."""


class InterimBounds(RequirementBase):
    """Limits on interim measures: grounds, scope, length, review and renewal."""

    rule: Literal["interim_bounds"]
    """``interim_bounds``: limits on interim measures."""
    bases: tuple[InterimBasis, ...] = ()
    """Grounds a measure may state (absent: any)."""
    scopes: tuple[InterimScope, ...] = ()
    """Scopes a measure may have (absent: any)."""
    max_days: int | None = Field(default=None, ge=1)
    """The longest a measure may last; one stated longer, or with no end, lapses then."""
    review_within_days: int | None = Field(default=None, ge=0)
    """A measure must name a review day within this many days of it (absent: no review
    asked). It also puts the reviewing body (``review_by``, else the measure's
    author) under a duty to review the measure by the earlier of that day and
    its ``review_at``: a measure never reviewed by then is a second violation,
    a missed deadline, on the day it falls due."""
    review_by: tuple[Ident, ...] = ()
    """Bodies that may carry out the review (absent: any body)."""
    renewal_requires_charges: bool = False
    """A renewal needs charges served in the case on every target."""


class IndependentInvestigator(RequirementBase):
    """The investigator is not under review in the case, nor conflicted in it."""

    rule: Literal["independent_investigator"]
    """``independent_investigator``: the investigator is neither under review in the
    case nor conflicted in it."""


class Separation(RequirementBase):
    """Nobody who investigated a case takes part in deciding it."""

    rule: Literal["separation"]
    """``separation``: nobody who investigated a case takes part in deciding it."""


class Finality(RequirementBase):
    """Decisions of some bodies change only through an appeal to a named body."""

    rule: Literal["finality"]
    """``finality``: decisions of some bodies change only on appeal to a named body."""
    decisions_of_kind: tuple[BodyKind, ...] = ("disciplinary",)
    """Kinds of body whose decisions are final (default ``disciplinary``)."""
    appeal_bodies: tuple[Ident, ...] = ()
    """The bodies that may change them, on appeal (absent: none may)."""


class AppealWindow(RequirementBase):
    """An appeal is lodged within a number of days of the decision.

    Once an appeal on the decision has been decided, a further appeal (to the
    next body up, as the IWW's bylaws allow) runs from that day instead.
    """

    rule: Literal["appeal_window"]
    """``appeal_window``: an appeal is lodged within some days of the decision."""
    days: int = Field(ge=1)
    """Days from the decision (or the last appeal decided on it) within which an
    appeal is lodged."""


class Deadline(RequirementBase):
    """After a trigger act, a follow-up act is owed within a number of days.

    ``acts`` names the trigger; ``then`` the act that fulfils the duty;
    ``obligee`` who owes it (absent: the body holding the trigger's case when
    the book lets it do ``then``, else the first body a clause empowers for
    it). An act of kind ``then`` fulfils the duty when it names the trigger
    (as its decision, measure, appeal or subject), is in the trigger's case,
    or, after a trigger that vacated a seat (a resignation, a recall, a
    removal from office), is the obligee's filling a seat on that body
    (``elect``, ``appoint``): an interim appointment by another body does
    not meet a duty the membership owes.
    Whom the rule governs (``by``) is judged as the actor stood before the
    trigger took effect.
    """

    rule: Literal["deadline"]
    """``deadline``: after a trigger act (``acts``), a follow-up act (``then``) is owed
    within some days."""
    then: str
    """The act kind that fulfils the duty."""
    days: int = Field(ge=0)
    """Days after the trigger within which it is owed; missed, the duty is violated the
    day after."""
    obligee: Ident | None = None
    """Who owes it (absent: the body holding the trigger's case when it may do the
    act, else the first body empowered for it)."""


class MeetingNotice(RequirementBase):
    """Meetings are called with notice to everyone entitled to it.

    Everyone holding a seat on a convened body on the day it sits, and able to
    sit, is entitled; notice counts in whole days from the day it was given to
    the day the meeting sits (given on 9 March for 12 March: 3 days). A
    person's written waiver cures a lack of notice to them; with
    ``cured_by_attendance``, so does attending without objecting. A defect
    reaches every act taken at the meeting.
    """

    rule: Literal["meeting_notice"]
    """``meeting_notice``: meetings are called with notice to everyone entitled to it."""
    acts: tuple[str, ...] = ()
    """The business it governs (absent: every act a body takes at a meeting,
    except calling another meeting)."""
    days: int = Field(ge=0)
    """Whole days of notice required, from the day it is given to the day the meeting
    sits."""
    written: bool = False
    """Notice must be in writing."""
    cured_by_attendance: bool = False
    """Attending without objecting waives notice (the common cure rule)."""
    special_only: bool = False
    """Only meetings called specially (recorded with a ``convene`` act) need
    notice; business with no meeting recorded is taken at a regular meeting,
    held when the bylaws fix, which needs none."""


class VotingRights(RequirementBase):
    """Only members entitled to vote take part in a body's decisions.

    Entitled: holding a seat on the body that day, in good standing, not
    barred from it, and not recused in the case. Others' votes are never
    counted; this rule makes their taking part a violation.
    """

    rule: Literal["voting_rights"]
    """``voting_rights``: only members entitled to vote take part in a body's decisions."""


class Eligibility(RequirementBase):
    """Who may be elected or appointed: members in good standing, vetted."""

    rule: Literal["eligibility"]
    """``eligibility``: who may be elected or appointed."""
    require_member: bool = True
    """Candidates must be members in good standing (the default)."""
    no_open_findings: bool = False
    """Refuse candidates with an adverse finding not yet implemented or a case open."""


class Audience(RequirementBase):
    """Statements and disclosures stay within an audience."""

    rule: Literal["audience"]
    """``audience``: statements and disclosures stay within an audience."""
    widest: Literal["body", "members", "public"]
    """The widest audience allowed: ``body``, ``members`` or ``public``."""


class Records(RequirementBase):
    """Records of these acts are kept by custodian bodies and pass to their later members.

    Without such a rule a record is known only to those who saw it; with it,
    whoever later holds a seat on a custodian body (and is not conflicted) may
    read it — what ``record_continuity`` asks for.
    """

    rule: Literal["records"]
    """``records``: custodian bodies keep the records of these acts."""
    custodians: tuple[Ident, ...] = ()
    """Bodies that keep the records (absent: the body that took the act)."""
    successors_read: bool = True
    """Whether later seat holders of a custodian body (not conflicted) may read the
    records (the default)."""


class Continuity(RequirementBase):
    """A case or duty its holder can no longer act for is given to someone able in time.

    A body holds a case or duty only while a member can act for it (a seat
    filled by someone not suspended, barred, recused or conflicted in the
    case). When nobody can, the case or duty is orphaned; ``acts`` name how
    it is given back (``assign_investigator`` for a case, ``transfer`` for a
    duty; filling a seat of the body restores it too), and ``within_days``
    the days allowed. The ``case_survival`` and ``obligation_survival``
    invariants read it as their period (30 days when no book states it).
    """

    rule: Literal["continuity"]
    """``continuity``: a case or duty nobody can act for is given to someone able, in
    time."""
    within_days: int = Field(ge=0)
    """Days from the day nobody can act to the last day it may be given back."""


class Forbidden(RequirementBase):
    """The acts are forbidden outright (to the actors named in ``by``)."""

    rule: Literal["forbidden"]
    """``forbidden``: the acts are forbidden outright (to the actors in ``by``)."""


class Supporters(RequirementBase):
    """Proposals need a minimum number of supporters."""

    rule: Literal["supporters"]
    """``supporters``: proposals need a minimum number of supporters."""
    minimum: int = Field(ge=1)
    """Supporters a proposal needs at least."""


class Readings(RequirementBase):
    """Changes to the rules are adopted only after earlier readings.

    The adopting ``amend_rules`` act names its first reading
    (``first_reading``): an ``amend_rules`` act with ``reading: first`` by the
    same body, of the same changes, that took effect; a third reading names
    the second the same way.
    """

    rule: Literal["readings"]
    """``readings``: changes to the rules need more than one reading."""
    count: int = Field(default=2, ge=2, le=3)
    """Readings needed, the adopting one included (default 2)."""
    days_between: int = Field(default=0, ge=0)
    """Days at least between one reading and the next."""


class TextNotice(RequirementBase):
    """The text of a change is known some days before it is adopted.

    Notice counts from the earliest of: a ``propose`` act the amendment names
    (``proposal``), its first reading, or the call of the meeting that adopts
    it when its agenda names the amending act's id or that proposal; in whole
    days up to the day of adoption.
    """

    rule: Literal["text_notice"]
    """``text_notice``: the proposed text is given some days before adoption."""
    days: int = Field(ge=0)
    """Whole days at least from notice of the text to its adoption."""


_BUILTIN_MODELS: tuple[type[RequirementBase], ...] = (
    Notice,
    Hearing,
    Recusal,
    FindingFirst,
    Individual,
    InterimBounds,
    IndependentInvestigator,
    Separation,
    Finality,
    AppealWindow,
    Deadline,
    MeetingNotice,
    Eligibility,
    Audience,
    Supporters,
    Records,
    Continuity,
    Forbidden,
    VotingRights,
    Readings,
    TextNotice,
)


def rule_of(model: type[RequirementBase]) -> str:
    """The ``rule`` tag a requirement model answers to (its one ``Literal``)."""
    field = model.model_fields.get("rule")
    tags = get_args(field.annotation) if field is not None else ()
    if len(tags) != 1 or not isinstance(tags[0], str):
        raise PluginError(
            f"the requirement model {model.__module__}.{model.__qualname__} needs "
            "a field `rule: Literal['its_name']` naming its rule"
        )
    return tags[0]


REQUIREMENT_MODELS: Registry[type[RequirementBase]] = Registry(
    "requirement rule", "govsim.requirements"
)
"""Every requirement rule to its model: govsim's, then installed plugins'.

A rule needs a checker too (``govsim.engine.checks.checker``), registered in
the same plugin module.
"""
for _model in _BUILTIN_MODELS:
    REQUIREMENT_MODELS.add(rule_of(_model), _model)

REQUIREMENT_RULES: tuple[str, ...] = tuple(rule_of(m) for m in _BUILTIN_MODELS)
"""The rules govsim ships, in the order the reference lists them."""

M = TypeVar("M", bound=type[RequirementBase])


def requirement_rule(model: M) -> M:
    """Register a requirement model under the tag of its ``rule`` field.

    Raises:
        PluginError: the model has no single ``rule`` tag, or the tag is taken.
    """
    if not issubclass(model, RequirementBase):
        raise PluginError(
            f"{model.__module__}.{model.__qualname__} is not a requirement: "
            "subclass govsim.model.requirements.RequirementBase"
        )
    REQUIREMENT_MODELS.add(rule_of(model), model)
    return model


def requirement_models() -> tuple[type[RequirementBase], ...]:
    """Every requirement model, govsim's first, loading plugins on first call."""
    return tuple(REQUIREMENT_MODELS.values())


class _AnyRequirement:
    """A requirement of any registered rule, told apart by its ``rule`` tag.

    Stands in the annotation of :data:`Requirement` so that the union is
    made from the registry when a model's schema is built (document models
    build theirs on first use), not frozen at import: a plugin's rule is
    then read, validated and given a JSON Schema like govsim's own.
    """

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        models = requirement_models()
        union = models[0] if len(models) == 1 else Union[models]  # noqa: UP007
        return handler.generate_schema(Annotated[union, Field(discriminator="rule")])

    def members(self) -> tuple[type[RequirementBase], ...]:
        """The forms a requirement may take, for walking error locations."""
        return requirement_models()


Requirement = Annotated[
    Notice
    | Hearing
    | Recusal
    | FindingFirst
    | Individual
    | InterimBounds
    | IndependentInvestigator
    | Separation
    | Finality
    | AppealWindow
    | Deadline
    | MeetingNotice
    | Eligibility
    | Audience
    | Supporters
    | Records
    | Continuity
    | Forbidden
    | VotingRights
    | Readings
    | TextNotice,
    _AnyRequirement(),
]
"""Any requirement: to type checkers govsim's rules; at run time every registered one."""
