"""The faces' imports: no private names across modules, no command importing the entry point.

The command modules once imported ``_consoles`` and ``_user_errors`` back
from ``govsim/faces/cli.py``, which imports them: a cycle hidden in function
bodies. They now share :mod:`govsim.faces.console`, a leaf. These tests read
every module of ``govsim/faces`` with :mod:`ast` (imports inside functions
included) so that neither comes back.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

FACES = Path(__file__).resolve().parent.parent / "govsim" / "faces"
ENTRY_POINT = "govsim.faces.cli"
LEAF_MAY_IMPORT: set[str] = set()
"""What the leaf may import from the faces: nothing (its printing helpers,
:mod:`govsim.text.plain` and :mod:`govsim.text.terminal`, are below the faces)."""


def module_name(path: Path) -> str:
    """``govsim/faces/lint.py`` is ``govsim.faces.lint``; ``__init__.py`` the package."""
    return "govsim.faces" if path.stem == "__init__" else f"govsim.faces.{path.stem}"


def imports(source: str) -> list[tuple[int, str, str | None]]:
    """Each ``(line, module imported, name imported or None)`` in ``source``.

    ``import a.b`` gives ``("a.b", None)``; ``from a import b`` gives
    ``("a", "b")``; a relative import is resolved against ``govsim.faces``,
    the package of every module read here.
    """
    found: list[tuple[int, str, str | None]] = []
    package = "govsim.faces"
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name, None) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0]
                base = f"{parent}.{base}" if base else parent
            found.extend((node.lineno, base, alias.name) for alias in node.names)
    return found


def is_private(name: str) -> bool:
    """``_x`` is private; ``__version__`` and other dunders are not."""
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def offences(source: str, module: str) -> list[str]:
    """What ``module`` imports that it must not: private names, and the entry point."""
    said: list[str] = []
    for line, imported, name in imports(source):
        if name is not None and is_private(name):
            said.append(f"{module}:{line}: imports private {name} from {imported}")
        target = imported if name is None else f"{imported}.{name}"
        if ENTRY_POINT in (imported, target) and module != ENTRY_POINT:
            said.append(f"{module}:{line}: imports the entry point {ENTRY_POINT}")
    return list(dict.fromkeys(said))  # once a line, however many names


MODULES = sorted(FACES.glob("*.py"))


def test_the_faces_are_all_read() -> None:
    names = {path.stem for path in MODULES}
    assert {"cli", "console", "check", "lint", "explore", "sweep"} <= names


@pytest.mark.parametrize("path", MODULES, ids=lambda path: path.name)
def test_no_faces_module_imports_a_private_name_or_the_entry_point(path: Path) -> None:
    assert offences(path.read_text(encoding="utf-8"), module_name(path)) == []


def test_the_console_module_is_a_leaf() -> None:
    source = (FACES / "console.py").read_text(encoding="utf-8")
    faces = set()
    for _, imported, name in imports(source):
        if imported == "govsim.faces" and name is not None:
            faces.add(f"{imported}.{name}")  # from govsim.faces import cli
        elif imported.startswith("govsim.faces"):
            faces.add(imported)
    assert faces <= LEAF_MAY_IMPORT


@pytest.mark.parametrize(
    ("source", "said"),
    [
        (
            "def f():\n    from govsim.faces.cli import _consoles\n",
            [
                "govsim.faces.lint:2: imports private _consoles from govsim.faces.cli",
                "govsim.faces.lint:2: imports the entry point govsim.faces.cli",
            ],
        ),
        (
            "from govsim.faces import cli\n",
            ["govsim.faces.lint:1: imports the entry point govsim.faces.cli"],
        ),
        (
            "import govsim.faces.cli\n",
            ["govsim.faces.lint:1: imports the entry point govsim.faces.cli"],
        ),
        (
            "from .cli import app\n",
            ["govsim.faces.lint:1: imports the entry point govsim.faces.cli"],
        ),
        (
            "from govsim.engine.judge import _rank\n",
            ["govsim.faces.lint:1: imports private _rank from govsim.engine.judge"],
        ),
        ("from govsim.__about__ import __version__\n", []),
        ("from govsim.faces.console import consoles, user_errors\n", []),
    ],
)
def test_the_check_finds_what_it_forbids(source: str, said: list[str]) -> None:
    assert offences(source, "govsim.faces.lint") == said
