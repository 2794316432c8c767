"""Rich display: results, comparisons and lint reports in a notebook and a terminal.

Each of ``Result``, ``Comparison`` and ``LintReport`` has ``_repr_html_`` (a
well-formed, self-contained HTML fragment with every piece of document text
escaped), ``__rich__`` (the renderable the command line prints, fitting the
console's width with act ids and verdicts whole) and a one-line ``__repr__``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

import govsim
from govsim import fragments
from govsim.analysis.lint import Finding, LintReport
from govsim.analysis.views.matrix import DIVERGENCE_MARK, broken_at_hyphens
from govsim.faces.cli import app
from govsim.findings.runview import run_view

ROOT = Path(__file__).resolve().parent.parent
ISO = ROOT / "scenarios" / "iso"
CASE = ISO / "2012-13-case.govsim.yaml"
WEEK = ISO / "2019-disclosure-week.govsim.yaml"
OLD, NEW, EXT = "iso-2013-as-practised", "iso-2019-post-convention", "external-checks"
SCRIPT = "<script>alert('x')</script>"
MARKUP = "[bold]kept[/bold]"
VERDICT_COLOURS = {"valid": "#1a7f37", "irregular": "#7d4e00", "void": "#cf222e"}


class _Balance(HTMLParser):
    """Checks that every element is closed, in order, and none is left open."""

    VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "col"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:]}")
        else:
            self.stack.pop()


def well_formed(fragment: str) -> list[str]:
    """The tags of an HTML fragment, after checking it is balanced and closed."""
    parser = _Balance()
    parser.feed(fragment)
    parser.close()
    assert parser.problems == []
    assert parser.stack == []
    assert "script" not in parser.tags
    return parser.tags


def rendered(obj: object, width: int = 100) -> str:
    """What a rich console of ``width`` columns prints for ``obj``."""
    console = Console(record=True, width=width, color_system="truecolor")
    console.print(obj)
    text = console.export_text()
    widest = max(len(line) for line in text.splitlines())
    assert widest <= width, f"a line is {widest} wide"
    return text


def words(text: str) -> set[str]:
    """Every run of id characters in a rendering."""
    return set(re.findall(r"[\w.-]+", text))


@pytest.fixture(scope="module")
def case_result() -> govsim.Result:
    return govsim.run(govsim.load_scenario(CASE), EXT)


@pytest.fixture(scope="module")
def week_results() -> list[govsim.Result]:
    return govsim.run_all(govsim.load_scenario(WEEK))


@pytest.fixture(scope="module")
def injected(tmp_path_factory: pytest.TempPathFactory) -> govsim.Result:
    """The 2012-13 case with markup in an act's note and in a clause's text."""
    folder = tmp_path_factory.mktemp("iso")
    shutil.copytree(ISO, folder, dirs_exist_ok=True)
    scenario = folder / CASE.name
    text = scenario.read_text(encoding="utf-8")
    anchor = "    against: [respondent]\n"
    assert anchor in text
    note = f'    note: "{SCRIPT} {MARKUP} & co"\n'
    scenario.write_text(text.replace(anchor, anchor + note, 1), encoding="utf-8")
    book = folder / "rules" / f"{EXT}.govsim.yaml"
    text = book.read_text(encoding="utf-8")
    clause = "      A member may bring a complaint,"
    assert clause in text
    book.write_text(
        text.replace(
            clause, f"      {SCRIPT} {MARKUP} A member may bring a complaint,"
        ),
        encoding="utf-8",
    )
    return govsim.run(govsim.load_scenario(scenario), EXT)


# --- Result ------------------------------------------------------------------------


def test_result_html_shows_every_act_and_verdict_coloured(week_results):
    for result in week_results:
        html = result._repr_html_()
        tags = well_formed(html)
        assert "table" in tags
        for record in result.acts:
            assert f"<code>{record.id}</code>" in html
            colour = VERDICT_COLOURS[record.verdict.value]
            assert re.search(
                rf'<td style="[^"]*color:{colour}[^"]*">{record.verdict.value}</td>',
                html,
            )
        assert result.rulebook in html


def test_result_html_lists_violations_with_clauses_and_expectations(case_result):
    html = case_result._repr_html_()
    well_formed(html)
    assert case_result.violations
    for violation in case_result.violations:
        assert violation.clause is not None
        assert f"<strong>§{violation.clause}</strong>" in html
    met = sum(1 for e in case_result.expectations if e.met)
    assert met == len(case_result.expectations) > 0
    assert f"expectations: {met} of {met} met" in html
    for expectation in case_result.expectations:
        assert f"✓ met: {govsim_escape(expectation.description)}" in html


def test_result_html_says_which_expectation_failed(case_result):
    outcome = replace(case_result.expectations[0], met=False, actual="something else")
    failing = govsim.Result(
        case_result.scenario, case_result.rulebook, case_result.trace, [outcome]
    )
    html = failing._repr_html_()
    well_formed(html)
    assert f"✗ failed: {govsim_escape(outcome.description)}" in html
    assert "actual: something else" in html
    assert "expectations: 0 of 1 met" in html


def test_result_html_escapes_notes_and_clause_text(injected):
    html = injected._repr_html_()
    well_formed(html)
    assert "<script" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "&amp; co" in html  # the note
    assert html.count("&lt;script&gt;") >= 2  # the note and the clause


def test_result_prints_in_a_rich_console_within_the_width(week_results):
    for result in week_results:
        for width in (80, 100):
            text = rendered(result, width)
            # The acts that are not valid are listed, each with its verdict.
            for record in result.acts:
                head = rf"^ +{record.at} +{record.verdict.value} +{record.id} "
                listed = re.search(head, text, re.MULTILINE) is not None
                assert listed == (record.verdict.value != "valid"), record.id
            assert f"under {result.rulebook}: " in text
            verbose = rendered(run_view(result, verbose=True), width)
            for record in result.acts:
                assert record.id in words(verbose), record.id


def test_result_rich_keeps_markup_in_documents_as_text(injected):
    # The granting clause's text is listed under --verbose.
    text = rendered(run_view(injected, verbose=True), width=200)
    assert f"{SCRIPT} {MARKUP}" in text


def test_result_rich_is_what_govsim_run_prints(case_result):
    runner = CliRunner()
    cli = runner.invoke(app, ["run", str(CASE), "--rules", EXT], env={"COLUMNS": "100"})
    assert cli.exit_code == 0, cli.output
    text = rendered(case_result).splitlines()
    # The command adds the scenario's title to the first line, and a hint at
    # --verbose and --explain after the run; the rest is the same.
    shown = cli.output.splitlines()
    assert shown[1 : len(text)] == text[1:]
    assert shown[len(text) :] == [
        "",
        "--verbose lists every act; --explain ACT says why an act got its verdict.",
    ]


def test_result_repr_is_one_short_line(case_result):
    text = repr(case_result)
    assert "\n" not in text
    assert len(text) < 200
    assert text.startswith("<Result iso-2012-13-case under external-checks: 7 acts")
    assert "2 void" in text
    assert "4 violations" in text


# --- Comparison ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def case_comparison() -> govsim.Comparison:
    return govsim.compare(CASE, [OLD, EXT])


@pytest.fixture(scope="module")
def week_comparison() -> govsim.Comparison:
    return govsim.compare(WEEK, [OLD, NEW, EXT])


def _row_of(html: str, act_id: str) -> str:
    """The row of an act in the first table of a fragment (the matrix)."""
    matrix = html.split("</table>", maxsplit=1)[0]
    [row] = [r for r in matrix.split("<tr") if f"<code>{act_id}</code>" in r]
    return row


def test_comparison_html_is_the_verdict_matrix_with_the_divergence_marked(
    case_comparison, week_comparison
):
    for comparison in (case_comparison, week_comparison):
        html = comparison._repr_html_()
        well_formed(html)
        first = comparison.first_divergence
        assert first is not None
        for row in comparison.rows:
            cells = _row_of(html, row.id)
            for verdict in row.verdicts.values():
                assert f">{verdict.value}</td>" in cells
            assert (DIVERGENCE_MARK in cells) == (row.id == first.row.id)
        for book in comparison.books:
            assert f">{book}</th>" in html
    assert case_comparison.first_divergence.row.id == "nc-x-undermines"


def test_comparison_html_lists_violations_per_book_with_clauses(case_comparison):
    html = case_comparison._repr_html_()
    for book, result in case_comparison.results.items():
        assert f"{len(result.violations)} under {book}" in html
        for violation in result.violations:
            assert f"<strong>§{violation.clause}</strong>" in html


def test_comparison_prints_in_a_rich_console_within_the_width(
    case_comparison, week_comparison
):
    for comparison in (case_comparison, week_comparison):
        text = rendered(comparison)
        found = words(text)
        for row in comparison.rows:
            assert row.id in found, row.id
        # The mark is on the act's line, or (compact table) right under its id.
        lines = text.splitlines()
        [at] = [i for i, line in enumerate(lines) if "◀ first" in line]
        assert comparison.first_divergence.row.id in lines[at - 1] + lines[at]
        verdicts = {v.value for row in comparison.rows for v in row.verdicts.values()}
        assert verdicts <= found


def test_comparison_rich_uses_the_wide_table_when_it_fits(case_comparison):
    text = rendered(case_comparison, width=240)
    header = next(line for line in text.splitlines() if "┃ date" in line)
    assert "┃ id" in header
    assert "┃ actor" in header
    assert f"┃ {OLD}" in header


def test_comparison_headers_break_at_hyphens_when_narrow(week_comparison):
    assert broken_at_hyphens(NEW, 9) == "iso-2019-\npost-\nconvention"
    assert broken_at_hyphens(EXT, 20) == EXT
    text = rendered(week_comparison)
    table = text[text.index("┏") : text.index("first divergence:")]
    assert "┃ iso-2019-" in table
    assert "convention" in table
    assert NEW not in table


def test_govsim_compare_keeps_ids_whole_at_100_columns(week_comparison):
    runner = CliRunner()
    result = runner.invoke(
        app,
        ["compare", str(WEEK), "--rules", OLD, "--rules", NEW, "--rules", EXT],
        env={"COLUMNS": "100"},
    )
    assert result.exit_code == 0, result.output
    table = result.output.split("first divergence:")[0]
    assert max(len(line) for line in table.splitlines()) <= 100
    found = words(table)
    for row in week_comparison.rows:
        assert row.id in found, row.id


def test_comparison_repr_is_one_short_line(case_comparison):
    text = repr(case_comparison)
    assert text == (
        f"<Comparison iso-2012-13-case under {OLD}, {EXT}: 7 acts, "
        "2 judged differently (first at nc-x-undermines)>"
    )


# --- lint ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def lint_report() -> LintReport:
    return govsim.lint(ISO / "rules" / f"{OLD}.govsim.yaml")


def test_lint_html_groups_findings_by_code_with_clauses(lint_report):
    assert lint_report.findings
    html = lint_report._repr_html_()
    well_formed(html)
    for code in lint_report.codes():
        count = len(lint_report.of(code))
        assert f"<strong>{code}</strong> ({count})" in html
    for finding in lint_report.findings:
        for clause in finding.clauses:
            assert f"§{clause}" in html
    # The hints quote YAML with a placeholder in angle brackets.
    assert "&lt;panel&gt;" in html
    assert "<panel>" not in html
    # A book without amendments has one version: no column for it.
    assert lint_report.epochs == ("as written",)
    assert "in force" not in html


def test_lint_html_escapes_every_field():
    finding = Finding(
        code="odd-code",
        message=f"a body {SCRIPT}",
        explanation=f"why {SCRIPT}",
        book="b<ook",
        clauses=("1<2",),
        invariants=("inv",),
        hint=f"fix {SCRIPT}",
    )
    report = LintReport("b<ook", "o&rg", ("as written",), (finding,))
    html = report._repr_html_()
    well_formed(html)
    assert "<script" not in html
    assert "b<ook" not in html
    assert "o&rg" not in html
    assert "§1&lt;2" in html
    assert "1 finding" in html


def test_lint_prints_in_a_rich_console_within_the_width(lint_report):
    text = rendered(lint_report)
    for code in lint_report.codes():
        assert code in text
    for finding in lint_report.findings:
        for clause in finding.clauses:
            assert f"§{clause}" in text
    assert f"{len(lint_report.findings)} findings" in text


def test_lint_rich_is_what_govsim_lint_prints(lint_report):
    runner = CliRunner()
    cli = runner.invoke(
        app, ["lint", str(ISO / "rules" / f"{OLD}.govsim.yaml")], env={"COLUMNS": "100"}
    )
    assert cli.exit_code == 1, cli.output
    # Piped, the command drops the blanks rich pads lines with.
    assert cli.output == "".join(
        line.rstrip() + "\n" for line in rendered(lint_report).splitlines()
    )


def test_lint_repr_counts_findings_by_code(lint_report):
    text = repr(lint_report)
    assert "\n" not in text
    assert text.startswith(f"<LintReport of {OLD} on iso: {len(lint_report.findings)}")
    for code in lint_report.codes():
        assert f"{code} x{len(lint_report.of(code))}" in text


# --- imports ------------------------------------------------------------------------


def test_display_modules_do_not_import_ipython():
    code = (
        "import sys, govsim.findings.display, govsim.analysis.display;"
        "print('IPython' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


def govsim_escape(text: str) -> str:
    """Text as the fragments escape it."""
    from govsim.fragments import escape

    return escape(text)


def test_the_readme_notebook_snippet_runs_and_shows_current_reprs(monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### In a notebook or a rich console", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), namespace)
    # The reprs are shown in the text block after the code (docs/outputs.py
    # writes it from the interpreter; this checks the code itself says so).
    shown = section.split("```text\n", 1)[1].split("```", 1)[0]
    claimed = [line for line in shown.splitlines() if line.startswith("<")]
    comparison = govsim.compare(CASE, [OLD, EXT])
    assert claimed == [repr(namespace["result"]), repr(comparison)]


def test_html_tables_show_at_most_the_row_limit(case_result, monkeypatch):
    monkeypatch.setattr(fragments, "ROW_LIMIT", 3)
    html = case_result._repr_html_()
    well_formed(html)
    acts = html.split("</table>", maxsplit=1)[0]
    shown = [r.id for r in case_result.acts if f"<code>{r.id}</code>" in acts]
    assert shown == [r.id for r in case_result.acts[:3]]
    assert f"… and {len(case_result.acts) - 3} more rows, not shown here" in acts


def test_ipython_shows_the_html_and_the_short_repr(case_result, case_comparison):
    formatters = pytest.importorskip("IPython.core.formatters")
    lint_report = govsim.lint(ISO / "rules" / f"{EXT}.govsim.yaml")
    for obj in (case_result, case_comparison, lint_report):
        data, _ = formatters.DisplayFormatter().format(obj)
        assert data["text/html"] == obj._repr_html_()
        assert data["text/plain"] == repr(obj)
