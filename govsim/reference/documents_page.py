"""The document pages: every key of an organisation, a rule book, a scenario and its expectations.

Each page is a section per model — its docstring and its field table — with
a short introduction; the models come from :func:`govsim.reference.links.sections`.
"""

from __future__ import annotations

from pydantic import BaseModel

from govsim.reference.fields import field_table, prose
from govsim.reference.links import Links, sections
from govsim.reference.requirements_page import HEADER

__all__ = [
    "expectations_page",
    "model_section",
    "organisation_page",
    "page",
    "rulebook_page",
    "scenario_page",
]


def model_section(model: type[BaseModel], links: Links, level: str = "##") -> list[str]:
    """A heading named after the model, its docstring and its keys."""
    lines = ["", f"{level} {model.__name__}", ""]
    if model.__doc__:
        lines += [prose(model.__doc__), ""]
    lines += field_table(model, links)
    return lines


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


def expectations_page() -> str:
    """Every expectation a scenario may state for a rule book."""
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
            "```yaml",
            "expect:",
            "  example:",
            "    verdicts: {sanction: irregular}",
            "    violations:",
            "      present: [{act: sanction, rule: hearing}]",
            "    statuses: {ann: member}",
            "```",
        ],
    )
