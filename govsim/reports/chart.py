"""The organisation chart of a rule book: bodies, powers between them, accountability.

:func:`build_chart` reads one version of a resolved rule book on its
organisation and returns an :class:`OrgChart`, plain frozen data that the
renderers (:mod:`~govsim.reports.chartsvg`, :mod:`~govsim.reports.charttext`)
draw without knowing anything about rule books.

Two kinds of link are drawn:

* ``power``: the source body may act on the target body or on its members
  (elect or appoint them, suspend, expel, remove or recall them, dissolve the
  body, hear appeals from it, overturn or carry out its decisions). Powers
  over any member at all are drawn once, to the membership. Whether a grant
  reaches a target is asked of the engine through lint's probe, so conditions
  and disabilities count exactly as in replay.
* ``answers_to``: the source body answers to the target, which may recall it,
  remove or expel its members, or audit it. These are lint's own accountability
  checks (:func:`govsim.analysis.lint.accountability.checks_on`), so the chart
  and the ``unaccountable-body`` finding can never disagree.

Lint's findings are attached to the body they are about (a finding's first
subject that is a body on the chart); the rest stay on the chart as a whole.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from govsim.analysis.lint import BookView, LintReport
    from govsim.analysis.lint.accountability import Checks
    from govsim.model.clauses import ResolvedBook
    from govsim.model.organisation import Organisation

__all__ = [
    "ACT_LABELS",
    "MEMBERS",
    "ChartBody",
    "ChartFinding",
    "ChartLink",
    "ChartSeat",
    "LinkKind",
    "OrgChart",
    "build_chart",
]

LinkKind = Literal["power", "answers_to"]

ACT_LABELS: dict[str, str] = {
    "elect": "elect",
    "appoint": "appoint",
    "recall": "recall",
    "remove": "remove from office",
    "expel": "expel",
    "suspend": "suspend",
    "interim-suspend": "interim suspend",
    "dissolve": "dissolve",
    "audit": "audit",
    "hear-appeal": "hear appeals",
    "overturn": "overturn decisions",
    "implement": "carry out decisions",
}
"""Act tokens a link may carry, in the order they are listed, with their labels."""

MEMBERS = "members"
"""The chart id of every member, for an organisation without a membership body.

Powers over any member are drawn to it; should a body of the organisation
already have this id, a number is added after it.
"""

_ASSEMBLIES = frozenset({"convention", "membership"})


@dataclass(frozen=True)
class ChartSeat:
    """A seat held on the day the chart is drawn: who, and any office on the body."""

    person: str
    role: str | None = None


@dataclass(frozen=True)
class ChartFinding:
    """A lint finding as the chart shows it.

    Attributes:
        number: its position in the chart's list of findings, from 1.
        code: the lint code, such as ``unaccountable-body``.
        message: lint's one-line message.
        clauses: the clauses involved.
        body: the chart body it is about, or None for the book as a whole.
    """

    number: int
    code: str
    message: str
    clauses: tuple[str, ...]
    body: str | None

    @property
    def unaccountable(self) -> bool:
        """Whether it is lint's ``unaccountable-body``, which the chart makes stand out."""
        # Imported here: the renderers read charts without loading the engine.
        from govsim.analysis.lint.accountability import UNACCOUNTABLE_BODY

        return self.code == UNACCOUNTABLE_BODY.code


@dataclass(frozen=True)
class ChartBody:
    """A body on the chart.

    Attributes:
        id: the body's id (for a joint meeting, its bodies joined by ``+``).
        name: its name, or its id when it has none.
        kind: its kind (``convention``, ``executive``, ``joint_meeting``...).
        seats: the seats held on the chart's day.
        size: its number of seats, when fixed.
        outside: whether its members come from outside the organisation.
        findings: the lint findings about it.
    """

    id: str
    name: str
    kind: str
    seats: tuple[ChartSeat, ...] = ()
    size: int | None = None
    outside: bool = False
    findings: tuple[ChartFinding, ...] = ()

    @property
    def flagged(self) -> bool:
        """Whether lint found anything about this body."""
        return bool(self.findings)

    @property
    def unaccountable(self) -> bool:
        """Whether lint found the body answers to no one (or only to itself)."""
        return any(f.unaccountable for f in self.findings)

    @property
    def assembly(self) -> bool:
        """Whether the body stands for the members as a whole."""
        return self.kind in _ASSEMBLIES


@dataclass(frozen=True)
class ChartLink:
    """A power of one body over another, or one body answering to another.

    Attributes:
        kind: ``power`` (source may act on target or its members) or
            ``answers_to`` (source answers to target, which may check it).
        source: the body holding the power, or the body that answers.
        target: the body acted on, or the body answered to.
        acts: act tokens (keys of :data:`ACT_LABELS`), in that order.
        clauses: the clauses that grant them, in book order.
    """

    kind: LinkKind
    source: str
    target: str
    acts: tuple[str, ...]
    clauses: tuple[str, ...]

    @property
    def label(self) -> str:
        """The acts in words, comma-separated."""
        return ", ".join(ACT_LABELS[a] for a in self.acts)


@dataclass(frozen=True)
class OrgChart:
    """Everything an organisation chart shows, with no markup in it.

    Attributes:
        book: the rule book's id.
        organisation: the organisation's id.
        epoch: the version of the book drawn (``as written``, or the last
            amendment's id and date).
        bodies: every body, sorted by id.
        links: power links, then accountability links, each sorted by ends.
        findings: every lint finding of that version, numbered in lint's order.
    """

    book: str
    organisation: str
    epoch: str
    bodies: tuple[ChartBody, ...]
    links: tuple[ChartLink, ...]
    findings: tuple[ChartFinding, ...]

    def body(self, ident: str) -> ChartBody:
        """The body with this id; KeyError if the chart has none."""
        for body in self.bodies:
            if body.id == ident:
                return body
        raise KeyError(ident)

    def links_of(self, kind: LinkKind) -> list[ChartLink]:
        """The links of one kind."""
        return [link for link in self.links if link.kind == kind]

    @property
    def general_findings(self) -> tuple[ChartFinding, ...]:
        """Findings about no single body: the book as a whole, or its clauses."""
        return tuple(f for f in self.findings if f.body is None)


def build_chart(book: ResolvedBook, organisation: Organisation) -> OrgChart:
    """The chart of a rule book's latest version on its organisation.

    Bodies' seats are read as the organisation stands after its last dated
    seat, as lint reads them; lint's findings are those holding in that
    version.

    Args:
        book: the resolved rule book.
        organisation: the organisation it runs on.
    """
    from govsim.analysis.lint import BookView, epochs, lint
    from govsim.analysis.lint.accountability import checks_on
    from govsim.analysis.lint.linter import latest_day
    from govsim.reports.chartpowers import powers_between

    label, in_force = epochs(book)[-1]
    view = BookView(
        book, organisation, book.clauses_on(in_force), label, latest_day(organisation)
    )
    report = lint(book, organisation)
    joints = _joint_bodies(view)
    findings = _findings(report, label, view, joints)
    bodies = [_body(view, bid, findings) for bid in sorted(organisation.bodies)]
    bodies += [
        ChartBody(
            ident,
            "joint meeting of " + " + ".join(of),
            "joint_meeting",
            findings=tuple(f for f in findings if f.body == ident),
        )
        for ident, of in sorted(joints.items())
    ]
    checks = checks_on(view)
    membership = next(iter(view.bodies("membership")), None)
    members = membership or _free_id(MEMBERS, {b.id for b in bodies})
    powers = sorted(
        powers_between(view, joints, checks, members),
        key=lambda x: (x.source, x.target),
    )
    if membership is None and any(p.target == members for p in powers):
        bodies.append(ChartBody(members, "every member", "membership"))
    links = [*powers, *_answers_to(view, checks)]
    return OrgChart(
        book=book.id,
        organisation=organisation.organisation,
        epoch=label,
        bodies=tuple(sorted(bodies, key=lambda b: b.id)),
        links=tuple(links),
        findings=findings,
    )


def _free_id(wanted: str, taken: set[str]) -> str:
    """``wanted``, or with the first number from 2 that no id in ``taken`` has."""
    ident, n = wanted, 1
    while ident in taken:
        n += 1
        ident = f"{wanted}-{n}"
    return ident


def _joint_bodies(view: BookView) -> dict[str, tuple[str, ...]]:
    """Joint meetings some grant names, by chart id (their bodies joined by ``+``)."""
    from govsim.model.selectors import JointActor

    found: dict[str, tuple[str, ...]] = {}
    for _, power in view.written_grants():
        if isinstance(power.by, JointActor):
            found["+".join(power.by.joint_of)] = power.by.joint_of
    return found


def _findings(
    report: LintReport,
    epoch: str,
    view: BookView,
    joints: dict[str, tuple[str, ...]],
) -> tuple[ChartFinding, ...]:
    from govsim.model.selectors import JointActor, describe_actor

    names = {bid: bid for bid in view.bodies()}
    names.update(
        {describe_actor(JointActor(joint_of=of)): ident for ident, of in joints.items()}
    )
    kept = [f for f in report.findings if not f.epochs or epoch in f.epochs]
    return tuple(
        ChartFinding(
            number=i,
            code=f.code,
            message=f.message,
            clauses=f.clauses,
            body=next((names[s] for s in f.subjects if s in names), None),
        )
        for i, f in enumerate(kept, start=1)
    )


def _body(view: BookView, bid: str, findings: Iterable[ChartFinding]) -> ChartBody:
    body = view.organisation.bodies[bid]
    roles = {s.person: s.role for s in body.seats}
    return ChartBody(
        id=bid,
        name=body.name or bid,
        kind=body.kind,
        seats=tuple(ChartSeat(p, roles.get(p)) for p in sorted(view.seated_now(bid))),
        size=body.size,
        outside=view.is_outside(bid),
        findings=tuple(f for f in findings if f.body == bid),
    )


def _answers_to(view: BookView, checks: Checks) -> list[ChartLink]:
    """Lint's accountability checks, as links from each body to its checkers.

    Only for the bodies whose accountability lint asks about: that the caucuses
    could be removed by a disciplinary committee is no check on anyone's power.
    """
    from govsim.analysis.lint.accountability import subjects

    asked = set(subjects(view))
    links: list[ChartLink] = []
    for target, checkers in sorted(checks.items()):
        if target not in asked:
            continue
        for checker, ways in sorted(checkers.items()):
            if checker == target:
                continue  # answering to oneself is no accountability
            links.append(
                ChartLink(
                    kind="answers_to",
                    source=target,
                    target=checker,
                    acts=ordered_acts(way.act for way in ways),
                    clauses=view.in_order(way.clause for way in ways),
                )
            )
    return links


def ordered_acts(tokens: Iterable[str]) -> tuple[str, ...]:
    """Act tokens once each, in :data:`ACT_LABELS` order."""
    given = set(tokens)
    return tuple(t for t in ACT_LABELS if t in given)
