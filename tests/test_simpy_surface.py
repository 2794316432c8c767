"""govsim drives SimPy through its public surface only (issue 20, part 4).

SimPy's clock, queue and events keep their state in private attributes
(``_now``, ``_queue``, ``_ok``, ``_value``, ...). Writing or reading them ties
the engine to one SimPy release and can break its ordering guarantees (events
of one time run by priority, then in the order they were scheduled). The scan
below reads every module of the package and fails on any such access.
"""

from __future__ import annotations

import ast
import textwrap
from functools import cache
from pathlib import Path

import simpy

PACKAGE = Path(__file__).resolve().parent.parent / "govsim"

_ATTRIBUTE_CALLS = frozenset({"getattr", "setattr", "delattr", "hasattr"})


@cache
def simpy_private_names() -> frozenset[str]:
    """Every ``_name`` SimPy's own code uses as an attribute (``_now``, ``_ok``, ...)."""
    names = set()
    for path in Path(simpy.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and _private(node.attr):
                names.add(node.attr)
    return frozenset(names)


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _names_a_clock(node: ast.expr) -> bool:
    """``env``, ``self.env``, ``run.env``, ``session.env``: a SimPy environment."""
    return (isinstance(node, ast.Name) and node.id == "env") or (
        isinstance(node, ast.Attribute) and node.attr == "env"
    )


def _is_self(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id == "self"


def _simpy_classes(tree: ast.Module) -> set[str]:
    """Names of the module's classes that derive from a SimPy class."""
    imported = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("simpy")
        for alias in node.names
    }
    return {
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
        and any(
            ast.unparse(base).startswith("simpy.") or ast.unparse(base) in imported
            for base in node.bases
        )
    }


def _touches(node: ast.AST, in_derived: bool) -> bool:
    """Whether ``node`` itself reaches into a SimPy object's private state."""
    private = simpy_private_names()
    if isinstance(node, ast.Attribute) and _private(node.attr):
        return _names_a_clock(node.value) or (
            node.attr in private and (in_derived or not _is_self(node.value))
        )
    if isinstance(node, ast.Call):
        return (
            isinstance(node.func, ast.Name)
            and node.func.id in _ATTRIBUTE_CALLS
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and node.args[1].value in private
        )
    if isinstance(node, ast.ImportFrom):
        return (node.module or "").startswith("simpy") and any(
            _private(alias.name) for alias in node.names
        )
    return False


def simpy_private_uses(source: str, where: str) -> list[str]:
    """Each place in ``source`` that touches a private attribute of a SimPy object.

    Caught: any ``_name`` on an environment (``env._now``, ``self.env._queue``);
    any of SimPy's own private names on anything but ``self`` (``event._value``,
    ``process._generator``), also through ``getattr``/``setattr`` with the name
    as a string; SimPy's private names on ``self`` inside a class derived from
    a SimPy class (``self._ok = True`` in an Event subclass); and private names
    imported from SimPy.
    """
    tree = ast.parse(source)
    derived = _simpy_classes(tree)
    found: list[str] = []

    def visit(node: ast.AST, in_derived: bool) -> None:
        if isinstance(node, ast.ClassDef):
            in_derived = node.name in derived
        if _touches(node, in_derived):
            line = getattr(node, "lineno", 0)
            found.append(f"{where}:{line}: {ast.unparse(node)}")
        for child in ast.iter_child_nodes(node):
            visit(child, in_derived)

    visit(tree, False)
    return found


def test_govsim_touches_no_private_attribute_of_a_simpy_object() -> None:
    modules = sorted(PACKAGE.rglob("*.py"))
    assert any(p.parts[-2:] == ("engine", "replay.py") for p in modules)
    found = [
        use
        for path in modules
        for use in simpy_private_uses(
            path.read_text(encoding="utf-8"), str(path.relative_to(PACKAGE.parent))
        )
    ]
    assert found == [], "SimPy's private attributes touched:\n" + "\n".join(found)


# The private accesses the engine made before it kept to SimPy's public surface
# (govsim/engine/replay.py and govsim/simulation/run.py), and a few more shapes.
_PRIVATE_SOURCE = """
import simpy
from simpy.events import URGENT, Event


class _DayStart(simpy.Event):
    def __init__(self, env, delay):
        super().__init__(env)
        self._ok = True
        self._value = None
        env.schedule(self, URGENT, delay)


class _Tick(Event):
    def fire(self):
        return self._defused


class Session:
    def _advance(self, day):
        self.env._now = day

    def _start_new_processes(self):
        queue = self.env._queue
        return queue

    def close(self, run, event, process):
        run.env._queue.clear()
        getattr(env, "_eid")
        setattr(event, "_ok", False)
        return event._value, process._generator
"""

_PUBLIC_SOURCE = """
import simpy


class Session:
    def __init__(self):
        self.env = simpy.Environment()
        self._values = {}
        self._value = 0  # a private name of govsim's own class

    def step(self, event):
        self.env.timeout(1)
        while self.env.peek() <= self.env.now:
            self.env.step()
        return event.value, event.ok, event.processed, self._value
"""


def test_the_scan_catches_private_access_and_passes_public_use() -> None:
    found = simpy_private_uses(textwrap.dedent(_PRIVATE_SOURCE), "old.py")
    assert [use.split(": ", 1)[1] for use in found] == [
        "self._ok",
        "self._value",
        "self._defused",
        "self.env._now",
        "self.env._queue",
        "run.env._queue",
        "getattr(env, '_eid')",
        "setattr(event, '_ok', False)",
        "event._value",
        "process._generator",
    ]
    assert simpy_private_uses(textwrap.dedent(_PUBLIC_SOURCE), "new.py") == []
