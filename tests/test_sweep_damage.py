"""Sweep results are verified, never trusted: damaged folders are repaired or refused.

Every test starts from a copy of one finished sweep (16 runs in four chunks
of four), damages it the way a crash, a disk or a person might, and checks
that resuming repairs it with every planned run present exactly once and
the rows of the undamaged sweep, the damaged files kept in ``damaged/``;
and that reading it first is refused with the command that repairs it.
"""

from __future__ import annotations

import json
import shlex
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import govsim
from govsim.errors import UsageError
from govsim.faces.cli import app
from govsim.sweeps import Sweep, SweepResult
from govsim.sweeps.store import RunStore

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "scenarios" / "iso" / "2012-13-case.govsim.yaml"
SPEC = (
    "schema_version: 1\nsweep: small\n"
    f"scenario: {CASE}\n"
    "rulebooks: [iso-2013-as-practised, external-checks]\n"
    "runs: 4\nseed: {seed}\n"
    "grid:\n  parameters:\n    absence: [0.0, 0.5]\n"
)
TOTAL = 16
CHUNK = 4


def rows(table: Any) -> list[dict[str, object]]:
    """Every row sorted by run, without its timing (the one thing that differs)."""
    return [
        {k: v for k, v in row.items() if k != "seconds"}
        for row in table.sort_by("run").to_pylist()
    ]


class Swept:
    """One finished sweep, made once, and another spec's, to damage copies of."""

    def __init__(self, root: Path) -> None:
        self.spec = root / "s.sweep.yaml"
        self.spec.write_text(SPEC.replace("{seed}", "7"), encoding="utf-8")
        self.other = root / "other.sweep.yaml"
        self.other.write_text(SPEC.replace("{seed}", "8"), encoding="utf-8")
        self.folder = root / "made"
        Sweep.prepare(self.spec, out=self.folder).run(chunk_rows=CHUNK)
        self.rows = rows(SweepResult.open(self.folder).table())
        self.foreign = root / "foreign"
        Sweep.prepare(self.other, out=self.foreign).run(chunk_rows=CHUNK)


@pytest.fixture(scope="module")
def swept(tmp_path_factory: pytest.TempPathFactory) -> Swept:
    return Swept(tmp_path_factory.mktemp("swept"))


@pytest.fixture
def out(swept: Swept, tmp_path: Path) -> Path:
    """A fresh copy of the finished sweep, to damage."""
    return Path(shutil.copytree(swept.folder, tmp_path / "o"))


def chunk(out: Path, n: int) -> Path:
    return out / f"runs-{n:05d}.parquet"


def edit_manifest(out: Path, change: Callable[[dict[str, Any]], object]) -> None:
    manifest = json.loads((out / "manifest.json").read_text())
    change(manifest)
    (out / "manifest.json").write_text(json.dumps(manifest))


def resume(swept: Swept, out: Path) -> SweepResult:
    return Sweep.prepare(swept.spec, out=out, resume=True).run(chunk_rows=CHUNK)


def assert_whole(swept: Swept, out: Path) -> None:
    """Every planned run on disk exactly once, as the undamaged sweep has it."""
    result = SweepResult.open(out)
    assert result.complete
    listed = sorted(
        i
        for c in result.manifest["chunks"]
        for low, high in c["runs"]
        for i in range(low, high + 1)
    )
    assert listed == list(range(TOTAL))
    table = result.table()
    assert table.column("run").to_pylist() == list(range(TOTAL))
    assert rows(table) == swept.rows
    assert result.summary().runs == TOTAL


def set_aside(out: Path) -> list[str]:
    shelf = out / "damaged"
    return sorted(p.name for p in shelf.iterdir()) if shelf.is_dir() else []


# --- damage: what it does, what reading says, what resuming leaves ---------------


def truncate(out: Path) -> None:
    data = chunk(out, 2).read_bytes()
    chunk(out, 2).write_bytes(data[: len(data) // 2])


def garble(out: Path) -> None:
    data = bytearray(chunk(out, 2).read_bytes())
    for i in range(200, 264):  # inside the first data pages, before the footer
        data[i] ^= 0xFF
    chunk(out, 2).write_bytes(bytes(data))


def delete(out: Path) -> None:
    chunk(out, 2).unlink()


def overwrite(out: Path) -> None:
    chunk(out, 2).write_bytes(chunk(out, 1).read_bytes())


def overwrite_and_claim(out: Path) -> None:
    """Chunk 2 made a copy of chunk 1, and the manifest edited to agree."""
    overwrite(out)
    edit_manifest(out, lambda m: m["chunks"][1].update(runs=[[0, 3]]))


def foreign_chunk(swept: Swept) -> Callable[[Path], None]:
    def replace(out: Path) -> None:
        chunk(out, 2).write_bytes(chunk(swept.foreign, 2).read_bytes())

    return replace


def reseed(out: Path) -> None:
    """Chunk 2 rewritten with its hash kept but one run's seed changed."""
    table = pq.read_table(chunk(out, 2))
    seeds = table.column("seed").to_pylist()
    seeds[0] += 1
    table = table.set_column(
        table.schema.get_field_index("seed"), "seed", pa.array(seeds)
    )
    pq.write_table(table, chunk(out, 2))


def twice(out: Path) -> None:
    """Chunk 2 holding run 4 twice."""
    table = pq.read_table(chunk(out, 2))
    pq.write_table(pa.concat_tables([table, table.slice(0, 1)]), chunk(out, 2))


def overlap(out: Path) -> None:
    edit_manifest(out, lambda m: m["chunks"][1].update(runs=[[2, 7]], rows=6))


def swap_claims(out: Path) -> None:
    def swap(m: dict[str, Any]) -> None:
        one, two = m["chunks"][0], m["chunks"][1]
        one["runs"], two["runs"] = two["runs"], one["runs"]

    edit_manifest(out, swap)


def claim_outside(out: Path) -> None:
    edit_manifest(out, lambda m: m["chunks"][1].update(runs=[[100, 103]]))


def wrong(key: str, value: object) -> Callable[[Path], None]:
    def change(out: Path) -> None:
        def put(m: dict[str, Any]) -> None:
            if key.startswith("chunks.1."):
                m["chunks"][1][key.removeprefix("chunks.1.")] = value
            else:
                m[key] = value

        edit_manifest(out, put)

    return change


def no_manifest(out: Path) -> None:
    (out / "manifest.json").unlink()


def garbled_manifest(out: Path) -> None:
    data = (out / "manifest.json").read_bytes()
    (out / "manifest.json").write_bytes(data[: len(data) // 2] + b"\x00garbage")


def not_an_object(out: Path) -> None:
    (out / "manifest.json").write_text("[1, 2, 3]")


CHUNK_DAMAGE = {
    "truncated": (truncate, "runs-00002.parquet: it cannot be read"),
    "garbled": (garble, "runs-00002.parquet: it cannot be read"),
    "overwritten": (
        overwrite,
        "runs-00002.parquet: it holds runs 0-3, but the manifest lists 4-7 for it",
    ),
    "reseeded": (reseed, "runs-00002.parquet: its run 4 has seed"),
}

MANIFEST_DAMAGE = {
    "ranges overlap": (overlap, "chunks.1.runs: run 2 is claimed by chunks.0 too"),
    "claim outside": (
        claim_outside,
        "chunks.1.runs: [100, 103] is not a range of the run ids 0 to 15",
    ),
    "chunks: 5": (wrong("chunks", 5), "chunks: expected a list of chunks"),
    "total_runs: x": (
        wrong("total_runs", "x"),
        "total_runs: expected a whole number of runs",
    ),
    "runs: a": (
        wrong("chunks.1.runs", "a"),
        "chunks.1.runs: expected a list of [first, last] run ids",
    ),
    "runs: [[4]]": (
        wrong("chunks.1.runs", [[4]]),
        "chunks.1.runs: expected a list of [first, last] run ids",
    ),
    "rows: true": (wrong("chunks.1.rows", True), "chunks.1.rows: expected a whole"),
    "file: a path": (
        wrong("chunks.1.file", "../made/runs-00002.parquet"),
        "chunks.1.file: expected a chunk file name, runs-NNNNN.parquet",
    ),
    "columns missing": (
        wrong("columns", None),
        "columns: expected a list of column names",
    ),
    "finished early": (
        lambda out: edit_manifest(out, lambda m: m["chunks"].pop()),
        "finished: the sweep is marked finished, but only 12 of its 16 runs",
    ),
    "hash and chunks": (
        lambda out: edit_manifest(out, lambda m: m.update(spec_hash=1, chunks=5)),
        "spec_hash: expected the spec's hash, as text",
    ),
    "total_runs: 17": (
        wrong("total_runs", 17),
        "total_runs: 17, but rulebooks x grid.points x runs_per_point make 16",
    ),
    "no run column": (
        lambda out: edit_manifest(out, lambda m: m["columns"].remove("run")),
        "columns: expected the base columns, parameters, measures and status",
    ),
    "no points": (
        lambda out: edit_manifest(out, lambda m: m["grid"].update(points=[])),
        "grid.points: expected at least one grid point",
    ),
    "nested deep": (
        lambda out: (out / "manifest.json").write_text("[" * 100_000),
        "manifest.json: unreadable",
    ),
    "not an object": (not_an_object, "manifest.json: expected a JSON object"),
    "garbled": (garbled_manifest, "manifest.json: unreadable"),
}


@pytest.mark.parametrize("name", list(CHUNK_DAMAGE))
def test_a_damaged_chunk_is_set_aside_and_its_runs_run_again(swept, out, name):
    damage, note = CHUNK_DAMAGE[name]
    damage(out)
    damaged = chunk(out, 2).read_bytes()
    result = resume(swept, out)
    assert len(result.repairs) == 2
    assert note in result.repairs[0]
    assert result.repairs[1] == (
        f"{out}: 12 of the 16 runs check out; the other 4 will run"
    )
    assert f"moved to {out / 'damaged' / 'runs-00002.parquet'}" in result.repairs[0]
    assert set_aside(out) == ["runs-00002.parquet"]
    assert (out / "damaged" / "runs-00002.parquet").read_bytes() == damaged
    assert result.manifest["repairs"][0]["notes"] == list(result.repairs)
    assert_whole(swept, out)


def test_a_deleted_chunk_is_run_again(swept, out):
    delete(out)
    result = resume(swept, out)
    assert result.repairs == (
        f"{chunk(out, 2)}: listed in the manifest, but missing",
        f"{out}: 12 of the 16 runs check out; the other 4 will run",
    )
    assert set_aside(out) == []
    assert_whole(swept, out)


def test_a_chunk_of_another_spec_is_set_aside(swept, out):
    foreign_chunk(swept)(out)
    result = resume(swept, out)
    assert "runs-00002.parquet: it was made by another spec" in result.repairs[0]
    assert set_aside(out) == ["runs-00002.parquet"]
    assert_whole(swept, out)


def test_swapped_claims_set_both_chunks_aside(swept, out):
    swap_claims(out)
    result = resume(swept, out)
    assert [note.split(":")[0] for note in result.repairs] == [
        str(chunk(out, 1)),
        str(chunk(out, 2)),
        str(out),
    ]
    assert set_aside(out) == ["runs-00001.parquet", "runs-00002.parquet"]
    assert_whole(swept, out)


def test_a_run_held_twice_in_a_chunk_sets_it_aside(swept, out):
    twice(out)
    result = resume(swept, out)
    assert "runs-00002.parquet: it holds a run id more than once" in result.repairs[0]
    assert_whole(swept, out)


@pytest.mark.parametrize("name", list(MANIFEST_DAMAGE))
def test_a_damaged_manifest_is_kept_and_rebuilt_from_the_chunks(swept, out, name):
    damage, problem = MANIFEST_DAMAGE[name]
    damage(out)
    damaged = (out / "manifest.json").read_bytes()
    result = resume(swept, out)
    assert problem in result.repairs[0]
    assert result.repairs[0].startswith(f"{out / 'manifest.json'}: ")
    assert f"moved to {out / 'damaged' / 'manifest.json'}" in result.repairs[0]
    assert (out / "damaged" / "manifest.json").read_bytes() == damaged
    # Every chunk is sound and carries the spec's hash: all are kept, none re-run.
    assert set_aside(out) == ["manifest.json"]
    assert [c["file"] for c in result.manifest["chunks"]] == [
        f"runs-{n:05d}.parquet" for n in range(1, 5)
    ]
    assert_whole(swept, out)


def test_a_lost_manifest_is_rebuilt_from_the_chunks(swept, out):
    no_manifest(out)
    result = resume(swept, out)
    assert result.repairs == (
        f"{out / 'manifest.json'}: missing; rebuilt from the spec and the chunks",
        f"{out}: 16 of the 16 runs check out; none is to run again",
    )
    assert set_aside(out) == []
    assert_whole(swept, out)


def test_a_chunk_copied_over_another_and_claimed_so_is_set_aside(swept, out):
    overwrite_and_claim(out)
    result = resume(swept, out)
    assert "chunks.1.runs: run 0 is claimed by chunks.0 too" in result.repairs[0]
    assert result.repairs[1] == (
        f"{chunk(out, 2)}: it holds runs 0-3 that runs-00001.parquet holds "
        f"already; moved to {out / 'damaged' / 'runs-00002.parquet'}"
    )
    assert set_aside(out) == ["manifest.json", "runs-00002.parquet"]
    assert_whole(swept, out)


def test_damage_set_aside_twice_keeps_both_copies(swept, out):
    truncate(out)
    resume(swept, out)
    chunk(out, 2).write_bytes(b"not parquet")  # an unlisted file of that name again
    again = resume(swept, out)
    assert "runs-00002.parquet: it cannot be read" in again.repairs[0]
    assert set_aside(out) == ["runs-00002.1.parquet", "runs-00002.parquet"]
    assert_whole(swept, out)


def test_damage_that_cannot_be_set_aside_is_refused_with_nothing_lost(swept, out):
    truncate(out)
    (out / "damaged").write_text("a file where the folder would go")
    with pytest.raises(UsageError, match="is damaged, but moving it to"):
        resume(swept, out)
    assert chunk(out, 2).exists()


# --- chunks the manifest does not list -------------------------------------------


def unlist_last_two(out: Path) -> None:
    def cut(m: dict[str, Any]) -> None:
        m["chunks"], m["finished"] = m["chunks"][:2], None

    edit_manifest(out, cut)


def test_unlisted_chunks_that_check_out_are_taken_up(swept, out):
    unlist_last_two(out)
    result = resume(swept, out)
    assert [n.split(":")[0] for n in result.repairs] == [
        str(chunk(out, 3)),
        str(chunk(out, 4)),
        str(out),
    ]
    assert all("it checks out: listed now" in n for n in result.repairs[:2])
    assert set_aside(out) == []
    assert_whole(swept, out)


def test_an_unlisted_chunk_of_another_spec_is_set_aside(swept, out):
    unlist_last_two(out)
    chunk(out, 4).unlink()
    shutil.copy(chunk(swept.foreign, 4), chunk(out, 4))
    result = resume(swept, out)
    assert "runs-00004.parquet: it was made by another spec" in result.repairs[1]
    assert set_aside(out) == ["runs-00004.parquet"]
    assert_whole(swept, out)


def test_an_unlisted_copy_of_a_listed_chunk_is_set_aside(swept, out):
    shutil.copy(chunk(out, 3), chunk(out, 9))
    result = resume(swept, out)
    assert result.repairs == (
        f"{chunk(out, 9)}: it holds runs 8-11 that runs-00003.parquet holds "
        f"already; moved to {out / 'damaged' / 'runs-00009.parquet'}",
        f"{out}: 16 of the 16 runs check out; none is to run again",
    )
    assert_whole(swept, out)


def test_an_unlisted_chunk_without_a_hash_is_set_aside(swept, out):
    unlist_last_two(out)
    table = pq.read_table(chunk(out, 4)).replace_schema_metadata(None)
    pq.write_table(table, chunk(out, 4))
    result = resume(swept, out)
    assert (
        "runs-00004.parquet: the manifest does not list it, and it carries no"
        in (result.repairs[1])
    )
    assert set_aside(out) == ["runs-00004.parquet"]
    assert_whole(swept, out)


def test_listed_chunks_without_a_hash_still_resume_and_read(swept, out):
    """Sweeps written before chunks carried the spec hash are taken up as they are."""
    for n in range(1, 5):
        table = pq.read_table(chunk(out, n)).replace_schema_metadata(None)
        pq.write_table(table, chunk(out, n))
    edit_manifest(out, lambda m: m.update(finished=None))
    assert rows(SweepResult.open(out).table()) == swept.rows
    assert resume(swept, out).repairs == ()
    assert_whole(swept, out)


def test_a_folder_of_another_spec_with_a_lost_manifest_is_refused(swept, tmp_path):
    out = Path(shutil.copytree(swept.foreign, tmp_path / "o"))
    no_manifest(out)
    with pytest.raises(UsageError, match="the spec has changed"):
        Sweep.prepare(swept.spec, out=out, resume=True)
    assert sorted(p.name for p in out.iterdir()) == [
        f"runs-{n:05d}.parquet" for n in range(1, 5)
    ]


def test_finished_needs_every_run_id_exactly_once(swept, tmp_path):
    prepared = Sweep.prepare(swept.spec, out=tmp_path / "o")
    store = RunStore.open(prepared.folder, prepared.plan, swept.spec, resume=False)
    # Sixteen rows, but run 14 twice and run 15 never: not finished.
    store.manifest["chunks"] = [
        {"file": "runs-00001.parquet", "rows": 15, "runs": [[0, 14]]},
        {"file": "runs-00002.parquet", "rows": 1, "runs": [[14, 14]]},
    ]
    store.close()
    assert store.manifest["finished"] is None
    store.manifest["chunks"][1]["runs"] = [[15, 15]]
    store.close()
    assert store.manifest["finished"] is not None


# --- reading a damaged folder: refused plainly, with the repair ------------------


def repair_of(message: str) -> str:
    command = message.split("repair it with: ", maxsplit=1)[1]
    return command.split(" (SPEC", maxsplit=1)[0].split(";", maxsplit=1)[0]


READ_DAMAGE: dict[str, Callable[[Path], None]] = {
    # Reading checks ids, not seeds: it has no plan to check them against.
    **{f"chunk {k}": v[0] for k, v in CHUNK_DAMAGE.items() if k != "reseeded"},
    **{f"manifest {k}": v[0] for k, v in MANIFEST_DAMAGE.items()},
    "chunk deleted": delete,
    "run twice": twice,
    "claims swapped": swap_claims,
    "manifest lost": no_manifest,
    "copied and claimed": overwrite_and_claim,
}


@pytest.mark.parametrize("name", [*READ_DAMAGE, "chunk of another spec"])
def test_reading_a_damaged_folder_names_the_damage_and_its_repair(swept, out, name):
    READ_DAMAGE.get(name, foreign_chunk(swept))(out)
    with pytest.raises(UsageError) as caught:
        SweepResult.open(out).summary()
    message = str(caught.value)
    command = repair_of(message)
    words = shlex.split(command)
    unnamed = (
        "manifest garbled",
        "manifest not an object",
        "manifest lost",
        "manifest nested deep",
    )
    assert ("SPEC" in words) == (name in unnamed)
    if "SPEC" in words:
        assert message.startswith(f"{out / 'manifest.json'}: ")
        assert command == f"govsim sweep SPEC --out {out} --resume"
        words[words.index("SPEC")] = str(swept.spec)
    else:
        assert command == (
            f"govsim sweep {swept.spec} --out {out} --runs 4 --seed 7 --resume"
        )
    done = CliRunner().invoke(app, [*words[1:], "--quiet", "--chunk", str(CHUNK)])
    assert done.exit_code == 0, done.output
    assert_whole(swept, out)


def test_table_and_frame_refuse_damage_too(swept, out):
    truncate(out)
    result = SweepResult.open(out)
    with pytest.raises(UsageError, match=r"runs-00002\.parquet: it cannot be read"):
        result.table()
    pytest.importorskip("pandas")
    with pytest.raises(UsageError, match="repair it with: govsim sweep"):
        result.to_frame()


REPORTED = {
    "overwritten": (overwrite, "runs-00002.parquet: it holds 4 rows, runs 0-3"),
    "chunks: 5": (wrong("chunks", 5), "manifest.json: chunks: expected a list"),
    "total_runs: x": (wrong("total_runs", "x"), "total_runs: expected a whole"),
    "runs: a": (wrong("chunks.1.runs", "a"), "chunks.1.runs: expected a list of"),
    "ranges overlap": (overlap, "run 2 is claimed by chunks.0 too"),
}


@pytest.mark.parametrize("name", list(REPORTED))
def test_govsim_report_on_a_damaged_folder_exits_2_with_the_repair(swept, out, name):
    pytest.importorskip("matplotlib")
    pytest.importorskip("jinja2")
    damage, problem = REPORTED[name]
    damage(out)
    page = out.parent / "r.html"
    done = CliRunner().invoke(app, ["report", str(out), "--out", str(page)])
    assert done.exit_code == 2
    assert problem in done.stderr
    assert f"repair it with: govsim sweep {swept.spec} --out {out}" in done.stderr
    assert "Traceback" not in done.output
    assert not page.exists()


# --- the command line ------------------------------------------------------------


def test_resume_prints_one_note_per_repaired_file_unless_quiet(swept, out, tmp_path):
    garble(out)
    args = ["sweep", str(swept.spec), "--out", str(out), "--resume", "--json"]
    done = CliRunner().invoke(app, [*args, "--chunk", str(CHUNK)])
    assert done.exit_code == 0, done.output
    assert f"{chunk(out, 2)}: it cannot be read" in done.stderr
    assert json.loads(done.stdout)["runs"] == TOTAL
    again = Path(shutil.copytree(swept.folder, tmp_path / "q"))
    garble(again)
    args[3] = str(again)
    quiet = CliRunner().invoke(app, [*args, "--quiet"])
    assert quiet.exit_code == 0, quiet.output
    assert quiet.stderr == ""
    assert set_aside(again) == ["runs-00002.parquet"]


@pytest.mark.parametrize("state", ["does not exist", "is empty"])
def test_resume_of_a_missing_or_empty_folder_is_refused(swept, tmp_path, state):
    out = tmp_path / "nowhere"
    if state == "is empty":
        out.mkdir()
    done = CliRunner().invoke(
        app, ["sweep", str(swept.spec), "--out", str(out), "--resume"]
    )
    assert done.exit_code == 2
    assert done.stderr.startswith(f"error: nothing to resume in {out}: it {state}")
    assert "drop --resume to start the sweep" in done.stderr
    assert "Traceback" not in done.output
    assert out.exists() == (state == "is empty")
    assert not out.exists() or not any(out.iterdir())


def test_resume_of_a_folder_without_a_sweep_is_refused(swept, tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(UsageError, match="it holds no sweep"):
        govsim.sweep(swept.spec, out=tmp_path, resume=True)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
