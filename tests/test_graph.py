"""Tests of ``govsim graph``: the chart model, its layout, its SVG, Mermaid and DOT."""

from __future__ import annotations

import dataclasses
import itertools
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from conftest import ORG_FILE, Docs, organisation, rulebook
from typer.testing import CliRunner

from govsim.faces.cli import app
from govsim.faces.graph import load_book
from govsim.reports.chart import (
    ChartBody,
    ChartFinding,
    ChartLink,
    ChartSeat,
    LinkKind,
    OrgChart,
    build_chart,
)
from govsim.reports.chartsvg import WARNING_COLOUR, render_chart_svg
from govsim.reports.charttext import to_dot, to_mermaid
from govsim.reports.layout import Box, Edge, layered_layout

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "scenarios/iso/rules"
SVG = "{http://www.w3.org/2000/svg}"


def chart_of(book: str) -> OrgChart:
    resolved, organisation = load_book(str(RULES / f"{book}.govsim.yaml"), None)
    return build_chart(resolved, organisation)


@pytest.fixture(scope="module")
def iso2013() -> OrgChart:
    return chart_of("iso-2013-as-practised")


@pytest.fixture(scope="module")
def external() -> OrgChart:
    return chart_of("external-checks")


def link(chart: OrgChart, kind: LinkKind, source: str, target: str) -> ChartLink | None:
    return next(
        (x for x in chart.links_of(kind) if (x.source, x.target) == (source, target)),
        None,
    )


def answered(chart: OrgChart, body: str) -> set[str]:
    return {x.target for x in chart.links_of("answers_to") if x.source == body}


# --- the model --------------------------------------------------------------


def test_the_2013_executive_answers_to_no_one_outside_and_is_flagged(
    iso2013: OrgChart,
) -> None:
    sc = iso2013.body("sc")
    assert sc.flagged
    assert sc.unaccountable
    assert "unaccountable-body" in {f.code for f in sc.findings}
    # lint: sc answers only to ndc (removal from office, 4.1), which answers to no one
    assert answered(iso2013, "sc") == {"ndc"}
    assert answered(iso2013, "ndc") == set()
    assert iso2013.body("ndc").unaccountable


def test_under_external_checks_the_executive_answers_to_the_convention_and_panel(
    external: OrgChart,
) -> None:
    sc = external.body("sc")
    assert not sc.unaccountable
    assert "unaccountable-body" not in {f.code for f in external.findings}
    recall = link(external, "answers_to", "sc", "convention")
    audit = link(external, "answers_to", "sc", "external-panel")
    assert recall is not None
    assert recall.acts == ("recall",)
    assert recall.clauses == ("E2",)
    assert audit is not None
    assert audit.acts == ("audit",)
    # other findings still mark it, in amber rather than red
    assert sc.flagged


def test_power_links_carry_the_acts_the_book_grants(
    iso2013: OrgChart, external: OrgChart
) -> None:
    for chart in (iso2013, external):
        expel = link(chart, "power", "ndc", "membership")
        assert expel is not None
        assert "expel" in expel.acts
        assert link(chart, "power", "convention", "sc") is not None
    # 3.1 lets the 2013 SC alter the NDC's decisions and carry them out (or not);
    # E5 denies the SC that power, and the panel hears appeals instead (E8)
    override = link(iso2013, "power", "sc", "ndc")
    assert override is not None
    assert {"overturn", "implement", "appoint", "dissolve"} <= set(override.acts)
    assert override.clauses == ("3.1",)
    seats_only = link(external, "power", "sc", "ndc")
    assert seats_only is not None
    assert "overturn" not in seats_only.acts
    appeal = link(external, "power", "external-panel", "ndc")
    assert appeal is not None
    assert appeal.acts == ("hear-appeal",)


def test_power_links_leave_checks_to_answers_to(iso2013: OrgChart) -> None:
    # ndc may remove sc's members from office: drawn once, as sc answering to ndc
    assert link(iso2013, "power", "ndc", "sc") is None
    removal = link(iso2013, "answers_to", "sc", "ndc")
    assert removal is not None
    assert removal.acts == ("remove",)


def test_joint_meetings_are_bodies_and_their_findings_attach_to_them() -> None:
    chart = chart_of("iso-2019-post-convention")
    joint = chart.body("sc+nc")
    assert joint.kind == "joint_meeting"
    assert {"unbounded-interim", "sanction-without-appeal"} <= {
        f.code for f in joint.findings
    }
    power = link(chart, "power", "sc+nc", "membership")
    assert power is not None
    assert {"expel", "suspend", "interim-suspend"} <= set(power.acts)
    # findings about clauses, not bodies, stay with the chart
    assert {f.code for f in chart.general_findings} == {"shadowed-clause"}


def test_seats_are_those_held_on_the_latest_day(iso2013: OrgChart) -> None:
    assert [s.person for s in iso2013.body("sc").seats] == [
        "sc19-a",
        "sc19-b",
        "sc19-c",
        "sc19-d",
    ]
    assert iso2013.body("ndc").seats == ()
    assert iso2013.body("ndc").size == 3


def test_chart_order_is_sorted_and_numbering_follows_lint(iso2013: OrgChart) -> None:
    ids = [b.id for b in iso2013.bodies]
    assert ids == sorted(ids)
    assert [f.number for f in iso2013.findings] == list(
        range(1, len(iso2013.findings) + 1)
    )
    kinds: tuple[LinkKind, ...] = ("power", "answers_to")
    for kind in kinds:
        ends = [(x.source, x.target) for x in iso2013.links_of(kind)]
        assert ends == sorted(ends)


# --- the layout -------------------------------------------------------------


Rect = tuple[float, ...]


def overlap(a: Rect, b: Rect) -> bool:
    return (
        a[0] < b[0] + b[2]
        and b[0] < a[0] + a[2]
        and a[1] < b[1] + b[3]
        and b[1] < a[1] + a[3]
    )


def test_layout_keeps_boxes_and_labels_apart(iso2013: OrgChart) -> None:
    svg = ET.fromstring(render_chart_svg(iso2013))
    rects = [
        tuple(float(r.get(k, "0")) for k in ("x", "y", "width", "height"))
        for g in svg.iter(f"{SVG}g")
        if {"body", "link-label"} & set(g.get("class", "").split())
        for r in g.findall(f"{SVG}rect")
    ]
    assert len(rects) > len(iso2013.bodies)
    for a, b in itertools.combinations(rects, 2):
        assert not overlap(a, b), (a, b)


def test_layout_ranks_follow_accountability() -> None:
    boxes = [Box("top", 50, 20, 0), Box("mid", 50, 20, 1), Box("low", 50, 20, 1)]
    edges = [
        Edge("top", "mid", 20, 10),
        Edge("low", "mid", 20, 10, upward=True),  # low answers to mid
        Edge("mid", "top", 20, 10, upward=True),
    ]
    layout = layered_layout(boxes, edges)
    y = {k: v.y for k, v in layout.boxes.items()}
    assert y["top"] < y["mid"] < y["low"]
    # every route ends at its target's side: arrowheads point at the target
    for edge, route in zip(edges, layout.routes, strict=True):
        target = layout.boxes[edge.target]
        end_y = route.points[-1][1]
        assert end_y in (target.y, target.y + target.height)


def test_layout_refuses_an_edge_to_itself() -> None:
    with pytest.raises(ValueError, match="to itself"):
        layered_layout([Box("a", 10, 10, 0)], [Edge("a", "a", 5, 5)])


# --- the SVG ----------------------------------------------------------------


def groups(svg: ET.Element, cls: str) -> list[ET.Element]:
    return [g for g in svg.iter(f"{SVG}g") if cls in g.get("class", "").split()]


def test_svg_follows_the_markup_contract(iso2013: OrgChart) -> None:
    svg = ET.fromstring(render_chart_svg(iso2013))
    assert svg.tag == f"{SVG}svg"
    assert svg.get("class") == "org-chart"
    bodies = groups(svg, "body")
    assert [g.get("data-body") for g in bodies] == [b.id for b in iso2013.bodies]
    assert all(g.get("id") == f"body-{g.get('data-body')}" for g in bodies)
    sc = next(g for g in bodies if g.get("data-body") == "sc")
    assert {"flagged", "unaccountable"} <= set(sc.get("class", "").split())
    metoo = next(g for g in bodies if g.get("data-body") == "metoo")
    assert "flagged" not in metoo.get("class", "").split()
    links = groups(svg, "link")
    assert len(links) == len(iso2013.links)
    expel = next(
        g
        for g in links
        if (g.get("data-source"), g.get("data-target")) == ("ndc", "membership")
    )
    assert "link-power" in expel.get("class", "").split()
    assert "expel" in expel.get("data-acts", "").split()
    findings = groups(svg, "finding")
    assert [(g.get("data-code"), g.get("data-body")) for g in findings] == [
        (f.code, f.body or "") for f in iso2013.findings
    ]


def test_svg_says_whom_an_unaccountable_body_answers_to(iso2013: OrgChart) -> None:
    text = render_chart_svg(iso2013)
    assert "answers only to ndc" in text
    assert "answers to no one" in text  # ndc
    assert WARNING_COLOUR in text
    assert "http://" not in text.replace("http://www.w3.org/2000/svg", "")


def test_svg_escapes_every_text() -> None:
    nasty = 'A & B <script>"x"</script>'
    chart = OrgChart(
        book="b<1>",
        organisation="o&o",
        epoch="as written",
        bodies=(
            ChartBody("a", nasty, "executive", (ChartSeat("p<1>", 'c"h'),)),
            ChartBody("b", "B", "committee"),
        ),
        links=(ChartLink("power", "a", "b", ("appoint",), ("1<2",)),),
        findings=(ChartFinding(1, "unaccountable-body", nasty, ("1",), "a"),),
    )
    svg = render_chart_svg(chart)
    root = ET.fromstring(svg)  # parses: nothing unescaped
    assert "<script>" not in svg
    assert any(nasty in "".join(t.itertext()) for t in root.iter(f"{SVG}text"))


def test_svg_is_deterministic(iso2013: OrgChart) -> None:
    again = chart_of("iso-2013-as-practised")
    assert again == iso2013
    assert render_chart_svg(again) == render_chart_svg(iso2013)


def test_charts_of_books_a_dot_b_and_a_dash_b_keep_their_ids_apart(
    iso2013: OrgChart,
) -> None:
    ids: list[str] = []
    for book in ("a.b", "a-b"):
        chart = dataclasses.replace(iso2013, book=book)
        svg = render_chart_svg(chart, id_prefix=f"chart-{book}-")
        root = ET.fromstring(svg)
        markers = {m.get("id") for m in root.iter(f"{SVG}marker")}
        used = set(re.findall(r'marker-end="url\(#([^)]+)\)"', svg))
        assert used == markers  # each chart's arrows use its own markers
        ids += [e.get("id", "") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids))


# --- Mermaid and DOT ----------------------------------------------------------


def test_mermaid_names_every_body_and_styles_the_unaccountable(
    iso2013: OrgChart,
) -> None:
    text = to_mermaid(iso2013)
    assert text.startswith("flowchart TB\n")
    nodes = re.findall(r'^  (b_\w+)\["', text, flags=re.MULTILINE)
    assert len(nodes) == len(iso2013.bodies)
    for body in iso2013.bodies:
        assert body.id in text
    edges = re.findall(
        r"^  b_\w+ (?:-->|-\.->)\|\"[^\"]*\"\| b_\w+$", text, re.MULTILINE
    )
    assert len(edges) == len(iso2013.links)
    styled = re.search(r"^  class (\S+) unaccountable$", text, flags=re.MULTILINE)
    assert styled is not None
    assert set(styled[1].split(",")) == {"b_sc", "b_ndc", "b_nc"}


def test_mermaid_labels_cannot_break_out() -> None:
    chart = OrgChart(
        "b",
        "o",
        "as written",
        (ChartBody("a-1", 'x"]-->y', "committee"), ChartBody("a_1", "#y", "branch")),
        (),
        (),
    )
    text = to_mermaid(chart)
    assert 'x"]' not in text
    assert "b_a_1[" in text
    assert "b_a_1_2[" in text  # distinct safe names for colliding ids


def test_dot_is_balanced_and_marks_the_unaccountable_red(iso2013: OrgChart) -> None:
    text = to_dot(iso2013)
    body = text[text.index("digraph") :]
    assert body.count("{") == body.count("}") == 1
    for line in body.splitlines():
        assert len(re.findall(r'(?<!\\)"', line)) % 2 == 0, line
    for b in iso2013.bodies:
        assert f'"{b.id}" [' in body
    sc = next(line for line in body.splitlines() if line.startswith('  "sc" ['))
    assert 'color="#c62828"' in sc
    assert body.count(" -> ") == len(iso2013.links)


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_dot_is_read_by_graphviz(iso2013: OrgChart) -> None:
    done = subprocess.run(
        ["dot", "-Tsvg"],
        input=to_dot(iso2013),
        text=True,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


# --- an organisation without a membership body --------------------------------


def no_membership_chart(
    docs: Docs, committee: str = "board", **book_extra: Any
) -> OrgChart:
    """A convention, an executive that may sanction any member, and one committee."""
    org = docs.write(
        ORG_FILE,
        organisation(
            ["a", "b", "c"],
            {
                "convention": {"kind": "convention"},
                "exec": {"kind": "executive", "seats": [{"person": "a"}]},
                committee: {"kind": "committee", "seats": [{"person": "b"}]},
            },
        ),
    )
    clauses = [
        {
            "id": "C1",
            "text": "The executive disciplines.",
            "powers": [
                {"by": "exec", "acts": ["sanction"]},
            ],
        },
        {
            "id": "C2",
            "text": "The convention elects and recalls.",
            "powers": [
                {"by": "convention", "acts": ["elect", "recall"]},
            ],
        },
    ]
    path = docs.write(
        "book.govsim.yaml", rulebook(clauses, organisation="org", **book_extra)
    )
    return build_chart(*load_book(str(path), org))


def test_powers_over_any_member_go_to_every_member_without_a_membership_body(
    docs: Docs,
) -> None:
    chart = no_membership_chart(docs)
    members = chart.body("members")
    assert (members.name, members.kind, members.seats) == (
        "every member",
        "membership",
        (),
    )
    power = link(chart, "power", "exec", "members")
    assert power is not None
    assert {"expel", "suspend"} <= set(power.acts)
    # every link ends at a body on the chart, so every format can draw it
    ids = {b.id for b in chart.bodies}
    assert {end for x in chart.links for end in (x.source, x.target)} <= ids
    svg = ET.fromstring(render_chart_svg(chart))
    assert svg.find(f".//{SVG}g[@data-body='members']") is not None
    assert 'b_exec -->|"expel, suspend' in to_mermaid(chart)
    assert '  "members" [label="every member\\nmembers · membership"' in to_dot(chart)


def test_a_committee_called_members_keeps_its_id(docs: Docs) -> None:
    chart = no_membership_chart(docs, committee="members")
    assert chart.body("members").kind == "committee"
    elected = link(chart, "power", "convention", "members")
    assert elected is not None
    assert elected.acts == ("elect",)
    assert chart.body("members-2").name == "every member"
    assert link(chart, "power", "exec", "members-2") is not None


def test_the_chart_is_of_the_latest_version_amendments_applied(docs: Docs) -> None:
    assert link(no_membership_chart(docs), "power", "convention", "exec") is not None
    amendment = {"id": "a1", "in_force": "2021-01-01", "repeal": ["C2"]}
    chart = no_membership_chart(docs, amendments=[amendment])
    assert chart.epoch == "a1 (2021-01-01)"
    assert link(chart, "power", "convention", "exec") is None
    assert link(chart, "answers_to", "exec", "convention") is None
    assert "rule book book (a1 (2021-01-01)) on organisation org" in render_chart_svg(
        chart
    )


def test_cli_draws_an_organisation_without_a_membership_body(
    runner: CliRunner, docs: Docs
) -> None:
    no_membership_chart(docs)
    for fmt in ("svg", "mermaid", "dot"):
        book, org = docs.root / "book.govsim.yaml", docs.root / ORG_FILE
        args = ["graph", str(book), "--org", str(org), "--format", fmt]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output


# --- the command ------------------------------------------------------------


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(env={"COLUMNS": "100"})


def test_cli_draws_svg_by_default(runner: CliRunner) -> None:
    result = runner.invoke(app, ["graph", "iso-2013-as-practised"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    again = runner.invoke(app, ["graph", "iso-2013-as-practised"])
    assert again.stdout == result.stdout


@pytest.mark.parametrize(("fmt", "start"), [("mermaid", "flowchart TB"), ("dot", "//")])
def test_cli_text_formats(runner: CliRunner, fmt: str, start: str) -> None:
    result = runner.invoke(app, ["graph", "external-checks", "--format", fmt])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(start)


def test_cli_writes_out_file(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "chart.svg"
    result = runner.invoke(app, ["graph", "iso-2013-as-practised", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert ET.parse(out).getroot().get("class") == "org-chart"


def test_cli_refuses_an_unknown_book(runner: CliRunner) -> None:
    result = runner.invoke(app, ["graph", "iso-2013-as-practise"])
    assert result.exit_code == 2
    assert "did you mean 'iso-2013-as-practised'" in result.stderr
    assert "Traceback" not in result.output


def test_cli_refuses_a_malformed_book_with_its_position(
    runner: CliRunner, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.govsim.yaml"
    bad.write_text("rulebook: bad\nclauses: [\n")
    result = runner.invoke(app, ["graph", str(bad)])
    assert result.exit_code == 2
    assert re.search(rf"{re.escape(str(bad))}:\d+:\d+: ", result.stderr)
    assert "Traceback" not in result.output


def test_cli_refuses_a_book_for_another_organisation(runner: CliRunner) -> None:
    org = ROOT / "scenarios/invariants/organisation.govsim.yaml"
    result = runner.invoke(app, ["graph", "iso-2013-as-practised", "--org", str(org)])
    assert result.exit_code == 2
    assert "iso-2013-as-practised.govsim.yaml:10:15: organisation:" in result.stderr


@pytest.mark.parametrize(
    ("path", "says"),
    [
        (
            "invariants/nemo_iudex.govsim.yaml:7:11: scenario: this file is a "
            "scenario ('inv-nemo-iudex'), not a rule book",
            "draw one of the rule books it runs instead: lax "
            "(scenarios/invariants/rules/lax.govsim.yaml), strict",
        ),
        (
            "invariants/organisation.govsim.yaml:7:15: organisation: this file is "
            "an organisation ('inv-org')",
            "draw a rule book written for it instead, with --org "
            "scenarios/invariants/organisation.govsim.yaml",
        ),
        (
            "crisis/iso-2019.model.yaml:21:8: model: this file is a behaviour model",
            "iso-2013-as-practised (scenarios/iso/rules/iso-2013-as-practised",
        ),
        (
            "sweeps/case-absences.sweep.yaml:6:8: sweep: this file is a sweep spec",
            "instead: iso-2013-as-practised (scenarios/iso/rules/",
        ),
    ],
)
def test_cli_says_what_a_file_that_is_no_rule_book_is(
    runner: CliRunner, path: str, says: str
) -> None:
    file = "scenarios/" + path.split(":", maxsplit=1)[0]
    result = runner.invoke(app, ["graph", file])
    assert result.exit_code == 2
    assert result.stderr.startswith("scenarios/" + path)
    assert says in " ".join(result.stderr.split())
    assert "no organisation" not in result.stderr
    assert "Traceback" not in result.output
    # lint reads books the same way, and says so with its own verb
    linted = runner.invoke(app, ["lint", file])
    assert linted.exit_code == 2
    assert says.replace("draw", "lint") in " ".join(linted.stderr.split())


def test_cli_refuses_an_unknown_format_and_an_unwritable_file(
    runner: CliRunner, tmp_path: Path
) -> None:
    fmt = runner.invoke(app, ["graph", "iso-2013-as-practised", "--format", "png"])
    assert fmt.exit_code == 2
    assert "--format must be one of svg, mermaid, dot (got 'png')" in fmt.output
    (tmp_path / "file").write_text("", encoding="utf-8")
    out = tmp_path / "file" / "chart.svg"
    unwritable = runner.invoke(
        app, ["graph", "iso-2013-as-practised", "--out", str(out)]
    )
    assert unwritable.exit_code == 2
    assert f"--out {out}: a part of the path is a file, not a folder" in (
        unwritable.stderr
    )


def test_docs_mermaid_example_is_the_command_output(iso2013: OrgChart) -> None:
    docs = (ROOT / "docs/graph.md").read_text(encoding="utf-8")
    block = re.search(r"```mermaid\n(.*?)```", docs, flags=re.DOTALL)
    assert block is not None
    assert block[1] == to_mermaid(iso2013)
