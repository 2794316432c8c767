"""The timeline of a scenario report as inline SVG, drawn in pure Python.

One lane per body (and per person acting in their own name), labelled by its
name (a person by their role), with its id in the label's tooltip; each act a
mark in its actor's lane, coloured *and shaped* by its verdict under one book,
so colour-blind readers and greyscale prints lose nothing: a circle for valid, a
diamond for irregular, a crossed square for void. Acts on the same day in
the same lane sit side by side in their order. Duties and interim measures
are bars under the marks: from the act that opened them to the day they were
met, missed, lifted or lapsed, or with an arrow when they have no end. The
first act the books judge differently is marked with a dashed line.

The markup is part of the page's contract with its script and its tests:
every act is ``<g class="act verdict-V" data-act="ID" data-verdict="V">``
holding one ``.mark`` whose fill is :data:`VERDICT_COLOURS` ``[V]``.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections import Counter
from collections.abc import Sequence
from html import escape

from govsim.reports.dateaxis import DateAxis, date_axis
from govsim.reports.scenario_page import ActEntry, Lane, ScenarioPage
from govsim.reports.spans import TimedSpan

__all__ = [
    "SMALLEST_TEXT",
    "VERDICT_COLOURS",
    "VERDICT_SHAPES",
    "legend_mark",
    "timeline_svg",
]

VERDICT_COLOURS = {"valid": "#004488", "irregular": "#ddaa33", "void": "#bb5566"}
"""Paul Tol's high-contrast scheme: told apart by colour-blind readers and in grey."""
VERDICT_SHAPES = {"valid": "circle", "irregular": "diamond", "void": "crossed square"}
DIVERGENCE_COLOUR = "#7a3e9d"
VERSION_COLOUR = "#2f6f4f"
"""Where a version of the rules an act made comes into force under the book drawn."""
SPAN_COLOURS = {"interim": "#4d5b69", "duty": "#8a96a3"}
MISSED_COLOUR = VERDICT_COLOURS["void"]
MET_COLOUR = VERDICT_COLOURS["valid"]

SMALLEST_TEXT = 11.0
"""The smallest font size of the timeline, in SVG units (ticks, kinds, notes):
how far the page may shrink the drawing before its text is under 10 px."""
LABEL_WIDTH = 170.0
LABEL_CHARS = 23
"""Characters of a lane's name per line (12 px bold text in the label column)."""
LABEL_LINES = 2
LABEL_LINE = 13.0
AXIS_HEIGHT = 46.0
MARK_STEP = 18.0
"""Distance between the marks of acts on the same day in the same lane."""
MARK_SIZE = 7.0
MARK_ROW = 34.0
BAR_ROW = 10.0
BAR_HEIGHT = 6.0
RIGHT_PAD = 16.0
OPEN_END = 28.0
"""How far past the last date an open-ended span's arrow reaches."""


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def _num(value: float) -> str:
    """A coordinate as short, stable text (no float noise in the page)."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _shape(verdict: str, x: float, y: float) -> str:
    colour = VERDICT_COLOURS[verdict]
    s = MARK_SIZE
    if verdict == "valid":
        return f'<circle class="mark" cx="{_num(x)}" cy="{_num(y)}" r="{_num(s)}" fill="{colour}"/>'
    if verdict == "irregular":
        points = " ".join(
            f"{_num(px)},{_num(py)}"
            for px, py in (
                (x, y - s - 1),
                (x + s + 1, y),
                (x, y + s + 1),
                (x - s - 1, y),
            )
        )
        return f'<polygon class="mark" points="{points}" fill="{colour}"/>'
    c = s - 1.5
    return (
        f'<rect class="mark" x="{_num(x - s)}" y="{_num(y - s)}" width="{_num(2 * s)}" '
        f'height="{_num(2 * s)}" rx="1.5" fill="{colour}"/>'
        f'<path class="cross" d="M{_num(x - c + 2)} {_num(y - c + 2)}L{_num(x + c - 2)} '
        f"{_num(y + c - 2)}M{_num(x + c - 2)} {_num(y - c + 2)}L{_num(x - c + 2)} "
        f'{_num(y + c - 2)}" stroke="#fff" stroke-width="2" fill="none"/>'
    )


def legend_mark(verdict: str) -> str:
    """A verdict's mark alone, as a small inline SVG for legends and counts."""
    size = 2 * MARK_SIZE + 4
    return (
        f'<svg class="legend-mark" width="{_num(size)}" height="{_num(size)}" '
        f'viewBox="0 0 {_num(size)} {_num(size)}" aria-hidden="true">'
        f"{_shape(verdict, size / 2, size / 2)}</svg>"
    )


def _act(entry: ActEntry, book: str, x: float, y: float) -> str:
    verdict = entry.verdict(book)
    targets = f" {', '.join(entry.targets)}" if entry.targets else ""
    title = (
        f"{entry.at.isoformat()} {entry.id}: {entry.actor} "
        f"{entry.kind.replace('_', ' ')}{targets} — {verdict} under {book}"
    )
    return (
        f'<g class="act verdict-{verdict}" data-act="{_attr(entry.id)}" '
        f'data-verdict="{verdict}" tabindex="0" role="button" '
        f'aria-label="{_attr(title)}"><title>{escape(title)}</title>'
        f"{_shape(verdict, x, y)}</g>"
    )


def _span_rows(spans: Sequence[TimedSpan], axis: DateAxis, end_x: float) -> list[int]:
    """A bar row for each span, so that bars in one lane never overlap.

    Spans come in start order; each takes the first row of its lane that is
    free where it starts (greedy interval packing).
    """
    ends: dict[str, list[float]] = {}
    rows = []
    for span in spans:
        x0 = axis.x(span.start)
        x1 = (axis.x(span.end) if span.end is not None else end_x) + 10
        lane = ends.setdefault(span.lane, [])
        row = next((i for i, e in enumerate(lane) if e < x0), len(lane))
        if row == len(lane):
            lane.append(x1)
        else:
            lane[row] = x1
        rows.append(row)
    return rows


def _span(span: TimedSpan, axis: DateAxis, y: float, end_x: float) -> str:
    x0 = axis.x(span.start)
    x1 = axis.x(span.end) if span.end is not None else end_x
    width = max(x1 - x0, 3.0)
    interim = span.kind == "interim"
    colour = SPAN_COLOURS["interim" if interim else "duty"]
    body = (
        f'<rect x="{_num(x0)}" y="{_num(y)}" width="{_num(width)}" '
        f'height="{_num(BAR_HEIGHT)}" rx="3" fill="{colour if interim else "#fff"}" '
        f'stroke="{colour}" stroke-width="1.5"/>'
    )
    if span.end is None:
        tip = x0 + width
        body += (
            f'<path d="M{_num(tip)} {_num(y - 3)}L{_num(tip + 8)} {_num(y + BAR_HEIGHT / 2)}'
            f'L{_num(tip)} {_num(y + BAR_HEIGHT + 3)}Z" fill="{colour}"/>'
        )
    if span.outcome == "missed":
        cx, cy = x0 + width, y + BAR_HEIGHT / 2
        body += (
            f'<path class="missed" d="M{_num(cx - 4)} {_num(cy - 4)}L{_num(cx + 4)} '
            f'{_num(cy + 4)}M{_num(cx + 4)} {_num(cy - 4)}L{_num(cx - 4)} {_num(cy + 4)}" '
            f'stroke="{MISSED_COLOUR}" stroke-width="2.5"/>'
        )
    elif span.outcome == "met":
        body += (
            f'<circle cx="{_num(x0 + width)}" cy="{_num(y + BAR_HEIGHT / 2)}" r="3.5" '
            f'fill="{MET_COLOUR}"/>'
        )
    act = f' data-act="{_attr(span.act)}"' if span.act else ""
    return (
        f'<g class="span span-{_attr(span.kind)} outcome-{_attr(span.outcome.replace(" ", "-"))}"'
        f"{act}><title>{escape(span.label)}</title>{body}</g>"
    )


def _label_lines(label: str) -> list[str]:
    """A lane's label in at most :data:`LABEL_LINES` lines, the last cut with "…"."""
    lines = textwrap.wrap(label, LABEL_CHARS, break_on_hyphens=False) or [label]
    if len(lines) > LABEL_LINES:
        last = " ".join(lines[LABEL_LINES - 1 :])
        cut = last[: LABEL_CHARS - 1].rstrip(" ,;")
        lines = [*lines[: LABEL_LINES - 1], cut + "…"]
    return lines


def _lane_height(lane: Lane, bar_rows: int) -> float:
    """Room for the lane's marks and bars, and for its label's lines."""
    lines = len(_label_lines(lane.label))
    return max(MARK_ROW + bar_rows * BAR_ROW + 6, 16.0 + lines * LABEL_LINE + 12)


def _lane_label(lane: Lane, y: float) -> str:
    """The lane's name (wrapped) over its kind; the id and full text on hover."""
    style = ' font-style="italic"' if lane.kind == "person" else ""
    kind = lane.kind.replace("_", " ")
    title = f"{lane.description or lane.label} (id {lane.id}, {kind})"
    lines = _label_lines(lane.label)
    name = "".join(
        f'<tspan x="10" y="{_num(y + 15 + i * LABEL_LINE)}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return (
        f'<g class="lane-label" data-lane="{_attr(lane.id)}"><title>{escape(title)}</title>'
        f'<text class="lane-name" font-size="12" font-weight="600"{style}>{name}</text>'
        f'<text x="10" y="{_num(y + 15 + len(lines) * LABEL_LINE)}" class="lane-kind" '
        f'font-size="11" fill="#59636e">{escape(kind)}</text></g>'
    )


def _axis(axis: DateAxis, top: float, bottom: float, hatch: str) -> list[str]:
    out = []
    for seg in axis.segments:
        mid = LABEL_WIDTH + (seg.x0 + seg.x1) / 2
        out.append(
            f'<text class="segment" x="{_num(mid)}" y="14" text-anchor="middle" '
            f'font-weight="600" font-size="12">{escape(seg.caption)}</text>'
        )
    for tick in axis.ticks:
        x = LABEL_WIDTH + tick.x
        out.append(
            f'<line x1="{_num(x)}" y1="{_num(top - 6)}" x2="{_num(x)}" y2="{_num(bottom)}" '
            f'stroke="#d1d9e0" stroke-width="1"/>'
        )
        if tick.label:
            out.append(
                f'<text class="tick" x="{_num(x)}" y="{_num(top - 10)}" text-anchor="middle" '
                f'font-size="11" fill="#59636e">{escape(tick.label)}</text>'
            )
    for gap in axis.breaks:
        x0, x1 = LABEL_WIDTH + gap.x0, LABEL_WIDTH + gap.x1
        out.append(
            f'<g class="axis-break"><rect x="{_num(x0 + 8)}" y="{_num(top - 24)}" '
            f'width="{_num(x1 - x0 - 16)}" height="{_num(bottom - top + 24)}" '
            f'fill="url(#{hatch})"/>'
            f'<text x="{_num((x0 + x1) / 2)}" y="14" text-anchor="middle" font-size="11" '
            f'fill="#59636e">{escape(gap.label)}</text>'
            f'<text x="{_num((x0 + x1) / 2)}" y="{_num(top - 10)}" text-anchor="middle" '
            f'font-size="11" fill="#59636e">later</text></g>'
        )
    return out


def _room(page: ScenarioPage) -> dict[dt.date, float]:
    per_day = Counter((a.actor, a.at) for a in page.acts)
    room: dict[dt.date, float] = {}
    for (_, day), count in sorted(per_day.items()):
        room[day] = max(room.get(day, 0.0), (count - 1) * MARK_STEP / 2 + MARK_SIZE + 2)
    return room


def _versions(
    page: ScenarioPage, book: str, axis: DateAxis, bottom: float
) -> list[str]:
    """A thin line where each version of the rules comes into force under ``book``.

    Unlabelled (the first divergence may stand on the same day); its tooltip
    says what the version changed.
    """
    summary = next((b for b in page.books if b.id == book), None)
    out = []
    for change in summary.amendments if summary is not None else ():
        x = axis.x(change.in_force)
        out.append(
            f'<g class="version" data-act="{_attr(change.act)}">'
            f"<title>{escape(f'version {change.version.number}: {change.line()}')}</title>"
            f'<line x1="{_num(x)}" y1="{_num(AXIS_HEIGHT)}" x2="{_num(x)}" y2="{_num(bottom)}" '
            f'stroke="{VERSION_COLOUR}" stroke-width="1"/></g>'
        )
    return out


def timeline_svg(page: ScenarioPage, book: str, *, width: float = 900.0) -> str:
    """The timeline of the scenario under one book, as an ``<svg class="timeline">``.

    Every book's timeline has the same axis and lanes (spans included), so
    switching between books moves nothing but colours, shapes and bars.

    Args:
        page: the page model.
        book: the book whose verdicts and spans are drawn.
        width: the width to aim for; wider when the marks need it.
    """
    spans_all = [s for found in page.spans.values() for s in found]
    dates = [a.at for a in page.acts] + [page.end]
    dates += [d for s in spans_all for d in (s.start, s.end) if d is not None]
    axis = date_axis(dates, width - LABEL_WIDTH - RIGHT_PAD - OPEN_END, _room(page))
    end_x = axis.width + OPEN_END / 2
    rows = {b: _span_rows(found, axis, end_x) for b, found in page.spans.items()}
    lane_rows = {
        lane.id: max(
            [
                r + 1
                for b, found in page.spans.items()
                for s, r in zip(found, rows[b], strict=True)
                if s.lane == lane.id
            ]
            or [0]
        )
        for lane in page.lanes
    }
    tops: dict[str, float] = {}
    heights = {lane.id: _lane_height(lane, lane_rows[lane.id]) for lane in page.lanes}
    y = AXIS_HEIGHT
    for lane in page.lanes:
        tops[lane.id] = y
        y += heights[lane.id]
    bottom = y
    total = LABEL_WIDTH + axis.width + OPEN_END + RIGHT_PAD
    # One page holds a timeline per book: ids inside each must not clash.
    hatch = "break-hatch-" + re.sub(r"[^A-Za-z0-9_-]", "_", book)
    parts = [
        f'<svg class="timeline" data-book="{_attr(book)}" xmlns="http://www.w3.org/2000/svg" '
        f'width="{_num(total)}" height="{_num(bottom + 20)}" '
        f'viewBox="0 0 {_num(total)} {_num(bottom + 20)}" role="img" '
        f'aria-label="{_attr(f"timeline of {page.scenario} under {book}")}" '
        f'font-family="system-ui, sans-serif" font-size="13">',
        f'<defs><pattern id="{hatch}" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#f6f8fa"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#d1d9e0" stroke-width="2"/></pattern></defs>',
    ]
    for i, lane in enumerate(page.lanes):
        fill = "#f6f8fa" if i % 2 == 0 else "#ffffff"
        parts.append(
            f'<rect class="lane" data-lane="{_attr(lane.id)}" x="0" y="{_num(tops[lane.id])}" '
            f'width="{_num(total)}" height="{_num(heights[lane.id])}" fill="{fill}"/>'
        )
        parts.append(_lane_label(lane, tops[lane.id]))
    parts += _axis(axis, AXIS_HEIGHT, bottom, hatch)
    parts.append(f'<g transform="translate({_num(LABEL_WIDTH)} 0)">')
    for span, row in zip(page.spans[book], rows[book], strict=True):
        row_y = tops[span.lane] + MARK_ROW + row * BAR_ROW
        parts.append(_span(span, axis, row_y, end_x))
    if page.divergence is not None:
        x = axis.x(page.divergence.at)
        parts.append(
            f'<g class="divergence" data-act="{_attr(page.divergence.act)}">'
            f'<line x1="{_num(x)}" y1="{_num(AXIS_HEIGHT)}" x2="{_num(x)}" y2="{_num(bottom)}" '
            f'stroke="{DIVERGENCE_COLOUR}" stroke-width="1.5" stroke-dasharray="4 3"/>'
            f'<text x="{_num(x + 4 if x < axis.width / 2 else x - 4)}" '
            f'y="{_num(bottom + 14)}" font-size="11" '
            f'text-anchor="{"start" if x < axis.width / 2 else "end"}" '
            f'fill="{DIVERGENCE_COLOUR}">first divergence: {escape(page.divergence.act)}'
            + (" (the rules diverged)" if page.divergence.rules else "")
            + "</text></g>"
        )
    parts += _versions(page, book, axis, bottom)
    placed: Counter[tuple[str, dt.date]] = Counter()
    same_day = Counter((a.actor, a.at) for a in page.acts)
    for entry in page.acts:
        key = (entry.actor, entry.at)
        offset = (placed[key] - (same_day[key] - 1) / 2) * MARK_STEP
        placed[key] += 1
        parts.append(
            _act(
                entry, book, axis.x(entry.at) + offset, tops[entry.actor] + MARK_ROW / 2
            )
        )
    parts.append("</g></svg>")
    return "".join(parts)
