"""Histories written as scenario files that replay before anyone sees them.

A search that finds something — a counterexample to an invariant
(:mod:`govsim.testing`), a witness that two books differ
(:mod:`govsim.analysis`) — writes the history as an ordinary scenario file.
Both write it the same way, so the files read alike and replay alike: the
organisation and books by a path relative to the file (inline when they exist
only in memory), each act with ``id``, ``at``, ``act`` and ``by`` first, and
the file written beside its destination first, replayed, and moved into place
only when it reproduces what was found.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govsim.documents.paths import make_folder, write_output

if TYPE_CHECKING:
    from govsim.model.acts import ActBase
    from govsim.probing.trial import Design

__all__ = [
    "act_data",
    "organisation_entry",
    "relative_path",
    "rulebook_entry",
    "write_replayed",
]


def relative_path(target: Path, directory: Path) -> str:
    """``target`` as a POSIX path relative to ``directory``, as a scenario names it."""
    return Path(os.path.relpath(target.resolve(), directory.resolve())).as_posix()


def act_data(act: ActBase) -> dict[str, Any]:
    """An act as scenario data: ``id``, ``at``, ``act``, ``by``, then the rest."""
    data = act.model_dump(by_alias=True, exclude_defaults=True)
    ordered = {k: data.pop(k) for k in ("id", "at", "act", "by") if k in data}
    return ordered | data


def organisation_entry(design: Design, directory: Path) -> Any:
    """The scenario's ``organisation:``: its file's relative path, or the data inline."""
    if design.organisation_path is not None:
        return relative_path(design.organisation_path, directory)
    return design.organisation.model_dump(
        mode="json", by_alias=True, exclude_defaults=True
    )


def rulebook_entry(design: Design, directory: Path) -> Any:
    """The scenario's rule book: its file's relative path, or the document inline.

    Raises:
        ValueError: the design holds neither (a book built in memory only).
    """
    if design.book_path is not None:
        return relative_path(design.book_path, directory)
    if design.document is not None:
        return design.document.model_dump(
            mode="json", by_alias=True, exclude_defaults=True
        )
    raise ValueError(
        f"rule book {design.book.id} has neither a file nor a document to write inline"
    )


def write_replayed(
    path: Path, text: str, replays: Callable[[Path], None], option: str
) -> Path:
    """Write ``text`` to ``path`` only if the draft replays as it should.

    The draft is written beside ``path`` (a hidden ``.draft`` file, so its
    relative paths are the final file's) and handed to ``replays``, which
    raises when the replay does not reproduce what was found; the draft is
    then removed and the error passes on. ``option`` names the command-line
    option behind ``path`` in the messages of a folder or file that cannot be
    written.

    Raises:
        UsageError: the system refuses to create the folder or the file.
    """
    make_folder(path.parent, option)
    draft = path.with_name(f".{path.name}.draft")
    write_output(draft, text, option)
    try:
        replays(draft)
    except BaseException:
        draft.unlink(missing_ok=True)
        raise
    draft.replace(path)
    return path
