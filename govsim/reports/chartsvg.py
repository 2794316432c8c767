"""Draw an :class:`~govsim.reports.chart.OrgChart` as one standalone SVG element.

The result works as a ``.svg`` file and inline in an HTML page: no external
fonts, images or URLs, and its style sheet inside it. Its markup is a
contract that the HTML report and the browser tests rely on:

* the root is ``<svg class="org-chart">``;
* each body is ``<g class="body" id="body-ID" data-body="ID">`` (the id with
  ``id_prefix`` before it, when given), with class
  ``flagged`` when lint found something about it and ``unaccountable`` when
  that includes ``unaccountable-body``;
* each link is ``<g class="link link-KIND" data-source=.. data-target=..
  data-acts="suspend expel">``, KIND being ``power`` or ``answers_to``;
* each finding in the list under the chart is ``<g class="finding"
  data-code=.. data-body=..>`` (``data-body`` empty for the book as a whole).

Flagged bodies stand out: a red frame, a pink fill and the line "answers to no
one" (or "answers only to ...") for a body answerable to no one; an amber
frame for any other finding; a badge with the numbers of the body's findings,
listed under the chart, and their text in the body's tooltip.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable
from html import escape
from itertools import pairwise

from govsim.reports.chart import ChartBody, ChartFinding, ChartLink, OrgChart
from govsim.reports.html import domid
from govsim.reports.layout import Box, Edge, Layout, Point, Route, layered_layout

__all__ = [
    "ANSWERS_COLOUR",
    "ASSEMBLY_FILL",
    "CAUTION_COLOUR",
    "EXECUTIVE_FILL",
    "LEGIBLE",
    "MAX_WIDTH",
    "POWER_COLOUR",
    "SMALLEST_TEXT",
    "UNACCOUNTABLE_FILL",
    "WARNING_COLOUR",
    "render_chart_svg",
    "responsive_style",
]

WARNING_COLOUR = "#c62828"
"""The frame of a body answerable to no one."""
UNACCOUNTABLE_FILL = "#ffebee"
"""The fill of a body answerable to no one."""
CAUTION_COLOUR = "#e65100"
"""The frame of a body with any other lint finding."""
POWER_COLOUR = "#455a64"
"""A power link."""
ANSWERS_COLOUR = "#2e7d32"
"""An ``answers_to`` link."""
ASSEMBLY_FILL = "#e3f2fd"
"""The fill of the convention and the membership."""
EXECUTIVE_FILL = "#ede7f6"
"""The fill of the executive."""
FONT = "'DejaVu Sans', Verdana, Arial, sans-serif"
_CHAR = 0.62
"""Width of an average character, in ems, for sizing boxes to their text."""
_PAD = 10.0
_LINE = 1.35
_BOX_MIN, _NAME_CHARS, _SEAT_CHARS, _LABEL_CHARS = 110.0, 22, 28, 20
_MAX_SEATS = 6
SMALLEST_TEXT = 10.5
"""The smallest text on the chart at its natural size, in px (link labels, badges)."""
LEGIBLE = 10.0
"""The smallest text size a chart may be shown at, in px."""
_NAME_SIZE, _TEXT_SIZE, _LABEL_SIZE = 13.0, 11.0, SMALLEST_TEXT
MAX_WIDTH = 1000.0
"""The width a chart is laid out for, in px: about a report's content width.

A row of boxes wider than this is split into rows that fit, so that the
chart need not be shrunk; the edges passing a row can still widen it, and
:func:`responsive_style` then keeps it from shrinking below legible text.
"""

_TIERS = {
    "convention": 0,
    "membership": 0,
    "external_panel": 0,
    "executive": 1,
    "committee": 2,
    "disciplinary": 2,
    "appeal": 2,
    "commission": 2,
    "joint_meeting": 2,
}
"""Rank floors by kind: members and outside checks above the executive above committees."""
_LOW_TIER = 3
_COMMITTEES = 2

_STYLE = f"""
.org-chart {{ font-family: {FONT}; }}
.org-chart text {{ fill: #212121; }}
.org-chart .heading {{ font-size: 16px; font-weight: bold; }}
.org-chart .sub {{ font-size: 11px; fill: #616161; }}
.org-chart .body rect.frame {{ stroke: #78909c; stroke-width: 1.2; fill: #fafafa; }}
.org-chart .body.kind-assembly rect.frame {{ fill: {ASSEMBLY_FILL}; stroke: #1565c0; }}
.org-chart .body.kind-executive rect.frame {{ fill: {EXECUTIVE_FILL}; stroke: #4527a0; }}
.org-chart .body.kind-judging rect.frame {{ fill: #f1f8e9; stroke: #558b2f; }}
.org-chart .body.kind-outside rect.frame {{ fill: #fff8e1; stroke: #8d6e63; }}
.org-chart .body.kind-joint rect.frame {{ stroke-dasharray: 5 3; }}
.org-chart .body.flagged rect.frame {{ stroke: {CAUTION_COLOUR}; stroke-width: 2.5; }}
.org-chart .body.unaccountable rect.frame {{ stroke: {WARNING_COLOUR}; stroke-width: 3.5; fill: {UNACCOUNTABLE_FILL}; }}
.org-chart .body .name {{ font-size: {_NAME_SIZE}px; font-weight: bold; }}
.org-chart .body .meta {{ font-size: {_TEXT_SIZE}px; fill: #616161; }}
.org-chart .body .seats {{ font-size: {_TEXT_SIZE}px; }}
.org-chart .body .alarm {{ font-size: {_TEXT_SIZE}px; font-weight: bold; fill: {WARNING_COLOUR}; }}
.org-chart .badge rect {{ fill: {CAUTION_COLOUR}; }}
.org-chart .unaccountable .badge rect {{ fill: {WARNING_COLOUR}; }}
.org-chart .badge text {{ fill: #ffffff; font-size: {SMALLEST_TEXT}px; font-weight: bold; }}
.org-chart .link path {{ fill: none; stroke-width: 1.4; }}
.org-chart .link-power path {{ stroke: {POWER_COLOUR}; }}
.org-chart .link-answers_to path {{ stroke: {ANSWERS_COLOUR}; stroke-width: 1.8; stroke-dasharray: 6 4; }}
.org-chart .link-label rect {{ fill: #ffffff; stroke-width: 0.8; }}
.org-chart .link-label.power rect {{ stroke: #90a4ae; }}
.org-chart .link-label.answers_to rect {{ stroke: #81c784; }}
.org-chart .link-label text {{ font-size: {_LABEL_SIZE}px; }}
.org-chart .link-label.answers_to text {{ fill: #1b5e20; }}
.org-chart .finding text {{ font-size: 12px; }}
.org-chart .finding .code {{ font-weight: bold; fill: {CAUTION_COLOUR}; }}
.org-chart .finding.unaccountable .code {{ fill: {WARNING_COLOUR}; }}
.org-chart .legend text {{ font-size: 11px; }}
"""


def responsive_style(width: float, *, smallest: float = SMALLEST_TEXT) -> str:
    """The root's style: as wide as its container, never wider than ``width``.

    Nor narrower than keeps its smallest text (``smallest`` px at its
    natural size) at :data:`LEGIBLE` px: a wide chart scrolls in a narrow
    container rather than shrinking past legibility. The height follows the
    viewBox.
    """
    natural = round(width)  # as the viewBox says it
    least = math.ceil(natural * min(1.0, LEGIBLE / smallest))
    return f"width: 100%; max-width: {natural}px; min-width: {least}px; height: auto"


def _width(text: str, size: float, *, bold: bool = False) -> float:
    return len(text) * size * (_CHAR + (0.06 if bold else 0.0))


def _kind_class(body: ChartBody) -> str:
    if body.assembly:
        return "kind-assembly"
    if body.outside:
        return "kind-outside"
    if body.kind == "joint_meeting":
        return "kind-joint"
    if body.kind == "executive":
        return "kind-executive"
    if body.kind in {"disciplinary", "appeal"}:
        return "kind-judging"
    return "kind-other"


def _box(body: ChartBody, text: _BodyText, acting: set[str], linked: set[str]) -> Box:
    """A body's box for the layout, with its tier and rank floor.

    Assemblies and outside bodies that never act sit below whoever acts on
    them; other linked bodies may rise to the committees' rank when nothing
    keeps them lower, so the executive's fan of links stays short.
    """
    tier = _TIERS.get(body.kind, _LOW_TIER)
    if (body.assembly or body.outside) and body.id not in acting:
        tier = _LOW_TIER + 1
    floor = min(tier, _COMMITTEES) if body.id in linked else tier
    return Box(body.id, text.width, text.height, tier, floor)


def _alarm(body: ChartBody, chart: OrgChart) -> str | None:
    if not body.unaccountable:
        return None
    to = sorted(
        {link.target for link in chart.links_of("answers_to") if link.source == body.id}
    )
    return "answers only to " + ", ".join(to) if to else "answers to no one"


def _seat_lines(body: ChartBody) -> list[str]:
    if body.kind == "membership":
        return ["every member"]
    if body.kind == "joint_meeting":
        return ["their members, meeting together"]
    names = [f"{s.person} ({s.role})" if s.role else s.person for s in body.seats]
    if not names:
        return [f"no seat held (of {body.size})" if body.size else "no seat held"]
    shown = names[:_MAX_SEATS]
    if len(names) > _MAX_SEATS:
        shown.append(f"+{len(names) - _MAX_SEATS} more")
    return textwrap.wrap(", ".join(shown), _SEAT_CHARS)


class _BodyText:
    """The lines a body's box holds, and the box size they need."""

    def __init__(self, body: ChartBody, chart: OrgChart) -> None:
        self.name = textwrap.wrap(body.name, _NAME_CHARS) or [body.id]
        meta = body.kind.replace("_", " ")
        self.meta = meta if body.id in {body.kind, body.name} else f"{body.id} · {meta}"
        self.seats = _seat_lines(body)
        alarm = _alarm(body, chart)
        self.alarm = (
            [f"⚠ {line}" for line in textwrap.wrap(alarm, _SEAT_CHARS)] if alarm else []
        )
        self.badge = "⚠ " + " ".join(str(f.number) for f in body.findings)
        widths = [
            *(_width(n, _NAME_SIZE, bold=True) for n in self.name),
            *(_width(t, _TEXT_SIZE) for t in (self.meta, *self.seats, *self.alarm)),
        ]
        badge = _width(self.badge, SMALLEST_TEXT) + 12 if body.findings else 0.0
        self.width = max(_BOX_MIN, max(widths) + 2 * _PAD, badge + 2 * _PAD + 20)
        lines = (
            len(self.name) * _NAME_SIZE
            + (1 + len(self.seats) + len(self.alarm)) * _TEXT_SIZE
        )
        count = len(self.name) + 1 + len(self.seats) + len(self.alarm)
        self.height = (
            lines * _LINE + 2 * _PAD + (count - 1) * 1.0 + (8 if body.findings else 0)
        )


def _label_lines(link: ChartLink) -> list[str]:
    return textwrap.wrap(link.label, _LABEL_CHARS)


def _path(points: Iterable[Point]) -> str:
    pts = list(points)
    parts = [f"M{pts[0][0]:.1f},{pts[0][1]:.1f}"]
    for (x0, y0), (x1, y1) in pairwise(pts):
        half = (y1 - y0) / 2
        parts.append(
            f"C{x0:.1f},{y0 + half:.1f} {x1:.1f},{y1 - half:.1f} {x1:.1f},{y1:.1f}"
        )
    return " ".join(parts)


def _text(x: float, y: float, text: str, cls: str, anchor: str = "start") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" class="{cls}" text-anchor="{anchor}">'
        f"{escape(text)}</text>"
    )


def _draw_body(
    body: ChartBody, text: _BodyText, layout: Layout, dy: float, prefix: str
) -> str:
    box = layout.boxes[body.id]
    x, y = box.x, box.y + dy
    classes = ["body", _kind_class(body)]
    if body.flagged:
        classes.append("flagged")
    if body.unaccountable:
        classes.append("unaccountable")
    tip = [body.name, *(f"[{f.number}] {f.code}: {f.message}" for f in body.findings)]
    out = [
        f'<g class="{" ".join(classes)}" id="{escape(prefix)}body-{escape(body.id)}" '
        f'data-body="{escape(body.id)}">',
        f"<title>{escape(chr(10).join(tip))}</title>",
        f'<rect class="frame" x="{x:.1f}" y="{y:.1f}" width="{box.width:.1f}" '
        f'height="{box.height:.1f}" rx="6"/>',
    ]
    line_y = y + _PAD + (8 if body.findings else 0)
    for name in text.name:
        line_y += _NAME_SIZE * _LINE
        out.append(_text(x + _PAD, line_y - 3, name, "name"))
    rows = [("meta", text.meta), *(("seats", s) for s in text.seats)]
    rows += [("alarm", a) for a in text.alarm]
    for cls, row in rows:
        line_y += _TEXT_SIZE * _LINE + 1
        out.append(_text(x + _PAD, line_y - 3, row, cls))
    if body.findings:
        width = _width(text.badge, SMALLEST_TEXT) + 12
        bx, by = x + box.width - width - 6, y - 8
        out += [
            '<g class="badge">',
            f'<rect x="{bx:.1f}" y="{by:.1f}" width="{width:.1f}" height="16" rx="8"/>',
            _text(bx + width / 2, by + 12, text.badge, "badge-text", "middle"),
            "</g>",
        ]
    out.append("</g>")
    return "\n".join(out)


def _draw_link(link: ChartLink, route: Route, dy: float, ids: str) -> str:
    points = [(x, y + dy) for x, y in route.points]
    clauses = ", ".join(link.clauses)
    if link.kind == "answers_to":
        title = f"{link.source} answers to {link.target}, which may {link.label} ({clauses})"
    else:
        title = f"{link.source} → {link.target}: may {link.label} ({clauses})"
    return (
        f'<g class="link link-{link.kind}" data-source="{escape(link.source)}" '
        f'data-target="{escape(link.target)}" data-acts="{escape(" ".join(link.acts))}">'
        f"<title>{escape(title)}</title>"
        f'<path d="{_path(points)}" marker-end="url(#{ids}-{link.kind})"/></g>'
    )


def _draw_label(link: ChartLink, route: Route, dy: float) -> str:
    """A link's label, drawn over every path (those sharing it pass through it)."""
    lines = _label_lines(link)
    width = max(_width(line, _LABEL_SIZE) for line in lines) + 10
    height = len(lines) * _LABEL_SIZE * _LINE + 6
    lx, ly = route.label[0], route.label[1] + dy
    out = [
        f'<g class="link-label {link.kind}" data-source="{escape(link.source)}" '
        f'data-target="{escape(link.target)}">',
        f'<rect x="{lx - width / 2:.1f}" y="{ly - height / 2:.1f}" width="{width:.1f}" '
        f'height="{height:.1f}" rx="4"/>',
    ]
    first = ly - height / 2 + 3 + _LABEL_SIZE
    for i, line in enumerate(lines):
        out.append(_text(lx, first + i * _LABEL_SIZE * _LINE, line, "label", "middle"))
    out.append("</g>")
    return "\n".join(out)


def _markers(ids: str) -> str:
    return "".join(
        f'<marker id="{ids}-{kind}" viewBox="0 0 10 10" refX="9" refY="5" '
        f'markerWidth="8" markerHeight="8" orient="auto-start-reverse">'
        f'<path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
        for kind, colour in (("power", POWER_COLOUR), ("answers_to", ANSWERS_COLOUR))
    )


def _legend(y: float, ids: str, limit: float) -> tuple[str, float, float]:
    """The legend from ``y``, in as many lines as fit ``limit``.

    Returns the markup, its widest line's right end, and where the chart
    below it may start.
    """
    from govsim.analysis.lint.accountability import UNACCOUNTABLE_BODY

    entries: list[tuple[str, str]] = []
    for kind, words in (
        ("power", "may act on the body or its members"),
        ("answers_to", "answers to: may be recalled, removed or audited by"),
    ):
        dash = ' stroke-dasharray="6 4"' if kind == "answers_to" else ""
        colour = POWER_COLOUR if kind == "power" else ANSWERS_COLOUR
        entries.append(
            (
                f'<path d="M{{x:.1f}},{{y:.1f}} L{{end:.1f}},{{y:.1f}}" stroke="{colour}" '
                f'stroke-width="1.8"{dash} marker-end="url(#{ids}-{kind})" fill="none"/>',
                words,
            )
        )
    for colour, words, fill in (
        (
            WARNING_COLOUR,
            f"answers to no one (lint: {UNACCOUNTABLE_BODY.code})",
            UNACCOUNTABLE_FILL,
        ),
        (CAUTION_COLOUR, "other lint findings (numbers: list below)", "#fafafa"),
    ):
        entries.append(
            (
                '<rect x="{x:.1f}" y="{top:.1f}" width="22" height="14" rx="3" '
                f'fill="{fill}" stroke="{colour}" stroke-width="2.5"/>',
                words,
            )
        )
    out = ['<g class="legend">']
    x, widest = 20.0, 0.0
    for mark, words in entries:
        indent = 42 if mark.startswith("<path") else 30  # past an arrow, or a frame
        size = indent + _width(words, 11)
        if x > 20 and x + size > limit - 20:
            x, y = 20.0, y + 20
        out.append(mark.format(x=x, y=y, end=x + 34, top=y - 7))
        out.append(_text(x + indent, y + 4, words, "legend-text"))
        widest = max(widest, x + size + 20)
        x += size + 24
    out.append("</g>")
    return "\n".join(out), widest, y + 22


def _findings(
    findings: Iterable[ChartFinding], y: float, width: float
) -> tuple[str, float]:
    findings = list(findings)
    out = [
        _text(
            20,
            y + 16,
            f"Lint findings ({len(findings)})" if findings else "Lint: no findings",
            "heading",
        )
    ]
    y += 30
    chars = max(40, int((width - 60) / (12 * _CHAR)))
    for f in findings:
        where = f.body or "book"
        classes = "finding unaccountable" if f.unaccountable else "finding"
        clauses = f" (clauses {', '.join(f.clauses)})" if f.clauses else ""
        lines = textwrap.wrap(f"{f.message}{clauses}", chars - len(f.code) // 2)
        out.append(
            f'<g class="{classes}" data-code="{escape(f.code)}" data-body="{escape(f.body or "")}">'
        )
        out.append(
            f'<text x="20" y="{y + 12:.1f}"><tspan class="code">{f.number}. {escape(f.code)}</tspan>'
            f' <tspan class="where">[{escape(where)}]</tspan></text>'
        )
        for i, line in enumerate(lines):
            out.append(_text(40, y + 12 + (i + 1) * 16, line, "message"))
        out.append("</g>")
        y += 16 * (len(lines) + 1) + 8
    return "\n".join(out), y


def render_chart_svg(
    chart: OrgChart, *, title: str | None = None, id_prefix: str = ""
) -> str:
    """The chart as one ``<svg class="org-chart">`` element (see the module docstring).

    Args:
        chart: the chart to draw.
        title: the heading above it (default: the book and organisation).
        id_prefix: put before every body's element id, so that a page holding
            several charts (one per book) keeps its ids unique.
    """
    ids = "oc-" + domid(chart.book)
    texts = {b.id: _BodyText(b, chart) for b in chart.bodies}
    acting = {link.source for link in chart.links_of("power")}
    acting |= {link.target for link in chart.links_of("answers_to")}
    linked = {end for link in chart.links for end in (link.source, link.target)}
    boxes = [_box(b, texts[b.id], acting, linked) for b in chart.bodies]
    edges = []
    for link in chart.links:
        lines = _label_lines(link)
        edges.append(
            Edge(
                link.source,
                link.target,
                max(_width(line, _LABEL_SIZE) for line in lines) + 10,
                len(lines) * _LABEL_SIZE * _LINE + 6,
                label=f"{link.kind}:{link.label}",
                upward=link.kind == "answers_to",
            )
        )
    layout = layered_layout(boxes, edges, max_width=MAX_WIDTH)
    heading = title or f"{chart.book} on {chart.organisation}"
    legend, legend_width, top = _legend(58, ids, MAX_WIDTH)
    width = max(layout.width, legend_width, 760.0)
    findings, bottom = _findings(chart.findings, top + layout.height + 10, width)
    height = bottom + 20
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="org-chart" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" width="100%" '
        f'style="{responsive_style(width)}" '
        f'role="img" font-family="{escape(FONT)}">',
        f"<title>{escape(heading)}</title>",
        f"<style>{_STYLE}</style>",
        f"<defs>{_markers(ids)}</defs>",
        f'<rect x="0" y="0" width="{width:.0f}" height="{height:.0f}" fill="#ffffff"/>',
        _text(20, 28, heading, "heading"),
        _text(
            20,
            44,
            f"rule book {chart.book} ({chart.epoch}) on organisation {chart.organisation}",
            "sub",
        ),
        legend,
        *(
            _draw_link(link, route, top, ids)
            for link, route in zip(chart.links, layout.routes, strict=True)
        ),
        *(
            _draw_label(link, route, top)
            for link, route in zip(chart.links, layout.routes, strict=True)
            if route.labelled
        ),
        *(_draw_body(b, texts[b.id], layout, top, id_prefix) for b in chart.bodies),
        findings,
        "</svg>",
    ]
    return "\n".join(parts) + "\n"
