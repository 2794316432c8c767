"""No silent rules: every provision of a rule book must be able to apply to what it names.

A requirement on an act kind its checker never examines, a decision rule on
an act no body votes on, a power over an act that needs none, or a condition
on a field the act does not have would be accepted and then ignored (or, for
a grant, never hold). Each is refused when the book is loaded, with where it
is and what to write instead.

What each rule can apply to is read from the act models themselves (which
fields a kind has), so a new act kind is placed by its fields, not by a list
to keep in step.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, get_args

from govsim.model.acts import ACT_KINDS, Act
from govsim.model.common import Issue, Loc
from govsim.model.rulebook import Clause, DecisionRule, Power, RuleBook

__all__ = ["CONDUCT_KINDS", "book_applicability", "fields_of"]

CONDUCT_KINDS: frozenset[str] = frozenset(
    {
        "declare_conflict",
        "disclose",
        "interfere",
        "raise_concern",
        "recuse",
        "report",
        "request_resignation",
        "waive_notice",
    }
)
"""Acts of conduct: anyone may do them, so no power is granted or denied for them
(the engine's handlers for these kinds need no power; a test keeps them in step)."""

PERSON_ONLY: frozenset[str] = frozenset(
    {
        "appeal",
        "declare_conflict",
        "disclose",
        "file_complaint",
        "form_caucus",
        "interfere",
        "propose",
        "raise_concern",
        "recuse",
        "resign_membership",
        "resign_office",
        "take_leave",
        "waive_notice",
    }
)
"""Acts a person does in their own name: never taken at a meeting."""


def _kind_fields() -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for model in get_args(get_args(Act)[0]):  # Act: Annotated[a union, Field]
        for kind in model.model_fields["act"].annotation.__args__:
            out[kind] = frozenset(model.model_fields)
    return out


_FIELDS = _kind_fields()


def fields_of(kind: str) -> frozenset[str]:
    """The fields a scenario may write on an act of this kind."""
    return _FIELDS.get(kind, frozenset())


def _having(*names: str) -> frozenset[str]:
    return frozenset(k for k in ACT_KINDS if fields_of(k) & set(names))


_PERSONS = _having(
    "targets", "target", "persons", "decision", "appeal", "subject", "measure", "case"
)
_CASE = _having("case", "decision", "appeal", "measure", "subject")
_VOTED = _having("vote")
_BY_BODIES = frozenset(ACT_KINDS) - PERSON_ONLY - {"convene"}

_RULE_KINDS: dict[str, tuple[frozenset[str], str]] = {
    "notice": (_CASE, "acts in a case, which can be preceded by a notice of charges"),
    "hearing": (
        _PERSONS,
        "acts that affect persons, whose right to be heard it protects",
    ),
    "recusal": (_CASE, "acts in a case, where someone can be conflicted"),
    "finding": (_having("targets", "target", "persons"), "acts done to persons"),
    "individual": (_having("targets"), "acts whose targets may be selected as a class"),
    "interim_bounds": (
        frozenset(
            {"interim_suspend", "review_interim", "lift_interim", "renew_interim"}
        ),
        "interim measures and their reviews and renewals",
    ),
    "independent_investigator": (
        frozenset({"assign_investigator"}),
        "the assignment of an investigator",
    ),
    "separation": (_CASE, "decisions in a case"),
    "finality": (
        frozenset({"implement", "alter_decision", "appeal", "decide_appeal"}),
        "acts on an earlier decision",
    ),
    "appeal_window": (frozenset({"appeal"}), "appeals"),
    "meeting_notice": (_BY_BODIES, "acts a body takes at a meeting"),
    "eligibility": (
        frozenset(
            {"elect", "appoint", "admit", "vote", "dissolve_organisation", "recall"}
        ),
        "elections, appointments, admissions and votes of the members",
    ),
    "audience": (
        frozenset({"publish_statement", "disclose", "raise_concern"}),
        "statements and disclosures",
    ),
    "supporters": (frozenset({"propose"}), "proposals"),
    "voting_rights": (_VOTED, "acts a body votes on"),
    "readings": (frozenset({"amend_rules"}), "changes to the rules"),
    "text_notice": (frozenset({"amend_rules"}), "changes to the rules"),
}
"""Rule to (the act kinds it can apply to, what they are, in words)."""

_CONDITION_FIELDS = {
    "sanctions": ("sanction",),
    "scopes": ("scope",),
    "bases": ("basis",),
    "max_days": ("expires_at",),
    "outcomes": ("outcome",),
    "audiences": ("audience", "to"),
}
"""A power's ``when`` condition to the act fields it reads."""

_AMENDING = _having("add", "replace", "repeal")
"""The acts that change clauses, which ``when: {clauses, entrenched}`` read."""


def _acts(
    loc: Loc, acts: tuple[str, ...], allowed: frozenset[str]
) -> Iterator[tuple[Loc, str]]:
    for j, kind in enumerate(acts):
        if kind in ACT_KINDS and kind not in allowed:
            yield (*loc, "acts", j), kind


def _requirement(loc: Loc, req: Any) -> Iterator[Issue]:
    if req.rule == "meeting_notice" and "convene" in req.acts:
        j = req.acts.index("convene")
        yield (
            (*loc, "acts", j),
            "meeting_notice governs the business of a meeting, not the act that "
            "calls it: leave 'acts' out to govern every act taken at a meeting, or "
            "list the acts (sanction, elect, ...) whose meetings need notice",
        )
    allowed = _RULE_KINDS.get(req.rule)
    if allowed is not None:
        kinds, words = allowed
        for where, kind in _acts(loc, req.acts, kinds):
            if kind == "convene" and req.rule == "meeting_notice":
                continue
            fits = (
                ", ".join(sorted(kinds)) if len(kinds) <= 8 else f"{len(kinds)} kinds"
            )
            yield (
                where,
                f"a {req.rule} rule cannot apply to {kind}: it applies to {words} "
                f"({fits})",
            )
    if req.sanctions:
        for where, kind in _acts(loc, req.acts, _having("sanction")):
            yield (
                where,
                f"'sanctions' limits this rule to some sanctions, but {kind} has no "
                "sanction, so the rule would never apply to it: list it in a "
                "requirement of its own without 'sanctions'",
            )
    yield from _parameters(loc, req)


def _parameters(loc: Loc, req: Any) -> Iterator[Issue]:
    """Parameters read only on act kinds the requirement does not list."""
    if req.rule != "interim_bounds":
        return
    needs = (
        (
            "renewal_requires_charges",
            bool(req.renewal_requires_charges),
            "renew_interim",
        ),
        ("review_within_days", req.review_within_days is not None, "interim_suspend"),
        ("review_by", bool(req.review_by), "review_interim"),
    )
    for name, given, kind in needs:
        if given and kind not in req.acts:
            yield (
                (*loc, name),
                f"'{name}' is checked on {kind}, which this requirement does not "
                f"list in 'acts': add {kind}, or drop '{name}'",
            )


def _decision_rule(loc: Loc, rule: DecisionRule) -> Iterator[Issue]:
    for where, kind in _acts(loc, rule.acts, _VOTED):
        yield (
            where,
            f"a decision rule cannot apply to {kind}: no vote is taken on it "
            "(decision rules count the votes of acts a body votes on)",
        )
    if rule.sanctions:
        for where, kind in _acts(loc, rule.acts, _having("sanction")):
            yield where, f"'sanctions' can never match {kind}, which has no sanction"


def _power(loc: Loc, power: Power, denial: bool) -> Iterator[Issue]:
    what = "a denial" if denial else "a power"
    for where, kind in _acts(loc, power.acts, frozenset(ACT_KINDS) - CONDUCT_KINDS):
        yield (
            where,
            f"{kind} is conduct: anyone may do it and no power is needed, so {what} "
            "of it has no effect; to restrict it, use a requirement (forbidden, "
            "audience)",
        )
    if power.when is None:
        return
    for condition, read in _CONDITION_FIELDS.items():
        value = getattr(power.when, condition)
        if value is None or value == ():
            continue
        for _, kind in _acts(loc, power.acts, _having(*read)):
            yield (
                (*loc, "when", condition),
                f"'{condition}' reads the act's {' or '.join(read)}, which {kind} "
                f"does not have, so the grant would never hold for {kind}: give "
                f"{kind} a power of its own",
            )
    yield from _amending_conditions(loc, power)


def _amending_conditions(loc: Loc, power: Power) -> Iterator[Issue]:
    """``when: {clauses, entrenched}`` on acts that change no clause.

    The engine tests them against the clauses an act adds, replaces or
    repeals: on another act there are none, so ``clauses`` and
    ``entrenched: false`` would pass unread and ``entrenched: true`` would
    never hold.
    """
    assert power.when is not None
    for condition in ("clauses", "entrenched"):
        value = getattr(power.when, condition)
        if value is None or value == ():
            continue
        effect = (
            "the grant would never hold for it"
            if value is True
            else "the limit would be ignored for it"
        )
        for _, kind in _acts(loc, power.acts, _AMENDING):
            yield (
                (*loc, "when", condition),
                f"'{condition}' limits which clauses an amendment changes, and "
                f"{kind} changes none, so {effect}: give {kind} a power of its own",
            )


def _clause(loc: Loc, clause: Clause) -> Iterator[Issue]:
    groups: tuple[tuple[str, Callable[[Loc, Any], Iterator[Issue]]], ...] = (
        ("requires", _requirement),
        ("decides", _decision_rule),
        ("powers", lambda at, p: _power(at, p, denial=False)),
        ("disabilities", lambda at, p: _power(at, p, denial=True)),
    )
    for group, check in groups:
        for j, item in enumerate(getattr(clause, group)):
            yield from check((*loc, group, j), item)


def book_applicability(book: RuleBook) -> list[Issue]:
    """Every provision of the book that names something it cannot apply to."""
    found: list[Issue] = []
    for i, clause in enumerate(book.clauses):
        found += _clause(("clauses", i), clause)
    for a, amendment in enumerate(book.amendments):
        for i, clause in enumerate(amendment.clauses):
            found += _clause(("amendments", a, "clauses", i), clause)
    return found
