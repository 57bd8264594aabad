"""A standalone lock-in report: summary, rankings with intervals, charts and cited evidence.

One file, HTML or Markdown, for people who do not run notebooks. The charts are drawn with
matplotlib (imported on first use) and embedded as SVG ``data:`` images, so the file reads
offline and an image can run nothing. Scores come in as plain data (the records of
:mod:`vendorgraph.analysis`, joined by the CLI); this package never scores. Article text reaches
the page HTML-escaped (or Markdown-escaped), links only for ``http(s)`` URLs, and a
Content-Security-Policy forbids scripts and fetches. The same input gives the same bytes.

The rooms of this package:

- ``data``: :class:`ReportData`, the scores shown, and how they are ranked and labelled;
- ``charts``: the charts, drawn with matplotlib as SVG bytes;
- ``sections``: the content, whatever the format (``Section``, ``Table``);
- ``embed``: chart images as ``data:`` URLs, and which URLs become links;
- ``html_page``, ``markdown_page``: the two renderings;
- ``render``: :func:`render_report` and :func:`write_report`.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("org/acme", type="ChipVendor", label="Acme <Chips>")
>>> G.add_node("org/nimbus", type="CloudProvider", label="Nimbus")
>>> data = ReportData(companies=[{"id": "org/acme", "lockin": 0.8, "exposure": 0.0}],
...                   title="Acme & Nimbus")
>>> page = render_report(G, data)
>>> "<title>Acme &amp; Nimbus</title>" in page and "Acme &lt;Chips&gt;" in page
True
>>> render_report(G, data, format="md").splitlines()[0]
'# Acme &amp; Nimbus'
"""

from __future__ import annotations

from vendorgraph.graph.view.report.data import ReportData
from vendorgraph.graph.view.report.render import FORMATS, render_report, write_report

__all__ = ["FORMATS", "ReportData", "render_report", "write_report"]
