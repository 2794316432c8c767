"""HTML pages from Jinja2 templates, self-contained: CSS and scripts inline.

Every report page extends ``templates/base.html.j2`` and is rendered by
:func:`render_page`. Templates may call ``inline(name)`` to paste a file of
``templates/`` (a stylesheet, a script) into the page, so the file a report
writes opens offline, mailed or archived, with nothing to fetch.

Jinja2 is an optional dependency (the ``viz`` extra). It is imported inside
the functions here, and its absence is a :class:`~govsim.errors.UsageError`
that names the extra to install, so the command line exits 2 with that
message rather than a traceback.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govsim.__about__ import __version__
from govsim.errors import UsageError

if TYPE_CHECKING:
    from jinja2 import Environment
    from markupsafe import Markup

__all__ = [
    "TEMPLATES",
    "VIZ_INSTALL",
    "domid",
    "environment",
    "render_page",
    "require_viz",
]

TEMPLATES = Path(__file__).resolve().parent / "templates"
"""Where the page templates, stylesheets and scripts are."""

VIZ_INSTALL = "pip install 'govsim[viz]'"
"""The command that installs what HTML reports need."""


def require_viz(what: str = "HTML reports") -> None:
    """Fail with the install command when the ``viz`` extra is missing.

    Args:
        what: what needs the extra, for the message.

    Raises:
        UsageError: Jinja2 cannot be imported.
    """
    try:
        import jinja2  # noqa: F401
    except ImportError:
        raise UsageError(
            f"{what} need the optional 'viz' extra (Jinja2, matplotlib), "
            f"which is not installed: {VIZ_INSTALL}"
        ) from None


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


def render_page(template: str, **context: Any) -> str:
    """Render one page template of ``templates/`` to a self-contained HTML string.

    Args:
        template: the template's file name, e.g. ``"scenario.html.j2"``.
        **context: the names the template reads; ``title`` is used by the
            base template for the page's ``<title>`` and header.

    Returns:
        The page. Rendering the same context twice gives the same text.

    Raises:
        UsageError: the ``viz`` extra is not installed.
    """
    require_viz()
    return environment().get_template(template).render(**context)
