"""HTML pages from Jinja2 templates, self-contained: CSS and scripts inline.

Every report page extends ``templates/base.html.j2`` and is rendered by
:func:`render_page`. Templates may call ``inline(name)`` to paste a file of
``templates/`` (a stylesheet, a script) into the page, so the file a report
writes opens offline, mailed or archived, with nothing to fetch.

Jinja2 is an optional dependency (the ``report`` extra, also in ``viz``). It
is imported inside the functions here, and its absence is a
:class:`~govsim.errors.UsageError` that names the extra to install, so the
command line exits 2 with that message rather than a traceback.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govsim.__about__ import __version__
from govsim.documents.paths import check_output_file, write_output
from govsim.errors import UsageError
from govsim.extras import need

if TYPE_CHECKING:
    from jinja2 import Environment
    from markupsafe import Markup

__all__ = [
    "TEMPLATES",
    "check_out",
    "domid",
    "environment",
    "render_page",
    "require_viz",
    "write_page",
]

TEMPLATES = Path(__file__).resolve().parent / "templates"
"""Where the page templates, stylesheets and scripts are."""


def require_viz(what: str = "an HTML report") -> None:
    """Fail with the install command when the ``report`` extra is missing.

    The same check and message as every optional dependency of govsim
    (:func:`govsim.extras.need`).

    Args:
        what: what needs the extra, for the message.

    Raises:
        UsageError: Jinja2 cannot be imported.
    """
    need("jinja2", "report", what)


def _inline(name: str) -> Markup:
    """The text of a file of ``templates/``, to paste into a page unescaped.

    Only the package's own files can be named: a name that leaves the
    folder is refused, so no template can paste an arbitrary file.
    """
    from markupsafe import Markup

    path = (TEMPLATES / name).resolve()
    if path.parent != TEMPLATES or not path.is_file():
        raise UsageError(f"no file '{name}' among the report templates")
    # Trusted: one of the package's own files, never user text.
    return Markup(path.read_text(encoding="utf-8"))


def domid(text: str) -> str:
    """A string made safe as (part of) an HTML ``id`` or URL fragment.

    Document ids (letters, digits, ``_ . -``) pass unchanged, so a page's
    anchors read like the ids in the scenario; any other character becomes
    its code point in hex between underscores.
    """
    return "".join(
        c if c.isascii() and (c.isalnum() or c in "_.-") else f"_{ord(c):x}_"
        for c in text
    )


@cache
def environment() -> Environment:
    """The Jinja2 environment of every report page (made once).

    Autoescaping is on for every template, since ids, clause texts and notes
    come from user documents; undefined names fail loudly instead of
    rendering as empty text.
    """
    require_viz()
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["inline"] = _inline
    env.filters["domid"] = domid
    env.globals["govsim_version"] = __version__
    return env


def check_out(out: Path) -> None:
    """Refuse an output path no page can be written to, before any work.

    The policy of every ``--out`` (:mod:`govsim.documents.paths`): a new or
    regular file, in a folder that exists or can be created.

    Raises:
        UsageError: ``out`` is a folder, a pipe or a device, or under a file
            or an unwritable folder.
    """
    check_output_file(out, "--out")


def write_page(html: str, out: Path) -> Path:
    """Write a rendered page to ``out`` (UTF-8, Unix line ends), or say why not.

    Missing folders on the way are created.

    Returns:
        ``out``.

    Raises:
        UsageError: ``out`` is refused by :func:`check_out`, or the system
            refuses the write (permissions, a read-only place); the reason
            is the system's.
    """
    return write_output(out, html, "--out")


def render_page(template: str, **context: Any) -> str:
    """Render one page template of ``templates/`` to a self-contained HTML string.

    Args:
        template: the template's file name, e.g. ``"scenario.html.j2"``.
        **context: the names the template reads; ``title`` is used by the
            base template for the page's ``<title>`` and header.

    Returns:
        The page. Rendering the same context twice gives the same text.

    Raises:
        UsageError: the ``report`` extra is not installed.
    """
    require_viz()
    return environment().get_template(template).render(**context)
