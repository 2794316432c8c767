"""Tests for govsim.documents: safe YAML loading, source maps and validation."""

from __future__ import annotations

import datetime
import time
import tracemalloc
from pathlib import Path
from typing import Annotated, Literal

import pytest
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from govsim.documents import (
    MAX_FILE_BYTES,
    MAX_NODES,
    SourceMap,
    did_you_mean,
    load_yaml_file,
    parse_yaml,
    validate,
    yamlsource,
)
from govsim.errors import DocumentError, Problem, Span

# --- small models -----------------------------------------------------------


class Person(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    age: int = 0

    @field_validator("age")
    @classmethod
    def _not_negative(cls, age: int) -> int:
        if age < 0:
            raise ValueError("an age cannot be negative")
        return age


class Expel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    act: Literal["expel"]
    person: str
    by: str = "board"


class Warn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    act: Literal["warn"]
    person: str

    @model_validator(mode="after")
    def _not_self(self) -> Warn:
        if self.person == "everyone":
            raise PydanticCustomError("too_wide", "a warning names one person")
        return self


Act = Annotated[Expel | Warn, Field(discriminator="act")]


class Org(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    founded: datetime.date | None = None
    people: list[Person] = []
    acts: list[Act] = []
    bodies: dict[str, Person] = {}

    @model_validator(mode="after")
    def _known_people(self) -> Org:
        names = {person.name for person in self.people}
        for index, act in enumerate(self.acts):
            if names and act.person not in names:
                raise PydanticCustomError(
                    "unknown_person",
                    "no person named {person}",
                    {"person": act.person, "loc": ("acts", index, "person")},
                )
        return self


class Wide(BaseModel):
    model_config = ConfigDict(extra="forbid")
    a: int = 0
    b: int = 0
    c: int = 0
    d: int = 0
    e: int = 0
    f: int = 0
    g: int = 0
    h: int = 0
    i: int = 0
    j: int = 0
    k: int = 0
    l: int = 0  # noqa: E741
    m: int = 0


# --- helpers ------------------------------------------------------------------


def write(tmp_path: Path, text: str, name: str = "org.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(DocumentError) as caught:
        load_yaml_file(path)
    return [str(problem) for problem in caught.value.problems]


def validation_problems(
    tmp_path: Path, text: str, model: type[BaseModel] = Org
) -> list[str]:
    data, source = load_yaml_file(write(tmp_path, text))
    with pytest.raises(DocumentError) as caught:
        validate(model, data, source)
    return [str(problem) for problem in caught.value.problems]


PLAIN_TYPES = {
    dict,
    list,
    str,
    int,
    float,
    bool,
    type(None),
    datetime.date,
    datetime.datetime,
}


def assert_plain(value: object) -> None:
    assert type(value) in PLAIN_TYPES, type(value)
    if isinstance(value, dict):
        for key, item in value.items():
            assert type(key) is str
            assert_plain(item)
    elif isinstance(value, list):
        for item in value:
            assert_plain(item)


# --- parsing ------------------------------------------------------------------


def test_syntax_error_is_positioned_without_traceback(tmp_path: Path) -> None:
    path = write(tmp_path, "name: x\n people: 2\n")
    [problem] = problems_of(path)
    assert problem == f"{path}:2:8: mapping values are not allowed here"
    assert "Traceback" not in problem


def test_duplicate_keys_are_all_reported(tmp_path: Path) -> None:
    path = write(
        tmp_path, "bodies:\n  board: 1\n  council: 2\n  board: 3\n  council: 4\n"
    )
    assert problems_of(path) == [
        f"{path}:4:3: bodies.board: duplicate key 'board' (first defined at line 2)",
        f"{path}:5:3: bodies.council: duplicate key 'council'"
        " (first defined at line 3)",
    ]


BOOL_WORDS = ["yes", "no", "on", "off", "y", "n", "Yes", "NO", "On", "OFF", "Y", "N"]


@pytest.mark.parametrize("word", BOOL_WORDS)
def test_yaml11_boolean_word_as_value_is_refused(tmp_path: Path, word: str) -> None:
    path = write(tmp_path, f"name: x\nvote: {word}\n")
    [problem] = problems_of(path)
    meaning = "true" if word.lower() in {"yes", "on", "y"} else "false"
    assert problem == (
        f"{path}:2:7: vote: '{word}' is a boolean in YAML 1.1 but a string in YAML 1.2,"
        f' so tools disagree about it; write "{word}" in quotes if you mean the word,'
        f" or {meaning} if you mean a boolean"
    )


@pytest.mark.parametrize("word", BOOL_WORDS)
def test_yaml11_boolean_word_as_key_is_refused(tmp_path: Path, word: str) -> None:
    path = write(tmp_path, f"name: x\nvotes:\n  {word}: 3\n")
    [problem] = problems_of(path)
    assert problem.startswith(
        f"{path}:3:3: votes.{word}: '{word}' is a boolean in YAML 1.1"
    )


def test_every_boolean_word_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "ballot: [yes, no, On, abstain]\n")
    spans = [problem.split(": ")[0] for problem in problems_of(path)]
    assert spans == [f"{path}:1:10", f"{path}:1:15", f"{path}:1:19"]


def test_quoted_words_and_real_booleans_are_accepted(tmp_path: Path) -> None:
    text = "a: 'no'\nb: \"Yes\"\n'on': 1\nc: true\nd: false\ne: |\n  no\nf: !!str off\n"
    data, _ = load_yaml_file(write(tmp_path, text))
    assert data == {
        "a": "no",
        "b": "Yes",
        "on": 1,
        "c": True,
        "d": False,
        "e": "no\n",
        "f": "off",
    }


BILLION_LAUGHS = 'a0: &a0 "lol"\n' + "".join(
    f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 10)
)


def test_billion_laughs_is_refused_quickly_and_cheaply(tmp_path: Path) -> None:
    path = write(tmp_path, BILLION_LAUGHS)
    # Timed without tracing: tracemalloc slows the parse five-fold, which put
    # a traced run at the bound on a busy machine. An expanded bomb would
    # take minutes and gigabytes either way.
    started = time.perf_counter()
    problems_of(path)
    assert time.perf_counter() - started < 10
    tracemalloc.start()
    try:
        [problem] = problems_of(path)
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert peak < 200 * 1024 * 1024
    assert problem == (
        f"{path}:1:1: the document expands to more than {MAX_NODES} nodes through"
        " anchors and aliases; refusing to load it (an alias bomb?)"
    )


def test_aliases_within_the_limit_are_expanded(tmp_path: Path) -> None:
    path = write(tmp_path, "name: x\nbase: &b {seats: 5}\nboard: *b\n")
    data, source = load_yaml_file(path)
    assert data["board"] == {"seats": 5}
    assert data["board"] is not data["base"]  # each expansion is its own copy
    assert source.span(("board",)) == Span(str(path), 3, 8)  # the alias itself
    assert source.span(("board", "seats")) == Span(str(path), 2, 18)  # its anchor


def test_recursive_alias_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "name: x\nloop: &x [1, *x]\n")
    assert problems_of(path) == [
        f"{path}:2:14: loop.1: recursive alias: this node contains itself"
    ]


def test_second_document_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "name: x\n---\nname: y\n")
    assert problems_of(path) == [
        f"{path}:2:1: a govsim file holds one document; found a second one here"
    ]


@pytest.mark.parametrize("text", ["", "# only a comment\n", "---\n", "~\n"])
def test_empty_document_is_refused(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)
    assert problems_of(path) == [f"{path}:1:1: the document is empty"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("- a\n- b\n", "a list"),
        ("just words\n", "a string"),
        ("42\n", "a number"),
        ("true\n", "a boolean"),
    ],
)
def test_root_must_be_a_mapping(tmp_path: Path, text: str, found: str) -> None:
    path = write(tmp_path, text)
    assert problems_of(path) == [
        f"{path}:1:1: the document must be a mapping of keys, found {found}"
    ]


def test_tags_are_refused_and_nothing_is_constructed(tmp_path: Path) -> None:
    text = "name: !!python/object:os.system x\nrule: !custom {a: 1}\nok: !!int 3\n"
    path = write(tmp_path, text)
    assert problems_of(path) == [
        f"{path}:1:7: name: tags such as '!!python/object:os.system' are not allowed",
        f"{path}:2:7: rule: tags such as '!custom' are not allowed",
    ]


def test_yaml_11_directive_and_merge_keys_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "%YAML 1.1\n---\nbase: &b {x: 1}\nother:\n  <<: *b\n")
    assert problems_of(path) == [
        f"{path}:2:1: govsim reads YAML 1.2; remove the '%YAML 1.1' directive",
        f"{path}:5:3: other.<<: merge keys ('<<') are not part of YAML 1.2;"
        " write the keys out",
    ]


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "a: " + "[" * 500 + "]" * 500 + "\n")
    [problem] = problems_of(path)
    assert "nests more than 100 levels deep" in problem


def test_dates_become_dates_and_nothing_from_ruamel_leaks(tmp_path: Path) -> None:
    text = (
        "name: 'x'\nfounded: 2024-03-01\nmet: 2024-03-01T10:30:00+01:00\nhex: 0x1F\n"
        "big: 1_000\nratio: 1.5e3\nfolded: >\n  a b\nnull_value: ~\nflag: true\n"
        "nested: {list: [1, 'two', 3.0, [2024-01-02]], dq: \"q\"}\n"
        "same: &s [1]\nagain: *s\n"
    )
    data, _ = load_yaml_file(write(tmp_path, text))
    assert_plain(data)
    assert data["founded"] == datetime.date(2024, 3, 1)
    assert type(data["founded"]) is datetime.date
    assert data["met"] == datetime.datetime(2024, 3, 1, 9, 30, tzinfo=datetime.UTC)
    assert (data["hex"], data["big"], data["ratio"]) == (31, 1000, 1500.0)
    assert data["nested"]["list"][3] == [datetime.date(2024, 1, 2)]


def test_nested_list_positions(tmp_path: Path) -> None:
    text = "name: x\nacts:\n  - act: warn\n    person: ann\n"
    text += "  - act: expel\n    person: bob\n"
    path = write(tmp_path, text)
    _, source = load_yaml_file(path)
    assert source.span(("acts", 1)) == Span(str(path), 5, 5)
    assert source.span(("acts", 1, "person")) == Span(str(path), 6, 13)
    assert source.span(("acts", 1, "person"), key=True) == Span(str(path), 6, 5)
    assert source.span(("acts", 1, "expel", "person")) == Span(str(path), 6, 13)
    assert source.span(("acts", 1, "by")) == Span(
        str(path), 5, 5
    )  # missing: the mapping
    assert source.span(("nowhere",)) == Span(str(path), 1, 1)
    assert source.has(("acts", 0, "act"))
    assert not source.has(("acts", 0, "by"))
    assert source.problem(("acts", 0), "bad") == Problem(
        Span(str(path), 3, 5), "bad", ("acts", 0)
    )


def test_source_map_for_python_data_points_at_its_name() -> None:
    source = SourceMap.empty()
    assert source.path == "<data>"
    assert source.span(("acts", 3, "by")) == Span("<data>", 1, 1)
    data = {"name": "x", "people": [{"nam": "y"}]}
    with pytest.raises(DocumentError) as caught:
        validate(Org, data, source)
    assert str(caught.value).startswith(
        "<data>:1:1: people.0.name: missing required key"
    )


def test_control_characters_are_positioned(tmp_path: Path) -> None:
    path = write(tmp_path, "name: x\nnote: a\x07b\n")
    assert problems_of(path) == [
        f"{path}:2:8: character U+0007 is not allowed in YAML:"
        " special characters are not allowed"
    ]


def test_parse_yaml_takes_text_and_a_name() -> None:
    data, source = parse_yaml("name: x\nsize: 3\n", "inline.yaml")
    assert data == {"name": "x", "size": 3}
    assert source.path == "inline.yaml"
    assert source.span(("size",)) == Span("inline.yaml", 2, 7)
    with pytest.raises(DocumentError) as caught:
        parse_yaml(BILLION_LAUGHS, "bomb.yaml")
    assert str(caught.value).startswith("bomb.yaml:1:1: the document expands")


def test_many_plain_nodes_are_refused_without_blaming_aliases(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(yamlsource, "MAX_NODES", 100)
    text = "items: [" + ", ".join(["1"] * 120) + "]\n"
    with pytest.raises(DocumentError) as caught:
        parse_yaml(text, "big.yaml")
    assert str(caught.value) == (
        "big.yaml:1:1: the document expands to more than 100 nodes; refusing to load it"
    )


def test_problems_of_every_kind_are_collected_together(tmp_path: Path) -> None:
    text = "a: yes\nb: !!python/name:os.system x\na: 2\nc: &r [*r]\n"
    path = write(tmp_path, text)
    assert [problem.split(": ")[0] for problem in problems_of(path)] == [
        f"{path}:1:4",
        f"{path}:2:4",
        f"{path}:3:1",
        f"{path}:4:8",
    ]


# --- files --------------------------------------------------------------------


def test_oversize_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as stream:
        stream.truncate(MAX_FILE_BYTES + 1)  # sparse: refusing must not need to read it
    assert problems_of(path) == [
        f"{path}:1:1: file is {MAX_FILE_BYTES + 1} bytes;"
        f" govsim reads documents of at most {MAX_FILE_BYTES} bytes"
    ]


def test_missing_file_and_directory(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    assert problems_of(missing) == [f"{missing}:1:1: no such file"]
    assert problems_of(tmp_path) == [f"{tmp_path}:1:1: this is a folder, not a file"]


def test_path_is_kept_as_the_caller_wrote_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "name: [\n")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DocumentError) as caught:
        load_yaml_file("./org.yaml")
    assert str(caught.value).startswith("./org.yaml:2:1: ")


def test_bad_utf8_is_positioned(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"name: ok\nnote: caf\xe9\n")
    assert problems_of(path) == [
        f"{path}:2:10: the file is not UTF-8 text"
        " (byte 0xe9: invalid continuation byte); save it as UTF-8"
    ]


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfname: x\n")
    data, source = load_yaml_file(path)
    assert data == {"name": "x"}
    assert source.span(("name",), key=True) == Span(str(path), 1, 1)


# --- validation ----------------------------------------------------------------


def test_unknown_key_at_the_key_with_suggestion(tmp_path: Path) -> None:
    text = "name: x\npeople:\n  - name: ann\n    agee: 3\n"
    assert validation_problems(tmp_path, text) == [
        f"{tmp_path / 'org.yaml'}:4:5: people.0.agee: unknown key 'agee'"
        " (did you mean 'age'?) (allowed: age, name)"
    ]


def test_unknown_key_lists_every_allowed_key(tmp_path: Path) -> None:
    [problem] = validation_problems(tmp_path, "a: 1\nzz: 2\n", Wide)
    assert problem == (
        f"{tmp_path / 'org.yaml'}:2:1: zz: unknown key 'zz'"
        " (allowed: a, b, c, d, e, f, g, h, i, j, k, l, m)"
    )


def test_missing_key_at_the_mapping(tmp_path: Path) -> None:
    text = "name: x\nbodies:\n  board:\n    age: 3\n"
    assert validation_problems(tmp_path, text) == [
        f"{tmp_path / 'org.yaml'}:4:5: bodies.board.name: missing required key 'name'"
    ]


def test_wrong_type_shows_the_value(tmp_path: Path) -> None:
    text = "name: x\npeople:\n  - name: ann\n    age: old\n  - name: bob\n    age: -1\n"
    path = tmp_path / "org.yaml"
    assert validation_problems(tmp_path, text) == [
        f"{path}:4:10: people.0.age: expected a whole number, got 'old'",
        f"{path}:6:10: people.1.age: an age cannot be negative (got -1)",
    ]


def test_long_values_are_not_shown(tmp_path: Path) -> None:
    [problem] = validation_problems(tmp_path, f"name: [{', '.join(['word'] * 20)}]\n")
    assert problem.endswith("name: expected text, got a list")


def test_discriminated_union_bad_tag(tmp_path: Path) -> None:
    text = "name: x\nacts:\n  - act: expell\n    person: ann\n  - person: bob\n"
    path = tmp_path / "org.yaml"
    assert validation_problems(tmp_path, text) == [
        f"{path}:3:10: acts.0.act: unknown act 'expell' (did you mean 'expel'?)"
        " (allowed: expel, warn)",
        f"{path}:5:5: acts.1.act: missing required key 'act'",
    ]


def test_union_member_errors_drop_the_tag_from_the_location(tmp_path: Path) -> None:
    text = "name: x\nacts:\n  - act: expel\n    persn: ann\n"
    path = tmp_path / "org.yaml"
    assert validation_problems(tmp_path, text) == [
        f"{path}:3:5: acts.0.person: missing required key 'person'",
        f"{path}:4:5: acts.0.persn: unknown key 'persn' (did you mean 'person'?)"
        " (allowed: act, by, person)",
    ]


def test_custom_errors_keep_their_message_and_place(tmp_path: Path) -> None:
    text = "name: x\npeople:\n  - name: ann\nacts:\n  - act: warn\n    person: bobb\n"
    assert validation_problems(tmp_path, text) == [
        f"{tmp_path / 'org.yaml'}:6:13: acts.0.person: no person named bobb"
    ]


def test_custom_error_of_a_union_member_is_placed_at_its_mapping(
    tmp_path: Path,
) -> None:
    text = "name: x\nacts:\n  - act: warn\n    person: everyone\n"
    assert validation_problems(tmp_path, text) == [
        f"{tmp_path / 'org.yaml'}:3:5: acts.0: a warning names one person"
    ]


def test_several_problems_sorted_by_position(tmp_path: Path) -> None:
    text = (
        "people:\n  - name: ann\n    age: x\n"
        "acts:\n  - act: warm\n    person: ann\n"
        "founded: someday\nextra: 1\n"
    )
    problems = validation_problems(tmp_path, text)
    path = tmp_path / "org.yaml"
    assert [problem.split(": ")[0] for problem in problems] == [
        f"{path}:1:1",
        f"{path}:3:10",
        f"{path}:5:10",
        f"{path}:7:10",
        f"{path}:8:1",
    ]
    assert "missing required key 'name'" in problems[0]
    assert "unknown act 'warm' (did you mean 'warn'?)" in problems[2]
    assert "expected a date written YYYY-MM-DD, got 'someday'" in problems[3]
    assert "unknown key 'extra'" in problems[4]


def test_valid_document_round_trips(tmp_path: Path) -> None:
    text = "name: x\nfounded: 2020-01-01\npeople:\n  - name: ann\n"
    text += "acts:\n  - act: warn\n    person: ann\n"
    data, source = load_yaml_file(write(tmp_path, text))
    org = validate(Org, data, source)
    assert org.founded == datetime.date(2020, 1, 1)
    assert isinstance(org.acts[0], Warn)


class Cat(BaseModel):
    model_config = ConfigDict(extra="forbid")
    meow: int


class Dog(BaseModel):
    model_config = ConfigDict(extra="forbid")
    bark: int


class Home(BaseModel):
    model_config = ConfigDict(extra="forbid")
    pet: Cat | Dog
    rooms: dict[int, str] = {}


def test_smart_union_reports_the_form_the_value_was_meant_as(tmp_path: Path) -> None:
    path = tmp_path / "org.yaml"
    # A cat with a bad meow, not a dog without a bark.
    problems = validation_problems(tmp_path, "pet:\n  meow: loud\n", Home)
    assert problems == [f"{path}:2:9: pet.meow: expected a whole number, got 'loud'"]


def test_smart_union_fitting_no_form_lists_every_forms_keys(tmp_path: Path) -> None:
    path = tmp_path / "org.yaml"
    problems = validation_problems(tmp_path, "pet:\n  purr: 1\n", Home)
    assert problems == [
        f"{path}:2:3: pet.purr: unknown key 'purr' (allowed: bark, meow)"
    ]
    [problem] = validation_problems(tmp_path, "pet: 3\n", Home)
    assert problem.endswith("pet: expected a mapping of keys (key: value lines), got 3")


def test_dict_key_errors_point_at_the_mapping_entry(tmp_path: Path) -> None:
    text = "pet: {bark: 1}\nrooms:\n  kitchen: big\n"
    [problem] = validation_problems(tmp_path, text, Home)
    assert problem.startswith(f"{tmp_path / 'org.yaml'}:3:12: rooms.kitchen.[key]: ")
    assert "expected a whole number, got 'kitchen'" in problem


def test_public_namespace() -> None:
    import govsim.documents

    assert sorted(govsim.documents.__all__) == [
        "MAX_FILE_BYTES",
        "MAX_NODES",
        "SourceMap",
        "did_you_mean",
        "load_yaml_file",
        "parse_yaml",
        "validate",
    ]
    assert (MAX_FILE_BYTES, MAX_NODES) == (16_777_216, 2_000_000)


# --- suggestions ---------------------------------------------------------------


def test_did_you_mean() -> None:
    assert did_you_mean("persn", ["person", "body"]) == " (did you mean 'person'?)"
    assert did_you_mean("xyz", ["person", "body"]) == ""
    assert did_you_mean("person", ["person"]) == ""
    assert did_you_mean("ID", iter(["id", "name"])) == " (did you mean 'id'?)"
    assert did_you_mean("x", []) == ""


def test_folded_scalars_read_as_plain_text_without_fold_markers():
    data, _ = parse_yaml("text: >\n  one\n  two\n", "folded.yaml")
    assert data["text"] == "one two\n"
