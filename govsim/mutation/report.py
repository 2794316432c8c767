"""A mutation run as JSON, as plain lines for the terminal, and as files.

:func:`run_data` is the JSON document (``govsim mutate --json`` and
``mutation.json`` in ``--out``), which ``govsim report`` reads back;
:func:`summary_lines` the terminal's account: the score, the survivors by
clause with what would kill each, and the clause coverage.
:func:`write_run` writes the folder: the document, and each survivor's
variant book, a small file that ``extends`` the book and restates only the
damaged clause, so that ``govsim compare SCENARIO -r BOOK -r VARIANT``
shows by hand what no scenario expected.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, replace
from itertools import groupby
from pathlib import Path
from typing import Any

from govsim.__about__ import __version__
from govsim.documents.paths import shown_path
from govsim.documents.writing import dump_yaml
from govsim.model.rulebook import Clause
from govsim.mutation.classify import MutantResult
from govsim.mutation.coverage import coverage_lines
from govsim.mutation.running import MutationRun

__all__ = ["result_data", "run_data", "summary_lines", "write_run"]

SURVIVORS = "survivors"
"""The folder, inside ``--out``, of the survivors' variant books."""


def result_data(result: MutantResult) -> dict[str, Any]:
    """One mutant's entry in the JSON document."""
    m = result.mutant
    return {
        "id": m.id,
        "operator": m.operator,
        "clause": m.clause,
        "label": m.label,
        "description": m.description,
        "status": result.status,
        "killed_by": [
            {"scenario": k.scenario, "how": k.how, "detail": k.detail}
            for k in result.killed_by
        ],
        "changes": [asdict(c) for c in result.changes],
        "reasoned": [asdict(c) for c in result.reasoned],
        "suggestion": result.suggestion,
        "variant": result.variant,
    }


def run_data(run: MutationRun) -> dict[str, Any]:
    """The run as the JSON document ``govsim report`` reads."""
    score = run.score
    return {
        "kind": "mutation",
        "govsim": __version__,
        "book": run.book.id,
        "title": run.book.title,
        "book_file": shown_path(run.book_file),
        "scenarios": [
            {
                "path": shown_path(p),
                "id": s.scenario,
                "expectations": len(s.expectations),
            }
            for p, s in zip(run.scenarios.paths, run.baseline, strict=True)
        ],
        "operators": list(run.operators),
        "explore": None
        if run.explore is None
        else {
            "examples": run.explore.examples,
            "seed": run.explore.seed,
            "invariants": list(run.explore.invariants),
            "broken_by_book": list(run.explore.broken_by_book),
        },
        "score": None if score is None else round(score, 4),
        "min_score": run.min_score,
        "counts": {
            "mutants": len(run.results),
            "killed": run.count("killed"),
            "survived": run.count("survived"),
            "equivalent": run.count("equivalent"),
        },
        "unmet_by_book": [
            {"scenario": scenario, "expectation": expectation}
            for scenario, expectation in run.unmet_by_book()
        ],
        "mutants": [result_data(r) for r in run.results],
        "coverage": run.coverage.to_data(),
        "seconds": round(run.seconds, 3),
        "executor": run.executor,
    }


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}".replace(".0%", "%")


def summary_lines(run: MutationRun, *, verbose: bool = False) -> list[str]:
    """The run in plain lines: score, survivors by clause, coverage."""
    n = len(run.results)
    lines = [
        f"rule book {run.book.id}: {_count(n, 'mutant')} from "
        f"{_count(len(run.operators), 'operator')}, "
        f"judged by {_count(len(run.scenarios.paths), 'scenario')} in "
        f"{run.seconds:.1f} s "
        + (
            "in this process"
            if run.executor.startswith("serial")
            else f"on {run.executor}"
        ),
        f"mutation score {_percent(run.score)}: {run.count('killed')} killed, "
        f"{run.count('survived')} survived, {run.count('equivalent')} equivalent "
        "(no scenario's trace changes; left out of the score)",
    ]
    if run.explore is not None:
        searched = ", ".join(run.explore.invariants) or "none"
        lines.append(
            f"property search: {run.explore.examples} examples per mutant, seed "
            f"{run.explore.seed}, invariants the book keeps: {searched}"
        )
        if run.explore.broken_by_book:
            lines.append(
                "  broken by the book itself, so not searched: "
                + ", ".join(run.explore.broken_by_book)
            )
    unmet = run.unmet_by_book()
    if unmet:
        lines.append(
            f"{_count(len(unmet), 'expectation')} already unmet under the book "
            "itself cannot kill a mutant: "
            + "; ".join(f"{s}: {e}" for s, e in unmet[:3])
            + (" ..." if len(unmet) > 3 else "")
        )
    if run.min_score is not None:
        verdict = "passes" if run.passed else "FAILS"
        lines.append(f"minimum score {_percent(run.min_score)}: the run {verdict}")
    order = {c.id: i for i, c in enumerate(run.book.clauses)}
    survivors = sorted(
        run.survivors(), key=lambda r: order.get(r.mutant.clause, len(order))
    )
    if survivors:
        lines += ["", "Survivors, by clause:"]
        for clause, group in groupby(survivors, key=lambda r: r.mutant.clause):
            lines.append(f"  clause {clause}")
            for r in group:
                lines.append(
                    f"    {r.mutant.id} {r.mutant.operator}: {r.mutant.description}"
                )
                for c in r.changes[: None if verbose else 3]:
                    lines.append(
                        f"      {c.scenario}: {c.act} ({c.kind} by {c.actor}) "
                        f"{c.before} -> {c.after}"
                    )
                if r.suggestion:
                    lines.append(f"      to kill it: {r.suggestion}")
                if r.variant:
                    lines.append(f"      variant book: {r.variant}")
    if verbose:
        lines += ["", "Every mutant:"]
        lines += [
            f"  {r.mutant.id} {r.status:<10} {r.mutant.description}"
            + (
                f"  [{r.killed_by[0].how}: {r.killed_by[0].detail}]"
                if r.killed_by
                else ""
            )
            for r in run.results
        ]
    lines += ["", *coverage_lines(run.coverage)]
    return lines


def _variant(run: MutationRun, result: MutantResult, folder: Path) -> dict[str, Any]:
    """The survivor's book: ``extends`` the original, or whole when amendments restate it."""
    flat = run.book.document()
    mutated = result.mutant.apply(flat)
    ident = f"{run.book.id}-{result.mutant.label}"[:80]
    head: dict[str, Any] = {
        "schema_version": 1,
        "rulebook": ident,
        "title": f"{run.book.title or run.book.id}, mutated",
        "description": f"Mutant {result.mutant.id} of {run.book.id}: "
        f"{result.mutant.description}.",
    }
    if any(c.id == result.mutant.clause for a in flat.amendments for c in a.clauses):
        whole = mutated.model_dump(mode="json", exclude_defaults=True)
        return {**whole, **head}
    changed = [c for c in mutated.clauses if c.id == result.mutant.clause]
    extends = os.path.relpath(run.book_file.resolve(), folder.resolve())
    data: dict[str, Any] = {**head, "extends": Path(extends).as_posix()}
    if changed:
        data["clauses"] = [_clause(changed[0])]
    else:
        data["remove"] = [result.mutant.clause]
    return data


def _header(run: MutationRun, result: MutantResult) -> str:
    """The variant's leading comment: what it is, and how to see it by hand."""
    paths = dict(zip(run.scenarios.ids, run.scenarios.paths, strict=True))
    touched = [c.scenario for c in (*result.changes, *result.reasoned)]
    scenario = paths.get(touched[0], run.scenarios.paths[0]) if touched else None
    lines = [
        f"Mutant {result.mutant.id} of rule book {run.book.id}, which no scenario "
        f"noticed: {result.mutant.description}.",
    ]
    if result.suggestion:
        lines.append(f"To kill it: {result.suggestion}.")
    if scenario is not None:
        lines.append(
            f"See it by hand: govsim compare {shown_path(scenario)} "
            f"-r {run.book.id} -r <this file>"
        )
    return "\n".join(lines)


def _clause(clause: Clause) -> dict[str, Any]:
    return clause.model_dump(mode="json", exclude_defaults=True)


def write_run(run: MutationRun, folder: Path) -> Path:
    """Write ``mutation.json`` and the survivors' variant books into ``folder``.

    Each survivor's ``variant`` is set to its file, relative to the folder.
    Returns the path of ``mutation.json``.
    """
    from govsim.documents.paths import make_folder, write_output

    make_folder(folder, "--out")
    survivors = folder / SURVIVORS
    for i, result in enumerate(run.results):
        if result.status != "survived":
            continue
        make_folder(survivors, "--out")
        path = survivors / f"{result.mutant.label}.govsim.yaml"
        text = dump_yaml(_variant(run, result, survivors), _header(run, result))
        write_output(path, text, "--out")
        run.results[i] = replace(result, variant=f"{SURVIVORS}/{path.name}")
    target = folder / "mutation.json"
    write_output(target, json.dumps(run_data(run), indent=2) + "\n", "--out")
    return target
