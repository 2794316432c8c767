"""Each extra, installed alone in a fresh virtual environment, runs the command it serves.

The wheel is built once from this checkout; each extra gets its own venv
(``python -m venv``, then this interpreter's pip, ``--python``, installs
``govsim[EXTRA]`` from the wheel, its dependencies from the index or the pip
cache), and the venvs are built and exercised in parallel. The base install
is exercised too: it replays a scenario, and every command that needs an
extra says which one (``pip install "govsim[...]"``, exit code 2), never a
traceback. Commands run outside the checkout, so the venv's own govsim is
the one imported.

All eight run in the default run, so CI installs each extra alone every
time: 4.5 minutes together on the 2-core development machine (the venvs
with pyarrow, pandas, polars, Dask and matplotlib), most of it pip. They
need the network or a package mirror, as installing govsim does.
"""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = ROOT / "scenarios" / "tutorial" / "complaint.govsim.yaml"
MODEL_SWEEP = ROOT / "scenarios" / "sweeps" / "crisis-three-books.sweep.yaml"
SMALL_ORG = ROOT / "scenarios" / "explore" / "iso-small.govsim.yaml"
BOOK = ROOT / "scenarios" / "iso" / "rules" / "iso-2013-as-practised.govsim.yaml"
MODEL = ROOT / "scenarios" / "crisis" / "iso-2019.model.yaml"


@dataclass(frozen=True)
class Step:
    """One command in a venv: what it runs, and the exit code and text expected."""

    args: tuple[str, ...]
    """``govsim ...`` arguments, or ``("python", CODE)``."""
    code: int
    says: str
    """Text the command's output (stdout and stderr) must hold."""


def govsim(*args: str, code: int = 0, says: str = "") -> Step:
    return Step(args, code, says)


def python(code: str, says: str) -> Step:
    return Step(("python", code), 0, says)


def hint(extra: str) -> str:
    return f'pip install "govsim[{extra}]"'


def sweep(out: str, *more: str, code: int = 0, says: str = "") -> Step:
    return govsim(
        "sweep",
        str(MODEL_SWEEP),
        "--runs",
        "1",
        "--quiet",
        "--out",
        out,
        *more,
        code=code,
        says=says,
    )


def frame(kind: str) -> str:
    return (
        "import govsim\n"
        f"result = govsim.sweep({str(MODEL_SWEEP)!r}, runs=1, out='frame')\n"
        f"table = result.to_frame({kind!r})\n"
        "print(type(table).__module__.split('.')[0], len(table))\n"
    )


def raises(code: str) -> str:
    """Python that prints the UsageError ``code`` raises (and fails otherwise)."""
    indented = "\n".join("    " + line for line in code.splitlines())
    return f"from govsim.errors import UsageError\ntry:\n{indented}\nexcept UsageError as e:\n    print(e)\nelse:\n    raise SystemExit('no UsageError')\n"


RUN_MODEL = (
    "from govsim.simulation import load_model\n"
    f"load_model({str(MODEL)!r}).run('iso-2019-post-convention', seed=1)"
)
"""Python that runs a behaviour model once (through the API: no command runs one)."""
EXPLORE = (
    "explore",
    str(BOOK),
    "-i",
    "no_executive_override",
    "--org",
    str(SMALL_ORG),
    "--exhaustive",
    "--act",
    "sanction",
    "--act",
    "alter_decision",
    "--actor",
    "ndc",
    "--actor",
    "sc",
    "--out",
    "found",
)

STEPS: dict[str, list[Step]] = {
    "": [
        govsim("run", str(SCENARIO), says="void"),
        sweep("s", code=2, says=hint("sweep")),
        govsim("report", str(SCENARIO), "-o", "r.html", code=2, says=hint("report")),
        govsim(*EXPLORE, code=2, says=hint("testing")),
        python(raises(RUN_MODEL), says=hint("sweep")),
    ],
    "testing": [govsim(*EXPLORE, code=1, says="counterexample: ")],
    "sweep": [
        sweep("s", says="3 of 3 runs, 0 failed"),
        python(
            RUN_MODEL.replace("\nload_model(", "\nprint('voters', load_model(")
            + "['voters'])",
            says="voters ",
        ),
        sweep("d", "--executor", "dask", code=2, says=hint("dask")),
        govsim("report", "s", "-o", "r.html", code=2, says=hint("report")),
        python(raises(frame("pandas")), says=hint("pandas")),
    ],
    "dask": [
        sweep("s", "--executor", "dask", "--workers", "1", says="3 of 3 runs, 0 failed")
    ],
    "pandas": [python(frame("pandas"), says="pandas 3")],
    "polars": [python(frame("polars"), says="polars 3")],
    "report": [
        govsim("report", str(SCENARIO), "-o", "r.html", says="r.html"),
        sweep("s", code=2, says=hint("sweep")),
    ],
    "plots": [sweep("s"), govsim("report", "s", "-o", "r.html", says="r.html")],
}


@dataclass
class Outcome:
    """What one step did."""

    step: Step
    code: int
    output: str


def exercise(wheel: Path, extra: str, where: Path) -> list[Outcome]:
    """Install ``govsim[extra]`` from ``wheel`` into a new venv and run its steps."""
    venv, work = where / "venv", where / "work"
    work.mkdir(parents=True)
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True
    )
    bin_ = venv / ("Scripts" if os.name == "nt" else "bin")
    target = f"{wheel}[{extra}]" if extra else str(wheel)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(bin_ / "python"),
            "install",
            "-q",
            # Compiling every module of pandas, dask, matplotlib... to
            # bytecode is a good share of an install; the commands compile
            # what they import.
            "--no-compile",
            "--disable-pip-version-check",
            target,
        ],
        check=True,
        capture_output=True,
    )
    env = {
        k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}
    }
    env["PATH"] = f"{bin_}{os.pathsep}{env.get('PATH', '')}"
    outcomes = []
    for step in STEPS[extra]:
        if step.args[0] == "python":
            argv = [str(bin_ / "python"), "-I", "-c", step.args[1]]
        else:
            argv = [str(bin_ / "govsim"), *step.args]
        done = subprocess.run(
            argv,
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        outcomes.append(Outcome(step, done.returncode, done.stdout + done.stderr))
    return outcomes


@pytest.fixture(scope="module")
def outcomes(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, list[Outcome]]:
    """The selected extras' steps, each extra in its own venv, the venvs in parallel.

    Only the extras whose test this run selected are installed (``-k base``
    builds the base venv alone).
    """
    selected = {
        item.callspec.params["extra"]
        for item in request.session.items
        if getattr(item, "module", None) is request.module and hasattr(item, "callspec")
    }
    root = tmp_path_factory.mktemp("extras")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "-w",
            str(root / "wheel"),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = (root / "wheel").glob("govsim-*.whl")
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {
            extra: pool.submit(exercise, wheel, extra, root / (extra or "base"))
            for extra in STEPS
            if extra in selected
        }
        return {extra: future.result() for extra, future in futures.items()}


@pytest.mark.parametrize(
    "extra",
    [pytest.param(e, id=e or "base") for e in STEPS],
)
def test_the_extra_alone_runs_its_command(
    outcomes: dict[str, list[Outcome]], extra: str
) -> None:
    for outcome in outcomes[extra]:
        shown = " ".join(outcome.step.args)[:200]
        assert "Traceback" not in outcome.output, (shown, outcome.output)
        assert outcome.code == outcome.step.code, (shown, outcome.output)
        assert outcome.step.says in outcome.output, (shown, outcome.output)
