"""The minimal example of every act kind: the fewest acts that give it meaning.

Each is replayed when the reference is generated (see
:mod:`govsim.reference.examples`); what is written here is only the history,
never the verdict.
"""

from __future__ import annotations

import textwrap

from govsim.reference.examples import Example, shown_last

__all__ = ["ACT_EXAMPLES"]

_COMPLAINT = "- {id: complaint, at: 2024-03-01, act: file_complaint, by: bob, case: k1, against: [ann]}"
_MAY_COMPLAIN = "- {by: {person: member}, acts: [file_complaint]}"
_CENSURE = (
    "- {id: censure, at: 2024-03-20, act: sanction, by: dc, case: k1, "
    "targets: [ann], sanction: censure}"
)
_MEASURE = (
    "- {id: measure, at: 2024-03-02, act: interim_suspend, by: exec, case: k1, "
    "targets: [ann], scope: office, office: exec, basis: charges_filed, "
    "expires_at: 2024-03-31}"
)
_MANDATE = (
    "- {id: mandate, at: 2024-03-01, act: mandate, by: conv, mandate: m1, "
    "obligee: exec, task: publish the accounts, due: 2024-05-31}"
)
_PROPOSAL = (
    "- {id: proposal, at: 2024-03-01, act: propose, by: eve, proposal: p1, "
    "text: Hold an emergency convention, supporters: 3}"
)


def _example(name: str, text: str, powers: list[str], acts: str) -> Example:
    """One clause giving ``powers``, and acts whose last one (id ``shows``) is shown."""
    clause = f'- id: "1"\n  text: {text}\n'
    if powers:
        clause += "  powers:\n" + textwrap.indent("\n".join(powers), "    ")
    else:
        clause = clause.rstrip("\n")
    return shown_last(Example(name, clause, textwrap.dedent(acts).strip("\n"), ""))


def _examples() -> dict[str, Example]:
    e: dict[str, Example] = {}
    e["file_complaint"] = _example(
        "file_complaint",
        "Any member may file a complaint against another member.",
        [_MAY_COMPLAIN],
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
        e[kind] = _example(
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
        e[kind] = _example(
            kind,
            "Any member may file a complaint against another member.",
            [_MAY_COMPLAIN],
            f"""
            {_COMPLAINT}
            - id: shown
              at: 2024-03-05
              act: {kind}
              by: cat
              case: k1
              reason: cat is a friend of ann
            """,
        )
    e["assign_investigator"] = _example(
        "assign_investigator",
        "The executive gives each complaint to the disciplinary committee.",
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
    e["create_body"] = _example(
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
    e["convene"] = _example(
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
    e["waive_notice"] = _example(
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
    e["serve_notice"] = _example(
        "serve_notice",
        "The disciplinary committee serves charges on whoever is complained against.",
        [_MAY_COMPLAIN, "- {by: dc, acts: [serve_notice]}"],
        f"""
        {_COMPLAINT}
        - id: shown
          at: 2024-03-05
          act: serve_notice
          by: dc
          case: k1
          target: ann
          charges: [shouted down a speaker at the branch meeting of 12 February]
        """,
    )
    e["hear"] = _example(
        "hear",
        "The disciplinary committee hears whoever is complained against.",
        [_MAY_COMPLAIN, "- {by: dc, acts: [hear]}"],
        f"""
        {_COMPLAINT}
        - id: shown
          at: 2024-03-12
          act: hear
          by: dc
          case: k1
          target: ann
        """,
    )
    e["find"] = _example(
        "find",
        "The disciplinary committee decides whether the rules were broken.",
        [_MAY_COMPLAIN, "- {by: dc, acts: [find]}"],
        f"""
        {_COMPLAINT}
        - id: shown
          at: 2024-03-20
          act: find
          by: dc
          case: k1
          targets: [ann]
          finding: violation
        """,
    )
    e["sanction"] = _example(
        "sanction",
        "The disciplinary committee may warn or censure a member.",
        [
            _MAY_COMPLAIN,
            "- {by: dc, acts: [sanction], when: {sanctions: [warning, censure]}}",
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
          vote: {{for: 2}}
        """,
    )
    e["implement"] = _example(
        "implement",
        "Sanctions take effect when the executive implements them.",
        [
            _MAY_COMPLAIN,
            "- {by: dc, acts: [sanction], takes_effect: on_implementation}",
            "- {by: exec, acts: [implement]}",
        ],
        f"""
        {_COMPLAINT}
        {_CENSURE}
        - id: shown
          at: 2024-03-22
          act: implement
          by: exec
          decision: censure
        """,
    )
    e["alter_decision"] = _example(
        "alter_decision",
        "The executive may set aside any disciplinary decision.",
        [
            _MAY_COMPLAIN,
            "- {by: dc, acts: [sanction]}",
            "- {by: exec, acts: [alter_decision]}",
        ],
        f"""
        {_COMPLAINT}
        {_CENSURE}
        - id: shown
          at: 2024-03-25
          act: alter_decision
          by: exec
          decision: censure
          outcome: quash
        """,
    )
    e["interim_suspend"] = _example(
        "interim_suspend",
        "While charges are pending, the executive may suspend a member from office.",
        [
            _MAY_COMPLAIN,
            "- {by: exec, acts: [interim_suspend], when: {scopes: [office]}}",
        ],
        f"""
        {_COMPLAINT}
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
        e[kind] = _example(
            kind,
            "The executive may suspend a member from office while charges are "
            "pending, and review, lift or renew the suspension.",
            [
                _MAY_COMPLAIN,
                "- {by: exec, acts: [interim_suspend, review_interim, lift_interim, renew_interim]}",
            ],
            f"{_COMPLAINT}\n{_MEASURE}\n- id: shown\n  at: 2024-03-16\n"
            f"  act: {kind}\n  by: exec\n  measure: measure\n{extra}",
        )
    e["appeal"] = _example(
        "appeal",
        "A member sanctioned may appeal to the convention.",
        [
            _MAY_COMPLAIN,
            "- {by: dc, acts: [sanction]}",
            "- {by: {person: member}, acts: [appeal]}",
        ],
        f"""
        {_COMPLAINT}
        {_CENSURE}
        - id: shown
          at: 2024-03-25
          act: appeal
          by: ann
          decision: censure
          grounds: the charges were never put to me
        """,
    )
    e["decide_appeal"] = _example(
        "decide_appeal",
        "A member sanctioned may appeal to the convention, which decides the appeal.",
        [
            _MAY_COMPLAIN,
            "- {by: dc, acts: [sanction]}",
            "- {by: {person: member}, acts: [appeal]}",
            "- {by: conv, acts: [decide_appeal]}",
        ],
        f"""
        {_COMPLAINT}
        {_CENSURE}
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
    e["close_case"] = _example(
        "close_case",
        "The disciplinary committee closes the cases it decides.",
        [_MAY_COMPLAIN, "- {by: dc, acts: [close_case]}"],
        f"""
        {_COMPLAINT}
        - id: shown
          at: 2024-03-20
          act: close_case
          by: dc
          case: k1
          reason: no_case
        """,
    )
    e["report"] = _example(
        "report",
        "The convention may give the executive a task with a due date.",
        ["- {by: conv, acts: [mandate]}"],
        f"""
        {_MANDATE}
        - id: shown
          at: 2024-06-10
          act: report
          by: exec
          to: conv
          about: m1
          text: the accounts are late because the treasurer resigned
        """,
    )
    e["ratify"] = _example(
        "ratify",
        "The executive may suspend a member from office while charges are "
        "pending; the disciplinary committee ratifies or reverses it.",
        [
            _MAY_COMPLAIN,
            "- {by: exec, acts: [interim_suspend]}",
            "- {by: dc, acts: [ratify]}",
        ],
        f"""
        {_COMPLAINT}
        {_MEASURE}
        - id: shown
          at: 2024-03-09
          act: ratify
          by: dc
          subject: measure
          outcome: ratify
        """,
    )
    e["resign_office"] = _example(
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
        e[kind] = _example(
            kind,
            "A member may resign or take leave.",
            ["- {by: {person: member}, acts: [resign_membership, take_leave]}"],
            f"- id: shown\n  at: 2024-03-01\n  act: {kind}\n  by: eve\n{until}",
        )
    e["elect"] = _example(
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
    e["appoint"] = _example(
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
    e["recall"] = _example(
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
    e["request_resignation"] = _example(
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
    e["admit"] = _example(
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
    e["mandate"] = _example(
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
        e[kind] = _example(
            kind,
            "The convention gives the executive tasks and may extend or transfer "
            "them; the executive fulfils or abandons them.",
            [
                "- {by: conv, acts: [mandate, extend, transfer]}",
                "- {by: exec, acts: [fulfil, abandon]}",
            ],
            f"{_MANDATE}\n- id: shown\n  at: 2024-05-20\n  act: {kind}\n"
            f"  by: {by}\n  mandate: m1\n{extra}",
        )
    e["propose"] = _example(
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
    e["withdraw"] = _example(
        "withdraw",
        "Any member may table a proposal, and withdraw it.",
        ["- {by: {person: member}, acts: [propose, withdraw]}"],
        f"""
        {_PROPOSAL}
        - id: shown
          at: 2024-03-05
          act: withdraw
          by: eve
          proposal: p1
        """,
    )
    e["vote"] = _example(
        "vote",
        "Any member may table a proposal; the convention votes on it.",
        ["- {by: {person: member}, acts: [propose]}", "- {by: conv, acts: [vote]}"],
        f"""
        {_PROPOSAL}
        - id: shown
          at: 2024-03-15
          act: vote
          by: conv
          proposal: p1
          vote: {{for: 3, against: 2}}
        """,
    )
    e["form_caucus"] = _example(
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
    e["dissolve_body"] = _example(
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
    e["disaffiliate"] = _example(
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
    e["dissolve_organisation"] = _example(
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
    e["publish_statement"] = _example(
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
    e["interfere"] = _example(
        "interfere",
        "Any member may file a complaint against another member.",
        [_MAY_COMPLAIN],
        f"""
        {_COMPLAINT}
        - id: shown
          at: 2024-03-03
          act: interfere
          by: bob
          case: k1
          asks: drop
          means: a message to the disciplinary committee
        """,
    )
    return e


ACT_EXAMPLES: dict[str, Example] = _examples()
"""Act kind to its minimal example (built once, on import of this module)."""
