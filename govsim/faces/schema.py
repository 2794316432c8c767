"""``govsim schema``: the JSON Schema of a kind of document, for editors.

``govsim schema scenario`` prints the schema that editors use to complete
and check scenario files (see docs/editor.md); ``--out FILE`` writes it to a
file instead. Without a kind, the command lists the kinds and the file name
each schema is committed under in ``schemas/``. An unknown kind exits 2,
naming the kinds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

__all__ = ["schema_command"]


def schema_command(
    kind: Annotated[
        str | None,
        typer.Argument(
            metavar="KIND",
            help="organisation, rulebook, scenario, model or sweep (none: list them).",
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="FILE",
            help="Write the schema to this file instead of stdout.",
        ),
    ] = None,
) -> None:
    """Print the JSON Schema of a kind of govsim document.

    The schema follows JSON Schema draft 2020-12. Editors with a YAML language server use it to complete keys, describe
    each field on hover and mark mistakes as they are typed. Exits 0 when
    the schema is written, 2 on an unknown kind or an unwritable --out.
    """
    from govsim.documents.paths import check_output_file, write_output
    from govsim.errors import UsageError
    from govsim.faces.console import consoles, user_errors
    from govsim.reference.schema import SCHEMA_KINDS, schema_file_name, schema_text

    _, err = consoles()
    with user_errors(err):
        if kind is None:
            if out is not None:
                raise UsageError(
                    f"--out needs a kind: one of {', '.join(SCHEMA_KINDS)}"
                )
            width = max(map(len, SCHEMA_KINDS))
            for name in SCHEMA_KINDS:
                typer.echo(f"{name:<{width}}  schemas/{schema_file_name(name)}")
            return
        if out is not None:
            check_output_file(out, "--out")
        text = schema_text(kind)
        if out is not None:
            write_output(out, text, "--out")
    if out is None:
        typer.echo(text, nl=False)
