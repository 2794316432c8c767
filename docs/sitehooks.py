"""MkDocs hooks for the documentation site (``hooks:`` in mkdocs.yml).

The pages under docs/ are written to be read on GitHub as well as on the
site, so they link to the repository's own files (``../scenarios/...``) and
the home page is the README, whose links start at the repository root. These
hooks make both work on the site without loosening ``mkdocs build --strict``:

* a repository file outside docs/ that a page links to, and that exists, is
  published under ``repository/`` in the site, so the link resolves; a link to
  a file that does not exist still fails the build;
* the line ``--8<-- "README.md"`` in docs/index.md is replaced by the README,
  its links rebased from the repository root to docs/;
* in the API pages, the reST of the docstrings reads as prose: a Sphinx role
  (``:class:`X```) is shown as code, linked when it names a documented object,
  and the ``::`` before a literal block as ``:``.
"""

from __future__ import annotations

import logging
import posixpath
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from mkdocs.structure.files import File, Files, InclusionLevel

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

_log = logging.getLogger("mkdocs.hooks.sitehooks")

PUBLISHED = "repository"
"""The folder of the site that holds the repository files the pages link to."""

README_LINE = '--8<-- "README.md"'

_INLINE_LINK = re.compile(r"(\]\(\s*<?)([^)\s>]+)")
_REFERENCE = re.compile(r"^(\s{0,3}\[[^\]]+\]:\s*<?)(\S+?)(>?(?:\s.*)?)$")
_HTML_LINK = re.compile(r"""((?:href|src)=["'])([^"']+)""")
_ROLE = re.compile(
    r":(?:class|func|meth|mod|attr|exc|data|obj|const|py:\w+):<code>(~?)([^<]*)</code>"
)


def _targets(markdown: str) -> Iterator[str]:
    """Every link target in a page: inline, by reference, or in HTML."""
    for line in markdown.splitlines():
        for pattern in (_INLINE_LINK, _REFERENCE, _HTML_LINK):
            for match in pattern.finditer(line):
                yield match.group(2)


def _relative_path(target: str) -> str | None:
    """The file part of a relative link, or None for a URL or an anchor."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path or target.startswith("/"):
        return None
    return parts.path


def arranged_nav(nav: list[Any], docs: Path) -> list[Any]:
    """The nav without the pages not written yet.

    Several people add pages at once, so the nav names some before they are
    written; such an entry is left out rather than shown as a broken link.
    A misspelt entry cannot hide a page: every page under docs/ must be in
    the nav, or ``mkdocs build --strict`` fails (``validation.omitted_files``).
    """
    arranged: list[Any] = []
    for entry in nav:
        title, value = (
            next(iter(entry.items())) if isinstance(entry, dict) else (None, entry)
        )
        if isinstance(value, list):
            value = arranged_nav(value, docs)
            if not value:
                continue
        elif urlsplit(value).scheme:
            pass
        elif not (docs / value).is_file():
            _log.info("nav: %s is not written yet, left out", value)
            continue
        arranged.append(value if title is None else {title: value})
    return arranged


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Leave out of the nav the pages not written yet."""
    if config.nav is not None:
        config.nav = arranged_nav(config.nav, Path(config.docs_dir))
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Publish the repository files outside docs/ that the pages link to."""
    docs = Path(config.docs_dir).resolve()
    root = docs.parent
    wanted: set[str] = set()
    for page in files.documentation_pages():
        text = page.content_string
        if page.src_uri == "index.md" and README_LINE in text:
            text += "\n" + _rebased_readme(root)
        for target in _targets(text):
            path = _relative_path(target)
            if path is None:
                continue
            uri = posixpath.normpath(
                posixpath.join(posixpath.dirname(page.src_uri), path)
            )
            if uri.startswith("../"):
                wanted.add(uri)
    for uri in sorted(wanted):
        source = (docs / uri).resolve()
        inside = source.is_relative_to(root) and not source.is_relative_to(docs)
        # A page is not published from outside docs/ (a link to the README
        # goes to the home page): the link is left to be reported as broken,
        # as is one to a file that does not exist.
        if (
            not inside
            or not source.is_file()
            or source.suffix == ".md"
            or ".git" in source.parts
        ):
            continue
        files.append(
            File(
                uri,
                src_dir=str(docs),
                dest_dir=config.site_dir,
                use_directory_urls=config.use_directory_urls,
                dest_uri=f"{PUBLISHED}/{source.relative_to(root).as_posix()}",
                # Set here: the path starts with "..", which the default
                # exclusion of hidden files (".*") would otherwise match.
                inclusion=InclusionLevel.INCLUDED,
            )
        )
    return files


def _rebase(target: str) -> str:
    """A link of the README (from the repository root) as seen from docs/."""
    path = _relative_path(target)
    if path is None:
        return target
    rest = target[len(path) :]
    normal = posixpath.normpath(path)
    if normal.startswith("docs/"):
        return normal.removeprefix("docs/") + rest
    return "../" + normal + rest


def _relink(markdown: str, relink: Callable[[str], str]) -> str:
    """The text with every link target outside code blocks passed through ``relink``."""

    def replace(match: re.Match[str]) -> str:
        start, end = match.span(2)
        offset = match.start(0)
        whole = match.group(0)
        return whole[: start - offset] + relink(match.group(2)) + whole[end - offset :]

    lines = []
    fence = ""
    for line in markdown.splitlines():
        opening = re.match(r"\s*(`{3,}|~{3,})", line)
        relinked = line
        if fence:
            if opening and opening.group(1).startswith(fence):
                fence = ""
        elif opening:
            fence = opening.group(1)
        else:
            for pattern in (_INLINE_LINK, _REFERENCE, _HTML_LINK):
                relinked = pattern.sub(replace, relinked)
        lines.append(relinked)
    return "\n".join(lines) + "\n"


def _rebased_readme(root: Path) -> str:
    """The README with its links rebased from the repository root to docs/."""
    return _relink((root / "README.md").read_text(encoding="utf-8"), _rebase)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **_: Any) -> str:
    """Put the README in the home page, and send links to the README there."""
    if page.file.src_uri == "index.md" and README_LINE in markdown:
        root = Path(config.docs_dir).resolve().parent
        markdown = markdown.replace(README_LINE, _rebased_readme(root))
    here = posixpath.dirname(page.file.src_uri)
    home = posixpath.relpath("index.md", here or ".")

    def to_home(target: str) -> str:
        path = _relative_path(target)
        if (
            path is None
            or posixpath.normpath(posixpath.join(here, path)) != "../README.md"
        ):
            return target
        return home + target[len(path) :]

    return _relink(markdown, to_home)


def _role(match: re.Match[str]) -> str:
    """``:class:`~a.b.C``` as ``C`` in code, linked if ``a.b.C`` is documented."""
    name = match.group(2)
    shown = name.rsplit(".", 1)[-1] if match.group(1) else name
    identifier = name.strip("()")
    return f'<autoref identifier="{identifier}" optional><code>{shown}</code></autoref>'


def on_page_content(html: str, page: Page, **_: Any) -> str:
    """Show the docstrings' reST in the API pages as prose, not markup."""
    if not page.file.src_uri.startswith("api/"):
        return html
    # reST's "text::" before a literal block reads "text:" once the block is code.
    return _ROLE.sub(_role, html).replace("::</p>", ":</p>")
