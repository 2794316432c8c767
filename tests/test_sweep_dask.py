"""Sweeps on Dask: a real LocalCluster of 2 worker processes on loopback.

The cluster starts once for the module (about two seconds). Its results must
equal the serial ones run for run, since every run's seed comes from the plan.
The target is the calibrated crisis model, made small (60 members).
"""

from __future__ import annotations

import json
import logging
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import govsim
from govsim.faces.cli import app

distributed = pytest.importorskip("distributed")
pytest.importorskip("pyarrow")
pytest.importorskip("numpy")

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "scenarios" / "crisis" / "iso-2019.model.yaml"
SPEC = f"""\
schema_version: 1
sweep: dask-small
model: {MODEL}
rulebooks: [iso-2013-as-practised, external-checks]
runs: 10
seed: 11
fixed: {{population.members: 60, population.branches: 6}}
grid:
  parameters:
    case.protect: [0.0, 0.95]
"""


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",
        silence_logs=logging.ERROR,
    ) as running:
        yield running


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    path = tmp_path / "dask.sweep.yaml"
    path.write_text(SPEC, encoding="utf-8")
    return path


def rows(result: govsim.SweepResult) -> list[dict[str, object]]:
    return [
        {k: v for k, v in row.items() if k != "seconds"}
        for row in result.table().to_pylist()
    ]


def test_a_local_cluster_gives_the_serial_results_run_for_run(cluster, spec, tmp_path):
    with distributed.Client(cluster) as client:
        with distributed.get_task_stream(client) as stream:
            on_dask = govsim.sweep(spec, client.get_executor(), out=tmp_path / "dask")
        workers = {task["worker"] for task in stream.data}
    serial = govsim.sweep(spec, out=tmp_path / "serial")
    assert len(rows(serial)) == 40
    assert rows(on_dask) == rows(serial)
    assert len(workers) == 2  # both worker processes ran runs


def test_cli_runs_on_a_running_scheduler(cluster, spec, tmp_path):
    got = CliRunner().invoke(
        app,
        [
            "sweep",
            str(spec),
            "--executor",
            "dask",
            "--scheduler",
            cluster.scheduler_address,
            "--out",
            str(tmp_path / "cli"),
            "--json",
        ],
    )
    assert got.exit_code == 0, got.output
    assert f"the Dask cluster at {cluster.scheduler_address}" in got.stderr
    serial = govsim.sweep(spec, out=tmp_path / "serial")
    assert rows(govsim.SweepResult.open(tmp_path / "cli")) == rows(serial)


def test_an_unreachable_scheduler_exits_2_before_any_run(spec, tmp_path, monkeypatch):
    from govsim.sweeps import executors

    monkeypatch.setattr(executors, "CONNECT_SECONDS", 1)
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    start = time.monotonic()
    got = CliRunner().invoke(
        app,
        [
            "sweep",
            str(spec),
            "--executor",
            "dask",
            "--scheduler",
            f"tcp://127.0.0.1:{port}",
            "--out",
            str(tmp_path / "o"),
        ],
    )
    assert got.exit_code == 2
    assert f"cannot reach the Dask scheduler at tcp://127.0.0.1:{port}" in got.stderr
    assert "Traceback" not in got.output
    assert time.monotonic() - start < 10
    assert not (tmp_path / "o").exists()


def test_a_local_cluster_takes_a_free_port_without_a_warning(spec, tmp_path):
    with socket.socket() as holder:  # Dask's default dashboard port, taken
        holder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            holder.bind(("", 8787))
            holder.listen(1)
        except OSError:
            pass  # something else holds it already, which is the case tested
        got = subprocess.run(
            [
                sys.executable,
                "-m",
                "govsim",
                "sweep",
                str(spec),
                "--executor",
                "dask",
                "--workers",
                "2",
                "--out",
                str(tmp_path / "o"),
                "--json",
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    assert got.returncode == 0, got.stderr
    assert "Warning" not in got.stderr
    assert "8787" not in got.stderr
    assert "a local Dask cluster of 2 workers" in got.stderr
    assert json.loads(got.stdout)["runs"] == 40
