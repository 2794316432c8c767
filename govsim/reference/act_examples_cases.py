"""Minimal examples of the acts of a case, a meeting and a decision.

Complaints, conflicts, investigation, notice, hearing, finding, sanction,
implementation and alteration, interim measures, appeals and closing.
"""

from __future__ import annotations

from govsim.reference.act_snippets import (
    CENSURE,
    COMPLAINT,
    MAY_COMPLAIN,
    MEASURE,
    one_clause,
)
from govsim.reference.examples import Example

__all__ = ["CASE_EXAMPLES"]


def _examples() -> dict[str, Example]:
    e: dict[str, Example] = {}
    e["file_complaint"] = one_clause(
        "file_complaint",
        "Any member may file a complaint against another member.",
        [MAY_COMPLAIN],
        """
        - id: shown
          at: 2024-03-01
          act: file_complaint
          by: bob
          case: k1
          against: [ann]
          allegation: shouted down a speaker at the branch meeting
        """,
    )
    for kind in ("disclose", "raise_concern"):
        e[kind] = one_clause(
            kind,
            "Members may speak to the membership.",
            [],
            f"""
            - id: shown
              at: 2024-03-01
              act: {kind}
              by: eve
              to: [members]
              document: a letter on how the executive handles complaints
            """,
        )
    for kind in ("declare_conflict", "recuse"):
        e[kind] = one_clause(
            kind,
            "Any member may file a complaint against another member.",
            [MAY_COMPLAIN],
            f"""
            {COMPLAINT}
            - id: shown
              at: 2024-03-05
              act: {kind}
              by: cat
              case: k1
              reason: cat is a friend of ann
            """,
        )
    e["assign_investigator"] = one_clause(
        "assign_investigator",
        "The executive gives each complaint to the disciplinary committee.",
        [MAY_COMPLAIN, "- {by: exec, acts: [assign_investigator]}"],
        f"""
        {COMPLAINT}
        - id: shown
          at: 2024-03-04
          act: assign_investigator
          by: exec
          case: k1
          investigator: dc
        """,
    )
    e["create_body"] = one_clause(
        "create_body",
        "The executive may set up working groups.",
        ["- {by: exec, acts: [create_body]}"],
        """
        - id: shown
          at: 2024-03-01
          act: create_body
          by: exec
          body: finance-group
          kind: ad_hoc
          members: [bob, eve]
          until: 2024-12-31
        """,
    )
    e["convene"] = one_clause(
        "convene",
        "The executive meets when it is called.",
        ["- {by: exec, acts: [convene]}"],
        """
        - id: shown
          at: 2024-03-01
          act: convene
          by: exec
          meeting: exec-march
          bodies: [exec]
          sits: 2024-03-08
          notice_days: 7
        """,
    )
    e["waive_notice"] = one_clause(
        "waive_notice",
        "The executive meets when it is called.",
        ["- {by: exec, acts: [convene]}"],
        """
        - {id: call, at: 2024-03-06, act: convene, by: exec, meeting: exec-march, bodies: [exec], sits: 2024-03-08}
        - id: shown
          at: 2024-03-07
          act: waive_notice
          by: ann
          meeting: exec-march
        """,
    )
    e["serve_notice"] = one_clause(
        "serve_notice",
        "The disciplinary committee serves charges on whoever is complained against.",
        [MAY_COMPLAIN, "- {by: dc, acts: [serve_notice]}"],
        f"""
        {COMPLAINT}
        - id: shown
          at: 2024-03-05
          act: serve_notice
          by: dc
          case: k1
          target: ann
          charges: [shouted down a speaker at the branch meeting of 12 February]
        """,
    )
    e["hear"] = one_clause(
        "hear",
        "The disciplinary committee hears whoever is complained against.",
        [MAY_COMPLAIN, "- {by: dc, acts: [hear]}"],
        f"""
        {COMPLAINT}
        - id: shown
          at: 2024-03-12
          act: hear
          by: dc
          case: k1
          target: ann
        """,
    )
    e["find"] = one_clause(
        "find",
        "The disciplinary committee decides whether the rules were broken.",
        [MAY_COMPLAIN, "- {by: dc, acts: [find]}"],
        f"""
        {COMPLAINT}
        - id: shown
          at: 2024-03-20
          act: find
          by: dc
          case: k1
          targets: [ann]
          finding: violation
        """,
    )
    e["sanction"] = one_clause(
        "sanction",
        "The disciplinary committee may warn or censure a member.",
        [
            MAY_COMPLAIN,
            "- {by: dc, acts: [sanction], when: {sanctions: [warning, censure]}}",
        ],
        f"""
        {COMPLAINT}
        - id: shown
          at: 2024-03-20
          act: sanction
          by: dc
          case: k1
          targets: [ann]
          sanction: censure
          vote: {{for: 2}}
        """,
    )
    e["implement"] = one_clause(
        "implement",
        "Sanctions take effect when the executive implements them.",
        [
            MAY_COMPLAIN,
            "- {by: dc, acts: [sanction], takes_effect: on_implementation}",
            "- {by: exec, acts: [implement]}",
        ],
        f"""
        {COMPLAINT}
        {CENSURE}
        - id: shown
          at: 2024-03-22
          act: implement
          by: exec
          decision: censure
        """,
    )
    e["alter_decision"] = one_clause(
        "alter_decision",
        "The executive may set aside any disciplinary decision.",
        [
            MAY_COMPLAIN,
            "- {by: dc, acts: [sanction]}",
            "- {by: exec, acts: [alter_decision]}",
        ],
        f"""
        {COMPLAINT}
        {CENSURE}
        - id: shown
          at: 2024-03-25
          act: alter_decision
          by: exec
          decision: censure
          outcome: quash
        """,
    )
    e["interim_suspend"] = one_clause(
        "interim_suspend",
        "While charges are pending, the executive may suspend a member from office.",
        [
            MAY_COMPLAIN,
            "- {by: exec, acts: [interim_suspend], when: {scopes: [office]}}",
        ],
        f"""
        {COMPLAINT}
        - id: shown
          at: 2024-03-02
          act: interim_suspend
          by: exec
          case: k1
          targets: [ann]
          scope: office
          office: exec
          basis: charges_filed
          expires_at: 2024-03-31
          review_at: 2024-03-16
        """,
    )
    for kind, extra in (
        ("review_interim", "  outcome: confirm\n"),
        ("lift_interim", ""),
        ("renew_interim", "  expires_at: 2024-04-30\n"),
    ):
        e[kind] = one_clause(
            kind,
            "The executive may suspend a member from office while charges are "
            "pending, and review, lift or renew the suspension.",
            [
                MAY_COMPLAIN,
                "- {by: exec, acts: [interim_suspend, review_interim, lift_interim, renew_interim]}",
            ],
            f"{COMPLAINT}\n{MEASURE}\n- id: shown\n  at: 2024-03-16\n"
            f"  act: {kind}\n  by: exec\n  measure: measure\n{extra}",
        )
    e["appeal"] = one_clause(
        "appeal",
        "A party to the case may appeal to the convention.",
        [
            MAY_COMPLAIN,
            "- {by: dc, acts: [sanction]}",
            "- {by: {person: party}, acts: [appeal]}",
        ],
        f"""
        {COMPLAINT}
        {CENSURE}
        - id: shown
          at: 2024-03-25
          act: appeal
          by: ann
          decision: censure
          grounds: the charges were never put to me
        """,
    )
    e["decide_appeal"] = one_clause(
        "decide_appeal",
        "A party to the case may appeal to the convention, which decides the appeal.",
        [
            MAY_COMPLAIN,
            "- {by: dc, acts: [sanction]}",
            "- {by: {person: party}, acts: [appeal]}",
            "- {by: conv, acts: [decide_appeal]}",
        ],
        f"""
        {COMPLAINT}
        {CENSURE}
        - {{id: appeal, at: 2024-03-25, act: appeal, by: ann, decision: censure}}
        - id: shown
          at: 2024-04-10
          act: decide_appeal
          by: conv
          appeal: appeal
          outcome: reduce
          sanction: warning
        """,
    )
    e["close_case"] = one_clause(
        "close_case",
        "The disciplinary committee closes the cases it decides.",
        [MAY_COMPLAIN, "- {by: dc, acts: [close_case]}"],
        f"""
        {COMPLAINT}
        - id: shown
          at: 2024-03-20
          act: close_case
          by: dc
          case: k1
          reason: no_case
        """,
    )
    return e


CASE_EXAMPLES: dict[str, Example] = _examples()
"""Act kind to its minimal example."""
