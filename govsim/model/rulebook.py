"""The rule book document: numbered clauses that give powers and set rules.

A clause may grant powers, deny them (a Hohfeldian disability), impose
procedural requirements, fix decision rules, and state accountability links.
``extends`` lets a variant state only what it changes; ``amendments`` carry
in-force dates so an act is judged by the clauses in force on its date.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from govsim.model.common import (
    ClauseId,
    Date,
    Enforcement,
    Ident,
    Issue,
    SanctionKind,
    SchemaVersion,
    Strict,
)
from govsim.model.requirements import Requirement
from govsim.model.selectors import ActorSelector, Conditions, TargetSelector

__all__ = [
    "Amendment",
    "Clause",
    "ConflictRule",
    "DecisionBase",
    "DecisionRule",
    "Entrenchment",
    "FewMembers",
    "Link",
    "Power",
    "RuleBook",
    "RuleException",
    "Transition",
    "parse_fraction",
]

_FRACTION = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


def parse_fraction(text: str) -> Fraction:
    """Read ``majority``, ``unanimous``, ``2/3`` or ``0.6`` as a fraction."""
    words = {"majority": Fraction(1, 2), "unanimous": Fraction(1), "all": Fraction(1)}
    if text in words:
        return words[text]
    match = _FRACTION.match(text)
    if match and int(match[2]) == 0:
        raise ValueError(f"'{text}' divides by zero")
    try:
        value = (
            Fraction(int(match[1]), int(match[2]))
            if match
            else Fraction(text).limit_denominator(1000)
        )
    except ValueError:  # Fraction's own message names Python, not the document
        raise ValueError(
            f"'{text}' is not a share: write majority, unanimous, a fraction such"
            " as 2/3 or a decimal such as 0.6"
        ) from None
    if not 0 < value <= 1:
        raise ValueError(f"'{text}' is not a fraction between 0 and 1")
    return value


class Power(Strict):
    """Who may perform which acts, over what, and under which conditions."""

    by: ActorSelector
    """Who holds the power: a body id, ``{kind: [...]}`` (any body of those kinds),
    ``{person: member|anyone|party|seat_holder}`` or ``{joint_of: [...]}`` (a joint
    meeting of those bodies)."""
    acts: tuple[str, ...] = Field(min_length=1)
    """The act kinds the power covers."""
    over: TargetSelector | None = None
    """The targets it runs over (absent: any)."""
    when: Conditions | None = None
    """Conditions on the act under which it holds: sanctions, scopes, grounds, length
    (absent: always)."""
    standing: Literal["written", "implied"] = "written"
    """``implied``: a power exercised in practice but written nowhere; acts
    under it take effect and are recorded as irregular (competence unclear)."""
    takes_effect: Literal["immediately", "on_implementation"] = "immediately"
    """For decisions: whether the change happens now or when implemented."""
    delegable: bool = False
    """Whether the holder may delegate it to a body it creates."""


DecisionBase = Literal[
    "votes_cast", "present", "present_entitled", "seats", "seats_filled"
]
"""What a threshold is a share of (see :class:`DecisionRule`)."""


def _check_quorum(value: int | str | None) -> int | str | None:
    if isinstance(value, str):
        parse_fraction(value)
    elif isinstance(value, int) and value < 1:
        raise ValueError("a quorum counts at least 1 person")
    return value


def _check_threshold(value: str) -> str:
    parse_fraction(value)
    return value


Quorum = Annotated[int | str | None, AfterValidator(_check_quorum)]
"""A head count (``3``) or a share (``1/2``, ``majority``)."""
Threshold = Annotated[str, AfterValidator(_check_threshold)]
"""``majority`` (more than half), ``unanimous``, or a fraction such as ``2/3``."""


class FewMembers(Strict):
    """When a decision rule's exception applies: the body is down to a few.

    ``able_at_most``: members able to act on it — seats filled, less those
    suspended, barred, recused or conflicted in the case (those merely away
    are able). ``filled_at_most``: seats filled, whoever may act.
    """

    able_at_most: int | None = Field(default=None, ge=0)
    """Applies when at most this many members can act on the matter."""
    filled_at_most: int | None = Field(default=None, ge=0)
    """Applies when at most this many seats are filled."""

    @model_validator(mode="after")
    def _one_condition(self) -> FewMembers:
        if self.able_at_most is None and self.filled_at_most is None:
            raise ValueError("say when: 'able_at_most' or 'filled_at_most'")
        return self


class RuleException(Strict):
    """Another quorum or threshold when recusals or vacancies leave few members.

    For example: "a majority of the committee, or 2 when recusals or vacancies
    leave 4 or fewer able to act" is ``quorum: majority`` with the exception
    ``{when: {able_at_most: 4}, quorum: 2}``.
    """

    when: FewMembers
    """When the exception applies."""
    quorum: Quorum = None
    """The quorum then (absent: the rule's)."""
    threshold: Threshold | None = None
    """The threshold then (absent: the rule's)."""
    base: DecisionBase | None = None
    """The threshold's base then (absent: the rule's)."""
    min_for: int | None = Field(default=None, ge=1)
    """The minimum number for then (absent: the rule's)."""


class DecisionRule(Strict):
    """How a body's vote on some acts is counted.

    Bases of the threshold, as the common manuals count them:
    ``votes_cast`` (for and against; abstentions are not votes cast),
    ``present`` (members present able to sit; abstaining and silence count
    against), ``present_entitled`` (members present and entitled to vote on
    it: the conflicted are left out unless ``count_conflicted``), ``seats``
    (the body's full size, vacancies included: its ``size``, else the seats
    filled), ``seats_filled`` (the members holding a seat that day).
    """

    acts: tuple[str, ...] = Field(min_length=1)
    """The act kinds whose votes it counts."""
    sanctions: tuple[SanctionKind, ...] = ()
    """Only votes on these sanctions (absent: any)."""
    by: ActorSelector | None = None
    """Only when this actor decides (absent: any)."""
    quorum: Quorum = None
    """A head count (``3``) or a share (``1/2``, ``majority``) of ``quorum_of``,
    counting members present and entitled to vote, the conflicted left out."""
    quorum_of: Literal["seats", "seats_filled"] = "seats"
    """What a quorum given as a share is a share of."""
    threshold: Threshold = "majority"
    """``majority`` (more than half), ``unanimous``, or a fraction such as ``2/3``."""
    base: DecisionBase = "votes_cast"
    """What the threshold is a share of: ``votes_cast`` (the default), ``present``,
    ``present_entitled``, ``seats`` or ``seats_filled``."""
    min_for: int | None = Field(default=None, ge=1)
    """At least this many votes for, whatever the share (a minimum number)."""
    count_conflicted: bool = False
    """Whether members with a conflict who did not recuse count towards the
    quorum and ``present_entitled``, and whether their named votes count."""
    exceptions: tuple[RuleException, ...] = ()
    """Other quorums or thresholds for a body down to a few members; the first
    whose ``when`` holds applies."""


class ConflictRule(Strict):
    """A conflict of interest the book creates: sharing an office with a party.

    Sitting on the executive with the respondent is no conflict in itself;
    a book that wants colleagues in an office to stand aside says so here.
    Whoever sits, or sat within the period, on one of the bodies at the same
    time as a party to a case is conflicted in that case (conflict source
    ``shared_seat``).
    """

    shared_seat_on: tuple[Ident, ...] = Field(min_length=1)
    """The bodies (by id) whose members are conflicted in a case when a party
    sits with them; a membership body cannot be named, since every member
    would be conflicted."""
    within_days: int = Field(default=0, ge=0)
    """How far back a shared seat counts: 0, sitting together on the day of
    the decision; N, having sat together at any time within the N days
    before the decision, the decision day included."""


class Link(Strict):
    """An accountability link between two bodies (or the membership and a body).

    ``elects``, ``appoints``, ``recalls`` and ``audits`` also grant the matching
    power; ``hears_appeals_from`` grants ``decide_appeal`` over that body's
    decisions; ``reports_to`` and ``ratifies`` are recorded for analysis.
    """

    relation: Literal[
        "elects",
        "appoints",
        "recalls",
        "audits",
        "hears_appeals_from",
        "reports_to",
        "ratifies",
    ]
    """The link: ``elects``, ``appoints``, ``recalls``, ``audits`` (each also grants the
    power), ``hears_appeals_from`` (grants ``decide_appeal`` over that body's
    decisions), ``reports_to`` or ``ratifies`` (recorded for analysis)."""
    by: Ident
    """The body (or the membership) holding the link."""
    of: Ident
    """The body it is held over."""


class Entrenchment(Strict):
    """What it takes to change a clause, beyond what the book's power to amend asks.

    An entrenched clause is changed (replaced or repealed) only by an
    ``amend_rules`` act that meets every condition here; one that does not is
    void, whatever the power it was taken under. ``entrenched: true`` on a
    clause marks it with no condition of its own: powers to amend limited to
    clauses ``entrenched: false`` do not reach it.
    """

    by: tuple[ActorSelector, ...] = ()
    """Only these may change it (a reserved clause): the membership, the
    convention (absent: whoever holds a power to amend that reaches it)."""
    threshold: Threshold | None = None
    """The share of votes a change needs, counted besides the book's decision
    rule (absent: the book's decision rule alone, or a majority when only
    ``quorum`` is given here)."""
    base: DecisionBase = "votes_cast"
    """What ``threshold`` is a share of."""
    quorum: Quorum = None
    """The quorum for a change (absent: the book's decision rule)."""
    readings: int = Field(default=1, ge=1, le=3)
    """How many readings a change needs: with 2, a first reading by the same
    body, of the same text, precedes the act that adopts it."""
    days_between: int = Field(default=0, ge=0)
    """Days at least between one reading and the next (with two readings: from
    the first reading to the adoption)."""
    notice_days: int | None = Field(default=None, ge=0)
    """Days at least from notice of the proposed text to the adoption. Notice
    counts, as for the ``text_notice`` rule, from the earliest of: the
    proposal the amendment names, its first reading, or the call of the
    adopting meeting when its agenda names the amending act or that proposal."""


class Clause(Strict):
    """One numbered clause of a rule book, with its text and what it provides."""

    id: ClauseId
    """The clause number, unique in the book, e.g. ``4.2``; every reason and violation
    cites it."""
    title: str | None = None
    """A short heading, for readers."""
    text: str
    """The clause's words, quoted in every reason that cites it."""
    source: str | None = None
    """Where the clause comes from (an article; the examples cite docs/sources.md keys)."""
    enforcement: Enforcement | None = None
    """Overrides the book's enforcement for this clause's requirements."""
    powers: tuple[Power, ...] = ()
    """Powers the clause grants."""
    disabilities: tuple[Power, ...] = ()
    """Powers this clause denies; a denial outranks any grant."""
    requires: tuple[Requirement, ...] = ()
    """Procedural requirements it places on acts, each chosen by its ``rule``."""
    decides: tuple[DecisionRule, ...] = ()
    """Decision rules: the quorum and threshold of votes on some acts."""
    conflicts: tuple[ConflictRule, ...] = ()
    """Conflicts of interest this clause creates beyond those the engine
    derives by itself (a party, a relation, a prior role, ...)."""
    accountability: tuple[Link, ...] = ()
    """Accountability links between bodies."""
    entrenched: bool | Entrenchment = False
    """Whether only a stricter procedure may change this clause: ``true``, or
    what that procedure asks (who, what threshold, how many readings)."""


Transition = Literal["new_cases", "pending_cases", "all"]
"""Which cases an amendment reaches: only those opened from its in-force day
(``new_cases``), also those open on that day (``pending_cases``, the default),
or every case, closed ones too (``all``)."""


class Amendment(Strict):
    """Clauses added, replaced (same id) or repealed from a date on."""

    id: Ident
    """The amendment's id."""
    in_force: Date
    """The first day its changes apply: an act is judged by the clauses in force on its
    date."""
    source: str | None = None
    """Where the amendment comes from (a convention's resolution)."""
    clauses: tuple[Clause, ...] = ()
    """Clauses added from that day, or replacing those with the same id."""
    repeal: tuple[ClauseId, ...] = ()
    """Ids of clauses repealed from that day."""
    applies_to: Transition = "pending_cases"
    """Its transitional provision: ``new_cases`` (cases opened before it stay
    under the rules as they stood), ``pending_cases`` (the default: cases open
    on its in-force day too, not closed ones) or ``all``."""


class RuleBook(Strict):
    """A rule book: bylaws as data."""

    schema_version: SchemaVersion
    """The format's version: always ``1``."""
    rulebook: Ident
    """The book's id, by which scenarios, models and other books (``extends``) name it."""
    title: str | None = None
    """The book's title, for readers."""
    description: str | None = None
    """What the book is, in a few sentences."""
    organisation: Ident | None = None
    """The organisation this book was written for, if any."""
    extends: str | None = None
    """Another book, by id (looked up beside this file) or by relative path."""
    enforcement: Enforcement = "audited"
    """Default enforcement of requirements: ``audited`` (irregular) or
    ``regimented`` (void)."""
    clauses: tuple[Clause, ...] = ()
    """The numbered clauses (for a variant: added, or replacing those of the same id)."""
    remove: tuple[ClauseId, ...] = ()
    """Clauses of the extended book that this variant drops."""
    amendments: tuple[Amendment, ...] = ()
    """Changes with the day they came into force, in date order."""

    def issues(self) -> list[Issue]:
        """Return duplicate clause ids and misuse of ``remove``."""
        found: list[Issue] = []
        seen: dict[str, int] = {}
        for i, clause in enumerate(self.clauses):
            if clause.id in seen:
                found.append(
                    (
                        ("clauses", i, "id"),
                        f"clause '{clause.id}' is already defined "
                        f"(clauses.{seen[clause.id]})",
                    )
                )
            seen.setdefault(clause.id, i)
        if self.remove and self.extends is None:
            found.append((("remove",), "'remove' only makes sense with 'extends'"))
        dates = [a.in_force for a in self.amendments]
        if dates != sorted(dates):
            found.append(
                (("amendments",), "list amendments in the order they came into force")
            )
        return found
