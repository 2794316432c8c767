"""The repository stands on its own: nothing points outside it, and every citation resolves.

A clone holds everything a reader needs: the sources the examples cite are
listed in docs/sources.md, the facts and principles behind them are told in
docs/, and every relative link in the docs leads to a file that is there.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "docs" / "sources.md"
THIS = Path(__file__).resolve()

# Words that only make sense beside files this repository does not have: the
# research brief and seed documents it was first built from.
OUTSIDE = [
    (re.compile(r"\.\./shared"), "a folder outside the repository"),
    (re.compile(r"\bseeds/"), "a seed-documents folder outside the repository"),
    (re.compile(r"(?<![\w\])])\[EXT\]"), "a marker of the outside research brief"),
]
DOMAIN_MD = re.compile(r"[\w./-]*domain\.md")
MD_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
DOC_REF = re.compile(r"\b(docs/[\w.-]+\.md)(?:#([\w-]+))?")
KEY = re.compile(r"^([a-z0-9][a-z0-9-]*)(?=$|[\s,(])")


def _tracked() -> list[Path]:
    out = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    return [ROOT / p for p in out.split("\0") if p and (ROOT / p).is_file()]


def _text(path: Path) -> str | None:
    data = path.read_bytes()
    if b"\0" in data:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _texts() -> Iterator[tuple[Path, str]]:
    for path in _tracked():
        if path == THIS:
            continue
        text = _text(path)
        if text is not None:
            yield path, text


def _line(text: str, at: int) -> int:
    return text.count("\n", 0, at) + 1


def slug(heading: str) -> str:
    """A heading's anchor as GitHub and mkdocs make it (lower case, hyphens)."""
    text = re.sub(r"[`*]", "", heading.strip().lower())
    text = re.sub(r"[^\w\s-]", "", text)
    return re.sub(r"\s", "-", text)


def anchors(page: Path) -> set[str]:
    """The anchors of a markdown page's headings."""
    return {
        slug(m.group(1))
        for m in re.finditer(r"^#{1,6}\s+(.+?)\s*#*$", _prose(page.read_text()), re.M)
    }


def _prose(markdown: str) -> str:
    """The page without fenced code blocks, whose text is not markdown."""
    return re.sub(r"^(```|~~~).*?^\1[^\n]*$", "", markdown, flags=re.M | re.S)


def source_keys() -> set[str]:
    """The keys docs/sources.md defines: its third-level headings."""
    return set(re.findall(r"^### ([a-z0-9][a-z0-9-]*)\s*$", SOURCES.read_text(), re.M))


def citations(value: str) -> list[str]:
    """A ``source:`` value split into its citations, at ``;`` outside brackets."""
    parts: list[str] = []
    depth, current = 0, ""
    for char in value:
        depth += (char in "([") - (char in ")]")
        if char == ";" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return [p.strip() for p in parts if p.strip()]


def _sources(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "source" and isinstance(value, str):
                yield value
            else:
                yield from _sources(value)
    elif isinstance(node, list):
        for item in node:
            yield from _sources(item)


def _scenario_files() -> list[Path]:
    return sorted(
        p
        for p in _tracked()
        if p.is_relative_to(ROOT / "scenarios") and p.suffix == ".yaml"
    )


def test_nothing_refers_to_files_outside_the_repository() -> None:
    found = []
    for path, text in _texts():
        rel = path.relative_to(ROOT)
        for pattern, what in OUTSIDE:
            found += [
                f"{rel}:{_line(text, m.start())}: {m.group()} ({what})"
                for m in pattern.finditer(text)
            ]
        for m in DOMAIN_MD.finditer(text):
            named = m.group()
            here = (path.parent / named).resolve()
            there = (ROOT / named).resolve()
            if not any(p.is_file() and p.is_relative_to(ROOT) for p in (here, there)):
                found.append(
                    f"{rel}:{_line(text, m.start())}: {named} is not a file in the repository"
                )
    assert found == []


def test_sources_page_defines_keys() -> None:
    keys = source_keys()
    assert {
        "sc-letter-2019",
        "ronr-12",
        "lmrda-101a5",
        "background",
        "principles",
    } <= keys
    assert all(slug(k) == k for k in keys)


@pytest.mark.parametrize(
    ("value", "first"),
    [
        ("ronr-12 §63 (the trial; 63:22); ronr-12 45:4", ["ronr-12", "ronr-12"]),
        ("sc-letter-2019", ["sc-letter-2019"]),
        ("S2 (the letter)", ["S2"]),
        ("background (a; b); principles", ["background", "principles"]),
    ],
)
def test_citations_split_at_top_level_semicolons(value: str, first: list[str]) -> None:
    assert [c.split()[0] for c in citations(value)] == first


def test_every_source_in_scenarios_cites_a_key_of_the_sources_page() -> None:
    keys = source_keys()
    unresolved, count = [], 0
    for path in _scenario_files():
        document = yaml.safe_load(path.read_text())
        for value in _sources(document):
            for citation in citations(value):
                count += 1
                match = KEY.match(citation)
                if match is None or match.group(1) not in keys:
                    unresolved.append(f"{path.relative_to(ROOT)}: {citation!r}")
    assert count > 100, "the seed scenarios cite their sources"
    assert unresolved == []


def test_docs_pages_named_in_tracked_files_exist_with_their_anchors() -> None:
    broken = []
    for path, text in _texts():
        for m in DOC_REF.finditer(text):
            page, anchor = ROOT / m.group(1), m.group(2)
            where = f"{path.relative_to(ROOT)}:{_line(text, m.start())}: {m.group()}"
            if not page.is_file():
                broken.append(f"{where}: no such page")
            elif anchor and page.suffix == ".md" and anchor not in anchors(page):
                broken.append(f"{where}: no such heading")
    assert broken == []


def _markdown_pages() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def test_every_relative_link_in_the_docs_leads_to_a_file() -> None:
    broken, count = [], 0
    for page in _markdown_pages():
        text = _prose(page.read_text())
        text = re.sub(r"`[^`\n]*`", "", text)
        for m in MD_LINK.finditer(text):
            target = m.group(1)
            if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
                continue
            count += 1
            file_part, _, anchor = target.partition("#")
            linked = (page.parent / file_part).resolve()
            where = f"{page.relative_to(ROOT)}: ({target})"
            if not linked.exists() or not linked.is_relative_to(ROOT):
                broken.append(f"{where}: no such file in the repository")
            elif anchor and linked.suffix == ".md" and anchor not in anchors(linked):
                broken.append(f"{where}: no heading #{anchor}")
    assert count > 10
    assert broken == []
