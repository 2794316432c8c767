"""Witnesses as scenario files that ``govsim run`` replays under both books.

A witness file is an ordinary scenario: the organisation and both rule books
by relative path (inline when they exist only in memory), the history's acts,
no invariants, and an ``expect:`` block giving every act's verdict under each
book — so replaying it shows the difference, and pytest keeps it as a test
that fails if either book, or govsim, changes how the act is judged. Like a
counterexample, the file is written beside its destination first and
replayed with the ordinary loader; only a file that reproduces both verdicts
is moved into place.

Two books with the same id (two versions of one book) cannot both be listed
by id in one scenario, so book B is then written inline, resolved, under the
id ``<id>-b``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govsim.analysis.witness import WitnessMismatchError
from govsim.documents.writing import dump_yaml
from govsim.model.rulebook import RuleBook
from govsim.probing.scenariofiles import (
    act_data,
    organisation_entry,
    relative_path,
    write_replayed,
)

if TYPE_CHECKING:
    from govsim.analysis.bookpair import BookPair
    from govsim.analysis.witness import Witness
    from govsim.probing.trial import Design

__all__ = ["file_name", "witness_document", "write_witness"]

_NOT_IDENT = re.compile(r"[^A-Za-z0-9_.\-]+")


def _book_ids(pair: BookPair) -> tuple[str, str]:
    a, b = pair.a.book.id, pair.b.book.id
    return (a, f"{b}-b") if a == b else (a, b)


def _flat(design: Design, ident: str) -> dict[str, Any]:
    """A book written out whole: its resolved clauses under ``ident``, inline."""
    book = design.book
    document = RuleBook(
        schema_version=1,
        rulebook=ident,
        title=book.title,
        organisation=book.organisation,
        enforcement=book.enforcement,
        clauses=book.clauses,
        amendments=book.amendments,
    )
    return document.model_dump(mode="json", by_alias=True, exclude_defaults=True)


def _book_entry(design: Design, ident: str, directory: Path) -> Any:
    if design.book_path is not None and ident == design.book.id:
        return relative_path(design.book_path, directory)
    if design.document is not None and ident == design.book.id:
        return design.document.model_dump(
            mode="json", by_alias=True, exclude_defaults=True
        )
    return _flat(design, ident)


def file_name(witness: Witness, pair: BookPair) -> str:
    """``<a>-vs-<b>-<act>-<actor>-<direction>.govsim.yaml``, with safe characters."""
    a, b = _book_ids(pair)
    stem = f"{a}-vs-{b}-{witness.kind}-{witness.actor}-{witness.direction}"
    return _NOT_IDENT.sub("-", stem) + ".govsim.yaml"


def witness_document(
    witness: Witness, pair: BookPair, directory: Path
) -> dict[str, Any]:
    """The witness as scenario data, with paths relative to ``directory``."""
    ids = _book_ids(pair)
    expect = {
        ident: {"verdicts": {r.id: r.verdict.value for r in records}}
        for ident, records in zip(ids, (witness.a, witness.b), strict=True)
    }
    stem = f"witness-{witness.kind}-{witness.actor}-{witness.direction}"
    return {
        "schema_version": 1,
        "scenario": _NOT_IDENT.sub("-", stem),
        "title": f"{witness.kind} by {witness.actor}: {ids[1]} is {witness.direction} "
        f"permissive than {ids[0]}",
        "description": str(witness),
        "organisation": organisation_entry(pair.a, directory),
        "rulebooks": [
            _book_entry(design, ident, directory)
            for design, ident in zip((pair.a, pair.b), ids, strict=True)
        ],
        "start": witness.start,
        "end": witness.act.at,
        "invariants": "none",
        "acts": [act_data(act) for _, act in witness.acts],
        "expect": expect,
    }


def write_witness(witness: Witness, pair: BookPair, directory: Path) -> Path:
    """Write a witness scenario into ``directory`` after checking that it replays.

    Raises:
        WitnessMismatchError: the written file does not give both verdicts
            (a govsim bug; the file is not left behind).
        UsageError: the system refuses to create the folder or the file.
    """
    header = (
        f"Witness found by govsim diff: {witness}\n"
        "Replay it with: govsim run <this file>"
    )
    text = dump_yaml(witness_document(witness, pair, directory), header=header)
    ids = _book_ids(pair)
    return write_replayed(
        directory / file_name(witness, pair),
        text,
        lambda draft: _verify(draft, ids),
        "--witnesses",
    )


def _verify(draft: Path, ids: tuple[str, str]) -> None:
    from govsim.running import run

    for ident in ids:
        unmet = [c for c in run(draft, ident).expectations if not c.met]
        if unmet:
            found = "; ".join(f"{c.description} (found {c.actual})" for c in unmet)
            raise WitnessMismatchError(
                f"the witness file {draft.name} does not replay under {ident}: "
                f"{found}. This is a bug in govsim; please report it."
            )
