"""A Hypothesis strategy for plausible rule books, drawn for a given organisation.

The book is derived from the kinds of the organisation's bodies, so it works
for organisations from :func:`~govsim.testing.organisations.organisations`
and for hand-written ones alike: members complain, the convention elects the
bodies and gives mandates, the executive runs things, the disciplinary body
(or, lacking one, the executive or the convention) decides cases, an appeal
body or external panel hears appeals. Safeguards come from a menu, each drawn
separately under a fixed clause number (the recusal rule is always clause
4.4), so books shrink towards bare powers and a failing example keeps only
the safeguards that matter to it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st
from pydantic import TypeAdapter

from govsim.model.common import Enforcement
from govsim.model.organisation import BodyKind, Organisation
from govsim.model.requirements import Requirement
from govsim.model.rulebook import Clause, RuleBook

__all__ = ["rulebooks"]

_ENFORCEMENTS: tuple[Enforcement, ...] = ("audited", "regimented")
# fmt: off
_MEMBER_ACTS = ("resign_office", "resign_membership", "take_leave", "propose", "withdraw",
                "form_caucus")
_OTHERS: dict[BodyKind, tuple[str, tuple[str, ...], str]] = {
    "committee": ("8.1", ("convene", "publish_statement"), "meets and speaks"),
    "commission": ("8.2", ("publish_statement",), "publishes its inquiries"),
    "caucus": ("8.4", ("publish_statement",), "speaks for its members"),
    "branch": ("8.5", ("convene", "propose"), "meets and tables proposals"),
}
# fmt: on
_REQUIREMENT: TypeAdapter[Requirement] = TypeAdapter(Requirement)
Text = str | Callable[[dict[str, Any]], str]
"""A clause text: a template filled in from the drawn values, or a function of them."""


@dataclass(frozen=True)
class _Roles:
    """Which body plays each part in the book; ``None`` when the organisation lacks it."""

    assembly: str | None
    executive: str | None
    discipline: str | None
    appeal: str | None
    panel: str | None
    tribunal: bool
    """Whether discipline lies with a body of kind ``disciplinary``."""
    others: dict[BodyKind, str]

    @classmethod
    def of(cls, org: Organisation) -> _Roles:
        def first(kind: BodyKind) -> str | None:
            return next((b for b, x in org.bodies.items() if x.kind == kind), None)

        assembly = first("convention") or first("membership")
        executive = first("executive")
        discipline = first("disciplinary") or executive or assembly
        panel = first("external_panel")
        appeal = first("appeal") or panel
        return cls(
            assembly=assembly,
            executive=executive,
            discipline=discipline,
            appeal=None if appeal == discipline else appeal,
            panel=panel,
            tribunal=first("disciplinary") is not None,
            others={k: b for k in _OTHERS if (b := first(k)) is not None},
        )


def _power(by: str | dict[str, Any], *acts: str, **more: Any) -> dict[str, Any]:
    return {"by": by, "acts": acts, **more}


def _safeguard(
    draw: st.DrawFn,
    ident: str,
    text: Text,
    spec: dict[str, Any],
) -> list[Clause]:
    """A clause holding one safeguard, drawn present or not, maybe with its own enforcement."""
    if not draw(st.booleans()):
        return []
    values = {
        k: draw(st.sampled_from(v)) if isinstance(v, range | list) else v
        for k, v in spec.items()
    }
    enforcement = draw(st.none() | st.sampled_from(_ENFORCEMENTS))
    key = "requires" if "rule" in spec else "decides"
    item = _REQUIREMENT.validate_python(values) if key == "requires" else values
    return [
        Clause.model_validate(
            {
                "id": ident,
                "text": text(values) if callable(text) else text.format(**values),
                key: (item,),
                "enforcement": enforcement,
            }
        )
    ]


def _vote_text(rule: dict[str, Any]) -> str:
    quorum = rule["quorum"]
    counted = "" if quorum is None else f", with a quorum of {quorum}"
    return f"Sanctions need {rule['threshold']} of the {rule['base']}{counted}."


def _interim_text(bounds: dict[str, Any]) -> str:
    cap, review = bounds["max_days"], bounds["review_within_days"]
    last = "" if cap is None else f" last at most {cap} days and"
    within = "" if review is None else f" within {review} days"
    return f"Interim measures{last} are reviewed{within}."


def _powers(draw: st.DrawFn, roles: _Roles) -> list[dict[str, Any]]:
    """Members', the assembly's and the executive's clauses, as documents."""
    extra = draw(st.lists(st.sampled_from(_MEMBER_ACTS), unique=True))
    member = [_power({"person": "member"}, "file_complaint", *sorted(extra))]
    if roles.appeal is not None:
        member.append(_power({"person": "party"}, "appeal"))
    out = [{"id": "1", "text": "Members' rights.", "powers": member}]
    a, x, d = roles.assembly, roles.executive, roles.discipline
    if a is not None:
        elected = {x, d, roles.appeal, roles.others.get("committee")} - {a, roles.panel}
        links = [("elects", b) for b in sorted(b for b in elected if b is not None)]
        links += [("appoints", roles.panel)] if roles.panel else []
        links += [("recalls", x)] if x is not None and draw(st.booleans()) else []
        out.append(
            {
                "id": "2",
                "text": f"The {a} elects the bodies and gives them mandates.",
                "powers": [_power(a, "mandate", "extend")],
                "accountability": [{"relation": r, "by": a, "of": b} for r, b in links],
            }
        )
    if x is None:
        return out
    commission = roles.others.get("commission")
    acts = ("convene", "publish_statement", "implement", "fulfil")
    text = f"The {x} convenes, speaks for the organisation and implements."
    appoints = [{"relation": "appoints", "by": x, "of": c} for c in [commission] if c]
    power = _power(x, *acts)
    out.append(
        {"id": "3.1", "text": text, "powers": [power], "accountability": appoints}
    )
    if draw(st.booleans()):
        days = draw(st.none() | st.integers(7, 60))
        when = {"bases": ["danger"], "scopes": ["office", "meeting"], "max_days": days}
        limit = "" if days is None else f", where there is danger, for {days} days"
        out.append(
            {
                "id": "3.2",
                "text": f"The {x} may suspend a member on an interim basis{limit}.",
                "powers": [_power(x, "interim_suspend", when=when if days else None)],
            }
        )
    if draw(st.booleans()):
        # A known weakness: the executive may undo the disciplinary body's decisions.
        over = {"decisions_of": [d]} if d != x else None
        standing = draw(st.sampled_from(("written", "implied")))
        power = _power(x, "alter_decision", over=over, standing=standing)
        out.append(
            {"id": "3.3", "text": f"The {x} may alter decisions.", "powers": [power]}
        )
    return out


def _menu(roles: _Roles) -> list[tuple[str, Text, dict[str, Any]]]:
    """The safeguards on offer: clause id, text, and the requirement or decision rule.

    A range or list in a spec is drawn from; a spec without ``rule`` is a
    decision rule.
    """
    d, a = roles.discipline, roles.appeal
    appeal = (a,) if a else ()
    # fmt: off
    menu: list[tuple[str, Text, dict[str, Any]]] = [
        ("4.2", "A sanction needs {days} days' notice of specific charges.",
         {"rule": "notice", "acts": ("sanction",), "days": range(22)}),
        ("4.3", "The accused is heard {min_days_before} days or more before a sanction.",
         {"rule": "hearing", "acts": ("sanction",), "min_days_before": range(8)}),
        ("4.4", "No one with a conflict in the case takes part in deciding it.",
         {"rule": "recusal", "acts": ("find", "sanction", "decide_appeal")}),
        ("4.5", "A recorded finding precedes any sanction.",
         {"rule": "finding", "acts": ("sanction",)}),
        ("4.6", "No investigator of a case takes part in deciding it.",
         {"rule": "separation", "acts": ("find", "sanction")}),
        ("4.7", "Investigators are independent of the parties and of bodies under review.",
         {"rule": "independent_investigator", "acts": ("assign_investigator",)}),
        ("4.8", _vote_text,
         {"acts": ("sanction",), "sanctions": [(), ("expel",), ("suspend_membership", "expel")],
          "threshold": ["majority", "2/3", "unanimous"],
          "quorum": [None, 1, 2, 3, "1/2", "2/3", "majority"],
          "base": ["votes_cast", "present", "seats"]}),
        ("6.1", _interim_text,
         {"rule": "interim_bounds", "acts": ("interim_suspend", "renew_interim", "review_interim"),
          "bases": [(), ("danger", "charges_filed")], "max_days": [None, *range(7, 91)],
          "review_within_days": [None, *range(1, 15)], "review_by": [(), (d,)],
          "renewal_requires_charges": [False, True]}),
        ("6.2", "Interim measures and sanctions name each person individually.",
         {"rule": "individual", "acts": ("interim_suspend", "sanction")}),
        ("7.1", "A sanction is implemented within {days} days.",
         {"rule": "deadline", "acts": ("sanction",), "then": "implement",
          "days": range(7, 31), "obligee": roles.executive or d}),
    ]
    if roles.tribunal:
        menu.append(("4.9", "Disciplinary decisions change only on appeal.",
                     {"rule": "finality", "acts": ("alter_decision",),
                      "decisions_of_kind": ("disciplinary",), "appeal_bodies": appeal}))
    if a is not None:
        menu.append(("5.2", "An appeal is lodged within {days} days of the decision.",
                     {"rule": "appeal_window", "acts": ("appeal",), "days": range(7, 31)}))
    # fmt: on
    return menu


def _discipline(draw: st.DrawFn, roles: _Roles) -> list[dict[str, Any]]:
    """The disciplinary body's powers and the appeal route, as documents."""
    d, a, x = roles.discipline, roles.appeal, roles.executive
    if d is None:
        return []
    acts = ["serve_notice", "hear", "find", "sanction", "assign_investigator"]
    acts += ["interim_suspend", "review_interim", "lift_interim", "renew_interim"]
    acts += ["implement"] if x is None else []
    later = x not in (None, d) and draw(st.booleans())
    effect = "on_implementation" if later else "immediately"
    power = _power(d, *acts, takes_effect=effect)
    out = [{"id": "4.1", "text": f"The {d} decides complaints.", "powers": [power]}]
    if a is not None:
        link = {"relation": "hears_appeals_from", "by": a, "of": d}
        text = f"The {a} hears appeals from the {d}."
        out.append({"id": "5.1", "text": text, "accountability": [link]})
    return out


def _others(roles: _Roles) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = [
        {"id": ident, "text": f"The {body} {what}.", "powers": [_power(body, *acts)]}
        for kind, body in roles.others.items()
        for ident, acts, what in (_OTHERS[kind],)
    ]
    p, d = roles.panel, roles.discipline
    if p is not None and d is not None:
        link = {"relation": "audits", "by": p, "of": d}
        out.append(
            {"id": "8.3", "text": f"The {p} audits the {d}.", "accountability": [link]}
        )
    return out


@st.composite
def _rulebook(draw: st.DrawFn, organisation: Organisation) -> RuleBook:
    roles = _Roles.of(organisation)
    documents = _powers(draw, roles) + _discipline(draw, roles) + _others(roles)
    clauses = [Clause.model_validate(c) for c in documents]
    if roles.discipline is not None:
        for ident, text, spec in _menu(roles):
            clauses += _safeguard(draw, ident, text, spec)
    clauses.sort(key=lambda c: tuple(int(n) for n in c.id.split(".")))
    return RuleBook(
        schema_version=1,
        rulebook=f"{organisation.organisation}-rules",
        title="A generated rule book",
        organisation=organisation.organisation,
        enforcement=draw(st.sampled_from(_ENFORCEMENTS)),
        clauses=tuple(clauses),
    )


def rulebooks(organisation: Organisation) -> st.SearchStrategy[RuleBook]:
    """Draw a plausible rule book for ``organisation``, naming only its bodies.

    Clause numbers are fixed by subject: 1 members, 2 elections and mandates,
    3.x the executive (3.2 interim suspension, 3.3 altering decisions, a
    weakness), 4.x discipline (4.2 notice, 4.3 hearing, 4.4 recusal, 4.5
    finding, 4.6 separation, 4.7 independent investigator, 4.8 decision rule,
    4.9 finality), 5.x appeals (5.2 appeal window), 6.1 interim bounds, 6.2
    individual targets, 7.1 the implementation deadline, 8.x other bodies.
    Safeguards are drawn one by one, each with an optional enforcement of its
    own, and shrink towards absent.

    Args:
        organisation: the organisation the book is written for.

    Returns:
        A strategy of books that validate, have no issues, and load with
        ``govsim.model.loading.load_rulebook_for`` against the organisation.
    """
    return _rulebook(organisation)
