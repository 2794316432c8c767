"""The minimal example of every act kind: the fewest acts that give it meaning.

Each is replayed when the reference is generated (see
:mod:`govsim.reference.examples`); what is written here is only the history,
never the verdict.
"""

from __future__ import annotations

from govsim.reference.act_examples_cases import CASE_EXAMPLES
from govsim.reference.act_examples_organs import ORGAN_EXAMPLES
from govsim.reference.examples import Example

__all__ = ["ACT_EXAMPLES"]

ACT_EXAMPLES: dict[str, Example] = dict(
    sorted({**CASE_EXAMPLES, **ORGAN_EXAMPLES}.items())
)
"""Act kind to its minimal example, in name order."""
