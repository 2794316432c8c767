"""Pieces the act examples share: a complaint, a censure, a measure, a mandate, a proposal.

And :func:`one_clause`, which writes an example from a clause's text, its
powers and the acts.
"""

from __future__ import annotations

import textwrap

from govsim.reference.examples import Example, shown_last

__all__ = [
    "CENSURE",
    "COMPLAINT",
    "MANDATE",
    "MAY_COMPLAIN",
    "MEASURE",
    "PROPOSAL",
    "one_clause",
]

COMPLAINT = "- {id: complaint, at: 2024-03-01, act: file_complaint, by: bob, case: k1, against: [ann]}"
MAY_COMPLAIN = "- {by: {person: member}, acts: [file_complaint]}"
CENSURE = (
    "- {id: censure, at: 2024-03-20, act: sanction, by: dc, case: k1, "
    "targets: [ann], sanction: censure}"
)
MEASURE = (
    "- {id: measure, at: 2024-03-02, act: interim_suspend, by: exec, case: k1, "
    "targets: [ann], scope: office, office: exec, basis: charges_filed, "
    "expires_at: 2024-03-31}"
)
MANDATE = (
    "- {id: mandate, at: 2024-03-01, act: mandate, by: conv, mandate: m1, "
    "obligee: exec, task: publish the accounts, due: 2024-05-31}"
)
PROPOSAL = (
    "- {id: proposal, at: 2024-03-01, act: propose, by: eve, proposal: p1, "
    "text: Hold an emergency convention, supporters: 3}"
)


def one_clause(name: str, text: str, powers: list[str], acts: str) -> Example:
    """One clause giving ``powers``, and acts whose last one (id ``shows``) is shown."""
    clause = f'- id: "1"\n  text: {text}\n'
    if powers:
        clause += "  powers:\n" + textwrap.indent("\n".join(powers), "    ")
    else:
        clause = clause.rstrip("\n")
    return shown_last(Example(name, clause, textwrap.dedent(acts).strip("\n"), ""))
