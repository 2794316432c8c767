"""The day searches start from: the empowered bodies staffed, and a warning when not."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

import govsim
from govsim.faces.cli import app
from govsim.probing.startday import VacantBody, start_day, vacant_bodies
from govsim.probing.trial import first_day
from govsim.testing import explore, load_design, procedure_machine

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "scenarios" / "iso" / "rules"
ISO_2013 = RULES / "iso-2013-as-practised.govsim.yaml"
DSA = RULES / "dsa-res33-style.govsim.yaml"
SMALL = ROOT / "scenarios" / "explore" / "iso-small.govsim.yaml"
OVERRIDE = "no_executive_override"
NDC_GONE = (
    "warning: nobody holds a seat on ndc on 2020-01-02 (its seats ended on "
    "2015-02-22), so the search tries its acts with nobody sitting"
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(env={"COLUMNS": "120"})


def test_the_day_after_every_seat_leaves_the_iso_disciplinary_committee_empty() -> None:
    design = load_design(ISO_2013, None)
    assert first_day(design) == dt.date(2020, 1, 2)
    assert vacant_bodies(design, first_day(design)) == (
        VacantBody("ndc", dt.date(2020, 1, 2), dt.date(2015, 2, 22), None),
    )


def test_the_default_start_staffs_every_body_the_iso_2013_book_empowers() -> None:
    design = load_design(ISO_2013, None)
    day = start_day(design)
    assert day == dt.date(2011, 2, 20)
    assert vacant_bodies(design, day) == ()
    assert procedure_machine(ISO_2013, invariants=[OVERRIDE]).start == day


def test_an_organisation_with_undated_seats_keeps_the_latest_day() -> None:
    design = load_design(ISO_2013, SMALL)
    assert start_day(design) == first_day(design) == dt.date(2020, 1, 2)
    assert vacant_bodies(design, start_day(design)) == ()


def test_the_heavier_bodies_win_when_no_day_staffs_them_all() -> None:
    # dsa-res33-style empowers both the disciplinary committee (2011-2015)
    # and the dissolution team (from 2019); the committee has more powers.
    design = load_design(DSA, None)
    day = start_day(design)
    assert day == dt.date(2011, 2, 20)
    (vacant,) = vacant_bodies(design, day)
    assert vacant == VacantBody("dissolution-team", day, None, dt.date(2019, 3, 30))
    assert vacant.describe() == (
        "nobody holds a seat on dissolution-team on 2011-02-20 (its next seat "
        "begins on 2019-03-30), so the search tries its acts with nobody sitting"
    )


def test_explore_by_default_finds_the_override_with_the_committee_sitting(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "found.govsim.yaml"
    result = runner.invoke(
        app, ["explore", str(ISO_2013), "-i", OVERRIDE, "--out", str(out)]
    )
    assert result.exit_code == 1, result.output
    assert "warning" not in result.stderr
    sanction = govsim.run(out).trace.acts[0]
    assert (sanction.act, sanction.actor) == ("sanction", "ndc")
    assert sanction.at < dt.date(2015, 2, 22)
    assert any(
        r.check.startswith("threshold: 3 votes for out of 3 votes cast")
        for r in sanction.reasons
    )


def test_an_explicit_start_is_honoured_with_a_warning_for_an_empty_body(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "found.govsim.yaml"
    result = runner.invoke(
        app,
        [
            "explore",
            str(ISO_2013),
            "-i",
            OVERRIDE,
            "--start",
            "2020-01-02",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 1, result.output
    assert result.stderr.strip() == NDC_GONE
    assert "Traceback" not in result.output
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["start"] == dt.date(
        2020, 1, 2
    )


def test_the_library_search_honours_an_explicit_start(tmp_path: Path) -> None:
    found = explore(ISO_2013, [OVERRIDE], start=dt.date(2013, 1, 1), out=tmp_path)
    assert found.counterexample is not None
    assert all(r.at > dt.date(2013, 1, 1) for r in found.counterexample.records)
