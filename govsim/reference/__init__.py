"""The generated reference: every act, requirement, decision rule, selector and document key.

The pages under ``docs/reference/`` are written from the models, their
attribute docstrings and the engine's registries, and every example on them
is replayed through the engine while they are written, so they follow the
code. Regenerate them with::

    python -m govsim.reference docs/reference

``tests/test_reference.py`` fails when the committed pages differ.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["pages", "write_pages"]


def pages() -> dict[str, str]:
    """Every file of the reference, by its path relative to the reference folder."""
    from govsim.reference.acts_page import acts_page, replayed_acts
    from govsim.reference.documents_page import (
        EXPECTATIONS_EXAMPLE,
        expectations_page,
        expectations_text,
        organisation_page,
        rulebook_page,
        scenario_page,
    )
    from govsim.reference.examples import (
        EXAMPLES_FOLDER,
        ORGANISATION,
        ORGANISATION_FILE,
    )
    from govsim.reference.index_page import index_page
    from govsim.reference.requirements_page import replayed_rules, requirements_page
    from govsim.reference.rules_page import decisions_page, selectors_page
    from govsim.reference.values_page import values_page

    out = {
        "index.md": index_page(),
        "acts.md": acts_page(),
        "requirements.md": requirements_page(),
        "decisions.md": decisions_page(),
        "selectors.md": selectors_page(),
        "organisation.md": organisation_page(),
        "rulebook.md": rulebook_page(),
        "scenario.md": scenario_page(),
        "expectations.md": expectations_page(),
        "values.md": values_page(),
        f"{EXAMPLES_FOLDER}/{ORGANISATION_FILE}": ORGANISATION,
    }
    every = f"{EXAMPLES_FOLDER}/{EXPECTATIONS_EXAMPLE.file_name}"
    out[every] = expectations_text()
    for replayed in (*replayed_acts().values(), *replayed_rules().values()):
        out[f"{EXAMPLES_FOLDER}/{replayed.example.file_name}"] = replayed.text()
    return out


def write_pages(folder: str | Path) -> list[Path]:
    """Write every file of the reference into ``folder``; the paths written.

    Example files no longer generated are removed, so a renamed act kind
    leaves no stale example behind.
    """
    from govsim.reference.examples import EXAMPLES_FOLDER

    root = Path(folder)
    generated = pages()
    stale = set((root / EXAMPLES_FOLDER).glob("*.govsim.yaml")) - {
        root / name for name in generated
    }
    for path in sorted(stale):
        path.unlink()
    written = []
    for name, text in generated.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
