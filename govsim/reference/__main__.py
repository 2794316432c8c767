"""Write the generated reference: ``python -m govsim.reference docs/reference``.

``--check`` writes nothing: it lists the files that differ from what the code
generates and exits 1 if any does (for CI and pre-commit hooks).
"""

from __future__ import annotations

import sys
from pathlib import Path

USAGE = "usage: python -m govsim.reference [--check] [FOLDER]"


def stale_files(folder: Path) -> list[str]:
    """Files of the reference in ``folder`` that are missing, differ, or are left over."""
    from govsim.reference import pages
    from govsim.reference.examples import EXAMPLES_FOLDER

    generated = pages()
    stale = [
        name
        for name, text in generated.items()
        if not (folder / name).is_file()
        or (folder / name).read_text(encoding="utf-8") != text
    ]
    left_over = [
        path.relative_to(folder).as_posix()
        for path in sorted((folder / EXAMPLES_FOLDER).glob("*.govsim.yaml"))
        if path.relative_to(folder).as_posix() not in generated
    ]
    return stale + left_over


def main(argv: list[str]) -> int:
    """Write (or with ``--check``, compare) every page in the folder named."""
    from govsim.reference import write_pages

    check = "--check" in argv
    rest = [a for a in argv if a != "--check"]
    if len(rest) > 1 or any(a.startswith("-") for a in rest):
        print(USAGE, file=sys.stderr)
        return 2
    folder = Path(rest[0] if rest else "docs/reference")
    if check:
        stale = stale_files(folder)
        for name in stale:
            print(f"{folder / name}: out of date")
        if stale:
            print(f"regenerate with: python -m govsim.reference {folder}")
        return 1 if stale else 0
    written = write_pages(folder)
    print(f"wrote {len(written)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
