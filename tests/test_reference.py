"""The generated reference (docs/reference/): current, complete, and its examples true."""

import re
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

from govsim.engine.acts import HANDLERS
from govsim.model.acts import ACT_KINDS
from govsim.model.loading import load_scenario
from govsim.model.organisation import Organisation
from govsim.model.requirements import REQUIREMENT_RULES
from govsim.model.rulebook import RuleBook
from govsim.model.scenario import Expectations
from govsim.reference import pages, write_pages
from govsim.reference.__main__ import main, stale_files
from govsim.reference.fields import field_table
from govsim.running import run

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "docs" / "reference"
EXAMPLES = REFERENCE / "examples"
REGENERATE = "python -m govsim.reference docs/reference"


@pytest.fixture(scope="module")
def generated() -> dict[str, str]:
    return pages()


def test_committed_reference_is_what_the_code_generates():
    stale = stale_files(REFERENCE)
    assert stale == [], f"docs/reference is out of date ({stale}); run: {REGENERATE}"


def test_every_act_kind_requirement_rule_and_expectation_has_its_section(generated):
    acts, rules = generated["acts.md"], generated["requirements.md"]
    assert [k for k in ACT_KINDS if f"\n## {k}\n" not in acts] == []
    assert [r for r in REQUIREMENT_RULES if f"\n## {r}\n" not in rules] == []
    expectations = generated["expectations.md"]
    keys = [k for k in Expectations.model_fields if f"| `{k}` |" not in expectations]
    assert keys == []
    for page in ("index.md", "decisions.md", "selectors.md", "organisation.md"):
        assert page in generated
    assert "rulebook.md" in generated["index.md"]


def test_every_act_kind_has_its_effects_registered_beside_its_handler():
    missing = [k for k in ACT_KINDS if not HANDLERS[k].effects.get(k, "").strip()]
    assert missing == []


def _stated(page: str) -> dict[str, str]:
    """Example file to the verdict the page says the engine gave its act."""
    found = re.findall(
        r"Example, \[`examples/([^`]+)`\].*?The engine finds `[^`]+` \*\*(\w+)\*\*",
        page,
        re.DOTALL,
    )
    return dict(found)


def test_every_example_replays_with_the_verdict_its_page_states():
    stated = _stated((REFERENCE / "acts.md").read_text(encoding="utf-8"))
    stated |= _stated((REFERENCE / "requirements.md").read_text(encoding="utf-8"))
    files = sorted(
        p
        for p in EXAMPLES.glob("*.govsim.yaml")
        if p.name.startswith(("act-", "rule-"))
    )
    assert len(files) == len(ACT_KINDS) + len(REQUIREMENT_RULES)
    assert sorted(stated) == [p.name for p in files]
    for path in files:
        loaded = load_scenario(path)
        result = run(loaded)
        shown = loaded.scenario.acts[-1].id
        assert result.verdict(shown).value == stated[path.name], path.name
        assert result.expectations, path.name
        failed = [e.description for e in result.expectations if not e.met]
        assert failed == [], f"{path.name}: {failed}"


def test_requirement_examples_show_the_engines_violation_messages(generated):
    page = generated["requirements.md"]
    assert "notice to ann came 5 days before; 14 are required" in page
    assert "exec is itself under review in case k1" in page


def test_yaml_snippets_on_document_pages_are_valid_documents(generated):
    for page, model in (("organisation.md", Organisation), ("rulebook.md", RuleBook)):
        blocks = re.findall(r"```yaml\n(.*?)```", generated[page], re.DOTALL)
        assert blocks, page
        model.model_validate(yaml.safe_load(blocks[0]))


def test_a_field_without_a_docstring_still_gets_a_row():
    class Bare(BaseModel):
        count: int = 3
        name: str

    table = field_table(Bare, lambda _: None)
    assert "| `count` | whole number | `3` | — |" in table
    assert "| `name` | text | **required** | — |" in table


def test_module_entry_point_writes_every_file_and_removes_stale_examples(tmp_path):
    stale = tmp_path / "examples" / "act-gone.govsim.yaml"
    stale.parent.mkdir()
    stale.write_text("old\n", encoding="utf-8")
    assert main([str(tmp_path)]) == 0
    assert not stale.exists()
    assert (tmp_path / "acts.md").is_file()
    assert (tmp_path / "examples" / "act-sanction.govsim.yaml").is_file()
    assert main(["a", "b"]) == 2
    assert len(write_pages(tmp_path)) == len(pages())
    assert main(["--check", str(tmp_path)]) == 0
    (tmp_path / "acts.md").write_text("stale\n", encoding="utf-8")
    stale.write_text("old\n", encoding="utf-8")
    assert stale_files(tmp_path) == ["acts.md", "examples/act-gone.govsim.yaml"]
    assert main(["--check", str(tmp_path)]) == 1


def test_the_expectations_example_states_every_kind_and_meets_them():
    path = EXAMPLES / "every-expectations.govsim.yaml"
    loaded = load_scenario(path)
    expect = loaded.scenario.expect["example"]
    stated = [k for k in Expectations.model_fields if getattr(expect, k)]
    assert stated == list(Expectations.model_fields)
    outcomes = run(loaded).expectations
    assert len(outcomes) >= len(stated)
    assert [o.description for o in outcomes if not o.met] == []


def _plain(value):
    """Data as an editor's YAML 1.2 reader sees it (a date is a string)."""
    if isinstance(value, dict):
        return {key: _plain(v) for key, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value.isoformat() if hasattr(value, "isoformat") else value


def test_every_example_file_names_and_validates_against_its_schema():
    jsonschema = pytest.importorskip("jsonschema")
    from govsim.documents import load_yaml_file
    from govsim.reference.schema import document_schema

    files = sorted(EXAMPLES.glob("*.govsim.yaml"))
    assert files
    validators = {
        kind: jsonschema.Draft202012Validator(document_schema(kind))
        for kind in ("organisation", "scenario")
    }
    for path in files:
        kind = "organisation" if path.name == "organisation.govsim.yaml" else "scenario"
        first = path.read_text(encoding="utf-8").splitlines()[0]
        schema = ROOT / "schemas" / f"{kind}.schema.json"
        assert (
            first == f"# yaml-language-server: $schema=../../../schemas/{schema.name}"
        )
        assert (path.parent / first.split("=", 1)[1]).resolve() == schema
        data, _ = load_yaml_file(path)
        errors = [e.message for e in validators[kind].iter_errors(_plain(data))]
        assert errors == [], path.name


def test_every_slip_on_the_values_page_is_refused_at_its_position():
    from govsim.reference.values_page import SLIPS, slip_messages

    for what, text in SLIPS.items():
        messages = slip_messages(text)
        assert messages, what
        assert all(re.match(r"^\d+:\d+: \S", m) for m in messages), messages
    assert slip_messages("schema_version: 1\nrulebook: fine\n") == []
