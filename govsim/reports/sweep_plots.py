"""The plots of a sweep report, drawn with matplotlib as inline SVG text.

Two kinds of plot, both with one colour per rule book:

* a measure's **distribution** per book, books as rows, drawn as
  :func:`govsim.reports.sweep_page.distribution_kind` decides: the share of
  runs where a yes/no measure was true; for a measure with few values, the
  share of runs at each value; otherwise every run as a dot, with the
  quartiles as a box, the median as a bar and the 2.5-97.5 percentile
  interval as a whisker (the interval of the summary table), or, when a
  book's runs fall in separate clumps, a box, bar and whisker per clump; a
  book with no values says "no values" in its row;
* a measure against a swept parameter (one panel of the **small
  multiples**): the median per book as a line, its interval as a band.

matplotlib is imported inside the functions and drawn through
``matplotlib.figure.Figure`` (never pyplot), with settings applied in an
``rc_context``, so importing this module changes nothing. The SVG is the
same byte for byte for the same data: a fixed hash salt per plot (which also
keeps clip-path ids apart between plots on one page), no date, and text kept
as text rather than glyph outlines.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from govsim.extras import need
from govsim.reports.sweep_page import (
    FEW_VALUES,
    Distribution,
    SweepPage,
    Trend,
    percent_text,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.typing import RcKeyType

__all__ = [
    "PALETTE",
    "Plot",
    "book_colours",
    "distribution_svg",
    "draw_plots",
    "trend_svg",
]

PALETTE: Final = (
    "#0072b2",
    "#d55e00",
    "#009e73",
    "#cc79a7",
    "#e69f00",
    "#56b4e9",
    "#8c6d31",
    "#000000",
)
"""Okabe and Ito's colours, told apart by people with colour-blindness."""
INK: Final = "#333333"
GRID: Final = "#e4e4e4"
WIDTH: Final = 6.4
"""Inches; a distribution fills one column of the page's two."""


@dataclass(frozen=True)
class Plot:
    """One drawn plot and what it shows, for the page to place and label."""

    measure: str
    kind: str
    """``share``, ``counts`` or ``spread`` for a distribution; ``trend``."""
    svg: str
    parameter: str | None = None


def book_colours(books: Sequence[str]) -> dict[str, str]:
    """A colour per rule book, in the sweep's order (the palette repeats past 8)."""
    return {book: PALETTE[i % len(PALETTE)] for i, book in enumerate(books)}


@contextmanager
def _figure(salt: str, width: float, height: float) -> Iterator[Figure]:
    import matplotlib
    from matplotlib.figure import Figure

    style: dict[RcKeyType, Any] = {
        # Fixed ids and no date: the same data gives the same bytes.
        "svg.hashsalt": f"govsim-{salt}",
        "svg.fonttype": "none",
        "font.family": "sans-serif",
        "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica"],
        "font.size": 9.0,
        "axes.edgecolor": "#bbbbbb",
        "axes.labelcolor": INK,
        "xtick.color": INK,
        "ytick.color": INK,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
    with matplotlib.rc_context(style):
        yield Figure(figsize=(width, height), layout="constrained")


_PROLOG = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.DOTALL)
_SIZE = re.compile(r'(<svg\b[^>]*?) width="[^"]*" height="[^"]*"')
_GROUP_ID = re.compile(r'<g id="[^"]*"')
_CLASSED = re.compile(r'<g id="gs-([a-z-]+)"')
"""Marks drawn with a ``gs-`` gid (boxes, whiskers, "no values") keep it as a class."""


def _svg(figure: Figure, label: str) -> str:
    """The figure as SVG text to paste into HTML.

    Without the XML prolog and DOCTYPE, the metadata, or a fixed size (the
    page's stylesheet sizes it; the viewBox keeps its shape); the ``<g>``
    ids are dropped since nothing refers to them and they would repeat from
    plot to plot on one page, except the marks drawn with a ``gs-`` gid,
    whose name becomes a class (``box``, ``whisker``, ``median``,
    ``no-values``, ``count``) for the page's tests and styles.
    """
    from markupsafe import escape

    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    text = _PROLOG.sub("", buffer.getvalue(), count=1)
    text = _METADATA.sub("", text, count=1)
    text = _SIZE.sub(rf'\1 role="img" aria-label="{escape(label)}"', text, count=1)
    text = _CLASSED.sub(r'<g class="\1"', text)
    return _GROUP_ID.sub("<g", text).strip() + "\n"


def _rows(axes: Axes, books: Sequence[str], colours: dict[str, str]) -> None:
    """Books as labelled rows, the first at the top, with a light value grid."""
    axes.set_yticks(range(len(books)), labels=list(books))
    for label, book in zip(axes.get_yticklabels(), books, strict=True):
        label.set_color(colours[book])
        label.set_fontweight("bold")
    axes.set_ylim(len(books) - 0.5, -0.5)
    axes.tick_params(axis="y", length=0)
    axes.grid(axis="x", color=GRID, linewidth=0.8)
    axes.set_axisbelow(True)


def _draw_share(axes: Axes, dist: Distribution, colours: dict[str, str]) -> None:
    for y, book in enumerate(dist.values):
        summary = dist.summaries[book]
        share = summary.share or 0.0
        label = f"{percent_text(share)} of {summary.runs:,} runs"
        axes.barh(y, share, height=0.55, color=colours[book])
        if summary.runs:
            axes.text(share + 0.01, y, label, va="center", color=INK)
        else:
            _no_values(axes, y)
    axes.set_xlim(0, 1.3)
    axes.set_xticks([0, 0.25, 0.5, 0.75, 1], labels=["0", "25%", "50%", "75%", "100%"])
    axes.set_xlabel("share of runs where it was true")


def _no_values(axes: Axes, y: float) -> None:
    """Say so in a book's row when none of its runs gave the measure a value."""
    axes.text(
        0.01,
        y,
        "no values",
        transform=axes.get_yaxis_transform(),
        va="center",
        style="italic",
        color=INK,
        gid="gs-no-values",
    )


def _draw_counts(axes: Axes, dist: Distribution, colours: dict[str, str]) -> None:
    every = sorted({v for vs in dist.values.values() for v in vs})
    # Few scattered values stand at evenly spaced places, labelled by value.
    place = {v: float(i) if dist.categories else v for i, v in enumerate(every)}
    for y, (book, values) in enumerate(dist.values.items()):
        if not values:
            _no_values(axes, y)
            continue
        for value in every:
            share = sum(1 for v in values if v == value) / len(values)
            if share == 0:
                continue
            # Bars rise from each book's baseline, as tall as the share of runs.
            axes.bar(
                place[value],
                -0.7 * share,
                width=0.7,
                bottom=y + 0.4,
                color=colours[book],
                gid="gs-count",
            )
            if len(every) <= FEW_VALUES:
                axes.text(
                    place[value],
                    y + 0.37 - 0.7 * share,
                    percent_text(share),
                    ha="center",
                    va="bottom",
                    fontsize=7.5,
                    color=INK,
                )
    ticks = [place[v] for v in every]
    axes.set_xticks(ticks, labels=[f"{v:g}" for v in every])
    # A narrow range (a constant) keeps bars narrow rather than filling the axes.
    middle = (ticks[0] + ticks[-1]) / 2
    half = max(ticks[-1] - ticks[0] + 1.2, 5.0) / 2
    axes.set_xlim(middle - half, middle + half)
    axes.set_xlabel("value; bar height: share of the book's runs")


def _dots(
    axes: Axes, values: Sequence[float], y: float, colour: str, seed: int
) -> None:
    import numpy as np

    jitter = np.random.default_rng(seed)
    axes.scatter(
        np.asarray(values, dtype=float),
        y + jitter.uniform(-0.28, 0.28, len(values)),
        s=8,
        color=colour,
        alpha=0.5,
        linewidths=0,
    )


def _draw_modes(axes: Axes, dist: Distribution, colours: dict[str, str]) -> None:
    """Every run as a dot and, per mode of a book, its own box and whisker.

    A book whose values fall in one clump is drawn as :func:`_draw_spread`
    draws it. Each mode's box spans its quartiles, its whisker its
    2.5-97.5 percentiles and its bar its median, with the share of the
    book's runs in it written above; nothing spans the gap between modes.
    """
    import numpy as np

    split = dist.modes
    total = {book: len(values) for book, values in dist.values.items()}
    for y, (book, values) in enumerate(dist.values.items()):
        if not values:
            _no_values(axes, y)
            continue
        colour = colours[book]
        _dots(axes, values, y, colour, y)
        if len(split[book]) == 1:
            _box_and_whisker(axes, dist, book, values, y, colour)
            continue
        for mode in split[book]:
            data = np.asarray(mode, dtype=float)
            low, q1, median, q3, high = np.percentile(data, [2.5, 25, 50, 75, 97.5])
            axes.plot([low, high], [y, y], color=INK, linewidth=1.2, gid="gs-whisker")
            axes.add_patch(_box(q1, y - 0.2, q3 - q1, 0.4, colour))
            axes.plot(
                [median, median],
                [y - 0.3, y + 0.3],
                color=INK,
                linewidth=2.4,
                gid="gs-median",
            )
            axes.text(
                median,
                y - 0.34,
                percent_text(len(mode) / total[book]),
                ha="center",
                va="bottom",
                fontsize=7.5,
                color=INK,
            )
    axes.set_xlabel(
        "each dot a run; per mode: box quartiles, bar median,\n"
        "whisker 2.5-97.5%, figure its share of the book's runs"
    )


def _box_and_whisker(
    axes: Axes,
    dist: Distribution,
    book: str,
    values: Sequence[float],
    y: float,
    colour: str,
) -> None:
    """One box for a book's runs; the whisker and median are the summary table's."""
    import numpy as np

    summary = dist.summaries[book]
    low, median, high = summary.low, summary.median, summary.high
    if low is None or median is None or high is None:  # pragma: no cover
        return
    q1, q3 = np.percentile(np.asarray(values, dtype=float), [25, 75])
    axes.plot([low, high], [y, y], color=INK, linewidth=1.2, gid="gs-whisker")
    axes.add_patch(_box(q1, y - 0.2, q3 - q1, 0.4, colour))
    axes.plot(
        [median, median], [y - 0.3, y + 0.3], color=INK, linewidth=2.4, gid="gs-median"
    )


def _draw_spread(axes: Axes, dist: Distribution, colours: dict[str, str]) -> None:
    for y, (book, values) in enumerate(dist.values.items()):
        if not values:
            _no_values(axes, y)
            continue
        _dots(axes, values, y, colours[book], y)
        _box_and_whisker(axes, dist, book, values, y, colours[book])
    axes.set_xlabel("each dot a run; box: quartiles; bar: median; whisker: 2.5-97.5%")


def _box(x: float, y: float, width: float, height: float, colour: str) -> Any:
    from matplotlib.patches import Rectangle

    return Rectangle(
        (x, y),
        width,
        height,
        facecolor=colour,
        alpha=0.3,
        edgecolor=INK,
        linewidth=1,
        gid="gs-box",
    )


def distribution_svg(dist: Distribution, colours: dict[str, str]) -> str:
    """One measure's distribution per rule book, as SVG text."""
    need("matplotlib", "plots", "a sweep report's plots")
    draw = {
        "share": _draw_share,
        "counts": _draw_counts,
        "modes": _draw_modes,
        "spread": _draw_spread,
    }
    height = 0.75 + (0.42 if dist.kind == "share" else 0.55) * len(dist.values)
    with _figure(f"dist-{dist.measure}", WIDTH, height) as figure:
        axes = figure.add_subplot()
        _rows(axes, list(dist.values), colours)
        draw[dist.kind](axes, dist, colours)
        return _svg(figure, f"distribution of {dist.measure} per rule book")


def _positions(xs: tuple[Any, ...]) -> tuple[list[float], list[str] | None]:
    """Numeric values where they are; anything else at 0, 1, 2 with labels."""
    numeric = all(isinstance(x, int | float) and not isinstance(x, bool) for x in xs)
    if numeric:
        return [float(x) for x in xs], None
    return [float(i) for i in range(len(xs))], [str(x) for x in xs]


def trend_svg(trend: Trend, colours: dict[str, str]) -> str:
    """One measure against one swept parameter, a line per rule book, as SVG."""
    need("matplotlib", "plots", "a sweep report's plots")
    positions, labels = _positions(trend.xs)
    nan = float("nan")
    with _figure(f"trend-{trend.parameter}-{trend.measure}", 3.3, 2.3) as figure:
        axes = figure.add_subplot()
        share = False
        for book, cells in trend.lines.items():
            if any(c.share is not None for c in cells):
                share = True
                middle = [nan if c.share is None else c.share for c in cells]
            else:
                middle = [nan if c.median is None else c.median for c in cells]
                low = [nan if c.low is None else c.low for c in cells]
                high = [nan if c.high is None else c.high for c in cells]
                axes.fill_between(
                    positions, low, high, color=colours[book], alpha=0.14, linewidth=0
                )
            axes.plot(
                positions,
                middle,
                color=colours[book],
                marker="o",
                markersize=3.5,
                linewidth=1.6,
            )
        axes.set_xticks(positions, labels=labels or [f"{x:g}" for x in positions])
        if share:
            axes.set_ylim(-0.04, 1.04)
            axes.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
        axes.set_xlabel(trend.parameter)
        axes.grid(color=GRID, linewidth=0.8)
        axes.set_axisbelow(True)
        return _svg(figure, f"{trend.measure} against {trend.parameter} per rule book")


def draw_plots(page: SweepPage) -> tuple[Plot, ...]:
    """Every plot of a sweep report: distributions, then the small multiples."""
    colours = book_colours([b.book for b in page.books])
    plots = [
        Plot(d.measure, d.kind, distribution_svg(d, colours))
        for d in page.distributions
    ]
    plots += [
        Plot(t.measure, "trend", trend_svg(t, colours), t.parameter)
        for t in page.trends
    ]
    return tuple(plots)
