"""Progress of a long command on a terminal, and what it says when interrupted.

A search (``govsim explore``) shows a rich progress bar on stderr when
stderr is a terminal: histories done of those planned, the rate, the
shortest counterexample found so far and the time left. On a pipe, in a log
or with ``--json`` nothing is drawn, but the last progress is still kept, so
that Ctrl-C can end the command with one line saying what was done, and exit
code 130 (what shells report for a command stopped by Ctrl-C).
"""

from __future__ import annotations

import gc
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from types import FrameType

    from rich.console import Console
    from rich.progress import Progress, Task, TaskID
    from rich.text import Text

    from govsim.testing.exploration import SearchProgress

__all__ = ["SearchBar", "progress_bar", "search_bar"]

REDRAW_SECONDS = 0.1
"""The bar moves at most this often (rich redraws ten times a second anyway)."""


def progress_bar(err: Console, *, found: bool, transient: bool) -> Progress:
    """The bar explore and sweep draw: items done of all, rate, ETA.

    ``found`` adds the search's shortest counterexample so far (the task's
    ``found`` field); ``transient`` clears the bar when it ends.
    """
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class RateColumn(ProgressColumn):
        """Items done per second in this session (not counting resumed ones)."""

        def render(self, task: Task) -> Text:
            unit, speed = task.description, task.speed
            return Text(f"-- {unit}/s" if speed is None else f"{speed:,.1f} {unit}/s")

    columns: list[ProgressColumn] = [
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
    ]
    if found:
        columns.append(TextColumn("{task.fields[found]}"))
    columns += [TextColumn("ETA"), TimeRemainingColumn()]
    return Progress(*columns, console=err, transient=transient)


class SearchBar:
    """A search's progress callback: keeps the last report, and draws it if shown."""

    def __init__(self, bar: Progress | None) -> None:
        self.bar = bar
        self.last: SearchProgress | None = None
        self.stopping = False
        """Set by Ctrl-C: the next report raises KeyboardInterrupt again."""
        self._task: TaskID | None = None
        self._drawn = 0.0
        self._shortest: int | None = None

    def __call__(self, progress: SearchProgress) -> None:
        """Keep ``progress`` and move the bar to it."""
        if self.stopping:
            raise KeyboardInterrupt
        self.last = progress
        if self.bar is None:
            return
        now = time.monotonic()
        news = progress.shortest != self._shortest
        if self._task is not None and not news and now - self._drawn < REDRAW_SECONDS:
            return  # an exhaustive search tries a history a millisecond
        self._drawn, self._shortest = now, progress.shortest
        found = (
            "no counterexample yet"
            if progress.shortest is None
            else f"shortest counterexample: {progress.shortest} acts"
        )
        # Past its estimate, an exhaustive search has no honest end to show.
        total = progress.total if progress.done <= progress.total else None
        if self._task is None:
            unit = "examples" if progress.mode == "random" else "histories"
            self._task = self.bar.add_task(
                unit, total=total, completed=progress.done, found=found
            )
        else:
            self.bar.update(
                self._task, total=total, completed=progress.done, found=found
            )

    def interrupted(self) -> str:
        """One line saying what the search had done when it was interrupted."""
        last = self.last
        if last is None:
            return "interrupted before the first history was tried; nothing written"
        if last.mode == "random":
            done = f"{last.done:,} of {last.total:,} examples"
        else:
            done = f"{last.done:,} of about {last.total:,} histories (exhaustive)"
        found = (
            "no counterexample found so far"
            if last.shortest is None
            else f"a counterexample of {last.shortest} acts was found but not "
            "yet written; run again to write it"
        )
        return f"interrupted after {done}; {found}"


def _in_gc_callback(frame: FrameType | None) -> bool:
    """Whether ``frame`` runs inside one of the garbage collector's callbacks."""
    codes = {getattr(c, "__code__", None) for c in gc.callbacks}
    while frame is not None:
        if frame.f_code in codes:
            return True
        frame = frame.f_back
    return False


@contextmanager
def _stopped_by_ctrl_c(watch: SearchBar) -> Iterator[None]:
    """Mark ``watch`` as stopping on Ctrl-C, then interrupt as Python does."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signals reach only the main thread
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        watch.stopping = True
        if not _in_gc_callback(frame):
            raise KeyboardInterrupt
        # Raised in a garbage-collector callback (Hypothesis times
        # collections), it would be printed and swallowed: the bar raises it
        # at the next history instead.

    previous = signal.signal(signal.SIGINT, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@contextmanager
def search_bar(err: Console, show: bool) -> Iterator[SearchBar]:
    """A :class:`SearchBar` drawing on ``err`` while the block runs, if ``show``.

    Ctrl-C meanwhile stops the search for certain: the bar raises
    KeyboardInterrupt again at the next history should the first one be lost.
    """
    if not show:
        watch = SearchBar(None)
        with _stopped_by_ctrl_c(watch):
            yield watch
        return
    bar = progress_bar(err, found=True, transient=True)
    watch = SearchBar(bar)
    with bar, _stopped_by_ctrl_c(watch):
        yield watch
