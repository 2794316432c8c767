"""The ``govsim`` command line: ``run`` a scenario, ``check`` documents, ``explore`` a book.

A thin layer over the public API: it parses arguments, calls
:func:`govsim.load_scenario`, :func:`govsim.run` and the document loaders, and
hands results to :mod:`govsim.faces.render`. The engine (and simpy with it) is
imported inside the commands, never at module level, so ``govsim --help``
starts quickly.

Exit codes: ``0`` every expectation met (``check``: every document fine),
``1`` an expectation unmet, ``2`` invalid input. A user's mistake is printed
without a traceback; anything else keeps its traceback, since it is a bug.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from typer.core import TyperGroup

from govsim.__about__ import __version__
from govsim.errors import (
    DocumentError,
    Problem,
    Span,
    UnknownReferenceError,
    UsageError,
)
from govsim.faces.arguments import RulesOption
from govsim.faces.helptext import PlainCommand, epilog, refused_choice
from govsim.faces.plain import printable, say

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["app", "main"]

EXIT_OK = 0
EXIT_UNMET = 1
EXIT_INVALID = 2

DOCUMENT_PATTERNS = ("*.govsim.yaml", "*.govsim.yml")
DOCUMENT_KINDS = ("sweep", "model", "scenario", "rulebook", "organisation")
"""Top-level keys naming a document's kind, in the order they are tried.

The order matters: a sweep spec carries a ``scenario`` or ``model`` key (its
target), a model and a scenario an ``organisation`` key (their organisation
file), and a rule book may too (the organisation it is written for), so each
kind is looked for before the keys it may carry.
"""
_Command = TypeVar("_Command", bound=Callable[..., Any])
"""A command's function, which registering returns unchanged."""

NOT_A_DOCUMENT = (
    "not a govsim document: expected a top-level 'scenario', 'rulebook', "
    "'organisation', 'model' or 'sweep' key"
)


class _PlainGroup(TyperGroup):
    """The command group, with option errors worded as the documents' are.

    typer checks an option's type and range with pydantic, whose wording
    ("Input should be less than or equal to 1000") is not ours; a subcommand's
    options are parsed inside the group's ``invoke``, so its refusal is
    reworded there before click prints it.
    """

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except typer.BadParameter as exc:
            refused = refused_choice(exc)
            if refused is not None:
                raise refused from None
            # Imported here: pydantic is loaded once typer has raised through
            # it, and ``govsim --help`` stays free of the document machinery.
            from pydantic import ValidationError

            from govsim.documents.wording import plain_message

            cause = exc.__cause__
            if isinstance(cause, ValidationError):
                worded = [plain_message(error) for error in cause.errors()]
                if all(worded):
                    exc.message = "; ".join(str(w) for w in worded)
            raise


app = typer.Typer(
    cls=_PlainGroup,
    name="govsim",
    help="Replay organisational procedures under rule books, act by act.",
    epilog=epilog(),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_show_locals=False,
)


def _command(name: str) -> Callable[[_Command], _Command]:
    """Register a command under ``name`` with plain help ending in its example and guide."""
    return app.command(name, cls=PlainCommand, epilog=epilog(name))


def _consoles() -> tuple[Console, Console]:
    """A console for results (stdout) and one for diagnostics (stderr).

    A terminal's, or plain text without borders or trailing spaces for a
    pipe (:mod:`govsim.faces.terminal`). Made per call rather than at import
    so tests that swap ``sys.stdout`` are honoured and ``--help`` does not
    import rich's console.
    """
    from govsim.faces.terminal import consoles

    return consoles()


def _say(console: Console, line: str) -> None:
    say(console, line)


def _error(err: Console, message: str) -> None:
    from rich.text import Text

    line = Text("error:", style="bold red")
    line.append(f" {printable(message)}")
    err.print(line, soft_wrap=True)


@contextmanager
def _user_errors(err: Console) -> Iterator[None]:
    """Turn a user's mistake into diagnostics on stderr and exit code 2, Ctrl-C into 130.

    Only the errors a user can fix are caught; any other exception passes
    through with its traceback because it is a bug in govsim. The command
    runs as one run of the rule book finder, so each folder it searches is
    read once (:func:`govsim.documents.bookscan.one_run`).
    """
    from govsim.documents.bookscan import one_run

    try:
        with one_run():
            yield
    except DocumentError as exc:
        for problem in exc.problems:
            _say(err, str(problem))
        if not exc.problems:
            _error(err, str(exc) or "invalid document")
        raise typer.Exit(EXIT_INVALID) from None
    except (UnknownReferenceError, UsageError) as exc:
        _error(err, str(exc))
        raise typer.Exit(EXIT_INVALID) from None
    except KeyboardInterrupt:
        # Commands with something to report (explore, sweep) catch Ctrl-C
        # themselves; any other ends here, without a traceback.
        from govsim.faces.progress import EXIT_INTERRUPTED

        _say(err, "interrupted")
        raise typer.Exit(EXIT_INTERRUPTED) from None


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"govsim {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_show_version,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
) -> None:
    """Replay organisational procedures under rule books, act by act.

    Exit codes: 0 every expectation met, 1 an expectation unmet, 2 invalid input.
    """


@_command("run")
def run_command(
    scenario: Annotated[
        Path,
        typer.Argument(metavar="SCENARIO", help="The scenario file to replay."),
    ],
    rules: RulesOption = None,
    as_json: Annotated[
        bool,
        typer.Option("--json", help="Print one JSON document instead of text."),
    ] = False,
    explain: Annotated[
        str | None,
        typer.Option(
            "--explain",
            metavar="ACT_ID",
            help="Explain why this act got its verdict, instead of the summary.",
        ),
    ] = None,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose",
            "-v",
            help=(
                "List every act with its reasons, every breach and every "
                "expectation (default: a summary per rule book and only the "
                "acts that are not valid)."
            ),
        ),
    ] = False,
) -> None:
    """Replay a scenario act by act and judge its expectations.

    Each act is judged valid, irregular or void under each rule book the
    scenario lists, or under those given with --rules. Exits 0 when every expectation is met, 1 when one is not, 2 on invalid input.
    """
    import govsim
    from govsim.documents import did_you_mean
    from govsim.faces import render

    out, err = _consoles()
    with _user_errors(err):
        if as_json and explain is not None:
            raise UsageError(
                "--explain prints prose and cannot be combined with --json"
            )
        if verbose and (as_json or explain is not None):
            other = "--json" if as_json else "--explain"
            raise UsageError(
                f"--verbose lists the acts and cannot be combined with {other}"
            )
        loaded = govsim.load_scenario(scenario)
        if explain is not None and explain not in loaded.act_ids:
            known = ", ".join(loaded.act_ids) or "none"
            hint = did_you_mean(explain, loaded.act_ids)
            raise UnknownReferenceError(
                f"no act '{explain}' in scenario {loaded.id}{hint}; its acts are: {known}"
            )
        if rules:
            results = [govsim.run(loaded, book) for book in dict.fromkeys(rules)]
        else:
            results = govsim.run_all(loaded)
        if as_json:
            typer.echo(render.json_document(loaded, results))
        elif explain is not None:
            render.print_explanations(out, results, explain)
        else:
            render.print_results(out, loaded, results, verbose=verbose)
    unmet = render.unmet_summary(results)
    if unmet:
        if not as_json:
            for line in unmet:
                _say(err, line)
        raise typer.Exit(EXIT_UNMET)


def _documents(paths: list[Path]) -> tuple[list[Path], list[Path]]:
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


def _problems(path: Path) -> list[Problem]:
    """Every problem with one document, read as the kind its top-level key names."""
    from govsim.documents import load_yaml_file
    from govsim.model.loading import load_organisation, load_rulebook, load_scenario

    try:
        kind = _kind_from_text(path)
        if kind is None:
            # No kind key at the start of a line: parse to tell a flow-style
            # document from one that is not a govsim document, or broken.
            data, _ = load_yaml_file(path)
            kind = next(
                (k for k in DOCUMENT_KINDS if isinstance(data, dict) and k in data),
                None,
            )
        if kind == "sweep":
            _check_sweep(path)
        elif kind == "model":
            from govsim.simulation.model import load_model

            load_model(path)
        elif kind == "scenario":
            load_scenario(path)
        elif kind == "rulebook":
            load_rulebook(path)
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


_KIND_KEY = re.compile(
    r"""^["']?(sweep|model|scenario|rulebook|organisation)["']?[ \t]*:""", re.MULTILINE
)


def _kind_from_text(path: Path) -> str | None:
    """The kind a document's top-level keys name, read from its text, or ``None``.

    A block-style document's top-level keys are the only ones starting a
    line, so the kind is known without parsing: the loader then parses the
    file once (a 100,000-act scenario used to be parsed twice). ``None``
    (unreadable, too large, or no such key) leaves the decision to a parse,
    which also reports the file's own problem.
    """
    from govsim.documents.paths import input_problem
    from govsim.limits import MAX_FILE_BYTES

    if input_problem(path) is not None:
        return None
    try:
        with path.open("rb") as stream:
            text = stream.read(MAX_FILE_BYTES + 1).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    found = {match[1] for match in _KIND_KEY.finditer(text)}
    return next((kind for kind in DOCUMENT_KINDS if kind in found), None)


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


@_command("check")
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
    out, err = _consoles()
    files, empty = _documents(paths)
    for directory in empty:
        _error(err, f"no *.govsim.yaml or *.govsim.yml files below {directory}")
    with_problems = 0
    from govsim.documents.bookscan import one_run

    shown: set[str] = set()
    with one_run():  # each folder searched for rule books is read once
        for path in files:
            problems = _problems(path)
            if not problems:
                _say(out, f"ok  {path}")
                continue
            with_problems += 1
            # A scenario reports the problems of the organisation and books it
            # reads; checked in the same run, those files have said them once.
            keys = [_problem_key(problem) for problem in problems]
            for key, problem in zip(keys, problems, strict=True):
                if key not in shown:
                    _say(err, str(problem))
            again = sum(1 for key in keys if key in shown)
            if again:
                _say(
                    err,
                    f"{path}: {again} problem{'s' if again > 1 else ''} "
                    "already shown above (in this file or one it reads)",
                )
            shown.update(keys)
    noun = "file" if len(files) == 1 else "files"
    _say(out, f"{len(files)} {noun} checked, {with_problems} with problems")
    if with_problems or empty:
        raise typer.Exit(EXIT_INVALID)


@_command("invariants")
def invariants_command(
    as_json: Annotated[
        bool,
        typer.Option("--json", help="Print one JSON document instead of text."),
    ] = False,
    as_markdown: Annotated[
        bool,
        typer.Option(
            "--markdown",
            help="Print the docs page (docs/invariants.md), with examples.",
        ),
    ] = False,
    examples: Annotated[
        Path,
        typer.Option(
            "--examples",
            metavar="DIR",
            help="Where --markdown looks for example scenarios.",
        ),
    ] = Path("scenarios"),
) -> None:
    """List the procedural invariants and what each guards against.

    Each with its number, name, kind (safety, deadline or structural) and
    statement; --markdown writes the docs page with its examples.
    """
    from govsim.faces import catalogue

    out, err = _consoles()
    with _user_errors(err):
        if as_json and as_markdown:
            raise UsageError("choose one of --json and --markdown")
        if as_json:
            typer.echo(catalogue.catalogue_json())
        elif as_markdown:
            from govsim.documents.paths import check_input

            if not check_input(examples, "--examples", folder=True).is_dir():
                raise UsageError(f"--examples {examples}: give a folder of scenarios")
            typer.echo(catalogue.markdown(examples), nl=False)
        else:
            catalogue.print_catalogue(out)


def _register() -> None:
    from govsim.faces.compare import compare_command
    from govsim.faces.diff import diff_command
    from govsim.faces.explore import explore_command
    from govsim.faces.graph import graph_command
    from govsim.faces.lint import lint_command
    from govsim.faces.new import new_command
    from govsim.faces.report import report_command
    from govsim.faces.schema import schema_command
    from govsim.faces.sweep import sweep_command

    _command("explore")(explore_command)
    _command("compare")(compare_command)
    _command("lint")(lint_command)
    _command("diff")(diff_command)
    _command("sweep")(sweep_command)
    _command("report")(report_command)
    _command("graph")(graph_command)
    _command("schema")(schema_command)
    _command("new")(new_command)


_register()


def main() -> None:
    """Run the command line; the ``govsim`` console script and ``python -m govsim``."""
    app(prog_name="govsim")
