"""What a scenario that failed validation can still tell the loader.

A scenario with an empty ``acts:`` list may also name a rule book that does
not exist, an organisation file with mistakes of its own, or expectations of a
book it does not run. Those are independent problems; stopping at the first
would make the author fix them one run at a time. :func:`scenario_head` keeps
every top-level key (and every ``expect:`` entry) that validated, so that the
loader can still read the organisation and the books, and check what does
not depend on the parts that failed. A part that failed is left out rather
than guessed at: nothing is reported about it beyond its own problems.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import ValidationError

from govsim.errors import Problem
from govsim.model.acts import Act
from govsim.model.common import Ident, Issue, SchemaVersion
from govsim.model.organisation import Organisation
from govsim.model.rulebook import RuleBook
from govsim.model.scenario import Scenario

__all__ = ["ScenarioHead", "organisation_issues", "scenario_head"]


class ScenarioHead(Scenario):
    """A scenario whose failed parts are left out: each may then be absent."""

    schema_version: SchemaVersion = 1
    scenario: Ident = "scenario"
    organisation: str | Organisation | None = None  # type: ignore[assignment]  # None if it failed
    rulebooks: tuple[str | RuleBook, ...] = ()
    acts: tuple[Act, ...] = ()


def scenario_head(
    data: Any, problems: Iterable[Problem]
) -> tuple[ScenarioHead, frozenset[str]] | None:
    """The parts of a scenario document its validation problems spare.

    Args:
        data: the scenario as parsed from YAML.
        problems: the validation problems found in it.

    Returns:
        The scenario made of the top-level keys with no problem (and the
        ``expect:`` entries and ``rulebooks:`` items with none), and the
        top-level keys with a problem; or
        ``None`` if the document is not a mapping at all.
    """
    if not isinstance(data, Mapping):
        return None
    failed: set[str] = set()
    failed_books: set[str] = set()
    failed_refs: set[str | int] = set()
    for problem in problems:
        if not problem.loc:
            return None
        top = str(problem.loc[0])
        if top == "expect" and len(problem.loc) > 1:
            failed_books.add(str(problem.loc[1]))
            continue
        failed.add(top)
        if top == "rulebooks" and len(problem.loc) > 1:
            failed_refs.add(problem.loc[1])
    kept = {
        key: value
        for key, value in data.items()
        if key not in failed and key in Scenario.model_fields
    }
    refs = data.get("rulebooks")
    if "rulebooks" in failed and isinstance(refs, list) and failed_refs:
        # The books listed soundly are still read, for their own problems.
        kept["rulebooks"] = [r for i, r in enumerate(refs) if i not in failed_refs]
    expect = kept.get("expect")
    if isinstance(expect, Mapping):
        kept["expect"] = {k: v for k, v in expect.items() if str(k) not in failed_books}
    try:
        return ScenarioHead.model_validate(kept), frozenset(failed)
    except ValidationError:  # a part valid alone but not with the rest
        return None


def organisation_issues(data: Any, problems: Iterable[Problem]) -> list[Issue]:
    """The dangling references among the sound parts of an organisation that failed.

    Persons and bodies with a problem of their own are left out, and so is
    every reference to them (it would be called unknown only because the
    entry failed); if ``persons:`` or ``bodies:`` fails as a whole, nothing
    is checked.

    Args:
        data: the organisation as parsed from YAML.
        problems: the validation problems found in it.
    """
    if not isinstance(data, Mapping):
        return []
    failed: set[str] = set()
    dropped: set[str] = set()
    for problem in problems:
        top = str(problem.loc[0]) if problem.loc else ""
        if top in ("", "persons", "bodies") and len(problem.loc) < 2:
            return []
        if top in ("persons", "bodies"):
            dropped.add(str(problem.loc[1]))
        else:
            failed.add(top)
    kept = {
        key: value
        for key, value in data.items()
        if key not in failed and key in Organisation.model_fields
    }
    for key in ("persons", "bodies"):
        entries = kept.get(key)
        if isinstance(entries, Mapping):
            kept[key] = {k: v for k, v in entries.items() if str(k) not in dropped}
    kept.update(schema_version=1, organisation=kept.get("organisation", "organisation"))
    try:
        head = Organisation.model_validate(kept)
    except ValidationError:
        return []
    return [
        (loc, message)
        for loc, message in head.issues()
        if not any(f"'{name}'" in message for name in dropped)
    ]
