"""One policy for paths and options, whatever the command (issue 17, item 1).

A named pipe given as an input used to block forever, a path of thousands
of characters or a loop of symbolic links ended in a traceback, and each
command had its own rule for ``--out``. These tests give every command the
same bad paths and check the same answer: exit 2, one line saying what is
wrong with which path, no traceback, and nothing written.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govsim.documents.paths import (
    MAX_PATH_BYTES,
    check_output_file,
    check_output_folder,
    input_problem,
    resolve_safely,
    shown_path,
    write_output,
)
from govsim.errors import UsageError
from govsim.faces.cli import app

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = ROOT / "scenarios" / "iso" / "2013-obstruction.govsim.yaml"
BOOK = ROOT / "scenarios" / "iso" / "rules" / "iso-2013-as-practised.govsim.yaml"
OTHER = ROOT / "scenarios" / "iso" / "rules" / "external-checks.govsim.yaml"
SPEC = ROOT / "scenarios" / "sweeps" / "case-absences.sweep.yaml"
LONG = "x" * 5000


@pytest.fixture
def bad(tmp_path: Path) -> dict[str, Path]:
    """A named pipe, a loop of links, a file, a folder: the awkward paths."""
    os.mkfifo(tmp_path / "pipe.govsim.yaml")
    (tmp_path / "loop1").symlink_to(tmp_path / "loop2")
    (tmp_path / "loop2").symlink_to(tmp_path / "loop1")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    return {
        "pipe": tmp_path / "pipe.govsim.yaml",
        "loop": tmp_path / "loop1",
        "file": tmp_path / "file",
        "folder": tmp_path / "folder",
        "under": tmp_path / "file" / "x.yaml",
    }


@pytest.fixture(autouse=True)
def no_hang() -> Iterator[None]:
    """Fail, rather than wait forever, if a pipe is ever opened for reading."""

    def stop(*_: object) -> None:
        raise TimeoutError("a command blocked: a named pipe was opened")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("pipe", "this is a named pipe; govsim reads only regular files"),
        ("loop", "the path is a loop of symbolic links"),
        ("folder", "this is a folder, not a file"),
        ("under", "a part of the path is a file, not a folder"),
    ],
)
def test_input_problem_names_what_the_path_is(bad, name, problem):
    assert input_problem(bad[name]) == problem


def test_input_problem_refuses_devices_and_bad_text_without_touching_them():
    assert input_problem("/dev/null") == (
        "this is a character device; govsim reads only regular files"
    )
    assert input_problem("") == "the path is empty"
    assert "NUL character" in (input_problem("a\x00b") or "")
    assert input_problem(LONG) == (
        f"the path is 5,000 bytes long; paths may be at most {MAX_PATH_BYTES:,}"
    )
    assert input_problem("a/" + "y" * 300 + "/b") == (
        "a name in the path is 300 bytes long; names may be at most 255"
    )
    assert input_problem("missing.yaml") == "no such file"
    assert input_problem("missing", folder=True) == "no such file or folder"


def test_a_folder_is_an_input_only_where_one_is_taken(bad):
    assert input_problem(bad["folder"], folder=True) is None
    assert input_problem(bad["file"], folder=True) is None


def test_long_paths_are_shown_shortened_and_links_resolved_safely(bad):
    shown = shown_path(LONG)
    assert len(shown) < 200
    assert shown.endswith("(5,000 characters)")
    assert resolve_safely(bad["loop"]) == Path(os.path.abspath(bad["loop"]))


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("folder", "this is a folder; give a file name"),
        ("pipe", "this is a named pipe; govsim writes only regular files"),
        ("under", "a part of the path is a file, not a folder"),
    ],
)
def test_an_output_file_must_be_a_file_in_a_folder(bad, name, problem):
    with pytest.raises(UsageError) as refused:
        check_output_file(bad[name], "--out")
    assert str(refused.value) == f"--out {bad[name]}: {problem}"


def test_an_output_folder_may_be_new_but_not_a_file(bad, tmp_path):
    assert check_output_folder(tmp_path / "new" / "deeper", "--out")
    with pytest.raises(UsageError, match="this is a file, not a folder"):
        check_output_folder(bad["file"], "--out")
    with pytest.raises(UsageError, match="a part of the path is a file, not a folder"):
        check_output_folder(bad["file"] / "below", "--out")


def test_write_output_creates_folders_and_says_why_the_system_refuses(
    tmp_path, monkeypatch
):
    out = write_output(tmp_path / "a" / "b" / "page.html", "text\n", "--out")
    assert out.read_text(encoding="utf-8") == "text\n"

    def refuse(self: Path, *args: object, **kwargs: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_text", refuse)
    with pytest.raises(UsageError) as refused:
        write_output(tmp_path / "c.html", "text", "--out")
    assert str(refused.value) == (
        f"--out {tmp_path / 'c.html'}: cannot write it: No space left on device"
    )


def _inputs(path: str) -> list[list[str]]:
    """Every command given ``path`` where it reads a file."""
    return [
        ["run", path],
        ["check", path],
        ["compare", path, "--rules", "a", "--rules", "b"],
        ["lint", path],
        ["graph", path],
        ["diff", path, str(BOOK)],
        ["diff", str(BOOK), path],
        ["report", path],
        ["sweep", path, "--runs", "1"],
        ["explore", path, "-i", "nemo_iudex", "--max-examples", "1"],
        ["run", str(SCENARIO), "--rules", path],
        ["lint", str(BOOK), "--org", path],
        ["graph", str(BOOK), "--org", path],
        ["diff", str(BOOK), str(OTHER), "--org", path],
        ["explore", str(BOOK), "--org", path, "-i", "nemo_iudex"],
    ]


@pytest.mark.parametrize("name", ["pipe", "loop", "long"])
def test_every_command_refuses_a_bad_input_path_with_exit_2(
    bad, name, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    path = LONG if name == "long" else str(bad[name])
    expected = {
        "pipe": "this is a named pipe; govsim reads only regular files",
        "loop": "the path is a loop of symbolic links",
        "long": "the path is 5,000 bytes long",
    }[name]
    runner = CliRunner()
    for args in _inputs(path):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.output, result.exception)
        assert expected in result.stderr or "no rule book" in result.stderr, (
            args,
            result.stderr,
        )
        assert "Traceback" not in result.output


def _outputs(path: str) -> list[list[str]]:
    """Every command given ``path`` where it writes."""
    return [
        ["report", str(SCENARIO), "--out", path],
        ["graph", str(BOOK), "--format", "dot", "--out", path],
        ["explore", str(BOOK), "-i", "nemo_iudex", "--out", path],
        ["diff", str(BOOK), str(OTHER), "--witnesses", path],
        ["sweep", str(SPEC), "--runs", "1", "--out", path],
    ]


@pytest.mark.parametrize("name", ["pipe", "under", "long"])
def test_every_command_refuses_a_bad_output_path_before_any_work(
    bad, name, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    path = LONG if name == "long" else str(bad[name])
    before = sorted(tmp_path.rglob("*"))
    runner = CliRunner()
    for args in _outputs(path):
        if name == "pipe" and args[0] in {"diff", "sweep"}:
            expected = "not a folder"
        else:
            expected = {
                "pipe": "this is a named pipe; govsim writes only regular files",
                "under": "a part of the path is a file, not a folder",
                "long": "the path is 5,000 bytes long",
            }[name]
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.output, result.exception)
        assert expected in result.stderr, (args, result.stderr)
    assert sorted(tmp_path.rglob("*")) == before


def test_a_document_naming_a_pipe_gets_a_positioned_refusal(bad, tmp_path):
    scenario = tmp_path / "case.govsim.yaml"
    scenario.write_text(
        SCENARIO.read_text(encoding="utf-8").replace(
            "organisation: organisation.govsim.yaml", f"organisation: {bad['pipe']}"
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["check", str(scenario)])
    assert result.exit_code == 2
    assert f"{scenario}:" in result.stdout + result.stderr
    assert "this is a named pipe; govsim reads only regular files" in (
        result.stdout + result.stderr
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--steps", "1000000"],
            "'--steps': must be 1000 or less, got '1000000'",
        ),
        (["--depth", "1000", "--exhaustive"], "'--depth': must be 10 or less"),
        (["--horizon", "1000000000"], "'--horizon': must be 36500 or less"),
        (["--seed", "-1"], "'--seed': must be 0 or more, got '-1'"),
        (["--limit", "0", "--exhaustive"], "'--limit': must be 1 or more"),
        (["--start", "9999-12-31"], "--start must be from 1800-01-01 to 2999-12-31"),
    ],
)
def test_explore_states_the_limit_an_option_broke(args, message):
    result = CliRunner().invoke(
        app, ["explore", str(BOOK), "-i", "nemo_iudex", "--max-examples", "1", *args]
    )
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_the_python_api_refuses_the_same_values_in_its_own_words():
    from govsim.testing.exploration import explore, procedure_machine

    with pytest.raises(UsageError, match="--steps must be from 1 to 1,000, not 5,000"):
        explore(BOOK, "nemo_iudex", steps=5000)
    with pytest.raises(UsageError, match="--seed must be from 0 to"):
        explore(BOOK, "nemo_iudex", seed=-1)
    with pytest.raises(UsageError, match="--horizon must be from 0 to 36,500"):
        procedure_machine(BOOK, horizon=10**9)


def test_a_sweep_past_ten_million_runs_is_refused_at_its_runs_key(tmp_path):
    spec = tmp_path / "big.sweep.yaml"
    scenario = (SPEC.parent / "../iso/2012-13-case.govsim.yaml").resolve()
    spec.write_text(
        SPEC.read_text(encoding="utf-8")
        .replace("../iso/2012-13-case.govsim.yaml", str(scenario))
        .replace("[0.0, 0.2, 0.5]", "[0.0, 0.1, 0.2, 0.3, 0.4, 0.5]"),
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        app, ["sweep", str(spec), "--runs", "1000000", "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 2, result.output
    assert (
        f"{spec}:9:7: runs: this sweep would make 18,000,000 runs (3 books x 6 grid "
        "points x 1,000,000 runs); a sweep makes at most 10,000,000"
    ) in " ".join(result.stderr.split())
    assert not (tmp_path / "o").exists()


def test_a_folder_the_system_will_not_create_is_refused_with_its_reason(
    tmp_path, monkeypatch
):
    from govsim.documents.paths import make_folder

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise FileNotFoundError(2, "No such file or directory")

    monkeypatch.setattr(Path, "mkdir", refuse)
    with pytest.raises(UsageError) as refused:
        make_folder(tmp_path / "proc-like", "--out")
    assert str(refused.value) == (
        f"--out {tmp_path / 'proc-like'}: cannot create it: No such file or directory"
    )
    result = CliRunner().invoke(
        app,
        ["sweep", str(SPEC), "--runs", "1", "--quiet", "--out", str(tmp_path / "o")],
    )
    assert result.exit_code == 2
    assert "cannot create it: No such file or directory" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--steps", "abc"], "'--steps': expected a whole number, got 'abc'"),
        (["--horizon", "1.5"], "'--horizon': expected a whole number, got '1.5'"),
    ],
)
def test_option_errors_are_worded_as_the_documents_are(args, message):
    result = CliRunner().invoke(
        app, ["explore", str(BOOK), "-i", "nemo_iudex", "--max-examples", "1", *args]
    )
    assert result.exit_code == 2, result.output
    said = " ".join((result.stdout + result.stderr).split())
    assert message in said
    assert "Input should" not in said
