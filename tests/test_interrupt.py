"""Long commands on a terminal and under Ctrl-C, and the folders they leave behind.

``govsim explore`` reports its progress (a bar on a terminal, nothing on a
pipe), ends on Ctrl-C with one line saying what was done and exit code 130,
and keeps Hypothesis' files in a cache folder rather than the current one;
``govsim sweep`` says how many runs Ctrl-C left and gives a resume command
that works when copied.
"""

from __future__ import annotations

import io
import json
import os
import re
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from govsim.faces.cli import app
from govsim.faces.progress import SearchBar, search_bar
from govsim.probing.trial import Trial
from govsim.testing import explore
from govsim.testing.exploration import SearchProgress
from govsim.testing.storage import (
    cache_folder,
    hypothesis_folder,
    hypothesis_folder_in_use,
)

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "scenarios" / "iso" / "rules"
ISO_2013 = RULES / "iso-2013-as-practised.govsim.yaml"
EXTERNAL = RULES / "external-checks.govsim.yaml"
SMALL = ROOT / "scenarios" / "explore" / "iso-small.govsim.yaml"
CASE = ROOT / "scenarios" / "iso" / "2012-13-case.govsim.yaml"
OVERRIDE = "no_executive_override"
EXHAUSTIVE = [
    "--org",
    str(SMALL),
    "--exhaustive",
    "--depth",
    "2",
    "--act",
    "sanction",
    "--act",
    "alter_decision",
    "--actor",
    "ndc",
    "--actor",
    "sc",
]


CHILD = """\
import runpy, signal, sys
signal.signal(signal.SIGINT, signal.default_int_handler)
sys.argv = ["govsim", *sys.argv[1:]]
runpy.run_module("govsim", run_name="__main__")
"""
"""``python -m govsim`` taking Ctrl-C as a terminal's would, even when this
test runs where SIGINT is ignored (a background job of a shell without job
control), which its children inherit."""


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(env={"COLUMNS": "120"})


def interrupt_after(monkeypatch: pytest.MonkeyPatch, acts: int) -> None:
    """Make the ``acts``-th act a search replays raise KeyboardInterrupt, as Ctrl-C would."""
    attempt = Trial.attempt
    seen = [0]

    def counting(self: Trial, *args: object, **kwargs: object) -> object:
        seen[0] += 1
        if seen[0] == acts:
            raise KeyboardInterrupt
        return attempt(self, *args, **kwargs)  # type: ignore[arg-type]  # passed on as given

    monkeypatch.setattr(Trial, "attempt", counting)


def child_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "HYPOTHESIS_STORAGE_DIRECTORY"}
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    return env


def govsim_child(
    args: list[str], cwd: Path, env: dict[str, str]
) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


# --- progress -----------------------------------------------------------------


def test_a_random_search_reports_each_example_and_the_shortest_counterexample(
    tmp_path: Path,
) -> None:
    told: list[SearchProgress] = []
    found = explore(ISO_2013, [OVERRIDE], out=tmp_path, progress=told.append)
    assert found.counterexample is not None
    assert {p.mode for p in told} == {"random"}
    assert {p.total for p in told} == {200}
    done = [p.done for p in told]
    assert done == sorted(done)
    assert sorted(set(done)) == list(range(1, found.histories + 1))
    # The history that broke the invariant first, then its minimised form.
    lengths = [p.shortest for p in told if p.shortest is not None]
    assert lengths == sorted(lengths, reverse=True)
    assert lengths[0] > lengths[-1] == len(found.counterexample.acts) == 2
    assert told[-1].acts == found.acts


def test_an_exhaustive_search_reports_histories_against_its_estimate(
    tmp_path: Path,
) -> None:
    told: list[SearchProgress] = []
    found = explore(
        ISO_2013,
        [OVERRIDE],
        organisation=SMALL,
        exhaustive=True,
        depth=2,
        acts=["sanction", "alter_decision"],
        actors=["ndc", "sc"],
        out=tmp_path,
        progress=told.append,
    )
    assert found.counterexample is not None
    assert {p.mode for p in told} == {"exhaustive"}
    estimate = told[0].total
    assert estimate > 0
    assert {p.total for p in told} == {estimate}
    done = [p.done for p in told]
    assert done[:-1] == list(range(1, len(told)))
    assert done[-1] == done[-2] <= found.histories
    assert told[-1].shortest == 2
    assert all(p.shortest is None for p in told[:-1])


def test_the_bar_shows_examples_rate_and_shortest_counterexample_on_a_terminal() -> (
    None
):
    screen = io.StringIO()
    err = Console(file=screen, force_terminal=True, width=120)
    with search_bar(err, show=True) as bar:
        bar(SearchProgress("random", 3, 200, 40))
        bar(SearchProgress("random", 4, 200, 52, shortest=5))
    drawn = screen.getvalue()
    assert "examples" in drawn
    assert "4/200" in drawn
    assert "shortest counterexample: 5 acts" in drawn
    assert "ETA" in drawn


def test_nothing_is_drawn_off_a_terminal_but_the_progress_is_kept() -> None:
    screen = io.StringIO()
    err = Console(file=screen, force_terminal=False)
    with search_bar(err, show=err.is_terminal) as bar:
        bar(SearchProgress("exhaustive", 7, 90, 12))
    assert screen.getvalue() == ""
    assert bar.interrupted() == (
        "interrupted after 7 of about 90 histories (exhaustive); "
        "no counterexample found so far"
    )


def test_explore_on_a_pipe_prints_no_bar(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["explore", str(ISO_2013), "-i", OVERRIDE, "--out", str(tmp_path), *EXHAUSTIVE],
    )
    assert result.exit_code == 1, result.output
    assert "histories/s" not in result.stderr
    assert "ETA" not in result.stderr
    assert "━" not in result.output


def test_a_lost_ctrl_c_is_raised_again_at_the_next_history() -> None:
    bar = SearchBar(None)
    bar(SearchProgress("random", 1, 10, 3))
    bar.stopping = True  # Ctrl-C arrived where Python could only print it
    with pytest.raises(KeyboardInterrupt):
        bar(SearchProgress("random", 2, 10, 6))
    assert bar.last is not None
    assert bar.last.done == 1


# --- Ctrl-C ---------------------------------------------------------------------


def test_ctrl_c_in_a_random_search_says_what_was_done_and_exits_130(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    interrupt_after(monkeypatch, 60)
    result = runner.invoke(
        app,
        ["explore", str(EXTERNAL), "-i", OVERRIDE, "--out", str(tmp_path / "found")],
    )
    assert result.exit_code == 130, result.output
    assert re.fullmatch(
        r"interrupted after \d+ of 200 examples; no counterexample found so far\n",
        result.stderr,
    )
    assert "Traceback" not in result.output
    assert not (tmp_path / "found").exists()


def test_ctrl_c_in_an_exhaustive_search_counts_histories(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    interrupt_after(monkeypatch, 250)  # the estimate replays 161 acts, the walk 160
    result = runner.invoke(
        app,
        ["explore", str(EXTERNAL), "-i", OVERRIDE, "--out", str(tmp_path), *EXHAUSTIVE],
    )
    assert result.exit_code == 130, result.output
    assert re.fullmatch(
        r"interrupted after \d+ of about 160 histories \(exhaustive\); "
        r"no counterexample found so far\n",
        result.stderr,
    )
    assert "Traceback" not in result.output


def test_ctrl_c_elsewhere_exits_130_without_a_traceback(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    def stopped(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("govsim.load_scenario", stopped)
    result = runner.invoke(app, ["run", str(CASE)])
    assert result.exit_code == 130, result.output
    assert result.stderr == "interrupted\n"


def test_sigint_stops_a_running_search_in_a_child_process(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    env = child_env(tmp_path)
    child = govsim_child(
        ["explore", str(EXTERNAL), "-i", OVERRIDE, "--max-examples", "5000"], work, env
    )
    storage = tmp_path / "cache" / "govsim" / "hypothesis"
    deadline = time.monotonic() + 60
    while not storage.exists() and time.monotonic() < deadline:
        assert child.poll() is None, child.communicate()
        time.sleep(0.05)
    time.sleep(1.0)  # a few examples into the search
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=60)
    assert child.returncode == 130, err
    assert err.startswith("interrupted"), err
    assert "of 5,000 examples" in err or "before the first history" in err
    assert "Traceback" not in err
    assert out == ""
    assert list(work.iterdir()) == []


# --- clean folders ----------------------------------------------------------------


def test_explore_leaves_nothing_here_and_keeps_hypothesis_in_the_cache(
    tmp_path: Path,
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    child = govsim_child(
        ["explore", str(EXTERNAL), "-i", OVERRIDE, "--max-examples", "3"],
        work,
        child_env(tmp_path),
    )
    out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    assert out.startswith("no counterexample in 3 examples")
    assert list(work.iterdir()) == []
    # Whether Hypothesis writes anything without a database depends on its
    # version; whatever it writes must not be a .hypothesis folder anywhere.
    assert not any(p.name == ".hypothesis" for p in tmp_path.rglob("*"))


def test_hypothesis_is_pointed_at_the_cache_only_during_a_search(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hypothesis.configuration import storage_directory

    monkeypatch.delenv("HYPOTHESIS_STORAGE_DIRECTORY", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))

    def where() -> Path:
        # A StorageDirectory in recent Hypothesis releases, a path in older ones.
        found = storage_directory("x", intent_to_write=False)
        return Path(getattr(found, "path", found))

    before = where()
    with hypothesis_folder_in_use() as folder:
        assert folder == tmp_path / "govsim" / "hypothesis"
        assert where() == folder / "x"
    assert where() == before


def test_the_cache_folder_follows_xdg_and_hypothesis_own_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HYPOTHESIS_STORAGE_DIRECTORY", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert hypothesis_folder() == tmp_path / "govsim" / "hypothesis"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_folder() == tmp_path / "home" / ".cache" / "govsim"
    monkeypatch.setenv("HYPOTHESIS_STORAGE_DIRECTORY", str(tmp_path / "h"))
    assert hypothesis_folder() == tmp_path / "h"


def test_database_keeps_the_breaking_history_and_tries_it_first(
    runner: CliRunner, tmp_path: Path
) -> None:
    database = tmp_path / "db"
    args = ["explore", str(ISO_2013), "-i", OVERRIDE, "--out", str(tmp_path), "--json"]
    first = runner.invoke(app, [*args, "--database", str(database)])
    assert first.exit_code == 1, first.output
    assert any(p.is_file() for p in database.rglob("*"))
    again = runner.invoke(app, [*args, "--database", str(database)])
    assert again.exit_code == 1, again.output
    assert json.loads(again.stdout)["histories"] < json.loads(first.stdout)["histories"]
    assert json.loads(again.stdout)["histories"] <= 2


# --- sweeps -------------------------------------------------------------------------


def test_ctrl_c_in_a_sweep_counts_the_saved_runs_and_its_resume_command_works(
    tmp_path: Path,
) -> None:
    pytest.importorskip("pyarrow")
    spec = tmp_path / "s.sweep.yaml"
    spec.write_text(
        "schema_version: 1\nsweep: small\n"
        f"scenario: {CASE}\n"
        "rulebooks: [iso-2013-as-practised, external-checks]\n"
        "runs: 4\nseed: 7\ngrid:\n  parameters:\n    absence: [0.0, 0.5]\n",
        encoding="utf-8",
    )
    env = child_env(tmp_path)
    # --runs and --seed differ from the spec's: a resume without them is refused.
    args = ["sweep", spec.name, "--out", "o", "--runs", "60", "--seed", "3"]
    child = govsim_child([*args, "--chunk", "20", "--quiet"], tmp_path, env)
    manifest = tmp_path / "o" / "manifest.json"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert child.poll() is None, child.communicate()
        try:
            if len(json.loads(manifest.read_text())["chunks"]) >= 2:
                break
        except (OSError, ValueError, KeyError):
            pass
        time.sleep(0.02)
    child.send_signal(signal.SIGINT)
    _, err = child.communicate(timeout=60)
    assert child.returncode == 130, err
    assert "Traceback" not in err
    head, _, hint = err.strip().partition("; resume with: ")
    saved = sum(c["rows"] for c in json.loads(manifest.read_text())["chunks"])
    assert head == f"interrupted: {saved:,} of 240 runs saved in o"
    assert hint == (
        f"govsim sweep {spec.name} --out o --runs 60 --seed 3 --chunk 20 --resume"
    )
    words = shlex.split(hint)
    assert words[0] == "govsim"
    again = subprocess.run(
        [sys.executable, "-m", "govsim", *words[1:], "--json"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["runs"] == 240
