"""Optional dependencies of sweeps, imported where used, with a clear message.

Sweeps write Parquet with pyarrow and read frames with pandas or polars; none
of these is needed to replay a scenario, so they stay out of govsim's core
dependencies and are imported only when a sweep needs them.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from govsim.errors import UsageError

__all__ = ["install_command", "need"]


def install_command(extra: str) -> str:
    """The command that installs a govsim extra, quoted the one way messages use.

    Double quotes, so the command pastes into POSIX shells and PowerShell alike.
    """
    return f'pip install "govsim[{extra}]"'


def need(module: str, extra: str, why: str) -> ModuleType:
    """Import an optional module, or say which extra to install.

    Args:
        module: the module to import, such as ``pyarrow.parquet``.
        extra: the govsim extra that brings it (``sweep``), or a package name
            to install when no extra does.
        why: what needs it, for the message.

    Raises:
        UsageError: the module is not installed.
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        top = module.split(".", maxsplit=1)[0]
        hint = install_command(extra) if extra else f"pip install {top}"
        raise UsageError(f"{why} needs {top}, which is not installed: {hint}") from None
