"""Checking a large scenario (run with ``pytest benchmarks/test_check_speed.py``).

Target (issue 17): a 100,000-act scenario, within the document limits of
docs/limits.md, goes through ``govsim check`` in a few seconds. The scenario
is made here: the ISO organisation and rule books of scenarios/iso, and
100,000 complaints, every other one written as a one-line flow mapping and
the rest in block style (some 11 MiB, 1.4 million nodes).
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import govsim
from govsim.documents import MAX_FILE_BYTES, MAX_NODES, load_yaml_file
from govsim.faces.cli import app

SEEDS = Path(__file__).resolve().parent.parent / "scenarios" / "iso"
ACTS = 100_000
BOOKS = "[iso-2013-as-practised, iso-2019-post-convention, external-checks]"


def write_large_scenario(folder: Path, acts: int) -> Path:
    """A scenario of ``acts`` complaints, with the ISO organisation and books."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(SEEDS / "organisation.govsim.yaml", folder)
    shutil.copytree(SEEDS / "rules", folder / "rules", dirs_exist_ok=True)
    lines = [
        "schema_version: 1",
        "scenario: large",
        "title: A long history of complaints",
        "organisation: organisation.govsim.yaml",
        f"rulebooks: {BOOKS}",
        "acts:",
    ]
    start = dt.date(2000, 1, 1)
    for i in range(acts):
        day = (start + dt.timedelta(days=i // 50)).isoformat()
        if i % 2:
            lines.append(
                f"  - {{id: a{i}, at: {day}, act: file_complaint, by: complainant,"
                f" case: k{i}, against: [respondent]}}"
            )
        else:
            lines += [
                f"  - id: a{i}",
                f"    at: {day}",
                "    act: file_complaint",
                "    by: complainant",
                f"    case: k{i}",
                "    against: [respondent]",
            ]
    path = folder / "large.govsim.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = write_large_scenario(tmp_path_factory.mktemp("large"), ACTS)
    assert path.stat().st_size <= MAX_FILE_BYTES
    return path


def _check(path: Path) -> str:
    done = CliRunner().invoke(app, ["check", str(path)])
    assert done.exit_code == 0, done.output
    return str(done.output)


def test_parse_a_100000_act_scenario(benchmark, large):
    data, source = benchmark.pedantic(load_yaml_file, (large,), rounds=3)
    assert len(data["acts"]) == ACTS
    assert source.span(("acts", ACTS - 1, "by")).line > ACTS
    benchmark.extra_info.update(bytes=large.stat().st_size, max_nodes=MAX_NODES)
    assert benchmark.stats["median"] < 30


def test_check_a_100000_act_scenario(benchmark, large):
    out = benchmark.pedantic(_check, (large,), rounds=3)
    assert "1 file checked, 0 with problems" in out
    assert benchmark.stats["median"] < 60


def test_load_a_100000_act_scenario(benchmark, large):
    loaded = benchmark.pedantic(govsim.load_scenario, (large,), rounds=3)
    assert len(loaded.scenario.acts) == ACTS


def test_parse_a_seed_scenario(benchmark):
    data, _ = benchmark(load_yaml_file, SEEDS / "2019-disclosure-week.govsim.yaml")
    assert data["acts"]


def test_check_a_seed_scenario(benchmark):
    out = benchmark(_check, SEEDS / "2019-disclosure-week.govsim.yaml")
    assert "0 with problems" in out
