"""Regenerate the README's pictures of the three kinds of report.

Run from the repository root, with the test extras and Debian's Chromium
installed (``python -m pip install ".[test]"``, ``apt-get install chromium``)::

    python docs/pictures.py

It draws the organisation chart of ``iso-2013-as-practised``, the report of
the disclosure week under the three seed books, and the report of the
crisis sweep over the same books (600 runs), opens each
in headless Chromium and saves a PNG of it under ``docs/images/``. The
pictures come from the seed inputs only, so anyone can check them. Name
some of them to redraw only those::

    python docs/pictures.py graph
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def govsim(*args: str) -> None:
    """Run the command line as a user would, failing loudly."""
    subprocess.run([sys.executable, "-m", "govsim", *args], check=True, cwd=ROOT)


PICTURES = ("graph", "scenario-report", "sweep-report")
"""The pictures, by the name of their file under ``docs/images/``."""


def main() -> None:
    """Render the reports named on the command line (all by default) and photograph them."""
    from playwright.sync_api import sync_playwright

    wanted = sys.argv[1:] or list(PICTURES)
    unknown = sorted(set(wanted) - set(PICTURES))
    if unknown:
        sys.exit(
            f"no such picture: {', '.join(unknown)} (choose from {', '.join(PICTURES)})"
        )
    IMAGES.mkdir(parents=True, exist_ok=True)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("no Chromium on this machine: apt-get install chromium")
    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright:
        work = Path(scratch)
        browser = playwright.chromium.launch(
            executable_path=chromium, headless=True, args=CHROMIUM_ARGS
        )
        tab = browser.new_page(viewport={"width": 1400, "height": 1000})
        if "graph" in wanted:
            chart = work / "graph.svg"
            govsim("graph", "iso-2013-as-practised", "--out", str(chart))
            tab.goto(chart.as_uri())
            tab.locator("svg.org-chart").screenshot(path=str(IMAGES / "graph.png"))
        if "scenario-report" in wanted:
            page = work / "disclosure-week.html"
            govsim(
                "report",
                "scenarios/iso/2019-disclosure-week.govsim.yaml",
                "--out",
                str(page),
            )
            tab.goto(page.as_uri())
            # The override, with its explanation open, is the story's turn.
            tab.locator('g.act[data-act="sc-overrides"]').first.click()
            tab.screenshot(
                path=str(IMAGES / "scenario-report.png"),
                clip={"x": 0, "y": 0, "width": 1400, "height": 1000},
            )
        if "sweep-report" in wanted:
            sweep = work / "sweep"
            govsim(
                "sweep",
                "scenarios/sweeps/crisis-three-books.sweep.yaml",
                "--out",
                str(sweep),
                "--quiet",
            )
            sweep_page = work / "sweep.html"
            govsim("report", str(sweep), "--out", str(sweep_page))
            tab.goto(sweep_page.as_uri())
            # The distributions per book are what the page is for.
            top = tab.locator("h2", has_text="Distributions").bounding_box()
            assert top is not None, "the sweep page has no Distributions section"
            tab.screenshot(
                path=str(IMAGES / "sweep-report.png"),
                full_page=True,
                clip={"x": 0, "y": top["y"] - 16, "width": 1400, "height": 1100},
            )
        browser.close()
    for name in wanted:
        print(IMAGES / f"{name}.png")


if __name__ == "__main__":
    main()
