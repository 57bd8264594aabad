"""The interactive HTML view of a vendorgraph graph, drawn with pyvis and vis-network.

The page is one self-contained file: the vis-network script and style bundled with the pyvis
package are inlined, nothing is fetched from the network, and a Content-Security-Policy forbids
it. The layout is computed here, so the browser draws at once with physics off: by default
suppliers sit above their customers by supply-chain tier (:func:`supply_tiers`: foundries and
memory, chip vendors, clouds, AI labs and other customers), or networkx's seeded force layout
on request. The page has a search box, an inspector panel (scores and evidence of the clicked
node or link), neighbour highlighting, and fit and reset buttons. Each claim is a link of its
own; links that share a pair of nodes fan out in curves. People, places and publishers are on
the page but hidden at first (:data:`HIDDEN_TYPES`), their checkboxes unticked. Every piece of
article text reaches the page either HTML-escaped (title, note, legend) or as JSON data that
the page only ever puts into ``textContent`` (labels, tooltips).
The same graph gives byte-identical HTML.

The package holds :mod:`~vendorgraph.graph.view.options`, :mod:`~vendorgraph.graph.view.selection`,
:mod:`~vendorgraph.graph.view.layout`, :mod:`~vendorgraph.graph.view.page` (the HTML view) and
:mod:`~vendorgraph.graph.view.report` (the standalone lock-in report).

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("org/acme-chips", kind="entity", type="ChipVendor", label="Acme Chips")
>>> G.add_node("org/nimbus", kind="entity", type="CloudProvider", label="Nimbus")
>>> G.add_edge("org/acme-chips", "org/nimbus", key="r1", predicate="supplies",
...            evidence="Acme Chips sells its boards to Nimbus.", switching_cost=0.6)
'r1'
>>> page = render_view(G, title="Acme & Nimbus")
>>> "<title>Acme &amp; Nimbus</title>" in page
True
>>> "https://" in page.split("</head>")[1]
False
"""

from vendorgraph.graph.view.layout import supply_tiers
from vendorgraph.graph.view.options import (
    HIDDEN_TYPES,
    LAYOUTS,
    TYPE_STYLES,
    TypeStyle,
    ViewOptions,
)
from vendorgraph.graph.view.page import render_view, script_json, write_view

__all__ = [
    "HIDDEN_TYPES",
    "LAYOUTS",
    "TYPE_STYLES",
    "TypeStyle",
    "ViewOptions",
    "render_view",
    "script_json",
    "supply_tiers",
    "write_view",
]
