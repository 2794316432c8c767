"""The terminal view of one replay: a summary, then the acts that are not valid.

``govsim run`` prints it once per rule book, and ``rich.print(result)`` shows
it (:meth:`Result.__rich__ <govsim.findings.result.Result.__rich__>`). By
default a book gets a few lines — its acts counted by verdict, a line for
each version of the rules an ``amend_rules`` act made, violations,
invariants broken and breaches prevented, expectations met — then each act
that is not valid, with the one reason that decided its verdict. ``verbose``
lists every act with its reasons, then the timed events, breaches, prevented
breaches and every expectation.

It is laid out as lines wrapped at spaces to the console's width
(:mod:`govsim.text.wrapping`), so ids are never cut, a long reason continues
on indented lines, and piped output has no trailing blanks. Document text
goes into :class:`rich.text.Text`, never into markup.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text

from govsim.engine.judge import STRUCTURAL_RULES
from govsim.engine.trace import Verdict
from govsim.text.wrapping import flat, line, wrap

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

    from govsim.engine.trace import ActRecord, Breach, Reason
    from govsim.findings.result import Result

__all__ = [
    "FAIL_MARK",
    "PASS_MARK",
    "VERDICT_STYLES",
    "RunView",
    "deciding_reason",
    "reason_lines",
    "run_view",
    "scenario_heading",
]

VERDICT_STYLES = {"valid": "green", "irregular": "yellow", "void": "red"}
"""The colour of each verdict, so the eye finds the void acts first."""
VERDICT_ORDER = ("valid", "irregular", "void")

PASS_MARK = "✓"
FAIL_MARK = "✗"
CLAUSE_TEXT_LIMIT = 60
"""How much of a granting clause's text the verbose list shows; --explain shows all."""

SECTION = "  "
"""The indent of a book's summary lines and section headings."""
ENTRY = "    "
"""The indent of an entry (an act, a breach, an expectation) under a section."""
DATE_WIDTH = len("2019-03-14")
DETAIL = ENTRY + " " * (DATE_WIDTH + 2)
"""The indent of an entry's reasons: under the column after its date."""


def clause_tag(clause: str) -> str:
    """A clause id as readers cite it (``4.2`` → ``§4.2``)."""
    return clause if clause.startswith("§") else f"§{clause}"


def _cite(clause: str | None, check: str) -> tuple[str | None, str]:
    """A reason as (tag, text), naming its clause once.

    The engine's power checks begin with the clause they read ("clause E5
    denies sc ..."); after the tag ``§E5`` that would say it twice.
    """
    text = flat(check)
    if clause is None:
        return None, text
    own = f"clause {clause} "
    return clause_tag(clause), text.removeprefix(own)


def _shorten(text: str, limit: int = CLAUSE_TEXT_LIMIT) -> str:
    """The start of a clause's text, cut at a word, for a one-line reason."""
    text = flat(text)
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return f"{cut} …"


def reason_lines(record: ActRecord) -> list[tuple[str | None, str]]:
    """The reasons worth listing for one act, as (clause, text).

    For an act that is not valid, every failing check with the clause it
    breaks; for a valid act, the clause that grants the power (the passing
    checks are in ``--explain``). Shared by the verbose list and the
    notebook's table.

    Returns:
        One pair per reason: the clause as readers cite it (``§4.2``), or
        None when no clause decides, and what was checked.
    """
    if record.failing:
        return [_cite(r.clause, r.check) for r in record.failing]
    granting = [r for r in record.reasons if r.holds and r.rule == "power"]
    return [
        (
            None if r.clause is None else clause_tag(r.clause),
            _shorten(r.text) if r.text else flat(r.check),
        )
        for r in granting or record.reasons[:1]
    ]


def deciding_reason(record: ActRecord) -> Reason | None:
    """The failing check that decided an act's verdict, or None for a clean act.

    The engine's own order (:mod:`govsim.engine.judge`): a void act is void
    first for a missing power, a failed fact or a void act it depends on, and
    otherwise for a broken regimented requirement; an irregular act for the
    first requirement it broke.
    """
    failing = record.failing
    if not failing:
        return None
    if record.verdict == Verdict.VOID:
        decisive = [r for r in failing if r.rule in STRUCTURAL_RULES] or [
            r for r in failing if r.enforcement == "regimented"
        ]
    else:
        decisive = [r for r in failing if r.enforcement is not None]
    return (decisive or list(failing))[0]


def _reason(clause: str | None, text: str) -> Text:
    out = Text()
    if clause is not None:
        out.append(clause, style="bold")
        out.append(" ")
    out.append(text)
    return out


def _plural(count: int, noun: str, plural: str | None = None) -> str:
    return f"{count} {noun if count == 1 else (plural or noun + 's')}"


def _columns(rows: Sequence[Sequence[Text]], width: int) -> list[list[Text]]:
    """Entry heads, their fields padded to line up, one head (as lines) per row.

    The last field is not padded (no trailing blanks) and wraps at spaces
    under the reasons' column; where even the padded fields before it do not
    fit, the head is written unpadded and wraps the same way.
    """
    if not rows:
        return []
    widths = [max(cell_len(row[i].plain) for row in rows) for i in range(len(rows[0]))]
    heads: list[list[Text]] = []
    for row in rows:
        padded = Text()
        for index, field in enumerate(row[:-1]):
            padded.append(field)
            padded.append(" " * (widths[index] - cell_len(field.plain) + 2))
        if cell_len(ENTRY + padded.plain) < width:
            heads.append(wrap(padded + row[-1], width, ENTRY, DETAIL + "  "))
        else:
            heads.append(wrap(Text("  ").join(row), width, ENTRY, DETAIL + "  "))
    return heads


def _verdict(record: ActRecord) -> Text:
    verdict = record.verdict.value
    return Text(verdict, style=VERDICT_STYLES.get(verdict, ""))


@dataclass(frozen=True)
class RunView:
    """One run laid out for the width it is printed in.

    Attributes:
        result: the run.
        verbose: list every act and every breach, not only what is wrong.
        heading: start with the scenario's id (``govsim run`` prints it once
            above all its books, so it passes False).
        title: the scenario's title, shown after its id in the heading.
    """

    result: Result
    verbose: bool = False
    heading: bool = True
    title: str | None = None

    def __rich_console__(
        self, console: Console, options: ConsoleOptions
    ) -> RenderResult:
        yield from self.lines(options.max_width)

    def lines(self, width: int) -> list[Text]:
        """The view as lines at most ``width`` cells wide (bar single long words)."""
        out: list[Text] = []
        if self.heading:
            out += scenario_heading(self.result.scenario, self.title, width)
            out.append(line())
        out += self._summary(width)
        acts = self.result.acts
        shown = (
            acts if self.verbose else [r for r in acts if r.verdict != Verdict.VALID]
        )
        if shown:
            label = "acts" if self.verbose else "acts not valid"
            out.append(line(SECTION, Text(f"{label}:", style="bold")))
            out += self._acts(shown, width)
        if self.result.timed:
            out.append(line(SECTION, Text("timed events:", style="bold")))
            out += self._timed(width)
        if self.verbose:
            out += self._breaches(width)
            out += self._prevented(width)
            out += self._expectation_list(width, met=True)
        return out

    # --- summary ---------------------------------------------------------------

    def _summary(self, width: int) -> list[Text]:
        result = self.result
        counts = Counter(r.verdict.value for r in result.acts)
        first = Text("under ")
        first.append(result.rulebook, style="bold cyan")
        first.append(f": {_plural(len(result.acts), 'act')}")
        for verdict in VERDICT_ORDER:
            if counts[verdict]:
                first.append(", ")
                first.append(f"{counts[verdict]} {verdict}", VERDICT_STYLES[verdict])
        out = wrap(first, width, "", SECTION)
        for change in result.amendments:
            out += wrap(Text(change.line()), width, SECTION, SECTION + "  ")
        for part in (self._violations(), self._invariants(), self._expected()):
            out += wrap(part, width, SECTION, SECTION + "  ")
        if not self.verbose:
            out += self._expectation_list(width, met=False)
        return out

    def _violations(self) -> Text:
        violations = self.result.violations
        if not violations:
            return Text("no violations", style="green")
        text = Text(_plural(len(violations), "violation"), style="bold")
        ineffective = sum(1 for v in violations if not v.took_effect)
        if ineffective:
            text.append(f" ({ineffective} on acts that took no effect)")
        return text

    def _invariants(self) -> Text:
        result = self.result
        checked = len(result.trace.invariants)
        if not checked:
            return Text("no invariants checked", style="dim")
        broken = sum(1 for found in result.invariants().values() if found)
        if broken:
            text = Text(f"invariants: {broken} of {checked} broken", style="bold")
            text.append(f" ({_plural(len(result.breaches), 'breach', 'breaches')})")
        else:
            text = Text(f"invariants: all {checked} hold", style="green")
        if result.prevented:
            text.append(", ")
            prevented = _plural(len(result.prevented), "breach", "breaches")
            text.append(f"{prevented} prevented", style="green")
        return text

    # --- entries ---------------------------------------------------------------

    def _entries(
        self, entries: Sequence[tuple[list[Text], list[Text]]], width: int
    ) -> list[Text]:
        """Entries as lines: each head (fields lined up), then its details below."""
        heads = _columns([fields for fields, _ in entries], width)
        out: list[Text] = []
        for head, (_, details) in zip(heads, entries, strict=True):
            out += head
            for detail in details:
                out += wrap(detail, width, DETAIL, DETAIL + "  ")
        return out

    def _acts(self, records: Sequence[ActRecord], width: int) -> list[Text]:
        rows: list[tuple[list[Text], list[Text]]] = []
        for record in records:
            by = Text(f"by {record.actor}")
            if self.verbose and record.targets:
                by.append(f" → {', '.join(record.targets)}")
            fields = [
                Text(record.at.isoformat()),
                _verdict(record),
                Text(record.id, style="bold"),
                by,
            ]
            rows.append((fields, self._act_reasons(record)))
        return self._entries(rows, width)

    def _act_reasons(self, record: ActRecord) -> list[Text]:
        if self.verbose:
            return [_reason(clause, text) for clause, text in reason_lines(record)]
        decided = deciding_reason(record)
        if decided is None:
            return []
        text = _reason(*_cite(decided.clause, decided.check))
        others = len(record.failing) - 1
        if others:
            text.append(f" (+{others} more)", style="dim")
        return [text]

    def _timed(self, width: int) -> list[Text]:
        rows = [
            (
                [
                    Text(t.at.isoformat()),
                    Text(t.kind.replace("_", " ")),
                    Text(t.subject, style="bold"),
                ],
                [Text(flat(t.message))],
            )
            for t in self.result.timed
        ]
        return self._entries(rows, width)

    def _breach_rows(
        self, breaches: Sequence[Breach], *, prevented: bool
    ) -> list[tuple[list[Text], list[Text]]]:
        rows: list[tuple[list[Text], list[Text]]] = []
        for breach in breaches:
            fields = [
                Text(breach.at.isoformat()),
                Text(breach.invariant, style="magenta"),
            ]
            if prevented:
                fields.append(Text(f"by {breach.act}" if breach.act else ""))
                stopper = (
                    f"by {clause_tag(breach.prevented_by)}"
                    if breach.prevented_by
                    else "(no power)"
                )
                details = [
                    Text(flat(breach.message)),
                    Text(f"stopped {stopper}: {flat(breach.prevented_because or '')}"),
                ]
            else:
                details = [
                    Text(flat(breach.message)),
                    Text(f"witnesses: {', '.join(breach.witnesses)}", style="dim"),
                ]
            rows.append((fields, details))
        return rows

    def _breaches(self, width: int) -> list[Text]:
        if not self.result.breaches:
            return []
        heading = line(SECTION, Text("breaches:", style="bold"))
        return [
            heading,
            *self._entries(
                self._breach_rows(self.result.breaches, prevented=False), width
            ),
        ]

    def _prevented(self, width: int) -> list[Text]:
        result = self.result
        if not result.prevented:
            return []
        count = Counter(b.invariant for b in result.prevented)
        summary = ", ".join(f"{n} of {name}" for name, n in count.items())
        total = _plural(len(result.prevented), "breach", "breaches")
        heading = Text(
            f"{result.rulebook} prevented {total}: {summary}", style="bold green"
        )
        return [
            *wrap(heading, width, SECTION, SECTION + "  "),
            *self._entries(self._breach_rows(result.prevented, prevented=True), width),
        ]

    def _expected(self) -> Text:
        result = self.result
        outcomes = result.expectations
        if not outcomes:
            return Text(f"no expectations stated for {result.rulebook}", style="dim")
        met = sum(1 for e in outcomes if e.met)
        if met == len(outcomes):
            return Text(f"expectations: all {met} met", style="green")
        return Text(f"expectations: {met} of {len(outcomes)} met", style="bold red")

    def _expectation_list(self, width: int, *, met: bool) -> list[Text]:
        """The expectations failed (``met=False``), or all of them under a heading."""
        outcomes = [e for e in self.result.expectations if met or not e.met]
        out = (
            [line(SECTION, Text("expectations:", style="bold"))]
            if met and outcomes
            else []
        )
        for outcome in outcomes:
            text = Text()
            if outcome.met:
                text.append(PASS_MARK, style="green")
            else:
                text.append(FAIL_MARK, style="bold red")
            text.append(f" {flat(outcome.description)}")
            if not outcome.met:
                text.append(" — actual: ", style="red")
                text.append(flat(outcome.actual or "nothing"))
            out += wrap(text, width, ENTRY, ENTRY + "  ")
        return out


def scenario_heading(scenario: str, title: str | None, width: int) -> list[Text]:
    """The scenario's id in bold, and its title after a dash when it has one."""
    text = Text(scenario, style="bold")
    if title:
        text.append(f" — {flat(title)}")
    return wrap(text, width, "", "  ")


def run_view(
    result: Result, title: str | None = None, *, verbose: bool = False
) -> RunView:
    """One run as the terminal shows it: the scenario's heading, then the book's view.

    ``rich.print(result)`` prints it (:meth:`Result.__rich__
    <govsim.findings.result.Result.__rich__>`), and ``govsim run`` prints the
    same view for each book under one heading.

    Args:
        result: the run.
        title: the scenario's title, shown after its id when given.
        verbose: list every act and breach, not only the acts that are not valid.
    """
    return RunView(result, verbose=verbose, title=title)
