"""``govsim graph``: the organisation chart of a rule book, with lint's findings on it.

Draws the bodies, their seats, the powers between them and whom each answers
to, as SVG (default), Mermaid or DOT, on stdout or into ``--out FILE``. The
book is found as ``govsim lint`` finds it (a path or an id) with its
organisation. A chart is a picture, not a check: it exits 0 whatever lint
finds, and 2 on invalid input (an unknown book, a malformed file, a book
written for another organisation, a scenario or other document given as the
book, an unwritable output) before anything is written. The engine is imported inside the command, as for every command.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from govsim.faces.arguments import BookArgument, OrgOption

if TYPE_CHECKING:
    from govsim.model.clauses import ResolvedBook
    from govsim.model.organisation import Organisation
    from govsim.reports.chart import OrgChart

__all__ = ["ChartFormat", "ChartLayout", "graph_command", "load_book", "render_chart"]


class ChartFormat(StrEnum):
    """The formats ``govsim graph`` writes."""

    svg = "svg"
    mermaid = "mermaid"
    dot = "dot"


def load_book(book: str, org: Path | None) -> tuple[ResolvedBook, Organisation]:
    """The resolved book a user names (a path or an id) and its organisation.

    As ``govsim lint`` reads them: an organisation given with ``--org`` must
    be the one the book names, which is reported at the book's
    ``organisation:`` key rather than as every body of the book being unknown.

    Raises:
        UsageError: an unknown book, or no organisation found.
        DocumentError: a malformed book or organisation, a book written for
            another organisation, or a scenario, organisation, model or sweep
            spec given as the book (said at its top-level key, with the books
            to pass instead).
    """
    from govsim.analysis.lint.linter import load_book as load_linted

    return load_linted(book, org, verb="draw")


class ChartLayout(StrEnum):
    """Who lays out an SVG chart: govsim itself, or Graphviz's ``dot`` program."""

    builtin = "builtin"
    dot = "dot"


def render_chart(
    chart: OrgChart, fmt: ChartFormat, layout: ChartLayout = ChartLayout.builtin
) -> str:
    """The chart as text in one format; an SVG laid out as ``layout`` says.

    Raises:
        UsageError: ``layout`` is ``dot`` and Graphviz's ``dot`` is missing
            or failed.
    """
    from govsim.reports.chartdot import render_chart_dot
    from govsim.reports.chartsvg import render_chart_svg
    from govsim.reports.charttext import to_dot, to_mermaid

    if fmt is ChartFormat.mermaid:
        return to_mermaid(chart)
    if fmt is ChartFormat.dot:
        return to_dot(chart)
    if layout is ChartLayout.dot:
        return render_chart_dot(chart)
    return render_chart_svg(chart)


def graph_command(
    book: BookArgument,
    org: OrgOption = None,
    fmt: Annotated[
        ChartFormat,
        typer.Option(
            "--format",
            help="The chart's format: svg (a picture), mermaid or dot (text for "
            "other tools).",
        ),
    ] = ChartFormat.svg,
    layout: Annotated[
        ChartLayout,
        typer.Option(
            "--layout",
            help="Who lays out an SVG: builtin (govsim, the same picture on "
            "every machine) or dot (Graphviz's dot program, which must be "
            "installed). Text formats ignore it.",
        ),
    ] = ChartLayout.builtin,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="FILE",
            help="Write the chart to this file instead of stdout.",
        ),
    ] = None,
) -> None:
    """Draw a rule book's organisation chart (SVG, Mermaid or DOT).

    The chart shows the bodies, their seats, the powers between them and
    whom each answers to. Bodies lint finds fault with are highlighted; one answerable to no one is
    framed in red. Exits 0 when the chart is drawn, 2 on invalid input.
    """
    from govsim.documents.paths import check_output_file, write_output
    from govsim.errors import UsageError
    from govsim.faces.console import consoles, user_errors
    from govsim.reports.chart import build_chart
    from govsim.reports.chartdot import DOT_MISSING, graphviz_available

    _, err = consoles()
    with user_errors(err):
        wants_dot = layout is ChartLayout.dot and fmt is ChartFormat.svg
        if wants_dot and not graphviz_available():
            raise UsageError(DOT_MISSING)
        if out is not None:
            check_output_file(out, "--out")
        resolved, organisation = load_book(book, org)
        text = render_chart(build_chart(resolved, organisation), fmt, layout)
        if out is not None:
            write_output(out, text, "--out")
    if out is None:
        typer.echo(text, nl=False)
