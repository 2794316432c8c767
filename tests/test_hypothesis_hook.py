"""The hook govsim registers with Hypothesis is cheap and still lets from_type work.

Hypothesis runs the hook inside every ``import hypothesis`` of an environment
where govsim is installed, so it must not import govsim's models; they
register their types when they are imported. Each case runs in a fresh
interpreter, since this one has imported everything long ago.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytest.importorskip("hypothesis")

ROOT = Path(__file__).resolve().parents[1]


def fresh(code: str) -> str:
    """Run ``code`` in a fresh interpreter (with Hypothesis' plugins on), its stdout."""
    env = {k: v for k, v in os.environ.items() if k != "HYPOTHESIS_NO_PLUGINS"}
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_importing_hypothesis_imports_no_model_and_no_pydantic() -> None:
    out = fresh("""
        import sys
        import hypothesis
        print(*sorted(m for m in sys.modules if m.startswith(("govsim.", "pydantic"))))
    """)
    loaded = out.split()
    assert "govsim.testing.registration" in loaded  # the hook ran
    assert [m for m in loaded if m.startswith(("govsim.model", "pydantic"))] == []


def test_a_model_imported_after_hypothesis_can_be_drawn() -> None:
    out = fresh("""
        import sys
        from hypothesis import strategies as st
        from govsim.model.organisation import Organisation
        from govsim.model.rulebook import RuleBook
        # Registered, but nothing built until from_type asks.
        print("govsim.testing.organisations" in sys.modules)
        print(type(st.from_type(Organisation).example()).__name__)
        print(type(st.from_type(RuleBook).example()).__name__)
    """)
    assert out.split() == ["False", "Organisation", "RuleBook"]


def test_a_model_imported_before_hypothesis_can_be_drawn() -> None:
    out = fresh("""
        from govsim.model.scenario import Scenario
        from hypothesis import strategies as st
        print(type(st.from_type(Scenario).example()).__name__)
    """)
    assert out.split() == ["Scenario"]


def test_the_hook_module_may_be_imported_before_hypothesis() -> None:
    # It imports Hypothesis only inside its functions: imported at the top,
    # it would be half-initialised when Hypothesis' own import loads it.
    out = fresh("""
        import govsim.testing.registration
        from hypothesis import strategies as st
        from govsim.model.organisation import Organisation
        print(type(st.from_type(Organisation).example()).__name__)
    """)
    assert out.split() == ["Organisation"]
