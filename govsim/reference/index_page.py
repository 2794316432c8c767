"""The reference's index: what each page covers, with counts taken from the registries."""

from __future__ import annotations

from govsim.reference.requirements_page import HEADER

__all__ = ["index_page"]


def index_page() -> str:
    """The Markdown index of the reference."""
    from govsim.model.acts import ACT_KINDS
    from govsim.model.requirements import REQUIREMENT_MODELS
    from govsim.model.scenario import Expectations

    rows = [
        (
            "acts.md",
            "Acts",
            f"the {len(ACT_KINDS)} act kinds a scenario may record: "
            "their keys, who may be empowered to perform them, their effects, the "
            "requirement rules that can apply, and a replayed example of each",
        ),
        (
            "requirements.md",
            "Requirement rules",
            f"the {len(REQUIREMENT_MODELS)} rules "
            "a clause's `requires:` may state: parameters, what each checks, and "
            "the message of its violation, produced by an example",
        ),
        (
            "decisions.md",
            "Decision rules",
            "quorum, threshold and base, their "
            "defaults, what a missing vote means and how abstentions count",
        ),
        (
            "selectors.md",
            "Selectors",
            "who may act (`by:`), over what (`over:`), "
            "under which conditions (`when:`), and persons selected as a class",
        ),
        (
            "values.md",
            "Writing values",
            "how each type is written in YAML, and what govsim says of common slips",
        ),
        (
            "organisation.md",
            "Organisation documents",
            "persons, bodies, seats, relations",
        ),
        (
            "rulebook.md",
            "Rule book documents",
            "clauses, powers, accountability links, conflicts, amendments, variants",
        ),
        ("scenario.md", "Scenario documents", "acts, events, invariants, books"),
        (
            "expectations.md",
            "Expectations",
            f"the {len(Expectations.model_fields)} "
            "kinds of expectation a scenario may state for a rule book",
        ),
    ]
    lines = [
        "# Reference",
        "",
        HEADER,
        "",
        "Every key of an organisation, a rule book and a scenario, generated "
        "from their models and the engine's registries: "
        "the types and defaults are the models', the descriptions their "
        "docstrings', and every example was replayed by the engine when the "
        "pages were written — each is a file in `docs/reference/examples/` that "
        "`govsim run` replays, meeting its `expect:`. Regenerate with "
        "`python -m govsim.reference docs/reference` (with `--check`, it only "
        "lists the files that differ and exits 1); a test fails when the "
        "pages differ from what the code generates.",
        "",
        "| page | what it covers |",
        "|---|---|",
        *(f"| [{title}]({page}) | {what} |" for page, title, what in rows),
        "",
        "Behaviour models and sweep specs are described in "
        "[behaviour-models.md](../behaviour-models.md) and [sweeps.md](../sweeps.md). "
        "See also: [the procedural invariants](../invariants.md), "
        "[meetings, attendance and votes](../meetings-and-votes.md), "
        "[how days are counted](../days.md) and [limits](../limits.md).",
    ]
    return "\n".join(lines) + "\n"
