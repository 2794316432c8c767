"""Optional dependencies, imported where used, with the extra that brings each.

The base install replays, checks, lints and compares documents. Everything
else is an extra (``pyproject.toml``): Hypothesis for ``govsim explore``
(``testing``), pyarrow and NumPy for sweeps and behaviour models
(``sweep``), Jinja2 for HTML pages (``report``), matplotlib for a sweep
report's plots (``plots``), Dask, pandas and polars. Every import of one of
them goes through :func:`need` (or sits behind a call to it), so a missing
package is a :class:`~govsim.errors.UsageError` that names the extra to
install, and the command line exits 2 with that one line instead of a
traceback.

This module is a leaf: it imports nothing of govsim but the errors, so any
layer can use it.
"""

from __future__ import annotations

import importlib
import importlib.util
from types import ModuleType

from govsim.errors import UsageError

__all__ = ["available", "install_command", "need"]


def install_command(extra: str) -> str:
    """The command that installs a govsim extra, quoted the one way messages use.

    Double quotes, so the command pastes into POSIX shells and PowerShell alike.
    """
    return f'pip install "govsim[{extra}]"'


def available(module: str) -> bool:
    """Whether ``module`` can be imported, without importing it.

    For optional parts of an output (a sweep report's plots) that are left
    out, with a note, rather than refused.
    """
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):  # a missing parent; a module without a spec
        return False


def need(module: str, extra: str, why: str) -> ModuleType:
    """Import an optional module, or say which extra to install.

    Args:
        module: the module to import, such as ``pyarrow.parquet``.
        extra: the govsim extra that brings it (``sweep``), or an empty
            string when no extra does (the message names the package).
        why: what needs it, for the message (``govsim sweep``).

    Raises:
        UsageError: the module is not installed.
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        top = module.split(".", maxsplit=1)[0]
        hint = install_command(extra) if extra else f"pip install {top}"
        raise UsageError(f"{why} needs {top}, which is not installed: {hint}") from None
