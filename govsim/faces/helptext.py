"""How ``govsim`` help reads: plain names, defaults, an example and a guide.

typer lays out help in Python's terms: a type beside every argument
(``BOOK <str>``, ``PATH <list[Path]>``), a range as ``0<=x<=100``, a computed
default in parentheses, required arguments in braces. :class:`PlainCommand`
lays out each command's help as a person reads it: the placeholder alone
(``BOOK``, ``PATH...``), the default and the range in words
(``[default: 200; 1 to 1,000,000]``), the choices of a choice option as its
placeholder (``svg|mermaid|dot``). Each command ends with an example and the
docs page that explains it (:data:`GUIDES`, shown by :func:`epilog`), and a
choice refused is said in plain words (:func:`refused_choice`).

Only typer's command class is imported here, so ``govsim --help`` stays light.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any, Final

import typer
from typer.core import TyperCommand

__all__ = [
    "GUIDES",
    "ChoiceRefused",
    "Guide",
    "PlainCommand",
    "epilog",
    "placeholder",
    "refused_choice",
]

_MACHINE_LIMIT: Final = 2**62
"""An upper bound this large is the machine's, not a rule: help leaves it out."""


@dataclass(frozen=True)
class Guide:
    """What a command's help ends with: example command lines and a docs page."""

    examples: tuple[str, ...]
    page: str


#: Per command, the examples its help shows (run from the repository's root;
#: a line ending in a backslash goes on) and the guide page in docs/.
GUIDES: Final[dict[str, Guide]] = {
    "run": Guide(
        (
            "govsim run scenarios/tutorial/complaint.govsim.yaml",
            "govsim run scenarios/iso/2012-13-case.govsim.yaml -r external-checks",
        ),
        "docs/tutorial.md",
    ),
    "check": Guide(
        (
            "govsim check scenarios/",
            "govsim check scenarios/tutorial/complaint.govsim.yaml",
        ),
        "docs/editor.md",
    ),
    "invariants": Guide(
        ("govsim invariants", "govsim invariants --json"),
        "docs/invariants.md",
    ),
    "explore": Guide(
        (
            "govsim explore iso-2013-as-practised -i no_executive_override",
            "govsim explore iso-2013-as-practised -i no_executive_override \\",
            "    --org scenarios/explore/iso-small.govsim.yaml --exhaustive \\",
            "    --act sanction --act alter_decision --actor ndc --actor sc",
        ),
        "docs/property-testing.md",
    ),
    "compare": Guide(
        (
            "govsim compare scenarios/iso/2012-13-case.govsim.yaml \\",
            "    -r iso-2013-as-practised -r external-checks",
        ),
        "docs/compare.md",
    ),
    "lint": Guide(
        (
            "govsim lint iso-2013-as-practised",
            "govsim lint external-checks --ignore offices-held-together --json",
        ),
        "docs/lint.md",
    ),
    "capture": Guide(
        (
            "govsim capture assoc-weak --body board",
            "govsim capture assoc-strict --body board --depth 4 --json",
        ),
        "docs/amendments-and-capture.md",
    ),
    "diff": Guide(
        ("govsim diff iso-2013-as-practised external-checks",),
        "docs/diff.md",
    ),
    "mutate": Guide(
        (
            "govsim mutate external-checks --scenarios scenarios/iso",
            "govsim mutate external-checks -s scenarios/iso --workers 2 \\",
            "    --min-score 0.8 -o mutation-external-checks",
        ),
        "docs/mutation.md",
    ),
    "sweep": Guide(
        (
            "govsim sweep scenarios/sweeps/crisis-three-books.sweep.yaml -o crisis",
            "govsim sweep scenarios/sweeps/crisis-three-books.sweep.yaml \\",
            "    --runs 20 --seed 7 --executor process --workers 2",
        ),
        "docs/sweeps.md",
    ),
    "report": Guide(
        (
            "govsim report scenarios/iso/2012-13-case.govsim.yaml -o case.html",
            "govsim report crisis -o crisis.html    # a sweep's folder",
        ),
        "docs/reports.md",
    ),
    "graph": Guide(
        (
            "govsim graph iso-2013-as-practised -o chart.svg",
            "govsim graph riverside-rules --format mermaid",
        ),
        "docs/graph.md",
    ),
    "schema": Guide(
        ("govsim schema", "govsim schema scenario -o scenario.schema.json"),
        "docs/editor.md",
    ),
    "new": Guide(
        (
            "govsim new organisation acme",
            "govsim new rulebook acme-rules",
            "govsim new scenario first-case",
        ),
        "docs/tutorial.md",
    ),
}

ROOT_GUIDE: Final = Guide(
    (
        "govsim run scenarios/tutorial/complaint.govsim.yaml",
        "govsim COMMAND --help    # a command's options, an example, its guide",
    ),
    "docs/tutorial.md",
)
"""What ``govsim --help`` ends with."""


def epilog(command: str | None = None) -> str:
    """The end of a command's help (the root's for ``None``): examples, then the guide.

    The examples keep their lines: click leaves a paragraph whose first line
    is a backspace character as it is, unwrapped.
    """
    guide = ROOT_GUIDE if command is None else GUIDES[command]
    commands = [line for line in guide.examples if not line.startswith(" ")]
    noun = "Example" if len(commands) == 1 else "Examples"
    lines = "\n".join(f"  {line}" for line in guide.examples)
    return f"\b\n{noun}:\n{lines}\n\nGuide: {guide.page}"


def _choices(param: Any) -> tuple[str, ...] | None:
    """The values a choice parameter (an Enum or Literal type) accepts, or ``None``."""
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None or not descriptor.is_choice or not descriptor.choices:
        return None
    return tuple(
        str(c.value) if isinstance(c, Enum) else str(c) for c in descriptor.choices
    )


def placeholder(param: Any) -> str:
    """The word standing for a parameter's value: its metavar, its choices, or its name."""
    if param.metavar:
        return str(param.metavar)
    choices = _choices(param)
    if choices:
        return "|".join(choices)
    return str(param.name or "VALUE").upper()


def _shown(value: Any) -> str | None:
    """A default value as help shows it, or ``None`` when there is nothing to show."""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, list | tuple):
        return ", ".join(s for s in (_shown(v) for v in value) if s) or None
    if value is None or isinstance(value, bool) or callable(value):
        return None
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _default(param: Any) -> str | None:
    """A parameter's default in words: a ``show_default`` text, or its value."""
    if isinstance(param.show_default, str):
        return param.show_default
    if not param.show_default or getattr(param, "is_flag", False):
        return None
    return _shown(param.default)


def _range(param: Any) -> str | None:
    """A number parameter's bounds in words (``1 to 1,000``, ``0 or more``)."""
    low = getattr(param, "min", None)
    high = getattr(param, "max", None)
    if high is not None and high >= _MACHINE_LIMIT:
        high = None
    if low is not None and high is not None:
        return f"{low:,} to {high:,}"
    if low is not None:
        return f"{low:,} or more"
    if high is not None:
        return f"{high:,} or less"
    return None


def _record(param: Any) -> tuple[str, str]:
    """One row of the Arguments or Options list: its names, and its help with extras."""
    if param.param_type_name == "argument":
        name = placeholder(param)
    else:
        names = sorted(param.opts, key=lambda opt: opt.startswith("--"))
        name = ", ".join(names)
        if not param.is_flag and not getattr(param, "count", False):
            name = f"{name} {placeholder(param)}"
    extras = [
        f"default: {default}" if (default := _default(param)) else None,
        _range(param),
        "required" if param.required and param.param_type_name == "option" else None,
    ]
    said = "; ".join(extra for extra in extras if extra)
    text = param.help or ""
    if said:
        text = f"{text}  [{said}]" if text else f"[{said}]"
    return name, text


class PlainCommand(TyperCommand):
    """A command whose help names values plainly and shows every default.

    Every ``govsim`` command is made with this class (see ``govsim.faces.cli``).
    """

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        """``[OPTIONS] SCENARIO``, ``[KIND]``, ``PATH...``: click's usual notation."""
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name != "argument" or getattr(param, "hidden", False):
                continue
            word = placeholder(param)
            if param.nargs != 1:
                word = f"{word}..."
            pieces.append(word if param.required else f"[{word}]")
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        """The Arguments and Options sections, as :func:`_record` writes each row."""
        params = [p for p in self.get_params(ctx) if not getattr(p, "hidden", False)]
        for title, kind in (("Arguments", "argument"), ("Options", "option")):
            rows = [_record(p) for p in params if p.param_type_name == kind]
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


class ChoiceRefused(typer.BadParameter):
    """A value that is not one of an option's choices, said as a sentence."""

    def format_message(self) -> str:
        """The message alone: it names the option itself."""
        return self.message


def refused_choice(error: typer.BadParameter) -> ChoiceRefused | None:
    """The plain refusal for a bad choice (``--format must be one of …``), or ``None``.

    typer refuses a value outside an Enum with pydantic's wording ("Value
    error, 'png' is not one of 'svg', …"); this says which option, its
    choices and what was given, for every choice parameter alike.
    """
    param = error.param
    choices = _choices(param)
    if param is None or choices is None:
        return None
    cause = error.__cause__
    errors = getattr(cause, "errors", None)
    details = errors() if callable(errors) else []
    given = details[0].get("input") if details else None
    if isinstance(given, Enum):
        given = given.value
    if given is None or str(given) in choices:
        return None
    # Imported here: only a refusal needs it, and --help stays light.
    from govsim.documents.suggest import closest

    opts = getattr(param, "opts", None) or []
    longest = max(opts, key=len) if param.param_type_name == "option" else None
    name = longest or placeholder(param)
    hint = closest(str(given), choices)
    meant = f"; did you mean {hint!r}?" if hint else ""
    return ChoiceRefused(
        f"{name} must be one of {', '.join(choices)} (got {str(given)!r}{meant})",
        ctx=error.ctx,
        param=param,
    )
