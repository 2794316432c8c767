"""Plugins: one registry type, entry points, one policy for a name taken twice.

The unit tests make registries of their own groups and stand up fake
distributions on ``sys.path``; the end-to-end tests install the example
plugin kept in examples/plugin/ into a folder of their own and run govsim in
a subprocess that sees it, so that this test session's registries stay
govsim's alone.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from govsim.errors import PluginError, UsageError
from govsim.registry import Registry

ROOT = Path(__file__).resolve().parents[1]
PLUGIN = ROOT / "examples" / "plugin"
DEMO = PLUGIN / "demo"


def widget() -> str:
    return "widget"


def other_widget() -> str:
    return "other widget"


@pytest.fixture
def fake_dist(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Write an installed distribution with entry points and a module, on sys.path."""

    def make(name: str, group: str, module: str, source: str) -> None:
        info = tmp_path / f"{name}-0.3.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.3\n", encoding="utf-8"
        )
        (info / "entry_points.txt").write_text(
            f"[{group}]\nthings = {module}\n", encoding="utf-8"
        )
        (tmp_path / f"{module}.py").write_text(source, encoding="utf-8")

    monkeypatch.syspath_prepend(str(tmp_path))
    return make


def test_a_name_registered_twice_names_both_providers() -> None:
    things: Registry[object] = Registry("gadget", "govsim.test-gadgets")
    things.add("w", widget)
    with pytest.raises(PluginError) as caught:
        things.add("w", other_widget)
    message = str(caught.value)
    assert "the gadget 'w' is registered twice" in message
    assert message.count(f"module {__name__}") == 2
    assert isinstance(caught.value, UsageError)  # the command line exits 2
    assert things["w"] is widget


def test_the_same_function_again_is_no_clash() -> None:
    things: Registry[object] = Registry("gadget", "govsim.test-gadgets")
    things.add("w", widget)
    things.add("w", widget)
    assert list(things) == ["w"]


def test_a_wrapped_item_is_known_by_its_origin() -> None:
    things: Registry[tuple[str]] = Registry("gadget", "govsim.test-gadgets")
    things.add("w", ("first",), origin=widget)
    things.add("w", ("again",), origin=widget)
    with pytest.raises(PluginError, match="registered twice"):
        things.add("w", ("other",), origin=other_widget)


def test_govsim_own_items_are_named_as_govsims() -> None:
    from govsim.invariants import INVARIANTS

    assert INVARIANTS.provider("nemo_iudex") == (
        "govsim (module govsim.invariants.impartiality)"
    )


def test_a_plugin_clashing_with_govsim_is_refused_naming_both() -> None:
    from govsim.invariants.base import INVARIANTS, invariant

    def nemo_iudex(step: object, p: object) -> Iterator[object]:
        """A second statement of the same name."""
        yield from ()

    with pytest.raises(PluginError) as caught:
        invariant("nemo_iudex", number=101, kind="safety", guards="x")(nemo_iudex)
    assert "govsim (module govsim.invariants.impartiality)" in str(caught.value)
    assert f"module {__name__}" in str(caught.value)
    assert INVARIANTS["nemo_iudex"].check is not nemo_iudex


def test_overriding_stands_in_for_an_item_and_restores_it() -> None:
    from govsim.sweeps.targets import TARGETS

    builtin = TARGETS["model"]
    with TARGETS.overriding("model", widget):  # type: ignore[arg-type]  # a stand-in
        assert TARGETS["model"] is widget
    assert TARGETS["model"] is builtin


def test_an_unknown_name_is_told_the_known_ones() -> None:
    things: Registry[object] = Registry("gadget", "govsim.test-gadgets")
    things.add("widget", widget)
    assert things.unknown("widgte") == (
        "no gadget named 'widgte'; did you mean 'widget'? Known: widget."
    )


def test_entry_points_are_loaded_once_on_first_read(fake_dist) -> None:
    fake_dist(
        "gadgets-plus",
        "govsim.test-gadgets-a",
        "gadgets_plus_a",
        f"from {__name__} import REGISTRY_A\n"
        "LOADS = []\n"
        "def sprocket():\n    return 'sprocket'\n"
        "LOADS.append(1)\n"
        "REGISTRY_A.add('sprocket', sprocket)\n",
    )
    assert "gadgets_plus_a" not in sys.modules
    assert "sprocket" in REGISTRY_A
    assert REGISTRY_A.provider("sprocket") == (
        "gadgets-plus 0.3 (module gadgets_plus_a, "
        "entry point 'things' of govsim.test-gadgets-a)"
    )
    assert len(REGISTRY_A) == 1
    assert sys.modules["gadgets_plus_a"].LOADS == [1]
    # What other code registers at run time is not part of the installation.
    REGISTRY_A.add("cog", widget)
    try:
        assert list(REGISTRY_A.installed()) == ["sprocket"]
    finally:
        REGISTRY_A.remove("cog")


def test_a_behaviour_registered_at_run_time_stays_out_of_the_schema() -> None:
    from govsim.reference.schema import schema_text
    from govsim.simulation import Behaviour, register_behaviour
    from govsim.simulation.behaviour import BEHAVIOURS, installed_behaviours

    before = schema_text("model")

    @register_behaviour("test.plugins.quiet")
    class Quiet(Behaviour):
        """Does nothing."""

    try:
        assert "test.plugins.quiet" in BEHAVIOURS
        assert "test.plugins.quiet" not in installed_behaviours()
        assert "members" in installed_behaviours()
        assert schema_text("model") == before
    finally:
        BEHAVIOURS.remove("test.plugins.quiet")


REGISTRY_A: Registry[object] = Registry("gadget", "govsim.test-gadgets-a")
REGISTRY_B: Registry[object] = Registry("gadget", "govsim.test-gadgets-b")


def test_a_plugin_that_fails_to_import_is_named(fake_dist) -> None:
    fake_dist(
        "broken-gadgets",
        "govsim.test-gadgets-b",
        "broken_gadgets_b",
        "import no_such_module_anywhere\n",
    )
    with pytest.raises(PluginError) as caught:
        list(REGISTRY_B)
    assert str(caught.value) == (
        "the plugin broken-gadgets 0.3 (entry point 'things' of "
        "govsim.test-gadgets-b: broken_gadgets_b) could not be loaded: "
        "ModuleNotFoundError: No module named 'no_such_module_anywhere'. "
        "Fix or uninstall broken-gadgets 0.3."
    )


REGISTRY_C: Registry[object] = Registry(
    "gadget", "govsim.test-gadgets-c", builtins=("slow_gadgets_c",)
)


def test_a_thread_reading_while_another_loads_waits_for_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    (tmp_path / "slow_gadgets_c.py").write_text(
        f"import threading\nfrom {__name__} import REGISTRY_C\n"
        "STARTED = threading.Event()\nRELEASE = threading.Event()\n"
        "STARTED.set()\nRELEASE.wait(10)\n"
        "REGISTRY_C.add('cog', len)\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    seen: dict[str, bool] = {}
    first = threading.Thread(
        target=lambda: seen.setdefault("first", "cog" in REGISTRY_C)
    )
    first.start()
    while "slow_gadgets_c" not in sys.modules:
        threading.Event().wait(0.01)
    module = sys.modules["slow_gadgets_c"]
    assert module.STARTED.wait(10)
    second = threading.Thread(
        target=lambda: seen.setdefault("second", "cog" in REGISTRY_C)
    )
    second.start()
    second.join(0.2)
    assert second.is_alive()  # waiting for the first thread's loading
    module.RELEASE.set()
    first.join(10)
    second.join(10)
    assert seen == {"first": True, "second": True}


def test_a_requirement_model_needs_a_rule_tag() -> None:
    from govsim.model.requirements import RequirementBase, requirement_rule

    class Untagged(RequirementBase):
        """No rule field."""

    with pytest.raises(PluginError, match="needs a field `rule: Literal"):
        requirement_rule(Untagged)


def test_a_rule_with_a_model_and_no_checker_is_named() -> None:
    from govsim.engine.checks import checker_of

    with pytest.raises(PluginError, match="'no_such_rule' has a model but no checker"):
        checker_of("no_such_rule")


# The example plugin, installed where only subprocesses see it.


@pytest.fixture(scope="module")
def plugin_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Install examples/plugin into a folder of its own (pip, without deps)."""
    target = tmp_path_factory.mktemp("plugin-site")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(PLUGIN),
        ],
        check=True,
        capture_output=True,
    )
    return target


def govsim_with(
    plugin_path: Path | None, *args: str, cwd: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    """Run govsim in a subprocess, seeing the example plugin if a path is given."""
    env = {**os.environ, "COLUMNS": "120"}
    if plugin_path is not None:
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(plugin_path), env.get("PYTHONPATH", "")) if p
        )
    return subprocess.run(
        [sys.executable, "-m", "govsim", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_plugin_invariant_is_listed(plugin_path: Path) -> None:
    shown = govsim_with(plugin_path, "invariants")
    assert shown.returncode == 0, shown.stderr
    assert "101 collective_sanction (safety)" in shown.stdout
    assert shown.stdout.rstrip().endswith("39 invariants")
    plain = govsim_with(None, "invariants")
    assert "collective_sanction" not in plain.stdout


def test_the_plugin_rule_is_judged_and_its_invariant_checked(
    plugin_path: Path,
) -> None:
    shown = govsim_with(plugin_path, "run", "cooling.govsim.yaml", cwd=DEMO)
    assert shown.returncode == 0, shown.stdout + shown.stderr
    assert "expectations: all 4 met" in shown.stdout
    assert (
        "§3a case k1 was opened on 2024-04-02, 3 day(s) before the act; "
        "the rules ask for 7" in shown.stdout
    )
    refused = govsim_with(None, "run", "cooling.govsim.yaml", cwd=DEMO)
    assert refused.returncode == 2
    assert "unknown rule 'cooling_off'" in refused.stderr
    assert "unknown invariant 'collective_sanction'" in refused.stderr


def test_the_plugin_lint_check_reports(plugin_path: Path) -> None:
    shown = govsim_with(
        plugin_path,
        "lint",
        "rules/riverside-cooling.govsim.yaml",
        "--org",
        "../../../scenarios/tutorial/riverside.govsim.yaml",
        "--json",
        cwd=DEMO,
    )
    assert shown.returncode in (0, 1), shown.stderr
    assert '"code": "unsourced-clause"' in shown.stdout
    assert "clause 3a cites no source" in shown.stdout
    text = govsim_with(
        plugin_path,
        "lint",
        "rules/riverside-cooling.govsim.yaml",
        "--org",
        "../../../scenarios/tutorial/riverside.govsim.yaml",
        cwd=DEMO,
    ).stdout
    block = text[text.index("clause 3a cites no source") :].split("\n\n")[0]
    # The finding endangers no invariant, and the block says nothing of one.
    assert "fix" in block
    assert "endangers" not in block


def test_the_schema_and_the_reference_show_the_plugin_rule(
    plugin_path: Path, tmp_path: Path
) -> None:
    schema = govsim_with(plugin_path, "schema", "rulebook")
    assert schema.returncode == 0, schema.stderr
    assert '"cooling_off"' in schema.stdout
    assert '"cooling_off"' not in govsim_with(None, "schema", "rulebook").stdout
    env = {**os.environ, "PYTHONPATH": str(plugin_path)}
    subprocess.run(
        [sys.executable, "-m", "govsim.reference", str(tmp_path)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    page = (tmp_path / "requirements.md").read_text(encoding="utf-8")
    assert "## Rules from installed plugins" in page
    assert "### cooling_off" in page
    assert "Provided by govsim-example-plugin 0.1.0" in page
