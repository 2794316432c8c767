"""Behaviour models: organisations whose agents act, run many times under a seed.

A model document names an organisation, a population of members in
branches, and behaviours (members whose trust moves with events, branches
that disaffiliate, a disciplinary case an executive may override, proposals
and a dissolution poll). Each run draws one history under one rule book; the
acts the agents choose are judged by the same engine as replayed scenarios.
NumPy is needed to run one (the ``sweep`` extra: ``pip install "govsim[sweep]"``);
without it a run says so. Loading and checking a model need nothing more.

Examples:
    >>> from govsim.simulation import load_model  # doctest: +SKIP
    >>> model = load_model("scenarios/crisis/iso-2019.model.yaml")  # doctest: +SKIP
    >>> model.run("iso-2019-post-convention", seed=1)["voters"]  # doctest: +SKIP
    471
"""

from __future__ import annotations

from govsim.simulation.behaviour import (
    BEHAVIOURS,
    Behaviour,
    Measure,
    Params,
    register_behaviour,
)
from govsim.simulation.model import Model, load_model

__all__ = [
    "BEHAVIOURS",
    "Behaviour",
    "Measure",
    "Model",
    "Params",
    "load_model",
    "register_behaviour",
]
