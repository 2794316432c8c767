"""A mutation report: read a mutation run's folder and write one HTML page.

``govsim mutate BOOK --scenarios ... --out DIR`` leaves ``DIR/mutation.json``
and, for each survivor, its variant book under ``DIR/survivors/``. The page
shows what was run, the score and its gate, the survivors grouped by clause
(each with the verdicts it changed, the suggested scenario that would kill
it, and the command that replays its variant book), the killed and the
equivalent mutants, and the clause coverage. The steps, each testable on its
own: the document, checked into the page model (:mod:`.mutation_page`), and
the page (:mod:`.html`, ``templates/mutation.html.j2``).
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from govsim.errors import UsageError
from govsim.reports.html import check_out, render_page, require_viz, write_page
from govsim.reports.mutation_page import (
    MutantRecord,
    MutationDocument,
    mutation_document,
)

__all__ = [
    "MUTATION_FILE",
    "is_mutation_folder",
    "mutation_report",
    "read_mutation",
    "render_mutation_report",
    "replay_commands",
    "score_text",
    "write_mutation_report",
]

MUTATION_FILE: Final = "mutation.json"
"""The document ``govsim mutate --out DIR`` writes in ``DIR``."""
WHAT: Final = "a mutation report"
"""What needs the ``report`` extra, for its message."""
VERDICTS: Final = ("valid", "irregular", "void")
"""Verdicts drawn as coloured badges; any other text is shown as it is."""


def score_text(share: float) -> str:
    """A score or share as a percentage, to one decimal unless it is whole: 66.7%, 80%."""
    return f"{share:.1%}".replace(".0%", "%")


def is_mutation_folder(directory: Path) -> bool:
    """Whether ``directory`` is a mutation run's output: it holds ``mutation.json``.

    The file need not be readable: a damaged one is still the folder of a
    mutation run, and :func:`read_mutation` says what is wrong with it.
    """
    return directory.is_dir() and (directory / MUTATION_FILE).exists()


def read_mutation(directory: Path) -> MutationDocument:
    """Read and check the ``mutation.json`` of a mutation run's folder.

    Raises:
        UsageError: the file is missing, unreadable, not JSON, or not a
            mutation run's document; the message names the file.
    """
    path = Path(directory) / MUTATION_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(
            f"{directory} is not a mutation run's folder: it has no {MUTATION_FILE} "
            "(govsim mutate BOOK --scenarios ... --out DIR writes one)"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise UsageError(f"{path}: cannot read it: {reason}") from None
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise UsageError(f"{path}: not JSON: {exc}") from None
    return mutation_document(data, str(path))


def replay_commands(
    document: MutationDocument, mutant: MutantRecord, folder: str
) -> tuple[str, ...]:
    """The ``govsim compare`` commands that show a survivor beside the book.

    One per scenario whose verdicts (or else whose reasons) the mutant
    changed, or per scenario of the run when it changed neither; none when
    the run kept no variant book. ``compare`` lines the two books' verdicts
    up act by act: a replay under the variant alone would judge no
    expectation, since they are stated for the book's id.
    """
    if mutant.variant is None:
        return ()
    touched = [c.scenario for c in (*mutant.changes, *mutant.reasoned)]
    scenarios = list(dict.fromkeys(touched)) or [s.id for s in document.scenarios]
    variant = str(Path(folder) / mutant.variant)
    return tuple(
        shlex.join(["govsim", "compare", path, "-r", document.book, "-r", variant])
        for path in (document.scenario_path(s) for s in scenarios)
        if path is not None
    )


def render_mutation_report(
    document: MutationDocument | Mapping[str, Any], folder: str | None = None
) -> str:
    """The HTML page of a mutation run, from its document.

    Args:
        document: the run's document, checked or as JSON data (the
            ``mutation.json`` of ``govsim mutate --out``, or ``--json``).
        folder: the run's output folder, as the reader would type it; with
            it, each survivor shows the command that replays its variant
            book. The variant's path relative to the folder is shown either way.

    Raises:
        UsageError: the data is not a mutation run's document; the
            ``report`` extra is missing.
    """
    require_viz(WHAT)
    doc = (
        document
        if isinstance(document, MutationDocument)
        else mutation_document(document, "the mutation run's document")
    )
    return render_page(
        "mutation.html.j2",
        title=f"Mutation run of {doc.book}",
        doc=doc,
        folder=folder,
        percent=score_text,
        verdicts=VERDICTS,
        replay=(lambda m: replay_commands(doc, m, folder)) if folder else None,
    )


def mutation_report(directory: Path) -> str:
    """The HTML report of the mutation run in ``directory``.

    The page is self-contained and the same folder always gives the same text.

    Raises:
        UsageError: as :func:`read_mutation`; the ``report`` extra is missing.
    """
    require_viz(WHAT)
    document = read_mutation(Path(directory))
    return render_mutation_report(document, str(directory))


def write_mutation_report(directory: Path, out: Path) -> Path:
    """Write the HTML report of the mutation run in ``directory`` to ``out``.

    Returns:
        ``out``.

    Raises:
        UsageError: as :func:`mutation_report`, and when ``out`` cannot be
            written. Nothing is written then.
    """
    out = Path(out)
    require_viz(WHAT)
    check_out(out)
    return write_page(mutation_report(directory), out)
