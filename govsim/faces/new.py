"""``govsim new``: write a commented starter organisation, rule book or scenario.

The flow, in an empty folder::

    govsim new organisation acme
    govsim new rulebook acme-rules
    govsim new scenario first-case
    govsim run first-case.govsim.yaml

A rule book is written for the one organisation in the folder (or the one
``--org`` names); a scenario refers to the organisation and the rule books
it finds in the folder and its ``rules/`` (or those ``--org`` and ``--rules``
name), by id where the file is named after its id and by
relative path otherwise. Nothing is created behind the user's back: a
scenario with no organisation or book to refer to is refused, saying which
``govsim new`` to run first. An existing file is kept unless ``--force``.
When a ``schemas/`` folder above the target holds the kind's JSON Schema (as
in a checkout of govsim), the starter's first line names it for editors.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer

from govsim.errors import DocumentError, UsageError

__all__ = ["new_command"]

_SUFFIX = ".govsim.yaml"


@dataclass(frozen=True)
class _Document:
    """A document found in the folder: its kind, id and file."""

    kind: str
    ident: str
    path: Path
    organisation: str | None = None
    """A rule book's ``organisation:``, when it names one."""


@dataclass(frozen=True)
class _Refs:
    """What a starter refers to: an organisation, and a scenario's books."""

    organisation: str | None = None
    """A rule book's organisation id; a scenario's organisation file."""
    rulebooks: tuple[str, ...] = ()
    """A scenario's books as it lists them: ids, or paths relative to it."""
    book_ids: tuple[str, ...] = ()


def _read(path: Path) -> _Document | None:
    """The kind and id of the document at ``path``; ``None`` if it is neither."""
    from govsim.documents import load_yaml_file
    from govsim.documents.kinds import kind_of

    data, _ = load_yaml_file(path)
    if not isinstance(data, dict):
        return None
    kind = kind_of(data)
    if kind is None or kind.key not in ("rulebook", "organisation"):
        return None
    org = data.get("organisation") if kind.key == "rulebook" else None
    return _Document(
        kind.key, str(data[kind.key]), path, org if isinstance(org, str) else None
    )


def _found(folder: Path) -> list[_Document]:
    """The organisations and rule books in ``folder`` and its ``rules/``, sorted.

    A file that cannot be read is passed over: ``govsim check`` is the
    place to hear about it.
    """
    found: list[_Document] = []
    for where in (folder, folder / "rules"):
        if not where.is_dir():
            continue
        for path in sorted(where.glob("*.govsim.y*ml")):
            try:
                document = _read(path) if path.is_file() else None
            except DocumentError:
                continue
            if document is not None:
                found.append(document)
    return found


def _named(given: str, kind: str, found: list[_Document], option: str) -> _Document:
    """The document ``given`` names: a file (from here), or an id found in the folder."""
    from govsim.documents import did_you_mean
    from govsim.documents.paths import check_input

    if given.endswith((".yaml", ".yml")) or os.sep in given:
        path = check_input(given, option)
        document = _read(path)
        if document is None or document.kind != kind:
            raise UsageError(f"{option} {given}: not a {kind} document")
        return document
    matches = [d for d in found if d.kind == kind and d.ident == given]
    if matches:
        return matches[0]
    ids = sorted({d.ident for d in found if d.kind == kind})
    known = f"; found {', '.join(ids)}" if ids else f"; found no {kind} there"
    raise UsageError(
        f"{option} {given}: no {kind} with that id in the folder or its rules/"
        f"{known}{did_you_mean(given, ids)}"
    )


def _only_organisation(found: list[_Document], folder: Path) -> _Document | None:
    orgs = [d for d in found if d.kind == "organisation"]
    if len(orgs) > 1:
        names = ", ".join(d.path.name for d in orgs)
        raise UsageError(
            f"{folder} holds several organisations ({names}); choose one with --org"
        )
    return orgs[0] if orgs else None


def _reference(document: _Document, folder: Path) -> str:
    """How a scenario in ``folder`` names a book: its id when the file bears it."""
    beside = document.path.parent.resolve() in (
        folder.resolve(),
        (folder / "rules").resolve(),
    )
    if beside and document.path.name == document.ident + _SUFFIX:
        return document.ident
    return os.path.relpath(document.path.resolve(), folder.resolve())


def _scenario_refs(folder: Path, organisation: str | None, rules: list[str]) -> _Refs:
    found = _found(folder)
    if organisation is not None:
        org = _named(organisation, "organisation", found, "--org")
    else:
        only = _only_organisation(found, folder)
        if only is None:
            raise UsageError(
                f"no organisation in {folder}: write one first with "
                "`govsim new organisation NAME`, or give --org FILE"
            )
        org = only
    if rules:
        books = [_named(r, "rulebook", found, "--rules") for r in rules]
    else:
        books = [
            d
            for d in found
            if d.kind == "rulebook" and d.organisation in (None, org.ident)
        ]
        if not books:
            raise UsageError(
                f"no rule book for organisation {org.ident} in {folder} or its "
                "rules/: write one first with `govsim new rulebook NAME`, "
                "or give --rules BOOK"
            )
    return _Refs(
        os.path.relpath(org.path.resolve(), folder.resolve()),
        tuple(_reference(b, folder) for b in books),
        tuple(b.ident for b in books),
    )


def _schema_line(kind: str, folder: Path) -> str:
    """A ``yaml-language-server`` line when a ``schemas/`` folder above has the schema.

    Inside a checkout of govsim (or a project that keeps the exported
    schemas in ``schemas/``) an editor then completes the starter at once;
    elsewhere the starter's comment says how to export one.
    """
    start = folder.resolve()
    for above in (start, *start.parents):
        schema = above / "schemas" / f"{kind}.schema.json"
        if schema.is_file():
            relative = Path(os.path.relpath(schema, start)).as_posix()
            return f"# yaml-language-server: $schema={relative}\n"
    return ""


def _what(kind: str, refs: _Refs) -> str:
    if kind == "organisation":
        return "next: govsim new rulebook NAME"
    if kind == "rulebook":
        org = refs.organisation
        return (f"for organisation {org}; " if org else "") + (
            "next: govsim new scenario NAME"
        )
    books = ", ".join(refs.rulebooks)
    return f"organisation {refs.organisation}, rule books {books}"


def new_command(
    kind: Annotated[
        str,
        typer.Argument(
            metavar="KIND", help="What to write: organisation, rulebook or scenario."
        ),
    ],
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME",
            help="The document's id and file name (NAME.govsim.yaml): "
            "letters, digits, '-' and '_'.",
        ),
    ],
    folder: Annotated[
        Path,
        typer.Option(
            "--dir",
            metavar="DIR",
            help="The folder to write into (created if missing).",
            show_default="the current folder",
        ),
    ] = Path(),
    organisation: Annotated[
        str | None,
        typer.Option(
            "--org",
            "--organisation",
            metavar="ORG",
            help="rulebook, scenario: the organisation, by file or by id.",
            show_default="the only one in DIR",
        ),
    ] = None,
    rules: Annotated[
        list[str] | None,
        typer.Option(
            "--rules",
            "-r",
            metavar="BOOK",
            help="scenario: a rule book to replay under, by file or by id. "
            "Repeat for several.",
            show_default="every book in DIR and DIR/rules for the organisation",
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Overwrite NAME.govsim.yaml if it exists."),
    ] = False,
    source: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="BOOK",
            help="rulebook: copy this library book (docs/library/) as a variant "
            "to edit, with its organisation unless --org names yours.",
            show_default="a commented starter",
        ),
    ] = None,
) -> None:
    """Write a commented starter organisation, rule book or scenario.

    Each is a document to edit, its keys explained in comments.

    In an empty folder, `govsim new organisation acme`, `govsim new rulebook
    acme-rules` and `govsim new scenario first-case` write three files that
    `govsim run first-case.govsim.yaml` replays. `govsim new rulebook
    my-rules --from pep-13` copies a book of the library (docs/library/)
    instead, and its organisation beside it. Exits 0 when the file is
    written, 2 on invalid input or when the file exists (without --force).
    """
    from govsim.documents import did_you_mean
    from govsim.documents.paths import check_output_file, shown_path, write_output
    from govsim.faces.console import consoles, user_errors
    from govsim.starters import STARTER_KINDS, check_name, starter_text

    _, err = consoles()
    with user_errors(err):
        if kind not in STARTER_KINDS:
            raise UsageError(
                f"cannot write a '{kind}': choose organisation, rulebook or "
                f"scenario{did_you_mean(kind, STARTER_KINDS)}"
            )
        check_name(name, kind)
        if kind == "organisation" and (organisation or rules):
            raise UsageError("an organisation takes neither --org nor --rules")
        if kind == "rulebook" and rules:
            raise UsageError("a rule book takes no --rules")
        if source is not None and kind != "rulebook":
            raise UsageError(
                f"--from copies a library rule book and goes with `rulebook`: "
                f"govsim new rulebook NAME --from {source}"
            )
        path = folder / f"{name}{_SUFFIX}"
        # Name the option whose part of the path is at fault, as far as it can be.
        option = "--dir" if folder != Path() else "NAME"
        check_output_file(path, option)
        if path.exists() and not force:
            raise UsageError(
                f"{shown_path(path)} already exists; give --force to overwrite it"
            )
        refs = _Refs()
        if source is not None:
            said = _write_variant(source, name, folder, organisation, force, path)
            typer.echo(f"wrote {shown_path(path)} ({said})")
            return
        if kind == "rulebook":
            found = _found(folder) if folder.is_dir() else []
            org = (
                _named(organisation, "organisation", found, "--org")
                if organisation is not None
                else _only_organisation(found, folder)
            )
            if org is not None:
                refs = _Refs(org.ident)
        elif kind == "scenario":
            refs = _scenario_refs(folder, organisation, rules or [])
        text = starter_text(
            kind,
            name,
            organisation=refs.organisation,
            rulebooks=refs.rulebooks,
            book_ids=refs.book_ids,
        )
        write_output(path, _schema_line(kind, folder) + text, option)
    typer.echo(f"wrote {shown_path(path)} ({_what(kind, refs)})")
    if kind == "scenario":
        _check_written(path)


def _write_variant(
    source: str,
    name: str,
    folder: Path,
    organisation: str | None,
    force: bool,
    path: Path,
) -> str:
    """Write library book ``source`` as ``path``, and its organisation if missing.

    The copy keeps the library's organisation unless ``--org`` names one of
    the user's; when the library's is not in the folder already, its file is
    written beside the copy (refused if a file of that name exists, without
    ``--force``). Returns what the confirmation line says of it.
    """
    from govsim.documents import did_you_mean
    from govsim.documents.paths import shown_path, write_output
    from govsim.starters.library import library_books, variant_text

    books = library_books()
    if not books:
        raise UsageError(
            "--from: this installation of govsim has no library of rule books "
            "(reinstall govsim, or work in a checkout that has scenarios/library/)"
        )
    if source not in books:
        raise UsageError(
            f"--from {source}: no library book with that id; the library has "
            f"{', '.join(books)}{did_you_mean(source, list(books))}"
        )
    book = books[source]
    found = _found(folder) if folder.is_dir() else []
    org = (
        _named(organisation, "organisation", found, "--org")
        if organisation is not None
        else None
    )
    own = org.ident if org is not None else book.organisation
    copied: Path | None = None
    has_own = any(d.kind == "organisation" and d.ident == own for d in found)
    if org is None and not has_own and book.organisation_path is not None:
        copied = folder / f"{book.organisation}{_SUFFIX}"
        if copied.exists() and not force:
            raise UsageError(
                f"{shown_path(copied)} already exists and is not organisation "
                f"{own}, which {book.ident} needs; give --org ORG to use yours, "
                "or --force to overwrite it"
            )
    text = variant_text(book, name, org.ident if org is not None else None)
    write_output(path, _schema_line("rulebook", folder) + text, "NAME")
    if org is not None:
        _check_variant(path, org.path)
    said = f"a variant of library book {book.ident}, for organisation {own}"
    if copied is not None and book.organisation_path is not None:
        original = book.organisation_path.read_text(encoding="utf-8")
        body = (
            original.split("\n", 1)[1] if original.startswith("# yaml-") else original
        )
        header = (
            f"# The organisation of the library book {book.ident}, copied by\n"
            f"# `govsim new rulebook {name} --from {book.ident}`.\n"
        )
        write_output(
            copied, _schema_line("organisation", folder) + header + body, "--dir"
        )
        said += f"; and {shown_path(copied)}, the organisation"
    return said + f"; next: govsim lint {shown_path(path)}"


def _check_variant(path: Path, organisation: Path) -> None:
    """Say so when a copied book names bodies the user's organisation lacks.

    The library's clauses name the library organisation's bodies; on
    another organisation they must be renamed, and the problems say where.
    """
    from govsim.documents.paths import shown_path
    from govsim.model.loading import load_organisation, load_rulebook_for

    try:
        load_rulebook_for(path, load_organisation(organisation))
    except DocumentError as exc:
        typer.echo(
            f"note: {shown_path(path)} does not check against "
            f"{shown_path(organisation)} yet; its clauses name the library's "
            "bodies, to rename as yours:",
            err=True,
        )
        for problem in exc.problems[:10]:
            typer.echo(f"  {problem}", err=True)


def _check_written(path: Path) -> None:
    """Say so when the written scenario does not load against its documents.

    The starter's acts name the persons and bodies of the organisation
    starter; against another organisation they must be renamed, and the
    problems say where.
    """
    from govsim.documents.paths import shown_path
    from govsim.model.loading import load_scenario

    try:
        load_scenario(path)
    except DocumentError as exc:
        typer.echo(
            f"note: {shown_path(path)} does not check yet; its acts name the "
            "persons and bodies of the organisation starter, to rename as yours:",
            err=True,
        )
        for problem in exc.problems[:10]:
            typer.echo(f"  {problem}", err=True)
    else:
        typer.echo(f"replay it: govsim run {shown_path(path)}")
