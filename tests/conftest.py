"""Shared helpers: small organisation, rule book and scenario files; a browser.

Documents are built as Python dicts and written as JSON (a subset of YAML 1.2,
so every string is quoted and no YAML 1.1 word can sneak in), or written
verbatim from YAML strings when a test needs exact line and column numbers.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import textwrap
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, settings

import govsim
from govsim.findings.result import Result

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ORG_FILE = "organisation.govsim.yaml"
SCENARIO_FILE = "scenario.govsim.yaml"


def _jsonable(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {value!r} into a document")


def dump(data: Mapping[str, Any]) -> str:
    """A document as YAML 1.2 text (JSON flavour)."""
    return json.dumps(data, indent=2, default=_jsonable) + "\n"


def organisation(
    persons: Mapping[str, Mapping[str, Any]] | Iterable[str],
    bodies: Mapping[str, Mapping[str, Any]],
    relations: Sequence[Mapping[str, Any]] = (),
    *,
    ident: str = "org",
) -> dict[str, Any]:
    """An organisation document; persons may be given as a plain list of ids."""
    if not isinstance(persons, Mapping):
        persons = {pid: {} for pid in persons}
    return {
        "schema_version": 1,
        "organisation": ident,
        "persons": dict(persons),
        "bodies": dict(bodies),
        "relations": list(relations),
    }


def association() -> dict[str, Any]:
    """The small association of the amendment tests, as scenarios/amendments has it.

    A membership; a board of three; a disciplinary committee of three; a
    critic and another member with no seat.
    """
    return organisation(
        ["board-a", "board-b", "board-c", "dc-a", "dc-b", "dc-c", "critic", "member-a"],
        {
            "membership": {"kind": "membership"},
            "board": {
                "kind": "executive",
                "size": 3,
                "seats": [{"person": p} for p in ("board-a", "board-b", "board-c")],
            },
            "dc": {
                "kind": "disciplinary",
                "size": 3,
                "seats": [{"person": p} for p in ("dc-a", "dc-b", "dc-c")],
            },
        },
    )


def rulebook(
    clauses: Sequence[Mapping[str, Any]],
    *,
    ident: str = "book",
    enforcement: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A rule book document; ``extra`` adds keys such as extends or amendments."""
    doc: dict[str, Any] = {"schema_version": 1, "rulebook": ident}
    if enforcement is not None:
        doc["enforcement"] = enforcement
    doc["clauses"] = list(clauses)
    doc.update(extra)
    return doc


def scenario(
    acts: Sequence[Mapping[str, Any]],
    *,
    books: Sequence[str] = ("book",),
    ident: str = "scn",
    organisation_file: str = ORG_FILE,
    **extra: Any,
) -> dict[str, Any]:
    """A scenario document naming an organisation file and rule books by id."""
    doc: dict[str, Any] = {
        "schema_version": 1,
        "scenario": ident,
        "organisation": organisation_file,
        "rulebooks": list(books),
        "acts": list(acts),
    }
    doc.update(extra)
    return doc


class Docs:
    """Writes documents into one temporary directory and loads or runs them."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def write(self, name: str, content: str | Mapping[str, Any]) -> Path:
        """Write a document (YAML text, dedented, or a dict) and return its path."""
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            text = textwrap.dedent(content).lstrip("\n")
        else:
            text = dump(content)
        path.write_text(text, encoding="utf-8")
        return path

    def build(
        self,
        org: Mapping[str, Any] | str,
        books: Sequence[Mapping[str, Any] | tuple[str, str]],
        scen: Mapping[str, Any] | str,
    ) -> Path:
        """Write an organisation, rule books (in ``rules/``) and a scenario.

        A book is a dict (written as ``rules/<rulebook>.govsim.yaml``) or a
        ``(file name, YAML text)`` pair.
        """
        self.write(ORG_FILE, org)
        for book in books:
            if isinstance(book, tuple):
                self.write(f"rules/{book[0]}", book[1])
            else:
                self.write(f"rules/{book['rulebook']}.govsim.yaml", book)
        return self.write(SCENARIO_FILE, scen)

    def run(
        self,
        org: Mapping[str, Any],
        clauses: Sequence[Mapping[str, Any]],
        acts: Sequence[Mapping[str, Any]],
        *,
        enforcement: str | None = None,
        book_extra: Mapping[str, Any] | None = None,
        **scenario_extra: Any,
    ) -> Result:
        """Replay acts under one book made of ``clauses``; return the result."""
        book = rulebook(clauses, enforcement=enforcement, **(book_extra or {}))
        path = self.build(org, [book], scenario(acts, **scenario_extra))
        return govsim.run(path, "book")


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many times each file (by name) is parsed from here on.

    The documents kept from earlier tests are dropped first, so a file this
    test reads is parsed, and counted, at least once.
    """
    from govsim.documents import yamlsource
    from govsim.documents.cache import forget_documents

    forget_documents()
    counts: Counter[str] = Counter()
    real = yamlsource.parse_yaml

    def counting(text: str, path: str) -> Any:
        counts[Path(path).name] += 1
        return real(text, path)

    monkeypatch.setattr(yamlsource, "parse_yaml", counting)
    return counts


@pytest.fixture
def docs(tmp_path: Path) -> Docs:
    """A document writer bound to this test's temporary directory."""
    return Docs(tmp_path)


def docs_script(name: str, module: str) -> ModuleType:
    """A script of docs/ (``outputs.py``, ``tutorial.py``, ``sitehooks.py``),
    imported from its file under the module name ``module``: docs/ is no package."""
    import importlib.util

    path = Path(__file__).resolve().parent.parent / "docs" / name
    spec = importlib.util.spec_from_file_location(module, path)
    assert spec is not None
    assert spec.loader is not None
    loaded = importlib.util.module_from_spec(spec)
    # Registered first: the dataclasses of a script look their module up.
    sys.modules[spec.name] = loaded
    spec.loader.exec_module(loaded)
    return loaded


def span_of(path: Path, needle: str, occurrence: int = 1, *, after: str = "") -> str:
    """``path:line:col`` of the n-th ``needle`` in the file (after ``after``, if given)."""
    text = path.read_text(encoding="utf-8")
    index = text.index(after) + len(after) - 1 if after else -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return f"{path}:{line}:{col}"


# --- a small club, shared by the command-line and pytest-plugin tests ------

# The small case the command-line tests replay and look books up for.
SMALL_CASE = """\
schema_version: 1
scenario: small-case
title: A small case
organisation: org.govsim.yaml
rulebooks: [basic]
acts:
  - {id: complaint, at: 2020-01-01, act: file_complaint, by: alice, case: k1, against: [bob]}
  - {id: expel, at: 2020-01-05, act: sanction, by: panel, case: k1, targets: [bob], sanction: expel}
  - {id: board-expels, at: 2020-01-06, act: sanction, by: board, case: k1, targets: [bob], sanction: expel}
expect:
  basic:
    verdicts: {complaint: valid, expel: irregular, board-expels: void}
"""

ORGANISATION = """\
schema_version: 1
organisation: club
persons:
  chair: {status: member}
  alice: {status: member}
  bob: {status: member}
bodies:
  board:
    kind: executive
    seats:
      - {person: chair}
      - {person: alice}
  panel:
    kind: disciplinary
    seats:
      - {person: alice}
"""

BASIC = """\
schema_version: 1
rulebook: basic
enforcement: audited
clauses:
  - id: "1"
    text: Members may complain.
    powers:
      - by: {person: member}
        acts: [file_complaint]
  - id: "4.2"
    text: The panel may sanction members after notice.
    powers:
      - by: panel
        acts: [sanction]
    requires:
      - rule: notice
        acts: [sanction]
        days: 7
"""

# A second book in which the board, not the panel, holds the power to sanction.
BOARD = """\
schema_version: 1
rulebook: board-rules
enforcement: audited
clauses:
  - id: "1"
    text: Members may complain.
    powers:
      - by: {person: member}
        acts: [file_complaint]
  - id: "B3"
    text: The board may sanction members.
    powers:
      - by: board
        acts: [sanction]
"""


# Hypothesis profiles: "quick" keeps the default run within minutes on two
# cores; "thorough" (pytest --hypothesis-profile thorough) searches deeper.
settings.register_profile("quick", max_examples=30, deadline=None)
settings.register_profile(
    "thorough",
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def pytest_configure(config: pytest.Config) -> None:
    if not config.getoption("hypothesis_profile", None):
        settings.load_profile("quick")


# -- A real headless Chromium for the report tests (tests/browser/) ----------
#
# The browser is Debian's ``chromium`` (``.ci/run`` installs it); Playwright is
# told its path so it never downloads a browser of its own. Without Chromium
# on the machine the browser tests are skipped with the reason, so the rest of
# the suite still runs on a laptop that lacks it. Screenshots are kept under
# ``artifacts/screenshots/`` (see the README), one per report type, so CI
# keeps them as artefacts. These live here rather than in a conftest of
# their own, since test modules import helpers ``from conftest``.

REPO = Path(__file__).resolve().parents[1]
SCREENSHOTS = REPO / "artifacts" / "screenshots"

# Without the background-networking flags Chromium keeps trying to reach
# Google's hosts, which a closed CI network refuses many times a second.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str | None:
    """Where Chromium is: ``$GOVSIM_CHROMIUM``, else the first on ``PATH``."""
    explicit = os.environ.get("GOVSIM_CHROMIUM")
    if explicit:
        return explicit
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole session."""
    executable = chromium_path()
    if executable is None:
        pytest.skip("no Chromium on this machine: apt-get install chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page that fails the test on any script error or network request.

    Reports must be self-contained: a request to anything but the file itself
    (or an inline ``data:`` URI) means the page would break offline.
    """
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    opened = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.on(
        "request",
        lambda request: (
            requests.append(request.url)
            if not request.url.startswith(("file:", "data:", "about:"))
            else None
        ),
    )
    yield opened
    context.close()
    assert not errors, f"script errors on the page: {errors}"
    assert not requests, f"the page reached for the network: {requests}"


def keep_screenshot(page: Page, name: str) -> Path:
    """Save a full-page screenshot as ``artifacts/screenshots/NAME.png``."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def is_blank(png: Path) -> bool:
    """Whether a screenshot is one flat colour (nothing was drawn)."""
    from PIL import Image  # matplotlib brings Pillow

    with Image.open(png) as image:
        low, high = zip(*image.convert("RGB").getextrema(), strict=True)
    return low == high


def written_under_two_hash_seeds(target: Path, folder: Path) -> list[bytes]:
    """``govsim report TARGET`` in two fresh interpreters with other hash seeds.

    Set and dict order of strings changes with ``PYTHONHASHSEED``, which is
    fixed for the life of one process, so only separate processes can show
    that the page does not depend on it. The two run side by side.
    """
    runs = []
    for seed in ("1", "2"):
        out = folder / f"seed-{seed}.html"
        command = [sys.executable, "-m", "govsim", "report", str(target)]
        env = {**os.environ, "PYTHONHASHSEED": seed}
        process = subprocess.Popen(
            [*command, "--out", str(out)], env=env, stdout=subprocess.DEVNULL
        )
        runs.append((out, process))
    for _, process in runs:
        assert process.wait(timeout=120) == 0
    return [out.read_bytes() for out, _ in runs]
