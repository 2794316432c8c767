"""The checks a rule book's clauses get, wherever the clauses are written.

The act kinds a clause names must be in the vocabulary, and the bodies it
names must be the organisation's. A book's own clauses and its dated
amendments get them when the book loads; the clauses an ``amend_rules`` act
brings get the same checks when the scenario loads
(:func:`new_clause_issues`), so an amendment cannot make a broken book.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from govsim.documents.suggest import did_you_mean
from govsim.errors import Problem
from govsim.model.acts import ACT_KINDS
from govsim.model.applicability import book_applicability
from govsim.model.common import Issue, Loc
from govsim.model.organisation import Body, BodyKind, Organisation
from govsim.model.rulebook import Clause, Entrenchment, RuleBook
from govsim.model.selectors import BodyKindActor, JointActor, PersonActor

__all__ = [
    "act_names",
    "body_refs",
    "failed_book_issues",
    "located_clauses",
    "new_clause_issues",
]


def located_clauses(book: RuleBook) -> list[tuple[Loc, Clause]]:
    """Every clause a book writes, with its location: its own, then its amendments'."""
    located: list[tuple[Loc, Clause]] = [
        (("clauses", i), clause) for i, clause in enumerate(book.clauses)
    ]
    located += [
        (("amendments", a, "clauses", i), clause)
        for a, amendment in enumerate(book.amendments)
        for i, clause in enumerate(amendment.clauses)
    ]
    return located


def _clause_items(base: Loc, clause: Clause) -> list[tuple[Loc, Any]]:
    """A clause's powers, disabilities, requirements and decisions, located.

    These are the items that name acts (``acts``, ``then``) and who acts
    (``by``), which the checks below read.
    """
    return [
        ((*base, group, j), item)
        for group in ("powers", "disabilities", "requires", "decides")
        for j, item in enumerate(getattr(clause, group))
    ]


def act_names(book: RuleBook) -> list[Issue]:
    """Act kinds named in a book, amendments included, that the vocabulary does not know."""
    found: list[Issue] = []
    known = set(ACT_KINDS)
    for base, clause in located_clauses(book):
        for loc, item in _clause_items(base, clause):
            named = [((*loc, "acts", j), name) for j, name in enumerate(item.acts)]
            then = getattr(item, "then", None)
            if then is not None:
                named.append(((*loc, "then"), then))
            found += [
                (where, f"unknown act '{name}'{did_you_mean(name, known)}")
                for where, name in named
                if name not in known
            ]
    return found


def failed_book_issues(data: Any, found: list[Problem]) -> list[Issue]:
    """Unknown act names in the sound clauses of a book that failed validation.

    A misspelt act is a mistake of its own, not a consequence of a wrong key
    elsewhere in the book, so it is reported in the same run.
    """
    clauses = data.get("clauses") if isinstance(data, dict) else None
    if not isinstance(clauses, list):
        return []
    failed = {p.loc[1] for p in found if p.loc[:1] == ("clauses",) and len(p.loc) > 1}
    issues: list[Issue] = []
    for i, raw in enumerate(clauses):
        if i in failed:
            continue
        try:
            clause = Clause.model_validate(raw)
        except ValidationError:  # sound within the book, but not alone
            continue
        one = RuleBook.model_construct(
            schema_version=1, rulebook="clause", clauses=(clause,)
        )
        issues += [(("clauses", i, *loc[2:]), m) for loc, m in act_names(one)]
    return issues


def body_refs(book: RuleBook, org: Organisation) -> list[Issue]:
    """Body ids a book names that its organisation does not have.

    Amendments' clauses included; a membership body named as a shared office
    (``conflicts:``) is refused too, since it would conflict every member.
    """
    found: list[Issue] = []
    bodies = set(org.bodies)

    def actor(loc: tuple[str | int, ...], sel: Any) -> None:
        names: tuple[str, ...] = ()
        if isinstance(sel, str):
            if sel not in bodies:
                found.append(
                    (
                        loc,
                        f"unknown body '{sel}' in organisation {org.organisation}{did_you_mean(sel, bodies)}",
                    )
                )
            return
        if isinstance(sel, JointActor):
            names = sel.joint_of
        elif isinstance(sel, PersonActor):
            names = sel.bodies
        elif isinstance(sel, BodyKindActor):
            return
        for j, name in enumerate(names):
            if name not in bodies:
                found.append(
                    ((*loc, j), f"unknown body '{name}'{did_you_mean(name, bodies)}")
                )

    for base, clause in located_clauses(book):
        for loc, item in _clause_items(base, clause):
            if getattr(item, "by", None) is not None:
                actor((*loc, "by"), item.by)
        for j, req in enumerate(clause.requires):
            for key in ("review_by", "appeal_bodies", "custodians", "obligee"):
                named = getattr(req, key, None)
                for k, name in enumerate(
                    (named,) if isinstance(named, str) else named or ()
                ):
                    if name not in bodies:
                        where = (*base, "requires", j, key)
                        found.append(
                            (
                                where if isinstance(named, str) else (*where, k),
                                f"unknown body '{name}'{did_you_mean(name, bodies)}",
                            )
                        )
        for j, rule in enumerate(clause.conflicts):
            for k, name in enumerate(rule.shared_seat_on):
                where = (*base, "conflicts", j, "shared_seat_on", k)
                if name not in bodies:
                    found.append(
                        (where, f"unknown body '{name}'{did_you_mean(name, bodies)}")
                    )
                elif org.bodies[name].kind == "membership":
                    found.append(
                        (
                            where,
                            f"'{name}' is a membership body: every member shares "
                            "it with the parties, so everyone would be conflicted; "
                            "name the bodies whose members are colleagues",
                        )
                    )
        if isinstance(clause.entrenched, Entrenchment):
            for j, sel in enumerate(clause.entrenched.by):
                actor((*base, "entrenched", "by", j), sel)
        for j, link in enumerate(clause.accountability):
            for key in ("by", "of"):
                name = getattr(link, key)
                if name not in bodies:
                    found.append(
                        (
                            (*base, "accountability", j, key),
                            f"unknown body '{name}'{did_you_mean(name, bodies)}",
                        )
                    )
    return found


def new_clause_issues(
    book: RuleBook, org: Organisation | None, created: Mapping[str, BodyKind]
) -> list[Issue]:
    """What a book's loader would refuse in these clauses, an act's new ones.

    ``created``: bodies acts created before the amendment, with their kinds;
    an amendment may hand powers to a committee the scenario set up.
    """
    found = act_names(book) + book_applicability(book)
    if org is not None:
        bodies = {b: Body(kind=k) for b, k in created.items()} | dict(org.bodies)
        found += body_refs(book, org.model_copy(update={"bodies": bodies}))
    return found
