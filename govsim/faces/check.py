"""``govsim check``: every problem with each document, without running any.

A path names a document, or a folder whose ``*.govsim.yaml`` and
``*.govsim.yml`` files are all checked. Each document is read as the kind its
top-level key names: a scenario with its organisation and rule books, a rule
book with the organisation beside it, a behaviour model with what it reads, a
sweep spec with the scenario or model it runs. A problem shared by several documents (an organisation that two
scenarios read) is shown once. Exits 0 when every document is fine, 2 when
any has a problem or a folder holds none.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from govsim.errors import (
    DocumentError,
    Problem,
    Span,
    UnknownReferenceError,
    UsageError,
)
from govsim.faces.console import EXIT_INVALID, consoles, say_error
from govsim.text.plain import say

__all__ = [
    "DOCUMENT_PATTERNS",
    "NOT_A_DOCUMENT",
    "check_command",
    "document_kind",
    "document_problems",
    "documents",
]

DOCUMENT_PATTERNS = ("*.govsim.yaml", "*.govsim.yml")
NOT_A_DOCUMENT = (
    "not a govsim document: expected a top-level 'scenario', 'rulebook', "
    "'organisation', 'model' or 'sweep' key"
)


def documents(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """The files to check, in order and once each, and the directories holding none.

    A directory stands for every ``*.govsim.yaml`` / ``*.govsim.yml`` below
    it, sorted; any other path is taken as a file, even one that does not
    exist, so that its absence is reported like any other problem.
    """
    from govsim.documents.paths import input_problem

    files: dict[Path, None] = {}
    empty: list[Path] = []
    for path in paths:
        # A path that is no folder, however bad (a pipe, a loop of links), is
        # kept as a file: loading it reports the problem at file:1:1.
        if input_problem(path, folder=True) is None and path.is_dir():
            found = sorted(
                {
                    p
                    for pattern in DOCUMENT_PATTERNS
                    for p in path.rglob(pattern)
                    if p.is_file()
                }
            )
            if not found:
                empty.append(path)
            files.update(dict.fromkeys(found))
        else:
            files[path] = None
    return list(files), empty


def document_problems(path: Path) -> list[Problem]:
    """Every problem with one document, read as the kind its top-level key names."""
    from govsim.documents import load_yaml_file
    from govsim.documents.kinds import kind_of
    from govsim.model.loading import load_organisation, load_rulebook, load_scenario

    try:
        kind = document_kind(path)
        if kind is None:
            # No kind key at the start of a line: parse to tell a flow-style
            # document from one that is not a govsim document, or broken.
            data, _ = load_yaml_file(path)
            parsed = kind_of(data)
            kind = None if parsed is None else parsed.key
        if kind == "sweep":
            _check_sweep(path)
        elif kind == "model":
            from govsim.simulation.model import load_model

            load_model(path)
        elif kind == "scenario":
            load_scenario(path)
        elif kind == "rulebook":
            _check_rulebook(path, load_rulebook(path).organisation)
        elif kind == "organisation":
            load_organisation(path)
        else:
            return [Problem(Span(str(path), 1, 1), NOT_A_DOCUMENT)]
    except DocumentError as exc:
        return exc.problems or [
            Problem(Span(str(path), 1, 1), str(exc) or "invalid document")
        ]
    except (UnknownReferenceError, UsageError) as exc:
        return [Problem(Span(str(path), 1, 1), str(exc))]
    return []


def _check_rulebook(path: Path, organisation: str | None) -> None:
    """A rule book against the organisation beside it, as a run would read it.

    The bodies a book names are checked against its organisation when that
    is found beside the book or one folder up (as ``lint`` and ``graph``
    find it); an organisation with problems of its own is reported as its
    own document, not again here.
    """
    from govsim.documents.finding import find_organisation
    from govsim.model.loading import load_organisation, load_rulebook_for

    found = find_organisation(path, organisation) if organisation else None
    if found is None:
        return
    try:
        org = load_organisation(found)
    except DocumentError:
        return
    load_rulebook_for(path, org)


def document_kind(path: Path) -> str | None:
    """The kind a document's top-level keys name, read from its text, or ``None``.

    A block-style document's top-level keys are the only ones starting a
    line, so the kind is known without parsing: the loader then parses the
    file once (a 100,000-act scenario used to be parsed twice). ``None``
    (unreadable, too large, or no such key) leaves the decision to a parse,
    which also reports the file's own problem.
    """
    from govsim.documents.kinds import kind_in_text
    from govsim.documents.paths import input_problem
    from govsim.limits import MAX_FILE_BYTES

    if input_problem(path) is not None:
        return None
    try:
        with path.open("rb") as stream:
            text = stream.read(MAX_FILE_BYTES + 1).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    kind = kind_in_text(text)
    return None if kind is None else kind.key


def _check_sweep(path: Path) -> None:
    """A sweep spec, and the scenario or model it runs, as ``govsim sweep`` reads them."""
    from govsim.sweeps.spec import load_spec
    from govsim.sweeps.targets import load_target

    loaded = load_spec(path)
    load_target(loaded.spec.target[0], loaded.target_path)


def _problem_key(problem: Problem) -> str:
    """A problem as it reads whatever path led to its file (``a/../b`` is ``b``)."""
    if problem.span is None:
        return str(problem)
    where = os.path.normpath(os.path.abspath(problem.span.path))
    loc = ".".join(str(part) for part in problem.loc)
    return f"{where}:{problem.span.line}:{problem.span.col}: {loc}: {problem.message}"


def check_command(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH",
            help=(
                "Documents to check: files, or directories searched for "
                "*.govsim.yaml and *.govsim.yml files."
            ),
        ),
    ],
) -> None:
    """Check documents for every problem, without running them.

    A scenario is checked with its organisation and rule books, a behaviour
    model with its organisation, books and behaviours, and a sweep spec with
    the scenario or model it runs. Exits 0 when every document is fine, 2
    when any has a problem.
    """
    out, err = consoles()
    files, empty = documents(paths)
    for directory in empty:
        say_error(err, f"no *.govsim.yaml or *.govsim.yml files below {directory}")
    with_problems = 0
    from govsim.documents.bookscan import one_run

    shown: set[str] = set()
    with one_run():  # each folder searched for rule books is read once
        for path in files:
            problems = document_problems(path)
            if not problems:
                say(out, f"ok  {path}")
                continue
            with_problems += 1
            # A scenario reports the problems of the organisation and books it
            # reads; checked in the same run, those files have said them once.
            keys = [_problem_key(problem) for problem in problems]
            for key, problem in zip(keys, problems, strict=True):
                if key not in shown:
                    say(err, str(problem))
            again = sum(1 for key in keys if key in shown)
            if again:
                say(
                    err,
                    f"{path}: {again} problem{'s' if again > 1 else ''} "
                    "already shown above (in this file or one it reads)",
                )
            shown.update(keys)
    noun = "file" if len(files) == 1 else "files"
    say(out, f"{len(files)} {noun} checked, {with_problems} with problems")
    if with_problems or empty:
        raise typer.Exit(EXIT_INVALID)
