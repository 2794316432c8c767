"""libyaml's C parser and ruamel.yaml's pure-Python one read every document alike.

govsim reads a document with libyaml (through PyYAML) for speed and with
ruamel.yaml where only ruamel.yaml reads the text as YAML 1.2, or where
PyYAML has no libyaml. Both must give the same data, the same position for
every key and value, and the same problems; only the words of a YAML syntax
error may differ (libyaml's own), never its place in the file.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

import pytest

from govsim.documents import parse_yaml, yamlevents, yamlsource
from govsim.documents.yamlbuild import NeedsPythonError, build
from govsim.documents.yamlevents import libyaml_events, python_events
from govsim.errors import DocumentError, Span
from govsim.limits import MAX_NESTING, MAX_NODES

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted(
    path.relative_to(ROOT)
    for folder in ("scenarios", "examples")
    if (ROOT / folder).is_dir()
    for path in (ROOT / folder).rglob("*.y*ml")
)

pytestmark = pytest.mark.skipif(
    yamlevents.CParser is None, reason="PyYAML was built without libyaml"
)


def _spans(marks: dict[Any, Any]) -> dict[Any, tuple[int, int]]:
    return {loc: (mark.line + 1, mark.column + 1) for loc, mark in marks.items()}


def _read(text: str, *, python: bool) -> tuple[Any, ...]:
    """What a document reads as: its data and every mark, or its problems."""
    source = (python_events if python else libyaml_events)(text, "t.yaml")
    try:
        data, keys, values = build(source, MAX_NODES, MAX_NESTING)
    except DocumentError as exc:
        return ("problems", [str(problem) for problem in exc.problems])
    return ("data", repr(data), _spans(keys), _spans(values))


def _api(text: str) -> tuple[Any, ...]:
    """What :func:`parse_yaml` reads a document as, in the shape of :func:`_read`."""
    try:
        data, source = parse_yaml(text, "t.yaml")
    except DocumentError as exc:
        return ("problems", [str(problem) for problem in exc.problems])
    return ("data", repr(data), _spans(source._keys), _spans(source._values))


def _places(read: tuple[Any, ...]) -> tuple[Any, ...]:
    """A reading with each problem cut to its place: syntax errors' words differ."""
    if read[0] != "problems":
        return read
    return ("problems", [problem.split(": ")[0] for problem in read[1]])


@pytest.mark.parametrize("rel", SEEDS, ids=str)
def test_every_seed_document_reads_alike_in_both_parsers(rel: Path) -> None:
    text = (ROOT / rel).read_text(encoding="utf-8")
    assert _read(text, python=False) == _read(text, python=True)


SAME = [
    # aliases, anchors and what they share
    "a: &x {b: 1}\nc: *x\n",
    "a: &x [1, *x]\n",
    "a: &A [&B [*A]]\nc: *B\n",
    "a: 1\na: &x {b: yes}\nc: *x\n",
    "a: &x yes\nb: *x\n",
    "&k a: 1\n*k : 2\n",
    "a: &x {b: &y [1]}\nc: *y\nd: *x\n",
    "a: &x\n  b: &x 1\n  c: *x\nd: *x\n",
    "? &k [a]\n: 1\nb: *k\n",
    "a: !!str &x 1\nb: *x\n",
    "a: !!str\n  &x 1\nb: *x\n",
    "a: &x !custom 1\nb: *x\n",
    "a: &x {b: 1, b: 2}\nc: *x\nd: *x\n",
    "a: &x [&y [*x, *y]]\n",
    "a: *nope\n",
    # tags, merge keys, versions
    "<<: {a: 1}\n",
    "a: {<<: x}\n",
    "'<<': 1\n",
    "!!merge <<: 1\n",
    "a: !!null x\n",
    "a: !!bool maybe\n",
    "a: !!int x\n",
    "a: !!python/name:os.system x\n",
    "a: ! x\n",
    "a: ! 1\n",
    "!!int 1: x\n",
    "a: !<!foo> 5\n",
    "a: !<tag:yaml.org,2002:int> 5\n",
    "%TAG !e! tag:e.com,2000:\n---\na: !e!x 1\n",
    "%YAML 1.1\n---\na: yes\nb: 010\nc: 1:30\n",
    "%YAML 1.2\n---\na: 1\n",
    # scalars as ruamel.yaml resolves and constructs them
    "a: 0o17\nb: 017\nc: 0b10\nd: +12\ne: -0x1f\nf: 1_000\ng: 1:30\n",
    "a: .nan\nb: -.Inf\nc: 1e3\nd: 1_0.5\ne: 1.\nf: .5\ng: 1e\n",
    "a: 2020-01-01\nb: 2020-1-1\nc: 2020-01-01t10:00:00Z\nd: 2024-03-01 10:30:00 +1\n",
    "a: ~\nb: null\nc: Null\nd: NULL\ne: nULL\nf:\ng: True\nh: tRUE\ni: =\n",
    "y: 1\nn: 2\nYES: 3\nb: [on, Off]\nc: 'no'\n",
    'a: "\\e"\nb: "\\x07"\n"\\e": 1\n',
    "a: >\n  b\n  c\n\n  d\n",
    "? >\n  x\n  y\n: 1\n",
    "a: |-\n  b\nc: >+\n  d\n\n",
    "a: \"multi\n  line\"\nb: 'two\n\n  paragraphs'\nc: plain\n  continued\n",
    # empty values, where ruamel.yaml puts them
    "a:\nb: 1\n",
    "a: # note\nb:\n",
    "a:\n# note\n\nb: 1\n",
    "x:\n  a:\nb: 1\n",
    "x: {a: , b, c: }\n",
    "x: {a:\n\n  , b}\n",
    "x: [a: , b]\n",
    "? a\n: \n",
    # documents and roots
    "[a, b]\n",
    "42\n",
    "!custom x\n",
    "",
    "---\n",
    "a: 1\n---\nb: 2\n",
    "a: 1\n...\n",
    "a: 1\n...\nb: 2\n",
    # keys
    "a: {b: 1, b: 2, b: 3}\n",
    "{a: 1}: 2\n",
    "x: {a, b: 1}\n",
    "x: {a:b c}\n",
    "é: x\nb: 'é'\n",
]


@pytest.mark.parametrize("text", SAME)
def test_both_parsers_read_a_text_alike(text: str) -> None:
    assert _places(_read(text, python=False)) == _places(_read(text, python=True))


@pytest.mark.parametrize(
    "text",
    [
        "a: b\t\n",  # a tab between tokens: ruamel.yaml refuses it
        "a:\tb\n",
        "a: [b,\tc]\n",
        "a: |\n  \tb\n",  # libyaml refuses what ruamel.yaml reads
        "&a.b x: 1\n",  # an anchor name YAML 1.2 allows
        "&k: x\n",
        "x: {a:, b}\n",  # a plain scalar ending in ":"
        "a: x\x85b\n",  # next line, a break in YAML 1.1 only
        "a: x\u2028b\n",
        "a: 1\n\ufeffb: 2\n",
    ],
)
def test_text_libyaml_reads_otherwise_is_read_by_ruamel(text: str) -> None:
    if not yamlevents.needs_python(text):
        with pytest.raises(NeedsPythonError):
            _read(text, python=False)
    assert _api(text) == _read(text, python=True)


def test_tabs_inside_quotes_and_block_text_keep_libyaml(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(yamlsource, "python_events", _no_python)
    text = "a: 'b\tc'\nd: \"e\tf\"\ng: |\n  h\ti\n"
    data, _ = parse_yaml(text, "t.yaml")
    assert data == {"a": "b\tc", "d": "e\tf", "g": "h\ti\n"}


def _no_python(text: str, path: str) -> Any:
    raise AssertionError("read by ruamel.yaml")


def test_without_libyaml_every_text_is_read_by_ruamel(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "name: x\nfounded: 2024-03-01\nboard: {seats: 5}\nvote: yes\n"
    expected = _api(text)
    monkeypatch.setattr(yamlevents, "CParser", None)
    assert yamlevents.needs_python(text)
    assert _api(text) == expected
    data, source = parse_yaml("name: x\nfounded: 2024-03-01\n", "t.yaml")
    assert data == {"name": "x", "founded": dt.date(2024, 3, 1)}
    assert source.span(("founded",)) == Span("t.yaml", 2, 10)


def test_a_syntax_error_is_placed_where_ruamel_placed_it() -> None:
    with pytest.raises(DocumentError) as caught:
        parse_yaml("name: x\n people: 2\n", "t.yaml")
    assert str(caught.value) == "t.yaml:2:8: mapping values are not allowed here"
    with pytest.raises(DocumentError) as caught:
        parse_yaml("a:\n\t- x\n", "t.yaml")
    assert str(caught.value) == (
        "t.yaml:2:1: found character '\\t' that cannot start any token"
    )


@pytest.mark.parametrize("version", ["1.0", "1.3", "2.0"])
def test_another_yaml_version_is_refused_at_its_directive(version: str) -> None:
    with pytest.raises(DocumentError) as caught:
        parse_yaml(f"%YAML {version}\n---\na: 1\n", "t.yaml")
    assert str(caught.value) == (
        f"t.yaml:1:1: govsim reads YAML 1.2; remove the '%YAML {version}' directive"
    )


def test_a_large_alias_bomb_is_refused_before_anything_is_expanded() -> None:
    laughs = "a0: &a0 lol\n" + "".join(
        f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 30)
    )
    started = time.perf_counter()
    with pytest.raises(DocumentError, match="alias bomb"):
        parse_yaml(laughs, "bomb.yaml")
    assert time.perf_counter() - started < 1
