"""The page model of a mutation report: a mutation run's JSON document, checked.

``govsim mutate BOOK --scenarios ... --out DIR`` writes ``DIR/mutation.json``:
the book and scenarios it ran, the score (killed out of killed and survived),
every mutant with its status, and the book's clause coverage. This module
declares that document as pydantic models, so a damaged file is refused
with the fields that are wrong instead of failing half way through the page,
and adds what the page shows beyond the raw figures: survivors grouped by
clause in the book's order, the clauses no scenario consulted, and whether
the score passed its gate. :mod:`govsim.reports.mutation_report` reads the
file and renders ``templates/mutation.html.j2`` from this model.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictFloat,
    StrictInt,
    StrictStr,
    ValidationError,
)
from pydantic_core import ErrorDetails

from govsim.documents.wording import plain_message
from govsim.errors import UsageError

__all__ = [
    "KIND",
    "Change",
    "ClauseCoverage",
    "ClauseSurvivors",
    "Counts",
    "Coverage",
    "Explore",
    "KilledBy",
    "MutantRecord",
    "MutationDocument",
    "ScenarioRun",
    "mutation_document",
]

KIND: Final = "mutation"
"""The ``kind`` of a mutation run's document."""
_SHOWN: Final = 5
"""Problems named in one message; the rest are counted."""

Status = Literal["killed", "survived", "equivalent"]


class _Record(BaseModel):
    """Base of the document's parts: read-only; keys a newer govsim adds are kept."""

    model_config = ConfigDict(extra="allow", frozen=True)


class ScenarioRun(_Record):
    """A scenario every mutant was replayed on."""

    path: StrictStr
    id: StrictStr
    expectations: StrictInt = Field(ge=0)


class Explore(_Record):
    """The bounded property search run on each mutant (``--explore N``)."""

    examples: StrictInt = Field(ge=0)
    seed: StrictInt
    invariants: list[StrictStr]
    broken_by_book: list[StrictStr] = []
    """Invariants the book itself breaks, so a mutant breaking them kills nothing."""


class Counts(_Record):
    """How many mutants were made, and of each status."""

    mutants: StrictInt = Field(ge=0)
    killed: StrictInt = Field(ge=0)
    survived: StrictInt = Field(ge=0)
    equivalent: StrictInt = Field(ge=0)


class KilledBy(_Record):
    """One way a scenario told a mutant from the book."""

    scenario: StrictStr
    how: StrictStr
    """``expectation``, ``invariant`` or ``explore``."""
    detail: StrictStr


class Change(_Record):
    """One act whose verdict under the mutant differs from the book's."""

    scenario: StrictStr
    act: StrictStr
    kind: StrictStr
    actor: StrictStr
    before: StrictStr
    after: StrictStr


class MutantRecord(_Record):
    """One mutant: a one-step damage to one clause, and what became of it."""

    id: StrictStr
    operator: StrictStr
    clause: StrictStr
    label: StrictStr
    description: StrictStr
    status: Status
    killed_by: list[KilledBy] = []
    changes: list[Change] = []
    reasoned: list[Change] = []
    """Acts judged the same for other reasons (when the document lists them)."""
    suggestion: StrictStr | None = None
    variant: StrictStr | None = None
    """The survivor's variant book, relative to the run's folder (with ``--out``)."""


class ClauseCoverage(_Record):
    """How often one clause was consulted in deciding a verdict, and by which scenarios."""

    clause: StrictStr
    title: StrictStr | None = None
    granting: StrictInt = Field(ge=0)
    denying: StrictInt = Field(ge=0)
    requiring: StrictInt = Field(ge=0)
    deciding: StrictInt = Field(ge=0)
    total: StrictInt = Field(ge=0)
    scenarios: list[StrictStr]

    @property
    def consulted(self) -> bool:
        """Whether some scenario consulted the clause at all."""
        return self.total > 0


class Coverage(_Record):
    """Clause coverage over the scenarios: every clause of the book, in its order."""

    consulted: StrictInt = Field(ge=0)
    clauses: StrictInt = Field(ge=0)
    by_clause: list[ClauseCoverage]


@dataclass(frozen=True)
class ClauseSurvivors:
    """The mutants of one clause that no scenario killed."""

    clause: str
    title: str | None
    mutants: tuple[MutantRecord, ...]


class MutationDocument(_Record):
    """A mutation run, as ``govsim mutate --json`` prints it and ``--out`` keeps it."""

    kind: Literal["mutation"]
    govsim: StrictStr
    book: StrictStr
    title: StrictStr | None = None
    book_file: StrictStr
    scenarios: list[ScenarioRun]
    operators: list[StrictStr]
    explore: Explore | None = None
    score: StrictFloat | None = Field(ge=0, le=1)
    min_score: StrictFloat | None = Field(default=None, ge=0, le=1)
    counts: Counts
    mutants: list[MutantRecord]
    coverage: Coverage
    seconds: StrictFloat = Field(ge=0)
    executor: StrictStr

    @property
    def passed(self) -> bool | None:
        """Whether the score reached ``min_score``; ``None`` with no gate or no score."""
        if self.min_score is None or self.score is None:
            return None
        return self.score >= self.min_score

    def of_status(self, status: Status) -> tuple[MutantRecord, ...]:
        """The mutants of one status, in the run's order."""
        return tuple(m for m in self.mutants if m.status == status)

    @property
    def survivors(self) -> tuple[ClauseSurvivors, ...]:
        """The survivors grouped by clause, clauses in the book's order.

        A clause the coverage does not list (it should list every one)
        follows the others, in the order its first survivor appears.
        """
        titles = {c.clause: c.title for c in self.coverage.by_clause}
        survived = self.of_status("survived")
        order = list(dict.fromkeys([*titles, *(m.clause for m in survived)]))
        groups = (
            ClauseSurvivors(
                clause,
                titles.get(clause),
                tuple(m for m in survived if m.clause == clause),
            )
            for clause in order
        )
        return tuple(g for g in groups if g.mutants)

    @property
    def never_consulted(self) -> tuple[ClauseCoverage, ...]:
        """The clauses no scenario consulted, in the book's order."""
        return tuple(c for c in self.coverage.by_clause if not c.consulted)

    def scenario_path(self, scenario: str) -> str | None:
        """The file of a scenario named by id, as the run was given it."""
        return next((s.path for s in self.scenarios if s.id == scenario), None)


def _problem(item: ErrorDetails) -> str:
    """One validation error in the house's words: ``counts.killed: is required``."""
    where = ".".join(str(part) for part in item["loc"])
    message = plain_message(item) or item["msg"]
    return f"{where}: {message}" if where else message


def mutation_document(data: object, where: str) -> MutationDocument:
    """Check a mutation run's JSON data and return it as the page model.

    Args:
        data: the parsed JSON document.
        where: what the data was read from (the file's path), for messages.

    Raises:
        UsageError: the data is not a mapping, its ``kind`` is not
            ``mutation``, or fields are missing or of the wrong type; the
            message names ``where`` and each wrong field (the first few).
    """
    if not isinstance(data, dict):
        found = type(data).__name__ if data is not None else "null"
        raise UsageError(
            f"{where}: expected a JSON object (a govsim mutation run), found {found}"
        )
    kind = data.get("kind")
    if kind != KIND:
        said = "has no kind" if kind is None else f"is of kind {kind!r}"
        raise UsageError(
            f"{where} is not a govsim mutation run: it {said}, not {KIND!r}"
        )
    try:
        return MutationDocument.model_validate(data)
    except ValidationError as exc:
        problems = [_problem(item) for item in exc.errors()]
        lines = [f"{where}: {p}" for p in problems[:_SHOWN]]
        if len(problems) > _SHOWN:
            lines.append(f"{where}: and {len(problems) - _SHOWN} more problems")
        raise UsageError("\n".join(lines)) from None
