"""A sweep report: read a sweep's folder and write one HTML page.

The steps, each testable on its own: the page model, read from the folder
(:mod:`.sweep_page`), the plots (:mod:`.sweep_plots`, with matplotlib), and
the page (:mod:`.html`). The ``report`` extra (Jinja2) is checked before the
folder is read, and the output path before anything is drawn, so a missing
extra or a path that cannot be written costs nothing and says what to do.

The plots are the one optional part: without matplotlib (the ``plots``
extra) the page is written all the same, every table in it, and where the
plots would be it says that they need that extra (:data:`NO_PLOTS`).
"""

from __future__ import annotations

from pathlib import Path

from govsim.extras import available, install_command
from govsim.reports.html import check_out, render_page, require_viz, write_page
from govsim.reports.sweep_page import (
    FEW_VALUES,
    GAP,
    MODE_RUNS,
    WHOLE_SPAN,
    percent_text,
    read_sweep_page,
)
from govsim.sweeps.summary import figure_text

__all__ = ["NO_PLOTS", "sweep_report", "write_sweep_report"]

WHAT = "a sweep report"
"""What needs the optional dependencies, for their messages."""
NO_PLOTS = (
    "The plots are left out: they need matplotlib, which is not installed "
    f"({install_command('plots')}). The figures are in the summary above."
)
"""What the page says where its plots would be, when matplotlib is missing."""


def sweep_report(directory: Path) -> str:
    """The HTML report of the sweep in ``directory``.

    The page is self-contained (styles and SVG plots inline) and the same
    folder always gives the same text. Without matplotlib the plots are
    left out and the page says so (:data:`NO_PLOTS`).

    Raises:
        UsageError: ``directory`` is not a sweep folder or has no finished
            run; the ``report`` extra is missing.
    """
    require_viz(WHAT)
    from govsim.reports.sweep_plots import book_colours, draw_plots

    page = read_sweep_page(Path(directory))
    plotted = available("matplotlib")
    return render_page(
        "sweep.html.j2",
        title=f"Sweep {page.sweep}",
        page=page,
        plots=draw_plots(page) if plotted else (),
        no_plots=None if plotted else NO_PLOTS,
        colours=book_colours([b.book for b in page.books]),
        figure=figure_text,
        percent=percent_text,
        few_values=FEW_VALUES,
        whole_span=WHOLE_SPAN,
        gap=GAP,
        mode_runs=MODE_RUNS,
    )


def write_sweep_report(directory: Path, out: Path) -> Path:
    """Write the HTML report of the sweep in ``directory`` to ``out``.

    Returns:
        ``out``.

    Raises:
        UsageError: as :func:`sweep_report`, and when ``out`` cannot be
            written (a folder, a folder that does not exist, no permission).
            Nothing is written then.
    """
    out = Path(out)
    require_viz(WHAT)
    check_out(out)
    return write_page(sweep_report(directory), out)
