"""The ``govsim`` command line: ``run`` a scenario, ``check`` documents, ``explore`` a book.

A thin layer over the public API: it parses arguments, calls
:func:`govsim.load_scenario` and :func:`govsim.run`, and hands results to
:mod:`govsim.faces.render`. This module is the entry point: it makes the
command group, holds ``run`` and ``invariants`` and registers the other
commands, each in a module of its own (``check`` in
:mod:`govsim.faces.check`, ``explore`` in :mod:`govsim.faces.explore`, ...),
which share their consoles and exit codes through
:mod:`govsim.faces.console` and never import this module. The engine (and
simpy with it) is imported inside the commands, never at module level, so
``govsim --help`` starts quickly.

Exit codes: ``0`` every expectation met (``check``: every document fine),
``1`` an expectation unmet, ``2`` invalid input. A user's mistake is printed
without a traceback; anything else keeps its traceback, since it is a bug.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from typer.core import TyperGroup

from govsim.__about__ import __version__
from govsim.errors import UnknownReferenceError, UsageError
from govsim.faces.arguments import JsonOption, RulesOption, ScenarioArgument
from govsim.faces.console import EXIT_OK, EXIT_UNMET, consoles, user_errors
from govsim.faces.helptext import PlainCommand, epilog, refused_choice
from govsim.text.plain import say

__all__ = ["app", "main"]

_Command = TypeVar("_Command", bound=Callable[..., Any])
"""A command's function, which registering returns unchanged."""


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


def run_command(
    scenario: ScenarioArgument,
    rules: RulesOption = None,
    as_json: JsonOption = False,
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

    out, err = consoles()
    with user_errors(err):
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
                say(err, line)
        raise typer.Exit(EXIT_UNMET)


def invariants_command(
    as_json: JsonOption = False,
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

    out, err = consoles()
    with user_errors(err):
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
    """Add the commands, in the order ``govsim --help`` lists them."""
    from govsim.faces.capture import capture_command
    from govsim.faces.check import check_command
    from govsim.faces.compare import compare_command
    from govsim.faces.diff import diff_command
    from govsim.faces.explore import explore_command
    from govsim.faces.graph import graph_command
    from govsim.faces.lint import lint_command
    from govsim.faces.mutate import mutate_command
    from govsim.faces.new import new_command
    from govsim.faces.report import report_command
    from govsim.faces.schema import schema_command
    from govsim.faces.sweep import sweep_command

    _command("run")(run_command)
    _command("check")(check_command)
    _command("invariants")(invariants_command)
    _command("explore")(explore_command)
    _command("compare")(compare_command)
    _command("lint")(lint_command)
    _command("capture")(capture_command)
    _command("diff")(diff_command)
    _command("mutate")(mutate_command)
    _command("sweep")(sweep_command)
    _command("report")(report_command)
    _command("graph")(graph_command)
    _command("schema")(schema_command)
    _command("new")(new_command)


_register()


def main() -> None:
    """Run the command line; the ``govsim`` console script and ``python -m govsim``."""
    app(prog_name="govsim")
