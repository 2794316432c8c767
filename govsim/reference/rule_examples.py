"""A minimal example breaking each requirement rule, so its message can be shown.

The book's clause states the rule (audited, the default: the act shown is
irregular and the violation is recorded); the acts break it. Rules that never
break an act by themselves (``records``, ``continuity``) get an example in
which the rule is stated and the act stands. The reference replays each one
(see :mod:`govsim.reference.examples`).
"""

from __future__ import annotations

import textwrap

from govsim.reference.act_snippets import COMPLAINT as _COMPLAINT
from govsim.reference.act_snippets import MAY_COMPLAIN as _MAY_COMPLAIN
from govsim.reference.examples import Example, shown_last

__all__ = ["RULE_EXAMPLES"]


def _example(
    rule: str,
    text: str,
    requires: str,
    powers: list[str],
    acts: str,
    end: str | None = None,
    kept: tuple[str, ...] = (),
) -> Example:
    """One clause with ``powers`` and the requirement ``requires`` (a flow mapping).

    ``kept``: earlier acts that meet the rule, whose verdicts are shown too.
    """
    clause = f'- id: "1"\n  text: {text}\n'
    if powers:
        clause += "  powers:\n" + textwrap.indent("\n".join(powers), "    ") + "\n"
    clause += f"  requires:\n    - {requires}"
    acts = textwrap.dedent(acts).strip("\n")
    return shown_last(Example(rule, clause, acts, "", end, prefix="rule", kept=kept))


def _sanction_case(
    rule: str, text: str, requires: str, before: str = "", vote: str = ""
) -> Example:
    """A complaint, then ``before``, then the disciplinary committee's censure."""
    acts = _COMPLAINT + "\n" + textwrap.dedent(before).strip("\n")
    acts += (
        "\n- id: shown\n  at: 2024-03-20\n  act: sanction\n  by: dc\n  case: k1\n"
        "  targets: [ann]\n  sanction: censure\n"
        + (f"  vote: {vote}\n" if vote else "")
    )
    powers = [_MAY_COMPLAIN, "- {by: dc, acts: [serve_notice, hear, find, sanction]}"]
    if "assign_investigator" in before:
        powers.append("- {by: exec, acts: [assign_investigator]}")
    return _example(rule, text, requires, powers, acts.replace("\n\n", "\n"))


def _examples() -> dict[str, Example]:
    e: dict[str, Example] = {}
    e["notice"] = _sanction_case(
        "notice",
        "No sanction without fourteen days' written notice of specific charges.",
        "{rule: notice, acts: [sanction], days: 14}",
        "- {id: charges, at: 2024-03-15, act: serve_notice, by: dc, case: k1, target: ann, "
        "charges: [shouted down a speaker]}",
    )
    e["hearing"] = _sanction_case(
        "hearing",
        "No sanction before the member complained against is heard.",
        "{rule: hearing, acts: [sanction]}",
    )
    e["recusal"] = _sanction_case(
        "recusal",
        "A member with a conflict takes no part in the decision.",
        "{rule: recusal, acts: [sanction]}",
        "- {id: conflict, at: 2024-03-05, act: declare_conflict, by: cat, case: k1, "
        "reason: a friend of ann}",
        vote="{for: [cat, dan]}",
    )
    e["voting_rights"] = _sanction_case(
        "voting_rights",
        "Only members of the committee vote in it.",
        "{rule: voting_rights, acts: [sanction]}",
        vote="{for: [cat, dan, eve]}",
    )
    e["finding"] = _sanction_case(
        "finding",
        "No sanction without a finding that the rules were broken.",
        "{rule: finding, acts: [sanction]}",
    )
    e["separation"] = _sanction_case(
        "separation",
        "Whoever investigated a case takes no part in deciding it.",
        "{rule: separation, acts: [sanction]}",
        "- {id: assign, at: 2024-03-02, act: assign_investigator, by: exec, case: k1, "
        "investigator: cat}",
        vote="{for: [cat, dan]}",
    )
    e["individual"] = _example(
        "individual",
        "The executive may suspend from office, naming each person suspended.",
        "{rule: individual, acts: [interim_suspend]}",
        ["- {by: exec, acts: [interim_suspend]}"],
        """
        - id: shown
          at: 2024-03-01
          act: interim_suspend
          by: exec
          targets: [{seat_on: dc}]
          scope: leadership_bodies
          expires_at: 2024-03-15
        """,
    )
    e["interim_bounds"] = _example(
        "interim_bounds",
        "An interim suspension lasts at most fourteen days and is reviewed within seven.",
        "{rule: interim_bounds, acts: [interim_suspend], max_days: 14, review_within_days: 7}",
        [_MAY_COMPLAIN, "- {by: exec, acts: [interim_suspend]}"],
        f"""
        {_COMPLAINT}
        - id: shown
          at: 2024-03-02
          act: interim_suspend
          by: exec
          case: k1
          targets: [ann]
          scope: membership
          basis: charges_filed
          expires_at: 2024-04-01
        """,
    )
    e["independent_investigator"] = _example(
        "independent_investigator",
        "A complaint is investigated by someone it does not concern.",
        "{rule: independent_investigator, acts: [assign_investigator]}",
        [_MAY_COMPLAIN, "- {by: exec, acts: [assign_investigator]}"],
        """
        - {id: complaint, at: 2024-03-01, act: file_complaint, by: eve, case: k1, against: [ann], subjects: [exec]}
        - id: shown
          at: 2024-03-04
          act: assign_investigator
          by: exec
          case: k1
          investigator: exec
        """,
    )
    e["finality"] = _example(
        "finality",
        "Disciplinary decisions change only on appeal to the convention.",
        "{rule: finality, acts: [alter_decision], appeal_bodies: [conv]}",
        [
            _MAY_COMPLAIN,
            "- {by: dc, acts: [sanction]}",
            "- {by: exec, acts: [alter_decision]}",
        ],
        f"""
        {_COMPLAINT}
        - {{id: censure, at: 2024-03-20, act: sanction, by: dc, case: k1, targets: [ann], sanction: censure}}
        - id: shown
          at: 2024-03-25
          act: alter_decision
          by: exec
          decision: censure
          outcome: quash
        """,
    )
    e["appeal_window"] = _example(
        "appeal_window",
        "An appeal is lodged within fourteen days of the decision.",
        "{rule: appeal_window, acts: [appeal], days: 14}",
        [
            _MAY_COMPLAIN,
            "- {by: dc, acts: [sanction]}",
            "- {by: {person: party}, acts: [appeal]}",
        ],
        f"""
        {_COMPLAINT}
        - {{id: censure, at: 2024-03-20, act: sanction, by: dc, case: k1, targets: [ann], sanction: censure}}
        - id: shown
          at: 2024-04-20
          act: appeal
          by: ann
          decision: censure
        """,
    )
    e["deadline"] = _example(
        "deadline",
        "The executive implements a sanction within seven days.",
        "{rule: deadline, acts: [sanction], then: implement, days: 7, obligee: exec}",
        [
            _MAY_COMPLAIN,
            "- {by: dc, acts: [sanction]}",
            "- {by: exec, acts: [implement]}",
        ],
        f"""
        {_COMPLAINT}
        - id: shown
          at: 2024-03-20
          act: sanction
          by: dc
          case: k1
          targets: [ann]
          sanction: censure
        """,
        end="2024-04-15",
    )
    e["meeting_notice"] = _example(
        "meeting_notice",
        "The executive meets on seven days' notice to each of its members.",
        "{rule: meeting_notice, days: 7}",
        ["- {by: exec, acts: [convene, publish_statement]}"],
        """
        - {id: call, at: 2024-03-06, act: convene, by: exec, meeting: exec-march, bodies: [exec], sits: 2024-03-08, notice_days: 2}
        - id: shown
          at: 2024-03-08
          act: publish_statement
          by: exec
          meeting: exec-march
          audience: members
        """,
    )
    e["eligibility"] = _example(
        "eligibility",
        "Only members in good standing may be elected.",
        "{rule: eligibility, acts: [elect]}",
        ["- {by: conv, acts: [elect]}"],
        """
        - id: shown
          at: 2024-03-01
          act: elect
          by: conv
          body: exec
          persons: [fay]
        """,
    )
    e["audience"] = _example(
        "audience",
        "Statements of the executive go no further than the members.",
        "{rule: audience, acts: [publish_statement], widest: members}",
        ["- {by: exec, acts: [publish_statement]}"],
        """
        - id: shown
          at: 2024-03-01
          act: publish_statement
          by: exec
          audience: public
        """,
    )
    e["supporters"] = _example(
        "supporters",
        "A proposal needs ten supporters.",
        "{rule: supporters, acts: [propose], minimum: 10}",
        ["- {by: {person: member}, acts: [propose]}"],
        """
        - id: shown
          at: 2024-03-01
          act: propose
          by: eve
          proposal: p1
          supporters: 3
        """,
    )
    e["forbidden"] = _example(
        "forbidden",
        "No one may press those handling a complaint.",
        "{rule: forbidden, acts: [interfere]}",
        [_MAY_COMPLAIN],
        f"""
        {_COMPLAINT}
        - id: shown
          at: 2024-03-03
          act: interfere
          by: bob
          case: k1
          asks: drop
        """,
    )
    e["records"] = _example(
        "records",
        "The disciplinary committee keeps the record of its findings.",
        "{rule: records, acts: [find], custodians: [dc]}",
        [_MAY_COMPLAIN, "- {by: dc, acts: [find]}"],
        f"""
        {_COMPLAINT}
        - id: shown
          at: 2024-03-20
          act: find
          by: dc
          case: k1
          targets: [ann]
        """,
    )
    e["continuity"] = _example(
        "continuity",
        "A case nobody can handle is given to someone able within thirty days.",
        "{rule: continuity, acts: [assign_investigator], within_days: 30}",
        [_MAY_COMPLAIN, "- {by: exec, acts: [assign_investigator]}"],
        f"""
        {_COMPLAINT}
        - id: shown
          at: 2024-03-04
          act: assign_investigator
          by: exec
          case: k1
          investigator: dc
        """,
    )
    e["readings"] = _example(
        "readings",
        "The convention changes the rules in two readings a week apart at least.",
        "{rule: readings, acts: [amend_rules], count: 2, days_between: 7}",
        ["- {by: conv, acts: [amend_rules]}"],
        f"""
        - {{id: first, at: 2024-03-01, act: amend_rules, by: conv, reading: first, add: [{_STATEMENTS}]}}
        - {{id: adopted, at: 2024-03-15, act: amend_rules, by: conv, first_reading: first, add: [{_STATEMENTS}]}}
        - {{id: rushed, at: 2024-04-01, act: amend_rules, by: conv, reading: first, repeal: ["2"]}}
        - id: shown
          at: 2024-04-04
          act: amend_rules
          by: conv
          first_reading: rushed
          repeal: ["2"]
        """,
        kept=("adopted",),
    )
    e["text_notice"] = _example(
        "text_notice",
        "The convention changes the rules only when their text was tabled fourteen "
        "days before.",
        "{rule: text_notice, acts: [amend_rules], days: 14}",
        [
            "- {by: conv, acts: [amend_rules]}",
            "- {by: {person: member}, acts: [propose]}",
        ],
        f"""
        - {{id: tabled, at: 2024-03-01, act: propose, by: eve, proposal: p1, text: {_STATEMENTS_TEXT}}}
        - {{id: adopted, at: 2024-03-20, act: amend_rules, by: conv, proposal: p1, add: [{_STATEMENTS}]}}
        - {{id: tabled-late, at: 2024-03-25, act: propose, by: eve, proposal: p2, text: Repeal clause 2}}
        - id: shown
          at: 2024-03-30
          act: amend_rules
          by: conv
          proposal: p2
          repeal: ["2"]
        """,
        kept=("adopted",),
    )
    return e


_STATEMENTS_TEXT = "The executive may speak to the members"
_STATEMENTS = (
    f'{{id: "2", text: {_STATEMENTS_TEXT}, '
    "powers: [{by: exec, acts: [publish_statement]}]}"
)
"""A clause the examples of amending rules add: the executive's voice."""


RULE_EXAMPLES: dict[str, Example] = _examples()
"""Requirement rule to a minimal example that breaks it (or shows it holds)."""
