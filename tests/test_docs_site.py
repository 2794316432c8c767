"""The documentation site: it builds with ``mkdocs build --strict``, every page
under docs/ is in its nav, and the API reference covers ``govsim.__all__``.

Needs the ``docs`` extra, which the ``test`` extra includes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import docs_script

import govsim

pytest.importorskip(
    "mkdocs", reason='the docs extra is not installed: pip install ".[docs]"'
)

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def _nav_pages(nav: list[Any]) -> list[str]:
    pages: list[str] = []
    for entry in nav:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(value, list):
            pages += _nav_pages(value)
        elif "://" not in value:
            pages.append(value)
    return pages


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once with ``mkdocs build --strict`` into a temporary folder."""
    out = tmp_path_factory.mktemp("site")
    # Material prints a notice on every build; it is not a warning.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if built.returncode != 0:
        problems = [
            line
            for line in built.stderr.splitlines()
            if line.startswith(("WARNING", "ERROR", "Error", "Aborted"))
        ]
        pytest.fail(
            "mkdocs build --strict failed:\n"
            + "\n".join(problems or built.stderr.splitlines()[-40:]),
            pytrace=False,
        )
    return out


def test_every_page_is_in_the_nav() -> None:
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    nav = _nav_pages(
        docs_script("sitehooks.py", "sitehooks").arranged_nav(config.nav, DOCS)
    )
    pages = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))
    missing = [page for page in pages if page not in nav]
    assert not missing, (
        f"pages under docs/ missing from the nav in mkdocs.yml: {missing}"
    )
    assert "index.md" in nav
    assert "api/index.md" in nav


def test_the_site_builds_strictly(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    # The home page is the README, its links rebased: docs/limits.md -> limits/.
    assert "Replay an organisation" in home
    assert 'href="limits/"' in home
    assert 'href="docs/' not in home
    # A scenario a page links to is published with the site, so the link works.
    invariants = (site / "invariants" / "index.html").read_text(encoding="utf-8")
    assert 'href="../repository/scenarios/' in invariants
    assert list((site / "repository" / "scenarios").rglob("*.govsim.yaml"))
    # Scripts beside the pages are not published.
    assert not list(site.rglob("*.py"))


def test_the_api_reference_covers_the_public_api(site: Path) -> None:
    html = "".join(
        page.read_text(encoding="utf-8") for page in (site / "api").rglob("*.html")
    )
    undocumented = []
    for name in govsim.__all__:
        if name.startswith("__"):
            continue
        # Documented where it is defined, or where a package re-exports it.
        module = getattr(govsim, name).__module__.split(".")
        anchors = {
            ".".join([*module[:depth], name]) for depth in range(1, len(module) + 1)
        }
        if not any(f'id="{anchor}"' in html for anchor in anchors):
            undocumented.append(f"{'.'.join(module)}.{name}")
    assert not undocumented, f"public names with no entry in docs/api/: {undocumented}"
    # The docstrings' reST reads as prose: roles as code, "::" as ":".
    assert ":class:<code>" not in html
    assert ":func:<code>" not in html
    assert "::</p>" not in html
