"""The result of replaying a scenario under one rule book, and how to explain it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from govsim.engine.replay import Trace
from govsim.engine.trace import (
    ActRecord,
    Breach,
    TimedRecord,
    Verdict,
    Version,
    Violation,
    to_data,
)
from govsim.errors import UnknownReferenceError
from govsim.findings.expectations import ExpectationOutcome
from govsim.findings.versions import Change, changes, origins

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult

__all__ = ["Explanation", "Result"]


@dataclass(frozen=True)
class Explanation:
    """Why an act got its verdict: every reason, with clause text and source.

    ``origins`` maps each cited clause that an ``amend_rules`` act added or
    reworded to its citation ("as reworded by act X, in force from D").
    """

    record: ActRecord
    rulebook: str
    origins: Mapping[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        """The explanation as prose, one line per reason (unwrapped)."""
        from govsim.findings.display import explanation_lines

        return "\n".join(
            indent + text
            for indent, text in explanation_lines(
                self.record, self.rulebook, self.origins
            )
        )

    def __rich_console__(
        self, console: Console, options: ConsoleOptions
    ) -> RenderResult:
        """The explanation wrapped to the console, continuation lines indented."""
        from govsim.findings.display import explanation_lines
        from govsim.text.wrapping import wrap

        for indent, text in explanation_lines(self.record, self.rulebook, self.origins):
            yield from wrap(text, options.max_width, indent, indent + "  ")


@dataclass
class Result:
    """Acts with verdicts and reasons, violations, timed events, and expectations."""

    scenario: str
    rulebook: str
    trace: Trace
    expectations: list[ExpectationOutcome] = field(default_factory=list)

    def __repr__(self) -> str:
        """One line: scenario, book, verdicts counted, violations, expectations met."""
        from govsim.findings.display import result_repr

        return result_repr(self)

    def _repr_html_(self) -> str:
        """The run as an HTML table, shown by Jupyter in place of the repr."""
        from govsim.findings.display import result_html

        return result_html(self)

    def __rich__(self) -> RenderableType:
        """The run as ``govsim run`` prints it, for ``rich.print`` and rich consoles."""
        from govsim.findings.display import result_view

        return result_view(self)

    @property
    def acts(self) -> list[ActRecord]:
        """Every replayed act, in order."""
        return self.trace.acts

    @property
    def violations(self) -> list[Violation]:
        """Every violation: broken rules and missed due days."""
        return self.trace.violations

    @property
    def timed(self) -> list[TimedRecord]:
        """Things that happened by themselves: lapses, missed deadlines, events."""
        return self.trace.timed

    @property
    def breaches(self) -> list[Breach]:
        """Every procedural invariant broken, with its witnesses, in date order."""
        return self.trace.breaches

    @property
    def prevented(self) -> list[Breach]:
        """Breaches the book prevented, in date order.

        Void acts would have made them had they taken effect (judged on a copy
        of the world).
        """
        return self.trace.prevented

    @property
    def versions(self) -> list[Version]:
        """The rule book's versions: as it started, then one per amendment adopted."""
        return self.trace.versions

    @property
    def amendments(self) -> list[Change]:
        """The versions ``amend_rules`` acts made, with what each changed, in order."""
        return changes(self.trace.versions)

    def invariants(self) -> dict[str, list[Breach]]:
        """Each checked invariant (catalogue order) with its breaches (empty: it held)."""
        out: dict[str, list[Breach]] = {name: [] for name in self.trace.invariants}
        for breach in self.trace.breaches:
            out.setdefault(breach.invariant, []).append(breach)
        return out

    @property
    def ok(self) -> bool:
        """Whether every expectation was met."""
        return all(e.met for e in self.expectations)

    def verdict(self, act_id: str) -> Verdict:
        """The verdict on one act."""
        return self.record(act_id).verdict

    def record(self, act_id: str) -> ActRecord:
        """The trace record of one act."""
        for record in self.trace.acts:
            if record.id == act_id:
                return record
        raise UnknownReferenceError(f"no act '{act_id}' in scenario {self.scenario}")

    def explain(self, act_id: str) -> Explanation:
        """Why one act got its verdict; ``str()`` of it reads as prose."""
        record = self.record(act_id)
        cited = origins(self.amendments, record)
        return Explanation(
            record,
            self.rulebook,
            {clause: change.origin(clause) for clause, change in cited.items()},
        )

    def statuses(self) -> dict[str, str]:
        """Every person's status at the end, by id."""
        world = self.trace.world
        assert world is not None
        return {pid: world.persons[pid].status for pid in sorted(world.persons)}

    def to_dict(self) -> dict[str, Any]:
        """The run as JSON-ready data, in the documented ``--json`` shape."""
        return {
            "rulebook": self.rulebook,
            "acts": [
                {
                    "id": r.id,
                    "at": r.at.isoformat(),
                    "actor": r.actor,
                    "act": r.act,
                    "targets": list(r.targets),
                    "verdict": r.verdict.value,
                    "reasons": [
                        {
                            "clause": x.clause,
                            "text": x.text,
                            "holds": x.holds,
                            "check": x.check,
                            "rule": x.rule,
                            "source": x.source,
                        }
                        for x in r.reasons
                    ],
                    "effects": list(r.effects),
                }
                for r in self.trace.acts
            ],
            "violations": [to_data(v) for v in self.trace.violations],
            "invariants": {
                "checked": list(self.trace.invariants),
                "broken": sorted({b.invariant for b in self.trace.breaches}),
                "prevented": sorted({b.invariant for b in self.trace.prevented}),
            },
            "breaches": [
                to_data(b) | {"witnesses": list(b.witnesses)}
                for b in self.trace.breaches
            ],
            "prevented": [
                to_data(b) | {"witnesses": list(b.witnesses)}
                for b in self.trace.prevented
            ],
            "timed": [to_data(t) for t in self.trace.timed],
            "versions": [
                to_data(v)
                | {
                    "adds": list(v.adds),
                    "rewords": list(v.rewords),
                    "repeals": list(v.repeals),
                }
                for v in self.trace.versions
            ],
            "statuses": self.statuses(),
            "expectations": [
                {"description": e.description, "met": e.met, "actual": e.actual}
                for e in self.expectations
            ],
        }
