"""What ``govsim run`` prints: each run's view, explanations, the JSON document.

Kept apart from the command definitions so the commands stay a thin layer and
the look of the output can change without touching argument handling. The
view of one run is :class:`govsim.findings.runview.RunView`, which
``rich.print(result)`` shows too; this module prints one per rule book under
the scenario's heading, and closes with a hint at the options that show more.
Every piece of user text (ids, clause text, messages) goes into
:class:`rich.text.Text` objects, never into markup strings, so brackets in a
document cannot be read as rich markup.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.text import Text

from govsim.findings.runview import RunView, scenario_heading
from govsim.text.wrapping import line, wrap

if TYPE_CHECKING:
    from rich.console import Console

    from govsim.findings.result import Result
    from govsim.model.loading import LoadedScenario

__all__ = [
    "CELL_PADDING",
    "json_document",
    "print_explanations",
    "print_results",
    "unmet_summary",
    "whole_ids_fit",
]


def whole_ids_fit(
    available: int, ids: Sequence[str], fixed: int, folding_columns: int
) -> bool:
    """Whether a table can keep act ids whole and still leave its folding columns room.

    An act id is what ``--explain`` takes, so it should read whole, to be
    copied; but not at the price of folding the prose columns to a few
    letters on a narrow terminal.

    Args:
        available: the width the table may take.
        ids: the act ids of the table's rows (and any other text that shares
            their column and must not wrap either).
        fixed: the width every other column that never wraps takes, with its
            padding, plus the table's borders.
        folding_columns: how many columns fold to make room.
    """
    id_column = max((len(i) for i in ids), default=0) + CELL_PADDING
    spare = available - fixed - id_column
    return spare >= folding_columns * FOLDED_COLUMN_MIN


CELL_PADDING = 2
"""The blanks a rich table puts either side of a cell."""
FOLDED_COLUMN_MIN = 12
"""The narrowest a folding column may be made so that act ids stay whole."""


def _hint(results: Sequence[Result], width: int, *, verbose: bool) -> list[Text]:
    """The closing line of ``govsim run``: what the other views show."""
    if not any(result.acts for result in results):
        return []
    text = Text(style="dim")
    if not verbose:
        text.append("--verbose lists every act; ")
    text.append("--explain ACT says why an act got its verdict.")
    return wrap(text, width, "", "  ")


def print_results(
    console: Console,
    loaded: LoadedScenario,
    results: Sequence[Result],
    *,
    verbose: bool = False,
) -> None:
    """Print the scenario's heading, each run's view, and a hint at the other views.

    Args:
        console: where to print (stdout in the command line).
        loaded: the scenario the runs replay, for its id and title.
        results: one result per rule book, in the order run.
        verbose: list every act and breach, not only the acts that are not valid.
    """
    for heading in scenario_heading(loaded.id, loaded.scenario.title, console.width):
        console.print(heading)
    for result in results:
        console.print(line())
        console.print(RunView(result, verbose=verbose, heading=False))
    hint = _hint(results, console.width, verbose=verbose)
    for printed in [line(), *hint] if hint else []:
        console.print(printed)


def print_explanations(
    console: Console, results: Sequence[Result], act_id: str
) -> None:
    """Print why one act got its verdict under each rule book, one block per run.

    Each block is the :class:`~govsim.findings.result.Explanation`, wrapped
    to the console's width; it quotes each clause once.
    """
    for index, result in enumerate(results):
        if index:
            console.print(line())
        console.print(result.explain(act_id))


def unmet_summary(results: Sequence[Result]) -> list[str]:
    """One line per run with unmet expectations, naming each and what was found.

    Returns:
        An empty list when every expectation of every run is met.
    """
    lines: list[str] = []
    for result in results:
        unmet = [e for e in result.expectations if not e.met]
        if not unmet:
            continue
        listed = "; ".join(
            f"{e.description} (actual: {e.actual or 'nothing'})" for e in unmet
        )
        total = len(result.expectations)
        lines.append(
            f"{len(unmet)} of {total} expectations unmet under {result.rulebook}: {listed}"
        )
    return lines


def json_document(loaded: LoadedScenario, results: Sequence[Result]) -> str:
    """The ``--json`` document: scenario id, title and one entry per run.

    The shape is documented in the README as stable: keys may be added, never
    removed or renamed.
    """
    document: dict[str, Any] = {
        "scenario": loaded.id,
        "title": loaded.scenario.title,
        "runs": [result.to_dict() for result in results],
    }
    return json.dumps(document, indent=2, sort_keys=False, ensure_ascii=False)
