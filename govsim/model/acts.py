"""The act vocabulary as it is written in scenario files.

Each act kind is a small model tagged by ``act:``. Its ``REFS`` say which of
its fields name persons, bodies, cases or earlier acts, so references can be
checked with positions before anything runs; its ``DEFINES`` say which new ids
it introduces (a case, a body, a mandate). What an act *does* lives in the
engine (``govsim.engine.acts``), one registered handler per kind.
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal, get_args

from pydantic import Field

from govsim.model.common import ClauseId, Date, Ident, SanctionKind, Strict
from govsim.model.organisation import BodyKind
from govsim.model.rulebook import Clause, Transition
from govsim.model.selectors import (
    Conditions,
    InterimBasis,
    InterimScope,
    PersonSelector,
    TargetSelector,
)
from govsim.model.votes import Vote

__all__ = [
    "ACT_KINDS",
    "ACT_MODELS",
    "Act",
    "ActBase",
    "AmendRules",
    "Attendance",
    "Delegation",
    "NoticeGiven",
    "Turnout",
]

Audience = Ident | Literal["public", "members", "outside"]
ComplaintBasis = Literal["conduct", "speech", "caucusing", "dissent"]
"""What a complaint is about: conduct, or protected activity (speech, caucusing, dissent)."""


class ActBase(Strict):
    """What every act has: an id, a date, an actor, and optional notes."""

    REFS: ClassVar[dict[str, str]] = {}
    DEFINES: ClassVar[dict[str, str]] = {}
    act: str
    """The act kind; each subclass narrows it to its own names."""
    id: Ident | None = None
    """How expectations and later acts refer to this act (default: ``a<N>``)."""
    at: Date
    """The day the act is taken (``YYYY-MM-DD``). Acts are listed in date order (one
    dated before the act above it is refused); those of one day are taken in the
    order written."""
    by: Ident
    """The person or body performing the act."""
    note: str | None = None
    """A remark for readers of the scenario; the engine ignores it."""
    source: str | None = None
    """Where the scenario takes this act from."""


Attendance = tuple[Ident, ...] | Annotated[int, Field(ge=0)]
"""Who was present: person ids, or only how many (an assembly's count)."""


class _AtMeeting(ActBase):
    """An act a body takes at a meeting."""

    meeting: Ident | None = None
    """The recorded meeting (a ``convene`` act) at which the act was taken.

    Absent: the meeting recorded for the acting body on the act's day, if
    there is exactly one; otherwise the act is taken as an unrecorded
    meeting of that day's seat holders able to sit."""
    present: Attendance | None = None
    """Who was present for this act: person ids, or a number. Absent: the
    meeting's attendance; with no meeting recorded, the names in a roll call,
    else every seat holder able to sit."""


class _Voted(_AtMeeting):
    """An act decided by a body in a meeting."""

    vote: Vote | None = None
    """How the body voted; absent means no vote is recorded (taken as carried
    by those present and entitled to vote, parties and the conflicted aside)."""


class FileComplaint(ActBase):
    REFS: ClassVar[dict[str, str]] = {"against": "persons", "subjects": "bodies"}
    DEFINES: ClassVar[dict[str, str]] = {"case": "case"}
    act: Literal["file_complaint"]
    """``file_complaint``: a complaint that opens a case against ``against``."""
    case: Ident
    """The id of the case the complaint opens, which later acts in the case name; void
    if a case of that id is already open."""
    against: tuple[Ident, ...] = Field(min_length=1)
    """The respondents: the persons complained about (at least one)."""
    subjects: tuple[Ident, ...] = ()
    """Bodies whose conduct is under review in the case."""
    conduct_at: Date | None = None
    """The day of the conduct complained of (absent: the day of the complaint)."""
    allegation: str | None = None
    """What is alleged, in words; recorded, not interpreted."""
    basis: ComplaintBasis = "conduct"
    """``speech``, ``caucusing`` or ``dissent`` when the charge is protected activity."""


class Disclose(ActBase):
    """Information passed on: a document about a case, or a concern raised.

    Both are conduct (no power needed). ``raise_concern`` marks the speaker as a
    dissenter, protected by ``non_retaliation``.
    """

    REFS: ClassVar[dict[str, str]] = {"case": "case", "to": "audience"}
    act: Literal["disclose", "raise_concern"]
    """``disclose``: pass information on; ``raise_concern``: the same, and the speaker
    is protected as a dissenter (``non_retaliation``)."""
    to: tuple[Audience, ...] = Field(min_length=1)
    """Who receives it: body ids (their members), ``members`` (every member), ``public``
    or ``outside``."""
    case: Ident | None = None
    """The case the information is about; its record reaches the recipients."""
    document: str | None = None
    """What is disclosed, in words (absent: the act itself is what becomes known)."""
    consent: bool = False
    """Whether the person the information is about agreed to its disclosure."""


class DeclareConflict(ActBase):
    REFS: ClassVar[dict[str, str]] = {"case": "case"}
    act: Literal["declare_conflict", "recuse"]
    """``declare_conflict``: record a conflict in a case (whether the actor must then
    stand aside is the book's ``recusal`` rule); ``recuse``: stand aside, neither
    voting on the case nor counted towards its quorum."""
    case: Ident
    """The case the conflict is in."""
    reason: str | None = None
    """Why, in words (a relation, a prior role)."""


class AssignInvestigator(_Voted):
    """A case is given to a person or a body to investigate."""

    REFS: ClassVar[dict[str, str]] = {
        "case": "case",
        "investigator": "actor",
        "members": "persons",
    }
    act: Literal["assign_investigator"]
    """``assign_investigator``: give a case to a person or a body to investigate."""
    case: Ident
    """The case to investigate."""
    investigator: Ident
    """The person or body that investigates the case and then holds it."""
    members: tuple[Ident, ...] = ()
    """For a body: the members of it who conduct the investigation, each
    holding a seat on it that day (else the assignment is void). Its other
    members investigate only by taking its investigative steps (serving
    notice of charges before the case's first finding)."""


class Delegation(Strict):
    """Powers handed to a body created by an act; a subset of the creator's."""

    acts: tuple[str, ...] = Field(min_length=1)
    """The act kinds the new body may perform; each must be a power the creator holds
    with ``delegable: true``, or the creation is void."""
    over: TargetSelector | None = None
    """The targets the delegated power runs over (absent: any)."""
    when: Conditions | None = None
    """Conditions on the acts under it: sanctions, scopes, grounds, length (absent:
    none)."""


class CreateBody(_Voted):
    REFS: ClassVar[dict[str, str]] = {"members": "persons", "case": "case"}
    DEFINES: ClassVar[dict[str, str]] = {"body": "body"}
    act: Literal["create_body"]
    """``create_body``: create a body (a commission, an ad hoc committee), seat its
    members and hand it powers."""
    body: Ident
    """The new body's id; void if a body of that id exists."""
    kind: BodyKind = "ad_hoc"
    """The new body's kind (default ``ad_hoc``)."""
    name: str | None = None
    """The body's name, for readers."""
    members: tuple[Ident, ...] = ()
    """Persons seated on it from the act's day."""
    powers: tuple[Delegation, ...] = ()
    """Powers handed to it, out of the creator's own."""
    until: Date | None = None
    """The first day its members no longer sit (absent: open-ended)."""
    case: Ident | None = None
    """The case it is created for, if any."""


class NoticeGiven(Strict):
    """Notice of a meeting given to some persons on one day."""

    to: tuple[Ident, ...] | Literal["all"] = "all"
    """The persons told, or ``all``: everyone entitled to notice."""
    at: Date
    """The day the notice was given."""
    written: bool = True
    """Whether the notice was in writing (a letter, an email)."""


class Convene(ActBase):
    """Call a meeting of one or more bodies, and record how it was called and sat.

    One body: a meeting of that body; its acts name it with ``meeting:``.
    Several bodies (or persons ``also`` invited with a vote): a joint meeting,
    which acts in its own name (``by: <meeting>``) under the powers the book
    gives joint meetings.
    """

    REFS: ClassVar[dict[str, str]] = {
        "bodies": "bodies",
        "also": "persons",
        "chair": "person",
    }
    DEFINES: ClassVar[dict[str, str]] = {"meeting": "meeting"}
    act: Literal["convene"]
    """``convene``: call a meeting of one or more bodies, and record how it was called
    and sat."""
    meeting: Ident
    """The meeting's id: acts taken at it name it with ``meeting:``, and a joint meeting
    acts under it (``by:``)."""
    bodies: tuple[Ident, ...] = Field(min_length=1)
    """The bodies convened; more than one makes a joint meeting."""
    also: tuple[Ident, ...] = ()
    """Persons attending who hold no seat on the convened bodies."""
    sits: Date | None = None
    """The day the meeting sits (absent: the day it is called, ``at``)."""
    agenda: tuple[str, ...] = ()
    """The business announced, in words."""
    chair: Ident | None = None
    """The person chairing the meeting."""
    notice: tuple[NoticeGiven, ...] = ()
    """Who was told of the meeting, when and how; a person's latest notice counts."""
    notice_days: int | None = Field(default=None, ge=0)
    """Shorthand: written notice to everyone entitled, this many days before it sits."""
    present: Attendance | None = None
    """Who attended (absent: every seat holder able to sit)."""
    objections: tuple[Ident, ...] = ()
    """Attendees who attended only to object that the meeting was not properly called."""
    arrivals: dict[Ident, Ident] = Field(default_factory=dict)
    """Person to the first act taken at the meeting they were present for."""
    departures: dict[Ident, Ident] = Field(default_factory=dict)
    """Person to the last act taken at the meeting they were present for."""


class WaiveNotice(ActBase):
    """A person entitled to notice of a meeting waives it (conduct: no power needed)."""

    REFS: ClassVar[dict[str, str]] = {"meeting": "meeting"}
    act: Literal["waive_notice"]
    """``waive_notice``: a person entitled to notice of a meeting gives it up."""
    meeting: Ident
    """The meeting (the ``meeting`` of a ``convene`` act) whose notice is waived."""
    written: bool = True
    """Whether the waiver is in writing (signed, or sent by email)."""


class ServeNotice(_AtMeeting):
    REFS: ClassVar[dict[str, str]] = {"case": "case", "target": "person"}
    act: Literal["serve_notice"]
    """``serve_notice``: serve notice of charges in a case on a person."""
    case: Ident
    """The case the charges are brought in."""
    target: Ident
    """The person charged."""
    charges: tuple[str, ...] = ()
    """Each charge, in words; a notice listing none is not specific (see the ``notice``
    rule)."""
    vague: bool = False
    """True when the charges do not say what conduct is alleged."""


class Hear(_AtMeeting):
    """A body hears a person: on charges in a case, or before any decision about them."""

    REFS: ClassVar[dict[str, str]] = {"case": "case", "target": "person"}
    act: Literal["hear"]
    """``hear``: the acting body hears a person, as the ``hearing`` rule asks."""
    case: Ident | None = None
    """The case heard (absent: a hearing before a decision outside any case,
    such as an assembly hearing a member before ratifying a report on them)."""
    target: Ident
    """The person heard."""


class Find(_Voted):
    REFS: ClassVar[dict[str, str]] = {"case": "case", "targets": "selectors"}
    act: Literal["find"]
    """``find``: the acting body's finding in a case on each target; those taking part
    decide the case."""
    case: Ident
    """The case decided."""
    targets: tuple[PersonSelector, ...] = Field(min_length=1)
    """The persons the finding is about: ids, or a class (``{tag: ...}``, ``{seat_on:
    ...}``)."""
    finding: Literal["violation", "no_violation"] = "violation"
    """``violation`` (the default) or ``no_violation``."""


class Sanction(_Voted):
    REFS: ClassVar[dict[str, str]] = {
        "case": "case",
        "targets": "selectors",
        "office": "body",
    }
    act: Literal["sanction"]
    """``sanction``: a disciplinary decision applied to each target."""
    case: Ident | None = None
    """The case it is decided in (absent: none, so rules asking for charges or a hearing
    in the case find none)."""
    targets: tuple[PersonSelector, ...] = Field(min_length=1)
    """The persons sanctioned: ids, or a class (``{tag: ...}``, ``{seat_on: ...}``),
    which the ``individual`` rule forbids."""
    sanction: SanctionKind
    """The sanction: ``warning``, ``censure``, ``remove_from_office``,
    ``bar_from_office``, ``suspend_membership`` or ``expel``."""
    office: Ident | None = None
    """The body concerned by ``remove_from_office`` or ``bar_from_office``."""
    days: int | None = Field(default=None, ge=1)
    """How long a suspension or bar lasts, in days (absent: open-ended)."""


class Implement(_Voted):
    REFS: ClassVar[dict[str, str]] = {"decision": "act:sanction"}
    act: Literal["implement"]
    """``implement``: carry out a decision; a sanction waiting for implementation takes
    effect now."""
    decision: Ident
    """The act that took the decision (a ``sanction``); void if it is not in force."""


class AlterDecision(_Voted):
    """Change an earlier decision outside an appeal.

    Any decision: a sanction (quash, stay, reduce, increase or replace it), an
    interim measure (quash or stay: it ends), a finding (quash: it is set
    aside) or a closure (quash: the case is open again).
    """

    REFS: ClassVar[dict[str, str]] = {
        "decision": "act:sanction|interim_suspend|find|close_case"
    }
    act: Literal["alter_decision"]
    """``alter_decision``: change an earlier decision outside an appeal."""
    decision: Ident
    """The act that took the decision."""
    outcome: Literal["quash", "reduce", "increase", "replace", "stay"]
    """``quash`` or ``stay`` undoes the decision; ``reduce``, ``increase`` or
    ``replace`` turns a sanction into ``sanction``."""
    sanction: SanctionKind | None = None
    """For ``reduce``, ``increase`` and ``replace``: the sanction it becomes (absent: a
    warning)."""


class InterimSuspend(_Voted):
    REFS: ClassVar[dict[str, str]] = {
        "case": "case",
        "targets": "selectors",
        "office": "body",
    }
    act: Literal["interim_suspend"]
    """``interim_suspend``: an interim measure restricting each target before any
    decision on the merits."""
    targets: tuple[PersonSelector, ...] = Field(min_length=1)
    """The persons restricted: ids, or a class (``{tag: ...}``, ``{seat_on: ...}``)."""
    scope: InterimScope = "unspecified"
    """What it restricts: ``meeting``, ``office``, ``leadership_bodies`` or
    ``membership``; ``unspecified`` (the default) restricts membership, the most."""
    basis: InterimBasis = "unspecified"
    """The ground stated: ``danger`` (taken as stated), or ``charges_filed``,
    ``investigation`` or ``finding`` (each checked against the record); default
    ``unspecified``."""
    office: Ident | None = None
    """For ``scope: office``: the body whose seat the targets may not sit in."""
    case: Ident | None = None
    """The case the measure is taken in."""
    review_at: Date | None = None
    """The day a review falls due (absent: none stated)."""
    expires_at: Date | None = None
    """The last day in force; it lapses the day after (absent: open-ended, or the day
    itself for a ``meeting`` measure). Cut at the book's ``max_days``."""
    written_notice: bool = False
    """Whether the targets were told of it in writing (``interim_legitimacy`` asks for
    it)."""


class MeasureAct(_Voted):
    REFS: ClassVar[dict[str, str]] = {"measure": "act:interim_suspend"}
    act: Literal["review_interim", "lift_interim", "renew_interim"]
    """``review_interim``: review a measure (``outcome: lift`` ends it);
    ``lift_interim``: end it; ``renew_interim``: give it a new end."""
    measure: Ident
    """The measure: the id of its ``interim_suspend`` act; void if it is not in force."""
    outcome: Literal["confirm", "lift"] | None = None
    """For a review: ``confirm`` keeps the measure, ``lift`` ends it (absent: kept)."""
    expires_at: Date | None = None
    """For a renewal: the new end."""


class Appeal(ActBase):
    REFS: ClassVar[dict[str, str]] = {"decision": "act:sanction"}
    act: Literal["appeal"]
    """``appeal``: a target of a decision appeals against it."""
    decision: Ident
    """The decision appealed (a ``sanction`` act); void unless the actor is among its
    targets."""
    grounds: str | None = None
    """The grounds of the appeal, in words."""


class DecideAppeal(_Voted):
    REFS: ClassVar[dict[str, str]] = {"appeal": "act:appeal"}
    act: Literal["decide_appeal"]
    """``decide_appeal``: a body decides an appeal."""
    appeal: Ident
    """The ``appeal`` act decided."""
    outcome: Literal["confirm", "reduce", "quash"]
    """``confirm`` leaves the decision as it is; ``quash`` undoes it; ``reduce`` makes
    it ``sanction``."""
    sanction: SanctionKind | None = None
    """For ``reduce``: the sanction it becomes (absent: a warning)."""


class CloseCase(_Voted):
    REFS: ClassVar[dict[str, str]] = {"case": "case"}
    act: Literal["close_case"]
    """``close_case``: close a case; its record stays, and interim measures in it on its
    respondents end."""
    case: Ident
    """The case closed; void if it is already closed."""
    reason: Literal[
        "decided", "withdrawn", "no_case", "respondent_resigned", "moot"
    ] = "decided"
    """Why: ``decided`` (the default), ``withdrawn``, ``no_case``,
    ``respondent_resigned`` or ``moot``."""


class ResignOffice(ActBase):
    REFS: ClassVar[dict[str, str]] = {"body": "body"}
    act: Literal["resign_office"]
    """``resign_office``: the actor gives up their seat on a body."""
    body: Ident
    """The body whose seat is given up; void if the actor holds none there."""


class PersonalAct(ActBase):
    act: Literal["resign_membership", "take_leave"]
    """``resign_membership``: leave the organisation, vacating every seat;
    ``take_leave``: go on leave, keeping seats but not sitting in them."""
    until: Date | None = None
    """For ``take_leave``: when the leave is meant to end; recorded only (the member
    stays on leave until a later act)."""


class Seating(_Voted):
    REFS: ClassVar[dict[str, str]] = {"body": "body", "persons": "persons"}
    act: Literal["elect", "appoint"]
    """``elect`` or ``appoint``: seat persons on a body from the act's day."""
    body: Ident
    """The body they are seated on; void if it does not sit."""
    persons: tuple[Ident, ...] = Field(min_length=1)
    """The persons seated."""
    until: Date | None = None
    """The first day they no longer hold the seat (absent: open-ended)."""


class Recall(_Voted):
    REFS: ClassVar[dict[str, str]] = {"body": "body", "target": "person"}
    act: Literal["recall", "request_resignation"]
    """``recall``: vacate a person's seat on a body; ``request_resignation``: ask them
    to resign it (no effect)."""
    body: Ident
    """The body whose seat is concerned."""
    target: Ident
    """The seat holder recalled or asked to resign."""


class Admit(_Voted):
    REFS: ClassVar[dict[str, str]] = {"target": "person"}
    act: Literal["admit"]
    """``admit``: make a person a member."""
    target: Ident
    """The person admitted."""


class Mandate(_Voted):
    REFS: ClassVar[dict[str, str]] = {"obligee": "body"}
    DEFINES: ClassVar[dict[str, str]] = {"mandate": "mandate"}
    act: Literal["mandate"]
    """``mandate``: a body gives another body a task with a due date."""
    mandate: Ident
    """The obligation's id, which ``fulfil``, ``extend``, ``transfer`` and ``abandon``
    name; void if it is taken."""
    obligee: Ident
    """The body that must do the task."""
    task: str
    """What must be done, in words."""
    due: Date
    """The last day to do it; missed, the mandate is violated the day after."""
    report_within: int | None = Field(default=None, ge=0)
    """Days the obligee has to report to the mandating body if it misses the
    due date (default 30)."""


class MandateAct(_Voted):
    """What can become of an obligation: fulfilled, extended, transferred, abandoned."""

    REFS: ClassVar[dict[str, str]] = {"mandate": "mandate", "to": "body"}
    act: Literal["fulfil", "extend", "transfer", "abandon"]
    """What becomes of a mandate: ``fulfil``, ``extend`` (a new ``due``), ``transfer``
    (to ``to``) or ``abandon``."""
    mandate: Ident
    """The mandate, by the id its ``mandate`` act gave it."""
    due: Date | None = None
    """For ``extend``: the new due date."""
    to: Ident | None = None
    """For ``transfer``: the body that takes the obligation over."""
    reason: str | None = None
    """Why, in words."""


class Report(ActBase):
    """An account given to a body: a missed duty, or an emergency act for ratification."""

    REFS: ClassVar[dict[str, str]] = {"to": "body", "about": "act_or_mandate"}
    act: Literal["report"]
    """``report``: an account given to a body, of a missed duty or of an emergency act
    for ratification."""
    to: Ident
    """The body reported to."""
    about: Ident
    """The act or mandate reported on."""
    text: str | None = None
    """What the report says, in words."""


class Ratify(_Voted):
    """A competent body confirms or reverses an earlier act (typically an emergency one)."""

    REFS: ClassVar[dict[str, str]] = {"subject": "act:*"}
    act: Literal["ratify"]
    """``ratify``: a body confirms or reverses an earlier act (typically an emergency
    one)."""
    subject: Ident
    """The act ratified or reversed; void if it already was."""
    outcome: Literal["ratify", "reverse"] = "ratify"
    """``ratify`` (the default) records the act as ratified; ``reverse`` ends its
    measure or undoes its sanction."""


class Propose(ActBase):
    DEFINES: ClassVar[dict[str, str]] = {"proposal": "proposal"}
    act: Literal["propose"]
    """``propose``: table a proposal to the membership."""
    proposal: Ident
    """The proposal's id, which ``withdraw`` and ``vote`` name; void if it is taken."""
    text: str | None = None
    """The proposal's text."""
    supporters: int = Field(default=0, ge=0)
    """How many members support it when it is tabled (what the ``supporters`` rule
    counts)."""


class Turnout(Strict):
    """Who cast the votes in a mass vote, by standing on the record date."""

    members: int = Field(default=0, ge=0)
    """Votes cast by members."""
    former_members: int = Field(default=0, ge=0)
    """Persons who had resigned or left before the vote."""
    non_members: int = Field(default=0, ge=0)
    """Anyone else (participants of disaffiliated branches, outsiders)."""

    @property
    def total(self) -> int:
        """Every vote cast."""
        return self.members + self.former_members + self.non_members


class ProposalAct(_Voted):
    REFS: ClassVar[dict[str, str]] = {"proposal": "proposal"}
    act: Literal["withdraw", "vote"]
    """``withdraw``: the proposer withdraws an open proposal; ``vote``: the vote on it,
    which adopts it if carried."""
    proposal: Ident
    """The proposal, by the id its ``propose`` act gave it."""
    turnout: Turnout | None = None
    """Who voted, by standing on the record date (a mass vote)."""
    called_at: Date | None = None
    """When the vote was called (its notice runs from then)."""


class FormCaucus(ActBase):
    REFS: ClassVar[dict[str, str]] = {"members": "persons"}
    DEFINES: ClassVar[dict[str, str]] = {"caucus": "body"}
    act: Literal["form_caucus"]
    """``form_caucus``: members form a caucus, a body of kind ``caucus`` with the actor
    seated."""
    caucus: Ident
    """The caucus's id; void if it is taken."""
    members: tuple[Ident, ...] = ()
    """The other members seated on it with the actor."""
    name: str | None = None
    """The caucus's name, for readers."""


class DissolveBody(_Voted):
    REFS: ClassVar[dict[str, str]] = {"body": "body", "successor": "body"}
    act: Literal["dissolve_body"]
    """``dissolve_body``: a body stops sitting; its open cases and obligations pass to
    ``successor``."""
    body: Ident
    """The body dissolved; void if it does not sit."""
    successor: Ident | None = None
    """The body that takes over its open cases and obligations (absent: no one)."""


class BodyAct(_Voted):
    REFS: ClassVar[dict[str, str]] = {"successor": "body"}
    act: Literal["disaffiliate", "dissolve_organisation"]
    """``disaffiliate``: a branch (the actor) leaves, and its members become
    non-members; ``dissolve_organisation``: the organisation is dissolved."""
    successor: Ident | None = None
    """Who takes over open cases and obligations (dissolution plans)."""
    turnout: Turnout | None = None
    """Who voted, by standing on the record date (a mass vote)."""
    called_at: Date | None = None
    """When the vote was called (its notice runs from then)."""


class PublishStatement(_Voted):
    REFS: ClassVar[dict[str, str]] = {"case": "case"}
    act: Literal["publish_statement"]
    """``publish_statement``: a body publishes a statement; for a case, its record
    reaches the audience."""
    audience: Literal["body", "members", "public"] = "members"
    """Who it reaches: the acting ``body``, the ``members`` (the default) or the
    ``public``."""
    case: Ident | None = None
    """The case it is about, if any."""
    text: str | None = None
    """The statement, in words."""


class AmendRules(_Voted):
    """A body changes the rule book: clauses added, replaced or repealed.

    Judged like any act (a power to amend, the book's requirements and
    decision rules) and, for each clause it replaces or repeals that is
    ``entrenched``, by what that clause asks. Valid or irregular, the changes
    hold from ``in_force``: later acts are judged under the amended book.
    Void, nothing changes. A ``first`` reading changes nothing either: the
    adopting act names it (``first_reading``) where two readings are asked.
    """

    REFS: ClassVar[dict[str, str]] = {
        "first_reading": "act:amend_rules",
        "proposal": "proposal",
    }
    act: Literal["amend_rules"]
    """``amend_rules``: a body changes the rule book from a day on."""
    add: tuple[Clause, ...] = ()
    """New clauses; each id must not be in force already."""
    replace: tuple[Clause, ...] = ()
    """New wording of clauses in force, by id."""
    repeal: tuple[ClauseId, ...] = ()
    """Ids of clauses in force that are repealed."""
    in_force: Date | None = None
    """The first day the changes apply (absent: the act's day); not before it."""
    applies_to: Transition = "pending_cases"
    """Its transitional provision: ``new_cases`` (cases opened before it stay
    under the rules as they stood), ``pending_cases`` (the default: cases open
    on its in-force day too) or ``all`` (closed cases too)."""
    reading: Literal["first", "final"] = "final"
    """``first``: a first reading, which changes nothing; ``final`` (the
    default): the reading that adopts the changes."""
    first_reading: Ident | None = None
    """For a final reading: the ``amend_rules`` act that gave this text its
    first reading."""
    proposal: Ident | None = None
    """The proposal that gave notice of the text, if any: the ``proposal`` id
    of a ``propose`` act, whose day notice counts from."""
    text_from: str | None = None
    """A rule book document holding the new text, by path relative to the
    scenario file, instead of ``add``, ``replace`` and ``repeal``: each of its
    ``clauses`` replaces the clause of that id in force, or is added when none
    is; its ``remove`` list is repealed. Read when the scenario is loaded."""

    def touched(self) -> tuple[str, ...]:
        """Every clause id the amendment adds, replaces or repeals, in that order."""
        return tuple(
            dict.fromkeys(
                [c.id for c in self.add]
                + [c.id for c in self.replace]
                + list(self.repeal)
            )
        )


InterferenceAsk = Literal["drop", "delay", "fast_track", "instruct", "pressure"]


class Interfere(ActBase):
    """Someone steps into a case: presses, instructs, or asks to drop or hurry it.

    Whoever does it outside the body handling the case breaks
    ``independent_handling``; a book may forbid it (``forbidden``).
    """

    REFS: ClassVar[dict[str, str]] = {"case": "case"}
    act: Literal["interfere"]
    """``interfere``: someone steps into a case; recorded for ``independent_handling``,
    nothing else changes."""
    case: Ident
    """The case stepped into."""
    asks: InterferenceAsk = "pressure"
    """What is asked of those handling the case: ``drop`` it, ``delay`` it,
    ``fast_track`` it, ``instruct`` them how to handle it, or other ``pressure``."""
    means: str | None = None
    """How, in words (a phone call, a message to the committee)."""


Act = Annotated[
    FileComplaint
    | Disclose
    | DeclareConflict
    | AssignInvestigator
    | CreateBody
    | Convene
    | WaiveNotice
    | ServeNotice
    | Hear
    | Find
    | Sanction
    | Implement
    | AlterDecision
    | InterimSuspend
    | MeasureAct
    | Appeal
    | DecideAppeal
    | CloseCase
    | Report
    | Ratify
    | ResignOffice
    | PersonalAct
    | Seating
    | Recall
    | Admit
    | Mandate
    | MandateAct
    | Propose
    | ProposalAct
    | FormCaucus
    | DissolveBody
    | BodyAct
    | PublishStatement
    | Interfere
    | AmendRules,
    Field(discriminator="act"),
]

ACT_MODELS: dict[str, type[ActBase]] = {
    kind: model
    for model in get_args(get_args(Act)[0])  # Act: Annotated[a union, Field]
    for kind in get_args(model.model_fields["act"].annotation)
}
"""Act kind to its model: what the ``act`` discriminator of :data:`Act` picks.

Validating with the model itself gives what validating with a ``TypeAdapter``
of the union gives, without building the union's validator (a tenth of a
second)."""
ACT_KINDS: tuple[str, ...] = tuple(sorted(ACT_MODELS))
"""Every act kind a scenario may use."""
