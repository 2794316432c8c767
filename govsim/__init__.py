"""govsim: replay organisational procedures under rule books, act by act.

Describe an organisation's bodies and a rule book as data, replay a dated
history of acts, and get for each act a verdict (valid, irregular, void) with
the clauses that decide it.

The public API is small and imported lazily, so ``import govsim`` (and the
command line's ``--help``) stays fast and does not load the engine::

    import govsim
    loaded = govsim.load_scenario("scenarios/iso/2019-disclosure-week.govsim.yaml")
    result = govsim.run(loaded, "external-checks")
    print(result.explain("sc-suspends"))
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from govsim.__about__ import __version__
from govsim.errors import (
    DocumentError,
    GovsimError,
    Problem,
    ReplayError,
    Span,
    UnknownReferenceError,
    UsageError,
)

if TYPE_CHECKING:
    from govsim.analysis.compare import Comparison, compare
    from govsim.analysis.diff import BookDiff, diff
    from govsim.analysis.lint import LintReport, lint
    from govsim.engine.trace import ActRecord, Reason, Verdict, Violation
    from govsim.findings.result import Explanation, Result
    from govsim.model.clauses import ResolvedBook
    from govsim.model.loading import (
        LoadedScenario,
        load_organisation,
        load_rulebook,
        load_scenario,
    )
    from govsim.model.organisation import Organisation
    from govsim.model.rulebook import RuleBook
    from govsim.model.scenario import Scenario
    from govsim.mutation.running import MutationRun, mutate
    from govsim.running import run, run_all
    from govsim.sweeps import SweepResult, sweep

__all__ = [
    "ActRecord",
    "BookDiff",
    "Comparison",
    "DocumentError",
    "Explanation",
    "GovsimError",
    "LintReport",
    "LoadedScenario",
    "MutationRun",
    "Organisation",
    "Problem",
    "Reason",
    "ReplayError",
    "ResolvedBook",
    "Result",
    "RuleBook",
    "Scenario",
    "Span",
    "SweepResult",
    "UnknownReferenceError",
    "UsageError",
    "Verdict",
    "Violation",
    "__version__",
    "compare",
    "diff",
    "lint",
    "load_organisation",
    "load_rulebook",
    "load_scenario",
    "mutate",
    "run",
    "run_all",
    "sweep",
]

_LAZY = {
    "Comparison": "govsim.analysis.compare",
    "compare": "govsim.analysis.compare",
    "BookDiff": "govsim.analysis.diff",
    "diff": "govsim.analysis.diff",
    "LintReport": "govsim.analysis.lint",
    "lint": "govsim.analysis.lint",
    "ActRecord": "govsim.engine.trace",
    "Reason": "govsim.engine.trace",
    "Verdict": "govsim.engine.trace",
    "Violation": "govsim.engine.trace",
    "Explanation": "govsim.findings.result",
    "Result": "govsim.findings.result",
    "ResolvedBook": "govsim.model.clauses",
    "LoadedScenario": "govsim.model.loading",
    "load_organisation": "govsim.model.loading",
    "load_rulebook": "govsim.model.loading",
    "load_scenario": "govsim.model.loading",
    "Organisation": "govsim.model.organisation",
    "RuleBook": "govsim.model.rulebook",
    "Scenario": "govsim.model.scenario",
    "run": "govsim.running",
    "run_all": "govsim.running",
    "SweepResult": "govsim.sweeps.result",
    "sweep": "govsim.sweeps.sweeping",
    "MutationRun": "govsim.mutation.running",
    "mutate": "govsim.mutation.running",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'govsim' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
