"""Every import inside govsim follows the layers, and no private name crosses a package.

govsim is built in tiers; a module may import from its own package and from
packages in lower tiers only. From the bottom:

 1. ``__about__``, ``collector``, ``errors``, ``fragments``, ``text`` - leaves
    (nothing of govsim): the version, the garbage collector paused, the error
    types, HTML fragments for notebooks, text for a terminal or a pipe
    (wrapped, printed as written, tables fitted; on rich)
 2. ``extras``, ``limits``, ``registry`` - install hints, size limits, the
    plugin registry type (they raise govsim's errors)
 3. ``documents``, ``starters`` - reading YAML documents with positions; the
    templates ``govsim new`` writes
 4. ``model`` - the documents as pydantic models, loaded and checked
 5. ``engine`` - the replay that judges acts
 6. ``invariants`` - properties checked over a replay
 7. ``findings`` - what a replay found: expectations, explanations, outcomes
 8. ``running`` - ``run``: load, replay, watch and judge one scenario
 9. ``probing`` - designs and histories tried act by act, shared by 10
10. ``analysis``, ``simulation``, ``testing`` - comparisons and lint;
    behaviour models; property tests on Hypothesis
11. ``sweeps`` - many runs of a model (simulation) or a scenario
12. ``mutation`` - a rule book's mutants judged by its scenarios (on the
    sweeps' executors, and the property search of ``testing``)
13. ``govsim`` (the package's own ``__init__``: the public facade),
    ``pytest_plugin``, ``reference``, ``reports`` - what users and the docs
    read from the layers below
14. ``faces`` - the command line
15. ``__main__`` - ``python -m govsim``

Two packages of one tier do not import each other: a sibling import would be
an order the tiers do not state, so it counts as an upward import (none is
needed today; split the tier if one becomes so).

The rules, each failure naming the importing ``module:line``, the name and
what to do:

(a) a private name (``_x``, or a ``_module`` on the path) is not imported from
    another package of govsim (a package is ``govsim/<top>/``; each top-level
    module is a package of its own); within one package it may be;
(b) no module imports from a package in a higher tier, or from a sibling of
    its tier.

Every ``import`` and ``from ... import`` counts, at any depth: inside a
function (a deferred import is still a dependency, only a later one) and
inside ``if TYPE_CHECKING:`` (a type named in a signature is part of the
module's interface: a lower layer that names a higher layer's type depends on
it, even though nothing runs; say what you need with a Protocol in the lower
layer instead, as ``govsim.engine.watching.Watcher`` does).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "govsim"

TIERS: tuple[tuple[str, ...], ...] = (
    ("__about__", "collector", "errors", "fragments", "text"),
    ("extras", "limits", "registry"),
    ("documents", "starters"),
    ("model",),
    ("engine",),
    ("invariants",),
    ("findings",),
    ("running",),
    ("probing",),
    ("analysis", "simulation", "testing"),
    ("sweeps",),
    ("mutation",),
    ("govsim", "pytest_plugin", "reference", "reports"),
    ("faces",),
    ("__main__",),
)
"""The tiers, lowest first, by package (``govsim`` is the package's ``__init__``)."""

TIER = {unit: n for n, units in enumerate(TIERS) for unit in units}

_REGISTRY_LATER = (
    "load_scenario checks the invariants a scenario names and their parameters "
    "(govsim check reports them), and the catalogue of invariants is filled by "
    "their implementations, which need the engine; the import is deferred to the "
    "call. It goes when the catalogue (names, parameters) can be read without "
    "the implementations"
)

DELIBERATE: dict[tuple[str, str], str] = {
    ("govsim.model.loading", "govsim.invariants"): _REGISTRY_LATER,
    ("govsim.model.loading", "govsim.invariants.selection"): _REGISTRY_LATER,
}
"""Upward imports kept for now, (importing module, imported module): why, and
what removes them. Nothing else may join without the same: a reason and a way out."""


@dataclass(frozen=True)
class Breach:
    """One import that breaks a rule."""

    where: str
    """``path:line`` of the import."""
    name: str
    """What it imports, as ``module`` or ``module.name``."""
    rule: str
    """The rule broken, and what to do."""

    def __str__(self) -> str:
        return f"{self.where}: imports {self.name}: {self.rule}"


def module_name(path: Path) -> str:
    """``govsim/engine/replay.py`` -> ``govsim.engine.replay``; a package is its folder."""
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def unit(module: str) -> str:
    """The package a module belongs to: ``govsim.engine.replay`` -> ``engine``.

    ``govsim`` itself is the package's ``__init__``, the facade.
    """
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "govsim"


def _is_private(part: str) -> bool:
    return part.startswith("_") and not (part.startswith("__") and part.endswith("__"))


def imports(module: str, source: str, is_package: bool) -> list[tuple[int, str, str]]:
    """(line, module imported, name or "") for every govsim import, at any depth."""
    found: list[tuple[int, str, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name, "") for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            origin = node.module or ""
            if node.level:
                base = module.split(".")
                base = base if is_package else base[:-1]
                base = base[: len(base) - (node.level - 1)]
                origin = ".".join([*base, *([origin] if origin else [])])
            found += [(node.lineno, origin, a.name) for a in node.names]
    return [f for f in found if f[1] == "govsim" or f[1].startswith("govsim.")]


def _target(origin: str, name: str) -> str:
    """The module an import reaches: ``from govsim import limits`` reaches ``govsim.limits``."""
    if origin == "govsim" and name:
        here = PACKAGE / name
        if here.is_dir() or here.with_suffix(".py").is_file():
            return f"govsim.{name}"
    return origin


def breaches(
    path: str, module: str, source: str, *, is_package: bool = False
) -> list[Breach]:
    """Every rule a module's imports break (``path`` only labels the messages)."""
    mine = unit(module)
    out: list[Breach] = []
    for line, origin, name in imports(module, source, is_package):
        target = _target(origin, name)
        theirs = unit(target)
        shown = f"{origin}.{name}" if name else origin
        where = f"{path}:{line}"
        if theirs == mine:
            continue
        private = [p for p in [*origin.split(".")[1:], name] if p and _is_private(p)]
        if private:
            out.append(
                Breach(
                    where,
                    shown,
                    f"rule (a): '{private[0]}' is private to govsim.{theirs}, and "
                    f"{module} is in another package; make it public there (no "
                    "underscore, in __all__) or move it to a module both may import",
                )
            )
        if theirs not in TIER or mine not in TIER:
            continue  # test_every_package_has_a_tier says so
        if (module, target) in DELIBERATE:
            continue
        if TIER[theirs] > TIER[mine]:
            rule = (
                f"rule (b): {theirs} (tier {TIER[theirs] + 1}) is above {mine} "
                f"(tier {TIER[mine] + 1}); move what is needed down to {mine} or "
                "below, or have the higher layer pass it in (a Protocol in the "
                "lower layer can name what it needs)"
            )
        elif TIER[theirs] == TIER[mine]:
            rule = (
                f"rule (b): {theirs} and {mine} share tier {TIER[mine] + 1}, so "
                "neither may import the other; move what is shared to a lower "
                "tier, or split the tier in tests/test_layers.py if one truly "
                "builds on the other"
            )
        else:
            continue
        out.append(Breach(where, shown, rule))
    return out


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def all_breaches() -> list[Breach]:
    found: list[Breach] = []
    for path in modules():
        found += breaches(
            str(path.relative_to(PACKAGE.parent)),
            module_name(path),
            path.read_text(encoding="utf-8"),
            is_package=path.name == "__init__.py",
        )
    return found


def test_every_package_has_a_tier() -> None:
    units = {unit(module_name(p)) for p in modules()}
    missing = sorted(units - set(TIER))
    assert not missing, (
        f"govsim packages without a tier: {missing}; add each to TIERS in "
        "tests/test_layers.py (and its docstring) at the lowest tier above "
        "everything it imports"
    )
    gone = sorted(set(TIER) - units)
    assert not gone, f"TIERS names packages govsim no longer has: {gone}"


def test_no_private_name_crosses_a_package() -> None:
    found = [str(b) for b in all_breaches() if "rule (a)" in b.rule]
    assert not found, "\n".join(found)


def test_no_import_goes_up_or_sideways_between_layers() -> None:
    found = [str(b) for b in all_breaches() if "rule (b)" in b.rule]
    assert not found, "\n".join(found)


def test_the_deliberate_upward_imports_still_exist() -> None:
    # An entry that no longer matches an import would let a new one pass unseen.
    seen = {
        (module_name(p), _target(origin, name))
        for p in modules()
        for _, origin, name in imports(
            module_name(p), p.read_text(encoding="utf-8"), p.name == "__init__.py"
        )
    }
    stale = sorted(set(DELIBERATE) - seen)
    assert not stale, f"remove these from DELIBERATE, they are gone: {stale}"


MADE_UP = """\
from typing import TYPE_CHECKING

from govsim.model.common import Strict
from govsim.faces.console import _say

if TYPE_CHECKING:
    from govsim.findings.result import Result


def later():
    from govsim import running
    from govsim.engine.trace import _hidden
    from . import acts
    from .. import errors
"""


def test_a_made_up_module_is_refused_for_each_breach() -> None:
    found = breaches("govsim/engine/made_up.py", "govsim.engine.made_up", MADE_UP)
    assert [str(b).split(": rule")[0] for b in found] == [
        "govsim/engine/made_up.py:4: imports govsim.faces.console._say",
        "govsim/engine/made_up.py:4: imports govsim.faces.console._say",
        "govsim/engine/made_up.py:7: imports govsim.findings.result.Result",
        "govsim/engine/made_up.py:11: imports govsim.running",
    ]
    assert "rule (a): '_say' is private to govsim.faces" in found[0].rule
    assert "rule (b): faces (tier 14) is above engine (tier 5)" in found[1].rule
    # Within its own package a private name is allowed; so are lower tiers.
    assert not any("_hidden" in b.name or "errors" in b.name for b in found)


def test_siblings_of_one_tier_are_refused() -> None:
    found = breaches(
        "govsim/analysis/x.py", "govsim.analysis.x", "import govsim.testing.machine\n"
    )
    assert len(found) == 1
    assert "testing and analysis share tier 10" in found[0].rule


@pytest.mark.parametrize(
    ("module", "is_package", "source", "reached"),
    [
        (
            "govsim.engine.acts.cases",
            False,
            "from . import base\n",
            "govsim.engine.acts",
        ),
        (
            "govsim.engine.acts",
            True,
            "from .base import x\n",
            "govsim.engine.acts.base",
        ),
        ("govsim.engine.acts.cases", False, "from ...model import y\n", "govsim.model"),
    ],
)
def test_relative_imports_are_resolved(
    module: str, is_package: bool, source: str, reached: str
) -> None:
    assert [origin for _, origin, _ in imports(module, source, is_package)] == [reached]
