"""One policy for the files govsim reads and the places it writes.

Every command, and every document that names another file, asks here before
it opens or writes anything, so a bad path gets the same answer wherever it
is given:

- **inputs** are regular files (or, where a command takes one, folders).
  Named pipes, devices and sockets are refused before they are opened, since
  reading a pipe waits forever for a writer; a loop of symbolic links, a
  part of the path that is a file, a path too long for the system, or a NUL
  character are each named as such;
- **outputs** go to a new or regular file, or into a folder; missing folders
  on the way are created when the output is written, a file standing where
  a folder must be is refused, and the system's own reason is given when it
  refuses a write.

Problems are returned as sentences (``None`` when the path is fine) so that
a document can place them at the key that names the file, while a command
line option raises :class:`UsageError` naming the option.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Final

from govsim.errors import UsageError

__all__ = [
    "MAX_NAME_BYTES",
    "MAX_PATH_BYTES",
    "check_input",
    "check_output_file",
    "check_output_folder",
    "input_problem",
    "is_regular_file",
    "make_folder",
    "missing_file",
    "resolve_safely",
    "shown_path",
    "write_output",
]

MAX_PATH_BYTES: Final = 4095
"""The longest path accepted, in UTF-8 bytes (Linux's PATH_MAX less its NUL)."""
MAX_NAME_BYTES: Final = 255
"""The longest single file or folder name accepted, in UTF-8 bytes."""
_SHOWN: Final = 120

_KINDS: Final = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def shown_path(path: str | Path) -> str:
    """A path as messages print it: a very long one shortened in the middle."""
    text = str(path)
    if len(text) <= _SHOWN:
        return text
    half = _SHOWN // 2
    return f"{text[:half]}…{text[-half:]} ({len(text):,} characters)"


def _lexical_problem(text: str) -> str | None:
    if not text:
        return "the path is empty"
    if "\x00" in text:
        return "the path contains a NUL character, which no file name may hold"
    size = len(text.encode("utf-8", "surrogateescape"))
    if size > MAX_PATH_BYTES:
        return (
            f"the path is {size:,} bytes long; paths may be at most {MAX_PATH_BYTES:,}"
        )
    longest = max(len(p.encode("utf-8", "surrogateescape")) for p in text.split("/"))
    if longest > MAX_NAME_BYTES:
        return (
            f"a name in the path is {longest:,} bytes long; "
            f"names may be at most {MAX_NAME_BYTES}"
        )
    return None


def _system_reason(exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        return "no such file or folder"
    if exc.errno == errno.ELOOP:
        return "the path is a loop of symbolic links"
    if exc.errno == errno.ENOTDIR:
        return "a part of the path is a file, not a folder"
    return exc.strerror or str(exc)


def _kind(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def input_problem(path: str | Path, *, folder: bool = False) -> str | None:
    """What stops ``path`` from being read as an input, or ``None``.

    Args:
        path: the file (or folder) to read.
        folder: a folder is acceptable too (``check`` walks one; ``report``
            reads a sweep's).
    """
    text = str(path)
    problem = _lexical_problem(text)
    if problem is not None:
        return problem
    try:
        mode = os.stat(text).st_mode
    except OSError as exc:
        if exc.errno == errno.ENOENT:
            return "no such file or folder" if folder else "no such file"
        return _system_reason(exc)
    if stat.S_ISREG(mode) or (folder and stat.S_ISDIR(mode)):
        return None
    if stat.S_ISDIR(mode):
        return "this is a folder, not a file"
    return f"this is {_kind(mode)}; govsim reads only regular files"


def missing_file(kind: str, ref: str, where: Path, problem: str) -> str:
    """The message for a document naming a file it cannot have.

    ``no organisation file 'org.yaml' (looked for /x/org.yaml)`` when it does
    not exist; otherwise the file's own problem, e.g. that it is a named pipe.
    """
    if problem == "no such file":
        return f"no {kind} file '{shown_path(ref)}' (looked for {shown_path(where)})"
    return f"{kind} file '{shown_path(ref)}' ({shown_path(where)}): {problem}"


def is_regular_file(path: str | Path) -> bool:
    """Whether ``path`` names a readable-looking regular file; never raises."""
    return input_problem(path) is None


def resolve_safely(path: str | Path) -> Path:
    """``path`` made absolute with its links followed, or as given when it cannot be.

    ``Path.resolve`` raises on a loop of symbolic links or a NUL character;
    callers that only want a stable key (to cache a file, or spot a cycle)
    use this and leave the refusal to :func:`input_problem` when the file is
    read.
    """
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError, ValueError):
        return Path(os.path.abspath(path))


def check_input(path: str | Path, option: str, *, folder: bool = False) -> Path:
    """``path`` as a :class:`Path`, once :func:`input_problem` finds nothing.

    Raises:
        UsageError: naming ``option`` (e.g. ``--org``), the path and the problem.
    """
    problem = input_problem(path, folder=folder)
    if problem is not None:
        raise UsageError(f"{option} {shown_path(path)}: {problem}")
    return Path(path)


def _nearest_existing(path: Path) -> tuple[Path, os.stat_result]:
    current = path
    while True:
        try:
            return current, os.stat(current)
        except FileNotFoundError:
            if current.parent == current:
                raise
            current = current.parent


def _folder_problem(path: Path) -> str | None:
    """What stops a folder at ``path`` from being written into, or ``None``."""
    try:
        existing, status = _nearest_existing(path)
    except OSError as exc:
        return _system_reason(exc)
    if not stat.S_ISDIR(status.st_mode):
        # Only ``path`` itself can be a file here: a file higher up makes
        # the lookup fail with "a part of the path is a file".
        return "this is a file, not a folder"
    if not os.access(existing, os.W_OK | os.X_OK):
        return f"{shown_path(existing)} is not writable"
    return None


def check_output_folder(path: str | Path, option: str) -> Path:
    """``path`` as a folder to write into, checked before any work starts.

    A folder that does not exist yet is fine when the nearest folder above it
    that does is writable: :func:`make_folder` creates it when output is due.

    Raises:
        UsageError: naming ``option``, the path and the problem.
    """
    text = str(path)
    problem = _lexical_problem(text) or _folder_problem(Path(text))
    if problem is not None:
        raise UsageError(f"{option} {shown_path(path)}: {problem}")
    return Path(text)


def check_output_file(path: str | Path, option: str) -> Path:
    """``path`` as a file to write, checked before any work starts.

    An existing regular file is overwritten; a folder, pipe or device is
    refused, as is a parent that is a file or not writable.

    Raises:
        UsageError: naming ``option``, the path and the problem.
    """
    text = str(path)
    problem = _lexical_problem(text)
    if problem is None:
        try:
            mode: int | None = os.stat(text).st_mode
        except FileNotFoundError:
            mode = None
        except OSError as exc:
            problem = _system_reason(exc)
            mode = None
        if mode is not None and stat.S_ISDIR(mode):
            problem = "this is a folder; give a file name"
        elif mode is not None and not stat.S_ISREG(mode):
            problem = f"this is {_kind(mode)}; govsim writes only regular files"
        elif problem is None:
            problem = _folder_problem(Path(text).parent)
    if problem is not None:
        raise UsageError(f"{option} {shown_path(path)}: {problem}")
    return Path(text)


def make_folder(path: Path, option: str) -> Path:
    """Create ``path`` and the folders above it that are missing.

    Raises:
        UsageError: the system refuses, with its reason.
    """
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise UsageError(
            f"{option} {shown_path(path)}: this is a file, not a folder"
        ) from None
    except OSError as exc:
        # The system's own words: ENOENT here means a place, like /proc,
        # where no folder may be made, not a missing file.
        reason = exc.strerror or str(exc)
        raise UsageError(
            f"{option} {shown_path(path)}: cannot create it: {reason}"
        ) from None
    return path


def write_output(path: Path, text: str, option: str) -> Path:
    """Write ``text`` as UTF-8 with Unix line ends to ``path``, creating its folder.

    Raises:
        UsageError: ``path`` is refused by :func:`check_output_file`, or the
            system refuses the write; the reason is the system's.
    """
    check_output_file(path, option)
    make_folder(path.parent, option)
    try:
        path.write_text(text, encoding="utf-8", newline="\n")
    except OSError as exc:
        reason = _system_reason(exc)
        raise UsageError(
            f"{option} {shown_path(path)}: cannot write it: {reason}"
        ) from None
    return path
