"""Lint a rule book: every check, on every version of it, in one report.

The book is loaded with its organisation, every registered check runs on
each version, and the findings are gathered.

A book with amendments is linted as in force before the first amendment and
after each one; a finding that holds in several versions is reported once,
listing them. The organisation is read as it stands after its last dated
seat, so the latest composition of every body counts.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from govsim.analysis.lint.registry import CHECKS, rules
from govsim.analysis.lint.report import Finding, LintReport
from govsim.analysis.lint.view import BookView
from govsim.documents import did_you_mean
from govsim.errors import DocumentError, UsageError
from govsim.model.clauses import ResolvedBook
from govsim.model.organisation import Organisation
from govsim.model.rulebook import RuleBook

__all__ = ["epochs", "lint", "load_book"]

BookArg = str | Path | ResolvedBook | RuleBook
OrgArg = str | Path | Organisation | None


def epochs(book: ResolvedBook) -> list[tuple[str, dt.date]]:
    """Each version of a book: a label and a day on which it is in force."""
    if not book.amendments:
        return [("as written", dt.date.min)]
    first = book.amendments[0]
    out = []
    if first.in_force > dt.date.min:  # one in force from year 1 leaves no day before
        out.append((f"before {first.id}", first.in_force - dt.timedelta(days=1)))
    out += [(f"{a.id} ({a.in_force.isoformat()})", a.in_force) for a in book.amendments]
    return out


_LAST_LOOKED_AT = dt.date.max - dt.timedelta(days=1)
"""The last day the linter looks at: its probes act on it and look a day on."""


def latest_day(organisation: Organisation) -> dt.date:
    """The day after every dated seat and relation of the organisation.

    A seat dated to the calendar's end (``until: 9999-12-31``) has no day
    after it; the linter looks at the day before the end instead.
    """
    dates = [dt.date(2000, 1, 1)]
    for body in organisation.bodies.values():
        dates += [d for s in body.seats for d in (s.start, s.until) if d]
    dates += [d for r in organisation.relations for d in (r.start, r.until) if d]
    last = max(dates)
    return last + dt.timedelta(days=1) if last < _LAST_LOOKED_AT else _LAST_LOOKED_AT


def load_book(
    book: BookArg, organisation: OrgArg, *, verb: str = "lint"
) -> tuple[ResolvedBook, Organisation]:
    """The resolved book a user names (a path or an id) and its organisation.

    An organisation given must be the one the book names; a book written for
    another is refused at its ``organisation:`` key, and the message suggests
    to ``verb`` it without the organisation. ``govsim graph`` reads books the
    same way.

    Raises:
        UsageError: an unknown book, or no organisation found.
        DocumentError: a malformed book or organisation, a book written for
            another organisation, or a file that is not a rule book but a
            scenario, an organisation, a model or a sweep spec.
    """
    from govsim.documents.finding import find_rulebook
    from govsim.model.loading import load_organisation
    from govsim.probing.design import load_design

    if isinstance(book, str | Path):
        book = find_rulebook(book)
    if isinstance(organisation, str | Path):
        organisation = load_organisation(organisation)
    if isinstance(book, Path):
        _refuse_other_documents(book, verb)
    if isinstance(book, Path) and organisation is not None:
        _same_organisation(book, organisation, verb)
    design = load_design(book, organisation)
    return design.book, design.organisation


def _refuse_other_documents(path: Path, verb: str) -> None:
    """Refuse a scenario, organisation, model or sweep spec given as a rule book.

    Said at the key that tells what the file is, with what to pass instead,
    rather than as a missing organisation or a missing ``rulebook:`` key.
    """
    from govsim.documents import load_yaml_file
    from govsim.documents.kinds import kind_of

    data, source = load_yaml_file(path)
    if not isinstance(data, dict) or "rulebook" in data:
        return
    kind = kind_of(data)
    if kind is None:
        return
    key = kind.key
    named = f" ('{data[key]}')" if isinstance(data[key], str) else ""
    message = f"this file is {kind.noun}{named}"
    if key == "organisation":
        message += (
            f", not a rule book; {verb} a rule book written for it instead, "
            f"with --org {path} if the organisation is not beside the book"
        )
    else:
        books = _books_named(path, data)
        message += (
            f", not a rule book; {verb} one of the rule books it runs instead: "
            + (", ".join(books) if books else "those its scenario names")
        )
    raise DocumentError.single(message, source.span((key,)), (key,))


def _books_named(path: Path, data: dict[str, object]) -> list[str]:
    """The books a document runs, each id with its file where it is found."""
    from govsim.documents.finding import BookFinder

    base = path.parent
    targets = [
        Path(os.path.normpath(base / str(data[key])))
        for key in ("organisation", "scenario", "model")
        if isinstance(data.get(key), str)
    ]
    finder = BookFinder()
    refs = data.get("rulebooks")
    named: list[str] = []
    for ref in refs if isinstance(refs, list) else []:
        if isinstance(ref, dict):
            named.append(f"{ref.get('rulebook', 'a book')} (written inside it)")
        elif isinstance(ref, str):
            found = finder.locate(ref, folder=base, named=targets)
            named.append(f"{ref} ({found})" if found else ref)
    return named


def _same_organisation(path: Path, organisation: Organisation, verb: str) -> None:
    """Refuse a book that names another organisation, at its ``organisation:`` key.

    Checked before the book's bodies, which would otherwise each be reported
    unknown in the organisation given.
    """
    from govsim.documents import load_yaml_file

    data, source = load_yaml_file(path)
    named = data.get("organisation") if isinstance(data, dict) else None
    if isinstance(named, str) and named != organisation.organisation:
        raise DocumentError.single(
            f"rule book '{data.get('rulebook', path.name)}' is written for "
            f"organisation '{named}', not '{organisation.organisation}' (the "
            f"organisation given); {verb} it without --org, or with an "
            f"organisation file of '{named}'",
            source.span(("organisation",)),
            ("organisation",),
        )


def _chosen(ignore: Iterable[str]) -> tuple[str, ...]:
    known = rules()
    chosen = tuple(dict.fromkeys(ignore))
    for code in chosen:
        if code not in known:
            raise UsageError(
                f"unknown lint code '{code}'{did_you_mean(code, known)}; "
                f"the codes are: {', '.join(known)}"
            )
    return chosen


def lint(
    book: BookArg,
    organisation: OrgArg = None,
    *,
    ignore: Sequence[str] = (),
) -> LintReport:
    """Lint a rule book on an organisation with every registered check.

    Args:
        book: a rule book file, a rule book id (looked up here and under
            ``scenarios/``, see :func:`govsim.documents.finding.find_rulebook`),
            or a book already in memory.
        organisation: an organisation file or document; absent, the file
            beside the book (or one folder up) whose id the book names.
        ignore: finding codes to leave out.

    Raises:
        UsageError: an unknown book id or code, or no organisation found.
        DocumentError: a malformed book or organisation, or a book written
            for another organisation.
    """
    ignored = _chosen(ignore)
    resolved, org = load_book(book, organisation)
    day = latest_day(org)
    found: dict[tuple[str, str, tuple[str, ...]], Finding] = {}
    labels: dict[tuple[str, str, tuple[str, ...]], list[str]] = {}
    linted: list[str] = []
    for label, in_force in epochs(resolved):
        linted.append(label)
        view = BookView(resolved, org, resolved.clauses_on(in_force), label, day)
        for check in CHECKS.values():
            for finding in check.run(view):
                if finding.code in ignored:
                    continue
                found.setdefault(finding.key(), finding)
                labels.setdefault(finding.key(), []).append(label)
    order = {code: i for i, code in enumerate(rules())}
    findings = sorted(
        (
            Finding(**{**vars(f), "epochs": tuple(dict.fromkeys(labels[key]))})
            for key, f in found.items()
        ),
        key=lambda f: (order.get(f.code, len(order)), f.message),
    )
    return LintReport(
        resolved.id, org.organisation, tuple(linted), tuple(findings), ignored
    )
