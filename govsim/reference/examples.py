"""Minimal examples, replayed: a tiny scenario per act kind and per requirement rule.

Each example is a scenario file — a one-clause rule book inline and a few
acts, on a small organisation shared by all — whose last act is the one
shown. The reference replays it through the engine while the pages are
generated, writes down the verdict the engine gave in an ``expect:`` block,
and writes the files beside the pages (``docs/reference/examples/``), so
``govsim run`` replays what a page shows, and a test replays them again: a
page whose example no longer gets the verdict it states fails.
"""

from __future__ import annotations

import re
import tempfile
import textwrap
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from govsim.engine.trace import ActRecord, Violation

if TYPE_CHECKING:
    from govsim.findings.result import Result

__all__ = [
    "BOOK",
    "EXAMPLES_FOLDER",
    "ORGANISATION",
    "ORGANISATION_FILE",
    "Example",
    "Replayed",
    "example_heading",
    "replay_example",
    "run_text",
    "shown_last",
]

BOOK = "example"
"""The id of every example's rule book."""

EXAMPLES_FOLDER = "examples"
"""Where the example files go, beside the pages."""

ORGANISATION_FILE = "organisation.govsim.yaml"
"""The shared organisation's file name, in the examples folder."""

_SCHEMAS = "../../../schemas"
"""The repository's JSON Schemas, as seen from the examples folder."""

ORGANISATION = (
    f"# yaml-language-server: $schema={_SCHEMAS}/organisation.schema.json\n"
    + """\
schema_version: 1
organisation: example
description: The organisation every example of the reference uses.
persons:
  ann: {}
  bob: {}
  cat: {}
  dan: {}
  eve: {branch: north}
  fay: {status: non_member}
bodies:
  exec: {kind: executive, seats: [{person: ann}, {person: bob}]}
  dc: {kind: disciplinary, seats: [{person: cat}, {person: dan}]}
  conv:
    kind: convention
    size: 6
    seats: [{person: ann}, {person: bob}, {person: cat}, {person: dan}, {person: eve}]
  north: {kind: branch, seats: [{person: eve}]}
"""
)
"""The organisation every example uses: an executive, a disciplinary
committee, a convention of every member, a branch, and a non-member."""


@dataclass(frozen=True)
class Example:
    """A minimal scenario whose last act shows an act kind or a requirement rule.

    ``clauses`` and ``acts`` are YAML lists (items at the left margin); the
    act shown has the id ``shows``; ``prefix`` tells the act examples'
    files from the rules' (``act``, ``rule``).
    """

    name: str
    clauses: str
    acts: str
    shows: str
    end: str | None = None
    """The replay's last day, when a deadline must fall within it."""
    prefix: str = "act"
    invariants: str = "none"
    """The scenario's ``invariants:`` (none: the example is about the book)."""
    kept: tuple[str, ...] = ()
    """Earlier acts that meet the rule the shown act breaks: their verdicts are
    stated too, so the example shows the rule kept as well as broken."""

    @property
    def file_name(self) -> str:
        """The example's file name in the examples folder."""
        return f"{self.prefix}-{self.name.replace('_', '-')}.govsim.yaml"

    def text(self, expect: str = "") -> str:
        """The scenario document, with an ``expect:`` block if one is given."""
        parts = [
            f"# yaml-language-server: $schema={_SCHEMAS}/scenario.schema.json",
            "schema_version: 1",
            f"scenario: {self.file_name.removesuffix('.govsim.yaml')}",
            f"organisation: {ORGANISATION_FILE}",
            "rulebooks:",
            f"  - schema_version: 1\n    rulebook: {BOOK}\n    clauses:",
            _indent(self.clauses, 6),
            f"invariants: {self.invariants}",
            *([f"end: {self.end}"] if self.end else []),
            "acts:",
            _indent(self.acts, 2),
        ]
        if expect:
            parts.append(expect.rstrip("\n"))
        return "\n".join(parts) + "\n"


def shown_last(example: Example) -> Example:
    """The example with its act ``shown`` renamed after its kind (the id people read)."""
    kind = re.findall(r"^\s*act: (\w+)$", example.acts, re.MULTILINE)[-1]
    acts = example.acts.replace("- id: shown\n", f"- id: {kind}\n")
    return replace(example, acts=acts, shows=kind)


def _indent(text: str, spaces: int) -> str:
    return textwrap.indent(textwrap.dedent(text).strip("\n"), " " * spaces)


@dataclass(frozen=True)
class Replayed:
    """What the engine made of an example's act: its record and its violations."""

    example: Example
    record: ActRecord
    violations: tuple[Violation, ...]
    kept: tuple[tuple[str, str], ...] = ()
    """The example's ``kept`` acts and the verdict each got."""

    @property
    def verdict(self) -> str:
        """The act's verdict under the example's book."""
        return self.record.verdict.value

    def text(self) -> str:
        """The scenario file: the history, with the verdict it got as expected."""
        shows = self.example.shows
        verdicts = ", ".join(
            f"{a}: {v}" for a, v in (*self.kept, (shows, self.verdict))
        )
        lines = ["expect:", f"  {BOOK}:", f"    verdicts: {{{verdicts}}}"]
        rules = sorted({v.rule for v in self.violations})
        if rules:
            lines += ["    violations:", "      present:"]
            lines += [f"        - {{act: {shows}, rule: {r}}}" for r in rules]
        return self.example.text("\n".join(lines))


def example_heading(example: Replayed) -> list[str]:
    """The lines that introduce an example on a page: its file, and how to run it."""
    name = f"{EXAMPLES_FOLDER}/{example.example.file_name}"
    return [
        f"Example, [`{name}`]({name}) (`govsim run docs/reference/{name}`):",
        "",
    ]


def run_text(text: str) -> Result:
    """Replay a scenario text on the shared organisation under its first book."""
    from govsim.model.loading import load_scenario
    from govsim.running import run

    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / ORGANISATION_FILE).write_text(ORGANISATION, encoding="utf-8")
        path = Path(folder) / "example.govsim.yaml"
        path.write_text(text, encoding="utf-8")
        return run(load_scenario(path))


def replay_example(example: Example) -> Replayed:
    """Replay an example through the engine; what it did to the act shown."""
    trace = run_text(example.text()).trace
    record = next(r for r in trace.acts if r.id == example.shows)
    violations = tuple(v for v in trace.violations if v.act == example.shows)
    kept = tuple((r.id, r.verdict.value) for r in trace.acts if r.id in example.kept)
    return Replayed(example, record, violations, kept)
