"""Write the generated reference: ``python -m govsim.reference docs/reference``."""

from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    """Write every page into the folder named (default ``docs/reference``)."""
    from govsim.reference import write_pages

    if len(argv) > 1:
        print("usage: python -m govsim.reference [FOLDER]", file=sys.stderr)
        return 2
    written = write_pages(argv[0] if argv else "docs/reference")
    print(f"wrote {len(written)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
