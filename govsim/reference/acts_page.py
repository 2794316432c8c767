"""The acts page: every act kind a scenario may record, and what the engine makes of it.

For each kind: its fields (from the act models), who can be empowered to do
it (what a power must say), its effects (registered beside its handler in
``govsim.engine.acts``), the requirement rules that can apply to it, and a
minimal example replayed by the engine, with the verdict and reasons it got.
"""

from __future__ import annotations

import re
from functools import cache
from typing import get_args

from pydantic import BaseModel

from govsim.engine.acts.base import Handler
from govsim.reference.examples import (
    ORGANISATION,
    ORGANISATION_FILE,
    Replayed,
    example_heading,
    replay_example,
)
from govsim.reference.fields import cell, field_table, model_section, prose
from govsim.reference.links import Links, sections
from govsim.reference.requirements_page import HEADER, applicable_rules

__all__ = ["acts_page", "replayed_acts"]

_CONDITIONS = {
    "sanction": "sanctions",
    "scope": "scopes",
    "basis": "bases",
    "expires_at": "max_days",
    "outcome": "outcomes",
    "audience": "audiences",
}
"""An act's key, and the ``when:`` condition of a power that reads it
(``govsim.engine.powers.conditions_fail``)."""

_AMENDING_CONDITIONS = [
    "`clauses` (every clause it adds, replaces or repeals must match one listed)",
    "`entrenched` (whether a clause it replaces or repeals is marked `entrenched`)",
]
"""The ``when:`` conditions of a power to change the rules, which read the
clauses the act touches (``govsim.engine.powers.conditions_fail``)."""

_MEETING = ("meeting", "present", "vote")


@cache
def replayed_acts() -> dict[str, Replayed]:
    """Every act kind's example, replayed through the engine."""
    from govsim.reference.act_examples import ACT_EXAMPLES

    return {kind: replay_example(ex) for kind, ex in ACT_EXAMPLES.items()}


def _models() -> dict[str, type[BaseModel]]:
    out: dict[str, type[BaseModel]] = {}
    for model in sections()["acts.md"]:
        if "act" in model.model_fields:
            for kind in get_args(model.model_fields["act"].annotation):
                out[str(kind)] = model
    return dict(sorted(out.items()))


def _at_meeting(kind: str, model: type[BaseModel]) -> bool:
    return kind != "convene" and {"meeting", "present"} <= set(model.model_fields)


def _first_sentence(text: str) -> str:
    match = re.match(r"(.+?\.)(\s|$)", " ".join(text.split()))
    return match[1] if match else text


def acts_page() -> str:
    """The Markdown page of every act kind."""
    from govsim.engine.acts import HANDLERS
    from govsim.model.acts import ActBase

    links = Links("acts.md")
    models = _models()
    voted = next(m for m in models.values() if "vote" in m.model_fields)
    lines = [
        "# Acts",
        "",
        HEADER,
        "",
        "A scenario's `acts:` is a dated history. Each act names its kind "
        "(`act:`), who performs it (`by:`) and the day (`at:`); the engine "
        "judges it under a rule book and gives it one verdict — **valid**, "
        "**irregular** or **void**. An act "
        "needs a power unless it is conduct (speech, stepping aside): a clause's "
        "[`powers:`](rulebook.md#power) must list its kind in `acts:`, with "
        "`by:` matching the actor ([actor selectors](selectors.md#who-may-act-by)), "
        "and `over:` and `when:`, if given, matching what the act is done to and "
        "how ([targets](selectors.md#targetselector), "
        "[conditions](selectors.md#conditions)).",
        "",
        "Every example below is a whole scenario, replayed by the engine when "
        "this page was generated: the verdict, reasons and effects shown are "
        "the engine's. Each is also a file in `docs/reference/examples/`, which "
        "`govsim run` replays, meeting its `expect:`. All use this organisation, "
        f"[`examples/{ORGANISATION_FILE}`](examples/{ORGANISATION_FILE}):",
        "",
        "```yaml",
        ORGANISATION.rstrip("\n"),
        "```",
        "",
        "## Keys every act has",
        "",
        *field_table(ActBase, links),
        "",
        "## Attendance and votes",
        "",
        "An act a body takes at a meeting also has these keys (a vote only "
        "where the body decides); each says what is assumed when it is left "
        "out. [Decision rules](decisions.md) say how the vote is counted.",
        "",
        *field_table(
            voted, links, skip=[k for k in voted.model_fields if k not in _MEETING]
        ),
        "",
        "## Every act kind",
        "",
        "| act | power needed | what it does |",
        "|---|---|---|",
    ]
    for kind in models:
        handler = HANDLERS[kind]
        power = "yes" if handler.needs_power else "no (conduct)"
        effect = cell(prose(_first_sentence(handler.effects.get(kind, "—"))))
        lines.append(f"| [`{kind}`](#{kind}) | {power} | {effect} |")
    replayed = replayed_acts()
    for kind, model in models.items():
        lines += _section(kind, model, links, replayed[kind])
    lines += ["", "## Parts of acts", "", "Mappings some acts hold."]
    for part in sections()["acts.md"]:
        if "act" not in part.model_fields:
            lines += model_section(part, links, "###")
    return "\n".join(lines) + "\n"


def _section(
    kind: str, model: type[BaseModel], links: Links, example: Replayed
) -> list[str]:
    from govsim.engine.acts import HANDLERS
    from govsim.model.acts import ActBase

    handler = HANDLERS[kind]
    lines = ["", f"## {kind}", ""]
    if model.__doc__:
        lines += [prose(model.__doc__), ""]
    others = [k for k in get_args(model.model_fields["act"].annotation) if k != kind]
    if others:
        also = ", ".join(f"[`{k}`](#{k})" for k in others)
        lines += [f"Written with the same keys as {also}.", ""]
    skip = set(ActBase.model_fields)
    if _at_meeting(kind, model):
        skip |= set(_MEETING)
    own = [k for k in model.model_fields if k not in skip]
    if own:
        lines += ["Keys (besides those [every act has](#keys-every-act-has)):", ""]
        lines += [*field_table(model, links, skip=skip), ""]
    if _at_meeting(kind, model):
        taken = "`meeting`, `present`" + (
            ", `vote`" if "vote" in model.model_fields else ""
        )
        lines += [
            f"Taken at a meeting: also {taken} ([attendance and votes](#attendance-and-votes)).",
            "",
        ]
    lines += [
        "**Who may perform it.** "
        + _who(kind, model, handler.needs_power, _reaches(model, handler)),
        "",
    ]
    lines += [f"**Effects.** {prose(handler.effects.get(kind, '—'))}", ""]
    rules = applicable_rules(kind)
    listed = ", ".join(f"[`{r}`](requirements.md#{r})" for r in rules)
    lines += [f"**Requirement rules that can apply.** {listed}.", ""]
    lines += _example(example)
    return lines


def _reaches(model: type[BaseModel], handler: Handler) -> str:
    """What ``over:`` sees of the act: the handler's words, or the usual keys it has."""
    if type(handler).reaches is not Handler.reaches:
        return handler.reaches
    named = [
        f"``{k}``" for k in ("targets", "target", "persons") if k in model.model_fields
    ]
    parts = [f"the persons in {' or '.join(named)}"] if named else []
    if "body" in model.model_fields:
        parts.append("the body in ``body``")
    return " and ".join(parts) or "nothing: the act has no targets"


@cache
def _link_grants() -> dict[str, list[str]]:
    """Act kind to the accountability links that grant its power, as they read.

    Read from the engine's own resolution of a clause holding each link, so
    what the page says a link grants is what the engine grants.
    """
    from govsim.model.clauses import ClauseSet
    from govsim.model.rulebook import Clause, Link

    out: dict[str, list[str]] = {}
    for relation in get_args(Link.model_fields["relation"].annotation):
        link = Link(relation=relation, by="X", of="Y")
        clause = Clause(id="1", text="-", accountability=(link,))
        for kind, grants in ClauseSet.build((clause,), "audited").grants.items():
            for _, power in grants:
                over = (
                    power.over.model_dump(exclude_defaults=True) if power.over else {}
                )
                reach = ", ".join(f"{k}: [{', '.join(v)}]" for k, v in over.items())
                out.setdefault(kind, []).append(
                    f"`{{relation: {relation}, by: X, of: Y}}` gives X this power"
                    + (f" over `{{{reach}}}`" if reach else "")
                )
    return out


def _who(kind: str, model: type[BaseModel], needs_power: bool, reaches: str) -> str:
    if not needs_power:
        return (
            "Conduct: no power is needed. A clause may still restrict it (a "
            f"[`forbidden`](requirements.md#forbidden) rule naming `{kind}`)."
        )
    keys = set(model.model_fields)
    if "scope" not in keys:
        keys.discard("basis")  # a complaint's basis is not an interim measure's ground
    conditions = [
        f"`{c}` (read from its `{key}:`)"
        for key, c in _CONDITIONS.items()
        if key in keys
    ]
    if "repeal" in keys:
        conditions += _AMENDING_CONDITIONS
    when = (
        "`when:` may restrict it by " + ", ".join(conditions)
        if conditions
        else "`when:` has nothing to read in it (a power whose `when:` states any condition never covers it)"
    )
    links = _link_grants().get(kind, [])
    linked = (
        " An accountability link grants it too: " + "; ".join(links) + "."
        if links
        else ""
    )
    return (
        f"A clause's `powers:` lists `{kind}` in `acts:`, with `by:` matching the "
        f"actor. `over:` is matched against {prose(reaches)}. {when}.{linked}"
    )


def _example(example: Replayed) -> list[str]:
    record = example.record
    lines = [
        *example_heading(example),
        "```yaml",
        example.text().rstrip("\n"),
        "```",
        "",
    ]
    lines += [f"The engine finds `{record.id}` **{example.verdict}**:", "", "```text"]
    lines += [f"{'+' if r.holds else '-'} {r.check}" for r in record.reasons]
    lines += [f"=> {effect}" for effect in record.effects]
    lines += ["```"]
    return lines
