"""Handlers for every act kind of the vocabulary, registered by kind.

Importing this package registers all handlers in :data:`HANDLERS`.
"""

from __future__ import annotations

from govsim.engine.acts import (
    agenda,
    amendments,
    bodies,
    cases,
    decisions,
    interim,
    offices,
    ratification,
)
from govsim.engine.acts.base import HANDLERS, Handler

__all__ = ["HANDLERS", "Handler"]

_MODULES = (
    agenda,
    amendments,
    bodies,
    cases,
    decisions,
    interim,
    offices,
    ratification,
)
