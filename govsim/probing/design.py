"""Turn what a user asks a search for into a design and checked choices.

Files, ids and names are the user's input, so every mistake here is a
:class:`~govsim.errors.UsageError` or :class:`~govsim.errors.DocumentError`
that says what to do: an unknown invariant or act kind (with a did-you-mean),
actors the organisation does not have, an organisation too small for the
actors asked for, a rule book written for another organisation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from govsim.documents import did_you_mean, load_yaml_file
from govsim.documents.finding import find_organisation
from govsim.errors import UsageError
from govsim.model.acts import ACT_KINDS
from govsim.model.clauses import ResolvedBook, merge_books
from govsim.model.loading import load_organisation, load_rulebook_for
from govsim.model.organisation import Organisation
from govsim.model.rulebook import RuleBook
from govsim.probing.trial import Chosen, Design
from govsim.probing.vocabulary import NEVER_BUILT

__all__ = [
    "choose_actors",
    "choose_invariants",
    "choose_kinds",
    "find_organisation",
    "load_design",
]

InvariantSpec = str | Mapping[str, Mapping[str, int | float | str]]


def load_design(
    rulebook: str | Path | ResolvedBook | RuleBook,
    organisation: str | Path | Organisation | None = None,
) -> Design:
    """Load a rule book and the organisation it runs on into a :class:`Design`.

    Args:
        rulebook: a rule book file, or a book already in memory.
        organisation: an organisation file or document; absent, the file
            beside the book (or one folder up) whose id the book names.
    """
    org_path: Path | None = None
    if isinstance(organisation, Organisation):
        org = organisation
    elif organisation is not None:
        org_path = Path(organisation)
        org = load_organisation(org_path)
    else:
        if not isinstance(rulebook, str | Path):
            raise UsageError(
                "a rule book given in memory needs its organisation: pass organisation="
            )
        book_file = Path(rulebook)
        ident = _book_organisation(book_file)
        org_path = find_organisation(book_file, ident)
        if org_path is None:
            named = f" '{ident}'" if ident else ""
            raise UsageError(
                f"no organisation{named} found beside {book_file} or in its parent "
                "folder; pass one with --org (or organisation=)"
            )
        org = load_organisation(org_path)
    if isinstance(rulebook, ResolvedBook):
        return Design(org, rulebook, org_path)
    if isinstance(rulebook, RuleBook):
        if rulebook.extends is not None:
            raise UsageError(
                f"rule book {rulebook.rulebook} extends another; load it from its file"
            )
        return Design(org, merge_books(rulebook, None), org_path, document=rulebook)
    book_path = Path(rulebook)
    return Design(org, load_rulebook_for(book_path, org), org_path, book_path)


def _book_organisation(path: Path) -> str | None:
    data, _ = load_yaml_file(path)
    ident = data.get("organisation") if isinstance(data, dict) else None
    return ident if isinstance(ident, str) else None


def choose_invariants(
    invariants: str | Iterable[InvariantSpec], *, allow_none: bool = False
) -> Chosen:
    """The invariants a search checks: ``"all"``, or names with optional parameters.

    ``{"notice_before_sanction": {"days": 30}}`` sets a parameter; the
    catalogue (``govsim invariants``) lists names and parameters. An empty
    choice is allowed only with ``allow_none`` (a machine whose properties
    are the user's own).
    """
    from govsim.invariants import INVARIANTS

    if not isinstance(invariants, str):
        invariants = list(invariants)
        if invariants == ["all"]:
            invariants = "all"
    if isinstance(invariants, str) and invariants != "all":
        invariants = [invariants]
    if invariants == "all":
        return [
            (inv, {}) for inv in sorted(INVARIANTS.values(), key=lambda i: i.number)
        ]
    chosen: dict[str, dict[str, int | float | str]] = {}
    for spec in invariants:
        items = [(spec, {})] if isinstance(spec, str) else list(spec.items())
        for name, params in items:
            inv = INVARIANTS.get(name)
            if inv is None:
                raise UsageError(
                    f"unknown invariant '{name}'{did_you_mean(name, INVARIANTS)}; "
                    "`govsim invariants` lists them"
                )
            for param in params:
                if inv.param(param) is None:
                    known = ", ".join(p.name for p in inv.params) or "none"
                    raise UsageError(
                        f"invariant {name} has no parameter '{param}' (it has: {known})"
                    )
            chosen[name] = dict(params)
    if not chosen and not allow_none:
        raise UsageError("name at least one invariant to check (--invariant NAME)")
    return sorted(
        ((INVARIANTS[n], p) for n, p in chosen.items()), key=lambda c: c[0].number
    )


def choose_kinds(kinds: Sequence[str] | None) -> tuple[str, ...]:
    """The act kinds a search may use (default: every kind it can build).

    ``amend_rules`` is not among them: changing the rules takes new clause
    text, which these searches do not invent.
    """
    drawn = tuple(k for k in ACT_KINDS if k not in NEVER_BUILT)
    if not kinds:
        return drawn
    for kind in kinds:
        if kind not in ACT_KINDS:
            raise UsageError(
                f"unknown act '{kind}'{did_you_mean(kind, ACT_KINDS)}; "
                f"the act kinds a search draws are: {', '.join(drawn)}"
            )
        if kind in NEVER_BUILT:
            raise UsageError(
                f"a search cannot draw {kind}: changing the rules takes new clause "
                "text, which it does not invent (govsim capture searches amendments)"
            )
    return tuple(dict.fromkeys(kinds))


def choose_actors(
    actors: Sequence[str] | int | None, organisation: Organisation
) -> frozenset[str] | None:
    """Who may act: ids of persons and bodies, or a number of persons.

    A number stands for the first persons of the organisation, with every
    body; ``None`` lets everyone act.
    """
    if actors is None:
        return None
    persons = list(organisation.persons)
    if isinstance(actors, int):
        if actors < 1:
            raise UsageError("ask for at least one actor")
        if actors > len(persons):
            raise UsageError(
                f"organisation {organisation.organisation} has {len(persons)} persons, "
                f"too few for {actors} actors; ask for fewer or add persons"
            )
        return frozenset(persons[:actors]) | frozenset(organisation.bodies)
    known = set(persons) | set(organisation.bodies)
    for actor in actors:
        if actor not in known:
            raise UsageError(
                f"no person or body '{actor}' in organisation "
                f"{organisation.organisation}{did_you_mean(actor, known)}"
            )
    if not actors:
        raise UsageError("name at least one actor")
    return frozenset(actors)
