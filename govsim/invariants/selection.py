"""Which invariants a scenario checks, with what parameters, and mistakes in that choice.

A scenario says ``invariants: all`` (the default), ``none``, or lists names,
each optionally with parameter overrides (``{notice_before_sanction: {days:
30}}``); the value ``book`` insists that the rule book states the parameter.
Unknown names and parameters, and ``book`` values the book does not define,
are positioned errors — never a silent skip.
"""

from __future__ import annotations

import datetime as dt

from govsim.documents import did_you_mean
from govsim.invariants.base import INVARIANTS, Invariant, Param, ParamValue
from govsim.model.clauses import ResolvedBook
from govsim.model.common import Issue
from govsim.model.scenario import Scenario

__all__ = ["book_issues", "choose", "selection_issues"]

Chosen = list[tuple[Invariant, dict[str, ParamValue]]]


def _entries(
    scenario: Scenario,
) -> list[tuple[tuple[str | int, ...], str, dict[str, ParamValue]]]:
    """(location, name, overrides) for each listed invariant."""
    if isinstance(scenario.invariants, str):
        return []
    out: list[tuple[tuple[str | int, ...], str, dict[str, ParamValue]]] = []
    for i, entry in enumerate(scenario.invariants):
        if isinstance(entry, str):
            out.append((("invariants", i), entry, {}))
        else:
            for name, params in entry.items():
                out.append((("invariants", i, name), name, dict(params)))
    return out


def _unknown(name: str) -> str:
    return (
        f"unknown invariant '{name}'{did_you_mean(name, INVARIANTS)}; "
        "`govsim invariants` lists them"
    )


def _bad_value(spec: Param, value: ParamValue) -> str | None:
    """What is wrong with an override, if anything.

    Judged by the kind of its default, and by what the parameter accepts (a
    threshold must read as a share of votes).
    """
    default = spec.default
    if isinstance(value, int | float) and value < 0:
        return f"{value} is negative; give 0 or more"
    if isinstance(default, int) and not isinstance(value, int):
        return f"give a whole number (default {default}), or 'book'"
    if isinstance(default, float) and not (
        isinstance(value, int | float) and value <= 1
    ):
        return f"give a share between 0 and 1 (default {default}), or 'book'"
    return spec.accepts(value) if spec.accepts is not None else None


def selection_issues(scenario: Scenario) -> list[Issue]:
    """Unknown invariants and parameters in the scenario's choice and expectations."""
    issues: list[Issue] = []
    for loc, name, params in _entries(scenario):
        inv = INVARIANTS.get(name)
        if inv is None:
            issues.append((loc, _unknown(name)))
            continue
        for param, value in params.items():
            spec = inv.param(param)
            if spec is not None and value != "book":
                problem = _bad_value(spec, value)
                if problem:
                    issues.append(((*loc, param), problem))
                continue
            if spec is None:
                known = [p.name for p in inv.params]
                issues.append(
                    (
                        (*loc, param),
                        f"invariant {name} has no parameter '{param}'"
                        + (
                            did_you_mean(param, known)
                            or f" (it has: {', '.join(known) or 'none'})"
                        ),
                    )
                )
    checked = {n for _, n, _ in _entries(scenario)}
    for book, expect in scenario.expect.items():
        if expect.invariants is None:
            continue
        base: tuple[str | int, ...] = ("expect", book, "invariants")
        named = [((*base, "broken", n), n) for n in expect.invariants.broken]
        named += [
            ((*base, "holds", i), n) for i, n in enumerate(expect.invariants.holds)
        ]
        named += [((*base, "prevented", n), n) for n in expect.invariants.prevented]
        for loc, name in named:
            if name not in INVARIANTS:
                issues.append((loc, _unknown(name)))
            elif scenario.invariants == "none" or (
                not isinstance(scenario.invariants, str) and name not in checked
            ):
                issues.append(
                    (loc, f"invariant {name} is not among those the scenario checks")
                )
    return issues


def choose(scenario: Scenario) -> Chosen:
    """The invariants to check, in catalogue order, with their overrides."""
    if scenario.invariants == "none":
        return []
    if scenario.invariants == "all":
        return [
            (inv, {}) for inv in sorted(INVARIANTS.values(), key=lambda i: i.number)
        ]
    chosen = {name: params for _, name, params in _entries(scenario)}
    return [
        (INVARIANTS[name], params)
        for name, params in sorted(
            chosen.items(), key=lambda kv: INVARIANTS[kv[0]].number
        )
    ]


def book_issues(scenario: Scenario, book: ResolvedBook, at: dt.date) -> list[Issue]:
    """Parameters set to ``book`` that the book does not state on ``at``."""
    clauses = book.clauses_on(at)
    issues: list[Issue] = []
    for loc, name, params in _entries(scenario):
        inv = INVARIANTS.get(name)
        for param, value in params.items():
            spec = inv.param(param) if inv else None
            if value != "book" or spec is None:
                continue
            if spec.read is None or spec.read(clauses) is None:
                issues.append(
                    (
                        (*loc, param),
                        f"rule book {book.id} does not define {name}.{param}; "
                        f"give a value instead of 'book' (default {spec.default})",
                    )
                )
    return issues
