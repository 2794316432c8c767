"""docs/defaults.md quotes the engine's own words: each quotation is what a replay says.

The page lists every default the engine applies and the line of explanation
that says so. A rewording in the engine that the page does not follow fails
here, with the quotation that no longer appears.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import govsim

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "defaults.md"

# Quotations of docs/defaults.md that the seed scenarios produce word for word.
QUOTED = [
    "no clause in force gives sc the power to close_case",
    "clause E5 denies sc the power to alter_decision",
    "the power is only implied by practice; competence is unclear",
    "conduct: no power is needed to disclose",
    "no clause of the book restricts who may disclose",
    "no meeting recorded: taken as a meeting of sc on 10 March 2013",
    "taken at meeting special-may of board, sitting on 8 May 2024",
    "no attendance recorded: taken as the 3 named in the roll call",
    "no attendance recorded: taken as the 5 seat holders able to sit and not away",
    "threshold: 2 votes for out of 3 votes cast, more than half required",
    "quorum: 3 members present after recusals, 3 needed",
    "secretary took part despite a conflict (relation: secretary has a family "
    "relation with tenant-y, a party)",
    "expel of respondent decided; it takes effect when implemented",
    "sc did not report the missed mandate m-perspectives to convention by 2019-05-01",
    "a matter of judgement, taken as stated",
    "applied retroactively, as it applies to pending cases",
    "this act is judged under the rules as they stood",
    "it changes clause 4 in substance, and must meet its entrenchment",
]


@pytest.fixture(scope="module")
def said() -> str:
    """Every reason, effect and timed message of every seed scenario, one a line."""
    lines: list[str] = []
    for path in sorted((ROOT / "scenarios").rglob("*.govsim.yaml")):
        if not re.search(r"^scenario:", path.read_text(), re.M):
            continue
        for result in govsim.run_all(path):
            data = result.to_dict()
            for act in data["acts"]:
                lines += [r["check"] for r in act["reasons"]] + list(act["effects"])
            lines += [t["message"] for t in data["timed"]]
    return "\n".join(lines)


def _page() -> str:
    return " ".join(PAGE.read_text().split())


@pytest.mark.parametrize("quote", QUOTED)
def test_each_quotation_is_on_the_page_and_in_a_replay(quote: str, said: str) -> None:
    assert f'"{quote}' in _page()
    assert quote in said
