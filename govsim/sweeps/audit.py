"""Checking a sweep folder before it is resumed: nothing on disk is trusted.

A sweep folder may have been damaged since it was written: a chunk
truncated, garbled, deleted or overwritten, a manifest edited or lost. To
resume, :func:`take_up` checks every chunk — the ones the manifest lists, in
its order, then any ``runs-*.parquet`` it does not list, by name — and keeps
a chunk only if it reads back whole (page checksums), has the sweep's
columns, carries the sweep's spec hash (a chunk the manifest does not list
must), holds each run id once with the seed the plan gives it, holds exactly
the ids the manifest lists for it, and none that a chunk kept before holds.
Every other file is moved into ``damaged/`` — never deleted, so nothing is
lost — with a note saying why, and its runs that no kept chunk holds are run
again. A damaged manifest is moved there too and rebuilt from the plan and
the chunks that check out.
"""

from __future__ import annotations

from bisect import bisect_right, insort
from pathlib import Path
from typing import Any, Final

from govsim.errors import UsageError
from govsim.sweeps.chunks import (
    CHUNK_GLOB,
    ChunkDamage,
    claimed_ranges,
    ranges,
    read_chunk,
    span_text,
    spec_hash_of,
)
from govsim.sweeps.manifest import (
    MANIFEST,
    MISSING,
    load_manifest,
    new_manifest,
    now,
)
from govsim.sweeps.plan import Plan

__all__ = ["DAMAGED", "check_folder", "take_up"]

DAMAGED: Final = "damaged"
"""The subfolder where damaged files are moved, never deleted."""


def _changed(folder: Path) -> UsageError:
    return UsageError(
        f"cannot resume {folder}: the spec has changed since that sweep started "
        "(runs, seed, books, grid, measures or target); run it into another --out"
    )


def _foreign(folder: Path, data: object, plan: Plan) -> bool:
    """Whether a folder with a damaged manifest shows it was another spec's.

    The chunks' hashes tell, when they carry one: they are intact where the
    manifest is not. Otherwise the damaged manifest's own hash, if readable.
    """
    hashes = {spec_hash_of(path) for path in folder.glob(CHUNK_GLOB)} - {None}
    if hashes:
        return plan.digest not in hashes
    if isinstance(data, dict) and isinstance(data.get("spec_hash"), str):
        return bool(data["spec_hash"] != plan.digest)
    return False


def check_folder(folder: Path, plan: Plan, *, resume: bool) -> bool:
    """Whether a sweep may write into ``folder``, and whether it takes one up.

    Returns:
        True to resume the sweep in the folder, False to start afresh (the
        folder is absent or empty, and ``resume`` was not asked).

    Raises:
        UsageError: a folder in use without ``resume``; with ``resume``, a
            folder that is absent or empty, holds no sweep, or holds one
            made from a different spec.
    """
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"--out {folder} is a file, not a folder")
    if not (folder.is_dir() and any(folder.iterdir())):
        if resume:
            state = "is empty" if folder.is_dir() else "does not exist"
            raise UsageError(
                f"nothing to resume in {folder}: it {state}; drop --resume to "
                "start the sweep"
            )
        return False
    if not resume:
        raise UsageError(
            f"{folder} already holds results: pass --resume to complete "
            "that sweep, or choose another --out"
        )
    data, problems = load_manifest(folder)
    if problems == [MISSING] and not any(folder.glob(CHUNK_GLOB)):
        raise UsageError(
            f"nothing to resume in {folder}: it holds no sweep (no {MANIFEST}, "
            "no runs-*.parquet); choose another --out"
        )
    _refuse_another_spec(folder, data, problems, plan)
    return True


def _refuse_another_spec(
    folder: Path, data: Any, problems: list[str], plan: Plan
) -> None:
    """Refuse a folder whose sweep was made from another spec than the plan's."""
    if problems and _foreign(folder, data, plan):
        raise _changed(folder)
    if not problems and data["spec_hash"] != plan.digest:
        raise _changed(folder)


def _plan_problems(manifest: dict[str, Any], plan: Plan) -> list[str]:
    """Where a manifest with the plan's spec hash still disagrees with the plan."""
    problems = []
    if manifest["total_runs"] != plan.total:
        problems.append(
            f"total_runs: {manifest['total_runs']}, but the spec plans {plan.total}"
        )
    if manifest["columns"] != list(plan.columns):
        problems.append("columns: not the columns the spec gives")
    return problems


def _keep(folder: Path, path: Path) -> Path:
    """Move a damaged file into ``damaged/`` under a name not yet taken there.

    Raises:
        UsageError: the file cannot be moved (the message says why); it is
            left where it is, and nothing is deleted.
    """
    shelf = folder / DAMAGED
    target, n = shelf / path.name, 1
    try:
        shelf.mkdir(exist_ok=True)
        while target.exists():
            target, n = shelf / f"{path.stem}.{n}{path.suffix}", n + 1
        path.replace(target)
    except OSError as exc:
        raise UsageError(
            f"cannot resume {folder}: {path} is damaged, but moving it to "
            f"{target} failed: {exc.strerror or exc}"
        ) from None
    return target


class _Kept:
    """The run ids of the chunks kept so far, as disjoint ranges by first id.

    Ranges, not a set of ids, so a sweep of millions of runs resumes in
    little memory.
    """

    def __init__(self) -> None:
        self._spans: list[tuple[int, int, str]] = []

    def clash(self, held: list[list[int]]) -> tuple[list[int], str] | None:
        """The first run ids in ``held`` a kept chunk holds already, and which."""
        for low, high in held:
            # Kept ranges are disjoint, so only the last one starting at or
            # before ``high`` can reach back to ``low``.
            k = bisect_right(self._spans, (high, float("inf"), "")) - 1
            if k >= 0 and self._spans[k][1] >= low:
                first, last, name = self._spans[k]
                return [max(low, first), min(high, last)], name
        return None

    def add(self, held: list[list[int]], name: str) -> None:
        """Keep a chunk's ranges."""
        for low, high in held:
            insort(self._spans, (low, high, name))


def _check_ids(
    plan: Plan, found: Any, claim: list[list[int]] | None, kept: _Kept
) -> list[list[int]]:
    """A chunk's run ids as ranges, if they are the ones it should hold."""
    ids: list[int] = found.column("run").to_pylist()
    if len(set(ids)) != len(ids):
        raise ChunkDamage("it holds a run id more than once")
    if not all(0 <= i < plan.total for i in ids):
        raise ChunkDamage(f"it holds run ids outside the plan's 0 to {plan.total - 1}")
    held = ranges(ids)
    if claim is not None and held != claim:
        raise ChunkDamage(
            f"it holds runs {span_text(held)}, but the manifest lists "
            f"{span_text(claim)} for it"
        )
    for i, seed in zip(ids, found.column("seed").to_pylist(), strict=True):
        if seed != plan.run(i).seed:
            raise ChunkDamage(f"its run {i} has seed {seed}, not the planned one")
    clash = kept.clash(held)
    if clash is not None:
        span, name = clash
        raise ChunkDamage(
            f"it holds runs {span_text([span])} that {name} holds already"
        )
    return held


def _examine(
    folder: Path,
    plan: Plan,
    name: str,
    claim: list[list[int]] | None,
    kept: _Kept,
) -> list[list[int]]:
    """The run ids of one candidate chunk, or the damage that rules it out."""
    found, digest = read_chunk(folder / name, list(plan.columns))
    if digest is not None and digest != plan.digest:
        raise ChunkDamage("it was made by another spec (its spec hash differs)")
    if digest is None and claim is None:
        raise ChunkDamage(
            "the manifest does not list it, and it carries no spec hash to show "
            "it belongs to this sweep"
        )
    return _check_ids(plan, found, claim, kept)


def _rebuilt(data: object, plan: Plan, spec: Path) -> dict[str, Any]:
    """A new manifest for the plan, keeping the dates a damaged one still has."""
    manifest = new_manifest(plan, spec)
    old = data if isinstance(data, dict) else {}
    if isinstance(old.get("started"), str):
        manifest["started"] = old["started"]
    resumed = old.get("resumed")
    if isinstance(resumed, list) and all(isinstance(t, str) for t in resumed):
        manifest["resumed"] = resumed
    if isinstance(old.get("repairs"), list):
        manifest["repairs"] = old["repairs"]
    return manifest


def take_up(folder: Path, plan: Plan, spec: Path) -> tuple[dict[str, Any], list[str]]:
    """Check a sweep folder to resume, set aside what is damaged, and say what.

    Returns:
        The manifest to carry on with (listing only chunks that check out,
        not yet written) and one note per file repaired or set aside.

    Raises:
        UsageError: the folder's manifest was made from another spec.
    """
    data, problems = load_manifest(folder)
    _refuse_another_spec(folder, data, problems, plan)
    problems = problems or _plan_problems(data, plan)
    notes: list[str] = []
    listed: list[dict[str, Any]] = []
    if problems:
        manifest = _rebuilt(data, plan, spec)
        where = folder / MANIFEST
        what = "; ".join(problems)
        if where.exists():
            what += f"; moved to {_keep(folder, where)}"
        notes.append(f"{where}: {what}; rebuilt from the spec and the chunks")
    else:
        manifest, listed = data, list(data["chunks"])
    names = {chunk["file"] for chunk in listed}
    orphans = sorted(
        p.name for p in folder.glob(CHUNK_GLOB) if p.name not in names and p.is_file()
    )
    candidates: list[tuple[str, list[list[int]] | None]]
    candidates = [(c["file"], claimed_ranges(c)) for c in listed]
    candidates += [(name, None) for name in orphans]
    kept = _Kept()
    listing: list[dict[str, Any]] = []
    for name, claim in candidates:
        path = folder / name
        if not path.is_file():
            notes.append(f"{path}: listed in the manifest, but missing")
            continue
        try:
            held = _examine(folder, plan, name, claim, kept)
        except ChunkDamage as exc:
            moved = _keep(folder, path)
            notes.append(f"{path}: {exc}; moved to {moved}")
            continue
        kept.add(held, name)
        rows = sum(high - low + 1 for low, high in held)
        listing.append({"file": name, "rows": rows, "runs": held})
        if claim is None and not problems:
            notes.append(
                f"{path}: not listed in the manifest (the sweep stopped before "
                "listing it), but it checks out: listed now"
            )
    for temp in [*folder.glob("runs-*.parquet.tmp"), folder / (MANIFEST + ".tmp")]:
        temp.unlink(missing_ok=True)  # a write cut short, never listed
    manifest["chunks"], manifest["finished"] = listing, None
    manifest.setdefault("resumed", []).append(now())
    if notes:
        done = sum(int(chunk["rows"]) for chunk in listing)
        rest = plan.total - done
        notes.append(
            f"{folder}: {done:,} of the {plan.total:,} runs check out; "
            + (f"the other {rest:,} will run" if rest else "none is to run again")
        )
        manifest.setdefault("repairs", []).append({"at": now(), "notes": notes})
    return manifest, notes
