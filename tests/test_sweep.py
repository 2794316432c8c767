"""Monte Carlo sweeps: spec, plan, executors, Parquet store, resume, CLI."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from typer.testing import CliRunner

import govsim
from govsim.errors import DocumentError, UsageError
from govsim.faces.cli import app
from govsim.sweeps import Sweep, load_spec
from govsim.sweeps.plan import make_plan, run_seed
from govsim.sweeps.targets import Book

pytest.importorskip("pyarrow")

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "scenarios" / "iso" / "2012-13-case.govsim.yaml"
BOOKS = ["iso-2013-as-practised", "iso-2019-post-convention", "external-checks"]


def spec_text(
    *,
    runs: int = 4,
    grid: str = "grid:\n  parameters:\n    absence: [0.0, 0.5]",
    extra: str = "",
    target: str = f"scenario: {CASE}",
) -> str:
    return (
        "schema_version: 1\nsweep: small\n"
        f"{target}\n"
        "rulebooks: [iso-2013-as-practised, external-checks]\n"
        f"runs: {runs}\nseed: 7\n{grid}\n{extra}"
    )


def write_spec(
    tmp_path: Path, text: str | None = None, name: str = "s.sweep.yaml"
) -> Path:
    path = tmp_path / name
    path.write_text(text if text is not None else spec_text(), encoding="utf-8")
    return path


def rows(result: govsim.SweepResult) -> list[dict[str, object]]:
    """Every row without its timing, which is the one thing allowed to differ."""
    return [
        {k: v for k, v in row.items() if k != "seconds"}
        for row in result.table().to_pylist()
    ]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(env={"COLUMNS": "200"})


# --- spec and plan ------------------------------------------------------------


def test_grid_points_follow_the_mode(tmp_path):
    both = "grid:\n  mode: {mode}\n  parameters:\n    a: [1, 2]\n    b: [u, v]"
    cart = load_spec(
        write_spec(tmp_path, spec_text(grid=both.format(mode="cartesian")))
    )
    zipped = load_spec(write_spec(tmp_path, spec_text(grid=both.format(mode="zip"))))
    assert cart.spec.points() == [
        {"a": 1, "b": "u"},
        {"a": 1, "b": "v"},
        {"a": 2, "b": "u"},
        {"a": 2, "b": "v"},
    ]
    assert zipped.spec.points() == [{"a": 1, "b": "u"}, {"a": 2, "b": "v"}]


def test_run_seeds_are_derived_in_the_plan_not_from_execution_order(tmp_path):
    plan = make_plan(load_spec(write_spec(tmp_path)))
    assert plan.total == 2 * 2 * 4
    forward = [plan.run(i) for i in range(plan.total)]
    backward = [plan.run(i) for i in reversed(range(plan.total))]
    assert forward == list(reversed(backward))
    assert len({r.seed for r in forward}) == plan.total
    third = forward[2 * 4 + 1]  # second book, first point, replicate 1
    assert (third.book.id, third.params, third.replicate) == (
        "external-checks",
        {"absence": 0.0},
        1,
    )
    assert third.seed == run_seed(7, "external-checks", {"absence": 0.0}, 1)


def test_a_runs_seed_does_not_depend_on_the_other_books_or_points(tmp_path):
    small = make_plan(load_spec(write_spec(tmp_path)))
    more = spec_text(grid="grid:\n  parameters:\n    absence: [0.0, 0.25, 0.5]")
    more = more.replace("rulebooks: [", "rulebooks: [iso-2019-post-convention, ")
    big = make_plan(load_spec(write_spec(tmp_path, more, "big.yaml")))
    key = lambda r: (r.book.id, tuple(r.params.items()), r.replicate)  # noqa: E731
    seeds = {key(r): r.seed for r in big.runs()}
    assert all(seeds[key(r)] == r.seed for r in small.runs())


def test_the_spec_hash_follows_runs_and_seed_but_not_the_title(tmp_path):
    loaded = load_spec(write_spec(tmp_path))
    titled = load_spec(write_spec(tmp_path, spec_text(extra="title: T"), "t.yaml"))
    assert loaded.digest() == titled.digest()
    assert loaded.with_overrides(5, None).digest() != loaded.digest()
    assert loaded.with_overrides(None, 8).digest() != loaded.digest()


# --- store, manifest, frames --------------------------------------------------


def test_a_sweep_writes_one_parquet_row_per_run_and_a_manifest(tmp_path):
    spec = write_spec(tmp_path)
    result = Sweep.prepare(spec, out=tmp_path / "out").run(chunk_rows=5)
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert result.manifest == manifest
    assert manifest["total_runs"] == 16
    assert manifest["finished"] is not None
    assert manifest["rulebooks"] == ["iso-2013-as-practised", "external-checks"]
    assert manifest["grid"]["points"] == [{"absence": 0.0}, {"absence": 0.5}]
    assert manifest["govsim_version"] == govsim.__version__
    assert [c["file"] for c in manifest["chunks"]] == [
        f"runs-{i:05d}.parquet" for i in range(1, 5)
    ]
    assert manifest["chunks"][0]["runs"] == [[0, 4]]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "manifest.json",
        *[f"runs-{i:05d}.parquet" for i in range(1, 5)],
    ]
    table = result.table()
    assert table.column_names[:6] == [
        "run",
        "rulebook",
        "point",
        "replicate",
        "seed",
        "absence",
    ]
    assert table.column_names[-3:] == ["status", "error", "seconds"]
    assert "breaches.no_executive_override" in table.column_names
    assert table.column("run").to_pylist() == list(range(16))
    assert set(table.column("status").to_pylist()) == {"ok"}
    plan = make_plan(load_spec(spec))
    assert table.column("seed").to_pylist() == [r.seed for r in plan.runs()]


def test_absences_change_outcomes_and_are_reproducible(tmp_path):
    spec = write_spec(tmp_path, spec_text(runs=10))
    first = Sweep.prepare(spec, out=tmp_path / "a").run()
    again = Sweep.prepare(spec, out=tmp_path / "b").run()
    assert rows(first) == rows(again)
    by_point = {0: set(), 1: set()}
    for row in rows(first):
        by_point[row["point"]].add((row["breaches"], row["absences"]))
    assert all(absences == 0 for _, absences in by_point[0])
    assert len(by_point[1]) > 1  # absences vary from run to run, and matter


def test_summary_gives_medians_intervals_and_counts(tmp_path):
    result = Sweep.prepare(write_spec(tmp_path), out=tmp_path / "o").run()
    summary = result.summary()
    assert (summary.runs, summary.failed, summary.total) == (16, 0, 16)
    assert [(g.rulebook, g.parameters) for g in summary.groups] == [
        ("iso-2013-as-practised", {"absence": 0.0}),
        ("iso-2013-as-practised", {"absence": 0.5}),
        ("external-checks", {"absence": 0.0}),
        ("external-checks", {"absence": 0.5}),
    ]
    violations = summary.groups[0].measures["violations"]
    assert violations.runs == 4
    assert violations.low == violations.median == violations.high  # no absences
    data = json.loads(summary.to_json())
    assert "2.5-97.5 percentiles" in data["interval"]
    assert data["groups"][3]["measures"]["acts.void"]["runs"] == 4


def test_to_frame_pandas_and_polars(tmp_path):
    result = Sweep.prepare(write_spec(tmp_path), out=tmp_path / "o").run()
    pytest.importorskip("pandas")
    frame = result.to_frame()
    assert list(frame["run"]) == list(range(16))
    assert frame.groupby("rulebook")["violations"].count().to_dict() == {
        "external-checks": 8,
        "iso-2013-as-practised": 8,
    }
    pl = pytest.importorskip("polars")
    polars = result.to_frame("polars")
    assert isinstance(polars, pl.DataFrame)
    assert polars.height == 16
    with pytest.raises(UsageError, match="'pandas' or 'polars'"):
        result.to_frame("arrow")  # type: ignore[arg-type]  # a kind it refuses


def test_a_missing_extra_is_named(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(UsageError, match=r'pip install "govsim\[sweep\]"'):
        Sweep.prepare(write_spec(tmp_path), out=tmp_path / "o")
    assert not (tmp_path / "o").exists()


# --- failed runs ----------------------------------------------------------------


class Flaky:
    """A target whose runs raise for one seed in three."""

    id = "flaky"

    def __init__(self, path: Path) -> None:
        self.path = path

    def rulebooks(self) -> tuple[str, ...]:
        return ("b1", "b2")

    def book(self, ref: str, base: Path) -> Book:
        if ref not in self.rulebooks():
            raise UsageError(f"no book {ref}")
        return Book(ref, ref)

    def parameters(self) -> Mapping[str, int | float | str | bool]:
        return {"x": 1}

    def check(self, params: Mapping[str, object]) -> None:
        if set(params) - {"x"}:
            raise UsageError("unknown")

    def measures(self) -> tuple[str, ...]:
        return ("value", "label")

    def run(self, book: str, *, params: Mapping[str, object], seed: int) -> dict:
        if seed % 3 == 0:
            raise ZeroDivisionError(f"seed {seed} is unlucky")
        return {"value": seed % 100, "label": book}


def load_flaky(path: Path) -> Flaky:
    return Flaky(path)


@pytest.fixture
def flaky(tmp_path, monkeypatch) -> Iterator[Path]:
    """A spec whose 'model:' is read by the flaky loader (registry restored after)."""
    from govsim.sweeps import targets

    monkeypatch.setattr(targets, "_LOADED", {})
    (tmp_path / "t.flaky").write_text("")
    text = spec_text(runs=30, grid="", target="model: t.flaky")
    with targets.TARGETS.overriding("model", load_flaky):
        yield write_spec(
            tmp_path, text.replace("iso-2013-as-practised, external-checks", "b1, b2")
        )


def test_a_run_that_raises_is_recorded_and_the_sweep_goes_on(flaky, tmp_path):
    result = govsim.sweep(flaky, out=tmp_path / "o")
    table = result.table().to_pylist()
    failed = [r for r in table if r["status"] == "failed"]
    assert len(table) == 60
    assert failed
    assert failed == [r for r in table if r["seed"] % 3 == 0]
    assert all(r["error"].startswith("ZeroDivisionError: seed ") for r in failed)
    assert all(r["value"] is None and r["label"] is None for r in failed)
    ok = [r for r in table if r["status"] == "ok"]
    assert all(r["value"] == r["seed"] % 100 and r["error"] is None for r in ok)
    summary = result.summary()
    assert summary.failed == len(failed)
    assert [g.runs for g in summary.groups] == [30, 30]
    assert sum(g.failed for g in summary.groups) == len(failed)
    assert summary.groups[0].measures["value"].runs == 30 - summary.groups[0].failed
    assert "label" not in summary.groups[0].measures  # text is not summarised


def test_a_registered_target_runs_in_worker_processes_too(flaky, tmp_path):
    with ProcessPoolExecutor(2) as pool:
        result = govsim.sweep(flaky, pool, out=tmp_path / "p")
    serial = govsim.sweep(flaky, out=tmp_path / "s")
    assert rows(result) == rows(serial)


# --- executors ------------------------------------------------------------------


def test_serial_and_process_pool_give_the_same_rows(tmp_path):
    spec = write_spec(tmp_path, spec_text(runs=6))
    serial = govsim.sweep(spec, out=tmp_path / "serial")
    with ProcessPoolExecutor(2) as pool:
        pooled = govsim.sweep(spec, pool, out=tmp_path / "pool")
    assert rows(serial) == rows(pooled)
    assert len(rows(serial)) == 24


def test_cli_process_executor_matches_the_api(runner, tmp_path):
    spec = write_spec(tmp_path)
    api = govsim.sweep(spec, out=tmp_path / "api")
    got = runner.invoke(
        app,
        [
            "sweep",
            str(spec),
            "--workers",
            "2",
            "--out",
            str(tmp_path / "cli"),
            "--json",
        ],
    )
    assert got.exit_code == 0, got.output
    cli = govsim.SweepResult.open(tmp_path / "cli")
    assert rows(cli) == rows(api)
    assert json.loads(got.stdout)["runs"] == 16


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--workers", "2", "--executor", "serial"],
            "--workers needs --executor process or dask",
        ),
        (["--scheduler", "tcp://127.0.0.1:1"], "--scheduler needs --executor dask"),
        (
            ["--executor", "threads"],
            "--executor must be one of serial, process, dask (got 'threads')",
        ),
        (
            ["--executor", ""],
            "--executor must be one of serial, process, dask (got '')",
        ),
        (
            ["--workers", "0", "--executor", "process"],
            "'--workers': must be 1 or more, got '0'",
        ),
        (["--runs", "0"], "'--runs': must be 1 or more, got '0'"),
        (
            ["--runs", "2000000"],
            "'--runs': must be 1000000 or less, got '2000000'",
        ),
        (["--seed", "-1"], "'--seed': must be 0 or more, got '-1'"),
        (["--chunk", "0"], "'--chunk': must be 1 or more, got '0'"),
    ],
)
def test_bad_options_exit_2_before_any_run(runner, tmp_path, args, message):
    out = tmp_path / "o"
    got = runner.invoke(
        app, ["sweep", str(write_spec(tmp_path)), "--out", str(out), *args]
    )
    assert got.exit_code == 2
    assert message in got.stderr
    assert "Traceback" not in got.output
    assert not out.exists()


# --- output folder and resume ---------------------------------------------------


def test_an_out_folder_in_use_is_refused_without_resume(runner, tmp_path):
    spec = write_spec(tmp_path)
    out = tmp_path / "o"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    got = runner.invoke(app, ["sweep", str(spec), "--out", str(out)])
    assert got.exit_code == 2
    assert "pass --resume" in got.stderr
    assert "another --out" in got.stderr
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]


def test_resume_refuses_a_changed_spec(runner, tmp_path):
    spec = write_spec(tmp_path)
    govsim.sweep(spec, out=tmp_path / "o")
    got = runner.invoke(
        app,
        ["sweep", str(spec), "--out", str(tmp_path / "o"), "--resume", "--runs", "5"],
    )
    assert got.exit_code == 2
    assert "the spec has changed" in got.stderr


def test_resume_of_a_finished_sweep_runs_nothing(tmp_path):
    spec = write_spec(tmp_path)
    first = govsim.sweep(spec, out=tmp_path / "o")
    again = govsim.sweep(spec, out=tmp_path / "o", resume=True)
    assert rows(again) == rows(first)
    assert again.manifest["chunks"] == first.manifest["chunks"]
    assert len(again.manifest["resumed"]) == 1


def test_resume_runs_only_the_missing_runs_and_takes_up_unlisted_chunks(tmp_path):
    spec = write_spec(tmp_path)
    full = govsim.sweep(spec, out=tmp_path / "full")
    out = tmp_path / "o"
    # As if killed with two chunks listed, a third written but not yet listed.
    partial = Sweep.prepare(spec, out=out).run(chunk_rows=4)
    manifest = json.loads((out / "manifest.json").read_text())
    manifest["chunks"], manifest["finished"] = manifest["chunks"][:2], None
    (out / "manifest.json").write_text(json.dumps(manifest))
    (out / "runs-00004.parquet").unlink()
    resumed = govsim.sweep(spec, out=out, resume=True)
    assert resumed.manifest["finished"] is not None
    assert [c["file"] for c in resumed.manifest["chunks"]] == [
        f"runs-{i:05d}.parquet" for i in range(1, 5)
    ]
    assert resumed.manifest["chunks"][2:] == partial.manifest["chunks"][2:]
    assert resumed.repairs == (
        f"{out / 'runs-00003.parquet'}: not listed in the manifest (the sweep "
        "stopped before listing it), but it checks out: listed now",
        f"{out}: 12 of the 16 runs check out; the other 4 will run",
    )
    assert rows(resumed) == rows(full)


def run_cli(out: Path, spec: Path, *more: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "govsim", "sweep", str(spec), "--out", str(out), *more],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def wait_for_chunks(out: Path, proc: subprocess.Popen[bytes], count: int) -> dict:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        try:
            manifest = json.loads((out / "manifest.json").read_text())
        except (OSError, ValueError):
            manifest = {"chunks": []}
        if len(manifest["chunks"]) >= count:
            return manifest
        time.sleep(0.02)
    raise AssertionError("no chunk written in 60 s")


def ids(result: govsim.SweepResult) -> list[int]:
    return result.table().column("run").to_pylist()


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT])
def test_a_killed_sweep_resumes_with_every_run_exactly_once(tmp_path, how):
    spec = write_spec(tmp_path, spec_text(runs=50))  # 200 runs, under a second
    out = tmp_path / "o"
    proc = run_cli(out, spec, "--chunk", "25", "--quiet")
    before = wait_for_chunks(out, proc, 2)
    os.kill(proc.pid, how)
    _, err = proc.communicate(timeout=30)
    if how == signal.SIGINT:
        assert proc.returncode == 130
        assert b"--resume" in err
    else:
        assert proc.returncode == -signal.SIGKILL
    cut = json.loads((out / "manifest.json").read_text())
    assert cut["finished"] is None
    assert len(cut["chunks"]) >= len(before["chunks"])
    done = sum(c["rows"] for c in cut["chunks"])
    assert 0 < done < 200
    again = run_cli(out, spec, "--chunk", "25", "--resume", "--json")
    stdout, err = again.communicate(timeout=120)
    assert again.returncode == 0, err
    assert json.loads(stdout)["runs"] == 200
    result = govsim.SweepResult.open(out)
    assert result.complete
    assert ids(result) == list(range(200))
    listed = [
        i
        for c in result.manifest["chunks"]
        for lo, hi in c["runs"]
        for i in range(lo, hi + 1)
    ]
    assert sorted(listed) == list(range(200))


# --- bad input: exit 2, positioned, before any run ------------------------------

BAD = [
    (
        spec_text(grid="grid:\n  parameters:\n    absense: [0.1]"),
        "s.sweep.yaml:9:5",
        "unknown parameter 'absense' (did you mean 'absence'?)",
    ),
    (spec_text(grid="grid:\n  parameters: {}"), "s.sweep.yaml:8:15", "empty grid"),
    (
        spec_text(grid="grid:\n  parameters:\n    absence: []"),
        "s.sweep.yaml:9:14",
        "no values for parameter 'absence'",
    ),
    (
        spec_text(
            grid="grid:\n  mode: zip\n  parameters:\n    absence: [0.1, 0.2]\n    other: [1]"
        ),
        "s.sweep.yaml:11:12",
        "zip needs lists of one length: 'other' has 1 values, 'absence' has 2",
    ),
    (
        spec_text(grid="grid:\n  parameters:\n    absence: [0.1]\n    other: [1]"),
        "s.sweep.yaml:9:5",
        "say how to combine them",
    ),
    (
        spec_text(extra="measures: [violations, breaches.nemo_iudx]"),
        "s.sweep.yaml:10:24",
        "unknown measure 'breaches.nemo_iudx' (did you mean 'breaches.nemo_iudex'?)",
    ),
    (
        spec_text(grid="grid:\n  parameters:\n    absence: [0.1, 1.5]"),
        "s.sweep.yaml:9:20",
        "parameter 'absence' is a probability between 0 and 1, not 1.5",
    ),
    (
        # Found by the document fuzzer: .nan passed the spec and was refused
        # only by the run's check, so govsim check accepted it.
        spec_text(grid="grid:\n  parameters:\n    absence: [0.1, .nan]"),
        "s.sweep.yaml:9:20",
        "absence.1: a parameter's value is a finite number, a word or true/false (got .nan)",
    ),
    (
        # Once, not once per type a value may have (four lines, one of them
        # at "absence.0.constrained-str").
        spec_text(grid="grid:\n  parameters:\n    absence: [[0.1]]"),
        "s.sweep.yaml:9:15",
        "absence.0: a parameter's value is a finite number, a word or true/false (got a list)",
    ),
    (
        spec_text().replace("external-checks]", "external-check]"),
        "s.sweep.yaml:4:36",
        "no rule book 'external-check' (did you mean 'external-checks'?)",
    ),
    (
        spec_text(grid="", extra="fixed: {absence: -1}"),
        "s.sweep.yaml:8:18",
        "a probability between 0 and 1, not -1",
    ),
    (
        spec_text(target="scenario: nowhere.govsim.yaml"),
        "s.sweep.yaml:3:11",
        "no scenario file 'nowhere.govsim.yaml'",
    ),
    (
        spec_text(target=f"scenario: {CASE}\nmodel: m.yaml"),
        "s.sweep.yaml:3:11",
        "give one of 'model:' and 'scenario:', not both",
    ),
    (spec_text(runs=0), "s.sweep.yaml:5:7", "runs: must be 1 or more, got 0"),
    (
        spec_text(extra="fixed: {absence: 0.1}"),
        "s.sweep.yaml:10:18",
        "'absence' is both fixed and swept",
    ),
    (
        spec_text(extra="sed: 3"),
        "s.sweep.yaml:10:1",
        "unknown key 'sed' (did you mean 'seed'?)",
    ),
]


@pytest.mark.parametrize(
    "target", ["model: nowhere.model.yaml", "scenario: ../elsewhere/case.govsim.y"]
)
def test_check_places_a_missing_target_at_the_specs_key(runner, tmp_path, target):
    # Found by the document fuzzer: govsim check reported it as
    # "<target>:1:1: no such file", a position in a file that is not there.
    path = write_spec(tmp_path, spec_text(target=target))
    got = runner.invoke(app, ["check", str(path)])
    assert got.exit_code == 2, got.output
    kind, written = target.split(": ")
    assert got.stderr.splitlines() == [
        f"{path}:3:{len(kind) + 3}: {kind}: no {kind} file '{written}' (looked for"
        f" {(tmp_path / written).resolve()})"
    ]


@pytest.mark.parametrize(
    ("text", "where", "message"), BAD, ids=[b[2][:32] for b in BAD]
)
def test_bad_specs_exit_2_with_a_position_before_any_run(
    runner, tmp_path, text, where, message
):
    out = tmp_path / "o"
    got = runner.invoke(
        app, ["sweep", str(write_spec(tmp_path, text)), "--out", str(out)]
    )
    assert got.exit_code == 2, got.output
    line = next(x for x in got.stderr.splitlines() if message in x)
    assert line.startswith(str(tmp_path / where)), line
    assert "Traceback" not in got.output
    assert not out.exists()


def test_bad_spec_raises_document_error_from_the_api(tmp_path):
    with pytest.raises(DocumentError) as caught:
        govsim.sweep(write_spec(tmp_path, BAD[0][0]), out=tmp_path / "o")
    assert caught.value.problems[0].span is not None
    assert caught.value.problems[0].span.line == 9


# --- the model target: the calibrated crisis model, made small -----------------

MODEL = ROOT / "scenarios" / "crisis" / "iso-2019.model.yaml"


def model_spec(
    tmp_path: Path, grid: str = "  parameters:\n    case.protect: [0.0, 0.95]"
) -> Path:
    text = (
        "schema_version: 1\nsweep: crisis-small\n"
        f"model: {MODEL}\n"
        "rulebooks: [iso-2013-as-practised, external-checks]\n"
        "runs: 5\nseed: 3\n"
        "fixed: {population.members: 60, population.branches: 6}\n"
        f"grid:\n{grid}\n"
        "measures: [overridden, members_retained, dissolved, dissolution_verdict]\n"
    )
    return write_spec(tmp_path, text, "crisis.sweep.yaml")


def test_the_crisis_model_sweeps_with_its_parameters_and_measures(tmp_path):
    pytest.importorskip("numpy")
    result = govsim.sweep(model_spec(tmp_path), out=tmp_path / "o")
    table = result.table()
    assert table.column_names == [
        "run", "rulebook", "point", "replicate", "seed",
        "population.members", "population.branches", "case.protect",
        "overridden", "members_retained", "dissolved", "dissolution_verdict",
        "status", "error", "seconds",
    ]  # fmt: skip
    assert table.num_rows == 20
    assert set(table.column("status").to_pylist()) == {"ok"}
    assert set(table.column("population.members").to_pylist()) == {60}
    groups = {
        (g.rulebook, g.parameters["case.protect"]): g for g in result.summary().groups
    }
    # An executive that never protects never overrides, under any book.
    assert groups["iso-2013-as-practised", 0.0].measures["overridden"].share == 0
    assert groups["external-checks", 0.0].measures["overridden"].share == 0
    assert groups["iso-2013-as-practised", 0.95].measures["overridden"].share > 0
    assert "dissolution_verdict" not in groups["external-checks", 0.0].measures


def test_the_crisis_model_gives_the_same_rows_serially_and_in_a_pool(tmp_path):
    pytest.importorskip("numpy")
    spec = model_spec(tmp_path)
    serial = govsim.sweep(spec, out=tmp_path / "serial")
    with ProcessPoolExecutor(2) as pool:
        pooled = govsim.sweep(spec, pool, out=tmp_path / "pool")
    assert rows(serial) == rows(pooled)


@pytest.mark.parametrize(
    ("grid", "where", "message"),
    [
        (
            "  parameters:\n    case.protec: [0.5]",
            "crisis.sweep.yaml:10:5",
            "unknown parameter 'case.protec' (did you mean 'case.protect'?)",
        ),
        (
            "  parameters:\n    case.protect: [0.5, 1.5]",
            "crisis.sweep.yaml:10:25",
            "parameter case.protect: must be 1 or less, got 1.5",
        ),
    ],
)
def test_the_model_judges_its_own_parameters(runner, tmp_path, grid, where, message):
    pytest.importorskip("numpy")
    got = runner.invoke(
        app, ["sweep", str(model_spec(tmp_path, grid)), "--out", str(tmp_path / "o")]
    )
    assert got.exit_code == 2, got.output
    line = next(x for x in got.stderr.splitlines() if message in x)
    assert line.startswith(str(tmp_path / where)), line


def test_short_runs_travel_in_batches_of_about_a_tenth_of_a_second():
    from govsim.sweeps.execute import Pacer

    pacer = Pacer(seconds=0.1, largest=64)
    assert pacer.size == 1  # nothing measured yet
    pacer.observe(0.01)
    assert pacer.size == 10
    for _ in range(50):
        pacer.observe(0.0001)
    assert pacer.size == 64
    slow = Pacer(seconds=0.1, largest=64)
    slow.observe(0.5)
    assert slow.size == 1
    assert Pacer(largest=1).size == 1


def test_a_book_can_be_named_by_its_file(tmp_path):
    book = ROOT / "scenarios" / "iso" / "rules" / "external-checks.govsim.yaml"
    text = spec_text(runs=2).replace("external-checks]", f"{book}]")
    result = govsim.sweep(write_spec(tmp_path, text), out=tmp_path / "o")
    by_id = govsim.sweep(
        write_spec(tmp_path, spec_text(runs=2), "id.yaml"), out=tmp_path / "i"
    )
    assert result.manifest["rulebooks"] == ["iso-2013-as-practised", "external-checks"]
    assert rows(result) == rows(by_id)
