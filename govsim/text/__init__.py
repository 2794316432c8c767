"""Text for a terminal or a pipe: wrapped at spaces, printed as written, tables fitted.

A leaf below every layer that shows something, so that a result, a
comparison or a lint report can show itself (``__rich__``, an explanation
wrapped to the console) with the same helpers the command line prints with:
:mod:`govsim.text.wrapping` breaks lines only between words,
:mod:`govsim.text.plain` prints a user's text without reading it as markup,
and :mod:`govsim.text.terminal` makes the consoles and draws tables without
borders for a pipe. It imports rich, nothing of govsim.
"""
