"""The hooks of .pre-commit-hooks.yaml, run by pre-commit itself on a small repository.

A repository that keeps its bylaws as govsim documents uses them from its
``.pre-commit-config.yaml``; here pre-commit installs govsim from this
repository's committed HEAD into its own environment (the base install, with
pip, from the network or the mirror) and runs each hook on a temporary git
repository holding valid documents and a broken one.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
TUTORIAL = ROOT / "scenarios" / "tutorial"
BROKEN = "organisation: riverside\nbodies: [board\n"

pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git"),
    pytest.mark.skipif(
        shutil.which("pre-commit") is None,
        reason='pre-commit is not installed (the test extra: pip install ".[test]")',
    ),
]


def test_the_hooks_are_declared_for_govsim_documents() -> None:
    hooks = {
        h["id"]: h
        for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    }
    assert set(hooks) == {"govsim-check", "govsim-lint"}
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["files"] == r"\.govsim\.ya?ml$"
    assert hooks["govsim-check"]["entry"] == "govsim check"
    assert hooks["govsim-check"]["pass_filenames"] is True  # check takes PATH...
    assert hooks["govsim-lint"]["entry"] == "govsim lint"
    assert hooks["govsim-lint"]["pass_filenames"] is False  # lint takes one BOOK


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=govsim", "-c", "user.email=govsim@example.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@pytest.fixture(scope="module")
def govsim_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clone of this repository's HEAD, which the hooks are installed from.

    A clone, not the checkout: pre-commit would copy a checkout with
    uncommitted changes to a repository of its own, with another revision,
    and build a second environment for the config that names HEAD.
    """
    clone = tmp_path_factory.mktemp("govsim") / "govsim"
    git(ROOT, "clone", "-q", str(ROOT), str(clone))
    return clone


@pytest.fixture(scope="module")
def bylaws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository of the tutorial's documents and one broken document."""
    repo = tmp_path_factory.mktemp("bylaws")
    shutil.copytree(
        TUTORIAL,
        repo,
        dirs_exist_ok=True,
        ignore=shutil.ignore_patterns("*.py", "__pycache__"),
    )
    (repo / "drafts").mkdir()
    (repo / "drafts" / "broken.govsim.yaml").write_text(BROKEN, encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "bylaws")
    return repo


@pytest.fixture(scope="module")
def pre_commit(tmp_path_factory: pytest.TempPathFactory, bylaws: Path):
    """Run pre-commit in ``bylaws`` with its own cache folder, for this module."""
    home = tmp_path_factory.mktemp("pre-commit-home")
    env = {**os.environ, "PRE_COMMIT_HOME": str(home)}
    env.pop("PRE_COMMIT", None)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["pre-commit", *args],
            cwd=bylaws,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )

    return run


def test_check_passes_valid_documents_and_fails_the_broken_one(
    pre_commit, govsim_repo
) -> None:
    done = pre_commit("try-repo", str(govsim_repo), "govsim-check", "--all-files")
    out = done.stdout
    assert done.returncode == 1, out + done.stderr
    assert "govsim check" in out
    assert "Failed" in out
    assert "drafts/broken.govsim.yaml:3:1: " in out
    for name in (
        "complaint",
        "riverside",
        "rules/riverside-rules",
        "rules/riverside-strict",
    ):
        assert f"ok  {name}.govsim.yaml" in out


def config(bylaws: Path, govsim_repo: Path, book: str) -> Path:
    """A .pre-commit-config.yaml using govsim-lint on ``book``, at the clone's HEAD."""
    rev = git(govsim_repo, "rev-parse", "HEAD").strip()
    hook = {"id": "govsim-lint", "args": [book]}
    path = bylaws / f"lint-{Path(book).stem}.yaml"
    path.write_text(
        yaml.safe_dump(
            {"repos": [{"repo": str(govsim_repo), "rev": rev, "hooks": [hook]}]}
        )
    )
    return path


def test_lint_passes_a_clean_book_and_fails_one_with_findings(
    pre_commit, bylaws, govsim_repo
) -> None:
    clean = pre_commit(
        "run",
        "--config",
        str(config(bylaws, govsim_repo, "rules/riverside-strict.govsim.yaml")),
        "--all-files",
    )
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "govsim lint" in clean.stdout
    assert "Passed" in clean.stdout
    found = pre_commit(
        "run",
        "--config",
        str(config(bylaws, govsim_repo, "rules/riverside-rules.govsim.yaml")),
        "--all-files",
    )
    assert found.returncode == 1, found.stdout + found.stderr
    assert "exit code: 1" in found.stdout
    assert re.search(r"^\d+ findings?$", found.stdout, re.MULTILINE), found.stdout
