"""The act vocabulary as moves a search can make: finite choices for every field.

Random search (Hypothesis), the procedure state machine and exhaustive
enumeration all build acts the same way: pick an act kind, then one option
per field from a finite, ordered list. Options come from the organisation and
from what earlier acts introduced (cases, decisions, measures, appeals,
mandates, proposals, bodies), so every act names things that exist and every
history passes ``govsim check``. Options are ordered simplest first, which is
where Hypothesis shrinks to.

A field marked ``detail`` (scope, basis, vote form, dates) keeps only its
first option in exhaustive mode unless details are asked for: they multiply
the number of sequences without changing who may do what.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, get_args

from govsim.model.acts import ACT_MODELS, ActBase, Convene, Delegation
from govsim.model.common import SanctionKind
from govsim.model.meetingrecords import is_joint
from govsim.model.organisation import LEADERSHIP_KINDS, Organisation

__all__ = [
    "FIELDS",
    "NEVER_BUILT",
    "Ledger",
    "Offset",
    "Slot",
    "allowed",
    "build",
    "buildable",
    "slots",
]

SANCTIONS: tuple[str, ...] = get_args(SanctionKind)
"""Sanctions from the mildest to the gravest: the order searches shrink in."""


@dataclass(frozen=True)
class Offset:
    """A date written relative to the act: ``days`` after it."""

    days: int


@dataclass(frozen=True)
class Slot:
    """One field of an act and the values a search may give it, simplest first."""

    name: str
    options: tuple[Any, ...]
    detail: bool = False


@dataclass
class Ledger:
    """What a history has introduced so far: the names later acts may use."""

    organisation: Organisation
    count: int = 0
    cases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Case id to its respondents."""
    acts: dict[str, str] = field(default_factory=dict)
    """Act id to its kind, in order."""
    mandates: list[str] = field(default_factory=list)
    proposals: list[str] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    """Bodies created by acts (ad hoc bodies, joint meetings, caucuses)."""
    meetings: list[str] = field(default_factory=list)
    """Meetings of one body called by earlier acts (not bodies of their own)."""
    _signed: int = field(default=-1, repr=False)
    _signature: tuple[object, ...] = field(default=(), repr=False)

    @property
    def persons(self) -> tuple[str, ...]:
        """Every person of the organisation, in document order."""
        return tuple(self.organisation.persons)

    @property
    def bodies(self) -> tuple[str, ...]:
        """The organisation's bodies, then those created by earlier acts."""
        return (*self.organisation.bodies, *self.created)

    def signature(self) -> tuple[object, ...]:
        """What decides which fields have options: which kinds of thing exist.

        Whether an act kind can be built depends only on this (there is a
        case, a decision, a mandate...), not on how many there are, nor on
        which other kinds of act were done: searches key what they work out
        per state on it, so the fewer states it tells apart the better.
        """
        if self._signed != self.count:
            self._signature = (
                bool(self.cases),
                bool(self.acts),
                frozenset(self.acts.values()) & _REFERENCED,
                bool(self.mandates),
                bool(self.proposals),
                bool(self.meetings),
            )
            self._signed = self.count
        return self._signature

    def of_kind(self, kind: str) -> tuple[str, ...]:
        """Ids of earlier acts of one kind."""
        return tuple(a for a, k in self.acts.items() if k == kind)

    def fresh(self, prefix: str) -> str:
        """A new id for something an act defines, clear of every id in use."""
        taken = {*self.organisation.persons, *self.bodies, *self.cases}
        taken |= {*self.mandates, *self.proposals}
        number = self.count + 1
        while f"{prefix}{number}" in taken:
            number += 1
        return f"{prefix}{number}"

    def enter(self, act_id: str, act: ActBase) -> None:
        """Take note of an act's id and of whatever it defines."""
        self.count += 1
        self.acts[act_id] = act.act
        values: Mapping[str, Any] = act.__dict__
        if act.act == "file_complaint":
            self.cases[values["case"]] = values["against"]
        elif act.act == "mandate":
            self.mandates.append(values["mandate"])
        elif act.act == "propose":
            self.proposals.append(values["proposal"])
        if isinstance(act, Convene) and not is_joint(act):
            self.meetings.append(values["meeting"])
            return
        for name in ("body", "meeting", "caucus"):
            if name in type(act).DEFINES:
                self.created.append(values[name])


Options = Callable[[Ledger, dict[str, Any]], tuple[Any, ...]]

_REFERENCED: set[str] = set()
"""Act kinds a field refers to by kind (``_of``): the ones a ledger's signature names."""


def _persons(ledger: Ledger, _: dict[str, Any]) -> tuple[Any, ...]:
    return ledger.persons


def _bodies(ledger: Ledger, _: dict[str, Any]) -> tuple[Any, ...]:
    return ledger.bodies


def _actors(ledger: Ledger, _: dict[str, Any]) -> tuple[Any, ...]:
    return (*ledger.bodies, *ledger.persons)


def _cases(ledger: Ledger, _: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(ledger.cases)


def _case_or_none(ledger: Ledger, _: dict[str, Any]) -> tuple[Any, ...]:
    return (*ledger.cases, None)


def _none_or_case(ledger: Ledger, _: dict[str, Any]) -> tuple[Any, ...]:
    return (None, *ledger.cases)


def _respondents_first(ledger: Ledger, chosen: dict[str, Any]) -> tuple[Any, ...]:
    """Persons, the respondents of the chosen case first."""
    first = ledger.cases.get(chosen.get("case") or "", ())
    return (*first, *(p for p in ledger.persons if p not in first))


def _one(options: Options) -> Options:
    """Wrap each option in a one-element tuple (for list fields)."""
    return lambda ledger, chosen: tuple((o,) for o in options(ledger, chosen))


def _of(kind: str) -> Options:
    _REFERENCED.add(kind)
    return lambda ledger, _: ledger.of_kind(kind)


def _fixed(*values: Any) -> Options:
    return lambda _ledger, _chosen: values


def _new(prefix: str) -> Options:
    return lambda ledger, _: (ledger.fresh(prefix),)


def _offices(ledger: Ledger, _: dict[str, Any]) -> tuple[Any, ...]:
    org = ledger.organisation.bodies
    leading = tuple(b for b, body in org.items() if body.kind in LEADERSHIP_KINDS)
    return leading or tuple(org)


def _for_sanctions(*needing: str, values: Options = _offices) -> Options:
    """Options when the chosen sanction needs the field, else only ``None``."""

    def options(ledger: Ledger, chosen: dict[str, Any]) -> tuple[Any, ...]:
        wanted = chosen.get("sanction") in needing or chosen.get("outcome") in needing
        return values(ledger, chosen) if wanted else (None,)

    return options


def _vote(ledger: Ledger, chosen: dict[str, Any]) -> tuple[Any, ...]:
    return (None, "unanimous", "split") if chosen["by"] in ledger.bodies else (None,)


def _audiences(ledger: Ledger, _: dict[str, Any]) -> tuple[Any, ...]:
    org = ledger.organisation.bodies
    leading = tuple((b,) for b, body in org.items() if body.kind in LEADERSHIP_KINDS)
    return (("members",), ("public",), *leading)


def _meetings(ledger: Ledger, _: dict[str, Any]) -> tuple[Any, ...]:
    """Joint meetings: the bodies that meet together and act in the meeting's name.

    A meeting of one body acts in that body's name, so calling one adds no
    actor; searches call joint meetings, of leadership bodies first.
    """
    org = ledger.organisation.bodies
    leading = [b for b, body in org.items() if body.kind in LEADERSHIP_KINDS]
    if len(leading) < 2:
        leading = list(org)
    return tuple((a, b) for i, a in enumerate(leading) for b in leading[i + 1 : i + 2])


def _about(ledger: Ledger, _: dict[str, Any]) -> tuple[Any, ...]:
    return (*ledger.acts, *ledger.mandates)


_DELEGATIONS = (
    (),
    (Delegation(acts=("find", "sanction")),),
    (Delegation(acts=("assign_investigator",)),),
)

_VOTED = {"vote": (_vote, True)}
P, B, A = _persons, _bodies, _actors

FIELDS: dict[str, dict[str, tuple[Options, bool]]] = {}
"""Act kind to its fields: name to (options, detail), in drawing order."""


def _kind(names: str, **spec: Options | tuple[Options, bool]) -> None:
    for name in names.split():
        FIELDS[name] = {
            key: value if isinstance(value, tuple) else (value, False)
            for key, value in spec.items()
        }


def _d(options: Options) -> tuple[Options, bool]:
    """A detail field."""
    return (options, True)


_kind(
    "file_complaint",
    by=P,
    case=_new("k"),
    against=_one(P),
    subjects=_d(lambda ledger, _: ((), *((b,) for b in ledger.organisation.bodies))),
    basis=_d(_fixed("conduct", "speech", "caucusing", "dissent")),
)
_kind(
    "disclose", by=P, to=_audiences, case=_none_or_case, consent=_d(_fixed(False, True))
)
_kind(
    "raise_concern", by=P, to=_d(_fixed(("members",), ("public",))), case=_none_or_case
)
_kind("declare_conflict recuse", by=P, case=_cases)
_kind("waive_notice", by=P, meeting=lambda ledger, _: tuple(ledger.meetings))
_kind("assign_investigator", by=B, case=_cases, investigator=A, **_VOTED)
_kind(
    "create_body",
    by=B,
    body=_new("body"),
    members=_d(lambda ledger, _: ((), *((p,) for p in ledger.persons))),
    powers=_fixed(*_DELEGATIONS),
    case=_none_or_case,
    **_VOTED,
)
_kind(
    "convene",
    by=B,
    meeting=_new("meeting"),
    bodies=_meetings,
    notice_days=_d(_fixed(None, 0, 14)),
)
_kind(
    "serve_notice",
    by=B,
    case=_cases,
    target=_respondents_first,
    charges=_fixed(("the conduct alleged in the complaint",)),
    vague=_d(_fixed(False, True)),
)
_kind("hear", by=B, case=_cases, target=_respondents_first)
_kind(
    "find",
    by=B,
    case=_cases,
    targets=_one(_respondents_first),
    finding=_fixed("violation", "no_violation"),
    **_VOTED,
)
_kind(
    "sanction",
    by=B,
    case=_case_or_none,
    targets=_one(_respondents_first),
    sanction=_fixed(*SANCTIONS),
    office=_for_sanctions("remove_from_office", "bar_from_office"),
    days=_d(_for_sanctions("suspend_membership", values=_fixed(None, 30, 365))),
    **_VOTED,
)
_kind("implement", by=B, decision=_of("sanction"), **_VOTED)
_kind(
    "alter_decision",
    by=B,
    decision=_of("sanction"),
    outcome=_fixed("quash", "reduce", "increase", "replace", "stay"),
    sanction=_for_sanctions("reduce", "increase", "replace", values=_fixed(*SANCTIONS)),
    **_VOTED,
)
_kind(
    "interim_suspend",
    by=B,
    targets=_one(_respondents_first),
    case=_case_or_none,
    scope=_d(
        _fixed("membership", "leadership_bodies", "office", "meeting", "unspecified")
    ),
    basis=_d(
        _fixed("charges_filed", "investigation", "danger", "finding", "unspecified")
    ),
    review_at=_d(_fixed(None, Offset(7), Offset(30))),
    expires_at=_d(_fixed(None, Offset(30), Offset(90), Offset(365))),
    written_notice=_d(_fixed(False, True)),
    **_VOTED,
)
_kind(
    "review_interim",
    by=B,
    measure=_of("interim_suspend"),
    outcome=_fixed("confirm", "lift"),
    **_VOTED,
)
_kind("lift_interim", by=B, measure=_of("interim_suspend"), **_VOTED)
_kind(
    "renew_interim",
    by=B,
    measure=_of("interim_suspend"),
    expires_at=_fixed(Offset(30), Offset(90), Offset(365)),
    **_VOTED,
)
_kind("appeal", by=P, decision=_of("sanction"))
_kind(
    "decide_appeal",
    by=B,
    appeal=_of("appeal"),
    outcome=_fixed("confirm", "reduce", "quash"),
    sanction=_for_sanctions("reduce", values=_fixed(*SANCTIONS)),
    **_VOTED,
)
_kind(
    "close_case",
    by=B,
    case=_cases,
    reason=_d(_fixed("decided", "withdrawn", "no_case", "respondent_resigned", "moot")),
    **_VOTED,
)
_kind("report", by=A, to=B, about=_about)
_kind(
    "ratify",
    by=B,
    subject=lambda ledger, _: tuple(ledger.acts),
    outcome=_fixed("ratify", "reverse"),
    **_VOTED,
)
_kind("resign_office", by=P, body=B)
_kind("resign_membership", by=P)
_kind("take_leave", by=P, until=_d(_fixed(None, Offset(30))))
_kind("elect appoint", by=B, body=B, persons=_one(P), **_VOTED)
_kind("recall", by=B, body=B, target=P, **_VOTED)
_kind("request_resignation", by=A, body=B, target=P, **_VOTED)
_kind("admit", by=B, target=P, **_VOTED)
_kind(
    "mandate",
    by=B,
    mandate=_new("m"),
    obligee=B,
    task=_fixed("carry out the convention's decision"),
    due=_d(_fixed(Offset(30), Offset(90))),
    **_VOTED,
)
_kind(
    "fulfil abandon", by=B, mandate=lambda ledger, _: tuple(ledger.mandates), **_VOTED
)
_kind(
    "extend",
    by=B,
    mandate=lambda ledger, _: tuple(ledger.mandates),
    due=_d(_fixed(Offset(60), Offset(180))),
    **_VOTED,
)
_kind(
    "transfer", by=B, mandate=lambda ledger, _: tuple(ledger.mandates), to=B, **_VOTED
)
_kind("propose", by=P, proposal=_new("p"), supporters=_d(_fixed(0, 10, 100)))
_kind("withdraw", by=P, proposal=lambda ledger, _: tuple(ledger.proposals))
_kind("vote", by=B, proposal=lambda ledger, _: tuple(ledger.proposals), **_VOTED)
_kind("form_caucus", by=P, caucus=_new("caucus"))
_kind("dissolve_body", by=B, body=B, **_VOTED)
_kind("disaffiliate", by=B, **_VOTED)
_kind("dissolve_organisation", by=B, successor=_d(_fixed(None)), **_VOTED)
_kind(
    "publish_statement",
    by=B,
    audience=_fixed("body", "members", "public"),
    case=_d(_none_or_case),
    **_VOTED,
)
_kind("interfere", by=P, case=_cases)


def _no_clauses(_ledger: Ledger, _chosen: dict[str, Any]) -> tuple[Any, ...]:
    """No clause to repeal: a ledger holds no rule book, so no amendment is built.

    Changing the rules takes the book's clauses and new text, which these
    generic searches do not have; ``amend_rules`` is listed so that every act
    kind is, and is never buildable here.
    """
    return ()


_kind("amend_rules", by=B, repeal=_no_clauses, **_VOTED)

NEVER_BUILT: frozenset[str] = frozenset({"amend_rules"})
"""Act kinds listed here that no search builds: searches leave them out of their
default kinds (:func:`govsim.probing.design.choose_kinds`)."""


def slots(kind: str, ledger: Ledger, chosen: dict[str, Any]) -> Slot | None:
    """The next field of ``kind`` to choose, given the values chosen so far.

    Returns ``None`` once every field has a value. A slot with no options
    means the act cannot be built now (say, an appeal before any decision).
    """
    for name, (options, detail) in FIELDS[kind].items():
        if name not in chosen:
            return Slot(name, options(ledger, chosen), detail)
    return None


def allowed(options: tuple[Any, ...], actors: frozenset[str] | None) -> tuple[Any, ...]:
    """The actors among ``options`` a search lets act (all, when ``actors`` is None)."""
    return options if actors is None else tuple(o for o in options if o in actors)


def buildable(kind: str, ledger: Ledger, actors: frozenset[str] | None = None) -> bool:
    """Whether every field of ``kind`` has an option now, an allowed actor included."""
    chosen: dict[str, Any] = {}
    while (slot := slots(kind, ledger, chosen)) is not None:
        options = allowed(slot.options, actors) if slot.name == "by" else slot.options
        if not options:
            return False
        chosen[slot.name] = options[0]
    return True


def _realise(value: Any, at: dt.date) -> Any:
    if isinstance(value, Offset):
        return (at + dt.timedelta(days=value.days)).isoformat()
    return value


def build(
    kind: str,
    chosen: Mapping[str, Any],
    at: dt.date,
    ledger: Ledger,
    holders: Callable[[str], list[str]],
) -> tuple[str, ActBase]:
    """Make the act from its chosen fields, enter it in the ledger, return (id, act).

    ``holders`` gives the seat holders of a body on the act's day; a ``split``
    vote is a roll call with a bare majority of them for and the rest against.
    """
    act_id = f"a{ledger.count + 1}"
    data: dict[str, Any] = {"act": kind, "id": act_id, "at": at.isoformat()}
    for name, value in chosen.items():
        if value is None:
            continue
        if name == "vote" and value == "split":
            seated = holders(chosen["by"])
            half = len(seated) // 2 + 1
            if seated:
                data[name] = {"for": seated[:half], "against": seated[half:]}
            continue
        data[name] = _realise(value, at)
    act = ACT_MODELS[kind].model_validate(data)
    ledger.enter(act_id, act)
    return act_id, act
