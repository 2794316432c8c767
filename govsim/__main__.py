"""Run the command line as ``python -m govsim``."""

from __future__ import annotations

from govsim.faces.cli import main

if __name__ == "__main__":
    main()
