"""Rich rendering of replay results for the command line.

Kept apart from the command definitions so the commands stay a thin layer and
the look of the output can change without touching argument handling. Every
piece of user text (ids, clause text, messages) goes into :class:`rich.text.Text`
objects, never into markup strings, so brackets in a document cannot be read
as rich markup.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import ConsoleOptions, RenderResult

    from govsim.engine.trace import ActRecord, TimedRecord
    from govsim.findings.result import Result
    from govsim.model.loading import LoadedScenario

__all__ = [
    "VERDICT_STYLES",
    "json_document",
    "print_explanations",
    "print_results",
    "reason_lines",
    "reasons_text",
    "run_view",
    "timeline",
    "unmet_summary",
]

VERDICT_STYLES = {"valid": "green", "irregular": "yellow", "void": "red"}
"""The colour of each verdict, so the eye finds the void acts first."""

PASS_MARK = "✓"
FAIL_MARK = "✗"
CLAUSE_TEXT_LIMIT = 60
"""How much of a granting clause's text the timeline shows; --explain shows all."""


def _clause_tag(clause: str) -> str:
    """A clause id as readers cite it (``4.2`` → ``§4.2``)."""
    return clause if clause.startswith("§") else f"§{clause}"


def _shorten(text: str, limit: int = CLAUSE_TEXT_LIMIT) -> str:
    """The start of a clause's text, cut at a word, for a table cell."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return f"{cut} …"


def reason_lines(record: ActRecord) -> list[tuple[str | None, str]]:
    """The reasons worth showing in the timeline for one act, as (clause, text).

    For an act that is not valid, every failing check with the clause it
    breaks; for a valid act, the clause that grants the power (the failing
    checks would be empty and the passing checks are in ``--explain``).
    Shared by the terminal's timeline and the notebook's table.

    Args:
        record: the replayed act.

    Returns:
        One pair per reason: the clause as readers cite it (``§4.2``), or
        None when no clause decides, and what was checked.
    """
    if record.failing:
        return [
            (None if r.clause is None else _clause_tag(r.clause), r.check)
            for r in record.failing
        ]
    granting = [r for r in record.reasons if r.holds and r.rule == "power"]
    return [
        (
            None if r.clause is None else _clause_tag(r.clause),
            _shorten(r.text) if r.text else r.check,
        )
        for r in granting or record.reasons[:1]
    ]


def reasons_text(record: ActRecord) -> Text:
    """The reasons of :func:`reason_lines`, one line each, clause ids in bold."""
    lines: list[Text] = []
    for clause, text in reason_lines(record):
        line = Text()
        if clause is not None:
            line.append(clause, style="bold")
            line.append(" ")
        line.append(text)
        lines.append(line)
    return Text("\n").join(lines) if lines else Text("—", style="dim")


def _act_cell(record: ActRecord) -> Text:
    # The id goes under the act kind because it is what --explain takes.
    cell = Text(record.act.replace("_", " "))
    cell.append("\n")
    cell.append(record.id, style="dim")
    return cell


def whole_ids_fit(
    available: int, ids: Sequence[str], fixed: int, folding_columns: int
) -> bool:
    """Whether a table can keep act ids whole and still leave its folding columns room.

    An act id is what ``--explain`` takes, so it should read whole, to be
    copied; but not at the price of folding the prose columns to a few
    letters on a narrow terminal.

    Args:
        available: the width the table may take.
        ids: the act ids of the table's rows (and any other text that shares
            their column and must not wrap either).
        fixed: the width every other column that never wraps takes, with its
            padding, plus the table's borders.
        folding_columns: how many columns fold to make room.
    """
    id_column = max((len(i) for i in ids), default=0) + CELL_PADDING
    spare = available - fixed - id_column
    return spare >= folding_columns * FOLDED_COLUMN_MIN


CELL_PADDING = 2
"""The blanks a rich table puts either side of a cell."""
FOLDED_COLUMN_MIN = 12
"""The narrowest a folding column may be made so that act ids stay whole."""


class _Timeline:
    """The timeline of a run, laid out for the width it is drawn in."""

    def __init__(self, result: Result) -> None:
        self.result = result

    def __rich_console__(
        self, console: Console, options: ConsoleOptions
    ) -> RenderResult:
        acts = self.result.acts
        longest_verdict = max((len(r.verdict.value) for r in acts), default=0)
        # date and verdict with their padding, and the seven borders of six columns
        fixed = 10 + max(len("verdict"), longest_verdict) + 2 * CELL_PADDING + 7
        # The act column holds the kind over the id, neither wrapped.
        lines = [r.id for r in acts] + [r.act.replace("_", " ") for r in acts]
        whole = whole_ids_fit(options.max_width, lines, fixed, 3)
        yield _timeline_table(self.result, whole_ids=whole)


def timeline(result: Result) -> RenderableType:
    """The acts of one run as a table: date, actor, act, targets, verdict, reasons.

    Narrow columns fold rather than truncate, and the date and verdict never
    wrap, so the table stays readable from 80 to 120 columns and beyond. Act
    ids are kept whole where the width allows (:func:`whole_ids_fit`).
    """
    return _Timeline(result)


def _timeline_table(result: Result, *, whole_ids: bool) -> Table:
    table = Table(show_lines=True, header_style="bold")
    table.add_column("date", no_wrap=True)
    table.add_column("actor", overflow="fold", max_width=14)
    if whole_ids:
        table.add_column("act", no_wrap=True)
    else:
        table.add_column("act", overflow="fold", max_width=20)
    table.add_column("targets", overflow="fold", max_width=16)
    table.add_column("verdict", no_wrap=True)
    table.add_column("reasons", overflow="fold")
    for record in result.acts:
        verdict = record.verdict.value
        table.add_row(
            Text(record.at.isoformat()),
            Text(record.actor),
            _act_cell(record),
            Text(", ".join(record.targets)),
            Text(verdict, style=VERDICT_STYLES.get(verdict, "")),
            reasons_text(record),
        )
    return table


def _timed_table(timed: Sequence[TimedRecord]) -> Table:
    table = Table(header_style="bold")
    table.add_column("date", no_wrap=True)
    table.add_column("what", overflow="fold", max_width=18)
    table.add_column("subject", overflow="fold", max_width=20)
    table.add_column("message", overflow="fold")
    for record in timed:
        table.add_row(
            Text(record.at.isoformat()),
            Text(record.kind.replace("_", " ")),
            Text(record.subject),
            Text(record.message),
        )
    return table


def _heading(result: Result, title: str | None) -> Text:
    heading = Text()
    heading.append(result.scenario, style="bold")
    if title:
        heading.append(" — ")
        heading.append(title)
    heading.append("\nunder rule book ")
    heading.append(result.rulebook, style="bold cyan")
    return heading


def _violations_line(result: Result) -> Text:
    count = len(result.violations)
    if count == 0:
        return Text("no violations", style="green")
    ineffective = sum(1 for v in result.violations if not v.took_effect)
    line = Text(f"{count} violation{'s' if count != 1 else ''}", style="bold")
    if ineffective:
        line.append(f" ({ineffective} on acts that took no effect)")
    return line


def _breaches(result: Result) -> RenderableType:
    checked = len(result.trace.invariants)
    if not checked:
        return Text("no invariants checked", style="dim")
    broken = result.invariants()
    names = [n for n, found in broken.items() if found]
    line = Text(f"invariants: {len(names)} of {checked} broken", style="bold")
    if not names:
        return Text(f"invariants: all {checked} hold", style="green")
    table = Table(header_style="bold")
    table.add_column("date", no_wrap=True)
    table.add_column("invariant", no_wrap=True)
    table.add_column("breach", overflow="fold")
    table.add_column("witnesses", overflow="fold", max_width=36)
    for breach in result.breaches:
        table.add_row(
            Text(breach.at.isoformat()),
            Text(breach.invariant, style="magenta"),
            Text(breach.message),
            Text(", ".join(breach.witnesses)),
        )
    return Group(line, table)


def _prevented(result: Result) -> RenderableType | None:
    """The breaches the book stopped, grouped by invariant, with what stopped them."""
    if not result.prevented:
        return None
    count: dict[str, int] = {}
    for breach in result.prevented:
        count[breach.invariant] = count.get(breach.invariant, 0) + 1
    summary = ", ".join(f"{n} of {name}" for name, n in count.items())
    total = len(result.prevented)
    line = Text(
        f"{result.rulebook} prevented {total} breach{'es' if total != 1 else ''}: "
        f"{summary}",
        style="bold green",
    )
    table = Table(header_style="bold")
    table.add_column("date", no_wrap=True)
    table.add_column("invariant", no_wrap=True)
    table.add_column("would have been", overflow="fold")
    table.add_column("stopped by", overflow="fold", max_width=40)
    for breach in result.prevented:
        stopper = (
            f"{breach.prevented_by}: " if breach.prevented_by else "no power: "
        ) + (breach.prevented_because or "")
        table.add_row(
            Text(breach.at.isoformat()),
            Text(breach.invariant, style="magenta"),
            Text(f"{breach.act}: {breach.message}"),
            Text(stopper),
        )
    return Group(line, table)


def _expectations(result: Result) -> RenderableType:
    if not result.expectations:
        return Text(f"no expectations stated for {result.rulebook}", style="dim")
    lines = [Text("expectations", style="bold")]
    for outcome in result.expectations:
        line = Text("  ")
        if outcome.met:
            line.append(PASS_MARK, style="green")
        else:
            line.append(FAIL_MARK, style="bold red")
        line.append(" ")
        line.append(outcome.description)
        if not outcome.met:
            line.append(" — actual: ", style="red")
            line.append(outcome.actual or "nothing")
        lines.append(line)
    return Group(*lines)


def run_view(result: Result, title: str | None = None) -> Group:
    """One run as the terminal shows it, as one renderable.

    Heading, timeline, timed records, violations, invariants, breaches
    prevented, expectations.

    ``govsim run`` prints it, and so does ``rich.print(result)``
    (:meth:`Result.__rich__ <govsim.findings.result.Result.__rich__>`).

    Args:
        result: the run.
        title: the scenario's title, shown after its id when given.
    """
    parts: list[RenderableType] = [_heading(result, title), timeline(result)]
    if result.timed:
        parts += [Text("timed events", style="bold"), _timed_table(result.timed)]
    parts += [_violations_line(result), _breaches(result)]
    prevented = _prevented(result)
    if prevented is not None:
        parts.append(prevented)
    parts.append(_expectations(result))
    return Group(*parts)


def print_results(
    console: Console, loaded: LoadedScenario, results: Sequence[Result]
) -> None:
    """Print each run: heading, timeline, timed records, violations, expectations.

    Args:
        console: where to print (stdout in the command line).
        loaded: the scenario the runs replay, for its id and title.
        results: one result per rule book, in the order run.
    """
    for index, result in enumerate(results):
        if index:
            console.print()
        console.print(run_view(result, loaded.scenario.title))


def print_explanations(
    console: Console, results: Sequence[Result], act_id: str
) -> None:
    """Print why one act got its verdict under each rule book, one block per run.

    Printed without markup or wrapping so the prose reads the same piped or
    on a terminal.
    """
    for index, result in enumerate(results):
        if index:
            console.print()
        console.print(
            str(result.explain(act_id)), markup=False, highlight=False, soft_wrap=True
        )


def unmet_summary(results: Sequence[Result]) -> list[str]:
    """One line per run with unmet expectations, naming each and what was found.

    Returns:
        An empty list when every expectation of every run is met.
    """
    lines: list[str] = []
    for result in results:
        unmet = [e for e in result.expectations if not e.met]
        if not unmet:
            continue
        listed = "; ".join(
            f"{e.description} (actual: {e.actual or 'nothing'})" for e in unmet
        )
        total = len(result.expectations)
        lines.append(
            f"{len(unmet)} of {total} expectations unmet under {result.rulebook}: {listed}"
        )
    return lines


def json_document(loaded: LoadedScenario, results: Sequence[Result]) -> str:
    """The ``--json`` document: scenario id, title and one entry per run.

    The shape is documented in the README as stable: keys may be added, never
    removed or renamed.
    """
    document: dict[str, Any] = {
        "scenario": loaded.id,
        "title": loaded.scenario.title,
        "runs": [result.to_dict() for result in results],
    }
    return json.dumps(document, indent=2, sort_keys=False, ensure_ascii=False)
