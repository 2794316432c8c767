"""A property test of the tutorial's strict book (docs/tutorial.md).

For every history Hypothesis tries on the Riverside Food Co-op, no member is
sanctioned without being heard: under riverside-strict a sanction without a
hearing is void, so it never takes effect.
"""

from pathlib import Path

from govsim.testing import procedure_machine

STRICT = Path(__file__).parent / "rules" / "riverside-strict.govsim.yaml"

TestNobodySanctionedUnheard = procedure_machine(
    STRICT, invariants=["right_to_be_heard"], max_examples=10
).TestCase
