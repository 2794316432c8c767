"""Reports people can open: organisation charts, scenario pages, sweep pages.

This package belongs to the faces layer: it reads results through the public
API (rule books, results, comparisons, lint reports, sweep results) and turns
them into pictures and pages. Each report is built in two steps, so the
second can be tested and swapped on its own:

1. a plain *page model* (dataclasses: chart nodes and links, timeline lanes,
   rows) computed from the results, with no markup in it;
2. a *rendering* of that model: SVG drawn here in pure Python, Mermaid and
   DOT text, or an HTML page through Jinja2 (extra ``govsim[report]``; a
   sweep's plots need matplotlib, extra ``govsim[plots]``).

Charts and timelines are drawn without Graphviz or a browser, so
``govsim graph`` works on the light default install; HTML pages need the
``report`` extra and say so when it is missing.
"""
