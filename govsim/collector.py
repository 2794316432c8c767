"""Python's cyclic garbage collector paused while large, long-lived structures are built.

Reading a large document and running a large model both allocate millions
of objects that are not garbage (a document's dicts, lists and marks; a
run's world and trace) and hardly any reference cycles. Every full
collection walks all of them again, for nothing: it added a third to the
time of reading a document, and made a run of 100,000 members cost 13 to 20
times one of 10,000 (10 to 11 times paused). Reference counting goes on, so
what dies is freed at once; the few cycles left (SimPy processes, a run and
its behaviours) are collected when collection resumes. Only speed and peak
memory depend on this, never results.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["collector_paused"]


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector for the ``with`` block, or the decorated call.

    As a decorator (``@collector_paused()``) the call's own objects die with
    its frame, freed by reference counting before collection resumes, so the
    collection that follows has next to nothing to walk. A collector paused
    already (by the caller, or an enclosing block) stays paused.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
