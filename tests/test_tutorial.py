"""docs/tutorial.md shows what govsim does today: its files and its commands' outputs.

The tutorial marks its commands (``$`` lines in ```` ```console ```` blocks,
``# exit N`` when a command does not exit 0) and the files it shows
(``<!-- file: PATH -->`` before a block); ``docs/tutorial.py`` parses them,
runs the commands in a scratch copy of ``scenarios/tutorial/`` and, run by
hand, rewrites the outputs shown. Only the scratch path and durations are
normalised.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from conftest import docs_script

ROOT = Path(__file__).resolve().parent.parent
REFRESH = "python docs/tutorial.py"


doc = docs_script("tutorial.py", "govsim_tutorial_doc")
TEXT = doc.TUTORIAL.read_text(encoding="utf-8")
COMMANDS, INCLUDED = doc.parse(TEXT)


def test_the_tutorial_covers_the_whole_workflow() -> None:
    commands = " ; ".join(c.text for c in COMMANDS)
    for needed in (
        "govsim new organisation",
        "govsim new rulebook",
        "govsim new scenario",
        "govsim check",
        "govsim run",
        "--explain",
        "govsim compare",
        "govsim lint",
        "govsim explore",
        "pytest",
        "govsim report",
    ):
        assert needed in commands, f"the tutorial runs no {needed}"
    shown = {i.path for i in INCLUDED}
    assert shown == {
        "scenarios/tutorial/riverside.govsim.yaml",
        "scenarios/tutorial/rules/riverside-rules.govsim.yaml",
        "scenarios/tutorial/rules/riverside-strict.govsim.yaml",
        "scenarios/tutorial/complaint.govsim.yaml",
        "scenarios/tutorial/test_riverside.py",
    }


@pytest.mark.parametrize("included", INCLUDED, ids=lambda i: i.path)
def test_a_file_shown_is_the_file_in_the_repository(included: Any) -> None:
    actual = (ROOT / included.path).read_text(encoding="utf-8")
    assert included.shown == actual, (
        f"docs/tutorial.md:{included.line} shows {included.path} "
        f"otherwise than the file; run `{REFRESH}` to copy the files in"
    )


def test_every_command_prints_what_the_tutorial_shows(tmp_path: Path) -> None:
    pytest.importorskip("hypothesis", reason="the tutorial's property test needs it")
    pytest.importorskip("jinja2", reason="the tutorial's report needs govsim[report]")
    scratch = doc.scratch_copy(tmp_path.resolve())
    differences = []
    timings = []
    for command in COMMANDS:
        started = time.perf_counter()
        code, output = doc.run(command, scratch)
        timings.append(f"{time.perf_counter() - started:5.1f} s  {command.text}")
        if code != command.exit_code:
            differences.append(
                f"docs/tutorial.md:{command.line}: $ {command.text}\n"
                f"  exits {code}, the tutorial says {command.exit_code}\n{output}"
            )
        elif doc.normalise(output) != doc.normalise(command.shown):
            differences.append(
                f"docs/tutorial.md:{command.line}: $ {command.text}\n"
                f"  prints otherwise than shown; today it prints:\n{output}"
            )
    assert not differences, (
        "\n\n".join(differences)
        + f"\n\nIf govsim's output changed on purpose, run `{REFRESH}` "
        "(from the repository root) to refresh the outputs shown, and read the "
        "tutorial's prose again.\n\ntimes:\n" + "\n".join(timings)
    )
    assert (scratch / "riverside.html").is_file()
    assert (scratch / "draft" / "first-case.govsim.yaml").is_file()
