"""A static diff of two rule books: their clauses, and which lets more happen.

``govsim.diff(a, b)`` answers "what exactly changes if we adopt this
reform?" in two parts. The clause diff (:mod:`govsim.analysis.clausediff`)
says what the text adds, removes and changes. The permissiveness comparison
(:mod:`govsim.analysis.permissiveness`) says, per act kind and actor, whether
book B lets more happen than book A, less, the same as far as the probes
could tell, or more in some ways and less in others — with a replayed
witness history for every difference, which ``write_witnesses`` saves as
scenario files that ``govsim run`` replays with both verdicts expected.

A diff states no expectation: it describes, it does not judge.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govsim.analysis.bookpair import BookPair, BookRef, OrgRef, load_pair
from govsim.analysis.cast import ROLES
from govsim.analysis.clausediff import ClauseDiff, diff_clauses
from govsim.analysis.permissiveness import (
    Contrast,
    Permissiveness,
    Relation,
    compare_books,
)
from govsim.analysis.situations import joint_actors
from govsim.analysis.witnessfiles import write_witness
from govsim.documents import did_you_mean
from govsim.errors import UsageError
from govsim.probing.design import choose_kinds

if TYPE_CHECKING:
    from govsim.analysis.witness import Witness
    from govsim.model.clauses import ResolvedBook

__all__ = ["EQUIVALENCE", "BookDiff", "diff"]

EQUIVALENCE = (
    "'equivalent' means no difference was found in that many probes, not that "
    "none exists"
)


@dataclass(frozen=True)
class BookDiff:
    """Book B compared with book A: clause changes and permissiveness per act and actor."""

    pair: BookPair
    clauses: ClauseDiff
    permissiveness: Permissiveness

    @property
    def a(self) -> ResolvedBook:
        """Book A, the one compared against."""
        return self.pair.a.book

    @property
    def b(self) -> ResolvedBook:
        """Book B, the one compared."""
        return self.pair.b.book

    @property
    def contrasts(self) -> tuple[Contrast, ...]:
        """Every act kind and actor probed, in act order."""
        return self.permissiveness.contrasts

    def contrast(self, kind: str, actor: str) -> Contrast | None:
        """The contrast for one act kind and actor (``None``: not probed)."""
        return self.permissiveness.contrast(kind, actor)

    def differences(self) -> list[Contrast]:
        """The contrasts where the books differ: more, less or incomparable."""
        differing = {Relation.MORE, Relation.LESS, Relation.INCOMPARABLE}
        return [c for c in self.contrasts if c.relation in differing]

    @property
    def witnesses(self) -> list[Witness]:
        """Every witness, in the order of the contrasts."""
        return [w for c in self.contrasts for w in c.witnesses]

    def write_witnesses(self, directory: str | Path) -> list[Path]:
        """Write each witness as a scenario file in ``directory``, replayed first."""
        folder = Path(directory)
        return [write_witness(w, self.pair, folder) for w in self.witnesses]

    def to_records(self, witness_paths: Sequence[Path] = ()) -> dict[str, Any]:
        """The diff as JSON-ready data (see docs/diff.md for the keys).

        Args:
            witness_paths: the files :meth:`write_witnesses` wrote, in order;
                each witness record then carries its ``path``.
        """
        p = self.permissiveness
        contrasts = [c.to_record() for c in p.contrasts]
        written = iter(witness_paths)
        for record in contrasts:
            for w in record["witnesses"]:
                w["path"] = _path(next(written, None))
        cast = p.cast
        return {
            "a": _book_record(self.pair.a.book.id, self.pair.a.book_path),
            "b": _book_record(self.pair.b.book.id, self.pair.b.book_path),
            "organisation": {
                "id": self.pair.organisation.organisation,
                "path": _path(self.pair.a.organisation_path),
            },
            "clauses": self.clauses.to_record(),
            "permissiveness": {
                "order": "valid > irregular > void",
                "equivalence": EQUIVALENCE,
                "start": p.start.isoformat(),
                "cast": {
                    "complainant": cast.complainant,
                    "respondent": cast.respondent,
                    "member": cast.member,
                    "anyone": cast.outsider,
                },
                "situations": [
                    {"name": s.name, "description": s.description, "acts": len(s.steps)}
                    for s in p.situations
                ],
                "notes": list(p.notes),
                "probes": p.probes,
                "unempowered": p.unempowered,
                "contrasts": contrasts,
            },
        }


def _path(path: Path | None) -> str | None:
    return None if path is None else str(path)


def _book_record(ident: str, path: Path | None) -> dict[str, Any]:
    return {"rulebook": ident, "path": _path(path)}


def _choose_actors(pair: BookPair, actors: Sequence[str] | None) -> list[str]:
    org = pair.organisation
    every = [*org.bodies, *joint_actors(pair.a.book, pair.b.book), *ROLES]
    if not actors:
        return every
    for actor in actors:
        if actor in org.persons:
            raise UsageError(
                f"'{actor}' is a person; probe a body, or a role "
                f"({', '.join(ROLES)}) that persons act in"
            )
        if actor not in every:
            raise UsageError(
                f"no body or role '{actor}' in organisation {org.organisation}"
                f"{did_you_mean(actor, every)}; the roles are {', '.join(ROLES)}"
            )
    return list(dict.fromkeys(actors))


def diff(
    a: BookRef,
    b: BookRef,
    organisation: OrgRef | None = None,
    *,
    acts: Sequence[str] | None = None,
    actors: Sequence[str] | None = None,
    near: Path | None = None,
) -> BookDiff:
    """Compare rule book B with rule book A: clauses, and permissiveness with witnesses.

    Args:
        a: the book compared against: a path, a rule book id (looked up in
            ``near`` and under its ``scenarios/``), or a book in memory.
        b: the book compared, likewise.
        organisation: the organisation file or document both run on;
            absent, the file beside book A (or B), or a folder up.
        acts: only probe these act kinds (default: every kind).
        actors: only probe these bodies and roles (``member``, ``party``,
            ``anyone``; default: all).
        near: where ids are looked up (default: the current folder).

    Returns:
        The diff: clause changes, and per act kind and actor whether B is
        equivalent to A (as far as the probes tell), more or less
        permissive, or incomparable, with a replayed witness for each
        difference.

    Raises:
        UsageError: an unknown book id, act kind or actor; no organisation.
        DocumentError: a malformed book, or books written for different
            organisations (positioned at the ``organisation:`` key).

    Examples:
        >>> import govsim
        >>> d = govsim.diff("iso-2013-as-practised", "external-checks")  # doctest: +SKIP
        >>> d.contrast("alter_decision", "sc").relation.value  # doctest: +SKIP
        'less'
    """
    pair = load_pair(a, b, organisation, near=near)
    kinds = choose_kinds(acts)
    chosen = _choose_actors(pair, actors)
    return BookDiff(
        pair,
        diff_clauses(pair.a.book, pair.b.book),
        compare_books(pair, kinds, chosen),
    )
