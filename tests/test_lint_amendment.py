"""Lint of powers to amend: bodies that can amend their way out of account."""

from __future__ import annotations

from pathlib import Path

from govsim.analysis.lint.linter import lint

HERE = Path(__file__).resolve().parent.parent / "scenarios" / "amendments"


def findings(book: str) -> dict[str, list[str]]:
    report = lint(HERE / "rules" / f"{book}.govsim.yaml")
    out: dict[str, list[str]] = {}
    for finding in report.findings:
        out.setdefault(finding.code, []).append(finding.message)
    return out


def test_a_board_that_may_amend_any_clause_may_amend_away_its_recall() -> None:
    found = findings("assoc-weak")
    messages = found["self-amendable-accountability"]
    assert (
        "board may repeal clause 1, by which membership may recall it and recall "
        "its members (clause 4 gives it the power to amend): it can amend itself "
        "out of membership's reach"
    ) in messages
    assert any(m.startswith("board may repeal clause 2, by which dc") for m in messages)
    (rewrite,) = found["unprotected-amendment-rule"]
    assert rewrite.startswith("board may rewrite clause 4, the rule by which it amends")


def test_entrenched_clauses_reserved_to_the_members_stop_both_findings() -> None:
    found = findings("assoc-strict")
    assert "self-amendable-accountability" not in found
    assert "unprotected-amendment-rule" not in found
