"""The lint check ``unsourced-clause``: a clause that cites no source.

A rule book kept as data is only as trustworthy as its link to the text it
models: a clause without ``source:`` cannot be checked against the bylaws by
a reader, so this check names each one.
"""

from __future__ import annotations

from collections.abc import Iterator

from govsim.analysis.lint import BookView, Finding, Rule, lint_check

UNSOURCED = Rule(
    "unsourced-clause",
    "a clause that cites no source",
    "A reader cannot check a clause against the bylaws it models when it does "
    "not say which article it comes from.",
    (),
)


@lint_check("unsourced-clauses", UNSOURCED)
def unsourced_clauses(view: BookView) -> Iterator[Finding]:
    """Each clause in force whose ``source:`` is empty."""
    for clause in view.clauses.clauses:
        if not clause.source:
            yield view.finding(
                UNSOURCED,
                f"clause {clause.id} cites no source",
                clauses=[clause.id],
                hint=f"add `source:` to clause {clause.id}: the document, article and version",
            )
