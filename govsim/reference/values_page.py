"""The values page: how each type in the reference's tables is written, and what a slip gets.

The rules for ids and clause numbers are read from their constraints; the
messages are the loader's own, produced by loading a small rule book with
each slip while the page is generated.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any, get_args

from pydantic import StringConstraints

from govsim.reference.fields import cell
from govsim.reference.requirements_page import HEADER

__all__ = ["SLIPS", "slip_messages", "values_page"]

_BOOK = "schema_version: 1\nrulebook: example\n"
_CLAUSE = (
    'clauses:\n  - id: "1"\n    text: The executive may convene the convention.\n'
    "    powers: [{by: exec, acts: [convene]}]\n"
)

SLIPS: dict[str, str] = {
    "a clause number YAML reads as a number": _BOOK + _CLAUSE.replace('"1"', "4.2"),
    "a YAML 1.1 boolean word": _BOOK
    + _CLAUSE.replace("acts: [convene]}", "acts: [convene], delegable: yes}"),
    "a date not written YYYY-MM-DD": _BOOK
    + 'amendments:\n  - {id: a1, in_force: 2024-3-1, repeal: ["1"]}\n',
    "a key the document does not have": _BOOK + _CLAUSE.replace("{by:", "{actor:"),
    "an act kind misspelt": _BOOK + _CLAUSE.replace("[convene]", "[convence]"),
    "an id with a space": "schema_version: 1\nrulebook: my book\n",
    "a comma in text inside `{ }` (quote the text)": _BOOK
    + 'clauses:\n  - {id: "1", text: The executive, by a vote, may convene.}\n',
}
"""Slips people make, each in a small rule book, by what the slip is."""


def slip_messages(text: str) -> list[str]:
    """What loading the rule book says, as ``line:col: where: what`` lines."""
    from govsim.errors import DocumentError
    from govsim.model.loading import load_rulebook

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "book.govsim.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            load_rulebook(path)
        except DocumentError as error:
            return [
                (f"{p.span.line}:{p.span.col}: " if p.span is not None else "")
                + ".".join(map(str, p.loc))
                + f": {p.message}"
                for p in error.problems
            ]
    return []


def _constraint(alias: Any) -> StringConstraints:
    return next(m for m in get_args(alias)[1:] if isinstance(m, StringConstraints))


def values_page() -> str:
    """The Markdown page on writing values."""
    from govsim.model.common import ClauseId, Ident

    ident, clause = _constraint(Ident), _constraint(ClauseId)
    rows = [
        (
            "id",
            f"letters, digits, `_`, `.` and `-`, starting with a letter or "
            f"digit; at most {ident.max_length} characters (`{ident.pattern}`)",
            "`exec`, `k1`, `iso-2013`",
        ),
        (
            "clause number",
            f"as an id, also with `( ) / §`; at most "
            f"{clause.max_length} characters (`{clause.pattern}`); quote one YAML "
            "reads as a number",
            '`"4.2"`, `7.3(b)`, `R-12`',
        ),
        (
            "text",
            "any string; quote it when YAML would read it as something "
            "else (a number, a date, `yes`, `no`, a leading `{`, `[`, `*` or `&`)",
            '`The committee may warn.`, `"2019"`',
        ),
        (
            "date (YYYY-MM-DD)",
            "a calendar day, year first, two-digit month and day",
            "`2024-03-01`",
        ),
        (
            "whole number",
            "digits, no decimal point; the table says when it has a lower bound",
            "`14`",
        ),
        (
            "true or false",
            "`true` or `false` (the YAML 1.1 words `yes`, `no`, "
            "`on`, `off` are refused)",
            "`true`",
        ),
        ("list of …", "`[a, b]`, or one item per line after `- `", "`[exec, dc]`"),
        (
            "mapping of … to …",
            "`{key: value}`, or one `key: value` per line",
            "`{ann: member}`",
        ),
        ("one of `a`, `b`", "exactly one of the words listed", "`audited`"),
    ]
    lines = [
        "# Writing values",
        "",
        HEADER,
        "",
        "The tables of the reference give each key's type in words. This is "
        "how each is written in YAML. Documents are read as YAML 1.2, and "
        "every mistake is reported as `file:line:col: where: what`, all at "
        "once.",
        "",
        "| type | how it is written | example |",
        "|---|---|---|",
        *(f"| {kind} | {cell(how)} | {example} |" for kind, how, example in rows),
        "",
        "## Slips, and what govsim says",
        "",
        "Each rule book below has one slip; the messages are what loading it "
        "printed when this page was generated (after the file name).",
    ]
    for what, text in SLIPS.items():
        lines += [
            "",
            f"**{what}**",
            "",
            "```yaml",
            text.rstrip("\n"),
            "```",
            "",
            "```text",
        ]
        lines += slip_messages(text)
        lines.append("```")
    return "\n".join(lines) + "\n"
