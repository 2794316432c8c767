"""Hypothesis strategies for procedure designs: the public collection.

- :func:`organisations` — bodies of many kinds, seats with overlapping
  memberships, relations that create conflicts of interest;
- :func:`cases` — a complaint opening a case against members;
- :func:`rulebooks` — a plausible book for an organisation;
- :func:`rulebook_variants` — a given book with one or more changes: a clause
  dropped, a threshold lowered, a recusal rule removed, an interim cap
  lengthened, enforcement switched (:func:`changes` lists them all);
- :func:`act_sequences` — dated acts that name only persons, bodies, cases
  and acts that exist, with dates that never go back;
- :func:`scenarios` — all of the above as one scenario document.

They are registered with Hypothesis (entry point ``hypothesis``), so
``st.from_type(Organisation)``, ``st.from_type(RuleBook)`` and
``st.from_type(Scenario)`` work once govsim is installed.

Example::

    from hypothesis import given
    from govsim.testing import strategies as gst

    @given(gst.organisations().flatmap(lambda org: gst.act_sequences(org)))
    def test_replay_never_crashes(acts): ...
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from hypothesis import strategies as st

from govsim.engine.state import Calendar, World
from govsim.model.acts import ActBase
from govsim.model.clauses import ResolvedBook, merge_books
from govsim.model.organisation import Organisation
from govsim.model.rulebook import RuleBook
from govsim.model.scenario import Scenario
from govsim.probing.trial import empowered
from govsim.probing.vocabulary import FIELDS, Ledger, build, buildable
from govsim.testing.books import rulebooks
from govsim.testing.moves import GAPS, Draws, fields
from govsim.testing.organisations import cases, organisations
from govsim.testing.variants import Change, changes, flatten, rulebook_variants

__all__ = [
    "Change",
    "act_sequences",
    "cases",
    "changes",
    "flatten",
    "organisations",
    "rulebook_variants",
    "rulebooks",
    "scenarios",
]

START = dt.date(2024, 1, 1)
"""Default first day of generated histories."""


def act_sequences(
    organisation: Organisation,
    rulebook: RuleBook | ResolvedBook | None = None,
    *,
    min_size: int = 1,
    max_size: int = 30,
    kinds: Sequence[str] | None = None,
    actors: Sequence[str] | None = None,
    start: dt.date = START,
) -> st.SearchStrategy[tuple[ActBase, ...]]:
    """Histories of acts on ``organisation``, each act with an id and a date.

    Acts refer only to persons and bodies of the organisation and to cases,
    decisions, measures, appeals, mandates and proposals that earlier acts
    introduced, so every history passes ``govsim check``; dates never go
    back. With a ``rulebook``, actors the book empowers (on ``start``) are
    drawn three times in four, so histories are not all void acts.

    Args:
        organisation: the organisation the acts happen in.
        rulebook: optional; biases actors towards those holding the power.
        min_size: fewest acts (at least 1: a scenario has acts).
        max_size: most acts.
        kinds: act kinds to use (default: the whole vocabulary).
        actors: who may act (default: every person and body).
        start: the date of the first act.
    """
    chosen_kinds = tuple(kinds) if kinds else tuple(FIELDS)
    allowed = frozenset(actors) if actors is not None else None
    book = merge_books(rulebook, None) if isinstance(rulebook, RuleBook) else rulebook

    @st.composite
    def histories(draw: st.DrawFn) -> tuple[ActBase, ...]:
        ledger = Ledger(organisation)
        calendar = Calendar(start)
        world = World.from_organisation(organisation, calendar)
        size = draw(st.integers(min_size, max_size), label="acts")
        day = start
        acts: list[ActBase] = []
        draws = Draws(lambda low, high: draw(st.integers(low, high)))

        def favoured(kind: str) -> tuple[str, ...]:
            if book is None:
                return ()
            return empowered(book, world, calendar, start, kind)

        for i in range(size):
            possible = [k for k in chosen_kinds if buildable(k, ledger, allowed)]
            if not possible:
                break
            kind = draw(st.sampled_from(possible), label=f"kind of act {i + 1}")
            values = fields(draws, kind, ledger, allowed, favoured)
            if acts:
                day += dt.timedelta(days=draws.pick(GAPS))
            _, act = build(
                kind, values, day, ledger, _holders_on(world, calendar.day(day))
            )
            acts.append(act)
        return tuple(acts)

    if min_size < 1 or max_size < min_size:
        raise ValueError("act_sequences needs 1 <= min_size <= max_size")
    return histories()


def _holders_on(world: World, day: int) -> Callable[[str], list[str]]:
    return lambda body: world.holders(body, day)


def scenarios(
    organisation: Organisation | None = None,
    rulebook: RuleBook | None = None,
    *,
    max_acts: int = 15,
) -> st.SearchStrategy[Scenario]:
    """Whole scenario documents (organisation and book inline) checking every invariant.

    Without an organisation one is drawn; without a book one is drawn for it.
    """

    @st.composite
    def scenario(draw: st.DrawFn) -> Scenario:
        org = organisation if organisation is not None else draw(organisations())
        book = rulebook if rulebook is not None else draw(rulebooks(org))
        acts = draw(act_sequences(org, book, max_size=max_acts))
        return Scenario(
            schema_version=1,
            scenario="generated",
            organisation=org,
            rulebooks=(book,),
            acts=acts,
        )

    return scenario()
