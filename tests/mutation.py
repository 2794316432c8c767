"""Mutants of the seed documents: every file under scenarios/, changed one to three times.

The fuzz test (tests/test_fuzz.py) and its long driver
(benchmarks/fuzz_documents.py) feed govsim documents that a person could
plausibly write by mistake, and some that only a hostile file would hold, to
show that every one of them is either accepted or refused with a position,
never met with a traceback or a hang. This module only makes the mutants;
:mod:`fuzz_harness` runs them.

A seed is parsed into plain data (ruamel, YAML 1.2, as govsim reads it),
changed by one to three :data:`MUTATIONS` drawn by Hypothesis, and dumped back
to YAML text. Most mutations act on the data, so the text stays valid YAML and
the mutant reaches the loaders and the engine rather than stopping at the
parser; two act on the text, to reach the parser too.
"""

from __future__ import annotations

import copy
import datetime as dt
import importlib
import io
import math
import pkgutil
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Final, TypeAlias, TypeVar

from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.representer import SafeRepresenter

__all__ = [
    "KINDS",
    "MUTATIONS",
    "SCENARIOS",
    "Mutant",
    "Plain",
    "Seed",
    "dump",
    "mutants",
    "seeds",
]

SCENARIOS: Final = Path(__file__).resolve().parents[1] / "scenarios"
"""The seed documents: every ``*.yaml`` file below this folder."""

KINDS: Final = ("sweep", "model", "scenario", "rulebook", "organisation")
"""Top-level keys naming a document's kind, tried in the order ``check`` tries them."""

Loc: TypeAlias = tuple[str | int, ...]
Draw: TypeAlias = Callable[[st.SearchStrategy[Any]], Any]

T = TypeVar("T")

_CORE: Final = "tag:yaml.org,2002:"


@dataclass(frozen=True)
class Plain:
    """A scalar written as it is, unquoted, under a tag YAML would guess for it.

    For values Python cannot hold but a file can: a day that does not exist
    (``2019-02-30``) or an integer of 5,000 digits. govsim's reader meets them
    as a date or a number that fails to build.
    """

    tag: str
    text: str


@dataclass(frozen=True)
class Seed:
    """One file under scenarios/, parsed.

    Attributes:
        rel: the path below scenarios/, kept in a mutant's tree so relative
            references (``organisation:``, ``rulebooks:``, ``extends:``) resolve.
        kind: the document's kind, as :data:`KINDS` names it.
        data: the parsed document; never changed (mutants work on a copy).
    """

    rel: Path
    kind: str
    data: Any

    def __repr__(self) -> str:
        return f"Seed({self.rel})"


@dataclass(frozen=True)
class Mutant:
    """A seed changed by one to three mutations, as the text to write in its place."""

    seed: Seed
    text: str
    changes: tuple[str, ...]

    def __repr__(self) -> str:
        return f"Mutant({self.seed.rel}: {'; '.join(self.changes)})"


_YAML_11_WORDS: Final = frozenset(("yes", "no", "on", "off", "y", "n"))


class _Representer(SafeRepresenter):
    """ruamel's safe representer, plus :class:`Plain` and careful strings.

    A subclass, because ``add_representer`` changes the class it is called
    on, and govsim writes YAML with ruamel's own classes too.
    """

    def represent_str(self, text: str) -> Any:
        """A string, quoted when YAML 1.1 would read it as a boolean.

        The dumper writes YAML 1.2, where ``yes`` is a plain word; govsim
        refuses it unquoted because other tools read it as true. Quoting it
        keeps a seed's quoted ``"yes"`` what it was.
        """
        style = "'" if text.lower() in _YAML_11_WORDS else None
        return self.represent_scalar(_CORE + "str", text, style=style)

    def represent_plain(self, plain: Plain) -> Any:
        """A :class:`Plain` scalar, unquoted under its tag."""
        return self.represent_scalar(plain.tag, plain.text)


_Representer.add_representer(str, _Representer.represent_str)
_Representer.add_representer(Plain, _Representer.represent_plain)


def _yaml() -> YAML:
    yaml = YAML(typ="safe", pure=True)
    yaml.Representer = _Representer
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 4096
    yaml.representer.sort_base_mapping_type_on_output = False
    return yaml


def dump(data: Any) -> str:
    """``data`` as YAML text; shared and recursive parts become anchors and aliases."""
    stream = io.StringIO()
    _yaml().dump(data, stream)
    return stream.getvalue()


def _kind(data: Any) -> str:
    return next(k for k in KINDS if isinstance(data, dict) and k in data)


@cache
def seeds() -> tuple[Seed, ...]:
    """Every file under scenarios/, parsed, in path order."""
    found = []
    for path in sorted(SCENARIOS.rglob("*.yaml")):
        data = _yaml().load(path.read_text(encoding="utf-8"))
        found.append(Seed(path.relative_to(SCENARIOS), _kind(data), data))
    return tuple(found)


@cache
def vocabulary() -> tuple[str, ...]:
    """Every short word the seeds hold (ids, kinds, keys), for swapping references.

    Replacing one id by another the corpus knows reaches deeper than an unknown
    word: it may name a real person where a body is expected, a body of
    another organisation, a case closed or an act not yet done.
    """
    words: set[str] = set()
    for seed in seeds():
        for loc, value in _walk(seed.data):
            if isinstance(value, str) and _WORD.fullmatch(value):
                words.add(value)
            if loc and isinstance(loc[-1], str):
                words.add(loc[-1])
    return tuple(sorted(words))


_WORD: Final = re.compile(r"[\w.\-/]{1,40}")


@cache
def schema_words() -> tuple[str, ...]:
    """Every key govsim's document models know, behaviours' and invariants'
    parameters included.

    The seeds use only some of them; adding a key a model knows but the seed
    leaves to its default (a behaviour's ``window_days``, a body's ``size``)
    reaches code the seeds never set off.
    """
    from govsim.model.common import Strict

    for module in ("govsim.model.loading", "govsim.sweeps.spec", "govsim.simulation"):
        importlib.import_module(module)
    behaviours = importlib.import_module("govsim.simulation.behaviours")
    for found in pkgutil.iter_modules(behaviours.__path__):
        importlib.import_module(f"{behaviours.__name__}.{found.name}")
    words: set[str] = set()
    models: list[type[Strict]] = [Strict]
    while models:
        for sub in models.pop().__subclasses__():
            models.append(sub)
            words.update(f.alias or name for name, f in sub.model_fields.items())
    from govsim.invariants import INVARIANTS

    words.update(p.name for inv in INVARIANTS.values() for p in inv.params)
    return tuple(sorted(words))


def _walk(data: Any, loc: Loc = ()) -> Iterator[tuple[Loc, Any]]:
    """Every node of ``data`` with its location, parents first; each object once."""
    seen: set[int] = set()
    stack: list[tuple[Loc, Any]] = [(loc, data)]
    while stack:
        here, value = stack.pop()
        yield here, value
        if isinstance(value, dict | list):
            if id(value) in seen:
                continue
            seen.add(id(value))
            items = value.items() if isinstance(value, dict) else enumerate(value)
            stack.extend(((*here, k), v) for k, v in reversed(list(items)))


def _get(data: Any, loc: Loc) -> Any:
    for part in loc:
        data = data[part]
    return data


def _set(data: Any, loc: Loc, value: Any) -> Any:
    """Put ``value`` at ``loc`` and return the new document (``loc == ()`` replaces it)."""
    if not loc:
        return value
    _get(data, loc[:-1])[loc[-1]] = value
    return data


def _name(loc: Loc) -> str:
    return ".".join(str(part) for part in loc) or "<root>"


def _index(draw: Draw, size: int) -> int:
    """An index below ``size``, drawn about evenly.

    ``st.integers(0, size - 1)`` and ``st.sampled_from`` favour the first
    items several times over; a wide number taken modulo ``size`` does not,
    so every node, mutation and seed file is reached as often as another.
    """
    return int(draw(st.integers(0, 2**32 - 1))) % size


def _choice(draw: Draw, items: Sequence[T]) -> T:
    """One of ``items``, drawn about evenly (see :func:`_index`)."""
    return items[_index(draw, len(items))]


def _pick(
    draw: Draw, data: Any, keep: Callable[[Loc, Any], bool]
) -> tuple[Loc, Any] | None:
    """A node of ``data`` that ``keep`` accepts, drawn; ``None`` if there is none."""
    nodes = [(loc, value) for loc, value in _walk(data) if keep(loc, value)]
    if not nodes:
        return None
    return _choice(draw, nodes)


def _str(value: Any) -> str:
    shown = repr(value)
    return shown if len(shown) <= 60 else f"{shown[:57]}..."


# -- values ---------------------------------------------------------------

DAYS: Final[tuple[Any, ...]] = (
    Plain(_CORE + "timestamp", "2019-02-30"),
    Plain(_CORE + "timestamp", "2019-13-01"),
    Plain(_CORE + "timestamp", "2019-3-1"),
    dt.date(9999, 12, 31),
    dt.date(1, 1, 1),
    dt.date(1970, 1, 1),
    dt.datetime(2019, 3, 11, 23, 59, 59),
    "2019-03-11",
    "11 March 2019",
    20190311,
)
"""Dates that do not exist, lie at the ends of the calendar, or are not dates."""

NUMBERS: Final[tuple[Any, ...]] = (
    0,
    -1,
    -(10**20),
    2**31,
    2**63,
    10**30,
    Plain(_CORE + "int", "9" * 5000),
    1e308,
    -0.0,
    0.5,
    math.inf,
    -math.inf,
    math.nan,
)
"""Numbers too large for any count, negative, fractional or not finite."""

SAMPLES: Final[tuple[Any, ...]] = (
    "text",
    "1",
    0,
    1,
    3.5,
    True,
    False,
    None,
    [],
    ["a", "b"],
    [{"id": "x"}],
    {},
    {"a": 1},
    dt.date(2019, 3, 11),
)
"""One value of each type a document may hold, to swap for another."""

TEXTS: Final[tuple[Callable[[str], str], ...]] = (
    lambda s: "\u200f" + s,  # right-to-left mark
    lambda s: s + "\u202e",  # right-to-left override, left open
    lambda s: s + "\N{CLASSICAL BUILDING}\ufe0f",  # emoji with a variation selector
    lambda s: s + "\u0301\u0301",  # combining accents
    lambda s: s.replace("a", "\u0430"),  # Cyrillic a, a homoglyph
    lambda s: s + "\u200b",  # zero-width space
    lambda s: "\ufeff" + s,  # a byte-order mark inside the text
    lambda s: s + "\u2028x",  # line separator
    lambda s: s + "\x1b[31m",  # an escape sequence
    lambda s: s + "\x00",  # NUL
    lambda s: s + "\nsecond line",
    lambda s: (s or "x") * (20_000 // max(len(s), 1) + 1),  # very long
    lambda s: " " + s + " ",
    lambda _s: "",
    lambda _s: "[bold]x[/bold] :smile: %s {0}",
    lambda s: s.upper(),
)
"""Changes to a piece of text: direction marks, emoji, combining marks, length."""

SHARES: Final[tuple[str, ...]] = (
    "2/3",
    "0/0",
    "3/2",
    "0/3",
    "majority",
    "1e400",
    "abc",
)
"""Thresholds and quorums, as a book or a scenario writes them, right and wrong."""

REFERENCES: Final[tuple[str, ...]] = (
    "ghost",
    "nobody-knows-this-id",
    "",
    "organisation.govsim.yaml",
    "../iso/organisation.govsim.yaml",
    "../iso/2012-13-case.govsim.yaml",
    "rules",
    ".",
    "/dev/null",
    "/dev/zero",
    "nowhere.govsim.yaml",
    "x" * 300,
    "a\x00b",
)
"""Ids and paths that name nothing, a folder, a device, or something too long."""

KEYS: Final[tuple[str, ...]] = (
    "colour",
    "idd",
    "Id",
    "notes",
    "parent",
    "extends",
    "id",
    "by",
    "at",
    "acts",
    "schema_version",
    "\N{CLASSICAL BUILDING}",
    "x" * 300,
    "",
)
"""Keys to add: unknown ones, misspellings, and real keys in the wrong place."""


# -- mutations ------------------------------------------------------------

Mutation: TypeAlias = Callable[[Draw, Any, Seed], tuple[Any, str] | None]
"""Changes a document copy (or returns a new one) and says what it did, or
returns ``None`` when the document has nothing the mutation applies to."""


def _below_root(loc: Loc, _value: Any) -> bool:
    return bool(loc)


def _field(loc: Loc) -> str | None:
    """The key a value sits under, through list indexes: ``targets`` for ``acts.3.targets.0``."""
    return next((part for part in reversed(loc) if isinstance(part, str)), None)


def _siblings(data: Any, loc: Loc, kind: type) -> list[Any]:
    """The other values of type ``kind`` the document holds under the same key."""
    key = _field(loc)
    return [
        value
        for here, value in _walk(data)
        if isinstance(value, kind) and here != loc and _field(here) == key
    ]


def _rename(node: dict[Any, Any], old: Any, new: Any) -> None:
    """Rename a key in place, keeping the order of the keys."""
    items = [(new if k == old else k, v) for k, v in node.items()]
    node.clear()
    node.update(items)


def delete(draw: Draw, data: Any, _seed: Seed) -> tuple[Any, str] | None:
    """Delete a key from a mapping, or an item from a list."""
    found = _pick(draw, data, lambda _l, v: isinstance(v, dict | list) and bool(v))
    if found is None:
        return None
    loc, node = found
    key = _choice(draw, list(node) if isinstance(node, dict) else range(len(node)))
    del node[key]
    return data, f"delete {_name((*loc, key))}"


def add_key(draw: Draw, data: Any, _seed: Seed) -> tuple[Any, str] | None:
    """Add a key to a mapping: unknown, misspelt, known elsewhere, or one the
    schema knows that the seed leaves to its default."""
    found = _pick(draw, data, lambda _l, v: isinstance(v, dict))
    if found is None:
        return None
    loc, node = found
    key = _choice(draw, _choice(draw, (KEYS, vocabulary(), schema_words())))
    value = _choice(draw, SAMPLES + REFERENCES + NUMBERS + DAYS + SHARES)
    node[key] = copy.deepcopy(value)
    return data, f"add {_name((*loc, key))} = {_str(value)}"


def swap_type(draw: Draw, data: Any, _seed: Seed) -> tuple[Any, str] | None:
    """Replace a value by one of another type (text, number, list, mapping, null...)."""
    found = _pick(draw, data, _below_root)
    if found is None:
        return None
    loc, old = found
    value = _choice(draw, [s for s in SAMPLES if type(s) is not type(old)])
    return _set(data, loc, copy.deepcopy(value)), f"swap {_name(loc)} = {_str(value)}"


def reference(draw: Draw, data: Any, _seed: Seed) -> tuple[Any, str] | None:
    """Replace a word by another the document uses under the same key, by an
    unknown id or a bad path, or by any word the seeds use.

    The first reaches deepest: ``by: sc`` becomes ``by: ndc``, a target
    another person, an act's decision an earlier or later act, so the
    document often stays valid and the replay meets a different history.
    """
    found = _pick(draw, data, lambda at, v: bool(at) and isinstance(v, str))
    if found is None:
        return None
    loc, _old = found
    pool = [
        _siblings(data, loc, str) or list(REFERENCES),
        _siblings(data, loc, str) or list(vocabulary()),
        list(REFERENCES),
        list(vocabulary()),
    ]
    value = _choice(draw, _choice(draw, pool))
    return _set(data, loc, value), f"refer {_name(loc)} = {_str(value)}"


def wrap(draw: Draw, data: Any, _seed: Seed) -> tuple[Any, str] | None:
    """Turn a word in a list into a mapping of it to settings: ``nemo_iudex``
    becomes ``{nemo_iudex: {quorum: 0/0}}``, as invariants take parameters."""
    found = _pick(
        draw,
        data,
        lambda at, v: len(at) > 1 and isinstance(at[-1], int) and isinstance(v, str),
    )
    if found is None:
        return None
    loc, word = found
    key = _choice(draw, schema_words())
    value = _choice(draw, SHARES + NUMBERS + SAMPLES + DAYS)
    wrapped = {word: {key: copy.deepcopy(value)}}
    return _set(data, loc, wrapped), f"wrap {_name(loc)} = {_str(wrapped)}"


def rename_key(draw: Draw, data: Any, _seed: Seed) -> tuple[Any, str] | None:
    """Rename a key, so every reference to it (a person, a body) names nothing."""
    found = _pick(draw, data, lambda _l, v: isinstance(v, dict) and bool(v))
    if found is None:
        return None
    loc, node = found
    old = _choice(draw, list(node))
    new = (
        _choice(draw, REFERENCES[:3])
        if draw(st.booleans())
        else _choice(draw, vocabulary())
    )
    _rename(node, old, new)
    return data, f"rename {_name((*loc, old))} -> {_str(new)}"


def bad_date(draw: Draw, data: Any, _seed: Seed) -> tuple[Any, str] | None:
    """Make a date impossible, extreme or text, move it by up to ten years,
    or give it another date of the document (acts out of order)."""
    found = _pick(draw, data, lambda _l, v: isinstance(v, dt.date))
    if found is None:
        found = _pick(draw, data, _below_root)
    if found is None:
        return None
    loc, old = found
    how = _index(draw, 3)
    others = _siblings(data, loc, dt.date)
    if isinstance(old, dt.date) and how == 0:
        try:
            value: Any = old + dt.timedelta(days=draw(st.integers(-3650, 3650)))
        except OverflowError:
            value = old
    elif others and how == 1:
        value = _choice(draw, others)
    else:
        value = _choice(draw, DAYS)
    return _set(data, loc, value), f"date {_name(loc)} = {_str(value)}"


def duplicate(draw: Draw, data: Any, _seed: Seed) -> tuple[Any, str] | None:
    """Repeat an item of a list, or give one item another's id."""
    found = _pick(draw, data, lambda _l, v: isinstance(v, list) and bool(v))
    if found is None:
        return None
    loc, items = found
    with_ids = [
        j for j, item in enumerate(items) if isinstance(item, dict) and "id" in item
    ]
    if len(with_ids) >= 2 and draw(st.booleans()):
        j = _choice(draw, with_ids)
        k = _choice(draw, [other for other in with_ids if other != j])
        items[j]["id"] = items[k]["id"]
        return data, f"same id {_name((*loc, j, 'id'))} = {_str(items[k]['id'])}"
    i, at = _index(draw, len(items)), _index(draw, len(items) + 1)
    items.insert(at, copy.deepcopy(items[i]))
    return data, f"duplicate {_name((*loc, i))} at {at}"


_CYCLE_KEYS: Final = (
    "parent",
    "extends",
    "by",
    "body",
    "of",
    "decision",
    "replaces",
    "case",
    "target",
)


def cycle(draw: Draw, data: Any, _seed: Seed) -> tuple[Any, str] | None:
    """Make something refer to itself: a body its own parent, a book extending
    itself, an act about itself; or make the YAML share or contain a node."""
    how = _choice(draw, ("self", "extends", "alias", "recursive"))
    if how == "extends" and isinstance(data, dict) and "rulebook" in data:
        data["extends"] = data["rulebook"]
        return data, f"extends itself ({_str(data['rulebook'])})"
    if how in ("alias", "recursive"):
        found = _pick(draw, data, lambda _l, v: isinstance(v, dict | list))
        if found is None:
            return None
        loc, node = found
        if how == "recursive":
            if isinstance(node, dict):
                node[_choice(draw, KEYS[:6])] = node
            else:
                node.append(node)
            return data, f"recursive {_name(loc)}"
        target = _pick(draw, data, _below_root)
        if target is None or target[0][: len(loc)] == loc:
            return None
        return _set(data, target[0], node), f"alias {_name(target[0])} = *{_name(loc)}"
    # An entry that has an id (its "id:" or its key in a mapping) names itself.
    found = _pick(
        draw,
        data,
        lambda at, v: (
            isinstance(v, dict) and bool(at) and ("id" in v or isinstance(at[-1], str))
        ),
    )
    if found is None:
        return None
    loc, node = found
    own = node.get("id", loc[-1])
    key = _choice(draw, _CYCLE_KEYS)
    node[key] = own
    return data, f"self {_name((*loc, key))} = {_str(own)}"


def unicode(draw: Draw, data: Any, _seed: Seed) -> tuple[Any, str] | None:
    """Change a text or a key: direction marks, emoji, combining marks, length."""
    index = _index(draw, len(TEXTS))
    change = TEXTS[index]
    if draw(st.booleans()):
        found = _pick(draw, data, lambda _l, v: isinstance(v, dict) and bool(v))
        if found is not None:
            loc, node = found
            old = _choice(draw, list(node))
            _rename(node, old, change(str(old)))
            return data, f"unicode #{index} on key {_name((*loc, old))}"
    found = _pick(draw, data, lambda at, v: bool(at) and isinstance(v, str))
    if found is None:
        return None
    loc, old = found
    return _set(data, loc, change(old)), f"unicode #{index} on {_name(loc)}"


def empty(draw: Draw, data: Any, _seed: Seed) -> tuple[Any, str] | None:
    """Empty a list, a mapping or a text."""
    found = _pick(
        draw, data, lambda at, v: bool(at) and isinstance(v, dict | list | str)
    )
    if found is None:
        return None
    loc, old = found
    return _set(data, loc, type(old)()), f"empty {_name(loc)}"


def _is_number(loc: Loc, value: Any) -> bool:
    return bool(loc) and isinstance(value, int | float) and not isinstance(value, bool)


def number(draw: Draw, data: Any, _seed: Seed) -> tuple[Any, str] | None:
    """Make a number huge, negative, fractional or not finite, or move it by a
    little (a quorum one short); one time in five put such a number anywhere."""
    found = _pick(draw, data, _is_number)
    if found is None or _index(draw, 5) == 0:
        found = _pick(draw, data, _below_root)
    if found is None:
        return None
    loc, old = found
    if isinstance(old, int) and not isinstance(old, bool) and draw(st.booleans()):
        value: Any = old + _choice(draw, (-3, -2, -1, 1, 2, 3))
    else:
        value = _choice(draw, NUMBERS)
    return _set(data, loc, value), f"number {_name(loc)} = {_str(value)}"


MUTATIONS: Final[tuple[Mutation, ...]] = (
    delete,
    add_key,
    swap_type,
    reference,
    wrap,
    rename_key,
    bad_date,
    duplicate,
    cycle,
    unicode,
    empty,
    number,
)
"""The changes made to a document's data, each drawn about as often as the others."""


def _text_change(draw: Draw, text: str) -> tuple[str, str]:
    """Break the text itself: cut it short, or repeat a line (a duplicate key)."""
    lines = text.splitlines(keepends=True)
    if draw(st.booleans()) or len(lines) < 2:
        at = _index(draw, len(text) + 1)
        return text[:at], f"cut at character {at}"
    i = _index(draw, len(lines))
    return "".join([*lines[: i + 1], lines[i], *lines[i + 1 :]]), f"repeat line {i + 1}"


@st.composite
def mutants(draw: Draw, chosen: tuple[Seed, ...] | None = None) -> Mutant:
    """A seed (from ``chosen``, else every file under scenarios/) with 1-3 mutations.

    One mutant in ten also has its text cut short or a line repeated, after
    the data mutations.
    """
    seed = _choice(draw, chosen or seeds())
    data = copy.deepcopy(seed.data)
    changes: list[str] = []
    for _ in range(1 + _index(draw, 3)):
        done = _choice(draw, MUTATIONS)(draw, data, seed)
        if done is not None:
            data, what = done
            changes.append(what)
    text = dump(data)
    if _index(draw, 10) == 0:
        text, what = _text_change(draw, text)
        changes.append(what)
    return Mutant(seed, text, tuple(changes) or ("unchanged",))
