"""The probing core: designs, histories tried on them act by act, and their files.

``govsim explore`` and the property tests (:mod:`govsim.testing`) search for a
history that breaks an invariant; ``govsim diff`` and ``govsim lint``
(:mod:`govsim.analysis`) probe what two books, or one, allow. Both build their
histories from the same pieces, kept here so that neither depends on the
other, and so that none of them needs Hypothesis:

- :class:`Design` (an organisation and a resolved book) and :class:`Trial` (one
  history grown on it, judged by a replay session and the invariant monitor),
  in :mod:`govsim.probing.trial`;
- the act vocabulary as finite choices for every field, in
  :mod:`govsim.probing.vocabulary`;
- :func:`load_design`, which turns what a user asks for (files, ids, act
  kinds, invariants, actors) into a design and checked choices, in
  :mod:`govsim.probing.design`;
- :func:`start_day`, the day a search starts on, in
  :mod:`govsim.probing.startday`;
- histories written as scenario files that replay, in
  :mod:`govsim.probing.scenariofiles`.
"""

from __future__ import annotations

from govsim.probing.design import load_design
from govsim.probing.startday import start_day
from govsim.probing.trial import Design, Trial

__all__ = ["Design", "Trial", "load_design", "start_day"]
