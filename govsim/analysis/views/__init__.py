"""How the analyses print in a terminal: a comparison and a lint report.

The views ``govsim compare`` and ``govsim lint`` print, and that
``rich.print`` shows for a :class:`~govsim.analysis.compare.Comparison` or a
:class:`~govsim.analysis.lint.report.LintReport`
(:mod:`govsim.analysis.display`): :mod:`~govsim.analysis.views.matrix`, the
verdict matrix; :mod:`~govsim.analysis.views.comparison`, the matrix and the
lines that follow it; :mod:`~govsim.analysis.views.lint`, the findings by
code. They sit beside what they show, so the analyses need nothing from the
command line to show themselves.
"""
