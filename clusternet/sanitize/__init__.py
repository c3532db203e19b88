"""One sanitiser per output medium, used by every output of that medium.

Survey text comes from many hands and is shown literally everywhere; each medium has its own way
of turning text into something else, and its own sanitiser that stops it:

| medium | module | what survey text could otherwise do |
|---|---|---|
| CSV (any separator locale) | :mod:`clusternet.sanitize.csv` | run as a formula, split a field |
| XML (GEXF, GraphML, SVG, XLSX) | :mod:`clusternet.sanitize.xml` | make the file unreadable |
| pictures (PNG, SVG, PDF) | :mod:`clusternet.sanitize.picture` | make an SVG unreadable, make a PDF fail |
| terminal | :mod:`clusternet.sanitize.terminal` | clear the screen, write the clipboard, hide lines |
| Markdown and HTML | :mod:`clusternet.sanitize.markup` | become a link, an image, a heading or markup |
"""
