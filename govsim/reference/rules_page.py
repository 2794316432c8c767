"""The decision-rule and selector pages: how votes are counted, and who, over what, when.

The decision page's counts are the engine's: one vote is replayed under each
base, under a quorum, with no vote recorded and with no decision rule, and
the lines the engine wrote are shown.
"""

from __future__ import annotations

from functools import cache
from typing import get_args

from govsim.engine.trace import ActRecord
from govsim.reference.examples import Example, replay_example
from govsim.reference.fields import model_section, plain, prose
from govsim.reference.links import Links, sections
from govsim.reference.requirements_page import HEADER

__all__ = ["count_examples", "decisions_page", "selectors_page"]

_CASE = "- {id: complaint, at: 2024-03-01, act: file_complaint, by: bob, case: k1, against: [ann]}"
_VOTE = (
    "- id: sanction\n  at: 2024-03-20\n  act: sanction\n  by: conv\n  case: k1\n"
    "  targets: [ann]\n  sanction: censure\n"
)
_ROLL_CALL = (
    "  present: [bob, cat, dan, eve]\n"
    "  vote: {for: [cat, dan], against: [eve], abstain: [bob]}\n"
)


def _vote_example(name: str, decides: str, record: str) -> Example:
    clause = (
        '- id: "1"\n  text: Members complain; the convention decides.\n  powers:\n'
        "    - {by: {person: member}, acts: [file_complaint]}\n"
        "    - {by: conv, acts: [sanction]}"
    )
    if decides:
        clause += f"\n  decides:\n    - {decides}"
    return Example(name, clause, f"{_CASE}\n{_VOTE}{record}".rstrip("\n"), "sanction")


@cache
def count_examples() -> dict[str, tuple[Example, ActRecord]]:
    """The counting examples, by what they show, each with the engine's record."""
    from govsim.model.rulebook import DecisionBase

    cases = {
        f"base {base}": _vote_example(
            base, f"{{acts: [sanction], quorum: 3, base: {base}}}", _ROLL_CALL
        )
        for base in get_args(DecisionBase)
    }
    cases["quorum of a majority of seats"] = _vote_example(
        "quorum", "{acts: [sanction], quorum: majority}", _ROLL_CALL
    )
    cases["no vote recorded"] = _vote_example("no-vote", "{acts: [sanction]}", "")
    cases["no decision rule"] = _vote_example(
        "no-rule", "", "  vote: {for: 1, against: 4}\n"
    )
    return {what: (ex, replay_example(ex).record) for what, ex in cases.items()}


def decisions_page() -> str:
    """How a body's vote is counted: decision rules, their defaults and bases."""
    from govsim.engine import counting

    links = Links("decisions.md")
    counted = count_examples()
    lines = [
        "# Decision rules",
        "",
        HEADER,
        "",
        "A clause's `decides:` says how a body's vote on some acts is counted: "
        "a quorum, a threshold, and what the threshold is a share of (its "
        "`base`). A decision rule governs the acts it names, when the actor "
        "matches its `by:` and the sanction its `sanctions:`. A count that "
        "fails is a violation of the clause: the act is irregular (audited) "
        "or void (regimented). Which meeting, who was present and how they "
        "voted is recorded on the act ([attendance and votes](acts.md#attendance-and-votes)); "
        "[docs/meetings-and-votes.md](../meetings-and-votes.md) explains "
        "meetings, notice and every default in one table.",
        "",
        "## Defaults",
        "",
        f"When a rule leaves a key out: {_defaults()} (see the table of "
        "[DecisionRule](#decisionrule) for each key). What the record "
        "leaves out is assumed as the engine says, in the act's reasons:",
        "",
    ]
    example, record = counted["no vote recorded"]
    lines += _shown("no vote recorded", example, record)
    example, record = counted["no decision rule"]
    # Read from the replay, not assumed: whether a vote lost 1 to 4 stands
    # when no clause says how the body's votes are counted.
    stands = record.verdict.value == "valid" and bool(record.effects)
    lines += [
        "With no `decides:` rule for the act, "
        + (
            "the vote is recorded but not counted: an act voted down stands "
            "(valid) and takes effect:"
            if stands
            else "the vote is still counted, by the engine's default: an act "
            f"voted down is {record.verdict.value}:"
        ),
        "",
    ]
    lines += _shown("no decision rule", example, record)
    lines += [
        "",
        "## Bases and abstentions",
        "",
        prose(counting.__doc__).split("\n\n", 1)[-1],
        "",
        "The same roll call under each base — the convention (6 seats, 5 "
        "filled) sanctions `ann` on a complaint by `bob`, who is present and "
        "abstains (a party, so conflicted); `cat` and `dan` vote for, `eve` "
        "against — with the engine's count:",
        "",
        "| base | the engine's count | carried |",
        "|---|---|---|",
    ]
    for what, (_, record) in counted.items():
        if what.startswith("base "):
            line = next(r for r in record.reasons if r.check.startswith("threshold"))
            base = what.removeprefix("base ")
            lines.append(
                f"| `{base}` | {line.check} | {'yes' if line.holds else 'no'} |"
            )
    example, record = counted["quorum of a majority of seats"]
    lines += [
        "",
        "A quorum counts those present and entitled to vote, the conflicted left out:",
        "",
    ]
    lines += _shown("quorum: majority", example, record)
    lines += [
        "",
        "## Votes",
        "",
        "`vote:` is `unanimous` (every member present voted for) or a tally: "
        "counts (`{for: 12, against: 3, abstain: 1}`), or a roll call naming "
        "who voted how (`{for: [ann, bob], against: [cat]}`) when it matters "
        "who took part. Only named votes of members entitled to vote count; "
        "a vote by counts is taken to be cast by those without a conflict "
        "when it can be.",
    ]
    for model in sections()["decisions.md"]:
        lines += model_section(model, links)
    return "\n".join(lines) + "\n"


def _defaults() -> str:
    """A decision rule's defaults in words, read from the model."""
    from govsim.model.rulebook import DecisionRule

    d = {name: info.default for name, info in DecisionRule.model_fields.items()}
    quorum = (
        "no quorum" if d["quorum"] is None else f"a quorum of `{plain(d['quorum'])}`"
    )
    conflicted = "counted" if d["count_conflicted"] else "left out"
    return (
        f"{quorum}, a threshold of `{d['threshold']}`, on the base `{d['base']}`, "
        f"a quorum share counted of `{d['quorum_of']}`, the conflicted {conflicted}"
    )


def _shown(what: str, example: Example, record: ActRecord) -> list[str]:
    acts = example.acts.split("\n")
    shown = "\n".join(acts[1:])
    rule = example.clauses.split("decides:\n", 1)
    decides = (
        f"decides: [{rule[1].strip().removeprefix('- ')}]"
        if len(rule) > 1
        else "(no decides:)"
    )
    lines = [f"**{what}** — {decides}:", "", "```yaml", shown, "```", "", "```text"]
    lines += [f"{'+' if r.holds else '-'} {r.check}" for r in record.reasons]
    lines += [f"=> {record.verdict.value}", *(f"=> {e}" for e in record.effects)]
    lines += ["```", ""]
    return lines


def selectors_page() -> str:
    """The selector vocabulary: who may act, over what, when, and persons as a class."""
    from govsim.model import selectors

    links = Links("selectors.md")
    models = {m.__name__: m for m in sections()["selectors.md"]}
    lines = [
        "# Selectors",
        "",
        HEADER,
        "",
        prose(selectors.__doc__),
        "",
        "## Who may act (`by:`)",
        "",
        "A power's `by:` (and a requirement's or decision rule's) is an actor "
        "selector: a body's or a person's id, or one of the forms below.",
    ]
    for name in ("PersonActor", "BodyKindActor", "JointActor"):
        lines += model_section(models[name], links, "###")
    lines += ["", "## Over what (`over:`)", ""]
    lines += [
        "What a power reaches; each act kind says what `over:` is matched "
        "against ([acts](acts.md)).",
    ]
    lines += model_section(models["TargetSelector"], links, "###")
    lines += ["", "## Under which conditions (`when:`)", ""]
    lines += ["Conditions on the act itself; each act kind says which it can meet."]
    lines += model_section(models["Conditions"], links, "###")
    lines += [
        "",
        "## Person selectors",
        "",
        "An act's `targets:` lists persons by id, or as a class with these "
        "forms (a rule book's `individual` rule refuses classes).",
    ]
    for name in ("TagSelector", "SeatSelector"):
        lines += model_section(models[name], links, "###")
    return "\n".join(lines) + "\n"
