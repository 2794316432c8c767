"""Make a failing history minimal: fewer acts, plainer values, shorter gaps.

Hypothesis shrinks the choices it made; a procedure designer wants the
shortest story that still breaks the design. Working on acts directly is both
faster (a candidate costs one replay, about a millisecond an act) and
sharper: an act is dropped together with every later act that refers to it
(a decision and the override of it go together), fields fall back to the
vocabulary's simplest option, gaps between acts close up, and acts are
renumbered ``a1, a2, ...``. The result is 1-minimal: removing any one act
(with its dependants) or simplifying any one field makes the breach go away.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from govsim.engine.replay import Session, Trace
from govsim.engine.trace import Breach
from govsim.invariants import Monitor
from govsim.model.acts import ActBase
from govsim.probing.trial import Chosen, Design
from govsim.probing.vocabulary import FIELDS, Ledger, Offset, slots

__all__ = ["History", "minimise", "replay_history"]

History = list[tuple[str, ActBase]]

_ACT_REFS = ("decision", "measure", "appeal", "subject", "about")
_LISTS = ("bodies", "subjects")
"""List fields that may name a body an earlier act created."""
_USES = (
    "case",
    "mandate",
    "proposal",
    "about",
    "body",
    "to",
    "obligee",
    "successor",
    "investigator",
    "office",
    "by",
)


def replay_history(
    design: Design,
    chosen: Chosen,
    acts: Sequence[tuple[str, ActBase]],
    start: dt.date,
    end: dt.date,
) -> Trace:
    """Replay a history from scratch with the chosen invariants watching."""
    monitor = Monitor(chosen, design.organisation, design.book) if chosen else None
    session = Session(design.organisation, design.book, start, monitor)
    for act_id, act in acts:
        session.perform(act_id, act)
    return session.finish(max(end, acts[-1][1].at) if acts else end)


def _names(act: ActBase, fields: Sequence[str]) -> set[str]:
    out: set[str] = set()
    for name in fields:
        value = getattr(act, name, None)
        if isinstance(value, str):
            out.add(value)
        elif isinstance(value, tuple):
            out |= {v for v in value if isinstance(v, str)}
    return out


def _dependants(history: History, index: int) -> set[int]:
    """The act at ``index`` and, transitively, every later act referring to it.

    Referring means naming its id or anything it defines (a case, a body).
    """
    gone = {index}
    defined = {history[index][0]} | _defines(history[index][1])
    for j in range(index + 1, len(history)):
        act_id, act = history[j]
        if defined & (_names(act, _ACT_REFS) | _names(act, _USES)):
            gone.add(j)
            defined |= {act_id} | _defines(act)
    return gone


def _defines(act: ActBase) -> set[str]:
    """The ids an act introduces (a case, a body, a mandate), not those it uses."""
    return _names(act, tuple(type(act).DEFINES))


def _renumber(history: History, taken: frozenset[str] = frozenset()) -> History:
    """Number acts ``a1, a2, ...`` and what they define afresh, rewriting references.

    Cases, mandates, proposals and bodies an act defines are numbered by
    kind (``k1``, ``m1``...); ``taken`` holds the organisation's own ids, which new names avoid.
    """
    mapping = {old: f"a{i + 1}" for i, (old, _) in enumerate(history)}
    counters: dict[str, int] = {}
    for _, act in history:
        for old in sorted(_defines(act)):
            prefix = old.rstrip("0123456789") or "x"
            while True:
                counters[prefix] = counters.get(prefix, 0) + 1
                new = f"{prefix}{counters[prefix]}"
                if new not in taken and new not in mapping.values():
                    break
            mapping[old] = new
    out: History = []
    for old, act in history:
        update: dict[str, Any] = {"id": mapping[old]}
        for name in (*_ACT_REFS, *_USES, *_LISTS, *type(act).DEFINES):
            value = getattr(act, name, None)
            if isinstance(value, str) and value in mapping:
                update[name] = mapping[value]
            elif isinstance(value, tuple) and any(v in mapping for v in value):
                update[name] = tuple(
                    mapping.get(v, v) if isinstance(v, str) else v for v in value
                )
        out.append((mapping[old], act.model_copy(update=update)))
    return out


def _simpler_values(
    history: History, design: Design, index: int
) -> list[tuple[str, Any]]:
    """(field, simpler value) pairs worth trying for one act.

    That is the vocabulary's first option for the field, and ``None`` for an
    optional reference.
    """
    ledger = Ledger(design.organisation)
    for act_id, act in history[:index]:
        ledger.enter(act_id, act)
    act = history[index][1]
    chosen: dict[str, Any] = {}
    tries: list[tuple[str, Any]] = []
    for name in FIELDS.get(act.act, {}):
        if name in {"by", "id"}:
            chosen[name] = getattr(act, name)
            continue
        slot = slots(act.act, ledger, chosen)
        current = getattr(act, name, None)
        chosen[name] = current
        if slot is None or not slot.options:
            continue
        first = slot.options[0]
        if isinstance(first, Offset):
            continue  # dates are shortened with the gaps
        if first != current and not (first is None and current in ((), None)):
            tries.append((name, first))
        if None in slot.options[1:] and current is not None:
            # Detaching an act from an optional reference (a sanction from its
            # case) lets the act that defined it go in the next round.
            tries.append((name, None))
    return tries


def minimise(
    design: Design,
    chosen: Chosen,
    history: History,
    start: dt.date,
    invariant: str,
    end_of: Callable[[dt.date], dt.date],
) -> tuple[History, Trace, Breach]:
    """The smallest history found that still breaks ``invariant``, its replay and breach.

    ``end_of`` gives the last day of a history from the date of its last act
    (deadline invariants need time to pass; safety ones do not).
    """
    taken = frozenset(design.organisation.persons) | frozenset(
        design.organisation.bodies
    )

    def breaks(candidate: History) -> tuple[Trace, Breach] | None:
        if not candidate:
            return None
        try:
            numbered = _renumber(candidate, taken)
            trace = replay_history(
                design, chosen, numbered, start, end_of(numbered[-1][1].at)
            )
        except (ValueError, KeyError):
            return None  # a simplification the engine or the model refuses
        found = next((b for b in trace.breaches if b.invariant == invariant), None)
        return None if found is None else (trace, found)

    current = list(history)
    changed = True
    while changed:
        changed = False
        i = len(current) - 1
        while i >= 0:
            gone = _dependants(current, i)
            candidate = [a for j, a in enumerate(current) if j not in gone]
            if breaks(candidate):
                current, changed = candidate, True
            i = min(i, len(current)) - 1
        for i in range(len(current)):
            for name, value in _simpler_values(current, design, i):
                act_id, act = current[i]
                try:
                    simpler = act.model_validate(
                        act.model_dump(by_alias=True) | {name: value}
                    )
                except ValueError:
                    continue
                candidate = [*current[:i], (act_id, simpler), *current[i + 1 :]]
                if breaks(candidate):
                    current, changed = candidate, True
    current = _close_gaps(current, start, breaks)
    result = breaks(current)
    assert result is not None, "minimising lost the breach"
    return _renumber(current, taken), *result


def _close_gaps(
    history: History, start: dt.date, breaks: Callable[[History], object]
) -> History:
    """Move each act as early as it can go while the breach stays.

    An act goes to the day after the one before it; the dates it states for
    itself (an end, a review) and every later act move with it.
    """
    current = history
    previous = start
    for i in range(len(current)):
        act_id, act = current[i]
        target = previous + dt.timedelta(days=1)
        if act.at > target:
            shift = target - act.at
            moved = act.model_copy(update=_shifted(act, shift))
            candidate = [*current[:i], (act_id, moved), *current[i + 1 :]]
            later = [
                (aid, a.model_copy(update=_shifted(a, shift)))
                for aid, a in candidate[i + 1 :]
            ]
            candidate = [*candidate[: i + 1], *later]
            if breaks(candidate):
                current = candidate
        previous = current[i][1].at
    return current


def _shifted(act: ActBase, shift: dt.timedelta) -> dict[str, Any]:
    """Every date field of an act moved by ``shift``."""
    update: dict[str, Any] = {}
    for name in type(act).model_fields:
        value = getattr(act, name)
        if isinstance(value, dt.date) and name not in {"conduct_at"}:
            update[name] = value + shift
    return update
