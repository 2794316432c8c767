"""Analyses across rule books: what changes when the same history meets another book.

:mod:`govsim.analysis.compare` replays one scenario under several books and
lines the verdicts up act by act, with where each replay ended
(:mod:`govsim.findings.outcomes`: parties' statuses, open cases, time to a
decision taking effect, deadlines missed). Nothing here changes how an act is judged:
the engine's verdicts are read, never recomputed.
"""
