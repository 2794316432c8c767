"""A real headless Chromium for report tests, driven by Playwright.

The browser is Debian's ``chromium`` (``.ci/run`` installs it); Playwright is
told its path so it never downloads a browser of its own. Without Chromium on
the machine the browser tests are skipped with the reason, so the rest of the
suite still runs on a laptop that lacks it.

Screenshots are kept under ``artifacts/screenshots/`` (see the README), one per
report type, so CI keeps them as artefacts and people can look at what the
tests saw.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

REPO = Path(__file__).resolve().parents[2]
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
        lambda request: requests.append(request.url)
        if not request.url.startswith(("file:", "data:", "about:"))
        else None,
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
