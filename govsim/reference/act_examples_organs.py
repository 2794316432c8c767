"""Minimal examples of the acts about organs and their members.

Reports and ratification, seats and membership, mandates, proposals and votes, caucuses,
dissolution, statements and amendments of the rules.
"""

from __future__ import annotations

from govsim.reference.act_snippets import (
    COMPLAINT,
    MANDATE,
    MAY_COMPLAIN,
    MEASURE,
    PROPOSAL,
    one_clause,
)
from govsim.reference.examples import Example

__all__ = ["ORGAN_EXAMPLES"]


def _examples() -> dict[str, Example]:
    e: dict[str, Example] = {}
    e["report"] = one_clause(
        "report",
        "The convention may give the executive a task with a due date.",
        ["- {by: conv, acts: [mandate]}"],
        f"""
        {MANDATE}
        - id: shown
          at: 2024-06-10
          act: report
          by: exec
          to: conv
          about: m1
          text: the accounts are late because the treasurer resigned
        """,
    )
    e["ratify"] = one_clause(
        "ratify",
        "The executive may suspend a member from office while charges are "
        "pending; the disciplinary committee ratifies or reverses it.",
        [
            MAY_COMPLAIN,
            "- {by: exec, acts: [interim_suspend]}",
            "- {by: dc, acts: [ratify]}",
        ],
        f"""
        {COMPLAINT}
        {MEASURE}
        - id: shown
          at: 2024-03-09
          act: ratify
          by: dc
          subject: measure
          outcome: ratify
        """,
    )
    e["resign_office"] = one_clause(
        "resign_office",
        "Anyone holding a seat on the executive may resign it.",
        ["- {by: {person: seat_holder, bodies: [exec]}, acts: [resign_office]}"],
        """
        - id: shown
          at: 2024-03-01
          act: resign_office
          by: bob
          body: exec
        """,
    )
    for kind in ("resign_membership", "take_leave"):
        until = "  until: 2024-09-01\n" if kind == "take_leave" else ""
        e[kind] = one_clause(
            kind,
            "A member may resign or take leave.",
            ["- {by: {person: member}, acts: [resign_membership, take_leave]}"],
            f"- id: shown\n  at: 2024-03-01\n  act: {kind}\n  by: eve\n{until}",
        )
    e["elect"] = one_clause(
        "elect",
        "The convention elects the executive.",
        ["- {by: conv, acts: [elect], over: {bodies: [exec]}}"],
        """
        - id: shown
          at: 2024-03-01
          act: elect
          by: conv
          body: exec
          persons: [eve]
          vote: {for: 4, against: 1}
        """,
    )
    e["appoint"] = one_clause(
        "appoint",
        "The executive appoints the disciplinary committee.",
        ["- {by: exec, acts: [appoint], over: {bodies: [dc]}}"],
        """
        - id: shown
          at: 2024-03-01
          act: appoint
          by: exec
          body: dc
          persons: [eve]
        """,
    )
    e["recall"] = one_clause(
        "recall",
        "The convention may recall members of the executive.",
        ["- {by: conv, acts: [recall], over: {seat_on: [exec]}}"],
        """
        - id: shown
          at: 2024-03-01
          act: recall
          by: conv
          body: exec
          target: bob
          vote: {for: 3, against: 1, abstain: 1}
        """,
    )
    e["request_resignation"] = one_clause(
        "request_resignation",
        "Members may say what they think of the executive.",
        [],
        """
        - id: shown
          at: 2024-03-01
          act: request_resignation
          by: eve
          body: exec
          target: bob
        """,
    )
    e["admit"] = one_clause(
        "admit",
        "The executive admits new members.",
        ["- {by: exec, acts: [admit], over: {persons: non_member}}"],
        """
        - id: shown
          at: 2024-03-01
          act: admit
          by: exec
          target: fay
        """,
    )
    e["mandate"] = one_clause(
        "mandate",
        "The convention may give the executive a task with a due date.",
        ["- {by: conv, acts: [mandate]}"],
        """
        - id: shown
          at: 2024-03-01
          act: mandate
          by: conv
          mandate: m1
          obligee: exec
          task: publish the accounts
          due: 2024-05-31
        """,
    )
    for kind, extra in (
        ("fulfil", ""),
        ("extend", "  due: 2024-07-31\n  reason: the auditor is late\n"),
        ("transfer", "  to: dc\n"),
        ("abandon", "  reason: the convention dropped the matter\n"),
    ):
        by = "exec" if kind in {"fulfil", "abandon"} else "conv"
        e[kind] = one_clause(
            kind,
            "The convention gives the executive tasks and may extend or transfer "
            "them; the executive fulfils or abandons them.",
            [
                "- {by: conv, acts: [mandate, extend, transfer]}",
                "- {by: exec, acts: [fulfil, abandon]}",
            ],
            f"{MANDATE}\n- id: shown\n  at: 2024-05-20\n  act: {kind}\n"
            f"  by: {by}\n  mandate: m1\n{extra}",
        )
    e["propose"] = one_clause(
        "propose",
        "Any member may table a proposal.",
        ["- {by: {person: member}, acts: [propose]}"],
        """
        - id: shown
          at: 2024-03-01
          act: propose
          by: eve
          proposal: p1
          text: Hold an emergency convention
          supporters: 3
        """,
    )
    e["withdraw"] = one_clause(
        "withdraw",
        "Any member may table a proposal, and withdraw it.",
        ["- {by: {person: member}, acts: [propose, withdraw]}"],
        f"""
        {PROPOSAL}
        - id: shown
          at: 2024-03-05
          act: withdraw
          by: eve
          proposal: p1
        """,
    )
    e["vote"] = one_clause(
        "vote",
        "Any member may table a proposal; the convention votes on it.",
        ["- {by: {person: member}, acts: [propose]}", "- {by: conv, acts: [vote]}"],
        f"""
        {PROPOSAL}
        - id: shown
          at: 2024-03-15
          act: vote
          by: conv
          proposal: p1
          vote: {{for: 3, against: 2}}
        """,
    )
    e["form_caucus"] = one_clause(
        "form_caucus",
        "Members may form caucuses.",
        ["- {by: {person: member}, acts: [form_caucus]}"],
        """
        - id: shown
          at: 2024-03-01
          act: form_caucus
          by: eve
          caucus: reform-caucus
          members: [dan]
        """,
    )
    e["dissolve_body"] = one_clause(
        "dissolve_body",
        "The convention may dissolve any committee.",
        ["- {by: conv, acts: [dissolve_body], over: {body_kinds: [disciplinary]}}"],
        """
        - id: shown
          at: 2024-03-01
          act: dissolve_body
          by: conv
          body: dc
          successor: exec
        """,
    )
    e["disaffiliate"] = one_clause(
        "disaffiliate",
        "A branch may leave the organisation.",
        ["- {by: {kind: [branch]}, acts: [disaffiliate]}"],
        """
        - id: shown
          at: 2024-03-01
          act: disaffiliate
          by: north
        """,
    )
    e["dissolve_organisation"] = one_clause(
        "dissolve_organisation",
        "The convention may dissolve the organisation.",
        ["- {by: conv, acts: [dissolve_organisation]}"],
        """
        - id: shown
          at: 2024-03-01
          act: dissolve_organisation
          by: conv
          vote: {for: 5}
        """,
    )
    e["publish_statement"] = one_clause(
        "publish_statement",
        "The executive speaks for the organisation to its members.",
        ["- {by: exec, acts: [publish_statement], when: {audiences: [members]}}"],
        """
        - id: shown
          at: 2024-03-01
          act: publish_statement
          by: exec
          audience: members
          text: The convention will meet in June.
        """,
    )
    e["interfere"] = one_clause(
        "interfere",
        "Any member may file a complaint against another member.",
        [MAY_COMPLAIN],
        f"""
        {COMPLAINT}
        - id: shown
          at: 2024-03-03
          act: interfere
          by: bob
          case: k1
          asks: drop
          means: a message to the disciplinary committee
        """,
    )
    e["amend_rules"] = one_clause(
        "amend_rules",
        "The convention may amend the rules, except this clause.",
        ['- {by: conv, acts: [amend_rules], when: {clauses: ["2.*"]}}'],
        """
        - id: shown
          at: 2024-03-01
          act: amend_rules
          by: conv
          vote: {for: 4, against: 1}
          add:
            - id: "2.1"
              text: The executive may speak to the members.
              powers:
                - {by: exec, acts: [publish_statement], when: {audiences: [members]}}
          in_force: 2024-04-01
          applies_to: new_cases
        """,
    )
    return e


ORGAN_EXAMPLES: dict[str, Example] = _examples()
"""Act kind to its minimal example."""
