r"""Where ``govsim explore`` lets Hypothesis keep its files: a cache folder, not the current one.

Hypothesis keeps working files (a cache of the constants in the code under
test, and an example database when one is used) in ``.hypothesis/`` in the
current folder unless told otherwise. A command run in a user's folder
should leave nothing there it was not asked to write, so ``govsim explore``
points Hypothesis at a user cache folder instead, found the way the XDG base
directory specification says (done by hand: govsim does not depend on
``platformdirs``):

1. ``$HYPOTHESIS_STORAGE_DIRECTORY``, Hypothesis' own setting, if set;
2. ``$XDG_CACHE_HOME/govsim/hypothesis``, if ``XDG_CACHE_HOME`` is an
   absolute path;
3. on Windows, ``%LOCALAPPDATA%\govsim\cache\hypothesis``;
4. otherwise ``~/.cache/govsim/hypothesis``.

Property tests run by pytest (``govsim.testing`` machines, the pytest
plugin) are left to Hypothesis' defaults and the project's own settings, as
any Hypothesis test is.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["cache_folder", "hypothesis_folder", "hypothesis_folder_in_use"]

STORAGE_VARIABLE = "HYPOTHESIS_STORAGE_DIRECTORY"
"""Hypothesis' own environment variable for its folder; it wins when set."""


def cache_folder() -> Path:
    """The user cache folder of govsim (see the module docstring for the order)."""
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "govsim"
    local = os.environ.get("LOCALAPPDATA", "")
    if sys.platform == "win32" and local:
        return Path(local) / "govsim" / "cache"
    return Path.home() / ".cache" / "govsim"


def hypothesis_folder() -> Path:
    """The folder Hypothesis keeps its files in when ``govsim explore`` runs it."""
    named = os.environ.get(STORAGE_VARIABLE, "")
    return Path(named) if named else cache_folder() / "hypothesis"


@contextmanager
def hypothesis_folder_in_use() -> Iterator[Path]:
    """Point Hypothesis at :func:`hypothesis_folder` while the block runs.

    Used by the command line around a search, never on import. Afterwards
    Hypothesis is back on its own default (``$HYPOTHESIS_STORAGE_DIRECTORY``
    or ``.hypothesis/`` here), so a test session that runs the command
    in-process keeps its folder for its own tests.
    """
    from hypothesis.configuration import set_hypothesis_home_dir

    folder = hypothesis_folder()
    set_hypothesis_home_dir(folder)
    try:
        yield folder
    finally:
        set_hypothesis_home_dir(None)
