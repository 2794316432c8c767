"""A scenario report: replay a scenario under its books and write one HTML page.

The steps, each testable on its own: replay (the engine's own
:func:`govsim.run`), the page model (:mod:`.scenario_page`), the pictures
(:mod:`.timeline` and the organisation chart of :mod:`.chart`), and the page
(:mod:`.html`). The page needs the ``viz`` extra; that is checked before
anything is replayed, so a missing extra costs nothing and says what to
install.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from pathlib import Path

from govsim.model.clauses import ResolvedBook
from govsim.model.loading import LoadedScenario, load_scenario
from govsim.reports.html import (
    check_out,
    domid,
    render_page,
    require_viz,
    write_page,
)
from govsim.reports.scenario_page import ScenarioPage, scenario_page

__all__ = [
    "natural_width",
    "render_scenario_report",
    "scenario_report",
    "write_scenario_report",
]

LEGIBLE = 10.0
"""The smallest text on screen, in px, the page allows a drawing to shrink to."""
_VIEWBOX = re.compile(
    r'<svg\b[^>]*?\bviewBox="[-\d.]+[ ,]+[-\d.]+[ ,]+([\d.]+)[ ,]+[\d.]+"'
)


def render_scenario_report(
    page: ScenarioPage,
    books: dict[str, ResolvedBook],
    loaded: LoadedScenario,
) -> str:
    """The HTML page of a page model, with a chart and a timeline per book.

    Args:
        page: the page model.
        books: each book of the page, resolved, for its organisation chart.
        loaded: the scenario, for its organisation and file name.
    """
    require_viz()
    from markupsafe import Markup

    from govsim.reports.chart import build_chart
    from govsim.reports.chartsvg import render_chart_svg
    from govsim.reports.timeline import (
        SMALLEST_TEXT,
        VERDICT_COLOURS,
        VERDICT_SHAPES,
        legend_mark,
        timeline_svg,
    )

    # The SVG is built with every piece of user text escaped, so it is
    # trusted as markup here rather than escaped a second time.
    timelines = {b: Markup(timeline_svg(page, b)) for b in page.book_ids}
    charts = {
        b: Markup(
            render_chart_svg(
                build_chart(books[b], loaded.organisation),
                id_prefix=f"chart-{domid(b)}-",
            )
        )
        for b in page.book_ids
    }
    return render_page(
        "scenario.html.j2",
        page=page,
        timelines=timelines,
        charts=charts,
        chart_widths={b: natural_width(svg) for b, svg in charts.items()},
        timeline_widths={
            b: _between(natural_width(svg), LEGIBLE / SMALLEST_TEXT)
            for b, svg in timelines.items()
        },
        marks={v: Markup(legend_mark(v)) for v in VERDICT_COLOURS},
        shapes=VERDICT_SHAPES,
        colours=VERDICT_COLOURS,
        source=loaded.path.name if loaded.path is not None else None,
    )


def natural_width(svg: str) -> float | None:
    """The width of an SVG's drawing at one pixel per unit (its viewBox's width).

    The page shows the organisation chart at this width and never narrower,
    so its text keeps the size it was drawn at (the chart's smallest is
    10 px); a window too narrow for it scrolls the chart, not the page.
    ``None`` when the SVG has no viewBox.
    """
    found = _VIEWBOX.search(svg)
    return float(found.group(1)) if found else None


def _between(width: float | None, scale: float) -> tuple[int, int] | None:
    """The narrowest and widest a drawing is shown: scaled down by at most ``scale``."""
    return None if width is None else (math.ceil(width * scale), round(width))


def scenario_report(
    scenario: LoadedScenario | str | Path,
    rulebooks: Sequence[str | Path] = (),
) -> str:
    """Replay a scenario under some books and return its report page.

    Args:
        scenario: a loaded scenario, or the path of a scenario file.
        rulebooks: book ids the scenario lists, or paths to rule book files;
            none means every book the scenario lists, as ``govsim run`` does.

    Returns:
        One self-contained HTML page.

    Raises:
        UsageError: the ``viz`` extra is missing, or a book is given twice.
        UnknownReferenceError: a book the scenario does not list and that is
            not a rule book file.
        DocumentError: a document with problems, or a book written for
            another organisation (at its ``organisation:`` key), positioned.
            The books are checked as ``govsim compare`` checks them
            (:func:`govsim.analysis.compare.resolve_books`).
    """
    require_viz()
    from govsim.analysis.compare import resolve_books
    from govsim.running import locate_book, run

    loaded = (
        scenario if isinstance(scenario, LoadedScenario) else load_scenario(scenario)
    )
    refs = [str(r) for r in rulebooks] or list(loaded.rulebooks)
    resolved = resolve_books(loaded, refs)
    books = {book.id: book for book in resolved}
    files = {
        book.id: locate_book(loaded, ref)
        for ref, book in zip(refs, resolved, strict=True)
        if ref not in loaded.rulebooks
    }
    results = [run(loaded, book) for book in resolved]
    page = scenario_page(
        loaded,
        results,
        book_files=files,
        titles={b.id: b.title for b in books.values()},
    )
    return render_scenario_report(page, books, loaded)


def write_scenario_report(
    scenario: LoadedScenario | str | Path,
    out: Path,
    rulebooks: Sequence[str | Path] = (),
) -> Path:
    """Write a scenario's report page to ``out``; nothing is written on error.

    Returns:
        The path written.

    Raises:
        UsageError: as :func:`scenario_report`, and when ``out`` cannot be
            written (a folder, a folder that does not exist, no permission).
        UnknownReferenceError: as :func:`scenario_report`.
        DocumentError: as :func:`scenario_report`.
    """
    out = Path(out)
    check_out(out)
    return write_page(scenario_report(scenario, rulebooks), out)
