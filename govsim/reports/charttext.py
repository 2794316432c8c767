"""An :class:`~govsim.reports.chart.OrgChart` as Mermaid or DOT text.

For people who keep charts in Markdown (Mermaid renders in GitHub, GitLab
and many wikis) or lay them out with Graphviz. Both say what the SVG says:
one node per body with its seats, power links as solid arrows labelled with
the acts, ``answers_to`` links dashed and green, bodies lint finds fault with
in amber, a body answerable to no one in red; the findings themselves are
listed as comments. Ids are quoted (DOT) or replaced by safe names (Mermaid),
and every label is escaped, so no body name can break the syntax.
"""

from __future__ import annotations

import re
import textwrap

from govsim.reports.chart import ChartBody, ChartLink, OrgChart
from govsim.reports.chartsvg import (
    ANSWERS_COLOUR,
    ASSEMBLY_FILL,
    CAUTION_COLOUR,
    EXECUTIVE_FILL,
    POWER_COLOUR,
    UNACCOUNTABLE_FILL,
    WARNING_COLOUR,
)

__all__ = ["DOT_SMALLEST_TEXT", "to_dot", "to_mermaid"]

DOT_SMALLEST_TEXT = 10.0
"""The DOT's smallest text (edge labels), in points: px in Graphviz's SVG."""
_WRAP = 32
"""Characters per line of a body's label."""
_LINK_WRAP = 22
"""Characters per line of a link's label in DOT, which Graphviz does not wrap."""
_FILLS = {
    "convention": ASSEMBLY_FILL,
    "membership": ASSEMBLY_FILL,
    "executive": EXECUTIVE_FILL,
}
"""Fills by kind, as in the SVG."""


def _lines(body: ChartBody) -> list[str]:
    """A body's label: name, id and kind, seats, and a warning when flagged."""
    kind = body.kind.replace("_", " ")
    meta = kind if body.id in {body.kind, body.name} else f"{body.id} · {kind}"
    lines = [*textwrap.wrap(body.name, _WRAP), meta]
    if body.seats:
        lines += textwrap.wrap(", ".join(s.person for s in body.seats), _WRAP)
    if body.flagged:
        numbers = ", ".join(str(f.number) for f in body.findings)
        lines.append(f"⚠ lint {numbers}")
    return lines


def _link_label(link: ChartLink) -> str:
    return f"answers to: {link.label}" if link.kind == "answers_to" else link.label


def _comments(chart: OrgChart, mark: str) -> list[str]:
    out = [f"{mark} {chart.book} ({chart.epoch}) on {chart.organisation}"]
    for f in chart.findings:
        text = f"{f.number}. {f.code} [{f.body or 'book'}]: {f.message}"
        out.append(f"{mark} {' '.join(text.split())}")
    return out


def _mermaid_ids(chart: OrgChart) -> dict[str, str]:
    """A Mermaid-safe node name per body id, distinct, in a stable order."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for body in chart.bodies:
        base = "b_" + re.sub(r"[^A-Za-z0-9_]", "_", body.id)
        name, n = base, 1
        while name in taken:
            n += 1
            name = f"{base}_{n}"
        taken.add(name)
        names[body.id] = name
    return names


def _mermaid_text(text: str) -> str:
    """Text inside a quoted Mermaid label: entity codes for the characters it reads."""
    # "#" first: the codes themselves start with it.
    codes = (
        ("#", "#35;"),
        ("&", "#amp;"),
        ('"', "#quot;"),
        ("<", "#lt;"),
        (">", "#gt;"),
    )
    for char, code in codes:
        text = text.replace(char, code)
    return " ".join(text.split())


def to_mermaid(chart: OrgChart) -> str:
    """The chart as a Mermaid ``flowchart TB``, flagged bodies styled by class."""
    ids = _mermaid_ids(chart)
    out = ["flowchart TB", *(f"  {c}" for c in _comments(chart, "%%"))]
    for body in chart.bodies:
        label = "<br/>".join(_mermaid_text(line) for line in _lines(body))
        out.append(f'  {ids[body.id]}["{label}"]')
    for link in chart.links:
        arrow = "-.->" if link.kind == "answers_to" else "-->"
        label = _mermaid_text(_link_label(link))
        out.append(f'  {ids[link.source]} {arrow}|"{label}"| {ids[link.target]}')
    out += [
        f"  classDef flagged stroke:{CAUTION_COLOUR},stroke-width:3px",
        f"  classDef unaccountable fill:{UNACCOUNTABLE_FILL},stroke:{WARNING_COLOUR},"
        "stroke-width:4px",
    ]
    for cls, members in (
        ("unaccountable", [b for b in chart.bodies if b.unaccountable]),
        ("flagged", [b for b in chart.bodies if b.flagged and not b.unaccountable]),
    ):
        if members:
            out.append(f"  class {','.join(ids[b.id] for b in members)} {cls}")
    answers = [i for i, link in enumerate(chart.links) if link.kind == "answers_to"]
    if answers:
        out.append(
            f"  linkStyle {','.join(map(str, answers))} stroke:{ANSWERS_COLOUR},stroke-width:2px"
        )
    return "\n".join(out) + "\n"


def _dot_text(text: str) -> str:
    """A DOT double-quoted string's content: backslashes and quotes escaped."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def _dot_attrs(attrs: dict[str, str]) -> str:
    return ", ".join(f'{key}="{value}"' for key, value in attrs.items())


def to_dot(chart: OrgChart) -> str:
    """The chart as a Graphviz ``digraph``; flagged bodies amber, unaccountable red."""
    title = f"{chart.book} on {chart.organisation}"
    out = [
        *_comments(chart, "//"),
        "digraph org_chart {",
        f"  graph [{_dot_attrs({'label': _dot_text(title), 'labelloc': 't', 'rankdir': 'TB', 'fontname': 'Helvetica'})}];",
        '  node [shape="box", style="rounded,filled", fillcolor="#fafafa", fontname="Helvetica", fontsize="11"];',
        f'  edge [fontname="Helvetica", fontsize="{DOT_SMALLEST_TEXT:g}", color="{POWER_COLOUR}"];',
    ]
    for body in chart.bodies:
        attrs = {
            "label": "\\n".join(_dot_text(line) for line in _lines(body)),
            "fillcolor": _FILLS.get(body.kind, "#fafafa"),
        }
        if body.kind == "joint_meeting":
            attrs["style"] = "rounded,filled,dashed"
        if body.flagged:
            attrs.update({"color": CAUTION_COLOUR, "penwidth": "2.5"})
        if body.unaccountable:
            attrs.update(
                {
                    "color": WARNING_COLOUR,
                    "penwidth": "3.5",
                    "fillcolor": UNACCOUNTABLE_FILL,
                }
            )
        out.append(f'  "{_dot_text(body.id)}" [{_dot_attrs(attrs)}];')
    for link in chart.links:
        lines = textwrap.wrap(_link_label(link), _LINK_WRAP)
        attrs = {"label": "\\n".join(_dot_text(line) for line in lines)}
        if link.kind == "answers_to":
            attrs.update(
                {
                    "style": "dashed",
                    "color": ANSWERS_COLOUR,
                    "fontcolor": ANSWERS_COLOUR,
                }
            )
        out.append(
            f'  "{_dot_text(link.source)}" -> "{_dot_text(link.target)}" [{_dot_attrs(attrs)}];'
        )
    out.append("}")
    return "\n".join(out) + "\n"
