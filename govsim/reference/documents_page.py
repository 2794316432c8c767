"""The document pages: every key of an organisation, a rule book, a scenario and its expectations.

Each page is a section per model — its docstring and its field table — with
a short introduction; the models come from :func:`govsim.reference.links.sections`.
"""

from __future__ import annotations

from govsim.reference.examples import EXAMPLES_FOLDER, Example
from govsim.reference.fields import cell, model_section
from govsim.reference.links import Links, sections
from govsim.reference.requirements_page import HEADER

__all__ = [
    "EXPECTATIONS_EXAMPLE",
    "expectations_page",
    "expectations_text",
    "organisation_page",
    "page",
    "rulebook_page",
    "scenario_page",
]


def page(
    name: str, title: str, intro: list[str], after: list[str] | None = None
) -> str:
    """A page of model sections: title, introduction, one section per model."""
    links = Links(name)
    lines = [f"# {title}", "", HEADER, "", *intro]
    for model in sections()[name]:
        lines += model_section(model, links)
    lines += after or []
    return "\n".join(lines) + "\n"


def organisation_page() -> str:
    """Every key of an organisation document."""
    return page(
        "organisation.md",
        "Organisation documents",
        [
            "An organisation document describes who is in the organisation, its "
            "bodies, who sits on them and when, and relations between persons "
            "that can make a conflict of interest. Rule books and scenarios name "
            "it; a scenario may also hold it inline (`organisation:` as a "
            "mapping). Its first key is `schema_version`, then `organisation`. "
            "Unknown keys are errors.",
            "",
            "```yaml",
            "schema_version: 1",
            "organisation: example",
            "persons:",
            "  ann: {role: the chair}",
            "  bob: {}",
            "bodies:",
            "  exec: {kind: executive, seats: [{person: ann, role: chair}, {person: bob}]}",
            "```",
        ],
    )


def rulebook_page() -> str:
    """Every key of a rule book document, its clauses, powers and links."""
    return page(
        "rulebook.md",
        "Rule book documents",
        [
            "A rule book is bylaws as data: numbered clauses, each with its "
            "text, that give powers ([`powers:`](#power)), deny them "
            "(`disabilities:`, written like powers; a denial outranks every "
            "grant), place [requirements](requirements.md) on acts "
            "(`requires:`), fix [decision rules](decisions.md) (`decides:`), "
            "create conflicts of interest ([`conflicts:`](#conflictrule)) and "
            "state [accountability links](#link). `extends:` makes a variant "
            "that states only what it changes; `amendments:` bring clauses in "
            "from a date, so each act is judged by the clauses in force on its "
            "day. Who may act, over what and when is written with "
            "[selectors](selectors.md).",
            "",
            "```yaml",
            "schema_version: 1",
            "rulebook: example",
            "enforcement: audited",
            "clauses:",
            '  - id: "4.2"',
            "    text: The disciplinary committee may warn or censure a member after a hearing.",
            "    powers:",
            "      - {by: dc, acts: [sanction], when: {sanctions: [warning, censure]}}",
            "    requires:",
            "      - {rule: hearing, acts: [sanction]}",
            "```",
        ],
    )


def scenario_page() -> str:
    """Every key of a scenario document and its events."""
    from govsim.invariants import by_number

    names = ", ".join(f"`{inv.name}`" for inv in by_number())
    return page(
        "scenario.md",
        "Scenario documents",
        [
            "A scenario is a dated history replayed under one or more rule "
            "books: it names its organisation and its books (by path, by id, "
            "or inline), lists the [acts](acts.md) and outside events, chooses "
            "the invariants to check, and states what each book should yield "
            "([expectations](expectations.md)). `govsim run FILE` replays it "
            "and exits 1 when an expectation fails. Every example in "
            "`docs/reference/examples/` is a scenario.",
        ],
        [
            "",
            "## Invariants",
            "",
            "`invariants:` is `all` (the default), `none`, or a list whose "
            "items are an invariant's name or `{name: {parameter: value}}`; "
            'the value `book` means "read it from the rule book, and fail if '
            'the book does not say". The invariants and their parameters are '
            f"listed in [invariants.md](../invariants.md): {names}.",
        ],
    )


_EXPECT_CLAUSE = """\
- id: "1"
  text: Members complain. The executive may suspend from office pending a case; the
    disciplinary committee sanctions after a hearing. The convention gives the
    executive tasks.
  powers:
    - {by: {person: member}, acts: [file_complaint]}
    - {by: exec, acts: [interim_suspend]}
    - {by: dc, acts: [hear, sanction]}
    - {by: conv, acts: [mandate]}
  requires:
    - {rule: hearing, acts: [sanction]}"""

_EXPECT_ACTS = """\
- {id: complaint, at: 2024-03-01, act: file_complaint, by: bob, case: k1, against: [ann]}
- {id: task, at: 2024-03-01, act: mandate, by: conv, mandate: m1, obligee: exec, task: publish the accounts, due: 2024-03-25}
- id: measure
  at: 2024-03-02
  act: interim_suspend
  by: exec
  case: k1
  targets: [ann]
  scope: office
  office: exec
  basis: charges_filed
  expires_at: 2024-03-10
- {id: sanction, at: 2024-03-20, act: sanction, by: dc, case: k1, targets: [ann], sanction: remove_from_office, office: exec}"""

_EXPECT = """\
expect:
  example:
    verdicts: {measure: valid, sanction: irregular}
    violations:
      present: [{act: sanction, rule: hearing}]
      absent: [{act: measure}]
    statuses: {ann: member}
    seats: {exec: [bob]}
    invariants:
      broken: {right_to_be_heard: [sanction, ann]}
    timed:
      present: [{kind: lapse, subject: measure, at: 2024-03-11}, {kind: deadline_missed, subject: m1}]
    measures: {measure: {ended: lapsed, at: 2024-03-11}}
    obligations: {m1: violated}
"""

EXPECTATIONS_EXAMPLE = Example(
    "expectations",
    _EXPECT_CLAUSE,
    _EXPECT_ACTS,
    "sanction",
    end="2024-04-30",
    prefix="every",
    invariants="[right_to_be_heard]",
)
"""A scenario stating every kind of expectation; its text has ``_EXPECT`` appended."""


def expectations_text() -> str:
    """The example scenario that states every kind of expectation."""
    return EXPECTATIONS_EXAMPLE.text(_EXPECT)


def _judged() -> list[str]:
    """The example's expectations as the engine judged them, as table rows."""
    from govsim.reference.examples import run_text

    rows = ["| expectation, as `govsim run` words it | met | found |", "|---|---|---|"]
    for outcome in run_text(expectations_text()).expectations:
        met = "yes" if outcome.met else "**no**"
        rows.append(f"| {cell(outcome.description)} | {met} | {cell(outcome.actual)} |")
    return rows


def expectations_page() -> str:
    """Every expectation a scenario may state for a rule book."""
    name = f"{EXAMPLES_FOLDER}/{EXPECTATIONS_EXAMPLE.file_name}"
    return page(
        "expectations.md",
        "Expectations",
        [
            "A scenario's `expect:` maps a rule book's id to what replaying the "
            "scenario under it should yield. Each key below is one kind of "
            "expectation; `govsim run` judges each, prints those that fail with "
            "what was found instead, and exits 1 when any fails. A book with no "
            "`expect:` entry is replayed and judged by nothing. Every example "
            "in `docs/reference/examples/` states its act's verdict this way.",
            "",
            f"The scenario [`{name}`]({name}) states every kind (`govsim run "
            f"docs/reference/{name}`):",
            "",
            "```yaml",
            expectations_text().rstrip("\n"),
            "```",
            "",
            "The engine judges them so:",
            "",
            *_judged(),
        ],
    )
