"""README.md and docs/*.md show what govsim prints today: every output and figure.

``docs/outputs.py`` finds what the pages mark as generated (``console``
blocks, ``<!-- output: ... -->`` blocks, ``<!-- figure: ... -->`` figures),
runs the commands in a scratch copy of ``scenarios/`` and, run by hand,
rewrites what they show. The first tests check that machinery on a page made
up here; the last runs every page's commands and fails, naming each stale
output, until ``python docs/outputs.py`` has refreshed them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import docs_script

ROOT = Path(__file__).resolve().parent.parent
REFRESH = "python docs/outputs.py"


doc = docs_script("outputs.py", "govsim_doc_outputs")

MADE_UP = """\
# A page

There are <!-- figure: printf 'lines: 3\\n' ~ lines: (\\d+) -->2<!-- /figure --> lines,
and <!-- figure: echo 12 -->12<!-- /figure --> is current.

<!-- scratch: notes/hello.txt -->
```text
hello
```

```console
$ cat notes/hello.txt
goodbye
$ printf 'took in 1.5 s\\n'; exit 3   # exit 3
took in 9.9 s
```

<!-- output: printf 'a\\nb\\n' -->
```text
a
```
"""


def _made_up(tmp_path: Path) -> tuple[str, list[object]]:
    page = tmp_path / "page.md"
    page.write_text(MADE_UP, encoding="utf-8")
    runner = doc.Runner(tmp_path / "scratch")
    parsed = doc.parse(page, MADE_UP)
    # The page sits outside the repository here, so its name is its file name.
    parsed.path = ROOT / "page.md"
    return doc.refresh(parsed, runner)


def test_a_made_up_page_is_refreshed_from_its_commands(tmp_path: Path) -> None:
    refreshed, stale = _made_up(tmp_path)
    assert (
        "<!-- figure: printf 'lines: 3\\n' ~ lines: (\\d+) -->3<!-- /figure -->"
        in refreshed
    )
    assert "<!-- figure: echo 12 -->12<!-- /figure -->" in refreshed
    # The scratch file is written before the command that reads it runs.
    assert "$ cat notes/hello.txt\nhello\n$ printf" in refreshed
    # An output that differs from the one shown in its timing alone is kept.
    assert (
        "$ printf 'took in 1.5 s\\n'; exit 3   # exit 3\ntook in 9.9 s\n```"
        in refreshed
    )
    assert "<!-- output: printf 'a\\nb\\n' -->\n```text\na\nb\n```" in refreshed
    where = sorted((s.where, s.problem) for s in stale)
    assert where == [
        ("page.md:12", "prints otherwise"),
        ("page.md:18", "prints otherwise"),
        ("page.md:3", "shows '2'"),
    ]


def test_a_timing_alone_is_not_a_difference() -> None:
    assert doc.same("done in 1.2 s", "done in 14.0 s")
    assert doc.same("1 passed in 0.61s", "1 passed in 12.50s")
    assert doc.same('"seconds": 0.394,', '"seconds": 12.5,')
    # A longer timing may move where a line wraps.
    assert doc.same("a b in 1.2 s;\nseed 0", "a b\nin 11.2 s; seed 0")
    assert not doc.same("3 findings", "4 findings")
    assert not doc.same("a b\nc", "a\nb c")


def test_a_refreshed_page_is_current(tmp_path: Path) -> None:
    refreshed, _ = _made_up(tmp_path)
    runner = doc.Runner(tmp_path / "again")
    parsed = doc.parse(ROOT / "page.md", refreshed)
    again, stale = doc.refresh(parsed, runner)
    assert stale == []
    assert again == refreshed


def test_a_command_before_a_pipe_runs_once_for_every_pipe(tmp_path: Path) -> None:
    assert doc.split_pipe("govsim diff a b | sed -n '/x|y/p' | head") == (
        "govsim diff a b",
        "sed -n '/x|y/p' | head",
    )
    assert doc.split_pipe("a || b") == ("a || b", None)
    runner = doc.Runner(tmp_path / "scratch")
    head = "echo once >> ran.txt; echo warned >&2; printf 'a\\nb\\n'"
    assert runner.run(f"{head} | head -n 1") == (0, "warned\na")
    assert runner.run(f"{head} | tail -n 1") == (0, "warned\nb")
    assert (tmp_path / "scratch" / "ran.txt").read_text() == "once\n"


def test_a_pycon_block_is_a_session_of_the_interactive_prompt(tmp_path: Path) -> None:
    text = (
        "```pycon\n>>> x = 6\n>>> x * 7\n>>> for i in range(2): print(i)\n>>> x\n```\n"
    )
    runner = doc.Runner(tmp_path / "scratch")
    refreshed, stale = doc.refresh(doc.parse(ROOT / "page.md", text), runner)
    assert refreshed == (
        "```pycon\n>>> x = 6\n>>> x * 7\n42\n"
        ">>> for i in range(2): print(i)\n0\n1\n>>> x\n6\n```\n"
    )
    assert [s.problem for s in stale] == ["prints otherwise"]


def test_what_cannot_be_refreshed_is_said(tmp_path: Path) -> None:
    text = (
        "<!-- figure: echo none ~ (\\d+) -->1<!-- /figure -->\n\n"
        "<!-- output: true -->\n```text\nx\n```\n\n"
        "<!-- output: echo x; exit 2 -->\n```text\nx\n```\n"
    )
    runner = doc.Runner(tmp_path / "scratch")
    _, stale = doc.refresh(doc.parse(ROOT / "page.md", text), runner)
    assert [(s.problem, s.fixable) for s in stale] == [
        ("has no such figure", False),
        ("prints nothing", False),
        ("exits 2", False),
    ]


def _prompts_outside_console(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    run = set()
    for start, end, language in doc._fences(lines):
        if language == "console" or doc._OUTPUT.match(
            lines[start - 1] if start else ""
        ):
            run.update(range(start, end))
    return [
        f"{path.relative_to(ROOT)}:{number + 1}: {line}"
        for number, line in enumerate(lines)
        if number not in run and re.match(r"\s*\$ \S", line)
    ]


def test_an_output_shown_after_a_prompt_is_run() -> None:
    # A "$ command" line followed by what it prints is a console block, which
    # the script runs; a block of commands alone is sh, without prompts.
    found = [line for page in doc.pages() for line in _prompts_outside_console(page)]
    assert not found, "prompts in blocks that are not run:\n" + "\n".join(found)


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory) -> object:
    """One scratch folder for every page, as ``python docs/outputs.py`` uses."""
    return doc.Runner(tmp_path_factory.mktemp("doc-outputs").resolve())


@pytest.mark.parametrize(
    "page", doc.pages(), ids=lambda p: p.relative_to(ROOT).as_posix()
)
def test_every_output_shown_is_what_the_command_prints(
    page: Path, runner: object
) -> None:
    pytest.importorskip(
        "hypothesis", reason="the explore examples need govsim[testing]"
    )
    pytest.importorskip("pyarrow", reason="the sweep examples need govsim[sweep]")
    text = page.read_text(encoding="utf-8")
    _, stale = doc.refresh(doc.parse(page, text), runner)
    assert not stale, (
        "\n\n".join(
            f"{s.where}: $ {s.command}\n  {s.problem}; today it prints:\n{s.today}"
            for s in stale
        )
        + f"\n\nIf govsim's output changed on purpose, run `{REFRESH}` (from the "
        "repository root) and read the prose around each output again."
    )


def test_hypothesis_own_counts_and_steps_are_not_a_difference() -> None:
    shown = "no counterexample in 204 examples, 6,885 acts replayed in 7 s; seed 0"
    today = "no counterexample in 201 examples, 6,635 acts replayed in 7 s; seed 0"
    assert doc.same(shown, today)
    assert not doc.same(shown, today.replace("no counterexample", "a counterexample"))
    falsified = (
        "E   broken\nE   Falsifying example:\nE   state.elect(data=data(...))\n1 failed"
    )
    assert doc.same(
        falsified, "E   broken\nE   state.sanction(data=data(...))\n1 failed"
    )
    assert not doc.same(falsified, "E   broken\n1 passed")


def test_pytest_count_of_warnings_is_not_a_difference() -> None:
    # Which warnings the installed libraries raise depends on the machine;
    # CI once counted five where the page (and this machine) showed none.
    assert doc.same("1 failed in 21.92s", "1 failed, 5 warnings in 7.31s")
    assert doc.same("2 passed, 1 warning in 3s", "2 passed in 1s")
    assert not doc.same("1 failed in 21.92s", "1 passed, 5 warnings in 7.31s")
