"""Tests of ``govsim lint`` and of finding rule books by id."""

from __future__ import annotations

from pathlib import Path

import pytest

from govsim.documents.finding import find_rulebook
from govsim.errors import UsageError

ROOT = Path(__file__).resolve().parent.parent


def test_find_rulebook_by_id_under_scenarios() -> None:
    found = find_rulebook("iso-2013-as-practised", near=ROOT)
    assert found == ROOT / "scenarios/iso/rules/iso-2013-as-practised.govsim.yaml"


def test_find_rulebook_prefers_the_folder_itself(tmp_path: Path) -> None:
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "scenarios/a.govsim.yaml").write_text("rulebook: club\n")
    (tmp_path / "b.govsim.yaml").write_text("schema_version: 1\nrulebook: club\n")
    assert find_rulebook("club", near=tmp_path) == tmp_path / "b.govsim.yaml"


def test_find_rulebook_takes_a_path_as_it_is(tmp_path: Path) -> None:
    book = tmp_path / "anything.yaml"
    book.write_text("rulebook: other\n")
    assert find_rulebook(book) == book
    assert find_rulebook(str(book)) == book


def test_unknown_rulebook_id_suggests_the_closest() -> None:
    with pytest.raises(UsageError, match="did you mean 'iso-2013-as-practised'"):
        find_rulebook("iso-2013-as-practise", near=ROOT)


def test_missing_rulebook_file_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no rule book file"):
        find_rulebook(tmp_path / "gone.govsim.yaml")
