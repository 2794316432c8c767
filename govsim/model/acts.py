"""The act vocabulary as it is written in scenario files.

Each act kind is a small model tagged by ``act:``. Its ``REFS`` say which of
its fields name persons, bodies, cases or earlier acts, so references can be
checked with positions before anything runs; its ``DEFINES`` say which new ids
it introduces (a case, a body, a mandate). What an act *does* lives in the
engine (``govsim.engine.acts``), one registered handler per kind.
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from govsim.model.common import Date, Ident, SanctionKind, Strict
from govsim.model.organisation import BodyKind
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
    "Act",
    "ActBase",
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
    by: Ident
    """The person or body performing the act."""
    note: str | None = None
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
    case: Ident
    against: tuple[Ident, ...] = Field(min_length=1)
    subjects: tuple[Ident, ...] = ()
    """Bodies whose conduct is under review in the case."""
    conduct_at: Date | None = None
    allegation: str | None = None
    basis: ComplaintBasis = "conduct"
    """``speech``, ``caucusing`` or ``dissent`` when the charge is protected activity."""


class Disclose(ActBase):
    """Information passed on: a document about a case, or a concern raised.

    Both are conduct (no power needed). ``raise_concern`` marks the speaker as a
    dissenter, protected by ``non_retaliation``.
    """

    REFS: ClassVar[dict[str, str]] = {"case": "case", "to": "audience"}
    act: Literal["disclose", "raise_concern"]
    to: tuple[Audience, ...] = Field(min_length=1)
    case: Ident | None = None
    document: str | None = None
    consent: bool = False
    """Whether the person the information is about agreed to its disclosure."""


class DeclareConflict(ActBase):
    REFS: ClassVar[dict[str, str]] = {"case": "case"}
    act: Literal["declare_conflict", "recuse"]
    case: Ident
    reason: str | None = None


class AssignInvestigator(_Voted):
    """A case is given to a person or a body to investigate."""

    REFS: ClassVar[dict[str, str]] = {
        "case": "case",
        "investigator": "actor",
        "members": "persons",
    }
    act: Literal["assign_investigator"]
    case: Ident
    investigator: Ident
    members: tuple[Ident, ...] = ()
    """For a body: the members of it who conduct the investigation, each
    holding a seat on it that day (else the assignment is void). Its other
    members investigate only by taking its investigative steps (serving
    notice of charges before the case's first finding)."""


class Delegation(Strict):
    """Powers handed to a body created by an act; a subset of the creator's."""

    acts: tuple[str, ...] = Field(min_length=1)
    over: TargetSelector | None = None
    when: Conditions | None = None


class CreateBody(_Voted):
    REFS: ClassVar[dict[str, str]] = {"members": "persons", "case": "case"}
    DEFINES: ClassVar[dict[str, str]] = {"body": "body"}
    act: Literal["create_body"]
    body: Ident
    kind: BodyKind = "ad_hoc"
    name: str | None = None
    members: tuple[Ident, ...] = ()
    powers: tuple[Delegation, ...] = ()
    until: Date | None = None
    case: Ident | None = None


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
    meeting: Ident
    bodies: tuple[Ident, ...] = Field(min_length=1)
    also: tuple[Ident, ...] = ()
    """Persons attending who hold no seat on the convened bodies."""
    sits: Date | None = None
    """The day the meeting sits (absent: the day it is called, ``at``)."""
    agenda: tuple[str, ...] = ()
    chair: Ident | None = None
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
    meeting: Ident
    written: bool = True
    """Whether the waiver is in writing (signed, or sent by email)."""


class ServeNotice(_AtMeeting):
    REFS: ClassVar[dict[str, str]] = {"case": "case", "target": "person"}
    act: Literal["serve_notice"]
    case: Ident
    target: Ident
    charges: tuple[str, ...] = ()
    vague: bool = False
    """True when the charges do not say what conduct is alleged."""


class Hear(_AtMeeting):
    """A body hears a person: on charges in a case, or before any decision about them."""

    REFS: ClassVar[dict[str, str]] = {"case": "case", "target": "person"}
    act: Literal["hear"]
    case: Ident | None = None
    """The case heard (absent: a hearing before a decision outside any case,
    such as an assembly hearing a member before ratifying a report on them)."""
    target: Ident


class Find(_Voted):
    REFS: ClassVar[dict[str, str]] = {"case": "case", "targets": "selectors"}
    act: Literal["find"]
    case: Ident
    targets: tuple[PersonSelector, ...] = Field(min_length=1)
    finding: Literal["violation", "no_violation"] = "violation"


class Sanction(_Voted):
    REFS: ClassVar[dict[str, str]] = {
        "case": "case",
        "targets": "selectors",
        "office": "body",
    }
    act: Literal["sanction"]
    case: Ident | None = None
    targets: tuple[PersonSelector, ...] = Field(min_length=1)
    sanction: SanctionKind
    office: Ident | None = None
    """The body concerned by ``remove_from_office`` or ``bar_from_office``."""
    days: int | None = Field(default=None, ge=1)


class Implement(_Voted):
    REFS: ClassVar[dict[str, str]] = {"decision": "act:sanction"}
    act: Literal["implement"]
    decision: Ident


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
    decision: Ident
    """The act that took the decision."""
    outcome: Literal["quash", "reduce", "increase", "replace", "stay"]
    sanction: SanctionKind | None = None


class InterimSuspend(_Voted):
    REFS: ClassVar[dict[str, str]] = {
        "case": "case",
        "targets": "selectors",
        "office": "body",
    }
    act: Literal["interim_suspend"]
    targets: tuple[PersonSelector, ...] = Field(min_length=1)
    scope: InterimScope = "unspecified"
    basis: InterimBasis = "unspecified"
    office: Ident | None = None
    case: Ident | None = None
    review_at: Date | None = None
    expires_at: Date | None = None
    written_notice: bool = False


class MeasureAct(_Voted):
    REFS: ClassVar[dict[str, str]] = {"measure": "act:interim_suspend"}
    act: Literal["review_interim", "lift_interim", "renew_interim"]
    measure: Ident
    outcome: Literal["confirm", "lift"] | None = None
    expires_at: Date | None = None
    """For a renewal: the new end."""


class Appeal(ActBase):
    REFS: ClassVar[dict[str, str]] = {"decision": "act:sanction"}
    act: Literal["appeal"]
    decision: Ident
    grounds: str | None = None


class DecideAppeal(_Voted):
    REFS: ClassVar[dict[str, str]] = {"appeal": "act:appeal"}
    act: Literal["decide_appeal"]
    appeal: Ident
    outcome: Literal["confirm", "reduce", "quash"]
    sanction: SanctionKind | None = None


class CloseCase(_Voted):
    REFS: ClassVar[dict[str, str]] = {"case": "case"}
    act: Literal["close_case"]
    case: Ident
    reason: Literal[
        "decided", "withdrawn", "no_case", "respondent_resigned", "moot"
    ] = "decided"


class ResignOffice(ActBase):
    REFS: ClassVar[dict[str, str]] = {"body": "body"}
    act: Literal["resign_office"]
    body: Ident


class PersonalAct(ActBase):
    act: Literal["resign_membership", "take_leave"]
    until: Date | None = None


class Seating(_Voted):
    REFS: ClassVar[dict[str, str]] = {"body": "body", "persons": "persons"}
    act: Literal["elect", "appoint"]
    body: Ident
    persons: tuple[Ident, ...] = Field(min_length=1)
    until: Date | None = None


class Recall(_Voted):
    REFS: ClassVar[dict[str, str]] = {"body": "body", "target": "person"}
    act: Literal["recall", "request_resignation"]
    body: Ident
    target: Ident


class Admit(_Voted):
    REFS: ClassVar[dict[str, str]] = {"target": "person"}
    act: Literal["admit"]
    target: Ident


class Mandate(_Voted):
    REFS: ClassVar[dict[str, str]] = {"obligee": "body"}
    DEFINES: ClassVar[dict[str, str]] = {"mandate": "mandate"}
    act: Literal["mandate"]
    mandate: Ident
    obligee: Ident
    task: str
    due: Date
    report_within: int | None = Field(default=None, ge=0)
    """Days the obligee has to report to the mandating body if it misses the
    due date (default 30)."""


class MandateAct(_Voted):
    """What can become of an obligation: fulfilled, extended, transferred, abandoned."""

    REFS: ClassVar[dict[str, str]] = {"mandate": "mandate", "to": "body"}
    act: Literal["fulfil", "extend", "transfer", "abandon"]
    mandate: Ident
    due: Date | None = None
    """For ``extend``: the new due date."""
    to: Ident | None = None
    """For ``transfer``: the body that takes the obligation over."""
    reason: str | None = None


class Report(ActBase):
    """An account given to a body: a missed duty, or an emergency act for ratification."""

    REFS: ClassVar[dict[str, str]] = {"to": "body", "about": "act_or_mandate"}
    act: Literal["report"]
    to: Ident
    about: Ident
    """The act or mandate reported on."""
    text: str | None = None


class Ratify(_Voted):
    """A competent body confirms or reverses an earlier act (typically an emergency one)."""

    REFS: ClassVar[dict[str, str]] = {"subject": "act:*"}
    act: Literal["ratify"]
    subject: Ident
    outcome: Literal["ratify", "reverse"] = "ratify"


class Propose(ActBase):
    DEFINES: ClassVar[dict[str, str]] = {"proposal": "proposal"}
    act: Literal["propose"]
    proposal: Ident
    text: str | None = None
    supporters: int = Field(default=0, ge=0)


class Turnout(Strict):
    """Who cast the votes in a mass vote, by standing on the record date."""

    members: int = Field(default=0, ge=0)
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
    proposal: Ident
    turnout: Turnout | None = None
    called_at: Date | None = None
    """When the vote was called (its notice runs from then)."""


class FormCaucus(ActBase):
    REFS: ClassVar[dict[str, str]] = {"members": "persons"}
    DEFINES: ClassVar[dict[str, str]] = {"caucus": "body"}
    act: Literal["form_caucus"]
    caucus: Ident
    members: tuple[Ident, ...] = ()
    name: str | None = None


class DissolveBody(_Voted):
    REFS: ClassVar[dict[str, str]] = {"body": "body", "successor": "body"}
    act: Literal["dissolve_body"]
    body: Ident
    successor: Ident | None = None


class BodyAct(_Voted):
    REFS: ClassVar[dict[str, str]] = {"successor": "body"}
    act: Literal["disaffiliate", "dissolve_organisation"]
    successor: Ident | None = None
    """Who takes over open cases and obligations (dissolution plans)."""
    turnout: Turnout | None = None
    called_at: Date | None = None
    """When the vote was called (its notice runs from then)."""


class PublishStatement(_Voted):
    REFS: ClassVar[dict[str, str]] = {"case": "case"}
    act: Literal["publish_statement"]
    audience: Literal["body", "members", "public"] = "members"
    case: Ident | None = None
    text: str | None = None


InterferenceAsk = Literal["drop", "delay", "fast_track", "instruct", "pressure"]


class Interfere(ActBase):
    """Someone steps into a case: presses, instructs, or asks to drop or hurry it.

    Whoever does it outside the body handling the case breaks
    ``independent_handling``; a book may forbid it (``forbidden``).
    """

    REFS: ClassVar[dict[str, str]] = {"case": "case"}
    act: Literal["interfere"]
    case: Ident
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
    | Interfere,
    Field(discriminator="act"),
]

ACT_KINDS: tuple[str, ...] = tuple(
    sorted(
        name
        for model in Act.__origin__.__args__  # type: ignore[attr-defined]
        for name in model.model_fields["act"].annotation.__args__
    )
)
"""Every act kind a scenario may use."""
