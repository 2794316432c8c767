"""A capture as a scenario file, and the lint finding behind its first act.

The file is an ordinary scenario, written as witnesses and counterexamples
are (:mod:`govsim.probing.scenariofiles`): the organisation and the rule book
by relative path, the capture's acts, and an ``expect:`` block with every
act's verdict, so ``govsim run`` replays it with the same verdicts and pytest
keeps it as a test. The invariants are checked as in any scenario: a replay
shows what the capture breaks (``self_entrenchment`` for an amendment that
takes from what holds the body to account). It is replayed before it is moved into place.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govsim.documents.writing import dump_yaml
from govsim.errors import GovsimError
from govsim.probing.scenariofiles import (
    act_data,
    organisation_entry,
    rulebook_entry,
    write_replayed,
)

if TYPE_CHECKING:
    from govsim.analysis.capture import Capture
    from govsim.analysis.lint.report import Finding
    from govsim.probing.trial import Design

__all__ = [
    "CaptureMismatchError",
    "capture_document",
    "default_name",
    "enabling_finding",
    "write_capture",
]

_NOT_IDENT = re.compile(r"[^A-Za-z0-9_.\-]+")


class CaptureMismatchError(GovsimError, RuntimeError):
    """A capture replayed from its file did not give the search's verdicts (a bug)."""


def default_name(capture: Capture) -> str:
    """``<book>-capture-<coalition>.govsim.yaml``, with safe characters."""
    stem = f"{capture.book}-capture-{capture.coalition.label}"
    return _NOT_IDENT.sub("-", stem) + ".govsim.yaml"


def enabling_finding(
    capture: Capture, design: Design
) -> tuple[str | None, Finding | None]:
    """The clause that empowered the first act, and the lint finding naming it.

    A finding names it when it cites that clause and is about the actor or one
    of the coalition's bodies, preferably also about the body the act is
    aimed at (the one dissolved, or seated); ``None`` when no lint check
    reports it.
    """
    from govsim.analysis.lint import lint

    if not capture.records:
        return None, None
    first = capture.records[0]
    clause = next(
        (r.clause for r in first.reasons if r.rule == "power" and r.holds), None
    )
    if clause is None:
        return None, None
    about = {first.actor, *capture.coalition.bodies}
    act = capture.acts[0][1]
    aimed = {getattr(act, name, None) for name in ("body", "office")} - {None}
    naming = [
        f
        for f in lint(design.book, design.organisation).findings
        if clause in f.clauses and about & set(f.subjects)
    ]
    # One about the body the act is aimed at says most; then the first.
    naming.sort(key=lambda f: not aimed & set(f.subjects))
    return clause, next(iter(naming), None)


def capture_document(
    capture: Capture, design: Design, directory: Path
) -> dict[str, Any]:
    """The capture as scenario data, with paths relative to ``directory``."""
    book = rulebook_entry(design, directory)
    label = capture.coalition.label
    steps = "; ".join(why for _, why in capture.steps())
    return {
        "schema_version": 1,
        "scenario": _NOT_IDENT.sub("-", f"capture-{label}"),
        "title": f"{label} escapes account under {capture.book} "
        f"in {len(capture.records)} act(s)",
        "description": f"Found by govsim capture: {steps}. Before: {capture.before}. "
        f"After: {capture.after}.",
        "organisation": organisation_entry(design, directory),
        "rulebooks": [book],
        # Dates of their own: one shared with an act is written as a YAML alias.
        "start": dt.date.fromordinal(capture.start.toordinal()),
        "end": dt.date.fromordinal(capture.acts[-1][1].at.toordinal()),
        "acts": [act_data(act) for _, act in capture.acts],
        "expect": {
            capture.book: {"verdicts": {r.id: r.verdict.value for r in capture.records}}
        },
    }


def write_capture(capture: Capture, design: Design, path: Path) -> Path:
    """Write the capture to ``path`` after checking that it replays the same.

    Raises:
        CaptureMismatchError: the file does not give the search's verdicts
            (a bug in govsim; the file is not left behind).
        UsageError: the system refuses to create the folder or the file.
    """
    header = (
        f"Capture found by govsim capture under {capture.book}: "
        f"{capture.coalition.label} in {len(capture.records)} act(s)\n"
        "Replay it with: govsim run <this file>"
    )
    text = dump_yaml(capture_document(capture, design, path.parent), header=header)
    return write_replayed(path, text, lambda draft: _verify(draft, capture), "--out")


def _verify(draft: Path, capture: Capture) -> None:
    from govsim.running import run

    result = run(draft, capture.book)
    unmet = [c for c in result.expectations if not c.met]
    if unmet:
        found = "; ".join(f"{c.description} (found {c.actual})" for c in unmet)
        raise CaptureMismatchError(
            f"the capture file {draft.name} does not replay under {capture.book}: "
            f"{found}. This is a bug in govsim; please report it."
        )
