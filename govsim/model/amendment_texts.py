"""The text of an amendment kept in a file of its own (``amend_rules`` ``text_from``).

A bylaws committee drafts the new wording as a rule book document: the
clauses as they are to read, and a ``remove:`` list of those to go. An
``amend_rules`` act names that file instead of writing the clauses inline;
the loader reads it here, and whether each clause is added or replaces one
in force is decided against the book (see
:mod:`govsim.model.amendment_acts`), so the engine sees inline fields only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from govsim.documents import SourceMap, load_yaml_file, validate
from govsim.documents.paths import input_problem, missing_file
from govsim.errors import DocumentError, Problem
from govsim.model.common import Issue, Loc
from govsim.model.rulebook import RuleBook

__all__ = ["AmendmentText", "read_text"]


@dataclass(frozen=True)
class AmendmentText:
    """A text an act reads: the document, where it is, and whose text it is."""

    book: RuleBook
    """The document: its ``clauses`` are the new wording, ``remove`` the repeals."""
    source: SourceMap
    """Positions in the text's file, for problems found in it."""
    owner: str
    """The act that reads it, as messages name it: ``act 'x' (acts.3)``."""

    def problems(self, issues: list[Issue]) -> list[Problem]:
        """Issues located in the text, placed in its file and naming the act."""
        return [
            self.source.problem(loc, _owned(message, self.owner))
            for loc, message in issues
        ]


def read_text(
    ref: str,
    folder: Path,
    owner: str,
    at_act: Callable[[Loc, str], None],
    problems: list[Problem],
) -> AmendmentText | None:
    """Read the text an act names, or ``None`` when it cannot be read.

    Args:
        ref: the path as the act writes it, relative to the scenario's folder.
        folder: the scenario file's folder.
        owner: the act, as messages name it.
        at_act: records an issue at the act's ``text_from`` (a missing file).
        problems: receives problems located in the text's file (its YAML, its
            keys), each naming the act too.
    """
    path = folder / ref
    unreadable = input_problem(path)
    if unreadable is not None:
        at_act(
            ("text_from",),
            missing_file("amendment text", ref, path, unreadable)
            + ": give the path of a rule book document holding the new clauses, "
            "relative to the scenario file",
        )
        return None
    try:
        data, source = load_yaml_file(path)
    except DocumentError as exc:
        problems.extend(_naming(exc.problems, owner))
        return None
    if isinstance(data, dict) and "rulebook" not in data:
        at_act(
            ("text_from",),
            f"'{ref}' is not a rule book document (it has no 'rulebook:' key): an "
            "amendment's text is written as a rule book whose clauses are the new "
            "wording and whose remove: list names the clauses repealed",
        )
        return None
    try:
        book = validate(RuleBook, data, source)
    except DocumentError as exc:
        problems.extend(_naming(exc.problems, owner))
        return None
    text = AmendmentText(book, source, owner)
    problems.extend(text.problems(_text_issues(book)))
    return text


def _owned(message: str, owner: str) -> str:
    """A message about a text, with the act that reads it named."""
    return f"{message} (in the text {owner} reads with text_from)"


def _naming(found: list[Problem], owner: str) -> list[Problem]:
    """The problems of a text's file, each saying which act reads it."""
    return [Problem(p.span, _owned(p.message, owner), p.loc) for p in found]


def _text_issues(book: RuleBook) -> list[Issue]:
    """What a rule book may say but a text of changes may not.

    Clause ids twice over, as in any book; and dated amendments, which an
    act does not adopt (it is itself the amendment).
    """
    found = [issue for issue in book.issues() if issue[0][:1] == ("clauses",)]
    if book.amendments:
        found.append(
            (
                ("amendments",),
                "a text of changes gives its clauses and remove: only; the act "
                "adopts them, so dated amendments here would never apply: move "
                "their clauses into clauses:, or into an amend_rules act of their own",
            )
        )
    listed = set()
    for j, ident in enumerate(book.remove):
        if ident in {c.id for c in book.clauses}:
            found.append(
                (
                    ("remove", j),
                    f"clause '{ident}' is both given new wording and removed: keep "
                    "it in clauses: or in remove:, not both",
                )
            )
        elif ident in listed:
            found.append(
                (("remove", j), f"clause '{ident}' is removed twice: list it once")
            )
        listed.add(ident)
    return found
