"""An example govsim plugin, kept in govsim's repository and installed by its tests.

It adds, through entry points (see ``pyproject.toml`` beside it):

* the invariant ``collective_sanction``: no member is sanctioned by one
  person acting alone (:mod:`.invariants`);
* the requirement rule ``cooling_off``: a decision in a case waits some
  days after the case was opened (:mod:`.requirements`);
* the lint check ``unsourced-clause``: a clause that cites no source
  (:mod:`.lint`).

Nothing here is imported by govsim until a registry is first read; importing
this package registers nothing by itself.
"""
